/**
 * The Excel tables in the workbook with their headers, so the pane can offer to attach a scorecard
 * to one of them. Two syncs: the tables, then their header rows.
 */
import type { ExcelRun } from "./run";

export interface TableInfo {
  name: string;
  sheet: string;
  headers: string[];
  rowCount: number;
}

export async function listTables(run: ExcelRun): Promise<TableInfo[]> {
  return run(async (context) => {
    const tables = context.workbook.tables.load("items/name, items/worksheet/name");
    await context.sync();
    const details = tables.items.map((t) => ({
      table: t,
      header: t.getHeaderRowRange().load("values"),
      body: t.getDataBodyRange().load("rowCount"),
    }));
    await context.sync();
    return details.map(({ table, header, body }) => ({
      name: table.name,
      sheet: table.worksheet.name,
      headers: header.values[0].map(String),
      rowCount: body.rowCount,
    }));
  });
}
