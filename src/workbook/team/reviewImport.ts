/**
 * Writes an import of reviews planned by ./reviewsCsv.ts: the new and updated reviews, reviewer by
 * reviewer, through writeReviews — so each reviewer's own rows only, with an Audit row per change
 * recorded under the reviewer's name, and a refusal (ChangedByAnotherAuthor) when a reviewer's rows
 * changed since `data` was read. Two syncs per batch: a reviewer's reviews are one batch, or several
 * when their rows, formulas and Audit rows would outgrow a request (Excel on the web refuses one
 * over 5 MB; one reviewer of 4,000 agreements × 4 criteria would send about 25 MB at once).
 * Returns the reviews written, the reviewers, and the changes recorded in the Audit sheet (a score
 * and a rationale are one each).
 *
 * Every call checks its reviewer's rows against `data`; rows written by an earlier call of this
 * import are other reviewers', or other cells of the same reviewer, so the same `data` serves all.
 */
import { chunkRows, CHUNK_BUDGET_BYTES } from "../write/payload";
import type { ReviewEdit } from "./writeReviews";
import { writeReviews } from "./writeReviews";
import type { ReviewImportPlan } from "./reviewsCsv";
import type { ExcelRun } from "../run";
import type { ScorecardData } from "../model";

/**
 * What one review row costs in a request, at most: its cells, its two helper formulas and its Audit
 * rows (which repeat the rationale). excel-sim measures about 800 bytes for a row with a short
 * rationale; the allowance leaves room for longer formulas and IDs.
 */
const ROW_BYTES = 1_200;
export const editBytes = (e: ReviewEdit) => ROW_BYTES + 4 * (e.rationale.length + e.agreementId.length);

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

/** The writes in batches: each reviewer's edits, split where a request would outgrow `budget`. */
export function importBatches(
  plan: ReviewImportPlan,
  budget = CHUNK_BUDGET_BYTES,
): { reviewer: string; edits: ReviewEdit[] }[] {
  return [...editsByReviewer(plan)].flatMap(([reviewer, edits]) =>
    chunkRows(edits.length, (i) => editBytes(edits[i]), budget).map(([from, to]) => ({
      reviewer,
      edits: edits.slice(from, to),
    })),
  );
}

export async function importReviews(
  run: ExcelRun,
  data: ScorecardData,
  plan: ReviewImportPlan,
  { now, budget }: { now?: Date; budget?: number } = {},
): Promise<{ reviews: number; reviewers: number; changes: number }> {
  let reviews = 0;
  let changes = 0;
  const reviewers = new Set<string>();
  for (const { reviewer, edits } of importBatches(plan, budget)) {
    changes += (await writeReviews(run, data, reviewer, edits, now)).changed;
    reviews += edits.length;
    reviewers.add(reviewer);
  }
  return { reviews, reviewers: reviewers.size, changes };
}
