/**
 * Reviews gathered outside Excel (a form's export, scores collected by e-mail) as a CSV file or a
 * table pasted from a spreadsheet: one row per reviewer × agreement × criterion, with the columns
 * Reviewer, Agreement ID, Criterion (by name or id; an indicator by id or by its column header
 * "Criterion / Indicator") and Score, and optionally Rationale and Time.
 *
 * Pure, shared by the command line and the pane: parseReviewsCsv reads the rows (a file that cannot
 * be read as a whole — encoding, header — throws an ImportError); planReviewImport checks every row
 * against a scorecard and sorts it into new reviews, updated ones (score or rationale, old → new),
 * unchanged ones and refused rows, each refusal naming its row and column and saying what would fix
 * it. Only rows that are right count; nothing is written here (./reviewImport.ts writes a plan).
 *
 * An import adds and updates scores; it never withdraws one (a blank Score is refused) and never
 * erases a rationale (a blank Rationale keeps the one the reviewer already has).
 */
import { ScoringError } from "../../scoring/errors";
import { validateScore } from "../../scoring/scale";
import type { Scale } from "../../scoring/types";
import { cellCountProblem, ImportError, isBlankRecord, numberFromText, readCsvRecords } from "../lists/csv";
import { criterionFor } from "../agreements/import";
import type { CriterionConfig } from "../contract/meta";
import { CELL_TEXT_LIMIT } from "../contract/userText";
import { indicatorHeader } from "../contract/indicatorLayout";

export { ImportError };

/** The columns of a reviews CSV, by field, as the header names them. */
export const REVIEW_CSV_COLUMNS = {
  reviewer: "Reviewer",
  agreement: "Agreement ID",
  criterion: "Criterion",
  score: "Score",
  rationale: "Rationale",
  time: "Time",
} as const;
type Field = keyof typeof REVIEW_CSV_COLUMNS;
const REQUIRED: Field[] = ["reviewer", "agreement", "criterion", "score"];
/** Other headers accepted for a field: the Reviews sheet's own, so that its rows can be pasted back. */
const ALIASES: Record<string, Field> = { "criterion id": "criterion" };

/** One row of the file, by field; Rationale and Time are null when the file has no such column. */
export interface ReviewCsvRow {
  /** The row number in the file (blank rows count), as a spreadsheet would show it. */
  row: number;
  reviewer: string;
  agreement: string;
  criterion: string;
  score: string;
  rationale: string | null;
  time: string | null;
}

export interface Problem {
  row: number;
  /** The column at fault, as the file's header names it; absent when the whole row is. */
  column?: string;
  /** Starts with "Row n" and the column, and says what would fix it. */
  message: string;
}

export interface ParsedReviewsCsv {
  rows: ReviewCsvRow[];
  /** Rows refused before any scorecard is known (a cell too many or too few). */
  problems: Problem[];
  /** The header as the file writes it, by field, for naming columns in messages. */
  headers: Record<Field, string>;
  notices: string[];
}

const FIELDS = Object.keys(REVIEW_CSV_COLUMNS) as Field[];
const NEEDS = `${REQUIRED.map((f) => REVIEW_CSV_COLUMNS[f]).join(", ")}`;
const KNOWN_COLUMNS = `${NEEDS}, and optionally ${REVIEW_CSV_COLUMNS.rationale} and ${REVIEW_CSV_COLUMNS.time}`;

function fieldOf(header: string): Field | undefined {
  const key = header.trim().toLowerCase();
  return FIELDS.find((f) => REVIEW_CSV_COLUMNS[f].toLowerCase() === key) ?? ALIASES[key];
}

/** Reads the rows; throws an ImportError when the file as a whole cannot be read. */
export function parseReviewsCsv(input: string | Uint8Array): ParsedReviewsCsv {
  const { records, header, notices } = readCsvRecords(input, { what: "The reviews CSV", needs: NEEDS });
  const headerRow = header + 1;
  const columns = records[header].map((h) => h.trim());
  const index: Partial<Record<Field, number>> = {};
  columns.forEach((h, i) => {
    const field = fieldOf(h);
    if (field === undefined) {
      throw new ImportError(
        `Row ${headerRow}, column ${i + 1} "${h}": unknown column. The columns are ${KNOWN_COLUMNS}; delete the others.`,
        headerRow,
        h,
      );
    }
    const first = index[field];
    if (first !== undefined) {
      throw new ImportError(
        `Row ${headerRow}: columns ${first + 1} "${columns[first]}" and ${i + 1} "${h}" are both ${REVIEW_CSV_COLUMNS[field]}; keep one of them.`,
        headerRow,
        h,
      );
    }
    index[field] = i;
  });
  for (const field of REQUIRED) {
    if (index[field] === undefined) {
      throw new ImportError(
        `Row ${headerRow}: the header has no "${REVIEW_CSV_COLUMNS[field]}" column; the columns are ${KNOWN_COLUMNS}.`,
        headerRow,
        REVIEW_CSV_COLUMNS[field],
      );
    }
  }
  const headers = Object.fromEntries(
    FIELDS.map((f) => [f, index[f] === undefined ? REVIEW_CSV_COLUMNS[f] : columns[index[f]!]]),
  ) as Record<Field, string>;
  const rows: ReviewCsvRow[] = [];
  const problems: Problem[] = [];
  records.forEach((cells, r) => {
    const row = r + 1;
    if (r <= header || isBlankRecord(cells)) return;
    if (cells.length !== columns.length) {
      problems.push({ row, message: cellCountProblem(row, cells.length, columns.length) });
      return;
    }
    const cell = (f: Field) => (index[f] === undefined ? null : cells[index[f]!]);
    rows.push({
      row,
      reviewer: cell("reviewer")!.trim(),
      agreement: cell("agreement")!.trim(),
      criterion: cell("criterion")!.trim(),
      score: cell("score")!.trim(),
      rationale: cell("rationale")?.trim() ?? null,
      time: cell("time")?.trim() ?? null,
    });
  });
  return { rows, problems, headers, notices };
}

/** What an import is checked against and compared with: a scorecard as read (ScorecardData fits). */
export interface ReviewTarget {
  agreements: readonly { id: string }[];
  config: { criteria: readonly CriterionConfig[]; scale: Scale };
  /** The Reviews table's rows; empty for a scorecard not yet scored by a team. */
  reviews: readonly ExistingReview[];
}

export interface ExistingReview {
  reviewer: string;
  agreementId: string;
  criterionId: string;
  score: number | null;
  rationale: string;
}

/** A row that will be written, or that matches what the workbook already holds. */
export interface PlannedReview {
  row: number;
  /** As it will be written: the spelling the Reviews sheet already uses for this reviewer, if any. */
  reviewer: string;
  /** The scorecard's ID (its spelling) and the criterion's id. */
  agreementId: string;
  criterionId: string;
  score: number;
  /** The rationale to write: the file's, or the reviewer's current one when the file gives none. */
  rationale: string;
  /** The file's Time, as ISO 8601; absent when the file gives none (the time of the import counts). */
  time?: string;
  /** The reviewer's review of this cell now; null for a new review. */
  before: { score: number | null; rationale: string } | null;
}

export interface ReviewImportPlan {
  added: PlannedReview[];
  /** A new score, or a new rationale, for a review the reviewer already has. */
  updated: PlannedReview[];
  unchanged: PlannedReview[];
  /** Problems in file order; a row may have more than one. */
  refused: Problem[];
  notices: string[];
}

const key = (...parts: string[]) => parts.map((p) => p.toLowerCase()).join("\u0000");

/** Checks every row against the scorecard and compares it with the reviews it already holds. */
export function planReviewImport(parsed: ParsedReviewsCsv, target: ReviewTarget): ReviewImportPlan {
  const { criteria, scale } = target.config;
  const ids = new Map(
    target.agreements.filter((a) => a.id !== "").map((a) => [a.id.trim().toLowerCase(), a.id]),
  );
  const existing = new Map<string, ExistingReview>();
  const spelling = new Map<string, string>();
  for (const r of target.reviews) {
    const k = key(r.reviewer.trim(), r.agreementId, r.criterionId);
    // The first row counts where a hand-made duplicate exists, as writeReviews does.
    if (!existing.has(k)) existing.set(k, r);
    if (!spelling.has(key(r.reviewer.trim()))) spelling.set(key(r.reviewer.trim()), r.reviewer.trim());
  }
  const refused: Problem[] = [...parsed.problems];
  const accepted: PlannedReview[] = [];
  const rowsOf = new Map<string, number[]>();
  for (const line of parsed.rows) {
    const problems: Problem[] = [];
    const refuse = (field: Field, text: string) =>
      problems.push({
        row: line.row,
        column: parsed.headers[field],
        message: `Row ${line.row}, column "${parsed.headers[field]}": ${text}`,
      });
    if (line.reviewer === "") refuse("reviewer", "the reviewer is blank; fill in who gave the score.");
    const agreementId = ids.get(line.agreement.toLowerCase());
    if (line.agreement === "") refuse("agreement", "the agreement ID is blank; fill in the agreement's ID.");
    else if (agreementId === undefined)
      refuse(
        "agreement",
        `agreement "${line.agreement}" is not in the scorecard; correct the ID, or add the agreement to the scorecard first.`,
      );
    const found = line.criterion === "" ? undefined : leafFor(criteria, line.criterion);
    const criterion = found && "id" in found ? found : undefined;
    if (found && "through" in found)
      refuse(
        "criterion",
        `criterion "${found.through.name}" is scored through its indicators; give one of them instead: ${leafNames(criteria, found.through)}.`,
      );
    else if (criterion === undefined)
      refuse(
        "criterion",
        `${line.criterion === "" ? "the criterion is blank" : `"${line.criterion}" is not a criterion${criteria.some((c) => (c.indicators ?? []).length > 0) ? " or indicator" : ""} of the scorecard`}; use one of ${leafNames(criteria)} (by name or id).`,
      );
    const score = checkScore(line.score, scale, (text) => refuse("score", text));
    const time = line.time === null || line.time === "" ? undefined : isoTime(line.time);
    if (time === null)
      refuse(
        "time",
        `"${line.time}" is not a date and time this import can read without guessing; write it as ISO 8601, e.g. 2024-05-01T14:30:00Z or 2024-05-01 14:30, or leave it blank.`,
      );
    // Each goes into one cell of the Reviews sheet (the reviewer's name into the Audit's too).
    for (const field of ["reviewer", "rationale"] as const) {
      const length = (line[field] ?? "").length;
      if (length > CELL_TEXT_LIMIT)
        refuse(
          field,
          `the ${field === "reviewer" ? "reviewer name" : "rationale"} has ${length.toLocaleString("en")} characters, more than a cell holds (${CELL_TEXT_LIMIT.toLocaleString("en")}); shorten it by ${(length - CELL_TEXT_LIMIT).toLocaleString("en")}.`,
        );
    }
    if (line.reviewer !== "" && agreementId !== undefined && criterion !== undefined) {
      const k = key(line.reviewer, agreementId, criterion.id);
      rowsOf.set(k, [...(rowsOf.get(k) ?? []), line.row]);
    }
    if (
      problems.length > 0 ||
      agreementId === undefined ||
      criterion === undefined ||
      score === null ||
      time === null
    ) {
      refused.push(...problems);
      continue;
    }
    const before = existing.get(key(line.reviewer, agreementId, criterion.id));
    // One reviewer, one name: "ana" in the file is the Reviews sheet's "Ana", or the file's first spelling.
    if (!spelling.has(key(line.reviewer))) spelling.set(key(line.reviewer), line.reviewer);
    accepted.push({
      row: line.row,
      reviewer: spelling.get(key(line.reviewer))!,
      agreementId,
      criterionId: criterion.id,
      score,
      rationale: line.rationale || before?.rationale || "",
      ...(time === undefined ? {} : { time }),
      before: before ? { score: before.score, rationale: before.rationale } : null,
    });
  }
  // The same reviewer, agreement and criterion twice: which row is meant cannot be told, so none counts.
  const duplicated = new Map<number, number[]>();
  for (const rows of rowsOf.values()) if (rows.length > 1) for (const row of rows) duplicated.set(row, rows);
  for (const line of parsed.rows) {
    const rows = duplicated.get(line.row);
    if (rows === undefined) continue;
    const others = rows.filter((r) => r !== line.row);
    refused.push({
      row: line.row,
      message: `Row ${line.row}: the same review (${line.reviewer}, agreement "${line.agreement}", ${line.criterion}) is also in ${rowList(others)}; keep one of these rows and delete the others.`,
    });
  }
  refused.sort((a, b) => a.row - b.row);
  const plan: ReviewImportPlan = { added: [], updated: [], unchanged: [], refused, notices: parsed.notices };
  for (const review of accepted) {
    if (duplicated.has(review.row)) continue;
    if (review.before === null) plan.added.push(review);
    else if (review.before.score === review.score && review.before.rationale === review.rationale)
      plan.unchanged.push(review);
    else plan.updated.push(review);
  }
  return plan;
}

/**
 * True when two plans write the same reviews over the same reviews as they were: what the user
 * confirmed is still what would be written (the pane plans again just before writing).
 */
export function samePlan(a: ReviewImportPlan, b: ReviewImportPlan): boolean {
  const writes = (p: ReviewImportPlan) => JSON.stringify([p.added, p.updated]);
  return writes(a) === writes(b);
}

/**
 * What a review's Criterion cell names (issue 16): a criterion scored directly (by name or id), or an
 * indicator (by id, or by its column header "Criterion / Indicator"); `through` when it names a
 * criterion scored through its indicators, which no review scores.
 */
function leafFor(
  criteria: readonly CriterionConfig[],
  text: string,
): { id: string } | { through: CriterionConfig } | undefined {
  const direct = criterionFor([...criteria], text);
  if (direct) return (direct.indicators ?? []).length > 0 ? { through: direct } : { id: direct.id };
  const k = text.trim().toLowerCase();
  for (const c of criteria)
    for (const i of c.indicators ?? [])
      if (i.id.toLowerCase() === k || indicatorHeader(c.name, i.name).toLowerCase() === k)
        return { id: i.id };
  return undefined;
}

/** What a Criterion cell may name, as a message lists it: every leaf, or one criterion's indicators. */
function leafNames(criteria: readonly CriterionConfig[], only?: CriterionConfig): string {
  return (only ? [only] : criteria)
    .flatMap((c) =>
      (c.indicators ?? []).length > 0 ? c.indicators!.map((i) => indicatorHeader(c.name, i.name)) : [c.name],
    )
    .join(", ");
}

/** "row 4", "rows 4 and 6", "rows 4, 6 and 9". */
function rowList(rows: number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  return `rows ${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]}`;
}

/** The rows a plan refuses, each once. */
export const refusedRows = (plan: ReviewImportPlan) => new Set(plan.refused.map((p) => p.row)).size;

function checkScore(text: string, scale: Scale, refuse: (text: string) => void): number | null {
  const fix = `enter a number from ${scale.min} to ${scale.max}`;
  if (text === "") {
    refuse(`the score is blank; ${fix}, or delete the row (an import does not withdraw scores).`);
    return null;
  }
  const value = numberFromText(text);
  try {
    // The message is ours (row and column); the place only feeds the model's own message.
    return validateScore(value ?? text, scale, { agreementId: "", criterionId: "" });
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    const comma = /^\d+,\d+$/.test(text) ? ` (write decimals with a point: ${text.replace(",", ".")})` : "";
    refuse(`"${text}" is not a score on the scale ${scale.min}–${scale.max}; ${fix}${comma}.`);
    return null;
  }
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The time in ISO 8601 ("2024-05-01T14:30:00Z"; a date alone, a space for the T, no seconds or no
 * zone are fine), or null when it is not one or names a day that does not exist. "5/1/2024" is
 * refused: it is 1 May in one country and 5 January in another.
 */
export function isoTime(text: string): string | null {
  const m = ISO_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  const valid =
    Number(mo) >= 1 &&
    Number(mo) <= 12 &&
    Number(d) >= 1 &&
    Number(d) <= days &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 59;
  return valid ? text.trim().replace(" ", "T") : null;
}
