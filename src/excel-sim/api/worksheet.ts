/**
 * Worksheets, protection, freeze panes, defined names.
 */
import { simError } from "../errors";
import { MAX_COLS, MAX_ROWS, qualifiedAddress } from "../model/address";
import type { NamedItemModel, ProtectionOptions, SheetModel, SheetVisibility } from "../model/types";
import { isCellError } from "../model/types";
import type { SimModel } from "../model/workbook-model";
import { apiValue } from "../model/api-values";
import { isRef } from "../formula/values";
import {
  declareProperties,
  writeAndMark,
  type Resolver,
  SimClientObject,
  SimClientResult,
  ctxOf,
  fromParent,
} from "./base";
import { SimKeyedCollection, type KeyedSpec } from "./collections";
import { type SimRequestContext, SimEventHandlers } from "./context";
import { rangeFrom, rangeFromAddress, type RangeEntity, SimRange } from "./range";
import { SimTableCollection } from "./table";
import { SimChartCollection } from "./chart";

/** The worksheet of the object `proxy` stands for, found at sync by `sheetOf` (a null object stays one). */
export function worksheetOf<T>(
  proxy: SimClientObject<T>,
  sheetOf: (e: T, m: SimModel) => SheetModel | null,
): SimWorksheet {
  return new SimWorksheet(ctxOf(proxy), fromParent(proxy, sheetOf));
}

const SHEETS: KeyedSpec<SheetModel, SimWorksheet> = {
  list: (m) => m.wb.sheets,
  find: (m, key) => {
    const s = m.wb.sheets.find((x) => x.id === key) ?? m.sheetByName(String(key));
    if (!s) throw simError("ItemNotFound", `The worksheet '${key}' doesn't exist.`);
    return s;
  },
  proxy: (ctx, resolver, nullable) => new SimWorksheet(ctx, resolver, nullable),
};

export class SimWorksheetCollection extends SimKeyedCollection<SheetModel, SimWorksheet> {
  private _onChanged?: SimEventHandlers;

  constructor(ctx: SimRequestContext) {
    super(ctx, "WorksheetCollection", SHEETS);
  }

  add(name?: string): SimWorksheet {
    return this._callCreating(
      "add",
      [name],
      (m) => m.addSheet(name),
      (resolver) => new SimWorksheet(ctxOf(this), resolver),
    );
  }

  getActiveWorksheet(): SimWorksheet {
    return new SimWorksheet(ctxOf(this), () => ctxOf(this)._model.activeSheet());
  }

  getFirst(visibleOnly = false): SimWorksheet {
    return new SimWorksheet(ctxOf(this), () => {
      const list = ctxOf(this)._model.wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible");
      if (!list.length) throw simError("ItemNotFound");
      return list[0];
    });
  }

  getLast(visibleOnly = false): SimWorksheet {
    return new SimWorksheet(ctxOf(this), () => {
      const list = ctxOf(this)._model.wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible");
      if (!list.length) throw simError("ItemNotFound");
      return list[list.length - 1];
    });
  }

  getCount(visibleOnly = false): SimClientResult<number> {
    return this._callResult(
      "getCount",
      [visibleOnly],
      (m) => m.wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length,
    );
  }

  get onChanged(): SimEventHandlers {
    return (this._onChanged ??= new SimEventHandlers(
      ctxOf(this),
      "WorksheetCollectionChanged",
      this,
      () => "",
    ));
  }
}

export class SimWorksheet extends SimClientObject<SheetModel> {
  declare readonly tables: SimTableCollection;
  declare readonly charts: SimChartCollection;
  declare readonly protection: SimWorksheetProtection;
  declare readonly freezePanes: SimFreezePanes;
  private _onChanged?: SimEventHandlers;

  constructor(ctx: SimRequestContext, resolver: Resolver<SheetModel>, nullable = false) {
    super(ctx, resolver, "Worksheet", nullable);
  }

  get onChanged(): SimEventHandlers {
    return (this._onChanged ??= new SimEventHandlers(
      ctxOf(this),
      "WorksheetChanged",
      this,
      (e) => (e as SheetModel).id,
    ));
  }

  private range(f: (s: SheetModel, m: SimModel) => RangeEntity, nullable = false): SimRange {
    return rangeFrom(this, f, nullable);
  }

  getRange(address?: string): SimRange {
    return this.range((s, m) => rangeFromAddress(m, s, address));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    return this.range((s) => {
      const ok = [startRow, startColumn, rowCount, columnCount].every((x) => Number.isInteger(x));
      if (
        !ok ||
        startRow < 0 ||
        startColumn < 0 ||
        rowCount < 1 ||
        columnCount < 1 ||
        startRow + rowCount > MAX_ROWS ||
        startColumn + columnCount > MAX_COLS
      ) {
        throw simError("InvalidArgument", "The range indexes are out of bounds.");
      }
      return {
        sheet: s,
        rect: {
          r0: startRow,
          c0: startColumn,
          r1: startRow + rowCount - 1,
          c1: startColumn + columnCount - 1,
        },
      };
    });
  }

  getCell(row: number, column: number): SimRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRange(valuesOnly = false): SimRange {
    // An empty sheet's used range is A1.
    return this.range((s, m) => ({
      sheet: s,
      rect: m.usedRect(s, valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
    }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return this.range((s, m) => {
      const u = m.usedRect(s, valuesOnly);
      if (!u) throw simError("ItemNotFound");
      return { sheet: s, rect: u };
    }, true);
  }

  delete(): void {
    this._call("delete", [], (s, exec) => {
      // By design in Excel (office-js#365; "Work with worksheets": change its visibility first).
      if (s.visibility === "VeryHidden")
        throw simError(
          "GeneralException",
          `The worksheet '${s.name}' is very hidden; change its visibility before deleting it.`,
        );
      exec.model.deleteSheet(s);
    });
  }

  activate(): void {
    this._call("activate", [], (s, exec) => exec.model.activate(s));
  }

  calculate(_markAllDirty?: boolean): void {
    this._call("calculate", [], (_s, exec) => exec.model.calc.recalculate());
  }
}
declareProperties<SheetModel, SimWorksheet>(SimWorksheet, {
  children: {
    tables: (p) => new SimTableCollection(ctxOf(p), p),
    charts: (p) => new SimChartCollection(ctxOf(p), p),
    protection: (p) => new SimWorksheetProtection(ctxOf(p), p),
    freezePanes: (p) => new SimFreezePanes(ctxOf(p), p),
  },
  scalars: {
    id: { read: (s) => s.id },
    name: { read: (s) => s.name, write: (s, v, exec) => exec.model.renameSheet(s, v as string) },
    position: {
      read: (s, exec) => exec.model.wb.sheets.indexOf(s),
      write: (s, v, exec) => exec.model.setSheetPosition(s, v as number),
    },
    visibility: {
      read: (s) => s.visibility,
      write: (s, v, exec) => exec.model.setVisibility(s, v as SheetVisibility),
    },
    tabColor: {
      read: (s) => s.tabColor ?? "",
      write: writeAndMark("sheets", (s, v) => (s.tabColor = v ? String(v).toUpperCase() : null)),
    },
    showGridlines: {
      read: (s) => s.showGridlines,
      write: writeAndMark("sheets", (s, v) => (s.showGridlines = !!v)),
    },
    // Excel's defaults; excel-sim keeps no other standard width or height.
    standardWidth: { read: () => 8.43 },
    standardHeight: { read: () => 15 },
  },
});

export class SimWorksheetProtection extends SimClientObject<SheetModel> {
  constructor(ctx: SimRequestContext, ws: SimWorksheet) {
    super(ctx, () => ws._parentEntity(), "WorksheetProtection");
  }

  protect(options?: ProtectionOptions, password?: string): void {
    this._call("protect", [options ?? null, password ? "***" : null], (s, exec) => {
      if (s.protection.protected) throw simError("InvalidOperation", "The worksheet is already protected.");
      s.protection = { protected: true, options: { ...(options ?? {}) }, password };
      exec.model.structure.add("protection");
    });
  }

  unprotect(password?: string): void {
    this._call("unprotect", [password ? "***" : null], (s, exec) => {
      if (!s.protection.protected) return;
      if (s.protection.password && s.protection.password !== password) {
        throw simError("InvalidArgument", "The password is incorrect.");
      }
      s.protection = { protected: false, options: {} };
      exec.model.structure.add("protection");
    });
  }
}
declareProperties<SheetModel, SimWorksheetProtection>(SimWorksheetProtection, {
  scalars: {
    protected: { read: (s) => s.protection.protected },
    options: { read: (s) => ({ ...s.protection.options }) },
  },
});

export class SimFreezePanes extends SimClientObject<SheetModel> {
  constructor(ctx: SimRequestContext, ws: SimWorksheet) {
    super(ctx, () => ws._parentEntity(), "WorksheetFreezePanes");
  }

  freezeRows(count = 1): void {
    this._call("freezeRows", [count], (s, exec) => {
      s.freeze = { rows: count, columns: 0 };
      exec.model.structure.add("sheets");
    });
  }

  freezeColumns(count = 1): void {
    this._call("freezeColumns", [count], (s, exec) => {
      s.freeze = { rows: 0, columns: count };
      exec.model.structure.add("sheets");
    });
  }

  freezeAt(frozenRange: string | SimRange): void {
    this._call("freezeAt", [frozenRange], (s, exec) => {
      const r =
        frozenRange instanceof SimRange
          ? frozenRange._entity()!
          : rangeFromAddress(exec.model, s, frozenRange);
      s.freeze = { rows: r.rect.r1 + 1, columns: r.rect.c1 + 1 };
      exec.model.structure.add("sheets");
    });
  }

  unfreeze(): void {
    this._call("unfreeze", [], (s, exec) => {
      s.freeze = { rows: 0, columns: 0 };
      exec.model.structure.add("sheets");
    });
  }

  getLocationOrNullObject(): SimRange {
    return rangeFrom(
      this,
      (s) => {
        if (!s.freeze.rows && !s.freeze.columns) throw simError("ItemNotFound");
        return {
          sheet: s,
          rect: {
            r0: 0,
            c0: 0,
            r1: Math.max(s.freeze.rows, 1) - 1,
            c1: s.freeze.columns ? s.freeze.columns - 1 : MAX_COLS - 1,
          },
        };
      },
      true,
    );
  }
}

// ---------------------------------------------------------------------------- names

const NAMES: KeyedSpec<NamedItemModel, SimNamedItem> = {
  list: (m) => m.wb.names,
  find: (m, name) => {
    const n = m.nameByName(String(name));
    if (!n) throw simError("ItemNotFound", `The name '${name}' doesn't exist.`);
    return n;
  },
  proxy: (ctx, resolver, nullable) => new SimNamedItem(ctx, resolver, nullable),
};

export class SimNamedItemCollection extends SimKeyedCollection<NamedItemModel, SimNamedItem> {
  constructor(ctx: SimRequestContext) {
    super(ctx, "NamedItemCollection", NAMES);
  }

  add(name: string, reference: string | SimRange, comment?: string): SimNamedItem {
    return this._callCreating(
      "add",
      [name, reference, comment],
      (m) => {
        let formula: string;
        if (reference instanceof SimRange) {
          const r = reference._entity();
          if (!r) throw simError("InvalidArgument");
          formula = `=${qualifiedAddress(r.sheet.name, r.rect, true)}`;
        } else formula = String(reference);
        return m.addName(name, formula, comment ?? "");
      },
      (resolver) => new SimNamedItem(ctxOf(this), resolver),
    );
  }

  addFormulaLocal(name: string, formula: string, comment?: string): SimNamedItem {
    return this.add(name, formula, comment);
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (m) => m.wb.names.length);
  }
}

function nameValue(m: SimModel, n: NamedItemModel): { type: string; value: unknown } {
  const v = m.calc.evaluateToValue(n.formula, m.wb.sheets[0]);
  if (isRef(v)) return { type: "Range", value: qualifiedAddress(v.sheet.name, v, true) };
  if (v && typeof v === "object" && "kind" in v && v.kind === "arr")
    return { type: "Array", value: v.data.map((x) => apiValue(x)) };
  const s = v as Exclude<typeof v, object> | null;
  if (isCellError(v)) return { type: "Error", value: v.code };
  if (typeof s === "number") return { type: "Double", value: s };
  if (typeof s === "boolean") return { type: "Boolean", value: s };
  return { type: "String", value: s ?? "" };
}

export class SimNamedItem extends SimClientObject<NamedItemModel> {
  constructor(ctx: SimRequestContext, resolver: Resolver<NamedItemModel>, nullable = false) {
    super(ctx, resolver, "NamedItem", nullable);
  }

  private rangeOf(nullable: boolean): SimRange {
    return rangeFrom(
      this,
      (n, m) => {
        const v = m.calc.evaluateToValue(n.formula, m.wb.sheets[0]);
        if (!isRef(v))
          throw simError(
            nullable ? "ItemNotFound" : "InvalidOperation",
            `The name '${n.name}' does not refer to a range.`,
          );
        return { sheet: v.sheet, rect: { r0: v.r0, c0: v.c0, r1: v.r1, c1: v.c1 } };
      },
      nullable,
    );
  }

  getRange(): SimRange {
    return this.rangeOf(false);
  }

  getRangeOrNullObject(): SimRange {
    return this.rangeOf(true);
  }

  delete(): void {
    this._call("delete", [], (n, exec) => exec.model.deleteName(n));
  }
}
declareProperties<NamedItemModel, SimNamedItem>(SimNamedItem, {
  scalars: {
    name: { read: (n) => n.name },
    type: { read: (n, exec) => nameValue(exec.model, n).type },
    value: { read: (n, exec) => nameValue(exec.model, n).value },
    formula: { read: (n) => n.formula, write: (n, v, exec) => exec.model.setNameFormula(n, String(v)) },
    comment: {
      read: (n) => n.comment,
      write: writeAndMark("names", (n, v) => (n.comment = String(v ?? ""))),
    },
    visible: {
      read: (n) => n.visible,
      write: writeAndMark("names", (n, v) => (n.visible = !!v)),
    },
    scope: { read: () => "Workbook" },
  },
});
