/**
 * Adds and renames criteria, edits their definitions and rubric anchors, and holds the guarded
 * write that every criteria change goes through (removeCriterion.ts and reorderCriteria.ts too).
 * The Scorecard column (header, scores, validation, the Coverage format), the Weights row and the
 * defined name AS_W_<id>, the metadata, every row's formulas, the Results charts and their data
 * blocks follow in the same batch, with an Audit row per change (a removal also records every score
 * it deletes). Each write refuses to run when anyone wrote through the add-in since `before` was
 * read (the version stamp moved), as writeWeights' mode switches do.
 *
 * Reorder: ExcelApi 1.8 cannot move a table column (Range.moveTo is 1.11, copyFrom 1.9), so the
 * criterion columns keep their places in the table and their headers and contents are rewritten in
 * the new order; the Weights rows are rewritten the same way and each AS_W_<id> re-pointed. Hand
 * formatting and comments on criterion cells stay where they are.
 *
 * A stale Sensitivity sheet (its run used other criteria: one was added or removed) is marked so in
 * B1 and otherwise left as its run wrote it.
 */
import { MAX_CRITERIA, validateCriteria } from "../../scoring/criteria";
import { normalizeWeights } from "../../scoring/weights";
import type { RubricAnchor } from "../../scoring/types";
import { columnIndex, columnLetter, SHEET_LAST_ROW } from "../contract/addresses";
import { auditValue, type Change } from "../write/audit";
import { loadCharts, queueChartsReplaced } from "../scorecard/charts";
import { queueInChunks, chunkRows, jsonBytes } from "../write/payload";
import { checkFormulaLength } from "../formulas/formulaLength";
import { DEFAULT_HEADERS, PROFILE_COLUMNS, REVIEW_COLUMNS, weightName } from "../contract/contract";
import { WorkbookError, syncOrExplain } from "../errors";
import { normalizedWeightFormula } from "../formulas/scorecardFormulas";
import {
  scorecardRowFormulas,
  WEIGHTS_LAYOUT,
  type ScorecardColumns,
  type ScorecardConfig,
} from "../contract/layout";
import { metaCellOf, type CriterionConfig, type CriterionMeta, type ScorecardMeta } from "../contract/meta";
import { idFromName } from "../contract/freeNames";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { writeBatch } from "../write/session";
import { queueScoreColumnsFormat } from "../scorecard/sheetSetup";
import { bodyRows, writeTeamFormulas } from "../team/teamFormulas";
import {
  bandGroups,
  bandIsOwn,
  bandLabels,
  lookAtBand,
  queueBand,
  queueBandDelete,
  validatesToSheetEnd,
} from "../scorecard/headerBand";
import { TableAppend, TableEnd } from "../write/tables";
import { asText } from "../contract/userText";
import { renamedIndicators } from "./indicatorRules";

export interface NewCriterion {
  name: string;
  definition: string;
  weight: number;
  id?: string;
}

/** What editCriterion changes: the definition, the rubric anchors, or both. */
export interface CriterionEdit {
  definition?: string;
  anchors?: readonly RubricAnchor[];
}

export interface CriteriaWriteOptions {
  /** Recorded as "who" in the Audit sheet. */
  author: string;
  now?: Date;
}

/** Longest definition and anchor text kept: the whole criteria list lives in one metadata cell. */
export const MAX_DEFINITION = 1000;
export const MAX_ANCHOR_TEXT = 400;
export const MAX_ANCHORS = 11;

type Cell = string | number | boolean;

/** What a structural change leaves behind, for the rewrite that follows in the same batch. */
interface After {
  config: ScorecardConfig;
  criteria: CriterionMeta[];
  cols: ScorecardColumns;
  /** Rows of the Weights table whose normalized-weight formulas are rewritten (null: none). */
  weightRows: number[] | null;
  /**
   * "all": every row's formulas, the validation and Coverage format, and the charts follow;
   * "charts": only the Results blocks and charts (which show the names); "none": nothing else.
   */
  rewrite: "all" | "charts" | "none";
  changes: Change[];
  /** Marks the Sensitivity sheet as out of date with this text. */
  stale?: string;
  /** Rewrites the team's consensus formulas and discuss formats (a reorder in team mode). */
  team?: boolean;
  /** The indicator weights table after the change, when it changes (null: no indicators left). */
  indicatorsTable?: string | null;
}

function place(meta: ScorecardMeta) {
  return { sheet: meta.sheets.scorecard };
}

function checkName(data: ScorecardData, name: string, except?: string) {
  const trimmed = name.trim();
  const meta = data.location.meta;
  if (trimmed === "") throw new WorkbookError("InvalidInput", "A criterion needs a name.", place(meta));
  const taken = [
    ...meta.criteria.map((c) => c.header),
    ...Object.values(meta.columns),
    ...Object.values(DEFAULT_HEADERS),
  ];
  if (taken.filter((h) => h !== except).some((h) => h.trim().toLowerCase() === trimmed.toLowerCase()))
    throw nameTaken(meta, trimmed);
  return trimmed;
}

const nameTaken = (meta: ScorecardMeta, name: string) =>
  new WorkbookError(
    "InvalidInput",
    `Column "${name}" already exists in the Scorecard table; choose another name.`,
    { sheet: meta.sheets.scorecard, column: name },
  );

/** A header of the table as it is now (the user's own columns included) that the new name would repeat. */
function refuseTakenHeader(meta: ScorecardMeta, headers: Cell[], name: string, except?: string) {
  const key = name.trim().toLowerCase();
  if (headers.some((h) => String(h) !== except && String(h).trim().toLowerCase() === key))
    throw nameTaken(meta, name.trim());
}

/** The layout with every column letter passed through `move` (columns were inserted or deleted). */
export function mapColumns(cols: ScorecardColumns, move: (letter: string) => string): ScorecardColumns {
  return {
    id: move(cols.id),
    name: move(cols.name),
    type: move(cols.type),
    parties: move(cols.parties),
    signed: move(cols.signed),
    criteria: cols.criteria.map((c) => ({ criterionId: c.criterionId, column: move(c.column) })),
    ...(cols.indicators
      ? { indicators: cols.indicators.map((i) => ({ ...i, column: move(i.column) })) }
      : {}),
    coverage: move(cols.coverage),
    score: move(cols.score),
    rank: move(cols.rank),
    notes: move(cols.notes),
  };
}

/** Every column at or right of `from` moves by `delta` (a table column was inserted). */
function shifted(cols: ScorecardColumns, from: string, delta: number): ScorecardColumns {
  const at = columnIndex(from);
  return mapColumns(cols, (letter) =>
    columnIndex(letter) >= at ? columnLetter(columnIndex(letter) + delta) : letter,
  );
}

/** Add and remove change the consensus formulas' columns; a team scorecard switches to one analyst first. */
export const TEAM_REFUSAL =
  "Criteria cannot be added or removed while the team scores this scorecard: its consensus formulas and discuss flags follow the criteria. Switch to one analyst (the consensus is kept), change the criteria, then switch back to team scoring.";

export function refuseInTeamMode(meta: ScorecardMeta) {
  if (meta.mode === "team")
    throw new WorkbookError("InvalidInput", TEAM_REFUSAL, { sheet: meta.sheets.scorecard });
}

export function criterionOf(before: ScorecardData, id: string) {
  const meta = before.location.meta;
  const index = meta.criteria.findIndex((c) => c.id === id);
  if (index < 0)
    throw new WorkbookError("InvalidInput", `There is no criterion "${id}" in this scorecard.`, {
      sheet: meta.sheets.weights,
    });
  return { index, meta: meta.criteria[index], config: before.config.criteria[index] };
}

export const weightRow = (data: ScorecardData, id: string) => Number(/\d+$/.exec(data.weightCells[id])![0]);

/**
 * The write every change shares. First sync: the session's look (version stamp, Audit table,
 * protection), the Results charts, the Sensitivity sheet and what `look` asks for. Then `change`
 * queues the change itself and the rest follows: normalized weights, every row's formulas, the
 * Coverage format and validation, the charts, the metadata and the Audit rows.
 */
export async function writeCriteria<T>(
  run: ExcelRun,
  before: ScorecardData,
  options: CriteriaWriteOptions,
  look: (context: Excel.RequestContext) => T,
  change: (context: Excel.RequestContext, looked: T) => After | Promise<After>,
): Promise<ScorecardMeta> {
  const meta = before.location.meta;
  const writes = [
    meta.sheets.scorecard,
    meta.sheets.weights,
    meta.sheets.results,
    ...(meta.mode === "team" && meta.reviews ? [meta.reviews.sheet] : []),
  ];
  return writeBatch(
    run,
    meta,
    { author: options.author, requireUnchanged: true, now: options.now, writes },
    async (context, session) => {
      const workbook = context.workbook;
      const charts = loadCharts(context, meta);
      const sensitivity = meta.sensitivitySheet
        ? workbook.worksheets.getItemOrNullObject(meta.sensitivitySheet).load("name")
        : null;
      const looked = look(context);
      const scorecardSheet = workbook.worksheets.getItem(meta.sheets.scorecard);
      const band = meta.headerBand ? lookAtBand(scorecardSheet, before.headerRow) : null;
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      const after = await change(context, looked);
      const next: ScorecardMeta = {
        ...meta,
        criteria: after.criteria,
        ...(after.indicatorsTable !== undefined ? { indicatorsTable: after.indicatorsTable } : {}),
      };
      // Both checked before the first sync of the change: its rewrite may take several.
      metaCellOf("criteria", after.criteria);
      checkFormulaLength(next, { sheet: meta.sheets.weights });
      const weights = workbook.worksheets.getItem(meta.sheets.weights);
      if (after.weightRows) {
        const first = Math.min(...after.weightRows);
        const last = Math.max(...after.weightRows);
        for (const row of after.weightRows)
          weights.getRange(`${WEIGHTS_LAYOUT.normalizedColumn}${row}`).formulas = [
            [normalizedWeightFormula(WEIGHTS_LAYOUT.rawColumn, row, first, last)],
          ];
      }
      if (after.rewrite === "all") {
        const sheet = workbook.worksheets.getItem(meta.sheets.scorecard);
        const { first, last } = bodyRows(before);
        const cols = after.cols;
        if (after.team) {
          await writeTeamFormulas(context, { ...before, columns: cols }, next);
          // Its last chunk was left queued: sent now, so that it and the first chunk below are
          // never one request over the budget.
          await context.sync();
        }
        const perRow = jsonBytes(scorecardRowFormulas(next, cols, last)) + 200;
        const chunks = chunkRows(last - first + 1, () => perRow);
        await queueInChunks(context, chunks, (from, to) => {
          const a = first + from;
          const b = first + to - 1;
          if (!after.team)
            sheet.getRange(`${cols.coverage}${a}:${cols.rank}${b}`).formulas = Array.from(
              { length: b - a + 1 },
              (_, i) => scorecardRowFormulas(next, cols, a + i),
            );
          queueScoreColumnsFormat(sheet, cols, a, b);
        });
      }
      if (after.rewrite !== "none")
        queueChartsReplaced(context, charts, after.config, after.cols, next, before.agreements.length);
      if (after.stale && sensitivity) {
        const mark = sensitivity.isNullObject
          ? null
          : workbook.worksheets.getItem(meta.sensitivitySheet!).getRange("B1");
        if (mark) {
          mark.values = [[asText(after.stale)]];
          mark.format.font.color = "#A4262C";
        }
      }
      // The header band follows the columns; it goes with the last indicators (after every row's
      // formulas above, since deleting its row moves the table up).
      const headerBand = band !== null && after.criteria.some((c) => (c.indicators ?? []).length > 0);
      if (band && bandIsOwn(band, before.headerRow, bandLabels(meta.criteria, after.criteria))) {
        if (headerBand)
          queueBand(scorecardSheet, before.headerRow - 1, band, bandGroups(after.criteria, after.cols));
        else queueBandDelete(scorecardSheet, before.headerRow - 1, band);
      }
      session.update({
        criteria: after.criteria,
        ...(after.indicatorsTable !== undefined ? { indicatorsTable: after.indicatorsTable } : {}),
        ...(meta.headerBand !== headerBand ? { headerBand } : {}),
      });
      session.record(after.changes);
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.scorecard);
      return written;
    },
  );
}

export const staleText = (what: string, time: Date | undefined) =>
  `Out of date: ${what} on ${(time ?? new Date()).toISOString().slice(0, 16).replace("T", " ")} UTC, after this run. Run the analysis again from the pane's Sensitivity tab.`;

/** The Scorecard table's header row, fresh, for names the user's own columns already use. */
function loadHeaders(context: Excel.RequestContext, meta: ScorecardMeta) {
  return context.workbook.tables.getItem(meta.scorecardTable).getHeaderRowRange().load("values");
}

/** The criterion ids the Reviews and Profiles tables name: a new criterion never takes one of them. */
function loadUsedIds(context: Excel.RequestContext, meta: ScorecardMeta) {
  const column = (table: string, header: string) =>
    context.workbook.tables.getItem(table).columns.getItem(header).getDataBodyRange().load("values");
  return [
    meta.reviews ? column(meta.reviews.table, REVIEW_COLUMNS[2]) : null,
    meta.profilesTable ? column(meta.profilesTable, PROFILE_COLUMNS[3]) : null,
  ];
}

export async function addCriterion(
  run: ExcelRun,
  before: ScorecardData,
  criterion: NewCriterion,
  options: CriteriaWriteOptions,
): Promise<ScorecardMeta> {
  const old = before.location.meta;
  refuseInTeamMode(old);
  if (old.criteria.length >= MAX_CRITERIA) {
    throw new WorkbookError(
      "InvalidInput",
      `A scorecard holds at most ${MAX_CRITERIA} criteria; remove one first.`,
      { sheet: old.sheets.weights },
    );
  }
  const name = checkName(before, criterion.name);
  const definition = checkDefinition(old, criterion.definition);
  normalizeWeights([...before.config.criteria.map((c) => c.weight), criterion.weight]);
  const existing = old.criteria.map((c) => c.id);
  const provisional: CriterionConfig = {
    id: criterion.id ?? idFromName(name, existing),
    name,
    definition,
    weight: criterion.weight,
  };
  validateCriteria([...before.config.criteria, provisional]);
  // The new column goes just before Coverage; everything from Coverage on moves one to the right.
  const at = before.columns.coverage;
  const moved = shifted(before.columns, at, 1);
  const oldWeightRows = old.criteria.map((c) => weightRow(before, c.id));
  return writeCriteria(
    run,
    before,
    options,
    (context) => ({
      headers: loadHeaders(context, old),
      used: loadUsedIds(context, old),
      end: new TableEnd(context, old.weightsTable),
    }),
    async (context, { headers, used, end }) => {
      refuseTakenHeader(old, headers.values[0], name);
      // A criterion removed earlier may live on in the Reviews or a profile: its id is not reused,
      // so that its old reviews and weights never pass for the new criterion's.
      const retired = used.flatMap((r) => (r ? r.values.map((v) => String(v[0])) : []));
      const id = criterion.id ?? idFromName(name, [...existing, ...retired]);
      const added: CriterionConfig = { ...provisional, id };
      const config: ScorecardConfig = { ...before.config, criteria: [...before.config.criteria, added] };
      const cols: ScorecardColumns = {
        ...moved,
        criteria: [...moved.criteria, { criterionId: id, column: at }],
      };
      const workbook = context.workbook;
      workbook.tables
        .getItem(old.scorecardTable)
        .columns.add(columnIndex(at) - before.tableFirstColumn, undefined, name);
      const weights = workbook.worksheets.getItem(old.sheets.weights);
      // Appended through TableAppend (tables.ts): above a total row, and moved into the table if
      // Excel leaves it out, before anything points at it (a row moved in leaves #REF! behind).
      const append = new TableAppend(context, end, end.nextRow);
      append.add([[asText(id), asText(name), asText(definition), criterion.weight]]);
      append.check();
      await syncOrExplain(context, old.sheets.weights);
      if (append.fixOutside()) await syncOrExplain(context, old.sheets.weights);
      const newWeightRow = end.nextRow + 1;
      weights.getRange(`${WEIGHTS_LAYOUT.normalizedColumn}${newWeightRow}`).numberFormat = [["0.0%"]];
      // Cleared first: a rule set over other validation throws InvalidArgument (office-js #2594).
      const weightCell = `${WEIGHTS_LAYOUT.rawColumn}${newWeightRow}`;
      weights.getRange(weightCell).dataValidation.clear();
      weights.getRange(weightCell).dataValidation.rule = {
        decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" },
      };
      workbook.names.add(
        weightName(id),
        weights.getRange(`${WEIGHTS_LAYOUT.normalizedColumn}${newWeightRow}`),
      );
      // A scorecard the add-in made validates its criterion columns down to the sheet's last row
      // (its Coverage format is written again, for all criteria, by the rewrite that follows).
      const { first, last } = bodyRows(before);
      if (validatesToSheetEnd(before, old.headerBand)) {
        const sheet = workbook.worksheets.getItem(old.sheets.scorecard);
        queueScoreColumnsFormat(
          sheet,
          { ...cols, criteria: [{ criterionId: id, column: at }] },
          first,
          last,
          SHEET_LAST_ROW,
        );
      }
      return {
        config,
        criteria: [...old.criteria, { id, header: name }],
        cols,
        weightRows: [...oldWeightRows, newWeightRow],
        rewrite: "all",
        changes: [
          {
            what: "criterion added",
            agreementId: "",
            subject: name,
            before: "",
            after: `id ${id}, weight ${auditValue(criterion.weight)}`,
          },
        ],
        stale: staleText(`criterion "${name}" was added`, options.now),
      };
    },
  );
}

export async function renameCriterion(
  run: ExcelRun,
  before: ScorecardData,
  id: string,
  newName: string,
  options: CriteriaWriteOptions,
): Promise<ScorecardMeta> {
  const current = criterionOf(before, id);
  const name = checkName(before, newName, current.meta.header);
  const old = before.location.meta;
  const config: ScorecardConfig = {
    ...before.config,
    criteria: before.config.criteria.map((c) => (c.id === id ? { ...c, name } : c)),
  };
  validateCriteria(config.criteria);
  if (name === current.config.name && name === current.meta.header) return old;
  const indicators = renamedIndicators(before, id, name);
  const notesColumn = before.columns.notes;
  const { first, last } = bodyRows(before);
  return writeCriteria(
    run,
    before,
    options,
    (context) => ({
      headers: loadHeaders(context, old),
      // Rationale lines in Notes start with the criterion's name (single-analyst mode): they follow.
      notes: context.workbook.worksheets
        .getItem(old.sheets.scorecard)
        .getRange(`${notesColumn}${first}:${notesColumn}${last}`)
        .load("values"),
    }),
    (context, { headers, notes }) => {
      refuseTakenHeader(old, headers.values[0], name, current.meta.header);
      const workbook = context.workbook;
      workbook.tables.getItem(old.scorecardTable).columns.getItem(current.meta.header).name = name;
      workbook.worksheets.getItem(old.sheets.weights).getRange(`B${weightRow(before, id)}`).values = [
        [asText(name)],
      ];
      indicators.queue(context);
      const renamed = notes.values.map(([v]) => [renameRationale(String(v), before, id, name)]);
      renamed.forEach(([text], i) => {
        if (text !== String(notes.values[i][0]))
          workbook.worksheets.getItem(old.sheets.scorecard).getRange(`${notesColumn}${first + i}`).values = [
            [asText(text)],
          ];
      });
      return {
        config,
        criteria: old.criteria.map((c) => (c.id === id ? indicators.criterion : c)),
        cols: before.columns,
        weightRows: null,
        // The Results blocks and chart series carry the name: they are written again.
        rewrite: "charts",
        changes: [
          {
            what: "criterion renamed",
            agreementId: "",
            subject: name,
            before: current.config.name,
            after: name,
          },
        ],
      };
    },
  );
}

/** A Notes cell with the renamed criterion's rationale line relabelled; other lines untouched. */
function renameRationale(notes: string, before: ScorecardData, id: string, name: string): string {
  const criteria = [...before.config.criteria].sort((a, b) => b.name.length - a.name.length);
  let changed = false;
  const lines = notes.split(/\r?\n/).map((line) => {
    const owner = criteria.find((c) => line.toLowerCase().startsWith(`${c.name.toLowerCase()}:`));
    if (owner?.id !== id) return line;
    changed = true;
    return `${name}:${line.slice(owner.name.length + 1)}`;
  });
  return changed ? lines.join("\n") : notes;
}

export function checkDefinition(meta: ScorecardMeta, definition: string): string {
  if (definition.length > MAX_DEFINITION)
    throw new WorkbookError(
      "InvalidInput",
      `A definition holds at most ${MAX_DEFINITION} characters; this one has ${definition.length}.`,
      { sheet: meta.sheets.weights },
    );
  return definition.trim();
}
