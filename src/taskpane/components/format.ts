/** Number formats shared by the features. */

/** 0.25 → "25.0%". */
export function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** Weighted scores are shown with two decimals, like the Scorecard sheet's 0.00 format. */
export function scoreText(score: number): string {
  return score.toFixed(2);
}

/** Integers that sum exactly to `total`, as close as possible to `values` (largest remainder). */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= 0) return values.map(() => 0);
  const scaled = values.map((v) => (v / sum) * total);
  const floors = scaled.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = scaled
    .map((v, i) => ({ i, rest: v - Math.floor(v) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors;
}

/**
 * Shares (summing to 1) as percent texts that add up to exactly 100 at the shown precision, by the
 * largest remainder: three equal weights read 33.4 %, 33.3 %, 33.3 %, never 33.3 % three times or a
 * total of 100.1 %.
 */
export function percents(shares: readonly number[], digits = 1): string[] {
  const units = 10 ** digits;
  return roundToTotal(shares, 100 * units).map((n) => `${(n / units).toFixed(digits)}%`);
}

/** Parses what a person typed as a number: "2,5" and " 3 " are accepted; "" is null; junk is NaN. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : NaN;
}
