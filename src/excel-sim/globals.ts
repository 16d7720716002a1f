/**
 * Runtime stand-ins for the parts of the `Excel` and `OfficeExtension` namespaces that code may
 * read at run time (enums such as Excel.ErrorCodes, OfficeExtension.Error). In Office these come
 * from office.js; in jest and the preview they do not exist unless installed.
 */
import { SimError } from "./errors";
import { SimClientResult } from "./api/base";
import { CHART_TYPES } from "./model/charts";
import type { SimWorkbook } from "./sim-types";
import { BORDER_EDGES } from "./model/types";

function enumOf(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) out[v.charAt(0).toLowerCase() + v.slice(1)] = v;
  return out;
}

/** The operators a conditional format's cell-value rule and a validation rule share, by Excel's names. */
const COMPARISONS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan"];

export const ExcelEnums = {
  ErrorCodes: enumOf([
    "AccessDenied",
    "ApiNotFound",
    "Conflict",
    "GeneralException",
    "InsertDeleteConflict",
    "InvalidArgument",
    "InvalidBinding",
    "InvalidOperation",
    "InvalidOperationInCellEditMode",
    "InvalidReference",
    "InvalidSelection",
    "ItemAlreadyExists",
    "ItemNotFound",
    "NotImplemented",
    "RequestAborted",
    "ResponsePayloadSizeLimitExceeded",
    "UnsupportedOperation",
  ]),
  ChartType: enumOf([...CHART_TYPES]),
  ChartSeriesBy: enumOf(["Auto", "Columns", "Rows"]),
  ChartLegendPosition: enumOf(["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"]),
  ChartAxisType: enumOf(["Invalid", "Category", "Value", "Series"]),
  DeleteShiftDirection: enumOf(["Up", "Left"]),
  InsertShiftDirection: enumOf(["Down", "Right"]),
  ClearApplyTo: enumOf(["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks"]),
  ConditionalFormatType: enumOf([
    "Custom",
    "DataBar",
    "ColorScale",
    "IconSet",
    "TopBottom",
    "PresetCriteria",
    "ContainsText",
    "CellValue",
  ]),
  // Excel spells the last two differently in the two enums: …OrEqual here, …OrEqualTo below.
  ConditionalCellValueOperator: enumOf(["Invalid", ...COMPARISONS, "GreaterThanOrEqual", "LessThanOrEqual"]),
  DataValidationType: enumOf([
    "None",
    "WholeNumber",
    "Decimal",
    "List",
    "Date",
    "Time",
    "TextLength",
    "Custom",
    "Inconsistent",
    "MixedCriteria",
  ]),
  DataValidationOperator: enumOf([...COMPARISONS, "GreaterThanOrEqualTo", "LessThanOrEqualTo"]),
  DataValidationAlertStyle: enumOf(["Stop", "Warning", "Information"]),
  SheetVisibility: enumOf(["Visible", "Hidden", "VeryHidden"]),
  CalculationMode: enumOf(["Automatic", "AutomaticExceptTables", "Manual"]),
  CalculationType: enumOf(["Recalculate", "Full", "FullRebuild"]),
  EventSource: enumOf(["Local", "Remote"]),
  DataChangeType: enumOf([
    "Unknown",
    "RangeEdited",
    "RowInserted",
    "RowDeleted",
    "ColumnInserted",
    "ColumnDeleted",
    "CellInserted",
    "CellDeleted",
  ]),
  BorderIndex: enumOf([...BORDER_EDGES]),
  BorderLineStyle: enumOf([
    "None",
    "Continuous",
    "Dash",
    "DashDot",
    "DashDotDot",
    "Dot",
    "Double",
    "SlantDashDot",
  ]),
  BorderWeight: enumOf(["Hairline", "Thin", "Medium", "Thick"]),
  HorizontalAlignment: enumOf([
    "General",
    "Left",
    "Center",
    "Right",
    "Fill",
    "Justify",
    "CenterAcrossSelection",
    "Distributed",
  ]),
  VerticalAlignment: enumOf(["Center", "Bottom", "Top", "Justify", "Distributed"]),
  RangeValueType: enumOf([
    "Unknown",
    "Empty",
    "String",
    "Integer",
    "Double",
    "Boolean",
    "Error",
    "RichValue",
  ]),
  NamedItemType: enumOf(["String", "Integer", "Double", "Boolean", "Range", "Error", "Array"]),
};

/**
 * Installs `Excel` (enums, and `run` bound to the given workbook when one is passed) and
 * `OfficeExtension` (Error, ClientResult, ErrorCodes) on globalThis, without replacing a real
 * office.js. Returns a function that restores the previous globals.
 */
export function installExcelGlobals(sim?: SimWorkbook): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const prevExcel = g.Excel;
  const prevExt = g.OfficeExtension;
  const isReal = (x: unknown) => !!x && typeof x === "object" && !(x as { __excelSim?: boolean }).__excelSim;
  if (!isReal(prevExcel)) {
    g.Excel = { __excelSim: true, ...ExcelEnums, ...(sim ? { run: sim.run.bind(sim) } : {}) };
  }
  if (!isReal(prevExt)) {
    g.OfficeExtension = {
      __excelSim: true,
      Error: SimError,
      ClientResult: SimClientResult,
      ErrorCodes: enumOf([
        "AccessDenied",
        "GeneralException",
        "ActivityLimitReached",
        "InvalidObjectPath",
        "PropertyNotLoaded",
        "ValueNotLoaded",
        "RequestAborted",
        "RequestPayloadSizeLimitExceeded",
      ]),
    };
  }
  return () => {
    g.Excel = prevExcel;
    g.OfficeExtension = prevExt;
  };
}
