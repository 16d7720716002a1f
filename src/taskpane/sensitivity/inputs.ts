import type { ScorecardData } from "../../workbook";
import { hasIndicators, sensitivityLeaves, type Leaf } from "./leaves";
/**
 * What the sensitivity analyses work on: the scorecard's leaves (leaves.ts: the criteria, with a
 * criterion's indicators in its place where it has them), the agreements whose leaves are all
 * scored (or, under the "zero" policy, with missing scores at the scale minimum), scores
 * normalized to 0–1, and the leaves' weights.
 */

export interface SensitivityInput {
  ids: string[];
  names: string[];
  /** Agreements × leaves, normalized to 0–1. */
  scores: number[][];
  /** The workbook's raw weights on a flat scorecard; the global weights where indicators exist. */
  weights: number[];
  /** The leaves' ids and names: criteria, or "Criterion / Indicator" for an indicator. */
  criterionIds: string[];
  criterionNames: string[];
  /** True when some criterion is replaced by its indicators: the analyses run on global weights. */
  onGlobalWeights: boolean;
  /** Agreements left out because some leaf is not scored, by name. */
  leftOut: string[];
  /**
   * Team scoring: each score's sample standard deviation among the reviewers, normalized like the
   * score (0 where fewer than two reviewers scored), so SMAA also draws scores within the team's
   * spread (docs/architecture.md §2). Absent when no score is disputed.
   */
  scoreSpread?: number[][];
}

/** The analyses on the leaves (the Sensitivity tab and sheet). */
export function sensitivityInput(data: ScorecardData): SensitivityInput {
  return inputOver(data, sensitivityLeaves(data.config), hasIndicators(data.config));
}

/**
 * The analyses on the criteria themselves, each scored as read (a criterion with indicators by the
 * score they give): for what is set per criterion only, the panel's weights and the Sensitivity
 * sheet's one-at-a-time table. The same as sensitivityInput on a flat scorecard.
 */
export function criterionSensitivityInput(data: ScorecardData): SensitivityInput {
  return inputOver(data, sensitivityLeaves({ criteria: data.config.criteria.map(withoutIndicators) }), false);
}

function withoutIndicators<T extends { indicators?: unknown }>(criterion: T): T {
  return { ...criterion, indicators: undefined };
}

function inputOver(data: ScorecardData, leaves: Leaf[], onGlobalWeights: boolean): SensitivityInput {
  const { scale, missingPolicy } = data.config;
  const width = scale.max - scale.min;
  const input: SensitivityInput = {
    ids: [],
    names: [],
    scores: [],
    weights: leaves.map((leaf) => leaf.weight),
    criterionIds: leaves.map((leaf) => leaf.id),
    criterionNames: leaves.map((leaf) => leaf.name),
    onGlobalWeights,
    leftOut: [],
  };
  const seen = new Set<string>();
  for (const a of data.agreements) {
    if (a.id === "" || seen.has(a.id.toLowerCase())) continue;
    seen.add(a.id.toLowerCase());
    const raw = leaves.map((leaf) => leaf.score(a));
    const complete = raw.every((s) => s !== null);
    if (!complete && missingPolicy !== "zero") {
      input.leftOut.push(a.name || a.id);
      continue;
    }
    input.ids.push(a.id);
    input.names.push(a.name || a.id);
    input.scores.push(raw.map((s) => (s === null ? 0 : (s - scale.min) / width)));
  }
  const sd = new Map(data.consensus.map((c) => [`${c.agreementId}\u0000${c.criterionId}`, c.sd ?? 0]));
  const spread = input.ids.map((id) => leaves.map((leaf) => (sd.get(`${id}\u0000${leaf.id}`) ?? 0) / width));
  if (spread.some((row) => row.some((x) => x > 0))) input.scoreSpread = spread;
  return input;
}
