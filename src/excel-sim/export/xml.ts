/** Small XML helpers for the parts the exporter writes itself. */

/** Escapes text for an XML element body or attribute value (and drops characters XML 1.0 forbids). */
// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 cannot hold is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function esc(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** `<tag a="1" b="x"/>`, or with children when `body` is given. Undefined attributes are left out. */
export function el(
  tag: string,
  attrs: Record<string, string | number | undefined> = {},
  body?: string,
): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join("");
  return body === undefined ? `<${tag}${a}/>` : `<${tag}${a}>${body}</${tag}>`;
}

/** `<tag val="…"/>`, the shape of most DrawingML chart settings. */
export function val(tag: string, value: string | number | boolean): string {
  const v = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  return `<${tag} val="${esc(v)}"/>`;
}

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Reads an attribute of the first element matching `tag` in `xml` (no full parse needed). */
export function attrOf(elementXml: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}="([^"]*)"`).exec(elementXml);
  return m ? unesc(m[1]) : undefined;
}

export function unesc(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/**
 * Characters that element text escapes or leaves out: &, <, > and the apostrophe as exceljs wrote
 * them (&apos;, rare in formulas); the double quote, frequent in formulas, needs no escape there.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 cannot hold is the point
const TEXT_SPECIAL = /[&<>'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const TEXT_SPECIALS = /[&<>'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const TEXT_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;" };

/** Escapes element text in one pass (esc's five passes add up over a million cells). */
export function escText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIALS, (ch) => TEXT_ENTITY[ch] ?? "") : text;
}
