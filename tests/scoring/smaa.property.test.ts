import fc from "fast-check";
import { smaa } from "../../src/scoring/smaa";
import type { SmaaInput } from "../../src/scoring/smaa";

/**
 * Scores on a coarse grid make ties (and identical rows) common, which is where the fair sharing of
 * tied ranks has to keep rows and columns summing to 1; continuous scores cover the general case.
 */
const coarseScore = fc.constantFrom(0, 0.25, 0.5, 0.75, 1);
const anyScore = fc.double({ min: 0, max: 1, noNaN: true });

const smaaInputs: fc.Arbitrary<SmaaInput> = fc
  .record({
    m: fc.integer({ min: 1, max: 8 }),
    n: fc.integer({ min: 1, max: 4 }),
    coarse: fc.boolean(),
  })
  .chain(({ m, n, coarse }) =>
    fc.record({
      scores: fc.array(fc.array(coarse ? coarseScore : anyScore, { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      samples: fc.integer({ min: 1, max: 300 }),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      weights: fc.oneof(
        fc.constant(undefined),
        fc.constant({ kind: "uniform" as const }),
        fc.record({
          kind: fc.constant("dirichlet" as const),
          center: fc
            .array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n })
            .filter((c) => c.some((x) => x > 0)),
          concentration: fc.double({ min: 0.1, max: 100, noNaN: true }),
        }),
      ),
      scoreSpread: fc.option(
        fc.array(fc.array(fc.constantFrom(0, 0.05, 0.3), { minLength: n, maxLength: n }), {
          minLength: m,
          maxLength: m,
        }),
        { nil: undefined },
      ),
    }),
  );

const TOLERANCE = 1e-9;

describe("smaa properties", () => {
  it("every alternative's acceptabilities over ranks, and every rank's over alternatives, sum to 1", () => {
    fc.assert(
      fc.property(smaaInputs, (input) => {
        const { rankAcceptability, centralWeights, confidence } = smaa(input);
        const m = input.scores.length;
        for (let i = 0; i < m; i++) {
          const rowSum = rankAcceptability[i].reduce((a, b) => a + b, 0);
          if (Math.abs(rowSum - 1) > TOLERANCE) return false;
          if (rankAcceptability[i].some((b) => b < -TOLERANCE || b > 1 + TOLERANCE)) return false;
        }
        for (let r = 0; r < m; r++) {
          const columnSum = rankAcceptability.reduce((total, row) => total + row[r], 0);
          if (Math.abs(columnSum - 1) > TOLERANCE) return false;
        }
        // Central weights are on the simplex, or all zero for an alternative never first.
        for (let i = 0; i < m; i++) {
          const weightSum = centralWeights[i].reduce((a, b) => a + b, 0);
          const neverFirst = rankAcceptability[i][0] === 0;
          if (neverFirst ? weightSum !== 0 : Math.abs(weightSum - 1) > TOLERANCE) return false;
          if (confidence[i] < 0 || confidence[i] > 1 || (neverFirst && confidence[i] !== 0)) return false;
        }
        return true;
      }),
      { numRuns: 200, seed: 424242 },
    );
  });

  it("the same seed gives identical results", () => {
    fc.assert(
      fc.property(smaaInputs, (input) => {
        expect(smaa(input)).toEqual(smaa({ ...input, scores: input.scores.map((row) => [...row]) }));
      }),
      { numRuns: 100, seed: 515151 },
    );
  });

  /**
   * An alternative ≥ every other on every criterion and > on at least one wins every draw whose
   * weights are all positive. Uniform weights are positive with probability 1; a Dirichlet is kept to
   * α_j ≥ 1 so that no weight is so close to 0 that w_j·(a_j − b_j) vanishes beside the sum in
   * floating point (then the two alternatives would tie, as they should at that precision).
   */
  it("a dominating alternative has first-rank acceptability exactly 1", () => {
    const dominated = fc
      .record({ m: fc.integer({ min: 2, max: 8 }), n: fc.integer({ min: 1, max: 4 }) })
      .chain(({ m, n }) =>
        fc.record({
          others: fc.array(
            fc.array(fc.double({ min: 0, max: 0.9, noNaN: true }), { minLength: n, maxLength: n }),
            {
              minLength: m - 1,
              maxLength: m - 1,
            },
          ),
          better: fc.integer({ min: 0, max: n - 1 }),
          margin: fc.double({ min: 0.01, max: 0.1, noNaN: true }),
          position: fc.integer({ min: 0, max: m - 1 }),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          dirichlet: fc.option(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n, maxLength: n }), {
            nil: undefined,
          }),
        }),
      );
    fc.assert(
      fc.property(dominated, ({ others, better, margin, position, seed, dirichlet }) => {
        const n = others[0].length;
        const best = Array.from({ length: n }, (_, j) => Math.max(...others.map((row) => row[j])));
        best[better] += margin;
        const scores = [...others];
        scores.splice(position, 0, best);
        const weights: SmaaInput["weights"] =
          dirichlet === undefined
            ? { kind: "uniform" }
            : // α_j = concentration · c_j / Σc ≥ 1 when the concentration is 5n (c_j ≥ 1, Σc ≤ 5n).
              { kind: "dirichlet", center: dirichlet, concentration: 5 * n };
        const result = smaa({ scores, samples: 200, seed, weights });
        expect(result.rankAcceptability[position][0]).toBe(1);
        expect(result.confidence[position]).toBe(1);
      }),
      { numRuns: 200, seed: 616161 },
    );
  });
});
