/**
 * Rank-order centroid weights against Barron, F. H. & Barrett, B. E. (1996), "Decision quality using
 * ranked attribute weights", Management Science 42(11), 1515–1523. The paper defines
 * w_i = (1/n)·Σ_{k=i..n} 1/k and tabulates the weights to four decimals; e.g. for four attributes
 * 0.5208, 0.2708, 0.1458, 0.0625. The other rows below are derived by hand from that formula as exact
 * fractions (shown beside each value) and checked to the paper's precision of four decimals.
 */
import { rankOrderCentroid } from "../../src/scoring/weights";

function expectToFourDecimals(actual: readonly number[], published: readonly number[]): void {
  expect(actual).toHaveLength(published.length);
  // toBeCloseTo(x, 4) passes when |actual − x| < 0.00005, i.e. when actual rounds to x.
  published.forEach((value, k) => expect(actual[k]).toBeCloseTo(value, 4));
}

describe("rank-order centroid (Barron & Barrett 1996)", () => {
  it("n = 4: 0.5208, 0.2708, 0.1458, 0.0625", () => {
    expectToFourDecimals(rankOrderCentroid(4), [0.5208, 0.2708, 0.1458, 0.0625]);
  });

  it("n = 2: 3/4, 1/4", () => {
    expectToFourDecimals(rankOrderCentroid(2), [0.75, 0.25]);
  });

  it("n = 3: 11/18, 5/18, 2/18", () => {
    expectToFourDecimals(rankOrderCentroid(3), [0.6111, 0.2778, 0.1111]);
  });

  it("n = 5: 137/300, 77/300, 47/300, 27/300, 12/300", () => {
    expectToFourDecimals(rankOrderCentroid(5), [0.4567, 0.2567, 0.1567, 0.09, 0.04]);
  });
});
