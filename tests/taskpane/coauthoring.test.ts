/**
 * Two panes on one workbook, each in its own excel-sim session (as two co-authors in Excel): what
 * one writes, the other follows through change events; a change to the same value from a stale
 * view is reported with who made the other change, never written over it.
 */
import { createWorkbook } from "../../src/excel-sim";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { PaneStore, type PaneState } from "../../src/taskpane/state/store";
import { defaultConfig } from "../workbook/helpers";
import { memoryStorage } from "./helpers/storage";
import type { ExcelRun } from "../../src/workbook/run";

/** Every pane a test opens, disposed after it (their change timers must not outlive the test). */
const opened: PaneStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.dispose();
});

async function twoPanes(changeDelay = 60_000) {
  const sim = createWorkbook();
  await createScorecard((b) => sim.run(b), { config: defaultConfig(), agreements: exampleAgreements() });
  const bea = sim.newSession();
  const pane = (run: ExcelRun, name: string) =>
    new PaneStore(run, { changeDelay, storage: memoryStorage({ "agreement-scorecard.reviewer": name }) });
  const ana = pane((b) => sim.run(b), "Ana");
  opened.push(ana);
  const beaPane = pane((b) => bea.run(b), "Bea");
  opened.push(beaPane);
  await ana.start();
  await beaPane.start();
  return { sim, ana, bea: beaPane };
}

const weights = (state: PaneState) => state.data!.config.criteria.map((c) => c.weight);

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("two co-authors' panes", () => {
  it("changes to different weights from stale views both land", async () => {
    const { sim, ana, bea } = await twoPanes();
    expect(await ana.applyWeights({ operational_efficiency: 2 })).toBe(true);
    // Bea has not read Ana's change (events are held back): her view is stale.
    expect(weights(bea.getState())).toEqual([1, 1, 1, 1]);
    expect(await bea.applyWeights({ strategic_alignment: 3 })).toBe(true);
    expect(sim.inspect.values("Weights", "D2:D5").flat()).toEqual([2, 3, 1, 1]);
    expect(weights(bea.getState())).toEqual([2, 3, 1, 1]);
    const trail = bea
      .getState()
      .data!.audit.filter((e) => e.what === "weight")
      .map((e) => [e.who, e.subject, e.before, e.after]);
    expect(trail).toEqual([
      ["Ana", "Operational efficiency", "1", "2"],
      ["Bea", "Strategic alignment", "1", "3"],
    ]);
  });

  it("a change to the same weight from a stale view is a conflict that names who changed it", async () => {
    const { sim, ana, bea } = await twoPanes();
    await ana.applyWeights({ threat_response: 4 });
    expect(await bea.applyWeights({ threat_response: 0.5 })).toBe(false);
    const error = bea.getState().error!;
    expect(error.message).toMatch(/weight of Threat response: changed by Ana at \d\d:\d\d UTC from 1 to 4/);
    // Nothing of Bea's was written, and her pane now shows Ana's value.
    expect(sim.inspect.values("Weights", "D5")).toEqual([[4]]);
    expect(weights(bea.getState())[3]).toBe(4);
    // Making the change again, now from the fresh view, replaces it.
    expect(await bea.applyWeights({ threat_response: 0.5 })).toBe(true);
    expect(sim.inspect.values("Weights", "D5")).toEqual([[0.5]]);
  });

  it("a score edited by both from stale views: the second is refused, its draft kept", async () => {
    const { sim, ana, bea } = await twoPanes();
    bea.setDraft("NATO", { scores: { threat_response: 1 }, rationale: {} });
    expect(await ana.saveAgreement({ id: "NATO", scores: { threat_response: 2 } })).toBe(true);
    expect(await bea.saveAgreement({ id: "NATO", scores: { threat_response: 1 } })).toBe(false);
    expect(bea.getState().error!.message).toMatch(/NATO, Threat response: changed by Ana .* from 4\.5 to 2/);
    expect(bea.getState().drafts.NATO).toEqual({ scores: { threat_response: 1 }, rationale: {} });
    expect(sim.inspect.values("Scorecard", "I2")).toEqual([[2]]);
  });

  it("each pane follows the other's reviews through change events", async () => {
    const { ana, bea } = await twoPanes(20);
    expect(await ana.switchMode("team")).toBe(true);
    await until(() => bea.getState().data?.location.meta.mode === "team", "Bea's pane to see team mode");
    expect(
      await bea.saveReviews("NATO", [
        { agreementId: "NATO", criterionId: "threat_response", score: 1, rationale: "Slow activation" },
      ]),
    ).toBe(true);
    await until(
      () => ana.getState().data!.consensus.some((c) => c.agreementId === "NATO" && c.reviews.length === 2),
      "Ana's pane to see Bea's review",
    );
    const cell = ana
      .getState()
      .data!.consensus.find((c) => c.agreementId === "NATO" && c.criterionId === "threat_response")!;
    expect(cell.reviews.map((r) => [r.reviewer, r.score])).toEqual([
      ["Ana", 4.5],
      ["Bea", 1],
    ]);
    expect(cell.value).toBe(2.75);
    expect(cell.discuss).toBe(true);
  });

  it("team scoring needs a name; a pane without one says so and writes nothing", async () => {
    const sim = createWorkbook();
    await createScorecard((b) => sim.run(b), { config: defaultConfig(), agreements: exampleAgreements() });
    const nameless = new PaneStore((b) => sim.run(b), { changeDelay: 60_000, storage: memoryStorage() });
    opened.push(nameless);
    await nameless.start();
    expect(await nameless.switchMode("team")).toBe(false);
    expect(nameless.getState().error!.message).toMatch(/Enter your name/);
    expect(sim.inspect.sheetNames()).not.toContain("Reviews");
    nameless.setReviewer("  Cy ");
    expect(nameless.getState().reviewer).toBe("Cy");
  });

  it("one reviewer's unsaved edits stay theirs when another takes over the pane", async () => {
    const { ana } = await twoPanes();
    ana.setDraft("NATO", { scores: { threat_response: 2 }, rationale: {} });
    ana.setReviewer("Bea");
    expect(ana.getState().drafts).toEqual({});
    ana.setDraft("CSTO", { scores: { threat_response: 5 }, rationale: {} });
    ana.setReviewer("ana");
    expect(ana.getState().drafts).toEqual({ NATO: { scores: { threat_response: 2 }, rationale: {} } });
    ana.setReviewer("Bea");
    expect(Object.keys(ana.getState().drafts)).toEqual(["CSTO"]);
  });
});
