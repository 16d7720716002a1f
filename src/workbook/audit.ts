/**
 * The Audit sheet (DESIGN.md §3): an append-only trail of weight, score, review, profile and mode
 * changes — when, who, what, before → after. The add-in only ever appends (right below the table,
 * in the same batch as the change it records) and keeps the sheet protected without a password,
 * as a guard against accidental edits rather than a lock.
 */
import { asText } from "./text";

export type AuditWhat =
  | "weight"
  | "score"
  | "review"
  | "rationale"
  | "agreement added"
  | "profile saved"
  | "profile applied"
  | "mode"
  | "consensus method"
  | "formulas repaired"
  | "criterion added"
  | "criterion renamed"
  | "criterion removed"
  | "criteria reordered"
  | "criterion definition"
  | "rubric anchors";

export interface AuditEntry {
  /** ISO 8601 time of the change. */
  time: string;
  who: string;
  what: string;
  /** The agreement changed, or "" for scorecard-wide changes (weights, mode). */
  agreementId: string;
  /** The criterion (by name) or profile the change is about, or "". */
  subject: string;
  before: string;
  after: string;
}

/** A change to record; the session adds the time and the author. */
export type Change = Omit<AuditEntry, "time" | "who"> & { what: AuditWhat };

type Cell = string | number | boolean;

/** What a value looks like in the trail: blank for "no value". */
export function auditValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(Math.round(value * 1e10) / 1e10);
  return String(value);
}

export function auditRow(entry: AuditEntry): string[] {
  return [entry.time, entry.who, entry.what, entry.agreementId, entry.subject, entry.before, entry.after].map(
    asText,
  );
}

export function auditFromRows(rows: Cell[][]): AuditEntry[] {
  return rows
    .filter((r) => String(r[0]).trim() !== "")
    .map(([time, who, what, agreementId, subject, before, after]) => ({
      time: String(time),
      who: String(who),
      what: String(what),
      agreementId: String(agreementId),
      subject: String(subject),
      before: String(before),
      after: String(after),
    }));
}

/** The trail of one agreement, newest first. */
export function historyOf(entries: readonly AuditEntry[], agreementId: string): AuditEntry[] {
  const id = agreementId.trim().toLowerCase();
  return entries.filter((e) => e.agreementId.trim().toLowerCase() === id).reverse();
}

/** The latest entry about a subject (e.g. who last changed a weight), for conflict messages. */
export function lastChangeOf(
  entries: readonly AuditEntry[],
  match: (entry: AuditEntry) => boolean,
): AuditEntry | null {
  for (let i = entries.length - 1; i >= 0; i--) if (match(entries[i])) return entries[i];
  return null;
}
