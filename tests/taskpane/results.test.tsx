/** @jest-environment jsdom */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle, type PaneHarness } from "./helpers/pane";

function rankingItems() {
  return within(screen.getByRole("list", { name: "Ranking" })).getAllByRole("listitem");
}

async function setCell(harness: PaneHarness, address: string, value: string | number) {
  // Through the API, as another program or a paste would: data validation does not stop it.
  await harness.workbook.run(async (context) => {
    context.workbook.worksheets.getItem("Scorecard").getRange(address).values = [[value]];
    await context.sync();
  });
  await settle(harness);
}

describe("Results", () => {
  it("ranks the agreements as the workbook's formulas do, ties sharing a rank", async () => {
    const harness = await renderPane({ initialFeature: "results" });
    const items = rankingItems();
    expect(items).toHaveLength(10);
    const summary = items.map((li) => li.textContent);
    expect(summary[0]).toBe("1Rank 1North Atlantic Treaty (NATO)87.50");
    expect(summary[1]).toMatch(/^2Rank 2US–Japan Treaty .*81\.25$/);
    expect(summary[2]).toMatch(/^2Rank 2Five Eyes .*81\.25$/);
    expect(summary[3]).toMatch(/^4Rank 4AUKUS .*78\.13$/);
    // The pane shows the workbook's own numbers.
    const ranks = harness.workbook.inspect.values("Scorecard", "L2:L11").map((r) => r[0]);
    expect([...ranks].sort((a, b) => Number(a) - Number(b))[0]).toBe(1);
    expect(screen.getByText(/gets a score and a rank only once every criterion is scored/)).toBeTruthy();
    await expectAccessible();
  });

  it("flags incomplete agreements with the criteria they miss, and cell issues with their address", async () => {
    const harness = await renderPane({ initialFeature: "results" });
    await setCell(harness, "I3", "");
    await setCell(harness, "F4", "strong");

    const last = rankingItems()
      .slice(-2)
      .map((li) => li.textContent ?? "");
    expect(last[0]).toMatch(
      /Collective Security Treaty Organization.*Not ranked: Threat response not scored \(3\/4\)\./,
    );
    // "strong" is not a blank: the row says its cell holds something else, as the list above does.
    expect(last[1]).toMatch(
      /US–Japan Treaty.*Not ranked: Operational efficiency holds a value that is not a score on the scale/,
    );
    expect(last[1]).not.toMatch(/not scored/);
    const warning = screen.getByText("1 cell needs attention").closest("[role=group]") as HTMLElement;
    expect(within(warning).getByText("Scorecard!F4")).toBeTruthy();
    expect(warning.textContent).toMatch(
      /"strong" is not a number; enter a score from 1 to 5, or clear the cell\./,
    );
    await expectAccessible();
  });

  it("a 7 typed past the validation: the ranking names the cell's criterion as holding a bad value, not as unscored", async () => {
    const harness = await renderPane({ initialFeature: "results" });
    await setCell(harness, "G2", 7);
    await setCell(harness, "H2", "");
    const nato = rankingItems().find((li) => /North Atlantic Treaty/.test(li.textContent ?? ""))!;
    expect(nato.textContent).toMatch(
      /Not ranked: Strategic alignment holds a value that is not a score on the scale \(see the cells that need attention\)\./,
    );
    expect(screen.getByText("1 cell needs attention")).toBeTruthy();
  });

  it("rebuilds the charts on the Results sheet", async () => {
    const harness = await renderPane({ initialFeature: "results" });
    await harness.workbook.run(async (context) => {
      const charts = context.workbook.worksheets.getItem("Results").charts.load("items/name");
      await context.sync();
      charts.items.forEach((chart) => chart.delete());
      await context.sync();
    });
    expect(harness.workbook.inspect.charts("Results")).toHaveLength(0);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Refresh charts" }));
    });
    await settle(harness);
    const charts = harness.workbook.inspect.charts("Results");
    expect(charts.map((c) => c.type).sort()).toEqual(["BarClustered", "BarStacked", "Radar"]);
    expect(screen.getByText("Charts rebuilt on the Results sheet.")).toBeTruthy();
  });

  it("a score typed over a formula is listed, never ranked as typed, and Repair formulas writes the formula back", async () => {
    const harness = await renderPane({ initialFeature: "results" });
    const formula = harness.workbook.inspect.cell("Scorecard", "K3").formula;
    const before = rankingItems().map((li) => li.textContent);
    await setCell(harness, "K3", 100);
    // The ranking is the one the formulas give: the typed 100 does not put CSTO first.
    expect(rankingItems().map((li) => li.textContent)).toEqual(before);
    const warning = screen.getByText(/cells? needs? attention/).closest("[role=group]") as HTMLElement;
    expect(within(warning).getByText("Scorecard!K3")).toBeTruthy();
    expect(warning.textContent).toMatch(
      /shows 100 but its formula gives \d+\.\d\d for the scores in this row/,
    );
    expect(screen.getByText(/that should hold a formula shows? something else/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Repair formulas" }));
    });
    await settle(harness);
    expect(harness.workbook.inspect.cell("Scorecard", "K3").formula).toBe(formula);
    expect(screen.queryByText(/cells? needs? attention/)).toBeNull();
    expect(screen.getByText(/Formulas written back on the Scorecard and Results sheets/)).toBeTruthy();
    await expectAccessible();
  });
});
