/**
 * Reordering criteria: the Scorecard's criterion columns (with their indicators' columns, issue 16)
 * and the Weights rows in a new order, through the same guarded write as every criteria change
 * (editCriteria.ts writeCriteria).
 */
import { columnIndex, quoteSheet } from "../contract/addresses";
import { weightName } from "../contract/contract";
import { WorkbookError } from "../errors";
import { WEIGHTS_LAYOUT, type ScorecardColumns, type ScorecardConfig } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { bodyRows } from "../team/teamFormulas";
import { asText } from "../contract/userText";
import { criterionFromIndicatorsFormula } from "../formulas/indicatorFormulas";
import { queueColumnFormulas } from "../write/payload";
import { updateIndicatorOutline, type OutlineOption } from "../scorecard/indicatorOutline";
import { type CriteriaWriteOptions, weightRow, writeCriteria } from "./editCriteria";

type Cell = string | number | boolean;

/** A Scorecard column a reorder moves: a criterion's own, or one of its indicators'. */
interface MovingColumn {
  header: string;
  /** Where it is now. */
  column: string;
  criterionId: string;
  indicatorId: string | null;
  /** A criterion scored through indicators: its cells are a formula over them, written again. */
  computed: boolean;
}

/** The criterion's columns in order: its own, then its indicators' (issue 16). */
function columnsOf(before: ScorecardData, id: string): MovingColumn[] {
  const meta = before.location.meta.criteria.find((c) => c.id === id)!;
  const indicators = (before.columns.indicators ?? []).filter((c) => c.criterionId === id);
  const header = new Map((meta.indicators ?? []).map((i) => [i.id, i.header]));
  return [
    {
      header: meta.header,
      column: before.columns.criteria.find((c) => c.criterionId === id)!.column,
      criterionId: id,
      indicatorId: null,
      computed: indicators.length > 0,
    },
    ...indicators.map((i) => ({
      header: header.get(i.indicatorId)!,
      column: i.column,
      criterionId: id,
      indicatorId: i.indicatorId,
      computed: false,
    })),
  ];
}

/**
 * Puts the criteria in `order` (every id once). The columns the criteria and their indicators
 * occupy keep their places in the table; each takes, in the new order, a header and every row's
 * cell as it is now (scores as values, the team's consensus formulas and a criterion's formula over
 * its indicators written again). The Weights rows the same.
 */
export async function reorderCriteria(
  run: ExcelRun,
  before: ScorecardData,
  order: readonly string[],
  options: CriteriaWriteOptions & OutlineOption,
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
  // In team scoring every leaf cell is a consensus formula, written again below for the leaves'
  // new columns (the index of the reviews is by leaf id, whatever the order): nothing typed moves.
  const team = old.mode === "team";
  const at = (id: string) => ids.indexOf(id);
  const config: ScorecardConfig = {
    ...before.config,
    criteria: order.map((id) => before.config.criteria[at(id)]),
  };
  const criteria = order.map((id) => old.criteria[at(id)]);
  // The places: the criteria's and indicators' columns left to right, Weights rows top to bottom.
  const current = ids.flatMap((id) => columnsOf(before, id));
  const slots = current.map((c) => c.column).sort((a, b) => columnIndex(a) - columnIndex(b));
  const placed = order.flatMap((id) => columnsOf(before, id)).map((c, k) => ({ ...c, slot: slots[k] }));
  const moves = placed.filter((c) => c.column !== c.slot);
  const rowsOf = ids.map((id) => weightRow(before, id)).sort((a, b) => a - b);
  const cols: ScorecardColumns = {
    ...before.columns,
    criteria: placed
      .filter((c) => c.indicatorId === null)
      .map((c) => ({ criterionId: c.criterionId, column: c.slot })),
    ...(before.columns.indicators
      ? {
          indicators: placed
            .filter((c) => c.indicatorId !== null)
            .map((c) => ({ criterionId: c.criterionId, indicatorId: c.indicatorId!, column: c.slot })),
        }
      : {}),
  };
  const { first, last } = bodyRows(before);
  const written = await writeCriteria(
    run,
    before,
    options,
    (context) => {
      const scorecard = context.workbook.worksheets.getItem(old.sheets.scorecard);
      const weights = context.workbook.worksheets.getItem(old.sheets.weights);
      return {
        // Typed scores of the columns that move; computed ones are written again from the layout.
        cells: team
          ? null
          : new Map(
              moves
                .filter((c) => !c.computed)
                .map((c) => [
                  c.column,
                  scorecard.getRange(`${c.column}${first}:${c.column}${last}`).load("values"),
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
    async (context, looked) => {
      const workbook = context.workbook;
      const columns = workbook.tables.getItem(old.scorecardTable).columns;
      const scorecard = workbook.worksheets.getItem(old.sheets.scorecard);
      const weights = workbook.worksheets.getItem(old.sheets.weights);
      // Two passes, so that no header is ever taken twice (Excel would number the second one).
      const item = (slot: string) => columns.getItemAt(columnIndex(slot) - before.tableFirstColumn);
      moves.forEach(({ slot }, k) => (item(slot).name = `AS_moving_${old.versionStamp}_${k}`));
      moves.forEach(({ slot, header }) => (item(slot).name = header));
      // Scores as values; text pasted into a score cell stays text.
      const cellsOf = (values: Cell[][]) =>
        values.map((r) => r.map((v) => (typeof v === "string" ? asText(v) : v)));
      for (const { column, slot } of moves) {
        const cells = looked.cells?.get(column);
        if (cells) scorecard.getRange(`${slot}${first}:${slot}${last}`).values = cellsOf(cells.values);
      }
      await queueComputedCriteria(context, old, placed, first, last);
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
  // Each criterion's indicators now sit in other columns: the groups go with them.
  await updateIndicatorOutline(run, before, cols, options);
  return written;
}

/** Each criterion scored through indicators: its formula over its indicators' new columns, in its new column. */
async function queueComputedCriteria(
  context: Excel.RequestContext,
  meta: ScorecardMeta,
  placed: readonly (MovingColumn & { slot: string })[],
  first: number,
  last: number,
) {
  const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
  for (const criterion of placed.filter((c) => c.computed)) {
    const own = placed
      .filter((c) => c.criterionId === criterion.criterionId && c.indicatorId !== null)
      .map((c) => ({ indicatorId: c.indicatorId!, column: c.slot }));
    await queueColumnFormulas(context, sheet, criterion.slot, { first, last }, (row) =>
      criterionFromIndicatorsFormula(own, row, meta.missingPolicy),
    );
  }
}
