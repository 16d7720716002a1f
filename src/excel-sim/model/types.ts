/**
 * The internal model of an excel-sim workbook: plain data, no proxies, no Office.js.
 *
 * This is the documented shape that the .xlsx exporter and the browser preview read
 * (`sim.inspect.model()` returns the live `WorkbookModel`; treat it as read-only and change the
 * workbook only through `run`/`userEdit`). Conventions:
 *
 * - Rows and columns are 0-based; a `Rect` is inclusive (`{r0,c0,r1,c1}`), see address.ts.
 * - A sheet's cells live in `SheetModel.cells`, keyed by `cellKey(row, col) = row * 16384 + col`.
 *   Only non-empty or formatted cells are stored.
 * - A cell holding a formula has `formula` ("=SUM(A1:A3)", A1 style, en-US, exactly as written,
 *   including any `_xlfn.` prefixes the writer used) and `value` = its last computed result. Read
 *   values through the calc engine (`sim.inspect.cell`, or `Calc.valueAt`) to get a fresh result:
 *   `value` of a formula cell may be stale until it is next evaluated (calculation is lazy).
 *   A cell written with the formula of the cell above moved down (a column of row formulas) is a
 *   `SharedFormulaCell` (shared-formulas.ts) whose `formula` is made when read: read it, do not
 *   assign it; `hasFormula(cell)` tells a formula cell without making the text.
 * - Error values are the `CellError` singletons of `ERRORS` (compare by `code`).
 * - Formats are flat objects; an absent key means Excel's default. A cell's effective format is
 *   `{...columnFormats[col], ...rowFormats[row], ...cell.format}`.
 * - Sizes (column widths, row heights, chart positions) are in points, as in Office.js.
 * - Cross-sheet references held by charts are `RangeRef`s by sheet id (they follow renames);
 *   references inside formulas, names, validation and conditional formats are text, rewritten on
 *   sheet rename/delete and on row/column insert/delete as Excel does.
 */
import type { Rect } from "./address";

export type ErrorCode = "#NULL!" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NUM!" | "#N/A";

export interface CellError {
  readonly kind: "error";
  readonly code: ErrorCode;
}

function err(code: ErrorCode): CellError {
  return Object.freeze({ kind: "error" as const, code });
}

/** The error values, as singletons. */
export const ERRORS = {
  null: err("#NULL!"),
  div0: err("#DIV/0!"),
  value: err("#VALUE!"),
  ref: err("#REF!"),
  name: err("#NAME?"),
  num: err("#NUM!"),
  na: err("#N/A"),
} as const;

const ERROR_BY_CODE = new Map<string, CellError>(Object.values(ERRORS).map((e) => [e.code, e]));

export function errorFromCode(code: string): CellError | undefined {
  return ERROR_BY_CODE.get(code.toUpperCase());
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && (v as CellError).kind === "error";
}

/** A cell's value: number, text, boolean, error, or null for an empty cell. */
export type CellValue = number | string | boolean | CellError | null;

export type HorizontalAlignment =
  "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed";

export type VerticalAlignment = "Center" | "Bottom" | "Top" | "Justify" | "Distributed";

/** The borders of a range, as Excel.BorderIndex names them. */
export const BORDER_EDGES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
] as const;

export type BorderEdge = (typeof BORDER_EDGES)[number];

export interface BorderFormat {
  /** Office.js BorderLineStyle: "Continuous", "Dash", "None", … */
  style: string;
  color?: string;
  /** Office.js BorderWeight: "Thin", "Medium", "Thick", "Hairline". */
  weight?: string;
}

/** Cell formatting (all optional; absent = Excel default). Colors are "#RRGGBB". */
export interface CellFormat {
  /** Excel number format code; absent = "General". */
  numberFormat?: string;
  fillColor?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  fontColor?: string;
  fontName?: string;
  fontSize?: number;
  horizontalAlignment?: HorizontalAlignment;
  verticalAlignment?: VerticalAlignment;
  wrapText?: boolean;
  /** Cell protection; absent = locked (Excel's default). Only matters on a protected sheet. */
  locked?: boolean;
  /** Only the outer edges of each cell are stored (EdgeTop/Bottom/Left/Right). */
  borders?: Partial<Record<BorderEdge, BorderFormat>>;
}

export interface Cell {
  /** Constant value, or the cached result of `formula`. */
  value: CellValue;
  /** "=…" when the cell holds a formula. */
  formula?: string;
  format?: CellFormat;
  /** @internal calc generation at which `value` of a formula cell was computed. */
  calcGen?: number;
  /** @internal parsed formula (formula/parser.ts Node). */
  ast?: unknown;
}

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface ProtectionOptions {
  allowAutoFilter?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  allowEditScenarios?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertHyperlinks?: boolean;
  allowInsertRows?: boolean;
  allowPivotTables?: boolean;
  allowSort?: boolean;
  selectionMode?: "Normal" | "Unlocked" | "None";
}

export interface SheetProtection {
  protected: boolean;
  options: ProtectionOptions;
  /** Kept only to check `unprotect(password)`; never exported. */
  password?: string;
}

export interface SheetModel {
  /** Stable id, formatted like Excel's "{00000000-0001-0000-0000-000000000000}". */
  id: string;
  name: string;
  visibility: SheetVisibility;
  cells: Map<number, Cell>;
  /** Column widths in points (absent = standard width, 48 pt ≈ 8.43 characters). */
  columnWidths: Map<number, number>;
  /** Row heights in points (absent = 15 pt). */
  rowHeights: Map<number, number>;
  /** Columns and rows hidden by Range.columnHidden / rowHidden (their sizes are kept). */
  hiddenColumns: Set<number>;
  hiddenRows: Set<number>;
  /**
   * Column outline levels 1–8 set by Range.group/ungroup("ByColumns") (absent = 0): adjacent
   * columns at level ≥ 1 form one group, as in the file's `<col outlineLevel>`.
   */
  columnOutline: Map<number, number>;
  /** Formats applied to whole columns / whole rows. */
  columnFormats: Map<number, CellFormat>;
  rowFormats: Map<number, CellFormat>;
  protection: SheetProtection;
  /** Frozen panes: number of frozen top rows / left columns. */
  freeze: { rows: number; columns: number };
  tabColor: string | null;
  showGridlines: boolean;
  charts: ChartModel[];
  validations: ValidationModel[];
  conditionalFormats: ConditionalFormatModel[];
  selection: Rect;
  /** Set once deleted; proxies that still point here then fail. */
  deleted?: boolean;
}

export interface TableColumnModel {
  /** Excel's numeric column id (unique within the table, never reused). */
  id: number;
  name: string;
}

export interface TableModel {
  /** Excel-style id (a string). */
  id: string;
  /** Unique across the workbook's tables and defined names (case-insensitive). */
  name: string;
  sheetId: string;
  /** Header row (row r0) + data body; a total row, when shown, is the row right below (r1 + 1). */
  rect: Rect;
  /** Table.showTotals: the row below the data body is the table's total row. */
  showTotals?: boolean;
  columns: TableColumnModel[];
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  nextColumnId: number;
  deleted?: boolean;
}

/** A workbook-scoped defined name. */
export interface NamedItemModel {
  name: string;
  /** "=Weights!$C$2:$C$5", "=0.5", "=Scale_Max-Scale_Min" … always starting with "=". */
  formula: string;
  comment: string;
  visible: boolean;
  deleted?: boolean;
}

/** A reference to cells that follows sheet renames (charts). */
export interface RangeRef {
  sheetId: string;
  rect: Rect;
}

export interface SeriesModel {
  /** Literal series name (set through series.name or series.add(name)); wins over nameRef. */
  name: string | null;
  /** Name taken from a header cell of the chart's source. */
  nameRef: RangeRef | null;
  values: RangeRef | null;
  /** Category labels (or X values for XY charts). */
  categories: RangeRef | null;
  /** Per-series chart type when it differs from the chart's (combination charts). */
  chartType: string | null;
  /** Fill set through format.fill.setSolidColor (#RRGGBB); null: the chart's default palette. */
  color: string | null;
}

export interface AxisModel {
  title: { text: string | null; visible: boolean };
  minimum: number | null;
  maximum: number | null;
  majorUnit: number | null;
  visible: boolean;
  numberFormat: string | null;
}

export interface ChartModel {
  /** Excel-style chart id. */
  id: string;
  /** "Chart 1" …, unique within its sheet. */
  name: string;
  sheetId: string;
  /** Office.js ChartType string: "BarClustered", "BarStacked", "ColumnClustered", "Radar", "Line", "XYScatterLines", … */
  type: string;
  title: { text: string | null; visible: boolean };
  legend: { visible: boolean; position: string };
  seriesBy: "Columns" | "Rows";
  /** The range passed to charts.add / setData (null when series were set one by one). */
  source: RangeRef | null;
  series: SeriesModel[];
  axes: { value: AxisModel; category: AxisModel };
  dataLabels: { showValue: boolean };
  /** Position and size in points, from the sheet's top-left corner. */
  position: { left: number; top: number; width: number; height: number };
  deleted?: boolean;
}

export type ValidationType = "WholeNumber" | "Decimal" | "List" | "TextLength" | "Date" | "Time" | "Custom";

export interface ValidationRuleModel {
  type: ValidationType;
  /** Office.js DataValidationOperator: "Between", "NotBetween", "EqualTo", "GreaterThan", … */
  operator: string | null;
  /** Bounds: a number, or a formula text "=Scale_Min". */
  formula1: string | number | null;
  formula2: string | number | null;
  /** List: "a,b,c" or "=Sheet!$A$1:$A$3". */
  source: string | null;
  inCellDropDown: boolean;
  /** Custom: the formula. */
  formula: string | null;
}

export interface ValidationModel {
  id: string;
  /** Where it applies (rects of one sheet); formulas are relative to the first rect's top-left. */
  ranges: Rect[];
  rule: ValidationRuleModel;
  errorAlert: {
    showAlert: boolean;
    style: "Stop" | "Warning" | "Information";
    title: string;
    message: string;
  };
  prompt: { showPrompt: boolean; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface ConditionalFormatModel {
  id: string;
  ranges: Rect[];
  type: "CellValue" | "Custom";
  /** 0 = highest priority. */
  priority: number;
  stopIfTrue: boolean;
  rule: {
    /** CellValue: "Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual". */
    operator: string | null;
    formula1: string | null;
    formula2: string | null;
    /** Custom: "=$H2>80" (relative to the first range's top-left cell). */
    formula: string | null;
  };
  format: {
    fillColor: string | null;
    fontColor: string | null;
    bold: boolean | null;
    italic: boolean | null;
  };
}

export type CalculationMode = "Automatic" | "AutomaticExceptTables" | "Manual";

export interface WorkbookModel {
  /** In tab order (index = position). */
  sheets: SheetModel[];
  tables: TableModel[];
  names: NamedItemModel[];
  activeSheetId: string;
  calculationMode: CalculationMode;
  /** Counters for ids and default names. */
  counters: { sheet: number; table: number; chart: number; validation: number; cf: number };
}
