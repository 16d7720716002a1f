/**
 * The rows of the Reviews table (docs/architecture.md §3): one per reviewer × agreement × criterion with
 * score, rationale and time, read into reviews, the consensus the model computes from them, and
 * rows written back in the columns where they are now. Shared by the read, the team's writes and
 * the index of the reviews (consensusIndex.ts).
 */
import { consensusTable, type ConsensusCell, type Review } from "../../scoring/consensus";
import type { Scale } from "../../scoring/types";
import { columnLetter, rangeAddress } from "../contract/addresses";
import { LEGACY_REVIEW_COLUMNS, REVIEW_COLUMNS } from "../contract/contract";
import { findHeader } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { AgreementRecord, CellIssue, ReviewRecord } from "../model";
import { excelTrim, type ReviewColumns } from "./reviewFormulas";
import type { TableRows } from "./reviewWindows";
import { chunkRows, jsonBytes, queueInChunks } from "../write/payload";
import type { TableAppend } from "../write/tables";
import { leafPlace, scoredLeaves } from "./leaves";

/**
 * A row with a score on the scale that no consensus counts: its agreement or criterion is not in
 * the scorecard, or it has no reviewer. Reviewer and agreement as Excel's TRIM gives them.
 */
export interface UncountedReview {
  row: number;
  reviewer: string;
  agreement: string;
  criterion: string;
}

type Cell = string | number | boolean;

export interface ParsedReviews {
  reviews: ReviewRecord[];
  issues: CellIssue[];
  uncounted: UncountedReview[];
  /** Where the review's columns are now (found by header: columns inserted or moved by hand do not matter). */
  columns: ReviewColumns;
  /** Zero-based position of each of REVIEW_COLUMNS in the table. */
  positions: number[];
  /** Headers of schema 3's helper columns still in the table (mode.ts and indexRebuild.ts upgrade it). */
  legacy: string[];
}

/** Reviewer names compare as Excel's TRIM gives them, without case ("Ana" and "ana " are one reviewer). */
export const sameReviewer = (a: string, b: string) =>
  excelTrim(a).toLowerCase() === excelTrim(b).toLowerCase();

/**
 * Parses the Reviews table (header row first; `rowIndex`/`columnIndex`: its zero-based place on
 * the sheet). An agreement ID matches the Scorecard's as text, after Excel's TRIM, without case,
 * as the consensus formulas compare it. Rows the formulas cannot count — text or off-scale scores,
 * unknown agreements or criteria, a reviewer's second row for one cell — are reported as issues
 * naming the Reviews cell; unknown rows are left out, the others kept as they count.
 */
export function parseReviews(
  meta: ScorecardMeta,
  table: TableRows,
  agreements: readonly AgreementRecord[],
  scale: Scale,
): ParsedReviews {
  const where = { table: meta.reviews!.table, sheet: meta.reviews!.sheet };
  const sheet = where.sheet;
  const { values, rowIndex, columnIndex } = table;
  const headers = values[0] ?? [];
  const positions = REVIEW_COLUMNS.map((name) => findHeader(headers, name, where));
  const letter = (k: number) => columnLetter(columnIndex + positions[k]);
  const columns: ReviewColumns = {
    sheet,
    reviewer: letter(0),
    agreement: letter(1),
    criterion: letter(2),
    score: letter(3),
  };
  const legacy = LEGACY_REVIEW_COLUMNS.filter((name) =>
    headers.some((h) => String(h).trim().toLowerCase() === name.toLowerCase()),
  );
  const ids = new Map(agreements.map((a) => [excelTrim(a.id).toLowerCase(), a.id]));
  // What a review may name: a criterion scored directly, or an indicator (leaves.ts).
  const leaves = new Map(scoredLeaves(meta).map((l) => [l.id, l]));
  const criteria = new Set(leaves.keys());
  const throughIndicators = new Map(
    meta.criteria.filter((c) => (c.indicators ?? []).length > 0).map((c) => [c.id, c]),
  );
  const reviews: ReviewRecord[] = [];
  const issues: CellIssue[] = [];
  const uncounted: UncountedReview[] = [];
  const seen = new Map<string, number>();
  values.slice(1).forEach((cells, i) => {
    const row = rowIndex + i + 2;
    const [reviewer, agreement, criterion, score, rationale, time] = positions.map((p) => cells[p]);
    if ([reviewer, agreement, criterion, score].every((v) => v === "" || v === null)) return;
    const who = excelTrim(String(reviewer));
    const id = ids.get(excelTrim(String(agreement)).toLowerCase());
    const onScale = typeof score === "number" && score >= scale.min && score <= scale.max;
    const issue = (k: number, message: string) => {
      const address = `${letter(k)}${row}`;
      issues.push({
        sheet,
        address,
        row,
        column: REVIEW_COLUMNS[k],
        agreementId: id ?? String(agreement),
        ...leafPlace(leaves.get(String(criterion))),
        message: `${sheet}!${address}: ${message}`,
      });
    };
    const notCounted = (k: number, message: string) => {
      if (onScale)
        uncounted.push({
          row,
          reviewer: who,
          agreement: excelTrim(String(agreement)),
          criterion: String(criterion),
        });
      issue(k, message);
    };
    if (who === "") return notCounted(0, "the review has no reviewer; fill in who scored it.");
    if (id === undefined)
      return notCounted(
        1,
        `agreement "${String(agreement)}" is not in the scorecard; correct the ID (it is compared as text) or delete the row.`,
      );
    const parent = throughIndicators.get(String(criterion));
    if (parent)
      return notCounted(
        2,
        `criterion "${parent.header}" is scored through its indicators, so a review names one of them (${parent.indicators!.map((i) => i.id).join(", ")}); put the indicator's id in this cell, or delete the row.`,
      );
    if (!criteria.has(String(criterion)))
      return notCounted(
        2,
        `criterion "${String(criterion)}" is not in the scorecard; correct it or delete the row.`,
      );
    if (score !== "" && score !== null && !onScale)
      issue(
        3,
        `${JSON.stringify(score)} is not a score from ${scale.min} to ${scale.max}; it does not count in the consensus. Correct it through the pane, or clear it.`,
      );
    const key = [who.toLowerCase(), id.toLowerCase(), criterion].join("\u0000");
    const previous = seen.get(key);
    if (previous !== undefined)
      issue(
        0,
        `${who} has a second review of this agreement and criterion (first in row ${previous}); only the later one counts. Delete one of the rows.`,
      );
    else seen.set(key, row);
    reviews.push({
      reviewer: who,
      agreementId: id,
      criterionId: String(criterion),
      score: onScale ? (score as number) : null,
      rationale: String(rationale ?? ""),
      time: String(time ?? ""),
      row,
    });
  });
  return { reviews, issues, uncounted, columns, positions, legacy };
}

/**
 * Zero-based sheet row where new reviews go: after the table's last non-empty row, so that the
 * empty body row a new Reviews table starts with (or rows cleared by hand) is filled first.
 */
export function appendRowIndex(table: TableRows, positions: readonly number[]): number {
  const empty = (cells: Cell[]) => positions.slice(0, 4).every((p) => cells[p] === "" || cells[p] === null);
  let last = table.values.length - 1;
  while (last > 0 && empty(table.values[last])) last--;
  return table.rowIndex + last + 1;
}

/** The model's consensus per agreement × criterion that any reviewer scored. */
export function teamConsensus(
  meta: ScorecardMeta,
  reviews: readonly ReviewRecord[],
  scale: Scale,
): ConsensusCell[] {
  return consensusWithRows(meta, reviews, scale).cells;
}

/**
 * The consensus, and the rows it counts: each reviewer's latest review of each cell (a
 * reviewer's earlier row for the same cell, made by hand, does not count).
 */
export function consensusWithRows(meta: ScorecardMeta, reviews: readonly ReviewRecord[], scale: Scale) {
  const input: Review[] = reviews.map((r) => ({
    reviewer: r.reviewer.toLowerCase(),
    agreementId: r.agreementId,
    criterionId: r.criterionId,
    score: r.score,
    // No time: a hand-typed time may not be a date. Of a hand-made duplicate, the later row counts.
  }));
  const cells = consensusTable(input, meta.consensusMethod, scale, meta.sdThreshold);
  // consensusTable returns the very Review objects it was given: map them back to their rows.
  const byReview = new Map(reviews.map((r, i) => [input[i], r]));
  const counted: ReviewRecord[] = [];
  const named = cells.map((c) => ({
    ...c,
    reviews: c.reviews.map((review) => {
      const record = byReview.get(review)!;
      counted.push(record);
      return { ...review, reviewer: record.reviewer, rationale: record.rationale, time: record.time };
    }),
  }));
  return { cells: named, counted };
}

/**
 * What the index of the reviews holds (consensusIndex.ts): the rows the consensus counts, and
 * every other row with a score on the scale (it is in the Reviews table's count of valid scores).
 */
export function indexedReviews(meta: ScorecardMeta, parsed: ParsedReviews, scale: Scale) {
  const { counted } = consensusWithRows(meta, parsed.reviews, scale);
  const inConsensus = new Set(counted);
  const earlier = parsed.reviews
    .filter((r) => !inConsensus.has(r) && r.score !== null)
    .map((r) => ({
      row: r.row,
      reviewer: r.reviewer,
      agreement: excelTrim(r.agreementId),
      criterion: r.criterionId,
    }));
  return { counted, uncounted: [...parsed.uncounted, ...earlier] };
}

/** One row written to the Reviews table: a value per REVIEW_COLUMNS, null where the cell is left alone. */
export interface ReviewRowWrite {
  row: number;
  values: (Cell | null)[];
}

/** The table as it will be once `writes` are applied, for planning the index in the same batch. */
export function withWrites(
  table: TableRows,
  positions: readonly number[],
  writes: readonly ReviewRowWrite[],
): TableRows {
  const values = table.values.map((r) => [...r]);
  const width = values[0]?.length ?? REVIEW_COLUMNS.length;
  for (const w of writes) {
    const i = w.row - table.rowIndex - 1;
    while (values.length <= i) values.push(new Array<Cell>(width).fill(""));
    w.values.forEach((v, k) => {
      if (v !== null) values[i][positions[k]] = typeof v === "string" ? v.replace(/^'/, "") : v;
    });
  }
  return { ...table, values };
}

/** A new row as wide as the table, each review column's value at its position (the rest blank). */
export function rowAtPositions(
  width: number,
  positions: readonly number[],
  values: readonly (Cell | null)[],
): Cell[] {
  const row: Cell[] = Array(width).fill("");
  values.forEach((v, k) => {
    if (v !== null) row[positions[k]] = v;
  });
  return row;
}

/**
 * Queues writes to rows already in the table: each value in its column (found by header), nothing
 * in columns a person added. While the review's columns sit side by side, as the add-in made them,
 * each row is one range. New rows go through TableAppend (queueReviewRows), never here.
 */
export function queueRowWrites(
  sheet: Excel.Worksheet,
  columnIndex: number,
  positions: readonly number[],
  writes: readonly ReviewRowWrite[],
) {
  const at = (k: number) => columnIndex + positions[k];
  const adjacent = positions.every((p, k) => p === positions[0] + k);
  for (const w of writes) {
    const first = w.values.findIndex((v) => v !== null);
    if (adjacent) {
      sheet.getRange(rangeAddress(w.row - 1, at(first), 1, w.values.length - first)).values = [
        w.values.slice(first) as (string | number)[],
      ];
      continue;
    }
    w.values.forEach((v, k) => {
      if (v !== null) sheet.getRange(`${columnLetter(at(k))}${w.row}`).values = [[v]];
    });
  }
}

/** Many review rows written at once (a switch to team scoring): updates, then new rows. */
export interface ReviewRowBatch {
  sheet: Excel.Worksheet;
  /** Zero-based sheet column of the table's first column, and the review columns' positions in it. */
  columnIndex: number;
  positions: readonly number[];
  /** Writes to rows already in the table (null: the cell is left alone). */
  updates: readonly ReviewRowWrite[];
  /** New rows, as wide as the table, in order from the append's first row. */
  appended: readonly Cell[][];
  append: TableAppend;
}

/** What an updated row costs in a request beyond its values: the range's address and the action. */
const UPDATE_OVERHEAD_BYTES = 200;

/**
 * Queues a batch of review rows in chunks under the payload budget (chunks.ts), each synced but
 * the last, which is left queued with the append's check() for the caller's closing sync.
 */
export async function queueReviewRows(context: Excel.RequestContext, batch: ReviewRowBatch): Promise<void> {
  const { updates, appended, append } = batch;
  const bytes = (i: number) =>
    i < updates.length
      ? jsonBytes(updates[i].values) + UPDATE_OVERHEAD_BYTES
      : jsonBytes(appended[i - updates.length]);
  const chunks = chunkRows(updates.length + appended.length, bytes);
  await queueInChunks(context, chunks, (from, to) => {
    queueRowWrites(batch.sheet, batch.columnIndex, batch.positions, updates.slice(from, to));
    append.add(appended.slice(Math.max(0, from - updates.length), Math.max(0, to - updates.length)));
  });
  append.check();
}
