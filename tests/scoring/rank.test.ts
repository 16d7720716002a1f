import { rankDescending, roundForRanking } from "../../src/scoring/rank";
import { thrownScoringError } from "./scoringErrorOf";

describe("roundForRanking", () => {
  it("keeps 10 decimals", () => {
    expect(roundForRanking(12.345678901234)).toBe(12.3456789012);
    expect(roundForRanking(12.345678901274)).toBe(12.3456789013);
    expect(roundForRanking(42)).toBe(42);
  });

  it("removes float noise below the 10th decimal", () => {
    expect(roundForRanking(56.300000000000004)).toBe(56.3);
    expect(roundForRanking(0.1 + 0.2)).toBe(0.3);
  });

  it("rounds an exact half away from zero, like Excel's ROUND", () => {
    expect(roundForRanking(1.00000000005)).toBe(1.0000000001);
    expect(roundForRanking(-1.00000000005)).toBe(-1.0000000001);
    expect(roundForRanking(0.00000000015)).toBe(0.0000000002);
    expect(roundForRanking(-0.00000000005)).toBe(-0.0000000001);
  });

  it("rounds a decimal half up even where the binary product |x|·1e10 falls just below it", () => {
    // 1.23456789015 * 1e10 is 12345678901.499998 in binary; Excel's ROUND(1.23456789015, 10) gives
    // 1.2345678902 because it rounds the decimal value.
    expect(roundForRanking(1.23456789015)).toBe(1.2345678902);
    expect(roundForRanking(-1.23456789015)).toBe(-1.2345678902);
  });

  it("rounds just below a half down", () => {
    expect(roundForRanking(2.00000000004999)).toBe(2);
  });

  it("returns +0 for values that round to zero, and for -0", () => {
    expect(Object.is(roundForRanking(-1e-11), 0)).toBe(true);
    expect(Object.is(roundForRanking(1e-11), 0)).toBe(true);
    expect(Object.is(roundForRanking(-0), 0)).toBe(true);
  });

  it("leaves numbers too large to carry 10 decimals unchanged", () => {
    expect(roundForRanking(1e20)).toBe(1e20);
    expect(roundForRanking(900000.123456789)).toBe(900000.123456789);
    expect(roundForRanking(-1e20)).toBe(-1e20);
  });

  it("rounds tiny numbers written in exponent form", () => {
    expect(roundForRanking(7.5e-11)).toBe(1e-10);
    expect(roundForRanking(3.2e-7)).toBe(3.2e-7);
  });

  it("passes non-finite values through", () => {
    expect(roundForRanking(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(roundForRanking(Number.NaN)).toBeNaN();
  });
});

describe("rankDescending", () => {
  it("ranks descending and lets ties share the best rank (1, 2, 2, 4)", () => {
    expect(rankDescending([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(rankDescending([70, 80, 90, 80])).toEqual([4, 2, 1, 2]);
  });

  it("gives every member of a three-way tie the same rank and skips the next two", () => {
    expect(rankDescending([5, 5, 5, 1])).toEqual([1, 1, 1, 4]);
  });

  it("gives null scores a null rank and leaves them out of the count", () => {
    expect(rankDescending([null, 50, null, 60, 50])).toEqual([null, 2, null, 1, 2]);
  });

  it("ties scores that differ only by float noise", () => {
    expect(rankDescending([56.3, 56.300000000000004, 10])).toEqual([1, 1, 3]);
    expect(rankDescending([0.1 + 0.2, 0.3])).toEqual([1, 1]);
  });

  it("still separates scores that differ at the 10th decimal", () => {
    expect(rankDescending([1, 1.0000000001])).toEqual([2, 1]);
  });

  it("ranks negative scores and zero", () => {
    expect(rankDescending([-1, 0, -0, -5])).toEqual([3, 1, 1, 4]);
  });

  it("handles empty and all-null input", () => {
    expect(rankDescending([])).toEqual([]);
    expect(rankDescending([null, null])).toEqual([null, null]);
  });

  it("does not change its input", () => {
    const scores = [3, 1, 2];
    rankDescending(scores);
    expect(scores).toEqual([3, 1, 2]);
  });

  it("agrees with the definition rank = 1 + count of strictly greater scores on a large input", () => {
    const scores: (number | null)[] = [];
    for (let i = 0; i < 2000; i++) scores.push(i % 17 === 0 ? null : ((i * 7919) % 401) / 4);
    const ranks = rankDescending(scores);
    scores.forEach((score, i) => {
      if (score === null) {
        expect(ranks[i]).toBeNull();
        return;
      }
      const greater = scores.filter((other) => other !== null && other > score).length;
      expect(ranks[i]).toBe(1 + greater);
    });
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("rejects %s with InvalidArgument naming the position", (_label, bad) => {
    const error = thrownScoringError(() => rankDescending([1, bad, 2]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toContain("position 2");
    expect(error.message).toContain("finite number or null");
  });

  it("rejects a non-number that slipped past the types", () => {
    const error = thrownScoringError(() => rankDescending([1, "7" as unknown as number]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 1 });
  });
});
