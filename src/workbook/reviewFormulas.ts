/**
 * Formulas of team scoring (DESIGN.md §2 "Several reviewers"): the consensus shown in the
 * Scorecard's criterion cells and the "discuss" flags, computed live from the Reviews table with
 * COUNTIFS, AVERAGEIFS and SUMIFS only, so that Excel 2016+, Excel on the web and LibreOffice all
 * compute them, without array formulas.
 *
 * The trick is the hidden Order column of the Reviews table: each valid score's 0-based position
 * among the scores of its agreement × criterion (ties broken by row). With it the median is the
 * AVERAGEIFS of the one or two middle positions, and the lowest and highest scores are positions 0
 * and n − 1. Square holds score², for the sample SD from sums.
 *
 * Matching: COUNTIFS treats * ? ~ in a criterion as wildcards and a leading < > = as an operator,
 * so an agreement ID is always matched through `exactly()`, which escapes them.
 */
import { DISCUSS_RANGE_SHARE, DISCUSS_TOLERANCE, type ConsensusMethod } from "../scoring/consensus";
import { columnLetter, quoteSheet } from "./addresses";
import { NAME, REVIEW_COLUMNS } from "./contract";

/** Column letters of the Reviews table, which the add-in creates at A1 of its sheet. */
export const REVIEWS_LAYOUT = {
  reviewer: "A",
  agreement: "B",
  criterion: "C",
  score: "D",
  rationale: "E",
  time: "F",
  order: "G",
  square: "H",
  /** First column of the discuss block: one column per criterion, rows aligned with the Scorecard's. */
  discussStart: REVIEW_COLUMNS.length + 1,
} as const;

export const discussColumn = (criterionIndex: number) =>
  columnLetter(REVIEWS_LAYOUT.discussStart + criterionIndex);

/** A COUNTIFS criterion that matches the text of `ref` exactly (case-insensitively, as Excel does). */
export function exactly(ref: string): string {
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
}

const width = `(${NAME.scaleMax}-${NAME.scaleMin})`;

/** Order of the review on Reviews row `row`, or "" when its score is not a number on the scale. */
export function orderFormula(row: number): string {
  const L = REVIEWS_LAYOUT;
  const score = `${L.score}${row}`;
  const cell = `$${L.agreement}:$${L.agreement},${exactly(`${L.agreement}${row}`)},$${L.criterion}:$${L.criterion},${exactly(`${L.criterion}${row}`)}`;
  const above = (col: string) => `$${col}$1:$${col}${row - 1}`;
  const earlierTies = `COUNTIFS(${above(L.agreement)},${exactly(`${L.agreement}${row}`)},${above(L.criterion)},${exactly(`${L.criterion}${row}`)},${above(L.score)},${score})`;
  const lower = `COUNTIFS(${cell},$${L.score}:$${L.score},">="&${NAME.scaleMin},$${L.score}:$${L.score},"<"&${score})`;
  return `=IF(AND(ISNUMBER(${score}),${score}>=${NAME.scaleMin},${score}<=${NAME.scaleMax}),${lower}+${earlierTies},"")`;
}

export function squareFormula(row: number): string {
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
export function consensusFormula(
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
export function discussFormula(
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

/** The conditional format of a Scorecard criterion column: its discuss flag on the Reviews sheet, same row. */
export function discussRuleFormula(reviewsSheet: string, criterionIndex: number, firstRow: number): string {
  return `=${quoteSheet(reviewsSheet)}!${discussColumn(criterionIndex)}${firstRow}=TRUE`;
}
