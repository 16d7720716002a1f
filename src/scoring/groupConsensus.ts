/**
 * How far a panel of reviewers agrees on the weights (issue 15): Goepel's AHP consensus indicator,
 * built on the partition of Shannon entropy into independent α (within reviewers) and β (between
 * reviewers) components.
 *
 * Sources: K. D. Goepel, "Implementing the Analytic Hierarchy Process as a Standard Method for
 * Multi-Criteria Decision Making in Corporate Enterprises – A New AHP Excel Template with Multiple
 * Inputs", ISAHP 2013 (the indicator); K. D. Goepel, "Implementation of an Online Software Tool for
 * the Analytic Hierarchy Process (AHP-OS)", IJAHP 10(3) 2018, eqs. 11–21 (the form used here, with
 * Hγmax = ln n); and AHP-OS itself (github.com/bpmsg/ahp-os, classes/AhpGroup.php getShannonBeta,
 * getConsensus, ahpShannonCor, hamin; classes/AhpCluster.php calcSim for the general form S).
 * Weighting reviewers by importance follows Jost, "Partitioning diversity into independent alpha and
 * beta components", Ecology 88(10), 2007: with unequal weights the Shannon α is the weighted mean of
 * the reviewers' entropies, and Hβ = Hγ − Hα stays between 0 and the entropy of the weights.
 */
import { ScoringError } from "./errors";
import { importanceShares, normalizedPanel } from "./panel";

/** M, the largest judgment of Saaty's fundamental scale, which the pane's pairwise mode uses. */
export const AHP_SCALE_MAX = 9;

export type ConsensusWord = "very low" | "low" | "moderate" | "high" | "very high";

/**
 * Upper bounds of the words below "very high", as AHP-OS's consensusWording (classes/AhpGroup.php)
 * applies them: ≤ 50 % very low, then equal steps of 12.5 points; above 87.5 % very high. Goepel derived them from 140 hierarchy
 * nodes of 35 group projects (consensus roughly normal, mean 64 %). The 2018 paper's Table 2 gave
 * 65 % and 85 % instead of 62.5 % and 87.5 %; the software and BPMSG's later description use the
 * equal steps, and so do we.
 */
const WORD_SCALE: readonly (readonly [number, ConsensusWord])[] = [
  [0.5, "very low"],
  [0.625, "low"],
  [0.75, "moderate"],
  [0.875, "high"],
];

export interface ConsensusOptions {
  /** Importance per reviewer (same order as the weights); equal when omitted. */
  importance?: readonly number[];
  /** Criterion ids (same order as each reviewer's weights), used in error messages. */
  criterionIds?: readonly string[];
}

/**
 * The consensus of reviewers' weights that did not come from pairwise judgments (direct, points,
 * rank order, or a mix of methods), 0..1: Goepel's relative homogeneity S, the general form of the
 * indicator with the smallest α diversity taken as 1 (a reviewer who puts all weight on one
 * criterion):
 *
 *   S = (1/Dβ − 1/n) / (1 − 1/n),  Dβ = exp(Hγ − Hα)
 *
 * 1 when every reviewer gives the same weights (or there is one reviewer, or one criterion); 0 when
 * n reviewers each put all weight on a different criterion. Each reviewer's weights are normalized
 * first, so only their proportions matter.
 */
export function weightsConsensus(
  weights: readonly (readonly number[])[],
  options: ConsensusOptions = {},
): number {
  const vectors = normalizedPanel(weights, options.criterionIds);
  return panelConsensus(vectors, importanceShares(options.importance, vectors.length), 1);
}

/**
 * Goepel's AHP consensus S* of the reviewers' eigenvector weights (normalized, with importance
 * shares), with the AHP correction: no reviewer using judgments up to M can concentrate weight more
 * than [M, 1, …, 1]/(n + M − 1), whose α diversity is exp(Hαmin).
 */
export function ahpPanelConsensus(
  vectors: readonly (readonly number[])[],
  shares: readonly number[],
): number {
  return panelConsensus(vectors, shares, ahpMinAlphaDiversity(vectors[0].length));
}

/**
 * exp(Hαmin) for n criteria on a scale up to m (IJAHP 2018 eq. 16): the diversity of the weights of
 * one criterion judged m times as important as each of the others, which are judged equal.
 */
export function ahpMinAlphaDiversity(n: number, m: number = AHP_SCALE_MAX): number {
  const total = n + m - 1;
  return Math.exp(shannon([m / total, ...new Array<number>(n - 1).fill(1 / total)]));
}

/** Goepel's word for a consensus value (0..1): very low, low, moderate, high or very high. */
export function consensusWord(consensus: number): ConsensusWord {
  if (typeof consensus !== "number" || !Number.isFinite(consensus) || consensus < 0 || consensus > 1) {
    throw new ScoringError(
      "InvalidArgument",
      `Consensus ${String(consensus)} is not a share; pass a number from 0 to 1 (0 % to 100 %).`,
    );
  }
  return WORD_SCALE.find(([upper]) => consensus <= upper)?.[1] ?? "very high";
}

/**
 * S* = (1/Dβ − c) / (1 − c) with c = Dαmin / Dγmax = minAlphaDiversity / n (IJAHP 2018 eqs. 15, 18,
 * 21). Clamped to [0, 1]: float noise can make Hβ a hair below 0, and with the AHP correction an
 * inconsistent matrix can concentrate weight slightly beyond the bound (for n = 4, judgments of 9
 * and 1/9 can give exp(Hα) = 2.28 against the bound's 2.31), which would read as just under 0.
 */
function panelConsensus(
  vectors: readonly (readonly number[])[],
  shares: readonly number[],
  minAlphaDiversity: number,
): number {
  const n = vectors[0].length;
  // One criterion gets all the weight whoever judges: nothing to disagree on (and c = 1 would be 0/0).
  if (n === 1) return 1;
  const floor = minAlphaDiversity / n;
  const similarity = Math.exp(-betaEntropy(vectors, shares));
  return Math.min(1, Math.max(0, (similarity - floor) / (1 - floor)));
}

/**
 * Hβ = Hγ − Hα: Hα = Σ_k s_k·H(w_k), the mean entropy of the reviewers' own weights; Hγ = H(Σ_k
 * s_k·w_k), the entropy of the pooled weights (AHP-OS getShannonBeta, with equal s_k = 1/K).
 */
function betaEntropy(vectors: readonly (readonly number[])[], shares: readonly number[]): number {
  const pooled = new Array<number>(vectors[0].length).fill(0);
  let alpha = 0;
  vectors.forEach((w, k) => {
    alpha += shares[k] * shannon(w);
    w.forEach((p, j) => (pooled[j] += shares[k] * p));
  });
  return shannon(pooled) - alpha;
}

/** Shannon entropy −Σ p ln p in nats, with 0·ln 0 = 0 (a criterion given no weight). */
function shannon(p: readonly number[]): number {
  let h = 0;
  for (const value of p) if (value > 0) h -= value * Math.log(value);
  return h;
}
