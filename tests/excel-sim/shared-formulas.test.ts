/**
 * Formulas that differ only by where they sit share one parse (model/shared-formulas.ts). Each
 * formula must still give what it would give parsed on its own, wherever the shared tree would
 * read differently: mixed and whole-column references, references that would leave the sheet or
 * turn inside out, cells moved by inserted rows, structured references whose table or place has
 * changed. Expected values are computed here from the data, not by excel-sim.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { cellKey } from "../../src/excel-sim/model/address";
import { FormulaShape, SharedFormulaCell } from "../../src/excel-sim/model/shared-formulas";
import { codeOf, simAfter } from "./support";

type Grid = (string | number | boolean)[][];

async function write(sim: SimWorkbook, sheet: string, address: string, formulas: Grid) {
  await sim.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).formulas = formulas;
  });
}

/** The parse kept on a cell (internal: sharing it is the point of the change). */
function shapeAt(sim: SimWorkbook, sheet: string, row: number, col: number): unknown {
  const model = sim.inspect.model().sheets.find((s) => s.name === sheet)!;
  return model.cells.get(cellKey(row, col))?.ast;
}

const column = (n: number, f: (row: number) => string | number): Grid =>
  Array.from({ length: n }, (_, i) => [f(i + 1)]);

/** Writes `f(1)`, `f(2)`… down the one column of `address` ("B2:B10"), one value or formula a row. */
async function writeColumn(
  sim: SimWorkbook,
  sheet: string,
  address: string,
  f: (row: number) => string | number,
) {
  const [, top, bottom] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(address)!;
  await write(sim, sheet, address, column(Number(bottom) - Number(top) + 1, f));
}

describe("formulas that differ only by their place share one parse", () => {
  test("a column written as one array: one tree, each row its own result", async () => {
    const sim = createWorkbook();
    await writeColumn(sim, "Sheet1", "A1:A1000", (r) => r * 3);
    await writeColumn(sim, "Sheet1", "B2:B1000", (r) => `=A${r + 1}*2+$A$1`);
    const values = sim.inspect.values("Sheet1", "B2:B1000").map((row) => row[0]);
    expect(values).toEqual(Array.from({ length: 999 }, (_, i) => (i + 2) * 3 * 2 + 3));
    const first = shapeAt(sim, "Sheet1", 1, 1);
    expect(first).toBeInstanceOf(FormulaShape);
    expect(shapeAt(sim, "Sheet1", 999, 1)).toBe(first);
  });

  test("a formula that differs by more than its references is parsed on its own", async () => {
    const sim = createWorkbook();
    await writeColumn(sim, "Sheet1", "A1:A3", (r) => r);
    await write(sim, "Sheet1", "B1:B3", [["=A1*2"], ["=A2*3"], ["=A3*2"]]);
    expect(sim.inspect.values("Sheet1", "B1:B3")).toEqual([[2], [6], [6]]);
    expect(shapeAt(sim, "Sheet1", 1, 1)).not.toBe(shapeAt(sim, "Sheet1", 0, 1));
  });

  test("relative, mixed, absolute, whole-column and other-sheet references move as their text says", async () => {
    const sim = createWorkbook({ sheets: ["Sheet1", "Data"] });
    const a = (r: number) => r * r;
    const d = (r: number) => 1000 + r;
    await writeColumn(sim, "Sheet1", "A1:A40", a);
    await writeColumn(sim, "Data", "C1:C40", d);
    // Written bottom-up one row at a time, so each row is recognized from the row below it too.
    for (let r = 40; r >= 2; r--) {
      await write(sim, "Sheet1", `E${r}`, [
        [`=A${r}+A$1+$A${r - 1}+SUM($A$1:A${r})+COUNT(A:A)+Data!C${r}+ROW()`],
      ]);
    }
    const expected = (r: number) => {
      let sum = 0;
      for (let i = 1; i <= r; i++) sum += a(i);
      return a(r) + a(1) + a(r - 1) + sum + 40 + d(r) + r;
    };
    const got = sim.inspect.values("Sheet1", "E2:E40").map((row) => row[0]);
    expect(got).toEqual(Array.from({ length: 39 }, (_, i) => expected(i + 2)));
    expect(shapeAt(sim, "Sheet1", 1, 4)).toBe(shapeAt(sim, "Sheet1", 39, 4));
  });

  test("an area the shared tree would turn inside out (A6:A$5 below A1:A$5) is read as a parse reads it", async () => {
    const sim = createWorkbook();
    await writeColumn(sim, "Sheet1", "A1:A10", (r) => 2 ** r);
    // The relative corner written first in every row: from row 6 on, it is below the $5 corner.
    await writeColumn(sim, "Sheet1", "B1:B10", (r) => `=SUM(A${r}:A$5)`);
    const sum = (from: number, to: number) => {
      let s = 0;
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) s += 2 ** i;
      return s;
    };
    expect(sim.inspect.values("Sheet1", "B1:B10").map((row) => row[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => sum(i + 1, 5)),
    );
  });

  test("a shape is not moved off the sheet: row 1 below row 2's formula is parsed on its own", async () => {
    const sim = createWorkbook();
    await writeColumn(sim, "Sheet1", "A1:A3", (r) => r * 10);
    await write(sim, "Sheet1", "B2:B3", [["=A1+1"], ["=A2+1"]]);
    // "A0" moved up from A1 is no cell but a name (not defined): #NAME?, not a reference off the sheet.
    await write(sim, "Sheet1", "B1", [["=A0+1"]]);
    expect(sim.inspect.values("Sheet1", "B1:B3")).toEqual([["#NAME?"], [11], [21]]);
    await write(sim, "Sheet1", "B1", [["=A1+1"]]);
    expect(sim.inspect.values("Sheet1", "B1")).toEqual([[11]]);
  });

  test("rows inserted above: moved formulas keep their results, those whose text did not change too", async () => {
    const sim = createWorkbook({ sheets: ["Sheet1", "Data"] });
    await writeColumn(sim, "Data", "A1:A5", (r) => r * 7);
    await writeColumn(sim, "Sheet1", "A1:A5", (r) => r);
    await writeColumn(sim, "Sheet1", "B1:B5", (r) => `=Data!A${r}`);
    await writeColumn(sim, "Sheet1", "C1:C5", (r) => `=A${r}*100`);
    expect(sim.inspect.values("Sheet1", "B1:C5")).toEqual(
      column(5, (r) => r * 7).map((row, i) => [row[0], (i + 1) * 100]),
    );
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("2:3").insert("Down");
    });
    // Row 1 stays; rows 2-5 moved to 4-7. Data!A… is not moved by an insert on Sheet1.
    expect(sim.inspect.formulas("Sheet1", "B4:B4")).toEqual([["=Data!A2"]]);
    expect(sim.inspect.values("Sheet1", "B1:C1")).toEqual([[7, 100]]);
    expect(sim.inspect.values("Sheet1", "B4:C7")).toEqual([2, 3, 4, 5].map((r) => [r * 7, r * 100]));
  });

  test("a shape's structured references are checked where it is reused: a table gone refuses the formula", async () => {
    const sim = await simAfter(async (sheet) => {
      sheet.getRange("A1:A3").values = [["Score"], [1], [2]];
      sheet.tables.add("A1:A3", true).name = "T";
      sheet.getRange("D2").formulas = [["=SUM(T[Score])+C2"]];
    });
    await sim.run(async (context) => {
      context.workbook.tables.getItem("T").convertToRange();
    });
    const code = await codeOf(write(sim, "Sheet1", "D3", [["=SUM(T[Score])+C3"]]));
    expect(code).toBe("InvalidArgument");
    expect(sim.inspect.formulas("Sheet1", "D3")).toEqual([[""]]);
  });

  test("a table-less reference ([@Col]) reused away from its table is refused", async () => {
    const sim = await simAfter(async (sheet) => {
      sheet.getRange("A1:B3").values = [
        ["Score", "Twice"],
        [1, ""],
        [2, ""],
      ];
      sheet.tables.add("A1:B3", true).name = "T";
      sheet.getRange("B2:B3").formulas = [["=[@Score]*2+C2"], ["=[@Score]*2+C3"]];
    });
    expect(sim.inspect.values("Sheet1", "B2:B3")).toEqual([[2], [4]]);
    expect(await codeOf(write(sim, "Sheet1", "B10", [["=[@Score]*2+C10"]]))).toBe("InvalidArgument");
  });
});

describe("cells of shared formulas keep no text of their own", () => {
  const formulas = column(6, (r) => `=Data!$A${r}+A$1*$B${r}+SUM(B$1:B${r})`);

  async function sheetWithColumn() {
    const sim = createWorkbook({ sheets: ["Sheet1", "Data"] });
    await writeColumn(sim, "Data", "A1:A6", (r) => r * 100);
    await write(
      sim,
      "Sheet1",
      "A1:B6",
      column(6, (r) => r).map((row, i) => [row[0], (i + 1) * 2]),
    );
    await write(sim, "Sheet1", "C1:C6", formulas);
    return sim;
  }

  test("the text is made when read, exactly as written; the cells hold the shape", async () => {
    const sim = await sheetWithColumn();
    const cell = sim.inspect.model().sheets[0].cells.get(cellKey(4, 2))!;
    expect(cell).toBeInstanceOf(SharedFormulaCell);
    expect(Object.keys(cell)).not.toContain("formula");
    expect(sim.inspect.formulas("Sheet1", "C1:C6")).toEqual(formulas);
    const expected = (r: number) => r * 100 + 1 * (r * 2) + (r * (r + 1) * 2) / 2;
    expect(sim.inspect.values("Sheet1", "C1:C6")).toEqual(column(6, expected));
  });

  test("a value over one, a cleared one and a renamed sheet: the others keep their text and result", async () => {
    const sim = await sheetWithColumn();
    await write(sim, "Sheet1", "C2", [[42]]);
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("C3").clear("Contents");
      sheet.getRange("C4").clear("Formats");
      context.workbook.worksheets.getItem("Data").name = "Figures";
    });
    const renamed = formulas.map(([f]) => [String(f).replace("Data!", "Figures!")]);
    expect(sim.inspect.formulas("Sheet1", "C1:C6")).toEqual([renamed[0], [42], [""], ...renamed.slice(3)]);
    expect(sim.inspect.values("Sheet1", "C5:C6")).toEqual([[500 + 10 + 30], [600 + 12 + 42]]);
    expect(sim.inspect.model().sheets[0].cells.get(cellKey(2, 2))).toBeUndefined();
  });
});

describe("deleting a sheet recalculates only when a formula named it", () => {
  test("a sheet no formula names: the values stand, nothing is evaluated again", async () => {
    const sim = createWorkbook({ sheets: ["Sheet1", "Scratch", "Data"] });
    await writeColumn(sim, "Data", "A1:A3", (r) => r);
    await writeColumn(sim, "Sheet1", "A1:A3", (r) => `=Data!A${r}*10`);
    expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual([[10], [20], [30]]);
    const evaluations = sim.inspect.evaluations();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Scratch").delete();
    });
    expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual([[10], [20], [30]]);
    expect(sim.inspect.evaluations()).toBe(evaluations);
  });

  test("a sheet a formula names, in any case or quoted: the formula becomes #REF! and is recalculated", async () => {
    const sim = createWorkbook({ sheets: ["Sheet1", "It's data"] });
    await write(sim, "It's data", "A1", [[5]]);
    await write(sim, "Sheet1", "A1:A2", [["='IT''S DATA'!A1*2"], ["=1+1"]]);
    expect(sim.inspect.values("Sheet1", "A1:A2")).toEqual([[10], [2]]);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("It's data").delete();
    });
    expect(sim.inspect.values("Sheet1", "A1:A2")).toEqual([["#REF!"], [2]]);
  });
});

test("MATCH of an error gives the error (the list is not read)", async () => {
  const sim = createWorkbook();
  await writeColumn(sim, "Sheet1", "A1:A3", (r) => r);
  await write(sim, "Sheet1", "B1:B2", [["=MATCH(SMALL(A1:A3,5),A:A,0)"], ["=MATCH(SMALL(A1:A3,2),A:A,0)"]]);
  expect(sim.inspect.values("Sheet1", "B1:B2")).toEqual([["#NUM!"], [2]]);
});
