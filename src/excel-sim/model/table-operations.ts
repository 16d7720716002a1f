/**
 * Tables in the workbook model: adding, renaming and deleting them, their columns, rows and total
 * row, with Excel's rules.
 */
import { simError } from "../errors";
import { type Shift } from "../formula/rewrite";
import { a1Text, deleteColumnText, renameTableText } from "../formula/structured";
import { cellKey, isWholeColumns, isWholeRows, type Rect } from "./address";
import { hasFormula } from "./shared-formulas";
import type { SheetModel, TableModel } from "./types";
import { isCellError } from "./types";
import { tableExtent } from "./model-core";
import type { ParsedInput } from "./cell-contents";
import { ShiftOperations } from "./shift-operations";

/**
 * A table column inserted or deleted at sheet column `col`: only the table's rows shift, so that
 * what lies beside the table above and below it stays put, as in Excel.
 */
function tableColumnShift(t: TableModel, kind: Shift["kind"], col: number): Shift {
  return { axis: "cols", kind, at: col, count: 1, from: t.rect.r0, to: tableExtent(t).r1 };
}

export abstract class TableOperations extends ShiftOperations {
  /**
   * Table.showTotals: on, the row below the data body becomes the total row (cells below it in the
   * table's columns move down a row) with Excel's "Total" label in the first column; off, the
   * total row's cells are deleted (cells below move up).
   */
  setShowTotals(t: TableModel, on: boolean): void {
    if (!!t.showTotals === on) return;
    const sheet = this.sheetById(t.sheetId)!;
    this.checkAllowed(sheet);
    const row: Rect = { r0: t.rect.r1 + 1, r1: t.rect.r1 + 1, c0: t.rect.c0, c1: t.rect.c1 };
    if (on) {
      const s: Shift = { axis: "rows", kind: "insert", at: row.r0, count: 1, from: row.c0, to: row.c1 };
      this.checkTablesForShift(sheet, s);
      this.applyShift(sheet, s);
      t.showTotals = true;
      this.setCellContent(sheet, row.r0, row.c0, { value: "Total" });
    } else {
      t.showTotals = false;
      const s: Shift = { axis: "rows", kind: "delete", at: row.r0, count: 1, from: row.c0, to: row.c1 };
      this.applyShift(sheet, s);
    }
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, row, on ? "RowInserted" : "RowDeleted");
  }

  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean): TableModel {
    if (isWholeColumns(rect) || isWholeRows(rect))
      throw simError("InvalidArgument", "A table cannot span whole rows or columns.");
    if (this.overlapsOtherTable(sheet, rect))
      throw simError("InvalidOperation", "A table can't overlap another table.");
    this.checkAllowed(sheet);
    let r = rect;
    if (!hasHeaders) {
      // Excel generates a header row and shifts the data down by one row.
      this.applyShift(sheet, {
        axis: "rows",
        kind: "insert",
        at: rect.r0,
        count: 1,
        from: rect.c0,
        to: rect.c1,
      });
      r = { ...rect, r1: rect.r1 + 1 };
    }
    if (r.r1 === r.r0) r = { ...r, r1: r.r0 + 1 };
    let n = ++this.wb.counters.table;
    while (this.tableByName(`Table${n}`) || this.nameByName(`Table${n}`)) n = ++this.wb.counters.table;
    const t: TableModel = {
      id: String(n),
      name: `Table${n}`,
      sheetId: sheet.id,
      rect: r,
      columns: [],
      style: "TableStyleMedium2",
      showBandedRows: true,
      showBandedColumns: false,
      showFilterButton: true,
      highlightFirstColumn: false,
      highlightLastColumn: false,
      nextColumnId: 1,
    };
    for (let c = r.c0; c <= r.c1; c++) t.columns.push({ id: t.nextColumnId++, name: "" });
    this.wb.tables.push(t);
    for (let c = r.c0; c <= r.c1; c++) {
      const cell = hasHeaders ? sheet.cells.get(cellKey(r.r0, c)) : undefined;
      const v = cell ? (hasFormula(cell) ? this.valueAt(sheet, r.r0, c) : cell.value) : null;
      this.writeHeader(sheet, t, c, {
        value: v === null ? null : isCellError(v) ? v.code : typeof v === "number" ? String(v) : v,
      });
    }
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, r, "RangeEdited");
    return t;
  }

  renameTable(t: TableModel, name: string): void {
    if (t.name === name) return;
    this.checkDefinedName(name, "table", t);
    this.rewriteStructured(t, (sref, text) => renameTableText(sref, text, name));
    t.name = name;
    this.calc.invalidate();
    this.structure.add("tables");
  }

  deleteTable(t: TableModel, keepData: boolean): void {
    const sheet = this.sheetById(t.sheetId)!;
    if (!keepData) this.checkEditable(sheet, tableExtent(t));
    // Structured references to the table become plain A1 references to its cells.
    this.rewriteStructured(t, (sref, _text, home) =>
      a1Text(sref, t, sheet.name, home.sheet ? home.sheet.name : null, home.row),
    );
    this.wb.tables = this.wb.tables.filter((x) => x !== t);
    t.deleted = true;
    if (!keepData) this.clearRange(sheet, tableExtent(t), "All");
    this.calc.invalidate();
    this.structure.add("tables");
  }

  /** table.columns.add: inserts a column at index (end when null), shifting cells right within the table's rows. */
  addTableColumn(t: TableModel, index: number | null, values: unknown, name: string | null): number {
    const sheet = this.sheetById(t.sheetId)!;
    const idx = index === null || index === undefined ? t.columns.length : index;
    if (!Number.isInteger(idx) || idx < 0 || idx > t.columns.length)
      throw simError("InvalidArgument", `Invalid column index ${idx}.`);
    this.checkAllowed(sheet);
    const col = t.rect.c0 + idx;
    const rows = t.rect.r1 - t.rect.r0 + 1;
    if (values !== undefined && values !== null) {
      if (!Array.isArray(values) || (values.length !== rows && values.length !== rows - 1)) {
        throw simError("InvalidArgument", "The values don't match the table's rows.");
      }
    }
    // Insert cells for the table's rows only: what is right of the column in those rows moves
    // right, and references are adjusted as for Range.insert (a reference partly in the band stays).
    const s = tableColumnShift(t, "insert", col);
    this.checkTablesForShift(sheet, s);
    // Parse first: a bad formula fails the whole action.
    let header: unknown = name;
    let body: (ParsedInput | null)[] = [];
    if (Array.isArray(values)) {
      const withHeader = values.length === rows;
      if (withHeader && (name === null || name === undefined)) header = (values[0] as unknown[])[0];
      body = (withHeader ? values.slice(1) : values).map((row, i) =>
        this.parseInput((row as unknown[])[0], undefined, { sheet, row: t.rect.r0 + 1 + i, col }),
      );
    }
    const id = t.nextColumnId++;
    this.applyShift(sheet, s, t);
    t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
    t.columns.splice(idx, 0, { id, name: "" });
    body.forEach((p, i) => {
      if (p) this.setCellContent(sheet, t.rect.r0 + 1 + i, col, p);
    });
    this.writeHeader(sheet, t, col, {
      value: header === null || header === undefined ? null : String(header),
    });
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, { r0: t.rect.r0, c0: col, r1: t.rect.r1, c1: col }, "CellInserted");
    return id;
  }

  deleteTableColumn(t: TableModel, columnId: number): void {
    if (t.columns.length === 1) throw simError("InvalidOperation", "A table must have at least one column.");
    const idx = t.columns.findIndex((c) => c.id === columnId);
    if (idx < 0) throw simError("ItemNotFound");
    const sheet = this.sheetById(t.sheetId)!;
    const col = t.rect.c0 + idx;
    const rect = { r0: t.rect.r0, c0: col, r1: t.rect.r1, c1: col };
    this.checkAllowed(sheet);
    // The table's rows shift left (as Range.delete of those cells): references to the column's
    // cells become #REF!, structured references to the column too.
    const s = tableColumnShift(t, "delete", col);
    this.checkTablesForShift(sheet, s);
    this.rewriteStructured(t, (sref, text) => deleteColumnText(sref, text, t, idx));
    this.applyShift(sheet, s, t);
    t.columns.splice(idx, 1);
    t.rect = { ...t.rect, c1: t.rect.c1 - 1 };
    this.calc.invalidate();
    this.structure.add("tables");
    this.record(sheet, rect, "CellDeleted");
  }

  /** table.rows.add: inserts rows into the table (at the end when index is null). */
  addTableRows(t: TableModel, index: number | null, values: unknown): void {
    const sheet = this.sheetById(t.sheetId)!;
    const dataRows = t.rect.r1 - t.rect.r0;
    const cols = t.rect.c1 - t.rect.c0 + 1;
    const n = Array.isArray(values) ? values.length : 1;
    if (Array.isArray(values) && values.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw simError("InvalidArgument", "The values don't match the table's columns.");
    }
    const idx = index === null || index === undefined ? dataRows : index;
    if (!Number.isInteger(idx) || idx < 0 || idx > dataRows)
      throw simError("InvalidArgument", `Invalid row index ${idx}.`);
    // The sole empty data row of a new table is filled rather than pushed down.
    let at = t.rect.r0 + 1 + idx;
    const emptyBody =
      dataRows === 1 &&
      Array.from({ length: cols }, (_, j) => sheet.cells.get(cellKey(t.rect.r0 + 1, t.rect.c0 + j))).every(
        (c) => !c || (c.value === null && !hasFormula(c)),
      );
    let count = n;
    if (emptyBody) {
      at = t.rect.r0 + 1;
      count = n - 1;
    }
    if (count > 0) {
      const s: Shift = { axis: "rows", kind: "insert", at, count, from: t.rect.c0, to: t.rect.c1 };
      this.checkTablesForShift(sheet, { ...s });
      const r1 = t.rect.r1;
      this.applyShift(sheet, s);
      if (t.rect.r1 === r1) t.rect = { ...t.rect, r1: r1 + count };
      this.calc.invalidate();
    }
    if (Array.isArray(values))
      this.writeRange(sheet, { r0: at, c0: t.rect.c0, r1: at + n - 1, c1: t.rect.c1 }, values, "values");
    this.structure.add("tables");
  }
}
