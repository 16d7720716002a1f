/**
 * Attaching to a large table keeps every request within the chunk budget (docs/architecture.md
 * §5): 8,000 rows of formulas, formats and ranking rows were one request of about 5.6 MB, which
 * Excel on the web refuses. The scorecard is still found only once the attach is complete.
 */
import { scoreAgreements } from "../../src/scoring";
import { attachScorecard } from "../../src/workbook/scorecard/attach";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { CHUNK_BUDGET_BYTES } from "../../src/workbook/write/payload";
import { newWorkbook, TREATIES_ATTACH } from "./helpers";

jest.setTimeout(240_000);

const ROWS = 8_000;
const LIMIT = 5 * 1024 * 1024;
const score = (i: number, k: number) => 1 + ((i * (k + 3)) % 9) / 2;

test("8,000 rows: every request under the chunk budget and 5 MB, every row scored as the model scores it", async () => {
  const { sim, run } = newWorkbook(["Agreements"]);
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Agreements");
    const rows = Array.from({ length: ROWS }, (_, i) => [
      `Treaty ${i + 1}`,
      1950 + (i % 70),
      ...[0, 1, 2, 3].map((k) => score(i, k)),
      i % 3 === 0 ? "" : `comment ${i}`,
    ]);
    sheet.getRange("A1:G1").values = [["Treaty", "Year", "Ops", "Strategy", "Cap", "Threats", "Comment"]];
    for (let from = 0; from < ROWS; from += 2_000) {
      sheet.getRange(`A${from + 2}:G${from + 2_001}`).values = rows.slice(from, from + 2_000);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    sheet.tables.add(sheet.getRange(`A1:G${ROWS + 1}`), true).name = "Treaties";
    await context.sync();
  });
  sim.resetStats();
  const location = await attachScorecard(run, TREATIES_ATTACH);
  expect(sim.stats.failedSyncs).toBe(0);
  expect(sim.stats.syncs).toBeGreaterThan(3);
  expect(sim.stats.maxPayloadBytes).toBeLessThanOrEqual(CHUNK_BUDGET_BYTES + 100_000);
  expect(Math.max(...sim.stats.requestBytes)).toBeLessThan(LIMIT);

  const data = await readScorecard(run, location);
  expect(data.issues).toEqual([]);
  expect(data.agreements).toHaveLength(ROWS);
  expect(data.agreements[ROWS - 1].id).toBe(`A-${ROWS}`);
  const model = scoreAgreements({
    criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: data.config.scale,
    agreements: data.agreements.map((a) => ({ id: a.id, scores: a.scores })),
    missing: data.config.missingPolicy,
  });
  data.computed.forEach((row, i) => {
    expect(row.score).toBeCloseTo(model[i].score!, 9);
    expect(row.rank).toBe(model[i].rank);
  });
  for (const row of [2, 4_001, ROWS + 1])
    expect(sim.inspect.cell("Results", `D${row}`).numberFormat).toBe("0.00");
});
