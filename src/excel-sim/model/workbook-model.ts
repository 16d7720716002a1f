/**
 * Operations on the model with Excel's rules (names, protection, tables, shifting references…).
 * Used by the Office.js-shaped proxies (api/) and by user edits (sim.ts). Every operation either
 * applies completely or throws a SimError without changing anything.
 */
import { simError } from "../errors";
import { Calc } from "../formula/engine";
import { FUNCTIONS } from "../formula/functions";
import {
  deleteSheetInFormula,
  FORMULA_LENGTH_LIMIT,
  formulaFill,
  renameSheetInFormula,
  rewriteTokens,
  type Shift,
  shiftFormula,
  shiftRect,
  validateFormula,
} from "../formula/rewrite";
import {
  a1Text,
  columnIndexOf,
  deleteColumnText,
  renameColumnText,
  renameTableText,
} from "../formula/structured";
import type { Node } from "../formula/parser";
import { FormulaSyntaxError, type StructuredRef } from "../formula/tokenizer";
import { CELL_TEXT_LIMIT, parseNumberText } from "../formula/values";
import {
  cellKey,
  columnIndex,
  isWholeColumns,
  isWholeRows,
  keyCol,
  keyRow,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  type Rect,
  rectContainsCell,
  rectIntersect,
} from "./address";
import { FormatInterner, mergeFormats } from "./format";
import { FormulaShape, hasFormula, SharedFormulaCell } from "./shared-formulas";
import type {
  Cell,
  CellFormat,
  CellValue,
  ChartModel,
  ConditionalFormatModel,
  NamedItemModel,
  SheetModel,
  SheetVisibility,
  TableModel,
  ValidationModel,
  WorkbookModel,
} from "./types";
import { errorFromCode, isCellError } from "./types";

/** Text for a cell, refused (as Excel refuses the write) when longer than a cell holds. */
function cellText(text: string): string {
  if (text.length > CELL_TEXT_LIMIT)
    throw simError(
      "InvalidArgument",
      `The text has ${text.length} characters; a cell holds at most ${CELL_TEXT_LIMIT}.`,
    );
  return text;
}

export type ChangeType =
  | "RangeEdited"
  | "RowInserted"
  | "RowDeleted"
  | "ColumnInserted"
  | "ColumnDeleted"
  | "CellInserted"
  | "CellDeleted";

export interface ChangeDetails {
  valueBefore: unknown;
  valueAfter: unknown;
  valueTypeBefore: string;
  valueTypeAfter: string;
}

/** One change, for onChanged events and subscribers. */
export interface ChangeRecord {
  sheetId: string;
  rect: Rect;
  changeType: ChangeType;
  /** The session (co-author) that made it. */
  session: number;
  /** Whether it came from a user edit in the grid rather than the API. */
  byUser: boolean;
  /** Tables whose range the change touched, with the touched part. */
  tables: { tableId: string; rect: Rect }[];
  details?: ChangeDetails;
}

export type StructureChange =
  | "sheets"
  | "tables"
  | "names"
  | "charts"
  | "validation"
  | "conditionalFormats"
  | "format"
  | "protection"
  | "calculation";

/** Where a formula is: its sheet (null for a defined name) and cell (a rule's: its range's top-left). */
export interface FormulaHome {
  sheet: SheetModel | null;
  row: number;
  col: number;
  /** The range being written with it (a write next to a table expands the table). */
  writing?: Rect;
}

/** The parsed form of one written value. */
interface ParsedInput {
  value: CellValue;
  formula?: string;
  /** The parsed formula (kept on the cell so it is parsed once). */
  ast?: unknown;
  numberFormat?: string;
}

const SHEET_NAME_BAD = /[:\\/?*[\]]/;
const NAME_RE = /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\?\u00C0-\uFFFF]*$/;

export function valueTypeOf(v: CellValue): "Empty" | "String" | "Double" | "Boolean" | "Error" {
  if (v === null) return "Empty";
  if (typeof v === "string") return "String";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "Error";
}

/** A value as Office.js returns it in `values`: "" for empty, "#N/A" for errors. */
export function apiValue(v: CellValue): string | number | boolean {
  if (v === null) return "";
  if (isCellError(v)) return v.code;
  return v;
}

/** Matches a formula that may name the sheet: its name as written bare or quoted ('' for '), any case. */
function sheetNameSpellings(name: string): RegExp {
  const spellings = [name, name.replace(/'/g, "''")].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(spellings.join("|"), "i");
}

/** What writeRange keeps of an input that is its own value: the input itself, taken again. */
const AS_WRITTEN = Symbol("as written");

/** The parse of `raw` as writeRange keeps it: the input as written, a formula's shape, or the parse. */
function compactParse(
  raw: unknown,
  p: ParsedInput | null,
): ParsedInput | null | FormulaShape | typeof AS_WRITTEN {
  if (p === null || p.numberFormat !== undefined) return p;
  if (p.formula === undefined) return p.value === raw ? AS_WRITTEN : p;
  return p.formula === raw && p.ast instanceof FormulaShape ? p.ast : p;
}

/** The parse of `raw` back from what compactParse kept. */
function fullParse(
  raw: unknown,
  kept: ParsedInput | null | FormulaShape | typeof AS_WRITTEN,
): ParsedInput | null {
  if (kept === AS_WRITTEN) return { value: raw as CellValue };
  if (kept instanceof FormulaShape) return { value: null, formula: raw as string, ast: kept };
  return kept;
}

function guid(n: number, kind: number): string {
  const hex = n.toString(16).toUpperCase().padStart(8, "0");
  return `{${hex}-000${kind}-0000-0000-000000000000}`;
}

/** The cells of a table: header row, data body and, when shown, its total row. */
export function tableExtent(t: TableModel): Rect {
  return t.showTotals ? { ...t.rect, r1: t.rect.r1 + 1 } : t.rect;
}

export class SimModel {
  readonly wb: WorkbookModel;
  readonly calc: Calc;
  /** The shared format objects of this workbook's cells. */
  readonly formats = new FormatInterner();
  /** Changes not yet dispatched as events. */
  changes: ChangeRecord[] = [];
  /** Kinds of structural change since last drained (for subscribers). */
  structure = new Set<StructureChange>();
  /** Session of the code now applying changes (0 = the primary user/add-in). */
  session = 0;
  byUser = false;
  /**
   * Whether writing right below a table takes the rows into it (Excel's auto-expansion). Off models
   * the cases where Excel does not (office-js #3191, #3013, #2097, AutoCorrect option turned off).
   */
  autoExpand = true;

  /** A new workbook with these sheets, or (from) a model over an existing workbook (copy.ts). */
  constructor(sheetNames: string[] = ["Sheet1"], from?: WorkbookModel) {
    this.wb = from ?? {
      sheets: [],
      tables: [],
      names: [],
      activeSheetId: "",
      calculationMode: "Automatic",
      counters: { sheet: 0, table: 0, chart: 0, validation: 0, cf: 0 },
    };
    this.calc = new Calc(this.wb, FUNCTIONS);
    if (from) return;
    for (const n of sheetNames) this.addSheet(n);
    this.wb.activeSheetId = this.wb.sheets[0]?.id ?? "";
    this.changes = [];
    this.structure.clear();
  }

  // ------------------------------------------------------------------ sheets

  liveSheets(): SheetModel[] {
    return this.wb.sheets;
  }

  sheetById(id: string): SheetModel | undefined {
    return this.wb.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.wb.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  requireSheet(name: string): SheetModel {
    const s = this.sheetByName(name);
    if (!s) throw simError("ItemNotFound", `Worksheet '${name}' not found.`);
    return s;
  }

  private checkSheetName(name: string, except?: SheetModel): void {
    if (typeof name !== "string" || !name.trim() || name.length > 31 || SHEET_NAME_BAD.test(name)) {
      throw simError("InvalidArgument", `Invalid worksheet name '${String(name)}'.`);
    }
    if (name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
      throw simError("InvalidArgument", `Invalid worksheet name '${name}'.`);
    }
    const other = this.sheetByName(name);
    if (other && other !== except)
      throw simError("ItemAlreadyExists", `A worksheet named '${name}' already exists.`);
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined || n === null) {
      let i = this.wb.sheets.length + 1;
      while (this.sheetByName(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    this.checkSheetName(n);
    const id = guid(++this.wb.counters.sheet, 1);
    const sheet: SheetModel = {
      id,
      name: n,
      visibility: "Visible",
      cells: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      hiddenColumns: new Set(),
      hiddenRows: new Set(),
      columnFormats: new Map(),
      rowFormats: new Map(),
      protection: { protected: false, options: {} },
      freeze: { rows: 0, columns: 0 },
      tabColor: null,
      showGridlines: true,
      charts: [],
      validations: [],
      conditionalFormats: [],
      selection: { r0: 0, c0: 0, r1: 0, c1: 0 },
    };
    this.wb.sheets.push(sheet);
    if (!this.wb.activeSheetId) this.wb.activeSheetId = id;
    // Formulas that referred to a missing sheet of this name (#REF!) now resolve.
    this.calc.invalidate();
    this.structure.add("sheets");
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    if (sheet.name === name) return;
    this.checkSheetName(name, sheet);
    const old = sheet.name;
    this.forEachFormulaText((f) => renameSheetInFormula(f, old, name), sheetNameSpellings(old));
    sheet.name = name;
    this.calc.invalidate();
    this.structure.add("sheets");
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.wb.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) {
      throw simError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    // Structured references to its tables become #REF! (as its A1 references do below).
    for (const t of this.tablesOn(sheet)) this.structuredToRefError(t);
    const idx = this.wb.sheets.indexOf(sheet);
    this.wb.sheets.splice(idx, 1);
    sheet.deleted = true;
    for (const t of this.wb.tables.filter((t) => t.sheetId === sheet.id)) {
      t.deleted = true;
    }
    this.wb.tables = this.wb.tables.filter((t) => t.sheetId !== sheet.id);
    for (const c of sheet.charts) c.deleted = true;
    const referred = this.forEachFormulaText(
      (f) => deleteSheetInFormula(f, sheet.name),
      sheetNameSpellings(sheet.name),
    );
    // Charts elsewhere that plot this sheet's cells lose those references.
    for (const s of this.wb.sheets) {
      for (const c of s.charts) {
        for (const ser of c.series) {
          if (ser.values?.sheetId === sheet.id) ser.values = null;
          if (ser.categories?.sheetId === sheet.id) ser.categories = null;
          if (ser.nameRef?.sheetId === sheet.id) ser.nameRef = null;
        }
        if (c.source?.sheetId === sheet.id) c.source = null;
      }
    }
    if (this.wb.activeSheetId === sheet.id) {
      const next =
        this.wb.sheets
          .slice(Math.min(idx, this.wb.sheets.length - 1))
          .find((s) => s.visibility === "Visible") ?? this.wb.sheets.find((s) => s.visibility === "Visible");
      this.wb.activeSheetId = next?.id ?? "";
    }
    // Only a formula that named the sheet (now #REF!) can change: when none did, the workbook's
    // values stand, as in Excel, which recalculates only what depends on a change. (References to
    // its tables were rewritten above, which recalculates.)
    if (referred) this.calc.invalidate();
    else this.calc.tablesChanged();
    this.structure.add("sheets");
    this.structure.add("tables");
  }

  setSheetPosition(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.wb.sheets.length) {
      throw simError("InvalidArgument", `Invalid position ${position}.`);
    }
    const i = this.wb.sheets.indexOf(sheet);
    this.wb.sheets.splice(i, 1);
    this.wb.sheets.splice(position, 0, sheet);
    this.structure.add("sheets");
  }

  setVisibility(sheet: SheetModel, vis: SheetVisibility): void {
    if (!["Visible", "Hidden", "VeryHidden"].includes(vis))
      throw simError("InvalidArgument", `Invalid visibility '${vis}'.`);
    if (vis !== "Visible") {
      const visible = this.wb.sheets.filter((s) => s.visibility === "Visible" && s !== sheet);
      if (visible.length === 0)
        throw simError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      if (this.wb.activeSheetId === sheet.id) this.wb.activeSheetId = visible[0].id;
    }
    sheet.visibility = vis;
    this.structure.add("sheets");
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== "Visible")
      throw simError("InvalidOperation", "Cannot activate a hidden worksheet.");
    this.wb.activeSheetId = sheet.id;
    this.structure.add("sheets");
  }

  activeSheet(): SheetModel {
    return this.sheetById(this.wb.activeSheetId) ?? this.wb.sheets[0];
  }

  /**
   * Every formula text held by the workbook (cells, names, validation, conditional formats); with
   * `mentions`, only those holding one of these texts in any case (a sheet's name as a formula
   * writes it): a cheap search instead of tokenizing every formula of a large workbook. Returns
   * whether any text changed.
   */
  private forEachFormulaText(
    rewrite: (formula: string, sheet: SheetModel | null, home: FormulaHome) => string,
    mentions?: RegExp,
  ): boolean {
    let changed = false;
    const f: typeof rewrite = (x, s, h) => {
      if (mentions && !mentions.test(x)) return x;
      const nx = rewrite(x, s, h);
      if (nx !== x) changed = true;
      return nx;
    };
    for (const s of this.wb.sheets) {
      for (const [key, cell] of s.cells) {
        if (!hasFormula(cell)) continue;
        const text = cell.formula!;
        if (mentions && !mentions.test(text)) continue;
        const nf = f(text, s, { sheet: s, row: keyRow(key), col: keyCol(key) });
        if (nf !== text) {
          const own = this.writable(s, key, cell);
          own.formula = nf;
          own.ast = undefined;
          own.calcGen = undefined;
        }
      }
      const homeOf = (ranges: Rect[]): FormulaHome => ({
        sheet: s,
        row: ranges[0]?.r0 ?? 0,
        col: ranges[0]?.c0 ?? 0,
      });
      for (const v of s.validations) {
        for (const k of ["formula1", "formula2", "source", "formula"] as const) {
          const x = v.rule[k];
          if (typeof x === "string" && x.startsWith("="))
            (v.rule as unknown as Record<string, unknown>)[k] = f(x, s, homeOf(v.ranges));
        }
      }
      for (const c of s.conditionalFormats) {
        for (const k of ["formula1", "formula2", "formula"] as const) {
          const x = c.rule[k];
          if (typeof x === "string" && x.startsWith("=")) c.rule[k] = f(x, s, homeOf(c.ranges));
        }
      }
    }
    for (const n of this.wb.names) n.formula = f(n.formula, null, { sheet: null, row: 0, col: 0 });
    return changed;
  }

  /** The table a structured reference in a formula at `home` names (table-less: the one holding it). */
  private tableOfRef(sref: StructuredRef, home: FormulaHome): TableModel | undefined {
    if (sref.table !== undefined) return this.tableByName(sref.table);
    return home.sheet ? this.calc.tableAt(home.sheet, home.row, home.col) : undefined;
  }

  /**
   * Rewrites the structured references to table `t` in every formula, name, validation and
   * conditional format: `map` gets the reference, its text and the formula's home and returns
   * the new text (null: unchanged).
   */
  private rewriteStructured(
    t: TableModel,
    map: (sref: StructuredRef, text: string, home: FormulaHome) => string | null,
  ): void {
    this.forEachFormulaText((f, _sheet, home) =>
      f.includes("[")
        ? rewriteTokens(f, (tok) =>
            tok.type === "sref" && this.tableOfRef(tok.sref!, home) === t
              ? map(tok.sref!, tok.text, home)
              : null,
          )
        : f,
    );
    this.calc.invalidate();
  }

  /** Structured references to table `t` become "#REF!" (its sheet was deleted, or the table shifted away). */
  private structuredToRefError(t: TableModel): void {
    this.rewriteStructured(t, () => "#REF!");
  }

  /**
   * Checks a structured reference on entry as Excel does: the table and its columns must exist;
   * the table-less form (`[@Col]`) is valid only in a table (or the row below / column right of
   * it, where the entry expands it).
   */
  private checkStructured(sref: StructuredRef, home: FormulaHome): void {
    let t: TableModel | undefined;
    if (sref.table !== undefined) {
      t = this.tableByName(sref.table);
      if (!t) throw new FormulaSyntaxError(`There is no table named ${sref.table}`);
    } else {
      const { sheet, row, col, writing: w } = home;
      // The table holding the cell, or the one a write next to it expands over the cell.
      const reach = (x: TableModel) => ({
        r1:
          w && w.r0 <= x.rect.r1 + 1 && w.c0 <= x.rect.c1 && w.c1 >= x.rect.c0
            ? Math.max(w.r1, x.rect.r1 + 1)
            : x.rect.r1 + 1,
        c1:
          w && w.c0 <= x.rect.c1 + 1 && w.r0 <= x.rect.r1 && w.r1 >= x.rect.r0
            ? Math.max(w.c1, x.rect.c1 + 1)
            : x.rect.c1 + 1,
      });
      t = sheet
        ? this.tablesOn(sheet).find((x) => {
            const { r1, c1 } = reach(x);
            return (
              (row >= x.rect.r0 && row <= r1 && col >= x.rect.c0 && col <= x.rect.c1) ||
              (col > x.rect.c1 && col <= c1 && row >= x.rect.r0 && row <= x.rect.r1)
            );
          })
        : undefined;
      if (!t)
        throw new FormulaSyntaxError("A structured reference without a table name must be inside a table");
    }
    for (const c of sref.columns) {
      if (columnIndexOf(t, c.name) < 0)
        throw new FormulaSyntaxError(`Table ${t.name} has no column ${c.name}`);
    }
  }

  // ------------------------------------------------------------------ protection

  private isLocked(sheet: SheetModel, r: number, c: number): boolean {
    const cell = sheet.cells.get(cellKey(r, c));
    const l = cell?.format?.locked ?? sheet.rowFormats.get(r)?.locked ?? sheet.columnFormats.get(c)?.locked;
    return l !== false;
  }

  /** Throws AccessDenied when the sheet is protected and any cell of rect is locked. */
  checkEditable(sheet: SheetModel, rect: Rect): void {
    if (!sheet.protection.protected) return;
    const area = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
    if (area > 2_000_000) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (sheet.columnFormats.get(c)?.locked !== false) throw this.protectedError(sheet);
      }
      for (const [k, cell] of sheet.cells) {
        if (cell.format?.locked === true && rectContainsCell(rect, keyRow(k), keyCol(k)))
          throw this.protectedError(sheet);
      }
      return;
    }
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (this.isLocked(sheet, r, c)) throw this.protectedError(sheet);
      }
    }
  }

  private protectedError(sheet: SheetModel) {
    return simError(
      "AccessDenied",
      `The cell or chart you're trying to change is on a protected sheet ('${sheet.name}').`,
    );
  }

  /** Throws AccessDenied for structure/format operations on a protected sheet unless allowed. */
  checkAllowed(sheet: SheetModel, allowed?: keyof SheetModel["protection"]["options"]): void {
    if (!sheet.protection.protected) return;
    if (allowed && sheet.protection.options[allowed]) return;
    throw this.protectedError(sheet);
  }

  // ------------------------------------------------------------------ cells

  cell(sheet: SheetModel, r: number, c: number): Cell | undefined {
    return sheet.cells.get(cellKey(r, c));
  }

  /** Fresh value of a cell (formulas evaluated lazily). */
  valueAt(sheet: SheetModel, r: number, c: number): CellValue {
    return this.calc.cellValue(sheet, r, c);
  }

  formatAt(sheet: SheetModel, r: number, c: number): CellFormat {
    return mergeFormats(
      sheet.columnFormats.get(c),
      sheet.rowFormats.get(r),
      sheet.cells.get(cellKey(r, c))?.format,
    );
  }

  /** The effective number format of a cell (undefined = General), without building the whole format. */
  numberFormatAt(sheet: SheetModel, r: number, c: number): string | undefined {
    return (
      sheet.cells.get(cellKey(r, c))?.format?.numberFormat ??
      sheet.rowFormats.get(r)?.numberFormat ??
      sheet.columnFormats.get(c)?.numberFormat
    );
  }

  /** Parses a value written through `values`/`formulas` or typed by a user. null = leave unchanged. */
  parseInput(raw: unknown, numberFormat: string | undefined, home?: FormulaHome): ParsedInput | null {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === "number") {
      if (!Number.isFinite(raw)) throw simError("InvalidArgument", "Numbers must be finite.");
      return { value: raw };
    }
    if (typeof raw === "boolean") return { value: raw };
    if (typeof raw !== "string")
      throw simError("InvalidArgument", `Unsupported value ${JSON.stringify(raw)}.`);
    if (raw === "") return { value: null };
    if (raw.startsWith("=") && raw.length > 1) {
      try {
        return { value: null, formula: raw, ast: this.validatedShape(raw, home) };
      } catch (e) {
        const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
        throw simError("InvalidArgument", `The formula ${shown} contains an error: ${(e as Error).message}.`);
      }
    }
    if (numberFormat === "@") return { value: cellText(raw) };
    if (raw.startsWith("'")) return { value: cellText(raw.slice(1)) };
    const err = errorFromCode(raw.trim());
    if (err) return { value: err };
    const up = raw.trim().toUpperCase();
    if (up === "TRUE" || up === "FALSE") return { value: up === "TRUE" };
    const n = parseNumberText(raw);
    if (n) {
      const fmt = n.format && (!numberFormat || numberFormat === "General") ? n.format : undefined;
      return { value: n.value, numberFormat: fmt };
    }
    // Lotus-style entry: "+x", "-x", "@x" are taken as formulas when they parse as one.
    if (/^[+\-@]/.test(raw) && raw.length > 1) {
      const f = raw.startsWith("@") ? `=${raw.slice(1)}` : `=${raw}`;
      // Excel parses such text as a formula before anything else, and fails the write when it is
      // too long for one (reported in office-js#3256) instead of keeping it as text.
      if (f.length > FORMULA_LENGTH_LIMIT)
        throw simError("GeneralException", "There was an internal error while processing the request.");
      try {
        return { value: null, formula: f, ast: this.validatedShape(f, home) };
      } catch {
        return { value: cellText(raw) };
      }
    }
    return { value: cellText(raw) };
  }

  /** validateFormula with structured references checked against the tables (home: where the formula goes). */
  private validateAt(formula: string, home: FormulaHome | undefined): Node {
    return validateFormula(formula, (sref) =>
      this.checkStructured(sref, home ?? { sheet: null, row: 0, col: 0 }),
    );
  }

  /**
   * Checks a formula written to a cell as validateAt does, and gives its shape (shared-formulas.ts):
   * the formula above it moved down a row is recognized without a parse, its structured references
   * checked again. Without a cell to go to, the formula is only checked (its shape comes when it is
   * first calculated).
   */
  private validatedShape(formula: string, home: FormulaHome | undefined): FormulaShape | undefined {
    if (!home?.sheet) {
      this.validateAt(formula, home);
      return undefined;
    }
    return this.calc.shapes.shapeAt(
      formula,
      home.sheet,
      home.row,
      home.col,
      (f) => this.validateAt(f, home),
      (sref) => this.checkStructured(sref, home),
    );
  }

  /**
   * The cell at `key` as one that code may change field by field: a shared formula's cell
   * (shared-formulas.ts), which holds no text of its own, is replaced by one that does.
   */
  private writable(sheet: SheetModel, key: number, cell: Cell): Cell {
    if (!(cell instanceof SharedFormulaCell)) return cell;
    const own = cell.withOwnText();
    sheet.cells.set(key, own);
    return own;
  }

  private setCellContent(sheet: SheetModel, r: number, c: number, p: ParsedInput): void {
    const key = cellKey(r, c);
    const before = sheet.cells.get(key);
    // A formula recognized as a shape's (written here, so the shape's text at this place is it).
    if (p.formula !== undefined && p.ast instanceof FormulaShape && !p.numberFormat) {
      sheet.cells.set(key, new SharedFormulaCell(p.ast, r, c, before?.format));
      return;
    }
    let cell = before && this.writable(sheet, key, before);
    if (!cell) {
      if (p.value === null && p.formula === undefined && !p.numberFormat) return;
      cell = { value: null };
      sheet.cells.set(key, cell);
    }
    cell.value = p.value;
    if (p.formula !== undefined) {
      cell.formula = p.formula;
      cell.ast = p.ast;
      cell.calcGen = undefined;
    } else {
      delete cell.formula;
      delete cell.ast;
      delete cell.calcGen;
    }
    if (p.numberFormat)
      cell.format = this.formats.intern({ ...(cell.format ?? {}), numberFormat: p.numberFormat });
    if (cell.value === null && !hasFormula(cell) && !cell.format) sheet.cells.delete(key);
  }

  /**
   * Writes `values` or `formulas` (2-D array matching the rect, or one value for every cell).
   * Table header cells become the column names; writing just below or right of a table expands it.
   */
  writeRange(sheet: SheetModel, rect: Rect, data: unknown, what: "values" | "formulas" | "user"): void {
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    let grid: unknown[][] | null = null;
    if (Array.isArray(data)) {
      if (data.length !== rows || data.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw simError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
        );
      }
      grid = data as unknown[][];
    } else if (rows * cols > 5_000_000) {
      throw simError("InvalidArgument", "Range too large for a single value.");
    }
    this.checkEditable(sheet, rect);
    // Parse everything first: a bad formula fails the whole action. What is kept of each parse is
    // small (compactParse), so that a write of 100,000 cells does not hold 100,000 parse results.
    const parsed: (ParsedInput | null | FormulaShape | typeof AS_WRITTEN)[] = new Array(rows * cols);
    const home = (r: number, c: number): FormulaHome => ({ sheet, row: r, col: c, writing: rect });
    // One formula for every cell is written as Excel fills it (Ctrl+Enter): checked once, its
    // relative references moved for each cell (each parsed when first calculated).
    const first = grid
      ? null
      : this.parseInput(data, this.numberFormatAt(sheet, rect.r0, rect.c0), home(rect.r0, rect.c0));
    const fill = first?.formula !== undefined ? formulaFill(first.formula) : null;
    let k = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const r = rect.r0 + i;
        const c = rect.c0 + j;
        if (fill) {
          parsed[k++] = i || j ? { value: null, formula: fill(i, j) } : first;
          continue;
        }
        const raw = grid ? grid[i][j] : data;
        // Only text reads the cell's number format ("@") or may be a formula (needing its place).
        const text = typeof raw === "string";
        const p = text
          ? this.parseInput(raw, this.numberFormatAt(sheet, r, c), home(r, c))
          : this.parseInput(raw, undefined);
        parsed[k++] = compactParse(raw, p);
      }
    }
    const single = rows === 1 && cols === 1;
    const before = single ? this.valueAt(sheet, rect.r0, rect.c0) : null;
    k = 0;
    const headerTables = this.tablesOn(sheet).filter((t) => t.rect.r0 >= rect.r0 && t.rect.r0 <= rect.r1);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const p = fullParse(grid ? grid[i][j] : data, parsed[k++]);
        if (!p) continue;
        const r = rect.r0 + i;
        const c = rect.c0 + j;
        const ht = headerTables.find((t) => t.rect.r0 === r && c >= t.rect.c0 && c <= t.rect.c1);
        if (ht) {
          this.writeHeader(sheet, ht, c, p);
          continue;
        }
        this.setCellContent(sheet, r, c, p);
      }
    }
    this.calc.invalidate();
    this.expandTables(sheet, rect);
    let details: ChangeDetails | undefined;
    if (single) {
      const after = this.valueAt(sheet, rect.r0, rect.c0);
      details = {
        valueBefore: apiValue(before),
        valueAfter: apiValue(after),
        valueTypeBefore: valueTypeOf(before),
        valueTypeAfter: valueTypeOf(after),
      };
    }
    this.record(sheet, rect, "RangeEdited", details);
    void what;
  }

  private writeHeader(sheet: SheetModel, t: TableModel, c: number, p: ParsedInput): void {
    const idx = c - t.rect.c0;
    let text = p.formula ?? (p.value === null ? "" : isCellError(p.value) ? p.value.code : String(p.value));
    if (!text) text = `Column${idx + 1}`;
    text = this.uniqueColumnName(t, text, idx);
    const old = t.columns[idx].name;
    // Renaming a column renames it in every structured reference (a new column has no name yet).
    if (old && old !== text) this.rewriteStructured(t, (sref, tok) => renameColumnText(sref, tok, old, text));
    t.columns[idx].name = text;
    this.calc.tablesChanged();
    this.setCellContent(sheet, t.rect.r0, c, { value: text });
    this.structure.add("tables");
  }

  private uniqueColumnName(t: TableModel, name: string, exceptIdx: number): string {
    const taken = new Set(t.columns.filter((_, i) => i !== exceptIdx).map((col) => col.name.toLowerCase()));
    if (!taken.has(name.toLowerCase())) return name;
    let i = 2;
    while (taken.has(`${name}${i}`.toLowerCase())) i++;
    return `${name}${i}`;
  }

  /** Excel's table auto-expansion after cells were written at rect. */
  private expandTables(sheet: SheetModel, rect: Rect): void {
    for (const t of this.tablesOn(sheet)) {
      const tr = t.rect;
      // Rows directly below the table (with a total row, that row: it is overwritten, not added).
      if (
        this.autoExpand &&
        !t.showTotals &&
        rect.r0 <= tr.r1 + 1 &&
        rect.r1 > tr.r1 &&
        rect.r0 > tr.r0 &&
        rect.c0 <= tr.c1 &&
        rect.c1 >= tr.c0
      ) {
        let any = false;
        for (let c = tr.c0; c <= tr.c1 && !any; c++) {
          const cell = sheet.cells.get(cellKey(tr.r1 + 1, c));
          if (cell && (cell.value !== null || hasFormula(cell))) any = true;
        }
        const target: Rect = { ...tr, r1: rect.r1 };
        if (any && !this.overlapsOtherTable(sheet, target, t)) {
          t.rect = target;
          this.structure.add("tables");
        }
      }
      // Columns directly right of the table.
      if (rect.c0 === tr.c1 + 1 && rect.r0 >= tr.r0 && rect.r0 <= tr.r1) {
        const newCols = rect.c1 - rect.c0 + 1;
        const target: Rect = { ...t.rect, c1: t.rect.c1 + newCols };
        let any = false;
        for (let c = rect.c0; c <= rect.c1 && !any; c++) {
          for (let r = t.rect.r0; r <= t.rect.r1 && !any; r++) {
            const cell = sheet.cells.get(cellKey(r, c));
            if (cell && (cell.value !== null || hasFormula(cell))) any = true;
          }
        }
        if (any && !this.overlapsOtherTable(sheet, target, t)) {
          t.rect = target;
          for (let c = rect.c0; c <= rect.c1; c++) {
            const id = t.nextColumnId++;
            t.columns.push({ id, name: "" });
            const hv = sheet.cells.get(cellKey(t.rect.r0, c));
            const p: ParsedInput = { value: hv?.formula ?? hv?.value ?? null };
            this.writeHeader(sheet, t, c, p);
          }
        }
      }
    }
  }

  clearRange(
    sheet: SheetModel,
    rect: Rect,
    applyTo: "All" | "Formats" | "Contents" | "Hyperlinks" | "RemoveHyperlinks" = "All",
  ): void {
    if (applyTo === "Hyperlinks" || applyTo === "RemoveHyperlinks") return;
    if (applyTo !== "Formats") this.checkEditable(sheet, rect);
    else this.checkAllowed(sheet, "allowFormatCells");
    const headerCells = new Set<number>();
    for (const t of this.tablesOn(sheet)) {
      const hr = rectIntersect(rect, { ...t.rect, r1: t.rect.r0 });
      if (hr) for (let c = hr.c0; c <= hr.c1; c++) headerCells.add(cellKey(t.rect.r0, c));
    }
    const apply = (key: number, shared: Cell) => {
      const cell = this.writable(sheet, key, shared);
      if (applyTo !== "Formats") {
        if (headerCells.has(key)) {
          const t = this.tablesOn(sheet).find((x) => x.rect.r0 === keyRow(key))!;
          this.writeHeader(sheet, t, keyCol(key), { value: null });
        } else {
          cell.value = null;
          delete cell.formula;
          delete cell.ast;
          delete cell.calcGen;
        }
      }
      if (applyTo !== "Contents") delete cell.format;
      if (cell.value === null && !hasFormula(cell) && !cell.format) sheet.cells.delete(key);
    };
    const area = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
    if (area > sheet.cells.size) {
      for (const [key, cell] of [...sheet.cells]) {
        if (rectContainsCell(rect, keyRow(key), keyCol(key))) apply(key, cell);
      }
    } else {
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const key = cellKey(r, c);
          const cell = sheet.cells.get(key);
          if (cell) apply(key, cell);
        }
      }
    }
    if (applyTo !== "Contents") {
      if (isWholeColumns(rect)) for (let c = rect.c0; c <= rect.c1; c++) sheet.columnFormats.delete(c);
      if (isWholeRows(rect)) for (let r = rect.r0; r <= rect.r1; r++) sheet.rowFormats.delete(r);
      this.structure.add("format");
    }
    if (applyTo !== "Formats") {
      this.calc.invalidate();
      this.record(sheet, rect, "RangeEdited");
    }
  }

  /** Sets format properties on every cell of rect (whole columns/rows: on the column/row too). */
  setFormat(sheet: SheetModel, rect: Rect, patch: CellFormat): void {
    if (patch.locked !== undefined) this.checkAllowed(sheet);
    else this.checkAllowed(sheet, "allowFormatCells");
    const merge = (f: CellFormat | undefined): CellFormat | undefined => {
      const next: CellFormat = { ...(f ?? {}) };
      for (const [k, v] of Object.entries(patch)) {
        if (k === "borders") next.borders = { ...(next.borders ?? {}), ...(v as CellFormat["borders"]) };
        else (next as Record<string, unknown>)[k] = v;
      }
      return this.formats.intern(next);
    };
    const wholeRows = isWholeRows(rect);
    // A number format down to the last row from near the top (F2:F1048576) is kept as a column
    // format, not a million cell formats: the few cells above the range keep the format they
    // show, and cells with a row format (which would win over the column's) get it themselves.
    const tall =
      !wholeRows &&
      rect.r1 === MAX_ROWS - 1 &&
      rect.r0 <= 1000 &&
      Object.keys(patch).length === 1 &&
      patch.numberFormat !== undefined;
    if (tall && rect.r0 > 0) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        const shown = sheet.columnFormats.get(c)?.numberFormat ?? "General";
        for (let r = 0; r < rect.r0; r++) {
          const cell = sheet.cells.get(cellKey(r, c));
          if (cell?.format?.numberFormat !== undefined || sheet.rowFormats.get(r)?.numberFormat !== undefined)
            continue;
          this.cellWithFormat(sheet, r, c, { numberFormat: shown });
        }
      }
    }
    const wholeCols = isWholeColumns(rect) || tall;
    if (wholeCols || wholeRows) {
      if (wholeCols && !wholeRows) {
        for (const [r, f] of sheet.rowFormats) {
          if (r < rect.r0 || f.numberFormat === undefined) continue;
          for (let c = rect.c0; c <= rect.c1; c++) this.cellWithFormat(sheet, r, c, f);
        }
      }
      if (wholeCols) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const m = merge(sheet.columnFormats.get(c));
          if (m) sheet.columnFormats.set(c, m);
          else sheet.columnFormats.delete(c);
        }
      }
      if (wholeRows && !wholeCols) {
        for (let r = rect.r0; r <= rect.r1; r++) {
          const m = merge(sheet.rowFormats.get(r));
          if (m) sheet.rowFormats.set(r, m);
          else sheet.rowFormats.delete(r);
        }
      }
      for (const [key, cell] of sheet.cells) {
        if (cell.format && rectContainsCell(rect, keyRow(key), keyCol(key))) cell.format = merge(cell.format);
      }
    } else {
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const key = cellKey(r, c);
          let cell = sheet.cells.get(key);
          if (!cell) {
            cell = { value: null };
            sheet.cells.set(key, cell);
          }
          cell.format = merge(cell.format);
          if (!cell.format && cell.value === null && !hasFormula(cell)) sheet.cells.delete(key);
        }
      }
    }
    if (patch.numberFormat !== undefined) this.calc.invalidate();
    this.structure.add("format");
  }

  /** Gives a cell (created if missing) the format properties of `base` it does not set itself. */
  private cellWithFormat(sheet: SheetModel, r: number, c: number, base: CellFormat): void {
    const key = cellKey(r, c);
    const cell = sheet.cells.get(key);
    if (cell) cell.format = this.formats.intern({ ...base, ...(cell.format ?? {}) });
    else sheet.cells.set(key, { value: null, format: this.formats.intern({ ...base }) });
  }

  /** Per-cell number formats (2-D array or one for all). */
  setNumberFormats(sheet: SheetModel, rect: Rect, data: unknown): void {
    if (!Array.isArray(data)) {
      if (data === null || data === undefined) return;
      this.setFormat(sheet, rect, { numberFormat: String(data) });
      return;
    }
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    if (data.length !== rows || data.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw simError(
        "InvalidArgument",
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
    }
    this.checkAllowed(sheet, "allowFormatCells");
    // What setFormat does cell by cell, with each (format before, number format) merged once: a
    // column of 100,000 cells is 100,000 lookups, not 100,000 merges and recalculations.
    const merged = new Map<CellFormat | undefined, Map<string, CellFormat | undefined>>();
    const withNumberFormat = (before: CellFormat | undefined, numberFormat: string) => {
      let byCode = merged.get(before);
      if (!byCode) merged.set(before, (byCode = new Map()));
      if (!byCode.has(numberFormat))
        byCode.set(numberFormat, this.formats.intern({ ...before, numberFormat }));
      return byCode.get(numberFormat);
    };
    let changed = false;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const f = (data as unknown[][])[i][j];
        if (f === null || f === undefined) continue;
        const key = cellKey(rect.r0 + i, rect.c0 + j);
        let cell = sheet.cells.get(key);
        if (!cell) {
          cell = { value: null };
          sheet.cells.set(key, cell);
        }
        cell.format = withNumberFormat(cell.format, String(f));
        changed = true;
      }
    }
    if (!changed) return;
    this.calc.invalidate();
    this.structure.add("format");
  }

  setColumnWidth(sheet: SheetModel, rect: Rect, points: number): void {
    if (typeof points !== "number" || !(points >= 0))
      throw simError("InvalidArgument", "Invalid column width.");
    this.checkAllowed(sheet, "allowFormatColumns");
    for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths.set(c, points);
    this.structure.add("format");
  }

  /** Range.columnHidden / rowHidden: hides or shows every column (row) the range spans. */
  setHidden(sheet: SheetModel, rect: Rect, axis: "columns" | "rows", hidden: unknown): void {
    if (typeof hidden !== "boolean")
      throw simError("InvalidArgument", "columnHidden and rowHidden take true or false.");
    this.checkAllowed(sheet, axis === "columns" ? "allowFormatColumns" : "allowFormatRows");
    const set = axis === "columns" ? sheet.hiddenColumns : sheet.hiddenRows;
    const [from, to] =
      axis === "columns" ? [rect.c0, rect.c1] : [rect.r0, Math.min(rect.r1, rect.r0 + 100000)];
    for (let i = from; i <= to; i++) {
      if (hidden) set.add(i);
      else set.delete(i);
    }
    this.structure.add("format");
  }

  setRowHeight(sheet: SheetModel, rect: Rect, points: number): void {
    if (typeof points !== "number" || !(points >= 0))
      throw simError("InvalidArgument", "Invalid row height.");
    this.checkAllowed(sheet, "allowFormatRows");
    for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 100000); r++) sheet.rowHeights.set(r, points);
    this.structure.add("format");
  }

  /** Used range: cells with values/formulas (valuesOnly) or also with formats. null when empty. */
  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [key, cell] of sheet.cells) {
      if (valuesOnly ? cell.value === null && !hasFormula(cell) : false) continue;
      const r = keyRow(key);
      const c = keyCol(key);
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    }
    if (r1 < 0) return null;
    return { r0, c0, r1, c1 };
  }

  // ------------------------------------------------------------------ insert / delete

  /** Inserts cells at rect, shifting existing ones down or right ("Down"/"Right"). */
  insertCells(sheet: SheetModel, rect: Rect, shift: "Down" | "Right"): void {
    const wholeRows = isWholeRows(rect);
    const wholeCols = isWholeColumns(rect);
    if (shift === "Down") this.checkAllowed(sheet, wholeRows ? "allowInsertRows" : undefined);
    else this.checkAllowed(sheet, wholeCols ? "allowInsertColumns" : undefined);
    const s: Shift =
      shift === "Down"
        ? {
            axis: "rows",
            kind: "insert",
            at: rect.r0,
            count: rect.r1 - rect.r0 + 1,
            from: rect.c0,
            to: rect.c1,
          }
        : {
            axis: "cols",
            kind: "insert",
            at: rect.c0,
            count: rect.c1 - rect.c0 + 1,
            from: rect.r0,
            to: rect.r1,
          };
    this.checkTablesForShift(sheet, s);
    this.applyShift(sheet, s);
    const type: ChangeType =
      shift === "Down"
        ? wholeRows
          ? "RowInserted"
          : "CellInserted"
        : wholeCols
          ? "ColumnInserted"
          : "CellInserted";
    this.record(sheet, rect, type);
  }

  /** Deletes the cells of rect, shifting the others up or left ("Up"/"Left"). */
  deleteCells(sheet: SheetModel, rect: Rect, shift: "Up" | "Left"): void {
    const wholeRows = isWholeRows(rect);
    const wholeCols = isWholeColumns(rect);
    if (shift === "Up") this.checkAllowed(sheet, wholeRows ? "allowDeleteRows" : undefined);
    else this.checkAllowed(sheet, wholeCols ? "allowDeleteColumns" : undefined);
    if (sheet.protection.protected) this.checkEditable(sheet, rect);
    const s: Shift =
      shift === "Up"
        ? {
            axis: "rows",
            kind: "delete",
            at: rect.r0,
            count: rect.r1 - rect.r0 + 1,
            from: rect.c0,
            to: rect.c1,
          }
        : {
            axis: "cols",
            kind: "delete",
            at: rect.c0,
            count: rect.c1 - rect.c0 + 1,
            from: rect.r0,
            to: rect.r1,
          };
    this.checkTablesForShift(sheet, s);
    this.applyShift(sheet, s);
    const type: ChangeType =
      shift === "Up"
        ? wholeRows
          ? "RowDeleted"
          : "CellDeleted"
        : wholeCols
          ? "ColumnDeleted"
          : "CellDeleted";
    this.record(sheet, rect, type);
  }

  private checkTablesForShift(sheet: SheetModel, s: Shift): void {
    for (const t of this.tablesOn(sheet)) {
      const extent = tableExtent(t);
      const o0 = s.axis === "rows" ? extent.c0 : extent.r0;
      const o1 = s.axis === "rows" ? extent.c1 : extent.r1;
      const a = s.axis === "rows" ? extent.r1 : extent.c1;
      const partly = !(o0 >= s.from && o1 <= s.to) && !(o1 < s.from || o0 > s.to);
      if (partly && s.at <= a) {
        throw simError(
          "InvalidOperation",
          "This operation is not allowed. It is attempting to shift cells in a table on your worksheet.",
        );
      }
    }
  }

  /** Moves cells and adjusts every reference for a shift; `own` = a table whose range the caller updates. */
  private applyShift(sheet: SheetModel, s: Shift, own?: TableModel): void {
    // Move cells.
    const moved = new Map<number, Cell>();
    for (const [key, cell] of sheet.cells) {
      const r = keyRow(key);
      const c = keyCol(key);
      const res = shiftRect({ r0: r, c0: c, r1: r, c1: c }, s);
      if (res === "REF") continue;
      if (res === null) moved.set(key, cell);
      else if (res.r0 < MAX_ROWS && res.c0 < MAX_COLS) {
        // A shape belongs to its place: the moved formula keeps its text and finds its shape
        // again when next calculated.
        const own = cell instanceof SharedFormulaCell ? cell.withOwnText() : cell;
        own.ast = undefined;
        moved.set(cellKey(res.r0, res.c0), own);
      }
    }
    sheet.cells = moved;
    // Whole-row/column sizes and formats follow.
    const full = s.from === 0 && s.to === (s.axis === "rows" ? MAX_COLS - 1 : MAX_ROWS - 1);
    if (full) {
      const remap = <T>(m: Map<number, T>): Map<number, T> => {
        const out = new Map<number, T>();
        for (const [i, v] of m) {
          const res = shiftRect(
            s.axis === "rows" ? { r0: i, r1: i, c0: 0, c1: 0 } : { r0: 0, r1: 0, c0: i, c1: i },
            {
              ...s,
              from: 0,
              to: 0,
            },
          );
          if (res === "REF") continue;
          out.set(res === null ? i : s.axis === "rows" ? res.r0 : res.c0, v);
        }
        return out;
      };
      const remapSet = (set: Set<number>) => new Set(remap(new Map([...set].map((i) => [i, true]))).keys());
      if (s.axis === "rows") {
        sheet.rowHeights = remap(sheet.rowHeights);
        sheet.rowFormats = remap(sheet.rowFormats);
        sheet.hiddenRows = remapSet(sheet.hiddenRows);
      } else {
        sheet.columnWidths = remap(sheet.columnWidths);
        sheet.columnFormats = remap(sheet.columnFormats);
        sheet.hiddenColumns = remapSet(sheet.hiddenColumns);
      }
    }
    // Formulas everywhere that point here.
    // Formulas that cannot point at the moved cells are left unparsed (an insert on the small Audit
    // sheet, or below a 50,000-row table, must not cost a rewrite of every formula): one elsewhere
    // points here only by naming this sheet, and a row shift moves only rows from s.at on — a
    // formula with no number that large names none of them (a superset test: any number counts).
    const named = sheet.name.toLowerCase();
    const firstMovedRow = s.at + 1;
    const belowShift = (f: string) =>
      s.axis === "rows" && !(f.match(/\d+/g) ?? []).some((n) => Number(n) >= firstMovedRow);
    this.forEachFormulaText((f, owner) => {
      const home = owner ?? this.wb.sheets[0];
      if (home !== sheet && !f.toLowerCase().includes(named)) return f;
      if (belowShift(f)) return f;
      return shiftFormula(f, home?.name ?? "", sheet.name, s);
    });
    // Tables.
    for (const t of this.tablesOn(sheet)) {
      if (t === own) continue;
      if (t.showTotals && this.shiftTableWithTotals(t, s)) continue;
      const res = shiftRect(t.rect, s);
      if (res === "REF") {
        this.structuredToRefError(t);
        t.deleted = true;
        this.wb.tables = this.wb.tables.filter((x) => x !== t);
      } else if (res) {
        if (s.axis === "cols" && res.c1 - res.c0 !== t.rect.c1 - t.rect.c0) {
          // columns inserted/deleted inside the table
          const before = t.rect;
          if (s.kind === "insert" && s.at > before.c0 && s.at <= before.c1) {
            const idx = s.at - before.c0;
            const added = Array.from({ length: s.count }, () => ({ id: t.nextColumnId++, name: "" }));
            t.columns.splice(idx, 0, ...added);
            t.rect = res;
            added.forEach((_, i) => this.writeHeader(sheet, t, before.c0 + idx + i, { value: null }));
          } else if (s.kind === "delete") {
            const from = Math.max(s.at, before.c0) - before.c0;
            const to = Math.min(s.at + s.count - 1, before.c1) - before.c0;
            for (let i = to; i >= from; i--) {
              this.rewriteStructured(t, (sref, text) => deleteColumnText(sref, text, t, i));
              t.columns.splice(i, 1);
            }
            t.rect = res;
          } else t.rect = res;
        } else if (s.axis === "rows" && res.r0 !== t.rect.r0 && s.kind === "delete" && s.at === t.rect.r0) {
          // header row deleted: the table goes
          this.structuredToRefError(t);
          t.deleted = true;
          this.wb.tables = this.wb.tables.filter((x) => x !== t);
        } else t.rect = res;
        // a table keeps at least one data row
        if (!t.deleted && t.rect.r1 === t.rect.r0) t.rect = { ...t.rect, r1: t.rect.r0 + 1 };
      }
    }
    // Charts (anywhere) plotting this sheet.
    for (const sh of this.wb.sheets) {
      for (const ch of sh.charts) {
        const fix = (ref: { sheetId: string; rect: Rect } | null) => {
          if (!ref || ref.sheetId !== sheet.id) return ref;
          const res = shiftRect(ref.rect, s);
          if (res === "REF") return null;
          return res ? { sheetId: ref.sheetId, rect: res } : ref;
        };
        ch.source = fix(ch.source);
        for (const ser of ch.series) {
          ser.values = fix(ser.values);
          ser.categories = fix(ser.categories);
          ser.nameRef = fix(ser.nameRef);
        }
      }
    }
    // Validation / conditional format ranges.
    const fixRanges = (ranges: Rect[]): Rect[] =>
      ranges.flatMap((r) => {
        const res = shiftRect(r, s);
        if (res === "REF") return [];
        return [res ?? r];
      });
    for (const v of sheet.validations) v.ranges = fixRanges(v.ranges);
    sheet.validations = sheet.validations.filter((v) => v.ranges.length);
    for (const c of sheet.conditionalFormats) c.ranges = fixRanges(c.ranges);
    sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c.ranges.length);
    this.calc.invalidate();
    this.structure.add("tables");
  }

  // ------------------------------------------------------------------ names

  nameByName(name: string): NamedItemModel | undefined {
    const lower = name.toLowerCase();
    return this.wb.names.find((n) => n.name.toLowerCase() === lower);
  }

  private checkDefinedName(name: string, kind: "name" | "table", except?: object): void {
    if (typeof name !== "string" || !NAME_RE.test(name) || name.length > 255) {
      throw simError("InvalidArgument", `'${String(name)}' is not a valid name.`);
    }
    const cellLike = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
    if (cellLike && columnIndex(cellLike[1]) >= 0 && Number(cellLike[2]) <= MAX_ROWS) {
      throw simError("InvalidArgument", `'${name}' is not a valid name (it is a cell reference).`);
    }
    if (
      /^[RrCc]$/.test(name) ||
      /^[Rr]\d*[Cc]\d*$/.test(name) ||
      /^[Rr]\d+$/.test(name) ||
      /^[Cc]\d+$/.test(name)
    ) {
      throw simError("InvalidArgument", `'${name}' is not a valid name.`);
    }
    if (/^(TRUE|FALSE)$/i.test(name)) throw simError("InvalidArgument", `'${name}' is not a valid name.`);
    const n = this.nameByName(name);
    const t = this.tableByName(name);
    if ((n && n !== except) || (t && t !== except)) {
      throw simError(
        "ItemAlreadyExists",
        `The ${kind} '${name}' conflicts with an existing name or table name.`,
      );
    }
  }

  addName(name: string, formula: string, comment = ""): NamedItemModel {
    this.checkDefinedName(name, "name");
    const f = this.normalizeNameFormula(formula);
    const item: NamedItemModel = { name, formula: f, comment: comment ?? "", visible: true };
    this.wb.names.push(item);
    this.calc.invalidate();
    this.structure.add("names");
    return item;
  }

  normalizeNameFormula(formula: string): string {
    if (typeof formula !== "string" || !formula.trim())
      throw simError("InvalidArgument", "The reference is empty.");
    const f = formula.startsWith("=") ? formula : `=${formula}`;
    try {
      this.validateAt(f, undefined);
    } catch (e) {
      throw simError("InvalidArgument", `Invalid reference or formula ${formula}: ${(e as Error).message}.`);
    }
    return f;
  }

  setNameFormula(item: NamedItemModel, formula: string): void {
    item.formula = this.normalizeNameFormula(formula);
    this.calc.invalidate();
    this.structure.add("names");
  }

  deleteName(item: NamedItemModel): void {
    item.deleted = true;
    this.wb.names = this.wb.names.filter((n) => n !== item);
    this.calc.invalidate();
    this.structure.add("names");
  }

  // ------------------------------------------------------------------ tables

  tablesOn(sheet: SheetModel): TableModel[] {
    return this.wb.tables.filter((t) => t.sheetId === sheet.id);
  }

  tableByName(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.wb.tables.find((t) => t.name.toLowerCase() === lower);
  }

  tableById(id: string): TableModel | undefined {
    return this.wb.tables.find((t) => t.id === id);
  }

  private overlapsOtherTable(sheet: SheetModel, r: Rect, except?: TableModel): boolean {
    return this.tablesOn(sheet).some((t) => t !== except && rectIntersect(tableExtent(t), r));
  }

  /**
   * A row shift that meets a table's total row (its rows only). Rows inserted at the total row
   * become data rows above it, as Excel inserts table rows; deleting the total row's cells takes
   * the total row away. Returns false when the shift is an ordinary one (handled like any table).
   */
  private shiftTableWithTotals(t: TableModel, s: Shift): boolean {
    const totals = t.rect.r1 + 1;
    if (s.axis !== "rows" || s.from > t.rect.c0 || s.to < t.rect.c1) return false;
    if (s.kind === "insert" && s.at === totals) {
      t.rect = { ...t.rect, r1: t.rect.r1 + s.count };
      return true;
    }
    if (s.kind === "delete" && s.at <= totals && s.at + s.count - 1 >= totals && s.at > t.rect.r1) {
      t.showTotals = false;
      return true;
    }
    return false;
  }

  /**
   * Table.showTotals: on, the row below the data body becomes the total row (cells below it in the
   * table's columns move down a row) with Excel's "Total" label in the first column; off, the
   * total row's cells are deleted (cells below move up).
   */
  setShowTotals(t: TableModel, on: boolean): void {
    if (!!t.showTotals === on) return;
    const sheet = this.sheetById(t.sheetId)!;
    this.checkAllowed(sheet);
    const row: Rect = { r0: t.rect.r1 + 1, r1: t.rect.r1 + 1, c0: t.rect.c0, c1: t.rect.c1 };
    if (on) {
      const s: Shift = { axis: "rows", kind: "insert", at: row.r0, count: 1, from: row.c0, to: row.c1 };
      this.checkTablesForShift(sheet, s);
      this.applyShift(sheet, s);
      t.showTotals = true;
      this.setCellContent(sheet, row.r0, row.c0, { value: "Total" });
    } else {
      t.showTotals = false;
      const s: Shift = { axis: "rows", kind: "delete", at: row.r0, count: 1, from: row.c0, to: row.c1 };
      this.applyShift(sheet, s);
    }
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, row, on ? "RowInserted" : "RowDeleted");
  }

  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean): TableModel {
    if (isWholeColumns(rect) || isWholeRows(rect))
      throw simError("InvalidArgument", "A table cannot span whole rows or columns.");
    if (this.overlapsOtherTable(sheet, rect))
      throw simError("InvalidOperation", "A table can't overlap another table.");
    this.checkAllowed(sheet);
    let r = rect;
    if (!hasHeaders) {
      // Excel generates a header row and shifts the data down by one row.
      this.applyShift(sheet, {
        axis: "rows",
        kind: "insert",
        at: rect.r0,
        count: 1,
        from: rect.c0,
        to: rect.c1,
      });
      r = { ...rect, r1: rect.r1 + 1 };
    }
    if (r.r1 === r.r0) r = { ...r, r1: r.r0 + 1 };
    let n = ++this.wb.counters.table;
    while (this.tableByName(`Table${n}`) || this.nameByName(`Table${n}`)) n = ++this.wb.counters.table;
    const t: TableModel = {
      id: String(n),
      name: `Table${n}`,
      sheetId: sheet.id,
      rect: r,
      columns: [],
      style: "TableStyleMedium2",
      showBandedRows: true,
      showBandedColumns: false,
      showFilterButton: true,
      highlightFirstColumn: false,
      highlightLastColumn: false,
      nextColumnId: 1,
    };
    for (let c = r.c0; c <= r.c1; c++) t.columns.push({ id: t.nextColumnId++, name: "" });
    this.wb.tables.push(t);
    for (let c = r.c0; c <= r.c1; c++) {
      const cell = hasHeaders ? sheet.cells.get(cellKey(r.r0, c)) : undefined;
      const v = cell ? (hasFormula(cell) ? this.valueAt(sheet, r.r0, c) : cell.value) : null;
      this.writeHeader(sheet, t, c, {
        value: v === null ? null : isCellError(v) ? v.code : typeof v === "number" ? String(v) : v,
      });
    }
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, r, "RangeEdited");
    return t;
  }

  renameTable(t: TableModel, name: string): void {
    if (t.name === name) return;
    this.checkDefinedName(name, "table", t);
    this.rewriteStructured(t, (sref, text) => renameTableText(sref, text, name));
    t.name = name;
    this.calc.invalidate();
    this.structure.add("tables");
  }

  deleteTable(t: TableModel, keepData: boolean): void {
    const sheet = this.sheetById(t.sheetId)!;
    if (!keepData) this.checkEditable(sheet, tableExtent(t));
    // Structured references to the table become plain A1 references to its cells.
    this.rewriteStructured(t, (sref, _text, home) =>
      a1Text(sref, t, sheet.name, home.sheet ? home.sheet.name : null, home.row),
    );
    this.wb.tables = this.wb.tables.filter((x) => x !== t);
    t.deleted = true;
    if (!keepData) this.clearRange(sheet, tableExtent(t), "All");
    this.calc.invalidate();
    this.structure.add("tables");
  }

  /** table.columns.add: inserts a column at index (end when null), shifting cells right within the table's rows. */
  addTableColumn(t: TableModel, index: number | null, values: unknown, name: string | null): number {
    const sheet = this.sheetById(t.sheetId)!;
    const idx = index === null || index === undefined ? t.columns.length : index;
    if (!Number.isInteger(idx) || idx < 0 || idx > t.columns.length)
      throw simError("InvalidArgument", `Invalid column index ${idx}.`);
    this.checkAllowed(sheet);
    const col = t.rect.c0 + idx;
    const rows = t.rect.r1 - t.rect.r0 + 1;
    if (values !== undefined && values !== null) {
      if (!Array.isArray(values) || (values.length !== rows && values.length !== rows - 1)) {
        throw simError("InvalidArgument", "The values don't match the table's rows.");
      }
    }
    // Insert cells for the table's rows only: what is right of the column in those rows moves
    // right, and references are adjusted as for Range.insert (a reference partly in the band stays).
    const s: Shift = {
      axis: "cols",
      kind: "insert",
      at: col,
      count: 1,
      from: t.rect.r0,
      to: tableExtent(t).r1,
    };
    this.checkTablesForShift(sheet, s);
    // Parse first: a bad formula fails the whole action.
    let header: unknown = name;
    let body: (ParsedInput | null)[] = [];
    if (Array.isArray(values)) {
      const withHeader = values.length === rows;
      if (withHeader && (name === null || name === undefined)) header = (values[0] as unknown[])[0];
      body = (withHeader ? values.slice(1) : values).map((row, i) =>
        this.parseInput((row as unknown[])[0], undefined, { sheet, row: t.rect.r0 + 1 + i, col }),
      );
    }
    const id = t.nextColumnId++;
    this.applyShift(sheet, s, t);
    t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
    t.columns.splice(idx, 0, { id, name: "" });
    body.forEach((p, i) => {
      if (p) this.setCellContent(sheet, t.rect.r0 + 1 + i, col, p);
    });
    this.writeHeader(sheet, t, col, {
      value: header === null || header === undefined ? null : String(header),
    });
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, { r0: t.rect.r0, c0: col, r1: t.rect.r1, c1: col }, "CellInserted");
    return id;
  }

  deleteTableColumn(t: TableModel, columnId: number): void {
    if (t.columns.length === 1) throw simError("InvalidOperation", "A table must have at least one column.");
    const idx = t.columns.findIndex((c) => c.id === columnId);
    if (idx < 0) throw simError("ItemNotFound");
    const sheet = this.sheetById(t.sheetId)!;
    const col = t.rect.c0 + idx;
    const rect = { r0: t.rect.r0, c0: col, r1: t.rect.r1, c1: col };
    this.checkAllowed(sheet);
    // The table's rows shift left (as Range.delete of those cells): references to the column's
    // cells become #REF!, structured references to the column too.
    const s: Shift = {
      axis: "cols",
      kind: "delete",
      at: col,
      count: 1,
      from: t.rect.r0,
      to: tableExtent(t).r1,
    };
    this.checkTablesForShift(sheet, s);
    this.rewriteStructured(t, (sref, text) => deleteColumnText(sref, text, t, idx));
    this.applyShift(sheet, s, t);
    t.columns.splice(idx, 1);
    t.rect = { ...t.rect, c1: t.rect.c1 - 1 };
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, rect, "CellDeleted");
  }

  /** table.rows.add: inserts rows into the table (at the end when index is null). */
  addTableRows(t: TableModel, index: number | null, values: unknown): void {
    const sheet = this.sheetById(t.sheetId)!;
    const dataRows = t.rect.r1 - t.rect.r0;
    const cols = t.rect.c1 - t.rect.c0 + 1;
    const n = Array.isArray(values) ? values.length : 1;
    if (Array.isArray(values) && values.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw simError("InvalidArgument", "The values don't match the table's columns.");
    }
    const idx = index === null || index === undefined ? dataRows : index;
    if (!Number.isInteger(idx) || idx < 0 || idx > dataRows)
      throw simError("InvalidArgument", `Invalid row index ${idx}.`);
    // The sole empty data row of a new table is filled rather than pushed down.
    let at = t.rect.r0 + 1 + idx;
    const emptyBody =
      dataRows === 1 &&
      Array.from({ length: cols }, (_, j) => sheet.cells.get(cellKey(t.rect.r0 + 1, t.rect.c0 + j))).every(
        (c) => !c || (c.value === null && !hasFormula(c)),
      );
    let count = n;
    if (emptyBody) {
      at = t.rect.r0 + 1;
      count = n - 1;
    }
    if (count > 0) {
      const s: Shift = { axis: "rows", kind: "insert", at, count, from: t.rect.c0, to: t.rect.c1 };
      this.checkTablesForShift(sheet, { ...s });
      const r1 = t.rect.r1;
      this.applyShift(sheet, s);
      if (t.rect.r1 === r1) t.rect = { ...t.rect, r1: r1 + count };
      this.calc.invalidate();
    }
    if (Array.isArray(values))
      this.writeRange(sheet, { r0: at, c0: t.rect.c0, r1: at + n - 1, c1: t.rect.c1 }, values, "values");
    this.structure.add("tables");
  }

  // ------------------------------------------------------------------ validation & conditional formats

  /** Removes `rect` from the ranges of the given rules (splitting rectangles). */
  static subtractRect(ranges: Rect[], rect: Rect): Rect[] {
    const out: Rect[] = [];
    for (const r of ranges) {
      const i = rectIntersect(r, rect);
      if (!i) {
        out.push(r);
        continue;
      }
      if (r.r0 < i.r0) out.push({ r0: r.r0, r1: i.r0 - 1, c0: r.c0, c1: r.c1 });
      if (r.r1 > i.r1) out.push({ r0: i.r1 + 1, r1: r.r1, c0: r.c0, c1: r.c1 });
      if (r.c0 < i.c0) out.push({ r0: i.r0, r1: i.r1, c0: r.c0, c1: i.c0 - 1 });
      if (r.c1 > i.c1) out.push({ r0: i.r0, r1: i.r1, c0: i.c1 + 1, c1: r.c1 });
    }
    return out;
  }

  validationsIn(sheet: SheetModel, rect: Rect): ValidationModel[] {
    return sheet.validations.filter((v) => v.ranges.some((r) => rectIntersect(r, rect)));
  }

  clearValidation(sheet: SheetModel, rect: Rect): void {
    this.checkAllowed(sheet);
    for (const v of sheet.validations) v.ranges = SimModel.subtractRect(v.ranges, rect);
    sheet.validations = sheet.validations.filter((v) => v.ranges.length);
    this.structure.add("validation");
  }

  /** The validation covering exactly rect, created (replacing others there) when missing. */
  validationFor(sheet: SheetModel, rect: Rect, create: boolean): ValidationModel | undefined {
    const same = sheet.validations.find(
      (v) =>
        v.ranges.length === 1 &&
        v.ranges[0].r0 === rect.r0 &&
        v.ranges[0].c0 === rect.c0 &&
        v.ranges[0].r1 === rect.r1 &&
        v.ranges[0].c1 === rect.c1,
    );
    if (same || !create) return same;
    this.checkAllowed(sheet);
    for (const v of sheet.validations) v.ranges = SimModel.subtractRect(v.ranges, rect);
    sheet.validations = sheet.validations.filter((v) => v.ranges.length);
    const v: ValidationModel = {
      id: String(++this.wb.counters.validation),
      ranges: [rect],
      rule: {
        type: "Custom",
        operator: null,
        formula1: null,
        formula2: null,
        source: null,
        inCellDropDown: true,
        formula: null,
      },
      errorAlert: { showAlert: true, style: "Stop", title: "", message: "" },
      prompt: { showPrompt: false, title: "", message: "" },
      ignoreBlanks: true,
    };
    (v as { ruleSet?: boolean }).ruleSet = false;
    sheet.validations.push(v);
    this.structure.add("validation");
    return v;
  }

  /** Checks a value against the validation at a cell (used for user edits). */
  validateUserValue(sheet: SheetModel, r: number, c: number, value: CellValue): ValidationModel | null {
    for (const v of sheet.validations) {
      if ((v as { ruleSet?: boolean }).ruleSet === false) continue;
      const home = v.ranges.find((x) => rectContainsCell(x, r, c));
      if (!home) continue;
      if (!this.valueSatisfies(sheet, v, value, r - v.ranges[0].r0, c - v.ranges[0].c0)) return v;
    }
    return null;
  }

  private bound(
    sheet: SheetModel,
    x: string | number | null,
    dr: number,
    dc: number,
    v: ValidationModel,
  ): number | null {
    if (x === null) return null;
    if (typeof x === "number") return x;
    if (x.startsWith("=")) {
      const val = this.calc.evaluateFormula(x, sheet, v.ranges[0].r0, v.ranges[0].c0, dr, dc);
      return typeof val === "number" ? val : null;
    }
    const n = parseNumberText(x);
    return n ? n.value : null;
  }

  valueSatisfies(sheet: SheetModel, v: ValidationModel, value: CellValue, dr: number, dc: number): boolean {
    if (value === null || value === "") return v.ignoreBlanks;
    const rule = v.rule;
    if (rule.type === "List") {
      let items: string[] = [];
      if (rule.source?.startsWith("=")) {
        const ev = this.calc.evaluateToValue(rule.source, sheet);
        if (ev && typeof ev === "object" && "kind" in ev && ev.kind === "ref") {
          for (let i = ev.r0; i <= ev.r1; i++) {
            for (let j = ev.c0; j <= ev.c1; j++) {
              const x = this.calc.cellValue(ev.sheet, i, j);
              if (x !== null) items.push(String(apiValue(x)));
            }
          }
        }
      } else items = (rule.source ?? "").split(",").map((s) => s.trim());
      return items.some((s) => s.toLowerCase() === String(apiValue(value)).toLowerCase());
    }
    if (rule.type === "Custom") {
      if (!rule.formula) return true;
      const res = this.calc.evaluateFormula(rule.formula, sheet, v.ranges[0].r0, v.ranges[0].c0, dr, dc);
      return res === true || (typeof res === "number" && res !== 0);
    }
    let x: number;
    if (rule.type === "TextLength") x = String(apiValue(value)).length;
    else if (typeof value === "number") x = value;
    else return false;
    if (rule.type === "WholeNumber" && !Number.isInteger(x)) return false;
    const a = this.bound(sheet, rule.formula1, dr, dc, v);
    const b = this.bound(sheet, rule.formula2, dr, dc, v);
    switch (rule.operator ?? "Between") {
      case "Between":
        return a !== null && b !== null && x >= a && x <= b;
      case "NotBetween":
        return a !== null && b !== null && (x < a || x > b);
      case "EqualTo":
        return x === a;
      case "NotEqualTo":
        return x !== a;
      case "GreaterThan":
        return a !== null && x > a;
      case "LessThan":
        return a !== null && x < a;
      case "GreaterThanOrEqualTo":
        return a !== null && x >= a;
      case "LessThanOrEqualTo":
        return a !== null && x <= a;
      default:
        return true;
    }
  }

  conditionalFormatsIn(sheet: SheetModel, rect: Rect): ConditionalFormatModel[] {
    return sheet.conditionalFormats
      .filter((c) => c.ranges.some((r) => rectIntersect(r, rect)))
      .sort((a, b) => a.priority - b.priority);
  }

  addConditionalFormat(sheet: SheetModel, rect: Rect, type: "CellValue" | "Custom"): ConditionalFormatModel {
    this.checkAllowed(sheet, "allowFormatCells");
    for (const c of sheet.conditionalFormats) c.priority++;
    const cf: ConditionalFormatModel = {
      id: String(++this.wb.counters.cf),
      ranges: [rect],
      type,
      priority: 0,
      stopIfTrue: false,
      rule: { operator: null, formula1: null, formula2: null, formula: null },
      format: { fillColor: null, fontColor: null, bold: null, italic: null },
    };
    sheet.conditionalFormats.push(cf);
    this.structure.add("conditionalFormats");
    return cf;
  }

  clearConditionalFormats(sheet: SheetModel, rect: Rect): void {
    this.checkAllowed(sheet, "allowFormatCells");
    for (const c of sheet.conditionalFormats) c.ranges = SimModel.subtractRect(c.ranges, rect);
    sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c.ranges.length);
    this.structure.add("conditionalFormats");
  }

  /** The conditional formats that apply to a cell now (highest priority first, honouring stopIfTrue). */
  appliedConditionalFormats(sheet: SheetModel, r: number, c: number): ConditionalFormatModel[] {
    const out: ConditionalFormatModel[] = [];
    const list = sheet.conditionalFormats
      .filter((cf) => cf.ranges.some((x) => rectContainsCell(x, r, c)))
      .sort((a, b) => a.priority - b.priority);
    for (const cf of list) {
      const base = cf.ranges[0];
      const dr = r - base.r0;
      const dc = c - base.c0;
      let hit = false;
      if (cf.type === "Custom") {
        if (cf.rule.formula) {
          const v = this.calc.evaluateFormula(cf.rule.formula, sheet, r, c, dr, dc);
          hit = v === true || (typeof v === "number" && v !== 0);
        }
      } else {
        const val = this.valueAt(sheet, r, c);
        const f = (x: string | null): CellValue =>
          x === null
            ? null
            : x.startsWith("=")
              ? this.calc.evaluateFormula(x, sheet, r, c, dr, dc)
              : (parseNumberText(x)?.value ?? x);
        const a = f(cf.rule.formula1);
        const b = f(cf.rule.formula2);
        if (typeof val === "number" || typeof val === "string") {
          const cmp = (p: CellValue) =>
            typeof p === "number" && typeof val === "number"
              ? val - p
              : String(val).localeCompare(String(p ?? ""));
          switch (cf.rule.operator) {
            case "Between":
              hit = cmp(a) >= 0 && cmp(b) <= 0;
              break;
            case "NotBetween":
              hit = cmp(a) < 0 || cmp(b) > 0;
              break;
            case "EqualTo":
              hit = cmp(a) === 0;
              break;
            case "NotEqualTo":
              hit = cmp(a) !== 0;
              break;
            case "GreaterThan":
              hit = cmp(a) > 0;
              break;
            case "LessThan":
              hit = cmp(a) < 0;
              break;
            case "GreaterThanOrEqual":
              hit = cmp(a) >= 0;
              break;
            case "LessThanOrEqual":
              hit = cmp(a) <= 0;
              break;
          }
        }
      }
      if (hit) {
        out.push(cf);
        if (cf.stopIfTrue) break;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ charts

  chartsOn(sheet: SheetModel): ChartModel[] {
    return sheet.charts;
  }

  // ------------------------------------------------------------------ changes

  record(sheet: SheetModel, rect: Rect, changeType: ChangeType, details?: ChangeDetails): void {
    const tables: { tableId: string; rect: Rect }[] = [];
    for (const t of this.tablesOn(sheet)) {
      const i = rectIntersect(tableExtent(t), rect);
      if (i) tables.push({ tableId: t.id, rect: i });
    }
    this.changes.push({
      sheetId: sheet.id,
      rect,
      changeType,
      session: this.session,
      byUser: this.byUser,
      tables,
      details,
    });
  }

  /** Resolves "A1:B2" / "Sheet!A1" / a defined name to a sheet and rect. */
  resolveAddress(text: string, defaultSheet: SheetModel | null): { sheet: SheetModel; rect: Rect } {
    const p = parseAddress(text);
    if (p) {
      const sheet = p.sheet !== undefined ? this.sheetByName(p.sheet) : defaultSheet;
      if (!sheet)
        throw simError(
          p.sheet !== undefined ? "ItemNotFound" : "InvalidArgument",
          `Unknown sheet in '${text}'.`,
        );
      return { sheet, rect: p.rect };
    }
    const name = this.nameByName(text.trim());
    if (name) {
      const v = this.calc.evaluateToValue(name.formula, defaultSheet ?? this.wb.sheets[0]);
      if (v && typeof v === "object" && "kind" in v && v.kind === "ref") {
        return { sheet: v.sheet, rect: { r0: v.r0, c0: v.c0, r1: v.r1, c1: v.c1 } };
      }
    }
    throw simError("InvalidArgument", `'${text}' is not a valid address.`);
  }
}
