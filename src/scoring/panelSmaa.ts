/**
 * What the reviewers' disagreement on weights does to the ranking (issue 15): SMAA-2 with weights
 * drawn as blends of the reviewers' own weights rather than from the whole simplex, and for each
 * agreement the ranks that hold across the panel's views.
 *
 * Utilities are linear in the weights, so if agreement j scores above agreement i under every
 * reviewer's weights it does so under every blend of them, and likewise below. Counting, for each
 * agreement, the rivals that are above at every reviewer's weights and those that are above at some
 * but not all of them bounds its rank over all blends without sampling: best = 1 + always above,
 * worst = best + sometimes above. When no rival changes sides the rank is the same for every blend
 * (`holds`). When some do, the bounds still hold but need not be reached; the reviewers' own ranks
 * and the SMAA acceptabilities show how far the rank actually moves. Ranks here are the scorecard's
 * (1 + the number of strictly higher scores, compared at 10 decimals), on the nominal scores.
 */
import { ScoringError } from "./errors";
import { normalizedPanel } from "./panel";
import { rankDescending, roundForRanking } from "./rank";
import { validateNormalizedScores } from "./sensitivity";
import { smaa } from "./smaa";
import type { SmaaInput, SmaaResult } from "./smaa";
import { normalizeWeights } from "./weights";

export interface PanelSmaaInput extends Omit<SmaaInput, "weights"> {
  /** Each reviewer's weights, one per criterion (normalized inside). */
  reviewers: readonly (readonly number[])[];
  /** Importance per reviewer; equal when omitted. Draws lean towards the heavier reviewers. */
  importance?: readonly number[];
  /** The team weights the scorecard uses (from groupWeights or groupAhp). */
  team: readonly number[];
}

export interface PanelRank {
  /** Rank under the team weights. */
  teamRank: number;
  /** Rank under each reviewer's own weights, in panel order. */
  reviewerRanks: number[];
  /** The best and worst rank possible under any blend of the reviewers' weights (see above). */
  best: number;
  worst: number;
  /** best === worst: every blend of the reviewers' weights gives this agreement the same rank. */
  holds: boolean;
  /** Share of the SMAA draws in which the agreement takes its team rank. */
  teamRankAcceptability: number;
}

export interface PanelSmaaResult {
  /** One per agreement, in the order of the scores. */
  ranks: PanelRank[];
  /** The SMAA-2 run, its weights drawn as blends of the reviewers' weights. */
  smaa: SmaaResult;
}

export function panelSmaa(input: PanelSmaaInput): PanelSmaaResult {
  const { scores, reviewers, importance, team, criterionIds } = input;
  const n = Array.isArray(scores) && Array.isArray(scores[0]) ? scores[0].length : 0;
  validateNormalizedScores(scores, n, input.ids, criterionIds);
  const teamWeights = normalizeWeights(team, criterionIds);
  if (teamWeights.length !== n) {
    throw new ScoringError(
      "InvalidArgument",
      `Got ${teamWeights.length} team weights but the scores have ${n} criteria; pass one team weight per criterion.`,
    );
  }
  // Importance is checked by smaa() itself, before it draws anything.
  const vectors = normalizedPanel(reviewers, criterionIds, n);

  const result = smaa({ ...input, weights: { kind: "panel", reviewers: vectors, importance } });
  const teamRanks = ranksUnder(scores, teamWeights);
  const reviewerRanks = vectors.map((w) => ranksUnder(scores, w));
  const bounds = rankBounds(scores, vectors);
  return {
    ranks: teamRanks.map((teamRank, i) => ({
      teamRank,
      reviewerRanks: reviewerRanks.map((ranks) => ranks[i]),
      best: bounds[i].best,
      worst: bounds[i].worst,
      holds: bounds[i].best === bounds[i].worst,
      teamRankAcceptability: result.rankAcceptability[i][teamRank - 1],
    })),
    smaa: result,
  };
}

function utilities(scores: readonly (readonly number[])[], weights: readonly number[]): number[] {
  return scores.map((row) => row.reduce((total, x, j) => total + weights[j] * x, 0));
}

function ranksUnder(scores: readonly (readonly number[])[], weights: readonly number[]): number[] {
  return rankDescending(utilities(scores, weights)) as number[];
}

/** O(m² · K) comparisons of the utilities at each reviewer's weights, rounded as the ranking does. */
function rankBounds(
  scores: readonly (readonly number[])[],
  vectors: readonly (readonly number[])[],
): { best: number; worst: number }[] {
  const atVertex = vectors.map((w) => utilities(scores, w).map(roundForRanking));
  const m = scores.length;
  return scores.map((_, i) => {
    let always = 0;
    let sometimes = 0;
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const above = atVertex.reduce((count, u) => count + (u[j] > u[i] ? 1 : 0), 0);
      if (above === atVertex.length) always++;
      else if (above > 0) sometimes++;
    }
    return { best: 1 + always, worst: 1 + always + sometimes };
  });
}
