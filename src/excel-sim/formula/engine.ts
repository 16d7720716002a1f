/**
 * The calculation engine: lazy evaluation with memoization per calculation generation.
 *
 * Every change to cell contents, names or sheets starts a new generation (`invalidate`). A formula
 * cell's value is recomputed the first time it is read in a generation (reading a range reads
 * row by row, so chains down a column resolve in order). Sorted copies of ranges used by RANK,
 * SMALL and LARGE are cached per generation, so ranking n cells over an n-cell range is
 * O(n log n), not O(n²). Circular references evaluate to 0 (as Excel without iterative
 * calculation) and are listed in `circular`.
 */
import { cellAddress, cellKey, keyCol, keyRow, rectContainsCell } from "../model/address";
import { type FormulaShape, FormulaShapes, hasFormula } from "../model/shared-formulas";
import type { Cell, CellError, SheetModel, TableModel, WorkbookModel } from "../model/types";
import { ERRORS, isCellError } from "../model/types";
import { type CalcHost, type EvalCtx, evalNode, evaluateTop, type FnSpec } from "./evaluator";
import { type Node, parseFormula } from "./parser";
import type { RefValue, Scalar, Value } from "./values";
import { clampRef } from "./evaluator";
import { structuredColumns, structuredRows } from "./structured";
import type { StructuredRef } from "./tokenizer";

export class Calc implements CalcHost {
  /** Current calculation generation. */
  gen = 1;
  /** Cells found in a circular reference during the current generation ("Sheet!A1"). */
  readonly circular = new Set<string>();
  /** Number of formula evaluations since creation (for tests and benchmarks). */
  evaluations = 0;
  private sorted = new Map<string, Float64Array | CellError>();
  /** Text → rows index of whole columns (textRows), and whether the column holds formulas. */
  private texts = new Map<string, { index: Map<string, number[]>; formulas: boolean; built: boolean }>();
  private positions = new Map<string, Map<number, number>>();
  private extents = new Map<SheetModel, { rows: number; cols: number }>();
  private nameIndex: Map<string, { formula: string; ast: Node | null }> | null = null;
  private sheetsByName = new Map<string, { sheet: SheetModel; name: string }>();
  private nameAsts = new Map<string, Node | null>();
  private evaluatingNames = new Set<string>();
  private inProgress = new Set<Cell>();
  private pendingManual = false;
  /** Tables by lower-case name, and each table's columns by lower-case name (see tablesChanged). */
  private tableNames: Map<string, TableModel> | null = null;
  private tableColumns = new Map<TableModel, Map<string, number>>();
  private readonly columnIndex = (t: TableModel, name: string): number => {
    let cols = this.tableColumns.get(t);
    if (!cols) {
      cols = new Map(t.columns.map((c, i) => [c.name.toLowerCase(), i]));
      this.tableColumns.set(t, cols);
    }
    // Keyed by the spelling too, so that the formulas of a column (one spelling) skip toLowerCase.
    let i = cols.get(name);
    if (i === undefined) {
      i = cols.get(name.toLowerCase()) ?? -1;
      cols.set(name, i);
    }
    return i;
  };

  /** The shapes of cell formulas, shared by formulas that differ only by where they sit. */
  readonly shapes = new FormulaShapes();

  /** Exact-text criteria use the column index (textRows); off for the bench's baseline. */
  useTextIndex = true;

  constructor(
    readonly wb: WorkbookModel,
    readonly functions: ReadonlyMap<string, FnSpec>,
  ) {}

  /** Starts a new generation after a change (deferred in Manual calculation mode). */
  invalidate(): void {
    this.tablesChanged();
    this.nameIndex = null;
    this.extents.clear();
    if (this.wb.calculationMode === "Manual") {
      this.pendingManual = true;
      return;
    }
    this.bump();
  }

  /** Application.calculate: recalculates everything now. */
  recalculate(): void {
    this.pendingManual = false;
    this.bump();
  }

  get dirtyInManualMode(): boolean {
    return this.pendingManual;
  }

  private bump(): void {
    this.gen++;
    this.sorted.clear();
    this.texts.clear();
    this.positions.clear();
    this.extents.clear();
    this.circular.clear();
  }

  /** Forgets the table and column indexes (a table was added, renamed, resized or deleted, a column renamed). */
  tablesChanged(): void {
    this.tableNames = null;
    this.tableColumns.clear();
  }

  tableByName(name: string): TableModel | undefined {
    if (!this.tableNames) this.tableNames = new Map(this.wb.tables.map((t) => [t.name.toLowerCase(), t]));
    let t = this.tableNames.get(name);
    if (t === undefined) {
      t = this.tableNames.get(name.toLowerCase());
      if (t) this.tableNames.set(name, t);
    }
    return t;
  }

  /** The table whose range holds a cell. */
  tableAt(sheet: SheetModel, row: number, col: number): TableModel | undefined {
    return this.wb.tables.find((t) => t.sheetId === sheet.id && rectContainsCell(t.rect, row, col));
  }

  /**
   * A structured reference resolves against the table as it is now: O(1) with the indexes above
   * (no cells are visited), so RANK over Table[Col] uses the same sorted-range cache as over $K:$K.
   */
  structuredRef(sref: StructuredRef, ctx: EvalCtx): Value {
    const t =
      sref.table === undefined ? this.tableAt(ctx.sheet, ctx.row, ctx.col) : this.tableByName(sref.table);
    if (!t) return ERRORS.ref;
    const sheet = t.sheetId === ctx.sheet.id ? ctx.sheet : this.wb.sheets.find((s) => s.id === t.sheetId);
    if (!sheet) return ERRORS.ref;
    const cols = structuredColumns(t, sref, this.columnIndex);
    if (cols === "REF") return ERRORS.ref;
    const rows = structuredRows(t, sref, ctx.row);
    if (rows === "REF") return ERRORS.ref;
    if (rows === "VALUE") return ERRORS.value;
    return { kind: "ref", sheet, r0: rows.r0, r1: rows.r1, c0: cols.c0, c1: cols.c1 };
  }

  sheetByName(name: string): SheetModel | undefined {
    // Cached by the spelling a formula uses (every score formula names a sheet through a dozen
    // defined names); an entry holds while its sheet keeps the name it was found by.
    const hit = this.sheetsByName.get(name);
    if (hit && !hit.sheet.deleted && hit.sheet.name === hit.name) return hit.sheet;
    const lower = name.toLowerCase();
    const sheet = this.wb.sheets.find((s) => s.name.toLowerCase() === lower);
    if (sheet) this.sheetsByName.set(name, { sheet, name: sheet.name });
    else this.sheetsByName.delete(name);
    return sheet;
  }

  cellValue(sheet: SheetModel, row: number, col: number): Scalar {
    const cell = sheet.cells.get(cellKey(row, col));
    if (!cell) return null;
    // ast first: a shared formula's cell makes its text when `formula` is read.
    if (cell.ast === undefined && cell.formula === undefined) return cell.value;
    if (cell.calcGen === this.gen) return cell.value;
    return this.compute(sheet, row, col, cell);
  }

  /**
   * The shape of a cell's formula (cached on the cell): the shape of the formula above it when it
   * is that formula moved down (model/shared-formulas.ts), else its own parse; null when it does
   * not parse.
   */
  private shapeOf(cell: Cell, sheet: SheetModel, row: number, col: number): FormulaShape | null {
    if (cell.ast === undefined) {
      try {
        cell.ast = this.shapes.shapeAt(cell.formula as string, sheet, row, col, parseFormula);
      } catch {
        cell.ast = null;
      }
    }
    return cell.ast as FormulaShape | null;
  }

  private compute(sheet: SheetModel, row: number, col: number, cell: Cell): Scalar {
    if (this.inProgress.has(cell)) {
      this.circular.add(`${sheet.name}!${cellAddress(row, col)}`);
      return 0;
    }
    this.inProgress.add(cell);
    let v: Scalar;
    try {
      const shape = this.shapeOf(cell, sheet, row, col);
      this.evaluations++;
      // The shape's tree with its relative references moved from where it was parsed to here.
      v = shape
        ? evaluateTop(shape.ast, {
            host: this,
            sheet,
            row,
            col,
            dr: row - shape.row,
            dc: col - shape.col,
            arrayMode: false,
          })
        : ERRORS.name;
    } finally {
      this.inProgress.delete(cell);
    }
    cell.value = v;
    cell.calcGen = this.gen;
    return v;
  }

  /**
   * The parse of `formula`, made once and kept under `key` (a name's formula as it is; a formula
   * evaluated on its own as "@formula"); null when it does not parse.
   */
  private parsedOnce(key: string, formula: string): Node | null {
    let ast = this.nameAsts.get(key);
    if (ast === undefined) {
      try {
        ast = parseFormula(formula);
      } catch {
        ast = null;
      }
      this.nameAsts.set(key, ast);
    }
    return ast;
  }

  /**
   * Evaluates a formula as if it were in (row, col) of `sheet`; relative references are shifted
   * by (dr, dc) — used for conditional formats and validation over ranges.
   */
  evaluateFormula(formula: string, sheet: SheetModel, row: number, col: number, dr = 0, dc = 0): Scalar {
    const ast = this.parsedOnce(`@${formula}`, formula);
    if (!ast) return ERRORS.name;
    return evaluateTop(ast, { host: this, sheet, row, col, dr, dc, arrayMode: false });
  }

  /** Evaluates a formula to a Value (reference kept), e.g. a name's or a list source's. */
  evaluateToValue(formula: string, sheet: SheetModel): Value {
    const ast = this.parsedOnce(`@${formula}`, formula);
    if (!ast) return ERRORS.name;
    return evalNode(ast, { host: this, sheet, row: 0, col: 0, dr: 0, dc: 0, arrayMode: false });
  }

  evalName(name: string, ctx: EvalCtx): Value {
    if (!this.nameIndex) {
      this.nameIndex = new Map();
      for (const n of this.wb.names) {
        if (!n.deleted) this.nameIndex.set(n.name.toLowerCase(), { formula: n.formula, ast: null });
      }
    }
    const key = name.toLowerCase();
    const entry = this.nameIndex.get(key);
    if (!entry) return ERRORS.name;
    if (!entry.ast) {
      const ast = this.parsedOnce(entry.formula, entry.formula);
      if (!ast) return ERRORS.name;
      entry.ast = ast;
    }
    if (this.evaluatingNames.has(key)) return ERRORS.name;
    this.evaluatingNames.add(key);
    try {
      return evalNode(entry.ast, { ...ctx, dr: 0, dc: 0 });
    } finally {
      this.evaluatingNames.delete(key);
    }
  }

  sortedNumbers(ref: RefValue): Float64Array | CellError {
    const r = clampRef(ref, this);
    const key = `${r.sheet.id}|${r.r0}|${r.c0}|${r.r1}|${r.c1}`;
    const hit = this.sorted.get(key);
    if (hit) return hit;
    const xs: number[] = [];
    let err: CellError | null = null;
    for (let i = r.r0; i <= r.r1 && !err; i++) {
      for (let j = r.c0; j <= r.c1; j++) {
        const v = this.cellValue(r.sheet, i, j);
        if (typeof v === "number") xs.push(v);
        else if (isCellError(v)) {
          err = v;
          break;
        }
      }
    }
    const out = err ?? Float64Array.from(xs).sort();
    this.sorted.set(key, out);
    return out;
  }

  textRows(ref: RefValue): Map<string, number[]> | null {
    if (!this.useTextIndex) return null;
    const whole = clampRef({ ...ref, r0: 0, r1: Number.MAX_SAFE_INTEGER }, this);
    const covers = ref.r0 <= whole.r0 && ref.r1 >= whole.r1;
    const key = `${ref.sheet.id}|${ref.c0}`;
    let entry = this.texts.get(key);
    if (!entry) {
      // Indexing reads the whole column; where part of it is formulas, a partial range (e.g. the
      // rows above a formula) is scanned instead, so no formula is evaluated that the reference
      // does not reach (that could make a circular reference Excel would not see).
      const index = new Map<string, number[]>();
      let formulas = false;
      for (let i = whole.r0; i <= whole.r1; i++) {
        const cell = ref.sheet.cells.get(cellKey(i, ref.c0));
        if (cell && hasFormula(cell)) formulas = true;
      }
      entry = { index, formulas, built: false };
      this.texts.set(key, entry);
    }
    if (entry.formulas && !covers) return null;
    if (!entry.built) {
      for (let i = whole.r0; i <= whole.r1; i++) {
        const v = this.cellValue(ref.sheet, i, ref.c0);
        if (typeof v !== "string") continue;
        const text = v.toLowerCase();
        const rows = entry.index.get(text);
        if (rows) rows.push(i);
        else entry.index.set(text, [i]);
      }
      entry.built = true;
    }
    return entry.index;
  }

  numberPositions(ref: RefValue): Map<number, number> {
    const r = clampRef(ref, this);
    const key = `${r.sheet.id}|${r.r0}|${r.c0}|${r.r1}|${r.c1}`;
    const hit = this.positions.get(key);
    if (hit) return hit;
    const out = new Map<number, number>();
    let position = 0;
    for (let i = r.r0; i <= r.r1; i++) {
      for (let j = r.c0; j <= r.c1; j++) {
        position++;
        const v = this.cellValue(r.sheet, i, j);
        if (typeof v === "number" && !out.has(v)) out.set(v, position);
      }
    }
    this.positions.set(key, out);
    return out;
  }

  usedExtent(sheet: SheetModel): { rows: number; cols: number } {
    let e = this.extents.get(sheet);
    if (!e) {
      let rows = 0;
      let cols = 0;
      for (const [k, c] of sheet.cells) {
        if (c.value === null && !hasFormula(c)) continue;
        const r = keyRow(k);
        const cc = keyCol(k);
        if (r + 1 > rows) rows = r + 1;
        if (cc + 1 > cols) cols = cc + 1;
      }
      e = { rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
      this.extents.set(sheet, e);
    }
    return e;
  }
}
