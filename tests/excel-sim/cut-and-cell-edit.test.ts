/**
 * A batch cut after some of its actions (Excel batches are not transactions) and cell-edit mode
 * (desktop Excel refuses a batch while the user types in a cell, or holds it when Excel.run was
 * given delayForCellEdit: learn.microsoft.com "Delay execution while cell is being edited").
 */
import { createWorkbook, installExcelGlobals, type SimError } from "../../src/excel-sim";
import { codeOf } from "./support";

async function errorOf(p: Promise<unknown>): Promise<SimError | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e as SimError;
  }
}

const writeThreeAndRead = (context: Excel.RequestContext) => {
  const sheet = context.workbook.worksheets.getItem("Sheet1");
  sheet.getRange("A1").values = [[1]];
  sheet.getRange("A2").values = [[2]];
  sheet.getRange("A3").values = [[3]];
  return sheet.getRange("A1:A3").load("values");
};

describe("a sync cut after k of its actions", () => {
  test("the first k actions stay applied, the others are not, and no load result arrives", async () => {
    const sim = createWorkbook();
    sim.failSync(1, undefined, { afterActions: 2 });
    let read: Excel.Range | null = null;
    const err = await errorOf(
      sim.run(async (context) => {
        read = writeThreeAndRead(context);
        await context.sync();
      }),
    );
    expect(err?.code).toBe("ConnectionLost");
    expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual([[1], [2], [""]]);
    expect(() => read!.values).toThrow(/not available/);
    expect(sim.stats.syncActions).toEqual([4]);
    expect(sim.stats.failedSyncs).toBe(1);
  });

  test("k = 0 applies nothing; k past the last action applies all and still fails", async () => {
    for (const [k, expected] of [
      [0, [[""], [""], [""]]],
      [10, [[1], [2], [3]]],
    ] as const) {
      const sim = createWorkbook();
      sim.failSync(1, "GeneralException", { afterActions: k });
      const code = await codeOf(sim.run(async (context) => void writeThreeAndRead(context)));
      expect(code).toBe("GeneralException");
      expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual(expected);
    }
  });

  test("an action that fails before the cut fails the sync with its own error", async () => {
    const sim = createWorkbook();
    sim.failSync(1, undefined, { afterActions: 3 });
    const err = await errorOf(
      sim.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [[1]];
        sheet.getRange("A2:A3").values = [[1]]; // wrong shape
        sheet.getRange("A4").values = [[4]];
        await context.sync();
      }),
    );
    expect(err?.code).toBe("InvalidArgument");
    expect(sim.inspect.values("Sheet1", "A1:A4")).toEqual([[1], [""], [""], [""]]);
  });

  test("change events fire for the part that was applied", async () => {
    const sim = createWorkbook();
    const seen: string[] = [];
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").onChanged.add(async (args) => {
        seen.push((args as { address: string }).address);
      });
      await context.sync();
    });
    sim.failSync(1, undefined, { afterActions: 1 });
    await codeOf(sim.run(async (context) => void writeThreeAndRead(context)));
    await sim.flushEvents();
    expect(seen).toEqual(["A1"]);
  });

  test("a bad k is refused", () => {
    const sim = createWorkbook();
    expect(() => sim.failSync(1, undefined, { afterActions: -1 })).toThrow(/afterActions/);
    expect(() => sim.failSync(1, undefined, { afterActions: 1.5 })).toThrow(/afterActions/);
  });
});

describe("cell-edit mode", () => {
  test("while the user edits a cell, a sync fails with InvalidOperationInCellEditMode and applies nothing", async () => {
    const sim = createWorkbook();
    sim.setCellEditMode(true);
    const err = await errorOf(sim.run(async (context) => void writeThreeAndRead(context)));
    expect(err?.code).toBe("InvalidOperationInCellEditMode");
    expect(err?.message).toMatch(/Edit cell mode/);
    expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual([[""], [""], [""]]);
    sim.setCellEditMode(false);
    await sim.run(async (context) => void writeThreeAndRead(context));
    expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual([[1], [2], [3]]);
  });

  test("Excel.run({ delayForCellEdit: true }) waits until the edit ends, then runs", async () => {
    const sim = createWorkbook();
    sim.setCellEditMode(true);
    let synced = false;
    const run = sim.run({ delayForCellEdit: true }, async (context) => {
      writeThreeAndRead(context);
      await context.sync();
      synced = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(synced).toBe(false);
    expect(sim.inspect.values("Sheet1", "A1")).toEqual([[""]]);
    sim.setCellEditMode(false);
    await run;
    expect(synced).toBe(true);
    expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual([[1], [2], [3]]);
  });

  test("a batch already running meets the edit at its next sync", async () => {
    const sim = createWorkbook();
    const err = await errorOf(
      sim.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["before"]];
        await context.sync();
        sim.setCellEditMode(true);
        context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["during"]];
        await context.sync();
      }),
    );
    expect(err?.code).toBe("InvalidOperationInCellEditMode");
    expect(sim.inspect.values("Sheet1", "A1:A2")).toEqual([["before"], [""]]);
  });

  test("a co-author session's run takes the options too, and Excel.run from the globals", async () => {
    const sim = createWorkbook();
    sim.setCellEditMode(true);
    const other = sim.newSession();
    const late = other.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B1").values = [["co-author"]];
      await context.sync();
    });
    const restore = installExcelGlobals(sim);
    try {
      expect(await codeOf(Excel.run(async (context) => void writeThreeAndRead(context)))).toBe(
        "InvalidOperationInCellEditMode",
      );
      const global = Excel.run({ delayForCellEdit: true }, async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("C1").values = [["global"]];
        await context.sync();
      });
      sim.setCellEditMode(false);
      await Promise.all([late, global]);
    } finally {
      restore();
    }
    expect(sim.inspect.values("Sheet1", "B1:C1")).toEqual([["co-author", "global"]]);
  });
});
