/**
 * The preview's analyst's own table (?ownTable), for trying Attach: the example agreements as a
 * plain Excel table on a sheet "My agreements", with no scorecard yet. Operational efficiency is
 * kept as two "Criterion / Indicator" columns, so that the Attach form offers a criterion scored
 * through its indicators. Placeholders like the example agreements themselves, not assessments.
 */
import { exampleAgreements, type ExcelRun } from "../workbook";

export const OWN_TABLE = { sheet: "My agreements", table: "MyAgreements" } as const;

const HEADERS = [
  "Agreement",
  "Signed",
  "Operational efficiency / Joint exercises",
  "Operational efficiency / Shared logistics",
  "Strategic alignment",
  "Threat response",
];

/** The table's header row and rows: the example agreements' names, years and scores. */
export function ownTableRows(): (string | number)[][] {
  const rows = exampleAgreements().map((a) => {
    const ops = a.scores.operational_efficiency ?? 3;
    // Two indicator scores around the example's criterion score, on the 1–5 scale.
    return [
      a.name,
      a.signed ?? "",
      Math.min(5, ops + 0.5),
      Math.max(1, ops - 1),
      a.scores.strategic_alignment ?? "",
      a.scores.threat_response ?? "",
    ];
  });
  return [HEADERS, ...rows];
}

export async function exampleOwnTable(run: ExcelRun): Promise<void> {
  const rows = ownTableRows();
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.name = OWN_TABLE.sheet;
    const range = sheet.getRangeByIndexes(0, 0, rows.length, rows[0].length);
    range.values = rows;
    sheet.tables.add(range, true).name = OWN_TABLE.table;
    await context.sync();
  });
}
