/**
 * Creates a scorecard: Scorecard, Weights and Results sheets with their formulas, names, validation
 * and charts, and the metadata sheet (docs/architecture.md §3). A constant number of syncs: one to look at
 * the workbook, one for the structure and the first rows, then one per chunk of rows under the
 * payload budget (docs/architecture.md §5).
 */
import { MAX_CRITERION_ID, validateCriteria } from "../../scoring/criteria";
import { normalizeWeights } from "../../scoring/weights";
import { validateScale, validateScore } from "../../scoring/scale";
import { ScoringError } from "../../scoring/errors";
import { rangeAddress, columnLetter, SHEET_LAST_ROW } from "../contract/addresses";
import { SHEET, TABLE } from "../contract/contract";
import { WorkbookError, explainExcelError } from "../errors";
import {
  scorecardColumns,
  scorecardHeaders,
  scorecardRowFormulas,
  type ScorecardConfig,
} from "../contract/layout";
import { metaFor, type ScorecardMeta, type SheetNames } from "../contract/meta";
import type { AgreementRecord, ScorecardLocation, AuditEntry } from "../model";
import { isNameSafeId, queueTakenNames } from "../contract/freeNames";
import { asCell, asText, overlongField, overlongMessage } from "../contract/userText";
import type { ExcelRun } from "../run";
import { writeCharts } from "./charts";
import { createdEntry } from "../write/audit";
import {
  queueAuditSheet,
  queueMetaSheet,
  queueResultsSheet,
  queueScoreNumberFormats,
  queueScoreValidation,
  queueWeightsSheet,
  ownedRowBytes,
} from "./sheetSetup";
import { queueRanking, queueRankingMargin } from "./resultsRanking";
import { chunkRows, jsonBytes, queueInChunks } from "../write/payload";
import { checkFormulaLength } from "../formulas/formulaLength";
import { locateScorecard } from "./locate";

export interface CreateOptions {
  config: ScorecardConfig;
  agreements?: AgreementRecord[];
  /** Recorded as "who" in the Audit trail's first entry (the pane's reviewer name). */
  author?: string;
  /** The time recorded there; now by default. */
  now?: Date;
}

export interface CreateResult {
  created: boolean;
  location: ScorecardLocation;
}

export async function createScorecard(run: ExcelRun, options: CreateOptions): Promise<CreateResult> {
  const { config } = options;
  const agreements = options.agreements ?? [];
  validateConfig(config);
  validateAgreements(config, agreements);

  const existing = await locateScorecard(run);
  if (existing) return { created: false, location: existing };

  const location = await run(async (context) => {
    const workbook = context.workbook;
    const taken = queueTakenNames(workbook);
    await context.sync();

    const chosen: SheetNames = {
      scorecard: taken.sheet(SHEET.scorecard),
      weights: taken.sheet(SHEET.weights),
      results: taken.sheet(SHEET.results),
      meta: SHEET.meta,
    };
    if (taken.sheets().some((s) => s.toLowerCase() === SHEET.meta.toLowerCase())) {
      throw new WorkbookError(
        "MetadataInvalid",
        `A sheet named "${SHEET.meta}" exists but holds no readable scorecard metadata. Rename or delete that sheet, then create the scorecard again.`,
        { sheet: SHEET.meta },
      );
    }
    const tableNames = {
      scorecard: taken.table(TABLE.scorecard),
      weights: taken.table(TABLE.weights),
    };
    const meta: ScorecardMeta = {
      ...metaFor(config, chosen, tableNames, 1),
      audit: {
        sheet: taken.sheet(SHEET.audit),
        table: taken.table(TABLE.audit),
      },
    };

    checkFormulaLength(meta, { sheet: chosen.scorecard });
    try {
      const rows = agreements.map((a) => agreementRow(config, a));
      // Measured at a six-digit row number.
      const formulaBytes = ownedRowBytes(meta, scorecardColumns(config), 100_000);
      const chunks = chunkRows(rows.length, (i) => jsonBytes(rows[i]) + formulaBytes);
      const created = createdEntry(options, `${config.criteria.length} criteria, ${rows.length} agreements.`);
      writeStructure(context, config, meta, rows.length, created);
      // The first chunk travels with the structure; each further chunk is its own request.
      await queueInChunks(context, chunks, (from, to) =>
        writeAgreementRows(context, config, meta, rows, from, to),
      );
      writeCharts(context, config, scorecardColumns(config), meta, rows.length);
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, chosen.scorecard);
    }
    return { meta };
  });
  return { created: true, location };
}

function validateConfig(config: ScorecardConfig) {
  validateScale(config.scale);
  validateCriteria(config.criteria);
  normalizeWeights(config.criteria.map((c) => c.weight));
  const fixed = new Set(scorecardHeaders({ ...config, criteria: [] }).map((h) => h.toLowerCase()));
  for (const c of config.criteria) {
    if (!isNameSafeId(c.id)) {
      throw new WorkbookError(
        "InvalidInput",
        `Criterion id "${c.id}" cannot be used in a defined name: use at most ${MAX_CRITERION_ID} letters, digits and underscores, starting with a letter.`,
        { column: c.name },
      );
    }
    if (fixed.has(c.name.trim().toLowerCase())) {
      throw new WorkbookError(
        "InvalidInput",
        `Criterion "${c.name}" has the same name as one of the Scorecard's own columns; rename the criterion.`,
        { column: c.name },
      );
    }
  }
}

function validateAgreements(config: ScorecardConfig, agreements: AgreementRecord[]) {
  const seen = new Map<string, number>();
  const known = new Set(config.criteria.map((c) => c.id));
  agreements.forEach((a, i) => {
    const row = i + 2;
    const id = a.id.trim();
    if (id === "") {
      throw new WorkbookError(
        "InvalidInput",
        `Agreement "${a.name}" (row ${row}) has no ID; give it a unique ID.`,
        {
          row,
          column: "ID",
        },
      );
    }
    const previous = seen.get(id.toLowerCase());
    if (previous !== undefined) {
      throw new WorkbookError(
        "InvalidInput",
        `ID "${id}" is used by rows ${previous} and ${row}; IDs must be unique.`,
        { row, column: "ID" },
      );
    }
    seen.set(id.toLowerCase(), row);
    const long = overlongField(a);
    if (long !== null) {
      throw new WorkbookError(
        "InvalidInput",
        overlongMessage(`Agreement "${long.field === "id" ? `${id.slice(0, 40)}…` : id}" (row ${row})`, long),
        { row, column: long.field },
      );
    }
    for (const [criterionId, value] of Object.entries(a.scores)) {
      if (!known.has(criterionId)) {
        throw new WorkbookError(
          "InvalidInput",
          `Agreement "${a.name}" (row ${row}) has a score for unknown criterion "${criterionId}".`,
          { row, column: criterionId },
        );
      }
      if (value === null) continue;
      try {
        validateScore(value, config.scale, { agreementId: a.id, criterionId });
      } catch (error) {
        if (error instanceof ScoringError) {
          const name = config.criteria.find((c) => c.id === criterionId)?.name ?? criterionId;
          throw new WorkbookError("InvalidInput", `Row ${row}, column "${name}": ${error.message}`, {
            row,
            column: name,
          });
        }
        throw error;
      }
    }
  });
}

type Cell = string | number;

interface PreparedRow {
  data: Cell[];
  notes: Cell;
}

function agreementRow(config: ScorecardConfig, a: AgreementRecord): PreparedRow {
  return {
    data: [
      asText(a.id),
      asText(a.name),
      asText(a.type),
      asText(a.parties),
      asCell(a.signed),
      ...config.criteria.map((c) => a.scores[c.id] ?? ""),
    ],
    notes: asText(a.notes),
  };
}

function writeStructure(
  context: Excel.RequestContext,
  config: ScorecardConfig,
  meta: ScorecardMeta,
  rowCount: number,
  created: AuditEntry,
) {
  const headers = scorecardHeaders(config);
  const cols = scorecardColumns(config);
  queueMetaSheet(context, meta);
  // Added ahead of Weights so that its tab comes first (Scorecard, Weights, Results, Audit); it is
  // filled after Weights has made the names its validation and formulas use.
  const scorecard = context.workbook.worksheets.add(meta.sheets.scorecard);
  queueWeightsSheet(context, config, meta);

  // Scorecard: the table over header and body rows; the body is filled chunk by chunk.
  const bodyRows = Math.max(1, rowCount);
  scorecard.getRange(rangeAddress(0, 0, 1, headers.length)).values = [headers.map(asText)];
  const table = scorecard.tables.add(
    scorecard.getRange(rangeAddress(0, 0, bodyRows + 1, headers.length)),
    true,
  );
  table.name = meta.scorecardTable;
  // Validated down to the sheet's last row; the rows' number formats go with their chunks, so
  // that this request does not grow with the number of agreements.
  queueScoreValidation(scorecard, cols, 2, SHEET_LAST_ROW);
  if (rowCount === 0) {
    scorecard.getRange(`${cols.coverage}2:${cols.rank}2`).formulas = [scorecardRowFormulas(meta, cols, 2)];
    queueScoreNumberFormats(scorecard, cols, 2, 2);
  }
  scorecard.freezePanes.freezeRows(1);
  scorecard.getRange(`${columnLetter(1)}:${columnLetter(1)}`).format.columnWidth = 220;

  const results = queueResultsSheet(context, meta);
  queueAuditSheet(context, meta.audit!, created);
  // The ranking rows past the last agreement (the placeholder row of an empty scorecard among them).
  queueRankingMargin(results, meta, rowCount);
  scorecard.activate();
}

function writeAgreementRows(
  context: Excel.RequestContext,
  config: ScorecardConfig,
  meta: ScorecardMeta,
  rows: PreparedRow[],
  from: number,
  to: number,
) {
  if (to <= from) return;
  const cols = scorecardColumns(config);
  const n = config.criteria.length;
  const scorecard = context.workbook.worksheets.getItem(meta.sheets.scorecard);
  const first = from + 2;
  const last = to + 1;
  const slice = rows.slice(from, to);
  scorecard.getRange(`A${first}:${cols.criteria[n - 1].column}${last}`).values = slice.map((r) => r.data);
  scorecard.getRange(`${cols.coverage}${first}:${cols.rank}${last}`).formulas = slice.map((_, i) =>
    scorecardRowFormulas(meta, cols, first + i),
  );
  scorecard.getRange(`${cols.notes}${first}:${cols.notes}${last}`).values = slice.map((r) => [r.notes]);
  queueScoreNumberFormats(scorecard, cols, first, last);
  const results = context.workbook.worksheets.getItem(meta.sheets.results);
  queueRanking(results, meta, from + 1, to);
}
