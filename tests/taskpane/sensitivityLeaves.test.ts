/** The sensitivity analyses on the leaves of a two-level scorecard (issue 16): pure, no DOM. */
import type { MissingPolicy } from "../../src/scoring";
import { ScoringError } from "../../src/scoring/errors";
import { oneAtATime } from "../../src/scoring/sensitivity";
import { smaa } from "../../src/scoring/smaa";
import { criterionSensitivityInput, sensitivityInput } from "../../src/taskpane/sensitivity/inputs";
import { centralWeightsByCriterion, sensitivityLeaves } from "../../src/taskpane/sensitivity/leaves";
import type { ScorecardData } from "../../src/workbook/model";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig, newWorkbook } from "../workbook/helpers";
import {
  CRITERION,
  readNow,
  scoreEveryIndicator,
  twoLevelScorecard,
  typeCells,
} from "../workbook/indicator-support";

/** Σ global weight × normalized score, on the workbook's 0–100 scale. */
const leafScore = (weights: number[], scores: number[]) =>
  100 * weights.reduce((sum, w, k) => sum + w * scores[k], 0);

/** A two-level scorecard with every indicator scored. */
async function scoredTwoLevel(policy: MissingPolicy = "exclude") {
  const { run } = await twoLevelScorecard(policy);
  await scoreEveryIndicator(run);
  return { run, data: await readNow(run) };
}

/**
 * A scored two-level scorecard where agreement 1 misses one indicator score and agreement 2 one
 * score of a criterion scored directly, as a person would leave them empty.
 */
async function withGaps(policy: MissingPolicy) {
  const { run, data } = await scoredTwoLevel(policy);
  const indicatorColumn = data.columns.indicators![1].column;
  const directColumn = data.columns.criteria.find((c) => c.criterionId === "threat_response")!.column;
  await typeCells(run, { [`${indicatorColumn}${data.rows[1]}`]: "", [`${directColumn}${data.rows[2]}`]: "" });
  return readNow(run);
}

describe("sensitivity on the leaves of a two-level scorecard", () => {
  it.each<MissingPolicy>(["exclude", "renormalize", "zero"])(
    "under %s, the leaves' weighted sums are the workbook's Weighted scores",
    async (policy) => {
      const data = await withGaps(policy);
      const input = sensitivityInput(data);
      const gappy = [data.agreements[1].name, data.agreements[2].name];
      if (policy === "zero") expect(input.leftOut).toEqual([]);
      else expect(input.leftOut).toEqual(gappy);
      expect(input.ids).toHaveLength(data.agreements.length - input.leftOut.length);
      input.ids.forEach((id, i) => {
        const row = data.agreements.findIndex((a) => a.id === id);
        expect(data.computed[row].score).not.toBeNull();
        expect(leafScore(input.weights, input.scores[i])).toBeCloseTo(data.computed[row].score!, 8);
      });
      expect(input.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    },
  );

  it("replaces a criterion with indicators by its indicators, named by their Scorecard headers", async () => {
    const { run, data } = await scoredTwoLevel();
    const input = sensitivityInput(data);
    const criterion = data.config.criteria.find((c) => c.id === CRITERION)!;
    const indicatorIds = criterion.indicators!.map((i) => i.id);
    const others = data.config.criteria.filter((c) => c.id !== CRITERION).map((c) => c.id);
    expect(input.onGlobalWeights).toBe(true);
    expect(input.criterionIds).toEqual([...indicatorIds, ...others]);
    // Named as the Scorecard's own header row names the indicators' columns.
    const headers = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Scorecard");
      const cells = indicatorIds.map((id) => {
        const column = data.columns.indicators!.find((c) => c.indicatorId === id)!.column;
        return sheet.getRange(`${column}${data.headerRow}`).load("values");
      });
      await context.sync();
      return cells.map((cell) => cell.values[0][0] as string);
    });
    expect(input.criterionNames.slice(0, 3)).toEqual(headers);
    expect(headers[0]).toContain(criterion.indicators![0].name);
    // Local weights 2/1/1 under the criterion: its leaves share its normalized weight the same way.
    const total = data.config.criteria.reduce((s, c) => s + c.weight, 0);
    expect(input.weights.slice(0, 3).map((w) => w / (criterion.weight / total))).toEqual([
      expect.closeTo(0.5, 12),
      expect.closeTo(0.25, 12),
      expect.closeTo(0.25, 12),
    ]);
    // The indicator's own score, normalized on the scale.
    const { min, max } = data.config.scale;
    const first = data.agreements.findIndex((a) => a.id === input.ids[0]);
    expect(input.scores[0][1]).toBeCloseTo(
      (data.agreements[first].indicatorScores![indicatorIds[1]]! - min) / (max - min),
      12,
    );
  });

  it("one at a time moves each indicator's global weight and names it", async () => {
    const { data } = await scoredTwoLevel();
    const input = sensitivityInput(data);
    const result = oneAtATime(input);
    expect(result.criteria).toHaveLength(input.criterionIds.length);
    const names = result.criteria.map((c) => input.criterionNames[c.criterionIndex]);
    expect(names.filter((n) => n.startsWith(`${data.config.criteria[0].name} / `))).toHaveLength(3);
    result.criteria.forEach((c, k) => expect(c.current).toBeCloseTo(input.weights[k], 12));
  });

  it("SMAA runs over the leaves; summed per criterion, its central weights are the criteria's", async () => {
    const { data } = await scoredTwoLevel();
    const input = sensitivityInput(data);
    const run = smaa({ scores: input.scores, samples: 500, seed: 7, weights: { kind: "uniform" } });
    expect(run.centralWeights.every((row) => row.length === input.criterionIds.length)).toBe(true);
    const leaves = sensitivityLeaves(data.config);
    const criterionIds = data.config.criteria.map((c) => c.id);
    const byCriterion = centralWeightsByCriterion(run.centralWeights, leaves, criterionIds);
    run.centralWeights.forEach((row, i) => {
      expect(byCriterion[i]).toHaveLength(criterionIds.length);
      expect(byCriterion[i][0]).toBeCloseTo(row[0] + row[1] + row[2], 12);
      expect(byCriterion[i].slice(1)).toEqual(row.slice(3));
    });
  });

  it("the criteria's own input keeps one column per criterion, scored as read", async () => {
    const { data } = await scoredTwoLevel();
    const input = criterionSensitivityInput(data);
    expect(input.onGlobalWeights).toBe(false);
    expect(input.criterionIds).toEqual(data.config.criteria.map((c) => c.id));
    expect(input.weights).toEqual(data.config.criteria.map((c) => c.weight));
  });

  it("refuses a criterion whose local weights are all 0, naming it", async () => {
    const { data } = await scoredTwoLevel();
    const criteria = data.config.criteria.map((c) =>
      c.indicators ? { ...c, indicators: c.indicators.map((i) => ({ ...i, localWeight: 0 })) } : c,
    );
    const broken: ScorecardData = { ...data, config: { ...data.config, criteria } };
    expect(() => sensitivityInput(broken)).toThrow(ScoringError);
    expect(() => sensitivityInput(broken)).toThrow(new RegExp(CRITERION));
  });
});

describe("sensitivity on a flat scorecard", () => {
  it("is the criteria with their raw weights and normalized scores, as before", async () => {
    const { run } = newWorkbook();
    await createScorecard(run, {
      config: defaultConfig("exclude", [3, 2, 2, 1]),
      agreements: exampleAgreements(),
    });
    const data = await readNow(run);
    const { criteria, scale } = data.config;
    const input = sensitivityInput(data);
    expect(input).toEqual({
      ids: data.agreements.map((a) => a.id),
      names: data.agreements.map((a) => a.name),
      scores: data.agreements.map((a) =>
        criteria.map((c) => (a.scores[c.id]! - scale.min) / (scale.max - scale.min)),
      ),
      weights: [3, 2, 2, 1],
      criterionIds: criteria.map((c) => c.id),
      criterionNames: criteria.map((c) => c.name),
      onGlobalWeights: false,
      leftOut: [],
    });
    expect(criterionSensitivityInput(data)).toEqual(input);
  });
});
