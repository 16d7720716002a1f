/**
 * createWorkbook(): an in-memory workbook behind an Excel.run-shaped API, with sync counting,
 * payload estimates, fault injection, co-author contexts, change events, user edits and
 * inspection helpers for tests and the preview.
 */
import { isSimError, SimError, simError } from "./errors";
import { parseAddress, type Rect, rectAddress } from "./model/address";
import type { ChangeRecord } from "./model/model-core";
import { SimModel } from "./model/workbook-model";
import type { ExecState, QueuedAction } from "./api/base";
import { type HandlerRegistration, type SimHostLike, SimRequestContext } from "./api/context";
import { SimWorkbookProxy } from "./api/workbook";
import { LateCoauthors } from "./coauthors";
import { makeInspector } from "./inspector";
import type {
  SimBatch,
  SimChangeEvent,
  SimFault,
  SimInspector,
  SimOptions,
  SimRun,
  SimRunOptions,
  SimSessionOptions,
  SimStats,
  SimWorkbook,
  UserEditResult,
} from "./sim-types";

const DEFAULT_LIMIT = 5 * 1024 * 1024;
const REMOTE_USER_SESSION = -1;

function emptyStats(): SimStats {
  return {
    syncs: 0,
    roundTrips: 0,
    payloadBytes: [],
    requestBytes: [],
    responseBytes: [],
    maxPayloadBytes: 0,
    totalPayloadBytes: 0,
    actions: 0,
    failedSyncs: 0,
    tableRowsAdd: 0,
    syncActions: [],
    mergeConflicts: 0,
    eventHandlerErrors: [],
  };
}

class WorkbookHost implements SimHostLike, SimWorkbook {
  readonly model: SimModel;
  stats: SimStats = emptyStats();
  private limit: number;
  private failures = new Map<number, { error?: Error | string; fault?: SimFault }>();
  /** The model a sync is running on when it is not the shared one (a late co-author's copy). */
  private executing: SimModel | null = null;
  private readonly late: LateCoauthors = new LateCoauthors(this);
  private cellEdit: { ended: Promise<void>; end: () => void } | null = null;
  private registrations: HandlerRegistration[] = [];
  private listeners = new Set<(e: SimChangeEvent) => void>();
  private eventChain: Promise<void> = Promise.resolve();
  private pendingEvents = 0;
  private sessions = 0;
  readonly inspect: SimInspector;

  constructor(options: SimOptions = {}) {
    this.model = new SimModel(options.sheets ?? ["Sheet1"]);
    this.model.calc.useTextIndex = options.criteriaIndex ?? true;
    this.limit = options.payloadLimitBytes ?? DEFAULT_LIMIT;
    this.inspect = makeInspector(this.model);
    // Bound, like Excel.run: `const run = sim.run` works.
    this.run = this.run.bind(this);
  }

  // ---------------------------------------------------------------- host interface

  createWorkbookProxy(ctx: SimRequestContext): SimWorkbookProxy {
    return new SimWorkbookProxy(ctx);
  }

  registerHandler(reg: HandlerRegistration): void {
    this.registrations.push(reg);
  }

  unregisterHandler(reg: HandlerRegistration): void {
    this.registrations = this.registrations.filter((r) => r !== reg);
  }

  /** The model proxies resolve on now: a late co-author's copy while its sync runs, else the shared one. */
  get modelInUse(): SimModel {
    return this.executing ?? this.model;
  }

  runOn<T>(model: SimModel, f: () => T): T {
    const before = this.executing;
    this.executing = model;
    try {
      return f();
    } finally {
      this.executing = before;
    }
  }

  onMergeConflict(): void {
    this.stats.mergeConflicts++;
  }

  async syncContext(ctx: SimRequestContext): Promise<void> {
    const actions = ctx._queue;
    ctx._queue = [];
    this.stats.syncs++;
    const ordinal = this.stats.syncs;
    // A sync is a round trip: it never completes synchronously.
    await Promise.resolve();
    const injected = this.failures.get(ordinal);
    this.failures.delete(ordinal);
    if (injected && injected.fault?.afterActions === undefined) {
      this.stats.failedSyncs++;
      this.stats.syncActions.push(0);
      this.recordPayload(0, 0);
      throw injectedError(injected.error);
    }
    if (actions.length && ctx._closed) {
      this.stats.failedSyncs++;
      this.stats.syncActions.push(0);
      throw simError("InvalidObjectPath", undefined, "RequestContext.sync");
    }
    if (!actions.length) {
      this.stats.syncActions.push(0);
      this.recordPayload(0, 0);
      return;
    }
    await this.waitForCellEdit(ctx);
    this.stats.roundTrips++;
    const requestBytes = actions.reduce((n, a) => n + a.bytes, 64);
    if (requestBytes > this.limit) {
      this.stats.failedSyncs++;
      this.recordPayload(requestBytes, 0);
      throw simError(
        "RequestPayloadSizeLimitExceeded",
        `The request is about ${requestBytes} bytes; the limit is ${this.limit}.`,
        "RequestContext.sync",
      );
    }
    const lateSession = this.late.isLate(ctx._session);
    if (!lateSession) this.late.deliver();
    const model = lateSession ? this.late.viewFor(ctx) : this.model;
    const seenTables = lateSession ? LateCoauthors.tableExtents(model) : null;
    const exec: ExecState = { model, commits: [], responseBytes: 0 };
    model.session = ctx._session;
    model.byUser = false;
    const cut = injected?.fault?.afterActions;
    const run = this.runOn(model, () => this.apply(actions, exec, cut));
    const applied = run.applied;
    let error: Error | null = run.error;
    this.stats.syncActions.push(actions.length);
    if (!error && cut !== undefined) error = injectedError(injected?.error);
    if (!error && exec.responseBytes > this.limit) {
      error = simError(
        "ResponsePayloadSizeLimitExceeded",
        `The response is about ${exec.responseBytes} bytes; the limit is ${this.limit}.`,
        "RequestContext.sync",
      );
    }
    if (!error) for (const c of exec.commits) c();
    this.recordPayload(requestBytes, exec.responseBytes);
    if (lateSession) {
      // The co-author's change stays on its copy until delivered; handlers registered in this
      // sync start counting changes at delivery.
      this.late.record(ctx, actions.slice(0, applied), seenTables!);
      for (const reg of this.registrations) reg.fromChange = undefined;
    } else {
      this.late.countSync();
      this.afterChange();
    }
    if (error) {
      this.stats.failedSyncs++;
      throw error;
    }
  }

  /** Applies the actions in order until one fails (or `cut` of them were applied). */
  private apply(
    actions: QueuedAction[],
    exec: ExecState,
    cut: number | undefined,
  ): { applied: number; error: SimError | null } {
    let applied = 0;
    for (const a of actions) {
      if (cut !== undefined && applied >= cut) break;
      this.stats.actions++;
      if (a.counter === "tableRowsAdd") this.stats.tableRowsAdd++;
      try {
        a.run(exec);
      } catch (e) {
        return { applied, error: toSimError(e, a.location) };
      }
      applied++;
    }
    return { applied, error: null };
  }

  /** Desktop Excel refuses a batch while the user edits a cell, or holds it when the run asked to. */
  private async waitForCellEdit(ctx: SimRequestContext): Promise<void> {
    while (this.cellEdit) {
      if (!ctx._delayForCellEdit) {
        this.stats.failedSyncs++;
        this.stats.syncActions.push(0);
        throw simError("InvalidOperationInCellEditMode", undefined, "RequestContext.sync");
      }
      await this.cellEdit.ended;
    }
  }

  private recordPayload(req: number, res: number): void {
    const total = req + res;
    this.stats.requestBytes.push(req);
    this.stats.responseBytes.push(res);
    this.stats.payloadBytes.push(total);
    this.stats.totalPayloadBytes += total;
    if (total > this.stats.maxPayloadBytes) this.stats.maxPayloadBytes = total;
  }

  /** Notifies subscribers and queues event handlers for the changes just made. */
  private afterChange(): void {
    const changes = this.model.changes;
    this.model.changes = [];
    const structure = [...this.model.structure];
    this.model.structure.clear();
    if (!changes.length && !structure.length) return;
    for (const l of this.listeners) {
      try {
        l({ changes, structure });
      } catch (e) {
        this.stats.eventHandlerErrors.push(e);
      }
    }
    const calls: { reg: HandlerRegistration; args: unknown }[] = [];
    changes.forEach((ch, i) => {
      for (const reg of this.registrations) {
        if (reg.fromChange !== undefined && i < reg.fromChange) continue;
        const args = this.eventArgs(reg, ch);
        if (args) calls.push({ reg, args });
      }
    });
    for (const reg of this.registrations) reg.fromChange = undefined;
    if (!calls.length) return;
    this.pendingEvents++;
    this.eventChain = this.eventChain
      .then(() => new Promise<void>((r) => setTimeout(r, 0)))
      .then(async () => {
        for (const { reg, args } of calls) {
          try {
            await reg.handler(args);
          } catch (e) {
            this.stats.eventHandlerErrors.push(e);
          }
        }
      })
      .finally(() => {
        this.pendingEvents--;
      });
  }

  private eventArgs(reg: HandlerRegistration, ch: ChangeRecord): unknown {
    const sheet = this.model.sheetById(ch.sheetId);
    const source = reg.session === ch.session && ch.session !== REMOTE_USER_SESSION ? "Local" : "Remote";
    const triggerSource = reg.session === ch.session && !ch.byUser ? "ThisLocalAddin" : "Unknown";
    const mk = (type: string, rect: Rect, extra: Record<string, unknown>) => {
      const address = rectAddress(rect);
      const sheetName = sheet?.name ?? "";
      return {
        type,
        changeType: ch.changeType,
        source,
        triggerSource,
        worksheetId: ch.sheetId,
        address,
        details: ch.details,
        ...extra,
        getRange: (c: Excel.RequestContext) => c.workbook.worksheets.getItem(ch.sheetId).getRange(address),
        getRangeOrNullObject: (c: Excel.RequestContext) =>
          c.workbook.worksheets.getItemOrNullObject(ch.sheetId).getRange(address),
        toJSON: () => ({
          type,
          changeType: ch.changeType,
          source,
          worksheetId: ch.sheetId,
          address,
          sheetName,
          ...extra,
        }),
      };
    };
    switch (reg.kind) {
      case "WorksheetChanged":
        return reg.targetId === ch.sheetId ? mk("WorksheetChanged", ch.rect, {}) : null;
      case "WorksheetCollectionChanged":
        return mk("WorksheetChanged", ch.rect, {});
      case "TableChanged": {
        const t = ch.tables.find((x) => x.tableId === reg.targetId);
        return t ? mk("TableChanged", t.rect, { tableId: t.tableId }) : null;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- public API

  run<T>(batch: SimBatch<T>): Promise<T>;
  run<T>(options: SimRunOptions, batch: SimBatch<T>): Promise<T>;
  run<T>(a: SimRunOptions | SimBatch<T>, b?: SimBatch<T>): Promise<T> {
    return this.runIn(0, a, b);
  }

  private async runIn<T>(session: number, a: SimRunOptions | SimBatch<T>, b?: SimBatch<T>): Promise<T> {
    const batch = typeof a === "function" ? a : b;
    if (typeof batch !== "function") throw new Error("Excel.run: the batch function is missing");
    const ctx = new SimRequestContext(this, session);
    ctx._delayForCellEdit = typeof a === "object" && a !== null && a.delayForCellEdit === true;
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx._queue.length) await ctx.sync();
      return result;
    } finally {
      ctx._closed = true;
    }
  }

  private newSessionId(options?: SimSessionOptions): number {
    const session = ++this.sessions;
    this.late.setDelay(session, options?.delaySyncs ?? 0);
    return session;
  }

  newContext(options?: SimSessionOptions): Excel.RequestContext {
    return new SimRequestContext(this, this.newSessionId(options)) as unknown as Excel.RequestContext;
  }

  newSession(options?: SimSessionOptions) {
    const session = this.newSessionId(options);
    const run = (<T>(a: SimRunOptions | SimBatch<T>, b?: SimBatch<T>) => this.runIn(session, a, b)) as SimRun;
    return {
      run,
      userEdit: (sheet: string, address: string, v: unknown) => this.userEditIn(session, sheet, address, v),
    };
  }

  deliverLateChanges(): void {
    if (this.late.deliver(true)) this.afterChange();
  }

  resetStats(): void {
    this.stats = emptyStats();
    this.failures.clear();
  }

  failSync(k: number, error?: Error | string, fault?: SimFault): void {
    if (!Number.isInteger(k) || k < 1) throw new Error("failSync: k must be a positive integer");
    const after = fault?.afterActions;
    if (after !== undefined && (!Number.isInteger(after) || after < 0))
      throw new Error("failSync: afterActions must be a whole number ≥ 0");
    this.failures.set(this.stats.syncs + k, { error, fault });
  }

  setCellEditMode(editing: boolean): void {
    if (editing && !this.cellEdit) {
      let end = () => undefined as void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      this.cellEdit = { ended, end };
    } else if (!editing && this.cellEdit) {
      const { end } = this.cellEdit;
      this.cellEdit = null;
      end();
    }
  }

  setAutoExpansion(on: boolean): void {
    this.model.autoExpand = on;
  }

  setPayloadLimit(bytes: number): void {
    this.limit = bytes;
  }

  userEdit(
    sheet: string,
    address: string,
    valueOrFormula: unknown,
    options?: { remote?: boolean },
  ): UserEditResult {
    return this.userEditIn(options?.remote ? REMOTE_USER_SESSION : 0, sheet, address, valueOrFormula);
  }

  private userEditIn(session: number, sheetName: string, address: string, value: unknown): UserEditResult {
    const m = this.model;
    try {
      const sheet = m.requireSheet(sheetName);
      const p = parseAddress(address);
      if (!p) throw simError("InvalidArgument", `Bad address '${address}'.`);
      const rect = p.rect;
      const data = Array.isArray(value) ? value : [[value === null || value === undefined ? "" : value]];
      const rows = rect.r1 - rect.r0 + 1;
      const cols = rect.c1 - rect.c0 + 1;
      const grid: unknown[][] =
        Array.isArray(value) || (rows === 1 && cols === 1)
          ? data
          : Array.from({ length: rows }, () => Array.from({ length: cols }, () => data[0][0]));
      // Users type text: null means "clear", not "leave".
      const typed = grid.map((row) => row.map((x) => (x === null || x === undefined ? "" : x)));
      m.checkEditable(sheet, rect);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const parsed = m.parseInput(
            typed[i]?.[j],
            m.formatAt(sheet, rect.r0 + i, rect.c0 + j).numberFormat,
            { sheet, row: rect.r0 + i, col: rect.c0 + j },
          );
          if (!parsed || parsed.formula !== undefined) continue;
          const bad = m.validateUserValue(sheet, rect.r0 + i, rect.c0 + j, parsed.value);
          if (bad && bad.errorAlert.showAlert && bad.errorAlert.style === "Stop") {
            return {
              ok: false,
              code: "DataValidation",
              message:
                bad.errorAlert.message ||
                "This value doesn't match the data validation restrictions defined for this cell.",
            };
          }
        }
      }
      m.session = session;
      m.byUser = true;
      m.writeRange(sheet, rect, typed, "user");
      return { ok: true };
    } catch (e) {
      const se = toSimError(e, "userEdit");
      return { ok: false, code: se.code, message: se.message };
    } finally {
      m.byUser = false;
      this.afterChange();
    }
  }

  subscribe(listener: (e: SimChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async flushEvents(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      await this.eventChain;
      await new Promise<void>((r) => setTimeout(r, 0));
      if (this.pendingEvents === 0) return;
    }
  }

  select(sheetName: string, address: string): void {
    const sheet = this.model.requireSheet(sheetName);
    const p = parseAddress(address);
    if (!p) throw simError("InvalidArgument", `Bad address '${address}'.`);
    this.model.activate(sheet);
    sheet.selection = p.rect;
    this.afterChange();
  }
}

function injectedError(e: Error | string | undefined): Error {
  return e instanceof Error ? e : new SimError(e ?? "ConnectionLost", undefined, "RequestContext.sync");
}

function toSimError(e: unknown, location: string): SimError {
  if (isSimError(e)) return e.at(location);
  const se = new SimError("GeneralException", `${(e as Error)?.message ?? String(e)}`, location);
  se.innerError = null;
  (se as unknown as { cause: unknown }).cause = e;
  return se;
}

export function createWorkbook(options?: SimOptions): SimWorkbook {
  return new WorkbookHost(options);
}
