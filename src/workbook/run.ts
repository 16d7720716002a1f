/**
 * The workbook operations take Excel's `run` function as a parameter, so the same code runs against
 * Excel (Excel.run) and against excel-sim (DESIGN.md §4).
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
