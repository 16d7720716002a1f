/**
 * The Audit sheet (docs/architecture.md §3): an append-only trail of weight, score, review, profile and mode
 * changes — when, who, what, before → after. The add-in only ever appends (in the same batch as
 * the change it records, session.ts) and keeps the sheet protected without a password, as a guard
 * against accidental edits rather than a lock.
 *
 * Excel batches are not transactions, so a write starts with an "unfinished change" row, ahead of
 * the change itself, and ends by writing its entries over that row. A batch cut part-way leaves the
 * row, and the next read reports it (unfinishedChanges).
 */
import type { SheetTable } from "../contract/meta";
import type { AuditEntry, CellIssue } from "../model";
import { asText } from "../contract/userText";

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
  | "rubric anchors"
  | "indicator added"
  | "indicator renamed"
  | "indicator edited"
  | "indicator removed"
  | typeof CREATED
  | "audit trail started"
  | "discuss threshold"
  | "reviewer weight"
  | "reviewer weight method"
  | "team weights"
  | typeof UNFINISHED;

/** The Audit table's first entry: a table needs a body row, and a blank one would stay forever. */
export const CREATED = "scorecard created";

/** What a write puts in the trail before its change, and overwrites with its entries at the end. */
export const UNFINISHED = "unfinished change";

/** A change to record; the session adds the time and the author. */
export type Change = Omit<AuditEntry, "time" | "who"> & { what: AuditWhat };

type Cell = string | number | boolean;

/** A change of the scorecard as a whole (a setting, a repair): no agreement, no criterion. */
export function scorecardChange(what: AuditWhat, before: string, after: string): Change {
  return { what, agreementId: "", subject: "", before, after };
}

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

/** The Audit trail's first entry, for a scorecard made by `who` (create or attach). */
export function createdEntry(made: { author?: string; now?: Date }, after: string): AuditEntry {
  const time = (made.now ?? new Date()).toISOString();
  return { time, who: made.author ?? "", what: CREATED, agreementId: "", subject: "", before: "", after };
}

/** The row a write puts ahead of its change (see the top of this file). */
export function unfinishedRow(time: string, who: string): string[] {
  return auditRow({
    time,
    who,
    what: UNFINISHED,
    agreementId: "",
    subject: "",
    before: "",
    after: "This change did not finish: Excel stopped part-way through it.",
  });
}

/**
 * Writes that started and did not finish, as issues on their Audit row: reported until the same
 * author finishes another write (they have seen the scorecard since). Entries with the unfinished
 * row's own time are that write's, written after its row before the cut. `rows` are rows of the
 * Audit table's body (the newest ones the read holds), the first on sheet row `firstRow`; the table
 * starts in column A, where the add-in makes it.
 */
export function unfinishedChanges(place: SheetTable, rows: readonly Cell[][], firstRow: number): CellIssue[] {
  const issues: CellIssue[] = [];
  /** Author → times of their finished entries below the row being looked at. */
  const finished = new Map<string, Set<string>>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const [time, who, what] = rows[i].map(String);
    const author = who.trim().toLowerCase();
    const times = finished.get(author) ?? new Set<string>();
    if (what !== UNFINISHED) {
      if (time.trim() !== "") finished.set(author, times.add(time));
      continue;
    }
    if ([...times].some((t) => t !== time)) continue;
    const row = firstRow + i;
    issues.push({
      sheet: place.sheet,
      address: `A${row}`,
      row,
      column: "What",
      agreementId: "",
      message: `${place.sheet}!A${row}: a change by ${who} at ${time} did not finish (Excel stopped part-way), so the scorecard may hold only part of it. Check what the pane shows and make the change again where it is missing; this notice goes with ${who}'s next change.`,
    });
  }
  return issues.reverse();
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
