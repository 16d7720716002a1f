/**
 * Charts: a declarative model (type, title, series with value/category references, axes,
 * legend, position) that the exporter writes as native chart parts and the preview draws.
 */
import { simError } from "../errors";
import { type Rect } from "../model/address";
import type { AxisModel, ChartModel, RangeRef, SeriesModel, SheetModel } from "../model/types";
import { apiValue, type SimModel } from "../model/workbook-model";
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
import { SimRange } from "./range";
import { SimWorksheet } from "./worksheet";

export const CHART_TYPES = new Set([
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "Line",
  "LineStacked",
  "LineStacked100",
  "LineMarkers",
  "LineMarkersStacked",
  "LineMarkersStacked100",
  "Pie",
  "Doughnut",
  "Area",
  "AreaStacked",
  "AreaStacked100",
  "XYScatter",
  "XYScatterLines",
  "XYScatterLinesNoMarkers",
  "XYScatterSmooth",
  "XYScatterSmoothNoMarkers",
  "Radar",
  "RadarMarkers",
  "RadarFilled",
  "Bubble",
  "Histogram",
  "Boxwhisker",
]);

const DEFAULT_COL_W = 48;
const DEFAULT_ROW_H = 15;

export function columnLeft(sheet: SheetModel, col: number): number {
  let x = 0;
  for (let c = 0; c < col; c++) x += sheet.columnWidths.get(c) ?? DEFAULT_COL_W;
  return x;
}

export function rowTop(sheet: SheetModel, row: number): number {
  let y = 0;
  if (sheet.rowHeights.size === 0) return row * DEFAULT_ROW_H;
  for (let r = 0; r < row; r++) y += sheet.rowHeights.get(r) ?? DEFAULT_ROW_H;
  return y;
}

/** The cell under a point (for two-cell anchors in the exporter). */
export function cellAtPoint(
  sheet: SheetModel,
  left: number,
  top: number,
): { row: number; col: number; dx: number; dy: number } {
  let col = 0;
  let x = 0;
  for (;;) {
    const w = sheet.columnWidths.get(col) ?? DEFAULT_COL_W;
    if (x + w > left || col >= 16383) break;
    x += w;
    col++;
  }
  let row = 0;
  let y = 0;
  for (;;) {
    const h = sheet.rowHeights.get(row) ?? DEFAULT_ROW_H;
    if (y + h > top || row >= 1048575) break;
    y += h;
    row++;
  }
  return { row, col, dx: left - x, dy: top - y };
}

function isXY(type: string): boolean {
  return type.startsWith("XYScatter") || type === "Bubble";
}

function emptyAxis(): AxisModel {
  return {
    title: { text: null, visible: false },
    minimum: null,
    maximum: null,
    majorUnit: null,
    visible: true,
    numberFormat: null,
  };
}

/** Builds series from a source range the way Excel does for charts.add / setData. */
export function seriesFromSource(
  m: SimModel,
  sheet: SheetModel,
  rect: Rect,
  seriesBy: string,
  type: string,
): { seriesBy: "Columns" | "Rows"; series: SeriesModel[] } {
  const rows = rect.r1 - rect.r0 + 1;
  const cols = rect.c1 - rect.c0 + 1;
  const v = (r: number, c: number) => m.valueAt(sheet, r, c);
  const isLabel = (x: unknown) => x !== null && typeof x !== "number";
  let headerRow = false;
  let headerCol = false;
  if (rows > 1) for (let c = rect.c0; c <= rect.c1; c++) if (isLabel(v(rect.r0, c))) headerRow = true;
  if (cols > 1)
    for (let r = rect.r0 + (headerRow ? 1 : 0); r <= rect.r1; r++)
      if (isLabel(v(r, rect.c0))) headerCol = true;
  if (rows > 1 && cols > 1 && v(rect.r0, rect.c0) === null) {
    headerRow = true;
    headerCol = true;
  }
  const d0r = rect.r0 + (headerRow ? 1 : 0);
  const d0c = rect.c0 + (headerCol ? 1 : 0);
  const dataRows = rect.r1 - d0r + 1;
  const dataCols = rect.c1 - d0c + 1;
  const by: "Columns" | "Rows" =
    seriesBy === "Columns" || seriesBy === "Rows" ? seriesBy : dataRows >= dataCols ? "Columns" : "Rows";
  const ref = (r0: number, c0: number, r1: number, c1: number): RangeRef => ({
    sheetId: sheet.id,
    rect: { r0, c0, r1, c1 },
  });
  const series: SeriesModel[] = [];
  if (by === "Columns") {
    let cats: RangeRef | null = headerCol ? ref(d0r, rect.c0, rect.r1, rect.c0) : null;
    let first = d0c;
    if (isXY(type) && !headerCol && dataCols > 1) {
      cats = ref(d0r, d0c, rect.r1, d0c);
      first = d0c + 1;
    }
    for (let c = first; c <= rect.c1; c++) {
      series.push({
        name: null,
        nameRef: headerRow ? ref(rect.r0, c, rect.r0, c) : null,
        values: ref(d0r, c, rect.r1, c),
        categories: cats,
        chartType: null,
        color: null,
      });
    }
  } else {
    let cats: RangeRef | null = headerRow ? ref(rect.r0, d0c, rect.r0, rect.c1) : null;
    let first = d0r;
    if (isXY(type) && !headerRow && dataRows > 1) {
      cats = ref(d0r, d0c, d0r, rect.c1);
      first = d0r + 1;
    }
    for (let r = first; r <= rect.r1; r++) {
      series.push({
        name: null,
        nameRef: headerCol ? ref(r, rect.c0, r, rect.c0) : null,
        values: ref(r, d0c, r, rect.c1),
        categories: cats,
        chartType: null,
        color: null,
      });
    }
  }
  return { seriesBy: by, series };
}

function rangeRefOf(arg: unknown): RangeRef {
  if (!(arg instanceof SimRange)) throw simError("InvalidArgument", "Expected a Range.");
  const e = arg._entity();
  if (!e) throw simError("InvalidArgument", "The range does not exist.");
  return { sheetId: e.sheet.id, rect: { ...e.rect } };
}

export class SimChartCollection extends SimCollection<SheetModel, SimChart> {
  constructor(ctx: SimRequestContext, ws: SimWorksheet) {
    super(ctx, () => ws._parentEntity(), "ChartCollection");
  }

  protected override _scalars(): readonly string[] {
    return ["items", "count"];
  }

  protected _list(s: SheetModel): unknown[] {
    return s.charts;
  }

  protected _itemProxy(model: unknown): SimChart {
    const c = model as ChartModel;
    return new SimChart(ctxOf(this), () => c);
  }

  get count(): number {
    return this._get("count");
  }

  add(type: string, sourceData: SimRange, seriesBy = "Auto"): SimChart {
    let created: ChartModel | null = null;
    this._call("add", [type, sourceData, seriesBy], (s, exec) => {
      if (!CHART_TYPES.has(type)) throw simError("InvalidArgument", `Unknown chart type '${type}'.`);
      const m = exec.model;
      m.checkAllowed(s, "allowEditObjects");
      const src = rangeRefOf(sourceData);
      const srcSheet = m.sheetById(src.sheetId)!;
      const { seriesBy: by, series } = seriesFromSource(m, srcSheet, src.rect, seriesBy, type);
      const n = ++m.wb.counters.chart;
      const chart: ChartModel = {
        id: `{C${String(n).padStart(7, "0")}-0000-0000-0000-000000000000}`,
        name: `Chart ${n}`,
        sheetId: s.id,
        type,
        title: { text: null, visible: false },
        legend: { visible: true, position: type === "Pie" || type === "Doughnut" ? "Right" : "Bottom" },
        seriesBy: by,
        source: src,
        series,
        axes: { value: emptyAxis(), category: emptyAxis() },
        dataLabels: { showValue: false },
        position: { left: 288, top: 15, width: 360, height: 216 },
      };
      s.charts.push(chart);
      m.structure.add("charts");
      created = chart;
    });
    return new SimChart(ctxOf(this), () => {
      if (!created) throw simError("ItemNotFound");
      return created;
    });
  }

  private find(name: string): ChartModel {
    const s = this._entity();
    if (!s) throw simError("ItemNotFound");
    const c = s.charts.find((x) => x.name === name || x.id === name);
    if (!c) throw simError("ItemNotFound", `The chart '${name}' doesn't exist.`);
    return c;
  }

  getItem(name: string): SimChart {
    return new SimChart(ctxOf(this), () => this.find(name));
  }

  getItemOrNullObject(name: string): SimChart {
    return new SimChart(ctxOf(this), () => this.find(name), true);
  }

  getItemAt(index: number): SimChart {
    return new SimChart(ctxOf(this), () => {
      const s = this._parentEntity();
      if (s === NULL_PARENT) return NULL_PARENT;
      if (index < 0 || index >= s.charts.length) throw simError("ItemNotFound");
      return s.charts[index];
    });
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (s) => s.charts.length);
  }
}
defineProps(SimChartCollection, []);

export class SimChart extends SimClientObject<ChartModel> {
  private _title?: SimChartTitle;
  private _legend?: SimChartLegend;
  private _axes?: SimChartAxes;
  private _series?: SimChartSeriesCollection;
  private _labels?: SimChartDataLabels;
  private _ws?: SimWorksheet;

  constructor(ctx: SimRequestContext, resolver: Resolver<ChartModel>, nullable = false) {
    super(ctx, resolver, "Chart", nullable);
  }

  protected _scalars(): readonly string[] {
    return ["id", "name", "chartType", "top", "left", "width", "height"];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    switch (name) {
      case "title":
        return this.title;
      case "legend":
        return this.legend;
      case "axes":
        return this.axes;
      case "series":
        return this.series;
      case "dataLabels":
        return this.dataLabels;
      case "worksheet":
        return this.worksheet;
    }
    return undefined;
  }

  protected _read(c: ChartModel, prop: string): unknown {
    switch (prop) {
      case "id":
        return c.id;
      case "name":
        return c.name;
      case "chartType":
        return c.type;
      default:
        return c.position[prop as keyof ChartModel["position"]];
    }
  }

  protected override _write(c: ChartModel, prop: string, value: unknown, exec: ExecState): void {
    switch (prop) {
      case "name": {
        const s = exec.model.sheetById(c.sheetId)!;
        if (s.charts.some((x) => x !== c && x.name === value))
          throw simError("InvalidArgument", `A chart named '${value}' already exists.`);
        c.name = String(value);
        break;
      }
      case "chartType":
        if (!CHART_TYPES.has(String(value)))
          throw simError("InvalidArgument", `Unknown chart type '${value}'.`);
        c.type = String(value);
        break;
      case "top":
      case "left":
      case "width":
      case "height":
        if (typeof value !== "number" || value < 0) throw simError("InvalidArgument", `Invalid ${prop}.`);
        c.position = { ...c.position, [prop]: value };
        break;
      default:
        return super._write(c, prop, value, exec);
    }
    exec.model.structure.add("charts");
  }

  get title(): SimChartTitle {
    return (this._title ??= new SimChartTitle(
      ctxOf(this),
      () => this._parentEntity(),
      (c) => c.title,
      "ChartTitle",
    ));
  }

  get legend(): SimChartLegend {
    return (this._legend ??= new SimChartLegend(ctxOf(this), () => this._parentEntity()));
  }

  get axes(): SimChartAxes {
    return (this._axes ??= new SimChartAxes(ctxOf(this), this));
  }

  get series(): SimChartSeriesCollection {
    return (this._series ??= new SimChartSeriesCollection(ctxOf(this), this));
  }

  get dataLabels(): SimChartDataLabels {
    return (this._labels ??= new SimChartDataLabels(ctxOf(this), () => this._parentEntity()));
  }

  get worksheet(): SimWorksheet {
    return (this._ws ??= new SimWorksheet(ctxOf(this), () => {
      const c = this._parentEntity();
      if (c === NULL_PARENT) return NULL_PARENT;
      return ctxOf(this)._model.sheetById(c.sheetId) ?? null;
    }));
  }

  setPosition(startCell: string | SimRange, endCell?: string | SimRange): void {
    this._call("setPosition", [startCell, endCell ?? null], (c, exec) => {
      const m = exec.model;
      const s = m.sheetById(c.sheetId)!;
      const cellOf = (x: string | SimRange) => {
        if (x instanceof SimRange) {
          const e = x._entity()!;
          return e.rect;
        }
        return m.resolveAddress(String(x), s).rect;
      };
      const a = cellOf(startCell);
      const left = columnLeft(s, a.c0);
      const top = rowTop(s, a.r0);
      let { width, height } = c.position;
      if (endCell !== undefined && endCell !== null) {
        const b = cellOf(endCell);
        width = Math.max(columnLeft(s, b.c1 + 1) - left, 1);
        height = Math.max(rowTop(s, b.r1 + 1) - top, 1);
      }
      c.position = { left, top, width, height };
      m.structure.add("charts");
    });
  }

  setData(sourceData: SimRange, seriesBy = "Auto"): void {
    this._call("setData", [sourceData, seriesBy], (c, exec) => {
      const src = rangeRefOf(sourceData);
      const m = exec.model;
      const res = seriesFromSource(m, m.sheetById(src.sheetId)!, src.rect, seriesBy, c.type);
      c.source = src;
      c.seriesBy = res.seriesBy;
      c.series = res.series;
      m.structure.add("charts");
    });
  }

  delete(): void {
    this._call("delete", [], (c, exec) => {
      const s = exec.model.sheetById(c.sheetId);
      if (s) s.charts = s.charts.filter((x) => x !== c);
      c.deleted = true;
      exec.model.structure.add("charts");
    });
  }

  activate(): void {
    this._call("activate", [], () => undefined);
  }
}
defineProps(SimChart, ["id"], ["name", "chartType", "top", "left", "width", "height"]);

type TitleHolder = { text: string | null; visible: boolean };

export class SimChartTitle extends SimClientObject<ChartModel> {
  constructor(
    ctx: SimRequestContext,
    resolver: Resolver<ChartModel>,
    private readonly pick: (c: ChartModel) => TitleHolder,
    type: string,
  ) {
    super(ctx, resolver, type);
  }

  protected _scalars(): readonly string[] {
    return ["text", "visible", "overlay"];
  }

  protected _read(c: ChartModel, prop: string): unknown {
    const t = this.pick(c);
    if (prop === "text") return t.text ?? "";
    if (prop === "overlay") return false;
    return t.visible;
  }

  protected override _write(c: ChartModel, prop: string, value: unknown, exec: ExecState): void {
    const t = this.pick(c);
    if (prop === "text") {
      t.text = value === null || value === undefined ? null : String(value);
      t.visible = !!t.text;
    } else if (prop === "visible") t.visible = !!value;
    else if (prop !== "overlay") return super._write(c, prop, value, exec);
    exec.model.structure.add("charts");
  }
}
defineProps(SimChartTitle, [], ["text", "visible", "overlay"]);

export class SimChartLegend extends SimClientObject<ChartModel> {
  constructor(ctx: SimRequestContext, resolver: Resolver<ChartModel>) {
    super(ctx, resolver, "ChartLegend");
  }

  protected _scalars(): readonly string[] {
    return ["position", "visible", "overlay"];
  }

  protected _read(c: ChartModel, prop: string): unknown {
    if (prop === "overlay") return false;
    return prop === "position" ? c.legend.position : c.legend.visible;
  }

  protected override _write(c: ChartModel, prop: string, value: unknown, exec: ExecState): void {
    if (prop === "position") {
      if (!["Top", "Bottom", "Left", "Right", "Corner", "Custom", "Invalid"].includes(String(value))) {
        throw simError("InvalidArgument", `Invalid legend position '${value}'.`);
      }
      c.legend = { ...c.legend, position: String(value) };
    } else if (prop === "visible") c.legend = { ...c.legend, visible: !!value };
    else if (prop !== "overlay") return super._write(c, prop, value, exec);
    exec.model.structure.add("charts");
  }
}
defineProps(SimChartLegend, [], ["position", "visible", "overlay"]);

export class SimChartDataLabels extends SimClientObject<ChartModel> {
  constructor(ctx: SimRequestContext, resolver: Resolver<ChartModel>) {
    super(ctx, resolver, "ChartDataLabels");
  }

  protected _scalars(): readonly string[] {
    return ["showValue"];
  }

  protected _read(c: ChartModel): unknown {
    return c.dataLabels.showValue;
  }

  protected override _write(c: ChartModel, _p: string, value: unknown, exec: ExecState): void {
    c.dataLabels = { showValue: !!value };
    exec.model.structure.add("charts");
  }
}
defineProps(SimChartDataLabels, [], ["showValue"]);

export class SimChartAxes extends SimClientObject<ChartModel> {
  private _value?: SimChartAxis;
  private _category?: SimChartAxis;

  constructor(
    ctx: SimRequestContext,
    private readonly chart: SimChart,
  ) {
    super(ctx, () => chart._parentEntity(), "ChartAxes");
  }

  protected _scalars(): readonly string[] {
    return [];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    if (name === "valueAxis") return this.valueAxis;
    if (name === "categoryAxis") return this.categoryAxis;
    return undefined;
  }

  protected _read(): unknown {
    return undefined;
  }

  get valueAxis(): SimChartAxis {
    return (this._value ??= new SimChartAxis(ctxOf(this), () => this.chart._parentEntity(), "value"));
  }

  get categoryAxis(): SimChartAxis {
    return (this._category ??= new SimChartAxis(ctxOf(this), () => this.chart._parentEntity(), "category"));
  }

  getItem(type: string, _group?: string): SimChartAxis {
    if (type === "Value") return this.valueAxis;
    if (type === "Category") return this.categoryAxis;
    throw simError("NotImplemented", `excel-sim models the value and category axes only, not '${type}'.`);
  }
}

export class SimChartAxis extends SimClientObject<ChartModel> {
  private _title?: SimChartTitle;

  constructor(
    ctx: SimRequestContext,
    resolver: Resolver<ChartModel>,
    private readonly which: "value" | "category",
  ) {
    super(ctx, resolver, "ChartAxis");
  }

  protected _scalars(): readonly string[] {
    return ["minimum", "maximum", "majorUnit", "visible", "numberFormat"];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    return name === "title" ? this.title : undefined;
  }

  protected _read(c: ChartModel, prop: string): unknown {
    const a = c.axes[this.which];
    return (a as unknown as Record<string, unknown>)[prop];
  }

  protected override _write(c: ChartModel, prop: string, value: unknown, exec: ExecState): void {
    const a = c.axes[this.which];
    if (prop === "minimum" || prop === "maximum" || prop === "majorUnit") {
      if (value !== null && (typeof value !== "number" || !Number.isFinite(value)))
        throw simError("InvalidArgument", `Invalid ${prop}.`);
      a[prop] = value as number | null;
    } else if (prop === "visible") a.visible = !!value;
    else if (prop === "numberFormat") a.numberFormat = String(value);
    else return super._write(c, prop, value, exec);
    exec.model.structure.add("charts");
  }

  get title(): SimChartTitle {
    return (this._title ??= new SimChartTitle(
      ctxOf(this),
      () => this._parentEntity(),
      (c) => c.axes[this.which].title,
      "ChartAxisTitle",
    ));
  }
}
defineProps(SimChartAxis, [], ["minimum", "maximum", "majorUnit", "visible", "numberFormat"]);

interface SeriesEntity {
  chart: ChartModel;
  series: SeriesModel;
}

export class SimChartSeriesCollection extends SimCollection<ChartModel, SimChartSeries> {
  constructor(
    ctx: SimRequestContext,
    private readonly chart: SimChart,
  ) {
    super(ctx, () => chart._parentEntity(), "ChartSeriesCollection");
  }

  protected override _scalars(): readonly string[] {
    return ["items", "count"];
  }

  protected _list(c: ChartModel): unknown[] {
    return c.series.map((series) => ({ chart: c, series }));
  }

  protected _itemProxy(model: unknown): SimChartSeries {
    const s = model as SeriesEntity;
    return new SimChartSeries(ctxOf(this), () => s);
  }

  get count(): number {
    return this._get("count");
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (c) => c.series.length);
  }

  getItemAt(index: number): SimChartSeries {
    return new SimChartSeries(ctxOf(this), () => {
      const c = this.chart._parentEntity();
      if (c === NULL_PARENT) return NULL_PARENT;
      const series = c.series[index];
      if (!series) throw simError("ItemNotFound", `The chart has no series ${index}.`);
      return { chart: c, series };
    });
  }

  add(name?: string, index?: number): SimChartSeries {
    let created: SeriesEntity | null = null;
    this._call("add", [name ?? null, index ?? null], (c, exec) => {
      const s: SeriesModel = {
        name: name ?? null,
        nameRef: null,
        values: null,
        categories: null,
        chartType: null,
        color: null,
      };
      const at = index === undefined || index === null ? c.series.length : index;
      if (at < 0 || at > c.series.length) throw simError("InvalidArgument", "Invalid series index.");
      c.series.splice(at, 0, s);
      c.source = null;
      created = { chart: c, series: s };
      exec.model.structure.add("charts");
    });
    return new SimChartSeries(ctxOf(this), () => {
      if (!created) throw simError("ItemNotFound");
      return created;
    });
  }
}
defineProps(SimChartSeriesCollection, []);

export class SimChartSeries extends SimClientObject<SeriesEntity> {
  constructor(ctx: SimRequestContext, resolver: Resolver<SeriesEntity>) {
    super(ctx, resolver, "ChartSeries");
  }

  protected override _gone(e: SeriesEntity): boolean {
    return !!e.chart.deleted || !e.chart.series.includes(e.series);
  }

  protected _scalars(): readonly string[] {
    return ["name", "chartType"];
  }

  protected _read(e: SeriesEntity, prop: string, exec: ExecState): unknown {
    if (prop === "chartType") return e.series.chartType ?? e.chart.type;
    return seriesName(exec.model, e.series, e.chart.series.indexOf(e.series));
  }

  protected override _write(e: SeriesEntity, prop: string, value: unknown, exec: ExecState): void {
    if (prop === "name") {
      e.series.name = String(value);
      e.series.nameRef = null;
    } else if (prop === "chartType") {
      if (!CHART_TYPES.has(String(value)))
        throw simError("InvalidArgument", `Unknown chart type '${value}'.`);
      e.series.chartType = String(value);
    } else return super._write(e, prop, value, exec);
    exec.model.structure.add("charts");
  }

  setValues(sourceData: SimRange): void {
    this._call("setValues", [sourceData], (e, exec) => {
      e.series.values = rangeRefOf(sourceData);
      e.chart.source = null;
      exec.model.structure.add("charts");
    });
  }

  setXAxisValues(sourceData: SimRange): void {
    this._call("setXAxisValues", [sourceData], (e, exec) => {
      e.series.categories = rangeRefOf(sourceData);
      e.chart.source = null;
      exec.model.structure.add("charts");
    });
  }

  delete(): void {
    this._call("delete", [], (e, exec) => {
      e.chart.series = e.chart.series.filter((s) => s !== e.series);
      e.chart.source = null;
      exec.model.structure.add("charts");
    });
  }

  /** The series' fill (ChartSeriesFormat.fill, ExcelApi 1.1): the colour its bars are drawn in. */
  get format(): { fill: SimChartFill } {
    return (this._format ??= { fill: new SimChartFill(ctxOf(this), () => this._parentEntity()) });
  }
  private _format?: { fill: SimChartFill };

  getDimensionValues(dimension: string): SimClientResult<string[]> {
    return this._callResult("getDimensionValues", [dimension], (e, exec) => {
      const ref = dimension === "Values" || dimension === "YValues" ? e.series.values : e.series.categories;
      return refValues(exec.model, ref).map((x) => String(x));
    });
  }
}
defineProps(SimChartSeries, [], ["name", "chartType"]);

/** Excel takes HTML colours as #RRGGBB or a colour name; we use only the first. */
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export class SimChartFill extends SimClientObject<SeriesEntity> {
  constructor(ctx: SimRequestContext, resolver: Resolver<SeriesEntity>) {
    super(ctx, resolver, "ChartFill");
  }

  protected _scalars(): readonly string[] {
    return [];
  }

  protected _read(): unknown {
    return undefined;
  }

  setSolidColor(color: string): void {
    this._call("setSolidColor", [color], (e, exec) => {
      if (!HEX_COLOR.test(color)) throw simError("InvalidArgument", `Invalid colour '${color}'.`);
      e.series.color = color.toUpperCase();
      exec.model.structure.add("charts");
    });
  }

  clear(): void {
    this._call("clear", [], (e, exec) => {
      e.series.color = null;
      exec.model.structure.add("charts");
    });
  }
}
defineProps(SimChartFill, []);

/** The values a reference shows now (flattened, row by row). */
export function refValues(m: SimModel, ref: RangeRef | null): (string | number | boolean)[] {
  if (!ref) return [];
  const s = m.sheetById(ref.sheetId);
  if (!s) return [];
  const out: (string | number | boolean)[] = [];
  for (let r = ref.rect.r0; r <= ref.rect.r1; r++)
    for (let c = ref.rect.c0; c <= ref.rect.c1; c++) out.push(apiValue(m.valueAt(s, r, c)));
  return out;
}

/** A series' displayed name: literal, from its header cell, or Excel's default "Series{n}". */
export function seriesName(m: SimModel, s: SeriesModel, index: number): string {
  if (s.name !== null) return s.name;
  if (s.nameRef) {
    const v = refValues(m, s.nameRef);
    if (v.length) return String(v[0]);
  }
  return `Series${index + 1}`;
}
