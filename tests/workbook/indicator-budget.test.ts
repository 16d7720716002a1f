/**
 * Payload budgets with indicators (issue 16, docs/architecture.md §5): giving a criterion of 20,000
 * agreements its indicators writes one formula per row, in requests under the chunk budget and
 * Excel on the web's 5 MB, in as many syncs as the bytes need plus a constant few; a change of
 * local weights alone stays small; Repair formulas carries the criterion formulas in the same budget.
 */
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { CHUNK_BUDGET_BYTES } from "../../src/workbook/write/payload";
import { bulkAgreements, PAYLOAD_LIMIT } from "./budget";
import { defaultConfig, newWorkbook } from "./helpers";
import { CRITERION, readNow, suggested } from "./indicator-support";

jest.setTimeout(300_000);

const N = 20_000;

const agreements = () =>
  bulkAgreements(N, (i) => ({
    notes: "",
    scores: { strategic_alignment: 1 + (i % 5), capability_enhancement: 3, threat_response: 2 },
  }));

describe("indicators on 20,000 agreements", () => {
  it("setIndicators and Repair formulas send every request under the budget", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, { config: defaultConfig("renormalize"), agreements: agreements() });
    const before = await readNow(run);
    sim.resetStats();
    await setIndicators(run, before, CRITERION, suggested(), { author: "Analyst" });
    expect(sim.stats.failedSyncs).toBe(0);
    expect(sim.stats.maxPayloadBytes).toBeLessThan(Math.min(PAYLOAD_LIMIT, CHUNK_BUDGET_BYTES * 1.1));
    // Look, columns, table and names, then the formulas in chunks, then the closing sync.
    expect(sim.stats.syncs).toBeLessThanOrEqual(
      Math.ceil(sim.stats.totalPayloadBytes / CHUNK_BUDGET_BYTES) + 4,
    );
    expect(sim.inspect.formulas("Scorecard", `F${N + 1}`)[0][0]).toMatch(
      new RegExp(`^=IF\\(COUNTIFS\\(G${N + 1},`),
    );

    const data = await readNow(run);
    expect(data.issues).toEqual([]);
    // A change of local weights only (the Weights tab at an indicator node) leaves the criterion's
    // formulas alone: its requests do not grow with the agreements.
    sim.resetStats();
    const reweighted = data.config.criteria[0].indicators!.map((i, k) => ({ ...i, localWeight: k + 1 }));
    await setIndicators(run, data, CRITERION, reweighted, { author: "Analyst" });
    expect(sim.stats.failedSyncs).toBe(0);
    expect(sim.stats.syncs).toBeLessThanOrEqual(3);
    expect(sim.stats.totalPayloadBytes).toBeLessThan(64 * 1024);
    const after = await readNow(run);
    expect(after.issues).toEqual([]);
    expect(after.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([1, 2, 3]);

    sim.resetStats();
    await repairFormulas(run, after, { author: "Analyst" });
    expect(sim.stats.failedSyncs).toBe(0);
    // Within the chunk budget (its per-row estimate counts the Results ranking rows too).
    expect(sim.stats.maxPayloadBytes).toBeLessThan(Math.min(PAYLOAD_LIMIT, CHUNK_BUDGET_BYTES * 1.1));
    expect((await readNow(run)).issues).toEqual([]);
  });
});
