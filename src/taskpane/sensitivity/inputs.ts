import type { ScorecardData } from "../../workbook";
/**
 * What the sensitivity analyses work on: the agreements whose scores are complete (or, under the
 * "zero" policy, with missing scores at the scale minimum), scores normalized to 0–1, and the
 * workbook's weights.
 */

export interface SensitivityInput {
  ids: string[];
  names: string[];
  /** Agreements × criteria, normalized to 0–1. */
  scores: number[][];
  /** The workbook's raw weights. */
  weights: number[];
  criterionIds: string[];
  criterionNames: string[];
  /** Agreements left out because criteria are not scored, by name. */
  leftOut: string[];
  /**
   * Team scoring: each score's sample standard deviation among the reviewers, normalized like the
   * score (0 where fewer than two reviewers scored), so SMAA also draws scores within the team's
   * spread (docs/architecture.md §2). Absent when no score is disputed.
   */
  scoreSpread?: number[][];
}

export function sensitivityInput(data: ScorecardData): SensitivityInput {
  const { criteria, scale, missingPolicy } = data.config;
  const width = scale.max - scale.min;
  const input: SensitivityInput = {
    ids: [],
    names: [],
    scores: [],
    weights: criteria.map((c) => c.weight),
    criterionIds: criteria.map((c) => c.id),
    criterionNames: criteria.map((c) => c.name),
    leftOut: [],
  };
  const seen = new Set<string>();
  for (const a of data.agreements) {
    if (a.id === "" || seen.has(a.id.toLowerCase())) continue;
    seen.add(a.id.toLowerCase());
    const raw = criteria.map((c) => a.scores[c.id]);
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
  const spread = input.ids.map((id) => criteria.map((c) => (sd.get(`${id}\u0000${c.id}`) ?? 0) / width));
  if (spread.some((row) => row.some((x) => x > 0))) input.scoreSpread = spread;
  return input;
}
