/**
 * Where the two-level scorecard's parts sit (issue 16), pure. Each indicator has a Scorecard column
 * right after its criterion's (or after the criterion's previous indicator), headed
 * "Criterion / Indicator"; the criterion's own column then holds its score as a formula over them.
 * The "Criterion / Indicator" headers stay true through sorting, filtering and column moves; the
 * header band above the table (scorecard/headerBand.ts) names each criterion over its group.
 * The indicator weights table sits on the Weights sheet from column J, beside the criteria's table
 * (A:E) and the scale (G:H), so that adding criteria, which grows the criteria's table downwards,
 * never runs into it.
 */
import type { Indicator } from "../../scoring/indicatorTree";
import { columnLetter, columnRef } from "./addresses";
import { INDICATOR_COLUMNS, INDICATOR_HEADER_SEPARATOR } from "./contract";
import type { CriterionMeta } from "./meta";
import { asText } from "./userText";
import {
  globalWeightFormula,
  normalizedLocalWeightFormula,
  type IndicatorCell,
} from "../formulas/indicatorFormulas";

/** An indicator's Scorecard column, with the criterion it belongs to. */
export interface IndicatorColumn extends IndicatorCell {
  criterionId: string;
}

/** The header of an indicator's Scorecard column. */
export const indicatorHeader = (criterionHeader: string, indicatorName: string) =>
  `${criterionHeader}${INDICATOR_HEADER_SEPARATOR}${indicatorName}`;

/** The indicator weights table: at J1 of the Weights sheet, one row per indicator below its header. */
export const INDICATORS_LAYOUT = {
  firstColumn: 9,
  /** Column letters of the table's columns, in INDICATOR_COLUMNS' order. */
  column: (k: number) => columnLetter(9 + k),
} as const;

const col = (header: (typeof INDICATOR_COLUMNS)[number]) =>
  INDICATORS_LAYOUT.column(INDICATOR_COLUMNS.indexOf(header));

/** The cell of the normalized local weight of the indicator on Excel row `row`, which AS_L_<id> names. */
export const normalizedLocalCell = (row: number) => `${col("Normalized local weight")}${row}`;
export const localWeightCell = (row: number) => `${col("Local weight")}${row}`;

/** The table's rows for these criteria's indicators, from Excel row 2, criteria in order. */
export function indicatorTableRows(
  table: string,
  criteria: readonly { id: string; name: string; indicators?: readonly Indicator[] }[],
): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const criterion of criteria)
    for (const indicator of criterion.indicators ?? []) {
      const row = rows.length + 2;
      const cells = {
        criterionId: `${col("Criterion ID")}${row}`,
        localWeight: localWeightCell(row),
        normalized: normalizedLocalCell(row),
        criterionIds: columnRef(table, "Criterion ID"),
        localWeights: columnRef(table, "Local weight"),
      };
      rows.push([
        asText(criterion.id),
        asText(indicator.id),
        asText(criterion.name),
        asText(indicator.name),
        asText(indicator.definition ?? ""),
        indicator.localWeight,
        normalizedLocalWeightFormula(cells),
        globalWeightFormula(criterion.id, cells),
      ]);
    }
  return rows;
}

/**
 * Each indicator's Scorecard column from the header row as it is now, found by `find` (layout.ts
 * findHeader, whose ColumnMissing names an indicator column that was renamed or deleted by hand).
 */
export function indicatorColumnsFromHeaders(
  find: (header: string) => number,
  firstColumn: number,
  criteria: readonly CriterionMeta[],
): { columns: IndicatorColumn[]; index: number[] } {
  const columns: IndicatorColumn[] = [];
  const index: number[] = [];
  for (const c of criteria)
    for (const i of c.indicators ?? []) {
      const at = find(i.header);
      index.push(at);
      columns.push({ criterionId: c.id, indicatorId: i.id, column: columnLetter(firstColumn + at) });
    }
  return { columns, index };
}
