/** The plan for saving one reviewer's scores and rationales of an agreement (team scoring). */
import { sameReviewer, type ReviewEdit } from "../team/writeReviews";
import type { WrittenValue } from "./writtenValue";
import type { ScorecardData } from "../model";

/**
 * The reviewer's own review of each edited agreement × criterion, as "score|rationale" (blank where
 * there is none), as `now` holds it: before the write from `base`, intended from the edit.
 */
export function writtenReviews(
  base: ScorecardData,
  reviewer: string,
  edits: ReviewEdit[],
  now: ScorecardData,
): WrittenValue<string>[] {
  const mine = (data: ScorecardData, e: ReviewEdit) => {
    const review = data.reviews.find(
      (r) =>
        sameReviewer(r.reviewer, reviewer) &&
        r.agreementId.toLowerCase() === e.agreementId.toLowerCase() &&
        r.criterionId === e.criterionId,
    );
    return `${review?.score ?? ""}|${review?.rationale ?? ""}`;
  };
  return edits.map((e) => ({
    now: mine(now, e),
    before: mine(base, e),
    intended: `${e.score ?? ""}|${e.rationale}`,
  }));
}
