/**
 * Tables: creation, names, auto-expansion, columns, rows.add counting, deletion.
 */
import { createWorkbook } from "../../src/excel-sim";
import { codeOf, simAfter } from "./support";

async function scorecard() {
  const sim = createWorkbook({ sheets: ["Scorecard"] });
  await sim.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Scorecard");
    sheet.getRange("A1:C3").values = [
      ["ID", "Agreement", "Score"],
      ["A1", "Alpha", 3],
      ["A2", "Beta", 4],
    ];
    const t = sheet.tables.add("A1:C3", true);
    t.name = "Agreements";
  });
  return sim;
}

describe("tables", () => {
  test("add: header names, ranges, default name, uniqueness across the workbook", async () => {
    const sim = await scorecard();
    await sim.run(async (context) => {
      const t = context.workbook.tables.getItem("agreements"); // case-insensitive
      const r = t.getRange().load("address");
      const h = t.getHeaderRowRange().load("values");
      const body = t.getDataBodyRange().load("address");
      const cols = t.columns.load("items/name, items/index");
      const other = context.workbook.worksheets.add("Other");
      const t2 = other.tables.add("B2:C4", true).load("name");
      await context.sync();
      expect(r.address).toBe("Scorecard!A1:C3");
      expect(h.values).toEqual([["ID", "Agreement", "Score"]]);
      expect(body.address).toBe("Scorecard!A2:C3");
      expect(cols.items.map((c) => [c.name, c.index])).toEqual([
        ["ID", 0],
        ["Agreement", 1],
        ["Score", 2],
      ]);
      expect(t2.name).toBe("Table2");
      expect(sim.inspect.tables().find((x) => x.name === "Table2")?.columns).toEqual(["Column1", "Column2"]);

      t2.name = "AGREEMENTS";
      expect(await codeOf(context.sync())).toBe("ItemAlreadyExists");
      context.workbook.names.add("Weights", "=Other!$A$1");
      await context.sync();
      t2.name = "weights"; // table names share the defined-name namespace
      expect(await codeOf(context.sync())).toBe("ItemAlreadyExists");
      t2.name = "A1"; // a cell reference is not a valid name
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
      other.tables.add("C3:D5", true); // overlaps Table2
      expect(await codeOf(context.sync())).toBe("InvalidOperation");
    });
  });

  test("hasHeaders=false inserts a generated header row and shifts the data down", async () => {
    const sim = await simAfter(async (sheet) => {
      sheet.getRange("A1:B2").values = [
        [1, 2],
        [3, 4],
      ];
      sheet.tables.add("A1:B2", false);
    });
    expect(sim.inspect.tables()[0]).toMatchObject({
      address: "Sheet1!A1:B3",
      columns: ["Column1", "Column2"],
    });
    expect(sim.inspect.values("Sheet1", "A1:B3")).toEqual([
      ["Column1", "Column2"],
      [1, 2],
      [3, 4],
    ]);
  });

  test("writing values in the row directly below a table expands it (API)", async () => {
    const sim = await scorecard();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("A4:C5").values = [
        ["A3", "Gamma", 5],
        ["A4", "Delta", 2],
      ];
      await context.sync();
      const r = context.workbook.tables.getItem("Agreements").getDataBodyRange().load("rowCount");
      await context.sync();
      expect(r.rowCount).toBe(4);
      // a row with a gap below the table does not join it
      sheet.getRange("A8:C8").values = [["A9", "Far", 1]];
      await context.sync();
      const r2 = context.workbook.tables.getItem("Agreements").getRange().load("address");
      await context.sync();
      expect(r2.address).toBe("Scorecard!A1:C5");
    });
    expect(sim.stats.tableRowsAdd).toBe(0);
  });

  test("typing directly below or right of a table expands it (user edit)", async () => {
    const sim = await scorecard();
    expect(sim.userEdit("Scorecard", "B4", "Gamma")).toEqual({ ok: true });
    expect(sim.inspect.tables()[0].address).toBe("Scorecard!A1:C4");
    expect(sim.userEdit("Scorecard", "D1", "Notes")).toEqual({ ok: true });
    expect(sim.inspect.tables()[0]).toMatchObject({
      address: "Scorecard!A1:D4",
      columns: ["ID", "Agreement", "Score", "Notes"],
    });
  });

  test("header cells are the column names; duplicates get a number", async () => {
    const sim = await scorecard();
    sim.userEdit("Scorecard", "C1", "Agreement");
    expect(sim.inspect.tables()[0].columns).toEqual(["ID", "Agreement", "Agreement2"]);
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Agreements").columns.getItemAt(2).name = "Weighted score";
    });
    expect(sim.inspect.cell("Scorecard", "C1").value).toBe("Weighted score");
  });

  test("columns.add and column.delete", async () => {
    const sim = await scorecard();
    await sim.run(async (context) => {
      const t = context.workbook.tables.getItem("Agreements");
      t.columns.add(undefined, [["Rank"], [1], [2]]);
      t.columns.add(1, undefined, "Type");
      await context.sync();
      expect(sim.inspect.tables()[0]).toMatchObject({
        address: "Scorecard!A1:E3",
        columns: ["ID", "Type", "Agreement", "Score", "Rank"],
      });
      expect(sim.inspect.values("Scorecard", "A2:E2")).toEqual([["A1", "", "Alpha", 3, 1]]);
      t.columns.getItem("Type").delete();
      await context.sync();
      expect(sim.inspect.tables()[0].columns).toEqual(["ID", "Agreement", "Score", "Rank"]);
    });
  });

  test("rows.add works and is counted (the product uses it only where Excel leaves rows out)", async () => {
    const sim = await scorecard();
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Agreements").rows.add(undefined, [["A3", "Gamma", 1]]);
    });
    expect(sim.stats.tableRowsAdd).toBe(1);
    expect(sim.inspect.tables()[0].address).toBe("Scorecard!A1:C4");
    expect(sim.inspect.values("Scorecard", "A4:C4")).toEqual([["A3", "Gamma", 1]]);
  });

  test("delete removes the table and its cells; convertToRange keeps the cells", async () => {
    const sim = await scorecard();
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Agreements").convertToRange();
    });
    expect(sim.inspect.tables()).toEqual([]);
    expect(sim.inspect.cell("Scorecard", "B2").value).toBe("Alpha");
    const sim2 = await scorecard();
    await sim2.run(async (context) => {
      const t = context.workbook.tables.getItem("Agreements");
      t.delete();
      await context.sync();
      t.load("name");
      expect(await codeOf(context.sync())).toBe("ItemNotFound");
    });
    expect(sim2.inspect.usedRange("Scorecard")).toBeNull();
  });

  test("deleting rows inside a table shrinks it; shifting part of a table is refused", async () => {
    const sim = await scorecard();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("2:2").delete("Up");
      await context.sync();
      expect(sim.inspect.tables()[0].address).toBe("Scorecard!A1:C2");
      sheet.getRange("B1:B2").insert("Down");
      expect(await codeOf(context.sync())).toBe("InvalidOperation");
    });
  });
});
