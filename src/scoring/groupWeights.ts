/**
 * Team weights from a panel of reviewers (issue 15): the aggregate of their pairwise judgments (AIJ)
 * or of their weights (mean or median), and how far each reviewer stands from the team.
 *
 * Reviewers are numbered from 1 in messages; `place.index` of a ScoringError is the reviewer's
 * zero-based position, `place.cell` the [row, column] of a judgment (see panel.ts).
 */
import { ahpWeights } from "./ahp";
import type { AhpResult } from "./ahp";
import { ScoringError } from "./errors";
import { ahpPanelConsensus } from "./groupConsensus";
import { asReviewer, importanceShares, normalizedPanel } from "./panel";
import { normalizeWeights } from "./weights";

export interface GroupAhpOptions {
  /** Importance per reviewer (same order as the matrices); equal when omitted. */
  importance?: readonly number[];
}

export interface GroupAhpResult extends AhpResult {
  /** The aggregate comparison matrix, a_ij = Π_k a_ij,k ^ s_k (s: importance shares). */
  matrix: number[][];
  /** Goepel's AHP consensus S* of the reviewers' own weights, 0..1 (see groupConsensus.ts). */
  consensus: number;
  /** Each reviewer's own eigenvector weights, λmax, CI and CR, in panel order. */
  reviewers: AhpResult[];
}

/**
 * Aggregation of individual judgments (AIJ; Aczél & Saaty 1983, Forman & Peniwati 1998): the
 * element-wise weighted geometric mean of the reviewers' comparison matrices, the only aggregate
 * that keeps the matrix reciprocal, then its principal eigenvector with λmax, CI and CR, as AHP-OS
 * and BPMSG's template do (Goepel, IJAHP 2018, eq. 11). Identical matrices give back that matrix
 * and its weights, with consensus 1.
 */
export function groupAhp(
  matrices: readonly (readonly (readonly number[])[])[],
  options: GroupAhpOptions = {},
): GroupAhpResult {
  if (!Array.isArray(matrices) || matrices.length === 0) {
    throw new ScoringError(
      "InvalidArgument",
      "No reviewers' comparison matrices were given; the team weights need at least one reviewer's judgments.",
    );
  }
  const reviewers = matrices.map((matrix, k) => {
    if (!Array.isArray(matrix)) {
      throw new ScoringError(
        "InvalidMatrix",
        `Reviewer ${k + 1} has no comparison matrix; give every reviewer a full matrix of judgments.`,
        { index: k },
      );
    }
    return asReviewer(k, () => ahpWeights(matrix));
  });
  const n = matrices[0].length;
  matrices.forEach((matrix, k) => {
    if (matrix.length !== n) {
      throw new ScoringError(
        "InvalidMatrix",
        `Reviewer ${k + 1}'s comparison matrix covers ${matrix.length} criteria but reviewer 1's covers ${n}; every reviewer must compare the same criteria, in the same order.`,
        { index: k },
      );
    }
  });
  const shares = importanceShares(options.importance, matrices.length);
  const matrix = aggregateJudgments(matrices, shares);
  return {
    matrix,
    ...ahpWeights(matrix),
    consensus: ahpPanelConsensus(
      reviewers.map((r) => r.weights),
      shares,
    ),
    reviewers,
  };
}

/** Upper triangle from Σ s_k ln a_ij,k; the lower one as its exact reciprocal. */
function aggregateJudgments(
  matrices: readonly (readonly (readonly number[])[])[],
  shares: readonly number[],
): number[][] {
  const n = matrices[0].length;
  const aggregate = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let logMean = 0;
      matrices.forEach((m, k) => (logMean += shares[k] * Math.log(m[i][j])));
      aggregate[i][j] = Math.exp(logMean);
      aggregate[j][i] = 1 / aggregate[i][j];
    }
  }
  return aggregate;
}

export type GroupWeightsMethod = "mean" | "median";

export interface GroupWeightsOptions {
  /** "mean" (default) or "median" of each criterion's weight over the reviewers. */
  method?: GroupWeightsMethod;
  /** Importance per reviewer (same order as the weights); equal when omitted. */
  importance?: readonly number[];
  /** Criterion ids (same order as each reviewer's weights), used in error messages. */
  criterionIds?: readonly string[];
}

/**
 * Team weights from the reviewers' weights, whatever method each used (a pairwise user contributes
 * their eigenvector): each reviewer's weights are normalized first, so that only proportions count;
 * then per criterion the importance-weighted mean, or the weighted median, and the result is
 * normalized (a mean of normalized vectors already sums to 1; medians in general do not).
 *
 * The weighted median of a criterion is the weight at which the reviewers' cumulative importance
 * (sorted by weight) reaches one half; where it reaches exactly one half the two weights either side
 * are averaged, so with equal importance it is the ordinary median. Reviewers of importance 0 are
 * left out. When every criterion's median is 0 (each reviewer backs a different criterion alone)
 * there are no team weights to normalize, and the error says so rather than inventing equal ones.
 */
export function groupWeights(
  weights: readonly (readonly number[])[],
  options: GroupWeightsOptions = {},
): number[] {
  const method: unknown = options.method ?? "mean";
  if (method !== "mean" && method !== "median") {
    throw new ScoringError(
      "InvalidArgument",
      `Aggregation ${JSON.stringify(method)} is unknown; use "mean" or "median".`,
    );
  }
  const vectors = normalizedPanel(weights, options.criterionIds);
  const shares = importanceShares(options.importance, vectors.length);
  const team = vectors[0].map((_, j) => {
    const column = vectors.map((w) => w[j]);
    return method === "mean" ? weightedMean(column, shares) : weightedMedian(column, shares);
  });
  if (team.every((w) => w === 0)) {
    throw new ScoringError(
      "AllWeightsZero",
      "The reviewers' median weight is 0 for every criterion: each backs criteria the others leave out. Discuss the weights, or use the mean.",
    );
  }
  return normalizeWeights(team, options.criterionIds);
}

function weightedMean(values: readonly number[], shares: readonly number[]): number {
  let total = 0;
  values.forEach((v, k) => (total += shares[k] * v));
  return total;
}

/** Shares sum to 1; a cumulative share within this of one half counts as exactly one half. */
const HALF_TOLERANCE = 1e-12;

function weightedMedian(values: readonly number[], shares: readonly number[]): number {
  const counted = values
    .map((value, k) => ({ value, share: shares[k] }))
    .filter((entry) => entry.share > 0)
    .sort((a, b) => a.value - b.value);
  let cumulative = 0;
  for (let i = 0; i < counted.length - 1; i++) {
    cumulative += counted[i].share;
    if (Math.abs(cumulative - 0.5) <= HALF_TOLERANCE) return (counted[i].value + counted[i + 1].value) / 2;
    if (cumulative > 0.5) return counted[i].value;
  }
  return counted[counted.length - 1].value;
}

export interface CriterionDisagreement {
  criterionId: string;
  /** Zero-based position of the criterion. */
  index: number;
  /** The reviewer's normalized weight and the team's, 0..1. */
  reviewerWeight: number;
  teamWeight: number;
  /** reviewerWeight − teamWeight in percentage points: positive where the reviewer weighs more. */
  difference: number;
}

export interface ReviewerDisagreement {
  /** Zero-based position of the reviewer in the panel. */
  reviewer: number;
  /**
   * Distance from the team weights in percentage points, 0–100: ½ Σ_j |w_rj − w_tj| × 100, the
   * number of points out of 100 this reviewer would have to move between criteria to arrive at the
   * team weights (the total-variation distance).
   */
  distance: number;
  /** Every criterion, largest |difference| first (ties in criterion order). */
  criteria: CriterionDisagreement[];
}

/**
 * Each reviewer's distance from the team weights, and the criteria they disagree on most.
 *
 * Why this distance: it reads in the units of the points mode ("move 12 of your 100 points"), it
 * stays between 0 and 100 whatever the number of criteria (Euclidean distance shrinks as criteria
 * are added and has no such reading), and it counts every criterion, where the largest single gap
 * (which `criteria[0]` gives anyway) ignores all but one.
 */
export function reviewerDisagreement(
  weights: readonly (readonly number[])[],
  team: readonly number[],
  criterionIds: readonly string[],
): ReviewerDisagreement[] {
  if (!Array.isArray(criterionIds) || !Array.isArray(team) || criterionIds.length !== team.length) {
    const ids = Array.isArray(criterionIds) ? criterionIds.length : 0;
    const teamLength = Array.isArray(team) ? team.length : 0;
    throw new ScoringError(
      "InvalidArgument",
      `Got ${ids} criterion ids for ${teamLength} team weights; pass one id per criterion, in the order of the weights.`,
    );
  }
  const teamWeights = normalizeWeights(team, criterionIds);
  const vectors = normalizedPanel(weights, criterionIds, teamWeights.length);
  return vectors.map((w, reviewer) => {
    const criteria = w.map((reviewerWeight, index) => ({
      criterionId: criterionIds[index],
      index,
      reviewerWeight,
      teamWeight: teamWeights[index],
      difference: 100 * (reviewerWeight - teamWeights[index]),
    }));
    const distance = criteria.reduce((total, c) => total + Math.abs(c.difference), 0) / 2;
    // Gaps equal in exact arithmetic may differ in the last bits; order those by position.
    const key = (c: CriterionDisagreement) => Math.round(Math.abs(c.difference) * 1e9);
    criteria.sort((a, b) => key(b) - key(a) || a.index - b.index);
    return { reviewer, distance, criteria };
  });
}
