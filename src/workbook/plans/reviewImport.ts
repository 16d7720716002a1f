/**
 * The plan for writing an import of reviews the user confirmed on its preview (Team tab): planned
 * again on the workbook as it is now, it must be what the preview showed, or nothing is written.
 */
import { WorkbookError } from "../errors";
import { planReviewImport, samePlan, type ParsedReviewsCsv, type ReviewImportPlan } from "../team/reviewsCsv";
import { sameReviewer } from "../team/writeReviews";
import type { WrittenValue } from "./writtenValue";
import type { ScorecardData } from "../model";

/** The plan on `fresh`, or a refusal when it is not the one the user confirmed. */
export function confirmedImport(
  source: ParsedReviewsCsv,
  confirmed: ReviewImportPlan,
  fresh: ScorecardData,
): { plan: ReviewImportPlan; refusal: WorkbookError | null } {
  const plan = planReviewImport(source, fresh);
  const refusal = samePlan(plan, confirmed)
    ? null
    : new WorkbookError(
        "ChangedByAnotherAuthor",
        "The reviews changed since the preview, so nothing was imported. The preview now shows what the import would do to the workbook as it is; look at it and confirm again.",
        { sheet: fresh.location.meta.reviews?.sheet },
      );
  return { plan, refusal };
}

/** Each review the import writes, as "score|rationale": as `now` holds it, before, and intended. */
export function importedReviews(plan: ReviewImportPlan, now: ScorecardData): WrittenValue<string>[] {
  const state = (score: number | null | undefined, rationale: string | undefined) =>
    `${score ?? ""}|${rationale ?? ""}`;
  return [...plan.added, ...plan.updated].map((w) => {
    const held = now.reviews.find(
      (r) =>
        sameReviewer(r.reviewer, w.reviewer) &&
        r.agreementId === w.agreementId &&
        r.criterionId === w.criterionId,
    );
    return {
      now: state(held?.score, held?.rationale),
      before: state(w.before?.score, w.before?.rationale),
      intended: state(w.score, w.rationale),
    };
  });
}
