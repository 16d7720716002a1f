/**
 * The exceljs half of the exporter: cells (values; formulas with their computed results), styles,
 * column widths and hidden columns, row heights, sheet visibility, freeze panes, tab colours,
 * gridlines, protection, tables, data validation and conditional formats. Defined names and
 * charts are added to the package afterwards (package.ts), because exceljs writes only range names
 * and no charts.
 */
import ExcelJS from "exceljs";
import type { CellValue as XCellValue, DataValidation, Style, Worksheet } from "exceljs";
import {
  cellAddress,
  cellKey,
  keyCol,
  keyRow,
  rectAddress,
  rectContainsCell,
  type Rect,
} from "../model/address";
import { mergeFormats } from "../model/format";
import {
  isCellError,
  type CellValue,
  type ConditionalFormatModel,
  type SheetModel,
  type TableModel,
  type ValidationModel,
  type WorkbookModel,
} from "../model/types";
import { fileFormula } from "./xlfn";
import { argb, columnWidthChars, DEFAULT_COLUMN_POINTS, styleOf } from "./styles";

export interface CellWriteOptions {
  /** Write the computed result of each formula as its cached value (default true). */
  formulaResults: boolean;
}

/** A sheet's hidden columns: `hiddenColumns` when the model has it, and columns of width 0. */
export function hiddenColumns(sheet: SheetModel): Set<number> {
  const out = new Set<number>();
  const extra = (sheet as SheetModel & { hiddenColumns?: Iterable<number> }).hiddenColumns;
  if (extra) for (const c of extra) out.add(c);
  for (const [c, w] of sheet.columnWidths) if (w === 0) out.add(c);
  return out;
}

function plainValue(v: CellValue): XCellValue {
  if (v === null) return null;
  if (isCellError(v)) return { error: v.code } as XCellValue;
  return v;
}

function formulaValue(
  formula: string,
  result: CellValue,
  withResult: boolean,
  tableAt: () => string | undefined,
): XCellValue {
  const f = fileFormula(formula, tableAt);
  if (!withResult || result === null) return { formula: f } as XCellValue;
  return { formula: f, result: isCellError(result) ? { error: result.code } : result } as XCellValue;
}

/** The name of the table holding a cell (for table-less structured references such as [@Col]). */
function tableNameAt(tables: TableModel[], r: number, c: number): string | undefined {
  return tables.find((t) => rectContainsCell(t.rect, r, c))?.name;
}

const SHEET_STATE = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const;

const DV_TYPE: Record<string, DataValidation["type"] | "textLength" | "time"> = {
  WholeNumber: "whole",
  Decimal: "decimal",
  List: "list",
  TextLength: "textLength",
  Date: "date",
  Time: "time",
  Custom: "custom",
};

const OPERATOR: Record<string, string> = {
  Between: "between",
  NotBetween: "notBetween",
  EqualTo: "equal",
  NotEqualTo: "notEqual",
  GreaterThan: "greaterThan",
  LessThan: "lessThan",
  GreaterThanOrEqualTo: "greaterThanOrEqual",
  GreaterThanOrEqual: "greaterThanOrEqual",
  LessThanOrEqualTo: "lessThanOrEqual",
  LessThanOrEqual: "lessThanOrEqual",
};

/** A validation bound as a file formula: numbers as they are, "=Name" without "=". */
function bound(v: string | number | null): string | number | undefined {
  if (v === null) return undefined;
  if (typeof v === "number") return v;
  return v.startsWith("=") ? fileFormula(v) : v;
}

function validationOf(v: ValidationModel): DataValidation {
  const rule = v.rule;
  let formulae: (string | number)[] = [];
  if (rule.type === "List") {
    const src = rule.source ?? "";
    formulae = [src.startsWith("=") ? fileFormula(src) : `"${src.replace(/"/g, '""')}"`];
  } else if (rule.type === "Custom") {
    formulae = [fileFormula(rule.formula ?? "")];
  } else {
    formulae = [bound(rule.formula1), bound(rule.formula2)].filter(
      (x): x is string | number => x !== undefined,
    );
  }
  const dv: DataValidation = {
    type: DV_TYPE[rule.type] as DataValidation["type"],
    formulae,
    allowBlank: v.ignoreBlanks,
    showErrorMessage: v.errorAlert.showAlert,
    errorStyle: v.errorAlert.style.toLowerCase(),
    showInputMessage: v.prompt.showPrompt,
  };
  if (rule.operator && OPERATOR[rule.operator])
    dv.operator = OPERATOR[rule.operator] as DataValidation["operator"];
  if (v.errorAlert.title) dv.errorTitle = v.errorAlert.title;
  if (v.errorAlert.message) dv.error = v.errorAlert.message;
  if (v.prompt.title) dv.promptTitle = v.prompt.title;
  if (v.prompt.message) dv.prompt = v.prompt.message;
  return dv;
}

function conditionalFormatOf(cf: ConditionalFormatModel) {
  const style: Partial<Style> = {};
  const font: Record<string, unknown> = {};
  const color = argb(cf.format.fontColor);
  if (color) font.color = { argb: color };
  if (cf.format.bold !== null) font.bold = cf.format.bold;
  if (cf.format.italic !== null) font.italic = cf.format.italic;
  if (Object.keys(font).length) style.font = font;
  const fill = argb(cf.format.fillColor);
  if (fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: fill } };
  const priority = cf.priority + 1;
  const rule =
    cf.type === "Custom"
      ? { type: "expression" as const, priority, formulae: [fileFormula(cf.rule.formula ?? "")], style }
      : {
          type: "cellIs" as const,
          priority,
          operator: OPERATOR[cf.rule.operator ?? "EqualTo"] ?? "equal",
          formulae: [cf.rule.formula1, cf.rule.formula2]
            .filter((x): x is string => x !== null)
            .map((f) => fileFormula(f)),
          style,
        };
  return {
    ref: cf.ranges.map((r) => rectAddress(r)).join(" "),
    rules: [{ ...rule, stopIfTrue: cf.stopIfTrue }],
  };
}

function writeSheet(ws: Worksheet, sheet: SheetModel, tables: TableModel[], opts: CellWriteOptions) {
  // Column widths, hidden columns and whole-column formats.
  const hidden = hiddenColumns(sheet);
  const columns = new Set<number>([...sheet.columnWidths.keys(), ...sheet.columnFormats.keys(), ...hidden]);
  for (const c of [...columns].sort((a, b) => a - b)) {
    const col = ws.getColumn(c + 1);
    const w = sheet.columnWidths.get(c);
    if (w !== undefined && w > 0) col.width = columnWidthChars(w);
    else if (hidden.has(c)) col.width = columnWidthChars(DEFAULT_COLUMN_POINTS);
    if (hidden.has(c)) col.hidden = true;
    const style = styleOf(sheet.columnFormats.get(c));
    if (style) col.style = style;
  }
  for (const [r, h] of sheet.rowHeights) ws.getRow(r + 1).height = h;
  for (const [r, f] of sheet.rowFormats) {
    const style = styleOf(f);
    if (!style) continue;
    // exceljs rows take a style one facet at a time.
    const row = ws.getRow(r + 1) as unknown as Record<string, unknown>;
    for (const [facet, value] of Object.entries(style)) row[facet] = value;
  }

  // Cells: each with its effective format (column, row and cell formats merged, as Excel stores it).
  const keys = [...sheet.cells.keys()].sort((a, b) => a - b);
  const written = new Map<number, XCellValue>();
  for (const key of keys) {
    const cell = sheet.cells.get(key)!;
    const r = keyRow(key);
    const c = keyCol(key);
    const target = ws.getCell(r + 1, c + 1);
    const value =
      cell.formula !== undefined
        ? formulaValue(cell.formula, cell.value, opts.formulaResults, () => tableNameAt(tables, r, c))
        : plainValue(cell.value);
    if (value !== null) target.value = value;
    written.set(key, value);
    const format =
      sheet.columnFormats.size || sheet.rowFormats.size
        ? mergeFormats(sheet.columnFormats.get(c), sheet.rowFormats.get(r), cell.format)
        : cell.format;
    const style = styleOf(format);
    if (style) target.style = style;
  }

  // Tables: exceljs rewrites the cells of a table from `rows`, so give it exactly what is there.
  for (const t of tables) {
    const rect = t.rect;
    const rows: XCellValue[][] = [];
    for (let r = rect.r0 + 1; r <= rect.r1; r++) {
      const row: XCellValue[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(written.get(cellKey(r, c)) ?? null);
      rows.push(row);
    }
    ws.addTable({
      name: t.name,
      displayName: t.name,
      ref: cellAddress(rect.r0, rect.c0),
      headerRow: true,
      totalsRow: false,
      style: {
        theme: (t.style || "TableStyleMedium2") as "TableStyleMedium2",
        showRowStripes: t.showBandedRows,
        showColumnStripes: t.showBandedColumns,
        showFirstColumn: t.highlightFirstColumn,
        showLastColumn: t.highlightLastColumn,
      },
      columns: t.columns.map((col) => ({ name: col.name, filterButton: t.showFilterButton })),
      rows,
    });
  }

  for (const v of sheet.validations) {
    const dv = validationOf(v);
    // exceljs keeps validations by address; a range address is written as one sqref.
    const validations = (
      ws as unknown as { dataValidations: { add(address: string, v: DataValidation): void } }
    ).dataValidations;
    for (const rect of v.ranges) validations.add(rectAddress(rect), dv);
  }
  for (const cf of [...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority)) {
    ws.addConditionalFormatting(
      conditionalFormatOf(cf) as Parameters<Worksheet["addConditionalFormatting"]>[0],
    );
  }
}

/** The active cell; with frozen panes it must lie in the scrolling pane, or Excel repairs the file. */
function selectionOf(sheet: SheetModel): string {
  const s: Rect = sheet.selection;
  const { rows, columns } = sheet.freeze;
  return cellAddress(Math.max(s.r0, rows), Math.max(s.c0, columns));
}

/** Builds the exceljs workbook for a model whose formula cells hold fresh results. */
export async function buildWorkbook(
  model: WorkbookModel,
  opts: CellWriteOptions & { fullCalcOnLoad: boolean; date: Date },
): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Agreement Scorecard";
  wb.lastModifiedBy = "Agreement Scorecard";
  wb.created = opts.date;
  wb.modified = opts.date;
  wb.calcProperties.fullCalcOnLoad = opts.fullCalcOnLoad;

  const sheets = model.sheets.filter((s) => !s.deleted);
  let active = sheets.findIndex((s) => s.id === model.activeSheetId);
  if (active < 0 || sheets[active].visibility !== "Visible")
    active = sheets.findIndex((s) => s.visibility === "Visible");
  if (active < 0) active = 0;

  for (const [i, sheet] of sheets.entries()) {
    const ws = wb.addWorksheet(sheet.name, {
      state: SHEET_STATE[sheet.visibility],
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
    });
    const common = {
      tabSelected: i === active,
      showGridLines: sheet.showGridlines,
      activeCell: selectionOf(sheet),
    };
    const { rows, columns } = sheet.freeze;
    ws.views = [
      rows > 0 || columns > 0
        ? { ...common, state: "frozen", xSplit: columns, ySplit: rows }
        : { ...common, state: "normal" },
    ] as Worksheet["views"];
    const tables = model.tables.filter((t) => !t.deleted && t.sheetId === sheet.id);
    writeSheet(ws, sheet, tables, opts);
    if (sheet.protection.protected) {
      const o = sheet.protection.options;
      const mode = o.selectionMode ?? "Normal";
      // Never the password: the file is protected without one (excel-sim keeps it only to check unprotect).
      await ws.protect("", {
        selectLockedCells: mode === "Normal",
        selectUnlockedCells: mode !== "None",
        formatCells: !!o.allowFormatCells,
        formatColumns: !!o.allowFormatColumns,
        formatRows: !!o.allowFormatRows,
        insertColumns: !!o.allowInsertColumns,
        insertRows: !!o.allowInsertRows,
        insertHyperlinks: !!o.allowInsertHyperlinks,
        deleteColumns: !!o.allowDeleteColumns,
        deleteRows: !!o.allowDeleteRows,
        sort: !!o.allowSort,
        autoFilter: !!o.allowAutoFilter,
        pivotTables: !!o.allowPivotTables,
        objects: !!o.allowEditObjects,
        scenarios: !!o.allowEditScenarios,
      });
    }
  }
  wb.views = [
    { x: 0, y: 0, width: 28800, height: 17000, firstSheet: 0, activeTab: active, visibility: "visible" },
  ];
  return wb;
}
