/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { ahpWeights, pairwiseFromUpper } from "../../src/scoring/ahp";
import { rocFromRanks } from "../../src/scoring/weights";
import { expectAccessible } from "./helpers/a11y";
import { getByTextContent, renderPane, settle, type PaneHarness } from "./helpers/pane";

// The Weights sheet: raw weights in D2:D5, normalized weights (formulas) in E2:E5.
const raw = (h: PaneHarness) => h.workbook.inspect.values("Weights", "D2:D5").map((r) => r[0] as number);
const normalized = (h: PaneHarness) =>
  h.workbook.inspect.values("Weights", "E2:E5").map((r) => r[0] as number);

async function chooseMethod(label: string) {
  fireEvent.change(screen.getByRole("combobox", { name: "Weighting method" }), { target: { value: label } });
}

async function click(name: string | RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

describe("Weights", () => {
  it("direct: a typed percent is written in one sync and the unlocked others rebalance", async () => {
    // Change events are gathered for long enough that they do not add a read to the count below.
    const harness = await renderPane({ initialFeature: "weights", changeDelay: 60_000 });
    const percentField = (name: string) =>
      screen.getByRole("textbox", { name: `${name} weight in percent` }) as HTMLInputElement;
    expect(percentField("Operational efficiency").value).toBe("25.0");
    await expectAccessible();

    // Lock threat response, then give operational efficiency 40 %.
    fireEvent.click(screen.getByRole("button", { name: "Lock Threat response" }));
    expect(screen.getByRole("button", { name: "Lock Threat response" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    harness.workbook.resetStats();
    const field = percentField("Operational efficiency");
    fireEvent.change(field, { target: { value: "40" } });
    await act(async () => {
      fireEvent.keyDown(field, { key: "Enter" });
    });
    await waitFor(() => expect(raw(harness)[0]).toBeCloseTo(40, 9));
    await waitFor(() => expect(harness.store.getState().busy).toBeNull());
    // A fresh read to compare with what the pane showed (co-authoring), the write (look at the
    // weight cells, then write them with the audit entries), and one read back.
    expect(harness.workbook.stats.syncs).toBe(4);

    expect(raw(harness)[1]).toBeCloseTo(17.5, 9);
    expect(raw(harness)[2]).toBeCloseTo(17.5, 9);
    expect(raw(harness)[3]).toBeCloseTo(25, 9);
    expect(normalized(harness)[0]).toBeCloseTo(0.4, 12);
    expect(percentField("Strategic alignment").value).toBe("17.5");
    // The workbook's formulas recomputed NATO's score (4.5 everywhere, so still 87.5) and US-PH's.
    expect(harness.workbook.inspect.cell("Scorecard", "K6").value).toBeCloseTo(
      100 * (0.4 * 0.5 + 0.175 * 0.75 + 0.175 * 0.5 + 0.25 * 0.625),
      9,
    );
  });

  it("direct: a slider writes once it comes to rest", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    const slider = screen.getByRole("slider", { name: "Threat response weight, percent" });
    fireEvent.change(slider, { target: { value: "10" } });
    fireEvent.change(slider, { target: { value: "55" } });
    expect(raw(harness)[3]).toBe(25);
    await waitFor(() => expect(raw(harness)[3]).toBeCloseTo(55, 9), { timeout: 2000 });
    await settle(harness);
    expect(raw(harness)[0]).toBeCloseTo(15, 9);
  });

  it("points: shows what is left, and writes the points as the raw weights", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    await chooseMethod("points");
    expect(screen.getByText("All 100 points given.")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Operational efficiency: points" }), {
      target: { value: "40" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Strategic alignment: points" }), {
      target: { value: "15" },
    });
    expect(screen.getByText(/105 of 100 given: 5 too many/)).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Capability enhancement: points" }), {
      target: { value: "10" },
    });
    expect(screen.getByText(/90 of 100 given: 10 left/)).toBeTruthy();
    expect(getByTextContent(`Operational efficiency weight: ${((40 / 90) * 100).toFixed(1)}%`)).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Threat response: points" }), {
      target: { value: "-5" },
    });
    expect(
      screen.getByText("The points of Threat response cannot be negative; give it 0 or more."),
    ).toBeTruthy();
    expect((screen.getByRole("button", { name: "Apply points" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole("textbox", { name: "Threat response: points" }), {
      target: { value: "35" },
    });
    await expectAccessible();

    await click("Apply points");
    await settle(harness);
    expect(raw(harness)).toEqual([40, 15, 10, 35]);
    expect(screen.getByText("Weights set from the points.")).toBeTruthy();

    // Undo restores the previous raw weights.
    await click("Undo");
    await settle(harness);
    expect(raw(harness)).toEqual([25, 25, 25, 25]);
  });

  it("rank: writes rank-order centroid weights", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    await chooseMethod("rank");
    const rank = (name: string, value: string) =>
      fireEvent.change(screen.getByRole("combobox", { name: `${name}: rank` }), { target: { value } });
    rank("Operational efficiency", "3");
    rank("Strategic alignment", "1");
    rank("Capability enhancement", "2");
    rank("Threat response", "4");
    const expected = rocFromRanks([3, 1, 2, 4]);
    expect(getByTextContent(`Strategic alignment weight: ${(expected[1] * 100).toFixed(1)}%`)).toBeTruthy();
    await click("Apply ranking");
    await settle(harness);
    raw(harness).forEach((w, k) => expect(w).toBeCloseTo(expected[k] * 100, 9));
    // ROC for four criteria: 52.08 %, 27.08 %, 14.58 %, 6.25 %.
    expect(normalized(harness)[1]).toBeCloseTo(0.5208333333, 9);
  });

  it("pairwise: shows CR against 0.10, names the judgments to revisit, applies a fix in one click", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    await chooseMethod("pairwise");
    const judge = (a: string, b: string, value: string) =>
      fireEvent.change(screen.getByRole("combobox", { name: `${a} compared with ${b}` }), {
        target: { value },
      });
    expect(screen.getByText(/CR = 0.000 .*within the 0.10 threshold/)).toBeTruthy();

    // OE > SA (3), SA > CE (3), but CE > OE (5): a circular, inconsistent set.
    judge("Operational efficiency", "Strategic alignment", "3");
    judge("Strategic alignment", "Capability enhancement", "3");
    judge("Operational efficiency", "Capability enhancement", "1/5");
    // Each judgment also reads in full under its select, so all of them can be reviewed at 320 px.
    expect(
      screen.getByText("Strategic alignment is moderately more important than Capability enhancement (3)."),
    ).toBeTruthy();
    expect(
      screen.getByText(
        "Capability enhancement is strongly more important than Operational efficiency (1/5).",
      ),
    ).toBeTruthy();
    const warning = screen
      .getByText("The judgments contradict each other")
      .closest("[role=group]") as HTMLElement;
    expect(warning).toBeTruthy();
    expect(screen.getByText(/above the 0.10 threshold/)).toBeTruthy();
    const items = within(warning).getAllByRole("listitem");
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].textContent).toMatch(
      /Operational efficiency vs Capability enhancement: you entered 1\/5/,
    );
    await expectAccessible();

    // Use the suggested value for the worst judgment.
    await act(async () => {
      fireEvent.click(within(items[0]).getByRole("button"));
    });
    const select = screen.getByRole("combobox", {
      name: "Operational efficiency compared with Capability enhancement",
    }) as HTMLSelectElement;
    expect(select.value).not.toBe("1/5");

    // Make it consistent and apply: the eigenvector is written.
    judge("Operational efficiency", "Capability enhancement", "9");
    judge("Operational efficiency", "Threat response", "3");
    judge("Strategic alignment", "Threat response", "1");
    judge("Capability enhancement", "Threat response", "1/3");
    expect(screen.queryByText("The judgments contradict each other")).toBeNull();
    await click("Apply these weights");
    await settle(harness);
    const matrix = pairwiseFromUpper(4, [
      { i: 0, j: 1, value: 3 },
      { i: 0, j: 2, value: 9 },
      { i: 0, j: 3, value: 3 },
      { i: 1, j: 2, value: 3 },
      { i: 1, j: 3, value: 1 },
      { i: 2, j: 3, value: 1 / 3 },
    ]);
    const expected = ahpWeights(matrix).weights;
    normalized(harness).forEach((w, k) => expect(w).toBeCloseTo(expected[k], 9));
  });

  it("resets to equal weights", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    await harness.workbook.run(async (context) => {
      context.workbook.worksheets.getItem("Weights").getRange("D2:D5").values = [[1], [2], [3], [4]];
      await context.sync();
    });
    await act(async () => {
      await harness.store.reload();
    });
    expect(
      (screen.getByRole("textbox", { name: "Threat response weight in percent" }) as HTMLInputElement).value,
    ).toBe("40.0");
    await click("Reset to equal weights");
    await settle(harness);
    expect(raw(harness)).toEqual([25, 25, 25, 25]);
    expect(
      (screen.getByRole("textbox", { name: "Threat response weight in percent" }) as HTMLInputElement).value,
    ).toBe("25.0");
  });
});
