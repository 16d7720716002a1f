/** @jest-environment jsdom */
/**
 * The Weights tab at an indicator node (issue 16): every weighting method sets the local weights
 * of one criterion's indicators, written to the indicator weights table (Weights!O) through
 * setIndicators; the workbook's formulas give the normalized local (P) and global (Q) weights.
 */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { ahpCheck, pairwiseFromUpper } from "../../src/scoring/ahp";
import { rocFromRanks } from "../../src/scoring/weights";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { addSuggestedIndicators, readNow, suggested } from "../workbook/indicator-support";
import { expectAccessible } from "./helpers/a11y";
import { getByTextContent, renderPane, settle, type PaneHarness } from "./helpers/pane";

const JOINT = "Joint exercises and interoperability";
const LOGISTICS = "Shared logistics and resources";
const LIAISON = "Command and liaison arrangements";
const NODE = "operational_efficiency";

const column = (h: PaneHarness, letter: string) =>
  h.workbook.inspect.values("Weights", `${letter}2:${letter}4`).map((r) => r[0] as number);
const criterionWeights = (h: PaneHarness) =>
  h.workbook.inspect.values("Weights", "D2:D5").map((r) => r[0] as number);

async function click(name: string | RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

const choose = (label: string, value: string) =>
  fireEvent.change(screen.getByRole("combobox", { name: label }), { target: { value } });

/** The pane on the examples (criterion weights 25 each), Operational efficiency's indicators at local 2/1/1. */
async function paneAtNode(local = [2, 1, 1]): Promise<PaneHarness> {
  const h = await renderPane({ initialFeature: "weights" });
  await act(async () => {
    await addSuggestedIndicators(h.workbook.run.bind(h.workbook), local);
  });
  await settle(h);
  choose("Weights of", NODE);
  return h;
}

/** The workbook's normalized local (P) and global (Q) weights agree with the local weights typed (O). */
function expectWorkbookWeights(h: PaneHarness, expectedShares: readonly number[]) {
  const local = column(h, "O");
  const sum = local.reduce((a, b) => a + b, 0);
  column(h, "P").forEach((v, k) => expect(v).toBeCloseTo(expectedShares[k], 9));
  column(h, "P").forEach((v, k) => expect(v).toBeCloseTo(local[k] / sum, 12));
  // The criteria weigh 25 each: Operational efficiency's normalized weight is 1/4.
  column(h, "Q").forEach((v, k) => expect(v).toBeCloseTo(expectedShares[k] / 4, 9));
}

/** The Local and Global cells of an indicator's row in the pane's table. */
function shownRow(name: string): string[] {
  const table = screen.getByRole("table", { name: "Weights of the indicators of Operational efficiency" });
  const row = within(table).getByRole("row", { name: new RegExp(`^${name}`) });
  return within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");
}

describe("Weights tab at an indicator node", () => {
  it("points set the local weights; local and global weights are shown; Undo restores them", async () => {
    const h = await paneAtNode();
    expect(shownRow(JOINT)).toEqual([JOINT, "50.0%", "12.5%"]);
    expect(shownRow(LIAISON)).toEqual([LIAISON, "25.0%", "6.3%"]);
    choose("Weighting method", "points");
    const points = (name: string, value: string) =>
      fireEvent.change(screen.getByRole("textbox", { name: `${name}: points` }), { target: { value } });
    points(JOINT, "50");
    points(LOGISTICS, "30");
    points(LIAISON, "20");
    expect(screen.getByText("All 100 points given.")).toBeTruthy();
    await expectAccessible();
    await click("Apply points");
    await settle(h);
    expect(column(h, "O")).toEqual([50, 30, 20]);
    expectWorkbookWeights(h, [0.5, 0.3, 0.2]);
    expect(criterionWeights(h)).toEqual([25, 25, 25, 25]);
    expect(screen.getByText("Local weights of Operational efficiency set from the points.")).toBeTruthy();
    expect(shownRow(LOGISTICS)).toEqual([LOGISTICS, "30.0%", "7.5%"]);
    // The read agrees: the model's local weights are what the pane wrote.
    const data = await readNow(h.workbook.run.bind(h.workbook));
    expect(data.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([50, 30, 20]);
    expect(data.issues).toEqual([]);

    await click("Undo");
    await settle(h);
    expect(column(h, "O")).toEqual([2, 1, 1]);
    expect(screen.getByText("Previous local weights restored.")).toBeTruthy();
  });

  it("direct: a typed percent moves the unlocked indicators in proportion", async () => {
    const h = await paneAtNode([1, 1, 2]);
    fireEvent.click(screen.getByRole("button", { name: `Lock ${LIAISON}` }));
    const field = screen.getByRole("textbox", { name: `${JOINT} weight in percent` });
    fireEvent.change(field, { target: { value: "40" } });
    await act(async () => {
      fireEvent.keyDown(field, { key: "Enter" });
    });
    await settle(h);
    // Liaison keeps its 50 %; logistics takes what joint exercises leaves: 10 %.
    expectWorkbookWeights(h, [0.4, 0.1, 0.5]);
  });

  it("rank: writes rank-order centroid local weights", async () => {
    const h = await paneAtNode();
    choose("Weighting method", "rank");
    expect(screen.getByRole("region", { name: "Rank the indicators" })).toBeTruthy();
    choose(`${JOINT}: rank`, "2");
    choose(`${LOGISTICS}: rank`, "1");
    choose(`${LIAISON}: rank`, "3");
    const expected = rocFromRanks([2, 1, 3]);
    expect(getByTextContent(`${LOGISTICS} weight: ${(expected[1] * 100).toFixed(1)}%`)).toBeTruthy();
    await click("Apply ranking");
    await settle(h);
    column(h, "O").forEach((w, k) => expect(w).toBeCloseTo(expected[k] * 100, 9));
    expectWorkbookWeights(h, expected);
    expect(criterionWeights(h)).toEqual([25, 25, 25, 25]);
  });

  it("pairwise: shows CR, flags contradictory judgments as for the criteria, applies the eigenvector", async () => {
    const h = await paneAtNode();
    choose("Weighting method", "pairwise");
    const judge = (a: string, b: string, value: string) => choose(`${a} compared with ${b}`, value);
    // Joint > logistics (3), logistics > liaison (3), but liaison > joint (3): circular.
    judge(JOINT, LOGISTICS, "3");
    judge(LOGISTICS, LIAISON, "3");
    judge(JOINT, LIAISON, "1/3");
    const circular = ahpCheck(
      pairwiseFromUpper(3, [
        { i: 0, j: 1, value: 3 },
        { i: 1, j: 2, value: 3 },
        { i: 0, j: 2, value: 1 / 3 },
      ]),
    );
    expect(circular.cr).toBeGreaterThan(0.1);
    expect(
      screen.getByText(new RegExp(`CR = ${circular.cr.toFixed(3)} .*above the 0.10 threshold`)),
    ).toBeTruthy();
    expect(screen.getByText("The judgments contradict each other")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Apply these weights anyway" })).toBeTruthy();

    judge(JOINT, LIAISON, "5");
    const matrix = pairwiseFromUpper(3, [
      { i: 0, j: 1, value: 3 },
      { i: 1, j: 2, value: 3 },
      { i: 0, j: 2, value: 5 },
    ]);
    const check = ahpCheck(matrix);
    expect(check.consistent).toBe(true);
    expect(
      screen.getByText(new RegExp(`CR = ${check.cr.toFixed(3)} .*within the 0.10 threshold`)),
    ).toBeTruthy();
    expect(screen.queryByText("The judgments contradict each other")).toBeNull();
    await click("Apply these weights");
    await settle(h);
    expectWorkbookWeights(h, check.weights);
    expect(screen.getByText(/Local weights of Operational efficiency set from the pairwise/)).toBeTruthy();
  });

  it("refuses negative points, naming the indicator, and writes nothing", async () => {
    const h = await paneAtNode();
    choose("Weighting method", "points");
    fireEvent.change(screen.getByRole("textbox", { name: `${LOGISTICS}: points` }), {
      target: { value: "-5" },
    });
    expect(
      screen.getByText(`The points of ${LOGISTICS} cannot be negative; give it 0 or more.`),
    ).toBeTruthy();
    const apply = screen.getByRole("button", { name: "Apply points" }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    await click("Apply points");
    await settle(h);
    expect(column(h, "O")).toEqual([2, 1, 1]);
  });

  it("resets the chosen node to equal local weights, leaving the criteria alone", async () => {
    const h = await paneAtNode();
    expect(
      screen.getByText(/Gives every indicator the same weight \(33.3%\) within Operational efficiency/),
    ).toBeTruthy();
    await click("Reset to equal weights");
    await settle(h);
    expectWorkbookWeights(h, [1 / 3, 1 / 3, 1 / 3]);
    expect(criterionWeights(h)).toEqual([25, 25, 25, 25]);
    expect(screen.getByText("Local weights of Operational efficiency reset to equal.")).toBeTruthy();
  });

  it("with one indicator, pairwise comparison is not offered and the pane says why", async () => {
    const h = await renderPane({ initialFeature: "weights" });
    const run = h.workbook.run.bind(h.workbook);
    await act(async () => {
      const only = suggested("threat_response").slice(0, 1);
      await setIndicators(run, await readNow(run), "threat_response", only, {
        author: "Analyst",
        confirmDataLoss: true,
      });
    });
    await settle(h);
    // Only criteria with indicators are offered as nodes.
    const nodes = within(screen.getByRole("combobox", { name: "Weights of" }))
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(nodes).toEqual(["The criteria", "Indicators of Threat response"]);
    choose("Weighting method", "pairwise");
    choose("Weights of", "threat_response");
    const option = within(screen.getByRole("combobox", { name: "Weighting method" })).getByRole("option", {
      name: /Pairwise/,
    }) as HTMLOptionElement;
    expect(option.disabled).toBe(true);
    expect(option.textContent).toContain("needs 2 or more indicators");
    expect(
      screen.getByText(/Pairwise comparison needs at least 2 indicators; there is 1 indicator/),
    ).toBeTruthy();
    expect(
      screen.getByText(/Threat response has one indicator, which carries the criterion's whole weight/),
    ).toBeTruthy();
    // Back at the criteria, pairwise comparison is there again.
    choose("Weights of", "");
    expect(
      screen.getByRole("combobox", { name: "Operational efficiency compared with Strategic alignment" }),
    ).toBeTruthy();
  });
});
