/**
 * The criterion cells the add-in computes from indicators (issue 16), written for a band of rows:
 * by Repair formulas and for new agreements. Every criterion with indicators gets its formula over
 * its indicators' cells (formulas/indicatorFormulas.ts).
 */
import { criterionFromIndicatorsFormula } from "../formulas/indicatorFormulas";
import type { ScorecardColumns } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { IndicatorColumn } from "../contract/indicatorLayout";

type FormulaMeta = Pick<ScorecardMeta, "criteria" | "missingPolicy">;

/** Each criterion with indicators: its column letter and its indicators' columns. */
function scoredThroughIndicators(meta: FormulaMeta, cols: ScorecardColumns) {
  return meta.criteria.flatMap((c, k) => {
    const own: IndicatorColumn[] = (cols.indicators ?? []).filter((i) => i.criterionId === c.id);
    return own.length > 0 ? [{ column: cols.criteria[k].column, own }] : [];
  });
}

/** The formula of each criterion with indicators in Excel row `row`, by its column letter. */
export function criterionFormulas(
  meta: FormulaMeta,
  cols: ScorecardColumns,
  row: number,
): Map<string, string> {
  return new Map(
    scoredThroughIndicators(meta, cols).map(({ column, own }) => [
      column,
      criterionFromIndicatorsFormula(own, row, meta.missingPolicy),
    ]),
  );
}

/** Queues those formulas for rows first..last, one request range per criterion. */
export function queueCriterionFormulas(
  sheet: Excel.Worksheet,
  meta: FormulaMeta,
  cols: ScorecardColumns,
  first: number,
  last: number,
): void {
  for (const { column, own } of scoredThroughIndicators(meta, cols))
    sheet.getRange(`${column}${first}:${column}${last}`).formulas = Array.from(
      { length: last - first + 1 },
      (_, i) => [criterionFromIndicatorsFormula(own, first + i, meta.missingPolicy)],
    );
}
