/**
 * Desktop Excel while the user types in a cell: Excel.run with delayForCellEdit (ExcelApi 1.11)
 * waits for the edit to end; without it a batch fails with InvalidOperationInCellEditMode, and the
 * pane's background refresh after a change retries quietly instead of raising a banner.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { excelRun, type ExcelRun } from "../../src/workbook/run";
import { PaneStore } from "../../src/taskpane/state/store";
import { defaultConfig } from "../workbook/helpers";
import { memoryStorage } from "./helpers/storage";

const opened: PaneStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.dispose();
});

async function pane(run: (sim: SimWorkbook) => ExcelRun) {
  const sim = createWorkbook();
  await createScorecard((b) => sim.run(b), { config: defaultConfig(), agreements: exampleAgreements() });
  const store = new PaneStore(run(sim), {
    changeDelay: 5,
    cellEditRetryDelay: 20,
    storage: memoryStorage({ "agreement-scorecard.reviewer": "Ana" }),
  });
  opened.push(store);
  await store.start();
  return { sim, store };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const weight = (store: PaneStore) => store.getState().data!.config.criteria[3].weight;

/** A weight typed in the grid, then the user starts editing another cell before the pane reads. */
async function typeThenEdit(sim: SimWorkbook) {
  expect(sim.userEdit("Weights", "D5", 3)).toEqual({ ok: true });
  sim.setCellEditMode(true);
  await sim.flushEvents();
}

describe("cell-edit mode", () => {
  it("excelRun asks Excel.run to wait where ExcelApi 1.11 is there, and not elsewhere", async () => {
    const sim = createWorkbook();
    sim.setCellEditMode(true);
    const write = (run: ExcelRun, value: number) =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[value]];
        await context.sync();
      });
    await expect(write(excelRun(sim, false), 1)).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
    });
    const waiting = write(excelRun(sim, true), 2);
    await sleep(20);
    expect(sim.inspect.values("Sheet1", "A1")).toEqual([[""]]);
    sim.setCellEditMode(false);
    await waiting;
    expect(sim.inspect.values("Sheet1", "A1")).toEqual([[2]]);
  });

  it("without delayForCellEdit, the refresh after a change retries quietly until the edit ends", async () => {
    const { sim, store } = await pane((s) => excelRun(s, false));
    await typeThenEdit(sim);
    await sleep(80);
    expect(sim.stats.failedSyncs).toBeGreaterThan(1);
    expect(store.getState().error).toBeNull();
    expect(weight(store)).toBe(1);
    sim.setCellEditMode(false);
    await until(() => weight(store) === 3, "the pane to read the new weight");
    expect(store.getState().error).toBeNull();
  });

  it("with delayForCellEdit, the refresh waits for the edit to end without failing", async () => {
    const { sim, store } = await pane((s) => excelRun(s, true));
    sim.resetStats();
    await typeThenEdit(sim);
    await sleep(40);
    expect(weight(store)).toBe(1);
    sim.setCellEditMode(false);
    await until(() => weight(store) === 3, "the pane to read the new weight");
    expect(sim.stats.failedSyncs).toBe(0);
    expect(store.getState().error).toBeNull();
  });

  it("any other failure of that refresh is still shown", async () => {
    const { sim, store } = await pane((s) => excelRun(s, false));
    sim.failSync(1);
    expect(sim.userEdit("Weights", "D5", 3)).toEqual({ ok: true });
    await sim.flushEvents();
    await until(() => store.getState().error !== null, "the banner");
    expect(store.getState().error!.title).toBe("The scorecard changed and could not be read again");
  });
});
