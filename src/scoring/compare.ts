/**
 * Weight profiles side by side (docs/architecture.md §1, the reviewer's "what does that do to the ranking?"):
 * the ranks every agreement takes under each set of weights, and which agreements move.
 */
import { scoreHierarchical } from "./indicatorScores";
import type { IndicatorTree } from "./indicatorTree";
import type { ScoreInput } from "./types";

export interface ProfileRanking {
  id: string;
  /** Rank under each weighting, in the order given; null where the agreement has no score. */
  ranks: (number | null)[];
  /** Weighted score under each weighting. */
  scores: (number | null)[];
  /** Worst minus best rank across the weightings (0: it does not move; null: unranked somewhere). */
  shift: number | null;
}

/**
 * Scores and ranks the same agreements under each weighting (id → raw weight: a criterion's weight,
 * or an indicator's local weight where the input has indicators, issue 16; those a weighting leaves
 * out keep the input's). A two-level scorecard is scored as its workbook scores it
 * (scoreHierarchical), each agreement's scores keyed by leaf id. Sorted as under the first weighting.
 */
export function compareWeightings(
  input: ScoreInput & { indicators?: IndicatorTree },
  weightings: readonly Record<string, number>[],
): ProfileRanking[] {
  const tree = input.indicators ?? {};
  const results = weightings.map((weights) =>
    scoreHierarchical({
      ...input,
      criteria: input.criteria.map((c) => ({ ...c, weight: weights[c.id] ?? c.weight })),
      indicators: Object.fromEntries(
        Object.entries(tree).map(([id, list]) => [
          id,
          list.map((i) => ({ ...i, localWeight: weights[i.id] ?? i.localWeight })),
        ]),
      ),
    }),
  );
  const rows = input.agreements.map((a, i) => {
    const ranks = results.map((r) => r[i].rank);
    const known = ranks.filter((r): r is number => r !== null);
    return {
      id: a.id,
      ranks,
      scores: results.map((r) => r[i].score),
      shift:
        known.length === ranks.length && known.length > 0 ? Math.max(...known) - Math.min(...known) : null,
    };
  });
  const first = (row: ProfileRanking) => row.ranks[0] ?? Number.POSITIVE_INFINITY;
  return rows.sort((a, b) => first(a) - first(b));
}
