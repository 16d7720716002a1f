/**
 * Inserting and deleting cells in the workbook model: the cells move, and every reference to them
 * (formulas, names, tables, validation, conditional formats, charts) moves or becomes #REF!.
 */
import { simError } from "../errors";
import { type Shift, shiftFormula, shiftRect } from "../formula/rewrite";
import { deleteColumnText } from "../formula/structured";
import {
  cellKey,
  isWholeColumns,
  isWholeRows,
  keyCol,
  keyRow,
  MAX_COLS,
  MAX_ROWS,
  type Rect,
} from "./address";
import { SharedFormulaCell } from "./shared-formulas";
import type { Cell, SheetModel, TableModel } from "./types";
import { type ChangeType, tableExtent } from "./model-core";
import { CellFormatting } from "./cell-formatting";

/** The shift that inserting or deleting the cells of rect makes: along rows (down/up) or columns. */
function shiftOf(rect: Rect, kind: Shift["kind"], alongRows: boolean): Shift {
  return alongRows
    ? { axis: "rows", kind, at: rect.r0, count: rect.r1 - rect.r0 + 1, from: rect.c0, to: rect.c1 }
    : { axis: "cols", kind, at: rect.c0, count: rect.c1 - rect.c0 + 1, from: rect.r0, to: rect.r1 };
}

export abstract class ShiftOperations extends CellFormatting {
  /** Inserts cells at rect, shifting existing ones down or right ("Down"/"Right"). */
  insertCells(sheet: SheetModel, rect: Rect, shift: "Down" | "Right"): void {
    this.shiftCells(sheet, rect, "insert", shift === "Down");
  }

  /** Deletes the cells of rect, shifting the others up or left ("Up"/"Left"). */
  deleteCells(sheet: SheetModel, rect: Rect, shift: "Up" | "Left"): void {
    this.shiftCells(sheet, rect, "delete", shift === "Up");
  }

  /**
   * Moves the cells beside `rect` away from it (insert) or over it (delete), along rows or
   * columns, and records the change as Excel names it. On a protected sheet only whole rows or
   * columns may move, and only where the protection allows that; a delete must not touch a
   * locked cell.
   */
  private shiftCells(sheet: SheetModel, rect: Rect, kind: Shift["kind"], alongRows: boolean): void {
    const whole = alongRows ? isWholeRows(rect) && "Rows" : isWholeColumns(rect) && "Columns";
    const verb = kind === "insert" ? "Insert" : "Delete";
    this.checkAllowed(sheet, whole ? `allow${verb}${whole}` : undefined);
    if (kind === "delete" && sheet.protection.protected) this.checkEditable(sheet, rect);
    const s = shiftOf(rect, kind, alongRows);
    this.checkTablesForShift(sheet, s);
    this.applyShift(sheet, s);
    const what = whole === "Rows" ? "Row" : whole === "Columns" ? "Column" : "Cell";
    const type: ChangeType = `${what}${kind === "insert" ? "Inserted" : "Deleted"}`;
    this.record(sheet, rect, type);
  }

  protected checkTablesForShift(sheet: SheetModel, s: Shift): void {
    for (const t of this.tablesOn(sheet)) {
      const extent = tableExtent(t);
      const o0 = s.axis === "rows" ? extent.c0 : extent.r0;
      const o1 = s.axis === "rows" ? extent.c1 : extent.r1;
      const a = s.axis === "rows" ? extent.r1 : extent.c1;
      const partly = !(o0 >= s.from && o1 <= s.to) && !(o1 < s.from || o0 > s.to);
      if (partly && s.at <= a) {
        throw simError(
          "InvalidOperation",
          "This operation is not allowed. It is attempting to shift cells in a table on your worksheet.",
        );
      }
    }
  }

  /** Moves cells and adjusts every reference for a shift; `own` = a table whose range the caller updates. */
  protected applyShift(sheet: SheetModel, s: Shift, own?: TableModel): void {
    // Move cells.
    const moved = new Map<number, Cell>();
    for (const [key, cell] of sheet.cells) {
      const r = keyRow(key);
      const c = keyCol(key);
      const res = shiftRect({ r0: r, c0: c, r1: r, c1: c }, s);
      if (res === "REF") continue;
      if (res === null) moved.set(key, cell);
      else if (res.r0 < MAX_ROWS && res.c0 < MAX_COLS) {
        // A shape belongs to its place: the moved formula keeps its text and finds its shape
        // again when next calculated.
        const own = cell instanceof SharedFormulaCell ? cell.withOwnText() : cell;
        own.ast = undefined;
        moved.set(cellKey(res.r0, res.c0), own);
      }
    }
    sheet.cells = moved;
    // Whole-row/column sizes and formats follow.
    const full = s.from === 0 && s.to === (s.axis === "rows" ? MAX_COLS - 1 : MAX_ROWS - 1);
    if (full) {
      const remap = <T>(m: Map<number, T>): Map<number, T> => {
        const out = new Map<number, T>();
        for (const [i, v] of m) {
          const res = shiftRect(
            s.axis === "rows" ? { r0: i, r1: i, c0: 0, c1: 0 } : { r0: 0, r1: 0, c0: i, c1: i },
            {
              ...s,
              from: 0,
              to: 0,
            },
          );
          if (res === "REF") continue;
          out.set(res === null ? i : s.axis === "rows" ? res.r0 : res.c0, v);
        }
        return out;
      };
      const remapSet = (set: Set<number>) => new Set(remap(new Map([...set].map((i) => [i, true]))).keys());
      if (s.axis === "rows") {
        sheet.rowHeights = remap(sheet.rowHeights);
        sheet.rowFormats = remap(sheet.rowFormats);
        sheet.hiddenRows = remapSet(sheet.hiddenRows);
      } else {
        sheet.columnWidths = remap(sheet.columnWidths);
        sheet.columnFormats = remap(sheet.columnFormats);
        sheet.columnOutline = remap(sheet.columnOutline);
        sheet.hiddenColumns = remapSet(sheet.hiddenColumns);
      }
    }
    // Formulas everywhere that point here.
    // Formulas that cannot point at the moved cells are left unparsed (an insert on the small Audit
    // sheet, or below a 50,000-row table, must not cost a rewrite of every formula): one elsewhere
    // points here only by naming this sheet, and a row shift moves only rows from s.at on — a
    // formula with no number that large names none of them (a superset test: any number counts).
    const named = sheet.name.toLowerCase();
    const firstMovedRow = s.at + 1;
    const belowShift = (f: string) =>
      s.axis === "rows" && !(f.match(/\d+/g) ?? []).some((n) => Number(n) >= firstMovedRow);
    this.forEachFormulaText((f, owner) => {
      const home = owner ?? this.wb.sheets[0];
      if (home !== sheet && !f.toLowerCase().includes(named)) return f;
      if (belowShift(f)) return f;
      return shiftFormula(f, home?.name ?? "", sheet.name, s);
    });
    // Tables.
    for (const t of this.tablesOn(sheet)) {
      if (t === own) continue;
      if (t.showTotals && this.shiftTableWithTotals(t, s)) continue;
      const res = shiftRect(t.rect, s);
      if (res === "REF") {
        this.structuredToRefError(t);
        t.deleted = true;
        this.wb.tables = this.wb.tables.filter((x) => x !== t);
      } else if (res) {
        if (s.axis === "cols" && res.c1 - res.c0 !== t.rect.c1 - t.rect.c0) {
          // columns inserted/deleted inside the table
          const before = t.rect;
          if (s.kind === "insert" && s.at > before.c0 && s.at <= before.c1) {
            const idx = s.at - before.c0;
            const added = Array.from({ length: s.count }, () => ({ id: t.nextColumnId++, name: "" }));
            t.columns.splice(idx, 0, ...added);
            t.rect = res;
            added.forEach((_, i) => this.writeHeader(sheet, t, before.c0 + idx + i, { value: null }));
          } else if (s.kind === "delete") {
            const from = Math.max(s.at, before.c0) - before.c0;
            const to = Math.min(s.at + s.count - 1, before.c1) - before.c0;
            for (let i = to; i >= from; i--) {
              this.rewriteStructured(t, (sref, text) => deleteColumnText(sref, text, t, i));
              t.columns.splice(i, 1);
            }
            t.rect = res;
          } else t.rect = res;
        } else if (s.axis === "rows" && res.r0 !== t.rect.r0 && s.kind === "delete" && s.at === t.rect.r0) {
          // header row deleted: the table goes
          this.structuredToRefError(t);
          t.deleted = true;
          this.wb.tables = this.wb.tables.filter((x) => x !== t);
        } else t.rect = res;
        // a table keeps at least one data row
        if (!t.deleted && t.rect.r1 === t.rect.r0) t.rect = { ...t.rect, r1: t.rect.r0 + 1 };
      }
    }
    // Charts (anywhere) plotting this sheet.
    for (const sh of this.wb.sheets) {
      for (const ch of sh.charts) {
        const fix = (ref: { sheetId: string; rect: Rect } | null) => {
          if (!ref || ref.sheetId !== sheet.id) return ref;
          const res = shiftRect(ref.rect, s);
          if (res === "REF") return null;
          return res ? { sheetId: ref.sheetId, rect: res } : ref;
        };
        ch.source = fix(ch.source);
        for (const ser of ch.series) {
          ser.values = fix(ser.values);
          ser.categories = fix(ser.categories);
          ser.nameRef = fix(ser.nameRef);
        }
      }
    }
    // Validation / conditional format ranges.
    const fixRanges = (ranges: Rect[]): Rect[] =>
      ranges.flatMap((r) => {
        const res = shiftRect(r, s);
        if (res === "REF") return [];
        return [res ?? r];
      });
    for (const v of sheet.validations) v.ranges = fixRanges(v.ranges);
    sheet.validations = sheet.validations.filter((v) => v.ranges.length);
    for (const c of sheet.conditionalFormats) c.ranges = fixRanges(c.ranges);
    sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c.ranges.length);
    this.calc.invalidate();
    this.structure.add("tables");
  }

  /**
   * A row shift that meets a table's total row (its rows only). Rows inserted at the total row
   * become data rows above it, as Excel inserts table rows; deleting the total row's cells takes
   * the total row away. Returns false when the shift is an ordinary one (handled like any table).
   */
  private shiftTableWithTotals(t: TableModel, s: Shift): boolean {
    const totals = t.rect.r1 + 1;
    if (s.axis !== "rows" || s.from > t.rect.c0 || s.to < t.rect.c1) return false;
    if (s.kind === "insert" && s.at === totals) {
      t.rect = { ...t.rect, r1: t.rect.r1 + s.count };
      return true;
    }
    if (s.kind === "delete" && s.at <= totals && s.at + s.count - 1 >= totals && s.at > t.rect.r1) {
      t.showTotals = false;
      return true;
    }
    return false;
  }
}
