/**
 * Team weight intents (issue 15): a reviewer's own weights, and the team weights on, off or
 * aggregated another way. Only the writing reviewer's rows of the Reviewer weights sheet are written.
 */
import { ownWeights, sameValue, type MyWeights, type TeamWeightsSetting } from "../../../workbook";
import { outcomeOf, type StoreCore } from "../core";

/** Saves this reviewer's own weights (any method), then reads the workbook back. */
export function saveMyWeights(core: StoreCore, mine: MyWeights, done: string): Promise<boolean> {
  return core.operation("Saving your weights…", "Your weights were not saved", async () => {
    const reviewer = core.requireReviewer();
    const base = core.requireData();
    const before = ownWeights(base, reviewer);
    core.expect((now) =>
      outcomeOf(
        base.config.criteria.map((c) => ({
          now: ownWeights(now, reviewer)?.weights[c.id],
          before: before?.weights[c.id],
          intended: mine.weights[c.id],
        })),
        sameValue,
      ),
    );
    await core.gateway.saveMyWeights(base, reviewer, mine);
    await core.refreshAndReport(done);
  });
}

/** Turns the team weights on with `setting` (or changes it), or off with null. */
export function setTeamWeights(core: StoreCore, setting: TeamWeightsSetting | null): Promise<boolean> {
  return core.operation("Writing the team weights…", "The team weights were not changed", async () => {
    const data = core.requireData();
    await core.gateway.setTeamWeights(data, setting, core.author);
    await core.refreshAndReport(
      setting === null
        ? "The team shares one set of weights again; the team weights stay as they were, as plain values."
        : `The scorecard's weights now come from the reviewers' (${setting.method}).`,
    );
  });
}
