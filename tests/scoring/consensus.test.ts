import {
  consensus,
  consensusTable,
  DEFAULT_SD_THRESHOLD_SHARE,
  defaultSdThreshold,
  flagDiscuss,
  type Review,
  spread,
} from "../../src/scoring/consensus";
import { thrownScoringError } from "./scoringErrorOf";

const ONE_TO_FIVE = { min: 1, max: 5 };

describe("consensus", () => {
  it("is the mean by default", () => {
    expect(consensus([2, 3, 5])).toBeCloseTo(10 / 3, 12);
    expect(consensus([2, 3, 5], "mean")).toBeCloseTo(10 / 3, 12);
  });

  it("takes the median of an odd and an even number of values, in any order", () => {
    expect(consensus([5, 1, 2], "median")).toBe(2);
    expect(consensus([4, 1, 5, 2], "median")).toBe(3);
    expect(consensus([3.5], "median")).toBe(3.5);
  });

  it("is null for no values", () => {
    expect(consensus([], "mean")).toBeNull();
    expect(consensus([], "median")).toBeNull();
  });

  it("keeps the mean of equal values equal to them, despite float noise", () => {
    // (0.1 + 0.1 + 0.1) / 3 is 0.10000000000000002 in binary floating point.
    expect(consensus([0.1, 0.1, 0.1], "mean")).toBe(0.1);
    expect(consensus([0.7, 0.7, 0.7], "mean")).toBe(0.7);
  });

  it("does not change its input", () => {
    const values = [5, 1, 3];
    consensus(values, "median");
    expect(values).toEqual([5, 1, 3]);
  });

  it("rejects an unknown method", () => {
    const error = thrownScoringError(() => consensus([1], "mode" as unknown as "mean"));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain('"mode"');
    expect(error.message).toContain('"mean" or "median"');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])(
    "rejects the non-finite value %s, naming its position",
    (bad) => {
      const error = thrownScoringError(() => consensus([3, bad], "mean"));
      expect(error.code).toBe("InvalidArgument");
      expect(error.place).toEqual({ index: 1 });
      expect(error.message).toContain("Value 2");
    },
  );
});

describe("spread", () => {
  it("gives the sample standard deviation (n − 1) and the range", () => {
    // mean 5, squared deviations 9 + 1 + 1 + 9 = 20, 20 / 3
    const result = spread([2, 4, 6, 8]);
    expect(result.sd).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(result.range).toBe(6);
    expect(result.n).toBe(4);
  });

  it("gives sd √2 for 1 and 3", () => {
    // mean 2, squared deviations 1 + 1, over n − 1 = 1
    expect(spread([1, 3]).sd).toBeCloseTo(Math.SQRT2, 12);
  });

  it("has no sd for a single value, and neither sd nor range for none", () => {
    expect(spread([4])).toEqual({ sd: null, range: 0, n: 1 });
    expect(spread([])).toEqual({ sd: null, range: null, n: 0 });
  });

  it("gives 0 for identical values", () => {
    expect(spread([3, 3, 3])).toEqual({ sd: 0, range: 0, n: 3 });
  });

  it("stays accurate for large values close together", () => {
    // Σx² − n·x̄² would lose every digit here; the deviations are ±1, so sd = √(2/2) = 1.
    expect(spread([1e9 - 1, 1e9, 1e9 + 1]).sd).toBe(1);
  });

  it("rejects a non-finite value", () => {
    const error = thrownScoringError(() => spread([1, Number.NEGATIVE_INFINITY]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 1 });
  });
});

describe("flagDiscuss", () => {
  it("defaults the SD threshold to a quarter of the scale width: 1.0 on 1–5, 2.5 on 0–10", () => {
    expect(DEFAULT_SD_THRESHOLD_SHARE).toBe(0.25);
    expect(defaultSdThreshold(ONE_TO_FIVE)).toBe(1);
    expect(defaultSdThreshold({ min: 0, max: 10 })).toBe(2.5);
  });

  it("flags a range of at least half the scale width", () => {
    // 1–5: half the width is 2. Range 2 with sd √2 ≈ 1.41 would flag anyway, so use a threshold of 10
    // to see the range rule alone.
    expect(flagDiscuss([1, 3], ONE_TO_FIVE, 10)).toBe(true);
    expect(flagDiscuss([1, 2.9], ONE_TO_FIVE, 10)).toBe(false);
    expect(flagDiscuss([2, 2, 2, 2, 2, 2, 4], ONE_TO_FIVE, 10)).toBe(true);
  });

  it("counts a range that is half the width up to float noise", () => {
    // 2.3 − 0.3 = 1.9999999999999998 in binary; on 0–4 half the width is 2.
    expect(2.3 - 0.3).toBeLessThan(2);
    expect(flagDiscuss([0.3, 2.3], { min: 0, max: 4 }, 10)).toBe(true);
  });

  it("flags an SD above the threshold, and not one equal to it", () => {
    // 3, 3, 4.5, 4.5: range 1.5 (< 2); mean 3.75, squared deviations 4 × 0.5625 = 2.25, sd = √0.75 ≈ 0.866
    expect(flagDiscuss([3, 3, 4.5, 4.5], ONE_TO_FIVE, 0.8)).toBe(true);
    expect(flagDiscuss([3, 3, 4.5, 4.5], ONE_TO_FIVE, 0.9)).toBe(false);
    // 2 and 4 on 0–10: sd √2, range 2 (< 5)
    expect(flagDiscuss([2, 4], { min: 0, max: 10 }, Math.SQRT2)).toBe(false);
  });

  it("uses the default threshold when none is given", () => {
    // 2 and 3.5 on 1–5: range 1.5 (< 2), sd 1.5/√2 ≈ 1.06 > 1
    expect(flagDiscuss([2, 3.5], ONE_TO_FIVE)).toBe(true);
    // 2 and 3: sd 1/√2 ≈ 0.71
    expect(flagDiscuss([2, 3], ONE_TO_FIVE)).toBe(false);
  });

  it("never flags a single value or none", () => {
    expect(flagDiscuss([5], ONE_TO_FIVE, 0)).toBe(false);
    expect(flagDiscuss([], ONE_TO_FIVE, 0)).toBe(false);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects the SD threshold %s", (bad) => {
    const error = thrownScoringError(() => flagDiscuss([1, 2], ONE_TO_FIVE, bad));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("SD threshold");
  });

  it("rejects an invalid scale", () => {
    expect(thrownScoringError(() => flagDiscuss([1, 2], { min: 3, max: 1 }, 1)).code).toBe("InvalidScale");
    expect(thrownScoringError(() => flagDiscuss([1, 2], { min: 3, max: 1 })).code).toBe("InvalidScale");
    expect(thrownScoringError(() => defaultSdThreshold({ min: 0, max: Number.NaN })).code).toBe(
      "InvalidScale",
    );
  });
});

describe("consensusTable", () => {
  const review = (
    reviewer: string,
    agreementId: string,
    criterionId: string,
    score: number | null,
    time?: string,
  ): Review =>
    time === undefined
      ? { reviewer, agreementId, criterionId, score }
      : { reviewer, agreementId, criterionId, score, time };

  it("gives one cell per agreement × criterion, in order of first appearance", () => {
    const reviews = [
      review("Ann", "A1", "threat_response", 4),
      review("Ann", "A1", "strategic_alignment", 2),
      review("Bob", "A1", "threat_response", 2),
      review("Bob", "A2", "threat_response", 5),
      review("Cy", "A1", "threat_response", 3),
    ];
    const table = consensusTable(reviews, "mean", ONE_TO_FIVE, 1);
    expect(table.map((c) => [c.agreementId, c.criterionId])).toEqual([
      ["A1", "threat_response"],
      ["A1", "strategic_alignment"],
      ["A2", "threat_response"],
    ]);
    // 4, 2, 3: mean 3, sd 1, range 2 (= half of 1–5) → discuss
    expect(table[0]).toEqual({
      agreementId: "A1",
      criterionId: "threat_response",
      value: 3,
      sd: 1,
      range: 2,
      n: 3,
      discuss: true,
      reviews: [reviews[0], reviews[2], reviews[4]],
    });
    expect(table[1]).toMatchObject({ value: 2, sd: null, range: 0, n: 1, discuss: false });
    expect(table[2]).toMatchObject({ value: 5, n: 1, discuss: false });
  });

  it("uses the median when asked", () => {
    const reviews = [review("Ann", "A1", "c", 1), review("Bob", "A1", "c", 2), review("Cy", "A1", "c", 5)];
    expect(consensusTable(reviews, "median", ONE_TO_FIVE)[0].value).toBe(2);
    expect(consensusTable(reviews, "mean", ONE_TO_FIVE)[0].value).toBeCloseTo(8 / 3, 12);
  });

  it("counts a reviewer who scored a cell twice once, with the latest review by time", () => {
    const reviews = [
      review("Ann", "A1", "c", 2, "2024-05-02T10:00:00Z"),
      review("Ann", "A1", "c", 5, "2024-05-01T10:00:00Z"),
      review("Bob", "A1", "c", 4, "2024-05-01T09:00:00Z"),
    ];
    const [cell] = consensusTable(reviews, "mean", ONE_TO_FIVE);
    expect(cell.n).toBe(2);
    expect(cell.value).toBe(3);
    expect(cell.reviews).toEqual([reviews[0], reviews[2]]);
  });

  it("lets the later row win between reviews with the same time", () => {
    const reviews = [
      review("Ann", "A1", "c", 2, "2024-05-01T10:00:00Z"),
      review("Ann", "A1", "c", 4, "2024-05-01T10:00:00Z"),
    ];
    expect(consensusTable(reviews, "mean", ONE_TO_FIVE)[0].value).toBe(4);
  });

  it("falls back to row order when one of a reviewer's reviews of the cell has no time", () => {
    const reviews = [
      review("Ann", "A1", "c", 2, "2024-05-02T10:00:00Z"),
      review("Ann", "A1", "c", 5),
      review("Bob", "A1", "c", 1, "2024-05-01T10:00:00Z"),
      review("Bob", "A1", "c", 3, "  "),
    ];
    const [cell] = consensusTable(reviews, "mean", ONE_TO_FIVE);
    expect(cell.reviews).toEqual([reviews[1], reviews[3]]);
    expect(cell.value).toBe(4);
  });

  it("treats a latest review with a null score as the reviewer withdrawing from the cell", () => {
    const reviews = [
      review("Ann", "A1", "c", 5, "2024-05-01T10:00:00Z"),
      review("Bob", "A1", "c", 4, "2024-05-01T10:00:00Z"),
      review("Ann", "A1", "c", null, "2024-05-03T10:00:00Z"),
    ];
    const [cell] = consensusTable(reviews, "mean", ONE_TO_FIVE);
    expect(cell).toMatchObject({ value: 4, n: 1, sd: null, range: 0, discuss: false });
    expect(cell.reviews).toEqual([reviews[1], reviews[2]]);
  });

  it("keeps a cell nobody has scored, with no value", () => {
    const [cell] = consensusTable([review("Ann", "A1", "c", null)], "mean", ONE_TO_FIVE);
    expect(cell).toEqual({
      agreementId: "A1",
      criterionId: "c",
      value: null,
      sd: null,
      range: null,
      n: 0,
      discuss: false,
      reviews: [review("Ann", "A1", "c", null)],
    });
  });

  it("keeps rationale and time on the reviews it returns", () => {
    const withRationale: Review = {
      ...review("Ann", "A1", "c", 3, "2024-05-01T10:00:00Z"),
      rationale: "Joint exercises yearly",
    };
    expect(consensusTable([withRationale], "mean", ONE_TO_FIVE)[0].reviews).toEqual([withRationale]);
  });

  it("flags with the SD threshold given, or a quarter of the scale width by default", () => {
    // 3, 3, 4.5, 4.5 on 1–5: range 1.5, sd ≈ 0.866
    const reviews = ["Ann", "Bob", "Cy", "Di"].map((who, i) => review(who, "A1", "c", i < 2 ? 3 : 4.5));
    expect(consensusTable(reviews, "mean", ONE_TO_FIVE, 0.8)[0].discuss).toBe(true);
    expect(consensusTable(reviews, "mean", ONE_TO_FIVE)[0].discuss).toBe(false);
  });

  it("keeps agreement and criterion ids apart, even when they contain separators", () => {
    const reviews = [review("Ann", "A|1", "c", 1), review("Ann", "A", "1|c", 5)];
    expect(consensusTable(reviews, "mean", ONE_TO_FIVE)).toHaveLength(2);
  });

  it("returns nothing for no reviews", () => {
    expect(consensusTable([], "mean", ONE_TO_FIVE)).toEqual([]);
  });

  it.each([
    ["above the scale", 6, "ScoreOutOfScale"],
    ["text", "4", "InvalidScore"],
    ["NaN", Number.NaN, "InvalidScore"],
  ])("rejects a score that is %s, naming reviewer, agreement and criterion", (_label, bad, code) => {
    const reviews = [
      review("Ann", "A1", "c", 3),
      { ...review("Bob", "A9", "threat_response", 3), score: bad as number },
    ];
    const error = thrownScoringError(() => consensusTable(reviews, "mean", ONE_TO_FIVE));
    expect(error.code).toBe(code);
    expect(error.place).toEqual({ agreementId: "A9", criterionId: "threat_response", index: 1 });
    expect(error.message).toContain('Reviewer "Bob"');
    expect(error.message).toContain("A9");
    expect(error.message).toContain('"threat_response"');
  });

  it.each(["reviewer", "agreementId", "criterionId"] as const)(
    "rejects a review with an empty %s",
    (field) => {
      const bad = { ...review("Ann", "A1", "c", 3), [field]: " " };
      const error = thrownScoringError(() =>
        consensusTable([review("Bob", "A1", "c", 2), bad], "mean", ONE_TO_FIVE),
      );
      expect(error.code).toBe("InvalidArgument");
      expect(error.place.index).toBe(1);
      expect(error.message).toContain("Review 2");
      expect(error.message).toContain(field);
    },
  );

  it("rejects a review that is not an object", () => {
    const error = thrownScoringError(() => consensusTable([null as unknown as Review], "mean", ONE_TO_FIVE));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 0 });
  });

  it("rejects a time that is not a date, naming reviewer, agreement and criterion", () => {
    const error = thrownScoringError(() =>
      consensusTable([review("Ann", "A1", "c", 3, "yesterday-ish")], "mean", ONE_TO_FIVE),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ agreementId: "A1", criterionId: "c", index: 0 });
    expect(error.message).toContain('Reviewer "Ann"');
    expect(error.message).toContain("ISO 8601");
  });

  it("rejects an unknown method, a bad threshold and a bad scale", () => {
    expect(thrownScoringError(() => consensusTable([], "avg" as unknown as "mean", ONE_TO_FIVE)).code).toBe(
      "InvalidArgument",
    );
    expect(thrownScoringError(() => consensusTable([], "mean", ONE_TO_FIVE, -0.5)).code).toBe(
      "InvalidArgument",
    );
    expect(thrownScoringError(() => consensusTable([], "mean", { min: 5, max: 1 })).code).toBe(
      "InvalidScale",
    );
  });
});
