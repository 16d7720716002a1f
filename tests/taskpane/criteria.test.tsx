/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { defaultConfig } from "../../src/taskpane/state/defaults";
import { TEAM_REFUSAL } from "../../src/workbook/criteria/editCriteria";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle, type PaneHarness } from "./helpers/pane";

// Scorecard columns: A ID … E Signed, F–I the four default criteria, J Coverage.
const header = (h: PaneHarness, range = "F1:J1") => h.workbook.inspect.values("Scorecard", range)[0];
/** The default criteria's names, in their order. */
const NAMES = defaultConfig().criteria.map((c) => c.name);

/** The changes' Audit rows: after the header and the first entry, "scorecard created". */
function audit(h: PaneHarness) {
  const used = h.workbook.inspect.usedRange("Audit")!;
  return h.workbook.inspect
    .values("Audit", used)
    .slice(2)
    .filter((r) => r[0] !== "");
}

async function click(name: string, within_: HTMLElement | null = null) {
  const button = within_
    ? within(within_).getByRole("button", { name })
    : screen.getByRole("button", { name });
  await act(async () => {
    fireEvent.click(button);
  });
}

function type(label: string, value: string, scope: HTMLElement | null = null) {
  const field = scope
    ? within(scope).getByRole("textbox", { name: label })
    : screen.getByRole("textbox", { name: label });
  fireEvent.change(field, { target: { value } });
}

const items = () =>
  within(screen.getByRole("list", { name: "Criteria" }))
    .getAllByRole("listitem")
    .map((li) => li.getAttribute("aria-label"));

const shownError = () =>
  screen
    .getAllByRole("alert")
    .map((e) => e.textContent)
    .join(" | ");

describe("Criteria tab", () => {
  it("adds a criterion: a new Scorecard column and Weights row, in the list, audited under the reviewer's name", async () => {
    const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
    await expectAccessible();
    type("New criterion's name", "Cyber & space");
    type("Its definition", "Joint cyber and space work");
    type("Its weight", "10");
    await click("Add criterion");
    await settle(h);
    expect(header(h, "F1:K1")).toEqual([...NAMES, "Cyber & space", "Coverage"]);
    expect(h.workbook.inspect.values("Weights", "A6:D6")[0]).toEqual([
      "cyber_space",
      "Cyber & space",
      "Joint cyber and space work",
      10,
    ]);
    expect(items()).toEqual([...NAMES, "Cyber & space"]);
    expect(audit(h).at(-1)!.slice(1, 5)).toEqual(["Ana", "criterion added", "", "Cyber & space"]);
    expect(screen.getByText(/Added criterion "Cyber & space"/)).toBeTruthy();
    expect((screen.getByRole("textbox", { name: "New criterion's name" }) as HTMLInputElement).value).toBe(
      "",
    );
    await expectAccessible();
  });

  it("shows the workbook's refusal of an empty, duplicate or tabbed name, and writes nothing", async () => {
    const h = await renderPane({ initialFeature: "criteria" });
    const before = header(h);
    await click("Add criterion");
    await settle(h);
    expect(shownError()).toContain("A criterion needs a name.");
    type("New criterion's name", "threat RESPONSE");
    await click("Add criterion");
    await settle(h);
    expect(shownError()).toContain(
      'Column "threat RESPONSE" already exists in the Scorecard table; choose another name.',
    );
    type("New criterion's name", "Cyber\tspace");
    await click("Add criterion");
    await settle(h);
    expect(shownError()).toContain("has a tab in its name");
    type("New criterion's name", "Cyber");
    type("Its weight", "a lot");
    await click("Add criterion");
    expect(shownError()).toContain("Enter the new criterion's weight as a number");
    expect(header(h)).toEqual(before);
    expect(h.workbook.inspect.sheetNames()).toContain("Audit");
    expect(audit(h)).toEqual([]);
  });

  it("renames a criterion, edits its definition and rubric; the Score tab offers the new anchors", async () => {
    const h = await renderPane({ initialFeature: "criteria" });
    await click("Edit Threat response");
    const form = screen.getByRole("form", { name: "Edit Threat response" });
    type("Name", "Crisis response", form);
    type("Definition", "How fast the partners act together in a crisis.", form);
    const first = within(form).getByRole("group", { name: "Anchor 1" });
    type("What this score means", "No joint crisis arrangements at all.", first);
    await click("Remove anchor 5", form);
    await click("Save", form);
    await settle(h);
    expect(header(h)[3]).toBe("Crisis response");
    expect(h.workbook.inspect.values("Weights", "B5:C5")[0]).toEqual([
      "Crisis response",
      "How fast the partners act together in a crisis.",
    ]);
    const anchors = h.store.getState().data!.location.meta.criteria[3].anchors!;
    expect(anchors.map((a) => a.value)).toEqual([1, 2, 3, 4]);
    expect(anchors[0]).toMatchObject({
      label: "Very weak",
      description: "No joint crisis arrangements at all.",
    });
    expect(audit(h).map((r) => r[2])).toEqual([
      "criterion renamed",
      "criterion definition",
      "rubric anchors",
    ]);
    expect(screen.queryByRole("form", { name: /Edit/ })).toBeNull();
    fireEvent.click(screen.getByRole("tab", { name: "Score" }));
    await waitFor(() =>
      expect(screen.getAllByText(/No joint crisis arrangements at all\./).length).toBeGreaterThan(0),
    );
  });

  it("refuses an anchor whose score is not a number, in the form, and writes nothing", async () => {
    const h = await renderPane({ initialFeature: "criteria" });
    await click("Edit Strategic alignment");
    const form = screen.getByRole("form", { name: "Edit Strategic alignment" });
    await click("Add anchor", form);
    const sixth = within(form).getByRole("group", { name: "Anchor 6" });
    type("Score", "high", sixth);
    type("What this score means", "x", sixth);
    await click("Save", form);
    expect(within(form).getByRole("alert").textContent).toBe(
      '"high" is not a number: give each anchor the score it describes.',
    );
    type("Score", "9", sixth);
    await click("Save", form);
    await settle(h);
    expect(shownError()).toContain('Rubric of "Strategic alignment": the anchor at 9 is off the scale 1–5.');
    expect(h.store.getState().data!.location.meta.criteria[1].anchors).toBeUndefined();
  });

  it("moves a criterion up and down: the Scorecard columns and the Weights rows follow", async () => {
    const h = await renderPane({ initialFeature: "criteria" });
    expect(
      (screen.getByRole("button", { name: "Move Operational efficiency up" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    const nato = h.workbook.inspect.values("Scorecard", "F2:I2")[0];
    await click("Move Threat response up");
    await settle(h);
    expect(header(h)).toEqual([
      "Operational efficiency",
      "Strategic alignment",
      "Threat response",
      "Capability enhancement",
      "Coverage",
    ]);
    expect(h.workbook.inspect.values("Scorecard", "F2:I2")[0]).toEqual([nato[0], nato[1], nato[3], nato[2]]);
    expect(h.workbook.inspect.values("Weights", "B2:B5").flat()).toEqual(header(h).slice(0, 4));
    expect(items()).toEqual(header(h).slice(0, 4));
    await click("Move Operational efficiency down");
    await settle(h);
    expect(items()).toEqual([
      "Strategic alignment",
      "Operational efficiency",
      "Threat response",
      "Capability enhancement",
    ]);
    expect(audit(h).map((r) => r[2])).toEqual(["criteria reordered", "criteria reordered"]);
  });

  it("asks inline before removing, saying the scores will be deleted; Keep it writes nothing", async () => {
    const h = await renderPane({ initialFeature: "criteria" });
    await click("Remove Strategic alignment");
    const ask = screen.getByRole("group", { name: "Remove Strategic alignment?" });
    expect(ask.textContent).toContain(
      "Its 10 scores will be deleted from the Scorecard sheet (the Audit sheet keeps a record of each).",
    );
    await expectAccessible();
    await click("Keep it", ask);
    expect(screen.queryByRole("group", { name: "Remove Strategic alignment?" })).toBeNull();
    expect(header(h)[1]).toBe("Strategic alignment");
    await click("Remove Strategic alignment");
    await click(
      "Remove it and its scores",
      screen.getByRole("group", { name: "Remove Strategic alignment?" }),
    );
    await settle(h);
    expect(header(h, "F1:I1")).toEqual([...NAMES.filter((n) => n !== "Strategic alignment"), "Coverage"]);
    expect(items()).not.toContain("Strategic alignment");
    expect(audit(h).filter((r) => r[2] === "score")).toHaveLength(10);
    expect(screen.getByText(/Removed criterion "Strategic alignment" and its scores/)).toBeTruthy();
  });

  it("shows the workbook's refusal to remove the last criterion or add a twenty-first", async () => {
    const one = defaultConfig();
    one.criteria = one.criteria.slice(0, 1);
    const h = await renderPane({ initialFeature: "criteria", scorecard: { config: one, agreements: [] } });
    await click("Remove Operational efficiency");
    const ask = screen.getByRole("group", { name: "Remove Operational efficiency?" });
    expect(ask.textContent).toContain("No agreement has a score for it yet.");
    await click("Remove it", ask);
    await settle(h);
    expect(shownError()).toContain("A scorecard needs at least one criterion.");
    h.view.unmount();

    const twenty = defaultConfig();
    twenty.criteria = Array.from({ length: 20 }, (_, k) => ({
      id: `c${k + 1}_id`,
      name: `Criterion ${k + 1}`,
      definition: "",
      weight: 5,
    }));
    const full = await renderPane({
      initialFeature: "criteria",
      scorecard: { config: twenty, agreements: [] },
    });
    type("New criterion's name", "Twenty-one");
    await click("Add criterion");
    await settle(full);
    expect(shownError()).toContain("A scorecard holds at most 20 criteria; remove one first.");
    expect(full.workbook.inspect.tables().find((t) => t.name === "Scorecard")!.columns).not.toContain(
      "Twenty-one",
    );
  });

  it("in team mode: adding and removing are off with the reason, renaming still works", async () => {
    const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
    await act(async () => {
      await h.store.switchMode("team");
    });
    await settle(h);
    expect(screen.getByText(TEAM_REFUSAL, { exact: false })).toBeTruthy();
    expect((screen.getByRole("button", { name: "Add criterion" }) as HTMLButtonElement).disabled).toBe(true);
    expect(
      (screen.getByRole("button", { name: "Remove Threat response" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await expectAccessible();
    // The workbook layer refuses too, and its reason is what the pane shows.
    await act(async () => {
      await h.store.addCriterion({ name: "Cost", definition: "", weight: 1 });
    });
    expect(shownError()).toContain(TEAM_REFUSAL);
    await click("Edit Threat response");
    const form = screen.getByRole("form", { name: "Edit Threat response" });
    type("Name", "Crisis response", form);
    await click("Save", form);
    await settle(h);
    expect(header(h)[3]).toBe("Crisis response");
    expect(h.store.getState().data!.location.meta.mode).toBe("team");
  });

  it("refuses a change made on a scorecard another author changed since the pane read it", async () => {
    const h = await renderPane({ initialFeature: "criteria", changeDelay: 60_000 });
    // A co-author's weight change through the add-in: the version stamp moves; the pane has not re-read.
    const other = h.workbook.newSession();
    const theirs = await readScorecard((b) => other.run(b), h.store.getState().data!.location);
    await writeWeights((b) => other.run(b), theirs, { threat_response: 70 }, { author: "Bea" });
    const before = header(h);
    await click("Move Threat response up");
    await settle(h);
    expect(shownError()).toContain(
      "Another author changed the scorecard a moment ago, so nothing was written.",
    );
    expect(header(h)).toEqual(before);
  });
});
