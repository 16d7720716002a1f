/**
 * Removing a criterion: its Scorecard column, its indicators' columns (issue 16), its Weights row
 * and AS_W_<id>, its rows of the indicator weights table and their AS_L_ names, in one guarded
 * write with the rewrite every criteria change makes (editCriteria.ts writeCriteria).
 *
 * What the analyst typed and loses is counted, refused unless confirmed, and recorded one Audit row
 * per score: the criterion's own scores when it is scored directly, its indicators' scores when it
 * has indicators (its own cells then only showed what they gave).
 */
import { normalizeWeights } from "../../scoring/weights";
import { columnIndex, columnLetter } from "../contract/addresses";
import { weightName } from "../contract/contract";
import { indicatorTableRows } from "../contract/indicatorLayout";
import type { ScorecardConfig } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import { WorkbookError } from "../errors";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { auditValue, type Change } from "../write/audit";
import {
  criterionOf,
  mapColumns,
  refuseInTeamMode,
  staleText,
  weightRow,
  writeCriteria,
  type CriteriaWriteOptions,
} from "./editCriteria";
import { queueIndicatorTable, queueLocalWeightNames } from "./editIndicators";
import { updateIndicatorOutline, type OutlineOption } from "../scorecard/indicatorOutline";

/** The scores removing criterion `index` deletes: what was typed for it, directly or per indicator. */
function typedScores(before: ScorecardData, index: number) {
  const meta = before.location.meta.criteria[index];
  const config = before.config.criteria[index];
  const indicators = config.indicators ?? [];
  if (indicators.length === 0)
    return before.agreements
      .filter((a) => a.scores[config.id] !== null)
      .map((a) => ({ agreementId: a.id, subject: config.name, value: a.scores[config.id]! }));
  const headerOf = new Map((meta.indicators ?? []).map((i) => [i.id, i.header]));
  return before.agreements.flatMap((a) =>
    indicators.flatMap((i) => {
      const value = a.indicatorScores?.[i.id] ?? null;
      return value === null ? [] : [{ agreementId: a.id, subject: headerOf.get(i.id)!, value }];
    }),
  );
}

export async function removeCriterion(
  run: ExcelRun,
  before: ScorecardData,
  id: string,
  options: CriteriaWriteOptions & OutlineOption & { confirmDataLoss?: boolean },
): Promise<ScorecardMeta> {
  const old = before.location.meta;
  refuseInTeamMode(old);
  const { index, config: removed, meta: criterion } = criterionOf(before, id);
  if (old.criteria.length === 1) {
    throw new WorkbookError("InvalidInput", "A scorecard needs at least one criterion.", {
      sheet: old.sheets.weights,
    });
  }
  const indicators = removed.indicators ?? [];
  const lost = typedScores(before, index);
  if (lost.length > 0 && !options.confirmDataLoss) {
    const held =
      indicators.length > 0
        ? `"${criterion.header}": its ${indicators.length} indicators hold`
        : `"${criterion.header}" holds`;
    throw new WorkbookError(
      "WouldOverwrite",
      `Criterion ${held} ${lost.length} score(s); removing it deletes them. Confirm to remove it.`,
      { sheet: old.sheets.scorecard, column: criterion.header },
    );
  }
  const config: ScorecardConfig = {
    ...before.config,
    criteria: before.config.criteria.filter((c) => c.id !== id),
  };
  normalizeWeights(
    config.criteria.map((c) => c.weight),
    config.criteria.map((c) => c.name),
  );
  // The criterion's column and its indicators'; every column right of one moves left once for each.
  const ownIndicators = (before.columns.indicators ?? []).filter((c) => c.criterionId === id);
  const deleted = [before.columns.criteria[index].column, ...ownIndicators.map((c) => c.column)].map(
    columnIndex,
  );
  const cols = mapColumns(
    {
      ...before.columns,
      criteria: before.columns.criteria.filter((c) => c.criterionId !== id),
      ...(before.columns.indicators
        ? { indicators: before.columns.indicators.filter((c) => c.criterionId !== id) }
        : {}),
    },
    (letter) => columnLetter(columnIndex(letter) - deleted.filter((d) => d < columnIndex(letter)).length),
  );
  const removedRow = weightRow(before, id);
  const rows = old.criteria
    .filter((c) => c.id !== id)
    .map((c) => weightRow(before, c.id))
    .map((r) => (r > removedRow ? r - 1 : r));
  const remainingIndicators = config.criteria.some((c) => (c.indicators ?? []).length > 0);
  const written = await writeCriteria(
    run,
    before,
    options,
    (context) => (indicators.length > 0 ? context.workbook.names.load("items/name") : null),
    (context, names) => {
      const workbook = context.workbook;
      const columns = workbook.tables.getItem(old.scorecardTable).columns;
      columns.getItem(criterion.header).delete();
      for (const i of criterion.indicators ?? []) columns.getItem(i.header).delete();
      // Formulas that name the criterion's weight are rewritten in this same batch.
      workbook.names.getItem(weightName(id)).delete();
      workbook.worksheets.getItem(old.sheets.weights).getRange(`A${removedRow}:E${removedRow}`).delete("Up");
      if (names && old.indicatorsTable) {
        // The indicator weights table written again without the criterion's rows, names re-pointed.
        const table = old.indicatorsTable;
        queueIndicatorTable(context, old, table, indicatorTableRows(table, config.criteria), true);
        queueLocalWeightNames(context, old, before, index, [], new Set(names.items.map((n) => n.name)));
      }
      const changes: Change[] = [
        {
          what: "criterion removed",
          agreementId: "",
          subject: removed.name,
          before: `id ${id}, weight ${auditValue(removed.weight)}, ${
            indicators.length > 0 ? `${indicators.length} indicators, ` : ""
          }${lost.length} score(s)`,
          after: "",
        },
        // Each deleted score, so every agreement's history says what it lost.
        ...lost.map((l) => ({
          what: "score" as const,
          agreementId: l.agreementId,
          subject: l.subject,
          before: auditValue(l.value),
          after: "",
        })),
      ];
      return {
        config,
        criteria: old.criteria.filter((c) => c.id !== id),
        cols,
        weightRows: rows,
        rewrite: "all",
        changes,
        stale: staleText(`criterion "${removed.name}" was removed`, options.now),
        ...(indicators.length > 0
          ? { indicatorsTable: remainingIndicators ? old.indicatorsTable : null }
          : {}),
      };
    },
  );
  // Columns right of the removed ones shifted left inside the table: the groups follow them.
  await updateIndicatorOutline(run, before, cols, options);
  return written;
}
