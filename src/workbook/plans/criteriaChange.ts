/** Plans for changing the criteria: whether the change may be written, and a new order. */
import { WorkbookError } from "../errors";
import type { ScorecardData } from "../model";

/**
 * A criteria change is made on what the pane showed (`base`): refused when anyone wrote through the
 * add-in since, which moves the version stamp. Null when `fresh` is the same version.
 */
export function staleReadRefusal(base: ScorecardData, fresh: ScorecardData): WorkbookError | null {
  if (fresh.location.meta.versionStamp === base.location.meta.versionStamp) return null;
  return new WorkbookError(
    "ChangedByAnotherAuthor",
    "Another author changed the scorecard a moment ago, so nothing was written. The pane has read their change; look at it and try again.",
    { sheet: fresh.location.meta.sheets.weights },
  );
}

/** The criterion ids with `id` moved one place up (-1) or down (+1); null where it cannot move. */
export function movedCriterionOrder(data: ScorecardData, id: string, step: -1 | 1): string[] | null {
  const order = data.config.criteria.map((c) => c.id);
  const k = order.indexOf(id);
  const j = k + step;
  if (k < 0 || j < 0 || j >= order.length) return null;
  [order[k], order[j]] = [order[j], order[k]];
  return order;
}
