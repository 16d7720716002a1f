/** @jest-environment jsdom */
import React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createWorkbook } from "../../src/excel-sim";
import { PreviewApp } from "../../src/preview/PreviewApp";
import { smaaWorkerRunner } from "../../src/taskpane/sensitivity/smaaRunner";
import { defaultConfig } from "../../src/taskpane/state/defaults";
import { createScorecard } from "../../src/workbook/create";
import { exampleAgreements } from "../../src/workbook/examples";
import { expectAccessible } from "../taskpane/helpers/a11y";
import { InProcessWorker } from "../taskpane/helpers/pane";

async function renderPreview() {
  const sim = createWorkbook({ sheets: ["Sheet1"] });
  await createScorecard((batch) => sim.run(batch), {
    config: defaultConfig(),
    agreements: exampleAgreements(),
  });
  await act(async () => {
    render(
      <PreviewApp
        sim={sim}
        smaa={smaaWorkerRunner(() => new InProcessWorker())}
        initialMode="light"
        initialWidth={320}
      />,
    );
  });
  await waitFor(() => expect(screen.getByRole("combobox", { name: "Agreement to score" })).toBeTruthy());
  return sim;
}

function workbook() {
  return within(screen.getByRole("region", { name: "Simulated workbook" }));
}

describe("preview", () => {
  it("says it is not Excel, shows the visible sheets with computed values, and passes the accessibility check", async () => {
    await renderPreview();
    expect(screen.getByText("Preview — not Excel")).toBeTruthy();
    const tabs = workbook()
      .getAllByRole("tab")
      .map((t) => t.getAttribute("value"));
    // The metadata sheet is very hidden, as in Excel.
    expect(tabs).toEqual(expect.arrayContaining(["Sheet1", "Scorecard", "Weights", "Results"]));
    expect(tabs).not.toContain("AS_Meta");
    fireEvent.click(workbook().getByRole("tab", { name: "Scorecard" }));
    // K2 is NATO's weighted score, formatted 0.00 by the sheet.
    expect(workbook().getByRole("gridcell", { name: "87.50" })).toBeTruthy();
    await expectAccessible();
  });

  it("an edit in the grid goes through the simulator's user-edit path, and the pane follows", async () => {
    const sim = await renderPreview();
    fireEvent.click(workbook().getByRole("tab", { name: "Scorecard" }));
    fireEvent.click(document.getElementById("cell-F2")!);
    const contents = workbook().getByRole("textbox", {
      name: "Contents of Scorecard!F2",
    }) as HTMLInputElement;
    expect(contents.value).toBe("4.5");

    // Data validation refuses a score off the scale, as Excel does.
    fireEvent.change(contents, { target: { value: "9" } });
    fireEvent.keyDown(contents, { key: "Enter" });
    expect(
      await workbook().findByText(/Enter a number from the scale minimum to the scale maximum/),
    ).toBeTruthy();
    expect(sim.inspect.cell("Scorecard", "F2").value).toBe(4.5);

    fireEvent.change(contents, { target: { value: "2" } });
    await act(async () => {
      fireEvent.keyDown(contents, { key: "Enter" });
      await sim.flushEvents();
    });
    expect(sim.inspect.cell("Scorecard", "F2").value).toBe(2);
    await waitFor(
      () =>
        expect(
          (screen.getByRole("textbox", { name: /Operational efficiency: score/ }) as HTMLInputElement).value,
        ).toBe("2"),
      { timeout: 3000 },
    );
    expect(workbook().getByRole("gridcell", { name: "71.88" })).toBeTruthy();
  });
});

describe("hidden columns", () => {
  it("the Results sheet's helper columns (hidden by the add-in) are not shown", async () => {
    const { createWorkbook } = await import("../../src/excel-sim");
    const { createScorecard } = await import("../../src/workbook/create");
    const { exampleAgreements } = await import("../../src/workbook/examples");
    const { defaultConfig } = await import("../../src/taskpane/state/defaults");
    const { render, screen, fireEvent } = await import("@testing-library/react");
    const { Workbook } = await import("../../src/preview/Workbook");
    const React = await import("react");
    const sim = createWorkbook();
    await createScorecard((batch) => sim.run(batch), {
      config: defaultConfig(),
      agreements: exampleAgreements(),
    });
    render(React.createElement(Workbook, { sim }));
    fireEvent.click(screen.getByRole("tab", { name: "Results" }));
    const header = (name: string) =>
      screen.getAllByRole("columnheader", { hidden: true }).find((h) => h.textContent === name)!;
    expect(header("E").hidden).toBe(false);
    expect(header("F").hidden).toBe(true);
    expect(header("G").hidden).toBe(true);
  });
});
