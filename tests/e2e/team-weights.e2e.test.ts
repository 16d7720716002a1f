/**
 * Team weights in Chromium against the built preview (issue 15): three reviewers, taking turns on
 * one machine, set different weights of their own by points on the Weights tab; the team weights
 * (mean) are turned on; the team's weights beside mine, the consensus with its word and each
 * reviewer's distance appear in the pane; the Weights sheet's Normalized weight column, the
 * Scorecard's weighted scores and ranks, and the Results ranking follow. Expected figures come from
 * the model (scoring/) on the example agreements.
 */
import {
  consensusWord,
  groupWeights,
  reviewerDisagreement,
  scoreAgreements,
  weightsConsensus,
} from "../../src/scoring";
import { columnLetter } from "../../src/workbook/contract/addresses";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { TEAM_BLOCK } from "../../src/workbook/weights/teamBlock";
import {
  becomeReviewer,
  cellText,
  eventually,
  expectGridValue,
  expectText,
  openFeature,
  pane,
  previewSite,
  showSheet,
  switchToTeamScoring,
} from "./support/preview";
import type { Page } from "playwright-core";

const site = previewSite();

const NAMES = ["Operational efficiency", "Strategic alignment", "Capability enhancement", "Threat response"];
const IDS = ["operational_efficiency", "strategic_alignment", "capability_enhancement", "threat_response"];
const PANEL: [string, number[]][] = [
  ["Ana", [40, 30, 20, 10]],
  ["Bea", [10, 20, 30, 40]],
  ["Cy", [5, 15, 20, 60]],
];

async function givePoints(page: Page, points: number[]) {
  const p = pane(page);
  await p.getByRole("combobox", { name: "Weighting method" }).selectOption("points");
  for (const [k, name] of NAMES.entries())
    await p.getByRole("textbox", { name: `${name}: points` }).fill(String(points[k]));
  await p.getByRole("button", { name: "Apply points" }).click();
  await expectText(p, "Weights set from the points.");
}

describe("team weights in the preview", () => {
  test("three reviewers set their own weights; the team weights and consensus appear; Weights and Results follow", async () => {
    const { page, p } = await site.open("?examples&tab=team");
    await switchToTeamScoring(page, "Ana");

    await openFeature(page, "Weights");
    for (const [name, points] of PANEL) {
      await becomeReviewer(page, name);
      await expectText(p, `Setting ${name}'s own weights`);
      await givePoints(page, points);
    }
    await expectText(p, "3 reviewers have set weights of their own: Ana, Bea, Cy.");

    await p.getByRole("combobox", { name: "The scorecard's weights" }).selectOption("mean");
    await expectText(p, "The scorecard's weights now come from the reviewers' (mean).");
    const raw = PANEL.map(([, w]) => w);
    const team = groupWeights(raw);
    const consensus = weightsConsensus(raw);
    await expectText(
      p,
      `Consensus S* = ${(consensus * 100).toFixed(1)}% (${consensusWord(consensus)}, general form)`,
    );
    const distances = reviewerDisagreement(raw, team, IDS);
    await expectText(p, `Bea: ${distances[1].distance.toFixed(1)} points of 100 from the team`);
    const teamTable = p.getByRole("table", { name: "Team weights and mine" });
    await expectText(teamTable, `${NAMES[3]}${(team[3] * 100).toFixed(1)}%60.0%`);

    // The Weights sheet: normalized weights are the team's; the block shows each reviewer's.
    await showSheet(page, "Weights");
    for (const k of IDS.keys())
      await eventually(
        `normalized weight of ${IDS[k]}`,
        () => cellText(page, `E${k + 2}`),
        (v) => v === `${(team[k] * 100).toFixed(1)}%`,
      );
    // The block's columns: criterion id, team weight, then each reviewer (Bea is the second).
    const bea = columnLetter(TEAM_BLOCK.column + 3);
    expect(await cellText(page, `${bea}1`)).toBe("Bea");
    expect(await cellText(page, `${bea}5`)).toBe("40.0%");

    // The Scorecard and the Results follow the team weights.
    const results = scoreAgreements({
      criteria: IDS.map((id, k) => ({ id, weight: team[k] })),
      scale: { min: 1, max: 5 },
      agreements: exampleAgreements(),
      missing: "exclude",
    });
    await showSheet(page, "Scorecard");
    for (const r of results.filter((x) => x.score !== null)) {
      await expectGridValue(page, "Weighted score", r.id, r.score!.toFixed(2));
      await expectGridValue(page, "Rank", r.id, String(r.rank));
    }
    const leader = results.find((r) => r.rank === 1)!;
    const leaderName = exampleAgreements().find((a) => a.id === leader.id)!.name;
    await openFeature(page, "Results");
    const ranking = p.getByRole("list", { name: "Ranking" }).getByRole("listitem");
    await expectText(
      ranking.first(),
      new RegExp(`Rank 1.*${leaderName.replace(/[()]/g, "\\$&")}.*${leader.score!.toFixed(2)}`),
    );

    // Which ranks hold across the panel's views.
    await openFeature(page, "Weights");
    await p.getByRole("button", { name: "Show which ranks hold" }).click();
    await expectText(p.getByRole("table", { name: "Ranks across the panel's views" }), leaderName);
  });
});
