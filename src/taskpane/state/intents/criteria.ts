/**
 * Criteria intents (workbook/criteria/editCriteria.ts): add, rename, remove, reorder and edit criteria. Every
 * change is audited and refused over a co-author's.
 */
import {
  type CriteriaWriteOptions,
  type CriterionEdit,
  movedCriterionOrder,
  type NewCriterion,
  type ScorecardData,
  staleReadRefusal,
} from "../../../workbook";
import type { StoreCore } from "../core";
import type { RetryAction } from "../paneState";
import type { Indicator } from "../../../scoring/indicatorTree";

export function addCriterion(core: StoreCore, criterion: NewCriterion): Promise<boolean> {
  const name = criterion.name.trim();
  return criteriaChange(
    core,
    "Adding the criterion…",
    `Criterion "${name}" was not added`,
    (fresh, options) => core.gateway.addCriterion(fresh, criterion, options),
    `Added criterion "${name}": a column on the Scorecard sheet and a row on the Weights sheet. Score it on the Score tab.`,
  );
}

export function renameCriterion(core: StoreCore, id: string, name: string): Promise<boolean> {
  const old = criterionName(core, id);
  return criteriaChange(
    core,
    "Renaming the criterion…",
    `Criterion "${old}" was not renamed`,
    (fresh, options) => core.gateway.renameCriterion(fresh, id, name, options),
    `Renamed "${old}" to "${name.trim()}" on every sheet.`,
  );
}

/** Removes a criterion and its scores; the pane has asked first. */
export function removeCriterion(core: StoreCore, id: string): Promise<boolean> {
  const name = criterionName(core, id);
  return criteriaChange(
    core,
    "Removing the criterion…",
    `Criterion "${name}" was not removed`,
    (fresh, options) => core.gateway.removeCriterion(fresh, id, options),
    `Removed criterion "${name}" and its scores; the Audit sheet records each score it held.`,
  );
}

/** Moves a criterion one place up (-1) or down (+1). */
export function moveCriterion(core: StoreCore, id: string, step: -1 | 1): Promise<boolean> {
  const name = criterionName(core, id);
  return criteriaChange(
    core,
    "Reordering the criteria…",
    `Criterion "${name}" was not moved`,
    (fresh, options) => {
      const order = movedCriterionOrder(fresh, id, step);
      return order ? core.gateway.reorderCriteria(fresh, order, options) : Promise.resolve();
    },
    `Moved "${name}" ${step < 0 ? "up" : "down"}: the Scorecard columns and the Weights rows follow.`,
  );
}

export function editCriterion(core: StoreCore, id: string, edit: CriterionEdit): Promise<boolean> {
  const name = criterionName(core, id);
  return criteriaChange(
    core,
    "Saving the criterion…",
    `Criterion "${name}" was not changed`,
    (fresh, options) => core.gateway.editCriterion(fresh, id, edit, options),
    `Saved the definition and rubric of "${name}".`,
  );
}

/** The notice of a setIndicators that only reweights (the Weights tab): its text, and what Undo restores. */
export interface IndicatorsNotice {
  done: string;
  undo?: Indicator[];
}

/**
 * Sets a criterion's indicators (issue 16). `confirmed`: the pane has said which scores go (a
 * removed indicator's, or the criterion's own when it first gets indicators) and the user agreed.
 */
export function setIndicators(
  core: StoreCore,
  id: string,
  indicators: Indicator[],
  confirmed: boolean,
  notice?: IndicatorsNotice,
): Promise<boolean> {
  const name = criterionName(core, id);
  const undo = notice?.undo;
  return criteriaChange(
    core,
    "Saving the indicators…",
    `The indicators of "${name}" were not changed`,
    (fresh, options) =>
      core.gateway.setIndicators(fresh, id, indicators, { ...options, confirmDataLoss: confirmed }),
    notice?.done ??
      (indicators.length > 0
        ? `Saved ${indicators.length} ${indicators.length === 1 ? "indicator" : "indicators"} of "${name}": score them on the Score tab; the criterion's cells compute its score from them.`
        : `"${name}" has no indicators now: it is scored directly again, keeping the scores its indicators gave.`),
    undo && {
      label: "Undo",
      run: () => void setIndicators(core, id, undo, false, { done: "Previous local weights restored." }),
    },
  );
}

function criterionName(core: StoreCore, id: string): string {
  return core.state.data?.config.criteria.find((c) => c.id === id)?.name ?? id;
}

/**
 * A criteria change made on what the pane showed: refused when anyone wrote through the add-in
 * since (the version stamp moved), written on the workbook as it is now (rows typed since count).
 */
function criteriaChange(
  core: StoreCore,
  busy: string,
  failure: string,
  write: (fresh: ScorecardData, options: CriteriaWriteOptions) => Promise<void>,
  done: string,
  action?: RetryAction,
): Promise<boolean> {
  return core.operation(busy, failure, async () => {
    const base = core.requireData();
    const fresh = await core.gateway.read(base.location);
    core.throwIfRefused(staleReadRefusal(base, fresh), fresh);
    await write(fresh, { author: core.author });
    await core.refresh();
    core.set({ notice: { intent: "success", text: done, ...(action ? { action } : {}) } });
  });
}
