/**
 * Shared set-up for attaching to a user's table with indicator columns (issue 16): the table's
 * headers, the mapping that attaches it, and the table itself written where a test wants it.
 */
import type { AttachOptions } from "../../src/workbook/scorecard/attach";
import type { ExcelRun } from "../../src/workbook/run";

/** Ops as two indicator columns and no column of its own; Threats with its own column and one indicator. */
export const INDICATOR_HEADERS = [
  "Treaty",
  "Ops / Exercises",
  "Ops / Logistics",
  "Strategy",
  "Threats",
  "Threats / Warning",
];

/** The mapping of INDICATOR_HEADERS: Ops through its two indicators (3:1), Threats through its one. */
export const INDICATOR_ATTACH: AttachOptions = {
  table: "Treaties",
  columns: { name: "Treaty" },
  criteria: [
    {
      header: "Ops",
      weight: 2,
      indicators: [
        { header: "Ops / Exercises", weight: 3 },
        { header: "Ops / Logistics", weight: 1, definition: "Shared depots and fuel." },
      ],
    },
    { header: "Strategy", weight: 1 },
    { header: "Threats", weight: 1, indicators: [{ header: "Threats / Warning", weight: 1 }] },
  ],
  scale: { min: 1, max: 5 },
  missingPolicy: "renormalize",
  author: "Analyst",
};

/** Writes `rows` (headers first) as table "Treaties" on sheet "Agreements" (added if missing) from 0-based (row, column). */
export async function addUserTable(run: ExcelRun, rows: (string | number)[][], row = 0, column = 0) {
  await run(async (context) => {
    const sheets = context.workbook.worksheets;
    const existing = sheets.getItemOrNullObject("Agreements");
    await context.sync();
    const sheet = existing.isNullObject ? sheets.add("Agreements") : existing;
    const range = sheet.getRangeByIndexes(row, column, rows.length, rows[0].length);
    range.values = rows;
    sheet.tables.add(range, true).name = "Treaties";
    await context.sync();
  });
}
