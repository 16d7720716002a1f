import { contributions, scoreAgreements, weightedScore } from "../../src/scoring/score";
import type { AgreementScores, ScoreInput, WeightedCriterion } from "../../src/scoring/types";
import { thrownScoringError } from "./scoringErrorOf";

const ONE_TO_FIVE = { min: 1, max: 5 };

/** Weights 2 : 1 : 1, i.e. 0.5 / 0.25 / 0.25 once normalized. */
const THREE: WeightedCriterion[] = [
  { id: "strategic_alignment", weight: 2 },
  { id: "threat_response", weight: 1 },
  { id: "capability_enhancement", weight: 1 },
];

function input(agreements: AgreementScores[], extra: Partial<ScoreInput> = {}): ScoreInput {
  return { criteria: THREE, scale: ONE_TO_FIVE, agreements, ...extra };
}

function scoresOf(s: number | null, t: number | null, c: number | null): Record<string, number | null> {
  return { strategic_alignment: s, threat_response: t, capability_enhancement: c };
}

describe("weightedScore", () => {
  it("is 100 · Σ w·s for normalized weights and scores", () => {
    // 100 · (0.5·1 + 0.25·0.5 + 0.25·0) = 62.5
    expect(weightedScore([0.5, 0.25, 0.25], [1, 0.5, 0])).toBe(62.5);
    expect(weightedScore([1], [0.3])).toBeCloseTo(30, 12);
    expect(weightedScore([], [])).toBe(0);
  });

  it("accepts typed arrays", () => {
    expect(weightedScore(Float64Array.of(0.25, 0.75), Float64Array.of(1, 1))).toBe(100);
  });

  it("rejects vectors of different lengths", () => {
    const error = thrownScoringError(() => weightedScore([0.5, 0.5], [1]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("1 scores for 2 weights");
  });
});

describe("scoreAgreements: the weighted score", () => {
  it("maps the scale onto 0–100 and weights the criteria", () => {
    const results = scoreAgreements(
      input([
        { id: "A1", scores: scoresOf(5, 5, 5) },
        { id: "A2", scores: scoresOf(1, 1, 1) },
        // norms 1, 0.5, 0 → 100 · (0.5·1 + 0.25·0.5 + 0.25·0) = 62.5
        { id: "A3", scores: scoresOf(5, 3, 1) },
        // norms 0, 0.5, 1 → 100 · (0 + 0.125 + 0.25) = 37.5
        { id: "A4", scores: scoresOf(1, 3, 5) },
      ]),
    );
    expect(results.map((r) => r.score)).toEqual([100, 0, 62.5, 37.5]);
    expect(results.map((r) => r.rank)).toEqual([1, 4, 2, 3]);
    for (const r of results) {
      expect(r.coverage).toBe(1);
      expect(r.partial).toBe(false);
      expect(r.missingCriteria).toEqual([]);
    }
  });

  it("normalizes the weights itself: raw weights in any unit give the same scores", () => {
    const agreements = [{ id: "A3", scores: scoresOf(5, 3, 1) }];
    const asPercent = THREE.map((c) => ({ ...c, weight: c.weight * 25 }));
    expect(scoreAgreements(input(agreements))[0].score).toBe(62.5);
    expect(scoreAgreements(input(agreements, { criteria: asPercent }))[0].score).toBe(62.5);
  });

  it("takes decimals and other scales", () => {
    const criteria = [
      { id: "a", weight: 1 },
      { id: "b", weight: 3 },
    ];
    // scale 0–10: norms 0.75 and 0.25 → 100 · (0.25·0.75 + 0.75·0.25) = 37.5
    const results = scoreAgreements({
      criteria,
      scale: { min: 0, max: 10 },
      agreements: [{ id: "X", scores: { a: 7.5, b: 2.5 } }],
    });
    expect(results[0].score).toBe(37.5);
  });

  it("gives ties the same rank (1, 2, 2, 4)", () => {
    const results = scoreAgreements(
      input([
        { id: "A", scores: scoresOf(5, 5, 5) },
        { id: "B", scores: scoresOf(3, 3, 3) },
        { id: "C", scores: scoresOf(3, 3, 3) },
        { id: "D", scores: scoresOf(1, 1, 1) },
      ]),
    );
    expect(results.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });

  it("rounds to 10 decimals, so that equal scores reached in a different order tie", () => {
    const criteria = ["a", "b", "c"].map((id) => ({ id, weight: 1 }));
    // Both are (0.125 + 0.125 + 0.5)/3 = 0.25 → 25; summed in this order the second one comes out as
    // 24.999999999999996 in binary floating point.
    const results = scoreAgreements({
      criteria,
      scale: ONE_TO_FIVE,
      agreements: [
        { id: "A", scores: { a: 1.5, b: 1.5, c: 3 } },
        { id: "B", scores: { a: 1.5, b: 3, c: 1.5 } },
      ],
    });
    expect(results.map((r) => r.score)).toEqual([25, 25]);
    expect(results.map((r) => r.rank)).toEqual([1, 1]);
  });

  it("reports a repeating decimal to 10 places", () => {
    const criteria = ["a", "b", "c"].map((id) => ({ id, weight: 1 }));
    // (1 + 0 + 0)/3 → 33.333…
    const results = scoreAgreements({
      criteria,
      scale: ONE_TO_FIVE,
      agreements: [{ id: "A", scores: { a: 5, b: 1, c: 1 } }],
    });
    expect(results[0].score).toBe(33.3333333333);
  });

  it("keeps the input order and the ids", () => {
    const results = scoreAgreements(
      input([
        { id: "low", scores: scoresOf(1, 1, 2) },
        { id: "high", scores: scoresOf(5, 5, 4) },
      ]),
    );
    expect(results.map((r) => r.id)).toEqual(["low", "high"]);
    expect(results.map((r) => r.rank)).toEqual([2, 1]);
  });

  it("returns nothing for no agreements", () => {
    expect(scoreAgreements(input([]))).toEqual([]);
  });

  it("reads a criterion called like an Object.prototype member from the scores only", () => {
    const criteria = [
      { id: "constructor", weight: 1 },
      { id: "toString", weight: 1 },
    ];
    const results = scoreAgreements({
      criteria,
      scale: ONE_TO_FIVE,
      agreements: [
        { id: "A", scores: { constructor: 5 } },
        { id: "B", scores: { constructor: 5, toString: 1 } },
      ],
      missing: "renormalize",
    });
    expect(results[0]).toMatchObject({ score: 100, missingCriteria: ["toString"], partial: true });
    expect(results[1]).toMatchObject({ score: 50, missingCriteria: [], partial: false });
  });
});

describe("scoreAgreements: missing scores", () => {
  const agreements = [
    { id: "full", scores: scoresOf(5, 3, 1) },
    // threat_response explicitly null, capability_enhancement absent
    { id: "gaps", scores: { strategic_alignment: 5, threat_response: null } },
    { id: "empty", scores: {} },
  ];

  it('"exclude" (the default) gives no score and no rank until every criterion is scored', () => {
    const results = scoreAgreements(input(agreements));
    expect(results[0]).toEqual({
      id: "full",
      score: 62.5,
      rank: 1,
      coverage: 1,
      partial: false,
      missingCriteria: [],
    });
    expect(results[1]).toEqual({
      id: "gaps",
      score: null,
      rank: null,
      coverage: 1 / 3,
      partial: false,
      missingCriteria: ["threat_response", "capability_enhancement"],
    });
    expect(results[2]).toMatchObject({ score: null, rank: null, coverage: 0, partial: false });
    expect(results[2].missingCriteria).toEqual([
      "strategic_alignment",
      "threat_response",
      "capability_enhancement",
    ]);
    expect(scoreAgreements(input(agreements, { missing: "exclude" }))).toEqual(results);
  });

  it("treats an undefined value like an absent one", () => {
    const scores = { strategic_alignment: 5, threat_response: 5, capability_enhancement: undefined };
    const [result] = scoreAgreements(
      input([{ id: "A", scores: scores as unknown as Record<string, number> }]),
    );
    expect(result).toMatchObject({ score: null, missingCriteria: ["capability_enhancement"] });
  });

  it('"renormalize" scores the scored criteria with their weights renormalized and flags it', () => {
    const results = scoreAgreements(input(agreements, { missing: "renormalize" }));
    expect(results[0]).toMatchObject({ score: 62.5, partial: false, coverage: 1 });
    // Only strategic_alignment (weight 0.5) is scored, at the top of the scale: 100 · 0.5·1 / 0.5.
    expect(results[1]).toMatchObject({
      score: 100,
      rank: 1,
      partial: true,
      coverage: 1 / 3,
      missingCriteria: ["threat_response", "capability_enhancement"],
    });
    expect(results[0].rank).toBe(2);
    // Nothing scored: no score, not partial.
    expect(results[2]).toMatchObject({ score: null, rank: null, partial: false, coverage: 0 });
  });

  it('"renormalize" divides by the weight of the scored criteria', () => {
    // strategic 5 (norm 1, weight 0.5) and capability 1 (norm 0, weight 0.25): 100 · 0.5 / 0.75
    const [result] = scoreAgreements(
      input([{ id: "A", scores: scoresOf(5, null, 1) }], { missing: "renormalize" }),
    );
    expect(result.score).toBe(66.6666666667);
    expect(result.coverage).toBe(2 / 3);
  });

  it('"renormalize" gives no score when only criteria of weight 0 are scored', () => {
    const criteria = [
      { id: "heavy", weight: 1 },
      { id: "weightless", weight: 0 },
    ];
    const [result] = scoreAgreements({
      criteria,
      scale: ONE_TO_FIVE,
      agreements: [{ id: "A", scores: { weightless: 4 } }],
      missing: "renormalize",
    });
    expect(result).toEqual({
      id: "A",
      score: null,
      rank: null,
      coverage: 0.5,
      partial: false,
      missingCriteria: ["heavy"],
    });
  });

  it('"zero" counts a missing score as the scale minimum and flags it', () => {
    const results = scoreAgreements(input(agreements, { missing: "zero" }));
    expect(results[0]).toMatchObject({ score: 62.5, partial: false, rank: 1 });
    // strategic 5 → 100 · 0.5; the two missing count as 1, the minimum, i.e. norm 0.
    expect(results[1]).toMatchObject({ score: 50, partial: true, rank: 2, coverage: 1 / 3 });
    expect(results[2]).toMatchObject({ score: 0, partial: true, rank: 3, coverage: 0 });
  });

  it('"zero" uses the minimum of a scale that does not start at 0', () => {
    const zeroPolicy = scoreAgreements(
      input([{ id: "A", scores: scoresOf(null, 5, 5) }], { scale: { min: 2, max: 5 }, missing: "zero" }),
    );
    const explicitMinimum = scoreAgreements(
      input([{ id: "A", scores: scoresOf(2, 5, 5) }], { scale: { min: 2, max: 5 } }),
    );
    expect(zeroPolicy[0].score).toBe(50);
    expect(explicitMinimum[0].score).toBe(50);
  });

  it("counts a criterion of weight 0 for coverage", () => {
    const criteria = [
      { id: "counted", weight: 1 },
      { id: "weightless", weight: 0 },
    ];
    const agreements0 = [{ id: "A", scores: { counted: 5 } }];
    const exclude = scoreAgreements({ criteria, scale: ONE_TO_FIVE, agreements: agreements0 });
    const renormalize = scoreAgreements({
      criteria,
      scale: ONE_TO_FIVE,
      agreements: agreements0,
      missing: "renormalize",
    });
    expect(exclude[0]).toMatchObject({ score: null, coverage: 0.5, missingCriteria: ["weightless"] });
    expect(renormalize[0]).toMatchObject({ score: 100, coverage: 0.5, partial: true });
  });

  it("leaves unscored agreements out of everyone else's rank", () => {
    const results = scoreAgreements(
      input([
        { id: "A", scores: scoresOf(2, 2, 2) },
        { id: "B", scores: scoresOf(5, null, 5) },
        { id: "C", scores: scoresOf(4, 4, 4) },
      ]),
    );
    expect(results.map((r) => r.rank)).toEqual([2, null, 1]);
  });
});

describe("scoreAgreements: validation", () => {
  it("rejects a score for a criterion that does not exist, naming agreement and key", () => {
    const error = thrownScoringError(() =>
      scoreAgreements(
        input([
          { id: "A1", scores: scoresOf(1, 1, 1) },
          { id: "NATO", scores: { threat_respons: 3 } },
        ]),
      ),
    );
    expect(error.code).toBe("UnknownCriterion");
    expect(error.place).toEqual({ agreementId: "NATO", criterionId: "threat_respons", index: 1 });
    expect(error.message).toContain("NATO");
    expect(error.message).toContain('"threat_respons"');
    expect(error.message).toContain("remove that score or add a criterion");
  });

  it("rejects duplicate agreement ids", () => {
    const error = thrownScoringError(() =>
      scoreAgreements(
        input([
          { id: "A1", scores: {} },
          { id: "A2", scores: {} },
          { id: "A1", scores: {} },
        ]),
      ),
    );
    expect(error.code).toBe("DuplicateId");
    expect(error.place).toEqual({ agreementId: "A1", index: 2 });
    expect(error.message).toContain("Agreements 1 and 3 both have id A1");
  });

  it("rejects duplicate criterion ids", () => {
    const criteria = [...THREE, { id: "threat_response", weight: 1 }];
    const error = thrownScoringError(() => scoreAgreements(input([], { criteria })));
    expect(error.code).toBe("DuplicateId");
    expect(error.place).toEqual({ criterionId: "threat_response", index: 3 });
    expect(error.message).toContain('Criteria 2 and 4 both have id "threat_response"');
  });

  it.each([
    ["text", "4", "InvalidScore"],
    ["NaN", Number.NaN, "InvalidScore"],
    ["Infinity", Number.POSITIVE_INFINITY, "InvalidScore"],
    ["-Infinity", Number.NEGATIVE_INFINITY, "InvalidScore"],
    ["a boolean", true, "InvalidScore"],
    ["above the scale", 7, "ScoreOutOfScale"],
    ["below the scale", 0.99, "ScoreOutOfScale"],
  ])("rejects a score that is %s, naming agreement and criterion", (_label, bad, code) => {
    const scores = { ...scoresOf(3, 3, 3), threat_response: bad } as unknown as Record<string, number>;
    for (const missing of ["exclude", "renormalize", "zero"] as const) {
      const error = thrownScoringError(() => scoreAgreements(input([{ id: "A7", scores }], { missing })));
      expect(error.code).toBe(code);
      expect(error.place).toEqual({ agreementId: "A7", criterionId: "threat_response" });
      expect(error.message).toContain("A7");
      expect(error.message).toContain('"threat_response"');
    }
  });

  it("names the scale in an out-of-scale error and says what to enter", () => {
    const error = thrownScoringError(() => scoreAgreements(input([{ id: "A1", scores: scoresOf(7, 1, 1) }])));
    expect(error.message).toContain("1–5");
    expect(error.message).toContain("enter a value from 1 to 5");
  });

  it("accepts the scale bounds themselves", () => {
    const [result] = scoreAgreements(input([{ id: "A", scores: scoresOf(1, 5, 1) }]));
    expect(result.score).toBe(25);
  });

  it("rejects an invalid scale", () => {
    expect(thrownScoringError(() => scoreAgreements(input([], { scale: { min: 5, max: 5 } }))).code).toBe(
      "InvalidScale",
    );
    expect(
      thrownScoringError(() => scoreAgreements(input([], { scale: { min: 1, max: Number.NaN } }))).code,
    ).toBe("InvalidScale");
  });

  it("rejects a negative or non-finite weight, naming the criterion", () => {
    const negative = THREE.map((c, i) => (i === 1 ? { ...c, weight: -1 } : c));
    const error = thrownScoringError(() => scoreAgreements(input([], { criteria: negative })));
    expect(error.code).toBe("InvalidWeight");
    expect(error.place).toEqual({ criterionId: "threat_response", index: 1 });
    expect(error.message).toContain("threat_response");

    const notFinite = THREE.map((c, i) => (i === 2 ? { ...c, weight: Number.POSITIVE_INFINITY } : c));
    const error2 = thrownScoringError(() => scoreAgreements(input([], { criteria: notFinite })));
    expect(error2.code).toBe("InvalidWeight");
    expect(error2.place).toEqual({ criterionId: "capability_enhancement", index: 2 });
  });

  it("rejects all-zero weights", () => {
    const zero = THREE.map((c) => ({ ...c, weight: 0 }));
    expect(thrownScoringError(() => scoreAgreements(input([], { criteria: zero }))).code).toBe(
      "AllWeightsZero",
    );
  });

  it("rejects an empty list of criteria", () => {
    expect(thrownScoringError(() => scoreAgreements(input([], { criteria: [] }))).code).toBe(
      "InvalidArgument",
    );
  });

  it("rejects an unknown missing-score policy", () => {
    const error = thrownScoringError(() =>
      scoreAgreements(input([], { missing: "ignore" as unknown as "zero" })),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain('"ignore"');
    expect(error.message).toContain('"exclude", "renormalize" or "zero"');
  });

  it("rejects a criterion without an id", () => {
    const criteria = [THREE[0], { id: "", weight: 1 }];
    const error = thrownScoringError(() => scoreAgreements(input([], { criteria })));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toContain("Criterion 2 has no id");
  });

  it("rejects an agreement without an id", () => {
    const agreements = [{ id: "A1", scores: {} }, { scores: {} } as unknown as AgreementScores];
    const error = thrownScoringError(() => scoreAgreements(input(agreements)));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toContain("Agreement 2 has no id");
  });

  it("rejects an agreement without a scores object", () => {
    const agreements = [{ id: "A1", scores: null } as unknown as AgreementScores];
    const error = thrownScoringError(() => scoreAgreements(input(agreements)));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ agreementId: "A1", index: 0 });
  });
});

describe("contributions", () => {
  it("splits the score into the points each criterion adds", () => {
    const rows = contributions(input([{ id: "A3", scores: scoresOf(5, 3, 1) }]));
    // 100 · 0.5·1, 100 · 0.25·0.5, 100 · 0.25·0
    expect(rows).toEqual([{ id: "A3", points: [50, 12.5, 0] }]);
  });

  it("sums to the score under every policy", () => {
    const agreements = [
      { id: "A", scores: scoresOf(4.2, 2.7, 3.9) },
      { id: "B", scores: scoresOf(null, 2.7, 3.9) },
      { id: "C", scores: scoresOf(1.3, null, null) },
    ];
    for (const missing of ["exclude", "renormalize", "zero"] as const) {
      const results = scoreAgreements(input(agreements, { missing }));
      const rows = contributions(input(agreements, { missing }));
      rows.forEach((row, a) => {
        expect(row.id).toBe(results[a].id);
        const score = results[a].score;
        if (score === null) {
          expect(row.points.every((p) => p === null)).toBe(true);
          return;
        }
        const total = row.points.reduce<number>((sum, p) => sum + (p as number), 0);
        expect(total).toBeCloseTo(score, 9);
      });
    }
  });

  it("gives a missing criterion 0 points when there is a score, and renormalizes the others", () => {
    const [row] = contributions(
      input([{ id: "A", scores: scoresOf(5, null, 1) }], { missing: "renormalize" }),
    );
    // 100 · 0.5·1 / 0.75, 0 (missing), 100 · 0.25·0 / 0.75
    expect(row.points[0]).toBeCloseTo(200 / 3, 12);
    expect(row.points.slice(1)).toEqual([0, 0]);
  });

  it("gives all null points when the policy gives no score", () => {
    const [row] = contributions(input([{ id: "A", scores: scoresOf(5, null, 1) }]));
    expect(row.points).toEqual([null, null, null]);
  });

  it("validates like scoreAgreements", () => {
    const error = thrownScoringError(() => contributions(input([{ id: "A", scores: { unknown_thing: 2 } }])));
    expect(error.code).toBe("UnknownCriterion");
    expect(error.place).toEqual({ agreementId: "A", criterionId: "unknown_thing", index: 0 });
  });
});
