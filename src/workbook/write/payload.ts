/**
 * Keeps every request and every reply under Excel on the web's 5 MB payload limit (docs/architecture.md §5):
 * writes split into chunks by their estimated size, reads of growing tables split into windows.
 * Sizes are UTF-8 bytes, as the payload travels, not characters: Cyrillic or Arabic text weighs two
 * bytes a character, most CJK three, an emoji four.
 */
import { excelErrorCode } from "../errors";

export const CHUNK_BUDGET_BYTES = 3_500_000;

/** UTF-8 bytes of a text. */
export function utf8Bytes(text: string): number {
  // Most of what the add-in sends is ASCII: one scan, then no per-character work.
  if (!/[\u0080-\uffff]/.test(text)) return text.length;
  let bytes = 0;
  for (const char of text) {
    const point = char.codePointAt(0)!;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Bytes of a value as it travels in a request or reply: its JSON, in UTF-8. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? "");
}

/**
 * [from, to) index pairs; always at least one (possibly empty) chunk. `queued`: bytes the request
 * already carries when the first chunk is queued; if the first row does not fit beside them, the
 * first chunk is empty (sync what is queued, then go on).
 */
export function chunkRows(
  count: number,
  estimate: (index: number) => number,
  budget = CHUNK_BUDGET_BYTES,
  queued = 0,
): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  let size = queued;
  for (let i = 0; i < count; i++) {
    const bytes = estimate(i);
    if ((i > start || size > 0) && size + bytes > budget) {
      chunks.push([start, i]);
      start = i;
      size = 0;
    }
    size += bytes;
  }
  chunks.push([start, count]);
  return chunks;
}

/** Bytes of the last chunk: what queueInChunks leaves queued for the caller's sync. */
export function lastChunkBytes(chunks: [number, number][], estimate: (index: number) => number): number {
  const [from, to] = chunks[chunks.length - 1];
  let bytes = 0;
  for (let i = from; i < to; i++) bytes += estimate(i);
  return bytes;
}

/**
 * Queues each chunk and syncs it before the next, so that no request outgrows the payload limit;
 * the last chunk is left queued for the caller's own closing sync. This is the one place where a
 * sync runs in a loop: one per chunk is the point of chunking (docs/architecture.md §5).
 */
export async function queueInChunks(
  context: Excel.RequestContext,
  chunks: [number, number][],
  queue: (from: number, to: number) => void,
): Promise<void> {
  for (const [index, [from, to]] of chunks.entries()) {
    queue(from, to);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    if (index < chunks.length - 1) await context.sync();
  }
}

/**
 * One column's cells on Excel rows `first` to `last` written as formulas (a value is its own
 * formula), `cell(row)` each, in chunks sized by the last row's (the longest references).
 */
export async function queueColumnFormulas(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  column: string,
  rows: { first: number; last: number },
  cell: (row: number) => string | number,
): Promise<void> {
  const { first, last } = rows;
  const perRow = jsonBytes(cell(last)) + 100;
  await queueInChunks(
    context,
    chunkRows(last - first + 1, () => perRow),
    (from, to) => {
      const a = first + from;
      const b = first + to - 1;
      sheet.getRange(`${column}${a}:${column}${b}`).formulas = Array.from({ length: b - a + 1 }, (_, i) => [
        cell(a + i),
      ]);
    },
  );
}

export type Cell = string | number | boolean;

/** A block of cells by zero-based sheet indexes, e.g. a table's data body as loaded. */
export interface RowArea {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

export interface WindowOptions {
  /** First row to read, relative to the area (default 0). */
  from?: number;
  /** Row after the last to read, relative to the area (default: the area's row count). */
  to?: number;
  /** The reply size each window aims at (default CHUNK_BUDGET_BYTES, well under 5 MB). */
  budget?: number;
}

/**
 * What the first window assumes a cell weighs: generous, since a window Excel refuses costs a round
 * trip with the whole reply built, where a first window too small costs one small one.
 */
const GUESSED_CELL_BYTES = 1_000;

/**
 * Reads the values of rows [from, to) of an area, one window per sync, so that no reply outgrows
 * the payload limit however long the cells' text is. A cell's size is only known once read, so the
 * first window is a guess and each next one is sized on the bytes per row the last one weighed (at
 * most four times as many rows); a window Excel still refuses as too large is read again in halves.
 * Reusable for any table that grows (Audit, Reviews).
 */
export async function readRowWindows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  area: RowArea,
  options: WindowOptions = {},
): Promise<Cell[][]> {
  const budget = options.budget ?? CHUNK_BUDGET_BYTES;
  const to = Math.min(options.to ?? area.rowCount, area.rowCount);
  const rows: Cell[][] = [];
  let from = Math.max(0, options.from ?? 0);
  let size = Math.max(1, Math.floor(budget / (area.columnCount * GUESSED_CELL_BYTES)));
  while (from < to) {
    const count = Math.min(size, to - from);
    const window = sheet
      .getRangeByIndexes(area.rowIndex + from, area.columnIndex, count, area.columnCount)
      .load("values");
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one window per sync is the point
      await context.sync();
    } catch (error) {
      if (excelErrorCode(error) !== "ResponsePayloadSizeLimitExceeded" || count === 1) throw error;
      size = Math.ceil(count / 2);
      continue;
    }
    for (const row of window.values) rows.push(row);
    from += count;
    // At most four times the last window: rows further on can be longer than those read so far (a
    // switch to team scoring writes no rationales; the reviews after it do), and a refused reply
    // costs a round trip with the whole reply built.
    const fits = Math.floor((budget * count) / Math.max(1, jsonBytes(window.values)));
    size = Math.max(1, Math.min(4 * count, fits));
  }
  return rows;
}
