/**
 * Adds or updates agreements. Updates write only the cells that change; new agreements are
 * appended where the table ends now (tables.ts: inserted, then written, so that a co-author's new
 * row is pushed down rather than overwritten, and whatever was below the table moves down with it).
 * Two syncs whatever the number of rows: look at the cells to be written, then write (a third only
 * when Excel left the new rows outside the table). Each updated cell is compared with what `data`
 * says it held, so a co-author's change in between is reported, not overwritten (conflicts.ts);
 * score changes and new agreements go to the Audit sheet. In a team scorecard the criterion cells
 * hold the consensus: scores are reviews (writeReviews.ts), and new rows get the consensus formulas.
 */
import { ScoringError } from "../../scoring/errors";
import { validateScore } from "../../scoring/scale";
import { WorkbookError, explainExcelError } from "../errors";
import { chartRowCount, columnsFromHeaders, rankingRows, scorecardRowFormulas } from "../contract/layout";
import type { CriterionConfig } from "../contract/meta";
import { chunkRows, jsonBytes, lastChunkBytes, queueInChunks } from "../write/payload";
import { columnIndex, columnLetter } from "../contract/addresses";
import { queueRanking, queueRankingMargin } from "../scorecard/resultsRanking";
import { refreshCharts } from "../scorecard/charts";
import type { AgreementRecord, ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { splitNotes } from "./rationale";
import { asCell, asText, CELL_TEXT_LIMIT, overlongField, overlongMessage } from "../contract/userText";
import { auditValue, type Change } from "../write/audit";
import { ConflictError, sameValue, type Conflict } from "../write/conflicts";
import { writeBatch } from "../write/session";
import { queueTeamRows, teamRowBytes } from "../team/teamFormulas";
import { queueScoreColumnsFormat } from "../scorecard/sheetSetup";
import { TableAppend, TableEnd } from "../write/tables";
import { criterionFormulas } from "../scorecard/indicatorCells";

export interface UpsertOptions {
  /** The caller asked the user and they agreed to overwrite what a person put in the ranking's rows. */
  confirmOverwrite?: boolean;
  /** Recorded as "who" in the Audit sheet. */
  author: string;
  now?: Date;
}

export interface UpsertResult {
  added: number;
  updated: number;
}

/** A partial update: only the fields given are written. */
export type AgreementUpdate = Partial<Omit<AgreementRecord, "id" | "scores" | "indicatorScores">> & {
  id: string;
  scores?: Record<string, number | null>;
  /** Scores of indicators (issue 16), by indicator id; a criterion with indicators takes no score itself. */
  indicatorScores?: Record<string, number | null>;
};

export async function upsertAgreements(
  run: ExcelRun,
  data: ScorecardData,
  updates: AgreementUpdate[],
  options: UpsertOptions,
): Promise<UpsertResult> {
  const { meta } = data.location;
  const { config } = data;
  const cols = data.columns;
  const criterionColumn = new Map(cols.criteria.map((c) => [c.criterionId, c.column]));
  const indicatorColumn = new Map((cols.indicators ?? []).map((c) => [c.indicatorId, c.column]));
  const indicatorHeader = new Map(
    meta.criteria.flatMap((c) => (c.indicators ?? []).map((i): [string, string] => [i.id, i.header])),
  );
  // The first row with an ID is the agreement (as the pane shows it); a duplicate below is an issue.
  const rowOf = new Map<string, number>();
  data.agreements.forEach((a, i) => {
    if (!rowOf.has(a.id.toLowerCase())) rowOf.set(a.id.toLowerCase(), data.rows[i]);
  });
  validateUpdates(data, updates);

  const team = meta.mode === "team";
  const edits: { address: string; value: string | number; seen: unknown; change?: Change }[] = [];
  const added: AgreementUpdate[] = [];
  for (const u of updates) {
    const row = rowOf.get(u.id.trim().toLowerCase());
    if (row === undefined) {
      added.push(u);
      continue;
    }
    const record = data.agreements[data.rows.indexOf(row)];
    const set = (column: string, value: string | number, seen: unknown, change?: Change) =>
      edits.push({ address: `${column}${row}`, value, seen, change });
    if (u.name !== undefined) set(cols.name, asText(u.name), record.name);
    if (u.type !== undefined) set(cols.type, asText(u.type), record.type);
    if (u.parties !== undefined) set(cols.parties, asText(u.parties), record.parties);
    if (u.signed !== undefined) set(cols.signed, asCell(u.signed), record.signed);
    if (u.notes !== undefined) set(cols.notes, asText(u.notes), record.notes);
    for (const [criterionId, score] of Object.entries(u.scores ?? {})) {
      const seen = record.scores[criterionId] ?? null;
      if (sameValue(seen, score)) continue;
      set(criterionColumn.get(criterionId)!, score ?? "", seen, {
        what: "score",
        agreementId: record.id,
        subject: config.criteria.find((c) => c.id === criterionId)!.name,
        before: auditValue(seen),
        after: auditValue(score),
      });
    }
    for (const [indicatorId, score] of Object.entries(u.indicatorScores ?? {})) {
      const seen = record.indicatorScores?.[indicatorId] ?? null;
      if (sameValue(seen, score)) continue;
      set(indicatorColumn.get(indicatorId)!, score ?? "", seen, {
        what: "score",
        agreementId: record.id,
        subject: indicatorHeader.get(indicatorId)!,
        before: auditValue(seen),
        after: auditValue(score),
      });
    }
  }

  const positionsBefore = data.agreements.length;
  const positionsAfter = positionsBefore + added.length;

  const writes = added.length > 0 ? [meta.sheets.scorecard, meta.sheets.results] : [meta.sheets.scorecard];
  await writeBatch(
    run,
    meta,
    { author: options.author, now: options.now, writes },
    async (context, session) => {
      const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
      const results = context.workbook.worksheets.getItem(meta.sheets.results);
      // The columns as they are now: a column moved or deleted since the read would send values astray.
      const header = context.workbook.tables
        .getItem(meta.scorecardTable)
        .getHeaderRowRange()
        .load("values, rowIndex, columnIndex");
      // The cells to be updated as they are now, and the ID of their rows (a sort moves rows): in
      // windows by what the pane read there, the last in the sync that follows.
      const current: Excel.Range[] = [];
      const idCells: Excel.Range[] = [];
      const looks = chunkRows(edits.length, (k) => jsonBytes(edits[k].seen) + EDIT_OVERHEAD_BYTES);
      await queueInChunks(context, looks, (from, to) => {
        for (const e of edits.slice(from, to)) {
          current.push(sheet.getRange(e.address).load("values"));
          idCells.push(sheet.getRange(`${cols.id}${/\d+$/.exec(e.address)![0]}`).load("values"));
        }
      });
      // Where the table ends now (a co-author may have added rows since the pane read it).
      const end = added.length > 0 ? new TableEnd(context, meta.scorecardTable) : null;
      const lastBodyRow =
        added.length > 0
          ? context.workbook.tables
              .getItem(meta.scorecardTable)
              .getDataBodyRange()
              .getLastRow()
              .load("values, rowIndex")
          : null;
      // The ranking rows the new agreements need; rows that hold the add-in's own formulas are free.
      const ranking =
        added.length > 0
          ? results.getRange(`A${positionsBefore + 2}:G${positionsAfter + 1}`).load("formulas")
          : null;
      try {
        await context.sync();
      } catch (error) {
        throw explainExcelError(error, meta.sheets.scorecard);
      }
      await session.ready();
      const { columns: nowColumns } = columnsFromHeaders(header.values[0], header.columnIndex, meta, {
        table: meta.scorecardTable,
        sheet: meta.sheets.scorecard,
      });
      if (JSON.stringify(nowColumns) !== JSON.stringify(cols)) {
        throw new WorkbookError(
          "ChangedByAnotherAuthor",
          `The columns of table "${meta.scorecardTable}" (sheet "${meta.sheets.scorecard}") were moved or changed since the pane read them, so nothing was written. The pane has read them again; make the change again.`,
          { sheet: meta.sheets.scorecard, table: meta.scorecardTable },
        );
      }
      const rowOfEdit = (k: number) => data.rows.indexOf(Number(/\d+$/.exec(edits[k].address)![0]));
      const conflicts: Conflict[] = [];
      edits.forEach((e, k) => {
        const expectedId = data.agreements[rowOfEdit(k)].id;
        if (String(idCells[k].values[0][0]).trim().toLowerCase() !== expectedId.toLowerCase()) {
          conflicts.push({
            what: "agreement",
            agreementId: expectedId,
            subject: "row",
            seen: `row ${/\d+$/.exec(e.address)![0]}`,
            now: "moved (the rows were sorted or deleted)",
          });
        } else if (
          !sameValue(normalizeCell(current[k].values[0][0]), e.seen) &&
          !sameValue(current[k].values[0][0], e.value)
        ) {
          conflicts.push({
            what: e.change ? "score" : "agreement",
            agreementId: expectedId,
            subject: e.change?.subject ?? e.address,
            seen: auditValue(e.seen),
            now: auditValue(current[k].values[0][0]),
          });
        }
      });
      if (conflicts.length > 0) throw new ConflictError(dedupe(conflicts), meta.sheets.scorecard);
      const occupied =
        ranking?.formulas.some((row, i) =>
          row.some((f, k) => !ownRankingCell(f, k, positionsBefore + 1 + i)),
        ) ?? false;
      if (occupied && !options.confirmOverwrite) {
        throw new WorkbookError(
          "WouldOverwrite",
          `Rows ${positionsBefore + 2}–${positionsAfter + 1} of the ranking on sheet "${meta.sheets.results}" hold something a person typed there; the new agreements need those rows. Move that content away, or confirm to overwrite it.`,
          { sheet: meta.sheets.results, row: positionsBefore + 2 },
        );
      }
      const append = end && lastBodyRow ? planAppend(end, lastBodyRow) : null;
      // The updated cells and the new rows are the change (session.ts: between the head and the
      // tail), in chunks under the payload budget; the last is left for the closing sync.
      const bytes = (i: number) =>
        i < edits.length
          ? jsonBytes(edits[i].value) + EDIT_OVERHEAD_BYTES
          : append!.rowBytes(i - edits.length);
      const chunks = chunkRows(edits.length + added.length, bytes);
      await queueInChunks(context, chunks, (from, to) => {
        for (const e of edits.slice(from, to)) sheet.getRange(e.address).values = [[e.value]];
        append?.queue(Math.max(0, from - edits.length), Math.max(0, to - edits.length));
      });
      session.record(edits.flatMap((e) => (e.change ? [e.change] : [])));
      if (append) {
        session.record(
          added.map((a) => ({
            what: "agreement added",
            agreementId: a.id.trim(),
            subject: "",
            before: "",
            after: a.name ?? "",
          })),
        );
        queueRankingMargin(results, meta, append.lastPosition);
        append.table.check();
      }
      try {
        // One Audit row per new agreement: the trail goes in chunks too, the last with the stamp.
        await session.commitInChunks(lastChunkBytes(chunks, bytes));
        await context.sync();
        // Rows Excel left below the table go into it (table.rows.add), formatted again.
        const decoration = append ? { rowBytes: append.decorationBytes, queue: decorate } : undefined;
        if (await append?.table.fixOutsideInChunks(decoration)) await context.sync();
      } catch (error) {
        throw explainExcelError(error, meta.sheets.scorecard);
      }

      /**
       * The new agreements, appended where the table ends now with their formulas and formats, and
       * their ranking rows: queue(from, to) queues new agreements [from, to).
       */
      function planAppend(tableEnd: TableEnd, lastRow: Excel.Range) {
        // A new scorecard's empty placeholder row (its only body row) takes the first agreement.
        const idIndex = columnIndex(cols.id) - tableEnd.column;
        const placeholder =
          !tableEnd.totals &&
          lastRow.rowIndex === header.rowIndex + 1 &&
          String(lastRow.values[0][idIndex] ?? "").trim() === "";
        const first = tableEnd.nextRow - (placeholder ? 1 : 0);
        const table = new TableAppend(context, tableEnd, first, placeholder ? 1 : 0);
        const rows = added.map((a, i) => newRow(a, first + 1 + i, tableEnd));
        const lastNew = first + added.length;
        // Sort keys go by table position, which counts blank rows inside the table too.
        const lastPosition = Math.max(positionsAfter, lastNew - header.rowIndex - 1);
        // Rows differ only in their row numbers: the last one's formulas are the longest.
        const decorationBytes =
          jsonBytes(rankingRows(meta, lastPosition, lastPosition)) +
          (team ? teamRowBytes(data, meta, lastNew) : 0) +
          FORMAT_BYTES_PER_ROW;
        return {
          table,
          lastPosition,
          decorationBytes,
          rowBytes: (i: number) => jsonBytes(rows[i]) + decorationBytes,
          queue(from: number, to: number) {
            if (to <= from) return;
            table.add(rows.slice(from, to));
            decorate(first + 1 + from, first + to);
            const lastRanked = to === rows.length ? lastPosition : positionsBefore + to;
            queueRanking(results, meta, positionsBefore + 1 + from, lastRanked);
          },
        };
      }

      /** A new agreement's row, as wide as the table (columns the scorecard does not use stay blank). */
      function newRow(a: AgreementUpdate, row: number, tableEnd: TableEnd): (string | number)[] {
        const cells = new Map<string, string | number>([
          [cols.id, asText(a.id.trim())],
          [cols.name, asText(a.name ?? "")],
          [cols.type, asText(a.type ?? "")],
          [cols.parties, asText(a.parties ?? "")],
          [cols.signed, asCell(a.signed ?? null)],
          [cols.notes, asText(a.notes ?? "")],
        ]);
        if (!team) {
          for (const c of cols.criteria) cells.set(c.column, a.scores?.[c.criterionId] ?? "");
          for (const c of cols.indicators ?? [])
            cells.set(c.column, a.indicatorScores?.[c.indicatorId] ?? "");
          for (const [column, formula] of criterionFormulas(meta, cols, row)) cells.set(column, formula);
          const [coverage, score, rank] = scorecardRowFormulas(meta, cols, row);
          cells.set(cols.coverage, coverage).set(cols.score, score).set(cols.rank, rank);
        }
        return Array.from(
          { length: tableEnd.width },
          (_, k) => cells.get(columnLetter(tableEnd.column + k)) ?? "",
        );
      }

      /** Team formulas, validation and number formats on new rows, as create gives its rows. */
      function decorate(first: number, last: number) {
        if (team) queueTeamRows(context, data, meta, first, last);
        queueScoreColumnsFormat(sheet, cols, first, last);
      }
    },
  );
  // The charts show the top agreements; their ranges grow until they hold CHART_TOP of them.
  if (chartRowCount(positionsBefore) !== chartRowCount(positionsAfter)) {
    await refreshCharts(run, config, cols, meta, positionsAfter);
  }
  return { added: added.length, updated: updates.length - added.length };
}

/** What an updated cell costs in a request beyond its value: its address and the action. */
const EDIT_OVERHEAD_BYTES = 200;

/** A new row's number formats and validation, beyond its content and formulas. */
const FORMAT_BYTES_PER_ROW = 300;

/**
 * An analyst's notes too long for their cell: they hold the rationale for each criterion too
 * (rationale.ts), so the message says which rationale is longest.
 */
function overlongNotes(agreement: string, notes: string, criteria: readonly CriterionConfig[]): string {
  const count = (n: number) => n.toLocaleString("en");
  const { rationale } = splitNotes(notes, criteria);
  const [longest] = criteria
    .map((c) => ({ name: c.name, length: (rationale[c.id] ?? "").length }))
    .sort((a, b) => b.length - a.length);
  const which =
    longest && longest.length > 0
      ? ` The longest is the rationale for "${longest.name}" (${count(longest.length)} characters).`
      : "";
  return `${agreement}: its Notes cell, which holds the general notes and the rationale for each criterion, would have ${count(notes.length)} characters, but an Excel cell holds at most ${count(CELL_TEXT_LIMIT)}; shorten them by ${count(notes.length - CELL_TEXT_LIMIT)}.${which}`;
}

/**
 * A Results ranking cell that is free to write: empty, one of the add-in's formulas, or in column A
 * the place number the add-in wrote there. Anything else was put there by a person.
 */
function ownRankingCell(formula: unknown, column: number, position: number): boolean {
  if (formula === "" || (typeof formula === "string" && formula.startsWith("="))) return true;
  return column === 0 && formula === position;
}

/** A cell as the model reads it: blank is null. */
const normalizeCell = (v: unknown) => (v === "" || v === null ? null : v);

/** One conflict per agreement for a moved row, however many of its cells were to be written. */
function dedupe(conflicts: Conflict[]): Conflict[] {
  const seen = new Set<string>();
  return conflicts.filter((c) => {
    const key = c.subject === "row" ? `${c.agreementId}\u0000row` : JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
    const long = overlongField(u);
    if (long !== null) {
      const agreement = `Agreement "${long.field === "id" ? `${id.slice(0, 40)}…` : id}"`;
      throw new WorkbookError(
        "InvalidInput",
        long.field === "notes"
          ? overlongNotes(agreement, u.notes!, config.criteria)
          : overlongMessage(agreement, long),
        { sheet, column: long.field },
      );
    }
    const existing = data.agreements.some((a) => a.id.toLowerCase() === id.toLowerCase());
    if (data.location.meta.mode === "team" && existing && Object.keys(u.scores ?? {}).length > 0) {
      throw new WorkbookError(
        "InvalidInput",
        `Agreement "${id}": the team scores this scorecard, so its criterion cells show the consensus; give your scores as a reviewer on the Score tab.`,
        { sheet },
      );
    }
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
      if ((criterion.indicators ?? []).length > 0)
        throw new WorkbookError(
          "InvalidInput",
          `Agreement "${id}": criterion "${criterion.name}" is scored through its indicators (${criterion.indicators!.map((i) => `"${i.name}"`).join(", ")}); give the scores of its indicators instead.`,
          { sheet, column: criterion.name },
        );
      checkedScore(score, config.scale, id, criterionId, { sheet, column: criterion.name });
    }
    if (Object.keys(u.indicatorScores ?? {}).length > 0 && data.location.meta.mode === "team")
      throw new WorkbookError(
        "InvalidInput",
        `Agreement "${id}": the team scores this scorecard, so its indicator cells show the consensus; give your scores as a reviewer on the Score tab.`,
        {
          sheet,
        },
      );
    for (const [indicatorId, score] of Object.entries(u.indicatorScores ?? {})) {
      const criterion = config.criteria.find((c) => (c.indicators ?? []).some((i) => i.id === indicatorId));
      if (!criterion)
        throw new WorkbookError(
          "InvalidInput",
          `Agreement "${id}": there is no indicator "${indicatorId}" in this scorecard.`,
          { sheet },
        );
      const header = data.location.meta.criteria
        .flatMap((c) => c.indicators ?? [])
        .find((i) => i.id === indicatorId)!.header;
      checkedScore(score, config.scale, id, criterion.id, { sheet, column: header }, indicatorId);
    }
  }
}

/** A score on the scale or null; otherwise the model's message, at the column of its criterion or indicator. */
function checkedScore(
  score: number | null,
  scale: ScorecardData["config"]["scale"],
  agreementId: string,
  criterionId: string,
  place: { sheet: string; column: string },
  indicatorId?: string,
) {
  if (score === null) return;
  try {
    validateScore(score, scale, { agreementId, criterionId });
  } catch (error) {
    if (error instanceof ScoringError) {
      const message = indicatorId ? `${error.message} (indicator "${indicatorId}")` : error.message;
      throw new WorkbookError("InvalidInput", message, place);
    }
    throw error;
  }
}
