/**
 * A deep copy of a workbook, for a co-author whose view lags behind (sim.ts, coauthors.ts): the
 * copy is changed without touching the original. Cells are copied one by one (their values are
 * primitives or the shared error singletons; formats are interned and never changed in place);
 * parsed formulas and calculation stamps are left out, so the copy parses and computes afresh and
 * no cached reference can point into the original.
 */
import type { Cell, SheetModel, WorkbookModel } from "./types";

/** Plain data (rectangles, rules, chart settings) copied through JSON: no maps, no class instances. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function copyCell(c: Cell): Cell {
  const out: Cell = { value: c.value };
  if (c.formula !== undefined) out.formula = c.formula;
  if (c.format !== undefined) out.format = c.format;
  return out;
}

function copySheet(s: SheetModel): SheetModel {
  const cells = new Map<number, Cell>();
  for (const [key, cell] of s.cells) cells.set(key, copyCell(cell));
  return {
    ...s,
    cells,
    columnWidths: new Map(s.columnWidths),
    rowHeights: new Map(s.rowHeights),
    hiddenColumns: new Set(s.hiddenColumns),
    hiddenRows: new Set(s.hiddenRows),
    columnOutline: new Map(s.columnOutline),
    columnFormats: new Map(s.columnFormats),
    rowFormats: new Map(s.rowFormats),
    protection: { ...s.protection, options: { ...s.protection.options } },
    freeze: { ...s.freeze },
    charts: plain(s.charts),
    validations: plain(s.validations),
    conditionalFormats: plain(s.conditionalFormats),
    selection: { ...s.selection },
  };
}

export function copyWorkbook(wb: WorkbookModel): WorkbookModel {
  return {
    sheets: wb.sheets.map(copySheet),
    tables: plain(wb.tables),
    names: plain(wb.names),
    activeSheetId: wb.activeSheetId,
    calculationMode: wb.calculationMode,
    counters: { ...wb.counters },
  };
}
