import {
  equalWeights,
  normalizeWeights,
  pointsToWeights,
  POINTS_BUDGET,
  rankOrderCentroid,
  rocFromRanks,
  setWeightWithLocks,
} from "../../src/scoring/weights";
import { thrownScoringError } from "./scoringErrorOf";

function expectCloseArray(actual: readonly number[], expected: readonly number[], digits = 12): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, k) => expect(actual[k]).toBeCloseTo(value, digits));
}

describe("normalizeWeights", () => {
  it("scales weights to sum 1 keeping their ratios", () => {
    expect(normalizeWeights([2, 1, 1])).toEqual([0.5, 0.25, 0.25]);
    expectCloseArray(normalizeWeights([40, 30, 20, 10]), [0.4, 0.3, 0.2, 0.1]);
    expect(normalizeWeights([7])).toEqual([1]);
  });

  it("allows zero weights as long as one is positive", () => {
    expect(normalizeWeights([0, 3, 0])).toEqual([0, 1, 0]);
  });

  it("copes with weights whose sum overflows", () => {
    expect(normalizeWeights([1e308, 1e308, 1e308])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expectCloseArray(normalizeWeights([Number.MAX_VALUE, Number.MAX_VALUE / 2]), [2 / 3, 1 / 3]);
  });

  it("does not change its input", () => {
    const input = [3, 1];
    normalizeWeights(input);
    expect(input).toEqual([3, 1]);
  });

  it("rejects an empty list", () => {
    const error = thrownScoringError(() => normalizeWeights([]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toBe("No weight given; enter one per criterion.");
  });

  it("rejects a negative weight, naming its position", () => {
    const error = thrownScoringError(() => normalizeWeights([1, -0.5, 2]));
    expect(error.code).toBe("InvalidWeight");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toBe(
      "Weight 2 of 3 is -0.5, which is negative; enter zero or a positive number (0 leaves the criterion out).",
    );
  });

  it.each([
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    ["2" as unknown as number, '"2"'],
    [null as unknown as number, "null"],
  ])("rejects %p as not finite", (bad, shown) => {
    const error = thrownScoringError(() => normalizeWeights([1, bad]));
    expect(error.code).toBe("InvalidWeight");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toContain(`Weight 2 of 2 is ${shown}, not a finite number`);
  });

  it("names the criterion when ids are given", () => {
    const error = thrownScoringError(() => normalizeWeights([1, 2, -1], ["a", "b", "threat_response"]));
    expect(error.place).toEqual({ index: 2, criterionId: "threat_response" });
    expect(error.message).toContain('Weight 3 of 3 (criterion "threat_response") is -1');
  });

  it("rejects all-zero weights instead of inventing equal ones", () => {
    const error = thrownScoringError(() => normalizeWeights([0, 0, 0]));
    expect(error.code).toBe("AllWeightsZero");
    expect(error.message).toContain("All 3 weights are zero");
    expect(error.message).toContain("give at least one criterion a positive weight");
  });
});

describe("equalWeights", () => {
  it("gives 1/n each", () => {
    expect(equalWeights(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(equalWeights(1)).toEqual([1]);
  });

  it.each([0, -2, 2.5, NaN])("rejects n = %p", (n) => {
    const error = thrownScoringError(() => equalWeights(n));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("give at least one criterion");
  });
});

describe("pointsToWeights", () => {
  it("turns 100 points into weights and says the budget is balanced", () => {
    const result = pointsToWeights([50, 30, 20]);
    expectCloseArray(result.weights, [0.5, 0.3, 0.2]);
    expect(result).toMatchObject({ total: 100, remaining: 0, balanced: true });
    expect(POINTS_BUDGET).toBe(100);
  });

  it("follows the points' ratios when the total is not 100, and says so", () => {
    const under = pointsToWeights([30, 30, 30]);
    expectCloseArray(under.weights, [1 / 3, 1 / 3, 1 / 3]);
    expect(under).toMatchObject({ total: 90, remaining: 10, balanced: false });

    const over = pointsToWeights([60, 60]);
    expect(over.weights).toEqual([0.5, 0.5]);
    expect(over).toMatchObject({ total: 120, remaining: -20, balanced: false });
  });

  it("treats decimal points that add up to 100 as balanced despite float noise", () => {
    expect(pointsToWeights([33.3, 33.3, 33.4]).balanced).toBe(true);
    expect(pointsToWeights([0.1, 0.2, 99.7]).balanced).toBe(true);
    expect(pointsToWeights([33.3, 33.3, 33.3]).balanced).toBe(false);
  });

  it("rejects negative or non-finite points, naming the criterion", () => {
    const error = thrownScoringError(() => pointsToWeights([50, -10, 60], ["a", "b", "c"]));
    expect(error.code).toBe("InvalidWeight");
    expect(error.place).toEqual({ index: 1, criterionId: "b" });
    expect(error.message).toBe(
      'Points 2 of 3 (criterion "b") is -10, which is negative; enter zero or a positive number of points.',
    );
    expect(thrownScoringError(() => pointsToWeights([NaN])).code).toBe("InvalidWeight");
  });

  it("rejects no points at all", () => {
    expect(thrownScoringError(() => pointsToWeights([])).code).toBe("InvalidArgument");
    const error = thrownScoringError(() => pointsToWeights([0, 0]));
    expect(error.code).toBe("AllWeightsZero");
    expect(error.message).toContain("distribute 100 points");
  });
});

describe("rankOrderCentroid", () => {
  it("follows w_i = (1/n)·Σ_{k=i..n} 1/k", () => {
    expect(rankOrderCentroid(1)).toEqual([1]);
    expectCloseArray(rankOrderCentroid(2), [3 / 4, 1 / 4], 15);
    expectCloseArray(rankOrderCentroid(3), [11 / 18, 5 / 18, 2 / 18], 15);
  });

  it.each([0, -1, 1.5])("rejects n = %p", (n) => {
    expect(thrownScoringError(() => rankOrderCentroid(n)).code).toBe("InvalidArgument");
  });
});

describe("rocFromRanks", () => {
  const roc4 = [25 / 48, 13 / 48, 7 / 48, 3 / 48];

  it("gives each criterion the ROC weight of its rank, in input order", () => {
    expectCloseArray(rocFromRanks([1, 2, 3, 4]), roc4, 15);
    expectCloseArray(rocFromRanks([3, 1, 4, 2]), [roc4[2], roc4[0], roc4[3], roc4[1]], 15);
  });

  it("gives tied criteria the average of the ROC weights of the positions they share", () => {
    const tied = (roc4[1] + roc4[2]) / 2;
    expectCloseArray(rocFromRanks([1, 2, 2, 4]), [roc4[0], tied, tied, roc4[3]], 15);
    // Dense ranks give the same weights: only the order counts.
    expectCloseArray(rocFromRanks([1, 2, 2, 3]), [roc4[0], tied, tied, roc4[3]], 15);
    expectCloseArray(rocFromRanks([2, 1, 1]), [1 / 9, 4 / 9, 4 / 9], 15);
  });

  it("gives equal weights when everything is tied", () => {
    expectCloseArray(rocFromRanks([1, 1, 1, 1]), [0.25, 0.25, 0.25, 0.25], 15);
  });

  it.each([
    [[1, 0, 2], 1],
    [[1, 2, 4], 2],
    [[1.5, 1], 0],
    [[1, NaN], 1],
  ])("rejects the ranks %p at index %p", (ranks, index) => {
    const error = thrownScoringError(() => rocFromRanks(ranks));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index });
    expect(error.message).toContain(`Rank ${index + 1} of ${ranks.length} is`);
    expect(error.message).toContain(`from 1 (most important) to ${ranks.length}`);
  });

  it("names the criterion of a bad rank when ids are given", () => {
    expect(thrownScoringError(() => rocFromRanks([1, 9], ["a", "b"])).place).toEqual({
      index: 1,
      criterionId: "b",
    });
  });

  it("rejects an empty list", () => {
    expect(thrownScoringError(() => rocFromRanks([])).code).toBe("InvalidArgument");
  });
});

describe("setWeightWithLocks", () => {
  const none = [false, false, false, false];

  it("sets one weight and rebalances the others keeping their ratios", () => {
    const result = setWeightWithLocks([0.4, 0.3, 0.2, 0.1], none, 0, 0.6);
    expectCloseArray(result.weights, [0.6, 0.2, 0.4 / 3, 0.2 / 3]);
    expect(result).toMatchObject({ share: 0.6, clamped: false });
  });

  it("never moves a locked weight", () => {
    const input = [0.4, 0.3, 0.2, 0.1];
    const result = setWeightWithLocks(input, [false, true, false, false], 0, 0.5);
    // "Never moves" is bit-exact against the normalized input (0.4 + 0.3 + 0.2 + 0.1 is not exactly 1).
    expect(result.weights[1]).toBe(normalizeWeights(input)[1]);
    expectCloseArray(result.weights, [0.5, 0.3, 0.2 * (2 / 3), 0.2 / 3]);
    expect(result.clamped).toBe(false);
  });

  it("clamps the share to what the locks leave free, sending the others to 0", () => {
    const result = setWeightWithLocks([0.4, 0.3, 0.2, 0.1], [false, true, false, false], 0, 0.9);
    expectCloseArray(result.weights, [0.7, 0.3, 0, 0]);
    expect(result.share).toBeCloseTo(0.7, 15);
    expect(result.clamped).toBe(true);
  });

  it("clamps shares below 0 and above 1", () => {
    const low = setWeightWithLocks([0.5, 0.5], [false, false], 0, -0.2);
    expect(low).toEqual({ weights: [0, 1], share: 0, clamped: true });
    const high = setWeightWithLocks([0.5, 0.5], [false, false], 1, Infinity);
    expect(high).toEqual({ weights: [0, 1], share: 1, clamped: true });
  });

  it("shares the remainder equally when all unlocked others are 0", () => {
    const result = setWeightWithLocks([1, 0, 0], [false, false, false], 0, 0.4);
    expectCloseArray(result.weights, [0.4, 0.3, 0.3]);
  });

  it("normalizes raw weights first", () => {
    const result = setWeightWithLocks([40, 30, 30], [false, true, false], 2, 0.1);
    expectCloseArray(result.weights, [0.6, 0.3, 0.1]);
  });

  it("ignores the lock of the weight being set: a lock guards against changes made elsewhere", () => {
    const result = setWeightWithLocks([0.5, 0.5], [true, false], 0, 0.8);
    expectCloseArray(result.weights, [0.8, 0.2]);
    expect(result.clamped).toBe(false);
  });

  it("returns the weights unchanged and says so when nothing else is unlocked", () => {
    const result = setWeightWithLocks([5, 3, 2], [false, true, true], 0, 0.9);
    expect(result).toEqual({ weights: [0.5, 0.3, 0.2], share: 0.5, clamped: true });
    expect(setWeightWithLocks([5, 3, 2], [false, true, true], 0, 0.5).clamped).toBe(false);
    expect(setWeightWithLocks([2], [false], 0, 0.3)).toEqual({ weights: [1], share: 1, clamped: true });
  });

  it("rejects invalid weights", () => {
    expect(thrownScoringError(() => setWeightWithLocks([1, -1], [false, false], 0, 0.5)).code).toBe(
      "InvalidWeight",
    );
    expect(thrownScoringError(() => setWeightWithLocks([0, 0], [false, false], 0, 0.5)).code).toBe(
      "AllWeightsZero",
    );
  });

  it("rejects a lock list of the wrong length", () => {
    const error = thrownScoringError(() => setWeightWithLocks([1, 1, 1], [false, false], 0, 0.5));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toBe("Got 2 lock flags for 3 weights; pass one lock flag per weight.");
  });

  it.each([-1, 3, 1.5, NaN])("rejects the index %p", (index) => {
    const error = thrownScoringError(() => setWeightWithLocks([1, 1, 1], [false, false, false], index, 0.5));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index });
    expect(error.message).toContain("choose a position from 1 to 3 (index 0 to 2)");
  });

  it.each([NaN, "0.5" as unknown as number])("rejects the share %p", (share) => {
    const error = thrownScoringError(() => setWeightWithLocks([1, 1], [false, false], 1, share));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toContain("The new share for weight 2 is");
  });
});
