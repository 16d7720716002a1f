/**
 * Team intents: who is using the pane, each reviewer's own scores (the Reviews sheet), one
 * analyst ↔ a team, and the consensus method.
 */
import type { ConsensusMethod } from "../../../scoring/consensus";
import {
  confirmedImport,
  conflictRefusal,
  importBatches,
  importedReviews,
  lastChangeOf,
  type ParsedReviewsCsv,
  refusedRows,
  type ReviewEdit,
  type ReviewImportPlan,
  type ScoringMode,
  WorkbookError,
  writtenReviews,
} from "../../../workbook";
import { outcomeOf, type StoreCore } from "../core";
import { rememberReviewer } from "../reviewer";
import { agreementLabel, discardDraft } from "./agreements";

/**
 * Saves this reviewer's scores and rationales of one agreement (team scoring), and its general
 * notes if they changed. Only the reviewer's own rows of the Reviews sheet are written.
 */
export function saveReviews(
  core: StoreCore,
  agreementId: string,
  edits: ReviewEdit[],
  notes?: string,
): Promise<boolean> {
  const label = agreementLabel(core, agreementId);
  return core.operation("Saving your scores…", `Your scores of ${label} were not saved`, async () => {
    const reviewer = core.requireReviewer();
    const base = core.requireData();
    core.expect((now) => outcomeOf(writtenReviews(base, reviewer, edits, now), (a, b) => a === b));
    if (edits.length > 0) await core.gateway.writeReviews(base, reviewer, edits);
    if (notes !== undefined) {
      const fresh = await core.gateway.read(base.location);
      const refusal = conflictRefusal(base, fresh, { id: agreementId, notes });
      if (refusal) throw refusal;
      await core.gateway.upsertAgreements(fresh, [{ id: agreementId, notes }], { author: reviewer });
    }
    await core.refresh();
    discardDraft(core, agreementId);
    core.set({ notice: { intent: "success", text: `Saved your scores of ${label}.` } });
  });
}

/**
 * Writes an import of reviews the user confirmed on its preview (Team tab), reviewer by reviewer.
 * If the workbook changed so that the import would write anything else, nothing is written and the
 * preview, read again, shows the new plan.
 */
export function importReviews(
  core: StoreCore,
  source: ParsedReviewsCsv,
  confirmed: ReviewImportPlan,
): Promise<boolean> {
  return core.operation("Importing reviews…", "The reviews were not imported", async () => {
    const fresh = await core.gateway.read(core.requireData().location);
    const { plan, refusal } = confirmedImport(source, confirmed, fresh);
    core.throwIfRefused(refusal, fresh);
    core.expect((now) => outcomeOf(importedReviews(plan, now), (a, b) => a === b));
    for (const { reviewer, edits } of importBatches(plan))
      await core.gateway.writeReviews(fresh, reviewer, edits);
    await core.refresh();
    const written = plan.added.length + plan.updated.length;
    const refused = refusedRows(plan);
    core.set({
      notice: {
        intent: "success",
        text:
          `Imported ${written} review${written === 1 ? "" : "s"} (${plan.added.length} new, ${plan.updated.length} updated); the Audit sheet records each change.` +
          (refused > 0 ? ` ${refused} refused row${refused === 1 ? " was" : "s were"} left out.` : ""),
      },
    });
  });
}

/** One analyst ↔ a team; every score is kept (see workbook/team/mode.ts). */
export function switchMode(core: StoreCore, mode: ScoringMode, method?: ConsensusMethod): Promise<boolean> {
  return core.operation(
    mode === "team" ? "Switching to team scoring…" : "Switching to one analyst…",
    "The scoring mode was not changed",
    async () => {
      const reviewer = mode === "team" ? core.requireReviewer() : core.author;
      const fresh = await core.gateway.read(core.requireData().location);
      core.expect((now) => (now.location.meta.mode === mode ? "after" : "before"));
      await core.gateway.switchMode(fresh, mode, reviewer, method);
      await core.refreshAndReport(
        mode === "team"
          ? `Team scoring is on. The existing scores are now ${reviewer}'s reviews; the criterion cells show the team's consensus.`
          : "One analyst scores this scorecard now. The criterion cells keep the team's consensus as scores; the Reviews sheet stays as the record.",
      );
    },
  );
}

export function setConsensusMethod(core: StoreCore, method: ConsensusMethod): Promise<boolean> {
  return core.operation("Changing the consensus…", "The consensus method was not changed", async () => {
    const fresh = await core.gateway.read(core.requireData().location);
    const before = fresh.location.meta.consensusMethod;
    await core.gateway.setConsensusMethod(fresh, method, core.author);
    await core.refreshAndReport(
      before === method
        ? `The consensus is the ${method} already.`
        : `The consensus is now the ${method} of the reviewers' scores (was the ${before}); the criterion cells, scores and ranks follow.`,
    );
  });
}

/**
 * Saves the discuss threshold. Refused, naming who, when a co-author changed it since the pane read
 * it: the number typed was chosen against theirs.
 */
export function setDiscussThreshold(core: StoreCore, threshold: number): Promise<boolean> {
  return core.operation(
    "Changing the discuss threshold…",
    "The discuss threshold was not changed",
    async () => {
      const shown = core.requireData().location.meta.sdThreshold;
      const fresh = await core.gateway.read(core.requireData().location);
      const before = fresh.location.meta.sdThreshold;
      if (before !== shown) {
        const last = lastChangeOf(fresh.audit, (e) => e.what === "discuss threshold");
        throw new WorkbookError(
          "ChangedByAnotherAuthor",
          `${last?.who || "Another author"} changed the discuss threshold to ${before} since the pane read it, so nothing was written. Look at it and try again.`,
        );
      }
      core.expect((now) => (now.location.meta.sdThreshold === threshold ? "after" : "before"));
      await core.gateway.setDiscussThreshold(fresh, threshold, core.author);
      await core.refresh();
      const flagged = core.requireData().consensus.filter((c) => c.discuss).length;
      core.set({
        notice: {
          intent: "success",
          text:
            before === threshold
              ? `The discuss threshold is ${threshold} already.`
              : `The discuss threshold is now ${threshold} (was ${before}); ${flagged} ${flagged === 1 ? "cell is" : "cells are"} flagged to discuss.`,
        },
      });
    },
  );
}

/**
 * Remembers who is using the pane on this machine. Unsaved edits belong to the person who made
 * them: they are put aside for the previous name and the new name's own come back, so one
 * reviewer's draft is never saved under another's name.
 */
export function setReviewer(core: StoreCore, name: string): void {
  const reviewer = name.trim();
  if (reviewer === core.state.reviewer) return;
  rememberReviewer(core.storage, reviewer);
  core.draftsAside.set(core.state.reviewer.toLowerCase(), core.state.drafts);
  const drafts = core.draftsAside.get(reviewer.toLowerCase()) ?? {};
  core.draftsAside.delete(reviewer.toLowerCase());
  core.set({ reviewer, drafts });
}
