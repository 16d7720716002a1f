/**
 * Range: its values, formulas and number formats, the ranges derived from it (getCell,
 * getOffsetRange, getUsedRange …), insert/delete/clear; its format, data validation and
 * conditional formats are in their own files.
 */
import { simError } from "../errors";
import {
  cellKey,
  isWholeColumns,
  isWholeRows,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  qualifiedAddress,
  type Rect,
  rectIntersect,
} from "../model/address";
import { formatValue } from "../model/format";
import type { SheetModel } from "../model/types";
import { apiValue, valueTypeOf } from "../model/api-values";
import type { SimModel } from "../model/workbook-model";
import {
  declareProperties,
  type PropertySpec,
  type Resolver,
  SimClientObject,
  ctxOf,
  fromParent,
} from "./base";
import type { SimRequestContext } from "./context";
import { SimWorksheet, worksheetOf } from "./worksheet";
import { SimRangeFormat } from "./range-format";
import { SimDataValidation } from "./data-validation";
import { SimConditionalFormatCollection } from "./conditional-formats";

export interface RangeEntity {
  sheet: SheetModel;
  rect: Rect;
}

/**
 * A range proxy placed by `f` from the object `proxy` stands for (a range, a sheet), resolved at
 * sync without a round trip, as Excel's navigation is; a null object when that object is one.
 */
export function rangeFrom<T>(
  proxy: SimClientObject<T>,
  f: (e: T, m: SimModel) => RangeEntity,
  nullable = false,
): SimRange {
  return new SimRange(ctxOf(proxy), fromParent(proxy, f), nullable);
}

function checkCells(e: RangeEntity, limit = 5_000_000): void {
  const n = (e.rect.r1 - e.rect.r0 + 1) * (e.rect.c1 - e.rect.c0 + 1);
  if (n > limit) {
    throw simError(
      "ResponsePayloadSizeLimitExceeded",
      `The range has ${n} cells; reading its values would exceed the response limit.`,
    );
  }
}

function grid<V>(e: RangeEntity, f: (r: number, c: number) => V): V[][] {
  checkCells(e);
  const out: V[][] = [];
  for (let r = e.rect.r0; r <= e.rect.r1; r++) {
    const row: V[] = [];
    for (let c = e.rect.c0; c <= e.rect.c1; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

function subRect(e: RangeEntity, r0: number, c0: number, r1: number, c1: number): RangeEntity {
  if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLS || r1 < r0 || c1 < c0) {
    throw simError("InvalidArgument", "The requested range is outside the worksheet.");
  }
  return { sheet: e.sheet, rect: { r0, c0, r1, c1 } };
}

export class SimRange extends SimClientObject<RangeEntity> {
  declare readonly format: SimRangeFormat;
  declare readonly dataValidation: SimDataValidation;
  declare readonly conditionalFormats: SimConditionalFormatCollection;
  declare readonly worksheet: SimWorksheet;

  constructor(ctx: SimRequestContext, resolver: Resolver<RangeEntity>, nullable = false) {
    super(ctx, resolver, "Range", nullable);
  }

  /** A derived range proxy (navigation without a round trip). */
  private derive(f: (e: RangeEntity, m: SimModel) => RangeEntity, nullable = false): SimRange {
    return rangeFrom(this, f, nullable);
  }

  getCell(row: number, column: number): SimRange {
    return this.derive((e) =>
      subRect(e, e.rect.r0 + row, e.rect.c0 + column, e.rect.r0 + row, e.rect.c0 + column),
    );
  }

  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this.derive((e) =>
      subRect(
        e,
        e.rect.r0 + rowOffset,
        e.rect.c0 + columnOffset,
        e.rect.r1 + rowOffset,
        e.rect.c1 + columnOffset,
      ),
    );
  }

  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this.derive((e) =>
      subRect(e, e.rect.r0, e.rect.c0, e.rect.r1 + deltaRows, e.rect.c1 + deltaColumns),
    );
  }

  getEntireColumn(): SimRange {
    return this.derive((e) => subRect(e, 0, e.rect.c0, MAX_ROWS - 1, e.rect.c1));
  }

  getEntireRow(): SimRange {
    return this.derive((e) => subRect(e, e.rect.r0, 0, e.rect.r1, MAX_COLS - 1));
  }

  getColumn(column: number): SimRange {
    return this.derive((e) => {
      if (column < 0 || column > e.rect.c1 - e.rect.c0)
        throw simError("InvalidArgument", "Column index out of range.");
      return subRect(e, e.rect.r0, e.rect.c0 + column, e.rect.r1, e.rect.c0 + column);
    });
  }

  getRow(row: number): SimRange {
    return this.derive((e) => {
      if (row < 0 || row > e.rect.r1 - e.rect.r0)
        throw simError("InvalidArgument", "Row index out of range.");
      return subRect(e, e.rect.r0 + row, e.rect.c0, e.rect.r0 + row, e.rect.c1);
    });
  }

  getLastCell(): SimRange {
    return this.derive((e) => subRect(e, e.rect.r1, e.rect.c1, e.rect.r1, e.rect.c1));
  }

  getLastRow(): SimRange {
    return this.derive((e) => subRect(e, e.rect.r1, e.rect.c0, e.rect.r1, e.rect.c1));
  }

  getLastColumn(): SimRange {
    return this.derive((e) => subRect(e, e.rect.r0, e.rect.c1, e.rect.r1, e.rect.c1));
  }

  getRowsBelow(count = 1): SimRange {
    return this.derive((e) => subRect(e, e.rect.r1 + 1, e.rect.c0, e.rect.r1 + count, e.rect.c1));
  }

  getRowsAbove(count = 1): SimRange {
    return this.derive((e) => subRect(e, e.rect.r0 - count, e.rect.c0, e.rect.r0 - 1, e.rect.c1));
  }

  getColumnsAfter(count = 1): SimRange {
    return this.derive((e) => subRect(e, e.rect.r0, e.rect.c1 + 1, e.rect.r1, e.rect.c1 + count));
  }

  getColumnsBefore(count = 1): SimRange {
    return this.derive((e) => subRect(e, e.rect.r0, e.rect.c0 - count, e.rect.r1, e.rect.c0 - 1));
  }

  private otherRect(anotherRange: unknown, e: RangeEntity, m: SimModel): Rect {
    if (anotherRange instanceof SimRange) {
      const o = anotherRange._entity();
      if (!o) throw simError("InvalidArgument");
      if (o.sheet !== e.sheet) throw simError("InvalidArgument", "The ranges are on different worksheets.");
      return o.rect;
    }
    const r = m.resolveAddress(String(anotherRange), e.sheet);
    if (r.sheet !== e.sheet) throw simError("InvalidArgument", "The ranges are on different worksheets.");
    return r.rect;
  }

  getIntersection(anotherRange: unknown): SimRange {
    this.context._checkOwn(anotherRange);
    return this.derive((e, m) => {
      const i = rectIntersect(e.rect, this.otherRect(anotherRange, e, m));
      if (!i) throw simError("InvalidArgument", "The ranges do not intersect.");
      return { sheet: e.sheet, rect: i };
    });
  }

  getIntersectionOrNullObject(anotherRange: unknown): SimRange {
    this.context._checkOwn(anotherRange);
    return this.derive((e, m) => {
      const i = rectIntersect(e.rect, this.otherRect(anotherRange, e, m));
      if (!i) throw simError("ItemNotFound");
      return { sheet: e.sheet, rect: i };
    }, true);
  }

  getBoundingRect(anotherRange: unknown): SimRange {
    this.context._checkOwn(anotherRange);
    return this.derive((e, m) => {
      const o = this.otherRect(anotherRange, e, m);
      return {
        sheet: e.sheet,
        rect: {
          r0: Math.min(e.rect.r0, o.r0),
          c0: Math.min(e.rect.c0, o.c0),
          r1: Math.max(e.rect.r1, o.r1),
          c1: Math.max(e.rect.c1, o.c1),
        },
      };
    });
  }

  getUsedRange(valuesOnly = false): SimRange {
    return this.derive((e, m) => {
      const u = m.usedRect(e.sheet, valuesOnly);
      const i = u && rectIntersect(u, e.rect);
      if (!i) throw simError("ItemNotFound", "There are no used cells in the range.");
      return { sheet: e.sheet, rect: i };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return this.derive((e, m) => {
      const u = m.usedRect(e.sheet, valuesOnly);
      const i = u && rectIntersect(u, e.rect);
      if (!i) throw simError("ItemNotFound");
      return { sheet: e.sheet, rect: i };
    }, true);
  }

  clear(applyTo?: string): void {
    this._call("clear", [applyTo], (e, exec) =>
      exec.model.clearRange(e.sheet, e.rect, (applyTo ?? "All") as "All" | "Formats" | "Contents"),
    );
  }

  delete(shift: string): void {
    this._call("delete", [shift], (e, exec) => {
      if (shift !== "Up" && shift !== "Left") throw simError("InvalidArgument", `Invalid shift '${shift}'.`);
      exec.model.deleteCells(e.sheet, e.rect, shift);
    });
  }

  insert(shift: string): SimRange {
    this._call("insert", [shift], (e, exec) => {
      if (shift !== "Down" && shift !== "Right")
        throw simError("InvalidArgument", `Invalid shift '${shift}'.`);
      exec.model.insertCells(e.sheet, e.rect, shift);
    });
    return this.derive((e) => e);
  }

  /** ExcelApi 1.10: the range's columns one outline level in (see model stepColumnOutline). */
  group(groupOption: string): void {
    this._call("group", [groupOption], (e, exec) =>
      exec.model.stepColumnOutline(e.sheet, e.rect, outlineStep(groupOption, e.rect, 1)),
    );
  }

  /** ExcelApi 1.10: the range's grouped columns one outline level out. */
  ungroup(groupOption: string): void {
    this._call("ungroup", [groupOption], (e, exec) =>
      exec.model.stepColumnOutline(e.sheet, e.rect, outlineStep(groupOption, e.rect, -1)),
    );
  }

  select(): void {
    this._call("select", [], (e, exec) => {
      exec.model.activate(e.sheet);
      e.sheet.selection = { ...e.rect };
    });
  }
}
/**
 * The step of a group/ungroup, after Excel's checks: "ByColumns" on a range that is an entire row
 * is InvalidArgument (Range.group's documented remark). Row outlines are not modelled: the add-in
 * groups columns only, and a sim that half-did rows would be trusted where it should not be.
 */
function outlineStep(groupOption: string, rect: Rect, step: 1 | -1): 1 | -1 {
  if (groupOption === "ByRows")
    throw simError(
      "GeneralException",
      "excel-sim models column outlines only (ByColumns); ByRows is not modelled.",
    );
  if (groupOption !== "ByColumns")
    throw simError("InvalidArgument", `Invalid group option '${groupOption}'.`);
  if (isWholeRows(rect))
    throw simError("InvalidArgument", "A range of entire rows cannot be grouped by columns.");
  return step;
}

/** Excel's answer for a row or column property over many: true for all, false for none, null when mixed. */
function allOrNone(set: Set<number>, from: number, to: number): boolean | null {
  let hiddenCount = 0;
  for (let i = from; i <= to; i++) if (set.has(i)) hiddenCount++;
  return hiddenCount === 0 ? false : hiddenCount === to - from + 1 ? true : null;
}

function allIn(set: Set<number>, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (!set.has(i)) return false;
  return true;
}

const address: PropertySpec<RangeEntity, SimRange> = { read: (e) => qualifiedAddress(e.sheet.name, e.rect) };
const formulas: PropertySpec<RangeEntity, SimRange> = {
  read: (e) =>
    grid(e, (r, c) => {
      const cell = e.sheet.cells.get(cellKey(r, c));
      if (cell?.formula !== undefined) return cell.formula;
      return apiValue(cell ? cell.value : null);
    }),
  write: (e, value, exec) => exec.model.writeRange(e.sheet, e.rect, value, "formulas"),
};
const numberFormat: PropertySpec<RangeEntity, SimRange> = {
  read: (e, { model: m }) => grid(e, (r, c) => m.numberFormatAt(e.sheet, r, c) ?? "General"),
  write: (e, value, exec) => exec.model.setNumberFormats(e.sheet, e.rect, value),
};

declareProperties<RangeEntity, SimRange>(SimRange, {
  children: {
    worksheet: (p) => worksheetOf(p, (p) => p.sheet),
    format: (p) => new SimRangeFormat(ctxOf(p), p),
    dataValidation: (p) => new SimDataValidation(ctxOf(p), p),
    conditionalFormats: (p) => new SimConditionalFormatCollection(ctxOf(p), p),
  },
  scalars: {
    address,
    addressLocal: address,
    cellCount: { read: ({ rect }) => (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1) },
    columnCount: { read: ({ rect }) => rect.c1 - rect.c0 + 1 },
    columnIndex: { read: ({ rect }) => rect.c0 },
    rowCount: { read: ({ rect }) => rect.r1 - rect.r0 + 1 },
    rowIndex: { read: ({ rect }) => rect.r0 },
    values: {
      read: (e, { model: m }) => grid(e, (r, c) => apiValue(m.valueAt(e.sheet, r, c))),
      write: (e, value, exec) => exec.model.writeRange(e.sheet, e.rect, value, "values"),
    },
    formulas,
    formulasLocal: formulas,
    text: {
      read: (e, { model: m }) =>
        grid(e, (r, c) => formatValue(m.valueAt(e.sheet, r, c), m.numberFormatAt(e.sheet, r, c))),
    },
    valueTypes: { read: (e, { model: m }) => grid(e, (r, c) => valueTypeOf(m.valueAt(e.sheet, r, c))) },
    numberFormat,
    numberFormatLocal: numberFormat,
    // Hidden when all its rows or all its columns are hidden.
    hidden: {
      read: ({ sheet, rect }) =>
        allIn(sheet.hiddenColumns, rect.c0, rect.c1) || allIn(sheet.hiddenRows, rect.r0, rect.r1),
    },
    columnHidden: {
      read: ({ sheet, rect }) => allOrNone(sheet.hiddenColumns, rect.c0, rect.c1),
      write: (e, value, exec) => exec.model.setHidden(e.sheet, e.rect, "columns", value),
    },
    rowHidden: {
      read: ({ sheet, rect }) => allOrNone(sheet.hiddenRows, rect.r0, rect.r1),
      write: (e, value, exec) => exec.model.setHidden(e.sheet, e.rect, "rows", value),
    },
    isEntireColumn: { read: ({ rect }) => isWholeColumns(rect) },
    isEntireRow: { read: ({ rect }) => isWholeRows(rect) },
  },
});

/** Resolves an address string (or Range proxy) against a sheet, for worksheet.getRange etc. */
export function rangeFromAddress(m: SimModel, sheet: SheetModel, address: string | undefined): RangeEntity {
  if (address === undefined || address === null || address === "") {
    return { sheet, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
  }
  const p = parseAddress(String(address));
  if (p) {
    if (p.sheet !== undefined && p.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
      throw simError("InvalidArgument", `The address '${address}' is on another worksheet.`);
    }
    return { sheet, rect: p.rect };
  }
  const r = m.resolveAddress(String(address), sheet);
  if (r.sheet !== sheet)
    throw simError("InvalidArgument", `The name '${address}' refers to another worksheet.`);
  return r;
}
