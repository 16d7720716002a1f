/**
 * Rationale per criterion, kept in the agreement's Notes cell so that it lives in the workbook
 * (docs/architecture.md §3) in single-analyst mode; a team keeps it per reviewer on the Reviews sheet. Format: the general notes first, then one line
 * per criterion with a rationale, "Criterion name: rationale". Lines that start with no criterion's
 * name are general notes, so notes typed in the grid survive a round trip untouched.
 */

export interface SplitNotes {
  /** Notes that belong to no criterion (e.g. the illustrative-example note). */
  general: string;
  /** Criterion id → rationale. */
  rationale: Record<string, string>;
}

interface NamedCriterion {
  id: string;
  name: string;
}

export function splitNotes(notes: string, criteria: readonly NamedCriterion[]): SplitNotes {
  const rationale: Record<string, string> = {};
  const general: string[] = [];
  // Longest names first, so "Threat response time" is not taken for "Threat response".
  const byLength = [...criteria].sort((a, b) => b.name.length - a.name.length);
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
  for (const c of criteria) {
    // One line per criterion: line breaks inside a rationale become spaces.
    const text = (split.rationale[c.id] ?? "").replace(/\s*\r?\n\s*/g, " ").trim();
    if (text !== "") lines.push(`${c.name}: ${text}`);
  }
  return lines.join("\n");
}
