/**
 * Switching a scorecard between one analyst and a team (docs/architecture.md §2 "Several reviewers"), and
 * choosing the team's consensus method.
 *
 * To a team: every score already in the grid becomes a review by the reviewer who switches (with
 * the rationale kept in Notes). A scorecard that was a team's before keeps its Reviews; where the
 * analyst's score differs from that earlier consensus, the earlier reviews of the cell are withdrawn
 * (score cleared, rationale kept, recorded in the Audit sheet), so no score changes. Then the
 * index of the reviews is built (consensusIndex.ts), the criterion cells get live consensus
 * formulas that read it, and a conditional format flags the cells to discuss. Back to one analyst:
 * the criterion cells keep the consensus as plain values; the Reviews sheet stays as the record.
 * Both refuse to run over a co-author's change made since the caller's read (version stamp).
 */
import type { ConsensusMethod } from "../../scoring/consensus";
import { rangeAddress, SHEET_LAST_ROW } from "../contract/addresses";
import { auditValue, type Change } from "../write/audit";
import { indexFits, queueIndexLook } from "./consensusIndex";
import { REVIEW_COLUMNS, SHEET, TABLE } from "../contract/contract";
import { WorkbookError, syncOrExplain } from "../errors";
import type { ScorecardMeta, SheetTable } from "../contract/meta";
import { freeSheetName, freeTableName } from "../contract/freeNames";
import { splitNotes } from "../agreements/rationale";
import { consensusValueFormula, INDEX_LAYOUT } from "./reviewFormulas";
import {
  appendRowIndex,
  parseReviews,
  queueRowWrites,
  sameReviewer,
  teamConsensus,
  withWrites,
  type ReviewRowWrite,
} from "./reviewRows";
import { queueTableRead, type TableRows } from "./reviewWindows";
import type { ExcelRun } from "../run";
import { writeBatch, type WriteSession } from "../write/session";
import { queueOwnSheetDelete } from "../scorecard/sheetSetup";
import { bodyRows, indexCriteria, queueTeamFormulas } from "./teamFormulas";
import { isLegacy, writeIndexRebuild, queueLegacyRemoval, UPGRADE_CHANGE } from "./indexRebuild";
import { asText } from "../contract/userText";
import type { ScorecardData } from "../model";

export { bodyRows, DISCUSS_FILL, DISCUSS_FONT, queueTeamFormulas, queueTeamRows } from "./teamFormulas";

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
  const scale = data.config.scale;

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
      // In windows whatever its size: a switch is rare, and has no second try.
      const existing = meta.reviews
        ? queueTableRead(workbook.tables.getItem(meta.reviews.table), Infinity)
        : null;
      const names = {
        sheets: workbook.worksheets.load("items/name"),
        tables: workbook.tables.load("items/name"),
        defined: workbook.names.load("items/name"),
      };
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      const place: SheetTable = meta.reviews ?? {
        sheet: freeSheetName(
          SHEET.reviews,
          names.sheets.items.map((s) => s.name),
        ),
        table: freeTableName(TABLE.reviews, [
          ...names.tables.items.map((t) => t.name),
          ...names.defined.items.map((n) => n.name),
        ]),
      };
      const next: ScorecardMeta = { ...meta, mode: "team", consensusMethod: method, reviews: place };

      // The reviews the team already has (a scorecard switched back and forth), read fresh.
      const table: TableRows = existing
        ? await existing.rows(context)
        : { values: [[...REVIEW_COLUMNS], REVIEW_COLUMNS.map(() => "")], rowIndex: 0, columnIndex: 0 };
      const parsed = parseReviews(next, table, data.agreements, scale);
      const kept = parsed.reviews;
      const consensus = teamConsensus(next, kept, scale);
      const writes: ReviewRowWrite[] = [];
      const added: Change[] = [];
      const withdrawn: Change[] = [];
      const firstFree = appendRowIndex(table, parsed.positions);
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
            writes.push({ row: earlier.row, values: [null, null, null, "", null, null] });
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
          const own = [score, asText(rationale[c.id] ?? mine?.rationale ?? ""), asText(session.time)];
          if (mine) {
            writes.push({ row: mine.row, values: [null, null, null, ...own] });
            continue;
          }
          writes.push({
            row: firstFree + added.length + 1,
            values: [asText(who), asText(a.id), asText(c.id), ...own],
          });
          added.push({
            what: "review",
            agreementId: a.id,
            subject: criterionName(c.id),
            before: "",
            after: auditValue(score),
          });
        }
      });
      const indexExists = names.sheets.items.some((s) => s.name === SHEET.consensus);
      const legacy = meta.reviews !== null && isLegacy(parsed, indexExists);
      const sheet = meta.reviews
        ? workbook.worksheets.getItem(place.sheet)
        : createReviewsSheet(context, place, data);
      const columns = legacy
        ? await queueLegacyRemoval(context, next, table, parsed)
        : { columns: { ...parsed.columns, sheet: place.sheet }, positions: parsed.positions };
      queueRowWrites(sheet, table.columnIndex, columns.positions, writes);
      // The reviews, their Audit rows and the switch go in one sync; the index and the formulas,
      // which Repair formulas can always write again, follow.
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
      if (legacy) session.record([UPGRADE_CHANGE]);
      session.record(withdrawn);
      session.record(added);
      const written = session.commit();
      const after = parseReviews(next, withWrites(table, parsed.positions, writes), data.agreements, scale);
      await writeIndexRebuild(context, next, data.agreements, scale, after, columns.columns);
      queueTeamFormulas(context, data, next);
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
  return strictWrite(run, data, options, async (context, session) => {
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
    // Nothing reads the index any more; a switch back to the team builds it again.
    if (data.consensusIndex) queueOwnSheetDelete(context.workbook.worksheets.getItem(SHEET.consensus));
    session.update({ mode: "single" });
    session.record([{ what: "mode", agreementId: "", subject: "", before: "team", after: "one analyst" }]);
  });
}

/**
 * Rewrites the consensus formulas with another method (mean or median): in a team scorecard, the
 * consensus column of each index row (the Scorecard's cells only look them up). An index that is
 * missing, unrecognised or still schema 3's is rebuilt instead.
 */
export async function setConsensusMethod(
  run: ExcelRun,
  data: ScorecardData,
  method: ConsensusMethod,
  options: { reviewer: string; now?: Date },
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  if (meta.consensusMethod === method) return meta;
  const next = { ...meta, consensusMethod: method };
  const look = (context: Excel.RequestContext) =>
    meta.mode === "team" && data.consensusIndex ? queueIndexLook(context.workbook) : null;
  return strictWrite(
    run,
    data,
    options,
    async (context, session, looked) => {
      if (meta.mode === "team") {
        const head = looked?.read() ?? null;
        if (head && indexFits(head, indexCriteria(meta))) {
          const sheet = context.workbook.worksheets.getItem(SHEET.consensus);
          const rows = head.ids.length;
          head.shape.criteria.forEach((_, k) => {
            const column = INDEX_LAYOUT.firstCriterion + 2 * k;
            const first = INDEX_LAYOUT.firstRow;
            if (rows > 0)
              sheet.getRange(rangeAddress(first - 1, column, rows, 1)).formulas = head.ids.map((_, i) => [
                consensusValueFormula(head.shape, k, first + i, method),
              ]);
          });
        } else await refreshTeamIndex(context, data, next, session);
      }
      session.update({ consensusMethod: method });
      session.record([
        {
          what: "consensus method",
          agreementId: "",
          subject: "",
          before: meta.consensusMethod,
          after: method,
        },
      ]);
    },
    look,
  );
}

/**
 * Builds the index of the reviews again from the Reviews table as it is now, upgrading a schema-3
 * table on the way, and writes the Scorecard's team formulas and discuss formats: what "Repair
 * formulas" does for a team. A few syncs: the table is read fresh, in windows when large.
 */
export async function refreshTeamIndex(
  context: Excel.RequestContext,
  data: ScorecardData,
  meta: ScorecardMeta,
  session: WriteSession,
): Promise<void> {
  // In windows whatever its size: Repair is rare, and has no second try.
  const read = queueTableRead(context.workbook.tables.getItem(meta.reviews!.table), Infinity);
  await syncOrExplain(context, meta.reviews!.sheet);
  const table = await read.rows(context);
  const scale = data.config.scale;
  const parsed = parseReviews(meta, table, data.agreements, scale);
  const legacy = isLegacy(parsed, data.consensusIndex === true);
  const columns = legacy ? (await queueLegacyRemoval(context, meta, table, parsed)).columns : parsed.columns;
  await writeIndexRebuild(context, meta, data.agreements, scale, parsed, columns);
  queueTeamFormulas(context, data, meta);
  if (legacy) session.record([UPGRADE_CHANGE]);
}

/** A write that refuses to run over any change made since `data` was read: look, queue, write. */
function strictWrite<T>(
  run: ExcelRun,
  data: ScorecardData,
  options: { reviewer: string; now?: Date },
  queue: (context: Excel.RequestContext, session: WriteSession, looked: T | null) => Promise<void>,
  look: (context: Excel.RequestContext) => T | null = () => null,
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  const author = options.reviewer.trim() || "unknown";
  const writes = [meta.sheets.scorecard, ...(meta.reviews ? [meta.reviews.sheet] : [])];
  return writeBatch(
    run,
    meta,
    { author, requireUnchanged: true, now: options.now, writes },
    async (context, session) => {
      const looked = look(context);
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      await queue(context, session, looked);
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.scorecard);
      return written;
    },
  );
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
  // Column D is Score in a table the add-in makes (REVIEW_COLUMNS).
  const score = sheet.getRange(`D2:D${SHEET_LAST_ROW}`).dataValidation;
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
