/**
 * The Scorecard's header band (issue 16): while any criterion has indicators, a row directly above
 * the table's header row names each such criterion over its group of columns (its own column and
 * its indicators', as they sit now), centred across the group. The table's own header row cannot
 * hold it (a table has one header row), so the add-in inserts a sheet row above the header when the
 * first indicators arrive, and deletes it when the last go: the table moves down and back up one
 * row, and Excel moves every reference to its cells with it (the add-in's own formulas name the
 * table or cells of their own row). The metadata's `headerBand` records that the row is there.
 *
 * Only labels and formats are written there, and only over a row that holds nothing but criterion
 * names: text a person typed into it is never overwritten (the band is then left as it is).
 * Every write that moves columns (indicators set, criteria added, removed, renamed or reordered)
 * and Repair write the band again from the columns as they are.
 */
import type { ScorecardData } from "../model";
import type { ScorecardColumns } from "../contract/layout";
import type { CriterionMeta } from "../contract/meta";
import { adjacentRuns, columnIndex } from "../contract/addresses";

/** A label of the band: the criterion's name over sheet columns `from`..`to` (0-based). */
export interface BandGroup {
  label: string;
  from: number;
  to: number;
}

/** A light fill, as Excel's "Blue, Accent 1, Lighter 80%", readable under the table's header style. */
export const BAND_FILL = "#DDEBF7";
/** Dark text, set rather than automatic, so that the label stays readable on the fill in a dark theme. */
export const BAND_FONT = "#1F3864";

/**
 * Each criterion with indicators over each run of adjacent columns of its group (a group split by a
 * column moved in by hand gets a label over each part), left to right.
 */
export function bandGroups(criteria: readonly CriterionMeta[], cols: ScorecardColumns): BandGroup[] {
  const groups: BandGroup[] = [];
  for (const c of criteria) {
    if ((c.indicators ?? []).length === 0) continue;
    const own = cols.criteria.find((x) => x.criterionId === c.id);
    const columns = [
      ...(own ? [own.column] : []),
      ...(cols.indicators ?? []).filter((i) => i.criterionId === c.id).map((i) => i.column),
    ];
    for (const run of adjacentRuns(columns.map(columnIndex))) groups.push({ label: c.header, ...run });
  }
  return groups.sort((a, b) => a.from - b.from);
}

/** What the band row holds now, loaded in the caller's first sync (bandIsOwn reads it). */
export interface BandLook {
  used: Excel.Range;
  frozen: Excel.Range;
}

/**
 * Loads the band row's used cells (the row above the header, `headerRow` 1-based) and the frozen
 * panes. Formatted cells count as used: clearing them clears the band's fill and centring too.
 */
export function lookAtBand(sheet: Excel.Worksheet, headerRow: number): BandLook {
  const row = Math.max(headerRow - 1, 1);
  return {
    used: sheet.getRange(`${row}:${row}`).getUsedRangeOrNullObject(false).load("values, columnIndex"),
    frozen: sheet.freezePanes.getLocationOrNullObject().load("rowCount, columnCount"),
  };
}

/**
 * The band row holds nothing but the names in `labels` (the add-in's band, or nothing at all), so
 * the add-in may write it again or delete it. False where the header is on row 1 (no row above).
 */
export function bandIsOwn(look: BandLook, headerRow: number, labels: ReadonlySet<string>): boolean {
  if (headerRow <= 1) return false;
  if (look.used.isNullObject) return true;
  return look.used.values.every((row) => row.every((v) => v === "" || labels.has(String(v))));
}

/** Every criterion name the band may show, before and after a change (as the headers are written). */
export const bandLabels = (...criteria: (readonly CriterionMeta[])[]) =>
  new Set(criteria.flat().map((c) => c.header));

/**
 * Inserts the band row above the header (1-based `headerRow`): the table, and everything at and below
 * its header row, move down one row. Where the panes were frozen down to the header, they are
 * frozen down to it again.
 */
export function queueBandInsert(sheet: Excel.Worksheet, headerRow: number, look: BandLook) {
  sheet.getRange(`${headerRow}:${headerRow}`).insert("Down");
  if (frozenToHeader(look, headerRow)) sheet.freezePanes.freezeRows(headerRow + 1);
}

/** Deletes the band row (1-based `bandRow`): the table moves up one row; frozen panes follow the header. */
export function queueBandDelete(sheet: Excel.Worksheet, bandRow: number, look: BandLook) {
  sheet.getRange(`${bandRow}:${bandRow}`).delete("Up");
  if (frozenToHeader(look, bandRow + 1)) sheet.freezePanes.freezeRows(bandRow);
}

/** The panes are frozen on rows only, down to the header row (1-based). */
function frozenToHeader(look: BandLook, headerRow: number): boolean {
  return !look.frozen.isNullObject && look.frozen.rowCount === headerRow && look.frozen.columnCount >= 16_384;
}

/**
 * Writes the band on row `bandRow` (1-based): what the add-in wrote there before is cleared (the row's
 * used cells, which bandIsOwn found to be its own), then each group's label in its first cell,
 * centred across the group, bold on the band's fill with a line below.
 */
export function queueBand(
  sheet: Excel.Worksheet,
  bandRow: number,
  look: BandLook | null,
  groups: BandGroup[],
) {
  if (look && !look.used.isNullObject) look.used.clear();
  for (const g of groups) {
    const range = sheet.getRangeByIndexes(bandRow - 1, g.from, 1, g.to - g.from + 1);
    range.values = [[g.label, ...Array<string>(g.to - g.from).fill("")]];
    range.format.horizontalAlignment = "CenterAcrossSelection";
    range.format.font.bold = true;
    range.format.font.color = BAND_FONT;
    range.format.fill.color = BAND_FILL;
    range.format.borders.getItem("EdgeBottom").style = "Continuous";
  }
}

/** The scorecard as it is once a band row was inserted above its header: every row one lower. */
export function movedDown<T extends Pick<ScorecardData, "rows" | "headerRow">>(data: T): T {
  return { ...data, rows: data.rows.map((r) => r + 1), headerRow: data.headerRow + 1 };
}

/**
 * A scorecard the add-in made (its table at A1 of its own sheet, or at A2 under its band) validates
 * its score columns down to the sheet's last row; an attached table only down to its last row.
 */
export function validatesToSheetEnd(
  data: Pick<ScorecardData, "tableFirstColumn" | "headerRow">,
  band: boolean,
) {
  return data.tableFirstColumn === 0 && data.headerRow === (band ? 2 : 1);
}
