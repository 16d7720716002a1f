/**
 * The plan for writing weights — criteria's, and indicators' local weights (weights/weightNodes.ts) —
 * typed by hand, or set all at once by a profile.
 */
import type { Change } from "../write/audit";
import { ConflictError, weightConflicts } from "../write/conflicts";
import { describeWeights } from "../weights/profiles";
import type { WrittenValue } from "./writtenValue";
import type { ScorecardData } from "../model";
import { weightNodeOf, weightsOf } from "../weights/weightNodes";

export interface WeightChangePlan {
  /** The raw weights to write, by criterion or indicator id: only those that differ from what they replace. */
  changed: Record<string, number>;
  /** A co-author changed a weight this change changes; else null. */
  refusal: ConflictError | null;
  /** The Audit row that says which profile set the weights. */
  cause?: Change;
  /** The weights that put back what the change replaced. */
  undo: Record<string, number>;
  /** The weights the change writes, as `now` holds them. */
  written(now: ScorecardData): WrittenValue<number | undefined>[];
}

/**
 * Writing `weights` over `fresh` (the workbook now), chosen on `base` (what the user saw). A profile
 * sets every weight, whatever anyone changed meanwhile. A weight typed by hand is a change from what
 * the pane showed: only those write, so a co-author's change to another weight stays, and one to the
 * same weight is a conflict.
 */
export function planWeightChange(
  base: ScorecardData,
  fresh: ScorecardData,
  weights: Record<string, number>,
  profile?: string,
): WeightChangePlan {
  const previous = weightsOf(fresh);
  const seen = weightsOf(profile !== undefined ? fresh : base);
  const changed = Object.fromEntries(Object.entries(weights).filter(([id, w]) => seen[id] !== w));
  const conflicts = profile !== undefined ? [] : weightConflicts(base, fresh, changed);
  return {
    changed,
    refusal: conflicts.length > 0 ? new ConflictError(conflicts, fresh.location.meta.sheets.weights) : null,
    cause:
      profile !== undefined
        ? {
            what: "profile applied",
            agreementId: "",
            subject: profile,
            before: describeWeights(fresh, previous),
            after: describeWeights(fresh, { ...previous, ...changed }),
          }
        : undefined,
    undo: Object.fromEntries(Object.keys(changed).map((id) => [id, previous[id]])),
    written: (now) =>
      Object.keys(changed).map((id) => ({
        now: weightNodeOf(now, id)?.weight,
        before: previous[id],
        intended: changed[id],
      })),
  };
}
