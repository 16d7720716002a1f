/**
 * Rewrites the references inside formula text, as Excel does when a sheet is renamed or deleted
 * and when rows, columns or cells are inserted or deleted. Only reference tokens change; the rest
 * of the text is kept byte for byte.
 */
import { columnLetters, MAX_COLS, MAX_ROWS, quoteSheetName } from "../model/address";
import { canonicalFunctionName, type Node, parseFormula } from "./parser";
import { FormulaSyntaxError, type RefToken, type StructuredRef, type Token, tokenize } from "./tokenizer";
import { FUNCTIONS } from "./functions";

export function renderRef(ref: RefToken): string {
  const sheet = ref.sheetRefError ? "#REF!" : ref.sheet !== undefined ? `${quoteSheetName(ref.sheet)}!` : "";
  const c = (abs: boolean, col: number) => `${abs ? "$" : ""}${columnLetters(col)}`;
  const r = (abs: boolean, row: number) => `${abs ? "$" : ""}${row + 1}`;
  switch (ref.kind) {
    case "cols":
      return `${sheet}${c(ref.ac0, ref.c0)}:${c(ref.ac1, ref.c1)}`;
    case "rows":
      return `${sheet}${r(ref.ar0, ref.r0)}:${r(ref.ar1, ref.r1)}`;
    case "cell":
      return `${sheet}${c(ref.ac0, ref.c0)}${r(ref.ar0, ref.r0)}`;
    default:
      return `${sheet}${c(ref.ac0, ref.c0)}${r(ref.ar0, ref.r0)}:${c(ref.ac1, ref.c1)}${r(ref.ar1, ref.r1)}`;
  }
}

/** Returns a new reference, "REF" for a reference that no longer exists, or null to keep it. */
export type RefMapper = (ref: RefToken) => RefToken | "REF" | null;

/**
 * Rewrites a formula token by token: `map` returns a token's new text, or null to keep it. The
 * rest of the text is kept byte for byte; a formula the tokenizer cannot read is returned as is.
 */
export function rewriteTokens(formula: string, map: (t: Token) => string | null): string {
  const hasEq = formula.startsWith("=");
  const body = hasEq ? formula.slice(1) : formula;
  let toks;
  try {
    toks = tokenize(body);
  } catch {
    return formula;
  }
  let out = "";
  let pos = 0;
  let changed = false;
  for (const t of toks) {
    const m = map(t);
    if (m === null) continue;
    changed = true;
    out += body.slice(pos, t.start) + m;
    pos = t.end;
  }
  if (!changed) return formula;
  out += body.slice(pos);
  return (hasEq ? "=" : "") + out;
}

/** Applies `map` to every reference of a formula ("=..." or a bare expression). */
export function rewriteRefs(formula: string, map: RefMapper): string {
  return rewriteTokens(formula, (t) => {
    if (t.type !== "ref" || !t.ref) return null;
    const m = map(t.ref);
    if (m === null) return null;
    if (m !== "REF") return renderRef(m);
    return t.ref.sheet !== undefined ? `${quoteSheetName(t.ref.sheet)}!#REF!` : "#REF!";
  });
}

/** A reference moved by (dr, dc) where it is relative ($ parts stay); "REF" when it leaves the sheet. */
export function offsetRef(ref: RefToken, dr: number, dc: number): RefToken | "REF" {
  const r0 = ref.kind === "cols" || ref.ar0 ? ref.r0 : ref.r0 + dr;
  const r1 = ref.kind === "cols" || ref.ar1 ? ref.r1 : ref.r1 + dr;
  const c0 = ref.kind === "rows" || ref.ac0 ? ref.c0 : ref.c0 + dc;
  const c1 = ref.kind === "rows" || ref.ac1 ? ref.c1 : ref.c1 + dc;
  if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLS) return "REF";
  return { ...ref, r0, r1, c0, c1 };
}

/**
 * One formula written to every cell of a range (Range.formulas = "=B1*2", like Ctrl+Enter): the
 * text for the cell (dr, dc) away from the top-left, with its relative references moved that
 * far. Tokenizes once; a formula without references is the same everywhere.
 */
export function formulaFill(formula: string): (dr: number, dc: number) => string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  let toks;
  try {
    toks = tokenize(body).filter((t) => t.type === "ref" && !t.ref!.sheetRefError);
  } catch {
    return () => formula;
  }
  if (!toks.length) return () => formula;
  const prefix = formula.startsWith("=") ? "=" : "";
  return (dr, dc) => {
    if (!dr && !dc) return formula;
    let out = prefix;
    let pos = 0;
    for (const t of toks) {
      const m = offsetRef(t.ref!, dr, dc);
      const text =
        m !== "REF"
          ? renderRef(m)
          : t.ref!.sheet !== undefined
            ? `${quoteSheetName(t.ref!.sheet)}!#REF!`
            : "#REF!";
      out += body.slice(pos, t.start) + text;
      pos = t.end;
    }
    return out + body.slice(pos);
  };
}

/** Rename: references naming `oldName` (case-insensitive) now name `newName`. */
export function renameSheetInFormula(formula: string, oldName: string, newName: string): string {
  const lower = oldName.toLowerCase();
  return rewriteRefs(formula, (ref) =>
    ref.sheet !== undefined && ref.sheet.toLowerCase() === lower ? { ...ref, sheet: newName } : null,
  );
}

/** Delete: references to the sheet become "#REF!A1". */
export function deleteSheetInFormula(formula: string, name: string): string {
  const lower = name.toLowerCase();
  return rewriteRefs(formula, (ref) =>
    ref.sheet !== undefined && ref.sheet.toLowerCase() === lower
      ? { ...ref, sheet: undefined, sheetRefError: true }
      : null,
  );
}

/**
 * A shift of cells along one axis: `insert` (count cells from `at` move by +count) or delete
 * (cells `at`..`at+count-1` vanish, later ones move by -count), limited to the band
 * [`from`, `to`] on the other axis (whole rows/columns: the full band).
 */
export interface Shift {
  axis: "rows" | "cols";
  kind: "insert" | "delete";
  at: number;
  count: number;
  from: number;
  to: number;
}

/** Transforms an inclusive interval [a, b] along the shifted axis; null = deleted. */
function shiftInterval(a: number, b: number, s: Shift, max: number): [number, number] | null {
  const end = s.at + s.count - 1;
  if (s.kind === "insert") {
    if (a >= s.at) return [Math.min(a + s.count, max), Math.min(b + s.count, max)];
    if (b >= s.at) return [a, Math.min(b + s.count, max)];
    return [a, b];
  }
  if (b < s.at) return [a, b];
  if (a > end) return [a - s.count, b - s.count];
  if (a >= s.at && b <= end) return null;
  const na = a < s.at ? a : s.at;
  const nb = b > end ? b - s.count : s.at - 1;
  return [na, nb];
}

/**
 * Applies a shift to a rectangle. Returns the moved rectangle, "REF" if it was deleted, or null
 * when it is unaffected.
 */
export function shiftRect(
  r: { r0: number; c0: number; r1: number; c1: number },
  s: Shift,
): { r0: number; c0: number; r1: number; c1: number } | "REF" | null {
  const rowsAxis = s.axis === "rows";
  const o0 = rowsAxis ? r.c0 : r.r0;
  const o1 = rowsAxis ? r.c1 : r.r1;
  // Only rectangles lying wholly within the band on the other axis move.
  if (o0 < s.from || o1 > s.to) {
    const disjoint = o1 < s.from || o0 > s.to;
    if (disjoint) return null;
    // Partly in the band: Excel keeps such references (or refuses the operation).
    return null;
  }
  const a = rowsAxis ? r.r0 : r.c0;
  const b = rowsAxis ? r.r1 : r.c1;
  const max = rowsAxis ? 1048575 : 16383;
  const t = shiftInterval(a, b, s, max);
  if (!t) return "REF";
  if (t[0] === a && t[1] === b) return null;
  return rowsAxis ? { r0: t[0], r1: t[1], c0: r.c0, c1: r.c1 } : { r0: r.r0, r1: r.r1, c0: t[0], c1: t[1] };
}

/** Shifts the references of a formula that point into `sheetName` (the formula's own sheet when unqualified). */
export function shiftFormula(formula: string, formulaSheet: string, targetSheet: string, s: Shift): string {
  const target = targetSheet.toLowerCase();
  const own = formulaSheet.toLowerCase() === target;
  return rewriteRefs(formula, (ref) => {
    if (ref.sheetRefError) return null;
    const pointsThere = ref.sheet !== undefined ? ref.sheet.toLowerCase() === target : own;
    if (!pointsThere) return null;
    if (ref.kind === "cols" && s.axis === "rows") return null;
    if (ref.kind === "rows" && s.axis === "cols") return null;
    const res = shiftRect(ref, s);
    if (res === null) return null;
    if (res === "REF") return "REF";
    const kind = ref.kind === "cell" && (res.r0 !== res.r1 || res.c0 !== res.c1) ? "area" : ref.kind;
    return { ...ref, ...res, kind };
  });
}

/**
 * Checks a formula as Excel does on entry: syntax, argument counts of known functions, and (with
 * `checkStructured`) that structured references name an existing table and columns. Unknown
 * functions are accepted (they evaluate to #NAME?). Throws FormulaSyntaxError.
 */
/**
 * Excel's limits on what a formula may hold: 8,192 characters in all ("Excel specifications and
 * limits"), and 255 in one text constant ("Text values in formulas are limited to 255 characters",
 * Excel's own message when such a formula is typed).
 */
export const FORMULA_LENGTH_LIMIT = 8_192;
export const FORMULA_TEXT_LIMIT = 255;

export function validateFormula(formula: string, checkStructured?: (sref: StructuredRef) => void): Node {
  // Counted with its "=": stricter by one character than "contents" may mean, never looser.
  if (formula.length > FORMULA_LENGTH_LIMIT) {
    throw new FormulaSyntaxError(
      `Formula is too long: ${formula.length} characters, where Excel allows ${FORMULA_LENGTH_LIMIT}`,
    );
  }
  const ast = parseFormula(formula);
  const check = (n: ReturnType<typeof parseFormula>): void => {
    if (n.k === "str" && n.v.length > FORMULA_TEXT_LIMIT) {
      throw new FormulaSyntaxError(
        `Text values in formulas are limited to ${FORMULA_TEXT_LIMIT} characters; this one has ${n.v.length}`,
      );
    } else if (n.k === "sref") {
      if (checkStructured) checkStructured(n.sref);
    } else if (n.k === "fn") {
      const spec = FUNCTIONS.get(canonicalFunctionName(n.name));
      if (spec && (n.args.length < spec.min || n.args.length > spec.max)) {
        throw new FormulaSyntaxError(`Wrong number of arguments to ${n.name}`);
      }
      n.args.forEach(check);
    } else if (n.k === "un") check(n.x);
    else if (n.k === "bin") {
      check(n.l);
      check(n.r);
    }
  };
  check(ast);
  return ast;
}
