/**
 * Puts the model's cells into the package exceljs wrote from everything else (index.ts): each
 * worksheet part is written again with its cells (sheet-data.ts), the tables (given to exceljs
 * with one data row) get their real ranges, and the shared string table is replaced by the one
 * the cells refer to.
 */
import { rectAddress } from "../model/address";
import type { SheetModel, TableModel, WorkbookModel } from "../model/types";
import type { SheetStyles } from "./cell-styles";
import { addOverride, addRelationship, relationships, sheetParts, text } from "./package";
import { SharedStrings } from "./shared-strings";
import { writeSheetPart } from "./sheet-data";
import { partWriter, type DeflatedPart, type PackageParts } from "./zip";
import { attrOf } from "./xml";

const SHARED_STRINGS_PART = "xl/sharedStrings.xml";
const REL_SHARED_STRINGS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
const CT_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";

/**
 * Writes the cells into the package; returns the worksheet parts with their cells, deflated as
 * they were written (they replace the parts of the same names in `zip`): 100,000 rows are a
 * hundred megabytes of XML, which is never held as such.
 */
export async function writeCells(
  zip: PackageParts,
  model: WorkbookModel,
  styles: Map<SheetModel, SheetStyles>,
  formulaResults: boolean,
): Promise<Map<string, DeflatedPart>> {
  const parts = await sheetParts(zip);
  const strings = new SharedStrings();
  const written = new Map<string, DeflatedPart>();
  for (const [sheet, sheetStyles] of styles) {
    const part = parts.get(sheet.name);
    if (!part) throw new Error(`xlsx export: no part for sheet "${sheet.name}".`);
    const xml = await text(zip, part);
    sheetStyles.readIds(xml);
    const tables = model.tables.filter((t) => !t.deleted && t.sheetId === sheet.id);
    const out = partWriter();
    await writeSheetPart(out, xml, sheet, tables, sheetStyles, strings, formulaResults);
    written.set(part, await out.finish());
  }
  await fitTables(
    zip,
    model.tables.filter((t) => !t.deleted),
  );
  await writeSharedStrings(zip, strings);
  return written;
}

/** exceljs was given each table with one data row: its part gets the table's real range. */
async function fitTables(zip: PackageParts, tables: TableModel[]) {
  if (!tables.length) return;
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const path of zip.paths().filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const xml = await text(zip, path);
    const t = byName.get(attrOf(/<table\b[^>]*>/.exec(xml)?.[0] ?? "", "name") ?? "");
    if (!t) continue;
    const given = rectAddress({ ...t.rect, r1: t.rect.r0 + 1 });
    zip.set(path, xml.split(`ref="${given}"`).join(`ref="${rectAddress(t.rect)}"`));
  }
}

async function writeSharedStrings(zip: PackageParts, strings: SharedStrings) {
  zip.set(SHARED_STRINGS_PART, strings.xml());
  const relsPath = "xl/_rels/workbook.xml.rels";
  const rels = await text(zip, relsPath);
  if (!relationships(rels).some((r) => r.type === REL_SHARED_STRINGS))
    zip.set(relsPath, addRelationship(rels, REL_SHARED_STRINGS, "sharedStrings.xml").xml);
  zip.set(
    "[Content_Types].xml",
    addOverride(await text(zip, "[Content_Types].xml"), `/${SHARED_STRINGS_PART}`, CT_SHARED_STRINGS),
  );
}
