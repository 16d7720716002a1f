/**
 * One value for a whole range: Range.values, Range.formulas and Range.numberFormat accept a single
 * value (not a 2-D array) and apply it to every cell; a formula is filled as Excel fills it
 * (relative references move with each cell). Large ranges such as F2:F1048576 take a number
 * format or a data validation rule without a cell per row.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { codeOf, simAfter } from "./support";

const cellCount = (sim: SimWorkbook) => sim.inspect.model().sheets[0].cells.size;

async function set(
  sim: SimWorkbook,
  address: string,
  prop: "values" | "formulas" | "numberFormat",
  v: unknown,
) {
  return sim.run(async (context) => {
    const r = context.workbook.worksheets.getItem("Sheet1").getRange(address);
    (r as unknown as Record<string, unknown>)[prop] = v;
  });
}

test("values: one value for every cell of the range", async () => {
  const sim = createWorkbook();
  await set(sim, "B2:D3", "values", 7);
  expect(sim.inspect.values("Sheet1", "A1:E4")).toEqual([
    ["", "", "", "", ""],
    ["", 7, 7, 7, ""],
    ["", 7, 7, 7, ""],
    ["", "", "", "", ""],
  ]);
  await set(sim, "B2:C2", "values", "TRUE");
  await set(sim, "D2:D3", "values", "50%");
  expect(sim.inspect.values("Sheet1", "B2:D3")).toEqual([
    [true, true, 0.5],
    [7, 7, 0.5],
  ]);
  expect(sim.inspect.cell("Sheet1", "D3").text).toBe("50%");
  await set(sim, "B2:D3", "values", "");
  expect(cellCount(sim)).toBe(2); // D2:D3 keep the percent format
});

test("formulas: one formula is filled over the range, relative references moving with each cell", async () => {
  const sim = createWorkbook();
  await set(sim, "A1:A4", "values", [[1], [2], [3], [4]]);
  await set(sim, "B1:C4", "formulas", "=A1*10+$A$1+SUM($A1:A$4)");
  expect(sim.inspect.formulas("Sheet1", "B1:C2")).toEqual([
    ["=A1*10+$A$1+SUM($A1:A$4)", "=B1*10+$A$1+SUM($A1:B$4)"],
    ["=A2*10+$A$1+SUM($A2:A$4)", "=B2*10+$A$1+SUM($A2:B$4)"],
  ]);
  expect(sim.inspect.values("Sheet1", "B1:B4")).toEqual([[21], [30], [38], [45]]);
  await set(sim, "D1:E1", "formulas", "=SUM(A:A)+ROW()");
  expect(sim.inspect.formulas("Sheet1", "D1:E1")).toEqual([["=SUM(A:A)+ROW()", "=SUM(B:B)+ROW()"]]);
  // A reference moved off the sheet is #REF!
  await set(sim, "F1:F2", "formulas", "=A1048575");
  expect(sim.inspect.formulas("Sheet1", "F1:F2")).toEqual([["=A1048575"], ["=A1048576"]]);
  await set(sim, "F1:F3", "formulas", "=A1048575");
  expect(sim.inspect.formulas("Sheet1", "F3")).toEqual([["=#REF!"]]);
  // A bad formula writes nothing
  expect(await codeOf(set(sim, "G1:G3", "formulas", "=SUM(A1"))).toBe("InvalidArgument");
  expect(sim.inspect.values("Sheet1", "G1:G3")).toEqual([[""], [""], [""]]);
});

test("formulas: one structured-reference formula for a table column", async () => {
  const sim = await simAfter(async (s) => {
    s.getRange("A1:C4").values = [
      ["Score", "Wt", "Calc"],
      [1, 10, ""],
      [2, 20, ""],
      [3, 30, ""],
    ];
    s.tables.add("A1:C4", true).name = "T";
    s.getRange("C2:C4").formulas = "=[@Score]*[@Wt]" as unknown as string[][];
  });
  expect(sim.inspect.formulas("Sheet1", "C2:C4")).toEqual([
    ["=[@Score]*[@Wt]"],
    ["=[@Score]*[@Wt]"],
    ["=[@Score]*[@Wt]"],
  ]);
  expect(sim.inspect.values("Sheet1", "C2:C4")).toEqual([[10], [40], [90]]);
});

test("numberFormat: one format down to the last row is a column format, not a million cells", async () => {
  const sim = await simAfter(async (s) => {
    s.getRange("G:G").numberFormat = "0%" as unknown as string[][];
    s.getRange("5:5").numberFormat = "0.000" as unknown as string[][];
    s.getRange("F1:G1").values = [[1.5, 0.25]];
    s.getRange("F3").values = [[2.5]];
  });
  const before = cellCount(sim);
  const t0 = performance.now();
  await set(sim, "F2:G1048576", "numberFormat", "0.00");
  expect(performance.now() - t0).toBeLessThan(2000);
  expect(cellCount(sim)).toBeLessThan(before + 10);
  const fmt = (a: string) => sim.inspect.cell("Sheet1", a).numberFormat;
  // The cells above the range keep what they showed; every cell of the range has the new format,
  // including those of row 5 (whose row format would otherwise win).
  expect(["F1", "G1", "F2", "G2", "F5", "G5", "F1048576", "H5"].map(fmt)).toEqual([
    "General",
    "0%",
    "0.00",
    "0.00",
    "0.00",
    "0.00",
    "0.00",
    "0.000",
  ]);
  expect(sim.inspect.cell("Sheet1", "G1").text).toBe("25%");
  expect(sim.inspect.cell("Sheet1", "F3").text).toBe("2.50");
  await set(sim, "F70000", "values", [[1.5]]);
  expect(sim.inspect.cell("Sheet1", "F70000").text).toBe("1.50");
  await sim.run(async (context) => {
    const r = context.workbook.worksheets.getItem("Sheet1").getRange("F1:F3").load("numberFormat");
    await context.sync();
    expect(r.numberFormat).toEqual([["General"], ["0.00"], ["0.00"]]);
  });
  // A 2-D array still sets cell by cell.
  await set(sim, "F2:F3", "numberFormat", [["0"], ["0.0"]]);
  expect(["F2", "F3", "F4"].map(fmt)).toEqual(["0", "0.0", "0.00"]);
});

test("dataValidation.rule over F2:F1048576 makes no cells and applies to every row", async () => {
  const sim = createWorkbook();
  const before = cellCount(sim);
  await sim.run(async (context) => {
    const r = context.workbook.worksheets.getItem("Sheet1").getRange("F2:F1048576");
    r.dataValidation.rule = { wholeNumber: { formula1: 1, formula2: 5, operator: "Between" } };
    r.numberFormat = "0" as unknown as string[][];
  });
  expect(cellCount(sim)).toBeLessThanOrEqual(before + 1);
  expect(sim.userEdit("Sheet1", "F900000", "9")).toMatchObject({ ok: false, code: "DataValidation" });
  expect(sim.userEdit("Sheet1", "F900000", "3")).toEqual({ ok: true });
  expect(sim.userEdit("Sheet1", "F1", "9")).toEqual({ ok: true });
});
