/**
 * A reviewer's writes to the Reviews table of a team scorecard (docs/architecture.md §3): only the writing
 * reviewer's own rows are updated (so two reviewers scoring at once never touch the same cell),
 * their new rows are appended right below the table, and the index of the reviews learns them.
 */
import { ScoringError } from "../../scoring/errors";
import { validateScore } from "../../scoring/scale";
import { auditValue, type Change } from "../write/audit";
import { indexFits, indexKey, queueIndexLook, queueReviewerEntries } from "./consensusIndex";
import { WorkbookError, excelErrorCode, syncOrExplain } from "../errors";
import type { ScorecardData, ReviewRecord } from "../model";
import { checkRationale, checkReviewerName } from "../contract/lengths";
import { excelTrim } from "./reviewFormulas";
import {
  appendRowIndex,
  parseReviews,
  queueRowWrites,
  rowAtPositions,
  sameReviewer,
  withWrites,
  type ReviewRowWrite,
} from "./reviewRows";
import { queueTableRead } from "./reviewWindows";
import type { ExcelRun } from "../run";
import { writeBatch } from "../write/session";
import { TableAppend, TableEnd } from "../write/tables";
import { indexCriteria, writeTeamFormulas } from "./teamFormulas";
import { isLegacy, writeIndexRebuild, queueLegacyRemoval, UPGRADE_CHANGE } from "./indexRebuild";
import { asText } from "../contract/userText";
import { leafName, scoredLeaves } from "./leaves";
export type { ReviewRecord } from "../model";

export { sameReviewer, parseReviews, teamConsensus } from "./reviewRows";

export interface ReviewEdit {
  agreementId: string;
  criterionId: string;
  /** null withdraws the reviewer's score (the row stays, with its rationale). */
  score: number | null;
  rationale: string;
  /** When the reviewer gave the score, if not now (reviews imported from a form); the Audit keeps now. */
  time?: string;
}

/**
 * Writes one reviewer's scores and rationales. The Reviews table is read again in the same batch,
 * so rows added or moved by co-authors are respected; the reviewer's own rows are compared with
 * what `data` showed, and if the same reviewer changed them elsewhere meanwhile nothing is written
 * and ChangedByAnotherAuthor says which. The index of the reviews gets this reviewer's entries; it
 * is rebuilt instead when it cannot vouch for the reviews (the table was sorted, a review typed by
 * hand) or is still schema 3's. Two syncs (look, write) while the table is small; a large one is
 * read in windows.
 */
export async function writeReviews(
  run: ExcelRun,
  data: ScorecardData,
  reviewer: string,
  edits: readonly ReviewEdit[],
  now?: Date,
): Promise<{ changed: number }> {
  const meta = data.location.meta;
  if (meta.mode !== "team" || meta.reviews === null) {
    throw new WorkbookError(
      "InvalidInput",
      "This scorecard is scored by one analyst; switch it to team scoring first.",
      {
        sheet: meta.sheets.scorecard,
      },
    );
  }
  const who = excelTrim(reviewer.trim());
  if (who === "")
    throw new WorkbookError(
      "InvalidInput",
      "Choose your reviewer name first: every review records who gave it.",
    );
  checkReviewerName(who, { sheet: meta.reviews.sheet });
  validateEdits(data, edits);
  try {
    return await writeOnce(run, data, who, edits, now, false);
  } catch (error) {
    // The table outgrew the whole-table read since the pane last read it: read it in windows.
    const cause = error instanceof WorkbookError ? error.cause : error;
    if (excelErrorCode(cause) !== "ResponsePayloadSizeLimitExceeded") throw error;
    return writeOnce(run, data, who, edits, now, true);
  }
}

function writeOnce(
  run: ExcelRun,
  data: ScorecardData,
  who: string,
  edits: readonly ReviewEdit[],
  now: Date | undefined,
  windowed: boolean,
): Promise<{ changed: number }> {
  const meta = data.location.meta;
  const reviews = meta.reviews!;
  const scale = data.config.scale;
  const seen = ownRows(data.reviews, who);
  return writeBatch(run, meta, { author: who, now, writes: [reviews.sheet] }, async (context, session) => {
    const workbook = context.workbook;
    const read = queueTableRead(
      workbook.tables.getItem(reviews.table),
      windowed ? Infinity : data.reviews.length,
    );
    const look = data.consensusIndex ? queueIndexLook(workbook) : null;
    const end = new TableEnd(context, reviews.table);
    await syncOrExplain(context, reviews.sheet);
    await session.ready();
    const table = await read.rows(context);
    const parsed = parseReviews(meta, table, data.agreements, scale);
    const current = ownRows(parsed.reviews, who);
    const appendAt = end.totals ? end.nextRow : appendRowIndex(table, parsed.positions);
    const writes: ReviewRowWrite[] = [];
    const conflicts: string[] = [];
    const changes: Change[] = [];
    const criterionName = (id: string) => leafName(data, id);
    for (const e of edits) {
      const mine = current.get(cellKey(e.agreementId, e.criterionId));
      const before = seen.get(cellKey(e.agreementId, e.criterionId));
      const alreadyWritten = (mine?.score ?? null) === e.score && (mine?.rationale ?? "") === e.rationale;
      const changedElsewhere =
        (mine?.score ?? null) !== (before?.score ?? null) ||
        (mine?.rationale ?? "") !== (before?.rationale ?? "");
      if (changedElsewhere && !alreadyWritten) {
        conflicts.push(
          `${e.agreementId}, ${criterionName(e.criterionId)}: now ${auditValue(mine?.score) || "blank"} (you saw ${auditValue(before?.score) || "blank"})`,
        );
        continue;
      }
      const scoreChanged = (mine?.score ?? null) !== e.score;
      const rationaleChanged = (mine?.rationale ?? "") !== e.rationale;
      if (!scoreChanged && !rationaleChanged) continue;
      const base = { agreementId: e.agreementId, subject: criterionName(e.criterionId) };
      if (scoreChanged)
        changes.push({
          ...base,
          what: "review",
          before: auditValue(mine?.score),
          after: auditValue(e.score),
        });
      if (rationaleChanged)
        changes.push({ ...base, what: "rationale", before: mine?.rationale ?? "", after: e.rationale });
      const own = [e.score ?? "", asText(e.rationale), asText(e.time ?? session.time)];
      writes.push(
        mine
          ? { row: mine.row, values: [null, null, null, ...own] }
          : {
              row: appendAt + writes.filter((w) => w.row > appendAt).length + 1,
              values: [asText(who), asText(e.agreementId), asText(e.criterionId), ...own],
            },
      );
    }
    if (conflicts.length > 0) {
      throw new WorkbookError(
        "ChangedByAnotherAuthor",
        `Your reviews changed elsewhere (the name "${who}" is in use in another window or by another person) since the pane showed them, so nothing was written: ${conflicts.join("; ")}. Look at them and score again.`,
        { sheet: reviews.sheet },
      );
    }
    if (changes.length === 0) return { changed: 0 };
    const fresh = {
      ...meta,
      consensusMethod: session.fresh.consensusMethod,
      sdThreshold: session.fresh.sdThreshold,
    };
    const legacy = isLegacy(parsed, data.consensusIndex === true);
    // A schema-3 table loses its helper columns first, so that every write below lands where it will stay.
    const place = legacy
      ? await queueLegacyRemoval(context, meta, table, parsed)
      : { columns: parsed.columns, positions: parsed.positions };
    const updates = writes.filter((w) => w.row <= appendAt);
    queueRowWrites(workbook.worksheets.getItem(reviews.sheet), table.columnIndex, place.positions, updates);
    // New rows go in through TableAppend, as wide as the table is after any helper columns left.
    const width = end.width - (legacy ? parsed.legacy.length : 0);
    const append = new TableAppend(
      context,
      { name: end.name, totals: end.totals, column: end.column, width },
      appendAt,
    );
    append.add(
      writes.filter((w) => w.row > appendAt).map((w) => rowAtPositions(width, place.positions, w.values)),
    );
    append.check();
    // The Audit rows and the stamp go with the reviews, in the next sync, whatever follows.
    if (legacy) session.record([UPGRADE_CHANGE]);
    session.record(changes);
    session.commit();
    const after = parseReviews(meta, withWrites(table, parsed.positions, writes), data.agreements, scale);
    const touched = new Set(writes.map((w) => w.row));
    const mineAfter = after.reviews.filter((r) => sameReviewer(r.reviewer, who));
    const head = legacy ? null : (look?.read() ?? null);
    // Rebuilt instead when it cannot vouch for the reviews, has a reviewer in two slots (two windows
    // of one reviewer joining at once), or this reviewer has two rows for one cell.
    const queueIndex = async () => {
      const incremental =
        head !== null &&
        head.vouched &&
        indexFits(head, indexCriteria(meta)) &&
        distinctReviewers(head.reviewers) &&
        ownRows(mineAfter, who).size === mineAfter.length &&
        queueReviewerEntries(
          context,
          head,
          who,
          mineAfter.filter((r) => touched.has(r.row)),
          mineAfter,
          place.columns,
          fresh,
        );
      if (!incremental) await writeIndexRebuild(context, fresh, data.agreements, scale, after, place.columns);
    };
    await queueIndex();
    // In chunks, each synced but the last; the reviews, their Audit rows and the stamp were synced
    // with the index above.
    if (legacy) await writeTeamFormulas(context, data, fresh);
    await syncOrExplain(context, reviews.sheet);
    if (append.fixOutside()) {
      // rows.add moved the cells the new index entries point to (they now read #REF!): index again.
      await syncOrExplain(context, reviews.sheet);
      await queueIndex();
      await syncOrExplain(context, reviews.sheet);
    }
    return { changed: changes.length };
  });
}

const distinctReviewers = (slots: readonly string[]) => {
  const taken = slots.filter((r) => r !== "").map(indexKey);
  return new Set(taken).size === taken.length;
};

const cellKey = (agreementId: string, criterionId: string) =>
  `${agreementId.toLowerCase()}\u0000${criterionId}`;

/** One reviewer's rows by agreement × criterion (the first, where a hand-made duplicate exists). */
function ownRows(rows: readonly ReviewRecord[], reviewer: string): Map<string, ReviewRecord> {
  const out = new Map<string, ReviewRecord>();
  for (const r of rows) {
    const key = cellKey(r.agreementId, r.criterionId);
    if (sameReviewer(r.reviewer, reviewer) && !out.has(key)) out.set(key, r);
  }
  return out;
}

function validateEdits(data: ScorecardData, edits: readonly ReviewEdit[]) {
  const meta = data.location.meta;
  const sheet = meta.reviews!.sheet;
  const leaves = scoredLeaves(meta);
  const ids = new Set(data.agreements.map((a) => a.id.toLowerCase()));
  for (const e of edits) {
    if (!ids.has(e.agreementId.toLowerCase())) {
      throw new WorkbookError("InvalidInput", `Agreement "${e.agreementId}" is not in the scorecard.`, {
        sheet,
      });
    }
    const leaf = leaves.find((l) => l.id === e.criterionId);
    if (!leaf) {
      const parent = meta.criteria.find((c) => c.id === e.criterionId);
      throw new WorkbookError(
        "InvalidInput",
        parent
          ? `Criterion "${parent.header}" is scored through its indicators: score each of them (${parent.indicators!.map((i) => i.header).join(", ")}), not the criterion.`
          : `There is no criterion or indicator "${e.criterionId}" in this scorecard.`,
        { sheet, column: parent?.header },
      );
    }
    const criterion = { name: leafName(data, leaf.id) };
    checkRationale(e.rationale, e.agreementId, criterion.name, { sheet, column: "Rationale" });
    if (e.score === null) continue;
    try {
      validateScore(e.score, data.config.scale, { agreementId: e.agreementId, criterionId: e.criterionId });
    } catch (error) {
      if (error instanceof ScoringError)
        throw new WorkbookError("InvalidInput", `${criterion.name}: ${error.message}`, {
          sheet,
          column: criterion.name,
        });
      throw error;
    }
  }
}
