/**
 * Formulas of the two-level scorecard (issue 16). A criterion with indicators has its Scorecard
 * cell computed from its indicators' cells, so that the Coverage, Weighted score and Rank formulas
 * and the Results sheet read it as they read a criterion scored directly. The indicator weights
 * table on the Weights sheet normalizes each indicator's local weight within its criterion.
 * Only the functions scorecardFormulas.ts allows (COUNTIFS, COUNTBLANK, IF, MIN, MAX, SUMIFS, NA).
 */
import type { MissingPolicy } from "../../scoring/types";
import { INVALID_MARK, NAME, localWeightName, weightName } from "../contract/contract";

export interface IndicatorCell {
  indicatorId: string;
  /** Column letter of the indicator in the Scorecard table. */
  column: string;
}

/**
 * The criterion's score on the scale from its indicators' cells in Excel row `row`, exactly as
 * criterionScoreFromIndicators (src/scoring/indicatorScores.ts) computes it, with v_k the
 * normalized local weights (AS_L_<indicator id>):
 * - any indicator cell neither blank nor a number on the scale (text, off scale, an error pasted
 *   past the validation): INVALID_MARK, which the Weighted score then shows too;
 * - no indicator scored: "" (under every policy; "zero" then counts the criterion as the minimum);
 * - every indicator scored: Σ v_k·s_k / Σ v_k;
 * - some missing: "exclude" gives ""; "renormalize" Σ over the scored / their weight ("" when that
 *   weight is 0); "zero" counts a missing indicator as the scale minimum.
 * Each cell is named on its own, never as a span (see scorecardFormulas.ts), and the result is
 * clamped to the scale, as the model does, so float noise cannot put it just off the scale, which
 * the Weighted score would take for an invalid score.
 */
export function criterionFromIndicatorsFormula(
  indicators: readonly IndicatorCell[],
  row: number,
  policy: MissingPolicy,
): string {
  const at = (c: IndicatorCell) => `${c.column}${row}`;
  const weight = (c: IndicatorCell) => localWeightName(c.indicatorId);
  const sum = (part: (c: IndicatorCell) => string) => indicators.map(part).join("+");
  const valid = sum((c) => `COUNTIFS(${at(c)},">="&${NAME.scaleMin},${at(c)},"<="&${NAME.scaleMax})`);
  const blanks = `(${sum((c) => `COUNTBLANK(${at(c)})`)})`;
  const total = `(${sum(weight)})`;
  const clamp = (x: string) => `MIN(${NAME.scaleMax},MAX(${NAME.scaleMin},${x}))`;
  let body: string;
  if (policy === "exclude") {
    body = `IF(${blanks}>0,"",${clamp(`(${sum((c) => `${weight(c)}*${at(c)}`)})/${total}`)})`;
  } else if (policy === "zero") {
    const terms = sum((c) => `IF(${at(c)}="",${weight(c)}*${NAME.scaleMin},${weight(c)}*${at(c)})`);
    body = `IF(${blanks}=${indicators.length},"",${clamp(`(${terms})/${total}`)})`;
  } else {
    const scored = `(${sum((c) => `IF(${at(c)}="",0,${weight(c)})`)})`;
    const terms = sum((c) => `IF(${at(c)}="",0,${weight(c)}*${at(c)})`);
    body = `IF(${scored}=0,"",${clamp(`(${terms})/${scored}`)})`;
  }
  return `=IF(${valid}+${blanks}<${indicators.length},"${INVALID_MARK}",${body})`;
}

/** Where the indicator weights table's formulas find their row's cells and the table's columns. */
export interface IndicatorWeightCells {
  /** This row's criterion id cell, local weight cell and normalized local weight cell. */
  criterionId: string;
  localWeight: string;
  normalized: string;
  /** Structured references to the table's Criterion ID and Local weight columns. */
  criterionIds: string;
  localWeights: string;
}

/**
 * An indicator's local weight over the sum of its criterion's local weights. The sum is taken by
 * criterion id over the whole table (SUMIFS), not over a span of rows, so rows added, removed or
 * sorted by hand never leave an indicator normalized against another criterion's. A negative
 * weight gives #N/A, never a silent clip; all zero under a criterion divides by zero.
 */
export function normalizedLocalWeightFormula(cells: IndicatorWeightCells): string {
  const { criterionId, localWeight, criterionIds, localWeights } = cells;
  return `=IF(COUNTIFS(${criterionIds},${criterionId},${localWeights},"<0")>0,NA(),${localWeight}/SUMIFS(${localWeights},${criterionIds},${criterionId}))`;
}

/** The global weight: the criterion's normalized weight (AS_W_<id>) times the normalized local weight. */
export function globalWeightFormula(
  criterionId: string,
  cells: Pick<IndicatorWeightCells, "normalized">,
): string {
  return `=${weightName(criterionId)}*${cells.normalized}`;
}
