/**
 * Charts: a declarative model (type, title, series with value/category references, axes,
 * legend, position) that the exporter writes as native chart parts and the preview draws.
 */
import { simError } from "../errors";
import { type Rect } from "../model/address";
import type { AxisModel, ChartModel, RangeRef, SeriesModel, SheetModel } from "../model/types";
import { apiValue } from "../model/api-values";
import type { SimModel } from "../model/workbook-model";
import {
  declareProperties,
  type PropertySpec,
  NULL_PARENT,
  type Resolver,
  SimClientObject,
  SimClientResult,
  SimPartCollection,
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

export class SimChartCollection extends SimPartCollection<SheetModel, ChartModel, SimChart> {
  constructor(ctx: SimRequestContext, ws: SimWorksheet) {
    super(ctx, ws, "ChartCollection");
  }

  protected _count(s: SheetModel): number {
    return s.charts.length;
  }

  protected _partAt(s: SheetModel, index: number): ChartModel {
    return s.charts[index];
  }

  protected _proxy(resolver: Resolver<ChartModel>, nullable = false): SimChart {
    return new SimChart(ctxOf(this), resolver, nullable);
  }

  protected _noPartAt(): undefined {
    return undefined;
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
}

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
/** A write to a chart (or a part of it) that marks the charts changed for subscribers. */
function chartWrite<T, P>(
  f: (e: T, value: unknown, m: SimModel, proxy: P) => void,
): PropertySpec<T, P>["write"] {
  return (e, value, exec, proxy) => {
    f(e, value, exec.model, proxy);
    exec.model.structure.add("charts");
  };
}

/** `overlay` (of a title or legend) is not modelled: it reads false and a set changes nothing. */
const OVERLAY: PropertySpec<ChartModel, unknown> = { read: () => false, write: chartWrite(() => undefined) };

function chartType(value: unknown): string {
  if (!CHART_TYPES.has(String(value))) throw simError("InvalidArgument", `Unknown chart type '${value}'.`);
  return String(value);
}

/** left, top, width, height: points, not negative. */
function chartPosition(prop: keyof ChartModel["position"]): PropertySpec<ChartModel, SimChart> {
  return {
    read: (c) => c.position[prop],
    write: chartWrite((c, value) => {
      if (typeof value !== "number" || value < 0) throw simError("InvalidArgument", `Invalid ${prop}.`);
      c.position = { ...c.position, [prop]: value };
    }),
  };
}

declareProperties<ChartModel, SimChart>(SimChart, {
  scalars: {
    id: { read: (c) => c.id },
    name: {
      read: (c) => c.name,
      write: chartWrite((c, value, m) => {
        const s = m.sheetById(c.sheetId)!;
        if (s.charts.some((x) => x !== c && x.name === value))
          throw simError("InvalidArgument", `A chart named '${value}' already exists.`);
        c.name = String(value);
      }),
    },
    chartType: { read: (c) => c.type, write: chartWrite((c, value) => (c.type = chartType(value))) },
    top: chartPosition("top"),
    left: chartPosition("left"),
    width: chartPosition("width"),
    height: chartPosition("height"),
  },
  navigation: {
    title: (c) => c.title,
    legend: (c) => c.legend,
    axes: (c) => c.axes,
    series: (c) => c.series,
    dataLabels: (c) => c.dataLabels,
    worksheet: (c) => c.worksheet,
  },
});

type TitleHolder = { text: string | null; visible: boolean };

export class SimChartTitle extends SimClientObject<ChartModel> {
  constructor(
    ctx: SimRequestContext,
    resolver: Resolver<ChartModel>,
    readonly pick: (c: ChartModel) => TitleHolder,
    type: string,
  ) {
    super(ctx, resolver, type);
  }
}
declareProperties<ChartModel, SimChartTitle>(SimChartTitle, {
  scalars: {
    text: {
      read: (c, _exec, title) => title.pick(c).text ?? "",
      write: chartWrite((c, value, _m, title) => {
        const t = title.pick(c);
        t.text = value === null || value === undefined ? null : String(value);
        t.visible = !!t.text;
      }),
    },
    visible: {
      read: (c, _exec, title) => title.pick(c).visible,
      write: chartWrite((c, value, _m, title) => (title.pick(c).visible = !!value)),
    },
    overlay: OVERLAY,
  },
});

export class SimChartLegend extends SimClientObject<ChartModel> {
  constructor(ctx: SimRequestContext, resolver: Resolver<ChartModel>) {
    super(ctx, resolver, "ChartLegend");
  }
}
declareProperties<ChartModel, SimChartLegend>(SimChartLegend, {
  scalars: {
    position: {
      read: (c) => c.legend.position,
      write: chartWrite((c, value) => {
        if (!["Top", "Bottom", "Left", "Right", "Corner", "Custom", "Invalid"].includes(String(value))) {
          throw simError("InvalidArgument", `Invalid legend position '${value}'.`);
        }
        c.legend = { ...c.legend, position: String(value) };
      }),
    },
    visible: {
      read: (c) => c.legend.visible,
      write: chartWrite((c, value) => (c.legend = { ...c.legend, visible: !!value })),
    },
    overlay: OVERLAY,
  },
});

export class SimChartDataLabels extends SimClientObject<ChartModel> {
  constructor(ctx: SimRequestContext, resolver: Resolver<ChartModel>) {
    super(ctx, resolver, "ChartDataLabels");
  }
}
declareProperties<ChartModel, SimChartDataLabels>(SimChartDataLabels, {
  scalars: {
    showValue: {
      read: (c) => c.dataLabels.showValue,
      write: chartWrite((c, value) => (c.dataLabels = { showValue: !!value })),
    },
  },
});

export class SimChartAxes extends SimClientObject<ChartModel> {
  private _value?: SimChartAxis;
  private _category?: SimChartAxis;

  constructor(
    ctx: SimRequestContext,
    private readonly chart: SimChart,
  ) {
    super(ctx, () => chart._parentEntity(), "ChartAxes");
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
declareProperties<ChartModel, SimChartAxes>(SimChartAxes, {
  navigation: { valueAxis: (a) => a.valueAxis, categoryAxis: (a) => a.categoryAxis },
});

export class SimChartAxis extends SimClientObject<ChartModel> {
  private _title?: SimChartTitle;

  constructor(
    ctx: SimRequestContext,
    resolver: Resolver<ChartModel>,
    readonly which: "value" | "category",
  ) {
    super(ctx, resolver, "ChartAxis");
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
/** An axis bound or unit: a finite number, or null for Excel's automatic one. */
function axisScale(prop: "minimum" | "maximum" | "majorUnit"): PropertySpec<ChartModel, SimChartAxis> {
  return {
    read: (c, _exec, axis) => c.axes[axis.which][prop],
    write: chartWrite((c, value, _m, axis) => {
      if (value !== null && (typeof value !== "number" || !Number.isFinite(value)))
        throw simError("InvalidArgument", `Invalid ${prop}.`);
      c.axes[axis.which][prop] = value as number | null;
    }),
  };
}

declareProperties<ChartModel, SimChartAxis>(SimChartAxis, {
  scalars: {
    minimum: axisScale("minimum"),
    maximum: axisScale("maximum"),
    majorUnit: axisScale("majorUnit"),
    visible: {
      read: (c, _exec, axis) => c.axes[axis.which].visible,
      write: chartWrite((c, value, _m, axis) => (c.axes[axis.which].visible = !!value)),
    },
    numberFormat: {
      read: (c, _exec, axis) => c.axes[axis.which].numberFormat,
      write: chartWrite((c, value, _m, axis) => (c.axes[axis.which].numberFormat = String(value))),
    },
  },
  navigation: { title: (a) => a.title },
});

interface SeriesEntity {
  chart: ChartModel;
  series: SeriesModel;
}

export class SimChartSeriesCollection extends SimPartCollection<ChartModel, SeriesEntity, SimChartSeries> {
  constructor(ctx: SimRequestContext, chart: SimChart) {
    super(ctx, chart, "ChartSeriesCollection");
  }

  protected _count(c: ChartModel): number {
    return c.series.length;
  }

  protected _partAt(c: ChartModel, index: number): SeriesEntity {
    return { chart: c, series: c.series[index] };
  }

  protected _proxy(resolver: Resolver<SeriesEntity>): SimChartSeries {
    return new SimChartSeries(ctxOf(this), resolver);
  }

  protected _noPartAt(index: number): string {
    return `The chart has no series ${index}.`;
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

export class SimChartSeries extends SimClientObject<SeriesEntity> {
  constructor(ctx: SimRequestContext, resolver: Resolver<SeriesEntity>) {
    super(ctx, resolver, "ChartSeries");
  }

  protected override _gone(e: SeriesEntity): boolean {
    return !!e.chart.deleted || !e.chart.series.includes(e.series);
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
declareProperties<SeriesEntity, SimChartSeries>(SimChartSeries, {
  scalars: {
    name: {
      read: (e, exec) => seriesName(exec.model, e.series, e.chart.series.indexOf(e.series)),
      write: chartWrite((e, value) => {
        e.series.name = String(value);
        e.series.nameRef = null;
      }),
    },
    chartType: {
      read: (e) => e.series.chartType ?? e.chart.type,
      write: chartWrite((e, value) => (e.series.chartType = chartType(value))),
    },
  },
});

/** Excel takes HTML colours as #RRGGBB or a colour name; we use only the first. */
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export class SimChartFill extends SimClientObject<SeriesEntity> {
  constructor(ctx: SimRequestContext, resolver: Resolver<SeriesEntity>) {
    super(ctx, resolver, "ChartFill");
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
