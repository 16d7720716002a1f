/**
 * Adds or updates agreements. Updates write only the cells that change; new agreements are written
 * with Range.values directly below the table, which Excel's auto-expansion takes into the table
 * (never table.rows.add, which conflicts under co-authoring — DESIGN.md §5). Two syncs whatever the
 * number of rows (plus one per extra chunk): look at the cells to be written, then write.
 */
import { ScoringError } from "../scoring/errors";
import { validateScore } from "../scoring/scale";
import { WorkbookError, explainExcelError } from "./errors";
import { chartRowCount, RESULTS_LAYOUT, scorecardRowFormulas } from "./layout";
import { columnIndex, columnLetter } from "./addresses";
import { queuePositions, queueSortKeys } from "./ranking";
import { refreshCharts } from "./charts";
import type { AgreementRecord } from "./model";
import type { ScorecardData } from "./read";
import type { ExcelRun } from "./run";
import { asCell, asText } from "./text";

export interface UpsertOptions {
  /** The caller asked the user and they agreed to overwrite non-empty cells below the table. */
  confirmOverwrite?: boolean;
}

export interface UpsertResult {
  added: number;
  updated: number;
}

/** A partial update: only the fields given are written. */
export type AgreementUpdate = Partial<Omit<AgreementRecord, "id" | "scores">> & {
  id: string;
  scores?: Record<string, number | null>;
};

export async function upsertAgreements(
  run: ExcelRun,
  data: ScorecardData,
  updates: AgreementUpdate[],
  options: UpsertOptions = {},
): Promise<UpsertResult> {
  const { meta } = data.location;
  const { config } = data;
  const cols = data.columns;
  const criterionColumn = new Map(cols.criteria.map((c) => [c.criterionId, c.column]));
  const rowOf = new Map(data.agreements.map((a, i) => [a.id.toLowerCase(), data.rows[i]]));
  validateUpdates(data, updates);

  const edits: { address: string; value: string | number }[] = [];
  const added: AgreementUpdate[] = [];
  for (const u of updates) {
    const row = rowOf.get(u.id.trim().toLowerCase());
    if (row === undefined) {
      added.push(u);
      continue;
    }
    const set = (column: string, value: string | number) => edits.push({ address: `${column}${row}`, value });
    if (u.name !== undefined) set(cols.name, asText(u.name));
    if (u.type !== undefined) set(cols.type, asText(u.type));
    if (u.parties !== undefined) set(cols.parties, asText(u.parties));
    if (u.signed !== undefined) set(cols.signed, asCell(u.signed));
    if (u.notes !== undefined) set(cols.notes, asText(u.notes));
    for (const [criterionId, score] of Object.entries(u.scores ?? {}))
      set(criterionColumn.get(criterionId)!, score ?? "");
  }

  const lastRow = data.rows.length === 0 ? 1 : Math.max(...data.rows);
  // A new scorecard has one empty placeholder row in its body: the first new agreement takes it.
  const firstNew = data.agreements.length === 0 ? 2 : lastRow + 1;
  const lastNew = firstNew + added.length - 1;
  const letters = [
    cols.id,
    cols.name,
    cols.type,
    cols.parties,
    cols.signed,
    cols.notes,
    cols.rank,
    ...cols.criteria.map((c) => c.column),
  ];
  const indexes = letters.map(columnIndex);
  const tableSpan = `${columnLetter(Math.min(...indexes))}${firstNew}:${columnLetter(Math.max(...indexes))}${lastNew}`;
  const positionsBefore = data.agreements.length;
  const positionsAfter = positionsBefore + added.length;

  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
    const results = context.workbook.worksheets.getItem(meta.sheets.results);
    if (added.length > 0 && data.agreements.length > 0) {
      const targets = [
        sheet.getRange(tableSpan).load("values"),
        results
          .getRange(`A${positionsBefore + 2}:${RESULTS_LAYOUT.rowColumn}${positionsAfter + 1}`)
          .load("values"),
        results
          .getRange(`${RESULTS_LAYOUT.keyColumn}${firstNew}:${RESULTS_LAYOUT.keyColumn}${lastNew}`)
          .load("values"),
      ];
      await context.sync();
      const occupied = targets.some((r) => r.values.some((row) => row.some((v) => v !== "")));
      if (occupied && !options.confirmOverwrite) {
        throw new WorkbookError(
          "WouldOverwrite",
          `Rows ${firstNew}–${lastNew} below the table on sheet "${meta.sheets.scorecard}" (or the rows of the ranking on "${meta.sheets.results}") are not empty. Move that content away, or confirm to overwrite it.`,
          { sheet: meta.sheets.scorecard, row: firstNew },
        );
      }
    }
    for (const e of edits) sheet.getRange(e.address).values = [[e.value]];
    if (added.length > 0) {
      const column = (letter: string, values: (string | number)[]) => {
        sheet.getRange(`${letter}${firstNew}:${letter}${lastNew}`).values = values.map((v) => [v]);
      };
      // The ID first: Excel takes rows into the table when they are written right below it.
      column(
        cols.id,
        added.map((a) => asText(a.id.trim())),
      );
      column(
        cols.name,
        added.map((a) => asText(a.name ?? "")),
      );
      column(
        cols.type,
        added.map((a) => asText(a.type ?? "")),
      );
      column(
        cols.parties,
        added.map((a) => asText(a.parties ?? "")),
      );
      column(
        cols.signed,
        added.map((a) => asCell(a.signed ?? null)),
      );
      column(
        cols.notes,
        added.map((a) => asText(a.notes ?? "")),
      );
      for (const c of cols.criteria)
        column(
          c.column,
          added.map((a) => a.scores?.[c.criterionId] ?? ""),
        );
      sheet.getRange(`${cols.coverage}${firstNew}:${cols.rank}${lastNew}`).formulas = added.map((_, i) =>
        scorecardRowFormulas(config.missingPolicy, cols, firstNew + i),
      );
      queuePositions(results, cols, meta.sheets, positionsBefore, positionsAfter);
      queueSortKeys(results, cols, meta.sheets, firstNew, lastNew);
    }
    try {
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, meta.sheets.scorecard);
    }
  });
  // The charts show the top agreements; their ranges grow until they hold CHART_TOP of them.
  if (chartRowCount(positionsBefore) !== chartRowCount(positionsAfter)) {
    await refreshCharts(run, config, cols, meta, positionsAfter);
  }
  return { added: added.length, updated: updates.length - added.length };
}

function validateUpdates(data: ScorecardData, updates: AgreementUpdate[]) {
  const { config } = data;
  const sheet = data.location.meta.sheets.scorecard;
  const seen = new Set<string>();
  for (const u of updates) {
    const id = u.id.trim();
    if (id === "")
      throw new WorkbookError("InvalidInput", `An agreement has no ID; give it a unique ID.`, {
        sheet,
        column: "ID",
      });
    if (seen.has(id.toLowerCase())) {
      throw new WorkbookError("InvalidInput", `ID "${id}" appears twice in one change; IDs must be unique.`, {
        sheet,
        column: "ID",
      });
    }
    seen.add(id.toLowerCase());
    for (const [criterionId, score] of Object.entries(u.scores ?? {})) {
      const criterion = config.criteria.find((c) => c.id === criterionId);
      if (!criterion) {
        throw new WorkbookError(
          "InvalidInput",
          `Agreement "${id}": there is no criterion "${criterionId}" in this scorecard.`,
          {
            sheet,
          },
        );
      }
      if (score === null) continue;
      try {
        validateScore(score, config.scale, { agreementId: id, criterionId });
      } catch (error) {
        if (error instanceof ScoringError) {
          throw new WorkbookError("InvalidInput", error.message, { sheet, column: criterion.name });
        }
        throw error;
      }
    }
  }
}
