/**
 * The exporter behind a dynamic import: importing excel-sim does not load exceljs (about
 * 1 MB in a browser bundle); the first export does.
 */
import type { SimWorkbook } from "../sim-types";
import type { ExportOptions } from "./index";

/** Writes the workbook as an .xlsx file (the bytes of the zip package). See export/index.ts. */
export async function exportXlsx(workbook: SimWorkbook, options?: ExportOptions): Promise<Uint8Array> {
  const exporter = await import("./index");
  return exporter.exportXlsx(workbook, options);
}
