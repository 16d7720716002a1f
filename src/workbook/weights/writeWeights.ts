/**
 * Writes the criterion weights (docs/architecture.md §5). The weights are validated by the model first
 * (negative, non-finite and all-zero are errors, never silently fixed), and the raw weights are
 * written as the user gave them; the Weights sheet's formulas normalize them. Only the criteria
 * given are written, each after checking in the same batch that nobody changed it since `data` was
 * read (conflicts.ts); every change goes to the Audit sheet. Two syncs: look, then write.
 */
import { normalizeWeights } from "../../scoring/weights";
import { auditValue, type Change } from "../write/audit";
import { ConflictError, sameValue, type Conflict } from "../write/conflicts";
import { WorkbookError, explainExcelError } from "../errors";
import type { ExcelRun } from "../run";
import { writeBatch } from "../write/session";
import type { ScorecardData } from "../model";
import type { ScorecardMeta } from "../contract/meta";

export interface WeightWriteOptions {
  /** Recorded as "who" in the Audit sheet. */
  author: string;
  /** Recorded before the weight changes, e.g. the profile applied. */
  cause?: Change;
  now?: Date;
}

export async function writeWeights(
  run: ExcelRun,
  data: ScorecardData,
  weights: Record<string, number>,
  options: WeightWriteOptions,
): Promise<void> {
  const { meta } = data.location;
  refuseTeamWeights(meta);
  const criteria = data.config.criteria;
  for (const id of Object.keys(weights)) {
    if (!criteria.some((c) => c.id === id)) {
      throw new WorkbookError("InvalidInput", `There is no criterion "${id}" in this scorecard.`, {
        sheet: meta.sheets.weights,
      });
    }
  }
  normalizeWeights(
    criteria.map((c) => weights[c.id] ?? c.weight),
    criteria.map((c) => c.name),
  );
  const changed = criteria.filter((c) => c.id in weights && !sameValue(weights[c.id], c.weight));
  if (changed.length === 0 && !options.cause) return;
  const writes = [meta.sheets.weights];
  await writeBatch(
    run,
    meta,
    { author: options.author, now: options.now, writes },
    async (context, session) => {
      const sheet = context.workbook.worksheets.getItem(meta.sheets.weights);
      const cells = changed.map((c) => sheet.getRange(data.weightCells[c.id]).load("values"));
      try {
        await context.sync();
      } catch (error) {
        throw explainExcelError(error, meta.sheets.weights);
      }
      await session.ready();
      // A co-author may have turned the team weights on since the read.
      refuseTeamWeights(session.fresh);
      const conflicts: Conflict[] = [];
      changed.forEach((c, k) => {
        const now = cells[k].values[0][0];
        // A cell that already holds the new value is no conflict (e.g. a batch run again).
        if (!sameValue(now, c.weight) && !sameValue(now, weights[c.id]))
          conflicts.push({
            what: "weight",
            agreementId: "",
            subject: `weight of ${c.name}`,
            seen: auditValue(c.weight),
            now: auditValue(now),
          });
      });
      if (conflicts.length > 0) throw new ConflictError(conflicts, meta.sheets.weights);
      changed.forEach((c, k) => (cells[k].values = [[weights[c.id]]]));
      if (options.cause) session.record([options.cause]);
      session.record(
        changed.map((c) => ({
          what: "weight",
          agreementId: "",
          subject: c.name,
          before: auditValue(c.weight),
          after: auditValue(weights[c.id]),
        })),
      );
      session.commit();
      try {
        await context.sync();
      } catch (error) {
        throw explainExcelError(error, meta.sheets.weights);
      }
    },
  );
}

/**
 * With the team weights on, the Weight column is the reviewers' (weights/teamBlock.ts): typing
 * plain weights over its formulas would silently stop them following the reviewers.
 */
function refuseTeamWeights(meta: ScorecardMeta) {
  if (meta.mode === "team" && meta.teamWeights !== null)
    throw new WorkbookError(
      "InvalidInput",
      `The weights on sheet "${meta.sheets.weights}" are the team's, computed from each reviewer's own weights (${meta.teamWeights.method}); nothing was written. Set your own weights under "My weights", or turn the team weights off on the Weights tab to share one set again.`,
      { sheet: meta.sheets.weights, column: "Weight" },
    );
}
