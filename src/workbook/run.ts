/**
 * The workbook operations take Excel's `run` function as a parameter, so the same code runs against
 * Excel (Excel.run) and against excel-sim (docs/architecture.md §4).
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel.run's two forms the add-in uses (Excel's own, or excel-sim's). */
export interface RunWithOptions {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/**
 * The add-in's run: where Excel supports it (ExcelApi 1.11), batches ask to wait while the user
 * is editing a cell (delayForCellEdit) instead of failing with InvalidOperationInCellEditMode
 * (learn.microsoft.com "Delay execution while cell is being edited"). Older Excel fails them;
 * the pane's background refreshes then retry quietly (taskpane/state/store.ts).
 */
export function excelRun(excel: RunWithOptions, supportsDelayForCellEdit: boolean): ExcelRun {
  return supportsDelayForCellEdit
    ? (batch) => excel.run({ delayForCellEdit: true }, batch)
    : (batch) => excel.run(batch);
}
