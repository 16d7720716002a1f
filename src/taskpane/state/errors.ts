/**
 * Errors as the pane shows them: what happened (the title names the action that failed) and what
 * to do (the message). WorkbookError and ScoringError messages are written for users and are shown
 * as they are; anything else gets a generic next step.
 */
import { ScoringError } from "../../scoring/errors";
import { WorkbookError } from "../../workbook";

export interface PaneError {
  /** What failed, e.g. "The scores were not saved". */
  title: string;
  /** What happened and what to do. */
  message: string;
  /** WorkbookError or ScoringError code, when there is one. */
  code?: string;
}

export function describeError(error: unknown, title: string): PaneError {
  if (error instanceof WorkbookError || error instanceof ScoringError) {
    return { title, message: error.message, code: error.code };
  }
  const text = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string"
      ? (error as { code: string }).code
      : undefined;
  return {
    title,
    message: `Excel or the pane reported: ${text || "an unknown error"}. Try again; if it keeps happening, close and reopen the pane.`,
    code,
  };
}

/**
 * Excel refused a batch because the user is editing a cell (desktop Excel, where Excel.run could
 * not be asked to wait: delayForCellEdit needs ExcelApi 1.11). The workbook layer may wrap it.
 */
export function inCellEditMode(error: unknown): boolean {
  const codeOf = (e: unknown) =>
    typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  const cause =
    typeof error === "object" && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return (
    codeOf(error) === "InvalidOperationInCellEditMode" || codeOf(cause) === "InvalidOperationInCellEditMode"
  );
}
