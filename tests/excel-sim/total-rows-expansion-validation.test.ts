/**
 * Tables with a total row (Table.showTotals), refused auto-expansion (office-js #3191, #3013,
 * #2097), and a validation rule set over mixed validation (office-js #2594).
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { codeOf, simAfter } from "./support";

/** "Items" at A1:B3: header and two rows; with its total row shown when asked. */
async function itemsTable(totals: boolean): Promise<SimWorkbook> {
  const sim = await simAfter(async (sheet, context) => {
    sheet.getRange("A1:B3").values = [
      ["Item", "Amount"],
      ["a", 1],
      ["b", 2],
    ];
    sheet.getRange("A5").values = [["below"]];
    const table = sheet.tables.add("A1:B3", true);
    table.name = "Items";
    table.showTotals = totals;
    await context.sync();
  });
  return sim;
}

const items = (sim: SimWorkbook) => sim.inspect.tables().find((t) => t.name === "Items")!;

describe("a table with a total row", () => {
  test("showTotals adds the total row below the data (cells below move down) with its label", async () => {
    const sim = await itemsTable(true);
    expect(sim.inspect.values("Sheet1", "A4:A6")).toEqual([["Total"], [""], ["below"]]);
    const seen = await sim.run(async (context) => {
      const table = context.workbook.tables.getItem("Items").load("showTotals");
      const all = table.getRange().load("address");
      const body = table.getDataBodyRange().load("address");
      const total = table.getTotalRowRange().load("address");
      const rows = table.rows.load("count");
      await context.sync();
      return [table.showTotals, all.address, body.address, total.address, rows.count];
    });
    expect(seen).toEqual([true, "Sheet1!A1:B4", "Sheet1!A2:B3", "Sheet1!A4:B4", 2]);
  });

  test("data written into the total row overwrites the totals; the table does not grow", async () => {
    const sim = await itemsTable(true);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A4:B4").values = [["c", 3]];
      await context.sync();
    });
    expect(sim.inspect.values("Sheet1", "A4:B4")).toEqual([["c", 3]]);
    expect(items(sim).rowCount).toBe(2);
  });

  test("rows written below the total row are not taken into the table", async () => {
    const sim = await itemsTable(true);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A5:B5").values = [["c", 3]];
      await context.sync();
    });
    expect(items(sim).rowCount).toBe(2);
  });

  test("table.rows.add inserts above the total row", async () => {
    const sim = await itemsTable(true);
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Items").rows.add(undefined, [["c", 3]]);
      await context.sync();
    });
    expect(sim.inspect.values("Sheet1", "A2:B5")).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["Total", ""],
    ]);
    expect(items(sim).rowCount).toBe(3);
  });

  test("cells inserted at the total row become table rows above it", async () => {
    const sim = await itemsTable(true);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A4:B4").insert("Down");
      await context.sync();
    });
    expect(items(sim).rowCount).toBe(3);
    expect(sim.inspect.values("Sheet1", "A5")).toEqual([["Total"]]);
  });

  test("a column added to the table shifts its total row too", async () => {
    const sim = await itemsTable(true);
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Items").columns.add(0, undefined, "First");
      await context.sync();
    });
    expect(sim.inspect.values("Sheet1", "A4:C4")).toEqual([["", "Total", ""]]);
  });

  test("turning the total row off deletes it; getTotalRowRange then fails", async () => {
    const sim = await itemsTable(true);
    const code = await codeOf(
      sim.run(async (context) => {
        const table = context.workbook.tables.getItem("Items");
        table.showTotals = false;
        await context.sync();
        table.getTotalRowRange().load("address");
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidOperation");
    expect(sim.inspect.values("Sheet1", "A4:A5")).toEqual([[""], ["below"]]);
  });
});

describe("refused auto-expansion (setAutoExpansion(false))", () => {
  test.each([
    [false, 2],
    [true, 3],
  ])("auto-expansion %s: rows written right below a table give it %i rows", async (on, rows) => {
    const sim = await itemsTable(false);
    sim.setAutoExpansion(on);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A4:B4").values = [["c", 3]];
      await context.sync();
    });
    expect(items(sim).rowCount).toBe(rows);
  });

  test("table.rows.add still adds rows", async () => {
    const sim = await itemsTable(false);
    sim.setAutoExpansion(false);
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Items").rows.add(undefined, [["c", 3]]);
      await context.sync();
    });
    expect(items(sim).rowCount).toBe(3);
  });
});

describe("setting a validation rule over mixed validation", () => {
  const decimal = { decimal: { formula1: 0, formula2: 5, operator: "Between" } } as const;

  test("a rule over cells where only some are validated: InvalidArgument; cleared first it works", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("B5:B10").dataValidation.rule = decimal;
      // The case reported in #2594: a prompt (no rule yet) on some of the cells.
      sheet.getRange("C5:C10").dataValidation.prompt = { showPrompt: true, title: "t", message: "m" };
      await context.sync();
      const mixed = sheet.getRange("B1:B10").dataValidation.load("type");
      await context.sync();
      expect(mixed.type).toBe("MixedCriteria");
      sheet.getRange("B1:B10").dataValidation.rule = decimal;
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
      sheet.getRange("C1:C10").dataValidation.rule = decimal;
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
      sheet.getRange("B1:B10").dataValidation.clear();
      sheet.getRange("B1:B10").dataValidation.rule = decimal;
      await context.sync();
    });
    expect(sim.inspect.validation("Sheet1", "B1:B10").map((v) => v.ranges)).toEqual([["B1:B10"]]);
  });

  test("a rule over two different rules: InvalidArgument", async () => {
    const sim = createWorkbook();
    const code = await codeOf(
      sim.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1:A2").dataValidation.rule = decimal;
        sheet.getRange("A3:A4").dataValidation.rule = {
          wholeNumber: { formula1: 1, operator: "GreaterThan" },
        };
        await context.sync();
        sheet.getRange("A1:A4").dataValidation.rule = decimal;
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });

  test("a rule over part of one validation, or exactly over it, is fine", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("A1:A10").dataValidation.rule = decimal;
      await context.sync();
      sheet.getRange("A1:A10").dataValidation.rule = decimal;
      sheet.getRange("A3:A4").dataValidation.rule = { wholeNumber: { formula1: 1, operator: "GreaterThan" } };
      await context.sync();
    });
    expect(sim.inspect.validation("Sheet1", "A3").map((v) => v.rule.type)).toEqual(["WholeNumber"]);
  });
});
