/** A range's conditional formats (CellValue and Custom): their rules and formats. */
import { simError } from "../errors";
import type { ConditionalFormatModel } from "../model/types";
import type { SimModel } from "../model/workbook-model";
import {
  declareProperties,
  writeAndMark,
  type PropertySpec,
  type Resolver,
  SimClientObject,
  SimClientResult,
  ctxOf,
  fromParent,
} from "./base";
import { SimCollection } from "./collections";
import type { SimRequestContext } from "./context";
import type { RangeEntity, SimRange } from "./range";
import { normalizeColor } from "./range-format";

export class SimConditionalFormatCollection extends SimCollection<RangeEntity, SimConditionalFormat> {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, () => range._parentEntity(), "ConditionalFormatCollection");
  }

  protected _list(e: RangeEntity): unknown[] {
    return ctxOf(this)._model.conditionalFormatsIn(e.sheet, e.rect);
  }

  protected _itemProxy(model: unknown): SimConditionalFormat {
    const cf = model as ConditionalFormatModel;
    return new SimConditionalFormat(ctxOf(this), () => cf);
  }

  add(type: string): SimConditionalFormat {
    if (type !== "CellValue" && type !== "Custom") {
      throw simError(
        "NotImplemented",
        `excel-sim models only CellValue and Custom conditional formats, not '${type}'.`,
      );
    }
    return this._callCreating(
      "add",
      [type],
      (e, exec) => exec.model.addConditionalFormat(e.sheet, e.rect, type),
      (resolver) => new SimConditionalFormat(ctxOf(this), resolver),
    );
  }

  getCount(): SimClientResult<number> {
    return this._callResult(
      "getCount",
      [],
      (e, exec) => exec.model.conditionalFormatsIn(e.sheet, e.rect).length,
    );
  }

  getItemAt(index: number): SimConditionalFormat {
    return new SimConditionalFormat(
      ctxOf(this),
      fromParent(this, (e, m) => {
        const list = m.conditionalFormatsIn(e.sheet, e.rect);
        if (index < 0 || index >= list.length) throw simError("ItemNotFound");
        return list[index];
      }),
    );
  }

  getItem(id: string): SimConditionalFormat {
    return new SimConditionalFormat(
      ctxOf(this),
      fromParent(this, (e) => {
        const cf = e.sheet.conditionalFormats.find((c) => c.id === id);
        if (!cf) throw simError("ItemNotFound");
        return cf;
      }),
    );
  }

  clearAll(): void {
    this._call("clearAll", [], (e, exec) => exec.model.clearConditionalFormats(e.sheet, e.rect));
  }
}

export class SimConditionalFormat extends SimClientObject<ConditionalFormatModel> {
  declare readonly cellValue: SimCellValueCF;
  declare readonly custom: SimCustomCF;

  constructor(ctx: SimRequestContext, resolver: Resolver<ConditionalFormatModel>) {
    super(ctx, resolver, "ConditionalFormat");
  }

  delete(): void {
    this._call("delete", [], (e, exec) => {
      for (const s of exec.model.wb.sheets)
        s.conditionalFormats = s.conditionalFormats.filter((c) => c !== e);
      exec.model.structure.add("conditionalFormats");
    });
  }
}

/** A write to a conditional format that marks them changed for subscribers. */
function cfWrite<P>(
  f: (cf: ConditionalFormatModel, value: unknown, m: SimModel) => void,
): PropertySpec<ConditionalFormatModel, P>["write"] {
  return writeAndMark("conditionalFormats", f);
}

declareProperties<ConditionalFormatModel, SimConditionalFormat>(SimConditionalFormat, {
  children: {
    cellValue: (p) => new SimCellValueCF(ctxOf(p), p),
    custom: (p) => new SimCustomCF(ctxOf(p), p),
  },
  scalars: {
    id: { read: (cf) => cf.id },
    type: { read: (cf) => cf.type },
    priority: { read: (cf) => cf.priority, write: cfWrite((cf, v) => (cf.priority = Number(v))) },
    stopIfTrue: { read: (cf) => cf.stopIfTrue, write: cfWrite((cf, v) => (cf.stopIfTrue = !!v)) },
  },
  navigation: {
    cellValueOrNullObject: (cf) => cf.cellValue,
    customOrNullObject: (cf) => cf.custom,
  },
});

/** cf.cellValue / cf.custom: the part of a conditional format of one type (else InvalidOperation). */
abstract class SimCFPart extends SimClientObject<ConditionalFormatModel> {
  declare readonly format: SimCFFormat;

  constructor(ctx: SimRequestContext, parent: SimConditionalFormat, kind: "CellValue" | "Custom") {
    super(
      ctx,
      fromParent(parent, (p) => {
        if (p.type !== kind)
          throw simError("InvalidOperation", `The conditional format is not of type ${kind}.`);
        return p;
      }),
      `${kind}ConditionalFormat`,
    );
  }
}
declareProperties<ConditionalFormatModel, SimCFPart>(SimCFPart, {
  children: { format: (p) => new SimCFFormat(ctxOf(p), p) },
});

/** cf.cellValue: `rule` is a value ({ operator, formula1, formula2 }). */
export class SimCellValueCF extends SimCFPart {
  constructor(ctx: SimRequestContext, parent: SimConditionalFormat) {
    super(ctx, parent, "CellValue");
  }
}
declareProperties<ConditionalFormatModel, SimCellValueCF>(SimCellValueCF, {
  scalars: {
    rule: {
      read: ({ rule }) => {
        const r: Record<string, unknown> = { operator: rule.operator, formula1: rule.formula1 };
        if (rule.formula2 !== null) r.formula2 = rule.formula2;
        return r;
      },
      write: cfWrite((cf, value) => {
        const o = (value ?? {}) as Record<string, unknown>;
        const f = (x: unknown) => (x === undefined || x === null ? null : String(x));
        cf.rule = {
          ...cf.rule,
          operator: o.operator ? String(o.operator) : null,
          formula1: f(o.formula1),
          formula2: f(o.formula2),
        };
      }),
    },
  },
  navigation: { format: (p) => p.format },
});

/** cf.custom: `rule` is an object with the formula. */
export class SimCustomCF extends SimCFPart {
  declare readonly rule: SimCFRule;

  constructor(ctx: SimRequestContext, parent: SimConditionalFormat) {
    super(ctx, parent, "Custom");
  }
}
declareProperties<ConditionalFormatModel, SimCustomCF>(SimCustomCF, {
  children: {
    rule: (p) => new SimCFRule(ctxOf(p), p),
  },
  navigation: { format: (p) => p.format },
});

export class SimCFRule extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFPart) {
    super(ctx, () => parent._parentEntity(), "ConditionalFormatRule");
  }
}
const cfRuleFormula: PropertySpec<ConditionalFormatModel, SimCFRule> = {
  read: (cf) => cf.rule.formula ?? "",
  write: cfWrite((cf, value, m) => {
    const f = String(value);
    m.normalizeNameFormula(f);
    cf.rule = { ...cf.rule, formula: f.startsWith("=") ? f : `=${f}` };
  }),
};
declareProperties(SimCFRule, { scalars: { formula: cfRuleFormula, formulaLocal: cfRuleFormula } });

export class SimCFFormat extends SimClientObject<ConditionalFormatModel> {
  declare readonly fill: SimCFFill;
  declare readonly font: SimCFFont;

  constructor(ctx: SimRequestContext, parent: SimCFPart) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFormat");
  }
}
declareProperties<ConditionalFormatModel, SimCFFormat>(SimCFFormat, {
  children: {
    fill: (p) => new SimCFFill(ctxOf(p), p),
    font: (p) => new SimCFFont(ctxOf(p), p),
  },
  // Number formats in conditional formats are not modelled.
  scalars: { numberFormat: { read: () => null } },
});

export class SimCFFill extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFFormat) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFill");
  }

  clear(): void {
    this._call("clear", [], (e) => {
      e.format = { ...e.format, fillColor: null };
    });
  }
}
declareProperties<ConditionalFormatModel, SimCFFill>(SimCFFill, {
  scalars: {
    color: {
      read: (cf) => cf.format.fillColor,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, fillColor: normalizeColor(v) })),
    },
  },
});

export class SimCFFont extends SimClientObject<ConditionalFormatModel> {
  constructor(ctx: SimRequestContext, parent: SimCFFormat) {
    super(ctx, () => parent._parentEntity(), "ConditionalRangeFont");
  }
}
declareProperties<ConditionalFormatModel, SimCFFont>(SimCFFont, {
  scalars: {
    bold: {
      read: (cf) => cf.format.bold,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, bold: !!v })),
    },
    italic: {
      read: (cf) => cf.format.italic,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, italic: !!v })),
    },
    color: {
      read: (cf) => cf.format.fontColor,
      write: cfWrite((cf, v) => (cf.format = { ...cf.format, fontColor: normalizeColor(v) })),
    },
  },
});
