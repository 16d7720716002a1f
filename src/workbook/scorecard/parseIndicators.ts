/**
 * The two-level scorecard as one read loaded it (issue 16), pure: the indicators' definitions and
 * local weights from the indicator weights table, each agreement's indicator scores with every
 * unusable cell as an issue at its address, and the check of each criterion cell that the add-in
 * computes from its indicators (a value typed over it is reported, never trusted).
 */
import { criterionScoreFromIndicators } from "../../scoring/indicatorScores";
import { normalizedLocalWeights, type Indicator } from "../../scoring/indicatorTree";
import { ScoringError } from "../../scoring/errors";
import type { MissingPolicy, Scale } from "../../scoring/types";
import { columnLetter } from "../contract/addresses";
import { INDICATOR_COLUMNS, INVALID_MARK } from "../contract/contract";
import { findHeader } from "../contract/layout";
import type { CriterionMeta, ScorecardMeta } from "../contract/meta";
import { WorkbookError } from "../errors";
import type { CellIssue } from "../model";

type Cell = string | number | boolean;

export interface TableRead {
  header: Cell[];
  body: { values: Cell[][]; rowIndex: number; columnIndex: number };
}

/** Scores are rounded to 10 decimals downstream; a criterion cell agrees within this. */
const TOLERANCE = 1e-9;

/**
 * Each criterion's indicators as the indicator weights table holds them (names, definitions and
 * local weights typed there flow through), with the sheet row of each. A row gone, or a local
 * weight that is not a number of 0 or more, or all zero under a criterion, is an error naming the
 * cell, since no criterion score could be trusted.
 */
export function readIndicatorTable(
  meta: ScorecardMeta,
  table: TableRead | null,
): { tree: Record<string, Indicator[]>; rows: Record<string, number> } {
  const tree: Record<string, Indicator[]> = {};
  const rows: Record<string, number> = {};
  const withIndicators = meta.criteria.filter((c) => (c.indicators ?? []).length > 0);
  if (withIndicators.length === 0) return { tree, rows };
  const sheet = meta.sheets.weights;
  const name = meta.indicatorsTable ?? "";
  if (table === null) throw tableGone(meta);
  const where = { table: name, sheet };
  const [idCol, nameCol, definitionCol, weightCol] = [1, 3, 4, 5].map((k) =>
    findHeader(table.header, INDICATOR_COLUMNS[k], where),
  );
  const { values, rowIndex, columnIndex } = table.body;
  for (const c of withIndicators) {
    tree[c.id] = c.indicators!.map((i) => {
      const index = values.findIndex((r) => String(r[idCol]) === i.id);
      if (index < 0)
        throw new WorkbookError(
          "ColumnMissing",
          `Indicator "${i.header}" (id ${i.id}) has no row in table "${name}" (sheet "${sheet}"); undo the deletion of that row.`,
          { ...where, column: i.header },
        );
      const row = rowIndex + index + 1;
      const weight = values[index][weightCol];
      if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0)
        throw new WorkbookError(
          "InvalidInput",
          `The local weight of indicator "${i.header}" (sheet "${sheet}", ${columnLetter(columnIndex + weightCol)}${row}) is ${JSON.stringify(weight)}; enter a number of 0 or more.`,
          { ...where, row, column: INDICATOR_COLUMNS[5] },
        );
      rows[i.id] = row;
      const definition = String(values[index][definitionCol]);
      return {
        id: i.id,
        name: String(values[index][nameCol]) || i.header,
        ...(definition === "" ? {} : { definition }),
        ...(i.anchors ? { anchors: i.anchors } : {}),
        localWeight: weight,
      };
    });
    try {
      normalizedLocalWeights(c.id, tree[c.id]);
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      const cells = c.indicators!.map((i) => `${columnLetter(columnIndex + weightCol)}${rows[i.id]}`);
      throw new WorkbookError(
        "InvalidInput",
        `Every local weight of criterion "${c.header}"'s indicators is 0 (sheet "${sheet}", ${cells.join(", ")}), so its score cannot be computed; give at least one indicator a local weight above 0.`,
        { ...where, row: rows[c.indicators![0].id], column: INDICATOR_COLUMNS[5] },
      );
    }
  }
  return { tree, rows };
}

function tableGone(meta: ScorecardMeta): WorkbookError {
  const name = meta.indicatorsTable ?? "(none recorded)";
  return new WorkbookError(
    "TableMissing",
    `The indicator weights table "${name}" (sheet "${meta.sheets.weights}") is gone: it was deleted, converted to a range or renamed. Undo that change, or rename the table back to "${name}".`,
    { table: name, sheet: meta.sheets.weights },
  );
}

export interface IndicatorRow {
  /** The row's cells, the Scorecard table's first column at index 0. */
  cells: Cell[];
  row: number;
  agreementId: string;
  /** The agreement as the messages name it. */
  label: string;
}

export interface IndicatorContext {
  sheet: string;
  firstColumn: number;
  scale: Scale;
  policy: MissingPolicy;
  /** Indicator id → its column's index in the table. */
  indicatorIndex: Map<string, number>;
}

/**
 * One criterion's indicator scores in one row, an issue at each unusable indicator cell (its
 * criterion named, so the Weighted score is expected to show INVALID_MARK), the criterion score the
 * model gives, and an issue when the criterion cell shows anything else.
 */
export function indicatorRowScores(
  ctx: IndicatorContext,
  criterion: CriterionMeta,
  indicators: readonly Indicator[],
  criterionIndex: number,
  at: IndicatorRow,
): { score: number | null; scores: Record<string, number | null>; issues: CellIssue[] } {
  const { sheet, scale } = ctx;
  const issues: CellIssue[] = [];
  const scores: Record<string, number | null> = {};
  for (const i of criterion.indicators ?? []) {
    const index = ctx.indicatorIndex.get(i.id)!;
    const value = at.cells[index];
    const address = `${columnLetter(ctx.firstColumn + index)}${at.row}`;
    scores[i.id] = null;
    if (value === "" || value === null) continue;
    if (typeof value === "number" && value >= scale.min && value <= scale.max) {
      scores[i.id] = value;
      continue;
    }
    const head = `${sheet}!${address} (agreement "${at.label}", ${i.header})`;
    issues.push({
      sheet,
      address,
      row: at.row,
      column: i.header,
      agreementId: at.agreementId,
      criterionId: criterion.id,
      indicatorId: i.id,
      message:
        typeof value === "number"
          ? `${head}: ${value} is off the scale ${scale.min}–${scale.max}; enter a value from ${scale.min} to ${scale.max}. Its criterion "${criterion.header}" shows "${INVALID_MARK}" until then.`
          : `${head}: "${String(value)}" is not a number; enter a score from ${scale.min} to ${scale.max}, or clear the cell. Its criterion "${criterion.header}" shows "${INVALID_MARK}" until then.`,
    });
  }
  const invalid = issues.length > 0;
  const score = invalid
    ? null
    : criterionScoreFromIndicators(
        indicators.map((i) => scores[i.id]),
        normalizedLocalWeights(criterion.id, indicators),
        scale,
        ctx.policy,
      );
  const shown = at.cells[criterionIndex];
  const typedOver = invalid ? shown !== INVALID_MARK : !sameScore(shown, score);
  if (typedOver) {
    const address = `${columnLetter(ctx.firstColumn + criterionIndex)}${at.row}`;
    const gives = invalid ? `"${INVALID_MARK}"` : score === null ? "nothing" : String(score);
    issues.push({
      sheet,
      address,
      row: at.row,
      column: criterion.header,
      agreementId: at.agreementId,
      repairable: true,
      message: `${sheet}!${address} (agreement "${at.label}", ${criterion.header}) shows ${shown === "" ? "nothing" : JSON.stringify(shown)} but its formula gives ${gives} from the scores of its indicators: the formula was typed over or changed (or Excel has not recalculated: Formulas › Calculate Now). The pane uses ${gives}; score the indicators, and "Repair formulas" on the Results tab writes the formula back.`,
    });
  }
  return { score, scores, issues };
}

function sameScore(shown: Cell, want: number | null): boolean {
  if (want === null) return shown === "";
  return typeof shown === "number" && Math.abs(shown - want) <= TOLERANCE * Math.max(1, Math.abs(want));
}
