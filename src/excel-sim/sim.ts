/**
 * createWorkbook(): an in-memory workbook behind an Excel.run-shaped API, with sync counting,
 * payload estimates, fault injection, co-author contexts, change events, user edits and
 * inspection helpers for tests and the preview.
 */
import { isSimError, SimError, simError } from "./errors";
import {
  parseAddress,
  qualifiedAddress,
  type Rect,
  rectAddress,
  columnIndex,
  cellKey,
} from "./model/address";
import { formatValue } from "./model/format";
import type {
  CellFormat,
  ChartModel,
  ConditionalFormatModel,
  SheetModel,
  ValidationModel,
  WorkbookModel,
} from "./model/types";
import { apiValue, valueTypeOf } from "./model/api-values";
import type { ChangeRecord, StructureChange } from "./model/model-core";
import { SimModel } from "./model/workbook-model";
import type { ExecState, QueuedAction } from "./api/base";
import { type HandlerRegistration, type SimHostLike, SimRequestContext } from "./api/context";
import { SimWorkbookProxy } from "./api/workbook";
import { refValues, seriesName } from "./model/charts";
import { LateCoauthors } from "./coauthors";

export interface SimOptions {
  /** Initial sheet names (default ["Sheet1"]). */
  sheets?: string[];
  /** Request/response payload limit in bytes (default 5 MB, as Excel on the web). */
  payloadLimitBytes?: number;
  /**
   * Look rows up in a column index for exact-text criteria of COUNTIFS and its family (default
   * true). Off, every criterion scans its whole range: the bench's baseline.
   */
  criteriaIndex?: boolean;
}

export interface SimStats {
  /** Every context.sync() (and Excel.run's closing sync when actions were pending). */
  syncs: number;
  /** Syncs that carried at least one action. */
  roundTrips: number;
  /** Estimated request+response bytes of each sync, in order. */
  payloadBytes: number[];
  requestBytes: number[];
  responseBytes: number[];
  maxPayloadBytes: number;
  totalPayloadBytes: number;
  /** Queued actions applied (or attempted). */
  actions: number;
  failedSyncs: number;
  /** Uses of table.rows.add (the product uses it only where Excel refused to take rows in). */
  tableRowsAdd: number;
  /** Actions in each sync, in order (0 for a sync that carried none or was refused before). */
  syncActions: number[];
  /** Late co-authors' table.rows.add that met a changed table: their sync was lost from there. */
  mergeConflicts: number;
  /** Errors thrown by event handlers. */
  eventHandlerErrors: unknown[];
}

/** Excel.RunOptions as far as excel-sim models them (ExcelApi 1.11). */
export interface SimRunOptions {
  /** Wait while the user edits a cell instead of failing with InvalidOperationInCellEditMode. */
  delayForCellEdit?: boolean;
}

export type SimBatch<T> = (context: Excel.RequestContext) => Promise<T>;

/** Excel.run's two forms: run(batch) and run(options, batch). */
export interface SimRun {
  <T>(batch: SimBatch<T>): Promise<T>;
  <T>(options: SimRunOptions, batch: SimBatch<T>): Promise<T>;
}

export interface SimSessionOptions {
  /**
   * The co-author's changes reach the other sessions only after this many of their syncs (0, the
   * default: at their next sync). See coauthors.ts.
   */
  delaySyncs?: number;
}

export interface SimFault {
  /**
   * Apply this many of the sync's actions, then fail (Excel batches are not transactions). Left
   * out, the sync fails before anything of it is applied.
   */
  afterActions?: number;
}

export type UserEditResult = { ok: true } | { ok: false; code: string; message: string };

export interface SimChangeEvent {
  changes: ChangeRecord[];
  structure: StructureChange[];
}

export interface InspectedCell {
  address: string;
  /** As Office.js returns it: "" for empty, "#N/A" for errors. */
  value: string | number | boolean;
  type: "Empty" | "String" | "Double" | "Boolean" | "Error";
  formula: string | null;
  text: string;
  numberFormat: string;
  /** Effective format (column, row and cell layers merged). */
  format: CellFormat;
  locked: boolean;
  /** Conditional formatting that applies now (merged, highest priority wins), or null. */
  conditionalFormat: {
    fillColor: string | null;
    fontColor: string | null;
    bold: boolean | null;
    italic: boolean | null;
  } | null;
}

export interface InspectedSeries {
  name: string;
  values: string | null;
  categories: string | null;
  valueData: (string | number | boolean)[];
  categoryData: (string | number | boolean)[];
  chartType: string | null;
  /** Fill colour set by the add-in (#RRGGBB), or null for the default palette. */
  color: string | null;
}

export interface InspectedChart {
  id: string;
  name: string;
  sheet: string;
  type: string;
  title: string | null;
  legend: { visible: boolean; position: string };
  seriesBy: "Columns" | "Rows";
  source: string | null;
  series: InspectedSeries[];
  axes: ChartModel["axes"];
  position: ChartModel["position"];
  dataLabels: { showValue: boolean };
}

export interface SimWorkbook {
  /**
   * Same shape as Excel.run (with or without RunOptions): a fresh RequestContext; pending actions
   * are synced when the batch ends.
   */
  run: SimRun;
  /** A context of a new co-author session on the same workbook (its changes are "Remote" to others). */
  newContext(options?: SimSessionOptions): Excel.RequestContext;
  /** Excel.run for a co-author session made with newSession(). */
  newSession(options?: SimSessionOptions): {
    run: SimRun;
    userEdit: SimWorkbook["userEdit"];
  };
  /** Delivers every late co-author's undelivered syncs now (as if the network caught up). */
  deliverLateChanges(): void;
  readonly stats: SimStats;
  resetStats(): void;
  /**
   * The k-th sync from now (1 = the next) rejects (default code ConnectionLost): nothing of it is
   * applied, or (fault.afterActions) only its first actions.
   */
  failSync(k: number, error?: Error | string, fault?: SimFault): void;
  /**
   * The user starts (true) or ends (false) editing a cell (desktop Excel): meanwhile a sync fails
   * with InvalidOperationInCellEditMode, or waits when its run asked for delayForCellEdit.
   */
  setCellEditMode(editing: boolean): void;
  /**
   * Whether Excel takes rows written right below a table into it (default true). Off models the
   * reports where it does not (office-js #3191, #3013, #2097; AutoCorrect's "Include new rows and
   * columns in table" turned off).
   */
  setAutoExpansion(on: boolean): void;
  setPayloadLimit(bytes: number): void;
  /** Edit as a user typing in the grid: fires events, expands tables, honours protection and validation. */
  userEdit(
    sheet: string,
    address: string,
    valueOrFormula: unknown,
    options?: { remote?: boolean },
  ): UserEditResult;
  /** Listener called synchronously after each sync or user edit that changed something. */
  subscribe(listener: (e: SimChangeEvent) => void): () => void;
  /** Waits until queued event handlers have run. */
  flushEvents(): Promise<void>;
  /** Selects a range as the user would (for getSelectedRange). */
  select(sheet: string, address: string): void;
  readonly inspect: SimInspector;
}

export interface SimInspector {
  /** The live model (read-only by convention): the exporter's and the preview's input. */
  model(): WorkbookModel;
  sheetNames(): string[];
  sheets(): {
    id: string;
    name: string;
    position: number;
    visibility: string;
    protected: boolean;
    active: boolean;
  }[];
  cell(sheet: string, address: string): InspectedCell;
  values(sheet: string, address: string): (string | number | boolean)[][];
  formulas(sheet: string, address: string): (string | number | boolean)[][];
  texts(sheet: string, address: string): string[][];
  usedRange(sheet: string, valuesOnly?: boolean): string | null;
  tables(): {
    id: string;
    name: string;
    sheet: string;
    address: string;
    columns: string[];
    rowCount: number;
    style: string;
  }[];
  names(): {
    name: string;
    formula: string;
    type: string;
    value: unknown;
    comment: string;
    visible: boolean;
  }[];
  charts(sheet?: string): InspectedChart[];
  validation(sheet: string, address: string): (Omit<ValidationModel, "ranges"> & { ranges: string[] })[];
  conditionalFormats(
    sheet: string,
    address?: string,
  ): (Omit<ConditionalFormatModel, "ranges"> & { ranges: string[] })[];
  protection(sheet: string): { protected: boolean; options: Record<string, unknown> };
  columnWidth(sheet: string, column: string | number): number;
  freeze(sheet: string): { rows: number; columns: number };
  /** Cells in circular references found by the last calculation. */
  circularReferences(): string[];
  /** Formula evaluations so far (for performance tests). */
  evaluations(): number;
}

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

function makeInspector(m: SimModel): SimInspector {
  const sheetOf = (name: string): SheetModel => m.requireSheet(name);
  const rectOf = (address: string): Rect => {
    const p = parseAddress(address);
    if (!p) throw new Error(`excel-sim inspect: bad address '${address}'`);
    return p.rect;
  };
  const gridOf = <V>(
    sheet: string,
    address: string,
    f: (s: SheetModel, r: number, c: number) => V,
  ): V[][] => {
    const s = sheetOf(sheet);
    const rect = rectOf(address);
    const out: V[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: V[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(f(s, r, c));
      out.push(row);
    }
    return out;
  };
  const addr = (sheetId: string, rect: Rect) => {
    const s = m.sheetById(sheetId);
    return s ? qualifiedAddress(s.name, rect, true) : null;
  };
  return {
    model: () => m.wb,
    sheetNames: () => m.wb.sheets.map((s) => s.name),
    sheets: () =>
      m.wb.sheets.map((s, i) => ({
        id: s.id,
        name: s.name,
        position: i,
        visibility: s.visibility,
        protected: s.protection.protected,
        active: s.id === m.wb.activeSheetId,
      })),
    cell: (sheet, address) => {
      const s = sheetOf(sheet);
      const rect = rectOf(address);
      const { r0: r, c0: c } = rect;
      const v = m.valueAt(s, r, c);
      const cell = s.cells.get(cellKey(r, c));
      const fmt = m.formatAt(s, r, c);
      const cfs = m.appliedConditionalFormats(s, r, c);
      let cf: InspectedCell["conditionalFormat"] = null;
      if (cfs.length) {
        cf = { fillColor: null, fontColor: null, bold: null, italic: null };
        for (const x of [...cfs].reverse()) {
          for (const k of ["fillColor", "fontColor", "bold", "italic"] as const) {
            if (x.format[k] !== null) (cf as Record<string, unknown>)[k] = x.format[k];
          }
        }
      }
      return {
        address: qualifiedAddress(s.name, { r0: r, c0: c, r1: r, c1: c }),
        value: apiValue(v),
        type: valueTypeOf(v),
        formula: cell?.formula ?? null,
        text: formatValue(v, fmt.numberFormat),
        numberFormat: fmt.numberFormat ?? "General",
        format: fmt,
        locked: fmt.locked !== false,
        conditionalFormat: cf,
      };
    },
    values: (sheet, address) => gridOf(sheet, address, (s, r, c) => apiValue(m.valueAt(s, r, c))),
    formulas: (sheet, address) =>
      gridOf(sheet, address, (s, r, c) => {
        const cell = s.cells.get(cellKey(r, c));
        return cell?.formula ?? apiValue(cell ? cell.value : null);
      }),
    texts: (sheet, address) =>
      gridOf(sheet, address, (s, r, c) => formatValue(m.valueAt(s, r, c), m.formatAt(s, r, c).numberFormat)),
    usedRange: (sheet, valuesOnly = false) => {
      const s = sheetOf(sheet);
      const u = m.usedRect(s, valuesOnly);
      return u ? qualifiedAddress(s.name, u) : null;
    },
    tables: () =>
      m.wb.tables.map((t) => {
        const s = m.sheetById(t.sheetId)!;
        return {
          id: t.id,
          name: t.name,
          sheet: s.name,
          address: qualifiedAddress(s.name, t.rect),
          columns: t.columns.map((c) => c.name),
          rowCount: t.rect.r1 - t.rect.r0,
          style: t.style,
        };
      }),
    names: () =>
      m.wb.names.map((n) => {
        const v = m.calc.evaluateToValue(n.formula, m.wb.sheets[0]);
        let type = "String";
        let value: unknown = null;
        if (v && typeof v === "object" && "kind" in v && v.kind === "ref") {
          type = "Range";
          value = qualifiedAddress(v.sheet.name, v, true);
        } else if (v && typeof v === "object" && "kind" in v && v.kind === "error") {
          type = "Error";
          value = v.code;
        } else if (typeof v === "number") {
          type = "Double";
          value = v;
        } else if (typeof v === "boolean") {
          type = "Boolean";
          value = v;
        } else value = v;
        return { name: n.name, formula: n.formula, type, value, comment: n.comment, visible: n.visible };
      }),
    charts: (sheet) => {
      const sheets = sheet ? [sheetOf(sheet)] : m.wb.sheets;
      return sheets.flatMap((s) =>
        s.charts.map((c) => ({
          id: c.id,
          name: c.name,
          sheet: s.name,
          type: c.type,
          title: c.title.visible ? c.title.text : null,
          legend: { ...c.legend },
          seriesBy: c.seriesBy,
          source: c.source ? addr(c.source.sheetId, c.source.rect) : null,
          series: c.series.map((x, i) => ({
            name: seriesName(m, x, i),
            values: x.values ? addr(x.values.sheetId, x.values.rect) : null,
            categories: x.categories ? addr(x.categories.sheetId, x.categories.rect) : null,
            valueData: refValues(m, x.values),
            categoryData: refValues(m, x.categories),
            chartType: x.chartType,
            color: x.color,
          })),
          axes: JSON.parse(JSON.stringify(c.axes)),
          position: { ...c.position },
          dataLabels: { ...c.dataLabels },
        })),
      );
    },
    validation: (sheet, address) => {
      const s = sheetOf(sheet);
      return m
        .validationsIn(s, rectOf(address))
        .filter((v) => (v as { ruleSet?: boolean }).ruleSet !== false)
        .map((v) => ({
          ...JSON.parse(JSON.stringify({ ...v, ranges: undefined })),
          ranges: v.ranges.map((r) => rectAddress(r)),
        }));
    },
    conditionalFormats: (sheet, address) => {
      const s = sheetOf(sheet);
      const list = address
        ? m.conditionalFormatsIn(s, rectOf(address))
        : [...s.conditionalFormats].sort((a, b) => a.priority - b.priority);
      return list.map((c) => ({
        ...JSON.parse(JSON.stringify({ ...c, ranges: undefined })),
        ranges: c.ranges.map((r) => rectAddress(r)),
      }));
    },
    protection: (sheet) => {
      const s = sheetOf(sheet);
      return { protected: s.protection.protected, options: { ...s.protection.options } };
    },
    columnWidth: (sheet, column) => {
      const s = sheetOf(sheet);
      const c = typeof column === "number" ? column : columnIndex(column);
      return s.columnWidths.get(c) ?? 48;
    },
    freeze: (sheet) => ({ ...sheetOf(sheet).freeze }),
    circularReferences: () => [...m.calc.circular],
    evaluations: () => m.calc.evaluations,
  };
}

/** Creates an empty workbook (one sheet "Sheet1" unless options.sheets says otherwise). */
export function createWorkbook(options?: SimOptions): SimWorkbook {
  return new WorkbookHost(options);
}
