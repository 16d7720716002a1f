/**
 * Writes the criterion weights: one batch, one sync (DESIGN.md §5). The weights are validated by
 * the model first (negative, non-finite and all-zero are errors, never silently fixed), and the
 * raw weights are written as the user gave them; the Weights sheet's formulas normalize them.
 */
import { normalizeWeights } from "../scoring/weights";
import { WorkbookError, explainExcelError } from "./errors";
import type { ScorecardData } from "./read";
import type { ExcelRun } from "./run";

export async function writeWeights(
  run: ExcelRun,
  data: ScorecardData,
  weights: Record<string, number>,
): Promise<void> {
  const { meta } = data.location;
  const ids = data.config.criteria.map((c) => c.id);
  for (const id of Object.keys(weights)) {
    if (!ids.includes(id)) {
      throw new WorkbookError("InvalidInput", `There is no criterion "${id}" in this scorecard.`, {
        sheet: meta.sheets.weights,
      });
    }
  }
  const next = ids.map((id) => weights[id] ?? data.config.criteria.find((c) => c.id === id)!.weight);
  normalizeWeights(next);
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(meta.sheets.weights);
    ids.forEach((id, k) => {
      if (id in weights) sheet.getRange(data.weightCells[id]).values = [[next[k]]];
    });
    try {
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, meta.sheets.weights);
    }
  });
}
