/**
 * Splits rows into consecutive chunks whose estimated request size stays under the budget, so that
 * no sync exceeds Excel on the web's 5 MB request limit (DESIGN.md §5).
 */
export const CHUNK_BUDGET_BYTES = 3_500_000;

/** [from, to) index pairs; always at least one (possibly empty) chunk. */
export function chunkRows(
  count: number,
  estimate: (index: number) => number,
  budget = CHUNK_BUDGET_BYTES,
): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < count; i++) {
    const bytes = estimate(i);
    if (i > start && size + bytes > budget) {
      chunks.push([start, i]);
      start = i;
      size = 0;
    }
    size += bytes;
  }
  chunks.push([start, count]);
  return chunks;
}

/**
 * Queues each chunk and syncs it before the next, so that no request outgrows the payload limit;
 * the last chunk is left queued for the caller's own closing sync. This is the one place where a
 * sync runs in a loop: one per chunk is the point of chunking (DESIGN.md §5).
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
