/**
 * Attaches a scorecard to a table of agreements the user already has, by mapping its columns. The
 * user's table stays where it is with its own headers and data; the add-in appends the columns it
 * owns (Coverage, Weighted score, Rank, and any role the mapping leaves out) and adds the Weights,
 * Results and metadata sheets. Nothing the user typed is overwritten unconfirmed. Columns headed
 * "Criterion / Indicator" can be mapped as a criterion's indicators (attachIndicators.ts).
 *
 * One batch, in as many requests as the payload budget needs, which Excel may stop part-way: the
 * metadata sheet comes first (it lists what the batch makes) and the AS_Meta name, by which the
 * pane finds a scorecard, last. So a stopped attach is no scorecard; attaching again first removes
 * what it left (clearUnfinishedAttach).
 */
import { ScoringError } from "../../scoring/errors";
import { normalizeWeights } from "../../scoring/weights";
import { validateScale } from "../../scoring/scale";
import type { MissingPolicy, Scale } from "../../scoring/types";
import { rangeAddress } from "../contract/addresses";
import { DEFAULT_HEADERS, NAME, SHEET, TABLE, type ColumnRole, type RoleHeaders } from "../contract/contract";
import { WorkbookError, explainExcelError } from "../errors";
import {
  columnsFromHeaders,
  findHeader,
  rankingRows,
  scorecardRowFormulas,
  type ScorecardConfig,
} from "../contract/layout";
import { decodeMeta, metaFor, type ScorecardMeta } from "../contract/meta";
import type { ScorecardLocation } from "../model";
import { idFromName, isNameSafeId, queueTakenNames } from "../contract/freeNames";
import { checkFormulaLength } from "../formulas/formulaLength";
import { createdEntry } from "../write/audit";
import { MAX_CRITERION_ID } from "../../scoring/criteria";
import {
  queueAuditSheet,
  queueMetaName,
  queueMetaSheet,
  queueOwnSheetDelete,
  queueResultsSheet,
  queueScoreColumnsFormat,
  queueSheetsAfter,
  queueWeightsSheet,
} from "./sheetSetup";
import { queueRanking, queueRankingMargin } from "./resultsRanking";
import { chunkRows, jsonBytes, queueInChunks } from "../write/payload";
import { writeCharts } from "./charts";
import { locateScorecard } from "./locate";
import type { ExcelRun } from "../run";
import { asText } from "../contract/userText";
import {
  addAttachedIndicators,
  attachedIndicators,
  refuseReplacedScores,
  type AttachIndicator,
} from "./attachIndicators";

/** What a row's number formats and its ID add to a request, beside its formulas and ranking row. */
const ROW_FORMAT_BYTES = 200;
/** The Weights, Results and Audit sheets' own cells and formats, beside the metadata and criteria. */
const STRUCTURE_BYTES = 50_000;

export interface AttachOptions {
  /** Name of the user's Excel table of agreements. */
  table: string;
  /** Headers of the user's columns for each role; a role left out gets a new column. */
  columns: Partial<Record<"id" | "name" | "type" | "parties" | "signed" | "notes", string>> & {
    name: string;
  };
  /**
   * The criterion columns: the user's header, and the criterion's definition and raw weight. A
   * criterion scored through indicators lists their columns ("Criterion / Indicator"); its own
   * column, which then holds the formula over them, is inserted before the first of them when the
   * table has none.
   */
  criteria: {
    header: string;
    id?: string;
    definition?: string;
    weight: number;
    indicators?: AttachIndicator[];
  }[];
  scale: Scale;
  missingPolicy: MissingPolicy;
  /** The user agreed that what a criterion's own column holds gives way to its indicators' score. */
  confirmDataLoss?: boolean;
  /** Recorded as "who" in the Audit trail's first entry (the pane's reviewer name). */
  author?: string;
  /** The time recorded there; now by default. */
  now?: Date;
}

const APPENDED_ROLES: ColumnRole[] = ["id", "type", "parties", "signed", "notes"];

export async function attachScorecard(run: ExcelRun, options: AttachOptions): Promise<ScorecardLocation> {
  if (await locateScorecard(run)) {
    throw new WorkbookError(
      "InvalidInput",
      "This workbook already has a scorecard; a workbook holds one. Open it from the pane instead.",
      {},
    );
  }
  try {
    validateScale(options.scale);
    normalizeWeights(
      options.criteria.map((c) => c.weight),
      options.criteria.map((c) => c.header),
    );
  } catch (error) {
    if (error instanceof ScoringError) throw new WorkbookError("InvalidInput", error.message, {});
    throw error;
  }
  if (options.criteria.length === 0) {
    throw new WorkbookError("InvalidInput", "Map at least one column as a criterion.", {});
  }
  const leftOver = await clearUnfinishedAttach(run, options.table);

  const { location, tree } = await run(async (context) => {
    const workbook = context.workbook;
    const table = workbook.tables.getItemOrNullObject(options.table);
    table.load("name, showTotals");
    const header = table.getHeaderRowRange().load("values, columnIndex, rowIndex, columnCount");
    const body = table.getDataBodyRange().load("values, rowIndex, rowCount");
    const sheet = table.worksheet.load("name, position");
    const taken = queueTakenNames(workbook);
    await context.sync();
    if (table.isNullObject) {
      throw new WorkbookError(
        "TableMissing",
        `There is no table named "${options.table}" in this workbook.`,
        {
          table: options.table,
        },
      );
    }
    const where = { table: options.table, sheet: sheet.name };
    if (table.showTotals) {
      throw new WorkbookError(
        "InvalidInput",
        `Table "${options.table}" (sheet "${sheet.name}") shows a total row. Turn it off (Table Design › Total Row) and attach again; you can turn it back on afterwards, and new agreements then go above it.`,
        where,
      );
    }
    const headers = header.values[0].map(String);
    const present = (h: string) => headers.some((x) => x.trim().toLowerCase() === h.trim().toLowerCase());
    // A criterion scored through indicators may have no column yet: it gets one, inserted below.
    const inserted = options.criteria.filter((c) => (c.indicators ?? []).length > 0 && !present(c.header));
    // Every other mapped header must exist; all must be distinct columns, each used once.
    const mapped = [
      ...Object.values(options.columns),
      ...options.criteria.flatMap((c) => [c.header, ...(c.indicators ?? []).map((i) => i.header)]),
    ].filter((h): h is string => typeof h === "string");
    for (const h of mapped) if (!inserted.some((c) => c.header === h)) findHeader(headers, h, where);
    const lower = mapped.map((h) => h.trim().toLowerCase());
    const duplicate = lower.find((h, i) => lower.indexOf(h) !== i);
    if (duplicate !== undefined) {
      throw new WorkbookError(
        "InvalidInput",
        `Column "${duplicate}" is mapped twice; map each column once.`,
        {
          ...where,
          column: duplicate,
        },
      );
    }

    // Columns the add-in appends: the roles left out, then Coverage, Weighted score and Rank.
    const usedHeaders = new Set(headers.map((h) => h.trim().toLowerCase()));
    const freeHeader = (base: string) => {
      let name = base;
      for (let i = 2; usedHeaders.has(name.toLowerCase()); i++) name = `${base} (${i})`;
      usedHeaders.add(name.toLowerCase());
      return name;
    };
    const roles = { ...options.columns } as Partial<RoleHeaders>;
    const appended: { role: ColumnRole; header: string }[] = [];
    for (const role of [...APPENDED_ROLES, "coverage", "score", "rank"] as ColumnRole[]) {
      // A column an unfinished attach appended, holding nothing but what it wrote, is used again.
      const again = leftOver[role];
      if (roles[role] === undefined && again !== undefined && !mapped.includes(again)) roles[role] = again;
      if (roles[role] === undefined) {
        roles[role] = freeHeader(DEFAULT_HEADERS[role]);
        appended.push({ role, header: roles[role]! });
      }
    }
    // Each inserted criterion column goes just before its first indicator column, right to left so
    // that the positions found in the header row as read stay true.
    const insertions = inserted
      .map((c) => ({
        header: c.header.trim(),
        at: Math.min(...c.indicators!.map((i) => findHeader(headers, i.header, where))),
      }))
      .sort((a, b) => b.at - a.at);
    const withInserted = [...headers];
    for (const i of insertions) withInserted.splice(i.at, 0, i.header);
    const finalHeaders = [...withInserted, ...appended.map((a) => a.header)];
    refuseReplacedScores(
      options.criteria
        .filter((c) => (c.indicators ?? []).length > 0 && present(c.header))
        .map((c) => ({ header: c.header, index: findHeader(headers, c.header, where) })),
      body.values,
      options.confirmDataLoss === true,
      where,
    );

    // Appending table columns shifts cells right of the table within its rows: refuse to move
    // anything the user has there.
    const right = sheet
      .getRange(
        rangeAddress(
          header.rowIndex,
          header.columnIndex + header.columnCount,
          body.rowCount + 1,
          appended.length + insertions.length,
        ),
      )
      .load("values");
    await context.sync();
    if (right.values.some((row) => row.some((v) => v !== ""))) {
      throw new WorkbookError(
        "WouldOverwrite",
        `The ${appended.length + insertions.length} columns right of table "${options.table}" (sheet "${sheet.name}") are not empty; the add-in appends its columns there. Move that content, then attach again.`,
        where,
      );
    }

    const criteria = options.criteria.map((c, k) => {
      const id =
        c.id ??
        idFromName(
          c.header,
          options.criteria.slice(0, k).map((d) => d.id ?? idFromName(d.header, [])),
        );
      if (!isNameSafeId(id)) {
        throw new WorkbookError(
          "InvalidInput",
          `Criterion id "${id}" must be at most ${MAX_CRITERION_ID} letters, digits and underscores.`,
          where,
        );
      }
      return { id, name: c.header.trim(), definition: c.definition ?? "", weight: c.weight };
    });
    const tree = attachedIndicators(
      criteria.map((c, k) => ({ ...c, indicators: options.criteria[k].indicators })),
      options.scale,
      where,
    );
    const config: ScorecardConfig = { criteria, scale: options.scale, missingPolicy: options.missingPolicy };
    const meta: ScorecardMeta = {
      ...metaFor(
        config,
        {
          scorecard: sheet.name,
          weights: taken.sheet(SHEET.weights),
          results: taken.sheet(SHEET.results),
          meta: taken.sheet(SHEET.meta),
        },
        { scorecard: options.table, weights: taken.table(TABLE.weights) },
        1,
        roles as RoleHeaders,
      ),
      audit: { sheet: taken.sheet(SHEET.audit), table: taken.table(TABLE.audit) },
    };
    checkFormulaLength(meta, where);
    const { columns } = columnsFromHeaders(finalHeaders, header.columnIndex, meta, where);
    const firstRow = body.rowIndex + 1;
    const lastRow = body.rowIndex + body.rowCount;

    try {
      const metaRange = queueMetaSheet(context, meta, false);
      queueWeightsSheet(context, config, meta);
      for (const i of insertions) table.columns.add(i.at, undefined, i.header);
      for (const a of appended) table.columns.add(undefined, undefined, a.header);
      const results = queueResultsSheet(context, meta);
      const created = createdEntry(options, `Attached to table "${options.table}" on sheet "${sheet.name}".`);
      queueAuditSheet(context, meta.audit!, created);
      queueSheetsAfter(context, sheet.position, [
        meta.sheets.weights,
        meta.sheets.results,
        meta.audit!.sheet,
      ]);
      // The rows' formulas, formats and ranking rows in chunks under the payload budget (8,000
      // rows are about 5.6 MB): each chunk synced but the last, which goes with the name below.
      const numbered = roles.id !== options.columns.id;
      const rowBytes =
        jsonBytes(scorecardRowFormulas(meta, columns, lastRow)) +
        jsonBytes(rankingRows(meta, body.rowCount, body.rowCount)) +
        ROW_FORMAT_BYTES;
      const structure = jsonBytes(meta) + jsonBytes(config) + STRUCTURE_BYTES;
      await queueInChunks(
        context,
        chunkRows(body.rowCount, () => rowBytes, undefined, structure),
        (from, to) => {
          const first = firstRow + from;
          const last = firstRow + to - 1;
          // No ID column was mapped: number the rows, so each agreement has a stable key.
          if (numbered)
            sheet.getRange(`${columns.id}${first}:${columns.id}${last}`).values = Array.from(
              { length: to - from },
              (_, i) => [asText(`A-${from + i + 1}`)],
            );
          sheet.getRange(`${columns.coverage}${first}:${columns.rank}${last}`).formulas = Array.from(
            { length: to - from },
            (_, i) => scorecardRowFormulas(meta, columns, first + i),
          );
          queueScoreColumnsFormat(sheet, columns, first, last);
          queueRanking(results, meta, from + 1, to);
        },
      );
      queueRankingMargin(results, meta, body.rowCount);
      writeCharts(context, config, columns, meta, body.rowCount);
      // Last: only a complete attach is a scorecard the pane finds.
      queueMetaName(context, metaRange);
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, sheet.name);
    }
    return { location: { meta, rowCountHint: body.rowCount }, tree };
  });
  if (Object.keys(tree).length === 0) return location;
  return addAttachedIndicators(run, tree, { author: options.author ?? "", now: options.now });
}

/**
 * Removes what an attach that Excel stopped part-way made, as its metadata sheet lists it (that
 * sheet without the AS_Meta name is such a leftover): its sheets, the add-in's defined names
 * (AS_…), its formula columns in the table; the metadata sheet last, since it lists the rest.
 * Role columns it appended (ID, Type, …) that hold nothing but what it wrote are returned, so that
 * the new attach uses them again rather than appending more; a person's data is never deleted.
 */
async function clearUnfinishedAttach(run: ExcelRun, table: string): Promise<Partial<RoleHeaders>> {
  return run(async (context) => {
    const workbook = context.workbook;
    const metaSheet = workbook.worksheets.getItemOrNullObject(SHEET.meta);
    const used = metaSheet.getUsedRangeOrNullObject(true).load("values");
    const name = workbook.names.getItemOrNullObject(NAME.meta);
    await context.sync();
    if (metaSheet.isNullObject || !name.isNullObject) return {};
    let left: ScorecardMeta | null = null;
    try {
      left = used.isNullObject ? null : decodeMeta(used.values);
    } catch {
      return {}; // Not the add-in's: left alone (the new attach picks another name).
    }
    const reusable: Partial<RoleHeaders> = {};
    if (left !== null) {
      const userTable = workbook.tables.getItemOrNullObject(left.scorecardTable);
      const header = userTable.getHeaderRowRange().load("values");
      const body = userTable.getDataBodyRange().load("values");
      const names = workbook.names.load("items/name");
      await context.sync();
      if (!userTable.isNullObject) {
        const headers = header.values[0].map(String);
        for (const role of ["coverage", "score", "rank"] as const)
          if (headers.includes(left.columns[role])) userTable.columns.getItem(left.columns[role]).delete();
        for (const role of APPENDED_ROLES) {
          const k = headers.indexOf(left.columns[role]);
          const generated = (v: unknown) => v === "" || (role === "id" && /^A-\d+$/.test(String(v)));
          if (k >= 0 && left.scorecardTable === table && body.values.every((row) => generated(row[k])))
            reusable[role] = left.columns[role];
        }
      }
      for (const item of names.items)
        if (item.name.startsWith("AS_")) workbook.names.getItem(item.name).delete();
      for (const sheet of [left.sheets.weights, left.sheets.results, left.audit?.sheet])
        if (sheet) workbook.worksheets.getItemOrNullObject(sheet).delete();
    }
    queueOwnSheetDelete(metaSheet);
    await context.sync();
    return reusable;
  });
}
