/**
 * Formulas that differ only by where they sit share one parse, as Excel's shared formulas do: a
 * column of "=B2*2", "=B3*2", … is one formula moved down a row at a time. A FormulaShape is a
 * parsed formula with its text split at the references that move with it. A formula written
 * below it is recognized as the same one moved by comparing text (no tokenizing), and is
 * evaluated from the shape's one tree with its relative references moved by the offset (EvalCtx
 * dr/dc, as conditional formats over a range are). A column of 100,000 row formulas is then one
 * tree instead of 100,000, and writing it costs string comparisons instead of parses.
 *
 * A shape belongs to a cell at one place: a cell that moves (rows inserted above it) drops its
 * shape and finds one again for its text where it now is (workbook-model.ts applyShift).
 */
import type { Node } from "../formula/parser";
import { type RefToken, type StructuredRef, tokenize } from "../formula/tokenizer";
import { columnLetters, MAX_COLS, MAX_ROWS } from "./address";
import type { Cell, CellFormat, CellValue, SheetModel } from "./types";

/** A reference that moves with the formula, where it sits in the text. */
interface Slot {
  ref: RefToken;
  /** The token as written, kept where a move leaves the reference as it is. */
  text: string;
  /** Its sheet part as written ("Data!", "'My data'!"), or "". */
  sheet: string;
}

export class FormulaShape {
  private constructor(
    /** The formula's tree, as parsed at (row, col). */
    readonly ast: Node,
    readonly row: number,
    readonly col: number,
    /** The text between the slots: one more piece than slots. */
    private readonly pieces: string[],
    private readonly slots: Slot[],
    /** Its structured references: checked again wherever the shape is reused. */
    readonly srefs: StructuredRef[],
  ) {}

  /** The shape of `formula` (which parsed to `ast`) at (row, col). */
  static of(formula: string, ast: Node, row: number, col: number): FormulaShape {
    // A formula without moving references is its own text: kept as the cell keeps it, not copied.
    if (!hasMovingRef(ast)) return new FormulaShape(ast, row, col, [formula], [], structuredRefs(ast));
    const lead = formula.startsWith("=") ? "=" : "";
    const body = formula.slice(lead.length);
    const pieces: string[] = [];
    const slots: Slot[] = [];
    let at = 0;
    for (const t of tokenize(body)) {
      if (t.type !== "ref" || !moves(t.ref!)) continue;
      pieces.push(body.slice(at, t.start));
      const bang = t.text.lastIndexOf("!");
      slots.push({ ref: t.ref!, text: t.text, sheet: bang < 0 ? "" : t.text.slice(0, bang + 1) });
      at = t.end;
    }
    pieces.push(body.slice(at));
    pieces[0] = lead + pieces[0];
    return new FormulaShape(ast, row, col, pieces, slots, structuredRefs(ast));
  }

  /**
   * Whether `formula` is this shape's formula moved to (row, col): a comparison, not a parse, and
   * without building the moved text (a column of 100,000 formulas would make millions of strings).
   */
  matches(formula: string, row: number, col: number): boolean {
    const dr = row - this.row;
    const dc = col - this.col;
    let at = 0;
    for (let i = 0; i < this.slots.length; i++) {
      const piece = this.pieces[i];
      if (!formula.startsWith(piece, at)) return false;
      at = movedAt(formula, at + piece.length, this.slots[i], dr, dc);
      if (at < 0) return false;
    }
    const last = this.pieces[this.slots.length];
    return formula.length === at + last.length && formula.endsWith(last);
  }

  /** The text this shape's formula has at (row, col), a place where a formula matched it. */
  textAt(row: number, col: number): string {
    const dr = row - this.row;
    const dc = col - this.col;
    let text = this.pieces[0];
    for (let i = 0; i < this.slots.length; i++) text += movedText(this.slots[i], dr, dc) + this.pieces[i + 1];
    return text;
  }
}

/**
 * A formula cell whose text is its shape's, moved to the cell's place: the text is not stored
 * (100,000 rows of row formulas would hold 800,000 strings, about 150 MB) but made when read.
 * Code that changes a cell field by field works on `withOwnText()` instead (workbook-model.ts).
 */
export class SharedFormulaCell implements Cell {
  value: CellValue = null;
  calcGen?: number;

  constructor(
    private readonly shape: FormulaShape,
    private readonly row: number,
    private readonly col: number,
    public format?: CellFormat,
  ) {}

  get formula(): string {
    return this.shape.textAt(this.row, this.col);
  }

  get ast(): FormulaShape {
    return this.shape;
  }

  /** The same formula in a plain cell that holds its text (its shape found again when calculated). */
  withOwnText(): Cell {
    const cell: Cell = { value: this.value, formula: this.formula };
    if (this.format) cell.format = this.format;
    return cell;
  }
}

/** Whether a cell holds a formula, without making a shared formula's text. */
export function hasFormula(cell: Cell): boolean {
  return cell instanceof SharedFormulaCell || cell.formula !== undefined;
}

/** Whether a tree holds a reference that moves with the formula (its text then needs slots). */
function hasMovingRef(node: Node): boolean {
  switch (node.k) {
    case "ref":
      return moves(node.ref);
    case "fn":
      return node.args.some(hasMovingRef);
    case "un":
      return hasMovingRef(node.x);
    case "bin":
      return hasMovingRef(node.l) || hasMovingRef(node.r);
    default:
      return false;
  }
}

/** The structured references of a tree (the tree's own objects, shared by the shapes' trees). */
function structuredRefs(node: Node, out: StructuredRef[] = []): StructuredRef[] {
  if (node.k === "sref") out.push(node.sref);
  else if (node.k === "fn") node.args.forEach((a) => structuredRefs(a, out));
  else if (node.k === "un") structuredRefs(node.x, out);
  else if (node.k === "bin") {
    structuredRefs(node.l, out);
    structuredRefs(node.r, out);
  }
  return out;
}

/** A reference with a relative row or column (a reference to a deleted sheet stays #REF!). */
function moves(ref: RefToken): boolean {
  if (ref.sheetRefError) return false;
  const rows = ref.kind !== "cols" && (!ref.ar0 || !ref.ar1);
  const cols = ref.kind !== "rows" && (!ref.ac0 || !ref.ac1);
  return rows || cols;
}

/**
 * Where the slot's reference moved by (dr, dc) ends in `formula` when it is written there at
 * `at` as formulaFill (rewrite.ts) writes it, or -1. Also -1 where the move would leave the sheet
 * or turn an area inside out (A$5:A2, which a parse would turn round while the shape's tree would
 * not), so that such a formula is parsed on its own.
 */
function movedAt(formula: string, at: number, slot: Slot, dr: number, dc: number): number {
  const { ref } = slot;
  const r0 = ref.kind === "cols" || ref.ar0 ? ref.r0 : ref.r0 + dr;
  const r1 = ref.kind === "cols" || ref.ar1 ? ref.r1 : ref.r1 + dr;
  const c0 = ref.kind === "rows" || ref.ac0 ? ref.c0 : ref.c0 + dc;
  const c1 = ref.kind === "rows" || ref.ac1 ? ref.c1 : ref.c1 + dc;
  if (r0 === ref.r0 && r1 === ref.r1 && c0 === ref.c0 && c1 === ref.c1)
    return formula.startsWith(slot.text, at) ? at + slot.text.length : -1;
  if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLS || r0 > r1 || c0 > c1) return -1;
  if (!formula.startsWith(slot.sheet, at)) return -1;
  at += slot.sheet.length;
  switch (ref.kind) {
    case "cols":
      at = columnAt(formula, at, ref.ac0, c0);
      return at < 0 || formula[at] !== ":" ? -1 : columnAt(formula, at + 1, ref.ac1, c1);
    case "rows":
      at = rowAt(formula, at, ref.ar0, r0);
      return at < 0 || formula[at] !== ":" ? -1 : rowAt(formula, at + 1, ref.ar1, r1);
    case "cell":
      at = columnAt(formula, at, ref.ac0, c0);
      return at < 0 ? -1 : rowAt(formula, at, ref.ar0, r0);
    default:
      at = columnAt(formula, at, ref.ac0, c0);
      at = at < 0 ? -1 : rowAt(formula, at, ref.ar0, r0);
      if (at < 0 || formula[at] !== ":") return -1;
      at = columnAt(formula, at + 1, ref.ac1, c1);
      return at < 0 ? -1 : rowAt(formula, at, ref.ar1, r1);
  }
}

/** The text of a slot's reference moved by (dr, dc) (where movedAt found it: on the sheet, not inside out). */
function movedText(slot: Slot, dr: number, dc: number): string {
  const { ref } = slot;
  const r0 = ref.kind === "cols" || ref.ar0 ? ref.r0 : ref.r0 + dr;
  const r1 = ref.kind === "cols" || ref.ar1 ? ref.r1 : ref.r1 + dr;
  const c0 = ref.kind === "rows" || ref.ac0 ? ref.c0 : ref.c0 + dc;
  const c1 = ref.kind === "rows" || ref.ac1 ? ref.c1 : ref.c1 + dc;
  if (r0 === ref.r0 && r1 === ref.r1 && c0 === ref.c0 && c1 === ref.c1) return slot.text;
  const column = (absolute: boolean, c: number) => (absolute ? "$" : "") + (LETTERS[c] ??= columnLetters(c));
  const row = (absolute: boolean, r: number) => (absolute ? "$" : "") + String(r + 1);
  switch (ref.kind) {
    case "cols":
      return `${slot.sheet}${column(ref.ac0, c0)}:${column(ref.ac1, c1)}`;
    case "rows":
      return `${slot.sheet}${row(ref.ar0, r0)}:${row(ref.ar1, r1)}`;
    case "cell":
      return slot.sheet + column(ref.ac0, c0) + row(ref.ar0, r0);
    default:
      return `${slot.sheet}${column(ref.ac0, c0)}${row(ref.ar0, r0)}:${column(ref.ac1, c1)}${row(ref.ar1, r1)}`;
  }
}

const LETTERS: string[] = [];

/** Where column `c` (with its $ when absolute) written at `at` ends, or -1. */
function columnAt(formula: string, at: number, absolute: boolean, c: number): number {
  if (absolute) {
    if (formula[at] !== "$") return -1;
    at++;
  }
  const letters = (LETTERS[c] ??= columnLetters(c));
  return formula.startsWith(letters, at) ? at + letters.length : -1;
}

/** Where row `r` (1-based in the text, with its $ when absolute) written at `at` ends, or -1. */
function rowAt(formula: string, at: number, absolute: boolean, r: number): number {
  if (absolute) {
    if (formula[at] !== "$") return -1;
    at++;
  }
  // Digits read as a number, without a leading zero (which formulaFill never writes).
  if (formula[at] === "0") return -1;
  let n = 0;
  let end = at;
  for (let d = formula.charCodeAt(end) - 48; d >= 0 && d <= 9; d = formula.charCodeAt(end) - 48) {
    n = n * 10 + d;
    end++;
  }
  return end > at && n === r + 1 ? end : -1;
}

/**
 * The shapes of one workbook's formulas: where a formula is written or first calculated, the last
 * shape of its column is tried before a parse. Trees of new shapes keep one copy of each number,
 * name, text, structured reference and function name, so that formulas that are no shape's
 * neighbours (the Results sort keys, which differ by a number) still share most of their trees.
 */
export class FormulaShapes {
  private lastInColumn = new WeakMap<SheetModel, Map<number, FormulaShape>>();
  /** Leaves by number, or by a text starting with its kind. */
  private leaves = new Map<string | number, Node>();
  private words = new Map<string, string>();

  /**
   * The shape for `formula` at (row, col) of `sheet`. `parse` parses (and validates) a formula
   * that is no shape's; `recheck` checks the structured references of a shape reused here (a table
   * or column may have gone since it was parsed). Both throw for a bad formula.
   */
  shapeAt(
    formula: string,
    sheet: SheetModel,
    row: number,
    col: number,
    parse: (formula: string) => Node,
    recheck?: (sref: StructuredRef) => void,
  ): FormulaShape {
    let column = this.lastInColumn.get(sheet);
    if (!column) {
      column = new Map();
      this.lastInColumn.set(sheet, column);
    }
    const last = column.get(col);
    if (last?.matches(formula, row, col)) {
      if (recheck) last.srefs.forEach(recheck);
      return last;
    }
    const shape = FormulaShape.of(formula, this.compact(parse(formula)), row, col);
    column.set(col, shape);
    return shape;
  }

  /** The tree with its leaves and function names replaced by the copies kept for this workbook. */
  private compact(node: Node): Node {
    switch (node.k) {
      case "fn":
        return {
          k: "fn",
          name: this.word(node.name),
          raw: this.word(node.raw),
          args: node.args.map((a) => this.compact(a)),
        };
      case "un":
        return { k: "un", op: node.op, x: this.compact(node.x) };
      case "bin":
        return { k: "bin", op: node.op, l: this.compact(node.l), r: this.compact(node.r) };
      case "num":
        return this.leaf(node, node.v);
      case "str":
        return this.leaf(node, `s${node.v}`);
      case "name":
        return this.leaf(node, `n${node.name}`);
      case "sref":
      case "err":
      case "bool":
      case "missing":
        return this.leaf(node, JSON.stringify(node));
      default:
        // References (moved by the shapes) and array constants are kept as they are.
        return node;
    }
  }

  /** The copy kept of a leaf, by a key that tells it from every other leaf. */
  private leaf(node: Node, key: string | number): Node {
    const kept = this.leaves.get(key);
    if (kept) return kept;
    this.leaves.set(key, node);
    return node;
  }

  private word(text: string): string {
    const kept = this.words.get(text);
    if (kept !== undefined) return kept;
    this.words.set(text, text);
    return text;
  }
}
