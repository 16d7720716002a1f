/**
 * Undo of the pane's own last change, planned from the Audit trail (pure). The trail's entries of
 * one write share its time and author; those of the current author's latest write give the values
 * to put back ("before"). Only kinds of change whose "before" puts the scorecard back exactly are
 * offered; a change a co-author has built on since (a value no longer equal to the entry's "after")
 * is refused, naming who, so that undo never overwrites someone else's work.
 *
 * Why not Excel's own undo: ExcelApi 1.20 puts add-in changes on the user's undo stack
 * (Excel.run's mergeUndoGroup), but WorksheetProtection.protect/unprotect — which every audited
 * write calls on the Audit sheet — are listed as not supporting undo: calling them clears the stack
 * (learn.microsoft.com "Undo support with the Excel JavaScript API", docs/excel-fidelity.md).
 */
import type { ConsensusMethod } from "../../scoring/consensus";
import type { AgreementUpdate } from "../agreements/upsert";
import { auditValue, CREATED, UNFINISHED } from "../write/audit";
import type { AuditEntry, ScorecardData, ReviewRecord } from "../model";
import type { ReviewEdit } from "../team/writeReviews";
import { sameReviewer } from "../team/reviewRows";

/** One write of the current author's, as the trail holds it. */
export interface OwnChange {
  time: string;
  who: string;
  entries: AuditEntry[];
}

/** What undoing a change writes, through the workbook operation that made it. */
export type UndoStep =
  | { kind: "weights"; weights: Record<string, number> }
  | { kind: "scores"; updates: AgreementUpdate[] }
  | { kind: "consensus method"; method: ConsensusMethod }
  | { kind: "discuss threshold"; threshold: number }
  | { kind: "criterion name"; criterionId: string; name: string }
  | { kind: "reviews"; edits: ReviewEdit[] };

/** Why the change is not undone: a co-author's change (or the author's own, elsewhere) since, or its kind. */
export interface UndoRefusal {
  message: string;
  changedSince: boolean;
}

export type UndoPlan =
  | { change: OwnChange; step: UndoStep; refusal: null }
  | { change: OwnChange | null; step: null; refusal: UndoRefusal };

const sameAuthor = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The author's latest write in the trail the pane read (its newest rows), or null. A write's rows
 * are contiguous: the session appends them in one block.
 */
export function lastOwnChange(audit: readonly AuditEntry[], author: string): OwnChange | null {
  let end = audit.length - 1;
  while (end >= 0 && (audit[end].what === UNFINISHED || !sameAuthor(audit[end].who, author))) end--;
  if (end < 0) return null;
  const { time, who } = audit[end];
  let start = end;
  while (start > 0 && audit[start - 1].time === time && sameAuthor(audit[start - 1].who, author)) start--;
  return { time, who, entries: audit.slice(start, end + 1) };
}

/** Why a kind of change is not offered, and where to reverse it instead. */
const NOT_OFFERED: Record<string, string> = {
  "agreement added": "Adding an agreement cannot be undone here; delete its row in the Scorecard sheet.",
  "criterion added": "Adding a criterion cannot be undone here; remove it in the Criteria editor.",
  "criterion removed":
    "Removing a criterion cannot be undone here; add it again in the Criteria editor (the Audit sheet keeps its scores).",
  "criteria reordered": "Reordering criteria cannot be undone here; move them back in the Criteria editor.",
  "criterion definition":
    "A definition cannot be undone here; edit it again in the Criteria editor (the Audit sheet keeps the old text).",
  "rubric anchors":
    "Rubric anchors cannot be undone here; edit them again in the Criteria editor (the Audit sheet keeps the old text).",
  ...Object.fromEntries(
    (["indicator added", "indicator renamed", "indicator edited", "indicator removed"] as const).map(
      (what) => [
        what,
        "A change of indicators cannot be undone here; change them again in the Criteria editor (the Audit sheet keeps what they were).",
      ],
    ),
  ),
  mode: "Switching between one analyst and a team cannot be undone exactly; switch back on the Team tab.",
  "profile saved": "Saving a profile cannot be undone here; the Profiles sheet keeps every save.",
  "formulas repaired": "Repairing formulas cannot be undone: they were not the scorecard's own.",
  [CREATED]: "Creating the scorecard cannot be undone here.",
  "audit trail started": "Starting the Audit trail cannot be undone.",
  "reviewer weight":
    "Your own weights cannot be undone here; set them again under My weights on the Weights tab (the Audit sheet keeps the old ones).",
  "reviewer weight method":
    "Your own weights cannot be undone here; set them again under My weights on the Weights tab (the Audit sheet keeps the old ones).",
  "team weights": "The team weights' setting cannot be undone here; choose it again on the Weights tab.",
};

/** Entries that only say why a write was made (the weights of an applied profile follow them). */
const CAUSES = new Set(["profile applied"]);

/**
 * Plans undoing `author`'s latest write over `fresh` (the workbook now). `expectedTime` is the time
 * of the change the pane offered to undo: a later change of the author's (another window) refuses.
 */
export function planUndo(fresh: ScorecardData, author: string, expectedTime?: string): UndoPlan {
  const change = lastOwnChange(fresh.audit, author);
  const refuse = (message: string, changedSince = false): UndoPlan => ({
    change,
    step: null,
    refusal: { message, changedSince },
  });
  if (change === null) return refuse(`The Audit trail holds no change by ${author} to undo.`);
  if (expectedTime !== undefined && change.time !== expectedTime) {
    return refuse(
      `Your last change is no longer the one offered: you made another at ${change.time} (in another window?). Look at it and undo again if you want to.`,
      true,
    );
  }
  const entries = change.entries.filter((e) => !CAUSES.has(e.what));
  const blocked = entries.find((e) => !(e.what in REVERSIBLE));
  if (blocked)
    return refuse(NOT_OFFERED[blocked.what] ?? `A "${blocked.what}" change cannot be undone here.`);
  const kinds = new Set(entries.map((e) => REVERSIBLE[e.what].step));
  if (kinds.size !== 1) return refuse("This change mixes kinds of change that cannot be undone together.");
  const later = fresh.audit.slice(fresh.audit.lastIndexOf(change.entries[change.entries.length - 1]) + 1);
  for (const entry of entries) {
    const reverse = REVERSIBLE[entry.what];
    const found = reverse.current(fresh, entry, author);
    if (typeof found !== "string") return refuse(found.missing, true);
    if (found !== entry.after) return refuse(changedSince(entry, found, later, reverse.label(entry)), true);
  }
  if (fresh.location.meta.mode === "team" && entries[0].what === "score") {
    return refuse(
      "The team scores this scorecard now: a score of the grid cannot be put back; score on the Score tab.",
    );
  }
  return { change, step: REVERSIBLE[entries[0].what].step(fresh, entries, author), refusal: null };
}

/** The refusal for a value someone changed after the author's write: who, when, what it is now. */
function changedSince(entry: AuditEntry, now: string, later: readonly AuditEntry[], label: string): string {
  const by = [...later]
    .reverse()
    .find(
      (e) =>
        e.what === entry.what &&
        e.subject === entry.subject &&
        e.agreementId.trim().toLowerCase() === entry.agreementId.trim().toLowerCase(),
    );
  const who = by ? `${by.who} changed it at ${by.time}` : "it was changed in the grid since";
  return `${label} is ${now === "" ? "blank" : now} now, not ${entry.after === "" ? "blank" : entry.after} as you left it: ${who}. Your change was not undone, so as not to overwrite theirs.`;
}

interface Reversal {
  label(entry: AuditEntry): string;
  /** The value the entry's "after" must equal, or why the thing it is about is gone. */
  current(fresh: ScorecardData, entry: AuditEntry, author: string): string | { missing: string };
  /** The step that puts back every entry of the write (all of one step's kinds). */
  step(fresh: ScorecardData, entries: readonly AuditEntry[], author: string): UndoStep;
}

const criterionNamed = (fresh: ScorecardData, name: string) =>
  fresh.config.criteria.find((c) => c.name === name);

/**
 * What a score entry's subject names: a criterion scored directly (its name), or an indicator (its
 * column header, "Criterion / Indicator", issue 16).
 */
function scoreTarget(
  fresh: ScorecardData,
  subject: string,
): { field: "scores" | "indicatorScores"; id: string } | undefined {
  const criterion = criterionNamed(fresh, subject);
  if (criterion) return { field: "scores", id: criterion.id };
  for (const c of fresh.location.meta.criteria)
    for (const indicator of c.indicators ?? [])
      if (indicator.header === subject) return { field: "indicatorScores", id: indicator.id };
  return undefined;
}

const noCriterion = (name: string) => ({
  missing: `Criterion "${name}" is no longer in the scorecard (renamed or removed since), so the change cannot be undone.`,
});

/** The author's own review of the entry's cell: the first row, the one writeReviews updates. */
function ownReview(fresh: ScorecardData, e: AuditEntry, author: string): ReviewRecord | undefined {
  // A review is of a criterion scored directly or of an indicator (its "Criterion / Indicator" header).
  const id = scoreTarget(fresh, e.subject)?.id;
  const agreement = e.agreementId.trim().toLowerCase();
  return fresh.reviews.find(
    (r) =>
      sameReviewer(r.reviewer, author) &&
      r.criterionId === id &&
      r.agreementId.trim().toLowerCase() === agreement,
  );
}

/** A review's score and rationale as they were before the write: each entry puts back its part. */
function reviewEdits(fresh: ScorecardData, entries: readonly AuditEntry[], author: string): UndoStep {
  const edits = new Map<string, ReviewEdit>();
  for (const e of entries) {
    const key = `${e.agreementId.trim().toLowerCase()}\u0000${e.subject}`;
    const own = ownReview(fresh, e, author);
    const edit = edits.get(key) ?? {
      agreementId: own?.agreementId ?? e.agreementId,
      criterionId: scoreTarget(fresh, e.subject)!.id,
      score: own?.score ?? null,
      rationale: own?.rationale ?? "",
    };
    if (e.what === "review") edit.score = e.before === "" ? null : Number(e.before);
    else edit.rationale = e.before;
    edits.set(key, edit);
  }
  return { kind: "reviews", edits: [...edits.values()] };
}

const reviewPart = (part: "score" | "rationale"): Reversal => ({
  label: (e) => `Your ${part === "score" ? "review" : "rationale"} of ${e.agreementId} on ${e.subject}`,
  current: (fresh, e, author) => {
    if (fresh.location.meta.mode !== "team")
      return { missing: "One analyst scores this scorecard now, so a team review cannot be put back." };
    if (!scoreTarget(fresh, e.subject)) return noCriterion(e.subject);
    const own = ownReview(fresh, e, author);
    return part === "score" ? auditValue(own?.score ?? null) : (own?.rationale ?? "");
  },
  step: reviewEdits,
});

const REVERSIBLE: Record<string, Reversal> = {
  review: reviewPart("score"),
  rationale: reviewPart("rationale"),
  weight: {
    label: (e) => `The weight of ${e.subject}`,
    current: (fresh, e) => {
      const c = criterionNamed(fresh, e.subject);
      return c ? auditValue(c.weight) : noCriterion(e.subject);
    },
    step: (fresh, entries) => ({
      kind: "weights",
      weights: Object.fromEntries(
        entries.map((e) => [criterionNamed(fresh, e.subject)!.id, Number(e.before)]),
      ),
    }),
  },
  score: {
    label: (e) => `The score of ${e.agreementId} on ${e.subject}`,
    current: (fresh, e) => {
      const target = scoreTarget(fresh, e.subject);
      if (!target) return noCriterion(e.subject);
      const a = fresh.agreements.find(
        (x) => x.id.trim().toLowerCase() === e.agreementId.trim().toLowerCase(),
      );
      if (!a)
        return {
          missing: `Agreement ${e.agreementId} is no longer in the scorecard, so its score cannot be put back.`,
        };
      return auditValue(a[target.field]?.[target.id] ?? null);
    },
    step: (fresh, entries) => {
      const byAgreement = new Map<string, AgreementUpdate>();
      for (const e of entries) {
        const update = byAgreement.get(e.agreementId) ?? { id: e.agreementId };
        const { field, id } = scoreTarget(fresh, e.subject)!;
        update[field] = { ...update[field], [id]: e.before === "" ? null : Number(e.before) };
        byAgreement.set(e.agreementId, update);
      }
      return { kind: "scores", updates: [...byAgreement.values()] };
    },
  },
  "consensus method": {
    label: () => "The consensus method",
    current: (fresh) => fresh.location.meta.consensusMethod,
    step: (_, [e]) => ({ kind: "consensus method", method: e.before as ConsensusMethod }),
  },
  "discuss threshold": {
    label: () => "The discuss threshold",
    current: (fresh) => auditValue(fresh.location.meta.sdThreshold),
    step: (_, [e]) => ({ kind: "discuss threshold", threshold: Number(e.before) }),
  },
  "criterion renamed": {
    label: (e) => `Criterion "${e.after}" (renamed from "${e.before}")`,
    current: (fresh, e) => (criterionNamed(fresh, e.after) ? e.after : noCriterion(e.after)),
    step: (fresh, [e]) => ({
      kind: "criterion name",
      criterionId: criterionNamed(fresh, e.after)!.id,
      name: e.before,
    }),
  },
};

/** What the change was, in words, for the pane's Undo button. */
export function describeChange(change: OwnChange): string {
  const entries = change.entries.filter((e) => !CAUSES.has(e.what));
  const first = entries[0] ?? change.entries[0];
  const more = entries.length > 1 ? ` and ${entries.length - 1} more` : "";
  const from = (e: AuditEntry) =>
    `${e.before === "" ? "blank" : e.before} → ${e.after === "" ? "blank" : e.after}`;
  switch (first.what) {
    case "weight":
      return `weight of ${first.subject}: ${from(first)}${more}`;
    case "score":
    case "review":
      return `score of ${first.agreementId} on ${first.subject}: ${from(first)}${more}`;
    case "rationale":
      return `rationale of ${first.agreementId} on ${first.subject}${more}`;
    case "criterion renamed":
      return `renamed "${first.before}" to "${first.after}"`;
    case "consensus method":
    case "discuss threshold":
      return `${first.what}: ${from(first)}`;
    default:
      return `${first.what}${first.subject ? ` (${first.subject})` : first.agreementId ? ` (${first.agreementId})` : ""}${more}`;
  }
}
