/** @jest-environment jsdom */
import React from "react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { accessibilityViolations } from "./helpers/a11y";
import { renderPane, settle } from "./helpers/pane";

describe("keyboard and accessibility checks", () => {
  it("switches features and sets a weight with the keyboard alone", async () => {
    const user = userEvent.setup();
    const harness = await renderPane();
    // Arrow keys move between tabs through Fluent's focus manager, which needs layout (left to the
    // browser tests); activating a focused tab with Enter is checked here.
    screen.getByRole("tab", { name: "Weights" }).focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("tab", { name: "Weights", selected: true })).toBeTruthy();

    const field = screen.getByRole("textbox", { name: "Capability enhancement weight in percent" });
    await user.click(field);
    await user.keyboard("{Control>}a{/Control}10{Enter}");
    await settle(harness);
    const raw = harness.workbook.inspect.values("Weights", "D2:D5").map((r) => r[0] as number);
    expect(raw[2]).toBeCloseTo(10, 9);
    expect(raw[0]).toBeCloseTo(30, 9);

    // The lock is a toggle button: Space toggles it.
    screen.getByRole("button", { name: "Lock Capability enhancement" }).focus();
    await act(async () => {
      await user.keyboard(" ");
    });
    expect(
      screen.getByRole("button", { name: "Lock Capability enhancement" }).getAttribute("aria-pressed"),
    ).toBe("true");
  });

  it("the accessibility check catches what it should (it is not a no-op)", async () => {
    render(
      <main>
        <input type="text" />
        <button />
      </main>,
    );
    const rules = (await accessibilityViolations()).map((v) => v.ruleId);
    expect(rules).toEqual(expect.arrayContaining(["input_label_exists"]));
  });
});
