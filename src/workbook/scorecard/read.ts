/**
 * Reads the whole scorecard back into the model in one sync (docs/architecture.md §5): metadata, both tables,
 * the scale. Everything the pane shows can be rebuilt from what this returns (docs/architecture.md §3).
 * Cells the model cannot use are reported as issues with their address, not thrown, so one bad
 * cell does not hide the rest of the scorecard.
 */
import { AUDIT_COLUMNS, NAME, SHEET } from "../contract/contract";
import { WorkbookError, excelErrorCode, explainExcelError } from "../errors";
import { WEIGHTS_LAYOUT } from "../contract/layout";
import { decodeMeta, type ScorecardMeta } from "../contract/meta";
import type { CellIssue, ReviewRecord, ScorecardData, ScorecardLocation } from "../model";
import type { ExcelRun } from "../run";
import { SHEET_LAST_ROW } from "../contract/addresses";
import { readRowWindows } from "../write/payload";
import { profilesFromRows } from "../weights/profiles";
import { auditFromRows, unfinishedChanges } from "../write/audit";
import { parseReviews, teamConsensus } from "../team/reviewRows";
import { queueTableRead, type TableRows } from "../team/reviewWindows";
import { CONSENSUS_FLAG } from "../team/reviewFormulas";
import { leafColumns, leafName, leafPlace, leafScore, scoredLeaves } from "../team/leaves";
import { verifyComputed } from "./verify";
import { findResultsSheet } from "./locate";
import { nameIssues, nameState } from "../contract/definedNames";
import { readTeamWeights } from "../weights/readTeamWeights";
import { parseScorecardTables, policyIssues, resultsMissing } from "./parseScorecard";

/**
 * A scorecard with more agreements than this at the last read is read in windows from the start
 * (readRowWindows, sized by bytes); a smaller one in the main sync, and in windows only when Excel
 * refuses that reply as over 5 MB.
 */
export const READ_CHUNK_ROWS = 5000;

/**
 * The Audit trail only grows, so the pane reads only its newest rows: enough for an agreement's
 * recent history and for naming who made a conflicting change. The whole trail stays on the sheet.
 */
export const AUDIT_TAIL_ROWS = 2000;
/** Rows a co-author may have appended since the last read that the main sync still catches. */
const AUDIT_SLACK_ROWS = 200;

export async function readScorecard(run: ExcelRun, location: ScorecardLocation): Promise<ScorecardData> {
  const large = (location.rowCountHint ?? 0) > READ_CHUNK_ROWS;
  try {
    return await readOnce(run, location, large);
  } catch (error) {
    // A scorecard that grew since it was last read: read it again, in chunks.
    const cause = error instanceof WorkbookError ? error.cause : error;
    if (!large && excelErrorCode(cause) === "ResponsePayloadSizeLimitExceeded")
      return readOnce(run, location, true);
    throw error;
  }
}

async function readOnce(
  run: ExcelRun,
  location: ScorecardLocation,
  chunked: boolean,
  auditGone = false,
): Promise<ScorecardData> {
  const expected = location.meta;
  return run(async (context) => {
    const workbook = context.workbook;
    const metaRange = workbook.names.getItem(NAME.meta).getRange().load("values");
    const scorecard = workbook.tables.getItem(expected.scorecardTable);
    const header = scorecard.getHeaderRowRange().load("values, columnIndex");
    const body = scorecard
      .getDataBodyRange()
      .load(chunked ? "rowIndex, columnIndex, rowCount, columnCount" : "values, rowIndex, columnIndex");
    const weights = workbook.tables
      .getItem(expected.weightsTable)
      .getDataBodyRange()
      // With the team weights on, the Weight column's formulas are checked too (weights/readTeamWeights.ts).
      .load(
        expected.teamWeights ? "values, formulas, rowIndex, columnIndex" : "values, rowIndex, columnIndex",
      );
    const weightsHeader = workbook.tables.getItem(expected.weightsTable).getHeaderRowRange().load("values");
    // Sheets are found through their tables, so a sheet renamed by hand is named as it is now.
    const scorecardSheet = scorecard.worksheet.load("name");
    const weightsSheet = workbook.tables.getItem(expected.weightsTable).worksheet.load("name");
    const policyCell = workbook.tables
      .getItem(expected.weightsTable)
      .worksheet.getRange(WEIGHTS_LAYOUT.policyCell)
      .load("values");
    // A name whose cells were deleted (#REF!) gives a null range, not a failed read.
    const scaleMin = workbook.names.getItem(NAME.scaleMin).getRangeOrNullObject().load("values");
    const scaleMax = workbook.names.getItem(NAME.scaleMax).getRangeOrNullObject().load("values");
    const definedNames = workbook.names.load("items/name, items/formula");
    const sheetList = workbook.worksheets.load("items/name");
    // The indicator weights table (issue 16), once a criterion has indicators.
    const indicatorTable = expected.indicatorsTable
      ? workbook.tables.getItem(expected.indicatorsTable)
      : null;
    const indicatorHeader = indicatorTable?.getHeaderRowRange().load("values") ?? null;
    const indicatorBody = indicatorTable?.getDataBodyRange().load("values, rowIndex, columnIndex") ?? null;
    const profiles = expected.profilesTable
      ? workbook.tables.getItem(expected.profilesTable).getRange().load("values")
      : null;
    // Whole in this sync while small; in windows, after it, when it was large at the last read or
    // the scorecard is read in chunks.
    const reviews = expected.reviews
      ? queueTableRead(
          workbook.tables.getItem(expected.reviews.table),
          chunked ? Infinity : (location.reviewCountHint ?? 0),
        )
      : null;
    // One row per reviewer × criterion: read whole, in this sync.
    const reviewerWeights = expected.reviewerWeights
      ? queueTableRead(workbook.tables.getItem(expected.reviewerWeights.table), 0)
      : null;
    const audit = expected.audit ? loadAuditTail(workbook, expected.audit.table, location, chunked) : null;
    try {
      await context.sync();
    } catch (error) {
      if (excelErrorCode(error) === "ItemNotFound") {
        // A write since the last read removed a table the metadata then named (the indicator
        // weights table, when the last indicators went): read with the metadata as it is now.
        const now = workbook.names.getItemOrNullObject(NAME.meta).getRangeOrNullObject().load("values");
        await context.sync();
        if (!now.isNullObject) {
          const decoded = decodeMeta(now.values);
          // An Audit table found gone is read without (readWithoutAudit), as the metadata still names it.
          const stored = auditGone ? { ...decoded, audit: null } : decoded;
          if (!sameTables(stored, expected))
            return readOnce(run, { ...location, meta: stored }, chunked, auditGone);
        }
        const missing = await diagnoseMissing(context, expected, error);
        // Only once, and only when it is the Audit table that is gone (not any error without a table).
        if (
          !auditGone &&
          expected.audit !== null &&
          missing instanceof WorkbookError &&
          missing.code === "TableMissing" &&
          missing.place.table === expected.audit.table
        )
          return readWithoutAudit(run, location, chunked);
        throw missing;
      }
      throw explainExcelError(error, expected.sheets.scorecard);
    }
    const values = chunked ? await readRowWindows(context, scorecardSheet, body) : body.values;
    const decoded = decodeMeta(metaRange.values);
    const sheetNames = sheetList.items.map((s) => s.name);
    const results = sheetNames.includes(decoded.sheets.results)
      ? decoded.sheets.results
      : await findResultsSheet(context, sheetNames);
    const stored = {
      ...decoded,
      sheets: {
        ...decoded.sheets,
        scorecard: scorecardSheet.name,
        weights: weightsSheet.name,
        results: results ?? decoded.sheets.results,
      },
    };
    const meta = auditGone ? { ...stored, audit: null } : stored;
    if (!sameTables(meta, expected)) {
      // A co-author created a table since we last looked (first profile, Reviews, Audit, Reviewer
      // weights) or turned the team weights on or off: read with it.
      return readOnce(run, { ...location, meta }, chunked, auditGone);
    }
    const names = nameState(
      meta,
      definedNames.items.map((n) => ({ name: n.name, formula: String(n.formula) })),
      scaleMin.isNullObject || scaleMax.isNullObject,
    );
    const parsed = parseScorecardTables(
      meta,
      header.values[0],
      header.columnIndex,
      values,
      body.rowIndex,
      weightsHeader.values[0],
      weights,
      names.scaleBroken ? [meta.scale.min, meta.scale.max] : [scaleMin.values[0][0], scaleMax.values[0][0]],
      indicatorHeader && indicatorBody ? { header: indicatorHeader.values[0], body: indicatorBody } : null,
    );
    // Typed-over Coverage, Weighted score or Rank cells are reported, never trusted.
    const verified = verifyComputed({ ...parsed, meta });
    const brokenNames = nameIssues(parsed.location.meta, names, parsed.normalizedCells, parsed.indicatorRows);
    const data = {
      ...parsed,
      names,
      computed: verified.computed,
      // With a name gone every score is an error: one issue says why, not one per row.
      issues: [
        ...parsed.issues,
        ...(brokenNames.length > 0 ? brokenNames : verified.issues),
        // The scale's issue covers the policy cell beside it, which went with column H.
        ...(names.scaleBroken ? [] : policyIssues(meta, policyCell.values[0][0])),
        ...(results === null ? [resultsMissing(meta)] : []),
      ],
    };
    const consensusIndex = sheetNames.includes(SHEET.consensus);
    const team = reviews
      ? readTeam(meta, await reviews.rows(context), data, consensusIndex)
      : { reviews: [], consensus: [], issues: [], shown: data.issues };
    const teamWeights = readTeamWeights(
      meta,
      reviewerWeights ? await reviewerWeights.rows(context) : null,
      data.config.criteria,
      data.weightCells,
      // Loaded when the team weights are on (a read that finds them turned on reads again, above).
      expected.teamWeights ? weights : null,
    );
    const trail = audit
      ? await readAuditTail(context, audit)
      : { rows: [], complete: true, rowCount: 0, firstRow: 2 };
    return {
      ...data,
      location: {
        ...data.location,
        auditRowCountHint: trail.rowCount,
        reviewCountHint: team.reviews.length,
      },
      consensusIndex,
      issues: [
        ...team.shown,
        ...team.issues,
        ...teamWeights.issues,
        ...(meta.audit ? unfinishedChanges(meta.audit, trail.rows, trail.firstRow) : []),
      ],
      reviews: team.reviews,
      consensus: team.consensus,
      reviewerWeights: teamWeights.reviewerWeights,
      team: teamWeights.team,
      audit: auditFromRows(trail.rows),
      auditComplete: trail.complete,
      profiles: profiles ? profilesFromRows(profiles.values.slice(1)) : [],
    };
  });
}

interface AuditLoad {
  sheet: Excel.Worksheet;
  body: Excel.Range;
  /** The rows guessed from the last read's row count, loaded in the main sync, from row `from`. */
  guess: { from: number; range: Excel.Range } | null;
}

/**
 * Queues, for the main sync, where the Audit table's body is and — when the scorecard is read in
 * one sync — its newest rows as far as the last read's row count lets us guess them. Cells past
 * the body's end that the guess takes in are dropped once the real end is known.
 */
function loadAuditTail(
  workbook: Excel.Workbook,
  table: string,
  location: ScorecardLocation,
  chunked: boolean,
): AuditLoad {
  const auditTable = workbook.tables.getItem(table);
  const body = auditTable.getDataBodyRange().load("rowIndex, columnIndex, rowCount");
  const sheet = auditTable.worksheet.load("name");
  if (chunked) return { sheet, body, guess: null };
  // Without a last read to go by, the guess is a short trail: one sync for a young scorecard.
  const hint = location.auditRowCountHint ?? 0;
  const from = Math.max(0, hint - AUDIT_TAIL_ROWS);
  // The body starts on row 2 of the sheet at the earliest: the guess stays on the sheet.
  const to = Math.min(hint + AUDIT_SLACK_ROWS, SHEET_LAST_ROW - 1);
  const range = body
    .getCell(from, 0)
    .getResizedRange(to - from - 1, AUDIT_COLUMNS.length - 1)
    .load("values");
  return { sheet, body, guess: { from, range } };
}

/**
 * The newest AUDIT_TAIL_ROWS rows of the Audit table: those the main sync's guess holds, and any it
 * missed (a first read, a trail that grew more than the slack or shrank by hand) in windows.
 */
async function readAuditTail(context: Excel.RequestContext, { sheet, body, guess }: AuditLoad) {
  const rowCount = body.rowCount;
  const first = Math.max(0, rowCount - AUDIT_TAIL_ROWS);
  const area = {
    rowIndex: body.rowIndex,
    columnIndex: body.columnIndex,
    rowCount,
    columnCount: AUDIT_COLUMNS.length,
  };
  const held = guess
    ? { from: Math.max(first, guess.from), to: Math.min(rowCount, guess.from + guess.range.values.length) }
    : { from: rowCount, to: rowCount };
  if (held.from >= held.to) held.from = held.to = rowCount;
  const older = await readRowWindows(context, sheet, area, { from: first, to: held.from });
  const guessed = guess ? guess.range.values.slice(held.from - guess.from, held.to - guess.from) : [];
  const newer = await readRowWindows(context, sheet, area, { from: held.to, to: rowCount });
  return {
    rows: [...older, ...guessed, ...newer],
    complete: first === 0,
    rowCount,
    // The sheet row of the first of them, for issues that point at a row of the trail.
    firstRow: body.rowIndex + 1 + first,
  };
}

/**
 * The trail is a record, not a part the scorecard needs: if its table was deleted by hand, the
 * scorecard is read without it (the next change starts a new Audit sheet) and the pane says so.
 */
async function readWithoutAudit(run: ExcelRun, location: ScorecardLocation, chunked: boolean) {
  const audit = location.meta.audit!;
  const data = await readOnce(run, { ...location, meta: { ...location.meta, audit: null } }, chunked, true);
  data.issues.push({
    sheet: audit.sheet,
    address: "A1",
    row: 1,
    column: "Time",
    agreementId: "",
    message: `The Audit table "${audit.table}" (sheet "${audit.sheet}") is gone, so the history of earlier changes cannot be shown. The next change starts a new Audit sheet.`,
  });
  return data;
}

/**
 * The Reviews table and, in team mode, the consensus the model computes from it, checked against
 * the criterion cells: a cell that differs had its consensus formula typed over. A cell showing
 * CONSENSUS_FLAG gets an issue that says why instead of the scorecard's "not a number" one.
 * `shown` is the scorecard's own issues, less those.
 */
function readTeam(
  meta: ScorecardMeta,
  table: TableRows,
  data: Omit<ScorecardData, "profiles" | "reviews" | "consensus" | "audit" | "auditComplete">,
  indexExists: boolean,
) {
  const scale = data.config.scale;
  const { reviews, issues, legacy } = parseReviews(meta, table, data.agreements, scale);
  if (meta.mode !== "team") return { reviews, consensus: [], issues, shown: data.issues };
  const flagged = (i: CellIssue) =>
    i.sheet === meta.sheets.scorecard &&
    i.criterionId !== undefined &&
    i.message.includes(`"${CONSENSUS_FLAG}" is not a number`);
  const shown = data.issues.filter((i) => !flagged(i));
  const why = unindexedWhy(meta, reviews);
  for (const i of data.issues.filter(flagged))
    issues.push({
      ...i,
      repairable: true,
      message: `${i.message.slice(0, i.message.lastIndexOf(`: "${CONSENSUS_FLAG}"`))}: ${why}`,
    });
  if (!indexExists) issues.push(indexMissing(meta, legacy.length > 0));
  const consensus = teamConsensus(meta, reviews, scale);
  const byCell = new Map(consensus.map((c) => [`${c.agreementId}\u0000${c.criterionId}`, c.value]));
  const sheet = meta.sheets.scorecard;
  // Each leaf (a criterion scored directly, an indicator) holds a consensus; a criterion scored
  // through indicators holds its formula over them, which parseIndicators.ts checks.
  const leaves = leafColumns(meta, data.columns);
  const leafOf = new Map(scoredLeaves(meta).map((l) => [l.id, l]));
  data.agreements.forEach((a, i) => {
    if (a.id === "") return;
    leaves.forEach(({ leafId, column }) => {
      const expected = byCell.get(`${a.id}\u0000${leafId}`) ?? null;
      const shownValue = leafScore(a, leafOf.get(leafId)!);
      const alreadyReported = data.issues.some(
        (x) => x.row === data.rows[i] && (x.indicatorId ?? x.criterionId) === leafId,
      );
      const agree =
        expected === null
          ? shownValue === null
          : shownValue !== null && Math.abs(shownValue - expected) <= 1e-9;
      if (agree || alreadyReported) return;
      const address = `${column}${data.rows[i]}`;
      const name = leafName(data, leafId);
      issues.push({
        sheet,
        address,
        row: data.rows[i],
        column: name,
        agreementId: a.id,
        ...leafPlace(leafOf.get(leafId)),
        repairable: true,
        message: `${sheet}!${address} (agreement "${a.name || a.id}", ${name}) shows ${shownValue ?? "nothing"} but the reviewers' consensus is ${expected ?? "none"}: its consensus formula was typed over. Score on the Score tab; "Repair formulas" on the Results tab puts the formulas back.`,
      });
    });
  });
  return { reviews, consensus, issues, shown };
}

/** Why a criterion cell shows CONSENSUS_FLAG, and what to do about it. */
function unindexedWhy(meta: ScorecardMeta, reviews: ReviewRecord[]): string {
  const untimed = reviews.filter((r) => r.time.trim() === "").map((r) => `${meta.reviews!.sheet}!A${r.row}`);
  const typed =
    untimed.length > 0
      ? ` (rows without a time were typed by hand: ${untimed.slice(0, 3).join(", ")}${untimed.length > 3 ? " …" : ""})`
      : "";
  return `shows "${CONSENSUS_FLAG}": the Reviews table was sorted, or reviews were typed, pasted, moved or deleted in it by hand${typed}, so the index the consensus formulas read cannot vouch for this cell, which shows no number rather than a wrong one. "Repair formulas" on the Results tab, or the next review saved in the pane, indexes the reviews again; no score changes.`;
}

/**
 * A team scorecard without the index of the reviews: still computing its consensus with schema
 * 3's formulas, or with the index's sheet deleted.
 */
function indexMissing(meta: ScorecardMeta, legacy: boolean): CellIssue {
  const sheet = meta.reviews!.sheet;
  const what = legacy
    ? `The team's consensus formulas are an earlier version's (helper columns Order and Square on sheet "${sheet}"), which slow Excel down more with every review.`
    : `The index of the reviews that the team's consensus formulas read (very hidden sheet "${SHEET.consensus}") is gone.`;
  return {
    sheet,
    address: "A1",
    row: 1,
    column: "Reviewer",
    agreementId: "",
    repairable: true,
    message: `${what} The next review saved in the pane, or "Repair formulas" on the Results tab, ${legacy ? "upgrades them" : "builds it again"}; no review or score changes.`,
  };
}

/** Only on the failure path: a second look to say which part of the scorecard is gone. */
/**
 * Do both metadata name the same optional tables, and agree on the team weights being on? When
 * not, a read with the older one loads tables that are not there, or misses ones that are.
 */
function sameTables(a: ScorecardMeta, b: ScorecardMeta): boolean {
  const same = (x: { table: string } | null, y: { table: string } | null) =>
    (x?.table ?? null) === (y?.table ?? null);
  return (
    a.profilesTable === b.profilesTable &&
    a.indicatorsTable === b.indicatorsTable &&
    same(a.reviews, b.reviews) &&
    same(a.audit, b.audit) &&
    same(a.reviewerWeights, b.reviewerWeights) &&
    (a.teamWeights === null) === (b.teamWeights === null)
  );
}

async function diagnoseMissing(context: Excel.RequestContext, meta: ScorecardMeta, cause: unknown) {
  const workbook = context.workbook;
  const checks = [
    {
      kind: "table",
      name: meta.scorecardTable,
      sheet: meta.sheets.scorecard,
      item: workbook.tables.getItemOrNullObject(meta.scorecardTable),
    },
    {
      kind: "table",
      name: meta.weightsTable,
      sheet: meta.sheets.weights,
      item: workbook.tables.getItemOrNullObject(meta.weightsTable),
    },
    {
      kind: "name",
      name: NAME.scaleMin,
      sheet: meta.sheets.weights,
      item: workbook.names.getItemOrNullObject(NAME.scaleMin),
    },
    {
      kind: "name",
      name: NAME.scaleMax,
      sheet: meta.sheets.weights,
      item: workbook.names.getItemOrNullObject(NAME.scaleMax),
    },
    {
      kind: "name",
      name: NAME.meta,
      sheet: meta.sheets.meta,
      item: workbook.names.getItemOrNullObject(NAME.meta),
    },
  ];
  const profiles = meta.profilesTable ? { table: meta.profilesTable, sheet: "Profiles" } : null;
  const indicators = meta.indicatorsTable
    ? { table: meta.indicatorsTable, sheet: meta.sheets.weights }
    : null;
  for (const place of [meta.reviews, meta.audit, profiles, meta.reviewerWeights, indicators]) {
    if (place)
      checks.push({
        kind: "table",
        name: place.table,
        sheet: place.sheet,
        item: workbook.tables.getItemOrNullObject(place.table),
      });
  }
  for (const c of checks) c.item.load("name");
  await context.sync();
  const missing = checks.find((c) => c.item.isNullObject);
  if (!missing) return explainExcelError(cause, meta.sheets.scorecard);
  if (missing.kind === "table") {
    return new WorkbookError(
      "TableMissing",
      `The table "${missing.name}" (sheet "${missing.sheet}") is gone: it was deleted, converted to a range or renamed. Undo that change, or rename the table back to "${missing.name}".`,
      { table: missing.name, sheet: missing.sheet },
      cause,
    );
  }
  return new WorkbookError(
    "MetadataMissing",
    `The defined name "${missing.name}" that the scorecard's formulas use is gone. Undo the change that removed it, or restore the workbook from a saved copy.`,
    { sheet: missing.sheet },
    cause,
  );
}
