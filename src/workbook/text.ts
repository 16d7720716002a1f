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
