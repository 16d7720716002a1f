/** @jest-environment jsdom */
import React from "react";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createWorkbook } from "../../src/excel-sim";
import { PreviewApp } from "../../src/preview/PreviewApp";
import { guardUnsavedChanges } from "../../src/preview/unsaved";
import { smaaWorkerRunner } from "../../src/taskpane/sensitivity/smaaRunner";
import { defaultConfig } from "../../src/taskpane/state/defaults";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { expectAccessible } from "../taskpane/helpers/a11y";
import { InProcessWorker } from "../taskpane/helpers/pane";
import type { ExcelRun } from "../../src/workbook/run";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";

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

  it("draws the Scorecard's header band as Excel does: the criterion centred across its group, on its fill", async () => {
    const sim = await renderPreview();
    const run: ExcelRun = (batch) => sim.run(batch);
    await act(async () => {
      await setIndicators(
        run,
        await readScorecard(run, (await locateScorecard(run))!),
        "threat_response",
        [
          { id: "early_warning", name: "Early warning", localWeight: 1 },
          { id: "joint_response", name: "Joint response", localWeight: 1 },
        ],
        { author: "Ana", confirmDataLoss: true },
      );
    });
    fireEvent.click(workbook().getByRole("tab", { name: "Scorecard" }));
    // Threat response is in I, its indicators in J and K: one cell spans the three.
    const label = document.getElementById("cell-I1")!;
    expect(label.textContent).toBe("Threat response");
    expect(label.getAttribute("colspan")).toBe("3");
    expect(label.style.backgroundColor).toBe("rgb(221, 235, 247)");
    expect(label.style.fontWeight).toBe("600");
    expect(document.getElementById("cell-J1")).toBeNull();
    expect(document.getElementById("cell-L1")).not.toBeNull();
    // The header row is row 2 now.
    expect(document.getElementById("cell-I2")!.textContent).toBe("Threat response");
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

/**
 * What a reload or closing the tab does: dispatches "beforeunload"; the browser asks first when a
 * handler canceled it or (before Chrome 119) set its returnValue. jsdom has no BeforeUnloadEvent,
 * whose returnValue is a string ("" until a handler sets it); this event stands in for it.
 */
function leavePage(): { asked: boolean; returnValue: unknown } {
  const event = new Event("beforeunload", { cancelable: true });
  // An own property: Event's legacy returnValue setter would cancel the event for "".
  Object.defineProperty(event, "returnValue", { value: "", writable: true });
  window.dispatchEvent(event);
  const returnValue: unknown = Reflect.get(event, "returnValue");
  return { asked: event.defaultPrevented || returnValue !== "", returnValue };
}

describe("unsaved changes", () => {
  let createObjectURL: jest.Mock;
  beforeEach(() => {
    createObjectURL = jest.fn(() => "blob:scorecard");
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    // jsdom does not navigate; the download link's click is the browser's business.
    jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
  });
  afterEach(() => {
    jest.restoreAllMocks();
    Object.assign(URL, { createObjectURL: undefined, revokeObjectURL: undefined });
  });

  const download = async () => {
    const calls = createObjectURL.mock.calls.length;
    fireEvent.click(screen.getByRole("button", { name: "Download .xlsx" }));
    await waitFor(() => expect(createObjectURL.mock.calls.length).toBe(calls + 1));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Download .xlsx" })).toHaveProperty("disabled", false),
    );
  };

  it("a reload or closing the tab asks first once the workbook has changed, not before; Download .xlsx disarms it until the next change", async () => {
    const sim = await renderPreview();
    expect(leavePage()).toEqual({ asked: false, returnValue: "" });

    // A score typed in the grid.
    fireEvent.click(workbook().getByRole("tab", { name: "Scorecard" }));
    fireEvent.click(document.getElementById("cell-F2")!);
    const contents = workbook().getByRole("textbox", { name: "Contents of Scorecard!F2" });
    fireEvent.change(contents, { target: { value: "2" } });
    await act(async () => {
      fireEvent.keyDown(contents, { key: "Enter" });
      await sim.flushEvents();
    });
    expect(sim.inspect.cell("Scorecard", "F2").value).toBe(2);
    expect(leavePage()).toEqual({ asked: true, returnValue: true });
    // Asked every time, not once.
    expect(leavePage().asked).toBe(true);

    await download();
    expect(createObjectURL.mock.calls[0][0]).toBeInstanceOf(Blob);
    expect(leavePage()).toEqual({ asked: false, returnValue: "" });

    await act(async () => {
      sim.userEdit("Scorecard", "G3", 1);
      await sim.flushEvents();
    });
    expect(leavePage().asked).toBe(true);
  });

  it("a download that fails keeps asking, and the page stops asking once the preview is closed", async () => {
    const sim = await renderPreview();
    await act(async () => {
      sim.userEdit("Scorecard", "F2", 2);
      await sim.flushEvents();
    });
    createObjectURL.mockImplementation(() => {
      throw new Error("no space left");
    });
    fireEvent.click(screen.getByRole("button", { name: "Download .xlsx" }));
    expect(await screen.findByText("The workbook was not exported: no space left")).toBeTruthy();
    expect(leavePage().asked).toBe(true);

    cleanup();
    expect(leavePage().asked).toBe(false);
  });

  it("a change made while the file was being exported keeps the guard armed", () => {
    const sim = createWorkbook({ sheets: ["Sheet1"] });
    const guard = guardUnsavedChanges(sim);
    expect([guard.armed, guard.version]).toEqual([false, 0]);
    sim.userEdit("Sheet1", "A1", "Ana's note");
    expect([guard.armed, guard.version]).toEqual([true, 1]);
    const exporting = guard.version;
    sim.userEdit("Sheet1", "A2", "typed during the export");
    guard.saved(exporting);
    expect(guard.armed).toBe(true);
    expect(leavePage().asked).toBe(true);
    guard.saved(guard.version);
    expect(guard.armed).toBe(false);
    expect(leavePage().asked).toBe(false);
    guard.dispose();
    sim.userEdit("Sheet1", "A3", "after dispose");
    expect(guard.armed).toBe(false);
  });
});

describe("hidden columns", () => {
  it("the Results sheet's helper columns (hidden by the add-in) are not shown", async () => {
    const { createWorkbook } = await import("../../src/excel-sim");
    const { createScorecard } = await import("../../src/workbook/scorecard/create");
    const { exampleAgreements } = await import("../../src/workbook/scorecard/examples");
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

  it("marks the columns grouped by the column outline over their letters", async () => {
    const { Workbook } = await import("../../src/preview/Workbook");
    const { setIndicators } = await import("../../src/workbook/criteria/editIndicators");
    const { readNow, suggested, CRITERION } = await import("../workbook/indicator-support");
    const sim = createWorkbook();
    const run: ExcelRun = (batch) => sim.run(batch);
    await createScorecard(run, { config: defaultConfig(), agreements: exampleAgreements() });
    await setIndicators(run, await readNow(run), CRITERION, suggested(), {
      author: "A",
      confirmDataLoss: true,
      columnOutline: true,
    });
    const indicators = (await readNow(run)).columns.indicators!.map((c) => c.column);
    render(React.createElement(Workbook, { sim }));
    fireEvent.click(screen.getByRole("tab", { name: "Scorecard" }));
    const grouped = screen
      .getAllByRole("columnheader", { hidden: true })
      .filter((h) => h.getAttribute("title") === "Grouped (outline level 1)")
      .map((h) => h.textContent);
    expect(grouped).toEqual(indicators);
    expect(indicators).toHaveLength(3);
  });
});
