/**
 * The base of the workbook model's layers (SimModel at the top): the state every operation works
 * on, the change records events are made from, protection checks and table lookups.
 */
import { simError } from "../errors";
import { Calc } from "../formula/engine";
import { FUNCTIONS } from "../formula/functions";
import { cellKey, keyCol, keyRow, type Rect, rectContainsCell, rectIntersect } from "./address";
import { FormatInterner } from "./format";
import { SharedFormulaCell } from "./shared-formulas";
import type { Cell, ChartModel, SheetModel, TableModel, WorkbookModel } from "./types";

export type ChangeType =
  | "RangeEdited"
  | "RowInserted"
  | "RowDeleted"
  | "ColumnInserted"
  | "ColumnDeleted"
  | "CellInserted"
  | "CellDeleted";

export interface ChangeDetails {
  valueBefore: unknown;
  valueAfter: unknown;
  valueTypeBefore: string;
  valueTypeAfter: string;
}

/** One change, for onChanged events and subscribers. */
export interface ChangeRecord {
  sheetId: string;
  rect: Rect;
  changeType: ChangeType;
  /** The session (co-author) that made it. */
  session: number;
  /** Whether it came from a user edit in the grid rather than the API. */
  byUser: boolean;
  /** Tables whose range the change touched, with the touched part. */
  tables: { tableId: string; rect: Rect }[];
  details?: ChangeDetails;
}

export type StructureChange =
  | "sheets"
  | "tables"
  | "names"
  | "charts"
  | "validation"
  | "conditionalFormats"
  | "format"
  | "protection"
  | "calculation";

/** Where a formula is: its sheet (null for a defined name) and cell (a rule's: its range's top-left). */
export interface FormulaHome {
  sheet: SheetModel | null;
  row: number;
  col: number;
  /** The range being written with it (a write next to a table expands the table). */
  writing?: Rect;
}

/** The cells of a table: header row, data body and, when shown, its total row. */
export function tableExtent(t: TableModel): Rect {
  return t.showTotals ? { ...t.rect, r1: t.rect.r1 + 1 } : t.rect;
}

export abstract class ModelCore {
  readonly wb: WorkbookModel;

  readonly calc: Calc;

  /** The shared format objects of this workbook's cells. */
  readonly formats = new FormatInterner();

  /** Changes not yet dispatched as events. */
  changes: ChangeRecord[] = [];

  /** Kinds of structural change since last drained (for subscribers). */
  structure = new Set<StructureChange>();

  /** Session of the code now applying changes (0 = the primary user/add-in). */
  session = 0;

  byUser = false;

  /**
   * Whether writing right below a table takes the rows into it (Excel's auto-expansion). Off models
   * the cases where Excel does not (office-js #3191, #3013, #2097, AutoCorrect option turned off).
   */
  autoExpand = true;

  /** The state of a new workbook, or (from) of an existing one (copy.ts). */
  constructor(from?: WorkbookModel) {
    this.wb = from ?? {
      sheets: [],
      tables: [],
      names: [],
      activeSheetId: "",
      calculationMode: "Automatic",
      counters: { sheet: 0, table: 0, chart: 0, validation: 0, cf: 0 },
    };
    this.calc = new Calc(this.wb, FUNCTIONS);
  }

  private isLocked(sheet: SheetModel, r: number, c: number): boolean {
    const cell = sheet.cells.get(cellKey(r, c));
    const l = cell?.format?.locked ?? sheet.rowFormats.get(r)?.locked ?? sheet.columnFormats.get(c)?.locked;
    return l !== false;
  }

  /** Throws AccessDenied when the sheet is protected and any cell of rect is locked. */
  checkEditable(sheet: SheetModel, rect: Rect): void {
    if (!sheet.protection.protected) return;
    const area = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
    if (area > 2_000_000) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (sheet.columnFormats.get(c)?.locked !== false) throw this.protectedError(sheet);
      }
      for (const [k, cell] of sheet.cells) {
        if (cell.format?.locked === true && rectContainsCell(rect, keyRow(k), keyCol(k)))
          throw this.protectedError(sheet);
      }
      return;
    }
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (this.isLocked(sheet, r, c)) throw this.protectedError(sheet);
      }
    }
  }

  private protectedError(sheet: SheetModel) {
    return simError(
      "AccessDenied",
      `The cell or chart you're trying to change is on a protected sheet ('${sheet.name}').`,
    );
  }

  /** Throws AccessDenied for structure/format operations on a protected sheet unless allowed. */
  checkAllowed(sheet: SheetModel, allowed?: keyof SheetModel["protection"]["options"]): void {
    if (!sheet.protection.protected) return;
    if (allowed && sheet.protection.options[allowed]) return;
    throw this.protectedError(sheet);
  }

  /**
   * The cell at `key` as one that code may change field by field: a shared formula's cell
   * (shared-formulas.ts), which holds no text of its own, is replaced by one that does.
   */
  protected writable(sheet: SheetModel, key: number, cell: Cell): Cell {
    if (!(cell instanceof SharedFormulaCell)) return cell;
    const own = cell.withOwnText();
    sheet.cells.set(key, own);
    return own;
  }

  tablesOn(sheet: SheetModel): TableModel[] {
    return this.wb.tables.filter((t) => t.sheetId === sheet.id);
  }

  tableByName(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.wb.tables.find((t) => t.name.toLowerCase() === lower);
  }

  tableById(id: string): TableModel | undefined {
    return this.wb.tables.find((t) => t.id === id);
  }

  protected overlapsOtherTable(sheet: SheetModel, r: Rect, except?: TableModel): boolean {
    return this.tablesOn(sheet).some((t) => t !== except && rectIntersect(tableExtent(t), r));
  }

  chartsOn(sheet: SheetModel): ChartModel[] {
    return sheet.charts;
  }

  record(sheet: SheetModel, rect: Rect, changeType: ChangeType, details?: ChangeDetails): void {
    const tables: { tableId: string; rect: Rect }[] = [];
    for (const t of this.tablesOn(sheet)) {
      const i = rectIntersect(tableExtent(t), rect);
      if (i) tables.push({ tableId: t.id, rect: i });
    }
    this.changes.push({
      sheetId: sheet.id,
      rect,
      changeType,
      session: this.session,
      byUser: this.byUser,
      tables,
      details,
    });
  }
}
