/**
 * Charts: the collection on a worksheet and the Chart proxy (type, name, position, source data);
 * its title, legend, axes, data labels and series are in chart-parts.ts. The model they edit is
 * declarative (model/charts.ts): the exporter writes it as native chart parts and the preview draws it.
 */
import { simError } from "../errors";
import type { ChartModel, SheetModel } from "../model/types";
import { declareProperties, type PropertySpec, type Resolver, SimClientObject, ctxOf } from "./base";
import { SimPartCollection, type PartSpec } from "./collections";
import type { SimRequestContext } from "./context";
import { SimRange } from "./range";
import { type SimWorksheet, worksheetOf } from "./worksheet";
import { CHART_TYPES, columnLeft, emptyAxis, rowTop, seriesFromSource } from "../model/charts";
import {
  chartType,
  chartWrite,
  rangeRefOf,
  SimChartAxes,
  SimChartDataLabels,
  SimChartLegend,
  SimChartSeriesCollection,
  SimChartTitle,
} from "./chart-parts";

const CHART_PARTS: PartSpec<SheetModel, ChartModel, SimChart> = {
  count: (s) => s.charts.length,
  at: (s, index) => s.charts[index],
  proxy: (ctx, resolver, nullable) => new SimChart(ctx, resolver, nullable),
};

export class SimChartCollection extends SimPartCollection<SheetModel, ChartModel, SimChart> {
  constructor(ctx: SimRequestContext, ws: SimWorksheet) {
    super(ctx, ws, "ChartCollection", CHART_PARTS);
  }

  add(type: string, sourceData: SimRange, seriesBy = "Auto"): SimChart {
    return this._callCreating(
      "add",
      [type, sourceData, seriesBy],
      (s, exec) => {
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
        return chart;
      },
      (resolver) => new SimChart(ctxOf(this), resolver),
    );
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
  declare readonly title: SimChartTitle;
  declare readonly legend: SimChartLegend;
  declare readonly axes: SimChartAxes;
  declare readonly series: SimChartSeriesCollection;
  declare readonly dataLabels: SimChartDataLabels;
  declare readonly worksheet: SimWorksheet;

  constructor(ctx: SimRequestContext, resolver: Resolver<ChartModel>, nullable = false) {
    super(ctx, resolver, "Chart", nullable);
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
  children: {
    worksheet: (p) => worksheetOf(p, (c, m) => m.sheetById(c.sheetId) ?? null),
    title: (p) =>
      new SimChartTitle(
        ctxOf(p),
        () => p._parentEntity(),
        (c) => c.title,
        "ChartTitle",
      ),
    legend: (p) => new SimChartLegend(ctxOf(p), () => p._parentEntity()),
    axes: (p) => new SimChartAxes(ctxOf(p), p),
    series: (p) => new SimChartSeriesCollection(ctxOf(p), p),
    dataLabels: (p) => new SimChartDataLabels(ctxOf(p), () => p._parentEntity()),
  },
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
});
