/** A range's data validation: its rule, alert and prompt, and whether the cells satisfy it. */
import { simError } from "../errors";
import { rectAddress, rectIntersect } from "../model/address";
import type { ValidationModel, ValidationRuleModel } from "../model/types";
import type { SimModel } from "../model/workbook-model";
import { declareProperties, type PropertySpec } from "./base";
import type { SimRequestContext } from "./context";
import { RangePart } from "./range-part";
import { type RangeEntity, SimRange } from "./range";

function ruleToApi(rule: ValidationRuleModel): Record<string, unknown> {
  const key = rule.type.charAt(0).toLowerCase() + rule.type.slice(1);
  switch (rule.type) {
    case "List":
      return { list: { inCellDropDown: rule.inCellDropDown, source: rule.source ?? "" } };
    case "Custom":
      return { custom: { formula: rule.formula ?? "" } };
    default: {
      const basic: Record<string, unknown> = {
        operator: rule.operator ?? "Between",
        formula1: rule.formula1,
      };
      if (rule.formula2 !== null) basic.formula2 = rule.formula2;
      return { [key]: basic };
    }
  }
}

function ruleFromApi(rule: unknown): ValidationRuleModel {
  if (!rule || typeof rule !== "object") throw simError("InvalidArgument", "Invalid data validation rule.");
  const entries = Object.entries(rule as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && v !== null,
  );
  if (entries.length !== 1)
    throw simError("InvalidArgument", "A data validation rule must have exactly one type.");
  const [k, v] = entries[0];
  const o = (v ?? {}) as Record<string, unknown>;
  const types: Record<string, ValidationRuleModel["type"]> = {
    wholeNumber: "WholeNumber",
    decimal: "Decimal",
    list: "List",
    textLength: "TextLength",
    date: "Date",
    time: "Time",
    custom: "Custom",
  };
  const type = types[k];
  if (!type) throw simError("InvalidArgument", `Unknown data validation rule '${k}'.`);
  const f = (x: unknown): string | number | null => {
    if (x === undefined || x === null) return null;
    if (typeof x === "number") return x;
    if (x instanceof SimRange) throw simError("InvalidArgument", "Pass bounds as numbers or formulas.");
    return String(x);
  };
  const r: ValidationRuleModel = {
    type,
    operator: type === "List" || type === "Custom" ? null : String(o.operator ?? "Between"),
    formula1: f(o.formula1),
    formula2: f(o.formula2),
    source: type === "List" ? String(o.source ?? "") : null,
    inCellDropDown: type === "List" ? o.inCellDropDown !== false : true,
    formula: type === "Custom" ? String(o.formula ?? "") : null,
  };
  if (type !== "List" && type !== "Custom" && r.formula1 === null)
    throw simError("InvalidArgument", "formula1 is required.");
  if (
    (r.operator === "Between" || r.operator === "NotBetween") &&
    r.formula2 === null &&
    type !== "List" &&
    type !== "Custom"
  ) {
    throw simError("InvalidArgument", "formula2 is required for Between/NotBetween.");
  }
  return r;
}

type VRuleHolder = ValidationModel & { ruleSet?: boolean };

/**
 * Excel refuses to set a rule over cells whose validation differs (different rules, or a rule on
 * only some of them) with InvalidArgument (office-js #2594); clearing the range first is the way.
 * A range inside one validation, or exactly one, is fine.
 */
function refuseMixedValidation(m: SimModel, e: RangeEntity): void {
  const present = m.validationsIn(e.sheet, e.rect);
  if (present.length === 0) return;
  const { r0, c0, r1, c1 } = e.rect;
  const covers = (v: ValidationModel) =>
    v.ranges.some((r) => r.r0 <= r0 && r.c0 <= c0 && r.r1 >= r1 && r.c1 >= c1);
  if (present.length === 1 && covers(present[0])) return;
  throw simError(
    "InvalidArgument",
    `The range ${rectAddress(e.rect)} holds different data validation (office-js #2594); clear it first.`,
  );
}

export class SimDataValidation extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "DataValidation");
  }

  clear(): void {
    this._call("clear", [], (e, exec) => exec.model.clearValidation(e.sheet, e.rect));
  }
}
/** The rules over a range, and the one that covers it all when it is the only one. */
function validationsOver(m: SimModel, e: RangeEntity): { list: VRuleHolder[]; one: VRuleHolder | null } {
  const list = (m.validationsIn(e.sheet, e.rect) as VRuleHolder[]).filter((v) => v.ruleSet !== false);
  const covering = list.find((v) =>
    v.ranges.some((r) => r.r0 <= e.rect.r0 && r.c0 <= e.rect.c0 && r.r1 >= e.rect.r1 && r.c1 >= e.rect.c1),
  );
  return { list, one: list.length === 1 && covering ? covering : null };
}

/** Does every cell of the range satisfy the rules over it? */
function allValid(m: SimModel, e: RangeEntity, list: ValidationModel[]): boolean {
  for (const v of list) {
    for (const r of v.ranges) {
      const i = rectIntersect(r, e.rect);
      if (!i) continue;
      for (let row = i.r0; row <= i.r1; row++) {
        for (let c = i.c0; c <= i.c1; c++) {
          const value = m.valueAt(e.sheet, row, c);
          if (!m.valueSatisfies(e.sheet, v, value, row - v.ranges[0].r0, c - v.ranges[0].c0)) return false;
        }
      }
    }
  }
  return true;
}

/** A set of part of the validation over a range: on the one rule there (made if none). */
function validationWrite(
  f: (v: VRuleHolder, value: unknown) => void,
): PropertySpec<RangeEntity, SimDataValidation>["write"] {
  return (e, value, { model: m }) => {
    f(m.validationFor(e.sheet, e.rect, true) as VRuleHolder, value);
    m.structure.add("validation");
  };
}

declareProperties<RangeEntity, SimDataValidation>(SimDataValidation, {
  scalars: {
    type: {
      read: (e, { model: m }) => {
        const { list, one } = validationsOver(m, e);
        if (!list.length) return "None";
        if (one) return one.rule.type;
        // Excel: rules on some but not all cells is MixedCriteria; different rules, Inconsistent.
        return list.length === 1 ? "MixedCriteria" : "Inconsistent";
      },
    },
    rule: {
      read: (e, { model: m }) => {
        const { one } = validationsOver(m, e);
        return one ? ruleToApi(one.rule) : {};
      },
      write: (e, value, { model: m }) => {
        refuseMixedValidation(m, e);
        const v = m.validationFor(e.sheet, e.rect, true) as VRuleHolder;
        v.rule = ruleFromApi(value);
        v.ruleSet = true;
        m.structure.add("validation");
      },
    },
    errorAlert: {
      read: (e, { model: m }) => {
        const { one } = validationsOver(m, e);
        return one ? { ...one.errorAlert } : { showAlert: true, style: "Stop", title: "", message: "" };
      },
      write: validationWrite((v, value) => {
        const o = (value ?? {}) as Record<string, unknown>;
        v.errorAlert = {
          showAlert: o.showAlert !== undefined ? !!o.showAlert : v.errorAlert.showAlert,
          style: (o.style as "Stop" | "Warning" | "Information") ?? v.errorAlert.style,
          title: o.title !== undefined ? String(o.title) : v.errorAlert.title,
          message: o.message !== undefined ? String(o.message) : v.errorAlert.message,
        };
      }),
    },
    prompt: {
      read: (e, { model: m }) => {
        const { one } = validationsOver(m, e);
        return one ? { ...one.prompt } : { showPrompt: false, title: "", message: "" };
      },
      write: validationWrite((v, value) => {
        const o = (value ?? {}) as Record<string, unknown>;
        v.prompt = {
          showPrompt: o.showPrompt !== undefined ? !!o.showPrompt : v.prompt.showPrompt,
          title: o.title !== undefined ? String(o.title) : v.prompt.title,
          message: o.message !== undefined ? String(o.message) : v.prompt.message,
        };
      }),
    },
    ignoreBlanks: {
      read: (e, { model: m }) => validationsOver(m, e).one?.ignoreBlanks ?? true,
      write: validationWrite((v, value) => (v.ignoreBlanks = !!value)),
    },
    valid: { read: (e, { model: m }) => allValid(m, e, validationsOver(m, e).list) },
  },
});
