/**
 * Co-authors whose changes arrive late (`newSession({ delaySyncs: N })`). In Excel each co-author
 * edits a copy of the workbook and the copies exchange changes through the service, so what one
 * writes reaches the others some time later; until then each decides on a stale view
 * (learn.microsoft.com "Coauthoring in Excel add-ins"). excel-sim models that for the late
 * co-author's own changes:
 *
 * - each sync of a late co-author runs on a fresh copy of the workbook with its own undelivered
 *   syncs replayed on it, so it sees its own writes and everyone else's delivered ones;
 * - its sync is delivered — its actions replayed, in order, on the workbook everyone else sees —
 *   only after N syncs of the other sessions; the N following syncs of the others do not see it;
 * - a replayed action lands where it says: a write to a range overwrites whatever the others put
 *   there meanwhile (last writer wins), an insert shifts their cells, table.rows.add appends at the
 *   table's end as the table is then;
 * - table.rows.add from a stale view of a table that changed meanwhile is a merge conflict, as the
 *   same page documents ("Excel detects a merge conflict … recent changes might be lost"): the
 *   late sync is lost from that action on, and counted in stats.mergeConflicts.
 *
 * The replay does not shift a late write by rows the others inserted meanwhile (Excel's merge
 * would): stricter than Excel, never looser.
 */
import type { ExecState, QueuedAction } from "./api/base";
import type { SimRequestContext } from "./api/context";
import type { Rect } from "./model/address";
import { copyWorkbook } from "./model/copy";
import type { TableColumnModel, TableModel } from "./model/types";
import { SimModel } from "./model/workbook-model";

interface LateBatch {
  session: number;
  ctx: SimRequestContext;
  actions: QueuedAction[];
  /** Syncs of the other sessions still to pass before the batch reaches their workbook. */
  wait: number;
  /** Table extents as the co-author saw them when it made the batch (for rows.add conflicts). */
  seenTables: Map<string, Rect>;
}

/** What the co-author model needs from the workbook host (sim.ts). */
export interface LateHost {
  readonly model: SimModel;
  /** Runs f with proxies resolving on `model` (the model a sync runs on). */
  runOn<T>(model: SimModel, f: () => T): T;
  onMergeConflict(): void;
}

class MergeConflict extends Error {}

const sameRect = (a: Rect, b: Rect) => a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;

export class LateCoauthors {
  private readonly delays = new Map<number, number>();
  private pending: LateBatch[] = [];
  private epochs = 0;

  constructor(private readonly host: LateHost) {}

  setDelay(session: number, syncs: number): void {
    if (!Number.isInteger(syncs) || syncs < 0) throw new Error("delaySyncs must be a whole number ≥ 0");
    if (syncs > 0) this.delays.set(session, syncs);
  }

  isLate(session: number): boolean {
    return this.delays.has(session);
  }

  /** Undelivered syncs of late co-authors. */
  get undelivered(): number {
    return this.pending.length;
  }

  /**
   * The workbook as a late co-author sees it for its next sync: a copy of the shared workbook with
   * its own undelivered syncs replayed. `ctx` is the context about to sync on it.
   */
  viewFor(ctx: SimRequestContext): SimModel {
    const shared = this.host.model;
    const view = new SimModel([], copyWorkbook(shared.wb));
    view.calc.useTextIndex = shared.calc.useTextIndex;
    view.autoExpand = shared.autoExpand;
    for (const batch of this.pending.filter((b) => b.session === ctx._session))
      this.replay(batch, view, false);
    this.enter(ctx, view);
    view.changes = [];
    view.structure.clear();
    return view;
  }

  /** Keeps a late co-author's sync (the actions it applied) for delivery. */
  record(ctx: SimRequestContext, actions: QueuedAction[], seenTables: Map<string, Rect>): void {
    if (!actions.length) return;
    this.pending.push({
      session: ctx._session,
      ctx,
      actions,
      wait: this.delays.get(ctx._session) ?? 0,
      seenTables,
    });
  }

  /** Table extents of a model, to compare with the shared workbook at delivery. */
  static tableExtents(model: SimModel): Map<string, Rect> {
    return new Map(model.wb.tables.map((t) => [t.id, { ...t.rect }]));
  }

  /** A sync of an on-time session has run: the late syncs come one sync nearer. */
  countSync(): void {
    for (const b of this.pending) b.wait--;
  }

  /** Replays on the shared workbook the late syncs that are due (all with `all`); true if any. */
  deliver(all = false): boolean {
    const due = this.pending.filter((b) => all || b.wait <= 0);
    if (!due.length) return false;
    this.pending = this.pending.filter((b) => !due.includes(b));
    for (const batch of due) this.replay(batch, this.host.model, true);
    return true;
  }

  private enter(ctx: SimRequestContext, model: SimModel): void {
    ctx._epoch = ++this.epochs;
    ctx._rebase = (v) => rebase(v, model);
  }

  private replay(batch: LateBatch, model: SimModel, delivering: boolean): void {
    this.enter(batch.ctx, model);
    const exec: ExecState = { model, commits: [], responseBytes: 0 };
    if (delivering) {
      exec.beforeRowsAdd = (tableId) => {
        const seen = batch.seenTables.get(tableId);
        const now = model.tableById(tableId)?.rect;
        if (!seen || !now || !sameRect(seen, now)) throw new MergeConflict();
      };
    }
    model.session = batch.session;
    model.byUser = false;
    this.host.runOn(model, () => {
      for (const a of batch.actions) {
        try {
          a.run(exec);
        } catch (e) {
          // What failed on the co-author's copy failed there too; it was not in the batch.
          if (e instanceof MergeConflict) this.host.onMergeConflict();
          return;
        }
      }
    });
  }
}

/**
 * A model object a proxy captured on an earlier copy of the workbook (a loaded collection's item,
 * a range's sheet), found again in `m` by its id; null when it is not there.
 */
export function rebase(v: unknown, m: SimModel): unknown {
  if (typeof v !== "object" || v === null) return v;
  const o = v as Record<string, unknown>;
  if (o.cells instanceof Map && typeof o.id === "string") return m.sheetById(o.id) ?? null;
  if (Array.isArray(o.columns) && typeof o.sheetId === "string" && "nextColumnId" in o)
    return m.tableById(String(o.id)) ?? null;
  if ("series" in o && "axes" in o && typeof o.sheetId === "string")
    return m.sheetById(o.sheetId)?.charts.find((c) => c.id === o.id) ?? null;
  if ("sheet" in o && "rect" in o) {
    const sheet = rebase(o.sheet, m);
    return sheet === null ? null : { ...o, sheet };
  }
  if ("table" in o && ("column" in o || "index" in o)) {
    const table = rebase(o.table, m) as TableModel | null;
    if (table === null) return null;
    if (!("column" in o)) return { ...o, table };
    const id = (o.column as TableColumnModel).id;
    const column = table.columns.find((c) => c.id === id);
    return column ? { table, column } : null;
  }
  if (typeof o.formula === "string" && typeof o.name === "string" && "visible" in o)
    return m.nameByName(o.name) ?? null;
  return v;
}
