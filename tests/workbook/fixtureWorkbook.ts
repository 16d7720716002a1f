/**
 * A workbook saved as a JSON fixture (tests/fixtures/*.json: excel-sim's cells, tables, names and,
 * when present, conditional formats, hidden columns, visibility and protection), written into a
 * fresh excel-sim through the Excel API, as an older version of the add-in left it.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import type { ExcelRun } from "../../src/workbook/run";

type Cells = Record<string, string | number | boolean | undefined>;

export interface WorkbookFixture {
  sheets: {
    name: string;
    visibility: string;
    protected: boolean;
    cells: Cells;
    hiddenColumns?: string[];
    conditionalFormats?: { ranges: string[]; formula?: string; fill?: string; font?: string }[];
  }[];
  tables: { name: string; sheet: string; address: string }[];
  names: { name: string; formula: string }[];
}

export async function fixtureWorkbook(
  fixture: WorkbookFixture,
): Promise<{ sim: SimWorkbook; run: ExcelRun }> {
  const sim = createWorkbook({ sheets: [fixture.sheets[0].name] });
  const run: ExcelRun = (batch) => sim.run(batch);
  const isFormula = (v: unknown) => typeof v === "string" && v.startsWith("=");
  const write = (context: Excel.RequestContext, formulas: boolean) => {
    for (const s of fixture.sheets) {
      const sheet = context.workbook.worksheets.getItem(s.name);
      for (const [address, value] of Object.entries(s.cells))
        if (isFormula(value) === formulas) sheet.getRange(address).formulas = [[value]];
    }
  };
  await run(async (context) => {
    const workbook = context.workbook;
    for (const s of fixture.sheets.slice(1)) workbook.worksheets.add(s.name);
    write(context, false);
    for (const t of fixture.tables)
      workbook.worksheets.getItem(t.sheet).tables.add(t.address.split("!")[1], true).name = t.name;
    for (const n of fixture.names) workbook.names.add(n.name, n.formula);
    await context.sync();
    write(context, true);
    for (const s of fixture.sheets) {
      const sheet = workbook.worksheets.getItem(s.name);
      for (const f of s.conditionalFormats ?? []) {
        const format = sheet
          .getRange(f.ranges[0])
          .conditionalFormats.add("Custom" as Excel.ConditionalFormatType.custom);
        format.custom.rule.formula = f.formula!;
        format.custom.format.fill.color = f.fill!;
        format.custom.format.font.color = f.font!;
      }
      for (const column of s.hiddenColumns ?? []) sheet.getRange(`${column}:${column}`).columnHidden = true;
      if (s.visibility !== "Visible") sheet.visibility = s.visibility as Excel.SheetVisibility;
      if (s.protected) sheet.protection.protect();
    }
    await context.sync();
  });
  return { sim, run };
}
