/**
 * Criteria of COUNTIF, COUNTIFS, SUMIF(S), AVERAGEIF(S): ">=3", "<>", "a*", 5, TRUE …
 * (https://support.microsoft.com/office/countif-function-e0de10c6-f885-4e71-abb4-1f464816df34)
 */
import { errorFromCode, isCellError } from "../model/types";
import { parseNumberText, round15, type Scalar } from "./values";

export type Predicate = ((v: Scalar) => boolean) & {
  /**
   * Set when the criterion matches exactly one text, case-insensitively (e.g. "abc", "=a~*b"):
   * that text in lower case, so a caller can look rows up in an index instead of testing each.
   */
  exactText?: string;
};

/** The literal text of a wildcard pattern without active wildcards ("a~*b" → "a*b"), else null. */
function literalOf(pattern: string): string | null {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length && "*?~".includes(pattern[i + 1])) out += pattern[++i];
    else if (ch === "*" || ch === "?") return null;
    else out += ch;
  }
  return out;
}

/** Excel wildcard pattern (* ? and ~ escape) → case-insensitive, whole-string RegExp. */
export function wildcardRegExp(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  const made = buildRegExp(pattern);
  // Formulas repeat the same few patterns across thousands of cells; keep them, within bounds.
  if (compiled.size >= 10_000) compiled.clear();
  compiled.set(pattern, made);
  return made;
}

/**
 * The one module-level cache left in excel-sim, on purpose: a bounded memo of a pure function
 * (same pattern, same RegExp; without the g flag a RegExp keeps no state between tests), so no
 * workbook can see another through it.
 */
const compiled = new Map<string, RegExp>();

function buildRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length && "*?~".includes(pattern[i + 1])) {
      re += "\\" + pattern[++i];
    } else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i");
}

function numEq(a: number, b: number): boolean {
  return round15(a) === round15(b);
}

function cellNumber(v: Scalar): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const p = parseNumberText(v);
    return p ? p.value : null;
  }
  return null;
}

/**
 * Excel gives #VALUE! for a criteria string longer than 255 characters (operator included), in
 * COUNTIF, COUNTIFS, SUMIF(S) and AVERAGEIF(S). Its COUNTIF page only warns of "incorrect results"
 * for strings that long; the #VALUE! is what users report.
 */
export const CRITERIA_TEXT_LIMIT = 255;

export function criteriaTooLong(crit: Scalar): boolean {
  return typeof crit === "string" && crit.length > CRITERIA_TEXT_LIMIT;
}

export function compileCriteria(crit: Scalar): Predicate {
  if (crit === null) {
    // An empty criteria cell matches like "=0"? Excel: a blank criteria cell matches nothing but
    // blank-as-zero is not applied; COUNTIF(A:A, B1) with B1 empty counts 0 cells.
    return () => false;
  }
  if (typeof crit === "number") {
    return (v) => {
      const n = cellNumber(v);
      return n !== null && numEq(n, crit);
    };
  }
  if (typeof crit === "boolean") return (v) => v === crit;
  if (isCellError(crit)) return (v) => isCellError(v) && v.code === crit.code;

  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(crit) as RegExpExecArray;
  const op = m[1] ?? "";
  const operand = m[2];
  const asNum = operand.trim() === "" ? null : parseNumberText(operand);
  const upper = operand.toUpperCase();
  const asBool = upper === "TRUE" ? true : upper === "FALSE" ? false : null;

  const equals: Predicate = (() => {
    if (operand === "") {
      return op === "=" ? (v) => v === null : (v) => v === null || v === "";
    }
    if (asNum) {
      const target = asNum.value;
      return (v) => {
        const n = cellNumber(v);
        return n !== null && numEq(n, target);
      };
    }
    if (asBool !== null) return (v) => v === asBool;
    // Only Excel's error names are error criteria; other text starting with "#" ("#1") is text.
    const asError = errorFromCode(operand);
    if (asError) return (v) => isCellError(v) && v.code === asError.code;
    const re = wildcardRegExp(operand);
    const test: Predicate = (v) => typeof v === "string" && re.test(v);
    const literal = literalOf(operand);
    if (literal !== null) test.exactText = literal.toLowerCase();
    return test;
  })();

  switch (op) {
    case "":
    case "=":
      return equals;
    case "<>":
      if (operand === "") return (v) => v !== null;
      return (v) => !equals(v);
    default: {
      const cmp = (c: number): boolean =>
        op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
      if (asNum) {
        const target = round15(asNum.value);
        return (v) => typeof v === "number" && cmp(round15(v) - target);
      }
      if (asBool !== null) {
        const t = asBool ? 1 : 0;
        return (v) => typeof v === "boolean" && cmp((v ? 1 : 0) - t);
      }
      const lo = operand.toLowerCase();
      return (v) => typeof v === "string" && cmp(v.toLowerCase() < lo ? -1 : v.toLowerCase() > lo ? 1 : 0);
    }
  }
}
