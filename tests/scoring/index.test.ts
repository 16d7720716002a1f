/**
 * The public surface that other parts of the product and outside checks call by name and shape
 * (issue 2): each function is reached through src/scoring/index.ts and answers in the stated shape.
 */
import * as scoring from "../../src/scoring";

describe("src/scoring public surface", () => {
  it("normalizeWeights keeps ratios and throws a ScoringError on bad input", () => {
    expect(scoring.normalizeWeights([1, 3])).toEqual([0.25, 0.75]);
    expect(() => scoring.normalizeWeights([0, 0])).toThrow(scoring.ScoringError);
    expect(() => scoring.normalizeWeights([1, -1])).toThrow(scoring.ScoringError);
    expect(() => scoring.normalizeWeights([1, Number.NaN])).toThrow(scoring.ScoringError);
  });

  it("rankOrderCentroid gives (1/n)·Σ_{k=i..n} 1/k", () => {
    const w = scoring.rankOrderCentroid(3);
    expect(w[0]).toBeCloseTo((1 + 1 / 2 + 1 / 3) / 3, 15);
    expect(w[1]).toBeCloseTo((1 / 2 + 1 / 3) / 3, 15);
    expect(w[2]).toBeCloseTo(1 / 3 / 3, 15);
  });

  it("ahpWeights answers { weights, lambdaMax, ci, cr }", () => {
    const result = scoring.ahpWeights([
      [1, 2, 4],
      [1 / 2, 1, 2],
      [1 / 4, 1 / 2, 1],
    ]);
    expect(Object.keys(result).sort()).toEqual(["ci", "cr", "lambdaMax", "weights"]);
    expect(result.weights.map((w) => Number(w.toFixed(12)))).toEqual([
      Number((4 / 7).toFixed(12)),
      Number((2 / 7).toFixed(12)),
      Number((1 / 7).toFixed(12)),
    ]);
    expect(result.lambdaMax).toBeCloseTo(3, 10);
    expect(result.cr).toBeCloseTo(0, 10);
  });

  it("scoreAgreements keeps input order and names agreement and criterion in errors", () => {
    const results = scoring.scoreAgreements({
      criteria: [
        { id: "a", weight: 1 },
        { id: "b", weight: 1 },
      ],
      scale: { min: 1, max: 5 },
      agreements: [
        { id: "low", scores: { a: 1, b: 1 } },
        { id: "high", scores: { a: 5, b: 5 } },
        { id: "half", scores: { a: 5, b: null } },
      ],
    });
    expect(results.map(({ id, score, rank, coverage }) => ({ id, score, rank, coverage }))).toEqual([
      { id: "low", score: 0, rank: 2, coverage: 1 },
      { id: "high", score: 100, rank: 1, coverage: 1 },
      { id: "half", score: null, rank: null, coverage: 0.5 },
    ]);
    try {
      scoring.scoreAgreements({
        criteria: [{ id: "a", weight: 1 }],
        scale: { min: 1, max: 5 },
        agreements: [{ id: "NATO", scores: { a: 7 } }],
      });
      throw new Error("expected a ScoringError");
    } catch (error) {
      expect(error).toBeInstanceOf(scoring.ScoringError);
      expect((error as scoring.ScoringError).place).toMatchObject({ agreementId: "NATO", criterionId: "a" });
      expect((error as Error).message).toMatch(/NATO/);
    }
  });

  it("smaa answers rank acceptability, central weights and confidence", () => {
    const result = scoring.smaa({
      scores: [
        [1, 0],
        [0, 1],
      ],
      samples: 2000,
      seed: 7,
    });
    expect(result.rankAcceptability).toHaveLength(2);
    for (const row of result.rankAcceptability) expect(row[0] + row[1]).toBeCloseTo(1, 12);
    expect(result.centralWeights[0][0]).toBeGreaterThan(result.centralWeights[0][1]);
    expect(result.confidence).toHaveLength(2);
  });
});
