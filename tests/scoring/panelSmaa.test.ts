import { panelSmaa } from "../../src/scoring/panelSmaa";
import { smaa, type SmaaInput } from "../../src/scoring/smaa";
import { scoringErrorOf } from "./scoringErrorOf";

describe("smaa with weights drawn as blends of the panel's weights", () => {
  // A leads whenever criterion 1 weighs more than one half.
  const scores = [
    [1, 0],
    [0, 1],
  ];

  it("stays inside the panel's views, where the whole simplex would not", () => {
    // Every blend of (1, 0) and (½, ½) gives criterion 1 at least one half: A is always first.
    const panel = smaa({
      scores,
      samples: 2000,
      seed: 5,
      weights: {
        kind: "panel",
        reviewers: [
          [1, 0],
          [1, 1],
        ],
      },
    });
    expect(panel.rankAcceptability[0][0]).toBe(1);
    const uniform = smaa({ scores, samples: 2000, seed: 5 });
    expect(uniform.rankAcceptability[0][0]).toBeGreaterThan(0.45);
    expect(uniform.rankAcceptability[0][0]).toBeLessThan(0.55);
  });

  it("centres the draws on the importance-weighted mean of the reviewers", () => {
    // One agreement is always first, so its central weights are the mean of all draws. With
    // importance 3 : 1 the mixing proportion of reviewer 1 is Beta(1.5, 0.5), mean ¾ (sd ¼; over
    // 4000 draws the mean is within ±0.004 at one standard error).
    const reviewers = [
      [1, 0],
      [0, 1],
    ];
    const equal = smaa({
      scores: [[0.5, 0.5]],
      samples: 4000,
      seed: 9,
      weights: { kind: "panel", reviewers },
    });
    expect(equal.centralWeights[0][0]).toBeCloseTo(0.5, 1);
    const weighted = smaa({
      scores: [[0.5, 0.5]],
      samples: 4000,
      seed: 9,
      weights: { kind: "panel", reviewers, importance: [3, 1] },
    });
    expect(Math.abs(weighted.centralWeights[0][0] - 0.75)).toBeLessThan(0.02);
  });

  it("is reproducible from its seed", () => {
    const input = {
      scores: [
        [0.2, 0.9, 0.4],
        [0.7, 0.1, 0.5],
        [0.5, 0.5, 0.5],
      ],
      samples: 500,
      seed: 77,
      weights: {
        kind: "panel" as const,
        reviewers: [
          [1, 2, 3],
          [3, 1, 1],
          [1, 1, 1],
        ],
      },
    };
    expect(smaa(input)).toEqual(smaa(input));
  });

  it("refuses a bad panel, naming the reviewer and criterion", () => {
    /** The ScoringError (with `code`) that a small run with this panel raises. */
    const refused = (weights: SmaaInput["weights"], code: string, criterionIds?: string[]) =>
      scoringErrorOf(() => smaa({ scores, samples: 10, seed: 1, criterionIds, weights }), code);
    const ragged = refused({ kind: "panel", reviewers: [[1, 0], [1]] }, "InvalidArgument");
    expect(ragged.message).toContain("Reviewer 2 has 1 weights but there are 2 criteria");
    const negative = refused({ kind: "panel", reviewers: [[1, -1]] }, "InvalidWeight", ["reach", "cost"]);
    expect(negative.message).toContain('Reviewer 1: Weight 2 of 2 (criterion "cost") is -1');
    const importance = refused({ kind: "panel", reviewers: [[1, 0]], importance: [0] }, "InvalidArgument");
    expect(importance.message).toContain("Every reviewer's importance is 0");
    const empty = refused({ kind: "panel", reviewers: [] }, "InvalidArgument");
    expect(empty.message).toContain("at least one reviewer");
  });
});

describe("panelSmaa: which ranks hold across the panel's views", () => {
  // Two reviewers weigh criterion 1 at 0.8 and 0.4; a blend gives w1 = 0.4 + 0.4·λ, λ ~ U(0, 1).
  // Utilities: A = 0.2 + 0.8·w1, B = 0.9 − 0.6·w1, C = 0.1, D = 0.5.
  //   w1 = 0.8: A .84, D .50, B .42, C .10 → 1, 3, 4, 2
  //   w1 = 0.6 (team): A .68, B .66, D .50, C .10 → 1, 2, 4, 3
  //   w1 = 0.4: B .66, A .52, D .50, C .10 → 2, 1, 4, 3
  // A beats B for w1 > ½ (λ > ¼, share ¾); D beats B for w1 > ⅔ (λ > ⅔, share ⅓); A always beats D.
  const scores = [
    [1, 0.2],
    [0.3, 0.9],
    [0.1, 0.1],
    [0.5, 0.5],
  ];
  const reviewers = [
    [0.8, 0.2],
    [0.4, 0.6],
  ];
  const result = panelSmaa({ scores, reviewers, team: [0.6, 0.4], samples: 4000, seed: 3 });
  const [a, b, c, d] = result.ranks;

  it("gives the team rank and each reviewer's own rank", () => {
    expect(result.ranks.map((r) => r.teamRank)).toEqual([1, 2, 4, 3]);
    expect(result.ranks.map((r) => r.reviewerRanks)).toEqual([
      [1, 2],
      [3, 1],
      [4, 4],
      [2, 3],
    ]);
  });

  it("bounds each rank over every blend, and says which ranks hold", () => {
    expect([a.best, a.worst, a.holds]).toEqual([1, 2, false]);
    expect([b.best, b.worst, b.holds]).toEqual([1, 3, false]);
    expect([c.best, c.worst, c.holds]).toEqual([4, 4, true]);
    expect([d.best, d.worst, d.holds]).toEqual([2, 3, false]);
  });

  it("gives the SMAA share of the draws at the team rank, as the blends predict", () => {
    expect(Math.abs(a.teamRankAcceptability - 0.75)).toBeLessThan(0.03);
    expect(Math.abs(d.teamRankAcceptability - 2 / 3)).toBeLessThan(0.03);
    expect(c.teamRankAcceptability).toBe(1);
    expect(result.smaa.samples).toBe(4000);
    expect(result.smaa.seed).toBe(3);
  });

  it("never sees a rank outside the bounds", () => {
    result.ranks.forEach((rank, i) => {
      result.smaa.rankAcceptability[i].forEach((share, r) => {
        if (share > 0) {
          expect(r + 1).toBeGreaterThanOrEqual(rank.best);
          expect(r + 1).toBeLessThanOrEqual(rank.worst);
        }
      });
      rank.reviewerRanks.forEach((own) => {
        expect(own).toBeGreaterThanOrEqual(rank.best);
        expect(own).toBeLessThanOrEqual(rank.worst);
      });
    });
  });

  it("identical agreements share their rank, which holds when nothing else moves", () => {
    const tied = panelSmaa({
      scores: [
        [0.6, 0.6],
        [0.6, 0.6],
        [0.1, 0.2],
      ],
      reviewers,
      team: [0.5, 0.5],
      samples: 100,
      seed: 1,
    });
    expect(tied.ranks.map((r) => [r.teamRank, r.best, r.worst, r.holds])).toEqual([
      [1, 1, 1, true],
      [1, 1, 1, true],
      [3, 3, 3, true],
    ]);
  });

  it("reports its progress, as smaa does, and gives the same result with it as without", () => {
    const calls: [number, number][] = [];
    const watched = panelSmaa({
      scores,
      reviewers,
      team: [0.6, 0.4],
      samples: 4000,
      seed: 3,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(watched).toEqual(result);
    expect(calls.length).toBeGreaterThanOrEqual(50);
    expect(calls.every(([, total]) => total === 4000)).toBe(true);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((x, y) => x - y));
    expect(calls[calls.length - 1]).toEqual([4000, 4000]);
  });

  it("refuses team weights that do not fit the scores, and a bad panel, before drawing", () => {
    const progress = jest.fn();
    const base = { scores, reviewers, samples: 100, seed: 1, onProgress: progress };
    expect(
      scoringErrorOf(() => panelSmaa({ ...base, team: [1, 1, 1] }), "InvalidArgument").message,
    ).toContain("Got 3 team weights but the scores have 2 criteria");
    expect(scoringErrorOf(() => panelSmaa({ ...base, team: [1, NaN] }), "InvalidWeight").message).toContain(
      "Weight 2 of 2",
    );
    expect(
      scoringErrorOf(() => panelSmaa({ ...base, team: [1, 1], reviewers: [[1, 1], [1]] }), "InvalidArgument")
        .message,
    ).toContain("Reviewer 2 has 1 weights");
    expect(
      scoringErrorOf(() => panelSmaa({ ...base, team: [1, 1], importance: [1] }), "InvalidArgument").message,
    ).toContain("Got 1 importance values for 2 reviewers");
    expect(progress).not.toHaveBeenCalled();
  });
});
