/** @jest-environment jsdom */
/**
 * Indicators in the pane (issue 16): the Criteria tab gives a criterion the suggested indicators,
 * asking before the scores typed for it are replaced, and removes one, asking before its scores go;
 * the Score tab scores the indicators, and the workbook computes the criterion from them.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { scoreHierarchical } from "../../src/scoring/indicators";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle, type PaneHarness } from "./helpers/pane";
import { defaultConfig } from "../../src/taskpane/state/defaults";

// With Threat response's indicators: F–I the criteria, J–L its indicators, M Coverage, N score.
const values = (h: PaneHarness, range: string) => h.workbook.inspect.values("Scorecard", range);
/** The headers of Threat response and its suggested indicators' columns, in the grid's order. */
const THREAT_COLUMNS = [
  "Threat response",
  "Threat response / Intelligence and information sharing",
  "Threat response / Coordinated response mechanisms",
  "Threat response / Coverage of emerging threats (cyber, space)",
];

async function click(name: string | RegExp, scope: HTMLElement | null = null) {
  const button = (scope ? within(scope) : screen).getByRole("button", { name });
  await act(async () => {
    fireEvent.click(button);
  });
}

const panel = () => screen.getByRole("form", { name: "Indicators of Threat response" });

async function withSuggested() {
  await click(/^Indicators \(\d+\) of Threat response$/);
  await click(/Use the 3 suggested indicators/, panel());
  const weights = within(panel()).getAllByRole("textbox", { name: "Local weight" });
  fireEvent.change(weights[2], { target: { value: "2" } });
  await click("Save indicators", panel());
}

async function read(h: PaneHarness) {
  const run = h.workbook.run.bind(h.workbook);
  return readScorecard(run, h.store.getState().data!.location);
}

describe("indicators in the pane", () => {
  it("gives a criterion the suggested indicators, asking first since its scores are replaced", async () => {
    const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
    await withSuggested();
    // The ten examples score Threat response: the pane says so before anything is written.
    expect(within(panel()).getByText(/removes the 10 scores typed for Threat response/)).toBeTruthy();
    expect(values(h, "J1")[0][0]).toBe("Coverage");
    await expectAccessible();
    await click("Save and remove those scores", panel());
    await settle(h);
    expect(values(h, "I2:L2")[0]).toEqual(THREAT_COLUMNS);
    expect(h.workbook.inspect.values("Weights", "O2:O4").map((r) => r[0])).toEqual([1, 1, 2]);
    expect(screen.getByRole("button", { name: "Indicators (3) of Threat response" }).textContent).toBe(
      "Indicators (3)",
    );
    expect((await read(h)).issues).toEqual([]);
    // Moving Threat response up takes its indicators' columns with it.
    await click("Move Threat response up");
    await settle(h);
    expect(values(h, "H2:L2")[0]).toEqual([...THREAT_COLUMNS, "Capability enhancement"]);
    expect((await read(h)).issues).toEqual([]);
  });

  it("removes a criterion with indicators, saying how many of their scores go", async () => {
    const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
    await withSuggested();
    await click("Save and remove those scores", panel());
    await settle(h);
    // Two indicator scores typed by hand in the grid, below the header band: J3 and L4.
    await h.workbook.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("J3").values = [[4]];
      sheet.getRange("L4").values = [[2]];
      await context.sync();
    });
    await act(async () => void (await h.store.reload()));
    await click("Remove Threat response");
    const ask = screen.getByRole("group", { name: "Remove Threat response?" });
    expect(ask.textContent).toContain(
      "The 2 scores of its 3 indicators will be deleted from the Scorecard sheet",
    );
    expect(ask.textContent).toContain("Its columns, its weight and its rubric go too.");
    await click("Remove it and its scores", ask);
    await settle(h);
    expect(h.store.getState().notice?.text).toBe(
      'Removed criterion "Threat response" and its scores; the Audit sheet records each score it held.',
    );
    expect(values(h, "F1:I1")[0]).toEqual([
      "Operational efficiency",
      "Strategic alignment",
      "Capability enhancement",
      "Coverage",
    ]);
    const after = await read(h);
    expect(after.issues).toEqual([]);
    expect(after.location.meta.indicatorsTable).toBeNull();
    expect(screen.queryByRole("listitem", { name: "Threat response" })).toBeNull();
  });

  it("scores the indicators on the Score tab; the workbook computes the criterion and the score", async () => {
    const config = { ...defaultConfig(), missingPolicy: "renormalize" as const };
    const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana", scorecard: { config } });
    await withSuggested();
    await click("Save and remove those scores", panel());
    await settle(h);
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: /Score/ }));
    });
    const section = () => screen.getByRole("region", { name: "Threat response" });
    expect(section().textContent).toContain("Scored through its indicators: no score yet.");
    const field = (name: string) =>
      within(section()).getByRole("textbox", { name: new RegExp(`${name}.*: score`) });
    fireEvent.change(field("Intelligence and information sharing"), { target: { value: "5" } });
    fireEvent.change(field("Coverage of emerging threats"), { target: { value: "2" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
    });
    await settle(h);
    expect(values(h, "J3:L3")[0]).toEqual([5, "", 2]);
    // Renormalize over the two scored indicators, local weights 1 and 2: (1·5 + 2·2) / 3 = 3.
    expect(values(h, "I3")[0][0]).toBeCloseTo(3, 12);
    const data = await read(h);
    const model = scoreHierarchical({
      criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
      indicators: { threat_response: data.config.criteria[3].indicators! },
      scale: data.config.scale,
      missing: data.config.missingPolicy,
      agreements: data.agreements.map((a) => ({
        id: a.id,
        scores: {
          ...Object.fromEntries(data.config.criteria.slice(0, 3).map((c) => [c.id, a.scores[c.id]])),
          ...a.indicatorScores,
        },
      })),
    });
    expect(data.computed[0].score).toBeCloseTo(model[0].score!, 9);
    expect(data.issues).toEqual([]);
    // What the pane now holds for NATO's criterion: the score its indicators give.
    await waitFor(() =>
      expect(h.store.getState().data!.agreements[0].scores.threat_response).toBeCloseTo(3, 12),
    );
  });

  it("removing an indicator that holds scores says how many go before it saves", async () => {
    const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
    await withSuggested();
    await click("Save and remove those scores", panel());
    await settle(h);
    await act(async () => {
      h.workbook.userEdit("Scorecard", "J3", 4);
      h.workbook.userEdit("Scorecard", "J4", 3);
    });
    await settle(h);
    await click(/^Indicators \(\d+\) of Threat response$/);
    await click("Remove Intelligence and information sharing", panel());
    await click("Save indicators", panel());
    expect(
      within(panel()).getByText(/removes 2 scores of Intelligence and information sharing/),
    ).toBeTruthy();
    await click("Save and remove those scores", panel());
    await settle(h);
    expect(values(h, "J2:K2")[0]).toEqual(THREAT_COLUMNS.slice(2));
  });
});
