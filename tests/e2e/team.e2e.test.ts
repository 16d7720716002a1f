/**
 * Team scoring in Chromium against the built preview: two reviewers (one browser, switching the
 * reviewer name as two people sharing a machine would) score the same agreement, a "to discuss"
 * item appears with both scores and rationales, is resolved, and the Audit sheet and the
 * agreement's history show every step. Then a panel's reviews gathered outside Excel are pasted
 * into the Team tab, previewed, confirmed, and the consensus in the grid moves. And a team scores a
 * criterion's indicators: each indicator cell shows its consensus, the criterion follows. Expected figures
 * come from the model (scoring/), run on the example agreements with the reviewers' scores.
 */
import { consensus, scoreAgreements } from "../../src/scoring";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import {
  becomeReviewer,
  cellAddress,
  eventually,
  expectGridValue,
  expectText,
  openFeature,
  previewSite,
  scoreAgreement,
  scoreTwoNatoIndicatorsLow,
  sheetTabs,
  showSheet,
  switchToTeamScoring,
  teamScoringOfIndicators,
} from "./support/preview";
import type { Page } from "playwright-core";

const site = previewSite();

/** NATO's weighted score, as the grid shows it, with its threat response score (and others) replaced. */
function natoScore(threatResponse: number, others: Record<string, number> = {}): string {
  const agreements = exampleAgreements().map((a) =>
    a.id === "NATO" ? { ...a, scores: { ...a.scores, ...others, threat_response: threatResponse } } : a,
  );
  const results = scoreAgreements({
    criteria: Object.keys(agreements[0].scores).map((id) => ({ id, weight: 1 })),
    scale: { min: 1, max: 5 },
    agreements,
    missing: "exclude",
  });
  return results.find((r) => r.id === "NATO")!.score!.toFixed(2);
}

async function scoreThreatResponse(page: Page, score: string, rationale: string) {
  const p = await scoreAgreement(page, "NATO", [
    [/^Threat response: score/, score],
    ["Threat response: rationale", rationale],
  ]);
  await expectText(p, "Saved your scores of");
}

/** The discuss flag's fill on a Scorecard cell, as the grid draws the conditional format. */
async function fillOf(page: Page, address: string): Promise<string> {
  return page.locator(`[id="cell-${address}"]`).evaluate((cell) => getComputedStyle(cell).backgroundColor);
}

describe("team scoring in the preview", () => {
  test("two reviewers disagree, the cell is flagged to discuss, the disagreement is resolved, the audit shows it", async () => {
    const { page, p } = await site.open("?examples&tab=team");

    // Ana switches the scorecard to team scoring: the example scores become her reviews.
    // Without a name the switch says what to do, and writes nothing.
    await p.getByRole("button", { name: "Switch to team scoring" }).click();
    await expectText(p, "Enter your name as reviewer first");
    expect(await sheetTabs(page)).not.toContain("Reviews");
    await switchToTeamScoring(page, "Ana");
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

describe("reviews gathered outside Excel, in the preview", () => {
  test("a pasted table is previewed, confirmed, and the consensus in the grid follows", async () => {
    // ?team: the examples are Ana's reviews (NATO threat response 4.5) and Bea scored it 2.
    const { page, p } = await site.open("?examples&team&tab=team");
    await showSheet(page, "Scorecard");
    await expectGridValue(page, "Threat response", "NATO", String(consensus([4.5, 2])));

    // As copied from a spreadsheet: tab-separated, with its header row.
    const table = [
      "Reviewer\tAgreement ID\tCriterion\tScore\tRationale",
      "Bea\tNATO\tThreat response\t5\tRevised after the exercise",
      "Cy\tNATO\tthreat_response\t1\tActivation is too slow",
      "Cy\tNOPE\tThreat response\t3\t",
    ].join("\n");
    await p.getByRole("textbox", { name: /Paste a table of reviews/ }).fill(table);
    await p.getByRole("button", { name: "Preview pasted table" }).click();
    const preview = p.getByRole("region", { name: "Preview of the pasted table" });
    await expectText(preview.getByRole("status"), "1 new review, 1 updated, 0 unchanged, 1 row refused.");
    await expectText(
      preview.getByRole("list", { name: "Updated reviews" }),
      "Row 2: Bea, NATO, Threat response: 2 → 5, new rationale",
    );
    await expectText(
      preview.getByRole("list", { name: "Refused rows" }),
      'agreement "NOPE" is not in the scorecard',
    );
    // Nothing is written before the confirmation.
    await expectGridValue(page, "Threat response", "NATO", String(consensus([4.5, 2])));

    await preview.getByRole("button", { name: "Import 2 reviews" }).click();
    await expectText(p, "Imported 2 reviews (1 new, 1 updated)");
    const after = consensus([4.5, 5, 1])!;
    await expectGridValue(page, "Threat response", "NATO", String(after));
    // Bea's operational efficiency (4, beside Ana's 4.5) counts too.
    await expectGridValue(
      page,
      "Weighted score",
      "NATO",
      natoScore(after, { operational_efficiency: consensus([4.5, 4])! }),
    );
    await expect(preview.count()).resolves.toBe(0);
    await showSheet(page, "Audit");
    await expectText(page.getByRole("grid", { name: "Sheet Audit" }), "Activation is too slow");
  });
});

describe("team scoring per indicator, in the preview", () => {
  test("the analyst's indicator scores become reviews; a second reviewer moves an indicator's consensus and the criterion follows", async () => {
    const { page, p } = await site.open("?examples&tab=criteria");
    await teamScoringOfIndicators(page);

    // Bea scores two of NATO's indicators, one far from Ana's.
    await becomeReviewer(page, "Bea");
    await openFeature(page, "Score");
    await p.getByRole("combobox", { name: "Agreement to score" }).selectOption("NATO");
    await expectText(p, "Your coverage 0/6");
    await scoreTwoNatoIndicatorsLow(page);
    const joint = "Operational efficiency / Joint exercises and interoperability";
    await expectText(p, "Saved your scores of");
    await expectText(p, "Team mean 3 from 2 reviewers · others: Ana 5 · to discuss.");

    // Each indicator shows the mean of its reviews; the criterion their weighted mean (equal local weights).
    const ops = consensus([(5 + 1) / 2, (4 + 2) / 2, 3])!;
    await showSheet(page, "Scorecard");
    await expectGridValue(page, joint, "NATO", "3");
    await expectGridValue(page, "Operational efficiency / Shared logistics and resources", "NATO", "3");
    await expectGridValue(page, "Operational efficiency", "NATO", String(ops));
    await expectGridValue(page, "Weighted score", "NATO", natoScore(4.5, { operational_efficiency: ops }));

    await openFeature(page, "Team");
    const item = p.getByRole("listitem", { name: `North Atlantic Treaty (NATO) — ${joint}` });
    await expectText(item.getByRole("row").nth(2), /Bea\s*1\s*One exercise in five years\./);
  });
});
