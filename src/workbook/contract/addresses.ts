/** A1-style address helpers shared by the formula builders and the workbook operations. */

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 0, "Z" → 25, "AA" → 26. */
export function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The runs of adjacent indices among `indices` (0-based columns, in any order, repeats ignored), left to right. */
export function adjacentRuns(indices: readonly number[]): { from: number; to: number }[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: { from: number; to: number }[] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && i === last.to + 1) last.to = i;
    else runs.push({ from: i, to: i });
  }
  return runs;
}

/** Quotes a sheet name for use in a formula or address the way Excel does ('My sheet'!A1). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** Address of a rectangle given zero-based top-left and size, e.g. (1, 0, 3, 2) → "A2:B4". */
export function rangeAddress(row: number, column: number, rowCount: number, columnCount: number): string {
  const start = `${columnLetter(column)}${row + 1}`;
  if (rowCount === 1 && columnCount === 1) return start;
  return `${start}:${columnLetter(column + columnCount - 1)}${row + rowCount}`;
}

export function absolute(address: string): string {
  return address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

/** Excel's last row number (a sheet has 1,048,576 rows). */
export const SHEET_LAST_ROW = 1_048_576;

/**
 * A structured reference to the data of one table column, e.g. Scorecard[[Weighted score]]. It
 * follows the column wherever it moves (columns inserted, deleted or reordered, rows inserted
 * above, the sheet renamed) and grows with the table, where a whole-column reference such as
 * $K:$K stays put when only the table's cells shift. The double brackets let any header through
 * (spaces, commas, operators); an apostrophe escapes the four characters that still need it.
 */
export function columnRef(table: string, header: string): string {
  return `${table}[[${header.replace(/['#[\]]/g, "'$&")}]]`;
}
