/** Weight intents: write weights (typed, or from a profile, with Undo) and save weight profiles. */
import { planWeightChange, sameValue, weightsFromProfile, weightsOf } from "../../../workbook";
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
 * Writes raw criterion weights (one guarded write) and reads the scorecard back, so the Weights sheet's
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
    const plan = planWeightChange(base, fresh, weights, options.cause?.profile);
    core.throwIfRefused(plan.refusal, fresh);
    core.expect((now) => outcomeOf(plan.written(now), sameValue));
    await core.gateway.writeWeights(fresh, plan.changed, { author: core.author, cause: plan.cause });
    await core.refresh();
    if (options.done !== undefined) {
      core.set({
        notice: {
          intent: "success",
          text: options.done,
          action: {
            label: "Undo",
            run: () => void applyWeights(core, plan.undo, { done: "Previous weights restored." }),
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
    await core.gateway.saveProfile(data, { name, author: core.author, weights: weightsOf(data) });
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
