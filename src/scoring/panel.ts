/**
 * A panel of reviewers' weights (issue 15): validation shared by the group aggregation, the
 * consensus indicator and the SMAA run over the panel's views, and the draw of one blend of the
 * reviewers' weights.
 *
 * Reviewers are numbered from 1 in messages; `place.index` of a ScoringError is the reviewer's
 * zero-based position in the panel, and `place.criterionId` names the criterion when ids are given.
 */
import { ScoringError } from "./errors";
import type { Random } from "./random";
import { normalizeWeights } from "./weights";

/**
 * Each reviewer's weights normalized to sum 1. Throws for an empty panel, a reviewer with no list of
 * weights, a reviewer whose number of weights differs from the first reviewer's (or from
 * `criteriaCount` when given), and any weight normalizeWeights refuses (negative, NaN, all zero).
 */
export function normalizedPanel(
  panel: readonly (readonly number[])[],
  criterionIds?: readonly string[],
  criteriaCount?: number,
): number[][] {
  if (!Array.isArray(panel) || panel.length === 0) {
    throw new ScoringError(
      "InvalidArgument",
      "No reviewers' weights were given; the team weights need at least one reviewer's weights.",
    );
  }
  const n = criteriaCount ?? (Array.isArray(panel[0]) ? panel[0].length : 0);
  return panel.map((weights, k) => {
    if (!Array.isArray(weights) || weights.length !== n) {
      const got = Array.isArray(weights) ? `${weights.length} weights` : "no list of weights";
      throw new ScoringError(
        "InvalidArgument",
        `Reviewer ${k + 1} has ${got} but there are ${n} criteria; give every reviewer one weight per criterion.`,
        { index: k },
      );
    }
    return asReviewer(k, () => normalizeWeights(weights, criterionIds));
  });
}

/**
 * Reviewers' importance normalized to shares summing to 1; equal shares when omitted. A reviewer of
 * importance 0 is heard by no aggregate (an observer), but at least one must count.
 */
export function importanceShares(importance: readonly number[] | undefined, reviewers: number): number[] {
  if (importance === undefined) return new Array<number>(reviewers).fill(1 / reviewers);
  if (!Array.isArray(importance) || importance.length !== reviewers) {
    const got = Array.isArray(importance) ? importance.length : 0;
    throw new ScoringError(
      "InvalidArgument",
      `Got ${got} importance values for ${reviewers} reviewers; give one importance per reviewer, in the same order.`,
    );
  }
  importance.forEach((value, k) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new ScoringError(
        "InvalidArgument",
        `The importance of reviewer ${k + 1} is ${String(value)}; enter 0 (not counted) or a positive number.`,
        { index: k },
      );
    }
  });
  if (importance.every((value) => value === 0)) {
    throw new ScoringError(
      "InvalidArgument",
      `Every reviewer's importance is 0, so no one's weights would count; give at least one reviewer a positive importance.`,
    );
  }
  return normalizeWeights(importance);
}

/** Runs `check` for reviewer k, prefixing any ScoringError with the reviewer and recording k as its place. */
export function asReviewer<T>(k: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    throw new ScoringError(error.code, `Reviewer ${k + 1}: ${error.message}`, { ...error.place, index: k });
  }
}

/**
 * A panel prepared for drawing blends: the reviewers' normalized weights row after row, and the
 * Dirichlet parameters of the mixing proportions.
 */
export interface PanelBlend {
  vectors: Float64Array;
  alpha: Float64Array;
  /** Scratch space for the mixing proportions of one draw. */
  proportions: Float64Array;
}

/**
 * Why blends, not each criterion drawn between the panel's lowest and highest weight: a blend
 * Σ_k λ_k·w_k (λ ≥ 0, Σλ = 1) is a compromise the reviewers could actually reach, inside the convex
 * hull of their views, and it keeps the trade-offs each of them made. A box of per-criterion ranges
 * also holds vectors nobody holds (every criterion at its maximum), and renormalizing a draw from it
 * pushes weights back outside the ranges it was drawn from. λ ~ Dirichlet(K·s_k) for importance
 * shares s: uniform over the blends when the reviewers count equally, and in every case centred on
 * the importance-weighted mean of the panel, i.e. on the "mean" team weights.
 */
export function panelBlend(vectors: readonly (readonly number[])[], shares: readonly number[]): PanelBlend {
  const reviewers = vectors.length;
  const flat = new Float64Array(reviewers * vectors[0].length);
  vectors.forEach((w, k) => flat.set(w, k * w.length));
  return {
    vectors: flat,
    alpha: Float64Array.from(shares, (s) => reviewers * s),
    proportions: new Float64Array(reviewers),
  };
}

/** Writes one random blend of the panel's weights into `out` (length n); no allocation. */
export function drawBlend(random: Random, blend: PanelBlend, out: Float64Array): void {
  const { vectors, alpha, proportions } = blend;
  const n = out.length;
  random.dirichlet(alpha, proportions);
  out.fill(0);
  for (let k = 0; k < proportions.length; k++) {
    const lambda = proportions[k];
    if (lambda === 0) continue;
    for (let j = 0, cell = k * n; j < n; j++, cell++) out[j] += lambda * vectors[cell];
  }
}
