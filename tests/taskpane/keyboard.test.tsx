/** @jest-environment jsdom */
import React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
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

  it("scores with number keys, and Save moves on to the next agreement with criteria to score", async () => {
    const user = userEvent.setup();
    // NATO is complete; the Collective Security Treaty Organization misses Threat response.
    const agreements = exampleAgreements().map((a) =>
      a.id === "CSTO" ? { ...a, scores: { ...a.scores, threat_response: null } } : a,
    );
    const harness = await renderPane({ scorecard: { agreements } });
    const group = (name: string) => screen.getByRole("radiogroup", { name: new RegExp(`^${name}`) });
    const radio = (criterion: string, point: string) =>
      within(group(criterion)).getByRole("radio", { name: new RegExp(`^${point}\\b`) }) as HTMLInputElement;

    // A number key in a rubric sets that point and moves the focus to it.
    radio("Threat response", "4").focus();
    await user.keyboard("2");
    expect(radio("Threat response", "2").checked).toBe(true);
    expect(document.activeElement).toBe(radio("Threat response", "2"));
    // A key that is no point of the scale changes nothing.
    await user.keyboard("7");
    expect(radio("Threat response", "2").checked).toBe(true);

    await act(async () => {
      await user.click(screen.getByRole("button", { name: "Save" }));
    });
    await settle(harness);
    expect(harness.workbook.inspect.values("Scorecard", "I2")).toEqual([[2]]);
    // NATO is complete, so the pane moves to the next agreement that is not, and says so.
    expect((screen.getByRole("combobox", { name: "Agreement to score" }) as HTMLSelectElement).value).toBe(
      "CSTO",
    );
    expect(
      screen.getByText(
        "North Atlantic Treaty (NATO) is fully scored; on to the next agreement with criteria to score.",
      ),
    ).toBeTruthy();
    expect(document.activeElement?.getAttribute("type")).toBe("radio");
    expect(group("Operational efficiency").contains(document.activeElement)).toBe(true);

    // Saved while still incomplete, it stays put.
    radio("Operational efficiency", "5").focus();
    await user.keyboard("1");
    await act(async () => {
      await user.click(screen.getByRole("button", { name: "Save" }));
    });
    await settle(harness);
    expect((screen.getByRole("combobox", { name: "Agreement to score" }) as HTMLSelectElement).value).toBe(
      "CSTO",
    );
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
