import fc from "fast-check";
import { oneAtATime, rankChanges } from "../../src/scoring/sensitivity";
import type { OneAtATimeInput, OneAtATimeResult } from "../../src/scoring/sensitivity";
import { scoringErrorOf } from "./scoringErrorOf";

/**
 * Brute force, independent of the implementation's lines: the weights when criterion k is set to t,
 * built from the definition (others keep their ratios, or share equally when they are all 0), and the
 * weighted scores computed directly from them.
 */
function scoresAt(input: OneAtATimeInput, k: number, t: number): number[] {
  const total = input.weights.reduce((a, b) => a + b, 0);
  const base = input.weights.map((w) => w / total);
  const n = base.length;
  const othersTotal = base.reduce((sum, w, j) => (j === k ? sum : sum + w), 0);
  const weights = base.map((w, j) => {
    if (n === 1) return 1;
    if (j === k) return t;
    return othersTotal > 0 ? ((1 - t) * w) / othersTotal : (1 - t) / (n - 1);
  });
  return input.scores.map((row) => 100 * row.reduce((sum, x, j) => sum + weights[j] * x, 0));
}

const GRID = 2000;
/** Two directly computed scores closer than this are a tie (float noise, not a rank difference). */
const TIE = 1e-9;

/**
 * Checks the exact solution against a grid of 2001 weights: every sign change of a pair between two
 * grid points is a reported swap inside that grid cell, every reported swap is a tie at its t with
 * the reported order on each side, and the leader is first exactly inside its interval. Violations
 * are collected and compared with [] once, so that a failure lists them all (and the loops stay fast).
 */
function gridViolations(input: OneAtATimeInput, result: OneAtATimeResult): string[] {
  const violations: string[] = [];
  const fail = (message: string) => violations.length < 20 && violations.push(message);
  const m = input.scores.length;
  for (const criterion of result.criteria) {
    const k = criterion.criterionIndex;
    const grid = Array.from({ length: GRID + 1 }, (_, g) => scoresAt(input, k, g / GRID));

    // Every crossing the grid sees is reported, in the right cell and direction.
    for (let g = 0; g < GRID; g++) {
      for (let i = 0; i < m; i++) {
        for (let j = i + 1; j < m; j++) {
          const before = grid[g][i] - grid[g][j];
          const after = grid[g + 1][i] - grid[g + 1][j];
          if (Math.abs(before) <= TIE || Math.abs(after) <= TIE || Math.sign(before) === Math.sign(after))
            continue;
          const [aheadBelow, aheadAbove] = before > 0 ? [i, j] : [j, i];
          const swap = criterion.swaps.find((s) => s.i === aheadBelow && s.j === aheadAbove);
          if (swap === undefined || swap.t < g / GRID || swap.t > (g + 1) / GRID) {
            fail(
              `criterion ${k}: ${aheadBelow}→${aheadAbove} crosses in [${g / GRID}, ${(g + 1) / GRID}], reported ${JSON.stringify(swap)}`,
            );
          }
        }
      }
    }

    // Every reported swap is a real tie with the reported order on each side, at most one per pair.
    const pairs = new Set<string>();
    let previousT = -Infinity;
    for (const swap of criterion.swaps) {
      const key = [Math.min(swap.i, swap.j), Math.max(swap.i, swap.j)].join(",");
      if (pairs.has(key)) fail(`criterion ${k}: pair ${key} swaps twice`);
      pairs.add(key);
      if (!(swap.t >= 0 && swap.t <= 1 && swap.t >= previousT))
        fail(`criterion ${k}: swap at ${swap.t} out of range or order`);
      previousT = swap.t;
      const at = scoresAt(input, k, swap.t);
      if (!(Math.abs(at[swap.i] - at[swap.j]) < 1e-7))
        fail(`criterion ${k}: swap ${JSON.stringify(swap)} is not a tie`);
      for (let g = 0; g <= GRID; g++) {
        const t = g / GRID;
        const d = grid[g][swap.i] - grid[g][swap.j];
        if (Math.abs(t - swap.t) < 1e-6 || Math.abs(d) <= TIE) continue;
        if (t < swap.t ? d < 0 : d > 0)
          fail(`criterion ${k}: swap ${JSON.stringify(swap)} has the wrong side at ${t}`);
      }
    }

    // The leader is first (ties allowed) inside [lo, hi], and the named rival leads it outside.
    const { lo, hi, leaderBelow, leaderAbove } = criterion.leaderInterval;
    const leader = result.leader;
    if (!(lo <= criterion.current && criterion.current <= hi))
      fail(`criterion ${k}: [${lo}, ${hi}] misses the current weight`);
    if ((leaderBelow !== undefined) !== lo > 0)
      fail(`criterion ${k}: leaderBelow ${leaderBelow} with lo ${lo}`);
    if ((leaderAbove !== undefined) !== hi < 1)
      fail(`criterion ${k}: leaderAbove ${leaderAbove} with hi ${hi}`);
    for (const t of [lo, hi]) {
      const at = scoresAt(input, k, t);
      if (!(Math.max(...at) - at[leader] < 1e-7)) fail(`criterion ${k}: leader not first at the end ${t}`);
    }
    // Just beyond each end, the rival named as taking over is first.
    const beyond: [number | undefined, number][] = [
      [leaderBelow, lo - 1e-7],
      [leaderAbove, hi + 1e-7],
    ];
    for (const [rival, t] of beyond) {
      if (rival === undefined) continue;
      const at = scoresAt(input, k, t);
      if (!(Math.max(...at) - at[rival] < TIE)) fail(`criterion ${k}: ${rival} is not first at ${t}`);
    }
    for (let g = 0; g <= GRID; g++) {
      const t = g / GRID;
      const at = grid[g];
      if (t >= lo && t <= hi) {
        if (!(Math.max(...at) - at[leader] < TIE))
          fail(`criterion ${k}: leader not first at ${t} in [${lo}, ${hi}]`);
        continue;
      }
      // The rival leads the leader all the way beyond the end (two straight lines that meet there);
      // whether it leads everyone there is not claimed.
      const rival = t < lo ? leaderBelow : leaderAbove;
      const distance = t < lo ? lo - t : t - hi;
      if (distance > 1e-6 && (rival === undefined || !(at[rival] > at[leader]))) {
        fail(`criterion ${k}: rival ${rival} does not lead at ${t} outside [${lo}, ${hi}]`);
      }
    }
  }
  return violations;
}

/** Alternatives × criteria scores under equal weights, as the worked examples state them. */
const equallyWeighted = (scores: number[][]): OneAtATimeInput => ({
  weights: scores[0].map(() => 1),
  scores,
});

function checkAgainstGrid(input: OneAtATimeInput, result: OneAtATimeResult): void {
  expect(gridViolations(input, result)).toEqual([]);
}

describe("oneAtATime: a worked example", () => {
  // A = (1, 0), B = (0, 1), C = (0.6, 0.6) with equal weights: scores 50, 50, 60, so C leads.
  // Varying criterion 1 (t = its weight): S_A = 100t, S_B = 100(1 − t), S_C = 60.
  const input = equallyWeighted([
    [1, 0],
    [0, 1],
    [0.6, 0.6],
  ]);
  const result = oneAtATime(input);

  it("finds the leader and the lines of each alternative", () => {
    expect(result.leader).toBe(2);
    const lines = result.criteria[0].lines;
    expect(lines[0].a).toBeCloseTo(0, 12);
    expect(lines[0].b).toBeCloseTo(100, 12);
    expect(lines[1].a).toBeCloseTo(100, 12);
    expect(lines[1].b).toBeCloseTo(-100, 12);
    expect(lines[2].a).toBeCloseTo(60, 12);
    expect(lines[2].b).toBeCloseTo(0, 12);
  });

  it("solves the leader interval: C stays first while 100(1 − t) ≤ 60 and 100t ≤ 60, i.e. t in [0.4, 0.6]", () => {
    const interval = result.criteria[0].leaderInterval;
    expect(interval.lo).toBeCloseTo(0.4, 12);
    expect(interval.hi).toBeCloseTo(0.6, 12);
    expect(interval.leaderBelow).toBe(1);
    expect(interval.leaderAbove).toBe(0);
    const other = result.criteria[1].leaderInterval;
    expect(other.lo).toBeCloseTo(0.4, 12);
    expect(other.hi).toBeCloseTo(0.6, 12);
    expect(other.leaderBelow).toBe(0);
    expect(other.leaderAbove).toBe(1);
  });

  it("lists every swap with who is ahead on each side, sorted by weight", () => {
    const swaps = result.criteria[0].swaps;
    expect(swaps.map(({ i, j }) => [i, j])).toEqual([
      [1, 2], // B ahead of C below 0.4, C ahead above
      [1, 0], // B ahead of A below 0.5
      [2, 0], // C ahead of A below 0.6
    ]);
    expect(swaps.map((s) => s.t)).toEqual([
      expect.closeTo(0.4, 12),
      expect.closeTo(0.5, 12),
      expect.closeTo(0.6, 12),
    ]);
  });

  it("reports the smallest change of one weight that hands first place to another agreement", () => {
    const change = result.smallestChange!;
    expect(Math.abs(change.change)).toBeCloseTo(0.1, 12);
    expect(change.from).toBe(0.5);
    expect(change.to).toBeCloseTo(change.from + change.change, 15);
    // Lowering criterion 1 to 0.4 ties C with B; beyond it B leads.
    expect(change.criterionIndex).toBe(0);
    expect(change.newLeader).toBe(change.change < 0 ? 1 : 0);
  });

  it("agrees with brute force on a fine grid", () => checkAgainstGrid(input, result));
});

describe("oneAtATime: weights", () => {
  it("normalizes raw weights and keeps the ratios of the others while one varies", () => {
    const input = {
      weights: [4, 2, 2],
      scores: [
        [0.2, 0.9, 0.4],
        [0.7, 0.1, 0.5],
      ],
    };
    const result = oneAtATime(input);
    expect(result.criteria.map((c) => c.current)).toEqual([0.5, 0.25, 0.25]);
    // Criterion 0 at t: the others share 1 − t in ratio 2:2.
    const line = result.criteria[0].lines[0];
    expect(line.a).toBeCloseTo(100 * (0.5 * 0.9 + 0.5 * 0.4), 12);
    expect(line.a + line.b).toBeCloseTo(20, 12);
    // Criterion 1 at t: the others share 1 − t in ratio 4:2.
    const line1 = result.criteria[1].lines[1];
    expect(line1.a).toBeCloseTo(100 * ((2 / 3) * 0.7 + (1 / 3) * 0.5), 12);
    checkAgainstGrid(input, result);
  });

  it("lets the others share equally when the varied criterion holds all the weight", () => {
    const input = {
      weights: [1, 0, 0],
      scores: [
        [0.9, 0.0, 0.2],
        [0.5, 0.6, 0.8],
      ],
    };
    const result = oneAtATime(input);
    const c0 = result.criteria[0];
    expect(c0.current).toBe(1);
    expect(c0.lines[1].a).toBeCloseTo((100 * (0.6 + 0.8)) / 2, 12);
    // A leads at t = 1 (90 vs 50); at t: S_A = 10 + 80t, S_B = 70 − 20t, equal at t = 0.6.
    expect(result.leader).toBe(0);
    expect(c0.leaderInterval.lo).toBeCloseTo(0.6, 12);
    expect(c0.leaderInterval.hi).toBe(1);
    expect(c0.leaderInterval.leaderBelow).toBe(1);
    // A criterion with weight 0: the others keep their ratio (all on criterion 0).
    expect(result.criteria[1].lines[0].a).toBeCloseTo(90, 12);
    checkAgainstGrid(input, result);
  });

  it("with a single criterion the weight cannot move: flat lines, whole interval, no swaps", () => {
    const result = oneAtATime({ weights: [3], scores: [[0.2], [0.8], [0.8]] });
    expect(result.leader).toBe(1);
    expect(result.criteria[0]).toEqual({
      criterionIndex: 0,
      current: 1,
      leaderInterval: { lo: 0, hi: 1 },
      swaps: [],
      lines: [
        { a: 20, b: 0 },
        { a: 80, b: 0 },
        { a: 80, b: 0 },
      ],
    });
    expect(result.smallestChange).toBeNull();
  });
});

describe("oneAtATime: edge cases", () => {
  /** The first alternative leads over every criterion's whole range, and no line crosses another. */
  const expectFirstLeadsEverywhere = (result: ReturnType<typeof oneAtATime>) => {
    expect(result.leader).toBe(0);
    for (const c of result.criteria) {
      expect(c.leaderInterval).toEqual({ lo: 0, hi: 1 });
      expect(c.swaps).toEqual([]);
    }
    expect(result.smallestChange).toBeNull();
  };

  it("a single alternative leads everywhere", () => {
    const input = { weights: [1, 2], scores: [[0.3, 0.4]] };
    expectFirstLeadsEverywhere(oneAtATime(input));
  });

  it("all-equal alternatives tie everywhere: the first listed leads, nothing swaps", () => {
    const input = {
      weights: [1, 1, 1],
      scores: [
        [0.5, 0.2, 1],
        [0.5, 0.2, 1],
        [0.5, 0.2, 1],
      ],
    };
    expectFirstLeadsEverywhere(oneAtATime(input));
  });

  it("parallel lines never swap", () => {
    // Varying criterion 0: S_A = 50 + 30t, S_B = 30 + 30t.
    const input = equallyWeighted([
      [0.8, 0.5],
      [0.6, 0.3],
    ]);
    const c0 = oneAtATime(input).criteria[0];
    expect(c0.lines[0].b).toBeCloseTo(c0.lines[1].b, 12);
    expect(c0.swaps).toEqual([]);
    expect(c0.leaderInterval).toEqual({ lo: 0, hi: 1 });
  });

  it("reports crossings exactly at t = 0 and t = 1, and a tie at an end keeps the leader first", () => {
    // Same score on criterion 0: they tie at t = 1 on criterion 0 and at t = 0 on criterion 1.
    const input = equallyWeighted([
      [0.5, 0.2],
      [0.5, 0.8],
    ]);
    const result = oneAtATime(input);
    expect(result.leader).toBe(1);
    // Criterion 0: S_A = 20 + 30t, S_B = 80 − 30t: B ahead below 1, tied at 1.
    expect(result.criteria[0].swaps).toEqual([{ t: 1, i: 1, j: 0 }]);
    expect(result.criteria[0].leaderInterval).toEqual({ lo: 0, hi: 1 });
    // Criterion 1: S_A = 50 − 30t, S_B = 50 + 30t: tied at 0, B ahead above.
    expect(result.criteria[1].swaps).toEqual([{ t: 0, i: 0, j: 1 }]);
    expect(result.criteria[1].leaderInterval).toEqual({ lo: 0, hi: 1 });
    expect(result.smallestChange).toBeNull();
    // A tie at an end of the range is not a rank change: the pane and the sheet count none.
    expect(rankChanges(result.criteria[0])).toEqual([]);
    expect(rankChanges(result.criteria[1])).toEqual([]);
    checkAgainstGrid(input, result);
  });

  it("a tie for first at the current weights: the first listed leads and any move one way hands over", () => {
    // A = (1, 0), B = (0, 1), equal weights: both 50. Criterion 0: S_A = 100t, S_B = 100 − 100t.
    const input = equallyWeighted([
      [1, 0],
      [0, 1],
    ]);
    const result = oneAtATime(input);
    expect(result.leader).toBe(0);
    expect(result.criteria[0].leaderInterval).toEqual({ lo: 0.5, hi: 1, leaderBelow: 1 });
    expect(result.criteria[1].leaderInterval).toEqual({ lo: 0, hi: 0.5, leaderAbove: 1 });
    expect(result.smallestChange).toEqual({ criterionIndex: 0, from: 0.5, to: 0.5, change: 0, newLeader: 1 });
    checkAgainstGrid(input, result);
  });

  it("three lines through one point: the steepest rival takes over", () => {
    // L = (0.5, 0.5), P = (0.6, 0.4), Q = (0.8, 0.2), equal weights: all score 50, L (listed first)
    // leads. Varying criterion 0: S_L = 50, S_P = 40 + 20t, S_Q = 20 + 60t all meet at t = 0.5;
    // below it L is ahead of both, above it Q (the steeper) leads.
    const input = equallyWeighted([
      [0.5, 0.5],
      [0.6, 0.4],
      [0.8, 0.2],
    ]);
    const result = oneAtATime(input);
    expect(result.leader).toBe(0);
    const interval = result.criteria[0].leaderInterval;
    expect(interval.lo).toBe(0);
    expect(interval.hi).toBeCloseTo(0.5, 12);
    expect(interval.leaderAbove).toBe(2);
    checkAgainstGrid(input, result);
  });
});

describe("oneAtATime: agrees with brute force on a grid for arbitrary inputs", () => {
  const discreteScore = fc.constantFrom(0, 0.5, 1);
  const continuousScore = fc.double({ min: 0, max: 1, noNaN: true });
  const inputs = (score: fc.Arbitrary<number>) =>
    fc.record({ m: fc.integer({ min: 1, max: 7 }), n: fc.integer({ min: 1, max: 4 }) }).chain(({ m, n }) =>
      fc.record({
        weights: fc
          .array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n })
          .filter((w) => w.some((x) => x > 0)),
        scores: fc.array(fc.array(score, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
      }),
    );

  it("with scores on a coarse scale (many ties, concurrent lines, crossings at the ends)", () => {
    fc.assert(
      fc.property(inputs(discreteScore), (input) => gridViolations(input, oneAtATime(input)).length === 0),
      { numRuns: 100, seed: 20260101 },
    );
  });

  it("with continuous scores", () => {
    fc.assert(
      fc.property(inputs(continuousScore), (input) => gridViolations(input, oneAtATime(input)).length === 0),
      { numRuns: 60, seed: 20260102 },
    );
  });
});

describe("oneAtATime: validation", () => {
  const scores = [
    [0.1, 0.2],
    [0.3, 0.4],
  ];

  it("rejects bad weights through normalizeWeights, naming the weight", () => {
    scoringErrorOf(() => oneAtATime({ weights: [], scores }), "InvalidArgument");
    const negative = scoringErrorOf(() => oneAtATime({ weights: [1, -1], scores }), "InvalidWeight");
    expect(negative.place.index).toBe(1);
    scoringErrorOf(() => oneAtATime({ weights: [0, 0], scores }), "AllWeightsZero");
    const named = scoringErrorOf(
      () => oneAtATime({ weights: [NaN, 1], scores, criterionIds: ["ops", "strategy"] }),
      "InvalidWeight",
    );
    expect(named.place.criterionId).toBe("ops");
  });

  it("rejects an empty score matrix", () => {
    const error = scoringErrorOf(() => oneAtATime({ weights: [1, 1], scores: [] }), "InvalidMatrix");
    expect(error.message).toContain("score at least one agreement");
  });

  it("rejects a row that is not a list, naming the agreement", () => {
    const error = scoringErrorOf(
      () =>
        oneAtATime({ weights: [1, 1], scores: [[0.1, 0.2], null as unknown as number[]], ids: ["A1", "A2"] }),
      "InvalidMatrix",
    );
    expect(error.place).toEqual({ agreementId: "A2", index: 1 });
    expect(error.message).toContain("Agreement id A2 (row 2)");
  });

  it("rejects a row of the wrong length, naming the row", () => {
    const error = scoringErrorOf(
      () => oneAtATime({ weights: [1, 1], scores: [[0.1, 0.2], [0.3]] }),
      "InvalidMatrix",
    );
    expect(error.place).toEqual({ agreementId: undefined, index: 1 });
    expect(error.message).toContain("Agreement 2 (row 2) has 1 scores but there are 2 criteria");
  });

  it("rejects a score outside 0–1, naming agreement, criterion and cell", () => {
    const error = scoringErrorOf(
      () =>
        oneAtATime({
          weights: [1, 1],
          scores: [
            [0.1, 0.2],
            [0.3, 1.2],
          ],
          ids: ["NATO", "AUKUS"],
          criterionIds: ["ops", "threat_response"],
        }),
      "ScoreOutOfScale",
    );
    expect(error.place).toEqual({
      agreementId: "AUKUS",
      criterionId: "threat_response",
      index: 1,
      cell: [1, 1],
    });
    expect(error.message).toContain('Agreement id AUKUS, criterion "threat_response" (cell [1, 1])');
    expect(error.message).toContain("a number from 0 to 1");
  });

  it.each([NaN, Infinity, "0.5" as unknown as number])("rejects the score %p as not a number", (bad) => {
    const error = scoringErrorOf(() => oneAtATime({ weights: [1, 1], scores: [[0.1, bad]] }), "InvalidScore");
    expect(error.place).toEqual({ agreementId: undefined, criterionId: undefined, index: 0, cell: [0, 1] });
    expect(error.message).toContain("Agreement 1, criterion 2 (cell [0, 1])");
  });

  it("rejects ids that do not match the rows, and duplicate ids", () => {
    scoringErrorOf(() => oneAtATime({ weights: [1, 1], scores, ids: ["A1"] }), "InvalidArgument");
    const duplicate = scoringErrorOf(
      () => oneAtATime({ weights: [1, 1], scores, ids: ["A1", "A1"] }),
      "DuplicateId",
    );
    expect(duplicate.place).toEqual({ agreementId: "A1", index: 1 });
    expect(duplicate.message).toContain("rows 1 and 2");
  });

  it("rejects criterion ids that do not match the weights", () => {
    const error = scoringErrorOf(
      () => oneAtATime({ weights: [1, 1], scores, criterionIds: ["ops"] }),
      "InvalidArgument",
    );
    expect(error.message).toContain("one id per criterion");
  });
});
