/** Plans for saving one agreement's edits, and for adding a new agreement. */
import type { AgreementUpdate } from "../agreements/upsert";
import { agreementConflicts, ConflictError } from "../write/conflicts";
import { WorkbookError } from "../errors";
import type { AgreementRecord, ScorecardData } from "../model";
import type { WrittenValue } from "./writtenValue";

export interface AgreementSavePlan {
  /** Why nothing may be written (the agreement is gone, or a co-author changed the same cells); else null. */
  refusal: WorkbookError | null;
  /** The scores and notes the save changes, as `now` holds them. */
  written(now: ScorecardData): WrittenValue<unknown>[];
}

/**
 * Saving `update` over `fresh` (the workbook now), made on `base` (what the user saw): refused where
 * the agreement's row is gone or a co-author changed a value the update changes.
 */
export function planAgreementSave(
  base: ScorecardData,
  fresh: ScorecardData,
  update: AgreementUpdate,
): AgreementSavePlan {
  const seen = findAgreement(fresh, update.id);
  const refusal = seen
    ? conflictRefusal(base, fresh, update)
    : new WorkbookError(
        "InvalidInput",
        `Agreement "${update.id}" is no longer in the scorecard (its row was deleted or its ID changed). Your edits are kept in the pane; add the agreement again or restore the row.`,
      );
  return {
    refusal,
    written(now) {
      const a = findAgreement(now, update.id);
      const scores = Object.entries(update.scores ?? {}).map(([id, score]) => ({
        now: a?.scores[id] ?? null,
        before: seen?.scores[id] ?? null,
        intended: score,
      }));
      const indicators = Object.entries(update.indicatorScores ?? {}).map(([id, score]) => ({
        now: a?.indicatorScores?.[id] ?? null,
        before: seen?.indicatorScores?.[id] ?? null,
        intended: score,
      }));
      const notes =
        update.notes !== undefined ? [{ now: a?.notes, before: seen?.notes, intended: update.notes }] : [];
      return [...scores, ...indicators, ...notes];
    },
  };
}

/** A conflict with a co-author's change to what `update` changes, as an error; null when there is none. */
export function conflictRefusal(
  base: ScorecardData,
  fresh: ScorecardData,
  update: AgreementUpdate,
): ConflictError | null {
  const conflicts = agreementConflicts(base, fresh, update);
  return conflicts.length > 0 ? new ConflictError(conflicts, fresh.location.meta.sheets.scorecard) : null;
}

/** Adding `record`: refused where its ID (compared as text, any case) is taken. */
export function newAgreementRefusal(fresh: ScorecardData, record: AgreementRecord): WorkbookError | null {
  const id = record.id.trim();
  return findAgreement(fresh, id)
    ? new WorkbookError("InvalidInput", `ID "${id}" is already used by another agreement; choose another ID.`)
    : null;
}

function findAgreement(data: ScorecardData, id: string): AgreementRecord | undefined {
  return data.agreements.find((a) => a.id.toLowerCase() === id.toLowerCase());
}
