import { ahpMinAlphaDiversity, consensusWord, weightsConsensus } from "../../src/scoring/groupConsensus";
import { scoringErrorOf } from "./scoringErrorOf";

describe("weightsConsensus: Goepel's relative homogeneity S (smallest α diversity 1)", () => {
  const evenAndAllOnOne = [
    [0.5, 0.5],
    [1, 0],
  ];

  it("is 1 for identical weights, whatever their scale, and for a single reviewer", () => {
    expect(
      weightsConsensus([
        [0.5, 0.3, 0.2],
        [5, 3, 2],
        [50, 30, 20],
      ]),
    ).toBeCloseTo(1, 12);
    expect(weightsConsensus([[0.1, 0.9]])).toBe(1);
  });

  it("is 1 with a single criterion: nothing to disagree on", () => {
    expect(weightsConsensus([[1], [3]])).toBe(1);
  });

  it.each([2, 3, 5, 8])("is 0 when %i reviewers each put all weight on a different criterion", (n) => {
    const panel = Array.from({ length: n }, (_, k) => Array.from({ length: n }, (_, j) => (j === k ? 1 : 0)));
    expect(weightsConsensus(panel)).toBeCloseTo(0, 12);
  });

  it("matches a hand computation", () => {
    // (½, ½) and (1, 0): Hα = (ln 2 + 0)/2 = 0.3465736; pooled (¾, ¼), Hγ = 0.5623351;
    // Hβ = 0.2157616, 1/Dβ = e^−0.2157616 = 0.8059274; S = (0.8059274 − ½)/(1 − ½) = 0.6118549.
    expect(weightsConsensus(evenAndAllOnOne)).toBeCloseTo(0.6118549, 6);
  });

  it("weighs reviewers by importance (Jost's weighted partition)", () => {
    // Shares ¾, ¼: Hα = ¾ ln 2 = 0.5198604; pooled (0.625, 0.375), Hγ = 0.6615632; Hβ = 0.1417029,
    // 1/Dβ = 0.8678791; S = 2·0.8678791 − 1 = 0.7357582: closer to the heavier reviewer, more agreement.
    expect(weightsConsensus(evenAndAllOnOne, { importance: [3, 1] })).toBeCloseTo(0.7357582, 6);
    expect(weightsConsensus(evenAndAllOnOne, { importance: [1, 0] })).toBeCloseTo(1, 12);
  });

  it("falls as the reviewers move apart", () => {
    const apart = (d: number) =>
      weightsConsensus([
        [0.5 + d, 0.5 - d],
        [0.5 - d, 0.5 + d],
      ]);
    expect(apart(0.1)).toBeGreaterThan(apart(0.2));
    expect(apart(0.2)).toBeGreaterThan(apart(0.4));
    expect(apart(0.4)).toBeGreaterThan(apart(0.5));
    expect(apart(0.5)).toBeCloseTo(0, 12);
  });

  it("refuses bad panels, naming the reviewer and criterion", () => {
    expect(scoringErrorOf(() => weightsConsensus([]), "InvalidArgument").message).toContain(
      "at least one reviewer",
    );
    const error = scoringErrorOf(
      () =>
        weightsConsensus(
          [
            [1, 1],
            [1, NaN],
          ],
          { criterionIds: ["reach", "cost"] },
        ),
      "InvalidWeight",
    );
    expect(error.message).toMatch(/^Reviewer 2: Weight 2 of 2 \(criterion "cost"\) is NaN/);
    expect(error.place).toEqual({ index: 1, criterionId: "cost" });
    expect(
      scoringErrorOf(() => weightsConsensus([[1, 1]], { importance: [1, 1] }), "InvalidArgument").message,
    ).toContain("Got 2 importance values for 1 reviewers");
  });
});

describe("ahpMinAlphaDiversity: Goepel's Hαmin (IJAHP 2018, eq. 16)", () => {
  it("is the diversity of (M, 1, …, 1)/(n + M − 1)", () => {
    // n = 2, M = 9: (0.9, 0.1), H = 0.3250830, e^H = 1.3841455.
    expect(ahpMinAlphaDiversity(2)).toBeCloseTo(1.3841455, 6);
    // n = 4, M = 9: (0.75, 1/12, 1/12, 1/12), H = −0.75 ln 0.75 + 0.25 ln 12 = 0.8369882.
    expect(ahpMinAlphaDiversity(4)).toBeCloseTo(Math.exp(0.8369882), 6);
    expect(ahpMinAlphaDiversity(3, 1)).toBeCloseTo(3, 12);
  });
});

describe("consensusWord: AHP-OS's word scale", () => {
  it.each([
    [0, "very low"],
    [0.5, "very low"],
    [0.5001, "low"],
    [0.625, "low"],
    [0.63, "moderate"],
    [0.75, "moderate"],
    [0.8, "high"],
    [0.875, "high"],
    [0.88, "very high"],
    [1, "very high"],
  ])("%p is %p", (value, word) => {
    expect(consensusWord(value)).toBe(word);
  });

  it.each([-0.01, 1.01, NaN, Infinity])("refuses %p", (value) => {
    expect(scoringErrorOf(() => consensusWord(value), "InvalidArgument").message).toContain("0 to 1");
  });
});
