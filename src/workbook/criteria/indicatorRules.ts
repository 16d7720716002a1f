/**
 * How criteria changes meet indicators (issue 16). A criterion's indicator columns follow a rename
 * of the criterion ("Criterion / Indicator" headers, the indicator weights table's Criterion
 * column). Team scoring works per indicator (team/leaves.ts).
 */
import { MAX_CRITERION_NAME } from "../../scoring/criteria";
import { INDICATOR_COLUMNS } from "../contract/contract";
import { INDICATORS_LAYOUT, indicatorHeader } from "../contract/indicatorLayout";
import type { CriterionMeta } from "../contract/meta";
import { asText } from "../contract/userText";
import { WorkbookError } from "../errors";
import type { ScorecardData } from "../model";

/**
 * The criterion's indicators with headers for its new name, and a queue that renames their
 * Scorecard columns and the Criterion cells of their rows in the indicator weights table. Throws,
 * before anything is written, when a header would pass Excel's 255 characters.
 */
export function renamedIndicators(data: ScorecardData, criterionId: string, name: string) {
  const meta = data.location.meta;
  const criterion = meta.criteria.find((c) => c.id === criterionId)!;
  const names = new Map(
    (data.config.criteria.find((c) => c.id === criterionId)?.indicators ?? []).map((i) => [i.id, i.name]),
  );
  const indicators = (criterion.indicators ?? []).map((i) => {
    const header = indicatorHeader(name, names.get(i.id) ?? i.header);
    if (header.length > MAX_CRITERION_NAME)
      throw new WorkbookError(
        "InvalidInput",
        `Renamed, criterion "${name}" would head its indicator "${names.get(i.id)}"'s column with ${header.length} characters, but Excel allows at most ${MAX_CRITERION_NAME}; choose a name shorter by ${header.length - MAX_CRITERION_NAME}.`,
        { sheet: meta.sheets.scorecard, column: criterion.header },
      );
    return { before: i, after: { ...i, header } };
  });
  const renamed: CriterionMeta =
    indicators.length > 0
      ? { ...criterion, header: name, indicators: indicators.map((i) => i.after) }
      : { ...criterion, header: name };
  return {
    criterion: renamed,
    queue(context: Excel.RequestContext) {
      if (indicators.length === 0) return;
      const table = context.workbook.tables.getItem(meta.scorecardTable);
      for (const i of indicators) table.columns.getItem(i.before.header).name = i.after.header;
      const weights = context.workbook.worksheets.getItem(meta.sheets.weights);
      const column = INDICATORS_LAYOUT.column(INDICATOR_COLUMNS.indexOf("Criterion"));
      for (const i of indicators) {
        const row = data.indicatorRows?.[i.before.id];
        if (row) weights.getRange(`${column}${row}`).values = [[asText(name)]];
      }
    },
  };
}
