/**
 * Queues the Results sheet's ranking rows (A:G): for each position, the place, the agreement in it
 * and its table position, and the sort key of that table position. Shared by create, attach,
 * adding agreements and Repair formulas.
 */
import { RANKING_MARGIN, RESULTS_LAYOUT, rankingRows, type FormulaSource } from "../contract/layout";

/** Ranking rows for positions first..last (1-based; Excel rows first+1..last+1). */
export function queueRanking(results: Excel.Worksheet, source: FormulaSource, first: number, last: number) {
  if (last < first) return;
  results.getRange(
    `${RESULTS_LAYOUT.positionColumn}${first + 1}:${RESULTS_LAYOUT.keyColumn}${last + 1}`,
  ).formulas = rankingRows(source, first, last);
  // Scores shown as on the Scorecard sheet.
  results.getRange(`D${first + 1}:D${last + 1}`).numberFormat = Array.from(
    { length: last - first + 1 },
    () => ["0.00"],
  );
}

/** The ranking rows past the last agreement (RANKING_MARGIN), for rows typed below the table. */
export function queueRankingMargin(results: Excel.Worksheet, source: FormulaSource, agreementCount: number) {
  queueRanking(results, source, agreementCount + 1, agreementCount + RANKING_MARGIN);
}
