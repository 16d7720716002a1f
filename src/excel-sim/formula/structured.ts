/**
 * Structured references (`Table1[Score]`, `[@Score]`, `Table1[[#Headers],[A]:[B]]`): what they
 * refer to, and how Excel rewrites them when a table or a column is renamed, a column is deleted
 * or the table is converted to a range. Parsing is in tokenizer.ts (`readStructured`).
 *
 * A structured reference names the table's CURRENT cells: it follows the table as it grows,
 * moves, or has columns inserted before it, without any rewriting.
 */
import { columnLetters, quoteSheetName, type Rect } from "../model/address";
import type { TableModel } from "../model/types";
import { type StructuredRef, writeColumnName } from "./tokenizer";

/** Index of a table column by name (case-insensitive), -1 when there is none. */
export type ColumnIndex = (t: TableModel, name: string) => number;

export function columnIndexOf(t: TableModel, name: string): number {
  const lower = name.toLowerCase();
  return t.columns.findIndex((c) => c.name.toLowerCase() === lower);
}

/** The columns a structured reference names in table `t` ("REF": a column that does not exist). */
export function structuredColumns(
  t: TableModel,
  sref: StructuredRef,
  indexOf: ColumnIndex = columnIndexOf,
): { c0: number; c1: number } | "REF" {
  if (!sref.columns.length) return { c0: t.rect.c0, c1: t.rect.c1 };
  const a = indexOf(t, sref.columns[0].name);
  const b = sref.columns.length > 1 ? indexOf(t, sref.columns[1].name) : a;
  if (a < 0 || b < 0) return "REF";
  return { c0: t.rect.c0 + Math.min(a, b), c1: t.rect.c0 + Math.max(a, b) };
}

/**
 * The rows a structured reference names in table `t` for a formula in sheet row `row`: "REF"
 * for the total row (excel-sim tables have none), "VALUE" for a this-row reference from a row
 * outside the table's data body (as Excel).
 */
export function structuredRows(
  t: TableModel,
  sref: StructuredRef,
  row: number,
): { r0: number; r1: number } | "REF" | "VALUE" {
  const { r0, r1 } = t.rect;
  if (sref.at) return row > r0 && row <= r1 ? { r0: row, r1: row } : "VALUE";
  const items = sref.items;
  if (!items.length) return { r0: r0 + 1, r1 };
  if (items.includes("#All") || (items.includes("#Headers") && items.includes("#Data"))) return { r0, r1 };
  if (items.includes("#Headers")) return { r0, r1: r0 };
  if (items.includes("#Totals") && !items.includes("#Data")) return "REF";
  return { r0: r0 + 1, r1 };
}

/** The cells a structured reference names in table `t` for a formula in sheet row `row`. */
export function structuredRect(t: TableModel, sref: StructuredRef, row: number): Rect | "REF" | "VALUE" {
  const cols = structuredColumns(t, sref);
  if (cols === "REF") return cols;
  const rows = structuredRows(t, sref, row);
  return typeof rows === "string" ? rows : { ...rows, ...cols };
}

/** The token text with table `newName` in place of the table name it was written with. */
export function renameTableText(sref: StructuredRef, text: string, newName: string): string | null {
  return sref.table === undefined ? null : newName + text.slice(sref.tableEnd);
}

/** The token text with every column named `oldName` (case-insensitive) renamed to `newName`. */
export function renameColumnText(
  sref: StructuredRef,
  text: string,
  oldName: string,
  newName: string,
): string | null {
  const lower = oldName.toLowerCase();
  const hits = sref.columns.filter((c) => c.name.toLowerCase() === lower);
  if (!hits.length) return null;
  let out = text;
  for (const c of [...hits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, c.start) + writeColumnName(newName, c.bracketed, sref.at) + out.slice(c.end);
  }
  return out;
}

/**
 * The token text after column `deleted` of `t` (still present in t.columns) is deleted: "#REF!"
 * when the reference names only that column; a column range ending on it shrinks by one column.
 */
export function deleteColumnText(
  sref: StructuredRef,
  text: string,
  t: TableModel,
  deleted: number,
): string | null {
  const idx = sref.columns.map((c) => columnIndexOf(t, c.name));
  if (!idx.includes(deleted)) return null;
  if (idx.length < 2 || idx[0] === idx[1]) return "#REF!";
  const lo = Math.min(idx[0], idx[1]);
  const hi = Math.max(idx[0], idx[1]);
  const moved = sref.columns[idx.indexOf(deleted)];
  const next = t.columns[deleted === lo ? lo + 1 : hi - 1].name;
  return text.slice(0, moved.start) + writeColumnName(next, moved.bracketed, sref.at) + text.slice(moved.end);
}

/**
 * A structured reference as a plain A1 reference, for when its table is converted to a range:
 * absolute (`$B$2:$B$9`); a this-row reference keeps its row relative (`$B5`). Sheet-qualified
 * unless the formula is on the table's sheet.
 */
export function a1Text(
  sref: StructuredRef,
  t: TableModel,
  tableSheet: string,
  formulaSheet: string | null,
  row: number,
): string {
  const rect = structuredRect(t, sref, row);
  if (rect === "REF") return "#REF!";
  if (rect === "VALUE") return "#VALUE!";
  const prefix =
    formulaSheet !== null && formulaSheet.toLowerCase() === tableSheet.toLowerCase()
      ? ""
      : `${quoteSheetName(tableSheet)}!`;
  const rowAbs = sref.at ? "" : "$";
  const cell = (r: number, c: number) => `$${columnLetters(c)}${rowAbs}${r + 1}`;
  const a = cell(rect.r0, rect.c0);
  return rect.r0 === rect.r1 && rect.c0 === rect.c1 ? prefix + a : `${prefix}${a}:${cell(rect.r1, rect.c1)}`;
}

/**
 * The form a structured reference takes in a file (ECMA-376 has no "@"): the table named, `@` as
 * `#This Row` (`[@Col]` → `Table1[[#This Row],[Col]]`, as Excel writes it), and a lone item in
 * its own brackets (`Table1[#Data]` → `Table1[[#Data]]`; both are ECMA-376, LibreOffice reads
 * only the second).
 */
export function fileText(sref: StructuredRef, text: string, tableName: string): string {
  const items: string[] = sref.items.filter((i) => i !== "#This Row");
  if (sref.at) items.push("#This Row");
  if (!items.length) return sref.table === undefined ? tableName + text : text;
  const parts = items.map((i) => `[${i}]`);
  if (sref.columns.length)
    parts.push(sref.columns.map((c) => `[${writeColumnName(c.name, true, false)}]`).join(":"));
  return `${tableName}[${parts.join(",")}]`;
}
