import fc from "fast-check";
import type { Indicator, IndicatorTree } from "../../src/scoring/indicatorTree";
import { scoreHierarchical } from "../../src/scoring/indicatorScores";
import { globalWeights } from "../../src/scoring/indicatorWeights";
import { scoreAgreements } from "../../src/scoring/score";
import type { ScoreResult, WeightedCriterion } from "../../src/scoring/types";
import { scoreInputs } from "./scoreInputs";

/** The fields of the flat model's result, to compare a hierarchical result with a flat one. */
const flat = ({ id, score, rank, coverage, partial, missingCriteria }: ScoreResult): ScoreResult => ({
  id,
  score,
  rank,
  coverage,
  partial,
  missingCriteria,
});

const positiveSomewhere = (weights: number[]) => weights.some((w) => w > 0);

/** 1–6 criteria with raw weights (zeros frequent), each with 0–4 indicators of raw local weights. */
const hierarchy = fc
  .array(
    fc.record({
      weight: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e3, noNaN: true })),
      local: fc.oneof(
        fc.constant([] as number[]),
        fc
          .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e3, noNaN: true })), {
            minLength: 1,
            maxLength: 4,
          })
          .filter(positiveSomewhere),
      ),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .filter((nodes) => positiveSomewhere(nodes.map((n) => n.weight)))
  .map((nodes) => {
    const criteria: WeightedCriterion[] = nodes.map((n, j) => ({ id: `c${j}`, weight: n.weight }));
    const tree: Record<string, Indicator[]> = {};
    nodes.forEach((n, j) => {
      if (n.local.length > 0) {
        tree[`c${j}`] = n.local.map((localWeight, k) => ({
          id: `c${j}_i${k}`,
          name: `C${j} I${k}`,
          localWeight,
        }));
      }
    });
    return { criteria, tree: tree as IndicatorTree };
  });

describe("globalWeights (properties)", () => {
  it("sums to 1 over the leaves, and to each criterion's normalized weight under it", () => {
    fc.assert(
      fc.property(hierarchy, ({ criteria, tree }) => {
        const global = globalWeights(criteria, tree);
        const total = global.leaves.reduce((sum, leaf) => sum + leaf.weight, 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-12);
        const rawTotal = criteria.reduce((sum, c) => sum + c.weight, 0);
        global.criteria.forEach(({ criterionId, weight }, j) => {
          expect(weight).toBeCloseTo(criteria[j].weight / rawTotal, 12);
          const under = global.leaves.filter((leaf) => leaf.criterionId === criterionId);
          expect(under).toHaveLength(Math.max(1, tree[criterionId]?.length ?? 0));
          expect(Math.abs(under.reduce((sum, leaf) => sum + leaf.weight, 0) - weight)).toBeLessThan(1e-12);
        });
      }),
    );
  });
});

/** A flat scorecard with any in-scale doubles, missing scores included, under any policy. */
const flatScorecard = scoreInputs({
  weight: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e6, noNaN: true })),
  maxCriteria: 6,
  minAgreements: 0,
  blankFreq: 4,
});

describe("scoreHierarchical against the flat model (properties)", () => {
  it("gives exactly scoreAgreements' results when no criterion has indicators", () => {
    fc.assert(
      fc.property(flatScorecard, (input) => {
        const hierarchical = scoreHierarchical({ ...input, indicators: {} });
        expect(hierarchical.map(flat)).toEqual(scoreAgreements(input));
        hierarchical.forEach((result, a) => {
          expect(result.missingIndicators).toEqual([]);
          for (const { id } of input.criteria) {
            expect(result.criterionScores[id]).toBe(input.agreements[a].scores[id]);
          }
        });
      }),
    );
  });

  it("gives exactly the flat results when a criterion has one indicator, of any local weight", () => {
    const withSingles = flatScorecard.chain((input) =>
      fc
        .record({
          single: fc.array(fc.boolean(), {
            minLength: input.criteria.length,
            maxLength: input.criteria.length,
          }),
          localWeight: fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true }),
        })
        .map(({ single, localWeight }) => ({ input, single, localWeight })),
    );
    fc.assert(
      fc.property(withSingles, ({ input, single, localWeight }) => {
        const tree: Record<string, Indicator[]> = {};
        const leafOf = (criterionId: string, j: number) => (single[j] ? `${criterionId}_only` : criterionId);
        input.criteria.forEach(({ id }, j) => {
          if (single[j]) tree[id] = [{ id: leafOf(id, j), name: `${id} only`, localWeight }];
        });
        const agreements = input.agreements.map(({ id, scores }) => ({
          id,
          scores: Object.fromEntries(input.criteria.map((c, j) => [leafOf(c.id, j), scores[c.id]])),
        }));
        const hierarchical = scoreHierarchical({ ...input, indicators: tree, agreements });
        expect(hierarchical.map(flat)).toEqual(scoreAgreements(input));
      }),
    );
  });

  it("is 100 · Σ global weight · normalized score when every indicator is scored", () => {
    const scored = hierarchy.chain(({ criteria, tree }) => {
      const leaves = globalWeights(criteria, tree).leaves;
      return fc
        .array(fc.double({ min: 1, max: 5, noNaN: true }), {
          minLength: leaves.length,
          maxLength: leaves.length,
        })
        .map((values) => ({ criteria, tree, leaves, values }));
    });
    fc.assert(
      fc.property(scored, ({ criteria, tree, leaves, values }) => {
        const scores = Object.fromEntries(
          leaves.map((leaf, k) => [leaf.indicatorId ?? leaf.criterionId, values[k]]),
        );
        const [result] = scoreHierarchical({
          criteria,
          indicators: tree,
          scale: { min: 1, max: 5 },
          agreements: [{ id: "A", scores }],
        });
        const expected = 100 * leaves.reduce((sum, leaf, k) => sum + leaf.weight * ((values[k] - 1) / 4), 0);
        expect(Math.abs(result.score! - expected)).toBeLessThan(1e-9);
      }),
    );
  });
});
