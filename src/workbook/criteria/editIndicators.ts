/**
 * Sets the indicators of one criterion (issue 16): adds, renames, edits (definition, rubric anchors
 * checked against the scale as a criterion's are, local weight) and removes them in one audited write. The Scorecard table gets one column per
 * indicator beside its criterion (headed "Criterion / Indicator", validated to the scale), the
 * criterion's cells become the live formula over them (indicatorFormulas.ts), the indicator weights
 * table on the Weights sheet is written again with every indicator's local weight as the read found
 * it (hand edits kept), and each AS_L_<id> name points at its normalized local weight.
 *
 * A new indicator whose header ("Criterion / Indicator") the table already has as a column of the
 * user's own takes that column over, cells and all, instead of getting a new one (adoptedColumns).
 *
 * Nothing typed is lost unconfirmed: removing an indicator that holds scores, or giving indicators
 * to a criterion whose cells hold scores typed directly (the formula replaces them), is refused
 * unless `confirmDataLoss`, and each score it removes is an Audit row. Removing a criterion's last
 * indicator scores it directly again, its cells keeping the scores its indicators gave.
 *
 * In team mode the reviewers score the leaves (team/leaves.ts): a new indicator column gets the
 * consensus formula, and reviews of what is no longer scored (a removed indicator; a criterion
 * that gets its first indicators) are refused unless confirmed, then audited one by one and
 * cleared (team/indicatorReviews.ts); the index of the reviews is built again for the new leaves.
 */
import { validateIndicators, type Indicator } from "../../scoring/indicatorTree";
import { MAX_CRITERION_NAME } from "../../scoring/criteria";
import { columnLetter, SHEET_LAST_ROW } from "../contract/addresses";
import { INDICATOR_COLUMNS, TABLE, localWeightName } from "../contract/contract";
import { columnsFromHeaders } from "../contract/layout";
import {
  INDICATORS_LAYOUT,
  indicatorHeader,
  indicatorTableRows,
  localWeightCell,
  normalizedLocalCell,
  type IndicatorColumn,
} from "../contract/indicatorLayout";
import { metaCellOf, type CriterionMeta, type IndicatorMeta, type ScorecardMeta } from "../contract/meta";
import { queueTakenNames } from "../contract/freeNames";
import { criterionFromIndicatorsFormula } from "../formulas/indicatorFormulas";
import { WorkbookError, syncOrExplain } from "../errors";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { updateIndicatorOutline, type OutlineOption } from "../scorecard/indicatorOutline";
import {
  bandGroups,
  bandIsOwn,
  bandLabels,
  lookAtBand,
  movedDown,
  queueBand,
  queueBandDelete,
  queueBandInsert,
  validatesToSheetEnd,
} from "../scorecard/headerBand";
import { queueScoreValidation } from "../scorecard/sheetSetup";
import { loadCharts, queueChartsReplaced } from "../scorecard/charts";
import { checkFormulaLength } from "../formulas/formulaLength";
import { bodyRows } from "../team/teamFormulas";
import { refreshTeamIndex } from "../team/mode";
import {
  clearLostReviews,
  lostReviewChanges,
  lostReviews,
  queueReviewsLook,
  refuseLostReviews,
} from "../team/indicatorReviews";
import { auditValue, type Change } from "../write/audit";
import { queueColumnFormulas } from "../write/payload";
import { writeBatch } from "../write/session";
import { criterionOf, type CriteriaWriteOptions } from "./editCriteria";
import { checkAnchors } from "./editDefinitions";

export interface IndicatorWriteOptions extends CriteriaWriteOptions, OutlineOption {
  /** The user agreed to lose the scores named in the refusal (removed indicators, replaced criterion scores). */
  confirmDataLoss?: boolean;
}

type Cell = string | number | boolean;

/** What the new list changes, indicator by indicator, against the criterion's indicators as read. */
interface Plan {
  kept: { before: Indicator; after: Indicator; header: string; oldHeader: string }[];
  added: { indicator: Indicator; header: string }[];
  removed: { indicator: Indicator; header: string }[];
}

export async function setIndicators(
  run: ExcelRun,
  before: ScorecardData,
  criterionId: string,
  indicators: readonly Indicator[],
  options: IndicatorWriteOptions,
): Promise<ScorecardMeta> {
  const meta = before.location.meta;
  const { index, meta: criterion, config } = criterionOf(before, criterionId);
  const tree = Object.fromEntries(
    before.config.criteria.map((c) => [c.id, c.id === criterionId ? indicators : (c.indicators ?? [])]),
  );
  validateIndicators(before.config.criteria, tree);
  // Anchors are kept as a criterion's are: on the scale, each with a description, sorted.
  const wanted = indicators.map((i) =>
    i.anchors && i.anchors.length > 0
      ? { ...i, anchors: checkAnchors(meta, indicatorHeader(criterion.header, i.name.trim()), i.anchors) }
      : { ...i },
  );
  const plan = planOf(meta, criterion, config.indicators ?? [], wanted);
  const nextCriteria: CriterionMeta[] = meta.criteria.map((c, k) =>
    k === index ? withIndicators(c, wanted, plan) : c,
  );
  const reviewsLost = lostReviews(before, { criteria: nextCriteria });
  if (!options.confirmDataLoss) refuseLostReviews(before, reviewsLost, criterion.header);
  refuseDataLoss(before, index, plan, options);
  const changes = [...changesOf(before, index, plan), ...lostReviewChanges(before, reviewsLost)];
  if (changes.length === 0) return meta;
  metaCellOf("criteria", nextCriteria);
  checkFormulaLength({ ...meta, criteria: nextCriteria }, { sheet: meta.sheets.results });
  const team = meta.mode === "team";
  // The Results sheet's contribution-by-indicator chart follows the indicators; a team's reviews too.
  const writes = [
    meta.sheets.scorecard,
    meta.sheets.weights,
    meta.sheets.results,
    ...(team ? [meta.reviews!.sheet] : []),
  ];
  // The indicator columns as the write leaves them, when it moved any (for the outline).
  let laidOut: { indicators?: IndicatorColumn[] } | null = null;
  const written = await writeBatch(
    run,
    meta,
    { author: options.author, requireUnchanged: true, now: options.now, writes },
    async (context, session) => {
      const workbook = context.workbook;
      const scorecard = workbook.tables.getItem(meta.scorecardTable);
      const header = scorecard.getHeaderRowRange().load("values, columnIndex");
      const scorecardSheet = workbook.worksheets.getItem(meta.sheets.scorecard);
      const band = lookAtBand(scorecardSheet, before.headerRow);
      const taken = queueTakenNames(workbook);
      const definedNames = workbook.names.load("items/name");
      const charts = loadCharts(context, meta);
      const weightsSheet = workbook.worksheets.getItem(meta.sheets.weights);
      const rowCount = criteriaAfter(before, index, wanted).flatMap((c) => c.indicators ?? []).length;
      // The block the indicator table will cover: free, or the table's own (nothing a person typed).
      const block = weightsSheet
        .getRangeByIndexes(0, INDICATORS_LAYOUT.firstColumn, rowCount + 1, INDICATOR_COLUMNS.length)
        .load("formulas");
      const oldTable = meta.indicatorsTable
        ? workbook.tables.getItem(meta.indicatorsTable).getRange().load("rowCount, rowIndex, columnIndex")
        : null;
      const reviews = queueReviewsLook(context, meta);
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      const headers = header.values[0] as Cell[];
      const adopted = adoptedColumns(meta, headers, plan);
      refuseOccupiedBlock(meta, block.formulas as Cell[][], oldTable);
      for (const change of changes)
        if (change.what === "indicator added" && adopted.has(key(change.subject)))
          change.after += ", scored in the table's existing column of that name";

      // The header band: a row inserted above the header with the first indicators (every row
      // below moves down one, so the rest of this write works on `data`, the rows as they will be).
      const twoLevel = nextCriteria.some((c) => (c.indicators ?? []).length > 0);
      const insertBand = twoLevel && !meta.headerBand;
      const ownBand = bandIsOwn(band, before.headerRow, bandLabels(meta.criteria, nextCriteria));
      if (insertBand) queueBandInsert(scorecardSheet, before.headerRow, band);
      const data = insertBand ? movedDown(before) : before;
      queueColumnChanges(scorecard, headers, criterion.header, plan, adopted);
      await syncOrExplain(context, meta.sheets.scorecard);

      const tableName = meta.indicatorsTable ?? taken.table(TABLE.indicators);
      const rows = indicatorTableRows(tableName, criteriaAfter(before, index, wanted));
      queueIndicatorTable(context, meta, tableName, rows, oldTable !== null);
      queueLocalWeightNames(
        context,
        meta,
        before,
        index,
        wanted,
        new Set(definedNames.items.map((n) => n.name)),
      );

      const next: ScorecardMeta = {
        ...meta,
        criteria: nextCriteria,
        indicatorsTable: rows.length > 0 ? tableName : null,
        headerBand: twoLevel && (insertBand || meta.headerBand),
      };
      // Only new, removed or reordered indicators change the criterion's formula, and only those and
      // renamed ones the Results charts (which name them): a change of weights, definitions or
      // anchors leaves every Scorecard cell and chart as it is (the formulas read the weights
      // through AS_L_ names), so the Weights tab's edits stay small.
      const formulas = formulaChanges(plan, criterion);
      if (formulas || plan.kept.some((k) => k.header !== k.oldHeader)) {
        const fresh = scorecard.getHeaderRowRange().load("values, columnIndex");
        await syncOrExplain(context, meta.sheets.scorecard);
        const cols = columnsFromHeaders(fresh.values[0], fresh.columnIndex, next, {
          table: meta.scorecardTable,
          sheet: meta.sheets.scorecard,
        }).columns;
        if (formulas) {
          await queueCriterionCells(
            context,
            data,
            next,
            index,
            cols.criteria[index].column,
            cols.indicators ?? [],
          );
          laidOut = cols;
          if (reviews) {
            // The consensus formulas go in the new leaves' columns, reading an index of the new leaves.
            await clearLostReviews(context, before, next, reviews);
            await refreshTeamIndex(context, { ...data, columns: cols }, next, session);
          }
        }
        const sheet = workbook.worksheets.getItem(meta.sheets.scorecard);
        const added = new Set(plan.added.map((a) => a.indicator.id));
        const newColumns = (cols.indicators ?? []).filter((c) => added.has(c.indicatorId));
        if (newColumns.length > 0) {
          // A scorecard the add-in made validates its score columns down to the sheet's last row.
          const { first, last } = bodyRows(data);
          const to = validatesToSheetEnd(data, next.headerBand) ? SHEET_LAST_ROW : last;
          queueScoreValidation(
            sheet,
            { ...cols, criteria: newColumns.map((c) => ({ criterionId: c.criterionId, column: c.column })) },
            first,
            to,
          );
        }
        // After the cells' chunks, with the last of them.
        const config = { ...before.config, criteria: criteriaAfter(before, index, wanted) };
        queueChartsReplaced(context, charts, config, cols, next, before.agreements.length);
        if (next.headerBand && (insertBand || ownBand))
          queueBand(sheet, data.headerRow - 1, insertBand ? null : band, bandGroups(nextCriteria, cols));
      }
      // The last indicators gone: the band row goes too, the table back up where it was.
      if (!twoLevel && meta.headerBand && ownBand)
        queueBandDelete(scorecardSheet, before.headerRow - 1, band);
      session.update({
        criteria: nextCriteria,
        indicatorsTable: next.indicatorsTable,
        headerBand: next.headerBand,
      });
      session.record(changes);
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.scorecard);
      return written;
    },
  );
  if (laidOut) await updateIndicatorOutline(run, before, laidOut, options);
  return written;
}

/** True when the criterion's formula over its indicators differs after the plan: columns added, removed or reordered. */
function formulaChanges(plan: Plan, criterion: CriterionMeta): boolean {
  if (plan.added.length > 0 || plan.removed.length > 0) return true;
  const order = (ids: readonly { id: string }[]) => ids.map((i) => i.id).join("\u0000");
  return order(plan.kept.map((k) => k.after)) !== order(criterion.indicators ?? []);
}

function planOf(
  meta: ScorecardMeta,
  criterion: CriterionMeta,
  current: readonly Indicator[],
  wanted: readonly Indicator[],
): Plan {
  const headerOf = new Map((criterion.indicators ?? []).map((i) => [i.id, i.header]));
  const byId = new Map(current.map((i) => [i.id, i]));
  const plan: Plan = { kept: [], added: [], removed: [] };
  for (const indicator of wanted) {
    const header = indicatorHeader(criterion.header, indicator.name.trim());
    if (header.length > MAX_CRITERION_NAME)
      throw new WorkbookError(
        "InvalidInput",
        `The column of indicator "${indicator.name.trim()}" would be headed "${header.slice(0, 60)}…", ${header.length} characters, but Excel allows at most ${MAX_CRITERION_NAME} in a table header (criterion name, "${" / "}", indicator name); shorten the indicator's or the criterion's name by ${header.length - MAX_CRITERION_NAME}.`,
        { sheet: meta.sheets.scorecard, column: criterion.header },
      );
    const old = byId.get(indicator.id);
    if (old) plan.kept.push({ before: old, after: indicator, header, oldHeader: headerOf.get(old.id)! });
    else plan.added.push({ indicator, header });
  }
  const ids = new Set(wanted.map((i) => i.id));
  for (const indicator of current)
    if (!ids.has(indicator.id)) plan.removed.push({ indicator, header: headerOf.get(indicator.id)! });
  return plan;
}

/** The criterion's metadata with its indicators as the plan leaves them (anchors from the new list). */
function withIndicators(c: CriterionMeta, wanted: readonly Indicator[], plan: Plan): CriterionMeta {
  const headerOf = new Map<string, string>([
    ...plan.kept.map((k): [string, string] => [k.after.id, k.header]),
    ...plan.added.map((a): [string, string] => [a.indicator.id, a.header]),
  ]);
  const indicators: IndicatorMeta[] = wanted.map((i) => ({
    id: i.id,
    header: headerOf.get(i.id)!,
    ...(i.anchors && i.anchors.length > 0 ? { anchors: i.anchors.map((a) => ({ ...a })) } : {}),
  }));
  const { indicators: _old, ...rest } = c;
  return indicators.length > 0 ? { ...rest, indicators } : rest;
}

/** The criteria as the write leaves them, for the indicator weights table. */
function criteriaAfter(before: ScorecardData, index: number, wanted: readonly Indicator[]) {
  return before.config.criteria.map((c, k) => (k === index ? { ...c, indicators: [...wanted] } : c));
}

/**
 * Scores the write would remove: those of removed indicators, and, when a criterion scored
 * directly gets indicators, its typed scores (the formula takes their cells).
 */
function lostScores(before: ScorecardData, index: number, plan: Plan) {
  // A team's cells hold the consensus: what a change loses there are reviews (lostReviews).
  if (before.location.meta.mode === "team") return [];
  const criterion = before.config.criteria[index];
  const direct = (criterion.indicators ?? []).length === 0 && plan.added.length > 0;
  const lost: { agreementId: string; subject: string; value: number }[] = [];
  for (const a of before.agreements) {
    if (direct && a.scores[criterion.id] !== null)
      lost.push({ agreementId: a.id, subject: criterion.name, value: a.scores[criterion.id]! });
    for (const r of plan.removed) {
      const value = a.indicatorScores?.[r.indicator.id] ?? null;
      if (value !== null) lost.push({ agreementId: a.id, subject: r.header, value });
    }
  }
  return lost;
}

function refuseDataLoss(before: ScorecardData, index: number, plan: Plan, options: IndicatorWriteOptions) {
  const lost = lostScores(before, index, plan);
  if (lost.length === 0 || options.confirmDataLoss) return;
  const meta = before.location.meta;
  const criterion = meta.criteria[index];
  const where = [...new Set(lost.map((l) => l.subject))].map((s) => `"${s}"`).join(", ");
  const why =
    plan.removed.length > 0 && lost.some((l) => l.subject !== before.config.criteria[index].name)
      ? "removing the indicator deletes them"
      : "its cells then show the score its indicators give, so the scores typed there are replaced";
  throw new WorkbookError(
    "WouldOverwrite",
    `${where} of criterion "${criterion.header}" hold ${lost.length} score(s); ${why}. Confirm to go on (the Audit sheet keeps each score), or cancel.`,
    { sheet: meta.sheets.scorecard, column: criterion.header },
  );
}

function changesOf(before: ScorecardData, index: number, plan: Plan): Change[] {
  const criterion = before.config.criteria[index];
  const changes: Change[] = [];
  const describe = (i: Indicator) => `id ${i.id}, local weight ${auditValue(i.localWeight)}`;
  for (const { indicator, header } of plan.added)
    changes.push({
      what: "indicator added",
      agreementId: "",
      subject: header,
      before: "",
      after: describe(indicator),
    });
  for (const { before: old, after, header, oldHeader } of plan.kept) {
    if (header !== oldHeader)
      changes.push({
        what: "indicator renamed",
        agreementId: "",
        subject: header,
        before: oldHeader,
        after: header,
      });
    const fields: [string, unknown, unknown][] = [
      ["definition", old.definition ?? "", after.definition ?? ""],
      ["local weight", old.localWeight, after.localWeight],
      ["anchors", JSON.stringify(old.anchors ?? []), JSON.stringify(after.anchors ?? [])],
    ];
    for (const [field, was, is] of fields)
      if (was !== is)
        changes.push({
          what: "indicator edited",
          agreementId: "",
          subject: header,
          before: `${field}: ${auditValue(was)}`,
          after: `${field}: ${auditValue(is)}`,
        });
  }
  for (const { indicator, header } of plan.removed)
    changes.push({
      what: "indicator removed",
      agreementId: "",
      subject: header,
      before: describe(indicator),
      after: "",
    });
  // Only the order changed: one row says so (the columns stay; the metadata and the table follow).
  const order = (ids: readonly { id: string }[]) => ids.map((i) => i.id).join(", ");
  const reordered = order(plan.kept.map((k) => k.after)) !== order(criterion.indicators ?? []);
  if (changes.length === 0 && reordered)
    changes.push({
      what: "indicator edited",
      agreementId: "",
      subject: criterion.name,
      before: `order: ${order(criterion.indicators ?? [])}`,
      after: `order: ${order(plan.kept.map((k) => k.after))}`,
    });
  for (const l of lostScores(before, index, plan))
    changes.push({
      what: "score",
      agreementId: l.agreementId,
      subject: l.subject,
      before: auditValue(l.value),
      after: "",
    });
  return changes;
}

const key = (h: unknown) => String(h).trim().toLowerCase();

/**
 * The headers (lower case) of new indicators whose column the table already has as a column of the
 * user's own, one the scorecard does not read: such a column is adopted, its cells kept as the
 * indicator's scores, which is how a table with "Criterion / Indicator" columns is attached. A
 * header the scorecard already reads (a role, a criterion, another indicator), a rename onto any
 * existing column, and, in team mode (where the column would take the consensus formula over what
 * it holds), any existing column is refused, naming it.
 */
function adoptedColumns(meta: ScorecardMeta, headers: Cell[], plan: Plan): Set<string> {
  const leaving = new Set(
    [...plan.removed.map((r) => r.header), ...plan.kept.map((k) => k.oldHeader)].map(key),
  );
  const present = new Set(headers.map(key).filter((h) => !leaving.has(h)));
  const read = new Set(
    [
      ...Object.values(meta.columns),
      ...meta.criteria.flatMap((c) => [c.header, ...(c.indicators ?? []).map((i) => i.header)]),
    ].map(key),
  );
  const adopted = new Set<string>();
  const refuse = (wanted: string) => {
    throw new WorkbookError(
      "InvalidInput",
      `Column "${wanted}" already exists in the Scorecard table; give the indicator another name.`,
      { sheet: meta.sheets.scorecard, column: wanted },
    );
  };
  for (const { header } of plan.added)
    if (present.has(key(header))) {
      if (read.has(key(header)) || meta.mode === "team") refuse(header);
      adopted.add(key(header));
    }
  for (const k of plan.kept) if (k.header !== k.oldHeader && present.has(key(k.header))) refuse(k.header);
  return adopted;
}

/** The indicator table's block must hold nothing but the table itself: nothing a person typed is written over. */
function refuseOccupiedBlock(meta: ScorecardMeta, block: Cell[][], table: Excel.Range | null) {
  const ownRows = table ? table.rowIndex + table.rowCount : 0;
  block.forEach((row, r) =>
    row.forEach((value, c) => {
      if (r < ownRows || value === "" || value === null) return;
      const address = `${columnLetter(INDICATORS_LAYOUT.firstColumn + c)}${r + 1}`;
      throw new WorkbookError(
        "WouldOverwrite",
        `Sheet "${meta.sheets.weights}" holds ${JSON.stringify(value)} in ${address}, where the indicator weights table (${INDICATORS_LAYOUT.column(0)}:${INDICATORS_LAYOUT.column(INDICATOR_COLUMNS.length - 1)}) goes; move that content elsewhere, then try again.`,
        { sheet: meta.sheets.weights, column: address },
      );
    }),
  );
}

/**
 * Removed indicators' columns deleted, renamed ones renamed, new ones inserted after the
 * criterion's last column (its own or an indicator's), in the order given; adopted ones stay where
 * the user has them.
 */
function queueColumnChanges(
  scorecard: Excel.Table,
  headers: Cell[],
  criterionHeader: string,
  plan: Plan,
  adopted: ReadonlySet<string>,
) {
  for (const r of plan.removed) scorecard.columns.getItem(r.header).delete();
  for (const k of plan.kept)
    if (k.header !== k.oldHeader) scorecard.columns.getItem(k.oldHeader).name = k.header;
  const gone = new Set(plan.removed.map((r) => key(r.header)));
  const remaining = headers.filter((h) => !gone.has(key(h)));
  const own = new Set([criterionHeader, ...plan.kept.map((k) => k.oldHeader)].map(key));
  let at = Math.max(...remaining.map((h, i) => (own.has(key(h)) ? i : -1))) + 1;
  for (const a of plan.added)
    if (!adopted.has(key(a.header))) scorecard.columns.add(at++, undefined, a.header);
}

/** The indicator weights table, written whole at J1 of the Weights sheet (its old body cleared first). */
export function queueIndicatorTable(
  context: Excel.RequestContext,
  meta: ScorecardMeta,
  name: string,
  rows: (string | number)[][],
  existed: boolean,
) {
  const workbook = context.workbook;
  if (existed) workbook.tables.getItem(meta.indicatorsTable!).delete();
  if (rows.length === 0) return;
  const sheet = workbook.worksheets.getItem(meta.sheets.weights);
  const width = INDICATOR_COLUMNS.length;
  const range = sheet.getRangeByIndexes(0, INDICATORS_LAYOUT.firstColumn, rows.length + 1, width);
  // The formulas name the table's columns, so the table comes first, over the typed cells.
  const typed = width - 2;
  range.formulas = [[...INDICATOR_COLUMNS], ...rows.map((r) => [...r.slice(0, typed), "", ""])];
  sheet.tables.add(range, true).name = name;
  sheet.getRangeByIndexes(1, INDICATORS_LAYOUT.firstColumn + typed, rows.length, 2).formulas = rows.map((r) =>
    r.slice(typed),
  );
  const last = rows.length + 1;
  const percent = (column: string) =>
    (sheet.getRange(`${column}2:${column}${last}`).numberFormat = rows.map(() => ["0.0%"]));
  percent(normalizedLocalCell(2).replace(/\d+$/, ""));
  percent(INDICATORS_LAYOUT.column(width - 1));
  const weights = sheet.getRange(`${localWeightCell(2)}:${localWeightCell(last)}`);
  // Cleared first: a rule set over other validation throws InvalidArgument (office-js #2594).
  weights.dataValidation.clear();
  weights.dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
}

/** Every indicator's AS_L_ name pointed at its row of the table as written; removed indicators' names deleted. */
export function queueLocalWeightNames(
  context: Excel.RequestContext,
  meta: ScorecardMeta,
  before: ScorecardData,
  index: number,
  wanted: readonly Indicator[],
  existing: Set<string>,
) {
  const names = context.workbook.names;
  const lower = new Set([...existing].map((n) => n.toLowerCase()));
  const all = before.config.criteria.flatMap((c, k) => (k === index ? wanted : (c.indicators ?? [])));
  const old = (before.config.criteria[index].indicators ?? []).map((i) => i.id);
  for (const id of new Set([...all.map((i) => i.id), ...old]))
    if (lower.has(localWeightName(id).toLowerCase())) names.getItem(localWeightName(id)).delete();
  const sheet = context.workbook.worksheets.getItem(meta.sheets.weights);
  all.forEach((i, k) => names.add(localWeightName(i.id), sheet.getRange(normalizedLocalCell(k + 2))));
}

/**
 * The criterion's cells on every body row: its formula over its indicators, or, when its last
 * indicator was removed, the score the indicators gave, as a value the analyst now owns.
 */
async function queueCriterionCells(
  context: Excel.RequestContext,
  before: ScorecardData,
  next: ScorecardMeta,
  index: number,
  column: string,
  indicatorColumns: readonly IndicatorColumn[],
) {
  const criterionId = next.criteria[index].id;
  const own = indicatorColumns.filter((c) => c.criterionId === criterionId);
  const sheet = context.workbook.worksheets.getItem(next.sheets.scorecard);
  const byRow = new Map(before.rows.map((row, i) => [row, before.agreements[i].scores[criterionId]]));
  await queueColumnFormulas(context, sheet, column, bodyRows(before), (row) =>
    own.length > 0 ? criterionFromIndicatorsFormula(own, row, next.missingPolicy) : (byRow.get(row) ?? ""),
  );
}
