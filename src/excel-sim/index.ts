/**
 * excel-sim: an in-memory workbook behind the subset of the Excel JavaScript API the product
 * uses, with Excel's semantics. See README.md in this folder.
 */
export { createWorkbook } from "./sim";
export type {
  InspectedCell,
  InspectedChart,
  InspectedSeries,
  SimChangeEvent,
  SimInspector,
  SimOptions,
  SimStats,
  SimWorkbook,
  UserEditResult,
} from "./sim-types";
export { SimError, isSimError, type SimErrorCode } from "./errors";
export { installExcelGlobals, ExcelEnums } from "./globals";
export * from "./model/types";
export * as address from "./model/address";
export { formatValue, formatGeneral } from "./model/format";
export type { ChangeRecord, ChangeType, StructureChange } from "./model/model-core";
export { supportedFunctions } from "./formula/functions";
export { parseFormula, canonicalFunctionName } from "./formula/parser";
export { columnLeft, rowTop, cellAtPoint, seriesName, refValues, CHART_TYPES } from "./model/charts";
export { exportXlsx } from "./export/lazy";
export type { ExportOptions } from "./export";
