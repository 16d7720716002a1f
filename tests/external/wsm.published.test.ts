/**
 * Published worked example of the weighted sum model (WSM).
 *
 * Source: E. Triantaphyllou (2000), "Multi-Criteria Decision Making Methods: A Comparative Study",
 * Kluwer Academic Publishers (Applied Optimization, vol. 44), chapter 2, the numerical example of the
 * WSM: three alternatives, four criteria in the same unit, weights 0.20, 0.15, 0.40, 0.25;
 * A1 = (25, 20, 15, 30), A2 = (10, 30, 20, 30), A3 = (30, 10, 30, 10); published WSM scores
 * A1 = 21.50, A2 = 22.00, A3 = 22.00 (two decimals). The same decision matrix and scores are
 * reproduced in the Wikipedia article "Weighted sum model", which cites this book.
 *
 * Checked by hand against the formula A_i = Σ_j w_j · a_ij before use:
 *   A1 = 0.20·25 + 0.15·20 + 0.40·15 + 0.25·30 = 5 + 3   + 6  + 7.5 = 21.5
 *   A2 = 0.20·10 + 0.15·30 + 0.40·20 + 0.25·30 = 2 + 4.5 + 8  + 7.5 = 22.0
 *   A3 = 0.20·30 + 0.15·10 + 0.40·30 + 0.25·10 = 6 + 1.5 + 12 + 2.5 = 22.0
 *
 * Mapping onto the model: with the scale 0–100, norm(s) = s/100, so 100 · Σ w·norm(s) = Σ w·s, the
 * raw weighted sum the book computes.
 */
import { contributions, scoreAgreements } from "../../src/scoring/score";
import type { ScoreInput } from "../../src/scoring/types";

const PUBLISHED: ScoreInput = {
  criteria: [
    { id: "C1", weight: 0.2 },
    { id: "C2", weight: 0.15 },
    { id: "C3", weight: 0.4 },
    { id: "C4", weight: 0.25 },
  ],
  scale: { min: 0, max: 100 },
  agreements: [
    { id: "A1", scores: { C1: 25, C2: 20, C3: 15, C4: 30 } },
    { id: "A2", scores: { C1: 10, C2: 30, C3: 20, C4: 30 } },
    { id: "A3", scores: { C1: 30, C2: 10, C3: 30, C4: 10 } },
  ],
};

describe("Triantaphyllou (2000), ch. 2: weighted sum model example", () => {
  it("reproduces the published WSM scores to two decimals", () => {
    const results = scoreAgreements(PUBLISHED);
    expect(results.map((r) => r.id)).toEqual(["A1", "A2", "A3"]);
    expect(results[0].score).toBeCloseTo(21.5, 2);
    expect(results[1].score).toBeCloseTo(22.0, 2);
    expect(results[2].score).toBeCloseTo(22.0, 2);
  });

  it("ties A2 and A3 for first place and ranks A1 third", () => {
    expect(scoreAgreements(PUBLISHED).map((r) => r.rank)).toEqual([3, 1, 1]);
  });

  it("gives the same result with the weights entered as percentages", () => {
    const percent = {
      ...PUBLISHED,
      criteria: PUBLISHED.criteria.map((c) => ({ ...c, weight: c.weight * 100 })),
    };
    expect(scoreAgreements(percent).map((r) => r.score)).toEqual(
      scoreAgreements(PUBLISHED).map((r) => r.score),
    );
  });

  it("splits A1's score into the per-criterion terms of the hand check", () => {
    const [a1] = contributions(PUBLISHED);
    const expected = [5, 3, 6, 7.5];
    a1.points.forEach((points, j) => expect(points as number).toBeCloseTo(expected[j], 10));
  });
});
