import fc from "fast-check";
import { scoreAgreements } from "../../src/scoring/score";
import type { Scale, ScoreInput } from "../../src/scoring/types";
import { POLICIES, scoreInputs } from "./scoreInputs";

/**
 * Scorecards on a grid: integer weights 0–20 (at least one positive), integer scale bounds, scores
 * at eighths of the scale. Every score is then a rational with a small denominator, so a true tie
 * stays a tie after rounding to 10 decimals whatever order the sum is taken in; that is what lets the
 * properties below compare ranks exactly.
 */
function scorecard(options: { missing: boolean }): fc.Arbitrary<ScoreInput> {
  return fc
    .record({
      weights: fc
        .array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 6 })
        .filter((weights) => weights.some((w) => w > 0)),
      min: fc.integer({ min: -5, max: 5 }),
      width: fc.integer({ min: 1, max: 10 }),
      agreementCount: fc.integer({ min: 0, max: 12 }),
      policy: fc.constantFrom(...POLICIES),
    })
    .chain(({ weights, min, width, agreementCount, policy }) => {
      const scale: Scale = { min, max: min + width };
      const cell = options.missing
        ? fc.option(fc.integer({ min: 0, max: 8 }), { freq: 4, nil: null })
        : fc.integer({ min: 0, max: 8 });
      const row = fc.array(cell, { minLength: weights.length, maxLength: weights.length });
      return fc.array(row, { minLength: agreementCount, maxLength: agreementCount }).map((rows) => ({
        criteria: weights.map((weight, j) => ({ id: `c${j}`, weight })),
        scale,
        missing: policy,
        agreements: rows.map((eighths, a) => ({
          id: `A${a}`,
          scores: Object.fromEntries(
            eighths.map((k, j) => [`c${j}`, k === null ? null : scale.min + (k * width) / 8]),
          ),
        })),
      }));
    });
}

/** Any in-scale doubles and any non-negative double weights, for the bounds and monotonicity. */
const wildScorecard = () =>
  scoreInputs({
    weight: fc.double({ min: 0, max: 1e6, noNaN: true }),
    maxCriteria: 8,
    minAgreements: 1,
    blankFreq: 5,
  });

describe("scoreAgreements properties", () => {
  it("keeps every score within 0–100", () => {
    fc.assert(
      fc.property(wildScorecard(), (input) => {
        for (const { score } of scoreAgreements(input)) {
          if (score === null) continue;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it("never lowers an agreement's score when one of its scores is raised", () => {
    const raise = wildScorecard().chain((input) =>
      fc.record({
        input: fc.constant(input),
        agreement: fc.integer({ min: 0, max: input.agreements.length - 1 }),
        criterion: fc.integer({ min: 0, max: input.criteria.length - 1 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(raise, ({ input, agreement, criterion, share }) => {
        const id = `c${criterion}`;
        const before = input.agreements[agreement].scores[id];
        fc.pre(before !== null);
        const old = before as number;
        const raised = Math.min(input.scale.max, old + share * (input.scale.max - old));
        const agreements = input.agreements.map((a, i) =>
          i === agreement ? { ...a, scores: { ...a.scores, [id]: raised } } : a,
        );
        const oldScore = scoreAgreements(input)[agreement].score;
        const newScore = scoreAgreements({ ...input, agreements })[agreement].score;
        if (oldScore === null) {
          expect(newScore).toBeNull();
        } else {
          expect(newScore).not.toBeNull();
          expect(newScore as number).toBeGreaterThanOrEqual(oldScore);
        }
      }),
    );
  });

  it("ranks agree with scores: rank = 1 + the number of strictly greater scores", () => {
    fc.assert(
      fc.property(fc.oneof(scorecard({ missing: true }), wildScorecard()), (input) => {
        const results = scoreAgreements(input);
        for (const r of results) {
          if (r.score === null) {
            expect(r.rank).toBeNull();
            continue;
          }
          const greater = results.filter((o) => o.score !== null && o.score > (r.score as number)).length;
          expect(r.rank).toBe(1 + greater);
          for (const o of results) {
            if (o.score === null) continue;
            if (o.score === r.score) expect(o.rank).toBe(r.rank);
            if (o.score > r.score) expect(o.rank as number).toBeLessThan(r.rank as number);
          }
        }
      }),
    );
  });

  it("permuting the agreements permutes the results", () => {
    const permuted = scorecard({ missing: true }).chain((input) =>
      fc.record({
        input: fc.constant(input),
        order: fc.shuffledSubarray(
          input.agreements.map((_, i) => i),
          { minLength: input.agreements.length, maxLength: input.agreements.length },
        ),
      }),
    );
    fc.assert(
      fc.property(permuted, ({ input, order }) => {
        const results = scoreAgreements(input);
        const shuffled = scoreAgreements({ ...input, agreements: order.map((i) => input.agreements[i]) });
        expect(shuffled).toEqual(order.map((i) => results[i]));
      }),
    );
  });

  it("scaling all weights by a positive constant changes nothing", () => {
    const scaled = fc.record({
      input: scorecard({ missing: true }),
      factor: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    });
    fc.assert(
      fc.property(scaled, ({ input, factor }) => {
        const results = scoreAgreements(input);
        const criteria = input.criteria.map((c) => ({ ...c, weight: c.weight * factor }));
        const rescaled = scoreAgreements({ ...input, criteria });
        rescaled.forEach((r, a) => {
          const { score, ...rest } = results[a];
          const { score: scaledScore, ...scaledRest } = r;
          expect(scaledRest).toEqual(rest);
          if (score === null) expect(scaledScore).toBeNull();
          else expect(scaledScore as number).toBeCloseTo(score, 9);
        });
      }),
    );
  });

  it('"renormalize" equals "exclude" when every criterion is scored', () => {
    fc.assert(
      fc.property(scorecard({ missing: false }), (input) => {
        const exclude = scoreAgreements({ ...input, missing: "exclude" });
        expect(scoreAgreements({ ...input, missing: "renormalize" })).toEqual(exclude);
        expect(scoreAgreements({ ...input, missing: "zero" })).toEqual(exclude);
      }),
    );
  });

  it('"zero" equals "exclude" with every missing score entered as the scale minimum', () => {
    fc.assert(
      fc.property(scorecard({ missing: true }), (input) => {
        const zero = scoreAgreements({ ...input, missing: "zero" });
        const filled = input.agreements.map((a) => ({
          ...a,
          scores: Object.fromEntries(Object.entries(a.scores).map(([k, v]) => [k, v ?? input.scale.min])),
        }));
        const explicit = scoreAgreements({ ...input, agreements: filled, missing: "exclude" });
        expect(zero.map((r) => [r.score, r.rank])).toEqual(explicit.map((r) => [r.score, r.rank]));
      }),
    );
  });
});
