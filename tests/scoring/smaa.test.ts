import { smaa } from "../../src/scoring/smaa";
import type { SmaaInput } from "../../src/scoring/smaa";
import { scoringErrorOf } from "./scoringErrorOf";

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("smaa: result shape", () => {
  // With w the weight of criterion 1: A first for w > 0.625, B for w < 1/3, C in between.
  const scores = [
    [0.9, 0.1],
    [0.2, 0.8],
    [0.6, 0.6],
  ];
  const result = smaa({ scores, samples: 2000, seed: 11 });

  it("has one acceptability row per alternative and one column per rank, each summing to 1", () => {
    expect(result.rankAcceptability).toHaveLength(3);
    for (const row of result.rankAcceptability) {
      expect(row).toHaveLength(3);
      expect(sum(row)).toBeCloseTo(1, 12);
    }
    for (let r = 0; r < 3; r++) expect(sum(result.rankAcceptability.map((row) => row[r]))).toBeCloseTo(1, 12);
  });

  it("reports central weights per alternative (on the simplex) and a confidence per alternative", () => {
    expect(result.centralWeights).toHaveLength(3);
    for (const w of result.centralWeights) {
      expect(w).toHaveLength(2);
      expect(sum(w)).toBeCloseTo(1, 12);
    }
    expect(result.confidence).toEqual([1, 1, 1]);
  });

  it("echoes the samples and seed, and marks confidence as evaluated at the given scores", () => {
    expect(result.samples).toBe(2000);
    expect(result.seed).toBe(11);
    expect(result.confidenceSamples).toBe(0);
    expect(result).not.toHaveProperty("cancelled");
  });
});

describe("smaa: ties and degenerate inputs", () => {
  it("identical alternatives share their ranks equally, so rows and columns still sum to 1", () => {
    const result = smaa({
      scores: [
        [0.9, 0.9],
        [0.9, 0.9],
        [0.1, 0.1],
      ],
      samples: 1000,
      seed: 3,
    });
    expect(result.rankAcceptability).toEqual([
      [0.5, 0.5, 0],
      [0.5, 0.5, 0],
      [0, 0, 1],
    ]);
    // Both share first in every draw, so both central weights are the mean of all draws.
    expect(result.centralWeights[0]).toEqual(result.centralWeights[1]);
    expect(result.centralWeights[0][0]).toBeCloseTo(0.5, 1);
    // At their central weights they tie for first: half each.
    expect(result.confidence).toEqual([0.5, 0.5, 0]);
  });

  it("utilities a subnormal apart still rank (and tie when the product underflows)", () => {
    // B's utility is w₁·5e-324, which rounds to 0 (a tie with A) when w₁ < 1/2 and to 5e-324 above.
    const result = smaa({
      scores: [
        [0, 0],
        [5e-324, 0],
      ],
      samples: 4000,
      seed: 21,
    });
    const [a, b] = result.rankAcceptability;
    expect(a[0] + a[1]).toBeCloseTo(1, 12);
    expect(a[0] + b[0]).toBeCloseTo(1, 12);
    // B first: 1 when w₁ > 1/2, 1/2 when tied; expected 3/4, per-draw variance 1/16.
    expect(Math.abs(b[0] - 0.75)).toBeLessThan(5 * Math.sqrt(1 / 16 / 4000));
  });

  it("all-equal alternatives take every rank with probability 1/m", () => {
    const result = smaa({
      scores: [
        [0.3, 0.6],
        [0.3, 0.6],
        [0.3, 0.6],
      ],
      samples: 999,
      seed: 5,
    });
    for (const row of result.rankAcceptability) for (const value of row) expect(value).toBeCloseTo(1 / 3, 12);
    expect(result.confidence.map((c) => c * 3)).toEqual([1, 1, 1].map((x) => expect.closeTo(x, 12)));
  });

  it("a single alternative is always first; its central weights are the mean of the uniform simplex", () => {
    const samples = 20_000;
    const result = smaa({ scores: [[0.2, 0.4, 0.9]], samples, seed: 8 });
    expect(result.rankAcceptability).toEqual([[1]]);
    expect(result.confidence).toEqual([1]);
    // Each component of a uniform point on the 3-simplex is Beta(1, 2): mean 1/3, variance 1/18.
    for (const w of result.centralWeights[0])
      expect(Math.abs(w - 1 / 3)).toBeLessThan(5 * Math.sqrt(1 / 18 / samples));
  });

  it("an alternative that is never first has all-zero central weights and confidence 0", () => {
    const result = smaa({
      scores: [
        [0.8, 0.8],
        [0.2, 0.3],
      ],
      samples: 500,
      seed: 1,
    });
    expect(result.rankAcceptability).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(result.centralWeights[1]).toEqual([0, 0]);
    expect(result.confidence).toEqual([1, 0]);
  });

  it("with one criterion the weight is always 1 and the ranking is the score order", () => {
    const result = smaa({ scores: [[0.2], [0.7], [0.4]], samples: 100, seed: 2 });
    expect(result.rankAcceptability).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(result.centralWeights).toEqual([[0], [1], [0]]);
  });
});

describe("smaa: weight distributions", () => {
  const scores = [
    [1, 0],
    [0, 1],
  ];

  it("a very concentrated Dirichlet behaves like fixed weights at its (normalized) centre", () => {
    const result = smaa({
      scores,
      samples: 2000,
      seed: 4,
      weights: { kind: "dirichlet", center: [3, 1], concentration: 1e7 },
    });
    expect(result.rankAcceptability).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(result.centralWeights[0][0]).toBeCloseTo(0.75, 3);
  });

  it("a zero in the Dirichlet centre switches that criterion off in every draw", () => {
    const result = smaa({
      scores,
      samples: 500,
      seed: 4,
      weights: { kind: "dirichlet", center: [0, 1], concentration: 2 },
    });
    expect(result.rankAcceptability[1]).toEqual([1, 0]);
    expect(result.centralWeights[1]).toEqual([0, 1]);
  });

  it("uniform is the default", () => {
    const input = { scores, samples: 300, seed: 9 };
    expect(smaa(input)).toEqual(smaa({ ...input, weights: { kind: "uniform" } }));
  });
});

describe("smaa: score spread", () => {
  const scores = [
    [0.6, 0.6],
    [0.55, 0.5],
  ];

  it("all-zero spread gives the acceptabilities of no spread, with confidence from a second pass", () => {
    const plain = smaa({ scores, samples: 400, seed: 6 });
    const zero = smaa({
      scores,
      samples: 400,
      seed: 6,
      scoreSpread: [
        [0, 0],
        [0, 0],
      ],
    });
    expect(zero.rankAcceptability).toEqual(plain.rankAcceptability);
    expect(zero.centralWeights).toEqual(plain.centralWeights);
    expect(zero.confidence).toEqual(plain.confidence);
    expect(zero.confidenceSamples).toBe(400);
  });

  it("spread lets a dominated alternative win sometimes, and confidence falls below 1", () => {
    const result = smaa({
      scores,
      samples: 4000,
      seed: 6,
      scoreSpread: [
        [0.05, 0.05],
        [0.1, 0.1],
      ],
    });
    expect(result.rankAcceptability[1][0]).toBeGreaterThan(0.05);
    expect(result.rankAcceptability[1][0]).toBeLessThan(0.5);
    expect(result.confidence[0]).toBeGreaterThan(0.5);
    expect(result.confidence[0]).toBeLessThan(1);
    expect(result.confidence[1]).toBeGreaterThan(0);
    expect(result.confidenceSamples).toBe(4000);
  });

  it("clips sampled scores to 0–1: a score at 1 with a huge spread never exceeds an alternative at 1", () => {
    // B is 1 on both criteria; A is 1 ± 10 clipped, so A never beats B, and ties with it whenever
    // both of A's draws are clipped to 1 (probability 1/4): a tie shares first place.
    const result = smaa({
      scores: [
        [1, 1],
        [1, 1],
      ],
      samples: 4000,
      seed: 12,
      scoreSpread: [
        [10, 10],
        [0, 0],
      ],
    });
    // Each draw adds 1/2 with probability 1/4, else 0: mean 1/8, variance 1/16 − 1/64.
    const aFirst = result.rankAcceptability[0][0];
    const tolerance = 5 * Math.sqrt((1 / 16 - 1 / 64) / 4000);
    expect(Math.abs(aFirst - 1 / 8)).toBeLessThan(tolerance);
    // The same holds at any fixed weights, so for the confidence factors too; B's row is fixed (no
    // spread) and A's varies, so this also checks ties between fixed and varying rows.
    expect(Math.abs(result.confidence[0] - 1 / 8)).toBeLessThan(tolerance);
    expect(Math.abs(result.confidence[1] - 7 / 8)).toBeLessThan(tolerance);
  });
});

describe("smaa: reproducibility, progress and cancellation", () => {
  const scores = [
    [0.9, 0.1, 0.5],
    [0.2, 0.8, 0.4],
    [0.5, 0.5, 0.5],
    [0.6, 0.3, 0.7],
  ];

  it("the same seed gives identical results and another seed different ones", () => {
    const input: SmaaInput = {
      scores,
      samples: 500,
      seed: 77,
      scoreSpread: scores.map((row) => row.map(() => 0.05)),
    };
    expect(smaa(input)).toEqual(smaa(input));
    expect(smaa({ ...input, seed: 78 }).rankAcceptability).not.toEqual(smaa(input).rankAcceptability);
  });

  it("reports progress every 1 % of the draws, ending at the total", () => {
    const calls: [number, number][] = [];
    smaa({ scores, samples: 10_000, seed: 1, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toHaveLength(100);
    expect(calls[0]).toEqual([100, 10_000]);
    expect(calls[99]).toEqual([10_000, 10_000]);
    expect(calls.every(([done], k) => k === 0 || done > calls[k - 1][0])).toBe(true);
  });

  it("counts the confidence pass in the total when scores are sampled", () => {
    const calls: [number, number][] = [];
    smaa({
      scores,
      samples: 250,
      seed: 1,
      scoreSpread: scores.map((row) => row.map(() => 0.1)),
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.every(([, total]) => total === 500)).toBe(true);
    expect(calls[calls.length - 1]).toEqual([500, 500]);
    // 250 draws in steps of ceil(250 / 100) = 3: 84 reports per pass.
    expect(calls).toHaveLength(168);
  });

  it("stops when asked and returns what the draws so far give, marked cancelled", () => {
    let asked = 0;
    const result = smaa({ scores, samples: 10_000, seed: 1, shouldCancel: () => ++asked === 3 });
    expect(result.cancelled).toBe(true);
    expect(result.samples).toBe(300);
    expect(asked).toBe(3);
    for (const row of result.rankAcceptability) expect(sum(row)).toBeCloseTo(1, 12);
    // The draws used are the first 300 of the full run with the same seed.
    expect(result.rankAcceptability).toEqual(smaa({ scores, samples: 300, seed: 1 }).rankAcceptability);
  });

  it("cancelled during the confidence pass: full acceptabilities, confidence from the score draws so far", () => {
    let asked = 0;
    const spread = scores.map((row) => row.map(() => 0.1));
    const result = smaa({
      scores,
      samples: 1000,
      seed: 2,
      scoreSpread: spread,
      shouldCancel: () => ++asked === 150,
    });
    expect(result.cancelled).toBe(true);
    expect(result.samples).toBe(1000);
    // 99 checks in the first pass (none after its last step), the 150th is the 51st of the second.
    expect(result.confidenceSamples).toBe(510);
    expect(result.rankAcceptability).toEqual(
      smaa({ scores, samples: 1000, seed: 2, scoreSpread: spread }).rankAcceptability,
    );
  });

  it("cancelled before the confidence pass: confidence is evaluated at the given scores", () => {
    const spread = scores.map((row) => row.map(() => 0.1));
    const result = smaa({ scores, samples: 1000, seed: 2, scoreSpread: spread, shouldCancel: () => true });
    expect(result.cancelled).toBe(true);
    expect(result.samples).toBe(10);
    expect(result.confidenceSamples).toBe(0);
    for (const c of result.confidence) expect([0, 1]).toContain(c);
  });

  it("is asked after every step but the last", () => {
    let asked = 0;
    const result = smaa({ scores, samples: 100, seed: 1, shouldCancel: () => (asked++, false) });
    expect(asked).toBe(99);
    expect(result).not.toHaveProperty("cancelled");
  });
});

describe("smaa: validation", () => {
  const scores = [
    [0.1, 0.2],
    [0.3, 0.4],
  ];
  const valid: SmaaInput = { scores, samples: 10, seed: 1 };

  it("rejects an empty or criterion-less score matrix", () => {
    scoringErrorOf(() => smaa({ ...valid, scores: [] }), "InvalidMatrix");
    const none = scoringErrorOf(() => smaa({ ...valid, scores: [[], []] }), "InvalidMatrix");
    expect(none.message).toContain("no criteria");
    scoringErrorOf(() => smaa({ ...valid, scores: [null as unknown as number[]] }), "InvalidMatrix");
  });

  it("rejects ragged rows and scores outside 0–1, naming the cell", () => {
    const ragged = scoringErrorOf(() => smaa({ ...valid, scores: [[0.1, 0.2], [0.3]] }), "InvalidMatrix");
    expect(ragged.place.index).toBe(1);
    const outside = scoringErrorOf(
      () =>
        smaa({
          ...valid,
          scores: [
            [0.1, -0.2],
            [0.3, 0.4],
          ],
          ids: ["A1", "A2"],
          criterionIds: ["ops", "strategy"],
        }),
      "ScoreOutOfScale",
    );
    expect(outside.place).toEqual({ agreementId: "A1", criterionId: "strategy", index: 0, cell: [0, 1] });
    scoringErrorOf(
      () =>
        smaa({
          ...valid,
          scores: [
            [0.1, NaN],
            [0.3, 0.4],
          ],
        }),
      "InvalidScore",
    );
  });

  it("rejects duplicate or mismatched ids", () => {
    scoringErrorOf(() => smaa({ ...valid, ids: ["A1", "A1"] }), "DuplicateId");
    scoringErrorOf(() => smaa({ ...valid, ids: ["A1"] }), "InvalidArgument");
    scoringErrorOf(() => smaa({ ...valid, criterionIds: ["ops"] }), "InvalidArgument");
  });

  it.each([0, -5, 1.5, NaN, Infinity, 2 ** 53])("rejects the sample count %p", (samples) => {
    const error = scoringErrorOf(() => smaa({ ...valid, samples }), "InvalidArgument");
    expect(error.message).toContain("whole number of at least 1");
  });

  it.each([-1, 0.5, 2 ** 32])("rejects the seed %p", (seed) => {
    const error = scoringErrorOf(() => smaa({ ...valid, seed }), "InvalidArgument");
    expect(error.message).toContain("from 0 to 4294967295");
  });

  it.each([{ kind: "triangular" }, null, "uniform"])("rejects the weight distribution %p", (weights) => {
    const error = scoringErrorOf(
      () => smaa({ ...valid, weights: weights as unknown as SmaaInput["weights"] }),
      "InvalidArgument",
    );
    expect(error.message).toContain('{ kind: "uniform" } or { kind: "dirichlet", center, concentration }');
  });

  it("rejects a Dirichlet centre of the wrong length, or with bad weights", () => {
    const length = scoringErrorOf(
      () => smaa({ ...valid, weights: { kind: "dirichlet", center: [1], concentration: 5 } }),
      "InvalidArgument",
    );
    expect(length.message).toContain("one weight per criterion");
    const negative = scoringErrorOf(
      () =>
        smaa({
          ...valid,
          weights: { kind: "dirichlet", center: [1, -1], concentration: 5 },
          criterionIds: ["a", "b"],
        }),
      "InvalidWeight",
    );
    expect(negative.place.criterionId).toBe("b");
    scoringErrorOf(
      () => smaa({ ...valid, weights: { kind: "dirichlet", center: [0, 0], concentration: 5 } }),
      "AllWeightsZero",
    );
  });

  it.each([0, -2, NaN, Infinity])("rejects the concentration %p", (concentration) => {
    const error = scoringErrorOf(
      () => smaa({ ...valid, weights: { kind: "dirichlet", center: [1, 1], concentration } }),
      "InvalidArgument",
    );
    expect(error.message).toContain("greater than 0");
  });

  it("rejects a score spread of the wrong shape", () => {
    const rows = scoringErrorOf(() => smaa({ ...valid, scoreSpread: [[0, 0]] }), "InvalidMatrix");
    expect(rows.message).toContain("one row of standard deviations per agreement");
    const row = scoringErrorOf(
      () => smaa({ ...valid, scoreSpread: [[0, 0], [0]], ids: ["A1", "A2"] }),
      "InvalidMatrix",
    );
    expect(row.place).toEqual({ agreementId: "A2", index: 1 });
  });

  it.each([-0.1, NaN, Infinity])("rejects the standard deviation %p, naming the cell", (sd) => {
    const error = scoringErrorOf(
      () =>
        smaa({
          ...valid,
          scoreSpread: [
            [0, 0],
            [0, sd],
          ],
          criterionIds: ["ops", "strategy"],
        }),
      "InvalidArgument",
    );
    expect(error.place).toEqual({ agreementId: undefined, criterionId: "strategy", index: 1, cell: [1, 1] });
    expect(error.message).toContain('Agreement 2, criterion "strategy" (cell [1, 1])');
  });
});
