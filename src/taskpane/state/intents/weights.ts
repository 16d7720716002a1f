/** Weight intents: write weights (typed, or from a profile, with Undo) and save weight profiles. */
import { ConflictError, sameValue, weightConflicts } from "../../../workbook/conflicts";
import { describeWeights, weightsFromProfile } from "../../../workbook/profiles";
import { outcomeOf, type StoreCore } from "../core";

export interface ApplyWeightsOptions {
  /** The error title, when the write fails. */
  failure?: string;
  /** The notice on success, which then offers Undo. */
  done?: string;
  /** Set when a profile sets the weights: every weight is written and the Audit says which profile. */
  cause?: { profile: string };
}

/**
 * Writes raw criterion weights (one sync) and reads the scorecard back, so the Weights sheet's
 * formulas, the scores and the charts update live.
 */
export function applyWeights(
  core: StoreCore,
  weights: Record<string, number>,
  options: ApplyWeightsOptions = {},
): Promise<boolean> {
  return core.operation("Writing weights…", options.failure ?? "The weights were not changed", async () => {
    const base = core.requireData();
    const fresh = await core.gateway.read(base.location);
    // A profile sets every weight, whatever anyone changed meanwhile. A weight typed by hand is a
    // change from what the pane showed: only those write, so a co-author's change to another
    // weight stays, and one to the same weight is a conflict.
    const from = options.cause ? fresh : base;
    const previous = Object.fromEntries(fresh.config.criteria.map((c) => [c.id, c.weight]));
    const seen = Object.fromEntries(from.config.criteria.map((c) => [c.id, c.weight]));
    const changed = Object.fromEntries(Object.entries(weights).filter(([id, w]) => seen[id] !== w));
    const conflicts = options.cause ? [] : weightConflicts(base, fresh, changed);
    if (conflicts.length > 0) {
      core.set({ data: fresh });
      throw new ConflictError(conflicts, fresh.location.meta.sheets.weights);
    }
    const cause = options.cause
      ? {
          what: "profile applied" as const,
          agreementId: "",
          subject: options.cause.profile,
          before: describeWeights(fresh, previous),
          after: describeWeights(fresh, { ...previous, ...changed }),
        }
      : undefined;
    core.expect((now) =>
      outcomeOf(
        Object.keys(changed).map((id) => ({
          now: now.config.criteria.find((c) => c.id === id)?.weight,
          before: previous[id],
          intended: changed[id],
        })),
        sameValue,
      ),
    );
    await core.gateway.writeWeights(fresh, changed, { author: core.author, cause });
    await core.refresh();
    if (options.done !== undefined) {
      const undo = Object.fromEntries(Object.keys(changed).map((id) => [id, previous[id]]));
      core.set({
        notice: {
          intent: "success",
          text: options.done,
          action: {
            label: "Undo",
            run: () => void applyWeights(core, undo, { done: "Previous weights restored." }),
          },
        },
      });
    }
  });
}

/** Saves the current weights as a named profile in the workbook (Profiles sheet). */
export function saveProfile(core: StoreCore, name: string): Promise<boolean> {
  return core.operation("Saving the profile…", "The profile was not saved", async () => {
    const data = core.requireData();
    const weights = Object.fromEntries(data.config.criteria.map((c) => [c.id, c.weight]));
    await core.gateway.saveProfile(data, { name, author: core.author, weights });
    await core.refresh();
    core.set({ notice: { intent: "success", text: `Weights saved as profile "${name.trim()}".` } });
  });
}

/** Applies a saved profile's weights; criteria the profile does not know keep theirs. */
export function applyProfile(core: StoreCore, name: string): Promise<boolean> {
  const data = core.requireData();
  const profile = data.profiles.find((p) => p.name === name);
  if (!profile) return Promise.resolve(false);
  const { weights, notInProfile } = weightsFromProfile(profile, data);
  const kept =
    notInProfile.length > 0
      ? ` ${notInProfile.join(", ")} kept ${notInProfile.length === 1 ? "its" : "their"} weight (not in the profile).`
      : "";
  return applyWeights(core, weights, {
    done: `Profile "${profile.name}" applied.${kept}`,
    cause: { profile: profile.name },
  });
}
