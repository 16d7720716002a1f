/**
 * The workbook model's sheets and defined names: adding, renaming, deleting and ordering sheets
 * with Excel's rules, rewriting the formulas that name them, checking structured references, and
 * resolving addresses and names.
 */
import { simError } from "../errors";
import {
  deleteSheetInFormula,
  renameSheetInFormula,
  rewriteTokens,
  validateFormula,
} from "../formula/rewrite";
import { columnIndexOf } from "../formula/structured";
import type { Node } from "../formula/parser";
import { FormulaSyntaxError, type StructuredRef } from "../formula/tokenizer";
import { columnIndex, keyCol, keyRow, MAX_ROWS, parseAddress, type Rect } from "./address";
import { hasFormula } from "./shared-formulas";
import type { NamedItemModel, SheetModel, SheetVisibility, TableModel } from "./types";
import { type FormulaHome, ModelCore } from "./model-core";

const SHEET_NAME_BAD = /[:\\/?*[\]]/;

const NAME_RE = /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\?\u00C0-\uFFFF]*$/;

/** Matches a formula that may name the sheet: its name as written bare or quoted ('' for '), any case. */
function sheetNameSpellings(name: string): RegExp {
  const spellings = [name, name.replace(/'/g, "''")].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(spellings.join("|"), "i");
}

function guid(n: number, kind: number): string {
  const hex = n.toString(16).toUpperCase().padStart(8, "0");
  return `{${hex}-000${kind}-0000-0000-000000000000}`;
}

export abstract class SheetsAndNames extends ModelCore {
  liveSheets(): SheetModel[] {
    return this.wb.sheets;
  }

  sheetById(id: string): SheetModel | undefined {
    return this.wb.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.wb.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  requireSheet(name: string): SheetModel {
    const s = this.sheetByName(name);
    if (!s) throw simError("ItemNotFound", `Worksheet '${name}' not found.`);
    return s;
  }

  private checkSheetName(name: string, except?: SheetModel): void {
    if (typeof name !== "string" || !name.trim() || name.length > 31 || SHEET_NAME_BAD.test(name)) {
      throw simError("InvalidArgument", `Invalid worksheet name '${String(name)}'.`);
    }
    if (name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
      throw simError("InvalidArgument", `Invalid worksheet name '${name}'.`);
    }
    const other = this.sheetByName(name);
    if (other && other !== except)
      throw simError("ItemAlreadyExists", `A worksheet named '${name}' already exists.`);
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined || n === null) {
      let i = this.wb.sheets.length + 1;
      while (this.sheetByName(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    this.checkSheetName(n);
    const id = guid(++this.wb.counters.sheet, 1);
    const sheet: SheetModel = {
      id,
      name: n,
      visibility: "Visible",
      cells: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      hiddenColumns: new Set(),
      hiddenRows: new Set(),
      columnOutline: new Map(),
      columnFormats: new Map(),
      rowFormats: new Map(),
      protection: { protected: false, options: {} },
      freeze: { rows: 0, columns: 0 },
      tabColor: null,
      showGridlines: true,
      charts: [],
      validations: [],
      conditionalFormats: [],
      selection: { r0: 0, c0: 0, r1: 0, c1: 0 },
    };
    this.wb.sheets.push(sheet);
    if (!this.wb.activeSheetId) this.wb.activeSheetId = id;
    // Formulas that referred to a missing sheet of this name (#REF!) now resolve.
    this.calc.invalidate();
    this.structure.add("sheets");
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    if (sheet.name === name) return;
    this.checkSheetName(name, sheet);
    const old = sheet.name;
    this.forEachFormulaText((f) => renameSheetInFormula(f, old, name), sheetNameSpellings(old));
    sheet.name = name;
    this.calc.invalidate();
    this.structure.add("sheets");
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.wb.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) {
      throw simError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    // Structured references to its tables become #REF! (as its A1 references do below).
    for (const t of this.tablesOn(sheet)) this.structuredToRefError(t);
    const idx = this.wb.sheets.indexOf(sheet);
    this.wb.sheets.splice(idx, 1);
    sheet.deleted = true;
    for (const t of this.wb.tables.filter((t) => t.sheetId === sheet.id)) {
      t.deleted = true;
    }
    this.wb.tables = this.wb.tables.filter((t) => t.sheetId !== sheet.id);
    for (const c of sheet.charts) c.deleted = true;
    const referred = this.forEachFormulaText(
      (f) => deleteSheetInFormula(f, sheet.name),
      sheetNameSpellings(sheet.name),
    );
    // Charts elsewhere that plot this sheet's cells lose those references.
    for (const s of this.wb.sheets) {
      for (const c of s.charts) {
        for (const ser of c.series) {
          if (ser.values?.sheetId === sheet.id) ser.values = null;
          if (ser.categories?.sheetId === sheet.id) ser.categories = null;
          if (ser.nameRef?.sheetId === sheet.id) ser.nameRef = null;
        }
        if (c.source?.sheetId === sheet.id) c.source = null;
      }
    }
    if (this.wb.activeSheetId === sheet.id) {
      const next =
        this.wb.sheets
          .slice(Math.min(idx, this.wb.sheets.length - 1))
          .find((s) => s.visibility === "Visible") ?? this.wb.sheets.find((s) => s.visibility === "Visible");
      this.wb.activeSheetId = next?.id ?? "";
    }
    // Only a formula that named the sheet (now #REF!) can change: when none did, the workbook's
    // values stand, as in Excel, which recalculates only what depends on a change. (References to
    // its tables were rewritten above, which recalculates.)
    if (referred) this.calc.invalidate();
    else this.calc.tablesChanged();
    this.structure.add("sheets");
    this.structure.add("tables");
  }

  setSheetPosition(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.wb.sheets.length) {
      throw simError("InvalidArgument", `Invalid position ${position}.`);
    }
    const i = this.wb.sheets.indexOf(sheet);
    this.wb.sheets.splice(i, 1);
    this.wb.sheets.splice(position, 0, sheet);
    this.structure.add("sheets");
  }

  setVisibility(sheet: SheetModel, vis: SheetVisibility): void {
    if (!["Visible", "Hidden", "VeryHidden"].includes(vis))
      throw simError("InvalidArgument", `Invalid visibility '${vis}'.`);
    if (vis !== "Visible") {
      const visible = this.wb.sheets.filter((s) => s.visibility === "Visible" && s !== sheet);
      if (visible.length === 0)
        throw simError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      if (this.wb.activeSheetId === sheet.id) this.wb.activeSheetId = visible[0].id;
    }
    sheet.visibility = vis;
    this.structure.add("sheets");
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== "Visible")
      throw simError("InvalidOperation", "Cannot activate a hidden worksheet.");
    this.wb.activeSheetId = sheet.id;
    this.structure.add("sheets");
  }

  activeSheet(): SheetModel {
    return this.sheetById(this.wb.activeSheetId) ?? this.wb.sheets[0];
  }

  /**
   * Every formula text held by the workbook (cells, names, validation, conditional formats); with
   * `mentions`, only those holding one of these texts in any case (a sheet's name as a formula
   * writes it): a cheap search instead of tokenizing every formula of a large workbook. Returns
   * whether any text changed.
   */
  protected forEachFormulaText(
    rewrite: (formula: string, sheet: SheetModel | null, home: FormulaHome) => string,
    mentions?: RegExp,
  ): boolean {
    let changed = false;
    const f: typeof rewrite = (x, s, h) => {
      if (mentions && !mentions.test(x)) return x;
      const nx = rewrite(x, s, h);
      if (nx !== x) changed = true;
      return nx;
    };
    for (const s of this.wb.sheets) {
      for (const [key, cell] of s.cells) {
        if (!hasFormula(cell)) continue;
        const text = cell.formula!;
        if (mentions && !mentions.test(text)) continue;
        const nf = f(text, s, { sheet: s, row: keyRow(key), col: keyCol(key) });
        if (nf !== text) {
          const own = this.writable(s, key, cell);
          own.formula = nf;
          own.ast = undefined;
          own.calcGen = undefined;
        }
      }
      const homeOf = (ranges: Rect[]): FormulaHome => ({
        sheet: s,
        row: ranges[0]?.r0 ?? 0,
        col: ranges[0]?.c0 ?? 0,
      });
      for (const v of s.validations) {
        for (const k of ["formula1", "formula2", "source", "formula"] as const) {
          const x = v.rule[k];
          if (typeof x === "string" && x.startsWith("="))
            (v.rule as unknown as Record<string, unknown>)[k] = f(x, s, homeOf(v.ranges));
        }
      }
      for (const c of s.conditionalFormats) {
        for (const k of ["formula1", "formula2", "formula"] as const) {
          const x = c.rule[k];
          if (typeof x === "string" && x.startsWith("=")) c.rule[k] = f(x, s, homeOf(c.ranges));
        }
      }
    }
    for (const n of this.wb.names) n.formula = f(n.formula, null, { sheet: null, row: 0, col: 0 });
    return changed;
  }

  /** The table a structured reference in a formula at `home` names (table-less: the one holding it). */
  private tableOfRef(sref: StructuredRef, home: FormulaHome): TableModel | undefined {
    if (sref.table !== undefined) return this.tableByName(sref.table);
    return home.sheet ? this.calc.tableAt(home.sheet, home.row, home.col) : undefined;
  }

  /**
   * Rewrites the structured references to table `t` in every formula, name, validation and
   * conditional format: `map` gets the reference, its text and the formula's home and returns
   * the new text (null: unchanged).
   */
  protected rewriteStructured(
    t: TableModel,
    map: (sref: StructuredRef, text: string, home: FormulaHome) => string | null,
  ): void {
    this.forEachFormulaText((f, _sheet, home) =>
      f.includes("[")
        ? rewriteTokens(f, (tok) =>
            tok.type === "sref" && this.tableOfRef(tok.sref!, home) === t
              ? map(tok.sref!, tok.text, home)
              : null,
          )
        : f,
    );
    this.calc.invalidate();
  }

  /** Structured references to table `t` become "#REF!" (its sheet was deleted, or the table shifted away). */
  protected structuredToRefError(t: TableModel): void {
    this.rewriteStructured(t, () => "#REF!");
  }

  /**
   * Checks a structured reference on entry as Excel does: the table and its columns must exist;
   * the table-less form (`[@Col]`) is valid only in a table (or the row below / column right of
   * it, where the entry expands it).
   */
  protected checkStructured(sref: StructuredRef, home: FormulaHome): void {
    let t: TableModel | undefined;
    if (sref.table !== undefined) {
      t = this.tableByName(sref.table);
      if (!t) throw new FormulaSyntaxError(`There is no table named ${sref.table}`);
    } else {
      const { sheet, row, col, writing: w } = home;
      // The table holding the cell, or the one a write next to it expands over the cell.
      const reach = (x: TableModel) => ({
        r1:
          w && w.r0 <= x.rect.r1 + 1 && w.c0 <= x.rect.c1 && w.c1 >= x.rect.c0
            ? Math.max(w.r1, x.rect.r1 + 1)
            : x.rect.r1 + 1,
        c1:
          w && w.c0 <= x.rect.c1 + 1 && w.r0 <= x.rect.r1 && w.r1 >= x.rect.r0
            ? Math.max(w.c1, x.rect.c1 + 1)
            : x.rect.c1 + 1,
      });
      t = sheet
        ? this.tablesOn(sheet).find((x) => {
            const { r1, c1 } = reach(x);
            return (
              (row >= x.rect.r0 && row <= r1 && col >= x.rect.c0 && col <= x.rect.c1) ||
              (col > x.rect.c1 && col <= c1 && row >= x.rect.r0 && row <= x.rect.r1)
            );
          })
        : undefined;
      if (!t)
        throw new FormulaSyntaxError("A structured reference without a table name must be inside a table");
    }
    for (const c of sref.columns) {
      if (columnIndexOf(t, c.name) < 0)
        throw new FormulaSyntaxError(`Table ${t.name} has no column ${c.name}`);
    }
  }

  nameByName(name: string): NamedItemModel | undefined {
    const lower = name.toLowerCase();
    return this.wb.names.find((n) => n.name.toLowerCase() === lower);
  }

  protected checkDefinedName(name: string, kind: "name" | "table", except?: object): void {
    if (typeof name !== "string" || !NAME_RE.test(name) || name.length > 255) {
      throw simError("InvalidArgument", `'${String(name)}' is not a valid name.`);
    }
    const cellLike = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
    if (cellLike && columnIndex(cellLike[1]) >= 0 && Number(cellLike[2]) <= MAX_ROWS) {
      throw simError("InvalidArgument", `'${name}' is not a valid name (it is a cell reference).`);
    }
    if (
      /^[RrCc]$/.test(name) ||
      /^[Rr]\d*[Cc]\d*$/.test(name) ||
      /^[Rr]\d+$/.test(name) ||
      /^[Cc]\d+$/.test(name)
    ) {
      throw simError("InvalidArgument", `'${name}' is not a valid name.`);
    }
    if (/^(TRUE|FALSE)$/i.test(name)) throw simError("InvalidArgument", `'${name}' is not a valid name.`);
    const n = this.nameByName(name);
    const t = this.tableByName(name);
    if ((n && n !== except) || (t && t !== except)) {
      throw simError(
        "ItemAlreadyExists",
        `The ${kind} '${name}' conflicts with an existing name or table name.`,
      );
    }
  }

  addName(name: string, formula: string, comment = ""): NamedItemModel {
    this.checkDefinedName(name, "name");
    const f = this.normalizeNameFormula(formula);
    const item: NamedItemModel = { name, formula: f, comment: comment ?? "", visible: true };
    this.wb.names.push(item);
    this.calc.invalidate();
    this.structure.add("names");
    return item;
  }

  normalizeNameFormula(formula: string): string {
    if (typeof formula !== "string" || !formula.trim())
      throw simError("InvalidArgument", "The reference is empty.");
    const f = formula.startsWith("=") ? formula : `=${formula}`;
    try {
      this.validateAt(f, undefined);
    } catch (e) {
      throw simError("InvalidArgument", `Invalid reference or formula ${formula}: ${(e as Error).message}.`);
    }
    return f;
  }

  setNameFormula(item: NamedItemModel, formula: string): void {
    item.formula = this.normalizeNameFormula(formula);
    this.calc.invalidate();
    this.structure.add("names");
  }

  deleteName(item: NamedItemModel): void {
    item.deleted = true;
    this.wb.names = this.wb.names.filter((n) => n !== item);
    this.calc.invalidate();
    this.structure.add("names");
  }

  /** Resolves "A1:B2" / "Sheet!A1" / a defined name to a sheet and rect. */
  resolveAddress(text: string, defaultSheet: SheetModel | null): { sheet: SheetModel; rect: Rect } {
    const p = parseAddress(text);
    if (p) {
      const sheet = p.sheet !== undefined ? this.sheetByName(p.sheet) : defaultSheet;
      if (!sheet)
        throw simError(
          p.sheet !== undefined ? "ItemNotFound" : "InvalidArgument",
          `Unknown sheet in '${text}'.`,
        );
      return { sheet, rect: p.rect };
    }
    const name = this.nameByName(text.trim());
    if (name) {
      const v = this.calc.evaluateToValue(name.formula, defaultSheet ?? this.wb.sheets[0]);
      if (v && typeof v === "object" && "kind" in v && v.kind === "ref") {
        return { sheet: v.sheet, rect: { r0: v.r0, c0: v.c0, r1: v.r1, c1: v.c1 } };
      }
    }
    throw simError("InvalidArgument", `'${text}' is not a valid address.`);
  }

  /** validateFormula with structured references checked against the tables (home: where the formula goes). */
  protected validateAt(formula: string, home: FormulaHome | undefined): Node {
    return validateFormula(formula, (sref) =>
      this.checkStructured(sref, home ?? { sheet: null, row: 0, col: 0 }),
    );
  }
}
