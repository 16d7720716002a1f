/**
 * Tokenizer for en-US A1-style Excel formulas (without the leading "=").
 *
 * Reference tokens keep their source text span so that formulas can be rewritten (sheet rename,
 * sheet delete, row/column insert/delete) without touching anything else in the text.
 */
import { columnIndex, MAX_COLS, MAX_ROWS } from "../model/address";

export type TokenType =
  | "num"
  | "str"
  | "bool"
  | "err"
  | "ref"
  | "sref"
  | "name"
  | "func"
  | "op"
  | "lparen"
  | "rparen"
  | "comma"
  | "semicolon"
  | "lbrace"
  | "rbrace";

export interface RefToken {
  /** Sheet name as written, unquoted; undefined when the reference is local to the formula's sheet. */
  sheet?: string;
  /** "#REF!" when the sheet part was deleted (rendered "#REF!A1"). */
  sheetRefError?: boolean;
  kind: "cell" | "area" | "cols" | "rows";
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  /** $ flags for the first / second corner. */
  ar0: boolean;
  ac0: boolean;
  ar1: boolean;
  ac1: boolean;
}

/** The row part of a structured reference ("#This Row" also stands for the "@" form). */
export type StructuredItem = "#All" | "#Data" | "#Headers" | "#Totals" | "#This Row";

/** A column named in a structured reference, with where its name is written (offsets into the token). */
export interface StructuredColumn {
  /** The name, unescaped. */
  name: string;
  start: number;
  end: number;
  /** Written inside its own brackets (`[[Col]]`, `[@[Col]]`) rather than bare (`[Col]`, `[@Col]`). */
  bracketed: boolean;
}

/**
 * A structured reference: `Table[Col]`, `Table[[#Headers],[A]:[B]]`, `[@Col]` … `table` is
 * undefined for the table-less forms written inside a table (`[@Col]`), which name the table
 * holding the formula. `tableEnd` is the length of the table name in the token.
 */
export interface StructuredRef {
  table?: string;
  tableEnd: number;
  /** Row items, canonical spelling; empty = the data body (or the formula's row for `@`). */
  items: StructuredItem[];
  /** Written with "@" (this row). */
  at: boolean;
  /** No, one, or two columns (a range `[A]:[B]`); none = every column. */
  columns: StructuredColumn[];
}

export interface Token {
  type: TokenType;
  text: string;
  start: number;
  end: number;
  /** Numeric value for "num". */
  num?: number;
  /** Unescaped value for "str", canonical code for "err", upper-case name for "func". */
  value?: string;
  ref?: RefToken;
  sref?: StructuredRef;
}

export class FormulaSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

const ERROR_LITERALS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"];

const CELL_RE = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/;
const COL_RANGE_RE = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!])/;
const ROW_RANGE_RE = /^(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![A-Za-z0-9_.(!])/;
const NAME_CHAR = /[A-Za-z0-9_.\\?\u00C0-\uFFFF]/;
const NAME_START = /[A-Za-z_\\\u00C0-\uFFFF]/;

function parseCell(m: RegExpExecArray): { row: number; col: number; ar: boolean; ac: boolean } | null {
  const col = columnIndex(m[2]);
  const row = Number(m[4]) - 1;
  if (col < 0 || row < 0 || row >= MAX_ROWS) return null;
  return { row, col, ac: m[1] === "$", ar: m[3] === "$" };
}

/**
 * The text quoted from src[open] (a " or a ') to its closing quote, a doubled quote standing for
 * one, as in a string literal or a quoted sheet name; `unterminated` is the error when none closes.
 */
function readQuoted(src: string, open: number, unterminated: string): { text: string; close: number } {
  const quote = src[open];
  let j = open + 1;
  let text = "";
  for (;;) {
    if (j >= src.length) throw new FormulaSyntaxError(unterminated);
    if (src[j] === quote) {
      if (src[j + 1] !== quote) return { text, close: j };
      text += quote;
      j += 2;
    } else text += src[j++];
  }
}

/**
 * A reference to the whole columns (or rows) a..b that `m` read; its groups 1 and 3 hold the "$"
 * of each end. The other axis spans the sheet and counts as absolute.
 */
function wholeLines(
  kind: "cols" | "rows",
  m: RegExpExecArray,
  a: number,
  b: number,
): { ref: Omit<RefToken, "sheet">; len: number } {
  const cols = kind === "cols";
  const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
  const [abs0, abs1] = [m[1] === "$", m[3] === "$"];
  const ref = {
    kind,
    r0: cols ? 0 : lo,
    r1: cols ? MAX_ROWS - 1 : hi,
    c0: cols ? lo : 0,
    c1: cols ? hi : MAX_COLS - 1,
    ac0: cols ? abs0 : true,
    ac1: cols ? abs1 : true,
    ar0: cols ? true : abs0,
    ar1: cols ? true : abs1,
  };
  return { ref, len: m[0].length };
}

/**
 * Tries to read a reference (without sheet prefix) at the start of `s`. Returns the reference and
 * its length, or null.
 */
function readRef(s: string): { ref: Omit<RefToken, "sheet">; len: number } | null {
  const cm = COL_RANGE_RE.exec(s);
  if (cm) {
    const a = columnIndex(cm[2]);
    const b = columnIndex(cm[4]);
    if (a >= 0 && b >= 0) return wholeLines("cols", cm, a, b);
  }
  const rm = ROW_RANGE_RE.exec(s);
  if (rm) {
    const a = Number(rm[2]) - 1;
    const b = Number(rm[4]) - 1;
    if (a >= 0 && b >= 0 && a < MAX_ROWS && b < MAX_ROWS) return wholeLines("rows", rm, a, b);
  }
  const m1 = CELL_RE.exec(s);
  if (!m1) return null;
  const after1 = s.charAt(m1[0].length);
  if (after1 && (NAME_CHAR.test(after1) || after1 === "(") && after1 !== ".") {
    // e.g. "A1B" or "LOG10(" – not a reference
    if (!(after1 === ":")) return null;
  }
  const c1 = parseCell(m1);
  if (!c1) return null;
  let len = m1[0].length;
  if (s.charAt(len) === ":") {
    const m2 = CELL_RE.exec(s.slice(len + 1));
    if (m2) {
      const after2 = s.charAt(len + 1 + m2[0].length);
      const c2 = parseCell(m2);
      if (c2 && !(after2 && NAME_CHAR.test(after2)) && after2 !== "(") {
        len += 1 + m2[0].length;
        const swapR = c2.row < c1.row;
        const swapC = c2.col < c1.col;
        return {
          ref: {
            kind: "area",
            r0: swapR ? c2.row : c1.row,
            r1: swapR ? c1.row : c2.row,
            c0: swapC ? c2.col : c1.col,
            c1: swapC ? c1.col : c2.col,
            ar0: swapR ? c2.ar : c1.ar,
            ar1: swapR ? c1.ar : c2.ar,
            ac0: swapC ? c2.ac : c1.ac,
            ac1: swapC ? c1.ac : c2.ac,
          },
          len,
        };
      }
    }
  }
  if (after1 && NAME_CHAR.test(after1)) return null;
  return {
    ref: {
      kind: "cell",
      r0: c1.row,
      r1: c1.row,
      c0: c1.col,
      c1: c1.col,
      ar0: c1.ar,
      ar1: c1.ar,
      ac0: c1.ac,
      ac1: c1.ac,
    },
    len,
  };
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  // Tokens are built with one shape (fast property access in the parser).
  const push = (t: Omit<Token, "text">) =>
    out.push({
      type: t.type,
      text: src.slice(t.start, t.end),
      start: t.start,
      end: t.end,
      num: t.num,
      value: t.value,
      ref: t.ref,
      sref: t.sref,
    });
  /**
   * Pushes the reference that follows "sheet!" (at `at`), or #REF! where Excel wrote one for a
   * deleted reference; returns where it ends.
   */
  const sheetReference = (start: number, at: number, sheet: string): number => {
    const rest = src.slice(at);
    const rr = readRef(rest);
    if (!rr) {
      if (!rest.startsWith("#REF!")) throw new FormulaSyntaxError("Expected a reference after sheet name");
      push({ type: "err", start, end: at + 5, value: "#REF!" });
      return at + 5;
    }
    push({ type: "ref", start, end: at + rr.len, ref: { ...rr.ref, sheet } });
    return at + rr.len;
  };
  while (i < n) {
    const ch = src[i];
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
      continue;
    }
    const start = i;
    // String literal
    if (ch === '"') {
      const { text: val, close: j } = readQuoted(src, i, "Unterminated string literal");
      push({ type: "str", start, end: j + 1, value: val });
      i = j + 1;
      continue;
    }
    // Error literal, possibly "#REF!A1" (reference to a deleted sheet)
    if (ch === "#") {
      const upper = src.slice(i).toUpperCase();
      const lit = ERROR_LITERALS.find((e) => upper.startsWith(e));
      if (!lit) throw new FormulaSyntaxError(`Unknown error literal at ${i}`);
      if (lit === "#REF!") {
        const rr = readRef(src.slice(i + lit.length));
        if (rr) {
          push({ type: "ref", start, end: i + lit.length + rr.len, ref: { ...rr.ref, sheetRefError: true } });
          i += lit.length + rr.len;
          continue;
        }
      }
      push({ type: "err", start, end: i + lit.length, value: lit });
      i += lit.length;
      continue;
    }
    // Quoted sheet name
    if (ch === "'") {
      const { text: name, close: j } = readQuoted(src, i, "Unterminated sheet name");
      if (src[j + 1] !== "!") throw new FormulaSyntaxError("Expected ! after quoted sheet name");
      i = sheetReference(start, j + 2, name);
      continue;
    }
    // Numbers (but "1:3" row ranges are references)
    if ((ch >= "0" && ch <= "9") || ch === ".") {
      const rr = /^\d/.test(ch) ? readRef(src.slice(i)) : null;
      if (rr && rr.ref.kind === "rows") {
        push({ type: "ref", start, end: i + rr.len, ref: rr.ref });
        i += rr.len;
        continue;
      }
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new FormulaSyntaxError(`Bad number at ${i}`);
      push({ type: "num", start, end: i + m[0].length, num: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (ch === "$") {
      const rr = readRef(src.slice(i));
      if (!rr) throw new FormulaSyntaxError(`Bad reference at ${i}`);
      push({ type: "ref", start, end: i + rr.len, ref: rr.ref });
      i += rr.len;
      continue;
    }
    if (NAME_START.test(ch)) {
      // Identifier: could be sheet prefix, reference, boolean, function or name.
      let j = i;
      while (j < n && NAME_CHAR.test(src[j])) j++;
      const word = src.slice(i, j);
      if (src[j] === "!") {
        i = sheetReference(start, j + 1, word);
        continue;
      }
      const rr = readRef(src.slice(i));
      if (rr && src[i + rr.len] !== "(") {
        push({ type: "ref", start, end: i + rr.len, ref: rr.ref });
        i += rr.len;
        continue;
      }
      // skip spaces to see if a "(" follows
      let k = j;
      while (k < n && src[k] === " ") k++;
      if (src[k] === "(") {
        push({ type: "func", start, end: j, value: word.toUpperCase() });
        i = j;
        continue;
      }
      if (src[j] === "[") {
        const { sref, end } = readStructured(src, j, i);
        push({ type: "sref", start, end, sref: { ...sref, table: word, tableEnd: j - i } });
        i = end;
        continue;
      }
      const up = word.toUpperCase();
      if (up === "TRUE" || up === "FALSE") {
        push({ type: "bool", start, end: j, value: up });
      } else {
        push({ type: "name", start, end: j, value: word });
      }
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "<=" || two === ">=" || two === "<>") {
      push({ type: "op", start, end: i + 2, value: two });
      i += 2;
      continue;
    }
    if ("+-*/^&=<>%".includes(ch)) {
      push({ type: "op", start, end: i + 1, value: ch });
      i++;
      continue;
    }
    if (ch === "(") push({ type: "lparen", start, end: i + 1 });
    else if (ch === ")") push({ type: "rparen", start, end: i + 1 });
    else if (ch === ",") push({ type: "comma", start, end: i + 1 });
    else if (ch === ";") push({ type: "semicolon", start, end: i + 1 });
    else if (ch === "{") push({ type: "lbrace", start, end: i + 1 });
    else if (ch === "}") push({ type: "rbrace", start, end: i + 1 });
    else if (ch === "[") {
      const { sref, end } = readStructured(src, i, i);
      push({ type: "sref", start, end, sref });
      i = end;
      continue;
    } else throw new FormulaSyntaxError(`Unexpected character '${ch}' at ${i}`);
    i++;
  }
  return out;
}

const ITEMS: Record<string, StructuredItem> = {
  "#all": "#All",
  "#data": "#Data",
  "#headers": "#Headers",
  "#totals": "#Totals",
  "#this row": "#This Row",
};

/**
 * Reads one bracketed item at `src[j] === "["` up to its unescaped "]": the text with the
 * apostrophe escapes (`'[`, `']`, `'#`, `''`) resolved.
 */
function readItem(src: string, j: number): { text: string; start: number; end: number; next: number } {
  let text = "";
  let k = j + 1;
  for (;;) {
    const ch = src[k];
    if (ch === undefined) throw new FormulaSyntaxError("Unterminated structured reference");
    if (ch === "'") {
      if (k + 1 >= src.length) throw new FormulaSyntaxError("Unterminated structured reference");
      text += src[k + 1];
      k += 2;
      continue;
    }
    if (ch === "]") break;
    if (ch === "[") throw new FormulaSyntaxError(`Unescaped [ in a structured reference at ${k}`);
    text += ch;
    k++;
  }
  return { text, start: j + 1, end: k, next: k + 1 };
}

function itemOf(text: string): StructuredItem {
  const item = ITEMS[text.toLowerCase()];
  if (!item) throw new FormulaSyntaxError(`Unknown structured reference item ${text}`);
  return item;
}

function skipSpaces(src: string, k: number): number {
  while (src[k] === " ") k++;
  return k;
}

/** Characters that make a column name need its own brackets (besides the escaped ones). */
const NEEDS_BRACKETS = /[\t\n\r,:.[\]#'"{}$^&*+=<>/-]/;

/**
 * Reads the bracket part of a structured reference at `src[j] === "["`; `base` is where the
 * token starts (offsets of column names are relative to it). Accepts Excel's forms: `[]`,
 * `[Col]`, `[#Data]`, `[@]`, `[@Col]`, `[@[Col]]`, `[@[A]:[B]]`, and lists of bracketed items
 * `[[#Headers],[#Data],[A]:[B]]`.
 */
export function readStructured(src: string, j: number, base: number): { sref: StructuredRef; end: number } {
  const sref: StructuredRef = { tableEnd: 0, items: [], at: false, columns: [] };
  const col = (it: { text: string; start: number; end: number }, bracketed: boolean): StructuredColumn => {
    if (!it.text) throw new FormulaSyntaxError("Empty column name in a structured reference");
    return { name: it.text, start: it.start - base, end: it.end - base, bracketed };
  };
  /** `[A]` or `[A]:[B]` at k; returns the position after it. */
  const columnRange = (k: number): number => {
    const a = readItem(src, k);
    sref.columns.push(col(a, true));
    let n = skipSpaces(src, a.next);
    if (src[n] === ":") {
      n = skipSpaces(src, n + 1);
      if (src[n] !== "[") throw new FormulaSyntaxError("Expected [ after : in a structured reference");
      const b = readItem(src, n);
      sref.columns.push(col(b, true));
      n = b.next;
    }
    return n;
  };
  let k = skipSpaces(src, j + 1);
  if (src[k] === "[") {
    for (;;) {
      k = skipSpaces(src, k);
      if (src[k] !== "[") throw new FormulaSyntaxError("Expected [ in a structured reference");
      if (src[k + 1] === "#") {
        const it = readItem(src, k);
        sref.items.push(itemOf(it.text));
        k = it.next;
      } else {
        if (sref.columns.length)
          throw new FormulaSyntaxError("Two column specifiers in a structured reference");
        k = columnRange(k);
      }
      k = skipSpaces(src, k);
      if (src[k] === ",") {
        k++;
        continue;
      }
      if (src[k] === "]") return { sref: checked(sref), end: k + 1 };
      throw new FormulaSyntaxError("Expected , or ] in a structured reference");
    }
  }
  if (src[k] === "@") {
    sref.at = true;
    k++;
    if (src[k] === "[") {
      k = skipSpaces(src, columnRange(k));
      if (src[k] !== "]") throw new FormulaSyntaxError("Expected ] in a structured reference");
      return { sref, end: k + 1 };
    }
    const it = readItem(src, k - 1);
    if (it.text) {
      if (/ /.test(it.text) || NEEDS_BRACKETS.test(src.slice(it.start, it.end).replace(/'./g, "")))
        throw new FormulaSyntaxError(
          `Column names with spaces or special characters need brackets: [@[${it.text}]]`,
        );
      sref.columns.push(col(it, false));
    }
    return { sref, end: it.next };
  }
  const it = readItem(src, j);
  if (it.text.startsWith("#")) sref.items.push(itemOf(it.text));
  else if (it.text) sref.columns.push(col(it, false));
  return { sref: checked(sref), end: it.next };
}

/** Only Excel's combinations of row items: one item, or #Headers/#Totals with #Data. */
function checked(sref: StructuredRef): StructuredRef {
  const items = sref.items;
  if (items.length > 2 || new Set(items).size !== items.length)
    throw new FormulaSyntaxError("Invalid combination of structured reference items");
  if (
    items.length === 2 &&
    !(items.includes("#Data") && (items.includes("#Headers") || items.includes("#Totals")))
  )
    throw new FormulaSyntaxError("Invalid combination of structured reference items");
  if (items.includes("#This Row")) {
    sref.at = true;
    if (items.length > 1) throw new FormulaSyntaxError("#This Row combines with columns only");
  }
  return sref;
}

/** A column name as written in a structured reference: escaped, and bracketed where needed. */
export function writeColumnName(name: string, bracketed: boolean, at: boolean): string {
  const escaped = name.replace(/['[\]#]/g, "'$&");
  if (bracketed) return escaped;
  return NEEDS_BRACKETS.test(name) || (at && name.includes(" ")) ? `[${escaped}]` : escaped;
}
