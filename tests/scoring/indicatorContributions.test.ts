/**
 * The weighted score split by leaf (leafContributions): an independent calculation from the global
 * weights on a worked example, and the split adding up to the criterion and the weighted score.
 */
import { leafContributions } from "../../src/scoring/indicatorContributions";
import { scoreHierarchical, type HierarchicalScoreInput } from "../../src/scoring/indicatorScores";
import type { MissingPolicy } from "../../src/scoring/types";

/** Two criteria weighted 3:1; the first has indicators weighted 2:1:1, the second is scored directly. */
const input = (missing: MissingPolicy, scores: Record<string, number | null>[]): HierarchicalScoreInput => ({
  criteria: [
    { id: "ops", weight: 3 },
    { id: "threat", weight: 1 },
  ],
  indicators: {
    ops: [
      { id: "drills", name: "Drills", localWeight: 2 },
      { id: "logistics", name: "Logistics", localWeight: 1 },
      { id: "liaison", name: "Liaison", localWeight: 1 },
    ],
  },
  scale: { min: 1, max: 5 },
  missing,
  agreements: scores.map((s, k) => ({ id: `A${k}`, scores: s })),
});

describe("leafContributions", () => {
  it("lists the leaves in order and gives global weight × normalized score when all are scored", () => {
    const result = leafContributions(input("exclude", [{ drills: 5, logistics: 3, liaison: 1, threat: 4 }]));
    expect(result.leaves).toEqual([
      { criterionId: "ops", indicatorId: "drills" },
      { criterionId: "ops", indicatorId: "logistics" },
      { criterionId: "ops", indicatorId: "liaison" },
      { criterionId: "threat", indicatorId: null },
    ]);
    // Global weights 0.375, 0.1875, 0.1875, 0.25; points = 100 · g · (s − 1) / 4.
    const expected = [100 * 0.375 * 1, 100 * 0.1875 * 0.5, 0, 100 * 0.25 * 0.75];
    result.agreements[0].points.forEach((p, k) => expect(p).toBeCloseTo(expected[k], 12));
  });

  it.each<MissingPolicy>(["exclude", "renormalize", "zero"])(
    "under %s, each agreement's leaves add up to its weighted score (null where it has none)",
    (policy) => {
      const rows = [
        { drills: 5, logistics: 3, liaison: 1, threat: 4 },
        { drills: 4, logistics: null, liaison: 2, threat: 3 },
        { drills: null, logistics: null, liaison: null, threat: 5 },
        { drills: 1, logistics: 1, liaison: 1, threat: null },
      ];
      const scored = scoreHierarchical(input(policy, rows));
      const split = leafContributions(input(policy, rows));
      split.agreements.forEach(({ points }, a) => {
        const score = scored[a].score;
        if (score === null) return expect(points.every((p) => p === null)).toBe(true);
        expect(points.reduce<number>((sum, p) => sum + p!, 0)).toBeCloseTo(score, 9);
        // A missing indicator adds nothing.
        Object.entries(rows[a]).forEach(([id, s]) => {
          const k = split.leaves.findIndex((leaf) => (leaf.indicatorId ?? leaf.criterionId) === id);
          if (s === null) expect(points[k]).toBe(0);
        });
      });
    },
  );
});
