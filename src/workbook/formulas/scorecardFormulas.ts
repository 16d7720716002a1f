/**
 * Formula builders for the live workbook (docs/architecture.md §3). Only functions that Excel 2016+, Excel on
 * the web, Excel for Mac and LibreOffice compute alike: IF, COUNTIFS, ROUND, ISNUMBER,
 * RANK (not RANK.EQ, which an .xlsx must store as _xlfn.RANK.EQ), INDEX, MATCH, SMALL, IFERROR, SUM,
 * COUNTBLANK, and for team scoring AVERAGE, MEDIAN, STDEV, TRIM, EXACT and SUBSTITUTE (reviewFormulas.ts).
 * The weighted score is rounded to 10 decimals so that float noise never breaks a tie, in any engine.
 * Cells of the same row are plain relative references (they move with their cells); whole table
 * columns are structured references (addresses.ts columnRef), which Excel and LibreOffice both
 * keep pointing at the column through inserts, deletes, moves, sorts and renames.
 */
import type { MissingPolicy } from "../../scoring/types";
import { NAME, INVALID_MARK, weightName } from "../contract/contract";

export interface CriterionCell {
  criterionId: string;
  /** Column letter of the criterion in the Scorecard table. */
  column: string;
}

export interface RowColumns {
  /** The ID and name columns: a row with neither, nor any score, is an empty row, not scored. */
  id: string;
  name: string;
  criteria: CriterionCell[];
  coverage: string;
  score: string;
}

/**
 * Each criterion cell is named on its own, never as a span such as F2:I2: a column that a user
 * inserts between two criterion columns would fall inside a span and be counted as a criterion,
 * while single-cell references move with their cells under any insert, delete, move or sort.
 */
const cell = (c: CriterionCell, row: number) => `${c.column}${row}`;

/** Criterion cells of the row holding a number on the scale. */
function validCount(cols: RowColumns, row: number): string {
  return cols.criteria
    .map((c) => `COUNTIFS(${cell(c, row)},">="&${NAME.scaleMin},${cell(c, row)},"<="&${NAME.scaleMax})`)
    .join("+");
}

/**
 * Blank criterion cells: COUNTBLANK counts a formula's "" as blank (COUNTA does not), so a team
 * scorecard's consensus formulas, which show "" until someone scores, count as empty. COUNTBLANK
 * and COUNTIFS never propagate an error in the cell they count, so "#N/A" pasted into a score
 * cell gives the visible flag, not an error in the score.
 */
function blankCount(cols: RowColumns, row: number): string {
  return cols.criteria.map((c) => `COUNTBLANK(${cell(c, row)})`).join("+");
}

/**
 * An empty row of the table: no ID, no name, no score (what the read skips). IFERROR: an error
 * typed in the ID or name is not "empty"; a product, not AND, so that an error in the criterion
 * cells (a deleted column) shows as itself.
 */
function emptyRow(cols: RowColumns, row: number): string {
  const blanks = `(${blankCount(cols, row)})`;
  return `(IFERROR(TRIM(${cols.id}${row})&TRIM(${cols.name}${row}),"#")="")*(${blanks}=${cols.criteria.length})`;
}

/**
 * Number of criteria scored with a number inside the scale; nothing on an empty row (a new
 * scorecard's placeholder row would otherwise read "0/n" as if an agreement were there).
 */
export function coverageFormula(cols: RowColumns, row: number): string {
  return `=IF(${emptyRow(cols, row)},"",${validCount(cols, row)})`;
}

/** The scale's width, max − min, as the formulas write it. */
export const SCALE_WIDTH = `(${NAME.scaleMax}-${NAME.scaleMin})`;

/** w_k·(s_k − min), or 0 for a blank cell when blanks are allowed in the sum. */
function term(c: CriterionCell, row: number, blankAsZero: boolean): string {
  const product = `${weightName(c.criterionId)}*(${c.column}${row}-${NAME.scaleMin})`;
  return blankAsZero ? `IF(${c.column}${row}="",0,${product})` : product;
}

/**
 * The weighted score on 0–100: 100·Σ w_k·(s_k − min)/(max − min), under the missing-score policy.
 * Shows INVALID_MARK when any criterion cell holds anything but a number on the scale or a blank
 * (the data validation normally prevents that; a paste bypasses it), and "" when the policy gives
 * no score. It counts the valid cells itself instead of reading the Coverage cell, so a value typed
 * over Coverage cannot change a score.
 */
export function scoreFormula(cols: RowColumns, row: number, policy: MissingPolicy): string {
  const n = cols.criteria.length;
  const blanks = `(${blankCount(cols, row)})`;
  const invalid = `${validCount(cols, row)}+${blanks}<${n}`;
  let body: string;
  if (policy === "exclude") {
    const sum = cols.criteria.map((c) => term(c, row, false)).join("+");
    // Past the invalid check every cell is valid or blank, so a blank is a criterion not scored.
    body = `IF(${blanks}>0,"",ROUND(100*(${sum})/${SCALE_WIDTH},10))`;
  } else if (policy === "zero") {
    const sum = cols.criteria.map((c) => term(c, row, true)).join("+");
    body = `ROUND(100*(${sum})/${SCALE_WIDTH},10)`;
  } else {
    const sum = cols.criteria.map((c) => term(c, row, true)).join("+");
    const scoredWeight = cols.criteria
      .map((c) => `IF(${c.column}${row}="",0,${weightName(c.criterionId)})`)
      .join("+");
    body = `IF((${scoredWeight})=0,"",ROUND(100*(${sum})/(${SCALE_WIDTH}*(${scoredWeight})),10))`;
  }
  // An empty row is not scored; under the zero policy it would otherwise score 0 and be ranked on
  // the Results sheet.
  return `=IF(${emptyRow(cols, row)},"",IF(${invalid},"${INVALID_MARK}",${body}))`;
}

/**
 * Rank like RANK.EQ (ties share the best rank), among the table's own Weighted score column
 * through a structured reference (columnRef), so that rows added to the table are ranked and a
 * column inserted inside the table cannot leave the rank pointing at another column.
 */
export function rankFormula(scoreColumn: string, row: number, scoreRef: string): string {
  return `=IF(ISNUMBER(${scoreColumn}${row}),RANK(${scoreColumn}${row},${scoreRef},0),"")`;
}

/** Normalized weight of one criterion: raw weight over the sum of raw weights. */
export function normalizedWeightFormula(
  rawColumn: string,
  row: number,
  firstRow: number,
  lastRow: number,
): string {
  const all = `$${rawColumn}$${firstRow}:$${rawColumn}$${lastRow}`;
  // A negative weight is an error, never silently clipped; an all-zero column divides by zero.
  return `=IF(COUNTIF(${all},"<0")>0,NA(),${rawColumn}${row}/SUM(${all}))`;
}

/**
 * Where the Results sheet finds the Scorecard's columns: structured references (columnRef), so the
 * ranking follows the table through inserted, deleted and reordered columns, sorted rows, rows
 * inserted above it and a renamed sheet. Agreements are picked by their position in the table.
 */
export interface ResultsSources {
  id: string;
  name: string;
  score: string;
  rank: string;
  criteria: { criterionId: string; ref: string }[];
}

/**
 * Sort key of the agreement at position `index` of the table (1-based), kept in a helper column of
 * the Results sheet: rank plus index/10^7 makes every key unique (ties keep the table's order)
 * while staying below the next rank, so SMALL/MATCH give a stable sorted ranking without dynamic
 * arrays. Past the table's last row INDEX fails and the key is blank.
 */
export function sortKeyFormula(src: ResultsSources, index: number): string {
  return `=IFERROR(IF(ISNUMBER(INDEX(${src.score},${index})),INDEX(${src.rank},${index})+${index}/10^7,""),"")`;
}

/**
 * Table position of the agreement at a place of the ranking (blank past the last ranked one). The
 * key of table position k sits on Results row k+1, so MATCH's row number less one is k.
 */
export function positionRowFormula(keyColumn: string, positionCell: string): string {
  return `=IFERROR(MATCH(SMALL($${keyColumn}:$${keyColumn},${positionCell}),$${keyColumn}:$${keyColumn},0)-1,"")`;
}

/**
 * A Scorecard cell of the ranked agreement whose table position is in indexCell. INDEX gives 0 for
 * a blank cell, so `blankAsBlank` picks (ID, name) test for a blank first and show it as blank.
 */
export function pickFormula(ref: string, indexCell: string, blankAsBlank = false): string {
  const value = `INDEX(${ref},${indexCell})`;
  return `=IF(${indexCell}="","",${blankAsBlank ? `IF(${value}="","",${value})` : value})`;
}

/** Points that one criterion contributes to the weighted score of the agreement in indexCell. */
export function contributionFormula(
  src: ResultsSources,
  criterionIndex: number,
  indexCell: string,
  policy: MissingPolicy,
): string {
  const value = `INDEX(${src.criteria[criterionIndex].ref},${indexCell})`;
  const points = `IF(${value}="",0,100*${weightName(src.criteria[criterionIndex].criterionId)}*(${value}-${NAME.scaleMin})/${SCALE_WIDTH})`;
  return pointsFormula(src, points, indexCell, policy);
}

/**
 * A contribution cell from the points a part adds (criterion, or indicator: charts/indicatorContribution.ts):
 * under "renormalize" over the weight of the criteria the agreement has scores for, as the
 * Weighted score divides; blank past the last ranked agreement.
 */
export function pointsFormula(
  src: ResultsSources,
  points: string,
  indexCell: string,
  policy: MissingPolicy,
): string {
  const scoredWeight = src.criteria
    .map((d) => `IF(INDEX(${d.ref},${indexCell})="",0,${weightName(d.criterionId)})`)
    .join("+");
  const body = policy === "renormalize" ? `${points}/(${scoredWeight})` : points;
  return `=IF(${indexCell}="","",ROUND(${body},10))`;
}

/** One criterion of the ranked agreement in indexCell, on 0–100 (blank when unscored). */
export function profileFormula(src: ResultsSources, criterionIndex: number, indexCell: string): string {
  const value = `INDEX(${src.criteria[criterionIndex].ref},${indexCell})`;
  return `=IF(${indexCell}="","",IF(${value}="","",100*(${value}-${NAME.scaleMin})/${SCALE_WIDTH}))`;
}
