/**
 * What a team scores (issue 16): the leaves of the two-level scorecard. A criterion scored directly
 * is one leaf; a criterion scored through indicators is not scored by anyone, each of its
 * indicators is. A review's "Criterion ID" holds the leaf's id (indicator ids are unique across
 * criteria and indicators, so one column serves both), the index of the reviews has one block per
 * leaf, and each leaf's Scorecard column holds its consensus; a criterion with indicators keeps its
 * formula over them, so its score is the weighted mean of their consensus values.
 */
import type { ScorecardColumns } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { CellIssue } from "../model";

export interface ScoredLeaf {
  /** The criterion's id, or the indicator's. */
  id: string;
  /** The criterion it belongs to (itself, for a criterion scored directly). */
  criterionId: string;
  /** Its Scorecard column's header: "Criterion" or "Criterion / Indicator". */
  header: string;
  indicator: boolean;
}

/** The criteria as the leaves need them: the metadata's, or any with ids (a flat scorecard's). */
type LeafSource = {
  criteria: readonly {
    id: string;
    header?: string;
    indicators?: readonly { id: string; header: string }[];
  }[];
};

/** The leaves in the Scorecard's column order. */
export function scoredLeaves(meta: LeafSource): ScoredLeaf[] {
  return meta.criteria.flatMap((c): ScoredLeaf[] =>
    (c.indicators ?? []).length > 0
      ? c.indicators!.map((i) => ({ id: i.id, criterionId: c.id, header: i.header, indicator: true }))
      : [{ id: c.id, criterionId: c.id, header: c.header ?? c.id, indicator: false }],
  );
}

/** Each leaf's Scorecard column letter, leaves in the order of `scoredLeaves`. */
export function leafColumns(
  meta: LeafSource,
  cols: Pick<ScorecardColumns, "criteria" | "indicators">,
): { leafId: string; column: string }[] {
  const criterion = new Map(cols.criteria.map((c) => [c.criterionId, c.column]));
  const indicator = new Map((cols.indicators ?? []).map((c) => [c.indicatorId, c.column]));
  return scoredLeaves(meta).flatMap((leaf) => {
    const column = leaf.indicator ? indicator.get(leaf.id) : criterion.get(leaf.id);
    return column === undefined ? [] : [{ leafId: leaf.id, column }];
  });
}

/** The Scorecard columns of criteria scored through indicators: theirs is the indicator formula, not a consensus. */
export function throughIndicatorColumns(
  meta: LeafSource,
  cols: Pick<ScorecardColumns, "criteria">,
): string[] {
  const through = new Set(meta.criteria.filter((c) => (c.indicators ?? []).length > 0).map((c) => c.id));
  return cols.criteria.filter((c) => through.has(c.criterionId)).map((c) => c.column);
}

/** A leaf as messages and the Audit name it: the criterion's name, or the indicator's column header. */
export function leafName(
  data: { config: { criteria: readonly { id: string; name: string }[] }; location: { meta: ScorecardMeta } },
  id: string,
): string {
  const criterion = data.config.criteria.find((c) => c.id === id);
  if (criterion) return criterion.name;
  return scoredLeaves(data.location.meta).find((l) => l.id === id)?.header ?? id;
}

/** Where an issue about `leaf`'s cell or review points: its criterion, and the indicator when it is one. */
export function leafPlace(leaf: ScoredLeaf | undefined): Pick<CellIssue, "criterionId" | "indicatorId"> {
  if (leaf === undefined) return {};
  return leaf.indicator ? { criterionId: leaf.criterionId, indicatorId: leaf.id } : { criterionId: leaf.id };
}

/** An agreement's score of a leaf as the grid shows it (null: none). */
export function leafScore(
  agreement: { scores: Record<string, number | null>; indicatorScores?: Record<string, number | null> },
  leaf: Pick<ScoredLeaf, "id" | "indicator">,
): number | null {
  return (leaf.indicator ? agreement.indicatorScores?.[leaf.id] : agreement.scores[leaf.id]) ?? null;
}
