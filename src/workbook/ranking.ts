/**
 * Queues the Results sheet's ranking rows: positions (A:F) and the sort key of each Scorecard row
 * (G, on the Scorecard row's own row number). Shared by create, attach and adding agreements.
 */
import { RESULTS_LAYOUT, positionRows, sortKeyRows, type ScorecardColumns, type SheetNames } from "./layout";

/** Positions from+1..to. */
export function queuePositions(
  results: Excel.Worksheet,
  cols: ScorecardColumns,
  sheets: SheetNames,
  from: number,
  to: number,
) {
  if (to <= from) return;
  results.getRange(`A${from + 2}:${RESULTS_LAYOUT.rowColumn}${to + 1}`).formulas = positionRows(
    cols,
    sheets,
    from,
    to,
  );
  // Scores shown as on the Scorecard sheet.
  results.getRange(`D${from + 2}:D${to + 1}`).numberFormat = Array.from({ length: to - from }, () => [
    "0.00",
  ]);
}

/** Sort keys of Scorecard rows firstRow..lastRow. */
export function queueSortKeys(
  results: Excel.Worksheet,
  cols: ScorecardColumns,
  sheets: SheetNames,
  firstRow: number,
  lastRow: number,
) {
  if (lastRow < firstRow) return;
  const key = RESULTS_LAYOUT.keyColumn;
  results.getRange(`${key}${firstRow}:${key}${lastRow}`).formulas = sortKeyRows(
    cols,
    sheets,
    firstRow,
    lastRow,
  );
}
