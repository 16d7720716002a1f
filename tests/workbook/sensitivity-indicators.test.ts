/**
 * The Sensitivity sheet at both levels (issue 16): on a two-level scorecard, central weights and
 * one-at-a-time rows per indicator on the global weights beside the per-criterion figures, each
 * block labelled with its level; a flat scorecard's sheet exactly as it was before indicators.
 */
import { readFileSync } from "fs";
import { oneAtATime, rankChanges, smaa, type OneAtATimeResult, type SmaaResult } from "../../src/scoring";
import { withOneAtATime } from "../../src/workbook/plans/sensitivityRun";
import {
  NEVER_FIRST,
  SENSITIVITY_CHART,
  writeSensitivity,
  type SensitivityRun,
} from "../../src/workbook/sensitivity/writeSensitivity";
import { criterionSensitivityInput, sensitivityInput } from "../../src/taskpane/sensitivity/inputs";
import { centralWeightsByCriterion, sensitivityLeaves } from "../../src/taskpane/sensitivity/leaves";
import { columnLetter } from "../../src/workbook/contract/addresses";
import type { ScorecardData } from "../../src/workbook/model";
import { newScorecard } from "./scorecardFixture";
import {
  addThreatIndicators,
  readNow,
  scoreEveryIndicator,
  twoLevelScorecard,
  typeCells,
} from "./indicator-support";

type Sim = Awaited<ReturnType<typeof newScorecard>>["sim"];

const AT = new Date("2026-11-23T12:00:00Z");

/** What the pane writes for a run over the leaves (intents/results.ts): both levels, both intervals. */
function twoLevelRun(data: ScorecardData, result: SmaaResult, ids: string[]): SensitivityRun {
  const leaves = sensitivityLeaves(data.config);
  const byCriterion = centralWeightsByCriterion(
    result.centralWeights,
    leaves,
    data.config.criteria.map((c) => c.id),
  );
  return withOneAtATime(
    {
      agreementIds: ids,
      smaa: { ...result, centralWeights: byCriterion },
      sampling: "uniform on the simplex",
      at: AT,
      leaves: { names: leaves.map((leaf) => leaf.name), centralWeights: result.centralWeights },
    },
    criterionSensitivityInput(data),
    sensitivityInput(data),
  );
}

/** The rows of a block from `top` (1-based) down, `width` columns from A. */
const rowsAt = (sim: Sim, top: number, height: number, width: number) =>
  sim.inspect.values("Sensitivity", `A${top}:${columnLetter(width - 1)}${top + height - 1}`);

/** A block's central weights (or NEVER_FIRST) equal the run's, agreement by agreement. */
function expectCentral(rows: unknown[][], weights: number[][], result: SmaaResult) {
  rows.forEach((row, i) => {
    const first = result.rankAcceptability[i][0] > 0;
    if (!first) return expect(row.slice(1, 2)).toEqual([NEVER_FIRST]);
    row.slice(1).forEach((w, k) => expect(w).toBeCloseTo(weights[i][k], 12));
  });
}

/** A one-at-a-time block: its label, a row per name in order, and the model's intervals. */
function expectOat(rows: unknown[][], label: string, names: string[], oat: OneAtATimeResult) {
  expect(rows[0]).toEqual([label, "Current weight", "Leader stays first from", "to", "Rank swaps"]);
  expect(rows.slice(1).map((r) => r[0])).toEqual(names);
  rows.slice(1).forEach((r, k) => {
    expect(r[1]).toBeCloseTo(oat.criteria[k].current, 12);
    expect(r[2]).toBeCloseTo(oat.criteria[k].leaderInterval.lo, 12);
    expect(r[3]).toBeCloseTo(oat.criteria[k].leaderInterval.hi, 12);
    expect(r[4]).toBe(rankChanges(oat.criteria[k]).length);
  });
}

describe("the Sensitivity sheet of a two-level scorecard", () => {
  it("writes central weights and one-at-a-time rows per indicator beside those per criterion, each block labelled", async () => {
    const { sim, run } = await twoLevelScorecard();
    // A second criterion with indicators: more leaves than the acceptability table has columns.
    await addThreatIndicators(run);
    await scoreEveryIndicator(run);
    const data = await readNow(run);
    const input = sensitivityInput(data);
    const result = smaa({ scores: input.scores, samples: 1500, seed: 5 });
    const written = twoLevelRun(data, result, input.ids);
    await writeSensitivity(run, data, written);

    const n = input.ids.length;
    const criteria = data.config.criteria;
    const leaves = input.criterionNames;
    expect(leaves).toHaveLength(7);
    // Settings (7 rows), a blank row, the acceptabilities (n + 1 rows), a blank row.
    const centralTop = 7 + 1 + n + 1 + 1 + 1;
    const byCriterion = rowsAt(sim, centralTop, n + 1, criteria.length + 1);
    expect(byCriterion[0]).toEqual(["Central weights by criterion", ...criteria.map((c) => c.name)]);
    expectCentral(byCriterion.slice(1), written.smaa.centralWeights, result);

    const leafTop = centralTop + n + 2;
    const byLeaf = rowsAt(sim, leafTop, n + 1, leaves.length + 1);
    expect(byLeaf[0]).toEqual(["Central weights by indicator (global weights)", ...leaves]);
    expectCentral(byLeaf.slice(1), result.centralWeights, result);
    // The three indicators' central weights add up to their criterion's.
    byLeaf.slice(1).forEach((row, i) => {
      if (typeof row[1] !== "number") return;
      const sum = (row.slice(1, 4) as number[]).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(byCriterion[i + 1][1] as number, 12);
    });

    const oatTop = leafTop + n + 2;
    const perCriterion = oneAtATime({
      weights: criterionSensitivityInput(data).weights,
      scores: criterionSensitivityInput(data).scores,
    });
    expectOat(
      rowsAt(sim, oatTop, criteria.length + 1, 5),
      "Criterion",
      criteria.map((c) => c.name),
      perCriterion,
    );

    const leafOatTop = oatTop + criteria.length + 2;
    const perLeaf = oneAtATime({ weights: input.weights, scores: input.scores });
    const leafOat = rowsAt(sim, leafOatTop, leaves.length + 1, 5);
    expectOat(leafOat, "Indicator (global weight)", leaves, perLeaf);
    // The current weight is the leaf's global weight.
    leafOat.slice(1).forEach((r, k) => expect(r[1]).toBeCloseTo(input.weights[k], 12));
    // Shown as percents, as the per-criterion tables are.
    expect(sim.inspect.texts("Sensitivity", `B${leafOatTop + 1}`)[0][0]).toMatch(/%$/);
    expect(
      sim.inspect
        .texts("Sensitivity", `B${leafTop + 1}:B${leafTop + n}`)
        .flat()
        .some((t) => /%$/.test(String(t))),
    ).toBe(true);
    // Nothing below the last block.
    expect(
      rowsAt(sim, leafOatTop + leaves.length + 1, 3, 8)
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
    // The chart sits right of the widest table, the central weights per indicator.
    const chart = sim.inspect.charts("Sensitivity").find((c) => c.name === SENSITIVITY_CHART)!;
    const widest = leaves.length + 1;
    expect(widest).toBeGreaterThan(7);
    expect(chart.position.left).toBe(sim.inspect.columnWidth("Sensitivity", "A") + widest * 48);
  });

  it("writes only the intervals that cover the run's agreements, the blocks closing up", async () => {
    const { sim, run } = await twoLevelScorecard("renormalize");
    await scoreEveryIndicator(run);
    const scored = await readNow(run);
    // One indicator left blank: the criterion still has a score, but that agreement has no score on
    // every leaf, so the run over the leaves leaves it out and the per-criterion intervals do not fit.
    const [g] = scored.columns.indicators!.map((c) => c.column);
    await typeCells(run, { [`${g}${scored.rows[0]}`]: "" });
    const data = await readNow(run);
    const input = sensitivityInput(data);
    expect(input.leftOut).toEqual([data.agreements[0].name]);
    const result = smaa({ scores: input.scores, samples: 500, seed: 9 });
    const written = twoLevelRun(data, result, input.ids);
    expect(written.oneAtATime).toBeUndefined();
    expect(written.leaves!.oneAtATime).toBeDefined();
    await writeSensitivity(run, data, written);
    const n = input.ids.length;
    const leafTop = 7 + 1 + n + 1 + 1 + 1 + n + 2;
    expect(sim.inspect.values("Sensitivity", `A${leafTop + n + 2}`)[0][0]).toBe("Indicator (global weight)");
  });
});

describe("the Sensitivity sheet of a flat scorecard", () => {
  it("is exactly the sheet written before indicators existed", async () => {
    // Captured from the writer as it was before issue 16's indicator level (commit 1dd0e55).
    const golden = JSON.parse(readFileSync(`${__dirname}/../fixtures/sensitivity-flat.json`, "utf8"));
    const { sim, run, data } = await newScorecard();
    await writeSensitivity(run, data, { ...golden.input, at: new Date(golden.input.at) });
    const used = sim.inspect.usedRange("Sensitivity")!;
    expect(used).toBe(golden.sheet.usedRange);
    expect(sim.inspect.formulas("Sensitivity", used)).toEqual(golden.sheet.formulas);
    expect(sim.inspect.texts("Sensitivity", used)).toEqual(golden.sheet.texts);
    expect(sim.inspect.columnWidth("Sensitivity", "A")).toBe(golden.sheet.columnWidthA);
    expect(sim.inspect.charts("Sensitivity").map(({ id: _id, ...c }) => c)).toEqual(golden.sheet.charts);
    // No level labels on a flat sheet.
    expect(JSON.stringify(golden.sheet.formulas)).toContain('"Central weights"');
    expect(JSON.stringify(sim.inspect.formulas("Sensitivity", used))).not.toMatch(
      /by criterion|by indicator/,
    );
  });
});
