/**
 * Reading the Reviews table within Excel on the web's 5 MB response limit (DESIGN.md §5: whatever
 * grows is read in windows). A team of 20 reviewers on 500 agreements writes 40,000 review rows,
 * with rationales of any length, so the table is read whole only while it is small, and otherwise
 * in windows of rows, one sync each, a window halved whenever Excel refuses its reply.
 */
import { excelErrorCode } from "./errors";

type Cell = string | number | boolean;

export interface TableRows {
  /** Header row first. */
  values: Cell[][];
  /** Zero-based sheet row and column of the header row's first cell. */
  rowIndex: number;
  columnIndex: number;
}

/** Rows read in one sync: 10,000 rows of six columns stay near 2 MB with rationales of 150 characters. */
export const REVIEW_WINDOW_ROWS = 10_000;

/**
 * A read of a table queued before the caller's first sync: whole when `expectedRows` (the rows the
 * last read saw) is under two windows, so that a table of ordinary size costs no sync of its own
 * (a caller that can meet a reply over 5 MB retries in windows); else only its size, and `rows()`
 * reads it in windows after that sync.
 */
export function queueTableRead(table: Excel.Table, expectedRows: number, windowRows = REVIEW_WINDOW_ROWS) {
  const whole = expectedRows < 2 * windowRows;
  const range = table
    .getRange()
    .load(whole ? "values, rowIndex, columnIndex, rowCount" : "rowIndex, columnIndex, rowCount, columnCount");
  return {
    /** The table's rows, after the caller's first sync; more syncs only when it is read in windows. */
    async rows(context: Excel.RequestContext): Promise<TableRows> {
      if (whole) return { values: range.values, rowIndex: range.rowIndex, columnIndex: range.columnIndex };
      const values: Cell[][] = [];
      let size = windowRows;
      for (let from = 0; from < range.rowCount;) {
        const count = Math.min(size, range.rowCount - from);
        const window = table.worksheet
          .getRangeByIndexes(range.rowIndex + from, range.columnIndex, count, range.columnCount)
          .load("values");
        try {
          // One sync per window is the point of windowing (DESIGN.md §5).
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        } catch (error) {
          if (excelErrorCode(error) !== "ResponsePayloadSizeLimitExceeded" || count === 1) throw error;
          size = Math.ceil(count / 2);
          continue;
        }
        values.push(...window.values);
        from += count;
      }
      return { values, rowIndex: range.rowIndex, columnIndex: range.columnIndex };
    },
  };
}
