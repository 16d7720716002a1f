/** Agreement intents: save and add agreements, the unsaved drafts, and which agreement is shown. */
import {
  type AgreementRecord,
  type AgreementUpdate,
  newAgreementRefusal,
  planAgreementSave,
  sameValue,
} from "../../../workbook";
import { outcomeOf, type StoreCore } from "../core";
import type { AgreementDraft } from "../paneState";

/**
 * Saves scores, rationale and notes of one existing agreement. The scorecard is read first, so
 * that rows moved in the grid since the last read are written where they now are.
 */
export function saveAgreement(
  core: StoreCore,
  update: AgreementUpdate,
  options: { confirmOverwrite?: boolean } = {},
): Promise<boolean> {
  const label = agreementLabel(core, update.id);
  return core.operation(
    "Saving scores…",
    `The scores of ${label} were not saved`,
    async () => {
      // What the user saw when they edited, and the workbook now: a co-author's change to the
      // same cells in between is reported, never overwritten.
      const base = core.requireData();
      const fresh = await core.gateway.read(base.location);
      const plan = planAgreementSave(base, fresh, update);
      core.throwIfRefused(plan.refusal, fresh);
      core.expect((now) => outcomeOf(plan.written(now), sameValue));
      await core.gateway.upsertAgreements(fresh, [update], { ...options, author: core.author });
      await core.refresh();
      discardDraft(core, update.id);
      core.set({ notice: { intent: "success", text: `Saved ${label}.` } });
    },
    (retry) => saveAgreement(core, update, { ...options, confirmOverwrite: retry }),
  );
}

/** Adds a new agreement below the table (Range.values, never rows.add). */
export function addAgreement(
  core: StoreCore,
  record: AgreementRecord,
  options: { confirmOverwrite?: boolean } = {},
): Promise<boolean> {
  return core.operation(
    "Adding the agreement…",
    `Agreement "${record.name || record.id}" was not added`,
    async () => {
      const fresh = await core.gateway.read(core.requireData().location);
      core.throwIfRefused(newAgreementRefusal(fresh, record), fresh);
      await core.gateway.upsertAgreements(fresh, [record], { ...options, author: core.author });
      await core.refresh();
      core.set({
        selectedAgreementId: record.id.trim(),
        notice: { intent: "success", text: `Added "${record.name || record.id}".` },
      });
    },
    (retry) => addAgreement(core, record, { ...options, confirmOverwrite: retry }),
  );
}

export function selectAgreement(core: StoreCore, id: string | null): void {
  core.set({ selectedAgreementId: id });
}

export function setFollowSelection(core: StoreCore, follow: boolean): void {
  core.set({ followSelection: follow });
}

export function setDraft(core: StoreCore, id: string, draft: AgreementDraft): void {
  core.set({ drafts: { ...core.state.drafts, [id]: draft } });
}

export function discardDraft(core: StoreCore, id: string): void {
  if (!(id in core.state.drafts)) return;
  const drafts = { ...core.state.drafts };
  delete drafts[id];
  core.set({ drafts });
}

/** How messages name an agreement: its name in quotes, or its ID. */
export function agreementLabel(core: StoreCore, id: string): string {
  const agreement = core.state.data?.agreements.find((a) => a.id === id);
  return agreement?.name ? `"${agreement.name}"` : `agreement ${id}`;
}
