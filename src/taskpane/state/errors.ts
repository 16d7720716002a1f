/**
 * Errors as the pane shows them: what happened (the title names the action that failed) and what
 * to do (the message). WorkbookError and ScoringError messages are written for users and are shown
 * as they are; anything else gets a generic next step.
 */
import { ScoringError } from "../../scoring/errors";
import { WorkbookError } from "../../workbook/errors";

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
