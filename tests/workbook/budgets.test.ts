/**
 * Sync and payload budgets (docs/architecture.md §5), measured with excel-sim's counters: creating takes a
 * constant number of syncs, each under Excel on the web's 5 MB request limit; a weight change is
 * one sync; reading the whole scorecard is one sync; refreshing charts does not grow with N.
 */
import { createScorecard } from "../../src/workbook/scorecard/create";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { refreshCharts } from "../../src/workbook/scorecard/charts";
import type { AgreementRecord } from "../../src/workbook/model";
import { CHUNK_BUDGET_BYTES } from "../../src/workbook/write/payload";
import { defaultConfig, newWorkbook } from "./helpers";

const LIMIT = 5 * 1024 * 1024;

function agreements(n: number): AgreementRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `AG-${i + 1}`,
    name: `Agreement number ${i + 1} on defence cooperation`,
    type: i % 3 === 0 ? "Multilateral" : "Bilateral",
    parties: "Party A, Party B",
    signed: 1950 + (i % 70),
    scores: {
      operational_efficiency: 1 + (i % 41) / 10,
      strategic_alignment: 1 + ((i * 7) % 41) / 10,
      capability_enhancement: i % 13 === 0 ? null : 1 + ((i * 3) % 41) / 10,
      threat_response: 1 + ((i * 11) % 41) / 10,
    },
    notes: "",
  }));
}

describe("sync and payload budgets", () => {
  it("creates a scorecard of 5,000 agreements in at most 5 syncs, each under 5 MB", async () => {
    const { sim, run } = newWorkbook();
    sim.resetStats();
    await createScorecard(run, { config: defaultConfig(), agreements: agreements(5000) });
    // 5, not 4 as before: the row formulas name every criterion cell on their own (so that a
    // column inserted between criteria cannot fall inside a span), which makes them longer.
    expect(sim.stats.syncs).toBeLessThanOrEqual(5);
    expect(sim.stats.maxPayloadBytes).toBeLessThan(LIMIT);
    expect(sim.inspect.tables().find((t) => t.name === "Scorecard")!.rowCount).toBe(5000);
  });

  it("creates 50,000 agreements in chunks each under 5 MB, the number of syncs set by the data size only", async () => {
    const { sim, run } = newWorkbook();
    sim.resetStats();
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: agreements(50_000),
    });
    expect(sim.stats.failedSyncs).toBe(0);
    expect(sim.stats.maxPayloadBytes).toBeLessThan(LIMIT);
    // Chunks are filled up to the budget: the syncs are those the bytes need, plus the
    // look-around and the closing ones.
    expect(sim.stats.syncs).toBeLessThanOrEqual(
      Math.ceil(sim.stats.totalPayloadBytes / CHUNK_BUDGET_BYTES) + 4,
    );
    expect(sim.stats.syncs).toBeGreaterThan(5);
    const data = await readScorecard(run, location);
    expect(data.agreements).toHaveLength(50_000);
    expect(data.issues).toEqual([]);
    expect(data.computed[49_999].score).not.toBeNull();
  }, 120_000);

  it("changes a weight in two syncs (look, then write), reads the whole scorecard in one sync, refreshes charts in a constant number", async () => {
    const counts: Record<string, number[]> = { weights: [], read: [], charts: [] };
    for (const n of [10, 2000]) {
      const { sim, run } = newWorkbook();
      const { location } = await createScorecard(run, { config: defaultConfig(), agreements: agreements(n) });
      sim.resetStats();
      const data = await readScorecard(run, location);
      counts.read.push(sim.stats.syncs);
      sim.resetStats();
      await writeWeights(run, data, { threat_response: 4 }, { author: "Tester" });
      counts.weights.push(sim.stats.syncs);
      sim.resetStats();
      await refreshCharts(run, data.config, data.columns, data.location.meta, n);
      counts.charts.push(sim.stats.syncs);
      expect(sim.stats.tableRowsAdd).toBe(0);
    }
    expect(counts.read).toEqual([1, 1]);
    // The first sync re-reads the weight cells and the metadata (co-authoring), the second writes.
    expect(counts.weights).toEqual([2, 2]);
    expect(counts.charts[0]).toBe(counts.charts[1]);
    expect(counts.charts[0]).toBeLessThanOrEqual(2);
  });
});
