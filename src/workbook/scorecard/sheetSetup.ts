/**
 * Queues the sheets every scorecard has besides its table — metadata, Weights, Results — and the
 * validation and formats of the Scorecard's score columns. Shared by create and attach.
 */
import { rangeAddress } from "../contract/addresses";
import { auditRow } from "../write/audit";
import type { AuditEntry } from "../model";
import { AUDIT_COLUMNS, NAME, RESULTS_HEADERS, weightName } from "../contract/contract";
import { normalizedWeightFormula } from "../formulas/scorecardFormulas";
import {
  rankingRows,
  scorecardRowFormulas,
  weightsHeaders,
  WEIGHTS_LAYOUT,
  type ScorecardColumns,
  type ScorecardConfig,
} from "../contract/layout";
import { encodeMeta, type ScorecardMeta, type SheetTable } from "../contract/meta";
import { asText } from "../contract/userText";
import { jsonBytes } from "../write/payload";

/**
 * The very hidden metadata sheet behind the AS_Meta name. Queued first: a batch that fails
 * half-way leaves a sheet that says what it belongs to. `named` false leaves the name to
 * queueMetaName at the end of the batch (attach: the scorecard exists only once it is complete).
 */
export function queueMetaSheet(
  context: Excel.RequestContext,
  meta: ScorecardMeta,
  named = true,
): Excel.Range {
  const sheet = context.workbook.worksheets.add(meta.sheets.meta);
  const rows = encodeMeta(meta);
  const range = sheet.getRange(rangeAddress(0, 0, rows.length, 2));
  range.values = rows;
  if (named) queueMetaName(context, range);
  sheet.visibility = "VeryHidden";
  return range;
}

/**
 * Queues the deletion of a sheet the add-in owns. Excel refuses to delete a very hidden sheet
 * (office-js#365), and its own sheets are very hidden (or were made so by someone): hidden first.
 */
export function queueOwnSheetDelete(sheet: Excel.Worksheet) {
  sheet.visibility = "Hidden";
  sheet.delete();
}

/** The AS_Meta name, by which the pane finds the scorecard (locate.ts). */
export function queueMetaName(context: Excel.RequestContext, range: Excel.Range) {
  context.workbook.names.add(NAME.meta, range, "Agreement Scorecard metadata (do not edit)");
}

/**
 * Moves the add-in's sheets to the tabs right after the Scorecard's sheet (at `scorecardPosition`),
 * in the order given: worksheets.add puts a sheet last, after whatever the workbook had, and a
 * reader goes from the agreements to their weights and results (issue 14).
 */
export function queueSheetsAfter(context: Excel.RequestContext, scorecardPosition: number, sheets: string[]) {
  sheets.forEach((name, k) => {
    context.workbook.worksheets.getItem(name).position = scorecardPosition + 1 + k;
  });
}

/** Weights: the criteria with raw and normalized weights, the scale and the policy beside them. */
export function queueWeightsSheet(
  context: Excel.RequestContext,
  config: ScorecardConfig,
  meta: ScorecardMeta,
) {
  const workbook = context.workbook;
  const n = config.criteria.length;
  const sheet = workbook.worksheets.add(meta.sheets.weights);
  const rows = config.criteria.map((c, k) => [
    asText(c.id),
    asText(c.name),
    asText(c.definition),
    c.weight,
    normalizedWeightFormula(WEIGHTS_LAYOUT.rawColumn, k + 2, 2, n + 1),
  ]);
  const range = sheet.getRange(rangeAddress(0, 0, n + 1, 5));
  range.formulas = [weightsHeaders(), ...rows];
  sheet.tables.add(range, true).name = meta.weightsTable;
  const normalized = WEIGHTS_LAYOUT.normalizedColumn;
  sheet.getRange(`${normalized}2:${normalized}${n + 1}`).numberFormat = Array.from({ length: n }, () => [
    "0.0%",
  ]);
  // Cleared first, as everywhere: a rule over other validation throws (office-js #2594).
  const weightValidation = sheet.getRange(
    `${WEIGHTS_LAYOUT.rawColumn}2:${WEIGHTS_LAYOUT.rawColumn}${n + 1}`,
  ).dataValidation;
  weightValidation.clear();
  weightValidation.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
  sheet.getRange(WEIGHTS_LAYOUT.labelsRange).values = [
    ["Scale minimum", config.scale.min],
    ["Scale maximum", config.scale.max],
    ["Missing scores", config.missingPolicy],
  ];
  workbook.names.add(NAME.scaleMin, sheet.getRange(WEIGHTS_LAYOUT.scaleMinCell));
  workbook.names.add(NAME.scaleMax, sheet.getRange(WEIGHTS_LAYOUT.scaleMaxCell));
  config.criteria.forEach((c, k) =>
    workbook.names.add(weightName(c.id), sheet.getRange(`${normalized}${k + 2}`)),
  );
  sheet.getRange("A:C").format.columnWidth = 110;
  sheet.getRange("G:G").format.columnWidth = 100;
}

/**
 * Criterion cells validated to the scale; coverage shown as k/n; scores with two decimals. Called
 * for every row the add-in writes (create, attach, adding agreements), never relying on Excel to
 * extend a table's formats to new rows (office-js #3191, #3013 report rows only partly taken in).
 * Validation runs from firstRow to validateTo (the sheet's last row on a Scorecard sheet the
 * add-in made, so rows typed or pasted below the table are validated too).
 */
export function queueScoreColumnsFormat(
  sheet: Excel.Worksheet,
  cols: ScorecardColumns,
  firstRow: number,
  lastRow: number,
  validateTo = lastRow,
) {
  queueScoreValidation(sheet, cols, firstRow, validateTo);
  queueScoreNumberFormats(sheet, cols, firstRow, lastRow);
}

/**
 * The criterion cells' validation from firstRow to lastRow: a few hundred bytes whatever the
 * number of rows. It is cleared first, since setting a rule over cells with another rule throws
 * InvalidArgument (office-js #2594).
 */
export function queueScoreValidation(
  sheet: Excel.Worksheet,
  cols: ScorecardColumns,
  firstRow: number,
  lastRow: number,
) {
  for (const c of cols.criteria) {
    const validation = sheet.getRange(`${c.column}${firstRow}:${c.column}${lastRow}`).dataValidation;
    validation.clear();
    validation.rule = {
      decimal: { formula1: `=${NAME.scaleMin}`, formula2: `=${NAME.scaleMax}`, operator: "Between" },
    };
    validation.errorAlert = {
      showAlert: true,
      style: "Stop",
      title: "Score off the scale",
      message: `Enter a number from the scale minimum to the scale maximum (Weights sheet, ${WEIGHTS_LAYOUT.scaleMinCell}:${WEIGHTS_LAYOUT.scaleMaxCell}); leave the cell blank if not scored yet.`,
    };
  }
}

/**
 * Coverage as k/n and scores with two decimals, one format per cell: Excel takes no number format
 * for a whole column (office-js-docs "Read or write to an unbounded range"), so these bytes grow
 * with the rows and belong in the same chunk as the rows (SCORE_FORMAT_BYTES_PER_ROW).
 */
export function queueScoreNumberFormats(
  sheet: Excel.Worksheet,
  cols: ScorecardColumns,
  firstRow: number,
  lastRow: number,
) {
  const rows = lastRow - firstRow + 1;
  const n = cols.criteria.length;
  sheet.getRange(`${cols.coverage}${firstRow}:${cols.coverage}${lastRow}`).numberFormat = Array.from(
    { length: rows },
    () => [`0"/${n}"`],
  );
  sheet.getRange(`${cols.score}${firstRow}:${cols.score}${lastRow}`).numberFormat = Array.from(
    { length: rows },
    () => ["0.00"],
  );
}

/** Request bytes that queueScoreNumberFormats adds per row (for chunk estimates), with room for n ≥ 10. */
export const SCORE_FORMAT_BYTES_PER_ROW = JSON.stringify([['0"/10"'], ["0.00"]]).length;

/**
 * Request bytes of the cells the add-in owns for Excel row `row`: its Coverage, Weighted score and
 * Rank formulas and their number formats on the Scorecard, and its ranking row on the Results sheet
 * with the score's format. Rows differ only in their row numbers: give the last, the longest.
 */
export function ownedRowBytes(meta: ScorecardMeta, cols: ScorecardColumns, row: number): number {
  return (
    jsonBytes(scorecardRowFormulas(meta, cols, row)) +
    jsonBytes(rankingRows(meta, row, row)) +
    SCORE_FORMAT_BYTES_PER_ROW +
    jsonBytes(["0.00"])
  );
}

/** Results: the header of the sorted ranking, helper columns hidden; rows come with the agreements. */
export function queueResultsSheet(context: Excel.RequestContext, meta: ScorecardMeta): Excel.Worksheet {
  const sheet = context.workbook.worksheets.add(meta.sheets.results);
  sheet.getRange("A1:G1").values = [[...RESULTS_HEADERS]];
  sheet.getRange("F:G").columnHidden = true;
  sheet.getRange("C:C").format.columnWidth = 220;
  return sheet;
}

/**
 * The Audit sheet: its table, header and `first` entry (a table has at least one body row; a blank
 * one would stay at the top of the trail, changes being appended below it), protected without a
 * password against accidental edits (audit.ts).
 */
export function queueAuditSheet(
  context: Excel.RequestContext,
  place: SheetTable,
  first: AuditEntry,
): Excel.Worksheet {
  const sheet = context.workbook.worksheets.add(place.sheet);
  sheet.getRange(rangeAddress(0, 0, 2, AUDIT_COLUMNS.length)).values = [[...AUDIT_COLUMNS], auditRow(first)];
  sheet.tables.add(sheet.getRange(rangeAddress(0, 0, 2, AUDIT_COLUMNS.length)), true).name = place.table;
  sheet.getRange("A:A").format.columnWidth = 150;
  sheet.getRange("F:G").format.columnWidth = 120;
  sheet.protection.protect();
  return sheet;
}
