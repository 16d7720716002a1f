import fc from "fast-check";
import { ahpWeights, pairwiseFromUpper } from "../../src/scoring/ahp";
import {
  normalizeWeights,
  rankOrderCentroid,
  rocFromRanks,
  setWeightWithLocks,
} from "../../src/scoring/weights";

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/** Non-negative weights, at least one positive; zeros appear often, as they do in real use. */
const rawWeights = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true })), {
      minLength: 1,
      maxLength,
    })
    .filter((ws) => ws.some((w) => w > 0));

describe("normalizeWeights (properties)", () => {
  it("sums to 1 within 1e-12 and keeps every ratio", () => {
    fc.assert(
      fc.property(rawWeights(20), (weights) => {
        const normalized = normalizeWeights(weights);
        expect(Math.abs(sum(normalized) - 1)).toBeLessThan(1e-12);
        const reference = weights.findIndex((w) => w > 0);
        normalized.forEach((w, k) => {
          // w_k / w_ref must equal raw_k / raw_ref: compare cross products relatively.
          const expected = weights[k] * normalized[reference];
          expect(Math.abs(w * weights[reference] - expected)).toBeLessThanOrEqual(
            1e-12 * Math.max(expected, 1e-300),
          );
        });
      }),
    );
  });
});

describe("rank-order centroid (properties)", () => {
  it("is strictly decreasing and sums to 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
        const weights = rankOrderCentroid(n);
        expect(weights).toHaveLength(n);
        expect(Math.abs(sum(weights) - 1)).toBeLessThan(1e-12);
        for (let k = 1; k < n; k++) expect(weights[k]).toBeLessThan(weights[k - 1]);
      }),
    );
  });

  it("from ranks with ties: sums to 1, follows the ranks, and ties weigh the same", () => {
    const ranks = fc
      .integer({ min: 1, max: 20 })
      .chain((n) => fc.array(fc.integer({ min: 1, max: n }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(ranks, (rs) => {
        const weights = rocFromRanks(rs);
        expect(Math.abs(sum(weights) - 1)).toBeLessThan(1e-12);
        rs.forEach((a, i) =>
          rs.forEach((b, j) => {
            if (a < b) expect(weights[i]).toBeGreaterThan(weights[j]);
            if (a === b) expect(weights[i]).toBe(weights[j]);
          }),
        );
      }),
    );
  });
});

describe("setWeightWithLocks (properties)", () => {
  const request = rawWeights(20).chain((weights) =>
    fc.record({
      weights: fc.constant(weights),
      locked: fc.array(fc.boolean(), { minLength: weights.length, maxLength: weights.length }),
      index: fc.integer({ min: 0, max: weights.length - 1 }),
      share: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
    }),
  );

  it("never moves a locked weight, sums to 1, stays non-negative and keeps the others' ratios", () => {
    fc.assert(
      fc.property(request, ({ weights, locked, index, share }) => {
        const before = normalizeWeights(weights);
        const { weights: after, share: applied, clamped } = setWeightWithLocks(weights, locked, index, share);
        expect(Math.abs(sum(after) - 1)).toBeLessThan(1e-12);
        after.forEach((w) => expect(w).toBeGreaterThanOrEqual(0));
        expect(after[index]).toBe(applied);
        // -0 and 0 are the same share; the result's weights never carry a negative zero.
        if (!clamped) expect(applied === share).toBe(true);
        const free = before.map((_, j) => j).filter((j) => j !== index && !locked[j]);
        before.forEach((w, j) => {
          if (j !== index && locked[j]) expect(after[j]).toBe(w);
        });
        if (free.length === 0) expect(after).toEqual(before);
        // Unlocked others keep their ratios: after_j · before_k = after_k · before_j.
        for (const j of free) {
          for (const k of free) {
            expect(Math.abs(after[j] * before[k] - after[k] * before[j])).toBeLessThanOrEqual(1e-12);
          }
        }
      }),
    );
  });
});

describe("AHP (properties)", () => {
  const positiveWeights = fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), {
    minLength: 1,
    maxLength: 10,
  });

  it("a consistent matrix a_ij = w_i / w_j gives CR ≈ 0 and returns w", () => {
    fc.assert(
      fc.property(positiveWeights, (w) => {
        const matrix = w.map((wi) => w.map((wj) => wi / wj));
        const result = ahpWeights(matrix);
        expect(Math.abs(result.cr)).toBeLessThan(1e-9);
        expect(Math.abs(result.lambdaMax - w.length)).toBeLessThan(1e-9);
        const total = sum(w);
        result.weights.forEach((x, k) => expect(Math.abs(x - w[k] / total)).toBeLessThan(1e-9));
      }),
    );
  });

  it("the same holds when the matrix is built from upper-triangle judgments", () => {
    fc.assert(
      fc.property(positiveWeights, (w) => {
        const judgments = w.flatMap((wi, i) =>
          w.slice(i + 1).map((wj, k) => ({ i, j: i + 1 + k, value: wi / wj })),
        );
        const result = ahpWeights(pairwiseFromUpper(w.length, judgments));
        expect(Math.abs(result.cr)).toBeLessThan(1e-9);
        const total = sum(w);
        result.weights.forEach((x, k) => expect(Math.abs(x - w[k] / total)).toBeLessThan(1e-9));
      }),
    );
  });

  it("any judgments on Saaty's scale give positive weights summing to 1 with λmax ≥ n", () => {
    const saaty = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9);
    const judged = fc
      .integer({ min: 1, max: 10 })
      .chain((n) =>
        fc
          .array(saaty, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 })
          .map((values) => ({ n, values })),
      );
    fc.assert(
      fc.property(judged, ({ n, values }) => {
        const judgments: { i: number; j: number; value: number }[] = [];
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) judgments.push({ i, j, value: values[judgments.length] });
        const result = ahpWeights(pairwiseFromUpper(n, judgments));
        expect(Math.abs(sum(result.weights) - 1)).toBeLessThan(1e-12);
        result.weights.forEach((w) => expect(w).toBeGreaterThan(0));
        expect(result.lambdaMax).toBeGreaterThanOrEqual(n);
        expect(result.cr).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
