/**
 * table.columns.add and tableColumn.delete shift only the table's own rows, as Excel does, and
 * adjust A1 references everywhere like Range.insert/delete of those cells: a reference wholly in
 * the shifted band moves, one only partly in it stays, references to deleted cells are #REF!.
 * Range.insert/delete of whole sheet columns move whole-column references.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";

/**
 * Sheet "S": table T at B1:D11 (A, B, C; 10 data rows), values right of it in E1:E12, and
 * references to those cells from formulas, a name, a validation, a conditional format and a chart.
 */
async function book(): Promise<SimWorkbook> {
  const sim = createWorkbook({ sheets: ["S", "Other"] });
  await sim.run(async (context) => {
    const s = context.workbook.worksheets.getItem("S");
    const rows: (string | number)[][] = [["A", "B", "C", "Right"]];
    for (let i = 1; i <= 10; i++) rows.push([i, 10 * i, 100 * i, 1000 * i]);
    s.getRange("B1:E11").values = rows;
    s.getRange("E12").values = [[5]];
    s.tables.add("B1:D11", true).name = "T";
    s.getRange("E1:E12").format.columnWidth = 60;
    s.getRange("M20:M27").formulas = [
      ["=SUM($E:$E)"], // whole column: partly in the band (rows 1..11) → stays
      ["=SUM(E2:E11)"], // wholly in the band → moves
      ["=SUM(E2:E12)"], // partly (row 12) → stays
      ["=E5"],
      ["=SUM(C2:C11)"], // column B of the table
      ["=SUM(B2:D11)"], // the whole table body
      ["=C5"],
      ["=SUM(T[C])"],
    ];
    context.workbook.worksheets.getItem("Other").getRange("A1").formulas = [["=S!E5+SUM(S!E2:E11)"]];
    context.workbook.names.add("RightCol", "=S!$E$2:$E$11");
    s.getRange("E2:E11").dataValidation.rule = { wholeNumber: { formula1: 0, operator: "GreaterThan" } };
    const cf = s.getRange("E2:E5").conditionalFormats.add("Custom");
    cf.custom.rule.formula = "=E2>2000";
    cf.custom.format.fill.color = "#00FF00";
    s.charts.add("ColumnClustered", s.getRange("E1:E11"), "Columns");
  });
  return sim;
}

const formulas = (sim: SimWorkbook) => sim.inspect.formulas("S", "M20:M27").map((r) => r[0]);
const rules = (sim: SimWorkbook) => {
  const s = sim.inspect.model().sheets[0];
  return {
    name: sim.inspect.model().names[0].formula,
    validation: s.validations.map((v) => v.ranges),
    cf: s.conditionalFormats.map((c) => [c.ranges, c.rule.formula]),
    chart: sim.inspect.charts("S")[0].series.map((x) => x.values),
    other: sim.inspect.formulas("Other", "A1")[0][0],
  };
};

/**
 * What `rules` gives once the values right of the table (E2:E11 at first) sit in column `letter`:
 * the name, validation, conditional format, chart and the other sheet's formula all follow them.
 */
const rulesOn = (letter: string) => {
  const c = letter.charCodeAt(0) - "A".charCodeAt(0);
  return {
    name: `=S!$${letter}$2:$${letter}$11`,
    validation: [[{ r0: 1, c0: c, r1: 10, c1: c }]],
    cf: [[[{ r0: 1, c0: c, r1: 4, c1: c }], `=${letter}2>2000`]],
    chart: [`S!$${letter}$2:$${letter}$11`],
    other: `=S!${letter}5+SUM(S!${letter}2:${letter}11)`,
  };
};

test("columns.add shifts the table's rows right and adjusts references like Range.insert", async () => {
  const sim = await book();
  const before = formulas(sim).map((_, i) => sim.inspect.cell("S", `M${20 + i}`).value);
  await sim.run(async (context) => {
    context.workbook.tables.getItem("T").columns.add(1, undefined, "New");
  });
  expect(sim.inspect.tables()[0].address).toBe("S!B1:E11");
  expect(sim.inspect.tables()[0].columns).toEqual(["A", "New", "B", "C"]);
  // Only the table's rows moved: E1:E11 → F1:F11, E12 stays.
  expect(sim.inspect.values("S", "F1:F2")).toEqual([["Right"], [1000]]);
  expect(sim.inspect.values("S", "E12:F12")).toEqual([[5, ""]]);
  expect(formulas(sim)).toEqual([
    "=SUM($E:$E)",
    "=SUM(F2:F11)",
    "=SUM(E2:E12)",
    "=F5",
    "=SUM(D2:D11)",
    "=SUM(B2:E11)",
    "=D5",
    "=SUM(T[C])",
  ]);
  expect(rules(sim)).toEqual(rulesOn("F"));
  const after = formulas(sim).map((_, i) => sim.inspect.cell("S", `M${20 + i}`).value);
  // The moved references see the same cells; the whole column and E2:E12 now see table column C.
  expect(after).toEqual([5505, before[1], 5505, before[3], before[4], before[5], before[6], before[7]]);
  expect(sim.inspect.cell("S", "F4").conditionalFormat?.fillColor).toBe("#00FF00");
});

test("tableColumn.delete shifts the table's rows left; references to the deleted cells are #REF!", async () => {
  const sim = await book();
  await sim.run(async (context) => {
    context.workbook.tables.getItem("T").columns.getItem("B").delete();
  });
  expect(sim.inspect.tables()[0].address).toBe("S!B1:C11");
  expect(sim.inspect.values("S", "D1:D2")).toEqual([["Right"], [1000]]);
  expect(sim.inspect.values("S", "E12")).toEqual([[5]]);
  expect(formulas(sim)).toEqual([
    "=SUM($E:$E)",
    "=SUM(D2:D11)",
    "=SUM(E2:E12)",
    "=D5",
    "=SUM(#REF!)",
    "=SUM(B2:C11)",
    "=#REF!",
    "=SUM(T[C])",
  ]);
  expect(rules(sim)).toEqual(rulesOn("D"));
  expect(sim.inspect.values("S", "M24:M27")).toEqual([["#REF!"], [55 + 5500], ["#REF!"], [5500]]);
});

test("Range.insert / delete of whole sheet columns move whole-column references", async () => {
  const sim = await book();
  await sim.run(async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A:A").insert("Right");
  });
  expect(sim.inspect.formulas("S", "N20:N21")).toEqual([["=SUM($F:$F)"], ["=SUM(F2:F11)"]]);
  expect(rules(sim).name).toBe("=S!$F$2:$F$11");
  await sim.run(async (context) => {
    context.workbook.worksheets.getItem("S").getRange("B:C").delete("Left");
  });
  expect(sim.inspect.formulas("S", "L20:L21")).toEqual([["=SUM($D:$D)"], ["=SUM(D2:D11)"]]);
  expect(sim.inspect.values("S", "L20")).toEqual([[55005]]);
  await sim.run(async (context) => {
    context.workbook.worksheets.getItem("S").getRange("D:D").delete("Left");
  });
  expect(sim.inspect.formulas("S", "K20")).toEqual([["=SUM(#REF!)"]]);
});
