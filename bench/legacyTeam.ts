/**
 * Today's baseline for the team bench, kept only here: the schema-3 team formulas (commit a907d50,
 * src/workbook/team/reviewFormulas.ts then) and the layout they lived in. Each Reviews row had a hidden
 * Order formula, COUNTIFS over the whole table, which is what made recalculation O(n²); the
 * Scorecard's criterion cells and the discuss block beside the Reviews table counted by it.
 * `legacyTeamWorkbook` lays those formulas out as switchToTeam and writeReviews wrote them.
 */
import { DISCUSS_RANGE_SHARE, DISCUSS_TOLERANCE, type ConsensusMethod } from "../src/scoring/consensus";
import type { SimWorkbook } from "../src/excel-sim";
import { columnLetter, NAME, quoteSheet, rangeAddress, type ScorecardData } from "../src/workbook";

/** Column letters of the Reviews table, which the add-in creates at A1 of its sheet. */
const REVIEWS_LAYOUT = {
  reviewer: "A",
  agreement: "B",
  criterion: "C",
  score: "D",
  rationale: "E",
  time: "F",
  order: "G",
  square: "H",
  /** First column of the discuss block: one column per criterion, rows aligned with the Scorecard's. */
  discussStart: 9,
} as const;

const discussColumn = (criterionIndex: number) => columnLetter(REVIEWS_LAYOUT.discussStart + criterionIndex);

/** A COUNTIFS criterion that matches the text of `ref` exactly (case-insensitively, as Excel does). */
function exactly(ref: string): string {
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
}

const width = `(${NAME.scaleMax}-${NAME.scaleMin})`;

/** Order of the review on Reviews row `row`, or "" when its score is not a number on the scale. */
function orderFormula(row: number): string {
  const L = REVIEWS_LAYOUT;
  const score = `${L.score}${row}`;
  const cell = `$${L.agreement}:$${L.agreement},${exactly(`${L.agreement}${row}`)},$${L.criterion}:$${L.criterion},${exactly(`${L.criterion}${row}`)}`;
  const above = (col: string) => `$${col}$1:$${col}${row - 1}`;
  const earlierTies = `COUNTIFS(${above(L.agreement)},${exactly(`${L.agreement}${row}`)},${above(L.criterion)},${exactly(`${L.criterion}${row}`)},${above(L.score)},${score})`;
  const lower = `COUNTIFS(${cell},$${L.score}:$${L.score},">="&${NAME.scaleMin},$${L.score}:$${L.score},"<"&${score})`;
  return `=IF(AND(ISNUMBER(${score}),${score}>=${NAME.scaleMin},${score}<=${NAME.scaleMax}),${lower}+${earlierTies},"")`;
}

function squareFormula(row: number): string {
  const L = REVIEWS_LAYOUT;
  return `=IF(ISNUMBER(${L.order}${row}),${L.score}${row}^2,"")`;
}

/** The Reviews columns that match one agreement × criterion: the agreement's ID cell and the criterion id. */
function cellMatch(reviewsSheet: string, idRef: string, criterionId: string) {
  const col = (c: string) => `${quoteSheet(reviewsSheet)}!$${c}:$${c}`;
  const L = REVIEWS_LAYOUT;
  return {
    col,
    match: `${col(L.agreement)},${exactly(idRef)},${col(L.criterion)},"${criterionId}"`,
  };
}

/**
 * Consensus of an agreement × criterion, for its Scorecard cell: "" while nobody has scored it.
 * `idRef` is the agreement's ID cell, e.g. "$A5" (relative row, so the formula follows a sort).
 */
function consensusFormula(
  reviewsSheet: string,
  idRef: string,
  criterionId: string,
  method: ConsensusMethod,
): string {
  const { col, match } = cellMatch(reviewsSheet, idRef, criterionId);
  const L = REVIEWS_LAYOUT;
  const n = `COUNTIFS(${match},${col(L.order)},">=0")`;
  const value =
    method === "mean"
      ? `AVERAGEIFS(${col(L.score)},${match},${col(L.order)},">=0")`
      : `AVERAGEIFS(${col(L.score)},${match},${col(L.order)},">="&INT((${n}-1)/2),${col(L.order)},"<="&INT(${n}/2))`;
  return `=IF(${n}=0,"",${value})`;
}

/**
 * TRUE when the reviewers of an agreement × criterion should talk: range at least half the scale
 * or sample SD above the threshold, with the model's float slack (scoring/consensus.ts).
 */
function discussFormula(
  reviewsSheet: string,
  idRef: string,
  criterionId: string,
  sdThreshold: number,
): string {
  const { col, match } = cellMatch(reviewsSheet, idRef, criterionId);
  const L = REVIEWS_LAYOUT;
  const n = `COUNTIFS(${match},${col(L.order)},">=0")`;
  const at = (position: string) => `AVERAGEIFS(${col(L.score)},${match},${col(L.order)},${position})`;
  const s1 = `SUMIFS(${col(L.score)},${match},${col(L.order)},">=0")`;
  const s2 = `SUMIFS(${col(L.square)},${match},${col(L.order)},">=0")`;
  const range = `${at(`${n}-1`)}-${at("0")}>=${width}*(${DISCUSS_RANGE_SHARE}-${DISCUSS_TOLERANCE})`;
  const sd = `SQRT(MAX(0,(${n}*${s2}-${s1}^2)/(${n}*(${n}-1))))>${sdThreshold}+${width}*${DISCUSS_TOLERANCE}`;
  return `=IF(${n}<2,FALSE,OR(${range},${sd}))`;
}

/** One review as the schema-3 Reviews table held it. */
export interface LegacyReview {
  reviewer: string;
  agreementId: string;
  criterionId: string;
  score: number;
}

const HEADERS = ["Reviewer", "Agreement ID", "Criterion ID", "Score", "Rationale", "Time", "Order", "Square"];

/**
 * Turns a one-analyst scorecard (`data`, read from `sim`) into a schema-3 team scorecard of
 * `reviews`: the Reviews table with its Order and Square formulas, the discuss block, and the
 * consensus formulas in the Scorecard's criterion cells. Rows are written in chunks so that no
 * request outgrows excel-sim's payload limit.
 */
export async function legacyTeamWorkbook(
  sim: SimWorkbook,
  data: ScorecardData,
  reviews: readonly LegacyReview[],
  method: ConsensusMethod,
  sdThreshold: number,
): Promise<void> {
  const time = "2025-01-10T09:00:00.000Z";
  const rows = reviews.map((r, i) => [
    `'${r.reviewer}`,
    `'${r.agreementId}`,
    `'${r.criterionId}`,
    r.score,
    "",
    `'${time}`,
    orderFormula(i + 2),
    squareFormula(i + 2),
  ]);
  await sim.run(async (context) => {
    const sheet = context.workbook.worksheets.add("Reviews");
    sheet.getRange(rangeAddress(0, 0, 1, HEADERS.length)).values = [HEADERS];
    sheet.tables.add(sheet.getRange(rangeAddress(0, 0, 2, HEADERS.length)), true).name = "ScorecardReviews";
    await context.sync();
    for (let from = 0; from < rows.length; from += 5000) {
      const chunk = rows.slice(from, from + 5000);
      sheet.getRange(rangeAddress(from + 1, 0, chunk.length, HEADERS.length)).formulas = chunk;
      // One sync per chunk keeps each request under the payload limit (docs/architecture.md §5).
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    const scorecard = context.workbook.worksheets.getItem(data.location.meta.sheets.scorecard);
    const cols = data.columns;
    data.rows.forEach((row) => {
      cols.criteria.forEach((c, k) => {
        scorecard.getRange(`${c.column}${row}`).formulas = [
          [consensusFormula("Reviews", `$${cols.id}${row}`, c.criterionId, method)],
        ];
        sheet.getRange(`${discussColumn(k)}${row}`).formulas = [
          [discussFormula("Reviews", `Scorecard!$${cols.id}${row}`, c.criterionId, sdThreshold)],
        ];
      });
    });
    await context.sync();
  });
}
