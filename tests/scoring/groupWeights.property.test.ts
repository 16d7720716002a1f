import fc from "fast-check";
import { SAATY_SCALE } from "../../src/scoring/ahp";
import { weightsConsensus } from "../../src/scoring/groupConsensus";
import { groupAhp, groupWeights, reviewerDisagreement } from "../../src/scoring/groupWeights";

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/** Non-negative values, at least one positive; zeros appear often, as they do in real weights. */
const nonNegative = (length: number) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e3, noNaN: true })), {
      minLength: length,
      maxLength: length,
    })
    .filter((values) => values.some((v) => v > 0));

/** A panel's views of the criteria (weights or judgment matrices), one a reviewer. */
interface Panel<View> {
  views: View[];
  importance: number[] | undefined;
  /** A reordering of the reviewers: order[k] is the reviewer placed k-th. */
  order: number[];
}

const orderOf = (reviewers: number) =>
  fc.array(fc.double({ noNaN: true }), { minLength: reviewers, maxLength: reviewers }).map((keys) =>
    keys
      .map((key, k) => ({ key, k }))
      .sort((a, b) => a.key - b.key || a.k - b.k)
      .map((e) => e.k),
  );

/** Panels of 1 to `maxReviewers` reviewers, each giving `view` of the same 1 to `maxCriteria` criteria. */
const panelsOf = <View>(
  maxReviewers: number,
  maxCriteria: number,
  view: (criteria: number) => fc.Arbitrary<View>,
): fc.Arbitrary<Panel<View>> =>
  fc
    .record({
      reviewers: fc.integer({ min: 1, max: maxReviewers }),
      criteria: fc.integer({ min: 1, max: maxCriteria }),
    })
    .chain(({ reviewers, criteria }) =>
      fc.record({
        views: fc.array(view(criteria), { minLength: reviewers, maxLength: reviewers }),
        importance: fc.option(nonNegative(reviewers), { nil: undefined }),
        order: orderOf(reviewers),
      }),
    );

const panels = panelsOf(7, 8, nonNegative);

const reorder = <T>(values: readonly T[], order: readonly number[]) => order.map((k) => values[k]);

const expectClose = (actual: readonly number[], expected: readonly number[]) =>
  actual.forEach((v, j) => expect(Math.abs(v - expected[j])).toBeLessThan(1e-12));

describe("groupWeights (properties)", () => {
  it.each(["mean", "median"] as const)(
    "%s: non-negative, sums to 1, ignores the reviewers' order",
    (method) => {
      fc.assert(
        fc.property(panels, ({ views: weights, importance, order }) => {
          let team: number[];
          try {
            team = groupWeights(weights, { method, importance });
          } catch (error) {
            // Only a median can be 0 for every criterion; nothing else may throw on valid input.
            expect(method).toBe("median");
            expect((error as { code?: string }).code).toBe("AllWeightsZero");
            return;
          }
          expect(Math.abs(sum(team) - 1)).toBeLessThan(1e-12);
          team.forEach((w) => expect(w).toBeGreaterThanOrEqual(0));
          const shuffled = groupWeights(reorder(weights, order), {
            method,
            importance: importance && reorder(importance, order),
          });
          expectClose(shuffled, team);
        }),
      );
    },
  );

  it("mean: each team weight lies between the reviewers' lowest and highest (normalized) weight", () => {
    fc.assert(
      fc.property(panels, ({ views: weights, importance }) => {
        const team = groupWeights(weights, { importance });
        const normalized = weights.map((w) => w.map((v) => v / sum(w)));
        team.forEach((t, j) => {
          const column = normalized
            .filter((_, k) => importance === undefined || importance[k] > 0)
            .map((w) => w[j]);
          expect(t).toBeGreaterThanOrEqual(Math.min(...column) - 1e-12);
          expect(t).toBeLessThanOrEqual(Math.max(...column) + 1e-12);
        });
      }),
    );
  });
});

describe("weightsConsensus (properties)", () => {
  it("lies in [0, 1], ignores the reviewers' order, and is 1 for a panel of clones", () => {
    fc.assert(
      fc.property(panels, ({ views: weights, importance, order }) => {
        const consensus = weightsConsensus(weights, { importance });
        expect(consensus).toBeGreaterThanOrEqual(0);
        expect(consensus).toBeLessThanOrEqual(1);
        const shuffled = weightsConsensus(reorder(weights, order), {
          importance: importance && reorder(importance, order),
        });
        expect(Math.abs(shuffled - consensus)).toBeLessThan(1e-12);
        const clones = weights.map(() => weights[0].map((v) => v * 7));
        expect(weightsConsensus(clones, { importance })).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe("reviewerDisagreement (properties)", () => {
  it("distance is half the sum of the gaps, within 0–100, and the gaps are sorted by size", () => {
    fc.assert(
      fc.property(panels, ({ views: weights }) => {
        const team = groupWeights(weights);
        const ids = team.map((_, j) => `c${j}`);
        for (const r of reviewerDisagreement(weights, team, ids)) {
          expect(r.distance).toBeGreaterThanOrEqual(0);
          expect(r.distance).toBeLessThanOrEqual(100 + 1e-9);
          expect(Math.abs(r.distance - sum(r.criteria.map((c) => Math.abs(c.difference))) / 2)).toBeLessThan(
            1e-9,
          );
          for (let k = 1; k < r.criteria.length; k++) {
            expect(Math.abs(r.criteria[k].difference)).toBeLessThanOrEqual(
              Math.abs(r.criteria[k - 1].difference) + 1e-9,
            );
          }
        }
      }),
    );
  });
});

/** A reciprocal matrix of n criteria with judgments from Saaty's scale. */
const saatyMatrix = (n: number) =>
  fc
    .array(fc.constantFrom(...SAATY_SCALE), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 })
    .map((upper) => {
      const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let next = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          matrix[i][j] = upper[next++];
          matrix[j][i] = 1 / matrix[i][j];
        }
      }
      return matrix;
    });

const judgmentPanels = panelsOf(6, 7, saatyMatrix);

describe("groupAhp (properties)", () => {
  it("weights sum to 1, consensus lies in [0, 1], and the reviewers' order does not matter", () => {
    fc.assert(
      fc.property(judgmentPanels, ({ views: matrices, importance, order }) => {
        const result = groupAhp(matrices, { importance });
        expect(Math.abs(sum(result.weights) - 1)).toBeLessThan(1e-12);
        expect(result.consensus).toBeGreaterThanOrEqual(0);
        expect(result.consensus).toBeLessThanOrEqual(1);
        const shuffled = groupAhp(reorder(matrices, order), {
          importance: importance && reorder(importance, order),
        });
        expectClose(shuffled.weights, result.weights);
        expect(Math.abs(shuffled.consensus - result.consensus)).toBeLessThan(1e-12);
        expect(Math.abs(shuffled.cr - result.cr)).toBeLessThan(1e-9);
      }),
    );
  });

  it("a panel of identical judgments has consensus 1 and the individual weights", () => {
    fc.assert(
      fc.property(judgmentPanels, ({ views: matrices }) => {
        const clones = matrices.map(() => matrices[0]);
        const result = groupAhp(clones);
        expect(result.consensus).toBeCloseTo(1, 12);
        expectClose(result.weights, result.reviewers[0].weights);
      }),
    );
  });
});
