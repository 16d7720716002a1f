/**
 * Rebuilding the index of the reviews (consensusIndex.ts) from the Reviews table as it is, and
 * upgrading a schema-3 team workbook on the way: its Reviews table loses the Order and Square
 * helper columns and the hidden discuss block beside it, whose COUNTIFS per review cost O(n²).
 * Nothing a person typed is touched: reviews, rationales and times stay where they are.
 */
import type { Scale } from "../../scoring/types";
import { columnLetter } from "../contract/addresses";
import type { Change } from "../write/audit";
import { INDEX_HEADER, planIndex, writeIndex, refuseForeignIndex } from "./consensusIndex";
import { LEGACY_REVIEW_COLUMNS, SHEET } from "../contract/contract";
import type { ScorecardMeta } from "../contract/meta";
import type { AgreementRecord } from "../model";
import type { ReviewColumns } from "./reviewFormulas";
import { indexedReviews, type ParsedReviews } from "./reviewRows";
import type { TableRows } from "./reviewWindows";
import { indexCriteria } from "./teamFormulas";

/** The Audit row of an upgrade from schema 3. */
export const UPGRADE_CHANGE: Change = {
  what: "formulas repaired",
  agreementId: "",
  subject: "team consensus formulas",
  before: "schema 3: helper columns in Reviews",
  after: "schema 4: index of the reviews",
};

/** A schema-3 Reviews table: no index yet, and both helper columns still there. */
export const isLegacy = (parsed: ParsedReviews, indexExists: boolean) =>
  !indexExists && parsed.legacy.length === LEGACY_REVIEW_COLUMNS.length;

/**
 * Queues the removal of schema 3's helper columns and discuss block (one sync, to find the
 * block); returns where the review's columns will be once the helper columns are gone, and their
 * positions in the table.
 */
export async function queueLegacyRemoval(
  context: Excel.RequestContext,
  meta: ScorecardMeta,
  table: TableRows,
  parsed: ParsedReviews,
): Promise<{ columns: ReviewColumns; positions: number[] }> {
  const place = meta.reviews!;
  const sheet = context.workbook.worksheets.getItem(place.sheet);
  const top = sheet.getRange("1:1").getUsedRange(true).load("values, columnIndex");
  await context.sync();
  const headers = table.values[0].map((h) => String(h).trim().toLowerCase());
  const removed = parsed.legacy.map((name) => headers.indexOf(name.toLowerCase()));
  const block = top.values[0].flatMap((v, i) =>
    String(v).startsWith("Discuss: ") ? [top.columnIndex + i] : [],
  );
  for (const column of block) sheet.getRange(`${columnLetter(column)}:${columnLetter(column)}`).clear();
  const helpers = context.workbook.tables.getItem(place.table).columns;
  for (const name of parsed.legacy) helpers.getItem(name).delete();
  // The helper columns and the block were hidden; the sheet columns they leave behind are not.
  const lastHidden = Math.max(table.columnIndex + table.values[0].length - 1, ...block);
  const firstFreed = table.columnIndex + table.values[0].length - removed.length;
  sheet.getRange(`${columnLetter(firstFreed)}:${columnLetter(lastHidden)}`).columnHidden = false;
  const positions = parsed.positions.map((p) => p - removed.filter((r) => r < p).length);
  const letter = (k: number) => columnLetter(table.columnIndex + positions[k]);
  return {
    columns: {
      sheet: place.sheet,
      reviewer: letter(0),
      agreement: letter(1),
      criterion: letter(2),
      score: letter(3),
    },
    positions,
  };
}

/** Whether the index sheet exists; refuses a sheet of that name that the add-in did not make. One or two syncs. */
export async function lookIndexSheet(context: Excel.RequestContext): Promise<boolean> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SHEET.consensus);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) return false;
  const used = sheet.getUsedRangeOrNullObject(true).load("address");
  const corner = sheet.getRange("A1").load("values");
  await context.sync();
  if (!used.isNullObject && corner.values[0][0] !== INDEX_HEADER) refuseForeignIndex();
  return true;
}

/**
 * Writes the whole index from `parsed` (the Reviews table as it will be after the caller's
 * writes, queued before this), with the review's columns where they will be. A few syncs: to look
 * at the index sheet, and one per chunk of index rows.
 */
export async function writeIndexRebuild(
  context: Excel.RequestContext,
  meta: ScorecardMeta,
  agreements: readonly AgreementRecord[],
  scale: Scale,
  parsed: ParsedReviews,
  columns: ReviewColumns,
): Promise<void> {
  const exists = await lookIndexSheet(context);
  const { counted, uncounted } = indexedReviews(meta, parsed, scale);
  const plan = planIndex({
    criteria: indexCriteria(meta),
    agreementIds: agreements.map((a) => a.id),
    counted,
    uncounted,
  });
  await writeIndex(context, plan, columns, meta, exists);
}
