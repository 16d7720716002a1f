/**
 * Range and the objects hanging off it: format (fill, font, borders, protection), data
 * validation, conditional formats.
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
  rectAddress,
  rectIntersect,
} from "../model/address";
import { formatValue } from "../model/format";
import type {
  BorderEdge,
  CellFormat,
  ConditionalFormatModel,
  SheetModel,
  ValidationModel,
  ValidationRuleModel,
} from "../model/types";
import { apiValue, valueTypeOf } from "../model/api-values";
import type { SimModel } from "../model/workbook-model";
import {
  declareProperties,
  type ExecState,
  type PropertySpec,
  NULL_PARENT,
  type Resolver,
  SimClientObject,
  SimClientResult,
  SimCollection,
  ctxOf,
} from "./base";
import type { SimRequestContext } from "./context";
import { SimWorksheet } from "./worksheet";

export interface RangeEntity {
  sheet: SheetModel;
  rect: Rect;
}

const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_ROW_HEIGHT = 15;

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  purple: "#800080",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkgreen: "#006400",
  darkred: "#8B0000",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
  navy: "#000080",
};

/** "#ff0000" / "red" → "#FF0000"; InvalidArgument otherwise. */
export function normalizeColor(c: unknown): string {
  if (typeof c !== "string") throw simError("InvalidArgument", `Invalid color ${JSON.stringify(c)}.`);
  const s = c.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(s)) return ("#" + [...s.slice(1)].map((x) => x + x).join("")).toUpperCase();
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  throw simError("InvalidArgument", `Invalid color '${c}'.`);
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

/** Uniform value of f over the cells (null when they differ), sampling large ranges by row/column. */
function uniform<V>(e: RangeEntity, f: (r: number, c: number) => V): V | null {
  const { rect } = e;
  const rows = Math.min(rect.r1, rect.r0 + 2000);
  const cols = Math.min(rect.c1, rect.c0 + 200);
  let first: V | undefined;
  let firstSet = false;
  for (let r = rect.r0; r <= rows; r++) {
    for (let c = rect.c0; c <= cols; c++) {
      const v = f(r, c);
      if (!firstSet) {
        first = v;
        firstSet = true;
      } else if (v !== first) return null;
    }
  }
  return first as V;
}

export class SimRange extends SimClientObject<RangeEntity> {
  private _format?: SimRangeFormat;
  private _dv?: SimDataValidation;
  private _cfs?: SimConditionalFormatCollection;
  private _ws?: SimWorksheet;

  constructor(ctx: SimRequestContext, resolver: Resolver<RangeEntity>, nullable = false) {
    super(ctx, resolver, "Range", nullable);
  }

  /** A derived range proxy (navigation without a round trip). */
  private derive(f: (e: RangeEntity, m: SimModel) => RangeEntity, nullable = false): SimRange {
    const host = ctxOf(this);
    return new SimRange(
      host,
      () => {
        const p = this._parentEntity();
        if (p === NULL_PARENT) return NULL_PARENT;
        return f(p, host._model);
      },
      nullable,
    );
  }

  get format(): SimRangeFormat {
    return (this._format ??= new SimRangeFormat(ctxOf(this), this));
  }

  get dataValidation(): SimDataValidation {
    return (this._dv ??= new SimDataValidation(ctxOf(this), this));
  }

  get conditionalFormats(): SimConditionalFormatCollection {
    return (this._cfs ??= new SimConditionalFormatCollection(ctxOf(this), this));
  }

  get worksheet(): SimWorksheet {
    return (this._ws ??= new SimWorksheet(ctxOf(this), () => {
      const p = this._parentEntity();
      return p === NULL_PARENT ? NULL_PARENT : p.sheet;
    }));
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

  select(): void {
    this._call("select", [], (e, exec) => {
      exec.model.activate(e.sheet);
      e.sheet.selection = { ...e.rect };
    });
  }
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
  navigation: {
    format: (r) => r.format,
    worksheet: (r) => r.worksheet,
    dataValidation: (r) => r.dataValidation,
    conditionalFormats: (r) => r.conditionalFormats,
  },
});

// ---------------------------------------------------------------------------- format

abstract class RangePart<T = RangeEntity> extends SimClientObject<T> {
  constructor(
    ctx: SimRequestContext,
    protected readonly range: SimRange,
    type: string,
  ) {
    super(ctx, () => range._parentEntity() as T | typeof NULL_PARENT, type);
  }
}

export class SimRangeFormat extends RangePart {
  private _fill?: SimRangeFill;
  private _font?: SimRangeFont;
  private _borders?: SimRangeBorderCollection;
  private _protection?: SimFormatProtection;

  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFormat");
  }

  get fill(): SimRangeFill {
    return (this._fill ??= new SimRangeFill(ctxOf(this), this.range));
  }

  get font(): SimRangeFont {
    return (this._font ??= new SimRangeFont(ctxOf(this), this.range));
  }

  get borders(): SimRangeBorderCollection {
    return (this._borders ??= new SimRangeBorderCollection(ctxOf(this), this.range));
  }

  get protection(): SimFormatProtection {
    return (this._protection ??= new SimFormatProtection(ctxOf(this), this.range));
  }

  /** Width from the longest displayed text (Calibri 11: ~7 px per character + padding). */
  autofitColumns(): void {
    this._call("autofitColumns", [], (e, exec) => {
      const m = exec.model;
      const u = m.usedRect(e.sheet, true);
      const rows = u ? { r0: Math.max(e.rect.r0, u.r0), r1: Math.min(e.rect.r1, u.r1) } : null;
      for (let c = e.rect.c0; c <= Math.min(e.rect.c1, e.rect.c0 + 500); c++) {
        let chars = 0;
        let bold = false;
        if (rows) {
          for (let r = rows.r0; r <= rows.r1; r++) {
            const v = m.valueAt(e.sheet, r, c);
            if (v === null) continue;
            const f = m.formatAt(e.sheet, r, c);
            const t = formatValue(v, f.numberFormat);
            if (t.length > chars) {
              chars = t.length;
              bold = !!f.bold;
            }
          }
        }
        const px = chars === 0 ? 64 : Math.ceil(chars * (bold ? 7.7 : 7) + 10);
        m.setColumnWidth(e.sheet, { ...e.rect, c0: c, c1: c }, Math.round(px * 0.75 * 100) / 100);
      }
    });
  }

  autofitRows(): void {
    this._call("autofitRows", [], () => undefined);
  }
}
/** The one value of a list, or null when the values differ (Excel's answer for a mixed range). */
function same<V>(list: V[]): V | null {
  return list.every((x) => x === list[0]) ? list[0] : null;
}

declareProperties<RangeEntity, SimRangeFormat>(SimRangeFormat, {
  scalars: {
    columnWidth: {
      read: ({ sheet, rect }) => {
        const ws: number[] = [];
        for (let c = rect.c0; c <= Math.min(rect.c1, rect.c0 + 1000); c++)
          ws.push(sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
        return same(ws);
      },
      write: (e, value, exec) => exec.model.setColumnWidth(e.sheet, e.rect, value as number),
    },
    rowHeight: {
      read: ({ sheet, rect }) => {
        const hs: number[] = [];
        for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 1000); r++)
          hs.push(sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT);
        return same(hs);
      },
      write: (e, value, exec) => exec.model.setRowHeight(e.sheet, e.rect, value as number),
    },
    wrapText: {
      read: (e, { model: m }) => uniform(e, (r, c) => m.formatAt(e.sheet, r, c).wrapText ?? false),
      write: (e, value, exec) => exec.model.setFormat(e.sheet, e.rect, { wrapText: !!value }),
    },
    horizontalAlignment: {
      read: (e, { model: m }) =>
        uniform(e, (r, c) => m.formatAt(e.sheet, r, c).horizontalAlignment ?? "General"),
      write: (e, value, exec) =>
        exec.model.setFormat(e.sheet, e.rect, {
          horizontalAlignment: value as CellFormat["horizontalAlignment"],
        }),
    },
    verticalAlignment: {
      read: (e, { model: m }) =>
        uniform(e, (r, c) => m.formatAt(e.sheet, r, c).verticalAlignment ?? "Bottom"),
      write: (e, value, exec) =>
        exec.model.setFormat(e.sheet, e.rect, {
          verticalAlignment: value as CellFormat["verticalAlignment"],
        }),
    },
  },
  navigation: {
    fill: (f) => f.fill,
    font: (f) => f.font,
    borders: (f) => f.borders,
    protection: (f) => f.protection,
  },
});

export class SimRangeFill extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFill");
  }

  clear(): void {
    this._call("clear", [], (e, exec) => exec.model.setFormat(e.sheet, e.rect, { fillColor: undefined }));
  }
}
declareProperties<RangeEntity, SimRangeFill>(SimRangeFill, {
  scalars: {
    color: {
      read: (e, { model: m }) => uniform(e, (r, c) => m.formatAt(e.sheet, r, c).fillColor ?? "#FFFFFF"),
      write: (e, value, exec) => exec.model.setFormat(e.sheet, e.rect, { fillColor: normalizeColor(value) }),
    },
  },
});

/** Font property → the cell format key it is stored in, its default, and what a set takes. */
const FONT_PROPS: Record<
  string,
  { key: keyof CellFormat; fallback: unknown; input?: (v: unknown) => unknown }
> = {
  bold: { key: "bold", fallback: false, input: (v) => !!v },
  italic: { key: "italic", fallback: false, input: (v) => !!v },
  color: { key: "fontColor", fallback: "#000000", input: normalizeColor },
  name: { key: "fontName", fallback: "Calibri" },
  size: {
    key: "fontSize",
    fallback: 11,
    input: (v) => {
      if (typeof v !== "number" || v <= 0) throw simError("InvalidArgument", "Invalid font size.");
      return v;
    },
  },
  underline: { key: "underline", fallback: "None" },
};

export class SimRangeFont extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFont");
  }
}
declareProperties<RangeEntity, SimRangeFont>(SimRangeFont, {
  scalars: Object.fromEntries(
    Object.entries(FONT_PROPS).map(([prop, { key, fallback, input }]) => [
      prop,
      {
        read: (e: RangeEntity, { model: m }: ExecState) =>
          uniform(e, (r, c) => m.formatAt(e.sheet, r, c)[key] ?? fallback),
        write: (e: RangeEntity, value: unknown, exec: ExecState) =>
          exec.model.setFormat(e.sheet, e.rect, { [key]: input ? input(value) : value } as CellFormat),
      },
    ]),
  ),
});

export class SimFormatProtection extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "FormatProtection");
  }
}
declareProperties<RangeEntity, SimFormatProtection>(SimFormatProtection, {
  scalars: {
    locked: {
      read: (e, { model: m }) => uniform(e, (r, c) => m.formatAt(e.sheet, r, c).locked !== false),
      write: (e, value, exec) => exec.model.setFormat(e.sheet, e.rect, { locked: !!value }),
    },
    // Hiding formulas is not modelled: it reads false and a set changes nothing.
    formulaHidden: { read: () => false, write: () => undefined },
  },
});

const EDGES: BorderEdge[] = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
];

export class SimRangeBorderCollection extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeBorderCollection");
  }

  getItem(index: string): SimRangeBorder {
    return new SimRangeBorder(ctxOf(this), this.range, index as BorderEdge);
  }
}
declareProperties(SimRangeBorderCollection, { scalars: { count: { read: () => EDGES.length } } });

export class SimRangeBorder extends RangePart {
  constructor(
    ctx: SimRequestContext,
    range: SimRange,
    readonly edge: BorderEdge,
  ) {
    super(ctx, range, "RangeBorder");
    if (!EDGES.includes(edge)) throw simError("InvalidArgument", `Unknown border '${edge}'.`);
  }
}

/** Cells and the stored edge that represent a border of the range (null: not stored). */
function borderTargets(edge: BorderEdge, e: RangeEntity): { rect: Rect; edge: BorderEdge } | null {
  const { r0, c0, r1, c1 } = e.rect;
  switch (edge) {
    case "EdgeTop":
      return { rect: { r0, c0, r1: r0, c1 }, edge: "EdgeTop" };
    case "EdgeBottom":
      return { rect: { r0: r1, c0, r1, c1 }, edge: "EdgeBottom" };
    case "EdgeLeft":
      return { rect: { r0, c0, r1, c1: c0 }, edge: "EdgeLeft" };
    case "EdgeRight":
      return { rect: { r0, c0: c1, r1, c1 }, edge: "EdgeRight" };
    case "InsideHorizontal":
      return r1 > r0 ? { rect: { r0, c0, r1: r1 - 1, c1 }, edge: "EdgeBottom" } : null;
    case "InsideVertical":
      return c1 > c0 ? { rect: { r0, c0, r1, c1: c1 - 1 }, edge: "EdgeRight" } : null;
    default:
      return null;
  }
}

/** A border property: read from the stored edge (or its default), set on the cells that hold it. */
function borderProperty(
  prop: "style" | "color" | "weight",
  fallback: string,
): PropertySpec<RangeEntity, SimRangeBorder> {
  return {
    read: (e, { model: m }, border) => {
      const t = borderTargets(border.edge, e);
      const b = t ? m.formatAt(e.sheet, t.rect.r0, t.rect.c0).borders?.[t.edge] : undefined;
      return b?.[prop] ?? fallback;
    },
    write: (e, value, { model: m }, border) => {
      const t = borderTargets(border.edge, e);
      if (!t) return;
      const cur = m.formatAt(e.sheet, t.rect.r0, t.rect.c0).borders?.[t.edge] ?? {
        style: "Continuous",
        color: "#000000",
        weight: "Thin",
      };
      const next = { ...cur, [prop]: prop === "color" ? normalizeColor(value) : value };
      m.setFormat(e.sheet, t.rect, { borders: { [t.edge]: next } });
    },
  };
}

declareProperties<RangeEntity, SimRangeBorder>(SimRangeBorder, {
  scalars: {
    sideIndex: { read: (_e, _exec, border) => border.edge },
    style: borderProperty("style", "None"),
    color: borderProperty("color", "#000000"),
    weight: borderProperty("weight", "Thin"),
  },
});

// ---------------------------------------------------------------------------- data validation

function ruleToApi(rule: ValidationRuleModel): Record<string, unknown> {
  const key = rule.type.charAt(0).toLowerCase() + rule.type.slice(1);
  switch (rule.type) {
    case "List":
      return { list: { inCellDropDown: rule.inCellDropDown, source: rule.source ?? "" } };
    case "Custom":
      return { custom: { formula: rule.formula ?? "" } };
    default: {
      const basic: Record<string, unknown> = {
        operator: rule.operator ?? "Between",
        formula1: rule.formula1,
      };
      if (rule.formula2 !== null) basic.formula2 = rule.formula2;
      return { [key]: basic };
    }
  }
}

function ruleFromApi(rule: unknown): ValidationRuleModel {
  if (!rule || typeof rule !== "object") throw simError("InvalidArgument", "Invalid data validation rule.");
  const entries = Object.entries(rule as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && v !== null,
  );
  if (entries.length !== 1)
    throw simError("InvalidArgument", "A data validation rule must have exactly one type.");
  const [k, v] = entries[0];
  const o = (v ?? {}) as Record<string, unknown>;
  const types: Record<string, ValidationRuleModel["type"]> = {
    wholeNumber: "WholeNumber",
    decimal: "Decimal",
    list: "List",
    textLength: "TextLength",
    date: "Date",
    time: "Time",
    custom: "Custom",
  };
  const type = types[k];
  if (!type) throw simError("InvalidArgument", `Unknown data validation rule '${k}'.`);
  const f = (x: unknown): string | number | null => {
    if (x === undefined || x === null) return null;
    if (typeof x === "number") return x;
    if (x instanceof SimRange) throw simError("InvalidArgument", "Pass bounds as numbers or formulas.");
    return String(x);
  };
  const r: ValidationRuleModel = {
    type,
    operator: type === "List" || type === "Custom" ? null : String(o.operator ?? "Between"),
    formula1: f(o.formula1),
    formula2: f(o.formula2),
    source: type === "List" ? String(o.source ?? "") : null,
    inCellDropDown: type === "List" ? o.inCellDropDown !== false : true,
    formula: type === "Custom" ? String(o.formula ?? "") : null,
  };
  if (type !== "List" && type !== "Custom" && r.formula1 === null)
    throw simError("InvalidArgument", "formula1 is required.");
  if (
    (r.operator === "Between" || r.operator === "NotBetween") &&
    r.formula2 === null &&
    type !== "List" &&
    type !== "Custom"
  ) {
    throw simError("InvalidArgument", "formula2 is required for Between/NotBetween.");
  }
  return r;
}

type VRuleHolder = ValidationModel & { ruleSet?: boolean };

/**
 * Excel refuses to set a rule over cells whose validation differs (different rules, or a rule on
 * only some of them) with InvalidArgument (office-js #2594); clearing the range first is the way.
 * A range inside one validation, or exactly one, is fine.
 */
function refuseMixedValidation(m: SimModel, e: RangeEntity): void {
  const present = m.validationsIn(e.sheet, e.rect);
  if (present.length === 0) return;
  const { r0, c0, r1, c1 } = e.rect;
  const covers = (v: ValidationModel) =>
    v.ranges.some((r) => r.r0 <= r0 && r.c0 <= c0 && r.r1 >= r1 && r.c1 >= c1);
  if (present.length === 1 && covers(present[0])) return;
  throw simError(
    "InvalidArgument",
    `The range ${rectAddress(e.rect)} holds different data validation (office-js #2594); clear it first.`,
  );
}

export class SimDataValidation extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "DataValidation");
  }

  clear(): void {
    this._call("clear", [], (e, exec) => exec.model.clearValidation(e.sheet, e.rect));
  }
}
/** The rules over a range, and the one that covers it all when it is the only one. */
function validationsOver(m: SimModel, e: RangeEntity): { list: VRuleHolder[]; one: VRuleHolder | null } {
  const list = (m.validationsIn(e.sheet, e.rect) as VRuleHolder[]).filter((v) => v.ruleSet !== false);
  const covering = list.find((v) =>
    v.ranges.some((r) => r.r0 <= e.rect.r0 && r.c0 <= e.rect.c0 && r.r1 >= e.rect.r1 && r.c1 >= e.rect.c1),
  );
  return { list, one: list.length === 1 && covering ? covering : null };
}

/** Does every cell of the range satisfy the rules over it? */
function allValid(m: SimModel, e: RangeEntity, list: ValidationModel[]): boolean {
  for (const v of list) {
    for (const r of v.ranges) {
      const i = rectIntersect(r, e.rect);
      if (!i) continue;
      for (let row = i.r0; row <= i.r1; row++) {
        for (let c = i.c0; c <= i.c1; c++) {
          const value = m.valueAt(e.sheet, row, c);
          if (!m.valueSatisfies(e.sheet, v, value, row - v.ranges[0].r0, c - v.ranges[0].c0)) return false;
        }
      }
    }
  }
  return true;
}

/** A set of part of the validation over a range: on the one rule there (made if none). */
function validationWrite(
  f: (v: VRuleHolder, value: unknown) => void,
): PropertySpec<RangeEntity, SimDataValidation>["write"] {
  return (e, value, { model: m }) => {
    f(m.validationFor(e.sheet, e.rect, true) as VRuleHolder, value);
    m.structure.add("validation");
  };
}

declareProperties<RangeEntity, SimDataValidation>(SimDataValidation, {
  scalars: {
    type: {
      read: (e, { model: m }) => {
        const { list, one } = validationsOver(m, e);
        if (!list.length) return "None";
        if (one) return one.rule.type;
        // Excel: rules on some but not all cells is MixedCriteria; different rules, Inconsistent.
        return list.length === 1 ? "MixedCriteria" : "Inconsistent";
      },
    },
    rule: {
      read: (e, { model: m }) => {
        const { one } = validationsOver(m, e);
        return one ? ruleToApi(one.rule) : {};
      },
      write: (e, value, { model: m }) => {
        refuseMixedValidation(m, e);
        const v = m.validationFor(e.sheet, e.rect, true) as VRuleHolder;
        v.rule = ruleFromApi(value);
        v.ruleSet = true;
        m.structure.add("validation");
      },
    },
    errorAlert: {
      read: (e, { model: m }) => {
        const { one } = validationsOver(m, e);
        return one ? { ...one.errorAlert } : { showAlert: true, style: "Stop", title: "", message: "" };
      },
      write: validationWrite((v, value) => {
        const o = (value ?? {}) as Record<string, unknown>;
        v.errorAlert = {
          showAlert: o.showAlert !== undefined ? !!o.showAlert : v.errorAlert.showAlert,
          style: (o.style as "Stop" | "Warning" | "Information") ?? v.errorAlert.style,
          title: o.title !== undefined ? String(o.title) : v.errorAlert.title,
          message: o.message !== undefined ? String(o.message) : v.errorAlert.message,
        };
      }),
    },
    prompt: {
      read: (e, { model: m }) => {
        const { one } = validationsOver(m, e);
        return one ? { ...one.prompt } : { showPrompt: false, title: "", message: "" };
      },
      write: validationWrite((v, value) => {
        const o = (value ?? {}) as Record<string, unknown>;
        v.prompt = {
          showPrompt: o.showPrompt !== undefined ? !!o.showPrompt : v.prompt.showPrompt,
          title: o.title !== undefined ? String(o.title) : v.prompt.title,
          message: o.message !== undefined ? String(o.message) : v.prompt.message,
        };
      }),
    },
    ignoreBlanks: {
      read: (e, { model: m }) => validationsOver(m, e).one?.ignoreBlanks ?? true,
      write: validationWrite((v, value) => (v.ignoreBlanks = !!value)),
    },
    valid: { read: (e, { model: m }) => allValid(m, e, validationsOver(m, e).list) },
  },
});

// ---------------------------------------------------------------------------- conditional formats

export class SimConditionalFormatCollection extends SimCollection<RangeEntity, SimConditionalFormat> {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, () => range._parentEntity(), "ConditionalFormatCollection");
  }

  protected _list(e: RangeEntity): unknown[] {
    return ctxOf(this)._model.conditionalFormatsIn(e.sheet, e.rect);
  }

  protected _itemProxy(model: unknown): SimConditionalFormat {
    const cf = model as ConditionalFormatModel;
    return new SimConditionalFormat(ctxOf(this), () => cf);
  }

  add(type: string): SimConditionalFormat {
    let created: ConditionalFormatModel | null = null;
    if (type !== "CellValue" && type !== "Custom") {
      throw simError(
        "NotImplemented",
        `excel-sim models only CellValue and Custom conditional formats, not '${type}'.`,
      );
    }
    this._call("add", [type], (e, exec) => {
      created = exec.model.addConditionalFormat(e.sheet, e.rect, type);
    });
    return new SimConditionalFormat(ctxOf(this), () => {
      if (!created) throw simError("ItemNotFound");
      return created;
    });
  }

  getCount(): SimClientResult<number> {
    return this._callResult(
      "getCount",
      [],
      (e, exec) => exec.model.conditionalFormatsIn(e.sheet, e.rect).length,
    );
  }

  getItemAt(index: number): SimConditionalFormat {
    return new SimConditionalFormat(ctxOf(this), () => {
      const e = this._parentEntity();
      if (e === NULL_PARENT) return NULL_PARENT;
      const list = ctxOf(this)._model.conditionalFormatsIn(e.sheet, e.rect);
      if (index < 0 || index >= list.length) throw simError("ItemNotFound");
      return list[index];
    });
  }

  getItem(id: string): SimConditionalFormat {
    return new SimConditionalFormat(ctxOf(this), () => {
      const e = this._parentEntity();
      if (e === NULL_PARENT) return NULL_PARENT;
      const cf = e.sheet.conditionalFormats.find((c) => c.id === id);
      if (!cf) throw simError("ItemNotFound");
      return cf;
    });
  }

  clearAll(): void {
    this._call("clearAll", [], (e, exec) => exec.model.clearConditionalFormats(e.sheet, e.rect));
  }
}

export class SimConditionalFormat extends SimClientObject<ConditionalFormatModel> {
  private _cv?: SimCellValueCF;
  private _custom?: SimCustomCF;

  constructor(ctx: SimRequestContext, resolver: Resolver<ConditionalFormatModel>) {
    super(ctx, resolver, "ConditionalFormat");
  }

  get cellValue(): SimCellValueCF {
    return (this._cv ??= new SimCellValueCF(ctxOf(this), this));
  }

  get custom(): SimCustomCF {
    return (this._custom ??= new SimCustomCF(ctxOf(this), this));
  }

  delete(): void {
    this._call("delete", [], (e, exec) => {
      for (const s of exec.model.wb.sheets)
        s.conditionalFormats = s.conditionalFormats.filter((c) => c !== e);
      exec.model.structure.add("conditionalFormats");
    });
  }
}
/** A write to a conditional format that marks them changed for subscribers. */
function cfWrite<P>(
  f: (cf: ConditionalFormatModel, value: unknown, m: SimModel) => void,
): PropertySpec<ConditionalFormatModel, P>["write"] {
  return (cf, value, exec) => {
    f(cf, value, exec.model);
    exec.model.structure.add("conditionalFormats");
  };
}

declareProperties<ConditionalFormatModel, SimConditionalFormat>(SimConditionalFormat, {
  scalars: {
    id: { read: (cf) => cf.id },
    type: { read: (cf) => cf.type },
    priority: { read: (cf) => cf.priority, write: cfWrite((cf, v) => (cf.priority = Number(v))) },
    stopIfTrue: { read: (cf) => cf.stopIfTrue, write: cfWrite((cf, v) => (cf.stopIfTrue = !!v)) },
  },
  navigation: {
    cellValue: (cf) => cf.cellValue,
    cellValueOrNullObject: (cf) => cf.cellValue,
    custom: (cf) => cf.custom,
    customOrNullObject: (cf) => cf.custom,
  },
});

/** cf.cellValue / cf.custom: `rule` and `format`. */
/** cf.cellValue / cf.custom: the part of a conditional format of one type (else InvalidOperation). */
abstract class SimCFPart extends SimClientObject<ConditionalFormatModel> {
  private _format?: SimCFFormat;

  constructor(ctx: SimRequestContext, parent: SimConditionalFormat, kind: "CellValue" | "Custom") {
    super(
      ctx,
      () => {
        const p = parent._parentEntity();
        if (p === NULL_PARENT) return NULL_PARENT;
        if (p.type !== kind)
          throw simError("InvalidOperation", `The conditional format is not of type ${kind}.`);
        return p;
      },
      `${kind}ConditionalFormat`,
    );
  }

  get format(): SimCFFormat {
    return (this._format ??= new SimCFFormat(ctxOf(this), this));
  }
}

/** cf.cellValue: `rule` is a value ({ operator, formula1, formula2 }). */
export class SimCellValueCF extends SimCFPart {
  constructor(ctx: SimRequestContext, parent: SimConditionalFormat) {
    super(ctx, parent, "CellValue");
  }
}
declareProperties<ConditionalFormatModel, SimCellValueCF>(SimCellValueCF, {
  scalars: {
    rule: {
      read: ({ rule }) => {
        const r: Record<string, unknown> = { operator: rule.operator, formula1: rule.formula1 };
        if (rule.formula2 !== null) r.formula2 = rule.formula2;
        return r;
      },
      write: cfWrite((cf, value) => {
        const o = (value ?? {}) as Record<string, unknown>;
        const f = (x: unknown) => (x === undefined || x === null ? null : String(x));
        cf.rule = {
          ...cf.rule,
          operator: o.operator ? String(o.operator) : null,
          formula1: f(o.formula1),
          formula2: f(o.formula2),
        };
      }),
    },
  },
  navigation: { format: (p) => p.format },
});

/** cf.custom: `rule` is an object with the formula. */
export class SimCustomCF extends SimCFPart {
  private _rule?: SimCFRule;

  constructor(ctx: SimRequestContext, parent: SimConditionalFormat) {
    super(ctx, parent, "Custom");
  }

  get rule(): SimCFRule {
    return (this._rule ??= new SimCFRule(ctxOf(this), this));
  }
}
declareProperties<ConditionalFormatModel, SimCustomCF>(SimCustomCF, {
  navigation: { format: (p) => p.format, rule: (p) => p.rule },
});

export class SimCFRule extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFPart) {
    super(ctx, () => parent._parentEntity(), "ConditionalFormatRule");
  }
}
const cfRuleFormula: PropertySpec<ConditionalFormatModel, SimCFRule> = {
  read: (cf) => cf.rule.formula ?? "",
  write: cfWrite((cf, value, m) => {
    const f = String(value);
    m.normalizeNameFormula(f);
    cf.rule = { ...cf.rule, formula: f.startsWith("=") ? f : `=${f}` };
  }),
};
declareProperties(SimCFRule, { scalars: { formula: cfRuleFormula, formulaLocal: cfRuleFormula } });

export class SimCFFormat extends SimClientObject<ConditionalFormatModel> {
  private _fill?: SimCFFill;
  private _font?: SimCFFont;

  constructor(ctx: SimRequestContext, parent: SimCFPart) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFormat");
  }

  get fill(): SimCFFill {
    return (this._fill ??= new SimCFFill(ctxOf(this), this));
  }

  get font(): SimCFFont {
    return (this._font ??= new SimCFFont(ctxOf(this), this));
  }
}
declareProperties<ConditionalFormatModel, SimCFFormat>(SimCFFormat, {
  // Number formats in conditional formats are not modelled.
  scalars: { numberFormat: { read: () => null } },
  navigation: { fill: (f) => f.fill, font: (f) => f.font },
});

export class SimCFFill extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFFormat) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFill");
  }

  clear(): void {
    this._call("clear", [], (e) => {
      e.format = { ...e.format, fillColor: null };
    });
  }
}
declareProperties<ConditionalFormatModel, SimCFFill>(SimCFFill, {
  scalars: {
    color: {
      read: (cf) => cf.format.fillColor,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, fillColor: normalizeColor(v) })),
    },
  },
});

export class SimCFFont extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFFormat) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFont");
  }
}
declareProperties<ConditionalFormatModel, SimCFFont>(SimCFFont, {
  scalars: {
    bold: {
      read: (cf) => cf.format.bold,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, bold: !!v })),
    },
    italic: {
      read: (cf) => cf.format.italic,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, italic: !!v })),
    },
    color: {
      read: (cf) => cf.format.fontColor,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, fontColor: normalizeColor(v) })),
    },
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
