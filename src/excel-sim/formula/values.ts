/**
 * Runtime values of the formula evaluator and Excel's coercion rules.
 */
import type { SheetModel } from "../model/types";
import { type CellError, type CellValue, ERRORS, isCellError } from "../model/types";

/** Excel's limit on the characters in a cell, typed or computed ("Excel specifications and limits"). */
export const CELL_TEXT_LIMIT = 32_767;

/** A scalar during evaluation; null = an empty cell (or an omitted argument). */
export type Scalar = CellValue;

/** A computed array (row-major). */
export interface ArrayValue {
  kind: "arr";
  rows: number;
  cols: number;
  data: Scalar[];
}

/** A reference to cells, not yet read. */
export interface RefValue {
  kind: "ref";
  sheet: SheetModel;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export type Value = Scalar | ArrayValue | RefValue;

export function isArr(v: Value): v is ArrayValue {
  return typeof v === "object" && v !== null && (v as ArrayValue).kind === "arr";
}

export function isRef(v: Value): v is RefValue {
  return typeof v === "object" && v !== null && (v as RefValue).kind === "ref";
}

export function isErr(v: Value): v is CellError {
  return isCellError(v);
}

export function arr(rows: number, cols: number, data: Scalar[]): ArrayValue {
  return { kind: "arr", rows, cols, data };
}

/** Excel's 15-significant-digit text form of a number (as "&" and TEXT-less conversions show it). */
export function numberToText(n: number): string {
  if (Object.is(n, -0)) return "0";
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    const [m, e] = n.toExponential(14).split("e");
    const mant = m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m;
    const exp = Number(e);
    return `${mant}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  let s = n.toPrecision(15);
  if (s.includes("e")) s = Number(s).toString();
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

const NUM_RE = /^([+-])?(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(?:[eE]([+-]?\d+))?$/;

/** Days from 1899-12-30 (Excel's serial date in the 1900 system, for dates after 1900-03-01). */
export function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

export function serialToDate(serial: number): { y: number; m: number; d: number } {
  const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export interface ParsedNumber {
  value: number;
  /** "0%" when typed as a percent, "yyyy-mm-dd" for an ISO date, null otherwise. */
  format: string | null;
}

/**
 * Parses text the way Excel's value coercion does (en-US): "12", " 1,234.5 ", "-3e2", "50%",
 * "$5", "2024-01-15". Returns null when it is not a number.
 */
export function parseNumberText(text: string): ParsedNumber | null {
  let s = text.trim();
  if (!s) return null;
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let sign = 1;
  if (s.startsWith("-$") || s.startsWith("$-")) {
    sign = -1;
    s = s.slice(2);
  } else if (s.startsWith("$")) {
    s = s.slice(1);
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso && !percent) {
    const y = Number(iso[1]);
    const m = Number(iso[2]);
    const d = Number(iso[3]);
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900) {
      const dt = new Date(Date.UTC(y, m - 1, d));
      if (dt.getUTCDate() === d) return { value: dateSerial(y, m, d), format: "yyyy-mm-dd" };
    }
    return null;
  }
  const mm = NUM_RE.exec(s);
  if (!mm) return null;
  if (!mm[2] && (!mm[3] || mm[3] === ".")) return null;
  let v = Number(
    `${mm[1] ?? ""}${mm[2].replace(/,/g, "") || "0"}${mm[3] ?? ""}${mm[4] !== undefined ? "e" + mm[4] : ""}`,
  );
  if (!Number.isFinite(v)) return null;
  v *= sign;
  if (percent) v /= 100;
  return { value: v, format: percent ? "0%" : null };
}

/** Coerces a scalar to a number as arithmetic does: blank → 0, TRUE → 1, "3" → 3, "x" → #VALUE!. */
export function toNumber(v: Scalar): number | CellError {
  if (typeof v === "number") return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const p = parseNumberText(v);
    return p ? p.value : ERRORS.value;
  }
  return v;
}

export function toText(v: Scalar): string | CellError {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberToText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

export function toBool(v: Scalar): boolean | CellError {
  if (typeof v === "boolean") return v;
  if (v === null) return false;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    const u = v.trim().toUpperCase();
    if (u === "TRUE") return true;
    if (u === "FALSE") return false;
    return ERRORS.value;
  }
  return v;
}

/** Makes a computed number an Excel value: NaN/±Infinity → #NUM!. */
export function num(n: number): number | CellError {
  return Number.isFinite(n) ? n : ERRORS.num;
}

function typeRank(v: Scalar): number {
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  return 2; // boolean
}

/** Rounds to 15 significant digits, as Excel does before comparing numbers. */
export function round15(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  // Fast path: a multiple of 1/1024 below 10^4 has at most 5 + 10 significant digits, so it is its
  // own 15-digit rounding (scores such as 3.5 are compared millions of times in COUNTIFS).
  if (Math.abs(n) < 1e4 && Number.isInteger(n * 1024)) return n;
  return Number(n.toPrecision(15));
}

/**
 * Excel's comparison of two scalars for = <> < > <= >=: numbers < text < booleans, text compared
 * case-insensitively, an empty cell compares as 0, "" or FALSE depending on the other side.
 */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (a === null && b === null) return 0;
  if (a === null) a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
  if (b === null) b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
  const ta = typeRank(a);
  const tb = typeRank(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") {
    const x = round15(a);
    const y = round15(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = a ? 1 : 0;
  const y = b ? 1 : 0;
  return x - y;
}

/** Excel's ROUND: half away from zero, on the 15-digit decimal representation. */
export function roundHalfAway(x: number, digits: number): number {
  const d = Math.trunc(digits);
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const abs = round15(Math.abs(x));
  if (d >= 0) {
    if (d > 15) return x;
    const s = String(abs);
    const shifted = s.includes("e") ? abs * Math.pow(10, d) : Number(`${s}e${d}`);
    // Math.round rounds .5 up, which for a non-negative number is away from zero.
    const r = Math.round(shifted);
    const rs = String(r);
    return sign * (rs.includes("e") ? r / Math.pow(10, d) : Number(`${rs}e-${d}`));
  }
  const p = Math.pow(10, -d);
  return sign * Math.round(abs / p) * p;
}
