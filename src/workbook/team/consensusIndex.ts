/**
 * The index of the reviews on the very hidden AS_Consensus sheet, which the team's consensus
 * formulas read (reviewFormulas.ts explains why it exists and how it checks itself). Built whole
 * when a scorecard turns to team scoring, on "Repair formulas", and whenever a writer finds it
 * cannot vouch for the reviews; otherwise each reviewer's write adds only its own entries, in its
 * own slot column, so that reviewers scoring at once never write the same cell.
 */
import { columnLetter, rangeAddress } from "../contract/addresses";
import { chunkRows, jsonBytes, queueInChunks } from "../write/payload";
import { SHEET } from "../contract/contract";
import { WorkbookError } from "../errors";
import type { ScorecardMeta } from "../contract/meta";
import {
  consensusValueFormula,
  discussValueFormula,
  entryFormula,
  excelTrim,
  indexCheckFormula,
  INDEX_LAYOUT,
  otherEntryFormula,
  slotIndex,
  uniqueFormula,
  type IndexShape,
  type ReviewColumns,
} from "./reviewFormulas";
import type { UncountedReview } from "./reviewRows";
import { asText } from "../contract/userText";
import type { ReviewRecord } from "../model";

type Cell = string | number | boolean;

/** A1 of the index sheet: how the add-in knows the sheet is its own. */
export const INDEX_HEADER = "Agreement ID";
const HEADERS = [INDEX_HEADER, "First row", "Agreement", "Reviewer", "Criterion", "Score"] as const;
const CHECK_LABEL = "All reviews indexed";

/** The index as a writer finds it: its shape, the reviewer of each slot, the ID of each row. */
export interface IndexHead {
  shape: IndexShape;
  /** Block 0's slot headers: "" is a free slot. */
  reviewers: string[];
  /** Column A from the first agreement row on. */
  ids: string[];
  /** B2: every valid review indexed once. */
  vouched: boolean;
}

/** An ID or a reviewer as the formulas compare them: Excel's TRIM, without case. */
export const indexKey = (text: string) => excelTrim(text).toLowerCase();

/** Queues the loads of an existing index's head and IDs; read() after the sync (null: not a layout this add-in wrote). */
export function queueIndexLook(workbook: Excel.Workbook) {
  const sheet = workbook.worksheets.getItem(SHEET.consensus);
  const head = sheet.getRange("1:2").getUsedRangeOrNullObject(true).load("values");
  const ids = sheet.getRange("A:A").getUsedRangeOrNullObject(true).load("values");
  return {
    read(): IndexHead | null {
      if (head.isNullObject) return null;
      const ours = headFrom(head.values);
      if (ours === null) return null;
      const column = ids.isNullObject ? [] : ids.values.map((r) => String(r[0]));
      return { ...ours, ids: column.slice(INDEX_LAYOUT.firstRow - 1) };
    },
  };
}

function headFrom(values: Cell[][]): Omit<IndexHead, "ids"> | null {
  const [top = [], second = []] = values;
  if (HEADERS.some((h, i) => top[i] !== h)) return null;
  const criteria: string[] = [];
  for (
    let col = INDEX_LAYOUT.firstCriterion;
    top[col] === "Consensus" && top[col + 1] === "Discuss";
    col += 2
  )
    criteria.push(String(second[col]));
  const first = INDEX_LAYOUT.firstCriterion + 2 * criteria.length;
  const slots = (second.length - first) / criteria.length;
  if (criteria.length === 0 || !Number.isInteger(slots) || slots < 1) return null;
  return {
    shape: { criteria, slots },
    reviewers: top.slice(first, first + slots).map((v) => String(v ?? "")),
    vouched: second[1] === true,
  };
}

/** Whether an index was built for these criteria (in the order of its blocks). */
export const indexFits = (head: IndexHead, criteria: readonly string[]) =>
  head.shape.criteria.length === criteria.length && head.shape.criteria.every((id, i) => id === criteria[i]);

/** Reviewer slots per criterion for a team of `reviewers`, with room for newcomers. */
export const slotsFor = (reviewers: number) => Math.max(8, Math.ceil((reviewers + 1) * 1.5));

export interface IndexPlan {
  shape: IndexShape;
  reviewers: string[];
  ids: string[];
  /** Per index row: zero-based sheet column → Reviews row. */
  entries: Map<number, number>[];
  uncounted: UncountedReview[];
}

/**
 * The whole index: one row per agreement (first of each ID), each counted review in its
 * reviewer's slot, every other review with a score on the scale among the uncounted ones.
 */
export function planIndex(input: {
  criteria: readonly string[];
  agreementIds: readonly string[];
  counted: readonly ReviewRecord[];
  uncounted: readonly UncountedReview[];
}): IndexPlan {
  const rowOf = new Map<string, number>();
  const ids: string[] = [];
  for (const id of input.agreementIds) {
    const key = indexKey(id);
    if (id === "" || rowOf.has(key)) continue;
    rowOf.set(key, ids.length);
    ids.push(excelTrim(id));
  }
  const reviewers: string[] = [];
  const slotOf = new Map<string, number>();
  for (const r of input.counted) {
    const key = indexKey(r.reviewer);
    if (!slotOf.has(key)) {
      slotOf.set(key, reviewers.length);
      reviewers.push(excelTrim(r.reviewer));
    }
  }
  const shape: IndexShape = { criteria: input.criteria, slots: slotsFor(reviewers.length) };
  const entries = ids.map(() => new Map<number, number>());
  for (const r of input.counted) {
    const row = rowOf.get(indexKey(r.agreementId));
    const k = shape.criteria.indexOf(r.criterionId);
    if (row === undefined || k < 0) continue;
    entries[row].set(slotIndex(shape, k, slotOf.get(indexKey(r.reviewer))!), r.row);
  }
  while (reviewers.length < shape.slots) reviewers.push("");
  return { shape, reviewers, ids, entries, uncounted: [...input.uncounted] };
}

/** Columns of the index sheet for a shape. */
const width = (shape: IndexShape) => slotIndex(shape, shape.criteria.length - 1, shape.slots - 1) + 1;

function headRows(plan: Pick<IndexPlan, "shape" | "reviewers">, reviewsTable: string): Cell[][] {
  const { shape } = plan;
  const top: Cell[] = [...HEADERS];
  const second: Cell[] = [CHECK_LABEL, indexCheckFormula(reviewsTable, shape), "", "", "", ""];
  for (const id of shape.criteria) {
    top.push("Consensus", "Discuss");
    second.push(id, id);
  }
  for (const id of shape.criteria)
    for (const reviewer of plan.reviewers) {
      top.push(asText(reviewer));
      second.push(id);
    }
  return [top, second];
}

/** The fixed part of index row `row` (sheet row): its ID, uniqueness check, consensus and discuss. */
function agreementCells(meta: ScorecardMeta, shape: IndexShape, id: string, row: number): string[] {
  const cells = [asText(id), uniqueFormula(row)];
  shape.criteria.forEach((_, k) =>
    cells.push(
      consensusValueFormula(shape, k, row, meta.consensusMethod),
      discussValueFormula(shape, k, row, meta.sdThreshold),
    ),
  );
  return cells;
}

function planRows(plan: IndexPlan, reviews: ReviewColumns, meta: ScorecardMeta): string[][] {
  const { shape, ids, entries, uncounted } = plan;
  const count = Math.max(ids.length, uncounted.length);
  return Array.from({ length: count }, (_, i) => {
    const row = INDEX_LAYOUT.firstRow + i;
    const cells = new Array<string>(width(shape)).fill("");
    const other = uncounted[i];
    if (other) {
      cells[2] = asText(other.agreement);
      cells[3] = asText(other.reviewer);
      cells[4] = asText(other.criterion);
      cells[5] = otherEntryFormula(reviews, other.row, row);
    }
    if (i < ids.length) {
      const [id, unique, ...perCriterion] = agreementCells(meta, shape, ids[i], row);
      cells[0] = id;
      cells[1] = unique;
      perCriterion.forEach((f, j) => (cells[INDEX_LAYOUT.firstCriterion + j] = f));
      for (const [column, reviewRow] of entries[i])
        cells[column] = entryFormula(reviews, reviewRow, columnLetter(column), row);
    }
    return cells;
  });
}

/**
 * Writes the whole index (creating its sheet when `exists` is false), one sync per chunk under the
 * payload budget, the last included: what the caller queues next starts a request of its own.
 */
export async function writeIndex(
  context: Excel.RequestContext,
  plan: IndexPlan,
  reviews: ReviewColumns,
  meta: ScorecardMeta,
  exists: boolean,
): Promise<void> {
  const worksheets = context.workbook.worksheets;
  let sheet: Excel.Worksheet;
  if (exists) {
    sheet = worksheets.getItem(SHEET.consensus);
    sheet.getRange().clear("Contents" as Excel.ClearApplyTo.contents);
  } else {
    sheet = worksheets.add(SHEET.consensus);
    sheet.visibility = "VeryHidden" as Excel.SheetVisibility.veryHidden;
  }
  const head = headRows(plan, meta.reviews!.table);
  sheet.getRange(rangeAddress(0, 0, 2, head[0].length)).formulas = head;
  const rows = planRows(plan, reviews, meta);
  // The request carries the formulas as JSON in UTF-8: quotes escaped, non-Latin IDs and names wider.
  const bytes = (i: number) => jsonBytes(rows[i]);
  await queueInChunks(context, chunkRows(rows.length, bytes), (from, to) => {
    if (to > from)
      sheet.getRange(
        rangeAddress(INDEX_LAYOUT.firstRow - 1 + from, 0, to - from, width(plan.shape)),
      ).formulas = rows.slice(from, to);
  });
  await context.sync();
}

/**
 * Queues one reviewer's entries for `rows` (their current reviews: all of them when the reviewer
 * takes a slot for the first time). Agreements the index has no row for get one. Returns false,
 * writing nothing, when the index cannot take them: no free slot, or a criterion it lacks.
 */
export function queueReviewerEntries(
  context: Excel.RequestContext,
  head: IndexHead,
  reviewer: string,
  rows: readonly ReviewRecord[],
  everything: readonly ReviewRecord[],
  reviews: ReviewColumns,
  meta: ScorecardMeta,
): boolean {
  const { shape } = head;
  if (rows.some((r) => !shape.criteria.includes(r.criterionId))) return false;
  let slot = head.reviewers.findIndex((r) => r !== "" && indexKey(r) === indexKey(reviewer));
  const claim = slot < 0;
  if (claim) slot = freeSlot(head.reviewers, reviewer);
  if (slot < 0) return false;
  const sheet = context.workbook.worksheets.getItem(SHEET.consensus);
  const cell = (column: number, row: number) => sheet.getRange(`${columnLetter(column)}${row}`);
  if (claim)
    shape.criteria.forEach(
      (_, k) => (cell(slotIndex(shape, k, slot), 1).values = [[asText(excelTrim(reviewer))]]),
    );
  const ids = head.ids.map(indexKey);
  let free = ids.length;
  while (free > 0 && ids[free - 1] === "") free--;
  const rowOf = (agreementId: string) => {
    let i = ids.indexOf(indexKey(agreementId));
    if (i < 0) {
      i = free++;
      ids[i] = indexKey(agreementId);
      const row = INDEX_LAYOUT.firstRow + i;
      const [id, unique, ...perCriterion] = agreementCells(meta, shape, excelTrim(agreementId), row);
      sheet.getRange(`A${row}:B${row}`).formulas = [[id, unique]];
      sheet.getRange(rangeAddress(row - 1, INDEX_LAYOUT.firstCriterion, 1, perCriterion.length)).formulas = [
        perCriterion,
      ];
    }
    return INDEX_LAYOUT.firstRow + i;
  };
  for (const r of claim ? everything : rows) {
    const row = rowOf(r.agreementId);
    const column = slotIndex(shape, shape.criteria.indexOf(r.criterionId), slot);
    cell(column, row).formulas = [[entryFormula(reviews, r.row, columnLetter(column), row)]];
  }
  return true;
}

/**
 * A free slot for a reviewer's first review, or -1. Reviewers who join at the same moment read the
 * same free slots; starting from a place drawn from the name makes it unlikely that they take the
 * same one (if they do, the index's checks flag it and the next write rebuilds it).
 */
function freeSlot(reviewers: readonly string[], reviewer: string): number {
  let hash = 0;
  for (const ch of indexKey(reviewer)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  for (let i = 0; i < reviewers.length; i++) {
    const slot = (hash + i) % reviewers.length;
    if (reviewers[slot] === "") return slot;
  }
  return -1;
}

/** Refuses to clear a sheet named AS_Consensus that this add-in did not make. */
export function refuseForeignIndex(): never {
  throw new WorkbookError(
    "WouldOverwrite",
    `A sheet named "${SHEET.consensus}" that Agreement Scorecard did not make is in the way of the team's consensus index. Rename that sheet, then try again.`,
    { sheet: SHEET.consensus },
  );
}
