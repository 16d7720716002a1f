/**
 * Data validation and conditional formats in the workbook model: the rules over ranges, checking
 * values against them and the formats that apply to a cell.
 */
import { parseNumberText } from "../formula/values";
import { type Rect, rectContainsCell, rectIntersect } from "./address";
import type { CellValue, ConditionalFormatModel, SheetModel, ValidationModel } from "./types";
import { apiValue } from "./api-values";
import { TableOperations } from "./table-operations";

/** Removes `rect` from the ranges of the given rules (splitting rectangles). */
function subtractRect(ranges: Rect[], rect: Rect): Rect[] {
  const out: Rect[] = [];
  for (const r of ranges) {
    const i = rectIntersect(r, rect);
    if (!i) {
      out.push(r);
      continue;
    }
    if (r.r0 < i.r0) out.push({ r0: r.r0, r1: i.r0 - 1, c0: r.c0, c1: r.c1 });
    if (r.r1 > i.r1) out.push({ r0: i.r1 + 1, r1: r.r1, c0: r.c0, c1: r.c1 });
    if (r.c0 < i.c0) out.push({ r0: i.r0, r1: i.r1, c0: r.c0, c1: i.c0 - 1 });
    if (r.c1 > i.c1) out.push({ r0: i.r0, r1: i.r1, c0: i.c1 + 1, c1: r.c1 });
  }
  return out;
}

export abstract class RuleOperations extends TableOperations {
  validationsIn(sheet: SheetModel, rect: Rect): ValidationModel[] {
    return sheet.validations.filter((v) => v.ranges.some((r) => rectIntersect(r, rect)));
  }

  clearValidation(sheet: SheetModel, rect: Rect): void {
    this.checkAllowed(sheet);
    for (const v of sheet.validations) v.ranges = subtractRect(v.ranges, rect);
    sheet.validations = sheet.validations.filter((v) => v.ranges.length);
    this.structure.add("validation");
  }

  /** The validation covering exactly rect, created (replacing others there) when missing. */
  validationFor(sheet: SheetModel, rect: Rect, create: boolean): ValidationModel | undefined {
    const same = sheet.validations.find(
      (v) =>
        v.ranges.length === 1 &&
        v.ranges[0].r0 === rect.r0 &&
        v.ranges[0].c0 === rect.c0 &&
        v.ranges[0].r1 === rect.r1 &&
        v.ranges[0].c1 === rect.c1,
    );
    if (same || !create) return same;
    this.checkAllowed(sheet);
    for (const v of sheet.validations) v.ranges = subtractRect(v.ranges, rect);
    sheet.validations = sheet.validations.filter((v) => v.ranges.length);
    const v: ValidationModel = {
      id: String(++this.wb.counters.validation),
      ranges: [rect],
      rule: {
        type: "Custom",
        operator: null,
        formula1: null,
        formula2: null,
        source: null,
        inCellDropDown: true,
        formula: null,
      },
      errorAlert: { showAlert: true, style: "Stop", title: "", message: "" },
      prompt: { showPrompt: false, title: "", message: "" },
      ignoreBlanks: true,
    };
    (v as { ruleSet?: boolean }).ruleSet = false;
    sheet.validations.push(v);
    this.structure.add("validation");
    return v;
  }

  /** Checks a value against the validation at a cell (used for user edits). */
  validateUserValue(sheet: SheetModel, r: number, c: number, value: CellValue): ValidationModel | null {
    for (const v of sheet.validations) {
      if ((v as { ruleSet?: boolean }).ruleSet === false) continue;
      const home = v.ranges.find((x) => rectContainsCell(x, r, c));
      if (!home) continue;
      if (!this.valueSatisfies(sheet, v, value, r - v.ranges[0].r0, c - v.ranges[0].c0)) return v;
    }
    return null;
  }

  private bound(
    sheet: SheetModel,
    x: string | number | null,
    dr: number,
    dc: number,
    v: ValidationModel,
  ): number | null {
    if (x === null) return null;
    if (typeof x === "number") return x;
    if (x.startsWith("=")) {
      const val = this.calc.evaluateFormula(x, sheet, v.ranges[0].r0, v.ranges[0].c0, dr, dc);
      return typeof val === "number" ? val : null;
    }
    const n = parseNumberText(x);
    return n ? n.value : null;
  }

  valueSatisfies(sheet: SheetModel, v: ValidationModel, value: CellValue, dr: number, dc: number): boolean {
    if (value === null || value === "") return v.ignoreBlanks;
    const rule = v.rule;
    if (rule.type === "List") {
      let items: string[] = [];
      if (rule.source?.startsWith("=")) {
        const ev = this.calc.evaluateToValue(rule.source, sheet);
        if (ev && typeof ev === "object" && "kind" in ev && ev.kind === "ref") {
          for (let i = ev.r0; i <= ev.r1; i++) {
            for (let j = ev.c0; j <= ev.c1; j++) {
              const x = this.calc.cellValue(ev.sheet, i, j);
              if (x !== null) items.push(String(apiValue(x)));
            }
          }
        }
      } else items = (rule.source ?? "").split(",").map((s) => s.trim());
      return items.some((s) => s.toLowerCase() === String(apiValue(value)).toLowerCase());
    }
    if (rule.type === "Custom") {
      if (!rule.formula) return true;
      const res = this.calc.evaluateFormula(rule.formula, sheet, v.ranges[0].r0, v.ranges[0].c0, dr, dc);
      return res === true || (typeof res === "number" && res !== 0);
    }
    let x: number;
    if (rule.type === "TextLength") x = String(apiValue(value)).length;
    else if (typeof value === "number") x = value;
    else return false;
    if (rule.type === "WholeNumber" && !Number.isInteger(x)) return false;
    const a = this.bound(sheet, rule.formula1, dr, dc, v);
    const b = this.bound(sheet, rule.formula2, dr, dc, v);
    switch (rule.operator ?? "Between") {
      case "Between":
        return a !== null && b !== null && x >= a && x <= b;
      case "NotBetween":
        return a !== null && b !== null && (x < a || x > b);
      case "EqualTo":
        return x === a;
      case "NotEqualTo":
        return x !== a;
      case "GreaterThan":
        return a !== null && x > a;
      case "LessThan":
        return a !== null && x < a;
      case "GreaterThanOrEqualTo":
        return a !== null && x >= a;
      case "LessThanOrEqualTo":
        return a !== null && x <= a;
      default:
        return true;
    }
  }

  conditionalFormatsIn(sheet: SheetModel, rect: Rect): ConditionalFormatModel[] {
    return sheet.conditionalFormats
      .filter((c) => c.ranges.some((r) => rectIntersect(r, rect)))
      .sort((a, b) => a.priority - b.priority);
  }

  addConditionalFormat(sheet: SheetModel, rect: Rect, type: "CellValue" | "Custom"): ConditionalFormatModel {
    this.checkAllowed(sheet, "allowFormatCells");
    for (const c of sheet.conditionalFormats) c.priority++;
    const cf: ConditionalFormatModel = {
      id: String(++this.wb.counters.cf),
      ranges: [rect],
      type,
      priority: 0,
      stopIfTrue: false,
      rule: { operator: null, formula1: null, formula2: null, formula: null },
      format: { fillColor: null, fontColor: null, bold: null, italic: null },
    };
    sheet.conditionalFormats.push(cf);
    this.structure.add("conditionalFormats");
    return cf;
  }

  clearConditionalFormats(sheet: SheetModel, rect: Rect): void {
    this.checkAllowed(sheet, "allowFormatCells");
    for (const c of sheet.conditionalFormats) c.ranges = subtractRect(c.ranges, rect);
    sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c.ranges.length);
    this.structure.add("conditionalFormats");
  }

  /** The conditional formats that apply to a cell now (highest priority first, honouring stopIfTrue). */
  appliedConditionalFormats(sheet: SheetModel, r: number, c: number): ConditionalFormatModel[] {
    const out: ConditionalFormatModel[] = [];
    const list = sheet.conditionalFormats
      .filter((cf) => cf.ranges.some((x) => rectContainsCell(x, r, c)))
      .sort((a, b) => a.priority - b.priority);
    for (const cf of list) {
      const base = cf.ranges[0];
      const dr = r - base.r0;
      const dc = c - base.c0;
      let hit = false;
      if (cf.type === "Custom") {
        if (cf.rule.formula) {
          const v = this.calc.evaluateFormula(cf.rule.formula, sheet, r, c, dr, dc);
          hit = v === true || (typeof v === "number" && v !== 0);
        }
      } else {
        const val = this.valueAt(sheet, r, c);
        const f = (x: string | null): CellValue =>
          x === null
            ? null
            : x.startsWith("=")
              ? this.calc.evaluateFormula(x, sheet, r, c, dr, dc)
              : (parseNumberText(x)?.value ?? x);
        const a = f(cf.rule.formula1);
        const b = f(cf.rule.formula2);
        if (typeof val === "number" || typeof val === "string") {
          const cmp = (p: CellValue) =>
            typeof p === "number" && typeof val === "number"
              ? val - p
              : String(val).localeCompare(String(p ?? ""));
          switch (cf.rule.operator) {
            case "Between":
              hit = cmp(a) >= 0 && cmp(b) <= 0;
              break;
            case "NotBetween":
              hit = cmp(a) < 0 || cmp(b) > 0;
              break;
            case "EqualTo":
              hit = cmp(a) === 0;
              break;
            case "NotEqualTo":
              hit = cmp(a) !== 0;
              break;
            case "GreaterThan":
              hit = cmp(a) > 0;
              break;
            case "LessThan":
              hit = cmp(a) < 0;
              break;
            case "GreaterThanOrEqual":
              hit = cmp(a) >= 0;
              break;
            case "LessThanOrEqual":
              hit = cmp(a) <= 0;
              break;
          }
        }
      }
      if (hit) {
        out.push(cf);
        if (cf.stopIfTrue) break;
      }
    }
    return out;
  }
}
