/** @jest-environment jsdom */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { expectAccessible } from "./helpers/a11y";
import { renderTeamPane, settle } from "./helpers/pane";

const NATO_THREAT = "North Atlantic Treaty (NATO) — Threat response";

const field = () => screen.getByRole("textbox", { name: "Discuss threshold" }) as HTMLInputElement;
const save = () => screen.getByRole("button", { name: "Save threshold" }) as HTMLButtonElement;
const toDiscuss = () => screen.getByRole("heading", { name: /^To discuss/ }).textContent;

describe("Team tab: the discuss threshold", () => {
  it("says what it means, and a lower threshold saved flags the cell, audited", async () => {
    // NATO's threat response: Ana 4.5, Bea 3.5 — SD 0.71, under the default threshold of 1 point.
    const harness = await renderTeamPane([{ who: "Bea", score: 3.5, rationale: "" }]);
    expect(field().value).toBe("1");
    expect(screen.getByText(/standard deviation is above 1 point\./)).toBeTruthy();
    expect(screen.getByText(/span 2 points or more \(half the scale\)/)).toBeTruthy();
    expect(toDiscuss()).toBe("To discuss (0)");
    // Nothing to save while the field holds the saved value.
    expect(save().disabled).toBe(true);

    fireEvent.change(field(), { target: { value: "0,5" } });
    expect(save().disabled).toBe(false);
    await act(async () => {
      fireEvent.click(save());
    });
    await settle(harness);

    const data = harness.store.getState().data!;
    expect(data.location.meta.sdThreshold).toBe(0.5);
    expect(data.audit.at(-1)).toMatchObject({
      who: "Ana",
      what: "discuss threshold",
      before: "1",
      after: "0.5",
    });
    expect(toDiscuss()).toBe("To discuss (1)");
    expect(
      within(screen.getByRole("list", { name: "Cells to discuss" })).getByRole("listitem", {
        name: NATO_THREAT,
      }),
    ).toBeTruthy();
    expect(
      screen.getByText("The discuss threshold is now 0.5 (was 1); 1 cell is flagged to discuss."),
    ).toBeTruthy();
    expect(screen.getByText(/standard deviation is above 0.5 points\./)).toBeTruthy();
    expect(save().disabled).toBe(true);
    await expectAccessible();
  });

  it("refuses a number off 0 to the scale's width, or no number, saying what to enter", async () => {
    const harness = await renderTeamPane([{ who: "Bea", score: 3.5, rationale: "" }]);
    const stamp = harness.store.getState().data!.location.meta.versionStamp;
    for (const bad of ["4.5", "-1", "a lot", ""]) {
      fireEvent.change(field(), { target: { value: bad } });
      expect(
        screen.getByText("Enter a number of points from 0 to 4 (the width of the 1–5 scale)."),
      ).toBeTruthy();
      expect(save().disabled).toBe(true);
    }
    fireEvent.change(field(), { target: { value: "4" } });
    expect(screen.queryByText(/Enter a number of points/)).toBeNull();
    expect(harness.store.getState().data!.location.meta.versionStamp).toBe(stamp);
  });
});
