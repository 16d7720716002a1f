/**
 * Excel refuses a formula longer than 8,192 characters ("Excel specifications and limits"), and a
 * batch that writes one fails part-way. The add-in's formulas grow with the criteria: the Weighted
 * score names each criterion's weight up to three times (AS_W_<id>), and a contribution on the
 * Results sheet under the renormalize policy names every criterion's column (Table[[name]]), and
 * an indicator's also its criterion's indicator columns (charts/indicatorContribution.ts). So a
 * scorecard's longest formula is checked before anything is written, at its worst: the last row of
 * the sheet, criterion columns three letters wide.
 */
import { MAX_CRITERION_ID } from "../../scoring/criteria";
import { SHEET_LAST_ROW } from "../contract/addresses";
import { CHART_TOP } from "../contract/contract";
import { WorkbookError } from "../errors";
import { contributionFormula, profileFormula } from "./scorecardFormulas";
import { anyIndicators, chartLeaves, leafContributionFormula } from "../charts/indicatorContribution";
import {
  RESULTS_LAYOUT,
  rankingRows,
  resultsSources,
  scorecardColumns,
  scorecardRowFormulas,
  type FormulaSource,
} from "../contract/layout";

export const FORMULA_LENGTH_LIMIT = 8_192;

interface Longest {
  length: number;
  /** Where the formula goes, for the message. */
  where: "Scorecard" | "Results";
}

/** The longest formula the add-in writes for this scorecard, wherever its rows and columns are. */
export function longestFormula(source: FormulaSource): Longest {
  // Every column three letters wide (XEA…): the longest references a table placed anywhere has.
  const row = scorecardRowFormulas(source, scorecardColumns(source, 16_000), SHEET_LAST_ROW);
  const ranking = rankingRows(source, SHEET_LAST_ROW - 1, SHEET_LAST_ROW - 1)[0].map(String);
  const src = resultsSources(source);
  const indexCell = `$${RESULTS_LAYOUT.indexColumn}$${CHART_TOP + 1}`;
  const results = source.criteria.flatMap((_, k) => [
    contributionFormula(src, k, indexCell, source.missingPolicy),
    profileFormula(src, k, indexCell),
  ]);
  for (const leaf of chartLeaves(source))
    if (leaf.indicator) results.push(leafContributionFormula(source, src, leaf, indexCell));
  const scorecard = Math.max(...row.map((f) => f.length));
  const sheet = Math.max(...[...ranking, ...results].map((f) => f.length));
  return scorecard >= sheet ? { length: scorecard, where: "Scorecard" } : { length: sheet, where: "Results" };
}

const FLAT_ADVICE = ". Shorten the criterion names or the table's name, or use fewer criteria.";
const INDICATOR_ADVICE =
  ", and an indicator's points on the Results sheet name its criterion's indicator columns too. Shorten the criterion or indicator names or the table's name, or use fewer criteria or indicators.";

/** Refuses, naming what to shorten, a scorecard one of whose formulas Excel would refuse. */
export function checkFormulaLength(source: FormulaSource, place: { sheet: string }): void {
  const longest = longestFormula(source);
  if (longest.length <= FORMULA_LENGTH_LIMIT) return;
  const over = `would be ${longest.length.toLocaleString("en")} characters long, more than the ${FORMULA_LENGTH_LIMIT.toLocaleString("en")} Excel allows in a formula`;
  const message =
    longest.where === "Scorecard"
      ? `With these ${source.criteria.length} criteria the Weighted score formula ${over}: it names each criterion's weight by its id, and the ids are too long. Use fewer criteria, or remove the criteria with the longest ids and add them again (new ids are at most ${MAX_CRITERION_ID} characters).`
      : `With these ${source.criteria.length} criteria the Results sheet's formulas ${over}: they name every criterion's column by table and criterion name ("${source.scorecardTable}", names of ${source.criteria.reduce((n, c) => n + c.header.length, 0).toLocaleString("en")} characters in all; each ' # [ ] counts twice)${anyIndicators(source) ? INDICATOR_ADVICE : FLAT_ADVICE}`;
  throw new WorkbookError("InvalidInput", message, place);
}
