/**
 * The workbook model's cell formatting: formats, number formats, column widths, row heights and
 * hidden rows and columns, column outline levels.
 */
import { simError } from "../errors";
import {
  cellKey,
  isWholeColumns,
  isWholeRows,
  keyCol,
  keyRow,
  MAX_ROWS,
  type Rect,
  rectContainsCell,
} from "./address";
import { hasFormula } from "./shared-formulas";
import type { CellFormat, SheetModel } from "./types";
import { CellContents } from "./cell-contents";

/** "Excel only supports eight levels of outline groups" (learn.microsoft.com, excel-add-ins-ranges-group). */
export const MAX_OUTLINE_LEVEL = 8;

export abstract class CellFormatting extends CellContents {
  /** Sets format properties on every cell of rect (whole columns/rows: on the column/row too). */
  setFormat(sheet: SheetModel, rect: Rect, patch: CellFormat): void {
    if (patch.locked !== undefined) this.checkAllowed(sheet);
    else this.checkAllowed(sheet, "allowFormatCells");
    const merge = (f: CellFormat | undefined): CellFormat | undefined => {
      const next: CellFormat = { ...(f ?? {}) };
      for (const [k, v] of Object.entries(patch)) {
        if (k === "borders") next.borders = { ...(next.borders ?? {}), ...(v as CellFormat["borders"]) };
        else (next as Record<string, unknown>)[k] = v;
      }
      return this.formats.intern(next);
    };
    const wholeRows = isWholeRows(rect);
    // A number format down to the last row from near the top (F2:F1048576) is kept as a column
    // format, not a million cell formats: the few cells above the range keep the format they
    // show, and cells with a row format (which would win over the column's) get it themselves.
    const tall =
      !wholeRows &&
      rect.r1 === MAX_ROWS - 1 &&
      rect.r0 <= 1000 &&
      Object.keys(patch).length === 1 &&
      patch.numberFormat !== undefined;
    if (tall && rect.r0 > 0) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        const shown = sheet.columnFormats.get(c)?.numberFormat ?? "General";
        for (let r = 0; r < rect.r0; r++) {
          const cell = sheet.cells.get(cellKey(r, c));
          if (cell?.format?.numberFormat !== undefined || sheet.rowFormats.get(r)?.numberFormat !== undefined)
            continue;
          this.cellWithFormat(sheet, r, c, { numberFormat: shown });
        }
      }
    }
    const wholeCols = isWholeColumns(rect) || tall;
    if (wholeCols || wholeRows) {
      if (wholeCols && !wholeRows) {
        for (const [r, f] of sheet.rowFormats) {
          if (r < rect.r0 || f.numberFormat === undefined) continue;
          for (let c = rect.c0; c <= rect.c1; c++) this.cellWithFormat(sheet, r, c, f);
        }
      }
      if (wholeCols) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const m = merge(sheet.columnFormats.get(c));
          if (m) sheet.columnFormats.set(c, m);
          else sheet.columnFormats.delete(c);
        }
      }
      if (wholeRows && !wholeCols) {
        for (let r = rect.r0; r <= rect.r1; r++) {
          const m = merge(sheet.rowFormats.get(r));
          if (m) sheet.rowFormats.set(r, m);
          else sheet.rowFormats.delete(r);
        }
      }
      for (const [key, cell] of sheet.cells) {
        if (cell.format && rectContainsCell(rect, keyRow(key), keyCol(key))) cell.format = merge(cell.format);
      }
    } else {
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const key = cellKey(r, c);
          let cell = sheet.cells.get(key);
          if (!cell) {
            cell = { value: null };
            sheet.cells.set(key, cell);
          }
          cell.format = merge(cell.format);
          if (!cell.format && cell.value === null && !hasFormula(cell)) sheet.cells.delete(key);
        }
      }
    }
    if (patch.numberFormat !== undefined) this.calc.invalidate();
    this.structure.add("format");
  }

  /** Gives a cell (created if missing) the format properties of `base` it does not set itself. */
  private cellWithFormat(sheet: SheetModel, r: number, c: number, base: CellFormat): void {
    const key = cellKey(r, c);
    const cell = sheet.cells.get(key);
    if (cell) cell.format = this.formats.intern({ ...base, ...(cell.format ?? {}) });
    else sheet.cells.set(key, { value: null, format: this.formats.intern({ ...base }) });
  }

  /** Per-cell number formats (2-D array or one for all). */
  setNumberFormats(sheet: SheetModel, rect: Rect, data: unknown): void {
    if (!Array.isArray(data)) {
      if (data === null || data === undefined) return;
      this.setFormat(sheet, rect, { numberFormat: String(data) });
      return;
    }
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    if (data.length !== rows || data.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw simError(
        "InvalidArgument",
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
    }
    this.checkAllowed(sheet, "allowFormatCells");
    // What setFormat does cell by cell, with each (format before, number format) merged once: a
    // column of 100,000 cells is 100,000 lookups, not 100,000 merges and recalculations.
    const merged = new Map<CellFormat | undefined, Map<string, CellFormat | undefined>>();
    const withNumberFormat = (before: CellFormat | undefined, numberFormat: string) => {
      let byCode = merged.get(before);
      if (!byCode) merged.set(before, (byCode = new Map()));
      if (!byCode.has(numberFormat))
        byCode.set(numberFormat, this.formats.intern({ ...before, numberFormat }));
      return byCode.get(numberFormat);
    };
    let changed = false;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const f = (data as unknown[][])[i][j];
        if (f === null || f === undefined) continue;
        const key = cellKey(rect.r0 + i, rect.c0 + j);
        let cell = sheet.cells.get(key);
        if (!cell) {
          cell = { value: null };
          sheet.cells.set(key, cell);
        }
        cell.format = withNumberFormat(cell.format, String(f));
        changed = true;
      }
    }
    if (!changed) return;
    this.calc.invalidate();
    this.structure.add("format");
  }

  setColumnWidth(sheet: SheetModel, rect: Rect, points: number): void {
    if (typeof points !== "number" || !(points >= 0))
      throw simError("InvalidArgument", "Invalid column width.");
    this.checkAllowed(sheet, "allowFormatColumns");
    for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths.set(c, points);
    this.structure.add("format");
  }

  /** Range.columnHidden / rowHidden: hides or shows every column (row) the range spans. */
  setHidden(sheet: SheetModel, rect: Rect, axis: "columns" | "rows", hidden: unknown): void {
    if (typeof hidden !== "boolean")
      throw simError("InvalidArgument", "columnHidden and rowHidden take true or false.");
    this.checkAllowed(sheet, axis === "columns" ? "allowFormatColumns" : "allowFormatRows");
    const set = axis === "columns" ? sheet.hiddenColumns : sheet.hiddenRows;
    const [from, to] =
      axis === "columns" ? [rect.c0, rect.c1] : [rect.r0, Math.min(rect.r1, rect.r0 + 100000)];
    for (let i = from; i <= to; i++) {
      if (hidden) set.add(i);
      else set.delete(i);
    }
    this.structure.add("format");
  }

  /**
   * Range.group / ungroup("ByColumns"): every column the range spans goes one outline level in
   * (`step` 1) or out (-1). Excel keeps at most 8 levels; ungrouping lowers only grouped columns
   * and is refused where none of the range's columns is grouped (see README "Outline").
   */
  stepColumnOutline(sheet: SheetModel, rect: Rect, step: 1 | -1): void {
    this.checkAllowed(sheet);
    const levels = sheet.columnOutline;
    const level = (c: number) => levels.get(c) ?? 0;
    const columns = Array.from({ length: rect.c1 - rect.c0 + 1 }, (_, k) => rect.c0 + k);
    if (step === 1 && columns.some((c) => level(c) >= MAX_OUTLINE_LEVEL))
      throw simError(
        "InvalidOperation",
        `Excel supports at most ${MAX_OUTLINE_LEVEL} outline levels; a column of the range is already at level ${MAX_OUTLINE_LEVEL}.`,
      );
    if (step === -1 && columns.every((c) => level(c) === 0))
      throw simError(
        "InvalidOperation",
        "None of the range's columns is grouped; there is nothing to ungroup.",
      );
    for (const c of columns) {
      const next = Math.max(0, level(c) + step);
      if (next === 0) levels.delete(c);
      else levels.set(c, next);
    }
    this.structure.add("format");
  }

  setRowHeight(sheet: SheetModel, rect: Rect, points: number): void {
    if (typeof points !== "number" || !(points >= 0))
      throw simError("InvalidArgument", "Invalid row height.");
    this.checkAllowed(sheet, "allowFormatRows");
    for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 100000); r++) sheet.rowHeights.set(r, points);
    this.structure.add("format");
  }
}
