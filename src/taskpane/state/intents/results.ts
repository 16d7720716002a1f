/**
 * Results intents: what the add-in writes beside the scores — the Sensitivity sheet, the charts on
 * the Results sheet, and the formulas it owns (Repair formulas).
 */
import { type ScorecardData, type SensitivityRun, withOneAtATime } from "../../../workbook";
import type { StoreCore } from "../core";
import { criterionSensitivityInput, sensitivityInput } from "../../sensitivity/inputs";
import { centralWeightsByCriterion, hasIndicators, sensitivityLeaves } from "../../sensitivity/leaves";

/**
 * Writes a finished SMAA run, with the one-at-a-time intervals at the current weights, to the
 * Sensitivity sheet (seed, settings, tables and a native chart).
 */
export function writeSensitivity(core: StoreCore, run: Omit<SensitivityRun, "oneAtATime">): Promise<boolean> {
  return core.operation(
    "Writing the Sensitivity sheet…",
    "The Sensitivity sheet was not written",
    async () => {
      const data = await core.gateway.read(core.requireData().location);
      await core.gateway.writeSensitivity(
        data,
        withOneAtATime(withLeaves(run, data), criterionSensitivityInput(data), sensitivityInput(data)),
      );
      await core.refreshAndReport("The Sensitivity sheet holds this run, its seed and settings.");
    },
  );
}

/**
 * A run over the indicators' global weights goes to the Sensitivity sheet at both levels: its
 * central weights summed per criterion (the criteria's own central weights) beside its central
 * weights per leaf, and one-at-a-time per criterion (its indicators in step) beside per leaf.
 */
function withLeaves(run: Omit<SensitivityRun, "oneAtATime">, data: ScorecardData) {
  if (!hasIndicators(data.config)) return run;
  const leaves = sensitivityLeaves(data.config);
  if (run.smaa.centralWeights.some((row) => row.length !== leaves.length)) {
    throw new Error(
      "The scorecard's criteria or indicators changed since this run; run the analysis again, then write it to the Sensitivity sheet.",
    );
  }
  const criterionIds = data.config.criteria.map((c) => c.id);
  const centralWeights = centralWeightsByCriterion(run.smaa.centralWeights, leaves, criterionIds);
  return {
    ...run,
    smaa: { ...run.smaa, centralWeights },
    leaves: { names: leaves.map((leaf) => leaf.name), centralWeights: run.smaa.centralWeights },
  };
}

export function refreshCharts(core: StoreCore): Promise<boolean> {
  return core.operation("Rebuilding the charts…", "The charts were not rebuilt", async () => {
    const fresh = await core.gateway.read(core.requireData().location);
    await core.gateway.refreshCharts(fresh);
    await core.refreshAndReport("Charts rebuilt on the Results sheet.");
  });
}

/** Writes back every formula the add-in owns (Results tab, "Repair formulas"). */
export function repairFormulas(core: StoreCore): Promise<boolean> {
  return core.operation("Repairing the formulas…", "The formulas were not repaired", async () => {
    const fresh = await core.gateway.read(core.requireData().location);
    await core.gateway.repairFormulas(fresh, core.author);
    await core.refreshAndReport(
      "Formulas written back on the Scorecard and Results sheets; no value anyone typed was changed. The Audit sheet records it.",
    );
  });
}
