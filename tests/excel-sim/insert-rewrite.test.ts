/**
 * Inserting rows rewrites the references that point at moved cells, wherever the formula is, and
 * leaves the others as written (the sim finds those without parsing them).
 */
import { createWorkbook } from "../../src/excel-sim";

test("references to moved rows follow them, on the sheet and from others; the rest stay", async () => {
  const sim = createWorkbook({ sheets: ["Data", "Other"] });
  await sim.run(async (context) => {
    const data = context.workbook.worksheets.getItem("Data");
    data.getRange("A1:A12").values = Array.from({ length: 12 }, (_, i) => [i + 1]);
    data.getRange("C1:C4").formulas = [["=A2"], ["=SUM(A1:A3)"], ["=A11"], ["=SUM($A:$A)"]];
    const other = context.workbook.worksheets.getItem("Other");
    other.getRange("A1:A3").formulas = [["=Data!A12"], ["=Data!A2"], ["=A12"]];
    await context.sync();
    data.getRange("A5:C6").insert("Down");
    await context.sync();
  });
  expect(sim.inspect.formulas("Data", "C1:C4").flat()).toEqual(["=A2", "=SUM(A1:A3)", "=A13", "=SUM($A:$A)"]);
  expect(sim.inspect.values("Data", "C1:C4").flat()).toEqual([2, 6, 11, 78]);
  expect(sim.inspect.formulas("Other", "A1:A3").flat()).toEqual(["=Data!A14", "=Data!A2", "=A12"]);
  expect(sim.inspect.values("Other", "A1:A2").flat()).toEqual([12, 2]);
});
