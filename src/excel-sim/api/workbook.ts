/**
 * The Workbook and Application proxies.
 */
import { simError } from "../errors";
import type { CalculationMode } from "../model/types";
import type { SimModel } from "../model/workbook-model";
import { declareProperties, SimClientObject, ctxOf } from "./base";
import type { SimRequestContext } from "./context";
import { SimRange } from "./range";
import { SimTableCollection } from "./table";
import { SimNamedItemCollection, SimWorksheetCollection } from "./worksheet";

export class SimApplication extends SimClientObject<SimModel> {
  constructor(ctx: SimRequestContext) {
    super(ctx, () => ctx._model, "Application");
  }

  calculate(calculationType: string): void {
    this._call("calculate", [calculationType], (m) => {
      if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType)) {
        throw simError("InvalidArgument", `Invalid calculation type '${calculationType}'.`);
      }
      m.calc.recalculate();
      m.structure.add("calculation");
    });
  }

  /** Results are computed when read after the sync anyway; accepted for API compatibility. */
  suspendApiCalculationUntilNextSync(): void {
    this._call("suspendApiCalculationUntilNextSync", [], () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._call("suspendScreenUpdatingUntilNextSync", [], () => undefined);
  }
}
declareProperties<SimModel, SimApplication>(SimApplication, {
  scalars: {
    calculationMode: {
      read: (m) => m.wb.calculationMode,
      write: (m, value) => {
        if (!["Automatic", "AutomaticExceptTables", "Manual"].includes(String(value))) {
          throw simError("InvalidArgument", `Invalid calculation mode '${value}'.`);
        }
        const before = m.wb.calculationMode;
        m.wb.calculationMode = value as CalculationMode;
        if (before === "Manual" && value !== "Manual") m.calc.recalculate();
        m.structure.add("calculation");
      },
    },
    // Results are computed when read, so a calculation is never pending.
    calculationState: { read: () => "Done" },
  },
});

export class SimWorkbookProxy extends SimClientObject<SimModel> {
  declare readonly worksheets: SimWorksheetCollection;
  declare readonly tables: SimTableCollection;
  declare readonly names: SimNamedItemCollection;
  declare readonly application: SimApplication;

  constructor(ctx: SimRequestContext) {
    super(ctx, () => ctx._model, "Workbook");
  }

  getSelectedRange(): SimRange {
    const ctx = ctxOf(this);
    return new SimRange(ctx, () => {
      const m = ctx._model;
      const s = m.activeSheet();
      return { sheet: s, rect: { ...s.selection } };
    });
  }

  getActiveCell(): SimRange {
    const ctx = ctxOf(this);
    return new SimRange(ctx, () => {
      const s = ctx._model.activeSheet();
      return {
        sheet: s,
        rect: { r0: s.selection.r0, c0: s.selection.c0, r1: s.selection.r0, c1: s.selection.c0 },
      };
    });
  }
}
declareProperties<SimModel, SimWorkbookProxy>(SimWorkbookProxy, {
  children: {
    worksheets: (p) => new SimWorksheetCollection(ctxOf(p)),
    tables: (p) => new SimTableCollection(ctxOf(p), null),
    names: (p) => new SimNamedItemCollection(ctxOf(p)),
    application: (p) => new SimApplication(ctxOf(p)),
  },
  scalars: { name: { read: () => "Book1.xlsx" }, readOnly: { read: () => false } },
});
