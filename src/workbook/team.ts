/**
 * Switching a scorecard between one analyst and a team (DESIGN.md §2 "Several reviewers"), and
 * choosing the team's consensus method.
 *
 * To a team: every score already in the grid becomes a review by the reviewer who switches (with
 * the rationale kept in Notes). A scorecard that was a team's before keeps its Reviews; where the
 * analyst's score differs from that earlier consensus, the earlier reviews of the cell are withdrawn
 * (score cleared, rationale kept, recorded in the Audit sheet), so no score changes. Then the criterion cells get live consensus formulas over the
 * Reviews table, and a conditional format flags the cells to discuss. Back to one analyst: the
 * criterion cells keep the consensus as plain values; the Reviews sheet stays as the record.
 * Both refuse to run over a co-author's change made since the caller's read (version stamp).
 */
import type { ConsensusMethod } from "../scoring/consensus";
import { quoteSheet, rangeAddress, SHEET_LAST_ROW } from "./addresses";
import { auditValue, type Change } from "./audit";
import { REVIEW_COLUMNS, SHEET, TABLE } from "./contract";
import { WorkbookError, syncOrExplain } from "./errors";
import { scorecardRowFormulas } from "./layout";
import type { ScorecardMeta, SheetTable } from "./meta";
import { freeSheetName, freeTableName } from "./names";
import { splitNotes } from "./rationale";
import type { ScorecardData } from "./read";
import {
  consensusFormula,
  discussColumn,
  discussFormula,
  discussRuleFormula,
  orderFormula,
  REVIEWS_LAYOUT,
  squareFormula,
} from "./reviewFormulas";
import { appendRowIndex, parseReviews, sameReviewer, teamConsensus } from "./reviews";
import type { ExcelRun } from "./run";
import { writeBatch, type WriteSession } from "./session";
import { asText } from "./text";

/** The discuss flag's look: Excel's "Neutral" amber, readable in light and dark themes. */
export const DISCUSS_FILL = "#FFEB9C";
export const DISCUSS_FONT = "#9C5700";
/** The conditional format covers whole criterion columns below the header, so new rows are flagged too. */

export interface SwitchOptions {
  reviewer: string;
  method?: ConsensusMethod;
  now?: Date;
}

export async function switchToTeam(
  run: ExcelRun,
  data: ScorecardData,
  options: SwitchOptions,
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  const who = options.reviewer.trim();
  if (who === "")
    throw new WorkbookError(
      "InvalidInput",
      "Choose your reviewer name first: the existing scores become your reviews.",
    );
  if (meta.mode === "team") return meta;
  const method = options.method ?? meta.consensusMethod;
  const criterionName = (id: string) => data.config.criteria.find((c) => c.id === id)?.name ?? id;

  return writeBatch(
    run,
    meta,
    {
      author: who,
      requireUnchanged: true,
      now: options.now,
      writes: [meta.sheets.scorecard, ...(meta.reviews ? [meta.reviews.sheet] : [])],
    },
    async (context, session) => {
      const workbook = context.workbook;
      const existing = meta.reviews
        ? workbook.tables.getItem(meta.reviews.table).getRange().load("values, rowIndex")
        : null;
      const names = {
        sheets: workbook.worksheets.load("items/name"),
        tables: workbook.tables.load("items/name"),
        defined: workbook.names.load("items/name"),
      };
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();

      // The reviews the team already has (a scorecard switched back and forth), read fresh.
      const kept =
        existing && meta.reviews
          ? parseReviews(meta, existing.values, existing.rowIndex, data.agreements, data.config.scale).reviews
          : [];
      const consensus = teamConsensus({ ...meta, consensusMethod: method }, kept, data.config.scale);
      const rows: (string | number)[][] = [];
      const withdrawn: Change[] = [];
      let place: SheetTable;
      let firstFree: number;
      if (existing && meta.reviews) {
        place = meta.reviews;
        firstFree = appendRowIndex(existing);
      } else {
        place = {
          sheet: freeSheetName(
            SHEET.reviews,
            names.sheets.items.map((s) => s.name),
          ),
          table: freeTableName(TABLE.reviews, [
            ...names.tables.items.map((t) => t.name),
            ...names.defined.items.map((n) => n.name),
          ]),
        };
        firstFree = 1;
      }
      // Each score in the grid that the team's consensus does not already give becomes this
      // reviewer's review, so that switching never changes a score.
      data.agreements.forEach((a) => {
        if (a.id === "") return;
        const rationale = splitNotes(a.notes, data.config.criteria).rationale;
        for (const c of data.config.criteria) {
          const score = a.scores[c.id];
          if (score === null) continue;
          const cell = consensus.find((x) => x.agreementId === a.id && x.criterionId === c.id);
          if (cell && cell.value !== null && Math.abs(cell.value - score) < 1e-9) continue;
          // The analyst's score came after the team's earlier reviews of this cell: those are
          // withdrawn (their rationale stays), so the consensus is exactly the score as it stands.
          for (const earlier of kept) {
            if (earlier.agreementId !== a.id || earlier.criterionId !== c.id || earlier.score === null)
              continue;
            if (sameReviewer(earlier.reviewer, who)) continue;
            workbook.worksheets.getItem(place.sheet).getRange(`D${earlier.row}`).values = [[""]];
            withdrawn.push({
              what: "review",
              agreementId: a.id,
              subject: `${c.name} (${earlier.reviewer}'s, superseded)`,
              before: auditValue(earlier.score),
              after: "",
            });
          }
          const mine = kept.find(
            (r) => sameReviewer(r.reviewer, who) && r.agreementId === a.id && r.criterionId === c.id,
          );
          if (mine) {
            workbook.worksheets.getItem(place.sheet).getRange(`D${mine.row}:F${mine.row}`).values = [
              [score, asText(rationale[c.id] ?? mine.rationale), asText(session.time)],
            ];
            continue;
          }
          const row = firstFree + rows.length + 1;
          rows.push([
            asText(who),
            asText(a.id),
            asText(c.id),
            score,
            asText(rationale[c.id] ?? ""),
            asText(session.time),
            orderFormula(row),
            squareFormula(row),
          ]);
        }
      });

      const sheet =
        place === meta.reviews
          ? workbook.worksheets.getItem(place.sheet)
          : createReviewsSheet(context, place, data);
      if (rows.length > 0)
        sheet.getRange(rangeAddress(firstFree, 0, rows.length, REVIEW_COLUMNS.length)).formulas = rows;
      const next: ScorecardMeta = { ...meta, mode: "team", consensusMethod: method, reviews: place };
      queueTeamFormulas(context, data, next);
      session.update({ mode: "team", consensusMethod: method, reviews: place });
      session.record([
        {
          what: "mode",
          agreementId: "",
          subject: `consensus: ${method}`,
          before: "one analyst",
          after: "team",
        },
      ]);
      session.record(withdrawn);
      if (rows.length > 0)
        session.record(
          rows.map((r) => ({
            what: "review" as const,
            agreementId: String(r[1]).replace(/^'/, ""),
            subject: criterionName(String(r[2]).replace(/^'/, "")),
            before: "",
            after: auditValue(r[3]),
          })),
        );
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.scorecard);
      return written;
    },
  );
}

export async function switchToSingle(
  run: ExcelRun,
  data: ScorecardData,
  options: { reviewer: string; now?: Date },
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  if (meta.mode === "single") return meta;
  return strictWrite(run, data, options, (context, session) => {
    const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
    const { first, last } = bodyRows(data);
    for (const c of data.columns.criteria) {
      // The consensus as the grid shows it now becomes the analyst's score.
      const byRow = new Map(data.rows.map((row, i) => [row, data.agreements[i].scores[c.criterionId]]));
      const values: (string | number)[][] = [];
      for (let row = first; row <= last; row++) values.push([byRow.get(row) ?? ""]);
      sheet.getRange(`${c.column}${first}:${c.column}${last}`).values = values;
      sheet.getRange(`${c.column}2:${c.column}${SHEET_LAST_ROW}`).conditionalFormats.clearAll();
    }
    session.update({ mode: "single" });
    session.record([{ what: "mode", agreementId: "", subject: "", before: "team", after: "one analyst" }]);
  });
}

/** Rewrites the consensus formulas with another method (mean or median). */
export async function setConsensusMethod(
  run: ExcelRun,
  data: ScorecardData,
  method: ConsensusMethod,
  options: { reviewer: string; now?: Date },
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  if (meta.consensusMethod === method) return meta;
  return strictWrite(run, data, options, (context, session) => {
    if (meta.mode === "team") queueConsensusCells(context, data, { ...meta, consensusMethod: method });
    session.update({ consensusMethod: method });
    session.record([
      { what: "consensus method", agreementId: "", subject: "", before: meta.consensusMethod, after: method },
    ]);
  });
}

/** A write that refuses to run over any change made since `data` was read: look, queue, write. */
function strictWrite(
  run: ExcelRun,
  data: ScorecardData,
  options: { reviewer: string; now?: Date },
  queue: (context: Excel.RequestContext, session: WriteSession) => void,
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  const author = options.reviewer.trim() || "unknown";
  const writes = [meta.sheets.scorecard, ...(meta.reviews ? [meta.reviews.sheet] : [])];
  return writeBatch(
    run,
    meta,
    { author, requireUnchanged: true, now: options.now, writes },
    async (context, session) => {
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      queue(context, session);
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.scorecard);
      return written;
    },
  );
}

/**
 * The team's formulas for Scorecard rows first..last: consensus in the criterion cells, the row's
 * own three formulas, and the discuss flags on the Reviews sheet (same row numbers). Also used
 * when agreements are added to a team scorecard.
 */
export function queueTeamRows(
  context: Excel.RequestContext,
  data: ScorecardData,
  meta: ScorecardMeta,
  first: number,
  last: number,
) {
  const cols = data.columns;
  const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
  const reviews = context.workbook.worksheets.getItem(meta.reviews!.sheet);
  const idSheet = `${quoteSheet(meta.sheets.scorecard)}!`;
  const rows = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  for (const c of cols.criteria) {
    sheet.getRange(`${c.column}${first}:${c.column}${last}`).formulas = rows.map((row) => [
      consensusFormula(meta.reviews!.sheet, `$${cols.id}${row}`, c.criterionId, meta.consensusMethod),
    ]);
  }
  sheet.getRange(`${cols.coverage}${first}:${cols.rank}${last}`).formulas = rows.map((row) =>
    scorecardRowFormulas(meta, cols, row),
  );
  cols.criteria.forEach((c, k) => {
    const column = discussColumn(k);
    reviews.getRange(`${column}${first}:${column}${last}`).formulas = rows.map((row) => [
      discussFormula(meta.reviews!.sheet, `${idSheet}$${cols.id}${row}`, c.criterionId, meta.sdThreshold),
    ]);
  });
}

/** Every team formula of the scorecard, and the discuss formats of its criterion columns (also after a reorder). */
export function queueTeamFormulas(context: Excel.RequestContext, data: ScorecardData, meta: ScorecardMeta) {
  const cols = data.columns;
  const { first, last } = bodyRows(data);
  queueTeamRows(context, data, meta, first, last);
  const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
  const reviews = context.workbook.worksheets.getItem(meta.reviews!.sheet);
  cols.criteria.forEach((c, k) => {
    reviews.getRange(`${discussColumn(k)}1`).values = [[`Discuss: ${c.criterionId}`]];
    const range = sheet.getRange(`${c.column}2:${c.column}${SHEET_LAST_ROW}`);
    range.conditionalFormats.clearAll();
    const format = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType.custom);
    format.custom.rule.formula = discussRuleFormula(meta.reviews!.sheet, k, 2);
    format.custom.format.fill.color = DISCUSS_FILL;
    format.custom.format.font.color = DISCUSS_FONT;
  });
  const firstBlock = discussColumn(0);
  const lastBlock = discussColumn(cols.criteria.length - 1);
  reviews.getRange(`${REVIEWS_LAYOUT.order}:${REVIEWS_LAYOUT.square}`).columnHidden = true;
  reviews.getRange(`${firstBlock}:${lastBlock}`).columnHidden = true;
}

function queueConsensusCells(context: Excel.RequestContext, data: ScorecardData, meta: ScorecardMeta) {
  const cols = data.columns;
  const { first, last } = bodyRows(data);
  const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
  for (const c of cols.criteria) {
    const formulas: string[][] = [];
    for (let row = first; row <= last; row++)
      formulas.push([
        consensusFormula(meta.reviews!.sheet, `$${cols.id}${row}`, c.criterionId, meta.consensusMethod),
      ]);
    sheet.getRange(`${c.column}${first}:${c.column}${last}`).formulas = formulas;
  }
}

function createReviewsSheet(
  context: Excel.RequestContext,
  place: SheetTable,
  data: ScorecardData,
): Excel.Worksheet {
  const sheet = context.workbook.worksheets.add(place.sheet);
  sheet.getRange(rangeAddress(0, 0, 1, REVIEW_COLUMNS.length)).values = [[...REVIEW_COLUMNS]];
  // The table is made over the header and one body row; the rows written below it join it.
  const table = sheet.tables.add(sheet.getRange(rangeAddress(0, 0, 2, REVIEW_COLUMNS.length)), true);
  table.name = place.table;
  const score = sheet.getRange(
    `${REVIEWS_LAYOUT.score}2:${REVIEWS_LAYOUT.score}${SHEET_LAST_ROW}`,
  ).dataValidation;
  // Cleared first: a rule set over other validation throws InvalidArgument (office-js #2594).
  score.clear();
  score.rule = {
    decimal: { formula1: data.config.scale.min, formula2: data.config.scale.max, operator: "Between" },
  };
  sheet.getRange("A:A").format.columnWidth = 120;
  sheet.getRange("E:E").format.columnWidth = 260;
  sheet.getRange("F:F").format.columnWidth = 150;
  return sheet;
}

/** The Scorecard's body rows (a new scorecard's placeholder row 2 when it has no agreement). */
/** The Scorecard rows that hold agreements, first to last (row 2 alone for an empty scorecard). */
export function bodyRows(data: Pick<ScorecardData, "rows">) {
  if (data.rows.length === 0) return { first: 2, last: 2 };
  // Not Math.min(...rows): spreading 100,000 arguments overflows the call stack.
  return {
    first: data.rows.reduce((a, b) => Math.min(a, b)),
    last: data.rows.reduce((a, b) => Math.max(a, b)),
  };
}
