/**
 * Whose weights a weighting method sets: the scorecard's (the Weights table, as one analyst or a
 * team sharing one set) or, in team scoring, the reviewer's own (the Reviewer weights sheet, issue
 * 15). The method components (direct, points, rank, pairwise) take a target and do not know which.
 */
import { normalizeWeights } from "../../scoring/weights";
import { ownWeights, type ScorecardData, type WeightMethod } from "../../workbook";
import type { PaneStore } from "../state/store";
import { currentShares, weightsKey } from "./shares";

export interface ApplyHow {
  method: WeightMethod;
  /** Pairwise: the comparison matrix the weights came from (kept with a reviewer's own weights). */
  matrix?: number[][];
  /** The notice on success. */
  done?: string;
}

export interface WeightTarget {
  whose: "scorecard" | "mine";
  /** The weights shown as current, normalized (sum 1), in criterion order. */
  shares: number[];
  /** Changes whenever those weights do. */
  key: string;
  /** The reviewer's last pairwise judgments, to start from; null when none are kept. */
  matrix: number[][] | null;
  /** Writes raw weights by criterion id; resolves to true when written. */
  apply(weights: Record<string, number>, how: ApplyHow): Promise<boolean>;
}

export function scorecardTarget(data: ScorecardData, store: PaneStore): WeightTarget {
  return {
    whose: "scorecard",
    shares: currentShares(data),
    key: weightsKey(data),
    matrix: null,
    apply: (weights, how) => store.applyWeights(weights, how.done === undefined ? {} : { done: how.done }),
  };
}

/**
 * The reviewer's own weights; until they save some, the weights the scorecard uses now are shown
 * as a starting point.
 */
export function myTarget(data: ScorecardData, store: PaneStore, reviewer: string): WeightTarget {
  const mine = reviewer.trim() === "" ? undefined : ownWeights(data, reviewer);
  const raw = mine ? data.config.criteria.map((c) => mine.weights[c.id] ?? 0) : null;
  let shares = currentShares(data);
  if (raw !== null) {
    try {
      shares = normalizeWeights(raw);
    } catch {
      // All zero or a bad cell typed by hand: start from the scorecard's weights; the read names the cell.
    }
  }
  return {
    whose: "mine",
    shares,
    key: `mine:${reviewer}:${raw?.join("|") ?? weightsKey(data)}:${mine?.time ?? ""}`,
    matrix: mine?.matrix ?? null,
    apply: (weights, how) =>
      store.saveMyWeights(
        { weights, method: how.method, ...(how.matrix ? { matrix: how.matrix } : {}) },
        how.done ?? "Your weights were saved.",
      ),
  };
}
