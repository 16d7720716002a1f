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
  private _worksheets?: SimWorksheetCollection;
  private _tables?: SimTableCollection;
  private _names?: SimNamedItemCollection;
  private _app?: SimApplication;

  constructor(ctx: SimRequestContext) {
    super(ctx, () => ctx._model, "Workbook");
  }

  get worksheets(): SimWorksheetCollection {
    return (this._worksheets ??= new SimWorksheetCollection(ctxOf(this)));
  }

  get tables(): SimTableCollection {
    return (this._tables ??= new SimTableCollection(ctxOf(this), null));
  }

  get names(): SimNamedItemCollection {
    return (this._names ??= new SimNamedItemCollection(ctxOf(this)));
  }

  get application(): SimApplication {
    return (this._app ??= new SimApplication(ctxOf(this)));
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
  scalars: { name: { read: () => "Book1.xlsx" }, readOnly: { read: () => false } },
  navigation: {
    worksheets: (w) => w.worksheets,
    tables: (w) => w.tables,
    names: (w) => w.names,
    application: (w) => w.application,
  },
});
