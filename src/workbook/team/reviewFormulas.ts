/**
 * Formulas of team scoring (docs/architecture.md §2 "Several reviewers"): the consensus in the Scorecard's
 * criterion cells and the "discuss" flags, live over the Reviews table, at a cost that grows
 * linearly with the number of reviews in every engine.
 *
 * Why an index: a spreadsheet engine has no index for COUNTIFS or MATCH over an unsorted column
 * (LibreOffice 7.4 scans it, and Excel documents none), so any formula that looks up each
 * agreement × criterion in the Reviews table costs O(cells × reviews), i.e. O(n²). Instead the
 * add-in keeps an index on the very hidden AS_Consensus sheet: one row per agreement, and per
 * criterion a block of reviewer slots, each a direct reference to the one Reviews row it indexes.
 * A consensus is then MEDIAN or AVERAGE over its block, and each entry costs O(1).
 *
 * Why it stays right under hand edits: every entry checks that the Reviews row it points to still
 * holds its reviewer, agreement and criterion (compared as text, after Excel's TRIM), and gives
 * #N/A when it does not (the table was sorted, rows were moved or deleted). One cell counts the
 * valid scores in the Reviews table and the scores the index holds: a review typed or pasted into
 * the table by hand makes them differ. Whenever the index cannot vouch for a cell, the cell shows
 * CONSENSUS_FLAG, never a number; "Repair formulas" (or the next review) rebuilds the index.
 *
 * Only functions that Excel 2016+, Excel on the web and LibreOffice compute alike: INDEX, MATCH,
 * COUNTIFS, COUNT, SUM, AVERAGE, MEDIAN, MAX, MIN, STDEV, TRIM, EXACT, SUBSTITUTE, IFERROR. No
 * array evaluation anywhere.
 */
import { DISCUSS_RANGE_SHARE, DISCUSS_TOLERANCE, type ConsensusMethod } from "../../scoring/consensus";
import { columnLetter, columnRef, quoteSheet, SHEET_LAST_ROW } from "../contract/addresses";
import { NAME, REVIEW_COLUMNS, SHEET } from "../contract/contract";

/** Excel's TRIM (LibreOffice's too): spaces off both ends, and each run of spaces inside made one. */
export const excelTrim = (text: string) => text.replace(/^ +| +$/g, "").replace(/ {2,}/g, " ");

/** What a criterion cell shows when the index cannot vouch for its consensus. */
export const CONSENSUS_FLAG = "check reviews";

/**
 * The AS_Consensus sheet. Row 1 holds headers (a slot's header is its reviewer), row 2 the
 * criterion of each column and, in B2, the check that every valid review is indexed; the
 * agreements' rows start at row 3. Columns: A the agreement's ID as the formulas compare it, B
 * whether that row is the ID's first, C:F the reviews that belong to no agreement × criterion
 * cell (agreement, reviewer, criterion, score), then per criterion its consensus and discuss
 * columns, then per criterion a block of `slots` reviewer slots.
 */
export const INDEX_LAYOUT = {
  sheet: SHEET.consensus,
  firstRow: 3,
  id: "A",
  unique: "B",
  check: "$B$2",
  /** Reviews the consensus does not count (unknown agreement or criterion, no reviewer, an older duplicate). */
  other: { agreement: "C", reviewer: "D", criterion: "E", score: "F" },
  /** Zero-based column of the first criterion's consensus column (G). */
  firstCriterion: 6,
} as const;

export interface IndexShape {
  /** Criterion ids in the order of the index's blocks. */
  criteria: readonly string[];
  /** Reviewer slots per criterion block. */
  slots: number;
}

export const consensusColumn = (k: number) => columnLetter(INDEX_LAYOUT.firstCriterion + 2 * k);
export const discussColumn = (k: number) => columnLetter(INDEX_LAYOUT.firstCriterion + 2 * k + 1);
/** Zero-based column of reviewer slot `slot` in criterion block `k`. */
export const slotIndex = (shape: IndexShape, k: number, slot: number) =>
  INDEX_LAYOUT.firstCriterion + 2 * shape.criteria.length + k * shape.slots + slot;
export const lastIndexColumn = (shape: IndexShape) =>
  columnLetter(slotIndex(shape, shape.criteria.length - 1, shape.slots - 1));

const indexSheet = quoteSheet(INDEX_LAYOUT.sheet);
const below = (column: string) =>
  `${indexSheet}!$${column}$${INDEX_LAYOUT.firstRow}:$${column}$${SHEET_LAST_ROW}`;

/** Where the four columns of the Reviews table that a review is made of sit on its sheet. */
export interface ReviewColumns {
  sheet: string;
  reviewer: string;
  agreement: string;
  criterion: string;
  score: string;
}

/**
 * An ID as a MATCH lookup value: Excel's TRIM, as the Scorecard's read trims it, and the wildcards
 * * ? ~ escaped, so that "A*" finds only "A*". MATCH compares text as text: "1e3" never finds
 * "1000", nor "0010" finds "10", nor "2024-01-15" a date, nor "TRUE" a logical value.
 */
export function lookupKey(ref: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TRIM(${ref}),"~","~~"),"*","~*"),"?","~?")`;
}

/** The score on Reviews row `row` if it is a number on the scale, else "" (blank, text, off-scale, an error). */
function validScore(reviews: ReviewColumns, row: number): string {
  const x = `${quoteSheet(reviews.sheet)}!$${reviews.score}$${row}`;
  return `IF(ISNUMBER(${x}),IF(AND(${x}>=${NAME.scaleMin},${x}<=${NAME.scaleMax}),${x},""),"")`;
}

/**
 * Whether Reviews row `row` still holds the review an entry was written for. Reviewer and
 * agreement compare as text after TRIM, without case, as the read does; the criterion id exactly.
 */
function holds(reviews: ReviewColumns, row: number, who: string, what: string, criterion: string): string {
  const cell = (column: string) => `${quoteSheet(reviews.sheet)}!$${column}$${row}`;
  return `AND(TRIM(${cell(reviews.reviewer)})=${who},TRIM(${cell(reviews.agreement)})=${what},EXACT(${cell(reviews.criterion)},${criterion}))`;
}

/**
 * The entry of a reviewer slot on index row `indexRow`: the score of Reviews row `reviewRow`, ""
 * when that review has no valid score (withdrawn), #N/A when the row no longer holds that review.
 * The slot's reviewer is its header (row 1), the criterion its row 2, the agreement column A.
 */
export function entryFormula(
  reviews: ReviewColumns,
  reviewRow: number,
  slotColumn: string,
  indexRow: number,
) {
  const check = holds(
    reviews,
    reviewRow,
    `${slotColumn}$1`,
    `$${INDEX_LAYOUT.id}${indexRow}`,
    `${slotColumn}$2`,
  );
  return `=IF(${check},${validScore(reviews, reviewRow)},NA())`;
}

/** The score column of an index row of reviews the consensus does not count, checked the same way. */
export function otherEntryFormula(reviews: ReviewColumns, reviewRow: number, indexRow: number) {
  const o = INDEX_LAYOUT.other;
  const check = holds(
    reviews,
    reviewRow,
    `$${o.reviewer}${indexRow}`,
    `$${o.agreement}${indexRow}`,
    `$${o.criterion}${indexRow}`,
  );
  return `=IF(${check},${validScore(reviews, reviewRow)},NA())`;
}

/** Whether index row `row` is the first with its ID; a later one would hide reviews from the consensus. */
export function uniqueFormula(row: number): string {
  const { id, firstRow } = INDEX_LAYOUT;
  return `=MATCH(${lookupKey(`$${id}${row}`)},$${id}$${firstRow}:$${id}$${SHEET_LAST_ROW},0)=${row - firstRow + 1}`;
}

/**
 * B2: TRUE when every valid score of the Reviews table is in the index exactly once. COUNTIFS over
 * the table's Score column counts the numbers on the scale; COUNT over the index counts the
 * entries that still hold their review and a valid score. A review typed into the table by hand
 * is counted by the first and not the second; a sorted table makes entries #N/A, which COUNT
 * skips. A repeated index row is refused too.
 */
export function indexCheckFormula(reviewsTable: string, shape: IndexShape): string {
  const score = columnRef(reviewsTable, REVIEW_COLUMNS[3]);
  const { firstRow, other, unique } = INDEX_LAYOUT;
  const first = columnLetter(slotIndex(shape, 0, 0));
  const valid = `COUNTIFS(${score},">="&${NAME.scaleMin},${score},"<="&${NAME.scaleMax})`;
  const indexed = `COUNT($${other.score}$${firstRow}:$${other.score}$${SHEET_LAST_ROW},$${first}$${firstRow}:$${lastIndexColumn(shape)}$${SHEET_LAST_ROW})`;
  return `=AND(${valid}=${indexed},COUNTIF($${unique}$${firstRow}:$${unique}$${SHEET_LAST_ROW},FALSE)=0)`;
}

/** The slots of criterion block k on index row `row`, e.g. "Q3:AT3". */
function block(shape: IndexShape, k: number, row: number): string {
  return `${columnLetter(slotIndex(shape, k, 0))}${row}:${columnLetter(slotIndex(shape, k, shape.slots - 1))}${row}`;
}

/** TRUE when the index vouches for the block: every valid review indexed, no entry in error. */
const vouched = (range: string) => `AND(${INDEX_LAYOUT.check},ISNUMBER(SUM(${range})))`;

/** An index row's consensus of criterion k: "" while nobody scored it, CONSENSUS_FLAG when unsure. */
export function consensusValueFormula(
  shape: IndexShape,
  k: number,
  row: number,
  method: ConsensusMethod,
): string {
  const range = block(shape, k, row);
  const value = method === "mean" ? `AVERAGE(${range})` : `MEDIAN(${range})`;
  return `=IF(${vouched(range)},IF(COUNT(${range})=0,"",${value}),"${CONSENSUS_FLAG}")`;
}

/**
 * An index row's discuss flag of criterion k: range at least half the scale, or sample SD above
 * the threshold, with the model's float slack (scoring/consensus.ts). FALSE when unsure: the
 * consensus cell shows the flag then.
 */
export function discussValueFormula(shape: IndexShape, k: number, row: number, sdThreshold: number): string {
  const range = block(shape, k, row);
  const width = `(${NAME.scaleMax}-${NAME.scaleMin})`;
  const wide = `MAX(${range})-MIN(${range})>=${width}*(${DISCUSS_RANGE_SHARE}-${DISCUSS_TOLERANCE})`;
  const spread = `STDEV(${range})>${sdThreshold}+${width}*${DISCUSS_TOLERANCE}`;
  return `=IF(${vouched(range)},IF(COUNT(${range})<2,FALSE,OR(${wide},${spread})),FALSE)`;
}

/**
 * The consensus of an agreement × criterion, for its Scorecard cell (`idRef`: the row's ID cell,
 * e.g. "$A5", so that the formula follows a sort). An agreement the index has no row for (typed in
 * by hand) has no indexed review: "" when no uncounted review names it either, else the flag.
 */
export function consensusFormula(idRef: string, k: number): string {
  const key = lookupKey(idRef);
  const found = `INDEX(${below(consensusColumn(k))},MATCH(${key},${below(INDEX_LAYOUT.id)},0))`;
  const uncounted = `ISNA(MATCH(${key},${below(INDEX_LAYOUT.other.agreement)},0))`;
  return `=IFERROR(${found},IF(AND(${indexSheet}!${INDEX_LAYOUT.check},${uncounted}),"","${CONSENSUS_FLAG}"))`;
}

/** The conditional format of Scorecard criterion column k: its discuss flag in the index, found by the row's ID. */
export function discussRuleFormula(idRef: string, k: number): string {
  return `=INDEX(${below(discussColumn(k))},MATCH(${lookupKey(idRef)},${below(INDEX_LAYOUT.id)},0))=TRUE`;
}
