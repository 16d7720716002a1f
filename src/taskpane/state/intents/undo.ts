/** Undo of the user's own last change, from the Audit trail (workbook/undo.ts). */
import { describeChange } from "../../../workbook";
import type { StoreCore } from "../core";

/**
 * Undoes the change the pane offered (its Audit time): read fresh first, so that the checks — a
 * co-author's change since, another change of the user's elsewhere — see the workbook as it is.
 */
export function undoLastChange(core: StoreCore, offeredTime: string): Promise<boolean> {
  return core.operation("Undoing your last change…", "Your last change was not undone", async () => {
    const fresh = await core.gateway.read(core.requireData().location);
    const change = await core.gateway.undoLastChange(fresh, {
      author: core.author,
      expectedTime: offeredTime,
    });
    await core.refresh();
    core.set({
      notice: {
        intent: "success",
        text: `Undone: ${describeChange(change)}. The Audit sheet records the undo as a change of its own.`,
      },
    });
  });
}
