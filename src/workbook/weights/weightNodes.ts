/**
 * The weights an analyst sets, as one list (issue 16): each criterion's weight, and under a
 * criterion with indicators each indicator's local weight. Criterion and indicator ids are unique
 * across the scorecard (scoring/indicatorTree.ts), so one map from id to raw weight holds both: what
 * a profile saves and applies, and what writeWeights writes.
 */
import { normalizedLocalWeights } from "../../scoring/indicatorTree";
import { normalizeWeights } from "../../scoring/weights";
import { localWeightCell } from "../contract/indicatorLayout";
import type { ScorecardData } from "../model";

export interface WeightNode {
  id: string;
  /** A criterion's name; an indicator's column header, "Criterion / Indicator". */
  name: string;
  /** The raw weight as the workbook holds it: a criterion's weight, or an indicator's local weight. */
  weight: number;
  /** An indicator's criterion; absent for a criterion. */
  criterionId?: string;
  /** The cell on the Weights sheet that holds the raw weight. */
  cell: string;
}

/** Every criterion in order, each followed by its indicators. */
export function weightNodes(data: ScorecardData): WeightNode[] {
  return data.config.criteria.flatMap((c) => {
    const headers = new Map(
      (data.location.meta.criteria.find((m) => m.id === c.id)?.indicators ?? []).map((i) => [i.id, i.header]),
    );
    return [
      { id: c.id, name: c.name, weight: c.weight, cell: data.weightCells[c.id] },
      ...(c.indicators ?? []).map((i) => ({
        id: i.id,
        name: headers.get(i.id) ?? i.name,
        weight: i.localWeight,
        criterionId: c.id,
        cell: localWeightCell(data.indicatorRows?.[i.id] ?? 0),
      })),
    ];
  });
}

export function weightNodeOf(data: ScorecardData, id: string): WeightNode | undefined {
  return weightNodes(data).find((n) => n.id === id);
}

/** The scorecard's raw weights by id: every criterion's, and every indicator's local weight. */
export function weightsOf(data: ScorecardData): Record<string, number> {
  return Object.fromEntries(weightNodes(data).map((n) => [n.id, n.weight]));
}

/**
 * Throws the model's ScoringError when `weights` (by id; an id not given keeps its weight) would not
 * normalize: the criteria's weights together, and each criterion's indicators' local weights.
 */
export function checkNodeWeights(data: ScorecardData, weights: Record<string, number>): void {
  const raw = (id: string, current: number) => weights[id] ?? current;
  const { criteria } = data.config;
  normalizeWeights(
    criteria.map((c) => raw(c.id, c.weight)),
    criteria.map((c) => c.name),
  );
  for (const c of criteria)
    if ((c.indicators ?? []).length > 0)
      normalizedLocalWeights(
        c.id,
        c.indicators!.map((i) => ({ ...i, localWeight: raw(i.id, i.localWeight) })),
      );
}
