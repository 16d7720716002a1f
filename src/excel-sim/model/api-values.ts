/** Cell values as Office.js gives them. */
import type { CellValue } from "./types";
import { isCellError } from "./types";

export function valueTypeOf(v: CellValue): "Empty" | "String" | "Double" | "Boolean" | "Error" {
  if (v === null) return "Empty";
  if (typeof v === "string") return "String";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "Error";
}

/** A value as Office.js returns it in `values`: "" for empty, "#N/A" for errors. */
export function apiValue(v: CellValue): string | number | boolean {
  if (v === null) return "";
  if (isCellError(v)) return v.code;
  return v;
}
