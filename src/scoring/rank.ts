/**
 * Ranking of weighted scores (docs/architecture.md §2 "Rank"): descending, ties share the best rank
 * (1, 2, 2, 4) like Excel's RANK.EQ, and scores are rounded to 10 decimals before they are compared
 * so that float noise (56.3 vs 56.300000000000004) cannot break a tie.
 */
import { ScoringError } from "./errors";

/** Decimals kept before scores are compared; the workbook formula uses the same ROUND(…, 10). */
export const RANKING_DECIMALS = 10;

/** Excel keeps 15 significant decimal digits; ROUND works on that decimal value, not the binary one. */
const EXCEL_SIGNIFICANT_DIGITS = 15;

const DECIMAL_SHIFT = 10 ** RANKING_DECIMALS;

/**
 * Relative distance from a half within which the binary product |x|·1e10 is not trusted: the
 * 15-digit decimal value of x is within 5e-15 (relative) of x, and the product adds one rounding.
 */
const HALF_WAY_TOLERANCE = 1e-14;

/** Beyond 2^52 a double has no binary fraction left, so there are no digits below 1e-10 to round. */
const NO_FRACTION_LEFT = 2 ** 52;

// Looked up once: a global lookup per call is slow in sandboxed realms (jest's vm context runs this
// ~10 times slower), and these run once per score.
const { abs, floor, round } = Math;
const isFiniteNumber = Number.isFinite;

/**
 * Rounds x to 10 decimals the way Excel's ROUND(x, 10) does: half away from zero, applied to the
 * 15-significant-digit decimal value of x. Shifting the decimal exponent in the string form (instead
 * of multiplying by 1e10) keeps 1.00000000005 from becoming 10000000000.499998 and rounding down.
 */
export function roundForRanking(x: number): number {
  if (!isFiniteNumber(x) || x === 0) return x === 0 ? 0 : x;
  const scaled = abs(x) * DECIMAL_SHIFT;
  if (scaled >= NO_FRACTION_LEFT) return x;
  const fraction = scaled - floor(scaled);
  // The binary product can only disagree with the decimal rule near a half; elsewhere it is exact
  // enough, and it is ~50 times faster than going through strings.
  if (abs(fraction - 0.5) > scaled * HALF_WAY_TOLERANCE) {
    const rounded = round(scaled) / DECIMAL_SHIFT;
    if (rounded === 0) return 0;
    return x < 0 ? -rounded : rounded;
  }
  const magnitude = shiftDecimal(abs(x).toPrecision(EXCEL_SIGNIFICANT_DIGITS), RANKING_DECIMALS);
  // magnitude is non-negative, so Math.round's "half up" is Excel's "half away from zero".
  const rounded = shiftDecimal(String(round(magnitude)), -RANKING_DECIMALS);
  if (rounded === 0) return 0;
  return x < 0 ? -rounded : rounded;
}

/** Multiplies the decimal number written in `digits` by 10^places exactly, via its exponent. */
function shiftDecimal(digits: string, places: number): number {
  const e = digits.indexOf("e");
  const mantissa = e < 0 ? digits : digits.slice(0, e);
  const exponent = e < 0 ? 0 : Number(digits.slice(e + 1));
  return Number(`${mantissa}e${exponent + places}`);
}

/**
 * Ranks scores in descending order. Equal scores (after roundForRanking) share the best rank, so the
 * rank of a score is 1 + the number of strictly greater scores. A null score (not scored) gets a
 * null rank and does not count for anyone else's rank. O(n log n).
 */
export function rankDescending(scores: readonly (number | null)[]): (number | null)[] {
  const keys = new Float64Array(scores.length);
  let scoredCount = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (score === null) continue;
    if (typeof score !== "number" || !isFiniteNumber(score)) {
      throw new ScoringError(
        "InvalidArgument",
        `Score at position ${i + 1} is ${String(score)}; a score to rank must be a finite number or null (not scored).`,
        { index: i },
      );
    }
    keys[i] = roundForRanking(score);
    scoredCount++;
  }

  // A typed array sorts numerically without a comparator callback, which is several times faster
  // than sorting indices; each rank is then 1 + (how many sorted keys are strictly greater).
  const ascending = new Float64Array(scoredCount);
  for (let i = 0, k = 0; i < scores.length; i++) if (scores[i] !== null) ascending[k++] = keys[i];
  ascending.sort();

  const ranks: (number | null)[] = new Array<number | null>(scores.length);
  for (let i = 0; i < scores.length; i++) {
    ranks[i] = scores[i] === null ? null : 1 + scoredCount - countAtMost(ascending, keys[i]);
  }
  return ranks;
}

/** Number of entries of the ascending array that are ≤ key (binary search for the upper bound). */
function countAtMost(ascending: Float64Array, key: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ascending[middle] <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}
