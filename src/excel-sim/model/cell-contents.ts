/**
 * The workbook model's cell contents: reading values and formats, parsing what is written,
 * writing and clearing ranges, and the table expansion a write next to a table causes.
 */
import { simError } from "../errors";
import { FORMULA_LENGTH_LIMIT, formulaFill } from "../formula/rewrite";
import { renameColumnText } from "../formula/structured";
import { CELL_TEXT_LIMIT, parseNumberText } from "../formula/values";
import {
  cellKey,
  isWholeColumns,
  isWholeRows,
  keyCol,
  keyRow,
  type Rect,
  rectContainsCell,
  rectIntersect,
} from "./address";
import { mergeFormats } from "./format";
import { FormulaShape, hasFormula, SharedFormulaCell } from "./shared-formulas";
import type { Cell, CellFormat, CellValue, SheetModel, TableModel } from "./types";
import { errorFromCode, isCellError } from "./types";
import { type ChangeDetails, type FormulaHome } from "./model-core";
import { apiValue, valueTypeOf } from "./api-values";
import { SheetsAndNames } from "./sheets-and-names";

/** Text for a cell, refused (as Excel refuses the write) when longer than a cell holds. */
function cellText(text: string): string {
  if (text.length > CELL_TEXT_LIMIT)
    throw simError(
      "InvalidArgument",
      `The text has ${text.length} characters; a cell holds at most ${CELL_TEXT_LIMIT}.`,
    );
  return text;
}

/** The parsed form of one written value. */
export interface ParsedInput {
  value: CellValue;
  formula?: string;
  /** The parsed formula (kept on the cell so it is parsed once). */
  ast?: unknown;
  numberFormat?: string;
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

export abstract class CellContents extends SheetsAndNames {
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

  protected setCellContent(sheet: SheetModel, r: number, c: number, p: ParsedInput): void {
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

  protected writeHeader(sheet: SheetModel, t: TableModel, c: number, p: ParsedInput): void {
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
}
