/**
 * Structured references (Table[Column], [@Column] …): evaluation against the table's current
 * range, validation on entry, and rewriting as Excel does when a table or column is renamed, a
 * column deleted or the table converted to a range.
 * (https://support.microsoft.com/office/using-structured-references-with-excel-tables-f5ed2452-2337-4f71-bed3-c8ae6d2b276e)
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { codeOf } from "./support";

/**
 * Sheet "Data": table Scores at B2:F6 — ID, Score, Wt, "Col name", "A#['b]" (a name that needs
 * every escape) — and a computed column G ("Calc") added later by tests that need it.
 */
async function scores(): Promise<SimWorkbook> {
  const sim = createWorkbook({ sheets: ["Data", "Other"] });
  await sim.run(async (context) => {
    const s = context.workbook.worksheets.getItem("Data");
    s.getRange("B2:F6").values = [
      ["ID", "Score", "Wt", "Col name", "A#['b]"],
      ["a", 10, 1, 100, 1000],
      ["b", 20, 2, 200, 2000],
      ["c", 30, 3, 300, 3000],
      ["d", 40, 4, 400, 4000],
    ];
    s.tables.add("B2:F6", true).name = "Scores";
  });
  return sim;
}

/** Writes formulas into cells of a sheet and returns their values. */
async function calc(sim: SimWorkbook, cells: Record<string, string>, sheet = "Data") {
  return sim.run(async (context) => {
    const s = context.workbook.worksheets.getItem(sheet);
    const out: Record<string, Excel.Range> = {};
    for (const [addr, f] of Object.entries(cells)) {
      const r = s.getRange(addr);
      r.formulas = [[f]];
      out[addr] = r.load("values");
    }
    await context.sync();
    return Object.fromEntries(Object.entries(out).map(([a, r]) => [a, r.values[0][0]]));
  });
}

async function write(sim: SimWorkbook, address: string, formulas: unknown[][], sheet = "Data") {
  return sim.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).formulas = formulas as string[][];
  });
}

const formulaOf = (sim: SimWorkbook, address: string, sheet = "Data") =>
  sim.inspect.cell(sheet, address).formula;
const valueOf = (sim: SimWorkbook, address: string, sheet = "Data") => sim.inspect.cell(sheet, address).value;

describe("structured references: evaluation", () => {
  test("every form names the table's current cells", async () => {
    const sim = await scores();
    const v = await calc(sim, {
      J1: "=SUM(Scores[Score])",
      J2: "=SUM(Scores[[Score]])",
      J3: "=SUM(Scores[[#Data],[Score]])",
      J4: "=Scores[[#Headers],[Score]]",
      J5: "=ROWS(Scores[#Data])*100+COLUMNS(Scores[#Data])",
      J6: "=ROWS(Scores[])*100+COLUMNS(Scores[])",
      J7: "=ROWS(Scores[#All])",
      J8: '=COUNTIF(Scores[#Headers],"*")',
      J9: "=SUM(Scores[[Score]:[Wt]])",
      J10: "=SUM(Scores[[Wt]:[Score]])", // a range given backwards is the same range
      J11: "=SUM(scores[SCORE])", // names are case-insensitive
      J12: "=SUM(Scores[Col name])", // a space is fine in the plain form
      J13: "=SUM(Scores[[Col name]])",
      J14: "=SUM(Scores[[A'#'['''b']]])", // ' escapes [ ] # '
      J15: "=SUM(Scores[A'#'['''b']])",
      J16: "=ROWS(Scores[[#Headers],[#Data],[Score]])",
      J17: "=SUM( Scores[ [#Data], [Score]:[Wt] ] )", // spaces inside the brackets
      J18: "=SUMPRODUCT(Scores[Score],Scores[Wt])",
    });
    expect(v).toEqual({
      J1: 100,
      J2: 100,
      J3: 100,
      J4: "Score",
      J5: 405,
      J6: 405,
      J7: 5,
      J8: 5,
      J9: 110,
      J10: 110,
      J11: 100,
      J12: 1000,
      J13: 1000,
      J14: 10000,
      J15: 10000,
      J16: 5,
      J17: 110,
      J18: 300,
    });
  });

  test("this-row forms: [@Col], [@[Col name]], Table[@Col], Table[[#This Row],[Col]]", async () => {
    const sim = await scores();
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Scores").columns.add(undefined, undefined, "Calc");
    });
    await write(sim, "G3:G6", [
      ["=[@Score]*[@Wt]"],
      ["=[@[Col name]]+[@[A#'['''b']]]"],
      ["=Scores[@Score]+Scores[[#This Row],[Wt]]"],
      ["=SUM([@[Score]:[Wt]])*1000+COLUMNS(Scores[@])"],
    ]);
    expect(sim.inspect.values("Data", "G3:G6")).toEqual([[10], [2200], [33], [44006]]);
    // Outside the table's rows a this-row reference is #VALUE!; a column in a row it spans
    // intersects implicitly (Excel without dynamic arrays).
    expect(await calc(sim, { J4: "=Scores[@Score]", J1: "=Scores[Score]", J5: "=Scores[Score]*2" })).toEqual({
      J4: 20,
      J1: "#VALUE!",
      J5: 60,
    });
    expect(await calc(sim, { J9: "=Scores[@Score]" })).toEqual({ J9: "#VALUE!" });
  });

  test("Excel refuses on entry: unknown table or column, [@Col name] without brackets, [@Col] outside a table", async () => {
    const sim = await scores();
    for (const f of [
      "=SUM(Nope[Score])",
      "=SUM(Scores[Nope])",
      "=SUM(Scores[[Score]:[Nope]])",
      "=[@Col name]",
      "=Scores[#Bogus]",
      "=Scores[[#Headers],[#All]]",
      "=Scores[Score",
      "=SUM(Scores[[A#['b]]])", // unescaped specials
    ]) {
      expect([f, await codeOf(write(sim, "C4", [[f]]))]).toEqual([f, "InvalidArgument"]);
    }
    // nothing was written
    expect(valueOf(sim, "C4")).toBe(20);
    expect(await codeOf(write(sim, "J1", [["=[@Score]"]]))).toBe("InvalidArgument");
    expect(await codeOf(write(sim, "J1", [["=Scores[@Score]"]]))).toBe("no error");
    // defined names too
    const add = (f: string) =>
      sim.run(async (context) => {
        context.workbook.names.add("N", f);
      });
    expect(await codeOf(add("=Scores[Nope]"))).toBe("InvalidArgument");
    expect(await codeOf(add("=[@Score]"))).toBe("InvalidArgument");
    expect(await codeOf(add("=Scores[Score]"))).toBe("no error");
    expect(await calc(sim, { J2: "=SUM(N)" })).toEqual({ J2: 100 });
  });

  test("a reference follows the table: growth, inserted rows and columns, moved columns, renamed sheet", async () => {
    const sim = await scores();
    await write(sim, "A20", [["=SUM(Scores[Score])"]], "Other");
    await write(sim, "J1:J2", [["=SUM(Scores[Wt])"], ["=Scores[[#Headers],[Wt]]"]]);
    const check = (sum: number) => {
      expect(valueOf(sim, "A20", "Other")).toBe(sum);
      expect(sim.inspect.formulas("Other", "A20")).toEqual([["=SUM(Scores[Score])"]]);
    };
    check(100);
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Scores").rows.add(undefined, [["e", 50, 5, 500, 5000]]);
    });
    check(150);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("B8:F8").values = [["f", 60, 6, 600, 6000]];
    });
    check(210); // typed below the table: it expands
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Data");
      s.getRange("A:A").insert("Right");
      s.getRange("1:3").insert("Down");
    });
    check(210);
    expect(sim.inspect.tables()[0].address).toBe("Data!C5:G11");
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Scores").columns.add(0, undefined, "First");
      context.workbook.worksheets.getItem("Data").name = "Renamed";
    });
    expect(valueOf(sim, "A20", "Other")).toBe(210);
    // J1:J2 moved with the inserted column and rows (to K4:K5), then K5, in the table's rows,
    // moved right with the new table column; their text never changed
    expect(formulaOf(sim, "K4", "Renamed")).toBe("=SUM(Scores[Wt])");
    expect(formulaOf(sim, "L5", "Renamed")).toBe("=Scores[[#Headers],[Wt]]");
    expect(valueOf(sim, "K4", "Renamed")).toBe(21);
    expect(valueOf(sim, "L5", "Renamed")).toBe("Wt");
  });
});

describe("structured references: rewriting", () => {
  /** Scores with formulas everywhere a reference can be: cells, a name, validation, a conditional format. */
  async function everywhere() {
    const sim = await scores();
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Data");
      context.workbook.tables.getItem("Scores").columns.add(undefined, undefined, "Calc");
      s.getRange("G3:G6").formulas = [
        ["=[@Score]*[@Wt]"],
        ["=[@Score]*[@Wt]"],
        ["=Scores[@Score]*Scores[[#This Row],[Wt]]"],
        ["=[@Score]*[@Wt]"],
      ];
      s.getRange("J1:J3").formulas = [
        ["=SUM(Scores[Score])"],
        ["=SUM(Scores[[Score]:[Wt]])"],
        ["=SUM(C3:C6)"],
      ];
      context.workbook.worksheets.getItem("Other").getRange("A1").formulas = [["=MAX(Scores[Score])"]];
      context.workbook.names.add("Top", "=MAX(Scores[Score])");
      s.getRange("K1").dataValidation.rule = { custom: { formula: "=K1<=MAX(Scores[Score])" } };
      const cf = s.getRange("C3:C6").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=C3=MAX(Scores[Score])";
      cf.custom.format.fill.color = "#FF0000";
    });
    return sim;
  }
  const ruleFormulas = (sim: SimWorkbook) => {
    const wb = sim.inspect.model();
    const s = wb.sheets[0];
    return {
      name: wb.names[0].formula,
      validation: s.validations[0].rule.formula,
      cf: s.conditionalFormats[0].rule.formula,
    };
  };

  test("renaming the table rewrites every reference naming it; values stay", async () => {
    const sim = await everywhere();
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Scores").name = "Results";
    });
    expect(sim.inspect.formulas("Data", "G3:G6")).toEqual([
      ["=[@Score]*[@Wt]"],
      ["=[@Score]*[@Wt]"],
      ["=Results[@Score]*Results[[#This Row],[Wt]]"],
      ["=[@Score]*[@Wt]"],
    ]);
    expect(sim.inspect.formulas("Data", "J1:J3")).toEqual([
      ["=SUM(Results[Score])"],
      ["=SUM(Results[[Score]:[Wt]])"],
      ["=SUM(C3:C6)"],
    ]);
    expect(sim.inspect.formulas("Other", "A1")).toEqual([["=MAX(Results[Score])"]]);
    expect(ruleFormulas(sim)).toEqual({
      name: "=MAX(Results[Score])",
      validation: "=K1<=MAX(Results[Score])",
      cf: "=C3=MAX(Results[Score])",
    });
    expect(sim.inspect.values("Data", "G3:G6")).toEqual([[10], [40], [90], [160]]);
    expect(sim.inspect.values("Data", "J1:J3")).toEqual([[100], [110], [100]]);
    expect(sim.inspect.cell("Data", "C6").conditionalFormat?.fillColor).toBe("#FF0000");
  });

  test("renaming a header (values or column.name) rewrites references to the column, brackets where needed", async () => {
    const sim = await everywhere();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("C2").values = [["Points"]];
    });
    expect(sim.inspect.formulas("Data", "G3:G5")).toEqual([
      ["=[@Points]*[@Wt]"],
      ["=[@Points]*[@Wt]"],
      ["=Scores[@Points]*Scores[[#This Row],[Wt]]"],
    ]);
    expect(sim.inspect.formulas("Data", "J1:J2")).toEqual([
      ["=SUM(Scores[Points])"],
      ["=SUM(Scores[[Points]:[Wt]])"],
    ]);
    expect(ruleFormulas(sim).name).toBe("=MAX(Scores[Points])");
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Scores").columns.getItem("Points").name = "Total pts";
      context.workbook.tables.getItem("Scores").columns.getItem("wt").name = "W#";
    });
    expect(sim.inspect.formulas("Data", "G3:G5")).toEqual([
      ["=[@[Total pts]]*[@[W'#]]"],
      ["=[@[Total pts]]*[@[W'#]]"],
      ["=Scores[@[Total pts]]*Scores[[#This Row],[W'#]]"],
    ]);
    expect(sim.inspect.formulas("Data", "J1:J2")).toEqual([
      ["=SUM(Scores[Total pts])"],
      ["=SUM(Scores[[Total pts]:[W'#]])"],
    ]);
    expect(ruleFormulas(sim)).toEqual({
      name: "=MAX(Scores[Total pts])",
      validation: "=K1<=MAX(Scores[Total pts])",
      cf: "=C3=MAX(Scores[Total pts])",
    });
    expect(sim.inspect.values("Data", "G3:G6")).toEqual([[10], [40], [90], [160]]);
    expect(sim.inspect.values("Data", "J1:J2")).toEqual([[100], [110]]);
    // Clearing a header names the column ColumnN: references follow.
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("C2").clear();
    });
    expect(formulaOf(sim, "J1")).toBe("=SUM(Scores[Column2])");
    expect(valueOf(sim, "J1")).toBe(100);
  });

  test("deleting a table column: references to it are #REF!, a column range shrinks, A1 references shift", async () => {
    const sim = await everywhere();
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Scores").columns.getItem("Score").delete();
    });
    expect(sim.inspect.formulas("Data", "F3:F5")).toEqual([
      ["=#REF!*[@Wt]"],
      ["=#REF!*[@Wt]"],
      ["=#REF!*Scores[[#This Row],[Wt]]"],
    ]);
    // J2:J3 are in the table's rows: they moved left with it; C3:C6 were the deleted cells
    expect(formulaOf(sim, "J1")).toBe("=SUM(#REF!)");
    expect(sim.inspect.formulas("Data", "I2:I3")).toEqual([["=SUM(Scores[[Wt]:[Wt]])"], ["=SUM(#REF!)"]]);
    expect(sim.inspect.values("Data", "J1")).toEqual([["#REF!"]]);
    expect(sim.inspect.values("Data", "I2")).toEqual([[10]]);
    expect(sim.inspect.model().names[0].formula).toBe("=MAX(#REF!)");
    // the conditional format's range (C3:C6) was deleted with the column
    expect(sim.inspect.model().sheets[0].conditionalFormats).toEqual([]);
  });

  test("deleting the table or converting it to a range turns structured references into A1 references", async () => {
    for (const how of ["convertToRange", "delete"] as const) {
      const sim = await everywhere();
      await sim.run(async (context) => {
        const t = context.workbook.tables.getItem("Scores");
        if (how === "delete") t.delete();
        else t.convertToRange();
      });
      expect(sim.inspect.tables()).toEqual([]);
      expect(sim.inspect.formulas("Other", "A1")).toEqual([["=MAX(Data!$C$3:$C$6)"]]);
      expect(sim.inspect.formulas("Data", "J1:J2")).toEqual([["=SUM($C$3:$C$6)"], ["=SUM($C$3:$D$6)"]]);
      expect(ruleFormulas(sim)).toEqual({
        name: "=MAX(Data!$C$3:$C$6)",
        validation: "=K1<=MAX($C$3:$C$6)",
        cf: "=C3=MAX($C$3:$C$6)",
      });
      if (how === "convertToRange") {
        expect(sim.inspect.formulas("Data", "G3:G5")).toEqual([["=$C3*$D3"], ["=$C4*$D4"], ["=$C5*$D5"]]);
        expect(sim.inspect.values("Data", "G3:G6")).toEqual([[10], [40], [90], [160]]);
        expect(sim.inspect.values("Data", "J1:J2")).toEqual([[100], [110]]);
      }
    }
  });

  test("deleting sheet columns through the table: references to the deleted columns are #REF!", async () => {
    const sim = await everywhere();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("C:D").delete("Left");
    });
    expect(sim.inspect.tables()[0].columns).toEqual(["ID", "Col name", "A#['b]", "Calc"]);
    expect(sim.inspect.formulas("Data", "E3")).toEqual([["=#REF!*#REF!"]]);
    expect(sim.inspect.formulas("Data", "H1:H2")).toEqual([["=SUM(#REF!)"], ["=SUM(#REF!)"]]);
    expect(sim.inspect.formulas("Other", "A1")).toEqual([["=MAX(#REF!)"]]);
  });

  test("deleting the table's sheet turns references to it into #REF!", async () => {
    const sim = await everywhere();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Data").delete();
    });
    expect(sim.inspect.formulas("Other", "A1")).toEqual([["=MAX(#REF!)"]]);
    expect(sim.inspect.values("Other", "A1")).toEqual([["#REF!"]]);
  });
});
