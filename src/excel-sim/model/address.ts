/**
 * A1 addresses: parsing, formatting and sheet-name quoting, as Excel writes them.
 *
 * Rows and columns are 0-based everywhere inside excel-sim (as in `getRangeByIndexes`);
 * only the textual A1 form is 1-based.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (A..XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** An inclusive rectangle of cells, 0-based. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function rect(r0: number, c0: number, r1: number, c1: number): Rect {
  return { r0, c0, r1, c1 };
}

export function rectRows(r: Rect): number {
  return r.r1 - r.r0 + 1;
}

export function rectCols(r: Rect): number {
  return r.c1 - r.c0 + 1;
}

export function rectContains(outer: Rect, inner: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}

export function rectContainsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;
}

export function rectIntersect(a: Rect, b: Rect): Rect | null {
  const r0 = Math.max(a.r0, b.r0);
  const c0 = Math.max(a.c0, b.c0);
  const r1 = Math.min(a.r1, b.r1);
  const c1 = Math.min(a.c1, b.c1);
  return r0 <= r1 && c0 <= c1 ? { r0, c0, r1, c1 } : null;
}

export function isWholeColumns(r: Rect): boolean {
  return r.r0 === 0 && r.r1 === MAX_ROWS - 1;
}

export function isWholeRows(r: Rect): boolean {
  return r.c0 === 0 && r.c1 === MAX_COLS - 1;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "xfd" → 16383; -1 when not letters or out of the grid. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1 < MAX_COLS ? n - 1 : -1;
}

export function cellAddress(row: number, col: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetters(col)}${d}${row + 1}`;
}

/**
 * Excel's textual form of a rectangle: "A1", "A1:C3", whole columns "A:C", whole rows "2:4".
 */
export function rectAddress(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isWholeColumns(r) && !isWholeRows(r)) {
    return `${d}${columnLetters(r.c0)}:${d}${columnLetters(r.c1)}`;
  }
  if (isWholeRows(r) && !isWholeColumns(r)) {
    return `${d}${r.r0 + 1}:${d}${r.r1 + 1}`;
  }
  const a = cellAddress(r.r0, r.c0, absolute);
  if (r.r0 === r.r1 && r.c0 === r.c1) return a;
  return `${a}:${cellAddress(r.r1, r.c1, absolute)}`;
}

/** Does this sheet name need quotes in a reference ('My Sheet'!A1)? */
export function sheetNeedsQuotes(name: string): boolean {
  if (!/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name)) return true;
  // Names that look like a cell reference (A1, XFD100) or an R1C1 reference need quotes too.
  if (/^[A-Za-z]{1,3}\d+$/.test(name) && columnIndex(name.replace(/\d+$/, "")) >= 0) return true;
  if (/^[Rr](\d*)([Cc](\d*))?$/.test(name)) return true;
  if (/^(TRUE|FALSE)$/i.test(name)) return true;
  return false;
}

export function quoteSheetName(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

/** "Scorecard!A1:C3", "'My Sheet'!A1". */
export function qualifiedAddress(sheetName: string, r: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${rectAddress(r, absolute)}`;
}

export interface ParsedAddress {
  sheet?: string;
  rect: Rect;
}

function parseCellPart(s: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(s);
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || row < 0 || row >= MAX_ROWS) return null;
  return { row, col };
}

/**
 * Parses "A1", "A1:C3", "$A$1", "A:C", "2:4", optionally sheet-qualified ("Sheet1!A1",
 * "'My Sheet'!A1:B2"). Returns null when it is not an address.
 */
export function parseAddress(text: string): ParsedAddress | null {
  let s = text.trim();
  let sheet: string | undefined;
  const bang = s.lastIndexOf("!");
  if (bang >= 0) {
    let sp = s.slice(0, bang);
    s = s.slice(bang + 1);
    if (sp.startsWith("'")) {
      if (!sp.endsWith("'") || sp.length < 2) return null;
      sp = sp.slice(1, -1).replace(/''/g, "'");
    }
    if (!sp) return null;
    sheet = sp;
  }
  const parts = s.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) return null;
  const a = parts[0];
  const b = parts.length === 2 ? parts[1] : parts[0];
  const ca = parseCellPart(a);
  const cb = parseCellPart(b);
  if (ca && cb) {
    return {
      sheet,
      rect: {
        r0: Math.min(ca.row, cb.row),
        c0: Math.min(ca.col, cb.col),
        r1: Math.max(ca.row, cb.row),
        c1: Math.max(ca.col, cb.col),
      },
    };
  }
  if (parts.length === 2) {
    const colA = /^\$?([A-Za-z]{1,3})$/.exec(a);
    const colB = /^\$?([A-Za-z]{1,3})$/.exec(b);
    if (colA && colB) {
      const x = columnIndex(colA[1]);
      const y = columnIndex(colB[1]);
      if (x < 0 || y < 0) return null;
      return { sheet, rect: { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(x, y), c1: Math.max(x, y) } };
    }
    const rowA = /^\$?(\d+)$/.exec(a);
    const rowB = /^\$?(\d+)$/.exec(b);
    if (rowA && rowB) {
      const x = Number(rowA[1]) - 1;
      const y = Number(rowB[1]) - 1;
      if (x < 0 || y < 0 || x >= MAX_ROWS || y >= MAX_ROWS) return null;
      return { sheet, rect: { r0: Math.min(x, y), r1: Math.max(x, y), c0: 0, c1: MAX_COLS - 1 } };
    }
  }
  return null;
}

/** Key of a cell in a sheet's cell map. */
export function cellKey(row: number, col: number): number {
  return row * MAX_COLS + col;
}

export function keyRow(key: number): number {
  return Math.floor(key / MAX_COLS);
}

export function keyCol(key: number): number {
  return key % MAX_COLS;
}
