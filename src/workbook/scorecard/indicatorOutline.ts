/**
 * The Scorecard's column outline for indicators (issue 16): each criterion's indicator columns are
 * one outline level in (Range.group "ByColumns", ExcelApi 1.10), so that an analyst can collapse
 * them with Excel's outline button and see the criterion's own column, its score, alone.
 *
 * Office.js can neither read a column's outline level nor change where Excel puts the button, so
 * after a write that moved indicator columns the add-in takes its level off the columns that were
 * indicator columns and puts it on those that are now: one level out, one level in. A column that
 * stays an indicator column ends where it was, and one laid out where ExcelApi 1.10 was missing
 * gets its group. No other column's level is touched, so a group an analyst made elsewhere stays,
 * and one made over indicator columns nests around the add-in's (docs/architecture.md, "Column
 * outline").
 *
 * Table columns added or deleted move cells only inside the table's rows, not the sheet's columns,
 * so Excel leaves every column's level where it was: this is why each layout change is followed by
 * this step instead of the outline following the cells by itself.
 */
import { adjacentRuns, columnIndex, columnLetter } from "../contract/addresses";
import { WorkbookError, excelErrorCode } from "../errors";
import type { ScorecardColumns } from "../contract/layout";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";

export interface OutlineOption {
  /**
   * The host supports ExcelApi 1.10 (Range.group/ungroup): indicator columns are grouped under
   * their criterion. Absent or false: no outline call is made at all.
   */
  columnOutline?: boolean;
}

/** Whole-column ranges ("C:D") covering `columns` (0-based), one per run of adjacent columns. */
const runsOf = (columns: readonly number[]): string[] =>
  adjacentRuns(columns).map((r) => `${columnLetter(r.from)}:${columnLetter(r.to)}`);

/**
 * What the outline must do when the indicator columns were `before` and are `after` (letters):
 * nothing when they are the same columns, else the add-in's level off the old and onto the new.
 */
export function outlineChanges(
  before: readonly string[],
  after: readonly string[],
): { group: string[]; ungroup: string[] } {
  const was = runsOf(before.map(columnIndex));
  const is = runsOf(after.map(columnIndex));
  if (was.join() === is.join()) return { group: [], ungroup: [] };
  return { group: is, ungroup: was };
}

/**
 * Brings the Scorecard's outline from the indicator columns of the read `before` a write to those
 * of the layout `after` it, in a run of its own after the write. The changed columns are shown: a column that leaves
 * or joins a collapsed group must not stay hidden under a criterion it no longer belongs to.
 *
 * Ungrouping columns that hold no group (laid out where ExcelApi 1.10 was missing, or taken off by
 * hand) is refused, as VBA's Range.Ungroup is (Office.js documents no code for it): that refusal
 * only means there was nothing to take off, so each ungroup is its own sync and Excel's codes for
 * an operation it cannot do there are passed over.
 */
export async function updateIndicatorOutline(
  run: ExcelRun,
  before: ScorecardData,
  after: Pick<ScorecardColumns, "indicators">,
  option: OutlineOption,
): Promise<void> {
  if (!option.columnOutline) return;
  const letters = (layout: Pick<ScorecardColumns, "indicators">) =>
    (layout.indicators ?? []).map((c) => c.column);
  const { group, ungroup } = outlineChanges(letters(before.columns), letters(after));
  const sheetName = before.location.meta.sheets.scorecard;
  if (group.length === 0 && ungroup.length === 0) return;
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    for (const columns of ungroup) {
      sheet.getRange(columns).ungroup("ByColumns");
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a refused ungroup must not skip the next; one per criterion with indicators
        await context.sync();
      } catch (error) {
        if (!NOTHING_TO_UNGROUP.has(excelErrorCode(error) ?? "")) throw refused(sheetName, columns, error);
      }
    }
    for (const columns of [...ungroup, ...group]) sheet.getRange(columns).columnHidden = false;
    for (const columns of group) sheet.getRange(columns).group("ByColumns");
    try {
      await context.sync();
    } catch (error) {
      throw refused(sheetName, group.join(", "), error);
    }
  });
}

const NOTHING_TO_UNGROUP = new Set(["InvalidOperation", "InvalidArgument", "GeneralException"]);

function refused(sheet: string, columns: string, error: unknown): WorkbookError {
  const message = error instanceof Error ? error.message : String(error);
  return new WorkbookError(
    "ExcelError",
    `The change was saved, but Excel refused to update the column outline of the indicator columns ${columns} (${excelErrorCode(error) ?? "unknown error"}: ${message}). Excel keeps at most 8 outline levels: remove a level of your own grouping over those columns (Data › Ungroup), or leave them ungrouped; the scores are not affected.`,
    { sheet, column: columns },
    error,
  );
}
