/**
 * Rationale per criterion and per indicator, kept in the agreement's Notes cell so that it lives in
 * the workbook (docs/architecture.md §3) in single-analyst mode; a team keeps it per reviewer on the
 * Reviews sheet. Format: the general notes first, then one line per criterion or indicator with a
 * rationale, "Criterion name: rationale" or, for an indicator, its column header "Criterion /
 * Indicator: rationale". Lines that start with no such name are general notes, so notes typed in
 * the grid survive a round trip untouched.
 */
import { indicatorHeader } from "../contract/indicatorLayout";

export interface SplitNotes {
  /** Notes that belong to no criterion (e.g. the illustrative-example note). */
  general: string;
  /** Criterion or indicator id → rationale. */
  rationale: Record<string, string>;
}

interface NamedCriterion {
  id: string;
  name: string;
  /** Its indicators (issue 16), each with a rationale line of its own. */
  indicators?: readonly { id: string; name: string }[];
}

/** What a rationale line can name, in the order the lines are written: each criterion, then its indicators. */
function subjects(criteria: readonly NamedCriterion[]): { id: string; name: string }[] {
  return criteria.flatMap((c) => [
    { id: c.id, name: c.name },
    ...(c.indicators ?? []).map((i) => ({ id: i.id, name: indicatorHeader(c.name, i.name) })),
  ]);
}

export function splitNotes(notes: string, criteria: readonly NamedCriterion[]): SplitNotes {
  const rationale: Record<string, string> = {};
  const general: string[] = [];
  // Longest names first, so "Threat response time" is not taken for "Threat response", nor an
  // indicator's "Criterion / Indicator" line for a criterion's line.
  const byLength = subjects(criteria).sort((a, b) => b.name.length - a.name.length);
  for (const line of notes.split(/\r?\n/)) {
    const owner = byLength.find((c) => line.toLowerCase().startsWith(`${c.name.toLowerCase()}:`));
    if (owner && !(owner.id in rationale)) rationale[owner.id] = line.slice(owner.name.length + 1).trim();
    else general.push(line);
  }
  return { general: general.join("\n").trim(), rationale };
}

export function joinNotes(split: SplitNotes, criteria: readonly NamedCriterion[]): string {
  const lines: string[] = [];
  if (split.general.trim() !== "") lines.push(split.general.trim());
  for (const c of subjects(criteria)) {
    // One line per criterion or indicator: line breaks inside a rationale become spaces.
    const text = (split.rationale[c.id] ?? "").replace(/\s*\r?\n\s*/g, " ").trim();
    if (text !== "") lines.push(`${c.name}: ${text}`);
  }
  return lines.join("\n");
}
