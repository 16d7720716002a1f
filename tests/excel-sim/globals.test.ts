/**
 * Runtime Excel enums and OfficeExtension.Error for code that reads them at run time.
 */
import { createWorkbook, installExcelGlobals, SimError, supportedFunctions } from "../../src/excel-sim";

test("installExcelGlobals provides Excel.run, enums and OfficeExtension.Error, and restores", async () => {
  const sim = createWorkbook();
  const restore = installExcelGlobals(sim);
  try {
    expect(Excel.ErrorCodes.itemNotFound).toBe("ItemNotFound");
    expect(Excel.ChartType.barClustered).toBe("BarClustered");
    expect(Excel.DeleteShiftDirection.up).toBe("Up");
    const err = await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Nope").load("name");
      await context.sync();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeExtension.Error);
    expect(err).toBeInstanceOf(SimError);
    expect((err as OfficeExtension.Error).code).toBe(Excel.ErrorCodes.itemNotFound);
  } finally {
    restore();
  }
  expect((globalThis as { Excel?: unknown }).Excel).toBeUndefined();
});

test("the function list names what is computed; everything else is #NAME?", () => {
  const fns = supportedFunctions();
  for (const f of [
    "SUMPRODUCT",
    "RANK.EQ",
    "RANK",
    "STDEV.S",
    "AVERAGEIFS",
    "COUNTIFS",
    "INDEX",
    "MATCH",
    "IFERROR",
    "ROUND",
  ]) {
    expect(fns).toContain(f);
  }
  expect(fns).not.toContain("XLOOKUP");
});
