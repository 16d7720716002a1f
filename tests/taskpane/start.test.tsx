/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle } from "./helpers/pane";
import { ILLUSTRATIVE_NOTE } from "../../src/workbook/scorecard/examples";

describe("Start", () => {
  it("offers to create a scorecard when the workbook has none", async () => {
    const harness = await renderPane({ scorecard: false });
    expect(screen.getByRole("heading", { name: "No scorecard in this workbook yet" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Create scorecard" })).toBeTruthy();
    expect(screen.queryByRole("tablist")).toBeNull();
    expect(harness.workbook.inspect.tables()).toEqual([]);
    await expectAccessible();
  });

  it("creates the scorecard with the illustrative examples, clearly marked", async () => {
    const harness = await renderPane({ scorecard: false });
    fireEvent.click(screen.getByRole("checkbox", { name: /example agreements/ }));
    expect(screen.getByText(/illustrative scores: placeholders, not assessments/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create scorecard" }));
    });
    await settle(harness);

    const tables = harness.workbook.inspect.tables();
    expect(tables.map((t) => t.name).sort()).toEqual(["Scorecard", "ScorecardAudit", "ScorecardWeights"]);
    expect(tables.find((t) => t.name === "Scorecard")!.rowCount).toBe(10);
    // Every example row says in its Notes that the scores are illustrative.
    const notes = harness.workbook.inspect.values("Scorecard", "M2:M11").map((r) => r[0]);
    expect(new Set(notes)).toEqual(new Set([ILLUSTRATIVE_NOTE]));

    expect(screen.getByText(/10 illustrative example agreements/)).toBeTruthy();
    for (const name of ["Score", "Weights", "Results", "Sensitivity"])
      expect(screen.getByRole("tab", { name })).toBeTruthy();
    expect((screen.getByRole("combobox", { name: "Agreement to score" }) as HTMLSelectElement).value).toBe(
      "NATO",
    );
    await expectAccessible();
  });

  it("restores from a scorecard already in the workbook", async () => {
    await renderPane();
    expect(screen.queryByRole("button", { name: "Create scorecard" })).toBeNull();
    expect(screen.getByRole("tab", { name: "Score", selected: true })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "North Atlantic Treaty (NATO)" })).toBeTruthy();
  });

  it("creates an empty scorecard", async () => {
    const harness = await renderPane({ scorecard: false });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create scorecard" }));
    });
    await settle(harness);
    expect(harness.store.getState().error).toBeNull();
    expect(screen.getByText(/No agreements yet/)).toBeTruthy();
  });

  it("says what went wrong, and offers to try again, when the scorecard cannot be opened", async () => {
    const harness = await renderPane();
    // Someone edits the hidden metadata by hand: the scorecard can no longer be read.
    await harness.workbook.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("AS_Meta");
      sheet.getRange("B1").values = [["not json"]];
      await context.sync();
    });
    await act(async () => {
      await harness.store.start();
    });
    await waitFor(() => expect(screen.getByRole("alert")).toBeTruthy());
    expect(screen.getByRole("alert").textContent).toMatch(/The scorecard could not be opened/);
    expect(screen.getByRole("alert").textContent).toMatch(/metadata.*not readable/);
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    await expectAccessible();
  });
});
