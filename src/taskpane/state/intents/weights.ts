/** Weight intents: write weights (typed, or from a profile, with Undo) and save weight profiles. */
import {
  ownWeights,
  planWeightChange,
  sameValue,
  type ScorecardData,
  type WeightProfile,
  weightsFromProfile,
  weightsOf,
} from "../../../workbook";
import { saveMyWeights } from "./teamWeights";
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
    await core.refreshAndReport(`Weights saved as profile "${name.trim()}".`);
  });
}

/**
 * Applies a saved profile's weights; criteria the profile does not know keep theirs. While the team
 * weights are on, the scorecard's weights are the reviewers' (weights/teamBlock.ts): the profile
 * then sets the applying reviewer's own weights instead, which the team weights then take in.
 */
export function applyProfile(core: StoreCore, name: string): Promise<boolean> {
  const data = core.requireData();
  const profile = data.profiles.find((p) => p.name === name);
  if (!profile) return Promise.resolve(false);
  const { weights, notInProfile } = weightsFromProfile(profile, data);
  const kept =
    notInProfile.length > 0
      ? ` ${notInProfile.join(", ")} kept ${notInProfile.length === 1 ? "its" : "their"} weight (not in the profile).`
      : "";
  const meta = data.location.meta;
  if (meta.mode === "team" && meta.teamWeights !== null)
    return saveMyWeights(
      core,
      { weights: myWeightsFromProfile(profile, data, core.state.reviewer), method: "direct" },
      `Profile "${profile.name}" applied to your own weights; the team weights take them in.${kept}`,
    );
  return applyWeights(core, weights, {
    done: `Profile "${profile.name}" applied.${kept}`,
    cause: { profile: profile.name },
  });
}

/**
 * The profile's weights as a reviewer's own; a criterion the profile does not know keeps the
 * reviewer's own weight, scaled to the profile's footing (the team's share when they have none).
 */
function myWeightsFromProfile(profile: WeightProfile, data: ScorecardData, reviewer: string) {
  const criteria = data.config.criteria;
  const mine = ownWeights(data, reviewer);
  const fallback = (id: string) => mine?.weights[id] ?? criteria.find((c) => c.id === id)!.weight;
  const known = criteria.filter((c) => typeof profile.weights[c.id] === "number");
  const profileTotal = known.reduce((sum, c) => sum + profile.weights[c.id], 0);
  const fallbackTotal = known.reduce((sum, c) => sum + fallback(c.id), 0);
  const scale = profileTotal > 0 && fallbackTotal > 0 ? profileTotal / fallbackTotal : 1;
  return Object.fromEntries(
    criteria.map((c) => [c.id, known.includes(c) ? profile.weights[c.id] : fallback(c.id) * scale]),
  );
}
