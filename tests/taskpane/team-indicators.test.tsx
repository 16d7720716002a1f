/** @jest-environment jsdom */
/**
 * The Score tab with indicators (issue 16): in team scoring each indicator has the reviewer's own
 * score and rationale and the team's consensus of it; in single-analyst scoring each indicator's
 * rationale is a Notes line named by its column header.
 */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { DEFAULT_INDICATORS, type Indicator } from "../../src/scoring/indicators";
import { defaultConfig } from "../../src/taskpane/state/defaults";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { switchToTeam } from "../../src/workbook/team/mode";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import type { ExcelRun } from "../../src/workbook/run";
import type { ScorecardLocation } from "../../src/workbook/model";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle, type PaneHarness } from "./helpers/pane";

const CRITERION = "threat_response";
const [INTEL, RESPONSE] = ["intelligence_sharing", "response_mechanisms"];
const INTEL_HEADER = "Threat response / Intelligence and information sharing";
const RESPONSE_HEADER = "Threat response / Coordinated response mechanisms";

/** A scorecard of the examples whose Threat response is scored through its suggested indicators. */
async function twoLevel(run: ExcelRun): Promise<ScorecardLocation> {
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: exampleAgreements(),
  });
  const indicators = JSON.parse(JSON.stringify(DEFAULT_INDICATORS[CRITERION])) as Indicator[];
  await setIndicators(run, await readScorecard(run, location), CRITERION, indicators, {
    author: "Ana",
    confirmDataLoss: true,
  });
  return location;
}

/** The pane, Ana's, on that scorecard: switched to a team by Ana when `team`, then `more` done to it. */
function twoLevelPane(
  initialFeature: "score" | "team" | "criteria",
  team: boolean,
  more: (run: ExcelRun, location: ScorecardLocation) => Promise<void> = async () => {},
) {
  return renderPane({
    initialFeature,
    reviewer: "Ana",
    scorecard: false,
    prepare: async (workbook) => {
      const run = workbook.run.bind(workbook);
      const location = await twoLevel(run);
      if (team) await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
      await more(run, location);
    },
  });
}

const section = () => screen.getByRole("region", { name: "Threat response" });
const field = (name: string, what: "score" | "rationale") =>
  within(section()).getByRole("textbox", { name: new RegExp(`${name}: ${what}`) }) as HTMLInputElement;

async function save(h: PaneHarness) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
  });
  await settle(h);
}

describe("the Score tab's indicators in team scoring", () => {
  async function teamPane() {
    return twoLevelPane("score", true, async (run, location) => {
      await writeReviews(run, await readScorecard(run, location), "Ben", [
        { agreementId: "NATO", criterionId: INTEL, score: 2, rationale: "Sharing is partial" },
        { agreementId: "NATO", criterionId: RESPONSE, score: 4, rationale: "" },
      ]);
    });
  }

  it("shows each indicator's team consensus and the others' scores, and saves my score and rationale per indicator", async () => {
    const h = await teamPane();
    await act(async () => h.store.selectAgreement("NATO"));
    expect(section().textContent).toContain("The team scores it through its indicators:");
    // Only Ben scored NATO's indicators so far: the team's consensus is his.
    expect(within(section()).getByText("Team mean 2 from 1 reviewer · others: Ben 2.")).toBeTruthy();
    expect(within(section()).getByText("Team mean 4 from 1 reviewer · others: Ben 4.")).toBeTruthy();
    // Ana has not scored any indicator: her coverage counts them one by one (3 criteria, 3 indicators).
    expect(screen.getByText("Your coverage 3/6")).toBeTruthy();
    expect(
      screen.getByText(/You have not scored: .*Threat response \/ Intelligence and information sharing/),
    ).toBeTruthy();

    fireEvent.change(field(INTEL_HEADER, "score"), { target: { value: "4" } });
    fireEvent.change(field(INTEL_HEADER, "rationale"), { target: { value: "Regular exchanges" } });
    expect(within(section()).getByText(/\(edited\)/)).toBeTruthy();
    await expectAccessible();
    await save(h);

    const data = h.store.getState().data!;
    const mine = data.reviews.find(
      (r) => r.reviewer === "Ana" && r.agreementId === "NATO" && r.criterionId === INTEL,
    );
    expect([mine?.score, mine?.rationale]).toEqual([4, "Regular exchanges"]);
    // The indicator cell shows the mean of Ana's 4 and Ben's 2; the criterion follows.
    expect(data.agreements[0].indicatorScores?.[INTEL]).toBe(3);
    // 4 and 2 span half the 1–5 scale: the indicator is flagged to discuss.
    expect(
      within(section()).getByText("Team mean 3 from 2 reviewers · others: Ben 2 · to discuss."),
    ).toBeTruthy();
    expect(field(INTEL_HEADER, "rationale").value).toBe("Regular exchanges");
    expect(data.issues).toEqual([]);
  });

  it("lists a disagreement on an indicator to discuss, named by its column header", async () => {
    const h = await teamPane();
    await act(async () => h.store.selectAgreement("NATO"));
    fireEvent.change(field(RESPONSE_HEADER, "score"), { target: { value: "1" } });
    await save(h);
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: "Team" }));
    });
    const item = screen.getByRole("listitem", { name: `North Atlantic Treaty (NATO) — ${RESPONSE_HEADER}` });
    expect(within(item).getByText("to discuss")).toBeTruthy();
  });
});

describe("the Team tab's import of reviews with indicators", () => {
  it("previews indicator reviews by their column header, refuses the criterion they score, and imports", async () => {
    const h = await twoLevelPane("team", true);
    const table = [
      "Reviewer\tAgreement ID\tCriterion\tScore",
      `Cy\tNATO\t${INTEL_HEADER}\t4`,
      `Cy\tNATO\t${RESPONSE}\t2`,
      "Cy\tNATO\tThreat response\t3",
    ].join("\n");
    fireEvent.change(screen.getByRole("textbox", { name: /Paste a table of reviews/ }), {
      target: { value: table },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Preview pasted table" }));
    });
    const preview = screen.getByRole("region", { name: /^Preview of / });
    const items = (name: string) =>
      within(within(preview).getByRole("list", { name }))
        .getAllByRole("listitem")
        .map((li) => li.textContent);
    expect(items("New reviews")).toEqual([
      `Row 2: Cy, NATO, ${INTEL_HEADER}: 4`,
      `Row 3: Cy, NATO, ${RESPONSE_HEADER}: 2`,
    ]);
    expect(items("Refused rows")).toEqual([
      `Row 4, column "Criterion": criterion "Threat response" is scored through its indicators; give one of them instead: ${INTEL_HEADER}, ${RESPONSE_HEADER}, Threat response / Coverage of emerging threats (cyber, space).`,
    ]);
    await act(async () => {
      fireEvent.click(within(preview).getByRole("button", { name: "Import 2 reviews" }));
    });
    await settle(h);
    const data = h.store.getState().data!;
    expect(data.agreements[0].indicatorScores?.[INTEL]).toBe(4);
    expect(data.agreements[0].indicatorScores?.[RESPONSE]).toBe(2);
    expect(data.issues).toEqual([]);
  });
});

describe("the Score tab's indicator rationale for one analyst", () => {
  it("keeps each indicator's rationale as a Notes line named by its column header, and reads it back", async () => {
    const h = await twoLevelPane("score", false);
    await act(async () => h.store.selectAgreement("NATO"));
    fireEvent.change(field(INTEL_HEADER, "score"), { target: { value: "5" } });
    fireEvent.change(field(INTEL_HEADER, "rationale"), { target: { value: "Five Eyes\nand more" } });
    await save(h);
    const notes = String(
      h.workbook.inspect.cell("Scorecard", `${h.store.getState().data!.columns.notes}3`).value,
    );
    expect(notes.split("\n")).toContain(`${INTEL_HEADER}: Five Eyes and more`);
    expect(field(INTEL_HEADER, "rationale").value).toBe("Five Eyes and more");
    expect(field(RESPONSE_HEADER, "rationale").value).toBe("");
    // The rationale alone is a change too.
    fireEvent.change(field(RESPONSE_HEADER, "rationale"), { target: { value: "Drills" } });
    await save(h);
    const after = String(
      h.workbook.inspect.cell("Scorecard", `${h.store.getState().data!.columns.notes}3`).value,
    );
    expect(after.split("\n").slice(-2)).toEqual([
      `${INTEL_HEADER}: Five Eyes and more`,
      `${RESPONSE_HEADER}: Drills`,
    ]);
  });
});

describe("the Criteria tab's indicators in team scoring", () => {
  it("removes an indicator the team reviewed, saying how many reviews go, and clears them", async () => {
    const h = await twoLevelPane("criteria", true, async (run, location) => {
      await writeReviews(run, await readScorecard(run, location), "Ben", [
        { agreementId: "NATO", criterionId: INTEL, score: 2, rationale: "Sharing is partial" },
        { agreementId: "NATO", criterionId: RESPONSE, score: 4, rationale: "" },
      ]);
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Indicators (3) of Threat response" }));
    });
    const panel = screen.getByRole("form", { name: "Indicators of Threat response" });
    await act(async () => {
      fireEvent.click(
        within(panel).getByRole("button", { name: "Remove Intelligence and information sharing" }),
      );
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole("button", { name: "Save indicators" }));
    });
    expect(
      within(panel).getByText(
        "Saving removes 1 review (score and rationale) from the Reviews sheet (the Audit sheet keeps a record of each).",
      ),
    ).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(panel).getByRole("button", { name: "Save and remove those scores" }));
    });
    await settle(h);
    const after = await readScorecard(h.workbook.run.bind(h.workbook), h.store.getState().data!.location);
    expect(after.issues).toEqual([]);
    expect(after.config.criteria.find((c) => c.id === CRITERION)!.indicators!.map((i) => i.id)).not.toContain(
      INTEL,
    );
    expect(after.reviews.filter((r) => r.criterionId === INTEL && r.score !== null)).toEqual([]);
    expect(after.reviews.find((r) => r.reviewer === "Ben" && r.criterionId === RESPONSE)?.score).toBe(4);
    await expectAccessible();
  });

  it("moves a criterion with indicators up in team scoring, its indicator columns and the team's consensus with it", async () => {
    const h = await twoLevelPane("criteria", true, async (run, location) => {
      await writeReviews(run, await readScorecard(run, location), "Ben", [
        { agreementId: "NATO", criterionId: INTEL, score: 1, rationale: "" },
      ]);
    });
    const before = h.store.getState().data!;
    const move = screen.getByRole("button", { name: "Move Threat response up" }) as HTMLButtonElement;
    expect(move.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(move);
    });
    await settle(h);
    const after = await readScorecard(h.workbook.run.bind(h.workbook), h.store.getState().data!.location);
    expect(after.issues).toEqual([]);
    expect(after.config.criteria.map((c) => c.id).slice(2)).toEqual([CRITERION, "capability_enhancement"]);
    const letter = (column: string) => column.charCodeAt(0);
    const own = after.columns.criteria.find((c) => c.criterionId === CRITERION)!.column;
    const intel = after.columns.indicators!.find((c) => c.indicatorId === INTEL)!.column;
    expect(letter(intel) - letter(own)).toBe(1);
    expect(own).not.toBe(before.columns.criteria.find((c) => c.criterionId === CRITERION)!.column);
    // NATO's intelligence sharing: the mean of Ana's score and Ben's 1, as before the move.
    const nato = (d: typeof after) => d.agreements.find((a) => a.id === "NATO")!;
    expect(nato(after).indicatorScores![INTEL]).toBe(nato(before).indicatorScores![INTEL]);
    expect(after.computed.map((c) => c.score)).toEqual(before.computed.map((c) => c.score));
  });
});
