/**
 * Finds the scorecard in the open workbook through the AS_Meta name and its metadata sheet.
 * Two syncs: is the name there, then its values. Callers keep the location, so later reads of the
 * whole scorecard take one sync (read.ts).
 */
import { NAME, RESULTS_HEADERS } from "../contract/contract";
import { WorkbookError } from "../errors";
import { decodeMeta } from "../contract/meta";
import type { ScorecardLocation } from "../model";
import type { ExcelRun } from "../run";

export async function locateScorecard(run: ExcelRun): Promise<ScorecardLocation | null> {
  return run(async (context) => {
    const name = context.workbook.names.getItemOrNullObject(NAME.meta);
    name.load("name, type");
    await context.sync();
    if (name.isNullObject) return null;
    if (name.type !== "Range") {
      throw new WorkbookError(
        "MetadataInvalid",
        `The name "${NAME.meta}" no longer points at the scorecard's metadata (its sheet was deleted?). Restore the workbook from a saved copy, or delete the name and create a new scorecard.`,
        {},
      );
    }
    const range = name.getRange().load("values");
    await context.sync();
    return { meta: decodeMeta(range.values) };
  });
}

/**
 * The Results sheet holds no table the add-in could find it by, so a person who renames it leaves
 * the metadata naming a sheet that is gone. Looks for the sheet whose first row starts with the
 * ranking's headers (one more sync, only in that case); null when there is none.
 */
export async function findResultsSheet(
  context: Excel.RequestContext,
  sheetNames: readonly string[],
): Promise<string | null> {
  const width = 5;
  const firstRows = sheetNames.map((name) =>
    context.workbook.worksheets.getItem(name).getRangeByIndexes(0, 0, 1, width).load("values"),
  );
  await context.sync();
  const wanted = RESULTS_HEADERS.slice(0, width).join("\u0000");
  const index = firstRows.findIndex((r) => r.values[0].map(String).join("\u0000") === wanted);
  return index < 0 ? null : sheetNames[index];
}
