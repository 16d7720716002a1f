import { ahpWeights } from "../../src/scoring/ahp";
import { groupAhp, groupWeights, reviewerDisagreement } from "../../src/scoring/groupWeights";
import * as scoring from "../../src/scoring";
import { scoringErrorOf } from "./scoringErrorOf";

/** Criterion `top` judged x times as important as each other criterion; the others judged equal. */
function oneOverOthers(n: number, top: number, x: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === top && j !== top ? x : j === top && i !== top ? 1 / x : 1)),
  );
}

describe("groupAhp: Goepel's published test cases (IJAHP 2018, §9)", () => {
  it.each([2, 3, 4, 5])(
    "%i reviewers each judging a different one of as many criteria 9 times as important: consensus 0",
    (n) => {
      const matrices = Array.from({ length: n }, (_, top) => oneOverOthers(n, top, 9));
      const result = groupAhp(matrices);
      // Eq. 41: one criterion x times as important as all others gets x / (x + n − 1).
      result.reviewers.forEach((reviewer, top) => expect(reviewer.weights[top]).toBeCloseTo(9 / (n + 8), 12));
      // Each pair (i, j) is 9 for one reviewer, 1/9 for another and 1 for the rest: the mean is 1.
      result.matrix.forEach((row) => row.forEach((a) => expect(a).toBeCloseTo(1, 12)));
      result.weights.forEach((w) => expect(w).toBeCloseTo(1 / n, 12));
      expect(result.cr).toBeCloseTo(0, 12);
      expect(result.consensus).toBeCloseTo(0, 12);
    },
  );

  it("eq. 41: four criteria, one 9 times as important as all others, gives it 75 %", () => {
    expect(groupAhp([oneOverOthers(4, 0, 9)]).weights[0]).toBeCloseTo(0.75, 12);
  });
});

describe("groupAhp: aggregation of individual judgments", () => {
  // Three inconsistent reviewers. Expected values below come from an independent numpy computation
  // (np.linalg.eig of the element-wise geometric mean, and of each reviewer's matrix).
  const threeReviewers = [
    [
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ],
    [
      [1, 1 / 2, 3],
      [2, 1, 4],
      [1 / 3, 1 / 4, 1],
    ],
    [
      [1, 2, 1 / 2],
      [1 / 2, 1, 1 / 3],
      [2, 3, 1],
    ],
  ];
  const consistent = [
    [1, 2, 4],
    [1 / 2, 1, 2],
    [1 / 4, 1 / 2, 1],
  ];

  it("identical judgments give that matrix, its weights and CR, and consensus 1", () => {
    const inconsistent = [
      [1, 3, 1 / 2],
      [1 / 3, 1, 4],
      [2, 1 / 4, 1],
    ];
    const single = ahpWeights(inconsistent);
    const result = groupAhp([inconsistent, inconsistent, inconsistent]);
    result.matrix.forEach((row, i) => row.forEach((a, j) => expect(a).toBeCloseTo(inconsistent[i][j], 12)));
    result.weights.forEach((w, j) => expect(w).toBeCloseTo(single.weights[j], 12));
    expect(result.lambdaMax).toBeCloseTo(single.lambdaMax, 10);
    expect(result.cr).toBeCloseTo(single.cr, 10);
    expect(result.cr).toBeGreaterThan(0.1);
    expect(result.consensus).toBeCloseTo(1, 12);
    expect(result.reviewers).toHaveLength(3);
  });

  it("takes the element-wise geometric mean, keeps it reciprocal, and reports each reviewer", () => {
    const result = groupAhp(threeReviewers);
    expect(result.matrix[0][1]).toBeCloseTo(Math.cbrt(3), 12);
    expect(result.matrix[0][2]).toBeCloseTo(Math.cbrt(7.5), 12);
    expect(result.matrix[1][2]).toBeCloseTo(Math.cbrt(8 / 3), 12);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(result.matrix[i][j] * result.matrix[j][i]).toBeCloseTo(1, 15);
    [0.4533967497652563, 0.31663016473888306, 0.2299730854958606].forEach((w, j) =>
      expect(result.weights[j]).toBeCloseTo(w, 10),
    );
    expect(result.lambdaMax).toBeCloseTo(3.0000514226982666, 9);
    expect(result.cr).toBeCloseTo(4.432991229882274e-5, 9);
    expect(result.consensus).toBeCloseTo(0.6631355720758242, 10);
    expect(result.reviewers[0].weights[0]).toBeCloseTo(0.6483290138222366, 10);
    expect(result.reviewers[2].weights[2]).toBeCloseTo(0.5396145502210749, 10);
  });

  it("importance moves the aggregate towards the heavier reviewer", () => {
    const a = [
      [1, 3],
      [1 / 3, 1],
    ];
    const b = [
      [1, 1 / 3],
      [3, 1],
    ];
    expect(groupAhp([a, b]).weights[0]).toBeCloseTo(0.5, 12);
    // By hand: a_12 = 3^(3/4) · (1/3)^(1/4) = √3, so w_1 = √3 / (1 + √3).
    const weighted = groupAhp([a, b], { importance: [3, 1] });
    expect(weighted.matrix[0][1]).toBeCloseTo(Math.sqrt(3), 12);
    expect(weighted.weights[0]).toBeCloseTo(Math.sqrt(3) / (1 + Math.sqrt(3)), 12);
    // Doubling the first reviewer's importance moves w_1 towards that reviewer's 0.648.
    const heavier = groupAhp(threeReviewers, { importance: [2, 1, 1] });
    expect(heavier.weights[0]).toBeCloseTo(0.503721168246628, 10);
    expect(heavier.consensus).toBeCloseTo(0.695027312502329, 10);
  });

  it("a reviewer of importance 0 does not move the aggregate", () => {
    const opposite = [
      [1, 1 / 4, 1 / 2],
      [4, 1, 2],
      [2, 1 / 2, 1],
    ];
    const result = groupAhp([consistent, opposite], { importance: [1, 0] });
    result.weights.forEach((w, j) => expect(w).toBeCloseTo([4 / 7, 2 / 7, 1 / 7][j], 12));
    expect(result.consensus).toBeCloseTo(1, 12);
  });

  it("two opposite reviewers have a low consensus (hand computation)", () => {
    // w = (3/4, 1/4) and (1/4, 3/4). Hα = −(¾ ln ¾ + ¼ ln ¼) = 0.5623351, Hγ = ln 2, Hβ = 0.1308120,
    // 1/Dβ = 0.8773828. Hαmin(n = 2, M = 9) = H(0.9, 0.1) = 0.3250830, so 1/cor = e^0.3250830 / 2 =
    // 0.6920727 and S* = (0.8773828 − 0.6920727) / (1 − 0.6920727) = 0.6017978.
    const result = groupAhp([
      [
        [1, 3],
        [1 / 3, 1],
      ],
      [
        [1, 1 / 3],
        [3, 1],
      ],
    ]);
    expect(result.consensus).toBeCloseTo(0.6017978, 6);
  });
});

describe("groupAhp: bad input names the reviewer and the cell", () => {
  const good = [
    [1, 2],
    [1 / 2, 1],
  ];

  it("refuses an empty panel", () => {
    expect(scoringErrorOf(() => groupAhp([]), "InvalidArgument").message).toContain("at least one reviewer");
  });

  it("refuses matrices of different sizes", () => {
    const error = scoringErrorOf(
      () =>
        groupAhp([
          good,
          [
            [1, 2, 3],
            [1 / 2, 1, 2],
            [1 / 3, 1 / 2, 1],
          ],
        ]),
      "InvalidMatrix",
    );
    expect(error.message).toContain(
      "Reviewer 2's comparison matrix covers 3 criteria but reviewer 1's covers 2",
    );
    expect(error.place.index).toBe(1);
  });

  it("refuses a non-reciprocal judgment, naming reviewer, row and column", () => {
    const error = scoringErrorOf(
      () =>
        groupAhp([
          good,
          [
            [1, 2],
            [2, 1],
          ],
        ]),
      "InvalidMatrix",
    );
    expect(error.message).toMatch(
      /^Reviewer 2: The judgment in row 2, column 1 is 2 but must be the reciprocal/,
    );
    expect(error.place).toEqual({ index: 1, cell: [1, 0] });
  });

  it.each([NaN, 0, -3, Infinity])("refuses the judgment %p", (value) => {
    const error = scoringErrorOf(
      () =>
        groupAhp([
          [
            [1, value],
            [1 / 2, 1],
          ],
        ]),
      "InvalidMatrix",
    );
    expect(error.message).toContain("Reviewer 1: The judgment in row 1, column 2");
    expect(error.place).toEqual({ index: 0, cell: [0, 1] });
  });

  it("refuses a reviewer without a matrix", () => {
    const error = scoringErrorOf(() => groupAhp([good, null as unknown as number[][]]), "InvalidMatrix");
    expect(error.message).toContain("Reviewer 2 has no comparison matrix");
  });

  it.each([
    [[1], "Got 1 importance values for 2 reviewers"],
    [[1, -1], "importance of reviewer 2 is -1"],
    [[NaN, 1], "importance of reviewer 1 is NaN"],
    [[0, 0], "Every reviewer's importance is 0"],
  ])("refuses importance %p", (importance, message) => {
    const error = scoringErrorOf(() => groupAhp([good, good], { importance }), "InvalidArgument");
    expect(error.message).toContain(message);
  });
});

describe("groupWeights", () => {
  const panel = [
    [5, 3, 2],
    [0.2, 0.2, 0.6],
    [1, 0, 1],
  ];

  it("mean: normalizes each reviewer first, then averages", () => {
    // Normalized: (0.5, 0.3, 0.2), (0.2, 0.2, 0.6), (0.5, 0, 0.5).
    const team = groupWeights(panel);
    [1.2 / 3, 0.5 / 3, 1.3 / 3].forEach((w, j) => expect(team[j]).toBeCloseTo(w, 12));
    expect(groupWeights(panel, { method: "mean" })).toEqual(team);
  });

  it("mean with importance weighs the reviewers", () => {
    const team = groupWeights(panel, { importance: [2, 1, 1] });
    [0.425, 0.2, 0.375].forEach((w, j) => expect(team[j]).toBeCloseTo(w, 12));
  });

  it("median: per criterion, then renormalized", () => {
    // Medians 0.5, 0.2, 0.5 sum to 1.2.
    const team = groupWeights(panel, { method: "median" });
    [0.5 / 1.2, 0.2 / 1.2, 0.5 / 1.2].forEach((w, j) => expect(team[j]).toBeCloseTo(w, 12));
  });

  it("median of an even panel averages the middle two; weighted median follows importance", () => {
    const even = [
      [0.1, 0.9],
      [0.3, 0.7],
      [0.6, 0.4],
      [0.8, 0.2],
    ];
    // Medians (0.45, 0.55): already sum to 1.
    const team = groupWeights(even, { method: "median" });
    expect(team[0]).toBeCloseTo(0.45, 12);
    expect(team[1]).toBeCloseTo(0.55, 12);
    // Importance 1, 1, 1, 3: the last reviewer holds half, so the median of criterion 1 sits between
    // 0.6 and 0.8 (0.7) and of criterion 2 between 0.2 and 0.4 (0.3).
    const weighted = groupWeights(even, { method: "median", importance: [1, 1, 1, 3] });
    expect(weighted[0]).toBeCloseTo(0.7, 12);
    expect(weighted[1]).toBeCloseTo(0.3, 12);
    // Importance 1, 1, 1, 4: more than half, so the last reviewer's weights are the median.
    const heavier = groupWeights(even, { method: "median", importance: [1, 1, 1, 4] });
    expect(heavier[0]).toBeCloseTo(0.8, 12);
  });

  it("a reviewer of importance 0 is left out of the median", () => {
    const team = groupWeights(
      [
        [0.9, 0.1],
        [0.2, 0.8],
        [0.4, 0.6],
      ],
      { method: "median", importance: [0, 1, 1] },
    );
    expect(team[0]).toBeCloseTo(0.3, 12);
  });

  it("one reviewer's weights come back normalized, whatever the method", () => {
    expect(groupWeights([[2, 6]], { method: "median" })).toEqual([0.25, 0.75]);
    expect(groupWeights([[2, 6]])).toEqual([0.25, 0.75]);
  });

  it("refuses medians that are all 0 rather than inventing weights", () => {
    const error = scoringErrorOf(
      () =>
        groupWeights(
          [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          { method: "median" },
        ),
      "AllWeightsZero",
    );
    expect(error.message).toContain("use the mean");
  });

  it("refuses an unknown method, an empty panel and ragged or invalid weights, naming the reviewer", () => {
    const method = "mode" as unknown as "mean";
    expect(scoringErrorOf(() => groupWeights(panel, { method }), "InvalidArgument").message).toContain(
      '"mode"',
    );
    expect(scoringErrorOf(() => groupWeights([]), "InvalidArgument").message).toContain(
      "at least one reviewer",
    );
    const ragged = scoringErrorOf(() => groupWeights([[1, 2], [1]]), "InvalidArgument");
    expect(ragged.message).toContain("Reviewer 2 has 1 weights but there are 2 criteria");
    expect(ragged.place.index).toBe(1);
    const negative = scoringErrorOf(
      () =>
        groupWeights(
          [
            [1, 2],
            [1, -2],
          ],
          { criterionIds: ["reach", "cost"] },
        ),
      "InvalidWeight",
    );
    expect(negative.message).toMatch(/^Reviewer 2: Weight 2 of 2 \(criterion "cost"\) is -2/);
    expect(negative.place).toEqual({ index: 1, criterionId: "cost" });
    const nan = scoringErrorOf(() => groupWeights([[NaN, 1]]), "InvalidWeight");
    expect(nan.message).toContain("Reviewer 1: Weight 1 of 2");
    expect(scoringErrorOf(() => groupWeights([[0, 0]]), "AllWeightsZero").message).toContain("Reviewer 1:");
    expect(
      scoringErrorOf(() => groupWeights([[1, 2]], { importance: [-1] }), "InvalidArgument").message,
    ).toContain("importance of reviewer 1 is -1");
  });
});

describe("reviewerDisagreement", () => {
  const ids = ["reach", "cost", "risk"];
  const team = [0.5, 0.3, 0.2];

  it("gives each reviewer's distance in points out of 100 and the criteria by largest gap", () => {
    const [same, other] = reviewerDisagreement([team, [2, 6, 2]], team, ids);
    expect(same.reviewer).toBe(0);
    expect(same.distance).toBeCloseTo(0, 12);
    // (0.2, 0.6, 0.2) against (0.5, 0.3, 0.2): −30, +30, 0 points; 30 points to move.
    expect(other.reviewer).toBe(1);
    expect(other.distance).toBeCloseTo(30, 10);
    expect(other.criteria.map((c) => c.criterionId)).toEqual(["reach", "cost", "risk"]);
    expect(other.criteria[0]).toMatchObject({ criterionId: "reach", index: 0, teamWeight: 0.5 });
    expect(other.criteria[0].reviewerWeight).toBeCloseTo(0.2, 12);
    expect(other.criteria[0].difference).toBeCloseTo(-30, 10);
    expect(other.criteria[1].difference).toBeCloseTo(30, 10);
    expect(other.criteria[2].difference).toBeCloseTo(0, 10);
  });

  it("sorts by the size of the gap, not its sign or position", () => {
    const [result] = reviewerDisagreement([[0.45, 0.1, 0.45]], team, ids);
    // Gaps: −5, −20, +25.
    expect(result.criteria.map((c) => c.criterionId)).toEqual(["risk", "cost", "reach"]);
    expect(result.distance).toBeCloseTo(25, 10);
  });

  it("reaches 100 only for reviewers with nothing in common with the team", () => {
    const [result] = reviewerDisagreement([[0, 0, 1]], [1, 0, 0], ids);
    expect(result.distance).toBeCloseTo(100, 12);
  });

  it("refuses ids that do not match the weights, and bad weights, naming the place", () => {
    expect(
      scoringErrorOf(() => reviewerDisagreement([team], team, ["reach"]), "InvalidArgument").message,
    ).toContain("Got 1 criterion ids for 3 team weights");
    expect(
      scoringErrorOf(() => reviewerDisagreement([[1, 2]], team, ids), "InvalidArgument").message,
    ).toContain("Reviewer 1 has 2 weights but there are 3 criteria");
    expect(
      scoringErrorOf(() => reviewerDisagreement([team], [0.5, -0.3, 0.2], ids), "InvalidWeight").message,
    ).toContain('criterion "cost"');
  });
});

describe("public surface (src/scoring/index.ts)", () => {
  it("groupAhp answers { matrix, weights, lambdaMax, ci, cr, consensus } and groupWeights a normalized vector", () => {
    const result = scoring.groupAhp([
      [
        [1, 2],
        [1 / 2, 1],
      ],
    ]);
    expect(Object.keys(result).sort()).toEqual([
      "ci",
      "consensus",
      "cr",
      "lambdaMax",
      "matrix",
      "reviewers",
      "weights",
    ]);
    expect(result.weights[0]).toBeCloseTo(2 / 3, 12);
    expect(scoring.groupWeights([[1, 3]], { method: "median" })).toEqual([0.25, 0.75]);
    expect(scoring.consensusWord(scoring.weightsConsensus([[1, 3]]))).toBe("very high");
    expect(typeof scoring.reviewerDisagreement).toBe("function");
    expect(typeof scoring.panelSmaa).toBe("function");
  });
});
