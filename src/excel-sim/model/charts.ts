/**
 * Charts in the model: the chart types the API takes, placement in points over columns and rows,
 * the series Excel makes from a source range, and what a series shows. Used by the chart proxies,
 * the exporter and the preview.
 */
import type { Rect } from "./address";
import { apiValue } from "./api-values";
import type { AxisModel, RangeRef, SeriesModel, SheetModel } from "./types";
import type { SimModel } from "./workbook-model";

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

/**
 * The column (or row) whose span holds `offset` points, given each one's size (`sizes`, else
 * `standard`), and where it starts; the last one (`last`) when the offset lies beyond it.
 */
function lineAt(
  sizes: ReadonlyMap<number, number>,
  standard: number,
  last: number,
  offset: number,
): { index: number; start: number } {
  let index = 0;
  let start = 0;
  for (;;) {
    const size = sizes.get(index) ?? standard;
    if (start + size > offset || index >= last) return { index, start };
    start += size;
    index++;
  }
}

/** The cell under a point (for two-cell anchors in the exporter). */
export function cellAtPoint(
  sheet: SheetModel,
  left: number,
  top: number,
): { row: number; col: number; dx: number; dy: number } {
  const col = lineAt(sheet.columnWidths, DEFAULT_COL_W, 16383, left);
  const row = lineAt(sheet.rowHeights, DEFAULT_ROW_H, 1048575, top);
  return { row: row.index, col: col.index, dx: left - col.start, dy: top - row.start };
}

function isXY(type: string): boolean {
  return type.startsWith("XYScatter") || type === "Bubble";
}

export function emptyAxis(): AxisModel {
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
