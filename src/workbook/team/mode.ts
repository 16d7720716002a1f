/**
 * Switching a scorecard between one analyst and a team (docs/architecture.md §2 "Several reviewers"), and
 * choosing the team's consensus method.
 *
 * To a team: every score already in the grid becomes a review by the reviewer who switches (with
 * the rationale kept in Notes); where a criterion is scored through indicators, each indicator's
 * score is the review (team/leaves.ts), and the criterion keeps its formula over them. A scorecard that was a team's before keeps its Reviews; where the
 * analyst's score differs from that earlier consensus, the earlier reviews of the cell are withdrawn
 * (score cleared, rationale kept, recorded in the Audit sheet), so no score changes. Then the
 * index of the reviews is built (consensusIndex.ts), the criterion cells get live consensus
 * formulas that read it, and a conditional format flags the cells to discuss. Back to one analyst:
 * the criterion and indicator cells keep the consensus as plain values (a criterion scored through
 * indicators keeps its formula over them); the Reviews sheet stays as the record.
 * Both refuse to run over a co-author's change made since the caller's read (version stamp).
 * Everything a switch or a change of method writes goes in chunks under Excel on the web's 5 MB
 * request limit (chunks.ts), the reviews and their Audit rows between the session's head and tail.
 */
import type { ConsensusMethod } from "../../scoring/consensus";
import { rangeAddress, SHEET_LAST_ROW } from "../contract/addresses";
import { auditValue, scorecardChange, type Change } from "../write/audit";
import { chunkRows, jsonBytes, queueInChunks } from "../write/payload";
import { indexFits, queueIndexLook, type IndexHead } from "./consensusIndex";
import { REVIEW_COLUMNS, SHEET, TABLE } from "../contract/contract";
import { checkReviewerName, fitCell } from "../contract/lengths";
import { WorkbookError, syncOrExplain } from "../errors";
import type { ScorecardMeta, SheetTable } from "../contract/meta";
import { queueTakenNames } from "../contract/freeNames";
import { splitNotes } from "../agreements/rationale";
import type { ScorecardData } from "../model";
import { consensusValueFormula, INDEX_LAYOUT } from "./reviewFormulas";
import {
  appendRowIndex,
  parseReviews,
  queueReviewRows,
  rowAtPositions,
  sameReviewer,
  teamConsensus,
  withWrites,
  type ReviewRowWrite,
} from "./reviewRows";
import { queueTableRead, type TableRows } from "./reviewWindows";
import type { ExcelRun } from "../run";
import { writeBatch, type WriteSession } from "../write/session";
import { TableAppend, TableEnd } from "../write/tables";
import { queueOwnSheetDelete } from "../scorecard/sheetSetup";
import { bodyRows, indexCriteria, writeTeamFormulas } from "./teamFormulas";
import { leafColumns, leafName, leafScore, scoredLeaves } from "./leaves";
import { isLegacy, writeIndexRebuild, queueLegacyRemoval, UPGRADE_CHANGE } from "./indexRebuild";
import { asText } from "../contract/userText";
import { lookAtBlock } from "../weights/teamBlock";
import { checkedExtent, queueSharedWeights } from "../weights/teamAggregation";

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
  checkReviewerName(who, { sheet: meta.sheets.scorecard });
  if (meta.mode === "team") return meta;
  const method = options.method ?? meta.consensusMethod;
  const criterionName = (id: string) => leafName(data, id);
  // Reviews are per leaf: a criterion scored directly, or an indicator (leaves.ts).
  const leaves = scoredLeaves(meta);
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
      const end = meta.reviews ? new TableEnd(context, meta.reviews.table) : null;
      const taken = queueTakenNames(workbook);
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      const place: SheetTable = meta.reviews ?? {
        sheet: taken.sheet(SHEET.reviews),
        table: taken.table(TABLE.reviews),
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
      // A table with a total row takes new rows above it (TableAppend): no empty row is reused.
      const firstFree = end?.totals ? end.nextRow : appendRowIndex(table, parsed.positions);
      // Each score in the grid that the team's consensus does not already give becomes this
      // reviewer's review, so that switching never changes a score.
      data.agreements.forEach((a) => {
        if (a.id === "") return;
        const rationale = splitNotes(a.notes, data.config.criteria).rationale;
        for (const c of leaves) {
          const score = leafScore(a, c);
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
              // A reviewer typed in the grid may have a name as long as a cell.
              subject: fitCell(`${criterionName(c.id)} (${earlier.reviewer}'s, superseded)`),
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
      const indexExists = taken.sheets().includes(SHEET.consensus);
      const legacy = meta.reviews !== null && isLegacy(parsed, indexExists);
      const sheet = meta.reviews
        ? workbook.worksheets.getItem(place.sheet)
        : createReviewsSheet(context, place, data);
      const columns = legacy
        ? await queueLegacyRemoval(context, next, table, parsed)
        : { columns: { ...parsed.columns, sheet: place.sheet }, positions: parsed.positions };
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
      // A new table: header row 1 and one empty body row, which the first new review fills.
      const tableEnd = end ?? {
        name: place.table,
        totals: false,
        column: 0,
        width: REVIEW_COLUMNS.length,
        nextRow: 2,
      };
      // As wide as the table is once any schema-3 helper columns are gone.
      const width = tableEnd.width - (legacy ? parsed.legacy.length : 0);
      const append = new TableAppend(
        context,
        { name: tableEnd.name, totals: tableEnd.totals, column: tableEnd.column, width },
        firstFree,
        Math.max(0, tableEnd.nextRow - firstFree),
      );
      // The reviews go in chunks under the payload budget, between the session's head and its tail
      // (session.ts): a cut part-way leaves the unfinished change in the Audit trail and the stamp
      // moved. The index and the formulas, which Repair formulas can always write again, follow.
      await queueReviewRows(context, {
        sheet,
        columnIndex: table.columnIndex,
        positions: columns.positions,
        updates: writes.filter((w) => w.row <= firstFree),
        appended: writes
          .filter((w) => w.row > firstFree)
          .map((w) => rowAtPositions(width, columns.positions, w.values)),
        append,
      });
      await syncOrExplain(context, place.sheet);
      // Rows Excel left below the table go into it, before the index points at them.
      if (await append.fixOutsideInChunks()) await syncOrExplain(context, place.sheet);
      // One Audit row per review: the trail too goes in chunks, the last with the switch itself.
      const written = await session.commitInChunks();
      await syncOrExplain(context, place.sheet);
      const after = parseReviews(next, withWrites(table, parsed.positions, writes), data.agreements, scale);
      await writeIndexRebuild(context, next, data.agreements, scale, after, columns.columns);
      await writeTeamFormulas(context, data, next);
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
  // Team weights become the scorecard's plain weights; the reviewers' rows stay as history.
  const lookAtTeamBlock = (context: Excel.RequestContext) =>
    meta.teamWeights
      ? lookAtBlock(context.workbook.worksheets.getItem(meta.sheets.weights), data.config.criteria.length)
      : null;
  return strictWrite(
    run,
    data,
    options,
    async (context, session, block) => {
      if (block) {
        const weights = context.workbook.worksheets.getItem(meta.sheets.weights);
        queueSharedWeights(weights, data, checkedExtent(block(), meta.sheets.weights));
        session.update({ teamWeights: null });
      }
      const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
      const { first, last } = bodyRows(data);
      const leafOf = new Map(scoredLeaves(meta).map((l) => [l.id, l]));
      // A criterion scored through indicators keeps its formula over them: they become values.
      for (const c of leafColumns(meta, data.columns)) {
        // The consensus as the grid shows it now becomes the analyst's score.
        const leaf = leafOf.get(c.leafId)!;
        const byRow = new Map(data.rows.map((row, i) => [row, leafScore(data.agreements[i], leaf)]));
        const values: (string | number)[][] = [];
        for (let row = first; row <= last; row++) values.push([byRow.get(row) ?? ""]);
        sheet.getRange(`${c.column}${first}:${c.column}${last}`).values = values;
        sheet.getRange(`${c.column}${first}:${c.column}${SHEET_LAST_ROW}`).conditionalFormats.clearAll();
      }
      // Nothing reads the index any more; a switch back to the team builds it again.
      if (data.consensusIndex) queueOwnSheetDelete(context.workbook.worksheets.getItem(SHEET.consensus));
      session.update({ mode: "single" });
      session.record([scorecardChange("mode", "team", "one analyst")]);
    },
    lookAtTeamBlock,
  );
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
        if (head && indexFits(head, indexCriteria(meta))) await writeConsensusFormulas(context, head, method);
        else await refreshTeamIndex(context, data, next, session);
      }
      session.update({ consensusMethod: method });
      session.record([scorecardChange("consensus method", meta.consensusMethod, method)]);
    },
    look,
  );
}

/**
 * The consensus column of every index row with `method`, in chunks of rows under the payload
 * budget, each synced but the last (left for the caller's closing sync, with the metadata).
 */
async function writeConsensusFormulas(
  context: Excel.RequestContext,
  head: IndexHead,
  method: ConsensusMethod,
) {
  const sheet = context.workbook.worksheets.getItem(SHEET.consensus);
  const first = INDEX_LAYOUT.firstRow;
  const { criteria } = head.shape;
  // Rows differ only in their row numbers: the last row's formulas are the longest.
  const last = first + head.ids.length - 1;
  const perRow = jsonBytes(criteria.map((_, k) => [consensusValueFormula(head.shape, k, last, method)]));
  await queueInChunks(
    context,
    chunkRows(head.ids.length, () => perRow),
    (from, to) => {
      if (to > from)
        criteria.forEach((_, k) => {
          const column = INDEX_LAYOUT.firstCriterion + 2 * k;
          sheet.getRange(rangeAddress(first - 1 + from, column, to - from, 1)).formulas = Array.from(
            { length: to - from },
            (_, i) => [consensusValueFormula(head.shape, k, first + from + i, method)],
          );
        });
    },
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
  await writeTeamFormulas(context, data, meta);
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
  const writes = [meta.sheets.scorecard, meta.sheets.weights, ...(meta.reviews ? [meta.reviews.sheet] : [])];
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
