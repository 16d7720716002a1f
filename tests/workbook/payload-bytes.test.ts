/**
 * Excel on the web's 5 MB limit, counted in UTF-8 bytes (excel-sim counts them so): writes chunked
 * by bytes, the scorecard and the Audit trail read in windows, the Audit trail only as far as the
 * pane needs it.
 */
import type { SimWorkbook } from "../../src/excel-sim";
import {
  CHUNK_BUDGET_BYTES,
  chunkRows,
  jsonBytes,
  readRowWindows,
  utf8Bytes,
} from "../../src/workbook/write/payload";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { AUDIT_TAIL_ROWS, readScorecard } from "../../src/workbook/scorecard/read";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import type { ScorecardLocation } from "../../src/workbook/model";
import { appendAuditRows, defaultConfig, newWorkbook } from "./helpers";

const LIMIT = 5 * 1024 * 1024;

describe("sizes in UTF-8 bytes", () => {
  it("counts 1 to 4 bytes a character, as the payload travels", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("жйц")).toBe(6);
    expect(utf8Bytes("عرب")).toBe(6);
    expect(utf8Bytes("語語")).toBe(6);
    expect(utf8Bytes("😀🛡️")).toBe(4 + 4 + 3);
    // JSON escapes quotes and line breaks; the bytes are those of the escaped text.
    expect(jsonBytes(['a"b\n😀'])).toBe('["a\\"b\\n'.length + 4 + '"]'.length);
  });

  it("chunks rows of 4-byte text by their bytes, where a character count would overrun the budget", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`row ${i}`, "😀".repeat(5_000)]);
    const chunks = chunkRows(rows.length, (i) => jsonBytes(rows[i]), 1_000_000);
    const sizes = chunks.map(([from, to]) => jsonBytes(rows.slice(from, to)));
    expect(chunks.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(1_000_000 + 2 * 400);
    expect(chunks.flatMap(([from, to]) => rows.slice(from, to))).toEqual(rows);
    // Counted in characters (two UTF-16 units an emoji), the same budget takes twice the bytes.
    const byChars = chunkRows(rows.length, (i) => JSON.stringify(rows[i]).length, 1_000_000);
    expect(Math.max(...byChars.map(([from, to]) => jsonBytes(rows.slice(from, to))))).toBeGreaterThan(
      1_900_000,
    );
  });
});

describe("readRowWindows", () => {
  /** A column of rows: `short` rows of 10 characters, then `long` rows of `length` characters. */
  async function column(sim: SimWorkbook, short: number, long: number, length: number) {
    const rows = [
      ...Array.from({ length: short }, (_, i) => [`short ${i}`.padEnd(10, ".")]),
      ...Array.from({ length: long }, (_, i) => [`long ${i} `.padEnd(length, "ж")]),
    ];
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(`B3:B${rows.length + 2}`).values = rows;
    });
    return rows;
  }
  /** A workbook holding such a column under a payload limit of `limit` bytes, its counters fresh. */
  async function columnUnderLimit(short: number, long: number, length: number, limit: number) {
    const { sim } = newWorkbook();
    const rows = await column(sim, short, long, length);
    sim.setPayloadLimit(limit);
    sim.resetStats();
    return { sim, rows };
  }
  const read = (sim: SimWorkbook, rowCount: number, options = {}) =>
    sim.run((context) =>
      readRowWindows(
        context,
        context.workbook.worksheets.getItem("Sheet1"),
        { rowIndex: 2, columnIndex: 1, rowCount, columnCount: 1 },
        options,
      ),
    );

  it("reads every row, in order, in windows sized on the bytes the rows weigh", async () => {
    const { sim, rows } = await columnUnderLimit(0, 2_000, 1_000, 1_000_000);
    expect(await read(sim, rows.length, { budget: 200_000 })).toEqual(rows);
    // 4 MB of text: the first window, guessed at 1 KB a cell, took 200 rows of 2 KB; the next ones
    // were sized on what it weighed, to the 200 KB budget.
    expect(sim.stats.failedSyncs).toBe(0);
    expect(sim.stats.responseBytes[0]).toBeGreaterThan(390_000);
    const sized = sim.stats.responseBytes.slice(1);
    expect(sized.length).toBeGreaterThan(10);
    for (const bytes of sized) expect(bytes).toBeLessThan(240_000);
  });

  it("reads a part only: rows from..to of the area", async () => {
    const { sim } = newWorkbook();
    const rows = await column(sim, 50, 0, 0);
    expect(await read(sim, rows.length, { from: 10, to: 13 })).toEqual(rows.slice(10, 13));
    expect(await read(sim, rows.length, { from: 40, to: 40 })).toEqual([]);
  });

  it("halves a window that Excel refuses as too large (rows longer than the ones before)", async () => {
    const { sim, rows } = await columnUnderLimit(300, 300, 2_000, 200_000);
    expect(await read(sim, rows.length, { budget: 150_000 })).toEqual(rows);
    // Sized on the short rows, the first window of long rows was refused, then read in halves.
    expect(sim.stats.failedSyncs).toBeGreaterThan(0);
  });

  it("gives up with Excel's error when one row alone is over the limit", async () => {
    const { sim, rows } = await columnUnderLimit(0, 3, 30_000, 50_000);
    await expect(read(sim, rows.length)).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });
});

describe("non-Latin text in the scorecard", () => {
  it("3,000 agreements with 1,000-character CJK notes are created in chunks and read back in windows, every payload under 5 MB", async () => {
    const { sim, run } = newWorkbook();
    const base = exampleAgreements()[0];
    const agreements = Array.from({ length: 3_000 }, (_, i) => ({
      ...base,
      id: `AG-${i + 1}`,
      notes: `${i} ${"協定".repeat(500)}`,
    }));
    // 9 MB of notes in UTF-8, though under 3.5 million characters: one request if sized by characters.
    expect(jsonBytes(agreements.map((a) => a.notes))).toBeGreaterThan(9_000_000);
    expect(JSON.stringify(agreements.map((a) => a.notes)).length).toBeLessThan(CHUNK_BUDGET_BYTES);
    const { location } = await createScorecard(run, { config: defaultConfig(), agreements });
    expect(sim.stats.failedSyncs).toBe(0);
    expect(sim.stats.maxPayloadBytes).toBeLessThan(LIMIT);
    sim.resetStats();
    const data = await readScorecard(run, location);
    expect(data.agreements).toHaveLength(3_000);
    expect(data.agreements[2_999].notes).toBe(agreements[2_999].notes);
    // The one-sync read was refused as too large; the retry read in windows, none refused.
    expect(sim.stats.failedSyncs).toBe(1);
    expect(sim.stats.syncs).toBeGreaterThan(3);
  }, 60_000);
});

describe("the Audit trail is read only as far as the pane needs it", () => {
  const AUDIT = { sheet: "Audit", table: "ScorecardAudit" };

  const appendAudit = (sim: SimWorkbook, count: number, text: (i: number) => string) =>
    appendAuditRows(sim, AUDIT, count, text);

  async function scorecard() {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: exampleAgreements(),
    });
    expect(location.meta.audit).toEqual(AUDIT);
    return { sim, run, location };
  }

  it("60,000 long Audit rows: the scorecard opens with the newest 2,000, no reply over 5 MB", async () => {
    const { sim, run, location } = await scorecard();
    const text = (i: number) => `${i} ${"изменение ".repeat(30)}`;
    await appendAudit(sim, 60_000, text);
    // Read whole, as it was before, the trail is a 40 MB reply that Excel refuses.
    const whole = sim.run(async (context) => {
      context.workbook.tables.getItem(AUDIT.table).getRange().load("values");
      await context.sync();
    });
    await expect(whole).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });

    sim.resetStats();
    const data = await readScorecard(run, location);
    expect(data.audit).toHaveLength(AUDIT_TAIL_ROWS);
    expect(data.auditComplete).toBe(false);
    expect(data.audit[AUDIT_TAIL_ROWS - 1]).toMatchObject({ who: "Ана", after: text(60_000) });
    expect(data.audit[0].before).toBe(text(60_000 - AUDIT_TAIL_ROWS));
    expect(sim.stats.maxPayloadBytes).toBeLessThan(LIMIT);
    // No last read to go by: the main sync, then the newest rows in windows (the first one small).
    expect(sim.stats.syncs).toBe(3);
    expect(sim.stats.failedSyncs).toBe(0);

    // The read that follows knows where the trail ends: one sync, the same rows.
    sim.resetStats();
    const again = await readScorecard(run, data.location);
    expect(sim.stats.syncs).toBe(1);
    expect(again.audit).toEqual(data.audit);

    // A change appends to the trail; the next read has it, still in one sync.
    await writeWeights(run, again, { threat_response: 3 }, { author: "Bea" });
    sim.resetStats();
    const after = await readScorecard(run, again.location);
    expect(sim.stats.syncs).toBe(1);
    expect(after.audit.at(-1)).toMatchObject({ who: "Bea", what: "weight" });
    expect(after.audit).toHaveLength(AUDIT_TAIL_ROWS);
  }, 120_000);

  it("rows appended beyond what the last read expected, or a trail that shrank, are still read right", async () => {
    const { sim, run, location } = await scorecard();
    const text = (i: number) => `entry ${i}`;
    await appendAudit(sim, 2_500, text);
    const data = await readScorecard(run, location);
    expect(data.audit.at(-1)!.after).toBe(text(2_500));
    // A co-author's 900 rows since: more than the main sync looks past the last end.
    await appendAudit(sim, 900, (i) => text(i + 2_500));
    sim.resetStats();
    const grown = await readScorecard(run, data.location);
    expect(grown.audit.map((e) => e.before)).toEqual(
      Array.from({ length: AUDIT_TAIL_ROWS }, (_, k) => text(3_400 - AUDIT_TAIL_ROWS + k)),
    );
    // The main sync, then the 700 newest rows its guess missed, in two windows (the first small).
    expect(sim.stats.syncs).toBe(3);
    // A last read that expected far more rows than there are (rows deleted by hand since).
    const stale: ScorecardLocation = { ...grown.location, auditRowCountHint: 50_000 };
    const shrunk = await readScorecard(run, stale);
    expect(shrunk.audit).toEqual(grown.audit);
  }, 60_000);

  it("Audit rows of 2 × 8,000 CJK characters are read in windows sized by bytes", async () => {
    const { sim, run, location } = await scorecard();
    const text = (i: number) => `${i} ${"記録".repeat(4_000)}`; // 24 KB
    await appendAudit(sim, 600, text);
    sim.resetStats();
    const data = await readScorecard(run, location);
    expect(data.auditComplete).toBe(true);
    expect(data.audit.slice(1).map((e) => e.before)).toEqual(Array.from({ length: 600 }, (_, i) => text(i)));
    // 29 MB of trail, 48 KB a row: the one-sync read is refused (its guess holds 200 such rows);
    // the retry's first window, guessed at 500 rows, is halved until Excel takes it (63 rows); the
    // next ones are sized on what that one weighed.
    expect(sim.stats.failedSyncs).toBe(4);
    expect(sim.stats.syncs).toBeGreaterThan(10);
  }, 60_000);
});
