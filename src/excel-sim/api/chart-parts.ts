/** The parts of a chart: title, legend, data labels, axes, series and their fill. */
import { simError } from "../errors";
import type { ChartModel, RangeRef, SeriesModel } from "../model/types";
import type { SimModel } from "../model/workbook-model";
import {
  declareProperties,
  writeAndMark,
  type PropertySpec,
  type Resolver,
  SimClientObject,
  SimClientResult,
  ctxOf,
} from "./base";
import { SimPartCollection, type PartSpec } from "./collections";
import type { SimRequestContext } from "./context";
import { SimRange } from "./range";
import { CHART_TYPES, refValues, seriesName } from "../model/charts";
import type { SimChart } from "./chart";

export function rangeRefOf(arg: unknown): RangeRef {
  if (!(arg instanceof SimRange)) throw simError("InvalidArgument", "Expected a Range.");
  const e = arg._entity();
  if (!e) throw simError("InvalidArgument", "The range does not exist.");
  return { sheetId: e.sheet.id, rect: { ...e.rect } };
}

/** A write to a chart (or a part of it) that marks the charts changed for subscribers. */
export function chartWrite<T, P>(
  f: (e: T, value: unknown, m: SimModel, proxy: P) => void,
): PropertySpec<T, P>["write"] {
  return writeAndMark("charts", f);
}

/** `overlay` (of a title or legend) is not modelled: it reads false and a set changes nothing. */
const OVERLAY: PropertySpec<ChartModel, unknown> = { read: () => false, write: chartWrite(() => undefined) };

export function chartType(value: unknown): string {
  if (!CHART_TYPES.has(String(value))) throw simError("InvalidArgument", `Unknown chart type '${value}'.`);
  return String(value);
}

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
  declare readonly valueAxis: SimChartAxis;
  declare readonly categoryAxis: SimChartAxis;

  constructor(
    ctx: SimRequestContext,
    readonly chart: SimChart,
  ) {
    super(ctx, () => chart._parentEntity(), "ChartAxes");
  }

  getItem(type: string, _group?: string): SimChartAxis {
    if (type === "Value") return this.valueAxis;
    if (type === "Category") return this.categoryAxis;
    throw simError("NotImplemented", `excel-sim models the value and category axes only, not '${type}'.`);
  }
}
declareProperties<ChartModel, SimChartAxes>(SimChartAxes, {
  children: {
    valueAxis: (p) => new SimChartAxis(ctxOf(p), () => p.chart._parentEntity(), "value"),
    categoryAxis: (p) => new SimChartAxis(ctxOf(p), () => p.chart._parentEntity(), "category"),
  },
});

export class SimChartAxis extends SimClientObject<ChartModel> {
  declare readonly title: SimChartTitle;

  constructor(
    ctx: SimRequestContext,
    resolver: Resolver<ChartModel>,
    readonly which: "value" | "category",
  ) {
    super(ctx, resolver, "ChartAxis");
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
  children: {
    title: (p) =>
      new SimChartTitle(
        ctxOf(p),
        () => p._parentEntity(),
        (c) => c.axes[p.which].title,
        "ChartAxisTitle",
      ),
  },
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
});

interface SeriesEntity {
  chart: ChartModel;
  series: SeriesModel;
}

const SERIES_PARTS: PartSpec<ChartModel, SeriesEntity, SimChartSeries> = {
  count: (c) => c.series.length,
  at: (c, index) => ({ chart: c, series: c.series[index] }),
  proxy: (ctx, resolver) => new SimChartSeries(ctx, resolver),
  noPartAt: (index) => `The chart has no series ${index}.`,
};

export class SimChartSeriesCollection extends SimPartCollection<ChartModel, SeriesEntity, SimChartSeries> {
  constructor(ctx: SimRequestContext, chart: SimChart) {
    super(ctx, chart, "ChartSeriesCollection", SERIES_PARTS);
  }

  add(name?: string, index?: number): SimChartSeries {
    return this._callCreating(
      "add",
      [name ?? null, index ?? null],
      (c, exec) => {
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
        exec.model.structure.add("charts");
        return { chart: c, series: s };
      },
      (resolver) => new SimChartSeries(ctxOf(this), resolver),
    );
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
