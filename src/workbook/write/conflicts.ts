/**
 * Co-authoring conflicts (docs/architecture.md §5): a write compares each value it is about to replace with
 * the value the user saw when they made their change. Where a co-author changed that same value in
 * between, nothing is written and the conflict names the place, both values and — from the Audit
 * sheet — who changed it and when. Changes to other cells merge: two reviewers scoring at once, or
 * two people changing different weights, both land.
 */
import { auditValue, lastChangeOf } from "./audit";
import { WorkbookError } from "../errors";
import { weightNodeOf } from "../weights/weightNodes";
import type { AgreementRecord, AuditEntry, ScorecardData } from "../model";

export interface Conflict {
  what: "weight" | "score" | "review" | "agreement";
  /** "" for weights. */
  agreementId: string;
  /** Criterion or field name. */
  subject: string;
  /** The value the user saw. */
  seen: string;
  /** The value the workbook holds now. */
  now: string;
  /** Who made the change and when, where the Audit sheet knows. */
  by?: { who: string; time: string };
}

export class ConflictError extends WorkbookError {
  readonly conflicts: Conflict[];

  constructor(conflicts: Conflict[], sheet: string) {
    super("ChangedByAnotherAuthor", conflictMessage(conflicts), { sheet });
    this.conflicts = conflicts;
  }
}

export function conflictMessage(conflicts: readonly Conflict[]): string {
  const list = conflicts.map((c) => {
    const place = c.agreementId ? `${c.agreementId}, ${c.subject}` : c.subject;
    const by = c.by ? ` by ${c.by.who} at ${shortTime(c.by.time)}` : "";
    return `${place}: changed${by} from ${c.seen || "blank"} to ${c.now || "blank"}`;
  });
  return `A co-author changed what you were changing, so nothing was written — ${list.join("; ")}. The pane now shows their values; make your change again to replace them.`;
}

const shortTime = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : iso.slice(11, 16) + " UTC");

/** Same value for conflict purposes: numbers within float noise, text exactly. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return auditValue(a) === auditValue(b);
}

/** Weights the user changes (by criterion id) whose value a co-author changed since `base`. */
export function weightConflicts(
  base: ScorecardData,
  fresh: ScorecardData,
  weights: Record<string, number>,
): Conflict[] {
  const out: Conflict[] = [];
  for (const id of Object.keys(weights)) {
    const seen = weightNodeOf(base, id);
    const now = weightNodeOf(fresh, id);
    if (!seen || !now || sameValue(seen.weight, now.weight)) continue;
    out.push({
      what: "weight",
      agreementId: "",
      subject: `weight of ${now.name}`,
      seen: auditValue(seen.weight),
      now: auditValue(now.weight),
    });
  }
  return withAuthors(out, fresh.audit);
}

type AgreementFields = Partial<Omit<AgreementRecord, "id" | "scores">> & {
  id: string;
  scores?: Record<string, number | null>;
};

const FIELDS = ["name", "type", "parties", "signed", "notes"] as const;

/** Fields and scores of one agreement the user changes that a co-author changed since `base`. */
export function agreementConflicts(
  base: ScorecardData,
  fresh: ScorecardData,
  update: AgreementFields,
): Conflict[] {
  const find = (data: ScorecardData) =>
    data.agreements.find((a) => a.id.toLowerCase() === update.id.trim().toLowerCase());
  const seen = find(base);
  const now = find(fresh);
  if (!seen || !now) return [];
  const out: Conflict[] = [];
  for (const field of FIELDS) {
    if (update[field] === undefined || sameValue(seen[field], now[field])) continue;
    out.push({
      what: "agreement",
      agreementId: now.id,
      subject: field,
      seen: auditValue(seen[field]),
      now: auditValue(now[field]),
    });
  }
  for (const id of Object.keys(update.scores ?? {})) {
    if (sameValue(seen.scores[id] ?? null, now.scores[id] ?? null)) continue;
    const name = fresh.config.criteria.find((c) => c.id === id)?.name ?? id;
    out.push({
      what: "score",
      agreementId: now.id,
      subject: name,
      seen: auditValue(seen.scores[id]),
      now: auditValue(now.scores[id]),
    });
  }
  return withAuthors(out, fresh.audit);
}

/** Adds who last changed each place, from the Audit sheet. */
export function withAuthors(conflicts: Conflict[], audit: readonly AuditEntry[]): Conflict[] {
  return conflicts.map((c) => {
    const entry = lastChangeOf(
      audit,
      (e) =>
        e.agreementId.toLowerCase() === c.agreementId.toLowerCase() &&
        (c.subject === e.subject || c.subject === `weight of ${e.subject}` || c.subject === e.what) &&
        sameValue(e.after, c.now),
    );
    return entry ? { ...c, by: { who: entry.who, time: entry.time } } : c;
  });
}
