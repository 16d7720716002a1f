/**
 * Exports an excel-sim workbook to .xlsx, so that an independent spreadsheet (Excel, LibreOffice)
 * opens it complete: values; formulas with their computed results cached (a viewer that does not
 * recalculate shows the right numbers), with `_xlfn.` prefixes for functions newer than Excel 2007;
 * tables; defined names; data validation; conditional formats; number formats, fills, fonts,
 * borders, column widths, hidden columns; sheet visibility (including very hidden); freeze panes;
 * protection (never the password); and native charts with their data caches.
 *
 * Runs in Node and in the browser (no Node-only APIs): exceljs writes the package but the cells,
 * zip.ts reads it back as its parts to add what exceljs cannot write (package.ts) and the cells
 * (cells.ts), and writes the final zip, each part deflated by the platform's zlib.
 */
import ExcelJS from "exceljs";
import type { SimWorkbook } from "../sim-types";
import { parseAddress, qualifiedAddress, rectAddress, type Rect } from "../model/address";
import type { ChartModel, SheetModel, WorkbookModel } from "../model/types";
import { cellAtPoint } from "../model/charts";
import type { Anchor, AxisSpec, ChartSpec } from "./charts";
import { postProcess, type SheetCharts } from "./package";
import { EMU_PER_POINT } from "./styles";
import { buildWorkbook } from "./workbook";
import { SheetStyles } from "./cell-styles";
import { writeCells } from "./cells";
import { deflatePart, PackageParts, zipPackage, type DeflatedPart } from "./zip";

export { chartKind, SERIES_COLORS, type ChartSpec, type ChartSeriesSpec } from "./charts";
export { fileFormula, filePrefix } from "./xlfn";
export { columnWidthChars } from "./styles";

export interface ExportOptions {
  /**
   * Cache each formula's computed result in the file (default true). Without results every
   * formula cell is stored as a formula only, so a reader must calculate to show anything.
   */
  formulaResults?: boolean;
  /** Ask Excel to recalculate everything when it opens the file (calcPr fullCalcOnLoad; default true). */
  fullCalcOnLoad?: boolean;
  /** Creation/modification time written in the document properties (default: now). */
  date?: Date;
}

/** Rows read at a time to calculate: a read of 100,000 rows at once is an array of 100,000 rows. */
const CALCULATE_ROWS = 5000;

/** Evaluates every formula so that each formula cell's `value` in the model is its fresh result. */
function calculateAll(workbook: SimWorkbook, model: WorkbookModel) {
  for (const sheet of model.sheets) {
    if (sheet.deleted) continue;
    const used = workbook.inspect.usedRange(sheet.name);
    const rect = used ? parseAddress(used)?.rect : undefined;
    if (!rect) continue;
    for (let r0 = rect.r0; r0 <= rect.r1; r0 += CALCULATE_ROWS) {
      const window = { ...rect, r0, r1: Math.min(rect.r1, r0 + CALCULATE_ROWS - 1) };
      workbook.inspect.values(sheet.name, rectAddress(window));
    }
  }
}

function anchorOf(sheet: SheetModel, position: ChartModel["position"]): Anchor {
  const corner = (left: number, top: number) => {
    const p = cellAtPoint(sheet, Math.max(0, left), Math.max(0, top));
    return {
      col: p.col,
      colOffEmu: Math.round(p.dx * EMU_PER_POINT),
      row: p.row,
      rowOffEmu: Math.round(p.dy * EMU_PER_POINT),
    };
  };
  return {
    from: corner(position.left, position.top),
    to: corner(position.left + position.width, position.top + position.height),
  };
}

function axisSpec(a: ChartModel["axes"]["value"]): AxisSpec {
  return {
    title: a.title.visible && a.title.text ? a.title.text : null,
    minimum: a.minimum,
    maximum: a.maximum,
    majorUnit: a.majorUnit,
    visible: a.visible,
    numberFormat: a.numberFormat,
  };
}

function chartsOf(workbook: SimWorkbook, model: WorkbookModel): SheetCharts[] {
  const sheetName = new Map(model.sheets.map((s) => [s.id, s.name]));
  const refAddress = (ref: { sheetId: string; rect: Rect } | null) => {
    const name = ref ? sheetName.get(ref.sheetId) : undefined;
    return ref && name !== undefined ? qualifiedAddress(name, ref.rect, true) : null;
  };
  const out: SheetCharts[] = [];
  for (const sheet of model.sheets) {
    if (sheet.deleted || !sheet.charts.length) continue;
    const inspected = workbook.inspect.charts(sheet.name);
    const charts: SheetCharts["charts"] = [];
    sheet.charts.forEach((chart, i) => {
      if (chart.deleted) return;
      const seen = inspected[i];
      const spec: ChartSpec = {
        type: chart.type,
        name: chart.name,
        title: chart.title.visible && chart.title.text ? chart.title.text : null,
        legend: { ...chart.legend },
        series: chart.series.map((s, k) => ({
          name: seen.series[k].name,
          nameRef: s.name === null ? refAddress(s.nameRef) : null,
          values: refAddress(s.values),
          categories: refAddress(s.categories),
          valueData: seen.series[k].valueData,
          categoryData: seen.series[k].categoryData,
          color: s.color === null ? null : s.color.slice(1),
        })),
        valueAxis: axisSpec(chart.axes.value),
        categoryAxis: axisSpec(chart.axes.category),
        showValues: chart.dataLabels.showValue,
      };
      charts.push({ spec, anchor: anchorOf(sheet, chart.position) });
    });
    out.push({ sheetName: sheet.name, charts });
  }
  return out;
}

/** Writes the workbook as an .xlsx file (the bytes of the zip package). */
export async function exportXlsx(workbook: SimWorkbook, options: ExportOptions = {}): Promise<Uint8Array> {
  const model = workbook.inspect.model();
  calculateAll(workbook, model);
  const charts = chartsOf(workbook, model);
  const styles = new Map(model.sheets.filter((s) => !s.deleted).map((s) => [s, new SheetStyles(s)]));
  const date = options.date ?? new Date();
  const wb: ExcelJS.Workbook = await buildWorkbook(model, styles, {
    fullCalcOnLoad: options.fullCalcOnLoad ?? true,
    date,
  });
  // Stored, not deflated: the package is opened again below and compressed once, at the end.
  const written = await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } });
  const zip = PackageParts.fromStoredZip(new Uint8Array(written as ArrayBuffer));
  await postProcess(zip, {
    names: model.names.filter((n) => !n.deleted),
    manualCalculation: model.calculationMode === "Manual",
    tablesWithoutButtons: new Set(
      model.tables.filter((t) => !t.deleted && !t.showFilterButton).map((t) => t.name),
    ),
    charts,
  });
  // Last, into parts that post-processing has done with: a sheet's cells are never read as text.
  const sheets = await writeCells(zip, model, styles, options.formulaResults ?? true);
  const parts: { name: string; part: DeflatedPart }[] = [];
  for (const name of zip.paths())
    parts.push({ name, part: sheets.get(name) ?? (await deflatePart(zip.bytes(name))) });
  return zipPackage(parts, date);
}
