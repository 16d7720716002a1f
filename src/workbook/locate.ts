/**
 * Finds the scorecard in the open workbook through the AS_Meta name and its metadata sheet.
 * Two syncs: is the name there, then its values. Callers keep the location, so later reads of the
 * whole scorecard take one sync (read.ts).
 */
import { NAME } from "./contract";
import { WorkbookError } from "./errors";
import { decodeMeta } from "./meta";
import type { ScorecardLocation } from "./model";
import type { ExcelRun } from "./run";

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
