/**
 * Writes weights (docs/architecture.md §5): criteria's, and indicators' local weights in the
 * indicator weights table (by id, weightNodes.ts). The weights are validated by the model first
 * (negative, non-finite and all-zero are errors, never silently fixed), and the raw weights are
 * written as the user gave them; the Weights sheet's formulas normalize them. Only the criteria
 * given are written, each after checking in the same batch that nobody changed it since `data` was
 * read (conflicts.ts); every change goes to the Audit sheet. Two syncs: look, then write.
 */
import { auditValue, type Change } from "../write/audit";
import { ConflictError, sameValue, type Conflict } from "../write/conflicts";
import { WorkbookError, explainExcelError } from "../errors";
import type { ExcelRun } from "../run";
import { writeBatch } from "../write/session";
import type { ScorecardData } from "../model";
import type { ScorecardMeta } from "../contract/meta";
import { checkNodeWeights, weightNodes } from "./weightNodes";

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
  const nodes = weightNodes(data);
  for (const id of Object.keys(weights)) {
    if (!nodes.some((n) => n.id === id)) {
      throw new WorkbookError(
        "InvalidInput",
        `There is no criterion or indicator "${id}" in this scorecard.`,
        {
          sheet: meta.sheets.weights,
        },
      );
    }
  }
  checkNodeWeights(data, weights);
  const changed = nodes.filter((n) => n.id in weights && !sameValue(weights[n.id], n.weight));
  if (changed.length === 0 && !options.cause) return;
  const writes = [meta.sheets.weights];
  await writeBatch(
    run,
    meta,
    { author: options.author, now: options.now, writes },
    async (context, session) => {
      const sheet = context.workbook.worksheets.getItem(meta.sheets.weights);
      const cells = changed.map((n) => sheet.getRange(n.cell).load("values"));
      try {
        await context.sync();
      } catch (error) {
        throw explainExcelError(error, meta.sheets.weights);
      }
      await session.ready();
      // A co-author may have turned the team weights on since the read.
      refuseTeamWeights(session.fresh);
      const conflicts: Conflict[] = [];
      changed.forEach((n, k) => {
        const now = cells[k].values[0][0];
        // A cell that already holds the new value is no conflict (e.g. a batch run again).
        if (!sameValue(now, n.weight) && !sameValue(now, weights[n.id]))
          conflicts.push({
            what: "weight",
            agreementId: "",
            subject: `${n.criterionId ? "local weight" : "weight"} of ${n.name}`,
            seen: auditValue(n.weight),
            now: auditValue(now),
          });
      });
      if (conflicts.length > 0) throw new ConflictError(conflicts, meta.sheets.weights);
      changed.forEach((n, k) => (cells[k].values = [[weights[n.id]]]));
      if (options.cause) session.record([options.cause]);
      // A local weight is recorded as setIndicators records one (criteria/editIndicators.ts).
      session.record(
        changed.map((n): Change =>
          n.criterionId
            ? {
                what: "indicator edited",
                agreementId: "",
                subject: n.name,
                before: `local weight: ${auditValue(n.weight)}`,
                after: `local weight: ${auditValue(weights[n.id])}`,
              }
            : {
                what: "weight",
                agreementId: "",
                subject: n.name,
                before: auditValue(n.weight),
                after: auditValue(weights[n.id]),
              },
        ),
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
