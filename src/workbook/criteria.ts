/**
 * Adds, renames and removes criteria. The Scorecard column, the Weights row, the defined name, the
 * data validation, the metadata, every row's formulas and the charts follow. Syncs: one for the
 * structure, one per further chunk of rewritten formulas, two for the charts — whatever N.
 */
import { MAX_CRITERIA, validateCriteria } from "../scoring/criteria";
import { normalizeWeights } from "../scoring/weights";
import { columnIndex, columnLetter, rangeAddress } from "./addresses";
import { DEFAULT_HEADERS, NAME, weightName } from "./contract";
import { WorkbookError, explainExcelError } from "./errors";
import {
  scorecardRowFormulas,
  WEIGHTS_LAYOUT,
  type CriterionConfig,
  type ScorecardColumns,
  type ScorecardConfig,
} from "./layout";
import { encodeMeta, metaFor, type ScorecardMeta } from "./meta";
import { idFromName } from "./names";
import type { ScorecardData } from "./read";
import type { ExcelRun } from "./run";
import { asText } from "./text";
import { chunkRows, queueInChunks } from "./chunks";
import { refreshCharts } from "./charts";
import { normalizedWeightFormula } from "./formulas";

export interface NewCriterion {
  name: string;
  definition: string;
  weight: number;
  id?: string;
}

function checkName(data: ScorecardData, name: string, except?: string) {
  const trimmed = name.trim();
  const meta = data.location.meta;
  const sheet = meta.sheets.scorecard;
  if (trimmed === "") throw new WorkbookError("InvalidInput", "A criterion needs a name.", { sheet });
  const taken = [
    ...meta.criteria.map((c) => c.header),
    ...Object.values(meta.columns),
    ...Object.values(DEFAULT_HEADERS),
  ];
  if (taken.filter((h) => h !== except).some((h) => h.trim().toLowerCase() === trimmed.toLowerCase())) {
    throw new WorkbookError(
      "InvalidInput",
      `Column "${trimmed}" already exists in the Scorecard table; choose another name.`,
      { sheet, column: trimmed },
    );
  }
  return trimmed;
}

/** Every column at or right of `from` moves by `delta` (a table column was inserted or deleted). */
function shifted(cols: ScorecardColumns, from: string, delta: number): ScorecardColumns {
  const at = columnIndex(from);
  const move = (letter: string) =>
    columnIndex(letter) >= at ? columnLetter(columnIndex(letter) + delta) : letter;
  return {
    id: move(cols.id),
    name: move(cols.name),
    type: move(cols.type),
    parties: move(cols.parties),
    signed: move(cols.signed),
    criteria: cols.criteria.map((c) => ({ criterionId: c.criterionId, column: move(c.column) })),
    coverage: move(cols.coverage),
    score: move(cols.score),
    rank: move(cols.rank),
    notes: move(cols.notes),
  };
}

/** Runs of consecutive row numbers, so each run is written as one range. */
function runsOf(rows: number[]): [number, number][] {
  const sorted = [...rows].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/** Add and remove change the consensus formulas' columns; a team scorecard switches to one analyst first. */
function refuseInTeamMode(meta: ScorecardMeta) {
  if (meta.mode === "team") {
    throw new WorkbookError(
      "InvalidInput",
      "Criteria cannot be added or removed while the team scores this scorecard: its consensus formulas and discuss flags follow the criteria. Switch to one analyst (the consensus is kept), change the criteria, then switch back to team scoring.",
      { sheet: meta.sheets.scorecard },
    );
  }
}

/**
 * Applies a structural change, then rewrites what depends on the criteria list: the normalized
 * weight formulas (on the rows given), the metadata, every row's three formulas, and the charts.
 */
async function applyCriteria(
  run: ExcelRun,
  before: ScorecardData,
  config: ScorecardConfig,
  cols: ScorecardColumns,
  weightRows: number[],
  structure: (context: Excel.RequestContext) => void,
): Promise<ScorecardMeta> {
  const old = before.location.meta;
  const meta: ScorecardMeta = {
    ...old,
    criteria: metaFor(config, old.sheets, { scorecard: "", weights: "" }, 0).criteria,
    versionStamp: old.versionStamp + 1,
  };
  const runs = runsOf(before.rows.length > 0 ? before.rows : [2]);
  await run(async (context) => {
    try {
      structure(context);
      const weights = context.workbook.worksheets.getItem(meta.sheets.weights);
      const first = Math.min(...weightRows);
      const last = Math.max(...weightRows);
      for (const row of weightRows) {
        weights.getRange(`${WEIGHTS_LAYOUT.normalizedColumn}${row}`).formulas = [
          [normalizedWeightFormula(WEIGHTS_LAYOUT.rawColumn, row, first, last)],
        ];
      }
      context.workbook.worksheets
        .getItem(meta.sheets.meta)
        .getRange(rangeAddress(0, 0, encodeMeta(meta).length, 2)).values = encodeMeta(meta);
      const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
      const perRow = JSON.stringify(scorecardRowFormulas(meta, cols, 100_000)).length;
      const pieces = runs.flatMap(([a, b]) => {
        const out: [number, number][] = [];
        for (let r = a; r <= b; r += 5000) out.push([r, Math.min(b, r + 4999)]);
        return out;
      });
      const chunks = chunkRows(pieces.length, (i) => (pieces[i][1] - pieces[i][0] + 1) * perRow);
      await queueInChunks(context, chunks, (from, to) => {
        for (const [a, b] of pieces.slice(from, to)) {
          const formulas: string[][] = [];
          for (let r = a; r <= b; r++) formulas.push(scorecardRowFormulas(meta, cols, r));
          sheet.getRange(`${cols.coverage}${a}:${cols.rank}${b}`).formulas = formulas;
        }
      });
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, old.sheets.scorecard);
    }
  });
  await refreshCharts(run, config, cols, meta, before.agreements.length);
  return meta;
}

const weightRow = (data: ScorecardData, id: string) => Number(/\d+$/.exec(data.weightCells[id])![0]);

export async function addCriterion(
  run: ExcelRun,
  before: ScorecardData,
  criterion: NewCriterion,
): Promise<ScorecardMeta> {
  refuseInTeamMode(before.location.meta);
  const old = before.location.meta;
  if (old.criteria.length >= MAX_CRITERIA) {
    throw new WorkbookError(
      "InvalidInput",
      `A scorecard holds at most ${MAX_CRITERIA} criteria; remove one first.`,
      {
        sheet: old.sheets.weights,
      },
    );
  }
  const name = checkName(before, criterion.name);
  normalizeWeights([...before.config.criteria.map((c) => c.weight), criterion.weight]);
  const id =
    criterion.id ??
    idFromName(
      name,
      old.criteria.map((c) => c.id),
    );
  const added: CriterionConfig = { id, name, definition: criterion.definition, weight: criterion.weight };
  const config: ScorecardConfig = { ...before.config, criteria: [...before.config.criteria, added] };
  validateCriteria(config.criteria);
  // The new column goes just before Coverage; everything from Coverage on moves one to the right.
  const at = before.columns.coverage;
  const moved = shifted(before.columns, at, 1);
  const cols: ScorecardColumns = { ...moved, criteria: [...moved.criteria, { criterionId: id, column: at }] };
  const oldWeightRows = old.criteria.map((c) => weightRow(before, c.id));
  const newWeightRow = Math.max(...oldWeightRows) + 1;
  return applyCriteria(run, before, config, cols, [...oldWeightRows, newWeightRow], (context) => {
    const workbook = context.workbook;
    workbook.tables
      .getItem(old.scorecardTable)
      .columns.add(columnIndex(at) - before.tableFirstColumn, undefined, name);
    const weights = workbook.worksheets.getItem(old.sheets.weights);
    // Written right below the Weights table, which takes the row in.
    weights.getRange(`A${newWeightRow}:${WEIGHTS_LAYOUT.rawColumn}${newWeightRow}`).values = [
      [asText(id), asText(name), asText(criterion.definition), criterion.weight],
    ];
    workbook.names.add(weightName(id), weights.getRange(`${WEIGHTS_LAYOUT.normalizedColumn}${newWeightRow}`));
    const rows = before.rows.length > 0 ? before.rows : [2];
    const validation = workbook.worksheets
      .getItem(old.sheets.scorecard)
      .getRange(`${at}${Math.min(...rows)}:${at}${Math.max(...rows)}`).dataValidation;
    validation.rule = {
      decimal: { formula1: `=${NAME.scaleMin}`, formula2: `=${NAME.scaleMax}`, operator: "Between" },
    };
  });
}

export async function renameCriterion(
  run: ExcelRun,
  before: ScorecardData,
  id: string,
  newName: string,
): Promise<ScorecardMeta> {
  const current = before.location.meta.criteria.find((c) => c.id === id);
  if (!current)
    throw new WorkbookError("InvalidInput", `There is no criterion "${id}" in this scorecard.`, {});
  const name = checkName(before, newName, current.header);
  const config: ScorecardConfig = {
    ...before.config,
    criteria: before.config.criteria.map((c) => (c.id === id ? { ...c, name } : c)),
  };
  validateCriteria(config.criteria);
  const old = before.location.meta;
  const rows = old.criteria.map((c) => weightRow(before, c.id));
  return applyCriteria(run, before, config, before.columns, rows, (context) => {
    context.workbook.tables.getItem(old.scorecardTable).columns.getItem(current.header).name = name;
    context.workbook.worksheets.getItem(old.sheets.weights).getRange(`B${weightRow(before, id)}`).values = [
      [asText(name)],
    ];
  });
}

export async function removeCriterion(
  run: ExcelRun,
  before: ScorecardData,
  id: string,
  confirmDataLoss = false,
): Promise<ScorecardMeta> {
  refuseInTeamMode(before.location.meta);
  const old = before.location.meta;
  const index = old.criteria.findIndex((c) => c.id === id);
  if (index < 0)
    throw new WorkbookError("InvalidInput", `There is no criterion "${id}" in this scorecard.`, {});
  if (old.criteria.length === 1) {
    throw new WorkbookError("InvalidInput", "A scorecard needs at least one criterion.", {
      sheet: old.sheets.weights,
    });
  }
  const scored = before.agreements.filter((a) => a.scores[id] !== null).length;
  if (scored > 0 && !confirmDataLoss) {
    throw new WorkbookError(
      "WouldOverwrite",
      `Criterion "${old.criteria[index].header}" holds ${scored} score(s); removing it deletes them. Confirm to remove it.`,
      { sheet: old.sheets.scorecard, column: old.criteria[index].header },
    );
  }
  const config: ScorecardConfig = {
    ...before.config,
    criteria: before.config.criteria.filter((c) => c.id !== id),
  };
  normalizeWeights(config.criteria.map((c) => c.weight));
  const removedColumn = before.columns.criteria[index].column;
  const remaining = {
    ...before.columns,
    criteria: before.columns.criteria.filter((c) => c.criterionId !== id),
  };
  const cols = shifted(remaining, columnLetter(columnIndex(removedColumn) + 1), -1);
  const removedRow = weightRow(before, id);
  const rows = old.criteria
    .filter((c) => c.id !== id)
    .map((c) => weightRow(before, c.id))
    .map((r) => (r > removedRow ? r - 1 : r));
  return applyCriteria(run, before, config, cols, rows, (context) => {
    const workbook = context.workbook;
    workbook.tables.getItem(old.scorecardTable).columns.getItem(old.criteria[index].header).delete();
    // Formulas that name the criterion's weight are rewritten in this same batch.
    workbook.names.getItem(weightName(id)).delete();
    workbook.worksheets.getItem(old.sheets.weights).getRange(`A${removedRow}:E${removedRow}`).delete("Up");
  });
}
