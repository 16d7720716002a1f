/**
 * A sync failing in the middle of an operation (excel-sim's fault injection, and a run that loses
 * the reply after Excel applied the batch): the workbook is left as before or as after — never half
 * written — and the pane says which.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import type { ExcelRun } from "../../src/workbook/run";
import { PaneStore } from "../../src/taskpane/state/store";
import { defaultConfig, snapshot } from "../workbook/helpers";
import { memoryStorage } from "./helpers/storage";

const opened: PaneStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.dispose();
});

/**
 * A pane on a fresh scorecard. `loseReply` makes the next batch that writes lose Excel's reply
 * after Excel applied it, as when the connection drops on the way back.
 */
async function pane() {
  const sim = createWorkbook();
  await createScorecard((b) => sim.run(b), { config: defaultConfig(), agreements: exampleAgreements() });
  let loseNextWrite = false;
  const run: ExcelRun = async (batch) => {
    const before = sim.stats.syncs;
    const result = await sim.run(batch);
    if (loseNextWrite && sim.stats.syncs - before >= 2) {
      loseNextWrite = false;
      throw Object.assign(new Error("The connection to Excel was lost."), { code: "ConnectionLost" });
    }
    return result;
  };
  const store = new PaneStore(run, {
    changeDelay: 60_000,
    storage: memoryStorage({ "agreement-scorecard.reviewer": "Ana" }),
  });
  opened.push(store);
  await store.start();
  return { sim, store, loseReply: () => (loseNextWrite = true) };
}

/** Fails the sync that writes: the operation's read, the write's look, then its write. */
const failTheWrite = (sim: SimWorkbook) => sim.failSync(3);

describe("a sync that fails in the middle of an operation", () => {
  it("weights: the write sync fails; nothing was written and the pane says so", async () => {
    const { sim, store } = await pane();
    const before = snapshot(sim);
    failTheWrite(sim);
    expect(await store.applyWeights({ threat_response: 3 })).toBe(false);
    expect(snapshot(sim)).toBe(before);
    expect(store.getState().error!.message).toMatch(
      /Nothing was written: the workbook is as it was before\.$/,
    );
    // And the same change goes through once Excel answers again.
    expect(await store.applyWeights({ threat_response: 3 })).toBe(true);
    expect(sim.inspect.values("Weights", "D5")).toEqual([[3]]);
  });

  it("weights: Excel applied the batch but the reply was lost; the pane says the change is saved", async () => {
    const { sim, store, loseReply } = await pane();
    loseReply();
    expect(await store.applyWeights({ threat_response: 3 })).toBe(false);
    expect(sim.inspect.values("Weights", "D5")).toEqual([[3]]);
    expect(store.getState().error!.message).toMatch(
      /The change did reach the workbook before the error: it is saved\.$/,
    );
    expect(store.getState().data!.config.criteria[3].weight).toBe(3);
  });

  it("scores: a failed save leaves the grid as before, keeps the draft, and says nothing was written", async () => {
    const { sim, store } = await pane();
    const before = snapshot(sim);
    store.setDraft("NATO", { scores: { threat_response: 1 }, rationale: {} });
    failTheWrite(sim);
    expect(await store.saveAgreement({ id: "NATO", scores: { threat_response: 1 } })).toBe(false);
    expect(snapshot(sim)).toBe(before);
    expect(store.getState().error!.message).toMatch(/Nothing was written/);
    expect(store.getState().drafts.NATO).toEqual({ scores: { threat_response: 1 }, rationale: {} });
  });

  it("switching to team scoring: the one write either happens or not; the pane says which", async () => {
    const failed = await pane();
    const before = snapshot(failed.sim);
    failed.sim.failSync(2);
    expect(await failed.store.switchMode("team")).toBe(false);
    expect(snapshot(failed.sim)).toBe(before);
    expect(failed.store.getState().error!.message).toMatch(/Nothing was written/);

    const lost = await pane();
    lost.loseReply();
    expect(await lost.store.switchMode("team")).toBe(false);
    expect(lost.store.getState().data!.location.meta.mode).toBe("team");
    expect(lost.store.getState().error!.message).toMatch(/it is saved\.$/);
  });

  it("a review: the failed write leaves the Reviews sheet as before", async () => {
    const { sim, store } = await pane();
    expect(await store.switchMode("team")).toBe(true);
    const before = snapshot(sim);
    // saveReviews: the write's look, then its write (the pane already holds the data it shows).
    sim.failSync(2);
    expect(
      await store.saveReviews("NATO", [
        { agreementId: "NATO", criterionId: "threat_response", score: 2, rationale: "slow" },
      ]),
    ).toBe(false);
    expect(snapshot(sim)).toBe(before);
    expect(store.getState().error!.message).toMatch(/Nothing was written/);
  });

  it("a refusal of ours (invalid input) writes nothing and does not claim anything about the workbook", async () => {
    const { sim, store } = await pane();
    const before = snapshot(sim);
    expect(await store.applyWeights({ threat_response: -1 })).toBe(false);
    expect(snapshot(sim)).toBe(before);
    expect(store.getState().error!.message).not.toMatch(/Nothing was written|it is saved/);
  });
});
