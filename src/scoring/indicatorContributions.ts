/**
 * The weighted score split by leaf (issue 16): what each indicator, and each criterion scored
 * directly, adds to an agreement's weighted score, for the Results sheet's contribution-by-indicator
 * chart. A criterion's points (contributions, under the missing-score policy) are shared among its
 * indicators in proportion to v_k·(s_k − min), which is how the criterion's score is made of them,
 * so the leaves of an agreement add up to its weighted score exactly as the criteria do.
 */
import { deriveCriterionScores, type HierarchicalScoreInput } from "./indicatorScores";
import { indicatorsOf, normalizedLocalWeights } from "./indicatorTree";
import { contributions } from "./score";

export interface ContributionLeaf {
  criterionId: string;
  /** Null for a criterion scored directly. */
  indicatorId: string | null;
}

export interface LeafContributions {
  /** Criteria in input order, each criterion's indicators in the tree's order in its place. */
  leaves: ContributionLeaf[];
  /** Per agreement, in input order: points per leaf, aligned with `leaves`; null where the score is null. */
  agreements: { id: string; points: (number | null)[] }[];
}

export function leafContributions(input: HierarchicalScoreInput): LeafContributions {
  const derived = deriveCriterionScores(input);
  const byCriterion = contributions({
    criteria: input.criteria,
    scale: input.scale,
    missing: input.missing,
    agreements: derived,
  });
  const nodes = input.criteria.map(({ id }) => {
    const indicators = indicatorsOf(input.indicators, id);
    return { id, indicators, weights: indicators.length > 0 ? normalizedLocalWeights(id, indicators) : [] };
  });
  const leaves = nodes.flatMap(({ id, indicators }): ContributionLeaf[] =>
    indicators.length === 0
      ? [{ criterionId: id, indicatorId: null }]
      : indicators.map((i) => ({ criterionId: id, indicatorId: i.id })),
  );
  const min = input.scale.min;
  const agreements = byCriterion.map(({ id, points }, a) => {
    const scores = input.agreements[a].scores;
    return {
      id,
      points: nodes.flatMap(({ indicators, weights }, j) => {
        const criterionPoints = points[j];
        if (indicators.length === 0) return [criterionPoints];
        // A missing indicator adds nothing: "zero" counts it at the minimum, the others leave it out.
        const shares = indicators.map((i, k) => {
          const s = scores[i.id];
          return s === null || s === undefined ? 0 : weights[k] * (s - min);
        });
        const total = shares.reduce((x, y) => x + y, 0);
        return shares.map((share) =>
          criterionPoints === null ? null : total === 0 ? 0 : (criterionPoints * share) / total,
        );
      }),
    };
  });
  return { leaves, agreements };
}
