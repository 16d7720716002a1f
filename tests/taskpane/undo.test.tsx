/** @jest-environment jsdom */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle, type PaneHarness } from "./helpers/pane";

// The Weights sheet: raw weights in D2:D5 (25 each by default).
const raw = (h: PaneHarness) => h.workbook.inspect.values("Weights", "D2:D5").map((r) => r[0] as number);
const lastChange = () => screen.queryByRole("group", { name: "Your last change" });
const undoButton = () =>
  within(lastChange()!).getByRole("button", { name: "Undo my last change" }) as HTMLButtonElement;

/** Types 40 % for Operational efficiency on the Weights tab: the three others rebalance to 20 % each. */
async function giveOperationalEfficiency40(h: PaneHarness) {
  const field = screen.getByRole("textbox", { name: "Operational efficiency weight in percent" });
  fireEvent.change(field, { target: { value: "40" } });
  await act(async () => {
    fireEvent.keyDown(field, { key: "Enter" });
  });
  await settle(h);
}

/** Bea, a co-author, writes `weights` into the workbook behind the pane's back (the pane has not re-read). */
async function beaWritesWeights(h: PaneHarness, weights: Record<string, number>) {
  const run = h.workbook.run.bind(h.workbook);
  const data = h.store.getState().data!;
  await writeWeights(run, await readScorecard(run, data.location), weights, { author: "Bea" });
}

describe("Undo my last change", () => {
  it("appears after the user's change, says what it undoes, and puts the weights back", async () => {
    const harness = await renderPane({ initialFeature: "weights", reviewer: "Ana" });
    expect(lastChange()).toBeNull();
    await giveOperationalEfficiency40(harness);
    expect(raw(harness)).toEqual([40, 20, 20, 20]);
    expect(
      within(lastChange()!).getByText(
        "Your last change: weight of Operational efficiency: 25 → 40 and 3 more.",
      ),
    ).toBeTruthy();
    await expectAccessible();

    await act(async () => {
      fireEvent.click(undoButton());
    });
    await settle(harness);
    expect(raw(harness)).toEqual([25, 25, 25, 25]);
    expect(
      screen.getByText(
        "Undone: weight of Operational efficiency: 25 → 40 and 3 more. The Audit sheet records the undo as a change of its own.",
      ),
    ).toBeTruthy();
    const audit = harness.store.getState().data!.audit;
    expect(audit.slice(-4).map((e) => [e.who, e.what, e.subject, e.before, e.after])).toEqual([
      ["Ana", "weight", "Operational efficiency", "40", "25"],
      ["Ana", "weight", "Strategic alignment", "20", "25"],
      ["Ana", "weight", "Capability enhancement", "20", "25"],
      ["Ana", "weight", "Threat response", "20", "25"],
    ]);
    // The undo is now the last change: undoing it again would redo the 40 %.
    expect(
      within(lastChange()!).getByText(
        "Your last change: weight of Operational efficiency: 40 → 25 and 3 more.",
      ),
    ).toBeTruthy();
  });

  it("is disabled, naming the co-author, when they changed a weight the change wrote", async () => {
    const harness = await renderPane({ initialFeature: "weights", reviewer: "Ana" });
    await giveOperationalEfficiency40(harness);
    await beaWritesWeights(harness, { strategic_alignment: 30 });
    await act(async () => {
      await harness.store.reload();
    });
    await settle(harness);
    expect(undoButton().disabled).toBe(true);
    expect(
      within(lastChange()!).getByText(
        /^The weight of Strategic alignment is 30 now, not 20 as you left it: Bea changed it at .*Your change was not undone, so as not to overwrite theirs\.$/,
      ),
    ).toBeTruthy();
    expect(raw(harness)).toEqual([40, 30, 20, 20]);
  });

  it("is refused at the click when a co-author's change arrives after the pane read", async () => {
    const harness = await renderPane({ initialFeature: "weights", reviewer: "Ana", changeDelay: 60_000 });
    await giveOperationalEfficiency40(harness);
    await beaWritesWeights(harness, { operational_efficiency: 10 });
    expect(undoButton().disabled).toBe(false);
    await act(async () => {
      fireEvent.click(undoButton());
    });
    await settle(harness);
    // The error says why; the pane has read Bea's change, so the button now says it too.
    expect(screen.getByText("Your last change was not undone")).toBeTruthy();
    expect(screen.getAllByText(/is 10 now, not 40 as you left it: Bea changed it/)).toHaveLength(2);
    expect(undoButton().disabled).toBe(true);
    expect(raw(harness)).toEqual([10, 20, 20, 20]);
  });

  it("says why a change it cannot reverse exactly is not offered, and where to reverse it", async () => {
    const harness = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
    await act(async () => {
      await harness.store.addCriterion({ name: "Cyber", definition: "", weight: 10 });
    });
    await settle(harness);
    expect(undoButton().disabled).toBe(true);
    expect(
      within(lastChange()!).getByText(
        "Adding a criterion cannot be undone here; remove it in the Criteria editor.",
      ),
    ).toBeTruthy();
  });
});
