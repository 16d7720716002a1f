/**
 * Excel on the web's 5 MB payload limit, counted in UTF-8 bytes as excel-sim counts it: the largest
 * request or reply of two workbooks that broke it before, beside the way they were handled then,
 * in the same run. A figure over 5 MB is a sync Excel refuses.
 */
import type { BenchFigure, BenchSection } from "./harness";
import { createWorkbook } from "../src/excel-sim";
import {
  CHUNK_BUDGET_BYTES,
  chunkRows,
  createScorecard,
  exampleAgreements,
  type ExcelRun,
  jsonBytes,
  readScorecard,
} from "../src/workbook";
import { appendAuditRows, defaultConfig } from "../tests/workbook/helpers";

const mb = (bytes: number) => bytes / 2 ** 20;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const LIMIT_MB = 5;

/** A scorecard whose Audit trail has 60,000 rows of about 700 bytes (Cyrillic before/after). */
async function auditTrail(): Promise<BenchFigure[]> {
  const sim = createWorkbook();
  const run: ExcelRun = (batch) => sim.run(batch);
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: exampleAgreements(),
  });
  const text = (i: number) => `${i} ${"изменение ".repeat(30)}`;
  await appendAuditRows(sim, location.meta.audit!, 60_000, text);

  sim.resetStats();
  const start = now();
  const data = await readScorecard(run, location);
  const firstMs = now() - start;
  const first = { syncs: sim.stats.syncs, largest: sim.stats.maxPayloadBytes };
  sim.resetStats();
  await readScorecard(run, data.location);
  const next = { syncs: sim.stats.syncs, largest: sim.stats.maxPayloadBytes };

  // As before: the Audit table read whole in the main sync.
  sim.resetStats();
  await sim
    .run(async (context) => {
      context.workbook.tables.getItem(location.meta.audit!.table).getRange().load("values");
      await context.sync();
    })
    .catch(() => undefined);
  const whole = sim.stats.maxPayloadBytes;
  return [
    {
      name: "open with 60,000 Audit rows: largest reply",
      unit: "MB",
      value: mb(Math.max(first.largest, next.largest)),
      baseline: { name: "Audit read whole (as before)", value: mb(whole), note: "refused: over 5 MB" },
      target: LIMIT_MB,
      note: `newest 2,000 rows; first read ${first.syncs} syncs (${firstMs.toFixed(0)} ms), next ${next.syncs}`,
    },
  ];
}

/** 3,000 agreements whose notes are 1,000 CJK characters: 9 MB in UTF-8, 3 million characters. */
async function cjkNotes(): Promise<BenchFigure[]> {
  const sim = createWorkbook();
  const run: ExcelRun = (batch) => sim.run(batch);
  const base = exampleAgreements()[0];
  const agreements = Array.from({ length: 3_000 }, (_, i) => ({
    ...base,
    id: `AG-${i + 1}`,
    notes: `${i} ${"協定".repeat(500)}`,
  }));
  const start = now();
  const { location } = await createScorecard(run, { config: defaultConfig(), agreements });
  const createMs = now() - start;
  const created = { syncs: sim.stats.syncs, largest: sim.stats.maxPayloadBytes };
  sim.resetStats();
  await readScorecard(run, location);
  const read = { syncs: sim.stats.syncs, refused: sim.stats.failedSyncs };
  // As before: chunks sized by JSON characters, which undercount CJK text three times.
  const notes = agreements.map((a) => a.notes);
  const byChars = chunkRows(notes.length, (i) => JSON.stringify(notes[i]).length + 400, CHUNK_BUDGET_BYTES);
  const largestByChars = Math.max(...byChars.map(([from, to]) => jsonBytes(notes.slice(from, to))));
  return [
    {
      name: "create 3,000 agreements with CJK notes: largest request",
      unit: "MB",
      value: mb(created.largest),
      baseline: { name: "chunks sized by characters", value: mb(largestByChars), note: "refused: over 5 MB" },
      target: LIMIT_MB,
      note: `${created.syncs} syncs, ${createMs.toFixed(0)} ms; read back in ${read.syncs} syncs (${read.refused} refused and retried in windows)`,
    },
  ];
}

const section: BenchSection = {
  title: "limits",
  run: async () => [...(await auditTrail()), ...(await cjkNotes())],
};
export default section;
