/**
 * User text goes into cells as text. Excel parses a string written through Range.values as if it
 * were typed: "=…" becomes a formula, "1-2" may become a date, "5" a number. A leading apostrophe
 * is Excel's own "this is text" prefix; it is not part of the cell's value.
 */
export function asText(value: string): string {
  return value === "" ? "" : `'${value}`;
}

/** Cell values for a free-text column: numbers stay numbers, text stays text, blanks stay blank. */
export function asCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? value : asText(value);
}

/** Excel's limit on the characters in one cell. */
export const CELL_TEXT_LIMIT = 32_767;

/**
 * The longest agreement ID. Team scoring matches an ID with COUNTIFS, whose criteria Excel limits
 * to 255 characters: "=" and the ID with each ~ * ? escaped (doubled). At 100 that always fits.
 */
export const MAX_AGREEMENT_ID = 100;

const TEXT_FIELDS = ["id", "name", "type", "parties", "notes"] as const;

export interface Overlong {
  field: string;
  length: number;
  limit: number;
}

/**
 * The first text field of an agreement longer than it may be, or null. Excel would refuse the whole
 * batch (or, for an ID, team scoring could not match it), so the add-in refuses it first.
 */
export function overlongField(
  record: Partial<Record<(typeof TEXT_FIELDS)[number], unknown>>,
): Overlong | null {
  for (const field of TEXT_FIELDS) {
    const value = record[field];
    const limit = field === "id" ? MAX_AGREEMENT_ID : CELL_TEXT_LIMIT;
    if (typeof value === "string" && value.length > limit) return { field, length: value.length, limit };
  }
  return null;
}

/** "Agreement "X": its name has 40,000 characters; an Excel cell holds at most 32,767. Shorten it." */
export function overlongMessage(agreement: string, long: Overlong): string {
  const count = (n: number) => n.toLocaleString("en");
  const rule =
    long.field === "id"
      ? `an ID may have at most ${count(long.limit)}, as team scoring matches IDs in formulas that Excel limits`
      : `an Excel cell holds at most ${count(long.limit)}`;
  return `${agreement}: its ${long.field === "id" ? "ID" : long.field} has ${count(long.length)} characters; ${rule}. Shorten it.`;
}
