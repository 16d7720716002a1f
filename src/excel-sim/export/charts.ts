/**
 * Native chart parts (DrawingML): exceljs writes no charts, so the exporter writes
 * xl/charts/chartN.xml itself. Each series carries its formula references AND caches of the
 * current data (ptCount + pts), so a viewer that does not recalculate still draws the data.
 *
 * Element order follows the ECMA-376 schema (CT_BarChart, CT_BarSer, CT_CatAx, CT_ValAx …):
 * Excel rejects parts whose children are out of order.
 */
import { el, esc, val, XML_DECL } from "./xml";

export type CellData = string | number | boolean;

export interface ChartSeriesSpec {
  /** Literal name (c:tx/c:v), used when `nameRef` is null. */
  name: string;
  /** Sheet-qualified absolute address of the name cell ("Results!$I$1"), or null for a literal name. */
  nameRef: string | null;
  /** Sheet-qualified absolute addresses, or null. */
  values: string | null;
  categories: string | null;
  valueData: CellData[];
  categoryData: CellData[];
  /** RRGGBB set by the add-in (format.fill.setSolidColor), or null for the default palette. */
  color: string | null;
}

export interface AxisSpec {
  title: string | null;
  minimum: number | null;
  maximum: number | null;
  majorUnit: number | null;
  visible: boolean;
  numberFormat: string | null;
}

export interface ChartSpec {
  /** Office.js chart type ("BarClustered", "Radar", …). */
  type: string;
  name: string;
  title: string | null;
  legend: { visible: boolean; position: string };
  series: ChartSeriesSpec[];
  valueAxis: AxisSpec;
  categoryAxis: AxisSpec;
  showValues: boolean;
}

/** Office's default series colours (Office 2013+ theme accents), written explicitly so every viewer agrees. */
export const SERIES_COLORS = [
  "4472C4",
  "ED7D31",
  "A5A5A5",
  "FFC000",
  "5B9BD5",
  "70AD47",
  "264478",
  "9E480E",
  "636363",
  "997300",
];

const LEGEND_POS: Record<string, string> = { Right: "r", Left: "l", Top: "t", Bottom: "b", Corner: "tr" };

type Family = "bar" | "line" | "radar" | "scatter" | "area" | "pie" | "doughnut";

interface Kind {
  family: Family;
  /** bar: "bar" (horizontal) or "col". */
  barDir?: "bar" | "col";
  grouping?: "clustered" | "stacked" | "percentStacked" | "standard";
  markers?: boolean;
  lines?: boolean;
  smooth?: boolean;
  radarStyle?: "marker" | "filled";
}

/** How each supported Office.js chart type maps to DrawingML. */
export function chartKind(type: string): Kind | null {
  const bar = (barDir: "bar" | "col", grouping: Kind["grouping"]): Kind => ({
    family: "bar",
    barDir,
    grouping,
  });
  const line = (grouping: Kind["grouping"], markers: boolean): Kind => ({
    family: "line",
    grouping,
    markers,
    lines: true,
  });
  const scatter = (lines: boolean, markers: boolean, smooth: boolean): Kind => ({
    family: "scatter",
    lines,
    markers,
    smooth,
  });
  const table: Record<string, Kind> = {
    BarClustered: bar("bar", "clustered"),
    BarStacked: bar("bar", "stacked"),
    BarStacked100: bar("bar", "percentStacked"),
    ColumnClustered: bar("col", "clustered"),
    ColumnStacked: bar("col", "stacked"),
    ColumnStacked100: bar("col", "percentStacked"),
    Line: line("standard", false),
    LineStacked: line("stacked", false),
    LineStacked100: line("percentStacked", false),
    LineMarkers: line("standard", true),
    LineMarkersStacked: line("stacked", true),
    LineMarkersStacked100: line("percentStacked", true),
    Radar: { family: "radar", radarStyle: "marker", markers: false },
    RadarMarkers: { family: "radar", radarStyle: "marker", markers: true },
    RadarFilled: { family: "radar", radarStyle: "filled" },
    XYScatter: scatter(false, true, false),
    XYScatterLines: scatter(true, true, false),
    XYScatterLinesNoMarkers: scatter(true, false, false),
    XYScatterSmooth: scatter(true, true, true),
    XYScatterSmoothNoMarkers: scatter(true, false, true),
    Area: { family: "area", grouping: "standard" },
    AreaStacked: { family: "area", grouping: "stacked" },
    AreaStacked100: { family: "area", grouping: "percentStacked" },
    Pie: { family: "pie" },
    Doughnut: { family: "doughnut" },
  };
  return table[type] ?? null;
}

function richText(text: string, bold: boolean, size?: number): string {
  const rpr = el("a:defRPr", { b: bold ? 1 : 0, sz: size });
  return (
    "<c:tx><c:rich>" +
    "<a:bodyPr/><a:lstStyle/><a:p><a:pPr>" +
    rpr +
    '</a:pPr><a:r><a:rPr lang="en-US"/>' +
    el("a:t", {}, esc(text)) +
    "</a:r></a:p></c:rich></c:tx>"
  );
}

function title(text: string, size?: number): string {
  return `<c:title>${richText(text, true, size)}<c:overlay val="0"/></c:title>`;
}

function strCache(data: CellData[]): string {
  const pts = data
    .map((v, i) => (v === "" ? "" : `<c:pt idx="${i}">${el("c:v", {}, esc(String(v)))}</c:pt>`))
    .join("");
  return `<c:strCache>${val("c:ptCount", data.length)}${pts}</c:strCache>`;
}

function numCache(data: CellData[], formatCode = "General"): string {
  const pts = data
    .map((v, i) =>
      typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "",
    )
    .join("");
  return `<c:numCache>${el("c:formatCode", {}, esc(formatCode))}${val("c:ptCount", data.length)}${pts}</c:numCache>`;
}

function seriesText(s: ChartSeriesSpec): string {
  if (s.nameRef) {
    return `<c:tx><c:strRef>${el("c:f", {}, esc(s.nameRef))}${strCache([s.name])}</c:strRef></c:tx>`;
  }
  return `<c:tx>${el("c:v", {}, esc(s.name))}</c:tx>`;
}

/** Category data as text (c:strRef), or numbers for the X values of a scatter chart (c:numRef). */
function categoryData(tag: "c:cat" | "c:xVal", s: ChartSeriesSpec, numeric: boolean): string {
  if (!s.categories) return "";
  if (numeric)
    return `<${tag}><c:numRef>${el("c:f", {}, esc(s.categories))}${numCache(s.categoryData)}</c:numRef></${tag}>`;
  return `<${tag}><c:strRef>${el("c:f", {}, esc(s.categories))}${strCache(s.categoryData)}</c:strRef></${tag}>`;
}

function valueData(tag: "c:val" | "c:yVal", s: ChartSeriesSpec): string {
  if (!s.values) return `<${tag}><c:numLit>${val("c:ptCount", 0)}</c:numLit></${tag}>`;
  return `<${tag}><c:numRef>${el("c:f", {}, esc(s.values))}${numCache(s.valueData)}</c:numRef></${tag}>`;
}

const solid = (color: string) => `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;

function lineProps(color: string, visible: boolean): string {
  if (!visible) return '<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>';
  return `<c:spPr><a:ln w="28575" cap="rnd">${solid(color)}<a:round/></a:ln></c:spPr>`;
}

function marker(color: string, visible: boolean): string {
  if (!visible) return '<c:marker><c:symbol val="none"/></c:marker>';
  return `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${solid(color)}<a:ln w="9525">${solid(color)}</a:ln></c:spPr></c:marker>`;
}

function dataLabels(show: boolean): string {
  if (!show) return "";
  return (
    "<c:dLbls>" +
    val("c:showLegendKey", false) +
    val("c:showVal", true) +
    val("c:showCatName", false) +
    val("c:showSerName", false) +
    val("c:showPercent", false) +
    val("c:showBubbleSize", false) +
    "</c:dLbls>"
  );
}

function series(kind: Kind, s: ChartSeriesSpec, i: number): string {
  const color = s.color ?? SERIES_COLORS[i % SERIES_COLORS.length];
  const head = val("c:idx", i) + val("c:order", i) + seriesText(s);
  switch (kind.family) {
    case "bar":
      return `<c:ser>${head}<c:spPr>${solid(color)}</c:spPr>${val("c:invertIfNegative", false)}${categoryData("c:cat", s, false)}${valueData("c:val", s)}</c:ser>`;
    case "area":
      return `<c:ser>${head}<c:spPr>${solid(color)}</c:spPr>${categoryData("c:cat", s, false)}${valueData("c:val", s)}</c:ser>`;
    case "line":
      return `<c:ser>${head}${lineProps(color, true)}${marker(color, !!kind.markers)}${categoryData("c:cat", s, false)}${valueData("c:val", s)}${val("c:smooth", false)}</c:ser>`;
    case "radar": {
      const props =
        kind.radarStyle === "filled"
          ? `<c:spPr>${solid(color)}</c:spPr>`
          : `${lineProps(color, true)}${marker(color, !!kind.markers)}`;
      return `<c:ser>${head}${props}${categoryData("c:cat", s, false)}${valueData("c:val", s)}</c:ser>`;
    }
    case "scatter": {
      const numericX =
        s.categoryData.length > 0 && s.categoryData.every((v) => typeof v === "number" || v === "");
      return `<c:ser>${head}${lineProps(color, !!kind.lines)}${marker(color, !!kind.markers)}${categoryData("c:xVal", s, numericX)}${valueData("c:yVal", s)}${val("c:smooth", !!kind.smooth)}</c:ser>`;
    }
    case "pie":
    case "doughnut": {
      const pts = s.valueData
        .map(
          (_, k) =>
            `<c:dPt>${val("c:idx", k)}${val("c:bubble3D", false)}<c:spPr>${solid(SERIES_COLORS[k % SERIES_COLORS.length])}</c:spPr></c:dPt>`,
        )
        .join("");
      return `<c:ser>${head}${pts}${categoryData("c:cat", s, false)}${valueData("c:val", s)}</c:ser>`;
    }
  }
}

const AXIS_LINE =
  '<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>';
const GRIDLINES =
  '<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>';

function scaling(a: AxisSpec): string {
  return (
    "<c:scaling>" +
    val("c:orientation", "minMax") +
    (a.maximum !== null ? val("c:max", a.maximum) : "") +
    (a.minimum !== null ? val("c:min", a.minimum) : "") +
    "</c:scaling>"
  );
}

function axisTitle(a: AxisSpec): string {
  return a.title ? title(a.title, 1000) : "";
}

function numFmt(a: AxisSpec): string {
  return a.numberFormat ? el("c:numFmt", { formatCode: a.numberFormat, sourceLinked: 0 }) : "";
}

/** The elements every axis starts with, in the schema's order: its id, scaling, visibility, side. */
function axisHead(id: number, a: AxisSpec, pos: string): string {
  return val("c:axId", id) + scaling(a) + val("c:delete", !a.visible) + val("c:axPos", pos);
}

/** The ticks, labels and line of an axis, and where it crosses the other: the same on both axes. */
function axisTicksAndCrossing(crossId: number): string {
  return (
    val("c:majorTickMark", "out") +
    val("c:minorTickMark", "none") +
    val("c:tickLblPos", "nextTo") +
    AXIS_LINE +
    val("c:crossAx", crossId) +
    val("c:crosses", "autoZero")
  );
}

function catAx(id: number, crossId: number, a: AxisSpec, pos: string): string {
  return (
    "<c:catAx>" +
    axisHead(id, a, pos) +
    axisTitle(a) +
    numFmt(a) +
    axisTicksAndCrossing(crossId) +
    val("c:auto", true) +
    val("c:lblAlgn", "ctr") +
    val("c:lblOffset", 100) +
    val("c:noMultiLvlLbl", false) +
    "</c:catAx>"
  );
}

function valAx(
  id: number,
  crossId: number,
  a: AxisSpec,
  pos: string,
  gridlines: boolean,
  crossBetween: string,
): string {
  return (
    "<c:valAx>" +
    axisHead(id, a, pos) +
    (gridlines ? GRIDLINES : "") +
    axisTitle(a) +
    (a.numberFormat ? numFmt(a) : el("c:numFmt", { formatCode: "General", sourceLinked: 1 })) +
    axisTicksAndCrossing(crossId) +
    val("c:crossBetween", crossBetween) +
    (a.majorUnit !== null ? val("c:majorUnit", a.majorUnit) : "") +
    "</c:valAx>"
  );
}

/** Axis ids are arbitrary but unique within a chart part; Excel writes large numbers. */
const CAT_AXIS_ID = 500000001;
const VAL_AXIS_ID = 500000002;

function plotArea(spec: ChartSpec, kind: Kind): string {
  const sers = spec.series.map((s, i) => series(kind, s, i)).join("");
  const labels = dataLabels(spec.showValues);
  const axIds = val("c:axId", CAT_AXIS_ID) + val("c:axId", VAL_AXIS_ID);
  const cat = spec.categoryAxis;
  const value = spec.valueAxis;
  switch (kind.family) {
    case "bar": {
      const horizontal = kind.barDir === "bar";
      const stacked = kind.grouping !== "clustered";
      const group =
        "<c:barChart>" +
        val("c:barDir", kind.barDir as string) +
        val("c:grouping", kind.grouping as string) +
        val("c:varyColors", false) +
        sers +
        labels +
        val("c:gapWidth", stacked ? 100 : 150) +
        (stacked ? val("c:overlap", 100) : "") +
        axIds +
        "</c:barChart>";
      return (
        group +
        catAx(CAT_AXIS_ID, VAL_AXIS_ID, cat, horizontal ? "l" : "b") +
        valAx(VAL_AXIS_ID, CAT_AXIS_ID, value, horizontal ? "b" : "l", true, "between")
      );
    }
    case "line":
    case "area": {
      const tag = kind.family === "line" ? "c:lineChart" : "c:areaChart";
      const group =
        `<${tag}>` +
        val("c:grouping", kind.grouping as string) +
        val("c:varyColors", false) +
        sers +
        labels +
        (kind.family === "line" ? val("c:marker", true) : "") +
        axIds +
        `</${tag}>`;
      return (
        group +
        catAx(CAT_AXIS_ID, VAL_AXIS_ID, cat, "b") +
        valAx(VAL_AXIS_ID, CAT_AXIS_ID, value, "l", true, kind.family === "line" ? "between" : "midCat")
      );
    }
    case "radar": {
      const group =
        "<c:radarChart>" +
        val("c:radarStyle", kind.radarStyle as string) +
        val("c:varyColors", false) +
        sers +
        labels +
        axIds +
        "</c:radarChart>";
      return (
        group +
        catAx(CAT_AXIS_ID, VAL_AXIS_ID, cat, "b") +
        valAx(VAL_AXIS_ID, CAT_AXIS_ID, value, "l", true, "between")
      );
    }
    case "scatter": {
      const group =
        "<c:scatterChart>" +
        val("c:scatterStyle", kind.smooth ? "smoothMarker" : "lineMarker") +
        val("c:varyColors", false) +
        sers +
        labels +
        axIds +
        "</c:scatterChart>";
      // X is a value axis too: the category axis settings apply to it.
      return (
        group +
        valAx(CAT_AXIS_ID, VAL_AXIS_ID, cat, "b", false, "midCat") +
        valAx(VAL_AXIS_ID, CAT_AXIS_ID, value, "l", true, "midCat")
      );
    }
    case "pie":
      return `<c:pieChart>${val("c:varyColors", true)}${sers}${labels}${val("c:firstSliceAng", 0)}</c:pieChart>`;
    case "doughnut":
      return `<c:doughnutChart>${val("c:varyColors", true)}${sers}${labels}${val("c:firstSliceAng", 0)}${val("c:holeSize", 50)}</c:doughnutChart>`;
  }
}

/** The chart part (xl/charts/chartN.xml) for one chart. Throws for a type it cannot write. */
export function chartXml(spec: ChartSpec): string {
  const kind = chartKind(spec.type);
  if (!kind) {
    throw new Error(`Chart "${spec.name}": chart type ${spec.type} cannot be exported to .xlsx.`);
  }
  const legend = spec.legend.visible
    ? `<c:legend>${val("c:legendPos", LEGEND_POS[spec.legend.position] ?? "r")}${val("c:overlay", false)}</c:legend>`
    : "";
  return (
    XML_DECL +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    val("c:date1904", false) +
    el("c:lang", { val: "en-US" }) +
    val("c:roundedCorners", false) +
    "<c:chart>" +
    (spec.title ? title(spec.title, 1400) : "") +
    val("c:autoTitleDeleted", !spec.title) +
    `<c:plotArea><c:layout/>${plotArea(spec, kind)}</c:plotArea>` +
    legend +
    val("c:plotVisOnly", true) +
    val("c:dispBlanksAs", "gap") +
    "</c:chart>" +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>' +
    "</c:chartSpace>"
  );
}

export interface Anchor {
  from: { col: number; colOffEmu: number; row: number; rowOffEmu: number };
  to: { col: number; colOffEmu: number; row: number; rowOffEmu: number };
}

/** The drawing part (xl/drawings/drawingN.xml): one twoCellAnchor per chart, each pointing at rIdK. */
export function drawingXml(charts: { name: string; anchor: Anchor; relId: string }[]): string {
  const corner = (tag: string, p: Anchor["from"]) =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>${p.colOffEmu}</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>${p.rowOffEmu}</xdr:rowOff></xdr:${tag}>`;
  const anchors = charts
    .map(
      (c, i) =>
        '<xdr:twoCellAnchor editAs="oneCell">' +
        corner("from", c.anchor.from) +
        corner("to", c.anchor.to) +
        '<xdr:graphicFrame macro="">' +
        `<xdr:nvGraphicFramePr>${el("xdr:cNvPr", { id: i + 2, name: c.name })}<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${c.relId}"/>` +
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>",
    )
    .join("");
  return (
    XML_DECL +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    anchors +
    "</xdr:wsDr>"
  );
}
