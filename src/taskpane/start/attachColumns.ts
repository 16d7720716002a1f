/**
 * The criteria a user's table offers for attaching (issue 16), pure: each column is a criterion
 * scored directly, except columns headed "Criterion / Indicator", which are grouped under their
 * criterion as its indicators. The criterion may have a column of its own (its cells then show the
 * score its indicators give) or not (attach inserts one).
 */
import { INDICATOR_HEADER_SEPARATOR, type AttachOptions } from "../../workbook";

export interface CriterionChoice {
  /** The criterion's header: its own column's, or the prefix its indicator columns share. */
  header: string;
  /** The table has a column of that header. */
  ownColumn: boolean;
  /** Its indicator columns' full headers, in table order; empty for a criterion scored directly. */
  indicators: string[];
}

const key = (h: string) => h.trim().toLowerCase();

/**
 * The criterion choices among `headers` (those not already used for a role), in table order of
 * each criterion's first column. A header with several separators belongs under the longest prefix
 * that is a column of the table, else under the part before its first separator.
 */
export function criterionChoices(headers: readonly string[]): CriterionChoice[] {
  const own = new Set(headers.map(key));
  const choices = new Map<string, CriterionChoice>();
  const choice = (header: string) => {
    let c = choices.get(key(header));
    if (!c) choices.set(key(header), (c = { header, ownColumn: own.has(key(header)), indicators: [] }));
    return c;
  };
  for (const header of headers) {
    const prefix = prefixOf(header, own);
    if (prefix === null) {
      const c = choice(header.trim());
      c.header = header.trim();
    } else choice(prefix).indicators.push(header);
  }
  return [...choices.values()];
}

/** The criterion header a "Criterion / Indicator" header belongs under, or null when it is none. */
function prefixOf(header: string, own: ReadonlySet<string>): string | null {
  const cuts: number[] = [];
  let at = header.indexOf(INDICATOR_HEADER_SEPARATOR);
  while (at > 0) {
    cuts.push(at);
    at = header.indexOf(INDICATOR_HEADER_SEPARATOR, at + 1);
  }
  const named = cuts.filter((at) => header.slice(at + INDICATOR_HEADER_SEPARATOR.length).trim() !== "");
  if (named.length === 0) return null;
  const known = [...named].reverse().find((at) => own.has(key(header.slice(0, at))));
  return header.slice(0, known ?? named[0]).trim();
}

/** What attaching the chosen criteria sends: equal weights to start, indicators' too. */
export function attachCriteria(chosen: readonly CriterionChoice[]): AttachOptions["criteria"] {
  return chosen.map((c) => ({
    header: c.header,
    weight: 1,
    ...(c.indicators.length > 0 ? { indicators: c.indicators.map((header) => ({ header, weight: 1 })) } : {}),
  }));
}
