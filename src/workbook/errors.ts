/**
 * Errors of the workbook layer. Each names the place (sheet, table, column, row) and says what
 * would fix it, so the pane can show it as it is.
 */
export type WorkbookErrorCode =
  | "ScorecardNotFound"
  | "SheetMissing"
  | "TableMissing"
  | "ColumnMissing"
  | "MetadataMissing"
  | "MetadataInvalid"
  | "NewerSchema"
  | "SheetProtected"
  | "WouldOverwrite"
  | "ChangedByAnotherAuthor"
  | "InvalidInput"
  | "ExcelError";

export interface WorkbookPlace {
  sheet?: string;
  table?: string;
  column?: string;
  /** 1-based Excel row number. */
  row?: number;
  address?: string;
}

export class WorkbookError extends Error {
  readonly code: WorkbookErrorCode;
  readonly place: WorkbookPlace;
  readonly cause?: unknown;

  constructor(code: WorkbookErrorCode, message: string, place: WorkbookPlace = {}, cause?: unknown) {
    super(message);
    this.name = "WorkbookError";
    this.code = code;
    this.place = place;
    this.cause = cause;
  }
}

/** Excel's own error code (OfficeExtension.Error.code), if the error came from Excel. */
export function excelErrorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** Turns Excel's AccessDenied on a protected sheet into an error that says what to do. */
export function explainExcelError(error: unknown, sheet?: string): Error {
  if (error instanceof WorkbookError) return error;
  const code = excelErrorCode(error);
  if (code === "AccessDenied") {
    return new WorkbookError(
      "SheetProtected",
      `Sheet "${sheet ?? "?"}" is protected, so the scorecard cannot be written. Unprotect it (Review › Unprotect Sheet) and try again.`,
      { sheet },
      error,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WorkbookError(
    "ExcelError",
    `Excel refused the change (${code ?? "unknown error"}): ${message}`,
    { sheet },
    error,
  );
}

/** Syncs, turning Excel's refusal into a WorkbookError that names the sheet. */
export async function syncOrExplain(context: Excel.RequestContext, sheet: string): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    throw explainExcelError(error, sheet);
  }
}
