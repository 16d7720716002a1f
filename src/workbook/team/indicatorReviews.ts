/**
 * Indicators changed while a team scores (issue 16, criteria/editIndicators.ts). The leaves change
 * (leaves.ts): an indicator removed, or a criterion that gets its first indicators or loses its
 * last, takes its reviews with it. Those reviews are refused unless confirmed; once confirmed, each
 * is an Audit row (score and rationale) and its Reviews row is cleared, so that no review of a cell
 * that is gone lingers as an issue. The index of the reviews is then built again for the new
 * leaves, and the Scorecard's team formulas written for the new columns.
 */
import type { ScorecardMeta } from "../contract/meta";
import { WorkbookError, syncOrExplain } from "../errors";
import type { ReviewRecord, ScorecardData } from "../model";
import { auditValue, type Change } from "../write/audit";
import { fitCell } from "../contract/lengths";
import { leafName, scoredLeaves } from "./leaves";
import { parseReviews, queueRowWrites } from "./reviewRows";
import { queueTableRead } from "./reviewWindows";
import { REVIEW_COLUMNS } from "../contract/contract";
import { chunkRows, queueInChunks } from "../write/payload";

/** What clearing one Reviews row costs in a request: its address, six blank values and the action. */
const CLEARED_ROW_BYTES = 250;

/** The reviews (with a score or a rationale) of leaves that `next` no longer has. */
export function lostReviews(before: ScorecardData, next: Pick<ScorecardMeta, "criteria">): ReviewRecord[] {
  if (before.location.meta.mode !== "team") return [];
  const kept = new Set(scoredLeaves(next).map((l) => l.id));
  return before.reviews.filter(
    (r) => !kept.has(r.criterionId) && (r.score !== null || r.rationale.trim() !== ""),
  );
}

/** Refuses, naming the cells and the reviewers, to drop reviews the user did not agree to lose. */
export function refuseLostReviews(
  before: ScorecardData,
  lost: readonly ReviewRecord[],
  criterionHeader: string,
): void {
  if (lost.length === 0) return;
  const meta = before.location.meta;
  const where = [...new Set(lost.map((r) => `"${leafName(before, r.criterionId)}"`))].join(", ");
  const who = [...new Set(lost.map((r) => r.reviewer))].join(", ");
  throw new WorkbookError(
    "WouldOverwrite",
    `${where} of criterion "${criterionHeader}" ${lost.length === 1 ? "has 1 review" : `have ${lost.length} reviews`} (by ${who}) that this change removes, since what they score is no longer scored. Confirm to go on (the Audit sheet keeps each review and its rationale), or cancel.`,
    { sheet: meta.reviews!.sheet, column: criterionHeader },
  );
}

/** One Audit row per lost score, and one per lost rationale. */
export function lostReviewChanges(before: ScorecardData, lost: readonly ReviewRecord[]): Change[] {
  return lost.flatMap((r) => {
    const base = {
      agreementId: r.agreementId,
      subject: fitCell(`${leafName(before, r.criterionId)} (${r.reviewer}'s, removed)`),
    };
    const changes: Change[] = [];
    if (r.score !== null) changes.push({ ...base, what: "review", before: auditValue(r.score), after: "" });
    if (r.rationale.trim() !== "")
      changes.push({ ...base, what: "rationale", before: r.rationale, after: "" });
    return changes;
  });
}

/** Queues a fresh read of the Reviews table, before the caller's first sync (team mode only). */
export function queueReviewsLook(context: Excel.RequestContext, meta: ScorecardMeta) {
  return meta.mode === "team" && meta.reviews
    ? queueTableRead(context.workbook.tables.getItem(meta.reviews.table), Infinity)
    : null;
}

/**
 * Clears the Reviews rows of leaves `next` no longer has, as the table is now (found by header),
 * then syncs, so that the index built next no longer sees them.
 */
export async function clearLostReviews(
  context: Excel.RequestContext,
  before: ScorecardData,
  next: Pick<ScorecardMeta, "criteria">,
  look: NonNullable<ReturnType<typeof queueReviewsLook>>,
): Promise<void> {
  const meta = before.location.meta;
  const table = await look.rows(context);
  const parsed = parseReviews(meta, table, before.agreements, before.config.scale);
  const kept = new Set(scoredLeaves(next).map((l) => l.id));
  const rows = parsed.reviews.filter((r) => !kept.has(r.criterionId)).map((r) => r.row);
  if (rows.length === 0) return;
  const sheet = context.workbook.worksheets.getItem(meta.reviews!.sheet);
  const blank = REVIEW_COLUMNS.map(() => "");
  // In chunks under the payload budget: a removed indicator may have a review per agreement × reviewer.
  await queueInChunks(
    context,
    chunkRows(rows.length, () => CLEARED_ROW_BYTES),
    (from, to) =>
      queueRowWrites(
        sheet,
        table.columnIndex,
        parsed.positions,
        rows.slice(from, to).map((row) => ({ row, values: blank })),
      ),
  );
  await syncOrExplain(context, meta.reviews!.sheet);
}
