/**
 * What a weighting method sets: the criterion weights — the scorecard's (the Weights table, as one
 * analyst or a team sharing one set) or, in team scoring, the reviewer's own (the Reviewer weights
 * sheet, issue 15) — or the local weights of one criterion's indicators (issue 16). The method
 * components (direct, points, rank, pairwise) take a target, with the items it weighs, and do not
 * know which.
 */
import { normalizeWeights } from "../../scoring/weights";
import { ownWeights, type ScorecardData, type WeightMethod } from "../../workbook";
import type { PaneStore } from "../state/store";
import { currentShares, weightsKey } from "./shares";

export interface ApplyHow {
  method: WeightMethod;
  /** Pairwise: the comparison matrix the weights came from (kept with a reviewer's own weights). */
  matrix?: number[][];
  /** The notice on success, "<subject> set from the points." (none: no notice where the target allows). */
  done?: string;
}

/** One thing weighted: a criterion, or an indicator within its criterion. */
export interface WeightItem {
  id: string;
  name: string;
}

export interface WeightTarget {
  whose: "scorecard" | "mine" | "indicators";
  /** The things weighted, in order: the criteria, or one criterion's indicators. */
  items: readonly WeightItem[];
  /** How the texts name one item and several ("criterion", "criteria"). */
  noun: { one: string; many: string };
  /** What the notices say was changed: "Weights", or "Local weights of Threat response". */
  subject: string;
  /** The weights shown as current, normalized (sum 1), in the items' order. */
  shares: number[];
  /** Changes whenever those weights, or the items, do. */
  key: string;
  /** The reviewer's last pairwise judgments, to start from; null when none are kept. */
  matrix: number[][] | null;
  /** Writes raw weights by item id; resolves to true when written. */
  apply(weights: Record<string, number>, how: ApplyHow): Promise<boolean>;
}

const CRITERIA_NOUN = { one: "criterion", many: "criteria" };
const INDICATOR_NOUN = { one: "indicator", many: "indicators" };

const criteriaItems = (data: ScorecardData): WeightItem[] =>
  data.config.criteria.map((c) => ({ id: c.id, name: c.name }));

export function scorecardTarget(data: ScorecardData, store: PaneStore): WeightTarget {
  return {
    whose: "scorecard",
    items: criteriaItems(data),
    noun: CRITERIA_NOUN,
    subject: "Weights",
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
    items: criteriaItems(data),
    noun: CRITERIA_NOUN,
    subject: "Weights",
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

/**
 * The local weights of one criterion's indicators (issue 16), always the scorecard's: reviewers
 * weigh the criteria only. Applied through setIndicators with nothing but the local weights
 * changed, so no score is at stake and nothing is asked; the notice offers Undo.
 */
export function indicatorTarget(data: ScorecardData, store: PaneStore, criterionId: string): WeightTarget {
  const criterion = data.config.criteria.find((c) => c.id === criterionId);
  const indicators = criterion?.indicators ?? [];
  const raw = indicators.map((i) => i.localWeight);
  let shares = raw.map(() => 1 / raw.length);
  try {
    shares = normalizeWeights(raw);
  } catch {
    // All zero: the read has reported the cells; start from equal weights.
  }
  const subject = `Local weights of ${criterion?.name ?? criterionId}`;
  return {
    whose: "indicators",
    items: indicators.map((i) => ({ id: i.id, name: i.name })),
    noun: INDICATOR_NOUN,
    subject,
    shares,
    key: `indicators:${criterionId}:${indicators.map((i) => `${i.id}=${i.localWeight}`).join("|")}`,
    matrix: null,
    apply: (weights, how) =>
      store.setIndicators(
        criterionId,
        indicators.map((i) => ({ ...i, localWeight: weights[i.id] ?? i.localWeight })),
        false,
        { done: how.done ?? `${subject} saved.`, undo: indicators.map((i) => ({ ...i })) },
      ),
  };
}
