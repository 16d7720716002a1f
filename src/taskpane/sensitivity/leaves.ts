/**
 * What the sensitivity analyses weigh (issue 16): the leaves of the scorecard. A criterion scored
 * directly is a leaf with its own weight and score; a criterion with indicators gives way to its
 * indicators, each weighted by its global weight (criterion × local, scoring/indicatorWeights.ts)
 * and scored by its own score, named by its Scorecard header "Criterion / Indicator". The weighted
 * score is linear in the leaf weights, so the analyses move what an analyst actually sets.
 */
import { globalWeights } from "../../scoring/indicators";
import { indicatorHeader, type AgreementRecord, type ScorecardConfig } from "../../workbook";
// The taskpane's only reach past the workbook's index: the one place the header format is defined.

export interface Leaf {
  /** The criterion's id, or the indicator's (unique across the scorecard). */
  id: string;
  name: string;
  /** The criterion this leaf weighs for (its own id for a criterion scored directly). */
  criterionId: string;
  /** Raw criterion weight on a flat scorecard (as before); the global weight where indicators exist. */
  weight: number;
  /** The agreement's score of this leaf on the scale, null when not scored. */
  score: (agreement: AgreementRecord) => number | null;
}

/** True when any criterion is scored through indicators. */
export function hasIndicators(config: Pick<ScorecardConfig, "criteria">): boolean {
  return config.criteria.some((c) => (c.indicators ?? []).length > 0);
}

/** The scorecard's leaves, criteria in order and each criterion's indicators in column order. */
export function sensitivityLeaves(config: Pick<ScorecardConfig, "criteria">): Leaf[] {
  const { criteria } = config;
  const directLeaf = (c: (typeof criteria)[number], weight: number): Leaf => ({
    id: c.id,
    name: c.name,
    criterionId: c.id,
    weight,
    score: (a) => a.scores[c.id] ?? null,
  });
  // A flat scorecard keeps its raw weights: the analyses normalize them, as they always did.
  if (!hasIndicators(config)) return criteria.map((c) => directLeaf(c, c.weight));
  const tree = Object.fromEntries(criteria.map((c) => [c.id, c.indicators ?? []]));
  const global = globalWeights(
    criteria.map((c) => ({ id: c.id, weight: c.weight })),
    tree,
  );
  const byId = new Map(criteria.map((c) => [c.id, c]));
  return global.leaves.map(({ criterionId, indicatorId, weight }) => {
    const criterion = byId.get(criterionId)!;
    if (indicatorId === null) return directLeaf(criterion, weight);
    const indicator = criterion.indicators!.find((i) => i.id === indicatorId)!;
    return {
      id: indicatorId,
      name: indicatorHeader(criterion.name, indicator.name),
      criterionId,
      weight,
      score: (a) => a.indicatorScores?.[indicatorId] ?? null,
    };
  });
}

/**
 * Central weights over the leaves summed per criterion: a central weight is a mean of weight
 * vectors, and a criterion's weight is the sum of its leaves', so the sums are the criteria's own
 * central weights. For the Sensitivity sheet, whose tables are laid out by criterion.
 */
export function centralWeightsByCriterion(
  centralWeights: readonly (readonly number[])[],
  leaves: readonly Leaf[],
  criterionIds: readonly string[],
): number[][] {
  const column = new Map(criterionIds.map((id, j) => [id, j]));
  return centralWeights.map((row) => {
    const sums = criterionIds.map(() => 0);
    row.forEach((w, k) => (sums[column.get(leaves[k].criterionId)!] += w));
    return sums;
  });
}
