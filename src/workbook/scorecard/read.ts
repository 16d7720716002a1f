/**
 * Reads the whole scorecard back into the model in one sync (docs/architecture.md §5): metadata, both tables,
 * the scale. Everything the pane shows can be rebuilt from what this returns (docs/architecture.md §3).
 * Cells the model cannot use are reported as issues with their address, not thrown, so one bad
 * cell does not hide the rest of the scorecard.
 */
import { AUDIT_COLUMNS, NAME, SHEET, WEIGHTS_COLUMNS } from "../contract/contract";
import { WorkbookError, excelErrorCode, explainExcelError } from "../errors";
import { columnsFromHeaders, findHeader, WEIGHTS_LAYOUT } from "../contract/layout";
import { decodeMeta, type ScorecardMeta } from "../contract/meta";
import type {
  AgreementRecord,
  CellIssue,
  ComputedRow,
  ReviewRecord,
  ScorecardData,
  ScorecardLocation,
} from "../model";
import type { ExcelRun } from "../run";
import { columnLetter, SHEET_LAST_ROW } from "../contract/addresses";
import { readRowWindows } from "../write/payload";
import { profilesFromRows } from "../weights/profiles";
import { auditFromRows, unfinishedChanges } from "../write/audit";
import { parseReviews, teamConsensus } from "../team/reviewRows";
import { queueTableRead, type TableRows } from "../team/reviewWindows";
import { CONSENSUS_FLAG } from "../team/reviewFormulas";
import { verifyComputed } from "./verify";
import { MAX_AGREEMENT_ID } from "../contract/userText";
import { findResultsSheet } from "./locate";
import { nameIssues, nameState } from "../contract/definedNames";

type Cell = string | number | boolean;

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
      .load("values, rowIndex, columnIndex");
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
    const definedNames = workbook.names.load("items/name");
    const sheetList = workbook.worksheets.load("items/name");
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
    const audit = expected.audit ? loadAuditTail(workbook, expected.audit.table, location, chunked) : null;
    try {
      await context.sync();
    } catch (error) {
      if (excelErrorCode(error) === "ItemNotFound") {
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
    const same = (a: { table: string } | null, b: { table: string } | null) =>
      (a?.table ?? null) === (b?.table ?? null);
    if (
      meta.profilesTable !== expected.profilesTable ||
      !same(meta.reviews, expected.reviews) ||
      !same(meta.audit, expected.audit)
    ) {
      // A co-author created a table since we last looked (first profile, Reviews, Audit): read with it.
      return readOnce(run, { ...location, meta }, chunked, auditGone);
    }
    const names = nameState(
      meta,
      definedNames.items.map((n) => n.name),
      scaleMin.isNullObject || scaleMax.isNullObject,
    );
    const parsed = parse(
      meta,
      header.values[0],
      header.columnIndex,
      values,
      body.rowIndex,
      weightsHeader.values[0],
      weights,
      names.scaleBroken ? [meta.scale.min, meta.scale.max] : [scaleMin.values[0][0], scaleMax.values[0][0]],
    );
    // Typed-over Coverage, Weighted score or Rank cells are reported, never trusted.
    const verified = verifyComputed({ ...parsed, meta });
    const brokenNames = nameIssues(parsed.location.meta, names, parsed.normalizedCells);
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
        ...(meta.audit ? unfinishedChanges(meta.audit, trail.rows, trail.firstRow) : []),
      ],
      reviews: team.reviews,
      consensus: team.consensus,
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
  data.agreements.forEach((a, i) => {
    if (a.id === "") return;
    data.config.criteria.forEach((c, k) => {
      const expected = byCell.get(`${a.id}\u0000${c.id}`) ?? null;
      const shownValue = a.scores[c.id];
      const alreadyReported = data.issues.some((x) => x.row === data.rows[i] && x.criterionId === c.id);
      const agree =
        expected === null
          ? shownValue === null
          : shownValue !== null && Math.abs(shownValue - expected) <= 1e-9;
      if (agree || alreadyReported) return;
      const address = `${data.columns.criteria[k].column}${data.rows[i]}`;
      issues.push({
        sheet,
        address,
        row: data.rows[i],
        column: c.name,
        agreementId: a.id,
        criterionId: c.id,
        repairable: true,
        message: `${sheet}!${address} (agreement "${a.name || a.id}", ${c.name}) shows ${shownValue ?? "nothing"} but the reviewers' consensus is ${expected ?? "none"}: its consensus formula was typed over. Score on the Score tab; "Repair formulas" on the Results tab puts the formulas back.`,
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
  for (const place of [meta.reviews, meta.audit, profiles]) {
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

const numberOrNull = (v: Cell): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function parse(
  meta: ScorecardMeta,
  headers: Cell[],
  firstColumn: number,
  body: Cell[][],
  bodyRowIndex: number,
  weightsHeaders: Cell[],
  weightsBody: { values: Cell[][]; rowIndex: number; columnIndex: number },
  [rawMin, rawMax]: Cell[],
): Omit<ScorecardData, "profiles" | "reviews" | "consensus" | "audit" | "auditComplete" | "names"> {
  const sheet = meta.sheets.scorecard;
  const table = meta.scorecardTable;
  const resolved = columnsFromHeaders(headers, firstColumn, meta, { table, sheet });
  const {
    id: idCol,
    name: nameCol,
    type: typeCol,
    parties: partiesCol,
    signed: signedCol,
    coverage: coverageCol,
    score: scoreCol,
    rank: rankCol,
    notes: notesCol,
  } = resolved.index;
  const criterionCols = resolved.criterionIndex;

  const scale = readScale(meta, rawMin, rawMax);
  const { criteria, weightCells, normalizedCells } = readWeights(meta, weightsHeaders, weightsBody);
  const weightIssues: CellIssue[] = criteria.every((c) => c.weight === 0)
    ? [
        {
          sheet: meta.sheets.weights,
          address: Object.values(weightCells).join(","),
          row: Number(/\d+$/.exec(Object.values(weightCells)[0])?.[0] ?? 0),
          column: "Weight",
          agreementId: "",
          message: `Every weight on sheet "${meta.sheets.weights}" is 0, so no agreement can be scored or ranked; give at least one criterion a weight above 0 (on the Weights tab, or in column Weight of the sheet).`,
        },
      ]
    : [];

  const agreements: AgreementRecord[] = [];
  const computed: ComputedRow[] = [];
  const rows: number[] = [];
  const issues: CellIssue[] = [...weightIssues];
  body.forEach((cells, i) => {
    const row = bodyRowIndex + i + 1;
    const id = String(cells[idCol]).trim();
    const name = String(cells[nameCol]);
    // The body's empty placeholder row of a new scorecard is not an agreement; its formulas give
    // nothing, and a value typed over them would be ranked on the Results sheet.
    if (id === "" && name.trim() === "" && criterionCols.every((c) => cells[c] === "")) {
      // A number over the Weighted score also gives the row a Rank: the score is the cell to repair.
      const typed = (
        [
          ["score", scoreCol],
          ["rank", rankCol],
        ] as const
      ).find(([, at]) => cells[at] !== "" && cells[at] !== null);
      if (typed) {
        const [role, at] = typed;
        const address = `${columnLetter(firstColumn + at)}${row}`;
        issues.push({
          sheet,
          address,
          row,
          column: meta.columns[role],
          agreementId: "",
          repairable: true,
          message: `${sheet}!${address} (an empty row of the table, ${meta.columns[role]}) shows ${JSON.stringify(cells[at])} but its formula gives nothing for a row without an agreement: the formula was typed over, and the Results sheet may rank the row. "Repair formulas" on the Results tab writes the formula back.`,
        });
      }
      return;
    }
    const scores: Record<string, number | null> = {};
    meta.criteria.forEach((c, k) => {
      const value = cells[criterionCols[k]];
      const address = `${columnLetter(firstColumn + criterionCols[k])}${row}`;
      if (value === "" || value === null) scores[c.id] = null;
      else if (typeof value === "number" && value >= scale.min && value <= scale.max) scores[c.id] = value;
      else {
        scores[c.id] = null;
        issues.push({
          sheet,
          address,
          row,
          column: c.header,
          agreementId: id,
          criterionId: c.id,
          message:
            typeof value === "number"
              ? `${sheet}!${address} (agreement "${name || id}", ${c.header}): ${value} is off the scale ${scale.min}–${scale.max}; enter a value from ${scale.min} to ${scale.max}.`
              : `${sheet}!${address} (agreement "${name || id}", ${c.header}): "${String(value)}" is not a number; enter a score from ${scale.min} to ${scale.max}, or clear the cell.`,
        });
      }
    });
    if (id === "") {
      issues.push({
        sheet,
        address: `${columnLetter(firstColumn + idCol)}${row}`,
        row,
        column: "ID",
        agreementId: "",
        message: `${sheet}!${columnLetter(firstColumn + idCol)}${row} (agreement "${name}"): the ID is blank; give the agreement a unique ID.`,
      });
    }
    if (meta.mode === "team" && id.length > MAX_AGREEMENT_ID) {
      const address = `${columnLetter(firstColumn + idCol)}${row}`;
      issues.push({
        sheet,
        address,
        row,
        column: "ID",
        agreementId: id,
        message: `${sheet}!${address} (agreement "${name || id.slice(0, 40)}"): the ID has ${id.length} characters; the team's consensus formulas look IDs up with MATCH, which Excel limits to 255 characters (* ? ~ count twice), so its reviews may not be counted. Shorten the ID to at most ${MAX_AGREEMENT_ID} characters.`,
      });
    }
    agreements.push({
      id,
      name,
      type: String(cells[typeCol]),
      parties: String(cells[partiesCol]),
      signed:
        typeof cells[signedCol] === "number"
          ? (cells[signedCol] as number)
          : String(cells[signedCol]) || null,
      scores,
      notes: String(cells[notesCol]),
    });
    const score = cells[scoreCol];
    computed.push({
      coverage: numberOrNull(cells[coverageCol]),
      score: numberOrNull(score),
      rank: numberOrNull(cells[rankCol]),
      scoreText: typeof score === "number" ? null : String(score),
      rankText: typeof cells[rankCol] === "number" ? null : String(cells[rankCol]),
    });
    rows.push(row);
  });
  reportDuplicateIds(agreements, rows, sheet, columnLetter(firstColumn + idCol), issues);
  return {
    location: { meta: { ...meta, scale }, rowCountHint: agreements.length },
    config: { criteria, scale, missingPolicy: meta.missingPolicy },
    agreements,
    computed,
    rows,
    columns: resolved.columns,
    tableFirstColumn: firstColumn,
    weightCells,
    normalizedCells,
    issues,
  };
}

function reportDuplicateIds(
  agreements: AgreementRecord[],
  rows: number[],
  sheet: string,
  column: string,
  issues: CellIssue[],
) {
  const first = new Map<string, number>();
  agreements.forEach((a, i) => {
    if (a.id === "") return;
    const key = a.id.toLowerCase();
    const seen = first.get(key);
    if (seen === undefined) first.set(key, rows[i]);
    else
      issues.push({
        sheet,
        address: `${column}${rows[i]}`,
        row: rows[i],
        column: "ID",
        agreementId: a.id,
        message: `${sheet}!${column}${rows[i]}: ID "${a.id}" is also used in row ${seen}; IDs must be unique.`,
      });
  });
}

function readScale(meta: ScorecardMeta, rawMin: Cell, rawMax: Cell) {
  if (typeof rawMin !== "number" || typeof rawMax !== "number" || !(rawMin < rawMax)) {
    throw new WorkbookError(
      "InvalidInput",
      `The scale on sheet "${meta.sheets.weights}" (names ${NAME.scaleMin} and ${NAME.scaleMax}) must be two numbers, minimum below maximum; it holds ${JSON.stringify(rawMin)} and ${JSON.stringify(rawMax)}.`,
      { sheet: meta.sheets.weights },
    );
  }
  return { min: rawMin, max: rawMax };
}

function readWeights(
  meta: ScorecardMeta,
  headers: Cell[],
  body: { values: Cell[][]; rowIndex: number; columnIndex: number },
) {
  const rows = body.values;
  const weightCells: Record<string, string> = {};
  const sheet = meta.sheets.weights;
  const table = meta.weightsTable;
  const [idCol, nameCol, definitionCol, weightCol] = WEIGHTS_COLUMNS.slice(0, 4).map((h) =>
    findHeader(headers, h, { table, sheet }),
  );
  const normalizedCells: Record<string, string> = {};
  // Not required to read the scorecard: only Repair formulas needs it, to put an AS_W_ name back.
  const wanted = WEIGHTS_COLUMNS[4].toLowerCase();
  const normalizedCol = headers.findIndex((h) => String(h).trim().toLowerCase() === wanted);
  const criteria = meta.criteria.map((c) => {
    const index = rows.findIndex((r) => String(r[idCol]) === c.id);
    if (index < 0) {
      throw new WorkbookError(
        "ColumnMissing",
        `Criterion "${c.header}" (id ${c.id}) has no row in table "${table}" (sheet "${sheet}"); undo the deletion of that row.`,
        { table, sheet, column: c.header },
      );
    }
    const weight = rows[index][weightCol];
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new WorkbookError(
        "InvalidInput",
        `The weight of criterion "${c.header}" (sheet "${sheet}", row ${body.rowIndex + index + 1}) is ${JSON.stringify(weight)}; enter a number of 0 or more.`,
        { table, sheet, row: body.rowIndex + index + 1, column: "Weight" },
      );
    }
    weightCells[c.id] = `${columnLetter(body.columnIndex + weightCol)}${body.rowIndex + index + 1}`;
    if (normalizedCol >= 0)
      normalizedCells[c.id] = `${columnLetter(body.columnIndex + normalizedCol)}${body.rowIndex + index + 1}`;
    return {
      id: c.id,
      name: String(rows[index][nameCol]) || c.header,
      definition: String(rows[index][definitionCol]),
      weight,
    };
  });
  return { criteria, weightCells, normalizedCells };
}

/**
 * The Weights sheet states the missing-score policy, but the formulas apply the one in the
 * metadata: a policy typed into the cell would be a statement the formulas do not follow.
 */
function policyIssues(meta: ScorecardMeta, shown: Cell): CellIssue[] {
  if (String(shown).trim().toLowerCase() === meta.missingPolicy) return [];
  const sheet = meta.sheets.weights;
  const address = WEIGHTS_LAYOUT.policyCell;
  return [
    {
      sheet,
      address,
      row: Number(address.slice(1)),
      column: "Missing scores",
      agreementId: "",
      repairable: true,
      message: `${sheet}!${address} says ${JSON.stringify(shown)} but the scorecard's formulas apply the missing-score policy "${meta.missingPolicy}", which is chosen when the scorecard is created; typing in this cell changes nothing. "Repair formulas" on the Results tab writes "${meta.missingPolicy}" back.`,
    },
  ];
}

/** The Results sheet was deleted (a renamed one is found by its headers). */
function resultsMissing(meta: ScorecardMeta): CellIssue {
  return {
    sheet: meta.sheets.results,
    address: "A1",
    row: 1,
    column: "Position",
    agreementId: "",
    message: `The sheet "${meta.sheets.results}" that holds the sorted ranking and the charts is gone, so agreements cannot be added until it is back. Undo its deletion, or restore it from a saved copy; the Scorecard's own scores and ranks are not affected.`,
  };
}
