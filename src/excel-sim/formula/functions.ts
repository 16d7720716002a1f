/**
 * The worksheet functions excel-sim computes. Anything else evaluates to #NAME? (never a
 * silently wrong number). `_xlfn.` prefixes are accepted (RANK.EQ, STDEV.S …).
 *
 * Behaviour follows Microsoft's function reference (support.microsoft.com, "<NAME> function").
 */
import { type CellError, type CellValue, ERRORS, isCellError } from "../model/types";
import { formatValue } from "../model/format";
import { compileCriteria, criteriaTooLong, type Predicate, wildcardRegExp } from "./criteria";
import {
  broadcast,
  clampRef,
  type EvalCtx,
  evalNode,
  type FnImpl,
  joinedText,
  type FnSpec,
  operand,
  refToArray,
  scalarOf,
  withMode,
} from "./evaluator";
import type { Node } from "./parser";
import {
  type ArrayValue,
  arr,
  compareScalars,
  isArr,
  isErr,
  isRef,
  num,
  type RefValue,
  roundHalfAway,
  type Scalar,
  toBool,
  toNumber,
  toText,
  type Value,
} from "./values";

const fns = new Map<string, FnSpec>();

function def(names: string | string[], min: number, max: number, impl: FnImpl): void {
  for (const n of Array.isArray(names) ? names : [names]) fns.set(n, { min, max, impl });
}

/**
 * A function of scalars. Outside array mode its arguments are intersected (or the top-left of an
 * array is taken); in array mode it is applied element-wise.
 */
function lifted(
  names: string | string[],
  min: number,
  max: number,
  f: (xs: Scalar[], ctx: EvalCtx) => Scalar,
): void {
  def(names, min, max, (args, ctx) => {
    const vals = args.map((a) => evalNode(a, ctx));
    if (ctx.arrayMode) {
      const ops = vals.map((v) => operand(v, ctx));
      return broadcast(ops, (xs) => f(xs, ctx));
    }
    return f(
      vals.map((v) => scalarOf(v, ctx)),
      ctx,
    );
  });
}

function firstError(...xs: Scalar[]): CellError | null {
  for (const x of xs) if (isCellError(x)) return x;
  return null;
}

function numArg(x: Scalar): number | CellError {
  return toNumber(x);
}

// ---------------------------------------------------------------- iteration over references

/** Calls f for every value of a reference or array, row by row. Stops when f returns false. */
function eachValue(v: RefValue | ArrayValue, ctx: EvalCtx, f: (x: Scalar) => boolean | void): void {
  if (isRef(v)) {
    const r = clampRef(v, ctx.host);
    for (let i = r.r0; i <= r.r1; i++) {
      for (let j = r.c0; j <= r.c1; j++) {
        if (f(ctx.host.cellValue(r.sheet, i, j)) === false) return;
      }
    }
    return;
  }
  for (const x of v.data) if (f(x) === false) return;
}

/** Visits the values of a reference or array up to the first error, which it returns (else null). */
function eachUntilError(
  v: RefValue | ArrayValue,
  ctx: EvalCtx,
  visit: (x: Scalar) => void,
): CellError | null {
  let e: CellError | null = null;
  eachValue(v, ctx, (x) => {
    if (isCellError(x)) {
      e = x;
      return false;
    }
    visit(x);
  });
  return e;
}

/**
 * Numbers of the arguments of SUM, AVERAGE, MIN, MAX, MEDIAN, STDEV …: in references and arrays
 * only numbers count (text, logical values and empty cells are ignored, errors propagate); typed
 * arguments are coerced (TRUE → 1, "3" → 3, "x" → #VALUE!).
 */
function collectNumbers(args: Node[], ctx: EvalCtx): number[] | CellError {
  const out: number[] = [];
  for (const a of args) {
    if (a.k === "missing") {
      out.push(0);
      continue;
    }
    const v = evalNode(a, ctx);
    if (isRef(v) || isArr(v)) {
      const e = eachUntilError(v, ctx, (x) => {
        if (typeof x === "number") out.push(x);
      });
      if (e) return e;
    } else {
      const n = toNumber(v);
      if (isCellError(n)) return n;
      out.push(n);
    }
  }
  return out;
}

function numbersFn(names: string | string[], min: number, f: (xs: number[]) => Scalar): void {
  def(names, min, 255, (args, ctx) => {
    const xs = collectNumbers(args, ctx);
    return isCellError(xs) ? xs : f(xs);
  });
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function variance(xs: number[], sample: boolean): number | CellError {
  const n = xs.length;
  if (n < (sample ? 2 : 1)) return ERRORS.div0;
  const mean = sum(xs) / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return ss / (sample ? n - 1 : n);
}

numbersFn("SUM", 1, (xs) => num(sum(xs)));
numbersFn("AVERAGE", 1, (xs) => (xs.length ? num(sum(xs) / xs.length) : ERRORS.div0));
numbersFn("MIN", 1, (xs) => (xs.length ? Math.min(...xs) : 0));
numbersFn("MAX", 1, (xs) => (xs.length ? Math.max(...xs) : 0));
numbersFn("MEDIAN", 1, (xs) => {
  if (!xs.length) return ERRORS.num;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
});
numbersFn(["STDEV.S", "STDEV"], 1, (xs) => {
  const v = variance(xs, true);
  return isCellError(v) ? v : Math.sqrt(v);
});
numbersFn(["STDEV.P", "STDEVP"], 1, (xs) => {
  const v = variance(xs, false);
  return isCellError(v) ? v : Math.sqrt(v);
});
numbersFn(["VAR.S", "VAR"], 1, (xs) => variance(xs, true));
numbersFn(["VAR.P", "VARP"], 1, (xs) => variance(xs, false));

/**
 * COUNT-like: counts the values of references and arrays that `inRange` accepts and the typed
 * arguments that `typed` accepts (Excel judges the two differently); omitted arguments never count.
 */
function counting(name: string, inRange: (x: Scalar) => boolean, typed: (v: Value) => boolean): void {
  def(name, 1, 255, (args, ctx) => {
    let n = 0;
    for (const a of args) {
      if (a.k === "missing") continue;
      const v = evalNode(a, ctx);
      if (isRef(v) || isArr(v)) {
        eachValue(v, ctx, (x) => {
          if (inRange(x)) n++;
        });
      } else if (typed(v)) n++;
    }
    return n;
  });
}
counting(
  "COUNT",
  (x) => typeof x === "number",
  (v) =>
    typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && !isCellError(toNumber(v))),
);
counting(
  "COUNTA",
  (x) => x !== null,
  () => true,
);

def("COUNTBLANK", 1, 1, (args, ctx) => {
  const v = evalNode(args[0], ctx);
  // A reference that is an error (#REF! after its cells were deleted) gives that error, as in Excel.
  if (isErr(v)) return v;
  if (!isRef(v)) return ERRORS.value;
  const r = clampRef(v, ctx.host);
  const area = (v.r1 - v.r0 + 1) * (v.c1 - v.c0 + 1);
  const iterated = (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
  let n = area - iterated;
  eachValue(r, ctx, (x) => {
    if (x === null || x === "") n++;
  });
  return n;
});

// ---------------------------------------------------------------- SUMPRODUCT

function toArray(v: Value, ctx: EvalCtx): ArrayValue | CellError {
  if (isRef(v)) return refToArray(v, ctx.host);
  if (isArr(v)) return v;
  if (isCellError(v)) return v;
  return arr(1, 1, [v]);
}

def("SUMPRODUCT", 1, 255, (args, ctx) => {
  const actx = withMode(ctx, true);
  const arrays: ArrayValue[] = [];
  for (const a of args) {
    if (a.k === "missing") return ERRORS.value;
    const x = toArray(evalNode(a, actx), actx);
    if (isCellError(x)) return x;
    arrays.push(x);
  }
  const { rows, cols } = arrays[0];
  if (arrays.some((x) => x.rows !== rows || x.cols !== cols)) return ERRORS.value;
  let total = 0;
  const n = rows * cols;
  for (let i = 0; i < n; i++) {
    let p = 1;
    for (const x of arrays) {
      const e = x.data[i];
      if (typeof e === "number") p *= e;
      else if (isCellError(e)) return e;
      else p = 0; // "SUMPRODUCT treats non-numeric array entries as if they were zeros."
    }
    total += p;
  }
  return num(total);
});

// ---------------------------------------------------------------- logic

def("IF", 1, 3, (args, ctx) => {
  const sctx = withMode(ctx, false);
  const c = scalarOf(evalNode(args[0], sctx), sctx);
  if (isCellError(c)) return c;
  const b = toBool(c);
  if (isCellError(b)) return b;
  if (b) {
    if (args.length < 2 || args[1].k === "missing") return args.length < 2 ? true : 0;
    return evalNode(args[1], sctx);
  }
  if (args.length < 3) return false;
  if (args[2].k === "missing") return 0;
  return evalNode(args[2], sctx);
});

function ifErrorLike(name: string, test: (v: Scalar) => boolean): void {
  def(name, 2, 2, (args, ctx) => {
    const sctx = withMode(ctx, false);
    const v = scalarOf(evalNode(args[0], sctx), sctx);
    if (test(v)) return args[1].k === "missing" ? 0 : (scalarOf(evalNode(args[1], sctx), sctx) ?? 0);
    return v === null ? 0 : v;
  });
}
ifErrorLike("IFERROR", (v) => isCellError(v));
ifErrorLike("IFNA", (v) => isCellError(v) && v.code === "#N/A");

def("CHOOSE", 2, 255, (args, ctx) => {
  const sctx = withMode(ctx, false);
  const i = numArg(scalarOf(evalNode(args[0], sctx), sctx));
  if (isCellError(i)) return i;
  const k = Math.trunc(i);
  if (k < 1 || k >= args.length) return ERRORS.value;
  return evalNode(args[k], sctx);
});

function logical(name: string, init: boolean, step: (acc: boolean, x: boolean) => boolean): void {
  def(name, 1, 255, (args, ctx) => {
    let acc = init;
    let any = false;
    for (const a of args) {
      if (a.k === "missing") continue;
      const v = evalNode(a, ctx);
      if (isRef(v) || isArr(v)) {
        const e = eachUntilError(v, ctx, (x) => {
          if (typeof x === "boolean" || typeof x === "number") {
            acc = step(acc, typeof x === "boolean" ? x : x !== 0);
            any = true;
          }
        });
        if (e) return e;
      } else {
        const b = toBool(v);
        if (isCellError(b)) return b;
        acc = step(acc, b);
        any = true;
      }
    }
    return any ? acc : ERRORS.value;
  });
}
logical("AND", true, (a, x) => a && x);
logical("OR", false, (a, x) => a || x);
logical("XOR", false, (a, x) => a !== x);

lifted("NOT", 1, 1, ([x]) => {
  const b = toBool(x);
  return isCellError(b) ? b : !b;
});
def("TRUE", 0, 0, () => true);
def("FALSE", 0, 0, () => false);
def("NA", 0, 0, () => ERRORS.na);
def("PI", 0, 0, () => Math.PI);

// ---------------------------------------------------------------- information

lifted("ISNUMBER", 1, 1, ([x]) => typeof x === "number");
lifted("ISTEXT", 1, 1, ([x]) => typeof x === "string");
lifted("ISNONTEXT", 1, 1, ([x]) => typeof x !== "string");
lifted("ISLOGICAL", 1, 1, ([x]) => typeof x === "boolean");
lifted("ISBLANK", 1, 1, ([x]) => x === null);
lifted("ISERROR", 1, 1, ([x]) => isCellError(x));
lifted("ISERR", 1, 1, ([x]) => isCellError(x) && x.code !== "#N/A");
lifted("ISNA", 1, 1, ([x]) => isCellError(x) && x.code === "#N/A");
lifted("N", 1, 1, ([x]) =>
  typeof x === "number" ? x : typeof x === "boolean" ? (x ? 1 : 0) : isCellError(x) ? x : 0,
);

// ---------------------------------------------------------------- math

function math1(name: string, f: (x: number) => Scalar): void {
  lifted(name, 1, 1, ([x]) => {
    const n = numArg(x);
    return isCellError(n) ? n : f(n);
  });
}

function math2(
  name: string,
  min: number,
  f: (x: number, y: number, given: boolean) => Scalar,
  dflt = 0,
): void {
  lifted(name, min, 2, (xs) => {
    const a = numArg(xs[0]);
    if (isCellError(a)) return a;
    const given = xs.length > 1;
    const b = given ? numArg(xs[1]) : dflt;
    if (isCellError(b)) return b;
    return f(a, b, given);
  });
}

math1("ABS", (x) => Math.abs(x));
math1("INT", (x) => Math.floor(x));
math1("SIGN", (x) => Math.sign(x));
math1("SQRT", (x) => (x < 0 ? ERRORS.num : Math.sqrt(x)));
math1("EXP", (x) => num(Math.exp(x)));
math1("LN", (x) => (x <= 0 ? ERRORS.num : Math.log(x)));
math1("LOG10", (x) => (x <= 0 ? ERRORS.num : Math.log10(x)));
math2("ROUND", 2, (x, d) => roundHalfAway(x, d));
math2("ROUNDUP", 2, (x, d) => {
  const p = Math.pow(10, Math.trunc(d));
  const r = roundHalfAway(x, d);
  if (r === x) return r;
  return (Math.sign(x) * Math.ceil(Number((Math.abs(x) * p).toPrecision(15)))) / p;
});
math2("ROUNDDOWN", 2, (x, d) => {
  const p = Math.pow(10, Math.trunc(d));
  return (Math.sign(x) * Math.floor(Number((Math.abs(x) * p).toPrecision(15)))) / p;
});
math2("TRUNC", 1, (x, d) => {
  const p = Math.pow(10, Math.trunc(d));
  return (Math.sign(x) * Math.floor(Number((Math.abs(x) * p).toPrecision(15)))) / p;
});
math2("MOD", 2, (x, y) => (y === 0 ? ERRORS.div0 : num(x - y * Math.floor(x / y))));
math2("POWER", 2, (x, y) => {
  if (x === 0 && y === 0) return ERRORS.num;
  if (x === 0 && y < 0) return ERRORS.div0;
  return num(Math.pow(x, y));
});
math2("LOG", 1, (x, b) => (x <= 0 || b <= 0 || b === 1 ? ERRORS.num : Math.log(x) / Math.log(b)), 10);

// ---------------------------------------------------------------- text

function text1(name: string, min: number, max: number, f: (s: string, xs: Scalar[]) => Scalar): void {
  lifted(name, min, max, (xs) => {
    const e = firstError(...xs);
    if (e) return e;
    return f(toText(xs[0]) as string, xs);
  });
}

text1("LEN", 1, 1, (s) => s.length);
text1("UPPER", 1, 1, (s) => s.toUpperCase());
text1("LOWER", 1, 1, (s) => s.toLowerCase());
text1("TRIM", 1, 1, (s) => s.trim().replace(/ {2,}/g, " "));
text1("LEFT", 1, 2, (s, xs) => {
  const n = xs.length > 1 ? numArg(xs[1]) : 1;
  if (isCellError(n)) return n;
  return n < 0 ? ERRORS.value : s.slice(0, Math.trunc(n));
});
text1("RIGHT", 1, 2, (s, xs) => {
  const n = xs.length > 1 ? numArg(xs[1]) : 1;
  if (isCellError(n)) return n;
  if (n < 0) return ERRORS.value;
  const k = Math.trunc(n);
  return k === 0 ? "" : s.slice(-k);
});
text1("MID", 3, 3, (s, xs) => {
  const a = numArg(xs[1]);
  const b = numArg(xs[2]);
  if (isCellError(a)) return a;
  if (isCellError(b)) return b;
  if (a < 1 || b < 0) return ERRORS.value;
  return s.substr(Math.trunc(a) - 1, Math.trunc(b));
});
text1("VALUE", 1, 1, (s, xs) => {
  if (typeof xs[0] === "number") return xs[0];
  const n = toNumber(s);
  return n;
});
/** SUBSTITUTE(text, old, new, [instance]): case-sensitive; an empty old text changes nothing. */
text1("SUBSTITUTE", 3, 4, (s, xs) => {
  const from = toText(xs[1]) as string;
  const to = toText(xs[2]) as string;
  if (from === "") return s;
  if (xs.length < 4) return s.split(from).join(to);
  const n = numArg(xs[3]);
  if (isCellError(n)) return n;
  if (n < 1) return ERRORS.value;
  let at = -1;
  for (let k = 0; k < Math.trunc(n); k++) {
    at = s.indexOf(from, at + 1);
    if (at < 0) return s;
  }
  return s.slice(0, at) + to + s.slice(at + from.length);
});
text1("EXACT", 2, 2, (s, xs) => s === (toText(xs[1]) as string));
lifted("CONCATENATE", 1, 255, (xs) => {
  const e = firstError(...xs);
  if (e) return e;
  return joinedText(xs.map((x) => toText(x) as string));
});
lifted("TEXT", 2, 2, ([v, f]) => {
  const e = firstError(v, f);
  if (e) return e;
  const fmt = toText(f) as string;
  if (typeof v === "string") {
    const n = toNumber(v);
    return formatValue(isCellError(n) ? v : n, fmt);
  }
  return formatValue(v === null ? 0 : v, fmt);
});

// ---------------------------------------------------------------- references and lookup

def("ROW", 0, 1, (args, ctx) => {
  if (args.length === 0) return ctx.row + 1;
  const v = evalNode(args[0], ctx);
  return isRef(v) ? v.r0 + 1 : ERRORS.value;
});
def("COLUMN", 0, 1, (args, ctx) => {
  if (args.length === 0) return ctx.col + 1;
  const v = evalNode(args[0], ctx);
  return isRef(v) ? v.c0 + 1 : ERRORS.value;
});
def("ROWS", 1, 1, (args, ctx) => {
  const v = evalNode(args[0], ctx);
  if (isRef(v)) return v.r1 - v.r0 + 1;
  if (isArr(v)) return v.rows;
  return isCellError(v) ? v : 1;
});
def("COLUMNS", 1, 1, (args, ctx) => {
  const v = evalNode(args[0], ctx);
  if (isRef(v)) return v.c1 - v.c0 + 1;
  if (isArr(v)) return v.cols;
  return isCellError(v) ? v : 1;
});

function indexNumber(node: Node | undefined, ctx: EvalCtx): number | CellError {
  if (!node || node.k === "missing") return 0;
  const sctx = withMode(ctx, false);
  const n = numArg(scalarOf(evalNode(node, sctx), sctx));
  if (isCellError(n)) return n;
  if (n < 0) return ERRORS.value;
  return Math.trunc(n);
}

def("INDEX", 2, 4, (args, ctx) => {
  const a = evalNode(args[0], withMode(ctx, true));
  if (isCellError(a)) return a;
  let r = indexNumber(args[1], ctx);
  if (isCellError(r)) return r;
  let c = indexNumber(args[2], ctx);
  if (isCellError(c)) return c;
  if (args.length >= 4) {
    const area = indexNumber(args[3], ctx);
    if (isCellError(area)) return area;
    if (area > 1) return ERRORS.ref;
  }
  const rows = isRef(a) ? a.r1 - a.r0 + 1 : isArr(a) ? a.rows : 1;
  const cols = isRef(a) ? a.c1 - a.c0 + 1 : isArr(a) ? a.cols : 1;
  if (args.length === 2 || args[2].k === "missing") {
    // One index into a single row selects a column.
    if (rows === 1 && cols > 1) {
      c = r;
      r = 0;
      if (args.length === 2 || args[2].k === "missing") {
        /* keep */
      }
    }
  }
  if (r > rows || c > cols) return ERRORS.ref;
  if (isRef(a)) {
    return {
      kind: "ref",
      sheet: a.sheet,
      r0: r === 0 ? a.r0 : a.r0 + r - 1,
      r1: r === 0 ? a.r1 : a.r0 + r - 1,
      c0: c === 0 ? a.c0 : a.c0 + c - 1,
      c1: c === 0 ? a.c1 : a.c0 + c - 1,
    };
  }
  if (!isArr(a)) return r <= 1 && c <= 1 ? a : ERRORS.ref;
  if (r > 0 && c > 0) return a.data[(r - 1) * a.cols + (c - 1)];
  if (r > 0) return arr(1, a.cols, a.data.slice((r - 1) * a.cols, r * a.cols));
  if (c > 0) {
    const out: Scalar[] = [];
    for (let i = 0; i < a.rows; i++) out.push(a.data[i * a.cols + c - 1]);
    return arr(a.rows, 1, out);
  }
  return a;
});

/** A 1-D list of values from a reference or array (null when it is 2-D). */
function vector(v: Value, ctx: EvalCtx): Scalar[] | null {
  if (isRef(v)) {
    const r = clampRef(v, ctx.host);
    if (r.r0 !== r.r1 && r.c0 !== r.c1) return null;
    return refToArray(r, ctx.host).data;
  }
  if (isArr(v)) return v.rows === 1 || v.cols === 1 ? v.data : null;
  return [v];
}

function sameType(a: Scalar, b: Scalar): boolean {
  return typeof a === typeof b && a !== null && b !== null && !isCellError(a) && !isCellError(b);
}

function matchIn(x: Scalar, list: Scalar[], type: number): Scalar {
  if (isCellError(x)) return x;
  if (x === null) return ERRORS.na;
  if (type === 0) {
    // A tilde escapes a wildcard ("A~*" finds only "A*"), so it too calls for the pattern.
    if (typeof x === "string" && /[*?~]/.test(x)) {
      const re = wildcardRegExp(x);
      const i = list.findIndex((v) => typeof v === "string" && re.test(v));
      return i < 0 ? ERRORS.na : i + 1;
    }
    const i = list.findIndex((v) => sameType(v, x) && compareScalars(v, x) === 0);
    return i < 0 ? ERRORS.na : i + 1;
  }
  // Approximate match: binary search among values of the same type (data assumed sorted).
  const idx: number[] = [];
  for (let i = 0; i < list.length; i++) if (sameType(list[i], x)) idx.push(i);
  let lo = 0;
  let hi = idx.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareScalars(list[idx[mid]], x);
    if (type > 0 ? c <= 0 : c >= 0) {
      found = idx[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? ERRORS.na : found + 1;
}

def("MATCH", 2, 3, (args, ctx) => {
  const listV = evalNode(args[1], ctx);
  if (isCellError(listV)) return listV;
  let type = 1;
  if (args.length > 2 && args[2].k !== "missing") {
    const sctx = withMode(ctx, false);
    const t = numArg(scalarOf(evalNode(args[2], sctx), sctx));
    if (isCellError(t)) return t;
    type = Math.sign(Math.trunc(t));
  } else if (args.length > 2) type = 0;
  const xv = evalNode(args[0], ctx);
  // Excel gives #VALUE! for a lookup text over 255 characters (reported, not documented).
  if (!ctx.arrayMode && criteriaTooLong(scalarOf(xv, ctx))) return ERRORS.value;
  // Exact match of a number in a one-dimensional reference: the cached position index.
  if (type === 0 && !ctx.arrayMode && isRef(listV)) {
    const x = scalarOf(xv, ctx);
    const r = clampRef(listV, ctx.host);
    if (typeof x === "number" && (r.r0 === r.r1 || r.c0 === r.c1)) {
      return ctx.host.numberPositions(listV).get(x) ?? ERRORS.na;
    }
  }
  if (ctx.arrayMode) {
    const list = vector(listV, ctx);
    const x = operand(xv, ctx);
    return broadcast([x], ([s]) => (list ? matchIn(s, list, type) : ERRORS.na));
  }
  // An error looked up is the answer: the list is not read (a whole column, for the ranking
  // rows past the last agreement, whose SMALL gives #NUM!).
  const x = scalarOf(xv, ctx);
  if (isCellError(x)) return x;
  const list = vector(listV, ctx);
  return list ? matchIn(x, list, type) : ERRORS.na;
});

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

def(["RANK", "RANK.EQ"], 2, 3, (args, ctx) => {
  const refV = evalNode(args[1], ctx);
  if (isCellError(refV)) return refV;
  if (!isRef(refV)) return ERRORS.value;
  const sorted = ctx.host.sortedNumbers(refV);
  if (isCellError(sorted)) return sorted;
  let asc = false;
  if (args.length > 2 && args[2].k !== "missing") {
    const sctx = withMode(ctx, false);
    const o = numArg(scalarOf(evalNode(args[2], sctx), sctx));
    if (isCellError(o)) return o;
    asc = o !== 0;
  }
  const rank = (x: Scalar): Scalar => {
    const n = numArg(x);
    if (isCellError(n)) return n;
    const lb = lowerBound(sorted, n);
    if (lb >= sorted.length || sorted[lb] !== n) return ERRORS.na;
    return asc ? lb + 1 : sorted.length - upperBound(sorted, n) + 1;
  };
  const xv = evalNode(args[0], ctx);
  if (ctx.arrayMode) return broadcast([operand(xv, ctx)], ([s]) => rank(s));
  return rank(scalarOf(xv, ctx));
});

function kth(name: string, fromTop: boolean): void {
  def(name, 2, 2, (args, ctx) => {
    const v = evalNode(args[0], ctx);
    let sorted: Float64Array | CellError;
    if (isRef(v)) sorted = ctx.host.sortedNumbers(v);
    else {
      const xs = collectNumbers([args[0]], ctx);
      sorted = isCellError(xs) ? xs : Float64Array.from(xs).sort();
    }
    if (isCellError(sorted)) return sorted;
    const s = sorted;
    const pick = (kx: Scalar): Scalar => {
      const k = numArg(kx);
      if (isCellError(k)) return k;
      const kk = Math.ceil(k);
      if (kk < 1 || kk > s.length) return ERRORS.num;
      return fromTop ? s[s.length - kk] : s[kk - 1];
    };
    const kv = evalNode(args[1], ctx);
    if (ctx.arrayMode) return broadcast([operand(kv, ctx)], ([x]) => pick(x));
    return pick(scalarOf(kv, ctx));
  });
}
kth("SMALL", false);
kth("LARGE", true);

// ---------------------------------------------------------------- conditional aggregates

interface CondRange {
  ref: RefValue;
  pred: Predicate;
}

/**
 * Visits the positions of equally-sized references where every criterion holds. Positions past
 * the sheets' used extent are all empty: they are counted in bulk.
 */
function visitMatches(
  conds: CondRange[],
  ctx: EvalCtx,
  onMatch: (i: number, j: number) => void,
): { blanksMatched: number } | CellError {
  const rows = conds[0].ref.r1 - conds[0].ref.r0 + 1;
  const cols = conds[0].ref.c1 - conds[0].ref.c0 + 1;
  for (const c of conds) {
    if (c.ref.r1 - c.ref.r0 + 1 !== rows || c.ref.c1 - c.ref.c0 + 1 !== cols) return ERRORS.value;
  }
  let useRows = 0;
  let useCols = 0;
  for (const c of conds) {
    const cl = clampRef(c.ref, ctx.host);
    useRows = Math.max(useRows, cl.r1 - c.ref.r0 + 1);
    useCols = Math.max(useCols, cl.c1 - c.ref.c0 + 1);
  }
  useRows = Math.min(useRows, rows);
  useCols = Math.min(useCols, cols);
  const exact = conds[0].pred.exactText;
  const index = exact !== undefined && cols === 1 ? ctx.host.textRows(conds[0].ref) : null;
  if (index !== null) {
    // An exact-text criterion on a column: only the rows holding that text can match (and blanks
    // never do), so the other criteria are tested on those rows alone.
    const first = conds[0].ref.r0;
    for (const row of index.get(exact!) ?? []) {
      const i = row - first;
      if (i < 0) continue;
      if (i >= useRows) break;
      if (conds.every((c, k) => k === 0 || c.pred(ctx.host.cellValue(c.ref.sheet, c.ref.r0 + i, c.ref.c0))))
        onMatch(i, 0);
    }
    return { blanksMatched: 0 };
  }
  for (let i = 0; i < useRows; i++) {
    for (let j = 0; j < useCols; j++) {
      let ok = true;
      for (const c of conds) {
        if (!c.pred(ctx.host.cellValue(c.ref.sheet, c.ref.r0 + i, c.ref.c0 + j))) {
          ok = false;
          break;
        }
      }
      if (ok) onMatch(i, j);
    }
  }
  const rest = rows * cols - useRows * useCols;
  const blanksMatched = rest > 0 && conds.every((c) => c.pred(null)) ? rest : 0;
  return { blanksMatched };
}

function refArg(node: Node, ctx: EvalCtx): RefValue | CellError {
  const v = evalNode(node, withMode(ctx, false));
  if (isCellError(v)) return v;
  return isRef(v) ? v : ERRORS.value;
}

/**
 * Evaluates criteria arguments; in array mode a multi-valued criteria lifts the whole function
 * (SUMPRODUCT(1/COUNTIF(A1:A9,A1:A9)) …).
 */
function withCriteria(critNodes: Node[], ctx: EvalCtx, f: (crits: Scalar[]) => Scalar): Value {
  const vals = critNodes.map((n) => evalNode(n, ctx));
  // A criterion over Excel's 255 characters is #VALUE!, however it was built (criteria.ts).
  const checked = (crits: Scalar[]) => (crits.some(criteriaTooLong) ? ERRORS.value : f(crits));
  if (ctx.arrayMode) {
    const ops = vals.map((v) => operand(v, ctx));
    return broadcast(ops, checked);
  }
  return checked(vals.map((v) => scalarOf(v, ctx)));
}

def("COUNTIF", 2, 2, (args, ctx) => {
  const ref = refArg(args[0], ctx);
  if (isCellError(ref)) return ref;
  return withCriteria([args[1]], ctx, ([crit]) => {
    let n = 0;
    const res = visitMatches([{ ref, pred: compileCriteria(crit) }], ctx, () => n++);
    return isCellError(res) ? res : n + res.blanksMatched;
  });
});

/**
 * The (range, criteria) pairs of a *IFS function, from argument `first` on: each range evaluated
 * (the first that is an error is returned instead) and each criteria kept as a node for
 * withCriteria, which evaluates them together.
 */
function criteriaPairs(
  args: Node[],
  first: number,
  ctx: EvalCtx,
): { refs: RefValue[]; critNodes: Node[] } | CellError {
  const refs: RefValue[] = [];
  const critNodes: Node[] = [];
  for (let i = first; i < args.length; i += 2) {
    const r = refArg(args[i], ctx);
    if (isCellError(r)) return r;
    refs.push(r);
    critNodes.push(args[i + 1]);
  }
  return { refs, critNodes };
}

def("COUNTIFS", 2, 254, (args, ctx) => {
  if (args.length % 2) return ERRORS.value;
  const pairs = criteriaPairs(args, 0, ctx);
  if (isCellError(pairs)) return pairs;
  const { refs, critNodes } = pairs;
  return withCriteria(critNodes, ctx, (crits) => {
    let n = 0;
    const res = visitMatches(
      refs.map((ref, i) => ({ ref, pred: compileCriteria(crits[i]) })),
      ctx,
      () => n++,
    );
    return isCellError(res) ? res : n + res.blanksMatched;
  });
});

/**
 * Sum (or average) of the numbers in `target` where every condition holds; the first error met in
 * a matching cell is the result, as in Excel.
 */
function aggregateMatches(
  conds: Parameters<typeof visitMatches>[0],
  target: RefValue,
  ctx: EvalCtx,
  average: boolean,
): CellValue {
  let s = 0;
  let n = 0;
  let err: CellError | null = null;
  const res = visitMatches(conds, ctx, (i, j) => {
    const v = ctx.host.cellValue(target.sheet, target.r0 + i, target.c0 + j);
    if (typeof v === "number") {
      s += v;
      n++;
    } else if (isCellError(v) && !err) err = v;
  });
  if (isCellError(res)) return res;
  if (err) return err;
  if (average) return n ? num(s / n) : ERRORS.div0;
  return num(s);
}

/** SUMIFS / AVERAGEIFS: value range first, then range/criteria pairs. */
function ifsAggregate(name: string, average: boolean): void {
  def(name, 3, 255, (args, ctx) => {
    if ((args.length - 1) % 2) return ERRORS.value;
    const target = refArg(args[0], ctx);
    if (isCellError(target)) return target;
    const pairs = criteriaPairs(args, 1, ctx);
    if (isCellError(pairs)) return pairs;
    const { refs, critNodes } = pairs;
    return withCriteria(critNodes, ctx, (crits) => {
      if (
        target.r1 - target.r0 !== refs[0].r1 - refs[0].r0 ||
        target.c1 - target.c0 !== refs[0].c1 - refs[0].c0
      ) {
        return ERRORS.value;
      }
      const conds = refs.map((ref, i) => ({ ref, pred: compileCriteria(crits[i]) }));
      return aggregateMatches(conds, target, ctx, average);
    });
  });
}
ifsAggregate("SUMIFS", false);
ifsAggregate("AVERAGEIFS", true);

/** SUMIF / AVERAGEIF: (range, criteria, [value range]) — the value range takes the size of range. */
function ifAggregate(name: string, average: boolean): void {
  def(name, 2, 3, (args, ctx) => {
    const range = refArg(args[0], ctx);
    if (isCellError(range)) return range;
    let target = range;
    if (args.length > 2 && args[2].k !== "missing") {
      const t = refArg(args[2], ctx);
      if (isCellError(t)) return t;
      target = { ...t, r1: t.r0 + (range.r1 - range.r0), c1: t.c0 + (range.c1 - range.c0) };
    }
    return withCriteria([args[1]], ctx, ([crit]) =>
      aggregateMatches([{ ref: range, pred: compileCriteria(crit) }], target, ctx, average),
    );
  });
}
ifAggregate("SUMIF", false);
ifAggregate("AVERAGEIF", true);

export const FUNCTIONS: ReadonlyMap<string, FnSpec> = fns;

/** Names of the functions excel-sim computes (canonical, upper case). */
export function supportedFunctions(): string[] {
  return [...fns.keys()].sort();
}
