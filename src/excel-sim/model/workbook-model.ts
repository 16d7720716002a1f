/**
 * The workbook model: every operation with Excel's rules (names, protection, tables, shifting
 * references…), used by the Office.js-shaped proxies (api/) and by user edits (sim.ts). Every
 * operation either applies completely or throws a SimError without changing anything.
 *
 * SimModel is the top of a stack of layers, one file each, every layer using only those below it:
 * model-core (state, change records, protection, table lookups) ← sheets-and-names ←
 * cell-contents ← cell-formatting ← shift-operations (insert/delete) ← table-operations ←
 * rule-operations (validation, conditional formats).
 */
import { RuleOperations } from "./rule-operations";
import type { WorkbookModel } from "./types";

export class SimModel extends RuleOperations {
  /** A new workbook with these sheets, or (from) a model over an existing workbook (copy.ts). */
  constructor(sheetNames: string[] = ["Sheet1"], from?: WorkbookModel) {
    super(from);
    if (from) return;
    for (const n of sheetNames) this.addSheet(n);
    this.wb.activeSheetId = this.wb.sheets[0]?.id ?? "";
    this.changes = [];
    this.structure.clear();
  }
}
