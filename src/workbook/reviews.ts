/**
 * The Reviews table of a team scorecard (DESIGN.md §3): one row per reviewer × agreement ×
 * criterion with score, rationale and time. Reading turns it into reviews and the consensus the
 * model computes; writing updates only the writing reviewer's own rows (so two reviewers scoring at
 * once never touch the same cell) and appends their new rows at the table's end (tables.ts).
 */
import { consensusTable, type ConsensusCell, type Review } from "../scoring/consensus";
import { ScoringError } from "../scoring/errors";
import { validateScore } from "../scoring/scale";
import type { Scale } from "../scoring/types";
import { columnLetter } from "./addresses";
import { auditValue, type Change } from "./audit";
import { REVIEW_COLUMNS } from "./contract";
import { WorkbookError, explainExcelError } from "./errors";
import { findHeader } from "./layout";
import type { ScorecardMeta } from "./meta";
import type { AgreementRecord, CellIssue } from "./model";
import type { ScorecardData } from "./read";
import { orderFormula, squareFormula } from "./reviewFormulas";
import type { ExcelRun } from "./run";
import { writeBatch } from "./session";
import { TableAppend, TableEnd } from "./tables";
import { asText } from "./text";

/** One row of the Reviews table, as read. */
export interface ReviewRecord {
  reviewer: string;
  agreementId: string;
  criterionId: string;
  score: number | null;
  rationale: string;
  time: string;
  /** Excel row number on the Reviews sheet. */
  row: number;
}

type Cell = string | number | boolean;

/** Reviewer names compare trimmed and case-insensitively ("Ana" and "ana " are one reviewer). */
export const sameReviewer = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Parses the Reviews table (header row first, at zero-based sheet row headerRowIndex). Rows the formulas cannot count — text or off-scale
 * scores, unknown agreements or criteria, a reviewer's second row for one cell — are reported as
 * issues naming the Reviews cell; unknown rows are left out, the others kept as they count.
 */
export function parseReviews(
  meta: ScorecardMeta,
  values: Cell[][],
  headerRowIndex: number,
  agreements: readonly AgreementRecord[],
  scale: Scale,
): { reviews: ReviewRecord[]; issues: CellIssue[] } {
  const where = { table: meta.reviews!.table, sheet: meta.reviews!.sheet };
  const sheet = where.sheet;
  // The consensus formulas address the columns by letter, so they must not have moved.
  REVIEW_COLUMNS.forEach((name, k) => {
    if (findHeader(values[0] ?? [], name, where) !== k) {
      throw new WorkbookError(
        "ColumnMissing",
        `Column "${name}" of table "${where.table}" (sheet "${sheet}") was moved; the consensus formulas need the columns in the order ${REVIEW_COLUMNS.join(", ")}. Move it back.`,
        { ...where, column: name },
      );
    }
  });
  const ids = new Map(agreements.map((a) => [a.id.trim().toLowerCase(), a.id]));
  const criteria = new Set(meta.criteria.map((c) => c.id));
  const reviews: ReviewRecord[] = [];
  const issues: CellIssue[] = [];
  const seen = new Map<string, number>();
  values.slice(1).forEach((cells, i) => {
    const row = headerRowIndex + i + 2;
    const [reviewer, agreement, criterion, score, rationale, time] = cells;
    if ([reviewer, agreement, criterion, score].every((v) => v === "" || v === null)) return;
    const id = ids.get(String(agreement).trim().toLowerCase());
    const issue = (column: number, message: string) =>
      issues.push({
        sheet,
        address: `${columnLetter(column)}${row}`,
        row,
        column: REVIEW_COLUMNS[column],
        agreementId: id ?? String(agreement),
        criterionId: criteria.has(String(criterion)) ? String(criterion) : undefined,
        message: `${sheet}!${columnLetter(column)}${row}: ${message}`,
      });
    if (String(reviewer).trim() === "") return issue(0, "the review has no reviewer; fill in who scored it.");
    if (id === undefined)
      return issue(
        1,
        `agreement "${String(agreement)}" is not in the scorecard; correct the ID or delete the row.`,
      );
    if (!criteria.has(String(criterion)))
      return issue(
        2,
        `criterion "${String(criterion)}" is not in the scorecard; correct it or delete the row.`,
      );
    let value: number | null = null;
    if (score !== "" && score !== null) {
      if (typeof score === "number" && score >= scale.min && score <= scale.max) value = score;
      else
        issue(
          3,
          `${JSON.stringify(score)} is not a score from ${scale.min} to ${scale.max}; it does not count in the consensus. Correct it through the pane, or clear it.`,
        );
    }
    const key = [String(reviewer).trim().toLowerCase(), id.toLowerCase(), criterion].join("\u0000");
    const previous = seen.get(key);
    if (previous !== undefined)
      issue(
        0,
        `${String(reviewer)} has a second review of this agreement and criterion (first in row ${previous}); the consensus counts both. Delete one of the rows.`,
      );
    else seen.set(key, row);
    reviews.push({
      reviewer: String(reviewer).trim(),
      agreementId: id,
      criterionId: String(criterion),
      score: value,
      rationale: String(rationale ?? ""),
      time: String(time ?? ""),
      row,
    });
  });
  return { reviews, issues };
}

/**
 * Zero-based sheet row where new reviews go: after the table's last non-empty row, so that the
 * empty body row a new Reviews table starts with (or rows cleared by hand) is filled first.
 */
export function appendRowIndex(table: { values: Cell[][]; rowIndex: number }): number {
  let last = table.values.length - 1;
  while (last > 0 && table.values[last].slice(0, 4).every((v) => v === "" || v === null)) last--;
  return table.rowIndex + last + 1;
}

/** The model's consensus per agreement × criterion that any reviewer scored. */
export function teamConsensus(
  meta: ScorecardMeta,
  reviews: readonly ReviewRecord[],
  scale: Scale,
): ConsensusCell[] {
  const input: Review[] = reviews.map((r) => ({
    reviewer: r.reviewer.toLowerCase(),
    agreementId: r.agreementId,
    criterionId: r.criterionId,
    score: r.score,
    // Each reviewer has one row per cell; row order decides if a hand-made duplicate exists.
  }));
  const cells = consensusTable(input, meta.consensusMethod, scale, meta.sdThreshold);
  // consensusTable keeps the lowercased reviewer it grouped by; give back the names as written.
  const byRow = new Map(reviews.map((r, i) => [input[i], r]));
  return cells.map((c) => ({
    ...c,
    reviews: c.reviews.map((review) => {
      const record = byRow.get(review)!;
      return { ...review, reviewer: record.reviewer, rationale: record.rationale, time: record.time };
    }),
  }));
}

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
 * and ChangedByAnotherAuthor says which. Two syncs.
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
  const who = reviewer.trim();
  if (who === "")
    throw new WorkbookError(
      "InvalidInput",
      "Choose your reviewer name first: every review records who gave it.",
    );
  validateEdits(data, edits);
  const reviews = meta.reviews;
  const seen = ownRows(data.reviews, who);

  return writeBatch(run, meta, { author: who, now, writes: [reviews.sheet] }, async (context, session) => {
    const sheet = context.workbook.worksheets.getItem(reviews.sheet);
    const table = context.workbook.tables.getItem(reviews.table).getRange().load("values, rowIndex");
    const end = new TableEnd(context, reviews.table);
    try {
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, reviews.sheet);
    }
    await session.ready();
    const now = ownRows(
      parseReviews(meta, table.values, table.rowIndex, data.agreements, data.config.scale).reviews,
      who,
    );
    const appended: (string | number)[][] = [];
    const appendAt = end.totals ? end.nextRow : appendRowIndex(table);
    const conflicts: string[] = [];
    const changes: Change[] = [];
    const criterionName = (id: string) => data.config.criteria.find((c) => c.id === id)?.name ?? id;
    for (const e of edits) {
      const mine = now.get(cellKey(e.agreementId, e.criterionId));
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
      if (mine) {
        sheet.getRange(`D${mine.row}:F${mine.row}`).values = [
          [e.score ?? "", asText(e.rationale), asText(e.time ?? session.time)],
        ];
      } else {
        const row = appendAt + appended.length + 1;
        appended.push([
          asText(who),
          asText(e.agreementId),
          asText(e.criterionId),
          e.score ?? "",
          asText(e.rationale),
          asText(e.time ?? session.time),
          orderFormula(row),
          squareFormula(row),
        ]);
      }
    }
    if (conflicts.length > 0) {
      throw new WorkbookError(
        "ChangedByAnotherAuthor",
        `Your reviews changed elsewhere (the name "${who}" is in use in another window or by another person) since the pane showed them, so nothing was written: ${conflicts.join("; ")}. Look at them and score again.`,
        { sheet: reviews.sheet },
      );
    }
    if (changes.length === 0) return { changed: 0 };
    const append = new TableAppend(context, end, appendAt);
    append.add(appended);
    append.check();
    session.record(changes);
    session.commit();
    try {
      await context.sync();
      if (append.fixOutside()) await context.sync();
    } catch (error) {
      throw explainExcelError(error, reviews.sheet);
    }
    return { changed: changes.length };
  });
}

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
  const sheet = data.location.meta.reviews!.sheet;
  const ids = new Set(data.agreements.map((a) => a.id.toLowerCase()));
  for (const e of edits) {
    if (!ids.has(e.agreementId.toLowerCase())) {
      throw new WorkbookError("InvalidInput", `Agreement "${e.agreementId}" is not in the scorecard.`, {
        sheet,
      });
    }
    const criterion = data.config.criteria.find((c) => c.id === e.criterionId);
    if (!criterion) {
      throw new WorkbookError("InvalidInput", `There is no criterion "${e.criterionId}" in this scorecard.`, {
        sheet,
      });
    }
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
