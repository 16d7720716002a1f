/**
 * Where the keyboard path through scoring goes after a save: the next agreement (in the Scorecard's
 * order, wrapping round) that still has a criterion to score — by this reviewer in team scoring,
 * where each indicator is scored on its own.
 */
import { sameReviewer, scoredLeaves, type ScorecardData } from "../../workbook";

export function hasUnscored(data: ScorecardData, agreementId: string, reviewer: string): boolean {
  const { criteria } = data.config;
  if (data.location.meta.mode === "team") {
    const mine = data.reviews.filter(
      (r) => r.agreementId === agreementId && sameReviewer(r.reviewer, reviewer) && r.score !== null,
    );
    // A reviewer scores each criterion scored directly and each indicator.
    return scoredLeaves(data.location.meta).some((l) => !mine.some((r) => r.criterionId === l.id));
  }
  const agreement = data.agreements.find((a) => a.id === agreementId);
  return agreement !== undefined && criteria.some((c) => agreement.scores[c.id] === null);
}

/** The next agreement after `currentId` with something left to score, or null when none is left. */
export function nextUnscored(data: ScorecardData, currentId: string, reviewer: string): string | null {
  const ids = data.agreements.map((a) => a.id).filter((id) => id !== "");
  const at = ids.indexOf(currentId);
  for (let step = 1; step < ids.length; step++) {
    const id = ids[(at + step) % ids.length];
    if (hasUnscored(data, id, reviewer)) return id;
  }
  return null;
}
