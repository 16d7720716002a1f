/**
 * A reviewer's own weights (team mode, issue 15), written to the Reviewer weights table as
 * team/writeReviews.ts writes reviews: only the writing reviewer's rows are updated, so two
 * reviewers saving at once never touch the same cell; new rows go in below the table through
 * TableAppend; every change is an Audit row, written with the version stamp in the same batch. When
 * the team weights are on, the team block and the Weight column are written again in that batch.
 * Two syncs (look, write).
 */
import { validatePairwiseMatrix } from "../../scoring/ahp";
import { ScoringError } from "../../scoring/errors";
import { normalizeWeights } from "../../scoring/weights";
import { rangeAddress, SHEET_LAST_ROW } from "../contract/addresses";
import { REVIEWER_WEIGHT_COLUMNS, SHEET, TABLE } from "../contract/contract";
import { checkReviewerName } from "../contract/lengths";
import type { SheetTable } from "../contract/meta";
import { asText } from "../contract/userText";
import { WorkbookError, syncOrExplain } from "../errors";
import type { ReviewerWeights, ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import {
  appendRowIndex,
  queueRowWrites,
  rowAtPositions,
  withWrites,
  type ReviewRowWrite,
} from "../team/reviewRows";
import { excelTrim } from "../team/reviewFormulas";
import { queueTableRead, type TableRows } from "../team/reviewWindows";
import { auditValue, scorecardChange, type Change } from "../write/audit";
import { writeBatch } from "../write/session";
import { TableAppend, TableEnd } from "../write/tables";
import { judgmentsRowText } from "./judgments";
import { WEIGHT_METHODS, parseReviewerWeights, reviewerKey, type WeightMethod } from "./reviewerWeightRows";
import { lookAtBlock } from "./teamBlock";
import { checkedExtent, queueTeamWeights } from "./teamAggregation";

export interface MyWeights {
  /** Raw weight by criterion id, one for every criterion of the scorecard. */
  weights: Record<string, number>;
  method: WeightMethod;
  /** Pairwise only: the reviewer's comparison matrix, in the scorecard's criterion order. */
  matrix?: number[][];
}

/** The reviewer's rows as `data` showed them, or undefined when they have none. */
export function ownWeights(data: ScorecardData, reviewer: string): ReviewerWeights | undefined {
  const key = reviewerKey(excelTrim(reviewer.trim()));
  return (data.reviewerWeights ?? []).find((r) => reviewerKey(r.reviewer) === key);
}

export async function saveMyWeights(
  run: ExcelRun,
  data: ScorecardData,
  reviewer: string,
  mine: MyWeights,
  now?: Date,
): Promise<{ changed: number }> {
  const meta = data.location.meta;
  const sheet = meta.reviewerWeights?.sheet ?? meta.sheets.weights;
  const who = excelTrim(reviewer.trim());
  if (meta.mode !== "team")
    throw new WorkbookError(
      "InvalidInput",
      "Weights of your own are for team scoring; this scorecard is scored by one analyst, whose weights are the Weights table's.",
      { sheet },
    );
  if (who === "")
    throw new WorkbookError(
      "InvalidInput",
      "Choose your reviewer name first: your weights are kept under it.",
      { sheet },
    );
  checkReviewerName(who, { sheet });
  const criteria = data.config.criteria;
  const matrix = checkMine(mine, criteria, sheet);
  if (meta.teamWeights?.method === "aij" && mine.method !== "pairwise")
    throw new WorkbookError(
      "InvalidInput",
      "The team weights aggregate pairwise judgments (AIJ), so your weights must come from comparing the criteria in pairs; or choose the mean or the median for the team first.",
      { sheet },
    );
  const seen = ownWeights(data, who);
  const ids = criteria.map((c) => c.id);
  return writeBatch(
    run,
    meta,
    {
      author: who,
      now,
      writes: [meta.sheets.weights, ...(meta.reviewerWeights ? [meta.reviewerWeights.sheet] : [])],
    },
    async (context, session) => {
      const workbook = context.workbook;
      const existing = meta.reviewerWeights;
      const read = existing ? queueTableRead(workbook.tables.getItem(existing.table), 0) : null;
      const end = existing ? new TableEnd(context, existing.table) : null;
      const weightsSheet = workbook.worksheets.getItem(meta.sheets.weights);
      const extent = meta.teamWeights ? lookAtBlock(weightsSheet, criteria.length) : null;
      await syncOrExplain(context, sheet);
      await session.ready();
      const fresh = session.fresh;
      if (existing === null && fresh.reviewerWeights !== null)
        throw new WorkbookError(
          "ChangedByAnotherAuthor",
          `Another reviewer started the sheet "${fresh.reviewerWeights.sheet}" a moment ago, so nothing was written. The pane has read it; save your weights again.`,
          { sheet: fresh.reviewerWeights.sheet },
        );
      const place: SheetTable = existing ?? session.freeNames(SHEET.reviewerWeights, TABLE.reviewerWeights);
      const table: TableRows = read
        ? await read.rows(context)
        : {
            values: [[...REVIEWER_WEIGHT_COLUMNS], REVIEWER_WEIGHT_COLUMNS.map(() => "")],
            rowIndex: 0,
            columnIndex: 0,
          };
      const parsed = parseReviewerWeights(place, table, criteria);
      const current = parsed.reviewers.find((r) => reviewerKey(r.reviewer) === reviewerKey(who));
      const changedElsewhere = ids.some((id) => (current?.weights[id] ?? 0) !== (seen?.weights[id] ?? 0));
      const alreadyWritten =
        current !== undefined && ids.every((id) => current.weights[id] === mine.weights[id]);
      if (changedElsewhere && !alreadyWritten)
        throw new WorkbookError(
          "ChangedByAnotherAuthor",
          `Your weights changed elsewhere (the name "${who}" is in use in another window or by another person) since the pane showed them, so nothing was written. Look at them and save again.`,
          { sheet: place.sheet },
        );
      const appendAt = end?.totals ? end.nextRow : appendRowIndex(table, parsed.positions);
      const writes: ReviewRowWrite[] = [];
      const changes: Change[] = [];
      criteria.forEach((c, k) => {
        const judgments = matrix ? asText(judgmentsRowText(ids, matrix, k)) : "";
        const own = [mine.weights[c.id], mine.method, judgments, asText(session.time)];
        const row = current?.rows[c.id];
        const before = current && row !== undefined ? current.weights[c.id] : undefined;
        if (before !== mine.weights[c.id])
          changes.push({
            what: "reviewer weight",
            agreementId: "",
            subject: c.name,
            before: auditValue(before),
            after: auditValue(mine.weights[c.id]),
          });
        writes.push(
          row !== undefined
            ? { row, values: [null, null, ...own] }
            : {
                row: appendAt + writes.filter((w) => w.row > appendAt).length + 1,
                values: [asText(who), asText(c.id), ...own],
              },
        );
      });
      const methodChanged = current?.method !== mine.method;
      // The same weights by the same method (pairwise: the same eigenvector) change nothing.
      if (changes.length === 0 && !methodChanged) return { changed: 0 };
      if (methodChanged)
        changes.unshift(scorecardChange("reviewer weight method", current?.method ?? "", mine.method));
      const tableSheet = existing ? workbook.worksheets.getItem(place.sheet) : createSheet(context, place);
      if (!existing) session.update({ reviewerWeights: place });
      const updates = writes.filter((w) => w.row <= appendAt);
      queueRowWrites(tableSheet, table.columnIndex, parsed.positions, updates);
      const tableEnd = end ?? {
        name: place.table,
        totals: false,
        column: 0,
        width: REVIEWER_WEIGHT_COLUMNS.length,
        nextRow: 2,
      };
      const append = new TableAppend(context, tableEnd, appendAt, Math.max(0, tableEnd.nextRow - appendAt));
      append.add(
        writes
          .filter((w) => w.row > appendAt)
          .map((w) => rowAtPositions(tableEnd.width, parsed.positions, w.values)),
      );
      append.check();
      if (fresh.teamWeights && extent) {
        const after = withWrites(table, parsed.positions, writes);
        queueTeamWeights(
          weightsSheet,
          data,
          place,
          after,
          fresh.teamWeights,
          checkedExtent(extent(), meta.sheets.weights),
          session.time,
        );
      }
      session.record(changes);
      session.commit();
      await syncOrExplain(context, place.sheet);
      if (append.fixOutside()) await syncOrExplain(context, place.sheet);
      return { changed: changes.length };
    },
  );
}

/** Checks the weights (and judgments) before anything is read; returns the matrix for pairwise. */
function checkMine(mine: MyWeights, criteria: readonly { id: string; name: string }[], sheet: string) {
  if (!WEIGHT_METHODS.includes(mine.method))
    throw new WorkbookError(
      "InvalidInput",
      `Weighting method "${String(mine.method)}" is unknown; use ${WEIGHT_METHODS.join(", ")}.`,
      { sheet },
    );
  for (const id of Object.keys(mine.weights))
    if (!criteria.some((c) => c.id === id))
      throw new WorkbookError("InvalidInput", `There is no criterion "${id}" in this scorecard.`, {
        sheet,
        column: "Criterion ID",
      });
  const missing = criteria.filter((c) => !(c.id in mine.weights));
  if (missing.length > 0)
    throw new WorkbookError(
      "InvalidInput",
      `Give a weight for every criterion; ${missing.map((c) => c.name).join(", ")} ${missing.length === 1 ? "has" : "have"} none.`,
      { sheet, column: "Weight" },
    );
  try {
    normalizeWeights(
      criteria.map((c) => mine.weights[c.id]),
      criteria.map((c) => c.name),
    );
    if (mine.method !== "pairwise") return null;
    if (!mine.matrix)
      throw new WorkbookError("InvalidInput", "Pairwise weights need the judgments they came from.", {
        sheet,
        column: "Judgments",
      });
    validatePairwiseMatrix(mine.matrix);
    if (mine.matrix.length !== criteria.length)
      throw new WorkbookError(
        "InvalidInput",
        `The comparison matrix covers ${mine.matrix.length} criteria but the scorecard has ${criteria.length}; compare every pair again.`,
        { sheet, column: "Judgments" },
      );
    return mine.matrix;
  } catch (error) {
    if (error instanceof ScoringError)
      throw new WorkbookError("InvalidInput", error.message, { sheet, column: "Weight" });
    throw error;
  }
}

function createSheet(context: Excel.RequestContext, place: SheetTable): Excel.Worksheet {
  const sheet = context.workbook.worksheets.add(place.sheet);
  const width = REVIEWER_WEIGHT_COLUMNS.length;
  sheet.getRange(rangeAddress(0, 0, 1, width)).values = [[...REVIEWER_WEIGHT_COLUMNS]];
  // Over the header and one body row, which the first new row fills (as the Reviews table).
  sheet.tables.add(sheet.getRange(rangeAddress(0, 0, 2, width)), true).name = place.table;
  const weight = sheet.getRange(`C2:C${SHEET_LAST_ROW}`).dataValidation;
  weight.clear();
  weight.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
  sheet.getRange("A:A").format.columnWidth = 120;
  sheet.getRange("E:E").format.columnWidth = 320;
  sheet.getRange("F:F").format.columnWidth = 150;
  return sheet;
}
