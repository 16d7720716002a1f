/**
 * The exceljs half of the exporter: styles (from one prototype cell per style), column widths and
 * hidden columns, row heights, sheet visibility, freeze panes, tab colours, gridlines, protection,
 * tables, data validation and conditional formats. The cells themselves (cells.ts), defined names
 * and charts (package.ts) are written into the package afterwards: exceljs holds every cell as an
 * object (minutes and gigabytes for a million), writes only range names and no charts.
 */
import ExcelJS from "exceljs";
import type { DataValidation, Style, Worksheet } from "exceljs";
import { cellAddress, rectAddress, type Rect } from "../model/address";
import type {
  ConditionalFormatModel,
  SheetModel,
  TableModel,
  ValidationModel,
  WorkbookModel,
} from "../model/types";
import type { SheetStyles } from "./cell-styles";
import { fileFormula } from "./xlfn";
import { argb, columnWidthChars, DEFAULT_COLUMN_POINTS, styleOf } from "./styles";

/** A sheet's hidden columns: `hiddenColumns` when the model has it, and columns of width 0. */
export function hiddenColumns(sheet: SheetModel): Set<number> {
  const out = new Set<number>();
  const extra = (sheet as SheetModel & { hiddenColumns?: Iterable<number> }).hiddenColumns;
  if (extra) for (const c of extra) out.add(c);
  for (const [c, w] of sheet.columnWidths) if (w === 0) out.add(c);
  return out;
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

function writeSheet(ws: Worksheet, sheet: SheetModel, tables: TableModel[], styles: SheetStyles) {
  // Column widths, hidden columns, outline levels and whole-column formats.
  const hidden = hiddenColumns(sheet);
  const columns = new Set<number>([
    ...sheet.columnWidths.keys(),
    ...sheet.columnFormats.keys(),
    ...hidden,
    ...sheet.columnOutline.keys(),
  ]);
  for (const c of [...columns].sort((a, b) => a - b)) {
    const col = ws.getColumn(c + 1);
    const w = sheet.columnWidths.get(c);
    if (w !== undefined && w > 0) col.width = columnWidthChars(w);
    // exceljs gives a <col> without a width its own 9 characters; Excel's standard width instead.
    else if (hidden.has(c) || sheet.columnOutline.has(c)) col.width = columnWidthChars(DEFAULT_COLUMN_POINTS);
    if (hidden.has(c)) col.hidden = true;
    const style = styleOf(sheet.columnFormats.get(c));
    if (style) col.style = style;
    writeOutlineLevel(col, sheet.columnOutline.get(c));
  }
  // <sheetFormatPr outlineLevelCol>: the deepest level, which Excel and LibreOffice size the outline bar by.
  ws.properties.outlineLevelCol = Math.max(0, ...sheet.columnOutline.values());
  for (const [r, h] of sheet.rowHeights) ws.getRow(r + 1).height = h;
  for (const [r, f] of sheet.rowFormats) {
    const style = styleOf(f);
    if (!style) continue;
    // exceljs rows take a style one facet at a time.
    const row = ws.getRow(r + 1) as unknown as Record<string, unknown>;
    for (const [facet, value] of Object.entries(style)) row[facet] = value;
  }

  // Cells: one per distinct style, so that exceljs gives each style its index in styles.xml; every
  // cell is written afterwards from the model (cell-styles.ts, sheet-data.ts).
  for (const { row, col, style } of styles.prototypes) {
    const target = ws.getCell(row + 1, col + 1);
    if (style) target.style = style;
  }

  // Tables with one data row: exceljs writes a table's rows into its cells, which cells.ts
  // replaces, and it gets its real range there too.
  for (const t of tables) {
    const rect = t.rect;
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
      rows: [t.columns.map(() => null)],
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

/**
 * A column's outline level. exceljs would also mark every column at the deepest level
 * `collapsed="1"` (its Column.collapsed getter), which means a collapsed group to Excel; the model
 * has no collapsed groups (hidden columns are their own flag), so the getter is shadowed.
 */
function writeOutlineLevel(col: ExcelJS.Column, level: number | undefined) {
  if (!level) return;
  col.outlineLevel = level;
  Object.defineProperty(col, "collapsed", { value: false });
}

/** The active cell; with frozen panes it must lie in the scrolling pane, or Excel repairs the file. */
function selectionOf(sheet: SheetModel): string {
  const s: Rect = sheet.selection;
  const { rows, columns } = sheet.freeze;
  return cellAddress(Math.max(s.r0, rows), Math.max(s.c0, columns));
}

/**
 * Builds the exceljs workbook: everything but the cells, of which each sheet gets its style
 * prototypes only (cells.ts writes them all into the package afterwards).
 */
/** What Excel's sheet protection may allow, as its options name them after "allow". */
const ALLOWED = [
  "FormatCells",
  "FormatColumns",
  "FormatRows",
  "InsertColumns",
  "InsertRows",
  "InsertHyperlinks",
  "DeleteColumns",
  "DeleteRows",
  "Sort",
  "AutoFilter",
  "PivotTables",
  "EditObjects",
  "EditScenarios",
] as const;

/** exceljs's name for an allowed action: the same words, without "Edit" ("objects", "scenarios"). */
function exceljsAllowName(what: (typeof ALLOWED)[number]): string {
  const words = what.replace(/^Edit/, "");
  return words.charAt(0).toLowerCase() + words.slice(1);
}

export async function buildWorkbook(
  model: WorkbookModel,
  styles: Map<SheetModel, SheetStyles>,
  opts: { fullCalcOnLoad: boolean; date: Date },
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
    writeSheet(ws, sheet, tables, styles.get(sheet)!);
    if (sheet.protection.protected) {
      const o = sheet.protection.options;
      const mode = o.selectionMode ?? "Normal";
      // Never the password: the file is protected without one (excel-sim keeps it only to check unprotect).
      await ws.protect("", {
        selectLockedCells: mode === "Normal",
        selectUnlockedCells: mode !== "None",
        ...Object.fromEntries(ALLOWED.map((what) => [exceljsAllowName(what), !!o[`allow${what}`]])),
      });
    }
  }
  wb.views = [
    { x: 0, y: 0, width: 28800, height: 17000, firstSheet: 0, activeTab: active, visibility: "visible" },
  ];
  return wb;
}
