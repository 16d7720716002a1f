/**
 * The style of every cell and row, by the index exceljs gives it in styles.xml. exceljs writes the
 * styles, but a worksheet of a million cells in exceljs takes minutes and gigabytes, so it gets one
 * prototype cell per distinct style (and the first cell of each formatted row) and nothing else;
 * the indexes are read back from the part it wrote, and sheet-data.ts writes every cell with them.
 */
import type { Style } from "exceljs";
import { cellAddress, keyCol, keyRow } from "../model/address";
import { mergeFormats } from "../model/format";
import type { CellFormat, SheetModel } from "../model/types";
import { attrOf } from "./xml";
import { styleOf } from "./styles";

/** One distinct exceljs style of a sheet and the cell that carries it to exceljs. */
interface StyleSlot {
  style: Partial<Style>;
  prototype: { row: number; col: number };
  /** The index exceljs gave it (0: Excel's default), known once its part is written. */
  id: number;
}

export class SheetStyles {
  /** Column format → row format → cell format → slot (null: no style), all interned objects. */
  private byFormats = new Map<
    CellFormat | undefined,
    Map<CellFormat | undefined, Map<CellFormat | undefined, StyleSlot | null>>
  >();
  private byStyle = new Map<string, StyleSlot>();
  /** The style index of each row with a row format that the sheet writes (it has cells or a height). */
  private rowIds = new Map<number, number>();
  /** The cells exceljs is given: a place and the style to set there. */
  readonly prototypes: { row: number; col: number; style: Partial<Style> | undefined }[] = [];

  constructor(private readonly sheet: SheetModel) {
    const formattedRows = new Set<number>();
    for (const [r, f] of sheet.rowFormats) if (styleOf(f)) formattedRows.add(r);
    for (const [key, cell] of sheet.cells) {
      const r = keyRow(key);
      const c = keyCol(key);
      const slot = this.slotOf(r, c, cell.format);
      // exceljs writes a row, and the row's style, only when it holds a cell: give it one.
      if (formattedRows.delete(r) && slot?.prototype.row !== r)
        this.prototypes.push({ row: r, col: c, style: slot?.style });
    }
  }

  /** The slot of the cell at (r, c) with its own format `own`; created (with its prototype) when new. */
  private slotOf(r: number, c: number, own: CellFormat | undefined): StyleSlot | null {
    const column = this.sheet.columnFormats.get(c);
    const row = this.sheet.rowFormats.get(r);
    let byRow = this.byFormats.get(column);
    if (!byRow) this.byFormats.set(column, (byRow = new Map()));
    let byCell = byRow.get(row);
    if (!byCell) byRow.set(row, (byCell = new Map()));
    let slot = byCell.get(own);
    if (slot !== undefined) return slot;
    const style = styleOf(column || row ? mergeFormats(column, row, own) : own);
    slot = null;
    if (style) {
      const key = JSON.stringify(style);
      slot = this.byStyle.get(key) ?? null;
      if (!slot) {
        slot = { style, prototype: { row: r, col: c }, id: 0 };
        this.byStyle.set(key, slot);
        this.prototypes.push({ row: r, col: c, style });
      }
    }
    byCell.set(own, slot);
    return slot;
  }

  /** Reads the indexes exceljs gave the prototypes and the formatted rows from the part it wrote. */
  readIds(sheetXml: string): void {
    const cellIds = new Map<string, number>();
    for (const m of sheetXml.matchAll(/<c\b[^>]*>/g)) {
      const address = attrOf(m[0], "r");
      if (address) cellIds.set(address, Number(attrOf(m[0], "s") ?? 0));
    }
    for (const slot of this.byStyle.values())
      slot.id = cellIds.get(cellAddress(slot.prototype.row, slot.prototype.col)) ?? 0;
    for (const m of sheetXml.matchAll(/<row\b[^>]*>/g)) {
      const s = attrOf(m[0], "s");
      if (s !== undefined) this.rowIds.set(Number(attrOf(m[0], "r")) - 1, Number(s));
    }
  }

  /** The style index of a cell (0: none). */
  cellId(r: number, c: number, own: CellFormat | undefined): number {
    return this.slotOf(r, c, own)?.id ?? 0;
  }

  /** The style index of a row (0: none). */
  rowId(r: number): number {
    return this.rowIds.get(r) ?? 0;
  }
}
