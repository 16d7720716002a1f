/**
 * Tables, their columns and rows.
 */
import { simError } from "../errors";
import { cellKey, type Rect } from "../model/address";
import type { SheetModel, TableColumnModel, TableModel } from "../model/types";
import { apiValue, type SimModel, tableExtent } from "../model/workbook-model";
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
import { type SimRequestContext, SimEventHandlers } from "./context";
import { type RangeEntity, SimRange } from "./range";
import { SimWorksheet } from "./worksheet";

/** workbook.tables (sheet = null) or worksheet.tables. */
export class SimTableCollection extends SimCollection<{ m: SimModel; sheet: SheetModel | null }, SimTable> {
  constructor(
    ctx: SimRequestContext,
    private readonly ws: SimWorksheet | null,
  ) {
    super(
      ctx,
      () => {
        if (!ws) return { m: ctx._model, sheet: null };
        const s = ws._parentEntity();
        return s === NULL_PARENT ? NULL_PARENT : { m: ctx._model, sheet: s };
      },
      "TableCollection",
    );
  }

  protected override _scalars(): readonly string[] {
    return ["items", "count"];
  }

  protected _list(e: { m: SimModel; sheet: SheetModel | null }): unknown[] {
    return e.sheet ? e.m.tablesOn(e.sheet) : e.m.wb.tables;
  }

  protected _itemProxy(model: unknown): SimTable {
    const t = model as TableModel;
    return new SimTable(ctxOf(this), () => t);
  }

  get count(): number {
    return this._get("count");
  }

  add(address: string | SimRange, hasHeaders: boolean): SimTable {
    let created: TableModel | null = null;
    this._call("add", [address, hasHeaders], (e) => {
      let target: RangeEntity;
      if (address instanceof SimRange) {
        const r = address._entity();
        if (!r) throw simError("InvalidArgument");
        target = r;
      } else {
        const r = e.m.resolveAddress(String(address), e.sheet);
        target = r;
      }
      if (e.sheet && target.sheet !== e.sheet)
        throw simError("InvalidArgument", "The address is on another worksheet.");
      created = e.m.addTable(target.sheet, target.rect, !!hasHeaders);
    });
    return new SimTable(ctxOf(this), () => {
      if (!created) throw simError("ItemNotFound");
      return created;
    });
  }

  private find(key: string | number): TableModel {
    const e = this._entity();
    if (!e) throw simError("ItemNotFound");
    const list = this._list(e) as TableModel[];
    const k = String(key).toLowerCase();
    const t = list.find((x) => x.name.toLowerCase() === k || x.id === String(key));
    if (!t) throw simError("ItemNotFound", `The table '${key}' doesn't exist.`);
    return t;
  }

  getItem(key: string | number): SimTable {
    return new SimTable(ctxOf(this), () => this.find(key));
  }

  getItemOrNullObject(key: string | number): SimTable {
    return new SimTable(ctxOf(this), () => this.find(key), true);
  }

  getItemAt(index: number): SimTable {
    return new SimTable(ctxOf(this), () => {
      const e = this._parentEntity();
      if (e === NULL_PARENT) return NULL_PARENT;
      const list = this._list(e) as TableModel[];
      if (index < 0 || index >= list.length) throw simError("ItemNotFound");
      return list[index];
    });
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (e) => this._list(e).length);
  }
}
defineProps(SimTableCollection, []);

export class SimTable extends SimClientObject<TableModel> {
  private _columns?: SimTableColumnCollection;
  private _rows?: SimTableRowCollection;
  private _onChanged?: SimEventHandlers;
  private _ws?: SimWorksheet;

  constructor(ctx: SimRequestContext, resolver: Resolver<TableModel>, nullable = false) {
    super(ctx, resolver, "Table", nullable);
  }

  protected _scalars(): readonly string[] {
    return [
      "id",
      "legacyId",
      "name",
      "showHeaders",
      "showTotals",
      "style",
      "showBandedRows",
      "showBandedColumns",
      "showFilterButton",
      "highlightFirstColumn",
      "highlightLastColumn",
    ];
  }

  protected override _nav(name: string): SimClientObject | undefined {
    if (name === "columns") return this.columns;
    if (name === "rows") return this.rows;
    if (name === "worksheet") return this.worksheet;
    return undefined;
  }

  protected _read(t: TableModel, prop: string): unknown {
    switch (prop) {
      case "id":
        return t.id;
      case "legacyId":
        return t.id;
      case "showHeaders":
        return true;
      case "showTotals":
        return !!t.showTotals;
      default:
        return (t as unknown as Record<string, unknown>)[prop];
    }
  }

  protected override _write(t: TableModel, prop: string, value: unknown, exec: ExecState): void {
    const m = exec.model;
    switch (prop) {
      case "name":
        return m.renameTable(t, String(value));
      case "showTotals":
        return m.setShowTotals(t, !!value);
      case "showHeaders":
        if (!value) throw simError("NotImplemented", "excel-sim does not model tables without a header row.");
        return;
      case "style":
        t.style = String(value);
        break;
      case "showBandedRows":
      case "showBandedColumns":
      case "showFilterButton":
      case "highlightFirstColumn":
      case "highlightLastColumn":
        (t as unknown as Record<string, unknown>)[prop] = !!value;
        break;
      default:
        return super._write(t, prop, value, exec);
    }
    m.structure.add("tables");
  }

  get columns(): SimTableColumnCollection {
    return (this._columns ??= new SimTableColumnCollection(ctxOf(this), this));
  }

  get rows(): SimTableRowCollection {
    return (this._rows ??= new SimTableRowCollection(ctxOf(this), this));
  }

  get worksheet(): SimWorksheet {
    return (this._ws ??= new SimWorksheet(ctxOf(this), () => {
      const t = this._parentEntity();
      if (t === NULL_PARENT) return NULL_PARENT;
      return ctxOf(this)._model.sheetById(t.sheetId) ?? null;
    }));
  }

  get onChanged(): SimEventHandlers {
    return (this._onChanged ??= new SimEventHandlers(
      ctxOf(this),
      "TableChanged",
      this,
      (e) => (e as TableModel).id,
    ));
  }

  /** A range of the table, computed when a sync uses it. */
  _range(f: (t: TableModel) => Rect): SimRange {
    const ctx = ctxOf(this);
    return new SimRange(ctx, () => {
      const t = this._parentEntity();
      if (t === NULL_PARENT) return NULL_PARENT;
      const sheet = ctx._model.sheetById(t.sheetId);
      if (!sheet) throw simError("ItemNotFound");
      return { sheet, rect: f(t) };
    });
  }

  getRange(): SimRange {
    return this._range((t) => ({ ...tableExtent(t) }));
  }

  getHeaderRowRange(): SimRange {
    return this._range((t) => ({ ...t.rect, r1: t.rect.r0 }));
  }

  getDataBodyRange(): SimRange {
    return this._range((t) => ({ ...t.rect, r0: t.rect.r0 + 1 }));
  }

  getTotalRowRange(): SimRange {
    return this._range((t) => {
      if (!t.showTotals) throw simError("InvalidOperation", "The table has no total row.");
      return { ...t.rect, r0: t.rect.r1 + 1, r1: t.rect.r1 + 1 };
    });
  }

  delete(): void {
    this._call("delete", [], (t, exec) => exec.model.deleteTable(t, false));
  }

  convertToRange(): SimRange {
    const r = this.getRange();
    // Resolve the range before the table goes.
    this._call("convertToRange", [], (t, exec) => {
      r._entity();
      exec.model.deleteTable(t, true);
    });
    return r;
  }

  clearFilters(): void {
    this._call("clearFilters", [], () => undefined);
  }
}
defineProps(
  SimTable,
  ["id", "legacyId", "showHeaders"],
  [
    "name",
    "showTotals",
    "style",
    "showBandedRows",
    "showBandedColumns",
    "showFilterButton",
    "highlightFirstColumn",
    "highlightLastColumn",
  ],
);

interface ColumnEntity {
  table: TableModel;
  column: TableColumnModel;
}

export class SimTableColumnCollection extends SimCollection<TableModel, SimTableColumn> {
  constructor(
    ctx: SimRequestContext,
    private readonly table: SimTable,
  ) {
    super(ctx, () => table._parentEntity(), "TableColumnCollection");
  }

  protected override _scalars(): readonly string[] {
    return ["items", "count"];
  }

  protected _list(t: TableModel): unknown[] {
    return t.columns.map((column) => ({ table: t, column }));
  }

  protected _itemProxy(model: unknown): SimTableColumn {
    const c = model as ColumnEntity;
    return new SimTableColumn(ctxOf(this), () => c);
  }

  get count(): number {
    return this._get("count");
  }

  private col(f: (t: TableModel) => TableColumnModel | undefined, nullable = false): SimTableColumn {
    return new SimTableColumn(
      ctxOf(this),
      () => {
        const t = this.table._parentEntity();
        if (t === NULL_PARENT) return NULL_PARENT;
        const column = f(t);
        if (!column) throw simError("ItemNotFound", "The table column doesn't exist.");
        return { table: t, column };
      },
      nullable,
    );
  }

  /** key: the column's name or its numeric id. */
  getItem(key: number | string): SimTableColumn {
    return this.col((t) => findColumn(t, key));
  }

  getItemOrNullObject(key: number | string): SimTableColumn {
    return this.col((t) => findColumn(t, key), true);
  }

  getItemAt(index: number): SimTableColumn {
    return this.col((t) => t.columns[index]);
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (t) => t.columns.length);
  }

  add(index?: number | null, values?: unknown, name?: string): SimTableColumn {
    let id: number | null = null;
    this._call("add", [index ?? null, values ?? null, name ?? null], (t, exec) => {
      id = exec.model.addTableColumn(t, index ?? null, values, name ?? null);
    });
    return this.col((t) => t.columns.find((c) => c.id === id));
  }
}
defineProps(SimTableColumnCollection, []);

function findColumn(t: TableModel, key: number | string): TableColumnModel | undefined {
  if (typeof key === "number") return t.columns.find((c) => c.id === key);
  const k = String(key).toLowerCase();
  return (
    t.columns.find((c) => c.name.toLowerCase() === k) ?? t.columns.find((c) => String(c.id) === String(key))
  );
}

export class SimTableColumn extends SimClientObject<ColumnEntity> {
  constructor(ctx: SimRequestContext, resolver: Resolver<ColumnEntity>, nullable = false) {
    super(ctx, resolver, "TableColumn", nullable);
  }

  protected override _gone(e: ColumnEntity): boolean {
    return !!e.table.deleted || !e.table.columns.includes(e.column);
  }

  protected _scalars(): readonly string[] {
    return ["id", "index", "name", "values"];
  }

  protected _read(e: ColumnEntity, prop: string, exec: ExecState): unknown {
    const idx = e.table.columns.indexOf(e.column);
    switch (prop) {
      case "id":
        return e.column.id;
      case "index":
        return idx;
      case "name":
        return e.column.name;
      case "values": {
        const m = exec.model;
        const sheet = m.sheetById(e.table.sheetId)!;
        const out: unknown[][] = [];
        for (let r = e.table.rect.r0; r <= e.table.rect.r1; r++)
          out.push([apiValue(m.valueAt(sheet, r, e.table.rect.c0 + idx))]);
        return out;
      }
    }
    return undefined;
  }

  protected override _write(e: ColumnEntity, prop: string, value: unknown, exec: ExecState): void {
    const m = exec.model;
    const sheet = m.sheetById(e.table.sheetId)!;
    const idx = e.table.columns.indexOf(e.column);
    const c = e.table.rect.c0 + idx;
    if (prop === "name") {
      return m.writeRange(
        sheet,
        { r0: e.table.rect.r0, c0: c, r1: e.table.rect.r0, c1: c },
        [[value]],
        "values",
      );
    }
    if (prop === "values") {
      return m.writeRange(sheet, { r0: e.table.rect.r0, c0: c, r1: e.table.rect.r1, c1: c }, value, "values");
    }
    super._write(e, prop, value, exec);
  }

  private range(f: (t: TableModel, c: number) => Rect): SimRange {
    const ctx = ctxOf(this);
    return new SimRange(ctx, () => {
      const e = this._parentEntity();
      if (e === NULL_PARENT) return NULL_PARENT;
      const sheet = ctx._model.sheetById(e.table.sheetId);
      if (!sheet) throw simError("ItemNotFound");
      return { sheet, rect: f(e.table, e.table.rect.c0 + e.table.columns.indexOf(e.column)) };
    });
  }

  getRange(): SimRange {
    return this.range((t, c) => ({ r0: t.rect.r0, r1: t.rect.r1, c0: c, c1: c }));
  }

  getDataBodyRange(): SimRange {
    return this.range((t, c) => ({ r0: t.rect.r0 + 1, r1: t.rect.r1, c0: c, c1: c }));
  }

  getHeaderRowRange(): SimRange {
    return this.range((t, c) => ({ r0: t.rect.r0, r1: t.rect.r0, c0: c, c1: c }));
  }

  delete(): void {
    this._call("delete", [], (e, exec) => exec.model.deleteTableColumn(e.table, e.column.id));
  }
}
defineProps(SimTableColumn, ["id", "index"], ["name", "values"]);

interface RowEntity {
  table: TableModel;
  index: number;
}

export class SimTableRowCollection extends SimCollection<TableModel, SimTableRow> {
  constructor(
    ctx: SimRequestContext,
    private readonly table: SimTable,
  ) {
    super(ctx, () => table._parentEntity(), "TableRowCollection");
  }

  protected override _scalars(): readonly string[] {
    return ["items", "count"];
  }

  protected _list(t: TableModel): unknown[] {
    return Array.from({ length: t.rect.r1 - t.rect.r0 }, (_, index) => ({ table: t, index }));
  }

  protected _itemProxy(model: unknown): SimTableRow {
    const r = model as RowEntity;
    return new SimTableRow(ctxOf(this), () => r);
  }

  get count(): number {
    return this._get("count");
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (t) => t.rect.r1 - t.rect.r0);
  }

  getItemAt(index: number): SimTableRow {
    return new SimTableRow(ctxOf(this), () => {
      const t = this.table._parentEntity();
      if (t === NULL_PARENT) return NULL_PARENT;
      if (index < 0 || index >= t.rect.r1 - t.rect.r0) throw simError("ItemNotFound");
      return { table: t, index };
    });
  }

  /**
   * Inserts rows at the end of the table (above its total row), shifting the cells below. Excel
   * documents a merge conflict when co-authors edit the table meanwhile (coauthors.ts), so the
   * product uses it only where Excel did not take rows written below a table into it. Every use is
   * counted in stats.tableRowsAdd.
   */
  add(index?: number | null, values?: unknown, _alwaysInsert?: boolean): SimTableRow {
    let at = -1;
    this._call(
      "add",
      [index ?? null, values ?? null],
      (t, exec) => {
        exec.beforeRowsAdd?.(t.id);
        exec.model.addTableRows(t, index ?? null, values);
        at = index ?? t.rect.r1 - t.rect.r0 - (Array.isArray(values) ? values.length : 1);
      },
      "tableRowsAdd",
    );
    return new SimTableRow(ctxOf(this), () => {
      const t = this.table._parentEntity();
      if (t === NULL_PARENT) return NULL_PARENT;
      return { table: t, index: at };
    });
  }
}
defineProps(SimTableRowCollection, []);

export class SimTableRow extends SimClientObject<RowEntity> {
  constructor(ctx: SimRequestContext, resolver: Resolver<RowEntity>) {
    super(ctx, resolver, "TableRow");
  }

  protected _scalars(): readonly string[] {
    return ["index", "values"];
  }

  protected _read(e: RowEntity, prop: string, exec: ExecState): unknown {
    if (prop === "index") return e.index;
    const m = exec.model;
    const sheet = m.sheetById(e.table.sheetId)!;
    const r = e.table.rect.r0 + 1 + e.index;
    const row: unknown[] = [];
    for (let c = e.table.rect.c0; c <= e.table.rect.c1; c++) row.push(apiValue(m.valueAt(sheet, r, c)));
    return [row];
  }

  protected override _write(e: RowEntity, prop: string, value: unknown, exec: ExecState): void {
    if (prop !== "values") return super._write(e, prop, value, exec);
    const m = exec.model;
    const sheet = m.sheetById(e.table.sheetId)!;
    const r = e.table.rect.r0 + 1 + e.index;
    m.writeRange(sheet, { r0: r, c0: e.table.rect.c0, r1: r, c1: e.table.rect.c1 }, value, "values");
  }

  getRange(): SimRange {
    const ctx = ctxOf(this);
    return new SimRange(ctx, () => {
      const e = this._parentEntity();
      if (e === NULL_PARENT) return NULL_PARENT;
      const sheet = ctx._model.sheetById(e.table.sheetId)!;
      const r = e.table.rect.r0 + 1 + e.index;
      return { sheet, rect: { r0: r, r1: r, c0: e.table.rect.c0, c1: e.table.rect.c1 } };
    });
  }

  delete(): void {
    this._call("delete", [], (e, exec) => {
      const m = exec.model;
      const sheet = m.sheetById(e.table.sheetId)!;
      if (e.table.rect.r1 - e.table.rect.r0 <= 1) {
        m.clearRange(sheet, { ...e.table.rect, r0: e.table.rect.r0 + 1 }, "Contents");
        return;
      }
      const r = e.table.rect.r0 + 1 + e.index;
      m.deleteCells(sheet, { r0: r, r1: r, c0: e.table.rect.c0, c1: e.table.rect.c1 }, "Up");
      void cellKey;
    });
  }
}
defineProps(SimTableRow, ["index"], ["values"]);
