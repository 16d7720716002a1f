/**
 * A reviewer's pairwise judgments as the Reviewer weights table keeps them (pure): each criterion's
 * row of the reviewer's comparison matrix as text, "ops=1; strategic=3; capability=1/5", keyed by
 * criterion id so that reordering the criteria changes nothing. Written as text (a bare "1/5" would
 * become a date in Excel), parsed back and checked on every read, since a person may type in it.
 */

/** "3", "1/5", "2.5": a judgment as people write it, exact enough to parse back to the same matrix. */
function judgmentText(value: number): string {
  const digits = (x: number) => String(Number(x.toPrecision(12)));
  return value >= 1 ? digits(value) : `1/${digits(1 / value)}`;
}

/** Row `i` of `matrix` as text, one "id=judgment" per criterion in `ids` order. */
export function judgmentsRowText(ids: readonly string[], matrix: readonly (readonly number[])[], i: number) {
  return ids.map((id, j) => `${id}=${judgmentText(matrix[i][j])}`).join("; ");
}

/** Why a judgments cell cannot be read, said so that a person can fix it; or its judgments by id. */
export type ParsedJudgments = { ok: true; values: Record<string, number> } | { ok: false; why: string };

const FORMAT = `write it as "id=value; id=value", one entry per criterion, each value a positive number or a fraction such as 1/5`;

/** Parses a judgments cell for the criteria `ids`: every id once, each judgment positive and finite. */
export function parseJudgmentsRow(text: unknown, ids: readonly string[]): ParsedJudgments {
  if (typeof text !== "string" || text.trim() === "")
    return { ok: false, why: `it holds ${JSON.stringify(text)}, not judgments; ${FORMAT}` };
  const values: Record<string, number> = {};
  for (const part of text.split(";")) {
    if (part.trim() === "") continue;
    const [id, value, extra] = part.split("=").map((s) => s.trim());
    if (value === undefined || extra !== undefined)
      return { ok: false, why: `"${part.trim()}" is not "id=value"; ${FORMAT}` };
    if (!ids.includes(id))
      return { ok: false, why: `"${id}" is not a criterion of the scorecard; ${FORMAT}` };
    if (id in values) return { ok: false, why: `criterion "${id}" is judged twice; keep one entry` };
    const parsed = parseJudgment(value);
    if (parsed === null)
      return { ok: false, why: `the judgment for "${id}" is "${value}", not a positive number; ${FORMAT}` };
    values[id] = parsed;
  }
  const missing = ids.filter((id) => !(id in values));
  if (missing.length > 0)
    return {
      ok: false,
      why: `it has no judgment for ${missing.map((id) => `"${id}"`).join(", ")}; ${FORMAT}`,
    };
  return { ok: true, values };
}

function parseJudgment(text: string): number | null {
  const [a, b, extra] = text.split("/");
  if (
    extra !== undefined ||
    !/^\d*\.?\d+(e[+-]?\d+)?$/i.test(a) ||
    (b !== undefined && !/^\d*\.?\d+$/.test(b))
  )
    return null;
  const value = b === undefined ? Number(a) : Number(a) / Number(b);
  return Number.isFinite(value) && value > 0 ? value : null;
}
