/**
 * The public types of a simulated workbook (createWorkbook in sim.ts): its options and stats, the
 * SimWorkbook interface tests and the preview drive it through, and what SimInspector returns.
 */
import type {
  CellFormat,
  ChartModel,
  ConditionalFormatModel,
  ValidationModel,
  WorkbookModel,
} from "./model/types";
import type { ChangeRecord, StructureChange } from "./model/model-core";

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
  /** Each cell's own format (not conditional formats), as a grid. */
  formats(sheet: string, address: string): CellFormat[][];
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
  /** The column's outline level, 0 (not grouped) to 8 (Range.group "ByColumns"). */
  columnOutlineLevel(sheet: string, column: string | number): number;
  freeze(sheet: string): { rows: number; columns: number };
  /** Cells in circular references found by the last calculation. */
  circularReferences(): string[];
  /** Formula evaluations so far (for performance tests). */
  evaluations(): number;
}
