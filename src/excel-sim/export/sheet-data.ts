/**
 * A sheet's `<sheetData>`: every row and cell of the model as the worksheet part holds them, the
 * way exceljs writes them (values, shared strings, formulas with their cached results, style
 * indexes, row heights and spans), but written to the compressor a few thousand rows at a time,
 * so that a sheet of 100,000 rows never exists as cell objects, as one string or as one buffer.
 */
import {
  columnLetters,
  keyCol,
  keyRow,
  MAX_COLS,
  rectAddress,
  rectContainsCell,
  type Rect,
} from "../model/address";
import { canonicalFunctionName, type Node } from "../formula/parser";
import { FormulaShape, hasFormula } from "../model/shared-formulas";
import { type Cell, isCellError, type SheetModel, type TableModel } from "../model/types";
import type { SheetStyles } from "./cell-styles";
import type { SharedStrings } from "./shared-strings";
import type { PartWriter } from "./zip";
import { fileFormula, filePrefix } from "./xlfn";
import { escText } from "./xml";

/**
 * Writes the worksheet part exceljs wrote (`xml`, whose `<sheetData>` holds only style
 * prototypes) to `out` with the sheet's cells in its `<sheetData>` and its `<dimension>` to
 * match, a few thousand rows at a time.
 */
export async function writeSheetPart(
  out: PartWriter,
  xml: string,
  sheet: SheetModel,
  tables: TableModel[],
  styles: SheetStyles,
  strings: SharedStrings,
  formulaResults: boolean,
): Promise<void> {
  const open = /<sheetData\/>|<sheetData>/.exec(xml);
  if (!open) throw new Error(`xlsx export: the part of sheet "${sheet.name}" has no <sheetData>.`);
  const close = open[0] === "<sheetData/>" ? open.index + open[0].length : xml.indexOf("</sheetData>") + 12;
  const keys = Float64Array.from(sheet.cells.keys()).sort();
  const extent = [cellsExtent(keys), ...tables.map((t) => t.rect)].reduce(union, null);
  let head = xml.slice(0, open.index);
  if (extent) head = head.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${rectAddress(extent)}"/>`);
  await out.write(`${head}<sheetData>`);
  const formulas = new FileFormulas(tables);
  const heights = [...sheet.rowHeights.keys()].sort((a, b) => a - b);
  let parts: string[] = [];
  let rows = 0;
  let k = 0;
  let h = 0;
  while (k < keys.length || h < heights.length) {
    const r = Math.min(
      k < keys.length ? keyRow(keys[k]) : Infinity,
      h < heights.length ? heights[h] : Infinity,
    );
    if (heights[h] === r) h++;
    const cells: string[] = [];
    let min = MAX_COLS;
    let max = -1;
    for (; k < keys.length && keyRow(keys[k]) === r; k++) {
      const c = keyCol(keys[k]);
      const cell = sheet.cells.get(keys[k])!;
      min = Math.min(min, c);
      max = Math.max(max, c);
      const cellXml = cellElement(
        cell,
        r,
        c,
        styles.cellId(r, c, cell.format),
        strings,
        formulas,
        formulaResults,
      );
      if (cellXml) cells.push(cellXml);
    }
    parts.push(rowOpen(r, sheet.rowHeights.get(r), min, max, styles.rowId(r)));
    parts.push(cells.length ? `>${cells.join("")}</row>` : "/>");
    if (++rows % ROWS_PER_WRITE === 0) {
      await out.write(parts.join(""));
      parts = [];
    }
  }
  await out.write(`${parts.join("")}</sheetData>${xml.slice(close)}`);
}

/**
 * Rows handed to the compressor at a time: under 128 KB of text, so that each batch is a young
 * string that dies young (a larger one would be allocated straight into the old generation).
 */
const ROWS_PER_WRITE = 50;

/** The smallest rectangle holding every cell (keys sorted: the first and last rows are at the ends). */
function cellsExtent(keys: Float64Array): Rect | null {
  if (!keys.length) return null;
  let c0 = MAX_COLS;
  let c1 = -1;
  for (const key of keys) {
    const c = keyCol(key);
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  }
  return { r0: keyRow(keys[0]), c0, r1: keyRow(keys[keys.length - 1]), c1 };
}

function union(a: Rect | null, b: Rect | null): Rect | null {
  if (!a || !b) return a ?? b;
  return {
    r0: Math.min(a.r0, b.r0),
    c0: Math.min(a.c0, b.c0),
    r1: Math.max(a.r1, b.r1),
    c1: Math.max(a.c1, b.c1),
  };
}

/** `<row …` as exceljs opens it: height, the span of its cells, its style. */
function rowOpen(r: number, height: number | undefined, min: number, max: number, styleId: number): string {
  let xml = `<row r="${r + 1}"`;
  if (height) xml += ` ht="${height}" customHeight="1"`;
  if (max >= 0) xml += ` spans="${min + 1}:${max + 1}"`;
  if (styleId) xml += ` s="${styleId}" customFormat="1"`;
  return `${xml} x14ac:dyDescent="0.25"`;
}

const letters: string[] = [];
const address = (r: number, c: number) => (letters[c] ??= columnLetters(c)) + String(r + 1);

/** One `<c>`, or "" for a cell with neither a value nor a style (exceljs leaves those out). */
function cellElement(
  cell: Cell,
  r: number,
  c: number,
  styleId: number,
  strings: SharedStrings,
  formulas: FileFormulas,
  formulaResults: boolean,
): string {
  const open = styleId ? `<c r="${address(r, c)}" s="${styleId}"` : `<c r="${address(r, c)}"`;
  const v = cell.value;
  if (hasFormula(cell)) {
    const f = `<f>${escText(formulas.text(cell, r, c))}</f>`;
    if (!formulaResults || v === null) return `${open}>${f}</c>`;
    if (typeof v === "number") return `${open}>${f}<v>${v}</v></c>`;
    if (typeof v === "string") return `${open} t="str">${f}<v>${escText(v)}</v></c>`;
    if (typeof v === "boolean") return `${open} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    return `${open} t="e">${f}<v>${v.code}</v></c>`;
  }
  if (v === null) return styleId ? `${open}/>` : "";
  if (typeof v === "number") return `${open}><v>${v}</v></c>`;
  if (typeof v === "string") return `${open} t="s"><v>${strings.indexOf(v)}</v></c>`;
  if (typeof v === "boolean") return `${open} t="b"><v>${v ? 1 : 0}</v></c>`;
  return isCellError(v) ? `${open} t="e"><v>${v.code}</v></c>` : "";
}

/**
 * Formulas as a file stores them (xlfn.ts). Cells that share a shape (shared-formulas.ts) differ
 * only in references, which fileFormula leaves alone, so whether the file form is the cell's text
 * is found once per shape, from its tree (no tokenizing); a formula that needs rewriting (an
 * `_xlfn.` prefix, a table-less or `#`-item structured reference) goes through fileFormula.
 */
class FileFormulas {
  private asWritten = new Map<FormulaShape, boolean>();

  constructor(private readonly tables: TableModel[]) {}

  text(cell: Cell, r: number, c: number): string {
    const formula = cell.formula as string;
    const shape = cell.ast instanceof FormulaShape ? cell.ast : null;
    let same = shape ? this.asWritten.get(shape) : false;
    if (shape && same === undefined) {
      same = storedAsWritten(shape.ast);
      this.asWritten.set(shape, same);
    }
    if (same) return formula.startsWith("=") ? formula.slice(1) : formula;
    // A table-less reference ([@Col]) is written with the name of the table the cell is in.
    return fileFormula(formula, () => this.tables.find((t) => rectContainsCell(t.rect, r, c))?.name);
  }
}

/** Whether fileFormula leaves a formula as written: no function to prefix, no structured reference to spell out. */
function storedAsWritten(node: Node): boolean {
  switch (node.k) {
    case "fn": {
      const prefixed = node.raw.toUpperCase() !== canonicalFunctionName(node.raw);
      return (prefixed || filePrefix(node.raw) === "") && node.args.every(storedAsWritten);
    }
    case "sref":
      return node.sref.table !== undefined && !node.sref.at && node.sref.items.length === 0;
    case "un":
      return storedAsWritten(node.x);
    case "bin":
      return storedAsWritten(node.l) && storedAsWritten(node.r);
    default:
      return true;
  }
}
