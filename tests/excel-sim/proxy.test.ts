/**
 * Office.js proxy semantics: queued actions, load/sync, PropertyNotLoaded, null objects,
 * ItemNotFound, error shape, non-transactional batches.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load --
   these tests read unloaded and unsynced properties on purpose, to check that excel-sim throws as Excel does. */
import { createWorkbook, SimError } from "../../src/excel-sim";
import { codeOf, simAfter } from "./support";

describe("load and sync", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      expect(() => range.values).toThrow(
        expect.objectContaining({ code: "PropertyNotLoaded", name: "RichApi.Error" }),
      );
      range.load("values");
      // loaded but not yet synced: still not available
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([[""]]);
      // other properties stay unavailable
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("writes are applied in order at sync; loads see the state at their place in the queue", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const a = sheet.getRange("A1");
      a.values = [[1]];
      const before = sheet.getRange("A1").load("values");
      sheet.getRange("A1").values = [[2]];
      const after = sheet.getRange("A1").load("values");
      expect(sim.inspect.cell("Sheet1", "A1").value).toBe(""); // nothing applied before sync
      await context.sync();
      expect(before.values).toEqual([[1]]);
      expect(after.values).toEqual([[2]]);
    });
  });

  test("a value set on a proxy reads back before sync (Office.js setters keep it locally)", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.values = [["=1+1"]];
      expect(r.values).toEqual([["=1+1"]]); // the value you set, not Excel's
      r.load("values");
      await context.sync();
      expect(r.values).toEqual([[2]]); // after load+sync: the workbook's value
    });
  });

  test("load accepts a string list, an array, and an object; collection loads fill items", async () => {
    const sim = createWorkbook({ sheets: ["One", "Two"] });
    await sim.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name, items/position");
      const r = context.workbook.worksheets.getItem("One").getRange("B2:C3").load(["address", "rowCount"]);
      const f = context.workbook.worksheets
        .getItem("One")
        .getRange("B2")
        .load({ format: { fill: { color: true } }, address: true });
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["One", "Two"]);
      expect(sheets.items.map((s) => s.position)).toEqual([0, 1]);
      expect(r.address).toBe("One!B2:C3");
      expect(r.rowCount).toBe(2);
      expect(f.format.fill.color).toBe("#FFFFFF");
      expect(f.address).toBe("One!B2");
    });
  });

  test("methods returning values give a ClientResult readable only after sync", async () => {
    const sim = createWorkbook({ sheets: ["A", "B", "C"] });
    await sim.run(async (context) => {
      const n = context.workbook.worksheets.getCount();
      expect(() => n.value).toThrow(expect.objectContaining({ code: "ValueNotLoaded" }));
      await context.sync();
      expect(n.value).toBe(3);
    });
  });

  test("Excel.run syncs pending actions when the batch returns", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[42]];
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe(42);
    expect(sim.stats.syncs).toBe(1);
  });

  test("an object used after its Excel.run ended fails with InvalidObjectPath", async () => {
    const sim = createWorkbook();
    let saved: Excel.Range | undefined;
    await sim.run(async (context) => {
      saved = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      saved.load("values");
      await context.sync();
    });
    saved!.values = [[1]];
    expect(await codeOf(saved!.context.sync())).toBe("InvalidObjectPath");
  });
});

describe("null objects and missing items", () => {
  test("getItemOrNullObject: isNullObject is known after sync, with or without load", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("Sheet1");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      const t = context.workbook.tables.getItemOrNullObject("Scores").load("name");
      const n = context.workbook.names.getItemOrNullObject("Weights");
      await context.sync();
      expect(t.isNullObject).toBe(true);
      expect(t.name).toBeUndefined();
      expect(n.isNullObject).toBe(true);
    });
  });

  test("getItem on a missing item fails the sync with ItemNotFound", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Nope");
      s.load("name");
      const err = await context.sync().catch((e) => e as SimError);
      expect(err).toBeInstanceOf(SimError);
      expect(err).toMatchObject({
        name: "RichApi.Error",
        code: "ItemNotFound",
        debugInfo: { code: "ItemNotFound", errorLocation: "Worksheet.load" },
      });
      expect((err as SimError).debugInfo.message).toBe((err as SimError).message);
    });
  });

  test("navigation makes no round trip and an unused missing item does not fail", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Nope").getRange("A1");
      context.workbook.tables.getItem("Nope").columns.getItemAt(3);
      await context.sync();
    });
    expect(sim.stats.roundTrips).toBe(0);
  });

  test("table column getItem/getItemOrNullObject/getItemAt", async () => {
    await simAfter(async (sheet, context) => {
      sheet.getRange("A1:C2").values = [
        ["ID", "Name", "Score"],
        [1, "x", 3],
      ];
      const t = sheet.tables.add("A1:C2", true);
      t.name = "T";
      await context.sync();
      const byName = context.workbook.tables.getItem("T").columns.getItem("Score").load("index, id, name");
      const missing = context.workbook.tables.getItem("T").columns.getItemOrNullObject("Nope");
      const at = context.workbook.tables.getItem("T").columns.getItemAt(1).load("name");
      await context.sync();
      expect(byName.index).toBe(2);
      expect(byName.name).toBe("Score");
      expect(missing.isNullObject).toBe(true);
      expect(at.name).toBe("Name");
      context.workbook.tables.getItem("T").columns.getItem("Nope").load("name");
      expect(await codeOf(context.sync())).toBe("ItemNotFound");
    });
  });
});

describe("a batch is not transactional", () => {
  test("actions before the failing one stay applied, later ones are not", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("A1").values = [["before"]];
      context.workbook.worksheets.getItem("Missing").getRange("A1").values = [["x"]];
      sheet.getRange("A2").values = [["after"]];
      const loaded = sheet.getRange("A1").load("values");
      expect(await codeOf(context.sync())).toBe("ItemNotFound");
      expect(() => loaded.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe("before");
    expect(sim.inspect.cell("Sheet1", "A2").value).toBe("");
  });
});

describe("ranges", () => {
  test("addresses are sheet-qualified and quoted like Excel", async () => {
    const sim = createWorkbook({ sheets: ["Scorecard", "My Sheet", "It's", "2024"] });
    await sim.run(async (context) => {
      const ws = context.workbook.worksheets;
      const a = ws.getItem("Scorecard").getRange("a1:c3").load("address");
      const b = ws.getItem("My Sheet").getRange("A1").load("address");
      const c = ws.getItem("It's").getRange("B2").load("address");
      const d = ws.getItem("2024").getRange("C:C").load("address");
      await context.sync();
      expect(a.address).toBe("Scorecard!A1:C3");
      expect(b.address).toBe("'My Sheet'!A1");
      expect(c.address).toBe("'It''s'!B2");
      expect(d.address).toBe("'2024'!C:C");
    });
  });

  test("values array dimensions must match the range", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("A1:B2").values = [[1, 2, 3]];
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
    });
    expect(sim.inspect.usedRange("Sheet1")).toBeNull();
  });

  test("values, formulas, text, valueTypes, numberFormat", async () => {
    await simAfter(async (sheet, context) => {
      sheet.getRange("A1:E1").values = [[0.25, "abc", true, "=1/0", ""]];
      sheet.getRange("A1").numberFormat = [["0.0%"]];
      sheet.getRange("F1").formulas = [["=A1*4"]];
      const r = sheet.getRange("A1:F1").load("values, formulas, text, valueTypes, numberFormat");
      await context.sync();
      expect(r.values).toEqual([[0.25, "abc", true, "#DIV/0!", "", 1]]);
      expect(r.formulas).toEqual([[0.25, "abc", true, "=1/0", "", "=A1*4"]]);
      expect(r.text).toEqual([["25.0%", "abc", "TRUE", "#DIV/0!", "", "1"]]);
      expect(r.valueTypes).toEqual([["Double", "String", "Boolean", "Error", "Empty", "Double"]]);
      expect(r.numberFormat).toEqual([["0.0%", "General", "General", "General", "General", "General"]]);
    });
  });

  test('null in a values array leaves that cell unchanged; "" clears it', async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("A1:C1").values = [[1, 2, 3]];
      await context.sync();
      sheet.getRange("A1:C1").values = [[null, "", 9]] as unknown as string[][];
    });
    expect(sim.inspect.values("Sheet1", "A1:C1")).toEqual([[1, "", 9]]);
  });

  test("text that looks like a formula: =, + and - become formulas; an apostrophe keeps text", async () => {
    const sim = await simAfter(async (sheet) => {
      sheet.getRange("A1:D1").values = [["=Alliance", "+Pact", "'=Alliance", "-5"]];
      sheet.getRange("E1").numberFormat = [["@"]];
      sheet.getRange("E1").values = [["=Treaty"]];
    });
    expect(sim.inspect.cell("Sheet1", "A1")).toMatchObject({ formula: "=Alliance", value: "#NAME?" });
    expect(sim.inspect.cell("Sheet1", "B1")).toMatchObject({ formula: "=+Pact", value: "#NAME?" });
    expect(sim.inspect.cell("Sheet1", "C1")).toMatchObject({ formula: null, value: "=Alliance" });
    expect(sim.inspect.cell("Sheet1", "D1").value).toBe(-5);
    // Text number format does not stop "=" from making a formula in a write through the API
    expect(sim.inspect.cell("Sheet1", "E1").formula).toBe("=Treaty");
  });

  test("navigation: getCell, getOffsetRange, getResizedRange, getEntireColumn, getUsedRange", async () => {
    await simAfter(async (sheet, context) => {
      sheet.getRange("B2:C4").values = [
        [1, 2],
        [3, 4],
        [5, 6],
      ];
      const base = sheet.getRange("B2:C4");
      const cell = base.getCell(1, 1).load("address, values");
      const off = base.getOffsetRange(1, 2).load("address");
      const res = base.getResizedRange(-1, 1).load("address");
      const col = base.getEntireColumn().load("address");
      const used = sheet.getUsedRange(true).load("address");
      const byIdx = sheet.getRangeByIndexes(1, 1, 3, 2).load("address");
      const empty = context.workbook.worksheets.add("Empty").getUsedRangeOrNullObject(true);
      await context.sync();
      expect(cell.address).toBe("Sheet1!C3");
      expect(cell.values).toEqual([[4]]);
      expect(off.address).toBe("Sheet1!D3:E5");
      expect(res.address).toBe("Sheet1!B2:D3");
      expect(col.address).toBe("Sheet1!B:C");
      expect(used.address).toBe("Sheet1!B2:C4");
      expect(byIdx.address).toBe("Sheet1!B2:C4");
      expect(empty.isNullObject).toBe(true);
      sheet.getRange("A1").getOffsetRange(-1, 0).load("address");
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
    });
  });

  test("format: fill, font, column width, wrap, autofit; clear", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const r = sheet.getRange("A1:B1");
      r.values = [["A long header text", "x"]];
      r.format.fill.color = "#ffcc00";
      r.format.font.bold = true;
      r.format.font.color = "red";
      r.format.wrapText = true;
      sheet.getRange("C1").format.columnWidth = 120;
      r.format.autofitColumns();
      const f = sheet
        .getRange("A1:B1")
        .load("format/fill/color, format/font/bold, format/font/color, format/wrapText");
      const w = sheet.getRange("C1").load("format/columnWidth");
      await context.sync();
      expect(f.format.fill.color).toBe("#FFCC00");
      expect(f.format.font.bold).toBe(true);
      expect(f.format.font.color).toBe("#FF0000");
      expect(f.format.wrapText).toBe(true);
      expect(w.format.columnWidth).toBe(120);
      expect(sim.inspect.columnWidth("Sheet1", "A")).toBeGreaterThan(sim.inspect.columnWidth("Sheet1", "B"));
      sheet.getRange("A1:B1").clear("Contents");
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "A1")).toMatchObject({
        value: "",
        format: { fillColor: "#FFCC00", bold: true },
      });
      sheet.getRange("A1:B1").clear();
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "A1").format.fillColor).toBeUndefined();
    });
  });

  test("insert and delete shift cells and rewrite references", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:A4").values = [[1], [2], [3], [4]];
      sheet.getRange("B1").formulas = [["=SUM(A1:A4)"]];
      sheet.getRange("B3").formulas = [["=A4"]];
      await context.sync();
      sheet.getRange("2:2").delete("Up");
      await context.sync();
      expect(sim.inspect.formulas("Sheet1", "A1:B3")).toEqual([
        [1, "=SUM(A1:A3)"],
        [3, "=A3"],
        [4, ""],
      ]);
      expect(sim.inspect.cell("Sheet1", "B1").value).toBe(8);
      sheet.getRange("A1").getEntireRow().insert("Down");
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "B2").formula).toBe("=SUM(A2:A4)");
      sheet.getRange("A4").getEntireRow().delete("Up");
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "B2").formula).toBe("=SUM(A2:A3)");
      expect(sim.inspect.cell("Sheet1", "B3").formula).toBe("=#REF!");
      expect(sim.inspect.cell("Sheet1", "B3").value).toBe("#REF!");
    });
  });
});

describe("worksheets", () => {
  test("add, rename, position, visibility, activate, delete", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      const ws = context.workbook.worksheets;
      const meta = ws.add("Meta");
      meta.visibility = "VeryHidden";
      const data = ws.add("Data");
      data.position = 0;
      data.activate();
      await context.sync();
      const active = ws.getActiveWorksheet().load("name");
      const all = ws.load("items/name, items/visibility");
      await context.sync();
      expect(active.name).toBe("Data");
      expect(all.items.map((s) => [s.name, s.visibility])).toEqual([
        ["Data", "Visible"],
        ["Sheet1", "Visible"],
        ["Meta", "VeryHidden"],
      ]);
      ws.add("data");
      expect(await codeOf(context.sync())).toBe("ItemAlreadyExists");
      ws.add("Bad/Name");
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
      data.name = "Scores";
      ws.getItem("Sheet1").delete();
      await context.sync();
      expect(sim.inspect.sheetNames()).toEqual(["Scores", "Meta"]);
      ws.getItem("Scores").delete();
      expect(await codeOf(context.sync())).toBe("InvalidOperation"); // last visible sheet
    });
  });

  test("a sheet proxy follows its sheet through a rename; a deleted sheet fails later use", async () => {
    const sim = createWorkbook({ sheets: ["A", "B"] });
    await sim.run(async (context) => {
      const a = context.workbook.worksheets.getItem("A");
      a.name = "Renamed";
      await context.sync();
      a.getRange("A1").values = [[1]];
      a.load("name");
      await context.sync();
      expect(a.name).toBe("Renamed");
      a.delete();
      await context.sync();
      a.getRange("A1").values = [[2]];
      expect(await codeOf(context.sync())).toBe("ItemNotFound");
    });
  });
});
