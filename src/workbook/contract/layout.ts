/**
 * Where everything sits in the workbook, computed from the scorecard's configuration alone (pure).
 * The create, write and read operations share this one picture, so they cannot disagree.
 */
import type { MissingPolicy, Scale } from "../../scoring/types";
import { WorkbookError } from "../errors";
import type { CriterionConfig, CriterionMeta, ScorecardMeta } from "./meta";
import { asText } from "./userText";
import { indicatorColumnsFromHeaders, type IndicatorColumn } from "./indicatorLayout";
import { columnLetter, columnRef } from "./addresses";
import {
  CHART_TOP,
  LEADING_COLUMNS,
  RADAR_TOP,
  TRAILING_COLUMNS,
  WEIGHTS_COLUMNS,
  type ColumnRole,
  type RoleHeaders,
} from "./contract";
import {
  contributionFormula,
  coverageFormula,
  pickFormula,
  positionRowFormula,
  profileFormula,
  rankFormula,
  scoreFormula,
  sortKeyFormula,
  type ResultsSources,
  type RowColumns,
} from "../formulas/scorecardFormulas";

export interface ScorecardConfig {
  criteria: CriterionConfig[];
  scale: Scale;
  missingPolicy: MissingPolicy;
}

/** Column letters of the Scorecard table (at A1 of its sheet). */
export interface ScorecardColumns extends RowColumns {
  type: string;
  parties: string;
  signed: string;
  rank: string;
  notes: string;
  /**
   * The indicators' columns (issue 16), when a criterion has indicators: as the header row places
   * them (columnsFromHeaders). Layouts computed for a new or flat scorecard have none.
   */
  indicators?: IndicatorColumn[];
}

export function scorecardHeaders(config: ScorecardConfig): string[] {
  return [...LEADING_COLUMNS, ...config.criteria.map((c) => c.name), ...TRAILING_COLUMNS];
}

/** Where each column of a table the add-in lays out sits, its first column at `firstColumn` (A). */
export function scorecardColumns(
  config: { criteria: readonly { id: string }[] },
  firstColumn = 0,
): ScorecardColumns {
  const n = config.criteria.length;
  const at = (i: number) => columnLetter(firstColumn + i);
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

/** Position of a column by its header (trimmed, case-insensitive); ColumnMissing names it. */
export function findHeader(
  headers: readonly unknown[],
  name: string,
  where: { table: string; sheet: string },
): number {
  const wanted = name.trim().toLowerCase();
  const i = headers.findIndex((h) => String(h).trim().toLowerCase() === wanted);
  if (i < 0) {
    throw new WorkbookError(
      "ColumnMissing",
      `Column "${name}" of table "${where.table}" (sheet "${where.sheet}") is missing: it was renamed or deleted. Rename the column back to "${name}" or undo the deletion.`,
      { ...where, column: name },
    );
  }
  return i;
}

/**
 * Where each role and criterion column sits, from the table's header row as it is now (the user
 * may have moved columns). Throws ColumnMissing naming the column, and refuses a layout in which
 * the three formula columns no longer sit side by side, since they are written as one block.
 */
export function columnsFromHeaders(
  headers: readonly unknown[],
  firstColumn: number,
  meta: { columns: RoleHeaders; criteria: CriterionMeta[] },
  where: { table: string; sheet: string },
): {
  columns: ScorecardColumns;
  index: Record<ColumnRole, number>;
  criterionIndex: number[];
  indicatorIndex: number[];
} {
  const find = (name: string) => findHeader(headers, name, where);
  const index = Object.fromEntries(
    (Object.keys(meta.columns) as ColumnRole[]).map((role) => [role, find(meta.columns[role])]),
  ) as Record<ColumnRole, number>;
  const criterionIndex = meta.criteria.map((c) => find(c.header));
  const indicators = indicatorColumnsFromHeaders(find, firstColumn, meta.criteria);
  if (index.score !== index.coverage + 1 || index.rank !== index.coverage + 2) {
    throw new WorkbookError(
      "ColumnMissing",
      `Columns "${meta.columns.coverage}", "${meta.columns.score}" and "${meta.columns.rank}" of table "${where.table}" must stay side by side in that order; move them back together.`,
      { ...where, column: meta.columns.score },
    );
  }
  const at = (i: number) => columnLetter(firstColumn + i);
  return {
    columns: {
      id: at(index.id),
      name: at(index.name),
      type: at(index.type),
      parties: at(index.parties),
      signed: at(index.signed),
      criteria: meta.criteria.map((c, k) => ({ criterionId: c.id, column: at(criterionIndex[k]) })),
      coverage: at(index.coverage),
      score: at(index.score),
      rank: at(index.rank),
      notes: at(index.notes),
      ...(indicators.columns.length > 0 ? { indicators: indicators.columns } : {}),
    },
    index,
    criterionIndex,
    indicatorIndex: indicators.index,
  };
}

/** What the row and Results formulas need from the metadata: the policy, the table and its headers. */
export type FormulaSource = Pick<ScorecardMeta, "missingPolicy" | "scorecardTable" | "columns" | "criteria">;

/** The three formula cells of one Scorecard row (Coverage, Weighted score, Rank), for Excel row `row`. */
export function scorecardRowFormulas(source: FormulaSource, cols: ScorecardColumns, row: number): string[] {
  return [
    coverageFormula(cols, row),
    scoreFormula(cols, row, source.missingPolicy),
    rankFormula(cols.score, row, columnRef(source.scorecardTable, source.columns.score)),
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
  /** The table position of the agreement at each place of the ranking. */
  indexColumn: "F",
  /** The sort key of table position k, on row k+1. */
  keyColumn: "G",
  /** First column of the contribution block (one column per criterion). */
  contributionStart: 8,
} as const;

/**
 * Ranking rows written beyond the agreements the add-in knows of: rows typed or pasted below the
 * table (which Excel takes into it) are ranked on the Results sheet without a repair, up to this many.
 */
export const RANKING_MARGIN = 100;

export function resultsSources(source: FormulaSource): ResultsSources {
  const ref = (header: string) => columnRef(source.scorecardTable, header);
  return {
    id: ref(source.columns.id),
    name: ref(source.columns.name),
    score: ref(source.columns.score),
    rank: ref(source.columns.rank),
    criteria: source.criteria.map((c) => ({ criterionId: c.id, ref: ref(c.header) })),
  };
}

/**
 * Ranking rows for positions first..last (1-based; Excel rows first+1..last+1), columns A:G: the
 * position, the ID, name, score and rank of the agreement in that position, its table position,
 * and the sort key of table position p (which lives on the same row as place p of the ranking).
 */
export function rankingRows(source: FormulaSource, first: number, last: number): (string | number)[][] {
  const src = resultsSources(source);
  const rows: (string | number)[][] = [];
  for (let p = first; p <= last; p++) {
    const row = p + 1;
    const indexCell = `$${RESULTS_LAYOUT.indexColumn}${row}`;
    rows.push([
      p,
      pickFormula(src.id, indexCell, true),
      pickFormula(src.name, indexCell, true),
      pickFormula(src.score, indexCell),
      pickFormula(src.rank, indexCell),
      positionRowFormula(RESULTS_LAYOUT.keyColumn, `${RESULTS_LAYOUT.positionColumn}${row}`),
      sortKeyFormula(src, p),
    ]);
  }
  return rows;
}

export function chartRowCount(agreementCount: number): number {
  return Math.max(1, Math.min(CHART_TOP, agreementCount));
}

/** Contribution block: header row, then one row per charted position, one column per criterion. */
export function contributionBlock(config: ScorecardConfig, source: FormulaSource, agreementCount: number) {
  const src = resultsSources(source);
  const rows = chartRowCount(agreementCount);
  const startColumn = RESULTS_LAYOUT.contributionStart;
  // Criterion names are user text: "=1+1" or "-Cost" must stay text, not become formulas.
  const values: (string | number)[][] = [config.criteria.map((c) => asText(c.name))];
  for (let p = 1; p <= rows; p++) {
    const indexCell = `$${RESULTS_LAYOUT.indexColumn}${p + 1}`;
    values.push(config.criteria.map((_, k) => contributionFormula(src, k, indexCell, config.missingPolicy)));
  }
  return { startColumn, values };
}

/** Radar block: criteria down, the leading agreements across, values on 0–100. */
export function radarBlock(config: ScorecardConfig, source: FormulaSource, agreementCount: number) {
  const src = resultsSources(source);
  const startColumn = RESULTS_LAYOUT.contributionStart + config.criteria.length + 1;
  const leaders = Math.max(1, Math.min(RADAR_TOP, agreementCount));
  const nameCol = columnLetter(2);
  const header: (string | number)[] = ["Criterion"];
  for (let q = 1; q <= leaders; q++)
    header.push(`=IF(${nameCol}${q + 1}="","(no agreement)",${nameCol}${q + 1})`);
  const values: (string | number)[][] = [header];
  config.criteria.forEach((c, k) => {
    const row: (string | number)[] = [asText(c.name)];
    for (let q = 1; q <= leaders; q++)
      row.push(profileFormula(src, k, `$${RESULTS_LAYOUT.indexColumn}${q + 1}`));
    values.push(row);
  });
  return { startColumn, leaders, values };
}
