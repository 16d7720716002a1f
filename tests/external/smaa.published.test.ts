/**
 * SMAA-2 checked against closed forms.
 *
 * Method: R. Lahdelma and P. Salminen (2001), "SMAA-2: Stochastic multicriteria acceptability
 * analysis for group decision making", Operations Research 49(3):444–454. Rank acceptability b_i^r is
 * the share of the weight distribution (and, with uncertain scores, of the score distribution) in
 * which alternative i takes rank r; the central weight w_i^c is the expected weight vector given that
 * i is first; the confidence factor p_i^c is the probability that i is first when the weights are
 * fixed at w_i^c.
 *
 * No published table of SMAA numbers is reproduced here: the worked examples we know of (the R
 * package "smaa" by van Valkenhoef, JSMAA) come as sampled data files rather than printed values we
 * could quote with certainty. Instead each case below has an exact answer derived in its comment,
 * and the tolerance is 5 standard errors of the Monte Carlo estimate (binomial for a share, from the
 * conditional variance for a central weight), so a correct implementation fails with probability
 * below 1e-6 per check for any seed.
 */
import { smaa } from "../../src/scoring/smaa";

const N = 40_000;
const Z = 5;

/** 5 standard errors of a share p estimated from `draws` Bernoulli draws. */
function shareTolerance(p: number, draws = N): number {
  return Z * Math.sqrt((p * (1 - p)) / draws);
}

describe("SMAA-2, two criteria, uniform weights: acceptabilities are lengths of weight intervals", () => {
  /*
   * With two criteria the uniform weight simplex is w = (t, 1 − t), t ~ U(0, 1), and every utility
   * u_i(t) = x_i2 + (x_i1 − x_i2)·t is a line. A rank acceptability is the length of the set of t on
   * which the alternative holds that rank.
   *
   * A = (1, 0), B = (0, 1), C = (0.6, 0.6): u_A = t, u_B = 1 − t, u_C = 0.6. Crossings at t = 0.4
   * (B = C), 0.5 (A = B), 0.6 (A = C), so the order is
   *   t ∈ (0, 0.4): B > C > A;  (0.4, 0.5): C > B > A;  (0.5, 0.6): C > A > B;  (0.6, 1): A > C > B.
   * Hence b_A = (0.4, 0.1, 0.5), b_B = (0.4, 0.1, 0.5), b_C = (0.2, 0.8, 0).
   * Central weights: A is first on t ∈ (0.6, 1), so w_A^c = (0.8, 0.2); B on (0, 0.4): (0.2, 0.8);
   * C on (0.4, 0.6): (0.5, 0.5). Each is first at its own central weight, so every p^c = 1.
   */
  const result = smaa({
    scores: [
      [1, 0],
      [0, 1],
      [0.6, 0.6],
    ],
    samples: N,
    seed: 20010301,
  });
  const expected = [
    [0.4, 0.1, 0.5],
    [0.4, 0.1, 0.5],
    [0.2, 0.8, 0],
  ];

  it.each([0, 1, 2])("rank acceptabilities of alternative %p", (i) => {
    expected[i].forEach((p, r) => {
      expect(Math.abs(result.rankAcceptability[i][r] - p)).toBeLessThanOrEqual(shareTolerance(p));
    });
  });

  it("central weights are the midpoints of the winning intervals", () => {
    // t uniform on an interval of length L has standard deviation L/√12; about L·N draws fall in it.
    const cases: [number, number, number][] = [
      [0, 0.8, 0.4],
      [1, 0.2, 0.4],
      [2, 0.5, 0.2],
    ];
    for (const [i, t, length] of cases) {
      const tolerance = (Z * (length / Math.sqrt(12))) / Math.sqrt(length * N);
      expect(Math.abs(result.centralWeights[i][0] - t)).toBeLessThan(tolerance);
      expect(result.centralWeights[i][0] + result.centralWeights[i][1]).toBeCloseTo(1, 12);
    }
  });

  it("confidence factors are 1 (each alternative wins at its own central weight)", () => {
    expect(result.confidence).toEqual([1, 1, 1]);
  });

  it("a general pair: A = (0.9, 0.2), B = (0.4, 0.6) cross at t* = 0.4/0.9 = 4/9, so b_A¹ = 5/9", () => {
    // u_A − u_B = 0.5t − 0.4(1 − t) = 0.9t − 0.4 > 0 ⇔ t > 4/9. w_A^c = ((4/9 + 1)/2, …) = (13/18, 5/18).
    const pair = smaa({
      scores: [
        [0.9, 0.2],
        [0.4, 0.6],
      ],
      samples: N,
      seed: 7,
    });
    expect(Math.abs(pair.rankAcceptability[0][0] - 5 / 9)).toBeLessThan(shareTolerance(5 / 9));
    expect(Math.abs(pair.rankAcceptability[1][0] - 4 / 9)).toBeLessThan(shareTolerance(4 / 9));
    const length = 5 / 9;
    expect(Math.abs(pair.centralWeights[0][0] - 13 / 18)).toBeLessThan(
      (Z * (length / Math.sqrt(12))) / Math.sqrt(length * N),
    );
  });
});

describe("SMAA-2, three criteria, uniform weights: symmetry and order statistics of the simplex", () => {
  /*
   * A = e1, B = e2, C = e3 (each best on one criterion, 0 elsewhere): u_A = w1, u_B = w2, u_C = w3.
   * The uniform simplex is exchangeable, so each of the 3! orders of (w1, w2, w3) has probability
   * 1/6 and every rank acceptability is 1/3.
   * Central weight of A = E[w | w1 is the largest]. For a uniform point on the n-simplex the expected
   * k-th largest component is (1/n)·Σ_{i=k..n} 1/i (the spacings of n − 1 uniforms; the same formula
   * gives the rank-order centroid weights of Barron & Barrett 1996). For n = 3: the largest has mean
   * (1/3)(1 + 1/2 + 1/3) = 11/18; the other two share the rest equally by symmetry: 7/36 each.
   */
  const result = smaa({
    scores: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    samples: N,
    seed: 1998,
  });

  it("every rank acceptability is 1/3", () => {
    for (const row of result.rankAcceptability) {
      for (const b of row) expect(Math.abs(b - 1 / 3)).toBeLessThan(shareTolerance(1 / 3));
    }
  });

  it("the central weight of A is (11/18, 7/36, 7/36)", () => {
    // Given A first, w1 lies in [1/3, 1] and w2, w3 in [0, 1/2], so by Popoviciu's inequality each
    // has variance at most (2/3)²/4 = 1/9; about N/3 draws have A first.
    const tolerance = (Z * Math.sqrt(1 / 9)) / Math.sqrt(N / 3);
    const [w1, w2, w3] = result.centralWeights[0];
    expect(Math.abs(w1 - 11 / 18)).toBeLessThan(tolerance);
    expect(Math.abs(w2 - 7 / 36)).toBeLessThan(tolerance);
    expect(Math.abs(w3 - 7 / 36)).toBeLessThan(tolerance);
  });
});

describe("SMAA-2 with Dirichlet weights: a Beta marginal with a closed-form CDF", () => {
  /*
   * Dirichlet(α1, α2) on two criteria makes w1 ~ Beta(α1, α2); Beta(a, 1) has CDF x^a. Centre
   * (0.75, 0.25) and concentration 4 give α = (3, 1). With A = (1, 0), B = (0, 1), A is first iff
   * w1 > 1/2: b_A¹ = 1 − (1/2)³ = 7/8.
   */
  it("b_A¹ = 7/8", () => {
    const result = smaa({
      scores: [
        [1, 0],
        [0, 1],
      ],
      samples: N,
      seed: 42,
      weights: { kind: "dirichlet", center: [0.75, 0.25], concentration: 4 },
    });
    expect(Math.abs(result.rankAcceptability[0][0] - 7 / 8)).toBeLessThan(shareTolerance(7 / 8));
    expect(Math.abs(result.rankAcceptability[1][0] - 1 / 8)).toBeLessThan(shareTolerance(1 / 8));
  });
});

describe("SMAA-2 with uncertain scores: a normal tail", () => {
  /*
   * One criterion (the weight is always 1). A scores 0.5 exactly; B scores N(0.4, 0.1²) clipped to
   * [0, 1]. B is first iff its draw exceeds 0.5 (clipping at 1 keeps such draws above 0.5), so
   * b_B¹ = P(Z > 1) = 1 − Φ(1) = 0.158655… Both are first somewhere, their central weight is (1), and
   * the confidence factors, from an independent second pass of score draws at that weight, are the
   * same probabilities: p_B^c = 1 − Φ(1), p_A^c = Φ(1).
   */
  const tail = 1 - 0.8413447460685429; // 1 − Φ(1)
  const result = smaa({
    scores: [[0.5], [0.4]],
    samples: N,
    seed: 3,
    scoreSpread: [[0], [0.1]],
  });

  it("rank acceptabilities are Φ(1) and 1 − Φ(1)", () => {
    expect(Math.abs(result.rankAcceptability[1][0] - tail)).toBeLessThan(shareTolerance(tail));
    expect(Math.abs(result.rankAcceptability[0][0] - (1 - tail))).toBeLessThan(shareTolerance(tail));
  });

  it("confidence factors from the second pass are the same probabilities", () => {
    expect(result.confidenceSamples).toBe(N);
    expect(result.centralWeights).toEqual([[1], [1]]);
    expect(Math.abs(result.confidence[1] - tail)).toBeLessThan(shareTolerance(tail));
    expect(Math.abs(result.confidence[0] - (1 - tail))).toBeLessThan(shareTolerance(tail));
  });
});
