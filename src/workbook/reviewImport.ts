/**
 * Writes an import of reviews planned by ./reviewsCsv.ts: the new and updated reviews, reviewer by
 * reviewer, through writeReviews — so each reviewer's own rows only, with an Audit row per change
 * recorded under the reviewer's name, and a refusal (ChangedByAnotherAuthor) when a reviewer's rows
 * changed since `data` was read. Two syncs per reviewer. Returns the reviews written, the reviewers,
 * and the changes recorded in the Audit sheet (a score and a rationale are one each).
 *
 * Every call checks its reviewer's rows against `data`; rows written by an earlier call of this
 * import belong to other reviewers, so the same `data` serves them all.
 */
import type { ReviewEdit } from "./reviews";
import { writeReviews } from "./reviews";
import type { ReviewImportPlan } from "./reviewsCsv";
import type { ScorecardData } from "./read";
import type { ExcelRun } from "./run";

/** The plan's writes as each reviewer's edits, reviewers in order of first appearance. */
export function editsByReviewer(plan: ReviewImportPlan): Map<string, ReviewEdit[]> {
  const out = new Map<string, ReviewEdit[]>();
  for (const r of [...plan.added, ...plan.updated].sort((a, b) => a.row - b.row)) {
    const edits = out.get(r.reviewer) ?? [];
    edits.push({
      agreementId: r.agreementId,
      criterionId: r.criterionId,
      score: r.score,
      rationale: r.rationale,
      ...(r.time === undefined ? {} : { time: r.time }),
    });
    out.set(r.reviewer, edits);
  }
  return out;
}

export async function importReviews(
  run: ExcelRun,
  data: ScorecardData,
  plan: ReviewImportPlan,
  now?: Date,
): Promise<{ reviews: number; reviewers: number; changes: number }> {
  let reviews = 0;
  let changes = 0;
  const byReviewer = editsByReviewer(plan);
  for (const [reviewer, edits] of byReviewer) {
    changes += (await writeReviews(run, data, reviewer, edits, now)).changed;
    reviews += edits.length;
  }
  return { reviews, reviewers: byReviewer.size, changes };
}
