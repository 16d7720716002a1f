/**
 * A fast-check generator of flat scorecards for the scoring model's property tests: any scale,
 * any positive-somewhere weights, in-scale doubles with missing scores, under any policy.
 */
import fc from "fast-check";
import type { AgreementScores, MissingPolicy, Scale, ScoreInput } from "../../src/scoring";

export const POLICIES: MissingPolicy[] = ["exclude", "renormalize", "zero"];

export interface ScoreInputOptions {
  /** One raw weight; at least one criterion's is drawn above 0. */
  weight: fc.Arbitrary<number>;
  maxCriteria: number;
  minAgreements: number;
  /** A score is blank about once in this many cells. */
  blankFreq: number;
}

export function scoreInputs(options: ScoreInputOptions): fc.Arbitrary<ScoreInput> {
  return fc
    .record({
      weights: fc
        .array(options.weight, { minLength: 1, maxLength: options.maxCriteria })
        .filter((weights) => weights.some((w) => w > 0)),
      min: fc.double({ min: -100, max: 100, noNaN: true }),
      width: fc.double({ min: 1e-3, max: 100, noNaN: true }),
      agreementCount: fc.integer({ min: options.minAgreements, max: 8 }),
      policy: fc.constantFrom(...POLICIES),
    })
    .chain(({ weights, min, width, agreementCount, policy }) => {
      const scale: Scale = { min, max: min + width };
      const cell = fc.option(fc.double({ min: scale.min, max: scale.max, noNaN: true }), {
        freq: options.blankFreq,
        nil: null,
      });
      const row = fc.array(cell, { minLength: weights.length, maxLength: weights.length });
      return fc.array(row, { minLength: agreementCount, maxLength: agreementCount }).map((rows) => ({
        criteria: weights.map((weight, j) => ({ id: `c${j}`, weight })),
        scale,
        missing: policy,
        agreements: rows.map((values, a): AgreementScores => ({
          id: `A${a}`,
          scores: Object.fromEntries(values.map((v, j) => [`c${j}`, v])),
        })),
      }));
    });
}
