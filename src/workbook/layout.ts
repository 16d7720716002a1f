/**
 * Where everything sits in the workbook, computed from the scorecard's configuration alone (pure).
 * The create, write and read operations share this one picture, so they cannot disagree.
 */
import type { MissingPolicy, Scale } from "../scoring/types";
import { columnLetter, quoteSheet } from "./addresses";
import { CHART_TOP, LEADING_COLUMNS, RADAR_TOP, TRAILING_COLUMNS, WEIGHTS_COLUMNS } from "./contract";
import {
  contributionFormula,
  coverageFormula,
  pickFormula,
  positionRowFormula,
  profileFormula,
  rankFormula,
  scoreFormula,
  sortKeyFormula,
  type CriterionCell,
  type ResultsSources,
  type RowColumns,
} from "./formulas";

export interface CriterionConfig {
  id: string;
  name: string;
  definition: string;
  /** Raw weight as the user set it; normalized by the Weights sheet's formulas. */
  weight: number;
}

export interface ScorecardConfig {
  criteria: CriterionConfig[];
  scale: Scale;
  missingPolicy: MissingPolicy;
}

export interface SheetNames {
  scorecard: string;
  weights: string;
  results: string;
  meta: string;
}

/** Column letters of the Scorecard table (at A1 of its sheet). */
export interface ScorecardColumns extends RowColumns {
  id: string;
  name: string;
  type: string;
  parties: string;
  signed: string;
  rank: string;
  notes: string;
}

export function scorecardHeaders(config: ScorecardConfig): string[] {
  return [...LEADING_COLUMNS, ...config.criteria.map((c) => c.name), ...TRAILING_COLUMNS];
}

export function scorecardColumns(config: ScorecardConfig): ScorecardColumns {
  const n = config.criteria.length;
  const at = (i: number) => columnLetter(i);
  return {
    id: at(0),
    name: at(1),
    type: at(2),
    parties: at(3),
    signed: at(4),
    criteria: config.criteria.map((c, k) => ({ criterionId: c.id, column: at(LEADING_COLUMNS.length + k) })),
    coverage: at(LEADING_COLUMNS.length + n),
    score: at(LEADING_COLUMNS.length + n + 1),
    rank: at(LEADING_COLUMNS.length + n + 2),
    notes: at(LEADING_COLUMNS.length + n + 3),
  };
}

/** The three formula cells of one Scorecard row (Coverage, Weighted score, Rank), for Excel row `row`. */
export function scorecardRowFormulas(config: ScorecardConfig, cols: ScorecardColumns, row: number): string[] {
  return [
    coverageFormula(cols, row),
    scoreFormula(cols, row, config.missingPolicy),
    rankFormula(cols.score, row),
  ];
}

/** Weights table at A1 of the Weights sheet; the scale and the policy beside it in G1:H3. */
export const WEIGHTS_LAYOUT = {
  rawColumn: "D",
  normalizedColumn: "E",
  scaleMinCell: "H1",
  scaleMaxCell: "H2",
  policyCell: "H3",
  labelsRange: "G1:H3",
} as const;

export function weightsHeaders(): string[] {
  return [...WEIGHTS_COLUMNS];
}

/** The Results sheet: full ranking in A:E, helpers in F:G, chart data to the right. */
export const RESULTS_LAYOUT = {
  positionColumn: "A",
  rowColumn: "F",
  keyColumn: "G",
  headers: ["Position", "ID", "Agreement", "Weighted score", "Rank", "Scorecard row", "Sort key"],
  /** First column of the contribution block (one column per criterion). */
  contributionStart: 8,
} as const;

export function resultsSources(config: ScorecardConfig, sheets: SheetNames): ResultsSources {
  const cols = scorecardColumns(config);
  return {
    sheet: `${quoteSheet(sheets.scorecard)}!`,
    id: cols.id,
    name: cols.name,
    score: cols.score,
    rank: cols.rank,
    criteria: cols.criteria as CriterionCell[],
  };
}

/**
 * Ranking block A:G for positions from+1..to (Excel rows from+2..to+1). Row r also holds the sort
 * key of Scorecard row r, so the block has as many rows as the Scorecard table has body rows.
 */
export function rankingRows(
  config: ScorecardConfig,
  sheets: SheetNames,
  from: number,
  to: number,
): (string | number)[][] {
  const src = resultsSources(config, sheets);
  const rows: (string | number)[][] = [];
  for (let p = from + 1; p <= to; p++) {
    const row = p + 1;
    const rowCell = `$${RESULTS_LAYOUT.rowColumn}${row}`;
    rows.push([
      p,
      pickFormula(src.sheet, src.id, rowCell),
      pickFormula(src.sheet, src.name, rowCell),
      pickFormula(src.sheet, src.score, rowCell),
      pickFormula(src.sheet, src.rank, rowCell),
      positionRowFormula(RESULTS_LAYOUT.keyColumn, `${RESULTS_LAYOUT.positionColumn}${row}`),
      sortKeyFormula(src, row),
    ]);
  }
  return rows;
}

export function chartRowCount(agreementCount: number): number {
  return Math.max(1, Math.min(CHART_TOP, agreementCount));
}

/** Contribution block: header row, then one row per charted position, one column per criterion. */
export function contributionBlock(config: ScorecardConfig, sheets: SheetNames, agreementCount: number) {
  const src = resultsSources(config, sheets);
  const rows = chartRowCount(agreementCount);
  const startColumn = RESULTS_LAYOUT.contributionStart;
  const values: (string | number)[][] = [config.criteria.map((c) => c.name)];
  for (let p = 1; p <= rows; p++) {
    const rowCell = `$${RESULTS_LAYOUT.rowColumn}${p + 1}`;
    values.push(config.criteria.map((_, k) => contributionFormula(src, k, rowCell, config.missingPolicy)));
  }
  return { startColumn, values };
}

/** Radar block: criteria down, the leading agreements across, values on 0–100. */
export function radarBlock(config: ScorecardConfig, sheets: SheetNames, agreementCount: number) {
  const src = resultsSources(config, sheets);
  const startColumn = RESULTS_LAYOUT.contributionStart + config.criteria.length + 1;
  const leaders = Math.max(1, Math.min(RADAR_TOP, agreementCount));
  const nameCol = columnLetter(2);
  const header: (string | number)[] = ["Criterion"];
  for (let q = 1; q <= leaders; q++)
    header.push(`=IF(${nameCol}${q + 1}="","(no agreement)",${nameCol}${q + 1})`);
  const values: (string | number)[][] = [header];
  config.criteria.forEach((c, k) => {
    const row: (string | number)[] = [c.name];
    for (let q = 1; q <= leaders; q++)
      row.push(profileFormula(src, k, `$${RESULTS_LAYOUT.rowColumn}${q + 1}`));
    values.push(row);
  });
  return { startColumn, leaders, values };
}
