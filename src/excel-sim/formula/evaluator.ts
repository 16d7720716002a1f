/**
 * Tree-walking evaluator with Excel's (non-dynamic-array) semantics:
 *
 * - A reference used where one value is expected is implicitly intersected with the formula's
 *   row or column (A1:A10 in row 5 → A5; no intersection → #VALUE!), as Excel 2016, Excel for
 *   Mac and LibreOffice do without Ctrl+Shift+Enter. Formulas never spill.
 * - "Array mode" (operators work element-wise on whole ranges) is entered only where Excel
 *   evaluates arrays natively: the arguments of SUMPRODUCT, the first argument of INDEX and the
 *   arrays of LOOKUP. Inside it, scalar functions (ISNUMBER, ROUND, ABS …) are lifted
 *   element-wise; IF, IFERROR and CHOOSE are not (as in Excel without CSE) — they intersect.
 * - Errors propagate left to right; a function that excel-sim does not implement gives #NAME?.
 */
import type { CellError, SheetModel, WorkbookModel } from "../model/types";
import { ERRORS, isCellError } from "../model/types";
import { MAX_COLS, MAX_ROWS } from "../model/address";
import type { Node } from "./parser";
import type { RefToken, StructuredRef } from "./tokenizer";
import {
  type ArrayValue,
  arr,
  compareScalars,
  CELL_TEXT_LIMIT,
  isArr,
  isRef,
  num,
  type RefValue,
  type Scalar,
  toNumber,
  toText,
  type Value,
} from "./values";

export interface CalcHost {
  readonly wb: WorkbookModel;
  /** The functions formulas can call, by canonical name; any other name is #NAME?. */
  readonly functions: ReadonlyMap<string, FnSpec>;
  cellValue(sheet: SheetModel, row: number, col: number): Scalar;
  sheetByName(name: string): SheetModel | undefined;
  evalName(name: string, ctx: EvalCtx): Value;
  /** The current cells of a structured reference (a reference, or #REF!/#VALUE!). */
  structuredRef(sref: StructuredRef, ctx: EvalCtx): Value;
  /** Sorted numeric values of a reference, cached per calculation generation (RANK, SMALL, LARGE). */
  sortedNumbers(ref: RefValue): Float64Array | CellError;
  /**
   * Position (1-based, first occurrence) of each number in a one-row or one-column reference,
   * cached per calculation generation, so exact MATCH over a column is O(1) instead of O(n).
   */
  numberPositions(ref: RefValue): Map<number, number>;
  /**
   * The sheet rows (ascending) of each text in the column of a one-column reference, by the text
   * in lower case, cached per calculation generation: COUNTIFS/SUMIFS/AVERAGEIFS with an
   * exact-text criterion then visit only those rows instead of the whole column. Null where the
   * index cannot serve this reference (part of a column that holds formulas).
   */
  textRows(ref: RefValue): Map<string, number[]> | null;
  /** One past the last used row / column of a sheet (used to clamp whole-column references). */
  usedExtent(sheet: SheetModel): { rows: number; cols: number };
}

export interface EvalCtx {
  host: CalcHost;
  sheet: SheetModel;
  /** The formula's cell (for implicit intersection, ROW(), COLUMN()). */
  row: number;
  col: number;
  /** Offset applied to relative references (conditional formats / validation over a range). */
  dr: number;
  dc: number;
  arrayMode: boolean;
}

export type FnImpl = (args: Node[], ctx: EvalCtx) => Value;

export interface FnSpec {
  min: number;
  max: number;
  impl: FnImpl;
}

export function withMode(ctx: EvalCtx, arrayMode: boolean): EvalCtx {
  return ctx.arrayMode === arrayMode ? ctx : { ...ctx, arrayMode };
}

export function evalNode(node: Node, ctx: EvalCtx): Value {
  switch (node.k) {
    case "num":
      return node.v;
    case "str":
      return node.v;
    case "bool":
      return node.v;
    case "err":
      return errorOf(node.v);
    case "missing":
      return null;
    case "arr":
      return arr(node.rows.length, node.rows[0].length, node.rows.flat());
    case "ref":
      return evalRef(node.ref, ctx);
    case "sref":
      return ctx.host.structuredRef(node.sref, ctx);
    case "name":
      return ctx.host.evalName(node.name, ctx);
    case "fn": {
      const spec = ctx.host.functions.get(node.name);
      if (!spec) return ERRORS.name;
      if (node.args.length < spec.min || node.args.length > spec.max) return ERRORS.value;
      return spec.impl(node.args, ctx);
    }
    case "un":
      return evalUnary(node.op, evalNode(node.x, ctx), ctx);
    case "bin":
      return evalBinary(node.op, evalNode(node.l, ctx), evalNode(node.r, ctx), ctx);
  }
}

function errorOf(code: string): CellError {
  return Object.values(ERRORS).find((e) => e.code === code) ?? ERRORS.value;
}

function evalRef(ref: RefToken, ctx: EvalCtx): Value {
  if (ref.sheetRefError) return ERRORS.ref;
  let sheet = ctx.sheet;
  if (ref.sheet !== undefined) {
    const s = ctx.host.sheetByName(ref.sheet);
    if (!s) return ERRORS.ref;
    sheet = s;
  }
  let { r0, c0, r1, c1 } = ref;
  if (ctx.dr || ctx.dc) {
    if (ref.kind !== "cols") {
      if (!ref.ar0) r0 += ctx.dr;
      if (!ref.ar1) r1 += ctx.dr;
    }
    if (ref.kind !== "rows") {
      if (!ref.ac0) c0 += ctx.dc;
      if (!ref.ac1) c1 += ctx.dc;
    }
    if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLS) return ERRORS.ref;
  }
  return { kind: "ref", sheet, r0, c0, r1, c1 };
}

/** Value of a 1×1 reference, or implicit intersection of a larger one with the formula cell. */
export function intersect(ref: RefValue, ctx: EvalCtx): Scalar {
  const { host } = ctx;
  if (ref.r0 === ref.r1 && ref.c0 === ref.c1) return host.cellValue(ref.sheet, ref.r0, ref.c0);
  if (ref.c0 === ref.c1 && ctx.row >= ref.r0 && ctx.row <= ref.r1)
    return host.cellValue(ref.sheet, ctx.row, ref.c0);
  if (ref.r0 === ref.r1 && ctx.col >= ref.c0 && ctx.col <= ref.c1)
    return host.cellValue(ref.sheet, ref.r0, ctx.col);
  return ERRORS.value;
}

/** Clamps a whole-column / whole-row reference to the sheet's used extent. */
export function clampRef(ref: RefValue, host: CalcHost): RefValue {
  if (ref.r1 - ref.r0 < 100000 && ref.c1 - ref.c0 < 1000) return ref;
  const ext = host.usedExtent(ref.sheet);
  return {
    ...ref,
    r1: Math.max(ref.r0, Math.min(ref.r1, ext.rows - 1)),
    c1: Math.max(ref.c0, Math.min(ref.c1, ext.cols - 1)),
  };
}

export function refToArray(ref: RefValue, host: CalcHost): ArrayValue {
  const r = clampRef(ref, host);
  const rows = r.r1 - r.r0 + 1;
  const cols = r.c1 - r.c0 + 1;
  const data: Scalar[] = new Array(rows * cols);
  let k = 0;
  for (let i = r.r0; i <= r.r1; i++) {
    for (let j = r.c0; j <= r.c1; j++) data[k++] = host.cellValue(r.sheet, i, j);
  }
  return arr(rows, cols, data);
}

/**
 * An operand of an operator: references become values (intersection outside array mode, arrays
 * inside it), 1×1 arrays become scalars.
 */
export function operand(v: Value, ctx: EvalCtx): Scalar | ArrayValue {
  if (isRef(v)) {
    if (v.r0 === v.r1 && v.c0 === v.c1) return ctx.host.cellValue(v.sheet, v.r0, v.c0);
    if (!ctx.arrayMode) return intersect(v, ctx);
    return refToArray(v, ctx.host);
  }
  if (isArr(v) && v.rows === 1 && v.cols === 1) return v.data[0];
  return v;
}

/** One value where Excel wants one: intersection, or the top-left element of an array. */
export function scalarOf(v: Value, ctx: EvalCtx): Scalar {
  if (isRef(v)) return intersect(v, ctx);
  if (isArr(v)) return v.data[0] ?? null;
  return v;
}

/** Element-wise map over one or more operands with Excel's broadcasting (#N/A outside). */
export function broadcast(vals: (Scalar | ArrayValue)[], f: (xs: Scalar[]) => Scalar): Scalar | ArrayValue {
  if (!vals.some(isArr)) return f(vals as Scalar[]);
  let rows = 1;
  let cols = 1;
  for (const v of vals) {
    if (isArr(v)) {
      rows = Math.max(rows, v.rows);
      cols = Math.max(cols, v.cols);
    }
  }
  const data: Scalar[] = new Array(rows * cols);
  const xs: Scalar[] = new Array(vals.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let outside = false;
      for (let a = 0; a < vals.length; a++) {
        const v = vals[a];
        if (isArr(v)) {
          const ii = v.rows === 1 ? 0 : i;
          const jj = v.cols === 1 ? 0 : j;
          if (ii >= v.rows || jj >= v.cols) {
            outside = true;
            break;
          }
          xs[a] = v.data[ii * v.cols + jj];
        } else xs[a] = v;
      }
      data[i * cols + j] = outside ? ERRORS.na : f(xs);
    }
  }
  return arr(rows, cols, data);
}

function arith(op: string, a: Scalar, b: Scalar): Scalar {
  const x = toNumber(a);
  if (isCellError(x)) return x;
  const y = toNumber(b);
  if (isCellError(y)) return y;
  switch (op) {
    case "+":
      return num(x + y);
    case "-":
      return num(x - y);
    case "*":
      return num(x * y);
    case "/":
      return y === 0 ? ERRORS.div0 : num(x / y);
    case "^":
      if (x === 0 && y === 0) return ERRORS.num;
      if (x === 0 && y < 0) return ERRORS.div0;
      return num(Math.pow(x, y));
  }
  return ERRORS.value;
}

/** Text longer than a cell holds is #VALUE! in Excel, as its page on REPT says. */
export function joinedText(parts: string[]): Scalar {
  const text = parts.join("");
  return text.length > CELL_TEXT_LIMIT ? ERRORS.value : text;
}

export function binaryScalar(op: string, a: Scalar, b: Scalar): Scalar {
  if (isCellError(a)) return a;
  if (isCellError(b)) return b;
  switch (op) {
    case "&":
      return joinedText([toText(a) as string, toText(b) as string]);
    case "=":
      return compareScalars(a, b) === 0;
    case "<>":
      return compareScalars(a, b) !== 0;
    case "<":
      return compareScalars(a, b) < 0;
    case ">":
      return compareScalars(a, b) > 0;
    case "<=":
      return compareScalars(a, b) <= 0;
    case ">=":
      return compareScalars(a, b) >= 0;
    default:
      return arith(op, a, b);
  }
}

function evalBinary(op: string, l: Value, r: Value, ctx: EvalCtx): Value {
  const a = operand(l, ctx);
  const b = operand(r, ctx);
  if (!isArr(a) && !isArr(b)) return binaryScalar(op, a, b);
  return broadcast([a, b], ([x, y]) => binaryScalar(op, x, y));
}

function evalUnary(op: "-" | "+" | "%", x: Value, ctx: EvalCtx): Value {
  const v = operand(x, ctx);
  if (op === "+") return v;
  const f = (s: Scalar): Scalar => {
    const n = toNumber(s);
    if (isCellError(n)) return n;
    return op === "-" ? -n : n / 100;
  };
  return isArr(v) ? broadcast([v], ([s]) => f(s)) : f(v);
}

/** Evaluates a formula for a cell: the final value is one scalar (blank → 0). */
export function evaluateTop(node: Node, ctx: EvalCtx): Scalar {
  const v = scalarOf(evalNode(node, ctx), ctx);
  return v === null ? 0 : v;
}
