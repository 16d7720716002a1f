import fc from "fast-check";
import {
  ahpCheck,
  ahpWeights,
  DEFAULT_CR_THRESHOLD,
  inconsistentJudgments,
  MAX_JUDGMENT,
  MAX_PAIRWISE_CRITERIA,
  nearestSaatyValue,
  pairwiseFromUpper,
  RANDOM_INDEX,
  SAATY_SCALE,
  validatePairwiseMatrix,
} from "../../src/scoring/ahp";
import { thrownScoringError } from "./scoringErrorOf";

/** a_ij = w_i / w_j: a perfectly consistent matrix. */
function consistentMatrix(weights: readonly number[]): number[][] {
  return weights.map((wi) => weights.map((wj) => wi / wj));
}

function allOnes(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(1));
}

/** [[1, a, b], [1/a, 1, c], [1/b, 1/c, 1]] */
function threeByThree(a: number, b: number, c: number): number[][] {
  return [
    [1, a, b],
    [1 / a, 1, c],
    [1 / b, 1 / c, 1],
  ];
}

describe("tables", () => {
  it("RANDOM_INDEX is Saaty's table for n = 1..10", () => {
    expect(RANDOM_INDEX).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
    expect(Object.isFrozen(RANDOM_INDEX)).toBe(true);
    expect(MAX_PAIRWISE_CRITERIA).toBe(10);
    expect(DEFAULT_CR_THRESHOLD).toBe(0.1);
  });

  it("SAATY_SCALE runs from 1/9 to 9 through 1, reciprocals included", () => {
    expect(SAATY_SCALE).toHaveLength(17);
    expect(SAATY_SCALE[0]).toBe(1 / 9);
    expect(SAATY_SCALE[8]).toBe(1);
    expect(SAATY_SCALE[16]).toBe(9);
    for (let k = 0; k < 8; k++) expect(SAATY_SCALE[k]).toBe(1 / SAATY_SCALE[16 - k]);
  });
});

describe("ahpWeights", () => {
  it("returns the generating weights of a consistent matrix, with λmax = n and CR = 0", () => {
    const result = ahpWeights(consistentMatrix([5, 3, 2]));
    [0.5, 0.3, 0.2].forEach((w, k) => expect(result.weights[k]).toBeCloseTo(w, 14));
    expect(result.lambdaMax).toBeCloseTo(3, 12);
    expect(result.ci).toBeCloseTo(0, 12);
    expect(result.cr).toBeCloseTo(0, 12);
  });

  it("gives equal weights for an all-ones matrix", () => {
    const result = ahpWeights(allOnes(5));
    result.weights.forEach((w) => expect(w).toBeCloseTo(0.2, 15));
    expect(result.lambdaMax).toBe(5);
    expect(result.cr).toBe(0);
  });

  it("handles one criterion", () => {
    expect(ahpWeights([[1]])).toEqual({ weights: [1], lambdaMax: 1, ci: 0, cr: 0 });
  });

  it("reports CR = 0 for two criteria, whose reciprocal matrices are always consistent", () => {
    const result = ahpWeights([
      [1, 3],
      [1 / 3, 1],
    ]);
    expect(result.weights[0]).toBeCloseTo(0.75, 15);
    expect(result.weights[1]).toBeCloseTo(0.25, 15);
    expect(result.lambdaMax).toBeCloseTo(2, 14);
    expect(result.cr).toBe(0);
  });

  it("matches the closed form of an inconsistent 3 × 3 matrix", () => {
    // For n = 3, λmax = 1 + d^(1/3) + d^(−1/3) with d = a·c/b, and the principal eigenvector equals
    // the normalized row geometric means (Crawford & Williams 1985).
    const [a, b, c] = [3, 5, 3];
    const result = ahpWeights(threeByThree(a, b, c));
    const d = (a * c) / b;
    const lambda = 1 + Math.cbrt(d) + 1 / Math.cbrt(d);
    const means = [Math.cbrt(a * b), Math.cbrt(c / a), Math.cbrt(1 / (b * c))];
    const total = means[0] + means[1] + means[2];
    means.forEach((m, k) => expect(result.weights[k]).toBeCloseTo(m / total, 12));
    expect(result.lambdaMax).toBeCloseTo(lambda, 12);
    expect(result.ci).toBeCloseTo((lambda - 3) / 2, 12);
    expect(result.cr).toBeCloseTo((lambda - 3) / 2 / 0.58, 12);
  });

  it("solves Aw = λw for wildly inconsistent matrices where plain power iteration crawls", () => {
    // Seeded random reciprocal matrices with judgments log-uniform in [1e-3, 1e3]; some of these need
    // over 10 000 plain power-iteration steps to settle to 1e-12.
    const matrices = fc.sample(
      fc.integer({ min: 3, max: 10 }).chain((n) =>
        fc
          .array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n })
          .map((exps) => {
            const m = allOnes(n);
            for (let i = 0; i < n; i++) {
              for (let j = i + 1; j < n; j++) {
                m[i][j] = 10 ** exps[i * n + j];
                m[j][i] = 1 / m[i][j];
              }
            }
            return m;
          }),
      ),
      { seed: 20240601, numRuns: 300 },
    );
    for (const m of matrices) {
      const { weights, lambdaMax } = ahpWeights(m);
      expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      expect(lambdaMax).toBeGreaterThanOrEqual(m.length);
      m.forEach((row, i) => {
        const product = row.reduce((s, a, k) => s + a * weights[k], 0);
        expect(Math.abs(product - lambdaMax * weights[i]) / (lambdaMax * weights[i])).toBeLessThan(1e-10);
      });
    }
  });
});

describe("validatePairwiseMatrix (through ahpWeights)", () => {
  it("rejects an empty matrix", () => {
    const error = thrownScoringError(() => ahpWeights([]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("compare at least one criterion");
  });

  it("rejects more than 10 criteria, pointing to the other weighting modes", () => {
    const error = thrownScoringError(() => ahpWeights(allOnes(11)));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toBe(
      "Pairwise comparison supports up to 10 criteria, not 11; use direct, points or rank weights for more criteria.",
    );
    expect(() => ahpWeights(allOnes(10))).not.toThrow();
  });

  it("rejects a ragged row, naming it", () => {
    const error = thrownScoringError(() => ahpWeights([[1, 2], [0.5]]));
    expect(error.code).toBe("InvalidMatrix");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toBe(
      "Row 2 of the comparison matrix has 1 entries; a matrix for 2 criteria needs 2 in every row.",
    );
    const notARow = [[1, 2], "x" as unknown as number[]];
    expect(thrownScoringError(() => ahpWeights(notARow)).message).toContain(
      "Row 2 of the comparison matrix has no entries",
    );
  });

  it.each([
    [0, "0"],
    [-2, "-2"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    ["3" as unknown as number, "3"],
    [MAX_JUDGMENT * 2, "2000000"],
  ])("rejects the entry %p, naming the cell in 1-based words", (bad, shown) => {
    const m = allOnes(3);
    m[0][2] = bad;
    const error = thrownScoringError(() => validatePairwiseMatrix(m));
    expect(error.code).toBe("InvalidMatrix");
    expect(error.place).toEqual({ cell: [0, 2] });
    expect(error.message).toBe(
      `The judgment in row 1, column 3 is ${shown}; enter a positive number from 1/1000000 to 1000000, such as 3 or 1/3.`,
    );
  });

  it("rejects a diagonal entry other than 1", () => {
    const m = allOnes(3);
    m[1][1] = 2;
    const error = thrownScoringError(() => ahpWeights(m));
    expect(error.code).toBe("InvalidMatrix");
    expect(error.place).toEqual({ cell: [1, 1] });
    expect(error.message).toContain("row 2, column 2 is 2; a criterion compared with itself must be 1");
  });

  it("rejects a lower entry that is not the reciprocal of its mirror, naming both cells", () => {
    const m = threeByThree(2, 4, 2);
    m[2][0] = 0.5;
    const error = thrownScoringError(() => ahpWeights(m));
    expect(error.code).toBe("InvalidMatrix");
    expect(error.place).toEqual({ cell: [2, 0] });
    expect(error.message).toBe(
      "The judgment in row 3, column 1 is 0.5 but must be the reciprocal of row 1, column 3 (4), i.e. 0.25; enter the reciprocal or change the pair.",
    );
  });

  it("accepts reciprocals rounded to 1e-9 relative and rejects coarser ones", () => {
    const m = threeByThree(3, 3, 3);
    m[1][0] = 0.333333333333;
    expect(() => validatePairwiseMatrix(m)).not.toThrow();
    m[1][0] = 0.3333;
    expect(thrownScoringError(() => validatePairwiseMatrix(m)).place).toEqual({ cell: [1, 0] });
  });
});

describe("nearestSaatyValue", () => {
  it.each([
    [1, 1],
    [1.4, 1], // below √2, the geometric midpoint of 1 and 2
    [1.45, 2],
    [3.2, 3],
    [0.3, 1 / 3],
    [0.13, 1 / 8],
    [20, 9],
    [0.01, 1 / 9],
  ])("snaps %p to %p", (ratio, expected) => {
    expect(nearestSaatyValue(ratio)).toBe(expected);
  });

  it.each([0, -1, NaN, Infinity])("rejects %p", (ratio) => {
    expect(thrownScoringError(() => nearestSaatyValue(ratio)).code).toBe("InvalidArgument");
  });
});

describe("inconsistentJudgments", () => {
  it("finds nothing to change in a consistent matrix", () => {
    const list = inconsistentJudgments(consistentMatrix([8, 4, 2, 1]));
    expect(list).toHaveLength(6);
    for (const judgment of list) {
      expect(judgment.deviation).toBeLessThan(1e-12);
      expect(judgment.consistentValue).toBeCloseTo(judgment.current, 10);
      expect(judgment.i).toBeLessThan(judgment.j);
    }
  });

  it("puts a single distorted judgment first, with the value the others imply", () => {
    const m = consistentMatrix([8, 4, 2, 1]);
    m[0][3] = 1 / 2; // the others imply 8
    m[3][0] = 2;
    const [worst, next] = inconsistentJudgments(m);
    expect(worst).toMatchObject({ i: 0, j: 3, current: 0.5, nearestScaleValue: 8 });
    expect(worst.consistentValue).toBeCloseTo(8, 9);
    expect(worst.deviation).toBeCloseTo(Math.log(16), 9);
    expect(worst.deviation).toBeGreaterThan(next.deviation);
    // Taking the advice repairs the matrix.
    m[0][3] = worst.nearestScaleValue;
    m[3][0] = 1 / worst.nearestScaleValue;
    expect(ahpWeights(m).cr).toBeLessThan(1e-12);
  });

  it("circular judgments: the advice for a pair does not move with that pair's own value", () => {
    // A over B 3, B over C 3, C over A 3: a cycle. The other two judgments imply A = B/9 …
    const cycle = threeByThree(3, 1 / 3, 3);
    const before = inconsistentJudgments(cycle);
    const ab = before.find((j) => j.i === 0 && j.j === 1)!;
    expect(ab.consistentValue).toBeCloseTo(1 / 9, 9);
    // … whatever A vs B holds now: the advice for A vs B is the same after setting it to 1 or to 1/3.
    for (const value of [1, 1 / 3, 5]) {
      const edited = threeByThree(value, 1 / 3, 3);
      const again = inconsistentJudgments(edited).find((j) => j.i === 0 && j.j === 1)!;
      expect(again.consistentValue).toBeCloseTo(ab.consistentValue, 9);
      expect(again.nearestScaleValue).toBe(ab.nearestScaleValue);
    }
    // And once taken, that pair is consistent with the others: nothing is left to review.
    const repaired = threeByThree(ab.nearestScaleValue, 1 / 3, 3);
    expect(ahpWeights(repaired).cr).toBeLessThan(1e-12);
    expect(ahpCheck(repaired).judgmentsToReview).toEqual([]);
  });

  it("breaks ties by position so that the order is stable", () => {
    // Each pair departs by a factor of 2 from what the other two imply.
    const list = inconsistentJudgments(threeByThree(2, 2, 2));
    expect(list.map((j) => j.deviation)).toEqual(list.map(() => expect.closeTo(Math.log(2), 9)));
    expect(list.map((j) => [j.i, j.j])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it("two criteria: nothing else implies a value, so nothing deviates", () => {
    const list = inconsistentJudgments([
      [1, 7],
      [1 / 7, 1],
    ]);
    expect(list).toEqual([
      { i: 0, j: 1, current: 7, consistentValue: 7, nearestScaleValue: 7, deviation: 0 },
    ]);
  });

  it("validates the matrix", () => {
    expect(thrownScoringError(() => inconsistentJudgments([[2]])).code).toBe("InvalidMatrix");
  });
});

describe("ahpCheck", () => {
  it("passes a consistent matrix with nothing to review", () => {
    const check = ahpCheck(consistentMatrix([3, 2, 1]));
    expect(check.consistent).toBe(true);
    expect(check.threshold).toBe(0.1);
    expect(check.judgmentsToReview).toEqual([]);
    expect(check.weights[0]).toBeCloseTo(0.5, 12);
  });

  it("flags an inconsistent matrix and lists the worst judgments first", () => {
    const m = consistentMatrix([8, 4, 2, 1]);
    m[0][3] = 1 / 5;
    m[3][0] = 5;
    const check = ahpCheck(m);
    expect(check.cr).toBeGreaterThan(0.1);
    expect(check.consistent).toBe(false);
    expect(check.judgmentsToReview).toHaveLength(3);
    expect(check.judgmentsToReview[0]).toMatchObject({ i: 0, j: 3 });
    expect(check.judgmentsToReview).toEqual(inconsistentJudgments(m).slice(0, 3));
    expect(ahpCheck(m, 0.1, 1).judgmentsToReview).toHaveLength(1);
  });

  it("uses the threshold given, comparing CR ≤ threshold", () => {
    const m = threeByThree(3, 5, 3); // CR ≈ 0.033
    expect(ahpCheck(m).consistent).toBe(true);
    expect(ahpCheck(m, 0.02).consistent).toBe(false);
    expect(ahpCheck(m, ahpWeights(m).cr).consistent).toBe(true);
  });

  it.each([-0.1, NaN, Infinity])("rejects the threshold %p", (threshold) => {
    const error = thrownScoringError(() => ahpCheck(allOnes(3), threshold));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("enter a number of 0 or more");
  });

  it.each([0, 1.5])("rejects %p judgments to review", (count) => {
    expect(thrownScoringError(() => ahpCheck(allOnes(3), 0.1, count)).code).toBe("InvalidArgument");
  });
});

describe("pairwiseFromUpper", () => {
  it("builds the full reciprocal matrix whatever the order of the judgments", () => {
    const matrix = pairwiseFromUpper(3, [
      { i: 1, j: 2, value: 3 },
      { i: 0, j: 1, value: 2 },
      { i: 0, j: 2, value: 1 / 4 },
    ]);
    expect(matrix).toEqual([
      [1, 2, 1 / 4],
      [1 / 2, 1, 3],
      [4, 1 / 3, 1],
    ]);
    expect(() => validatePairwiseMatrix(matrix)).not.toThrow();
  });

  it("needs no judgment for one criterion", () => {
    expect(pairwiseFromUpper(1, [])).toEqual([[1]]);
  });

  it.each([0, 11, 2.5])("rejects n = %p", (n) => {
    expect(thrownScoringError(() => pairwiseFromUpper(n, [])).code).toBe("InvalidArgument");
  });

  it.each([
    [{ i: 1, j: 0, value: 2 }],
    [{ i: 1, j: 1, value: 1 }],
    [{ i: -1, j: 1, value: 2 }],
    [{ i: 0, j: 3, value: 2 }],
    [{ i: 0.5, j: 1, value: 2 }],
  ])("rejects the pair %p, which is not in the upper triangle", (judgment) => {
    const error = thrownScoringError(() => pairwiseFromUpper(3, [judgment]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("give pairs with 0 ≤ i < j < 3");
  });

  it.each([0, -3, NaN, Infinity])("rejects the value %p, naming the pair", (value) => {
    const error = thrownScoringError(() => pairwiseFromUpper(3, [{ i: 0, j: 2, value }]));
    expect(error.code).toBe("InvalidMatrix");
    expect(error.place).toEqual({ cell: [0, 2] });
    expect(error.message).toContain("The judgment comparing criterion 1 with criterion 3 is");
  });

  const FIRST_PAIR = { i: 0, j: 1, value: 2 };
  it.each([
    {
      problem: "a pair judged twice",
      n: 2,
      judgments: [FIRST_PAIR, { ...FIRST_PAIR, value: 3 }],
      cell: [0, 1],
      message: expect.stringContaining("compared twice"),
    },
    {
      problem: "a missing pair, naming the first one",
      n: 3,
      judgments: [FIRST_PAIR, { i: 0, j: 2, value: 3 }],
      cell: [1, 2],
      message:
        "Criterion 2 has not been compared with criterion 3; judge every pair before deriving weights.",
    },
  ])("rejects $problem", ({ n, judgments, cell, message }) => {
    const error = thrownScoringError(() => pairwiseFromUpper(n, judgments));
    expect(error.code).toBe("InvalidMatrix");
    expect(error.place).toEqual({ cell });
    expect(error.message).toEqual(message);
  });
});
