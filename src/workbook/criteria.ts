/**
 * Adds, renames and removes criteria. The Scorecard column, the Weights row, the defined name, the
 * data validation, the metadata, every row's formulas and the charts follow. Syncs: one to read
 * the scorecard, one for the structure, one per chunk of rewritten formulas, two for the charts.
 */
import { MAX_CRITERIA } from "../scoring/criteria";
import { normalizeWeights } from "../scoring/weights";
import { NAME, weightName } from "./contract";
import { WorkbookError, explainExcelError } from "./errors";
import {
  scorecardColumns,
  scorecardRowFormulas,
  WEIGHTS_LAYOUT,
  type CriterionConfig,
  type ScorecardConfig,
} from "./layout";
import { encodeMeta, metaFor, type ScorecardMeta } from "./meta";
import { idFromName } from "./names";
import type { ScorecardData } from "./read";
import type { ExcelRun } from "./run";
import { asText } from "./text";
import { chunkRows, queueInChunks } from "./chunks";
import { refreshCharts } from "./charts";
import { rangeAddress } from "./addresses";

export interface NewCriterion {
  name: string;
  definition: string;
  weight: number;
  id?: string;
}

function checkName(data: ScorecardData, name: string, except?: string) {
  const trimmed = name.trim();
  const sheet = data.location.meta.sheets.scorecard;
  if (trimmed === "") throw new WorkbookError("InvalidInput", "A criterion needs a name.", { sheet });
  const clash = [
    ...data.location.meta.criteria.map((c) => c.header),
    "ID",
    "Agreement",
    "Type",
    "Parties",
    "Signed",
    "Coverage",
    "Weighted score",
    "Rank",
    "Notes",
  ]
    .filter((h) => h !== except)
    .some((h) => h.trim().toLowerCase() === trimmed.toLowerCase());
  if (clash) {
    throw new WorkbookError(
      "InvalidInput",
      `Column "${trimmed}" already exists in the Scorecard table; choose another name.`,
      {
        sheet,
        column: trimmed,
      },
    );
  }
  return trimmed;
}

/** Rewrites metadata, weights formulas and every row's formulas for the new criteria list. */
async function applyCriteria(
  run: ExcelRun,
  before: ScorecardData,
  config: ScorecardConfig,
  structure: (context: Excel.RequestContext, meta: ScorecardMeta) => void,
): Promise<ScorecardMeta> {
  const old = before.location.meta;
  const meta = metaFor(
    config,
    old.sheets,
    { scorecard: old.scorecardTable, weights: old.weightsTable },
    old.versionStamp + 1,
  );
  const cols = scorecardColumns(config);
  const rows = before.rows;
  await run(async (context) => {
    try {
      structure(context, meta);
      const n = config.criteria.length;
      const weights = context.workbook.worksheets.getItem(meta.sheets.weights);
      const raw = WEIGHTS_LAYOUT.rawColumn;
      const all = `$${raw}$2:$${raw}$${n + 1}`;
      weights.getRange(
        `${WEIGHTS_LAYOUT.normalizedColumn}2:${WEIGHTS_LAYOUT.normalizedColumn}${n + 1}`,
      ).formulas = config.criteria.map((_, k) => [
        `=IF(COUNTIF(${all},"<0")>0,NA(),${raw}${k + 2}/SUM(${all}))`,
      ]);
      context.workbook.worksheets
        .getItem(meta.sheets.meta)
        .getRange(rangeAddress(0, 0, encodeMeta(meta).length, 2)).values = encodeMeta(meta);
      const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
      const formulaRows = rows.length > 0 ? rows : [2];
      const chunks = chunkRows(formulaRows.length, () => 400 + 120 * n);
      await queueInChunks(context, chunks, (from, to) => {
        for (const row of formulaRows.slice(from, to)) {
          sheet.getRange(`${cols.coverage}${row}:${cols.rank}${row}`).formulas = [
            scorecardRowFormulas(config, cols, row),
          ];
        }
      });
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, old.sheets.scorecard);
    }
  });
  await refreshCharts(run, config, meta, before.agreements.length);
  return meta;
}

export async function addCriterion(
  run: ExcelRun,
  before: ScorecardData,
  criterion: NewCriterion,
): Promise<ScorecardMeta> {
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
  const n = config.criteria.length;
  const cols = scorecardColumns(config);
  const column = cols.criteria[n - 1].column;
  return applyCriteria(run, before, config, (context) => {
    const workbook = context.workbook;
    const table = workbook.tables.getItem(old.scorecardTable);
    // The new column goes right after the last criterion, before Coverage.
    table.columns.add(5 + n - 1, undefined, name);
    const weights = workbook.worksheets.getItem(old.sheets.weights);
    weights.getRange(`A${n + 1}:${WEIGHTS_LAYOUT.rawColumn}${n + 1}`).values = [
      [asText(id), asText(name), asText(criterion.definition), criterion.weight],
    ];
    workbook.names.add(weightName(id), weights.getRange(`${WEIGHTS_LAYOUT.normalizedColumn}${n + 1}`));
    const bodyRows = Math.max(1, before.rows.length);
    const validation = workbook.worksheets
      .getItem(old.sheets.scorecard)
      .getRange(`${column}2:${column}${bodyRows + 1}`).dataValidation;
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
  const old = before.location.meta;
  const index = old.criteria.findIndex((c) => c.id === id);
  return applyCriteria(run, before, config, (context) => {
    context.workbook.tables.getItem(old.scorecardTable).columns.getItem(current.header).name = name;
    context.workbook.worksheets.getItem(old.sheets.weights).getRange(`B${index + 2}`).values = [
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
  return applyCriteria(run, before, config, (context) => {
    const workbook = context.workbook;
    // Formulas that name the criterion's weight are rewritten in this batch; drop them first so the
    // name can go without leaving #REF! behind.
    workbook.tables.getItem(old.scorecardTable).columns.getItem(old.criteria[index].header).delete();
    workbook.names.getItem(weightName(id)).delete();
    workbook.worksheets
      .getItem(old.sheets.weights)
      .getRange(`A${index + 2}:E${index + 2}`)
      .delete("Up");
  });
}
