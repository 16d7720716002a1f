/**
 * The Scorecard's side of team scoring (docs/architecture.md §2 "Several reviewers"): each criterion cell
 * shows its agreement's consensus from the index of the reviews, found by the row's ID, and a
 * conditional format flags the cells to discuss. Both find the agreement by ID, so they follow
 * sorts and inserted rows of the Scorecard.
 */
import { SHEET_LAST_ROW } from "../contract/addresses";
import { chunkRows, jsonBytes, queueInChunks } from "../write/payload";
import { scorecardRowFormulas } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { ScorecardData } from "../model";
import { consensusFormula, discussRuleFormula } from "./reviewFormulas";
import { criterionFormulas, queueCriterionFormulas } from "../scorecard/indicatorCells";
import { leafColumns, scoredLeaves, throughIndicatorColumns } from "./leaves";

/** The discuss flag's look: Excel's "Neutral" amber, readable in light and dark themes. */
export const DISCUSS_FILL = "#FFEB9C";
export const DISCUSS_FONT = "#9C5700";

/**
 * The leaves (leaves.ts: criteria scored directly and indicators) in the order of the index's
 * blocks: by id, so that it does not depend on the order of the Scorecard's columns. A change of
 * indicators in team mode rebuilds the index (criteria/editIndicators.ts).
 */
export const indexCriteria = (meta: Parameters<typeof scoredLeaves>[0]) =>
  scoredLeaves(meta)
    .map((l) => l.id)
    .sort();

/**
 * The team's formulas for Scorecard rows first..last: the consensus in each leaf's cells (a
 * criterion scored directly, an indicator), the formula of each criterion scored through its
 * indicators, and the row's own three formulas. Also used when agreements are added to a team
 * scorecard: the index needs no row for an agreement nobody reviewed yet.
 */
export function queueTeamRows(
  context: Excel.RequestContext,
  data: Pick<ScorecardData, "columns">,
  meta: ScorecardMeta,
  first: number,
  last: number,
) {
  const cols = data.columns;
  const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
  const blocks = indexCriteria(meta);
  const rows = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  for (const c of leafColumns(meta, cols)) {
    const k = blocks.indexOf(c.leafId);
    sheet.getRange(`${c.column}${first}:${c.column}${last}`).formulas = rows.map((row) => [
      consensusFormula(`$${cols.id}${row}`, k),
    ]);
  }
  queueCriterionFormulas(sheet, meta, cols, first, last);
  sheet.getRange(`${cols.coverage}${first}:${cols.rank}${last}`).formulas = rows.map((row) =>
    scorecardRowFormulas(meta, cols, row),
  );
}

/**
 * Every team formula of the Scorecard, and the discuss formats of its criterion columns (also after
 * a reorder), for a Scorecard of any size: the rows' formulas in chunks under the payload budget,
 * each synced but the last, which is left queued (with the formats) for the caller's sync.
 */
export async function writeTeamFormulas(
  context: Excel.RequestContext,
  data: Pick<ScorecardData, "columns" | "rows" | "headerRow">,
  meta: ScorecardMeta,
) {
  const { first, last } = bodyRows(data);
  // Rows differ only in their row numbers: the last row's formulas are the longest.
  const perRow = teamRowBytes(data, meta, last);
  await queueInChunks(
    context,
    chunkRows(last - first + 1, () => perRow),
    (from, to) => queueTeamRows(context, data, meta, first + from, first + to - 1),
  );
  queueDiscussFormats(context, data, meta);
}

/** What queueTeamRows sends for Scorecard row `row`: its formulas, and each one's own brackets. */
export function teamRowBytes(data: Pick<ScorecardData, "columns">, meta: ScorecardMeta, row: number): number {
  const cols = data.columns;
  const blocks = indexCriteria(meta);
  const formulas = [
    ...leafColumns(meta, cols).map((c) => consensusFormula(`$${cols.id}${row}`, blocks.indexOf(c.leafId))),
    ...criterionFormulas(meta, cols, row).values(),
    ...scorecardRowFormulas(meta, cols, row),
  ];
  return jsonBytes(formulas) + 4 * formulas.length;
}

/**
 * The discuss flag's conditional format on each leaf's column, found by the row's ID; none on a
 * criterion scored through indicators (it may have had one while it was scored directly).
 */
function queueDiscussFormats(
  context: Excel.RequestContext,
  data: Pick<ScorecardData, "columns" | "headerRow">,
  meta: ScorecardMeta,
) {
  const cols = data.columns;
  const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
  const blocks = indexCriteria(meta);
  // From the first body row (below the header, and below the header band when there is one).
  const top = data.headerRow + 1;
  for (const column of throughIndicatorColumns(meta, cols))
    sheet.getRange(`${column}${top}:${column}${SHEET_LAST_ROW}`).conditionalFormats.clearAll();
  for (const c of leafColumns(meta, cols)) {
    const range = sheet.getRange(`${c.column}${top}:${c.column}${SHEET_LAST_ROW}`);
    range.conditionalFormats.clearAll();
    const format = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType.custom);
    format.custom.rule.formula = discussRuleFormula(`$${cols.id}${top}`, blocks.indexOf(c.leafId));
    format.custom.format.fill.color = DISCUSS_FILL;
    format.custom.format.font.color = DISCUSS_FONT;
  }
}

/** The Scorecard rows that hold agreements, first to last (the row below the header alone for an empty scorecard). */
export function bodyRows(data: Pick<ScorecardData, "rows" | "headerRow">) {
  if (data.rows.length === 0) return { first: data.headerRow + 1, last: data.headerRow + 1 };
  // Not Math.min(...rows): spreading 100,000 arguments overflows the call stack.
  return {
    first: data.rows.reduce((a, b) => Math.min(a, b)),
    last: data.rows.reduce((a, b) => Math.max(a, b)),
  };
}
