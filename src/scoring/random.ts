/**
 * Seeded random numbers for the stochastic sensitivity analysis (docs/architecture.md §2, SMAA-2). A run must be
 * reproducible from its reported seed, so everything draws from one xoroshiro128+ stream (pure-rand)
 * and never from Math.random. The same seed gives the same sequence of every method below, on every
 * JavaScript engine: only +, ×, Math.log, Math.sqrt and Math.exp are used, which IEEE 754 and
 * ECMAScript pin down closely enough for the sequences to match on the engines we target.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { ScoringError } from "./errors";

export interface Random {
  /** Uniform on [0, 1), a multiple of 2^-53. */
  nextDouble(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /**
   * Fills `out` with independent standard normals and returns it. Same distribution as normal(), but
   * about twice as fast per number in bulk, which matters when thousands of scores are drawn per
   * sample. Independent of normal()'s pairing: it never uses or leaves a spare.
   */
  normals(out: Float64Array): Float64Array;
  /** Gamma(shape, scale 1), shape > 0. */
  gamma(shape: number): number;
  /**
   * Dirichlet(alpha) written into `out` (allocated when omitted) and returned. A zero alpha gives a
   * component that is always 0 (the limit of a vanishing alpha), so a criterion with weight 0 stays
   * switched off when sampling around the current weights.
   */
  dirichlet(alpha: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** Uniform on the simplex {w ≥ 0, Σw = 1} of dimension n, written into `out` and returned. */
  uniformSimplex(n: number, out?: Float64Array): Float64Array;
}

const MAX_SEED = 0xffffffff;
const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_MINUS_31 = 1 / 2147483648;

/** The seed must be an integer in [0, 2^32 − 1]: pure-rand seeds from 32 bits, so larger seeds would collide. */
export function validateSeed(seed: number): void {
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new ScoringError(
      "InvalidArgument",
      `Random seed ${String(seed)} is not usable; enter a whole number from 0 to ${MAX_SEED}.`,
    );
  }
}

export function createRandom(seed: number): Random {
  validateSeed(seed);
  const generator = xoroshiro128plus(seed | 0);
  // Marsaglia's polar method yields normals in pairs; the second one is kept for the next call.
  let spareNormal = 0;
  let hasSpareNormal = false;

  function nextDouble(): number {
    // The high bits of each 32-bit output: the lowest bits of xoroshiro128+ are its weakest.
    const high = generator.next() >>> 5;
    const low = generator.next() >>> 6;
    return (high * TWO_POW_26 + low) * TWO_POW_MINUS_53;
  }

  /**
   * Uniform on [−1, 1) from one 32-bit output, for the polar method: its rejection test needs no more
   * resolution, and one generator call instead of nextDouble's two makes bulk normals ~1.5× faster.
   */
  function nextSigned(): number {
    return generator.next() * TWO_POW_MINUS_31;
  }

  /** Uniform on (0, 1]: safe to take the logarithm of. */
  function nextPositiveDouble(): number {
    return 1 - nextDouble();
  }

  function nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1) {
      throw new ScoringError(
        "InvalidArgument",
        `Cannot draw a whole number below ${String(n)}; the bound must be a whole number of at least 1.`,
      );
    }
    // The bias of flooring a 53-bit uniform is below n / 2^53: far beneath sampling noise.
    return Math.floor(nextDouble() * n);
  }

  // The point of the unit disc that polarFactor drew last (kept here, not returned in an array,
  // because normals() runs in SMAA's inner loop).
  let polarU = 0;
  let polarV = 0;

  /**
   * Marsaglia's polar method: draws a point (polarU, polarV) of the unit disc, other than its
   * centre, and returns the factor that makes polarU·factor and polarV·factor two independent
   * standard normals.
   */
  function polarFactor(): number {
    let s: number;
    do {
      polarU = nextSigned();
      polarV = nextSigned();
      s = polarU * polarU + polarV * polarV;
    } while (s >= 1 || s === 0);
    return Math.sqrt((-2 * Math.log(s)) / s);
  }

  function normal(): number {
    if (hasSpareNormal) {
      hasSpareNormal = false;
      return spareNormal;
    }
    const factor = polarFactor();
    spareNormal = polarV * factor;
    hasSpareNormal = true;
    return polarU * factor;
  }

  function normals(out: Float64Array): Float64Array {
    const count = out.length;
    for (let k = 0; k < count; k += 2) {
      const factor = polarFactor();
      out[k] = polarU * factor;
      if (k + 1 < count) out[k + 1] = polarV * factor;
    }
    return out;
  }

  /** Marsaglia & Tsang (2000), "A simple method for generating gamma variables", for shape ≥ 1. */
  function gammaAtLeastOne(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = nextPositiveDouble();
      const xSquared = x * x;
      if (u < 1 - 0.0331 * xSquared * xSquared) return d * v;
      if (Math.log(u) < 0.5 * xSquared + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * log Gamma(shape) sample. Below shape 1 the boost Gamma(a) = Gamma(a + 1) · U^(1/a) is applied in
   * log space, because for tiny shapes U^(1/a) underflows to 0 and a Dirichlet would divide 0 by 0.
   */
  function logGamma(shape: number): number {
    if (shape >= 1) return Math.log(gammaAtLeastOne(shape));
    return Math.log(gammaAtLeastOne(shape + 1)) + Math.log(nextPositiveDouble()) / shape;
  }

  function gamma(shape: number): number {
    validateShape(shape);
    if (shape >= 1) return gammaAtLeastOne(shape);
    return gammaAtLeastOne(shape + 1) * Math.pow(nextPositiveDouble(), 1 / shape);
  }

  function dirichlet(alpha: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = alpha.length;
    const result = prepareOutput(n, out);
    let anyPositive = false;
    for (let i = 0; i < n; i++) {
      const a = alpha[i];
      if (typeof a !== "number" || !Number.isFinite(a) || a < 0) {
        throw new ScoringError(
          "InvalidArgument",
          `Dirichlet parameter ${i + 1} is ${String(a)}; each parameter must be a finite number of at least 0.`,
          { index: i },
        );
      }
      if (a > 0) anyPositive = true;
    }
    if (!anyPositive) {
      throw new ScoringError(
        "InvalidArgument",
        "Every Dirichlet parameter is 0; give at least one criterion a positive weight.",
      );
    }
    // Normalize in log space (subtract the largest log) so that neither underflow nor overflow of the
    // gamma draws can break the sum.
    let largest = -Infinity;
    for (let i = 0; i < n; i++) {
      const logValue = alpha[i] > 0 ? logGamma(alpha[i]) : -Infinity;
      result[i] = logValue;
      if (logValue > largest) largest = logValue;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const value = Math.exp(result[i] - largest);
      result[i] = value;
      sum += value;
    }
    for (let i = 0; i < n; i++) result[i] /= sum;
    return result;
  }

  function uniformSimplex(n: number, out?: Float64Array): Float64Array {
    if (!Number.isInteger(n) || n < 1) {
      throw new ScoringError(
        "InvalidArgument",
        `A simplex needs a whole number of at least 1 dimension, not ${String(n)}.`,
      );
    }
    const result = prepareOutput(n, out);
    // Normalized standard exponentials are exactly Dirichlet(1, …, 1), the uniform distribution on
    // the simplex; this needs no sort, unlike the sorted-uniform spacings construction.
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const exponential = -Math.log(nextPositiveDouble());
      result[i] = exponential;
      sum += exponential;
    }
    // The sum is 0 only if every uniform drawn was exactly 1 (chance 2^-53 each); the centre of the
    // simplex keeps the result a valid weight vector instead of 0/0.
    if (sum === 0) {
      result.fill(1 / n);
      return result;
    }
    for (let i = 0; i < n; i++) result[i] /= sum;
    return result;
  }

  return { nextDouble, nextInt, normal, normals, gamma, dirichlet, uniformSimplex };
}

function validateShape(shape: number): void {
  if (typeof shape !== "number" || !Number.isFinite(shape) || shape <= 0) {
    throw new ScoringError(
      "InvalidArgument",
      `Gamma shape ${String(shape)} is not usable; the shape must be a finite number greater than 0.`,
    );
  }
}

function prepareOutput(n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) {
    throw new ScoringError(
      "InvalidArgument",
      `The output buffer holds ${out.length} numbers but ${n} are drawn; pass a buffer of length ${n}.`,
    );
  }
  return out;
}
