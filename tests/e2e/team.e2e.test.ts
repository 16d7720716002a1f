/**
 * Team scoring in Chromium against the built preview: two reviewers (one browser, switching the
 * reviewer name as two people sharing a machine would) score the same agreement, a "to discuss"
 * item appears with both scores and rationales, is resolved, and the Audit sheet and the
 * agreement's history show every step. Expected figures come from the model (scoring/), run on
 * the example agreements with the reviewers' scores.
 */
import { scoreAgreements } from "../../src/scoring";
import { exampleAgreements } from "../../src/workbook/examples";
import {
  cellAddress,
  eventually,
  expectGridValue,
  expectText,
  openFeature,
  openPreview,
  pane,
  sheetTabs,
  showSheet,
  startPreviewHost,
  type OpenedPreview,
  type PreviewHost,
} from "./support/preview";
import type { Page } from "playwright-core";

let host: PreviewHost;
let opened: OpenedPreview | null = null;

beforeAll(async () => {
  host = await startPreviewHost();
});
afterAll(async () => {
  await host?.close();
});
afterEach(async () => {
  const problems = opened?.problems ?? [];
  await opened?.context.close();
  opened = null;
  expect(problems).toEqual([]);
});

/** NATO's weighted score, as the grid shows it, with its threat response score replaced. */
function natoScore(threatResponse: number): string {
  const agreements = exampleAgreements().map((a) =>
    a.id === "NATO" ? { ...a, scores: { ...a.scores, threat_response: threatResponse } } : a,
  );
  const results = scoreAgreements({
    criteria: Object.keys(agreements[0].scores).map((id) => ({ id, weight: 1 })),
    scale: { min: 1, max: 5 },
    agreements,
    missing: "exclude",
  });
  return results.find((r) => r.id === "NATO")!.score!.toFixed(2);
}

async function becomeReviewer(page: Page, name: string) {
  const field = pane(page).getByRole("textbox", { name: "Your name" });
  await field.fill(name);
  await field.press("Enter");
}

async function scoreThreatResponse(page: Page, score: string, rationale: string) {
  const p = pane(page);
  await openFeature(page, "Score");
  await p.getByRole("combobox", { name: "Agreement to score" }).selectOption("NATO");
  await p.getByRole("textbox", { name: /^Threat response: score/ }).fill(score);
  await p.getByRole("textbox", { name: "Threat response: rationale" }).fill(rationale);
  await p.getByRole("button", { name: "Save" }).click();
  await expectText(p, "Saved your scores of");
}

/** The discuss flag's fill on a Scorecard cell, as the grid draws the conditional format. */
async function fillOf(page: Page, address: string): Promise<string> {
  return page.locator(`[id="cell-${address}"]`).evaluate((cell) => getComputedStyle(cell).backgroundColor);
}

describe("team scoring in the preview", () => {
  test("two reviewers disagree, the cell is flagged to discuss, the disagreement is resolved, the audit shows it", async () => {
    opened = await openPreview(host, "?examples&tab=team");
    const { page } = opened;
    const p = pane(page);

    // Ana switches the scorecard to team scoring: the example scores become her reviews.
    // Without a name the switch says what to do, and writes nothing.
    await p.getByRole("button", { name: "Switch to team scoring" }).click();
    await expectText(p, "Enter your name as reviewer first");
    expect(await sheetTabs(page)).not.toContain("Reviews");
    await becomeReviewer(page, "Ana");
    await p.getByRole("button", { name: "Switch to team scoring" }).click();
    await expectText(p, "Team scoring is on");
    await eventually(
      "Reviews sheet",
      () => sheetTabs(page),
      (tabs) => tabs.includes("Reviews"),
    );
    await expectText(p, "To discuss (0)");

    // Bea, on the same machine, scores NATO's threat response far from Ana's 4.5.
    await becomeReviewer(page, "Bea");
    await openFeature(page, "Score");
    await p.getByRole("combobox", { name: "Agreement to score" }).selectOption("NATO");
    await expectText(p, "You score as Bea");
    await expectText(p, "Your coverage 0/4");
    await scoreThreatResponse(page, "1", "Activation is too slow for hybrid threats.");

    await showSheet(page, "Scorecard");
    await expectGridValue(page, "Threat response", "NATO", "2.75");
    await expectGridValue(page, "Weighted score", "NATO", natoScore(2.75));
    const cell = await cellAddress(page, "Threat response", "NATO");
    await eventually(
      "discuss fill",
      () => fillOf(page, cell),
      (c) => c === "rgb(255, 235, 156)",
    );

    await openFeature(page, "Team");
    await expectText(p, "To discuss (1)");
    const item = p.getByRole("listitem", { name: "North Atlantic Treaty (NATO) — Threat response" });
    const rows = item.getByRole("row");
    await expectText(rows.nth(1), /Ana\s*4\.5/);
    await expectText(rows.nth(2), /Bea\s*1\s*Activation is too slow for hybrid threats\./);

    // After talking it over, Bea moves to 4: the flag goes away.
    await scoreThreatResponse(page, "4", "Agreed after discussion: response is credible.");
    await openFeature(page, "Team");
    await expectText(p, "To discuss (0)");
    await showSheet(page, "Scorecard");
    await expectGridValue(page, "Threat response", "NATO", "4.25");
    await expectGridValue(page, "Weighted score", "NATO", natoScore(4.25));
    await eventually(
      "no discuss fill",
      () => fillOf(page, cell),
      (c) => c !== "rgb(255, 235, 156)",
    );

    // The agreement's history and the Audit sheet record every step, with who and before → after.
    await openFeature(page, "Score");
    const history = p.getByRole("list", { name: "History of this agreement" });
    await expectText(history, "Bea: review of Threat response 1 → 4");
    await expectText(history, "Bea: review of Threat response blank → 1");
    await expectText(history, "Ana: review of Threat response blank → 4.5");
    await showSheet(page, "Audit");
    const audit = page.getByRole("grid", { name: "Sheet Audit" });
    await expectText(audit, "Agreed after discussion: response is credible.");
    await expectText(audit, "mode");
  });
});
