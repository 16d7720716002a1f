/**
 * The rows of the Reviewer weights table (docs/architecture.md §3) read into each reviewer's
 * weights (pure). Reviewers are told apart as the team formulas tell them apart: Excel's "=" on
 * text, which ignores case and nothing else (teamBlock.ts). Every cell the formulas cannot use is an
 * issue naming it; rows of criteria no longer in the scorecard are not counted, as the formulas
 * do not count them either.
 */
import { validatePairwiseMatrix } from "../../scoring/ahp";
import { ScoringError } from "../../scoring/errors";
import { columnLetter } from "../contract/addresses";
import { REVIEWER_WEIGHT_COLUMNS } from "../contract/contract";
import { findHeader } from "../contract/layout";
import type { SheetTable } from "../contract/meta";
import type { CellIssue, ReviewerWeights } from "../model";
import type { TableRows } from "../team/reviewWindows";
import { parseJudgmentsRow } from "./judgments";

export const WEIGHT_METHODS = ["direct", "points", "rank", "pairwise"] as const;
export type WeightMethod = (typeof WEIGHT_METHODS)[number];

export interface ParsedReviewerWeights {
  /** In order of each reviewer's first row. */
  reviewers: ReviewerWeights[];
  issues: CellIssue[];
  /** Zero-based position of each of REVIEWER_WEIGHT_COLUMNS in the table. */
  positions: number[];
}

/** The key a reviewer is matched by: Excel's "=" compares text without case. */
export const reviewerKey = (name: string) => name.toLowerCase();

export function parseReviewerWeights(
  place: SheetTable,
  table: TableRows,
  criteria: readonly { id: string; name: string }[],
): ParsedReviewerWeights {
  const where = { table: place.table, sheet: place.sheet };
  const positions = REVIEWER_WEIGHT_COLUMNS.map((name) => findHeader(table.values[0] ?? [], name, where));
  const ids = criteria.map((c) => c.id);
  const byKey = new Map<string, ReviewerWeights & { judgments: Record<string, unknown> }>();
  const issues: CellIssue[] = [];
  table.values.slice(1).forEach((cells, i) => {
    const row = table.rowIndex + i + 2;
    const [reviewer, criterion, weight, method, judgments, time] = positions.map((p) => cells[p]);
    if ([reviewer, criterion, weight].every((v) => v === "" || v === null)) return;
    const issue = (k: number, message: string) => {
      const address = `${columnLetter(table.columnIndex + positions[k])}${row}`;
      issues.push({
        sheet: place.sheet,
        address,
        row,
        column: REVIEWER_WEIGHT_COLUMNS[k],
        agreementId: "",
        criterionId: ids.includes(String(criterion)) ? String(criterion) : undefined,
        message: `${place.sheet}!${address}: ${message}`,
      });
    };
    const name = String(reviewer);
    if (name.trim() === "")
      return issue(0, "the weight has no reviewer; fill in whose it is, or delete the row.");
    if (!ids.includes(String(criterion)))
      return issue(
        1,
        `criterion "${String(criterion)}" is not in the scorecard, so this weight does not count; correct the ID or delete the row.`,
      );
    const id = String(criterion);
    let entry = byKey.get(reviewerKey(name));
    if (!entry) {
      entry = {
        reviewer: name,
        weights: {},
        method: String(method ?? ""),
        matrix: null,
        time: String(time ?? ""),
        rows: {},
        judgments: {},
      };
      byKey.set(reviewerKey(name), entry);
    }
    const criterionName = criteria.find((c) => c.id === id)!.name;
    const usable = typeof weight === "number" && Number.isFinite(weight) && weight >= 0;
    // Counted as 0, as the team formulas count it (teamBlock.ts).
    if (weight !== "" && weight !== null && !usable)
      issue(
        2,
        `${name}'s weight of ${criterionName} is ${JSON.stringify(weight)}, which counts as 0; enter a number of 0 or more (or set the weights again on the Weights tab).`,
      );
    const value = usable ? weight : 0;
    if (id in entry.rows) {
      // The formulas add both rows; the issue says which row to remove.
      issue(
        0,
        `${name} has a second row for ${criterionName} (the first is row ${entry.rows[id]}); both count. Delete one of them.`,
      );
      entry.weights[id] += value;
      return;
    }
    entry.rows[id] = row;
    entry.weights[id] = value;
    entry.judgments[id] = judgments;
    if (String(time ?? "") > entry.time) entry.time = String(time);
  });
  const reviewers = [...byKey.values()].map(({ judgments, ...r }) => {
    for (const id of ids) if (!(id in r.weights)) r.weights[id] = 0;
    const missing = criteria.filter((c) => !(c.id in r.rows));
    if (missing.length > 0) {
      const first = Object.values(r.rows)[0];
      issues.push({
        sheet: place.sheet,
        address: `${columnLetter(table.columnIndex + positions[2])}${first}`,
        row: first,
        column: REVIEWER_WEIGHT_COLUMNS[2],
        agreementId: "",
        message: `${r.reviewer} has no weight for ${missing.map((c) => c.name).join(", ")} (sheet "${place.sheet}"), which counts as 0; ${r.reviewer} should set their weights again on the Weights tab.`,
      });
    }
    return { ...r, matrix: r.method === "pairwise" && missing.length === 0 ? matrixOf(r, judgments) : null };
  });
  return { reviewers, issues, positions };

  /** The reviewer's comparison matrix, or null with an issue naming the cell that spoils it. */
  function matrixOf(r: ReviewerWeights, cells: Record<string, unknown>): number[][] | null {
    const rows: number[][] = [];
    for (const c of criteria) {
      const parsed = parseJudgmentsRow(cells[c.id], ids);
      if (!parsed.ok) {
        judgmentIssue(r, c.id, `${r.reviewer}'s judgments for ${c.name} cannot be read: ${parsed.why}.`);
        return null;
      }
      rows.push(ids.map((id) => parsed.values[id]));
    }
    try {
      validatePairwiseMatrix(rows);
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      const [i] = (error.place.cell as [number, number] | undefined) ?? [0];
      judgmentIssue(
        r,
        ids[i],
        `${r.reviewer}'s judgments do not make a comparison matrix: ${error.message} (row ${i + 1} is ${criteria[i].name}). Set the weights again on the Weights tab.`,
      );
      return null;
    }
    return rows;
  }

  function judgmentIssue(r: ReviewerWeights, id: string, message: string) {
    const row = r.rows[id];
    const address = `${columnLetter(table.columnIndex + positions[4])}${row}`;
    issues.push({
      sheet: place.sheet,
      address,
      row,
      column: REVIEWER_WEIGHT_COLUMNS[4],
      agreementId: "",
      criterionId: id,
      message: `${place.sheet}!${address}: ${message}`,
    });
  }
}
