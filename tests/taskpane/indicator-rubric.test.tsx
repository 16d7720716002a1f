/** @jest-environment jsdom */
/**
 * An indicator's definition and rubric anchors edited in the Criteria tab's Indicators panel
 * (issue 16), with the criterion form's own fields: saved to the Weights sheet (Definition) and the
 * metadata (anchors), read back into the pane, and offered by the Score tab's indicator rating.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { defaultConfig } from "../../src/taskpane/state/defaults";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { addSuggestedIndicators } from "../workbook/indicator-support";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle, type PaneHarness } from "./helpers/pane";

const LOGISTICS = "Shared logistics and resources";

async function click(name: string | RegExp, scope: HTMLElement) {
  const button = within(scope).getByRole("button", { name });
  await act(async () => {
    fireEvent.click(button);
  });
}

const type = (label: string, value: string, scope: HTMLElement) =>
  fireEvent.change(within(scope).getByRole("textbox", { name: label }), { target: { value } });

const panel = () => screen.getByRole("form", { name: "Indicators of Operational efficiency" });
const indicator = (k: number) => within(panel()).getByRole("group", { name: `Indicator ${k}` });

/** The Criteria tab with Operational efficiency's suggested indicators saved and its panel open at the second one's rubric. */
async function atLogisticsRubric(): Promise<PaneHarness> {
  const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
  await act(async () => {
    await addSuggestedIndicators(h.workbook.run.bind(h.workbook));
  });
  await settle(h);
  await click(/^Indicators \(3\) of Operational efficiency$/, document.body);
  await click(`Definition and rubric of ${LOGISTICS}`, indicator(2));
  return h;
}

const read = (h: PaneHarness) =>
  readScorecard(h.workbook.run.bind(h.workbook), h.store.getState().data!.location);

describe("an indicator's definition and rubric in the pane", () => {
  it("edits them; the Weights sheet and the metadata keep them, a re-read gives them back, the Score tab offers them", async () => {
    const h = await atLogisticsRubric();
    const logistics = indicator(2);
    expect(
      (within(logistics).getByRole("textbox", { name: "Definition" }) as HTMLTextAreaElement).value,
    ).toMatch(/^How far the partners share equipment/);
    await expectAccessible();
    type("Definition", "Fuel, ammunition and transport shared under one plan.", logistics);
    type(
      "What this score means",
      "Nothing is shared.",
      within(logistics).getByRole("group", { name: "Anchor 1" }),
    );
    await click(`Remove anchor 5 of ${LOGISTICS}`, logistics);
    await click("Save indicators", panel());
    await settle(h);

    // The Weights sheet's indicator table, second row: Definition in N.
    expect(h.workbook.inspect.values("Weights", "M3:N3")[0]).toEqual([
      LOGISTICS,
      "Fuel, ammunition and transport shared under one plan.",
    ]);
    const data = await read(h);
    expect(data.issues).toEqual([]);
    const saved = data.config.criteria[0].indicators![1];
    expect(saved.definition).toBe("Fuel, ammunition and transport shared under one plan.");
    expect(saved.anchors!.map((a) => a.value)).toEqual([1, 2, 3, 4]);
    expect(saved.anchors![0]).toMatchObject({ value: 1, description: "Nothing is shared." });
    expect(data.location.meta.criteria[0].indicators![1].anchors).toEqual(saved.anchors);
    // The other indicators are as they were.
    expect(data.config.criteria[0].indicators![0].anchors).toHaveLength(5);

    // Opened again, the panel starts from what was read back.
    await click(/^Indicators \(3\) of Operational efficiency$/, document.body);
    await click(`Definition and rubric of ${LOGISTICS}`, indicator(2));
    expect(
      (within(indicator(2)).getByRole("textbox", { name: "Definition" }) as HTMLTextAreaElement).value,
    ).toBe("Fuel, ammunition and transport shared under one plan.");
    expect(within(indicator(2)).getAllByRole("group", { name: /^Anchor \d$/ })).toHaveLength(4);

    // The Score tab rates the indicator on its edited anchors.
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: /Score/ }));
    });
    const section = screen.getByRole("region", { name: "Operational efficiency" });
    await waitFor(() => expect(within(section).getByText("Nothing is shared.")).toBeTruthy());
    expect(within(section).getByText("Fuel, ammunition and transport shared under one plan.")).toBeTruthy();
  });

  it("refuses an anchor score that is not a number, naming the indicator, and writes nothing", async () => {
    const h = await atLogisticsRubric();
    const logistics = indicator(2);
    const first = within(logistics).getByRole("group", { name: "Anchor 1" });
    type("Score", "low", first);
    await click("Save indicators", panel());
    expect(within(panel()).getByRole("alert").textContent).toBe(
      `Rubric of "${LOGISTICS}": "low" is not a number: give each anchor the score it describes.`,
    );
    expect((await read(h)).config.criteria[0].indicators![1].anchors![0].value).toBe(1);
  });

  it("shows the workbook's refusal of an anchor off the scale, and the metadata keeps the old anchors", async () => {
    const h = await atLogisticsRubric();
    const before = (await read(h)).location.meta.criteria[0].indicators![1].anchors;
    const logistics = indicator(2);
    await click(`Add anchor of ${LOGISTICS}`, logistics);
    const sixth = within(logistics).getByRole("group", { name: "Anchor 6" });
    type("Score", "7", sixth);
    type("What this score means", "Beyond the scale.", sixth);
    await click("Save indicators", panel());
    await settle(h);
    const shown = screen
      .getAllByRole("alert")
      .map((e) => e.textContent)
      .join(" | ");
    expect(shown).toContain(
      `Rubric of "Operational efficiency / ${LOGISTICS}": the anchor at 7 is off the scale 1–5.`,
    );
    expect((await read(h)).location.meta.criteria[0].indicators![1].anchors).toEqual(before);
  });

  it("moves the suggested indicators' anchors onto the scorecard's scale, as a default criterion's", async () => {
    const config = { ...defaultConfig(), scale: { min: 0, max: 10 } };
    const h = await renderPane({ initialFeature: "criteria", scorecard: { config, agreements: [] } });
    await click(/^Indicators \(0\) of Operational efficiency$/, document.body);
    await click(/Use the 3 suggested indicators/, panel());
    await click("Save indicators", panel());
    await settle(h);
    const indicators = (await read(h)).location.meta.criteria[0].indicators!;
    expect(indicators).toHaveLength(3);
    for (const i of indicators) expect(i.anchors!.map((a) => a.value)).toEqual([0, 2.5, 5, 7.5, 10]);
  });
});
