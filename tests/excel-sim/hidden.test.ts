import { createWorkbook } from "../../src/excel-sim";

describe("columnHidden and rowHidden", () => {
  it("hide and show whole columns and rows, read back as Excel does (true, false, null when mixed)", async () => {
    const sim = createWorkbook({ sheets: ["S"] });
    const read = await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("B:C").columnHidden = true;
      sheet.getRange("4:4").rowHidden = true;
      const bc = sheet.getRange("B1:C2").load("columnHidden, hidden");
      const ab = sheet.getRange("A1:B1").load("columnHidden");
      const a = sheet.getRange("A1").load("columnHidden, hidden");
      const row = sheet.getRange("A4:D4").load("rowHidden, hidden");
      await context.sync();
      return [
        bc.columnHidden,
        bc.hidden,
        ab.columnHidden,
        a.columnHidden,
        a.hidden,
        row.rowHidden,
        row.hidden,
      ];
    });
    expect(read).toEqual([true, true, null, false, false, true, true]);
    expect([...sim.inspect.model().sheets[0].hiddenColumns].sort()).toEqual([1, 2]);
  });

  it("hidden columns follow an inserted column, and a protected sheet refuses the change", async () => {
    const sim = createWorkbook({ sheets: ["S"] });
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("C:C").columnHidden = true;
      sheet.getRange("A:A").insert("Right");
      await context.sync();
    });
    expect([...sim.inspect.model().sheets[0].hiddenColumns]).toEqual([3]);
    const error = await sim
      .run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("S");
        sheet.protection.protect();
        sheet.getRange("E:E").columnHidden = true;
        await context.sync();
      })
      .catch((e) => e);
    expect(error.code).toBe("AccessDenied");
    expect([...sim.inspect.model().sheets[0].hiddenColumns]).toEqual([3]);
  });
});
