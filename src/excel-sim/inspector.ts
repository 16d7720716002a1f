/** sim.inspect: reads of the workbook for tests and the preview, in API terms (addresses, values). */
import {
  parseAddress,
  qualifiedAddress,
  type Rect,
  rectAddress,
  columnIndex,
  cellKey,
} from "./model/address";
import { formatValue } from "./model/format";
import type { SheetModel } from "./model/types";
import { apiValue, valueTypeOf } from "./model/api-values";
import type { SimModel } from "./model/workbook-model";
import { refValues, seriesName } from "./model/charts";
import type { InspectedCell, SimInspector } from "./sim-types";

export function makeInspector(m: SimModel): SimInspector {
  const sheetOf = (name: string): SheetModel => m.requireSheet(name);
  const rectOf = (address: string): Rect => {
    const p = parseAddress(address);
    if (!p) throw new Error(`excel-sim inspect: bad address '${address}'`);
    return p.rect;
  };
  const gridOf = <V>(
    sheet: string,
    address: string,
    f: (s: SheetModel, r: number, c: number) => V,
  ): V[][] => {
    const s = sheetOf(sheet);
    const rect = rectOf(address);
    const out: V[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: V[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(f(s, r, c));
      out.push(row);
    }
    return out;
  };
  const addr = (sheetId: string, rect: Rect) => {
    const s = m.sheetById(sheetId);
    return s ? qualifiedAddress(s.name, rect, true) : null;
  };
  return {
    model: () => m.wb,
    sheetNames: () => m.wb.sheets.map((s) => s.name),
    sheets: () =>
      m.wb.sheets.map((s, i) => ({
        id: s.id,
        name: s.name,
        position: i,
        visibility: s.visibility,
        protected: s.protection.protected,
        active: s.id === m.wb.activeSheetId,
      })),
    cell: (sheet, address) => {
      const s = sheetOf(sheet);
      const rect = rectOf(address);
      const { r0: r, c0: c } = rect;
      const v = m.valueAt(s, r, c);
      const cell = s.cells.get(cellKey(r, c));
      const fmt = m.formatAt(s, r, c);
      const cfs = m.appliedConditionalFormats(s, r, c);
      let cf: InspectedCell["conditionalFormat"] = null;
      if (cfs.length) {
        cf = { fillColor: null, fontColor: null, bold: null, italic: null };
        for (const x of [...cfs].reverse()) {
          for (const k of ["fillColor", "fontColor", "bold", "italic"] as const) {
            if (x.format[k] !== null) (cf as Record<string, unknown>)[k] = x.format[k];
          }
        }
      }
      return {
        address: qualifiedAddress(s.name, { r0: r, c0: c, r1: r, c1: c }),
        value: apiValue(v),
        type: valueTypeOf(v),
        formula: cell?.formula ?? null,
        text: formatValue(v, fmt.numberFormat),
        numberFormat: fmt.numberFormat ?? "General",
        format: fmt,
        locked: fmt.locked !== false,
        conditionalFormat: cf,
      };
    },
    values: (sheet, address) => gridOf(sheet, address, (s, r, c) => apiValue(m.valueAt(s, r, c))),
    formulas: (sheet, address) =>
      gridOf(sheet, address, (s, r, c) => {
        const cell = s.cells.get(cellKey(r, c));
        return cell?.formula ?? apiValue(cell ? cell.value : null);
      }),
    texts: (sheet, address) =>
      gridOf(sheet, address, (s, r, c) => formatValue(m.valueAt(s, r, c), m.formatAt(s, r, c).numberFormat)),
    formats: (sheet, address) => gridOf(sheet, address, (s, r, c) => ({ ...m.formatAt(s, r, c) })),
    usedRange: (sheet, valuesOnly = false) => {
      const s = sheetOf(sheet);
      const u = m.usedRect(s, valuesOnly);
      return u ? qualifiedAddress(s.name, u) : null;
    },
    tables: () =>
      m.wb.tables.map((t) => {
        const s = m.sheetById(t.sheetId)!;
        return {
          id: t.id,
          name: t.name,
          sheet: s.name,
          address: qualifiedAddress(s.name, t.rect),
          columns: t.columns.map((c) => c.name),
          rowCount: t.rect.r1 - t.rect.r0,
          style: t.style,
        };
      }),
    names: () =>
      m.wb.names.map((n) => {
        const v = m.calc.evaluateToValue(n.formula, m.wb.sheets[0]);
        let type = "String";
        let value: unknown = null;
        if (v && typeof v === "object" && "kind" in v && v.kind === "ref") {
          type = "Range";
          value = qualifiedAddress(v.sheet.name, v, true);
        } else if (v && typeof v === "object" && "kind" in v && v.kind === "error") {
          type = "Error";
          value = v.code;
        } else if (typeof v === "number") {
          type = "Double";
          value = v;
        } else if (typeof v === "boolean") {
          type = "Boolean";
          value = v;
        } else value = v;
        return { name: n.name, formula: n.formula, type, value, comment: n.comment, visible: n.visible };
      }),
    charts: (sheet) => {
      const sheets = sheet ? [sheetOf(sheet)] : m.wb.sheets;
      return sheets.flatMap((s) =>
        s.charts.map((c) => ({
          id: c.id,
          name: c.name,
          sheet: s.name,
          type: c.type,
          title: c.title.visible ? c.title.text : null,
          legend: { ...c.legend },
          seriesBy: c.seriesBy,
          source: c.source ? addr(c.source.sheetId, c.source.rect) : null,
          series: c.series.map((x, i) => ({
            name: seriesName(m, x, i),
            values: x.values ? addr(x.values.sheetId, x.values.rect) : null,
            categories: x.categories ? addr(x.categories.sheetId, x.categories.rect) : null,
            valueData: refValues(m, x.values),
            categoryData: refValues(m, x.categories),
            chartType: x.chartType,
            color: x.color,
          })),
          axes: JSON.parse(JSON.stringify(c.axes)),
          position: { ...c.position },
          dataLabels: { ...c.dataLabels },
        })),
      );
    },
    validation: (sheet, address) => {
      const s = sheetOf(sheet);
      return m
        .validationsIn(s, rectOf(address))
        .filter((v) => (v as { ruleSet?: boolean }).ruleSet !== false)
        .map((v) => ({
          ...JSON.parse(JSON.stringify({ ...v, ranges: undefined })),
          ranges: v.ranges.map((r) => rectAddress(r)),
        }));
    },
    conditionalFormats: (sheet, address) => {
      const s = sheetOf(sheet);
      const list = address
        ? m.conditionalFormatsIn(s, rectOf(address))
        : [...s.conditionalFormats].sort((a, b) => a.priority - b.priority);
      return list.map((c) => ({
        ...JSON.parse(JSON.stringify({ ...c, ranges: undefined })),
        ranges: c.ranges.map((r) => rectAddress(r)),
      }));
    },
    protection: (sheet) => {
      const s = sheetOf(sheet);
      return { protected: s.protection.protected, options: { ...s.protection.options } };
    },
    columnWidth: (sheet, column) => {
      const s = sheetOf(sheet);
      const c = typeof column === "number" ? column : columnIndex(column);
      return s.columnWidths.get(c) ?? 48;
    },
    columnOutlineLevel: (sheet, column) => {
      const c = typeof column === "number" ? column : columnIndex(column);
      return sheetOf(sheet).columnOutline.get(c) ?? 0;
    },
    freeze: (sheet) => ({ ...sheetOf(sheet).freeze }),
    circularReferences: () => [...m.calc.circular],
    evaluations: () => m.calc.evaluations,
  };
}

/** Creates an empty workbook (one sheet "Sheet1" unless options.sheets says otherwise). */
