/**
 * Reading the Reviews table within Excel on the web's 5 MB response limit (docs/architecture.md §5: whatever
 * grows is read in windows). A team of 20 reviewers on 500 agreements writes 40,000 review rows,
 * with rationales of any length, so the table is read whole only while it is small, and otherwise
 * in windows of rows sized by the bytes they weigh (payload.ts readRowWindows).
 */
import { readRowWindows, type Cell } from "../write/payload";

export interface TableRows {
  /** Header row first. */
  values: Cell[][];
  /** Zero-based sheet row and column of the header row's first cell. */
  rowIndex: number;
  columnIndex: number;
}

/**
 * A table the last read saw with fewer rows than this is read whole in the caller's first sync:
 * 20,000 rows of six columns with rationales of 150 characters stay near 4 MB.
 */
export const WHOLE_READ_ROWS = 20_000;

/**
 * A read of a table queued before the caller's first sync: whole when `expectedRows` (the rows the
 * last read saw) is under WHOLE_READ_ROWS, so that a table of ordinary size costs no sync of its own
 * (a caller that can meet a reply over 5 MB retries in windows); else only its size, and `rows()`
 * reads it in windows after that sync.
 */
export function queueTableRead(table: Excel.Table, expectedRows: number) {
  const whole = expectedRows < WHOLE_READ_ROWS;
  // A total row turned on by hand is the range's last row, and holds no review.
  table.load("showTotals");
  const range = table
    .getRange()
    .load(whole ? "values, rowIndex, columnIndex, rowCount" : "rowIndex, columnIndex, rowCount, columnCount");
  return {
    /** The table's rows, after the caller's first sync; more syncs only when it is read in windows. */
    async rows(context: Excel.RequestContext): Promise<TableRows> {
      const at = { rowIndex: range.rowIndex, columnIndex: range.columnIndex };
      const rowCount = range.rowCount - (table.showTotals ? 1 : 0);
      if (whole) return { values: range.values.slice(0, rowCount), ...at };
      const values = await readRowWindows(context, table.worksheet, {
        ...at,
        rowCount,
        columnCount: range.columnCount,
      });
      return { values, ...at };
    },
  };
}
