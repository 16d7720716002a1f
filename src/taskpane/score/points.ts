/**
 * The points offered for rating one criterion: the rubric anchors written for it in the Criteria
 * tab (stored in the metadata, on the scorecard's scale), else those of the default criteria (moved
 * onto the scorecard's scale), or, for a criterion without a rubric, the whole numbers of the scale.
 */
import { anchorsForScale, DEFAULT_CRITERIA } from "../../scoring/criteria";
import type { RubricAnchor, Scale } from "../../scoring/types";

export interface RatingPoint {
  value: number;
  label: string;
  description: string;
}

/** Up to this many whole-number points are offered where a criterion has no rubric. */
const MAX_PLAIN_POINTS = 11;

export function ratingPoints(
  criterionId: string,
  scale: Scale,
  stored?: readonly RubricAnchor[],
): RatingPoint[] {
  if (stored && stored.length > 0) return stored.map((a) => ({ ...a }));
  const rubric = DEFAULT_CRITERIA.find((c) => c.id === criterionId);
  if (rubric) {
    return anchorsForScale(rubric, scale).map((a) => ({
      value: Number(a.value.toPrecision(12)),
      label: a.label,
      description: a.description,
    }));
  }
  const count = Math.floor(scale.max) - Math.ceil(scale.min) + 1;
  if (count < 2 || count > MAX_PLAIN_POINTS) return [];
  return Array.from({ length: count }, (_, k) => ({
    value: Math.ceil(scale.min) + k,
    label: "",
    description: "",
  }));
}
