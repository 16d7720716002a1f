/**
 * Weights in the two-level scorecard: local weights among one criterion's indicators, by any method
 * of the Weights tab (the criterion-level functions of weights.ts and ahp.ts applied to the node),
 * and global weights, criterion weight × local weight, which the score is linear in.
 */
import { ahpCheck, pairwiseFromUpper, type AhpCheck, type PairwiseJudgment } from "./ahp";
import { ScoringError } from "./errors";
import {
  checkTreeShape,
  forIndicators,
  indicatorsOf,
  normalizedLocalWeights,
  type Indicator,
  type IndicatorTree,
} from "./indicatorTree";
import { DEFAULT_SCALE } from "./scale";
import { scoreAgreements } from "./score";
import type { WeightedCriterion } from "./types";
import { normalizeWeights, pointsToWeights, rocFromRanks, type PointsWeights } from "./weights";

/** One criterion and its indicators: a node of the hierarchy. */
export interface IndicatorNode {
  criterionId: string;
  indicators: readonly Indicator[];
}

/**
 * How the local weights are set, one entry per indicator in the node's order:
 * - direct: the indicators' own localWeight, normalized (setWeightWithLocks moves them with locks);
 * - points: points out of 100;
 * - rank: 1 = most important, ties allowed → rank-order centroid;
 * - pairwise: one judgment per pair i < j of indicator positions → AHP eigenvector, with its CR.
 */
export type LocalWeighting =
  | { method: "direct" }
  | { method: "points"; points: readonly number[] }
  | { method: "rank"; ranks: readonly number[] }
  | { method: "pairwise"; judgments: readonly PairwiseJudgment[]; threshold?: number };

export interface LocalWeights {
  criterionId: string;
  /** Normalized (sum 1), aligned with the node's indicators. */
  weights: number[];
  /** Points mode: the points handed out and how many are left, as the Weights tab shows them. */
  points?: Omit<PointsWeights, "weights">;
  /** Pairwise mode: λmax, CI, CR against the threshold, and the judgments to revisit. */
  consistency?: AhpCheck;
}

/** The local weights of one node by `weighting`; errors name the criterion and the indicator. */
export function localWeights(
  node: IndicatorNode,
  weighting: LocalWeighting = { method: "direct" },
): LocalWeights {
  const { criterionId, indicators } = node;
  checkTreeShape([criterionId], { [criterionId]: indicators });
  if (indicators.length === 0) {
    throw new ScoringError(
      "InvalidArgument",
      `Criterion "${criterionId}" has no indicators to weight; add an indicator or score the criterion directly.`,
      { criterionId },
    );
  }
  const inNode = <T>(compute: () => T) => forIndicators(criterionId, indicators, compute);
  switch (weighting.method) {
    case "direct":
      return { criterionId, weights: normalizedLocalWeights(criterionId, indicators) };
    case "points": {
      checkCount(node, weighting.points, "points");
      const { weights, ...points } = inNode(() => pointsToWeights(weighting.points));
      return { criterionId, weights, points };
    }
    case "rank":
      checkCount(node, weighting.ranks, "ranks");
      return { criterionId, weights: inNode(() => rocFromRanks(weighting.ranks)) };
    case "pairwise": {
      const consistency = inNode(() =>
        ahpCheck(pairwiseFromUpper(indicators.length, weighting.judgments), weighting.threshold),
      );
      return { criterionId, weights: consistency.weights, consistency };
    }
    default:
      throw new ScoringError(
        "InvalidArgument",
        `Weighting method ${JSON.stringify((weighting as { method: unknown }).method)} is unknown; use "direct", "points", "rank" or "pairwise".`,
        { criterionId },
      );
  }
}

function checkCount(node: IndicatorNode, values: readonly unknown[], noun: string): void {
  const n = node.indicators.length;
  if (!Array.isArray(values) || values.length !== n) {
    const got = Array.isArray(values) ? values.length : "no";
    throw new ScoringError(
      "InvalidArgument",
      `Criterion "${node.criterionId}" has ${n} indicators but ${got} ${noun} were given; give one per indicator, in the indicators' order.`,
      { criterionId: node.criterionId },
    );
  }
}

/** A leaf of the hierarchy: an indicator, or a criterion scored directly (indicatorId null). */
export interface GlobalWeight {
  criterionId: string;
  indicatorId: string | null;
  /** Normalized criterion weight × normalized local weight (the criterion weight for a direct criterion). */
  weight: number;
}

export interface GlobalWeights {
  /** Every leaf, criteria in input order and each criterion's indicators in order; they sum to 1. */
  leaves: GlobalWeight[];
  /** Each criterion's normalized weight, which its leaves sum to. */
  criteria: { criterionId: string; weight: number }[];
}

/**
 * Global weights from the criterion weights (raw, normalized here) and the indicators' local weights
 * (raw, normalized within each criterion): g = w_criterion · v_indicator. Since the local weights
 * sum to 1 under each criterion, the leaves of a criterion sum to its weight and all leaves to 1.
 */
export function globalWeights(criteria: readonly WeightedCriterion[], tree: IndicatorTree): GlobalWeights {
  const weights = normalizedCriterionWeights(criteria);
  checkTreeShape(
    criteria.map((criterion) => criterion.id),
    tree,
  );
  const leaves: GlobalWeight[] = [];
  criteria.forEach(({ id: criterionId }, j) => {
    const indicators = indicatorsOf(tree, criterionId);
    if (indicators.length === 0) {
      leaves.push({ criterionId, indicatorId: null, weight: weights[j] });
      return;
    }
    normalizedLocalWeights(criterionId, indicators).forEach((local, k) =>
      leaves.push({ criterionId, indicatorId: indicators[k].id, weight: weights[j] * local }),
    );
  });
  return { leaves, criteria: criteria.map(({ id }, j) => ({ criterionId: id, weight: weights[j] })) };
}

/** The criterion weights normalized, after the flat model's checks of the criteria (ids and weights). */
function normalizedCriterionWeights(criteria: readonly WeightedCriterion[]): number[] {
  // Scoring no agreement runs exactly the checks scoreAgreements makes of the criteria, with its messages.
  scoreAgreements({ criteria: criteria.slice(), scale: DEFAULT_SCALE, agreements: [] });
  return normalizeWeights(
    criteria.map((criterion) => criterion.weight),
    criteria.map((criterion) => criterion.id),
  );
}
