/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { compareWeightings } from "../../src/scoring/compare";
import { defaultConfig } from "../../src/taskpane/state/defaults";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, renderTeamPane, settle, type PaneHarness } from "./helpers/pane";

// Scorecard columns: A ID, B Agreement, …, F–I criteria (I: Threat response), K Weighted score.
// NATO is row 2; its example scores are 4.5 on every criterion.
const NATO = "North Atlantic Treaty (NATO)";
const THREAT_SCORE = "Threat response: score (1–5, decimals allowed)";
const THREAT_RATIONALE = "Threat response: rationale";

const cell = (h: PaneHarness, address: string) => h.workbook.inspect.cell("Scorecard", address).value;
const mode = (h: PaneHarness) => h.store.getState().data!.location.meta.mode;

/** The Reviews table's rows (reviewer, agreement, criterion, score, rationale), blanks left out. */
function reviewRows(h: PaneHarness) {
  return h.workbook.inspect
    .values("Reviews", "A2:E80")
    .filter((r) => r.slice(0, 4).some((v) => v !== ""))
    .map((r) => r.slice(0, 5));
}

function nameField() {
  return screen.getByRole("textbox", { name: "Your name" }) as HTMLInputElement;
}

/** Types a name in "Your name" and presses Enter. */
function enterName(name: string) {
  fireEvent.change(nameField(), { target: { value: name } });
  fireEvent.keyDown(nameField(), { key: "Enter" });
}

function openTab(name: "Score" | "Weights" | "Team") {
  fireEvent.click(screen.getByRole("tab", { name }));
}

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

/** On the Score tab: gives the selected agreement's Threat response a score (and rationale), saves. */
async function scoreThreat(h: PaneHarness, score: string, rationale?: string) {
  fireEvent.change(screen.getByRole("textbox", { name: THREAT_SCORE }), { target: { value: score } });
  if (rationale !== undefined)
    fireEvent.change(screen.getByRole("textbox", { name: THREAT_RATIONALE }), {
      target: { value: rationale },
    });
  await click("Save");
  await settle(h);
}

/** The rows of a discuss item's table: [reviewer, score, rationale]. */
function discussRows(item: HTMLElement) {
  return within(item)
    .getAllByRole("row")
    .slice(1)
    .map((row) => Array.from(row.children).map((c) => c.textContent));
}

describe("Reviewer name", () => {
  it("is committed on Enter or blur, trimmed, and not while half-typed", async () => {
    const harness = await renderPane();
    expect(harness.store.getState().reviewer).toBe("");

    fireEvent.change(nameField(), { target: { value: "An" } });
    expect(harness.store.getState().reviewer).toBe("");
    fireEvent.change(nameField(), { target: { value: "Ana " } });
    expect(harness.store.getState().reviewer).toBe("");
    fireEvent.keyDown(nameField(), { key: "Enter" });
    expect(harness.store.getState().reviewer).toBe("Ana");

    fireEvent.change(nameField(), { target: { value: "Bea" } });
    expect(harness.store.getState().reviewer).toBe("Ana");
    fireEvent.blur(nameField());
    expect(harness.store.getState().reviewer).toBe("Bea");
    expect(nameField().value).toBe("Bea");
  });
});

describe("Team tab", () => {
  it("switches to team scoring only with a name; the grid's scores become that reviewer's reviews", async () => {
    const harness = await renderPane({ initialFeature: "team" });
    const before = harness.workbook.inspect.values("Scorecard", "F2:I11");
    const switchButton = () =>
      screen.getByRole("button", { name: "Switch to team scoring" }) as HTMLButtonElement;
    expect(screen.getByText(/Enter your name above first/)).toBeTruthy();
    // Without a name the switch says why it cannot run, and writes nothing.
    await click("Switch to team scoring");
    await settle(harness);
    expect(harness.store.getState().error?.message).toMatch(/Enter your name as reviewer first/);
    expect(harness.workbook.inspect.sheetNames()).not.toContain("Reviews");

    enterName("Ana");
    expect(switchButton().disabled).toBe(false);
    expect(
      screen.getByText("The scores already in the grid become Ana's reviews; no score changes."),
    ).toBeTruthy();
    await click("Switch to team scoring");
    await settle(harness);

    expect(mode(harness)).toBe("team");
    expect(harness.store.getState().data!.location.meta.consensusMethod).toBe("mean");
    expect(harness.workbook.inspect.sheetNames()).toContain("Reviews");
    // One review by Ana per existing score: 10 example agreements × 4 criteria, all scored.
    const expected = exampleAgreements().flatMap((a) =>
      defaultConfig().criteria.map((c) => ["Ana", a.id, c.id, a.scores[c.id], ""]),
    );
    expect(reviewRows(harness)).toHaveLength(40);
    expect(new Set(reviewRows(harness).map((r) => JSON.stringify(r)))).toEqual(
      new Set(expected.map((r) => JSON.stringify(r))),
    );
    // The criterion cells keep their values, now through the consensus formulas.
    expect(harness.workbook.inspect.values("Scorecard", "F2:I11")).toEqual(before);
    expect(String(harness.workbook.inspect.cell("Scorecard", "I2").formula)).toMatch(
      /^=IFERROR\(INDEX\(AS_Consensus!/,
    );

    expect(screen.getByRole("heading", { name: "To discuss (0)" })).toBeTruthy();
    expect(screen.getByText(/^Nothing to discuss/)).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Reviewers" })).getByText("Ana: 40 scores")).toBeTruthy();
    expect(screen.getByText(/Team scoring is on\. The existing scores are now Ana's reviews/)).toBeTruthy();
  });

  it("two reviewers disagree, the cell is listed to discuss with both sides, then they agree", async () => {
    const harness = await renderPane({ initialFeature: "team", reviewer: "Ana" });
    await click("Switch to team scoring");
    await settle(harness);
    expect(mode(harness)).toBe("team");

    // Ana scores NATO's threat response low.
    openTab("Score");
    expect(screen.getByText("You score as Ana; the grid shows the team's consensus.")).toBeTruthy();
    expect((screen.getByRole("textbox", { name: THREAT_SCORE }) as HTMLInputElement).value).toBe("4.5");
    await scoreThreat(harness, "1", "No standing forces");
    expect(cell(harness, "I2")).toBe(1);

    // Bea, at the same pane, scores it high: her own form starts empty.
    enterName("Bea");
    expect(screen.getByText("You score as Bea; the grid shows the team's consensus.")).toBeTruthy();
    expect((screen.getByRole("textbox", { name: THREAT_SCORE }) as HTMLInputElement).value).toBe("");
    expect(screen.getByText("Your coverage 0/4")).toBeTruthy();
    await scoreThreat(harness, "5", "Article 5 guarantee");

    const natoThreat = reviewRows(harness).filter((r) => r[1] === "NATO" && r[2] === "threat_response");
    expect(natoThreat).toEqual([
      ["Ana", "NATO", "threat_response", 1, "No standing forces"],
      ["Bea", "NATO", "threat_response", 5, "Article 5 guarantee"],
    ]);
    // The Scorecard cell shows the mean of 1 and 5; the other NATO cells still Ana's 4.5.
    expect(cell(harness, "I2")).toBe(3);
    expect(harness.workbook.inspect.values("Scorecard", "F2:H2")).toEqual([[4.5, 4.5, 4.5]]);
    expect(screen.getByText("Team mean 3 from 2 reviewers · others: Ana 1 · to discuss.")).toBeTruthy();

    // The Team tab lists it, both reviewers side by side.
    openTab("Team");
    expect(screen.getByRole("heading", { name: "To discuss (1)" })).toBeTruthy();
    const item = within(screen.getByRole("list", { name: "Cells to discuss" })).getByRole("listitem", {
      name: `${NATO} — Threat response`,
    });
    expect(within(item).getByText("Mean 3 · range 4 · SD 2.83")).toBeTruthy();
    expect(discussRows(item)).toEqual([
      ["Ana", "1", "No standing forces"],
      ["Bea", "5", "Article 5 guarantee"],
    ]);
    const reviewers = within(screen.getByRole("list", { name: "Reviewers" }));
    expect(reviewers.getByText("Ana: 40 scores")).toBeTruthy();
    expect(reviewers.getByText("Bea: 1 score")).toBeTruthy();
    await expectAccessible();

    // Bea comes round: nothing left to discuss, and the mean follows.
    openTab("Score");
    await scoreThreat(harness, "1.5");
    expect(cell(harness, "I2")).toBe(1.25);
    openTab("Team");
    expect(screen.getByRole("heading", { name: "To discuss (0)" })).toBeTruthy();
    expect(screen.getByText(/^Nothing to discuss/)).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Cells to discuss" })).toBeNull();

    // History on the Score tab: who changed which review, before → after, newest first.
    openTab("Score");
    const history = within(screen.getByRole("list", { name: "History of this agreement" }));
    const lines = history.getAllByRole("listitem").map((li) => li.querySelector("p")?.textContent);
    expect(lines).toEqual([
      "Bea: review of Threat response 5 → 1.5",
      "Bea: rationale of Threat response blank → Article 5 guarantee",
      "Bea: review of Threat response blank → 5",
      "Ana: rationale of Threat response blank → No standing forces",
      "Ana: review of Threat response 4.5 → 1",
      "Ana: review of Threat response blank → 4.5",
      "Ana: review of Capability enhancement blank → 4.5",
      "Ana: review of Strategic alignment blank → 4.5",
      "Ana: review of Operational efficiency blank → 4.5",
    ]);
  });

  it("Score it opens the Score tab on the agreement to discuss", async () => {
    const harness = await renderPane({ initialFeature: "team", reviewer: "Ana" });
    await click("Switch to team scoring");
    await settle(harness);
    await act(async () => {
      const data = harness.store.getState().data!;
      await writeReviews((b) => harness.workbook.run(b), data, "Bea", [
        { agreementId: "CSTO", criterionId: "threat_response", score: 5, rationale: "" },
      ]);
      await harness.store.reload();
    });
    await settle(harness);
    await click("Score it");
    expect(screen.getByRole("tab", { name: "Score" }).getAttribute("aria-selected")).toBe("true");
    expect((screen.getByRole("combobox", { name: "Agreement to score" }) as HTMLSelectElement).value).toBe(
      "CSTO",
    );
  });

  it("the consensus select switches to the median and the Scorecard cell follows", async () => {
    // NATO's threat response: Ana 4.5 (her switch), Bea 1, Cy 2 — mean 2.5, median 2.
    const harness = await renderTeamPane([
      { who: "Bea", score: 1, rationale: "Bea's view" },
      { who: "Cy", score: 2, rationale: "Cy's view" },
    ]);
    expect(cell(harness, "I2")).toBe(2.5);
    const item = () =>
      within(screen.getByRole("list", { name: "Cells to discuss" })).getByRole("listitem", {
        name: `${NATO} — Threat response`,
      });
    expect(within(item()).getByText("Mean 2.5 · range 3.5 · SD 1.8")).toBeTruthy();
    expect(discussRows(item())).toEqual([
      ["Ana", "4.5", "—"],
      ["Bea", "1", "Bea's view"],
      ["Cy", "2", "Cy's view"],
    ]);
    const weightedMean = cell(harness, "K2");

    await act(async () => {
      fireEvent.change(screen.getByRole("combobox", { name: "Consensus" }), { target: { value: "median" } });
    });
    await settle(harness);

    expect(harness.store.getState().data!.location.meta.consensusMethod).toBe("median");
    expect(cell(harness, "I2")).toBe(2);
    // Every other cell has one reviewer: its median is its mean.
    expect(harness.workbook.inspect.values("Scorecard", "F3:I3")).toEqual([[3, 2.5, 2.5, 2]]);
    // The weighted score of NATO drops by a quarter of half a point on the 1–5 scale: 25 · 0.5/4.
    expect(cell(harness, "K2")).toBeCloseTo((weightedMean as number) - 3.125, 9);
    expect((screen.getByRole("combobox", { name: "Consensus" }) as HTMLSelectElement).value).toBe("median");
    expect(screen.getByText(/The criterion cells show the median of the reviewers' scores/)).toBeTruthy();
    // The change is said, not only shown in the list.
    expect(
      screen.getByText(
        "The consensus is now the median of the reviewers' scores (was the mean); the criterion cells, scores and ranks follow.",
      ),
    ).toBeTruthy();
    expect(within(item()).getByText("Median 2 · range 3.5 · SD 1.8")).toBeTruthy();
    await expectAccessible();
  });

  it("Switch to one analyst asks first, inline; Keep team scoring changes nothing", async () => {
    const harness = await renderPane({ initialFeature: "team", reviewer: "Ana" });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Switch to team scoring" }));
    });
    await settle(harness);
    const mode = () => harness.store.getState().data!.location.meta.mode;
    expect(mode()).toBe("team");

    fireEvent.click(screen.getByRole("button", { name: "Switch to one analyst…" }));
    // One click only asks: nothing changed yet, and the question says who it affects.
    expect(mode()).toBe("team");
    const question = screen.getByRole("group", { name: "Switch the whole team to one analyst?" });
    expect(question.textContent).toMatch(/Every reviewer's pane changes with it/);
    await expectAccessible();
    fireEvent.click(within(question).getByRole("button", { name: "Keep team scoring" }));
    expect(screen.queryByRole("group", { name: "Switch the whole team to one analyst?" })).toBeNull();
    await settle(harness);
    expect(mode()).toBe("team");

    fireEvent.click(screen.getByRole("button", { name: "Switch to one analyst…" }));
    await act(async () => {
      fireEvent.click(
        within(screen.getByRole("group", { name: "Switch the whole team to one analyst?" })).getByRole(
          "button",
          { name: "Switch to one analyst" },
        ),
      );
    });
    await settle(harness);
    expect(mode()).toBe("single");
  });
});

describe("Comparing weight profiles", () => {
  it("ranks every agreement under the current weights and each ticked profile, naming those that move", async () => {
    const harness = await renderPane({ initialFeature: "weights", reviewer: "Ana" });
    const setWeights = async (weights: number[]) => {
      await act(async () => {
        await harness.workbook.run(async (context) => {
          context.workbook.worksheets.getItem("Weights").getRange("D2:D5").values = weights.map((w) => [w]);
          await context.sync();
        });
      });
      await waitFor(() =>
        expect(harness.store.getState().data!.config.criteria.map((c) => c.weight)).toEqual(weights),
      );
      await settle(harness);
    };
    const saveAs = async (name: string) => {
      fireEvent.change(screen.getByRole("textbox", { name: "Profile name" }), { target: { value: name } });
      await click("Save current weights");
      await settle(harness);
      await waitFor(() => expect(harness.store.getState().data!.profiles.map((p) => p.name)).toContain(name));
    };

    await saveAs("Even");
    await setWeights([70, 10, 10, 10]);
    await saveAs("Operations");
    await setWeights([10, 10, 10, 70]);
    // One row per profile and criterion: name, author, time, criterion, weight.
    const config = defaultConfig();
    const saved = harness.workbook.inspect
      .values("Profiles", "A2:E12")
      .filter((r) => r[0] !== "")
      .map(([name, author, , criterion, weight]) => [name, author, criterion, weight]);
    expect(saved).toEqual([
      ...config.criteria.map((c) => ["Even", "Ana", c.id, 25]),
      ...config.criteria.map((c, k) => ["Operations", "Ana", c.id, k === 0 ? 70 : 10]),
    ]);

    for (const name of ["Even", "Operations"]) {
      // Every saved profile is compared until unticked.
      expect((screen.getByRole("checkbox", { name }) as HTMLInputElement).checked).toBe(true);
    }

    // What the model gives: current (threat-heavy), Even, Operations.
    const weightings = [
      [10, 10, 10, 70],
      [25, 25, 25, 25],
      [70, 10, 10, 10],
    ].map((w) => Object.fromEntries(config.criteria.map((c, k) => [c.id, w[k]])));
    const model = compareWeightings(
      {
        criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
        scale: config.scale,
        agreements: exampleAgreements(),
        missing: config.missingPolicy,
      },
      weightings,
    );
    const names = new Map(exampleAgreements().map((a) => [a.id, a.name]));
    const moved = model.filter((r) => r.shift! > 0);
    // By hand: threat-heavy, Five Eyes (threat 5) leads NATO (4.5 throughout); with operations at
    // 70 % NATO (4.5) and US–Japan (4.5) pass Five Eyes (4).
    expect(model.find((r) => r.id === "FVEY")!.ranks).toEqual([1, 2, 3]);
    expect(model.find((r) => r.id === "NATO")!.ranks).toEqual([2, 1, 1]);
    // The comparison is worth showing only if the weightings do reorder the agreements.
    expect(moved.length).toBeGreaterThan(0);

    const table = screen.getByRole("table", { name: "Ranks under each weighting" });
    const rows = within(table)
      .getAllByRole("row")
      .map((row) => Array.from(row.children).map((c) => c.textContent));
    expect(rows[0]).toEqual(["Agreement", "Current weights", "Even", "Operations"]);
    expect(rows.slice(1)).toEqual(
      model.map((r) => [
        `${names.get(r.id)}${r.shift ? ` (rank moves by ${r.shift} ${r.shift === 1 ? "place" : "places"})` : ""}`,
        ...r.ranks.map((rank) => String(rank)),
      ]),
    );
    expect(
      screen.getByText(`${moved.length} agreements move: ${moved.map((r) => names.get(r.id)).join(", ")}.`),
    ).toBeTruthy();

    // Untick one profile: its column goes.
    fireEvent.click(screen.getByRole("checkbox", { name: "Operations" }));
    expect(
      within(screen.getByRole("table", { name: "Ranks under each weighting" }))
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual(["Agreement", "Current weights", "Even"]);
  });
});
