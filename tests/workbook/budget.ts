/** What the payload-budget tests share: Excel on the web's limit, and an operation measured against it. */
import type { SimWorkbook } from "../../src/excel-sim";
import type { AgreementRecord } from "../../src/workbook/model";

/** Excel on the web's 5 MB per request and per response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

/**
 * Runs an operation on a fresh count and checks that no sync failed and every sync's request and
 * response stayed under PAYLOAD_LIMIT; gives its result and the counts it made.
 */
export async function measured<T>(sim: SimWorkbook, operation: () => Promise<T>) {
  sim.resetStats();
  const result = await operation();
  const stats = sim.stats;
  expect(stats.failedSyncs).toBe(0);
  expect(Math.max(...stats.requestBytes)).toBeLessThan(PAYLOAD_LIMIT);
  expect(Math.max(...stats.responseBytes)).toBeLessThan(PAYLOAD_LIMIT);
  return { result, stats, responses: stats.responseBytes.reduce((a, b) => a + b, 0) };
}

/** `count` bilateral agreements AG-1… signed in 2000, with the given notes and scores. */
export function bulkAgreements(
  count: number,
  fill: (i: number) => Pick<AgreementRecord, "notes" | "scores">,
): AgreementRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `AG-${i + 1}`,
    name: `Agreement ${i + 1}`,
    type: "Bilateral",
    parties: "Party A, Party B",
    signed: 2000,
    ...fill(i),
  }));
}
