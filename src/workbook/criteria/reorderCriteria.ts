/**
 * Reordering criteria: the Scorecard's criterion columns and the Weights rows in a new order,
 * through the same guarded write as every criteria change (editCriteria.ts writeCriteria).
 */
import { columnIndex, quoteSheet } from "../contract/addresses";
import { weightName } from "../contract/contract";
import { refuseWithIndicators } from "./indicatorRules";
import { WorkbookError } from "../errors";
import { WEIGHTS_LAYOUT, type ScorecardColumns, type ScorecardConfig } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { bodyRows } from "../team/teamFormulas";
import { asText } from "../contract/userText";
import { type CriteriaWriteOptions, weightRow, writeCriteria } from "./editCriteria";

type Cell = string | number | boolean;

/**
 * Puts the criteria in `order` (every id once). The columns the criteria occupy keep their places
 * in the table; each takes, in the new order, a criterion's header and every row's cell as it is
 * now (scores, or the team's consensus formulas, written again). The Weights rows the same.
 */
export async function reorderCriteria(
  run: ExcelRun,
  before: ScorecardData,
  order: readonly string[],
  options: CriteriaWriteOptions,
): Promise<ScorecardMeta> {
  const old = before.location.meta;
  const ids = old.criteria.map((c) => c.id);
  if (
    order.length !== ids.length ||
    new Set(order).size !== ids.length ||
    !order.every((id) => ids.includes(id))
  )
    throw new WorkbookError(
      "InvalidInput",
      `A new order must name each of the ${ids.length} criteria once (${ids.join(", ")}).`,
      { sheet: old.sheets.weights },
    );
  if (order.every((id, k) => id === ids[k])) return old;
  refuseWithIndicators(old, "Reordering the criteria");
  const at = (id: string) => ids.indexOf(id);
  const config: ScorecardConfig = {
    ...before.config,
    criteria: order.map((id) => before.config.criteria[at(id)]),
  };
  const criteria = order.map((id) => old.criteria[at(id)]);
  // The places: criterion columns left to right, Weights rows top to bottom.
  const slots = before.columns.criteria.map((c) => c.column).sort((a, b) => columnIndex(a) - columnIndex(b));
  const rowsOf = ids.map((id) => weightRow(before, id)).sort((a, b) => a - b);
  const columnOf = (id: string) => before.columns.criteria[at(id)].column;
  const cols: ScorecardColumns = {
    ...before.columns,
    criteria: order.map((id, k) => ({ criterionId: id, column: slots[k] })),
  };
  const { first, last } = bodyRows(before);
  const team = old.mode === "team";
  return writeCriteria(
    run,
    before,
    options,
    (context) => {
      const scorecard = context.workbook.worksheets.getItem(old.sheets.scorecard);
      const weights = context.workbook.worksheets.getItem(old.sheets.weights);
      return {
        cells: team
          ? null
          : new Map(
              ids.map((id) => [
                id,
                scorecard.getRange(`${columnOf(id)}${first}:${columnOf(id)}${last}`).load("values"),
              ]),
            ),
        weightRows: new Map(
          ids.map((id) => [
            id,
            weights.getRange(`A${weightRow(before, id)}:D${weightRow(before, id)}`).load("values"),
          ]),
        ),
      };
    },
    (context, looked) => {
      const workbook = context.workbook;
      const columns = workbook.tables.getItem(old.scorecardTable).columns;
      const scorecard = workbook.worksheets.getItem(old.sheets.scorecard);
      const weights = workbook.worksheets.getItem(old.sheets.weights);
      const moves = order
        .map((id, k) => ({ id, slot: slots[k], k }))
        .filter(({ id, slot }) => columnOf(id) !== slot);
      // Two passes, so that no header is ever taken twice (Excel would number the second one).
      const item = (slot: string) => columns.getItemAt(columnIndex(slot) - before.tableFirstColumn);
      moves.forEach(({ slot, k }) => (item(slot).name = `AS_moving_${old.versionStamp}_${k}`));
      moves.forEach(({ id, slot }) => (item(slot).name = old.criteria[at(id)].header));
      // Scores as values; text pasted into a score cell stays text.
      const cellsOf = (values: Cell[][]) =>
        values.map((r) => r.map((v) => (typeof v === "string" ? asText(v) : v)));
      for (const { id, slot } of moves) {
        if (looked.cells)
          scorecard.getRange(`${slot}${first}:${slot}${last}`).values = cellsOf(looked.cells.get(id)!.values);
      }
      order.forEach((id, k) => {
        const row = rowsOf[k];
        if (row === weightRow(before, id)) return;
        weights.getRange(`A${row}:D${row}`).values = cellsOf(looked.weightRows.get(id)!.values);
        workbook.names.getItem(weightName(id)).formula =
          `=${quoteSheet(old.sheets.weights)}!$${WEIGHTS_LAYOUT.normalizedColumn}$${row}`;
      });
      return {
        config,
        criteria,
        cols,
        weightRows: null,
        rewrite: "all",
        team,
        changes: [
          {
            what: "criteria reordered",
            agreementId: "",
            subject: "",
            before: before.config.criteria.map((c) => c.name).join(", "),
            after: config.criteria.map((c) => c.name).join(", "),
          },
        ],
      };
    },
  );
}
