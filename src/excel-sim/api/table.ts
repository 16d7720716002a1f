/**
 * Tables, their columns and rows.
 */
import { simError } from "../errors";
import { type Rect } from "../model/address";
import type { SheetModel, TableColumnModel, TableModel } from "../model/types";
import { apiValue } from "../model/api-values";
import { tableExtent } from "../model/model-core";
import type { SimModel } from "../model/workbook-model";
import {
  declareProperties,
  writeAndMark,
  type Resolver,
  SimClientObject,
  SimClientResult,
  ctxOf,
  fromParent,
} from "./base";
import { SimCollection, SimPartCollection, type PartSpec } from "./collections";
import { type SimRequestContext, SimEventHandlers } from "./context";
import { type RangeEntity, rangeFrom, SimRange } from "./range";
import { SimWorksheet, worksheetOf } from "./worksheet";

/** workbook.tables (sheet = null) or worksheet.tables. */
export class SimTableCollection extends SimCollection<{ m: SimModel; sheet: SheetModel | null }, SimTable> {
  constructor(ctx: SimRequestContext, ws: SimWorksheet | null) {
    super(
      ctx,
      ws ? fromParent(ws, (sheet, m) => ({ m, sheet })) : () => ({ m: ctx._model, sheet: null }),
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
    return this._callCreating(
      "add",
      [address, hasHeaders],
      (e) => {
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
        return e.m.addTable(target.sheet, target.rect, !!hasHeaders);
      },
      (resolver) => new SimTable(ctxOf(this), resolver),
    );
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
    return new SimTable(
      ctxOf(this),
      fromParent(this, (e) => {
        const list = this._list(e) as TableModel[];
        if (index < 0 || index >= list.length) throw simError("ItemNotFound");
        return list[index];
      }),
    );
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (e) => this._list(e).length);
  }
}

export class SimTable extends SimClientObject<TableModel> {
  declare readonly columns: SimTableColumnCollection;
  declare readonly rows: SimTableRowCollection;
  private _onChanged?: SimEventHandlers;
  declare readonly worksheet: SimWorksheet;

  constructor(ctx: SimRequestContext, resolver: Resolver<TableModel>, nullable = false) {
    super(ctx, resolver, "Table", nullable);
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
    return rangeFrom(this, (t, m) => {
      const sheet = m.sheetById(t.sheetId);
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
/** Table options Excel keeps and excel-sim stores without drawing them. */
const STORED_FLAGS = [
  "showBandedRows",
  "showBandedColumns",
  "showFilterButton",
  "highlightFirstColumn",
  "highlightLastColumn",
] as const;

declareProperties<TableModel, SimTable>(SimTable, {
  children: {
    worksheet: (p) => worksheetOf(p, (t, m) => m.sheetById(t.sheetId) ?? null),
    columns: (p) => new SimTableColumnCollection(ctxOf(p), p),
    rows: (p) => new SimTableRowCollection(ctxOf(p), p),
  },
  scalars: {
    id: { read: (t) => t.id },
    legacyId: { read: (t) => t.id },
    name: { read: (t) => t.name, write: (t, v, exec) => exec.model.renameTable(t, String(v)) },
    showHeaders: {
      read: () => true,
      write: (_t, v) => {
        if (!v) throw simError("NotImplemented", "excel-sim does not model tables without a header row.");
      },
    },
    showTotals: { read: (t) => !!t.showTotals, write: (t, v, exec) => exec.model.setShowTotals(t, !!v) },
    style: {
      read: (t) => t.style,
      write: writeAndMark("tables", (t, v) => (t.style = String(v))),
    },
    ...Object.fromEntries(
      STORED_FLAGS.map((flag) => [
        flag,
        {
          read: (t: TableModel) => t[flag],
          write: writeAndMark("tables", (t, v) => (t[flag] = !!v)),
        },
      ]),
    ),
  },
  navigation: { worksheet: (t) => t.worksheet },
});

const NO_COLUMN = "The table column doesn't exist.";

interface ColumnEntity {
  table: TableModel;
  column: TableColumnModel;
}

const COLUMN_PARTS: PartSpec<TableModel, ColumnEntity, SimTableColumn> = {
  count: (t) => t.columns.length,
  at: (t, index) => ({ table: t, column: t.columns[index] }),
  proxy: (ctx, resolver, nullable) => new SimTableColumn(ctx, resolver, nullable),
  noPartAt: () => NO_COLUMN,
};

export class SimTableColumnCollection extends SimPartCollection<TableModel, ColumnEntity, SimTableColumn> {
  constructor(
    ctx: SimRequestContext,
    private readonly table: SimTable,
  ) {
    super(ctx, table, "TableColumnCollection", COLUMN_PARTS);
  }

  private col(f: (t: TableModel) => TableColumnModel | undefined, nullable = false): SimTableColumn {
    return this._proxy(
      fromParent(this.table, (t) => {
        const column = f(t);
        if (!column) throw simError("ItemNotFound", NO_COLUMN);
        return { table: t, column };
      }),
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

  add(index?: number | null, values?: unknown, name?: string): SimTableColumn {
    let id: number | null = null;
    this._call("add", [index ?? null, values ?? null, name ?? null], (t, exec) => {
      id = exec.model.addTableColumn(t, index ?? null, values, name ?? null);
    });
    return this.col((t) => t.columns.find((c) => c.id === id));
  }
}

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

  private range(f: (t: TableModel, c: number) => Rect): SimRange {
    return rangeFrom(this, (e, m) => {
      const sheet = m.sheetById(e.table.sheetId);
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
/** The sheet and column of a table column's cells. */
function columnCells(e: ColumnEntity, m: SimModel): { sheet: SheetModel; c: number } {
  return { sheet: m.sheetById(e.table.sheetId)!, c: e.table.rect.c0 + e.table.columns.indexOf(e.column) };
}

declareProperties<ColumnEntity, SimTableColumn>(SimTableColumn, {
  scalars: {
    id: { read: (e) => e.column.id },
    index: { read: (e) => e.table.columns.indexOf(e.column) },
    name: {
      read: (e) => e.column.name,
      write: (e, value, exec) => {
        const { sheet, c } = columnCells(e, exec.model);
        const r0 = e.table.rect.r0;
        exec.model.writeRange(sheet, { r0, c0: c, r1: r0, c1: c }, [[value]], "values");
      },
    },
    values: {
      read: (e, exec) => {
        const m = exec.model;
        const { sheet, c } = columnCells(e, m);
        const out: unknown[][] = [];
        for (let r = e.table.rect.r0; r <= e.table.rect.r1; r++) out.push([apiValue(m.valueAt(sheet, r, c))]);
        return out;
      },
      write: (e, value, exec) => {
        const { sheet, c } = columnCells(e, exec.model);
        exec.model.writeRange(
          sheet,
          { r0: e.table.rect.r0, c0: c, r1: e.table.rect.r1, c1: c },
          value,
          "values",
        );
      },
    },
  },
});

interface RowEntity {
  table: TableModel;
  index: number;
}

const ROW_PARTS: PartSpec<TableModel, RowEntity, SimTableRow> = {
  count: (t) => t.rect.r1 - t.rect.r0,
  at: (t, index) => ({ table: t, index }),
  proxy: (ctx, resolver) => new SimTableRow(ctx, resolver),
};

export class SimTableRowCollection extends SimPartCollection<TableModel, RowEntity, SimTableRow> {
  constructor(
    ctx: SimRequestContext,
    private readonly table: SimTable,
  ) {
    super(ctx, table, "TableRowCollection", ROW_PARTS);
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
    return new SimTableRow(
      ctxOf(this),
      fromParent(this.table, (t) => ({ table: t, index: at })),
    );
  }
}

export class SimTableRow extends SimClientObject<RowEntity> {
  constructor(ctx: SimRequestContext, resolver: Resolver<RowEntity>) {
    super(ctx, resolver, "TableRow");
  }

  getRange(): SimRange {
    return rangeFrom(this, (e, m) => {
      const sheet = m.sheetById(e.table.sheetId)!;
      const r = rowOf(e);
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
      const r = rowOf(e);
      m.deleteCells(sheet, { r0: r, r1: r, c0: e.table.rect.c0, c1: e.table.rect.c1 }, "Up");
    });
  }
}
/** The row of a table row's cells (below the header). */
function rowOf(e: RowEntity): number {
  return e.table.rect.r0 + 1 + e.index;
}

declareProperties<RowEntity, SimTableRow>(SimTableRow, {
  scalars: {
    index: { read: (e) => e.index },
    values: {
      read: (e, exec) => {
        const m = exec.model;
        const sheet = m.sheetById(e.table.sheetId)!;
        const row: unknown[] = [];
        for (let c = e.table.rect.c0; c <= e.table.rect.c1; c++)
          row.push(apiValue(m.valueAt(sheet, rowOf(e), c)));
        return [row];
      },
      write: (e, value, exec) => {
        const m = exec.model;
        const r = rowOf(e);
        m.writeRange(
          m.sheetById(e.table.sheetId)!,
          { r0: r, c0: e.table.rect.c0, r1: r, c1: e.table.rect.c1 },
          value,
          "values",
        );
      },
    },
  },
});
