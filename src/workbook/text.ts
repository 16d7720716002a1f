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

const TEXT_FIELDS = ["id", "name", "type", "parties", "notes"] as const;

/**
 * The first text field of an agreement longer than a cell can hold, or null. Excel would refuse
 * the whole batch (or cut the text), so the add-in refuses it first, naming the field.
 */
export function overlongField(
  record: Partial<Record<(typeof TEXT_FIELDS)[number], unknown>>,
): { field: string; length: number } | null {
  for (const field of TEXT_FIELDS) {
    const value = record[field];
    if (typeof value === "string" && value.length > CELL_TEXT_LIMIT) return { field, length: value.length };
  }
  return null;
}
