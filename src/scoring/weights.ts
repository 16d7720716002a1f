/**
 * Criterion weights (docs/architecture.md §2): normalization, and the ways a user sets them other than pairwise
 * comparison (see ahp.ts): equal, direct with locks, points out of 100, and rank-order centroid.
 * Invalid input is always an error that names the weight; nothing is silently repaired.
 */
import { ScoringError } from "./errors";

/** The budget of the points mode ("distribute 100"). */
export const POINTS_BUDGET = 100;

/**
 * Scales non-negative finite weights so that they sum to 1, keeping their ratios. Throws
 * InvalidArgument for an empty list, InvalidWeight for a negative or non-finite weight and
 * AllWeightsZero when nothing is left to normalize. `criterionIds`, when given (same order), lets the
 * messages name the criterion as well as the position.
 */
export function normalizeWeights(weights: readonly number[], criterionIds?: readonly string[]): number[] {
  checkNonNegative(weights, "Weight", criterionIds);
  let total = sum(weights);
  let scaled: readonly number[] = weights;
  if (!Number.isFinite(total)) {
    // Weights near the float maximum overflow when added; dividing by the largest first keeps ratios.
    const largest = Math.max(...weights);
    scaled = weights.map((w) => w / largest);
    total = sum(scaled);
  }
  if (total === 0) {
    throw new ScoringError(
      "AllWeightsZero",
      `All ${weights.length} weights are zero, so the criteria cannot be weighted; give at least one criterion a positive weight.`,
    );
  }
  return scaled.map((w) => w / total);
}

/** n equal weights of 1/n. */
export function equalWeights(n: number): number[] {
  checkCount(n, "equal weights");
  return new Array<number>(n).fill(1 / n);
}

export interface PointsWeights {
  /** The points normalized to sum 1 (so 30/30/30 gives equal weights even though 10 points are left). */
  weights: number[];
  /** The points handed out. */
  total: number;
  /** POINTS_BUDGET − total: positive when points are left, negative when over budget. */
  remaining: number;
  /** True when the total is 100 (within 1e-9, to absorb float noise from decimals). */
  balanced: boolean;
}

/**
 * The points mode: each criterion gets points out of 100. The weights always follow the points'
 * ratios; `balanced` and `remaining` let the pane say "10 points left" instead of silently fixing it.
 */
export function pointsToWeights(points: readonly number[], criterionIds?: readonly string[]): PointsWeights {
  checkNonNegative(points, "Points", criterionIds);
  const total = sum(points);
  if (total === 0) {
    throw new ScoringError(
      "AllWeightsZero",
      `No points have been given to any of the ${points.length} criteria; distribute ${POINTS_BUDGET} points across them.`,
    );
  }
  const remaining = POINTS_BUDGET - total;
  return {
    weights: normalizeWeights(points, criterionIds),
    total,
    remaining,
    balanced: Math.abs(remaining) <= 1e-9 * POINTS_BUDGET,
  };
}

/**
 * Rank-order centroid weights for n criteria ranked 1 (most important) to n: w_i = (1/n)·Σ_{k=i..n} 1/k
 * (Barron & Barrett 1996, "Decision quality using ranked attribute weights", Management Science
 * 42(11)). They are the centroid of the set of weights that respect the ranking.
 */
export function rankOrderCentroid(n: number): number[] {
  checkCount(n, "rank-order centroid weights");
  const weights = new Array<number>(n);
  // Summing the tail from the smallest term up is both O(n) and the most accurate order.
  let tail = 0;
  for (let i = n; i >= 1; i--) {
    tail += 1 / i;
    weights[i - 1] = tail / n;
  }
  return weights;
}

/**
 * Rank-order centroid weights from a rank per criterion (1 = most important), ties allowed.
 * Criteria are ordered by rank and given the ROC weights of positions 1..n; criteria that share a
 * rank share the average of the ROC weights of the positions they occupy together. Only the order of
 * the ranks matters, so "1, 2, 2, 4" and "1, 2, 2, 3" give the same weights; the sum stays 1.
 */
export function rocFromRanks(ranks: readonly number[], criterionIds?: readonly string[]): number[] {
  const n = ranks.length;
  checkCount(n, "rank-order centroid weights");
  ranks.forEach((rank, index) => {
    if (typeof rank !== "number" || !Number.isInteger(rank) || rank < 1 || rank > n) {
      throw new ScoringError(
        "InvalidArgument",
        `${label("Rank", index, n, criterionIds)} is ${String(rank)}; enter a whole number from 1 (most important) to ${n}.`,
        placeOf(index, criterionIds),
      );
    }
  });
  const roc = rankOrderCentroid(n);
  const order = ranks
    .map((rank, index) => ({ rank, index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  const weights = new Array<number>(n);
  for (let start = 0; start < n;) {
    let end = start;
    while (end < n && order[end].rank === order[start].rank) end++;
    const shared = sum(roc.slice(start, end)) / (end - start);
    for (let k = start; k < end; k++) weights[order[k].index] = shared;
    start = end;
  }
  return weights;
}

export interface LockedWeightChange {
  /** The new normalized weights (sum 1). */
  weights: number[];
  /** The share actually given to the criterion that was set. */
  share: number;
  /** True when the requested share could not be given as asked (out of 0–1, or limited by locks). */
  clamped: boolean;
}

/**
 * The direct mode: set criterion `index` to `newShare` of the total (0–1) and rebalance the unlocked
 * others, keeping their ratios (or sharing the remainder equally when they are all 0). Locked weights
 * never move, so the share is clamped to what the locks leave free; when no other weight is unlocked,
 * nothing can absorb the change and the normalized weights come back unchanged with `clamped` set.
 * `locked[index]` is ignored: a lock protects a weight from changes made elsewhere, not from the
 * user setting it directly.
 */
export function setWeightWithLocks(
  weights: readonly number[],
  locked: readonly boolean[],
  index: number,
  newShare: number,
): LockedWeightChange {
  const current = normalizeWeights(weights);
  const n = current.length;
  if (locked.length !== n) {
    throw new ScoringError(
      "InvalidArgument",
      `Got ${locked.length} lock flags for ${n} weights; pass one lock flag per weight.`,
    );
  }
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new ScoringError(
      "InvalidArgument",
      `Weight index ${index} does not exist; choose a position from 1 to ${n} (index 0 to ${n - 1}).`,
      { index },
    );
  }
  if (typeof newShare !== "number" || Number.isNaN(newShare)) {
    throw new ScoringError(
      "InvalidArgument",
      `The new share for weight ${index + 1} is ${String(newShare)}; enter a number from 0 to 1 (0 % to 100 %).`,
      { index },
    );
  }
  const free: number[] = [];
  let lockedTotal = 0;
  current.forEach((w, j) => {
    if (j === index) return;
    if (locked[j]) lockedTotal += w;
    else free.push(j);
  });
  if (free.length === 0) {
    return { weights: current, share: current[index], clamped: newShare !== current[index] };
  }
  const maxShare = Math.max(0, 1 - lockedTotal);
  const share = Math.min(Math.max(newShare, 0), maxShare);
  const remainder = Math.max(0, 1 - lockedTotal - share);
  const freeTotal = sum(free.map((j) => current[j]));
  const next = current.slice();
  next[index] = share;
  for (const j of free) {
    next[j] = freeTotal > 0 ? (current[j] * remainder) / freeTotal : remainder / free.length;
  }
  return { weights: next, share, clamped: share !== newShare };
}

function checkNonNegative(values: readonly number[], noun: string, criterionIds?: readonly string[]): void {
  if (values.length === 0) {
    throw new ScoringError("InvalidArgument", `No ${noun.toLowerCase()} given; enter one per criterion.`);
  }
  values.forEach((value, index) => {
    const fix =
      noun === "Points"
        ? "enter zero or a positive number of points"
        : "enter zero or a positive number (0 leaves the criterion out)";
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new ScoringError(
        "InvalidWeight",
        `${label(noun, index, values.length, criterionIds)} is ${describe(value)}, not a finite number; ${fix}.`,
        placeOf(index, criterionIds),
      );
    }
    if (value < 0) {
      throw new ScoringError(
        "InvalidWeight",
        `${label(noun, index, values.length, criterionIds)} is ${value}, which is negative; ${fix}.`,
        placeOf(index, criterionIds),
      );
    }
  });
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new ScoringError(
      "InvalidArgument",
      `Cannot make ${what} for ${n} criteria; give at least one criterion.`,
    );
  }
}

/** "Weight 3 of 4 (criterion "threat_response")": positions are 1-based for people. */
function label(noun: string, index: number, n: number, criterionIds?: readonly string[]): string {
  const id = criterionIds?.[index];
  return `${noun} ${index + 1} of ${n}${id === undefined ? "" : ` (criterion "${id}")`}`;
}

function placeOf(index: number, criterionIds?: readonly string[]): { index: number; criterionId?: string } {
  const id = criterionIds?.[index];
  return id === undefined ? { index } : { index, criterionId: id };
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
