import { rankOrderCentroid } from "../../src/scoring/weights";
import type { Indicator, IndicatorTree } from "../../src/scoring/indicatorTree";
import {
  globalWeights,
  localWeights,
  type IndicatorNode,
  type LocalWeighting,
} from "../../src/scoring/indicatorWeights";

import { indicatorErrorOf } from "./indicatorErrors";

const indicators = (weights: readonly number[]): Indicator[] =>
  weights.map((localWeight, k) => ({ id: `ind_${k + 1}`, name: `Indicator ${k + 1}`, localWeight }));

const NODE: IndicatorNode = { criterionId: "threat_response", indicators: indicators([5, 3, 2]) };

describe("localWeights: every method of the Weights tab at one node", () => {
  it("direct: the indicators' own local weights, normalized", () => {
    expect(localWeights(NODE).weights).toEqual([0.5, 0.3, 0.2]);
    expect(localWeights(NODE, { method: "direct" })).toEqual({
      criterionId: "threat_response",
      weights: [0.5, 0.3, 0.2],
    });
  });

  it("points: weights follow the points' ratios, with what is left of 100", () => {
    const result = localWeights(NODE, { method: "points", points: [30, 30, 30] });
    result.weights.forEach((w) => expect(w).toBeCloseTo(1 / 3, 15));
    expect(result.points).toEqual({ total: 90, remaining: 10, balanced: false });
    expect(localWeights(NODE, { method: "points", points: [50, 30, 20] }).points?.balanced).toBe(true);
  });

  it("rank: rank-order centroid weights, ties sharing", () => {
    expect(localWeights(NODE, { method: "rank", ranks: [2, 1, 3] }).weights).toEqual([
      rankOrderCentroid(3)[1],
      rankOrderCentroid(3)[0],
      rankOrderCentroid(3)[2],
    ]);
    const tied = localWeights(NODE, { method: "rank", ranks: [1, 1, 3] }).weights;
    expect(tied[0]).toBe(tied[1]);
    expect(tied[0] + tied[1] + tied[2]).toBeCloseTo(1, 15);
  });

  it("pairwise: the AHP eigenvector with its consistency ratio", () => {
    // a_12 = 2, a_13 = 4, a_23 = 2 is consistent: weights 4/7, 2/7, 1/7, CR 0.
    const consistent = localWeights(NODE, {
      method: "pairwise",
      judgments: [
        { i: 0, j: 1, value: 2 },
        { i: 0, j: 2, value: 4 },
        { i: 1, j: 2, value: 2 },
      ],
    });
    [4 / 7, 2 / 7, 1 / 7].forEach((w, k) => expect(consistent.weights[k]).toBeCloseTo(w, 12));
    expect(consistent.consistency?.cr).toBeCloseTo(0, 12);
    expect(consistent.consistency?.consistent).toBe(true);
    // Circular judgments (1 over 2, 2 over 3, 3 over 1) are inconsistent and name a pair to revisit.
    const circular = localWeights(NODE, {
      method: "pairwise",
      judgments: [
        { i: 0, j: 1, value: 3 },
        { i: 0, j: 2, value: 1 / 3 },
        { i: 1, j: 2, value: 3 },
      ],
    });
    expect(circular.consistency?.consistent).toBe(false);
    expect(circular.consistency!.cr).toBeGreaterThan(0.1);
    expect(circular.consistency!.judgmentsToReview.length).toBeGreaterThan(0);
  });

  it("names the criterion and the indicator in errors from the methods", () => {
    const negative = indicatorErrorOf(() => localWeights(NODE, { method: "points", points: [10, -1, 5] }));
    expect(negative.message).toMatch(
      /^Criterion "threat_response", indicator 2 \("ind_2"\): Points 2 of 3 is -1, which is negative/,
    );
    expect(negative.place).toMatchObject({ criterionId: "threat_response", indicatorId: "ind_2", index: 1 });
    const rank = indicatorErrorOf(() => localWeights(NODE, { method: "rank", ranks: [1, 7, 2] }));
    expect(rank.message).toMatch(/indicator 2 \("ind_2"\): Rank 2 of 3 is 7; enter a whole number from 1/);
    const unjudged = indicatorErrorOf(() =>
      localWeights(NODE, {
        method: "pairwise",
        judgments: [
          { i: 0, j: 1, value: 3 },
          { i: 0, j: 2, value: 2 },
        ],
      }),
    );
    expect(unjudged.message).toMatch(
      /^Criterion "threat_response", indicators 2 \("ind_2"\) and 3 \("ind_3"\): Indicator 2 has not been compared with indicator 3/,
    );
    expect(unjudged.place.cell).toEqual([1, 2]);
    const zero = indicatorErrorOf(() => localWeights({ ...NODE, indicators: indicators([0, 0, 0]) }));
    expect(zero.code).toBe("AllWeightsZero");
    expect(zero.message).toMatch(/its indicators: All 3 weights are zero/);
  });

  it("refuses a count that does not match the indicators, an empty node and an unknown method", () => {
    expect(
      indicatorErrorOf(() => localWeights(NODE, { method: "points", points: [50, 50] })).message,
    ).toMatch(/has 3 indicators but 2 points were given; give one per indicator/);
    expect(
      indicatorErrorOf(() => localWeights(NODE, { method: "rank", ranks: [1, 2, 3, 4] })).message,
    ).toMatch(/but 4 ranks were given/);
    expect(indicatorErrorOf(() => localWeights({ criterionId: "c", indicators: [] })).message).toMatch(
      /Criterion "c" has no indicators to weight/,
    );
    const unknown = { method: "equal" } as unknown as LocalWeighting;
    expect(indicatorErrorOf(() => localWeights(NODE, unknown)).message).toMatch(
      /Weighting method "equal" is unknown/,
    );
  });
});

describe("globalWeights", () => {
  const criteria = [
    { id: "operational_efficiency", weight: 60 },
    { id: "threat_response", weight: 40 },
  ];
  const tree: IndicatorTree = { operational_efficiency: indicators([5, 3, 2]) };

  it("multiplies each criterion's weight by its indicators' local weights; direct criteria are leaves", () => {
    const global = globalWeights(criteria, tree);
    expect(global.criteria).toEqual([
      { criterionId: "operational_efficiency", weight: 0.6 },
      { criterionId: "threat_response", weight: 0.4 },
    ]);
    expect(global.leaves.map((leaf) => [leaf.criterionId, leaf.indicatorId])).toEqual([
      ["operational_efficiency", "ind_1"],
      ["operational_efficiency", "ind_2"],
      ["operational_efficiency", "ind_3"],
      ["threat_response", null],
    ]);
    [0.3, 0.18, 0.12, 0.4].forEach((w, k) => expect(global.leaves[k].weight).toBeCloseTo(w, 15));
  });

  it("gives the criterion weights themselves when no criterion has indicators", () => {
    expect(globalWeights(criteria, {}).leaves).toEqual([
      { criterionId: "operational_efficiency", indicatorId: null, weight: 0.6 },
      { criterionId: "threat_response", indicatorId: null, weight: 0.4 },
    ]);
  });

  it("reports bad criteria, trees and local weights", () => {
    expect(indicatorErrorOf(() => globalWeights([{ id: "a", weight: -1 }], {})).code).toBe("InvalidWeight");
    expect(
      indicatorErrorOf(() =>
        globalWeights(
          [
            { id: "a", weight: 1 },
            { id: "a", weight: 1 },
          ],
          {},
        ),
      ).code,
    ).toBe("DuplicateId");
    expect(indicatorErrorOf(() => globalWeights(criteria, { cyber: indicators([1]) })).code).toBe(
      "UnknownCriterion",
    );
    const negative = indicatorErrorOf(() =>
      globalWeights(criteria, { threat_response: indicators([1, Infinity]) }),
    );
    expect(negative.message).toMatch(
      /^Criterion "threat_response", indicator 2 \("ind_2"\): Weight 2 of 2 is Infinity/,
    );
  });
});
