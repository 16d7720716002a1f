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
import { apiValue, type SimModel, valueTypeOf } from "../model/workbook-model";
import {
  defineProps,
  type ExecState,
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

function modelOf(exec: ExecState): SimModel {
  return exec.model;
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

  protected _scalars(): readonly string[] {
    return [
      "address",
      "addressLocal",
      "cellCount",
      "columnCount",
      "columnIndex",
      "rowCount",
      "rowIndex",
      "values",
      "formulas",
      "formulasLocal",
      "text",
      "valueTypes",
      "numberFormat",
      "numberFormatLocal",
      "hidden",
      "columnHidden",
      "rowHidden",
      "isEntireColumn",
      "isEntireRow",
    ];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    if (name === "format") return this.format;
    if (name === "worksheet") return this.worksheet;
    if (name === "dataValidation") return this.dataValidation;
    if (name === "conditionalFormats") return this.conditionalFormats;
    return undefined;
  }

  protected _read(e: RangeEntity, prop: string, exec: ExecState): unknown {
    const m = modelOf(exec);
    const { sheet, rect } = e;
    switch (prop) {
      case "address":
      case "addressLocal":
        return qualifiedAddress(sheet.name, rect);
      case "cellCount":
        return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
      case "rowCount":
        return rect.r1 - rect.r0 + 1;
      case "columnCount":
        return rect.c1 - rect.c0 + 1;
      case "rowIndex":
        return rect.r0;
      case "columnIndex":
        return rect.c0;
      case "values":
        return grid(e, (r, c) => apiValue(m.valueAt(sheet, r, c)));
      case "text":
        return grid(e, (r, c) => formatValue(m.valueAt(sheet, r, c), m.numberFormatAt(sheet, r, c)));
      case "valueTypes":
        return grid(e, (r, c) => valueTypeOf(m.valueAt(sheet, r, c)));
      case "formulas":
      case "formulasLocal":
        return grid(e, (r, c) => {
          const cell = sheet.cells.get(cellKey(r, c));
          if (cell?.formula !== undefined) return cell.formula;
          return apiValue(cell ? cell.value : null);
        });
      case "numberFormat":
      case "numberFormatLocal":
        return grid(e, (r, c) => m.numberFormatAt(sheet, r, c) ?? "General");
      case "columnHidden":
      case "rowHidden": {
        // As Excel: true when every column (row) is hidden, false when none is, null when mixed.
        const [set, from, to] =
          prop === "columnHidden"
            ? [sheet.hiddenColumns, rect.c0, rect.c1]
            : [sheet.hiddenRows, rect.r0, rect.r1];
        let hiddenCount = 0;
        for (let i = from; i <= to; i++) if (set.has(i)) hiddenCount++;
        return hiddenCount === 0 ? false : hiddenCount === to - from + 1 ? true : null;
      }
      case "hidden": {
        // Hidden when all its rows or all its columns are hidden.
        const all = (set: Set<number>, from: number, to: number) => {
          for (let i = from; i <= to; i++) if (!set.has(i)) return false;
          return true;
        };
        return all(sheet.hiddenColumns, rect.c0, rect.c1) || all(sheet.hiddenRows, rect.r0, rect.r1);
      }
      case "isEntireColumn":
        return isWholeColumns(rect);
      case "isEntireRow":
        return isWholeRows(rect);
    }
    return undefined;
  }

  protected override _write(e: RangeEntity, prop: string, value: unknown, exec: ExecState): void {
    const m = modelOf(exec);
    switch (prop) {
      case "values":
        return m.writeRange(e.sheet, e.rect, value, "values");
      case "formulas":
      case "formulasLocal":
        return m.writeRange(e.sheet, e.rect, value, "formulas");
      case "numberFormat":
      case "numberFormatLocal":
        return m.setNumberFormats(e.sheet, e.rect, value);
      case "columnHidden":
        return m.setHidden(e.sheet, e.rect, "columns", value);
      case "rowHidden":
        return m.setHidden(e.sheet, e.rect, "rows", value);
    }
    super._write(e, prop, value, exec);
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
      modelOf(exec).clearRange(e.sheet, e.rect, (applyTo ?? "All") as "All" | "Formats" | "Contents"),
    );
  }

  delete(shift: string): void {
    this._call("delete", [shift], (e, exec) => {
      if (shift !== "Up" && shift !== "Left") throw simError("InvalidArgument", `Invalid shift '${shift}'.`);
      modelOf(exec).deleteCells(e.sheet, e.rect, shift);
    });
  }

  insert(shift: string): SimRange {
    this._call("insert", [shift], (e, exec) => {
      if (shift !== "Down" && shift !== "Right")
        throw simError("InvalidArgument", `Invalid shift '${shift}'.`);
      modelOf(exec).insertCells(e.sheet, e.rect, shift);
    });
    return this.derive((e) => e);
  }

  select(): void {
    this._call("select", [], (e, exec) => {
      modelOf(exec).activate(e.sheet);
      e.sheet.selection = { ...e.rect };
    });
  }
}
defineProps(
  SimRange,
  [
    "address",
    "addressLocal",
    "cellCount",
    "columnCount",
    "columnIndex",
    "rowCount",
    "rowIndex",
    "text",
    "valueTypes",
    "hidden",
    "isEntireColumn",
    "isEntireRow",
  ],
  ["values", "formulas", "formulasLocal", "numberFormat", "numberFormatLocal", "columnHidden", "rowHidden"],
);

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

  protected _scalars(): readonly string[] {
    return ["columnWidth", "rowHeight", "wrapText", "horizontalAlignment", "verticalAlignment"];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    if (name === "borders") return this.borders;
    if (name === "protection") return this.protection;
    return undefined;
  }

  protected _read(e: RangeEntity, prop: string, exec: ExecState): unknown {
    const m = modelOf(exec);
    switch (prop) {
      case "columnWidth": {
        const ws: number[] = [];
        for (let c = e.rect.c0; c <= Math.min(e.rect.c1, e.rect.c0 + 1000); c++)
          ws.push(e.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
        return ws.every((w) => w === ws[0]) ? ws[0] : null;
      }
      case "rowHeight": {
        const hs: number[] = [];
        for (let r = e.rect.r0; r <= Math.min(e.rect.r1, e.rect.r0 + 1000); r++)
          hs.push(e.sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT);
        return hs.every((h) => h === hs[0]) ? hs[0] : null;
      }
      case "wrapText":
        return uniform(e, (r, c) => m.formatAt(e.sheet, r, c).wrapText ?? false);
      case "horizontalAlignment":
        return uniform(e, (r, c) => m.formatAt(e.sheet, r, c).horizontalAlignment ?? "General");
      case "verticalAlignment":
        return uniform(e, (r, c) => m.formatAt(e.sheet, r, c).verticalAlignment ?? "Bottom");
    }
    return undefined;
  }

  protected override _write(e: RangeEntity, prop: string, value: unknown, exec: ExecState): void {
    const m = modelOf(exec);
    switch (prop) {
      case "columnWidth":
        return m.setColumnWidth(e.sheet, e.rect, value as number);
      case "rowHeight":
        return m.setRowHeight(e.sheet, e.rect, value as number);
      case "wrapText":
        return m.setFormat(e.sheet, e.rect, { wrapText: !!value });
      case "horizontalAlignment":
        return m.setFormat(e.sheet, e.rect, {
          horizontalAlignment: value as CellFormat["horizontalAlignment"],
        });
      case "verticalAlignment":
        return m.setFormat(e.sheet, e.rect, { verticalAlignment: value as CellFormat["verticalAlignment"] });
    }
    super._write(e, prop, value, exec);
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
      const m = modelOf(exec);
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
defineProps(
  SimRangeFormat,
  [],
  ["columnWidth", "rowHeight", "wrapText", "horizontalAlignment", "verticalAlignment"],
);

export class SimRangeFill extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFill");
  }

  protected _scalars(): readonly string[] {
    return ["color"];
  }

  protected _read(e: RangeEntity, _prop: string, exec: ExecState): unknown {
    const m = modelOf(exec);
    return uniform(e, (r, c) => m.formatAt(e.sheet, r, c).fillColor ?? "#FFFFFF");
  }

  protected override _write(e: RangeEntity, _prop: string, value: unknown, exec: ExecState): void {
    modelOf(exec).setFormat(e.sheet, e.rect, { fillColor: normalizeColor(value) });
  }

  clear(): void {
    this._call("clear", [], (e, exec) => modelOf(exec).setFormat(e.sheet, e.rect, { fillColor: undefined }));
  }
}
defineProps(SimRangeFill, [], ["color"]);

const FONT_PROPS: Record<string, keyof CellFormat> = {
  bold: "bold",
  italic: "italic",
  color: "fontColor",
  name: "fontName",
  size: "fontSize",
  underline: "underline",
};
const FONT_DEFAULTS: Record<string, unknown> = {
  bold: false,
  italic: false,
  color: "#000000",
  name: "Calibri",
  size: 11,
  underline: "None",
};

export class SimRangeFont extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFont");
  }

  protected _scalars(): readonly string[] {
    return Object.keys(FONT_PROPS);
  }

  protected _read(e: RangeEntity, prop: string, exec: ExecState): unknown {
    const m = modelOf(exec);
    const key = FONT_PROPS[prop];
    return uniform(e, (r, c) => m.formatAt(e.sheet, r, c)[key] ?? FONT_DEFAULTS[prop]);
  }

  protected override _write(e: RangeEntity, prop: string, value: unknown, exec: ExecState): void {
    const key = FONT_PROPS[prop];
    let v = value;
    if (prop === "color") v = normalizeColor(value);
    else if (prop === "bold" || prop === "italic") v = !!value;
    else if (prop === "size" && (typeof value !== "number" || value <= 0))
      throw simError("InvalidArgument", "Invalid font size.");
    modelOf(exec).setFormat(e.sheet, e.rect, { [key]: v } as CellFormat);
  }
}
defineProps(SimRangeFont, [], Object.keys(FONT_PROPS));

export class SimFormatProtection extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "FormatProtection");
  }

  protected _scalars(): readonly string[] {
    return ["locked", "formulaHidden"];
  }

  protected _read(e: RangeEntity, prop: string, exec: ExecState): unknown {
    if (prop === "formulaHidden") return false;
    const m = modelOf(exec);
    return uniform(e, (r, c) => m.formatAt(e.sheet, r, c).locked !== false);
  }

  protected override _write(e: RangeEntity, prop: string, value: unknown, exec: ExecState): void {
    if (prop === "formulaHidden") return;
    modelOf(exec).setFormat(e.sheet, e.rect, { locked: !!value });
  }
}
defineProps(SimFormatProtection, [], ["locked", "formulaHidden"]);

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

  protected _scalars(): readonly string[] {
    return ["count"];
  }

  protected _read(): unknown {
    return EDGES.length;
  }

  getItem(index: string): SimRangeBorder {
    return new SimRangeBorder(ctxOf(this), this.range, index as BorderEdge);
  }
}
defineProps(SimRangeBorderCollection, ["count"]);

export class SimRangeBorder extends RangePart {
  constructor(
    ctx: SimRequestContext,
    range: SimRange,
    private readonly edge: BorderEdge,
  ) {
    super(ctx, range, "RangeBorder");
    if (!EDGES.includes(edge)) throw simError("InvalidArgument", `Unknown border '${edge}'.`);
  }

  protected _scalars(): readonly string[] {
    return ["sideIndex", "style", "color", "weight"];
  }

  /** Cells and the stored edge that represent this border of the range. */
  private targets(e: RangeEntity): { rect: Rect; edge: BorderEdge } | null {
    const { r0, c0, r1, c1 } = e.rect;
    switch (this.edge) {
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

  protected _read(e: RangeEntity, prop: string, exec: ExecState): unknown {
    if (prop === "sideIndex") return this.edge;
    const t = this.targets(e);
    const m = modelOf(exec);
    const b = t ? m.formatAt(e.sheet, t.rect.r0, t.rect.c0).borders?.[t.edge] : undefined;
    if (prop === "style") return b?.style ?? "None";
    if (prop === "color") return b?.color ?? "#000000";
    return b?.weight ?? "Thin";
  }

  protected override _write(e: RangeEntity, prop: string, value: unknown, exec: ExecState): void {
    const t = this.targets(e);
    if (!t) return;
    const m = modelOf(exec);
    const cur = m.formatAt(e.sheet, t.rect.r0, t.rect.c0).borders?.[t.edge] ?? {
      style: "Continuous",
      color: "#000000",
      weight: "Thin",
    };
    const next = { ...cur, [prop]: prop === "color" ? normalizeColor(value) : value };
    m.setFormat(e.sheet, t.rect, { borders: { [t.edge]: next } });
  }
}
defineProps(SimRangeBorder, ["sideIndex"], ["style", "color", "weight"]);

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

  protected _scalars(): readonly string[] {
    return ["type", "rule", "errorAlert", "prompt", "ignoreBlanks", "valid"];
  }

  protected _read(e: RangeEntity, prop: string, exec: ExecState): unknown {
    const m = modelOf(exec);
    const list = (m.validationsIn(e.sheet, e.rect) as VRuleHolder[]).filter((v) => v.ruleSet !== false);
    const covering = list.find((v) =>
      v.ranges.some((r) => r.r0 <= e.rect.r0 && r.c0 <= e.rect.c0 && r.r1 >= e.rect.r1 && r.c1 >= e.rect.c1),
    );
    const one = list.length === 1 && covering ? covering : null;
    switch (prop) {
      case "type":
        if (!list.length) return "None";
        if (one) return one.rule.type;
        // Excel: rules on some but not all cells is MixedCriteria; different rules, Inconsistent.
        return list.length === 1 ? "MixedCriteria" : "Inconsistent";
      case "rule":
        return one ? ruleToApi(one.rule) : {};
      case "errorAlert":
        return one ? { ...one.errorAlert } : { showAlert: true, style: "Stop", title: "", message: "" };
      case "prompt":
        return one ? { ...one.prompt } : { showPrompt: false, title: "", message: "" };
      case "ignoreBlanks":
        return one ? one.ignoreBlanks : true;
      case "valid": {
        for (const v of list) {
          for (const r of v.ranges) {
            const i = rectIntersect(r, e.rect);
            if (!i) continue;
            for (let row = i.r0; row <= i.r1; row++) {
              for (let c = i.c0; c <= i.c1; c++) {
                if (
                  !m.valueSatisfies(
                    e.sheet,
                    v,
                    m.valueAt(e.sheet, row, c),
                    row - v.ranges[0].r0,
                    c - v.ranges[0].c0,
                  )
                )
                  return false;
              }
            }
          }
        }
        return true;
      }
    }
    return undefined;
  }

  protected override _write(e: RangeEntity, prop: string, value: unknown, exec: ExecState): void {
    const m = modelOf(exec);
    if (prop === "rule") refuseMixedValidation(m, e);
    const v = m.validationFor(e.sheet, e.rect, true) as VRuleHolder;
    const o = (value ?? {}) as Record<string, unknown>;
    switch (prop) {
      case "rule":
        v.rule = ruleFromApi(value);
        v.ruleSet = true;
        break;
      case "errorAlert":
        v.errorAlert = {
          showAlert: o.showAlert !== undefined ? !!o.showAlert : v.errorAlert.showAlert,
          style: (o.style as "Stop" | "Warning" | "Information") ?? v.errorAlert.style,
          title: o.title !== undefined ? String(o.title) : v.errorAlert.title,
          message: o.message !== undefined ? String(o.message) : v.errorAlert.message,
        };
        break;
      case "prompt":
        v.prompt = {
          showPrompt: o.showPrompt !== undefined ? !!o.showPrompt : v.prompt.showPrompt,
          title: o.title !== undefined ? String(o.title) : v.prompt.title,
          message: o.message !== undefined ? String(o.message) : v.prompt.message,
        };
        break;
      case "ignoreBlanks":
        v.ignoreBlanks = !!value;
        break;
      default:
        super._write(e, prop, value, exec);
    }
    m.structure.add("validation");
  }

  clear(): void {
    this._call("clear", [], (e, exec) => modelOf(exec).clearValidation(e.sheet, e.rect));
  }
}
defineProps(SimDataValidation, ["type", "valid"], ["rule", "errorAlert", "prompt", "ignoreBlanks"]);

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
      created = modelOf(exec).addConditionalFormat(e.sheet, e.rect, type);
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
      (e, exec) => modelOf(exec).conditionalFormatsIn(e.sheet, e.rect).length,
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
    this._call("clearAll", [], (e, exec) => modelOf(exec).clearConditionalFormats(e.sheet, e.rect));
  }
}

export class SimConditionalFormat extends SimClientObject<ConditionalFormatModel> {
  private _cv?: SimCFPart;
  private _custom?: SimCFPart;

  constructor(ctx: SimRequestContext, resolver: Resolver<ConditionalFormatModel>) {
    super(ctx, resolver, "ConditionalFormat");
  }

  protected _scalars(): readonly string[] {
    return ["id", "type", "priority", "stopIfTrue"];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    if (name === "cellValue" || name === "cellValueOrNullObject") return this.cellValue;
    if (name === "custom" || name === "customOrNullObject") return this.custom;
    return undefined;
  }

  protected _read(e: ConditionalFormatModel, prop: string): unknown {
    return (e as unknown as Record<string, unknown>)[prop];
  }

  protected override _write(e: ConditionalFormatModel, prop: string, value: unknown, exec: ExecState): void {
    if (prop === "stopIfTrue") e.stopIfTrue = !!value;
    else if (prop === "priority") e.priority = Number(value);
    else super._write(e, prop, value, exec);
    exec.model.structure.add("conditionalFormats");
  }

  get cellValue(): SimCFPart {
    return (this._cv ??= new SimCFPart(ctxOf(this), this, "CellValue"));
  }

  get custom(): SimCFPart {
    return (this._custom ??= new SimCFPart(ctxOf(this), this, "Custom"));
  }

  delete(): void {
    this._call("delete", [], (e, exec) => {
      for (const s of exec.model.wb.sheets)
        s.conditionalFormats = s.conditionalFormats.filter((c) => c !== e);
      exec.model.structure.add("conditionalFormats");
    });
  }
}
defineProps(SimConditionalFormat, ["id", "type"], ["priority", "stopIfTrue"]);

/** cf.cellValue / cf.custom: `rule` and `format`. */
export class SimCFPart extends SimClientObject<ConditionalFormatModel> {
  private _format?: SimCFFormat;
  private _rule?: SimCFRule;

  constructor(
    ctx: SimRequestContext,
    parent: SimConditionalFormat,
    private readonly kind: "CellValue" | "Custom",
  ) {
    super(
      ctx,
      () => {
        const p = parent._parentEntity();
        if (p === NULL_PARENT) return NULL_PARENT;
        if (p.type !== kind)
          throw simError("InvalidOperation", `The conditional format is not of type ${kind}.`);
        return p;
      },
      kind === "CellValue" ? "CellValueConditionalFormat" : "CustomConditionalFormat",
    );
  }

  protected _scalars(): readonly string[] {
    return this.kind === "CellValue" ? ["rule"] : [];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    if (name === "format") return this.format;
    if (name === "rule" && this.kind === "Custom") return this.rule;
    return undefined;
  }

  protected _read(e: ConditionalFormatModel): unknown {
    const r: Record<string, unknown> = { operator: e.rule.operator, formula1: e.rule.formula1 };
    if (e.rule.formula2 !== null) r.formula2 = e.rule.formula2;
    return r;
  }

  protected override _write(e: ConditionalFormatModel, prop: string, value: unknown, exec: ExecState): void {
    if (prop !== "rule" || this.kind !== "CellValue") return super._write(e, prop, value, exec);
    const o = (value ?? {}) as Record<string, unknown>;
    const f = (x: unknown) => (x === undefined || x === null ? null : String(x));
    e.rule = {
      ...e.rule,
      operator: o.operator ? String(o.operator) : null,
      formula1: f(o.formula1),
      formula2: f(o.formula2),
    };
    exec.model.structure.add("conditionalFormats");
  }

  get format(): SimCFFormat {
    return (this._format ??= new SimCFFormat(ctxOf(this), this));
  }

  get rule(): SimCFRule {
    if (this.kind === "CellValue") return this._get("rule") as SimCFRule;
    return (this._rule ??= new SimCFRule(ctxOf(this), this));
  }

  set rule(v: unknown) {
    this._set("rule", v);
  }
}

export class SimCFRule extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFPart) {
    super(ctx, () => parent._parentEntity(), "ConditionalFormatRule");
  }

  protected _scalars(): readonly string[] {
    return ["formula", "formulaLocal"];
  }

  protected _read(e: ConditionalFormatModel): unknown {
    return e.rule.formula ?? "";
  }

  protected override _write(e: ConditionalFormatModel, _prop: string, value: unknown, exec: ExecState): void {
    const f = String(value);
    exec.model.normalizeNameFormula(f);
    e.rule = { ...e.rule, formula: f.startsWith("=") ? f : `=${f}` };
    exec.model.structure.add("conditionalFormats");
  }
}
defineProps(SimCFRule, [], ["formula", "formulaLocal"]);

export class SimCFFormat extends SimClientObject<ConditionalFormatModel> {
  private _fill?: SimCFFill;
  private _font?: SimCFFont;

  constructor(ctx: SimRequestContext, parent: SimCFPart) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFormat");
  }

  protected _scalars(): readonly string[] {
    return ["numberFormat"];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return undefined;
  }

  protected _read(): unknown {
    return null;
  }

  get fill(): SimCFFill {
    return (this._fill ??= new SimCFFill(ctxOf(this), this));
  }

  get font(): SimCFFont {
    return (this._font ??= new SimCFFont(ctxOf(this), this));
  }
}

export class SimCFFill extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFFormat) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFill");
  }

  protected _scalars(): readonly string[] {
    return ["color"];
  }

  protected _read(e: ConditionalFormatModel): unknown {
    return e.format.fillColor;
  }

  protected override _write(e: ConditionalFormatModel, _p: string, value: unknown, exec: ExecState): void {
    e.format = { ...e.format, fillColor: normalizeColor(value) };
    exec.model.structure.add("conditionalFormats");
  }

  clear(): void {
    this._call("clear", [], (e) => {
      e.format = { ...e.format, fillColor: null };
    });
  }
}
defineProps(SimCFFill, [], ["color"]);

export class SimCFFont extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFFormat) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFont");
  }

  protected _scalars(): readonly string[] {
    return ["bold", "italic", "color"];
  }

  protected _read(e: ConditionalFormatModel, prop: string): unknown {
    if (prop === "color") return e.format.fontColor;
    if (prop === "bold") return e.format.bold;
    return e.format.italic;
  }

  protected override _write(e: ConditionalFormatModel, prop: string, value: unknown, exec: ExecState): void {
    if (prop === "color") e.format = { ...e.format, fontColor: normalizeColor(value) };
    else if (prop === "bold") e.format = { ...e.format, bold: !!value };
    else e.format = { ...e.format, italic: !!value };
    exec.model.structure.add("conditionalFormats");
  }
}
defineProps(SimCFFont, [], ["bold", "italic", "color"]);

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
