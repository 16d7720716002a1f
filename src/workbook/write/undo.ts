/**
 * Undoes the author's last change (plans/undo.ts) by writing its "before" values back through the
 * same workbook operation that made it: the undo is a change of its own, audited, with that
 * operation's co-authoring checks (a value changed meanwhile is a conflict, nothing written).
 */
import { upsertAgreements } from "../agreements/upsert";
import { renameCriterion } from "../criteria/editCriteria";
import { setDiscussThreshold } from "../team/discussThreshold";
import { WorkbookError } from "../errors";
import { planUndo, type OwnChange } from "../plans/undo";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { writeReviews } from "../team/writeReviews";
import { setConsensusMethod } from "../team/mode";
import { writeWeights } from "../weights/writeWeights";

export interface UndoOptions {
  /** Whose last change to undo; recorded as "who" of the undo. */
  author: string;
  /** The time of the change the pane offered: another change of the author's since refuses. */
  expectedTime?: string;
  now?: Date;
}

/**
 * Undoes over `fresh`, which the caller has just read (the checks compare with the workbook now).
 * Throws ChangedByAnotherAuthor when a co-author changed what the change wrote, InvalidInput when
 * the change is not one that can be undone here; both write nothing.
 */
export async function undoLastChange(
  run: ExcelRun,
  fresh: ScorecardData,
  options: UndoOptions,
): Promise<OwnChange> {
  const plan = planUndo(fresh, options.author, options.expectedTime);
  if (plan.refusal !== null) {
    const { message, changedSince } = plan.refusal;
    throw new WorkbookError(changedSince ? "ChangedByAnotherAuthor" : "InvalidInput", message, {
      sheet: fresh.location.meta.audit?.sheet,
    });
  }
  const { step } = plan;
  const { author, now } = options;
  switch (step.kind) {
    case "weights":
      await writeWeights(run, fresh, step.weights, { author, now });
      break;
    case "scores":
      await upsertAgreements(run, fresh, step.updates, { author, now });
      break;
    case "consensus method":
      await setConsensusMethod(run, fresh, step.method, { reviewer: author, now });
      break;
    case "discuss threshold":
      await setDiscussThreshold(run, fresh, step.threshold, { reviewer: author, now });
      break;
    case "criterion name":
      await renameCriterion(run, fresh, step.criterionId, step.name, { author, now });
      break;
    case "reviews":
      await writeReviews(run, fresh, author, step.edits, now);
      break;
  }
  return plan.change;
}
