/**
 * Pairwise-comparison weights (AHP, Saaty's 1–9 scale; docs/architecture.md §2): the principal eigenvector,
 * λmax, consistency index and ratio, and which judgments to revisit when the matrix is inconsistent.
 *
 * Indices are zero-based in data (`i`, `j`, ScoringError `place.cell`) and 1-based in messages.
 */
import { ScoringError } from "./errors";

/**
 * Saaty's random index RI(n) for n = 1..10 (RANDOM_INDEX[n − 1]): the mean consistency index of
 * random reciprocal matrices on the 1–9 scale (Saaty, The Analytic Hierarchy Process, 1980).
 */
export const RANDOM_INDEX: readonly number[] = Object.freeze([
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
]);

/**
 * Pairwise comparison is limited to the size the random-index table covers. Extensions beyond 10
 * exist but differ between sources, so rather than guess a CR we refuse; the other weighting modes
 * handle any number of criteria.
 */
export const MAX_PAIRWISE_CRITERIA = RANDOM_INDEX.length;

/** Saaty's fundamental scale and its reciprocals, 1/9 … 1 … 9. */
export const SAATY_SCALE: readonly number[] = Object.freeze([
  ...[9, 8, 7, 6, 5, 4, 3, 2].map((k) => 1 / k),
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
]);

/** CR above this asks the user to revisit judgments (Saaty's 10 % rule). */
export const DEFAULT_CR_THRESHOLD = 0.1;

/**
 * Judgments are limited to 1/MAX_JUDGMENT … MAX_JUDGMENT, far beyond Saaty's 9 (a million-to-one
 * judgment is no longer a comparison). Within it the eigenvector is resolved to a relative residual
 * of about 1e-12; far beyond it, weights spanning hundreds of orders of magnitude lose accuracy.
 */
export const MAX_JUDGMENT = 1e6;

/** Reciprocity a_ji = 1/a_ij and the unit diagonal are checked to this relative tolerance. */
const RECIPROCAL_TOLERANCE = 1e-9;
/** The iteration stops when no weight changes by more than this between iterations. */
const CONVERGENCE = 1e-12;
/** (|λ2|/λmax)^(2^64) underflows for every ratio a double can tell from 1. */
const MAX_SQUARINGS = 64;

export interface AhpResult {
  /** Principal right eigenvector, normalized to sum 1. */
  weights: number[];
  lambdaMax: number;
  /** Consistency index (λmax − n)/(n − 1); 0 for n = 1. */
  ci: number;
  /** Consistency ratio CI / RI(n); 0 for n ≤ 2, where every reciprocal matrix is consistent. */
  cr: number;
}

export interface PairwiseJudgment {
  /** Zero-based index of the criterion on the left, i < j. */
  i: number;
  j: number;
  /** How many times more important criterion i is than criterion j (a_ij). */
  value: number;
}

export interface InconsistentJudgment {
  i: number;
  j: number;
  /** The judgment as entered, a_ij. */
  current: number;
  /** The value the other judgments imply for a_ij (see inconsistentJudgments). */
  consistentValue: number;
  /** consistentValue snapped to the nearest value of SAATY_SCALE (nearest as a ratio). */
  nearestScaleValue: number;
  /** |ln(a_ij / consistentValue)|: 0 for a judgment that agrees with the others; the list is sorted by it. */
  deviation: number;
}

export interface AhpCheck extends AhpResult {
  consistent: boolean;
  threshold: number;
  /** When CR exceeds the threshold, the judgments contributing most, worst first; otherwise empty. */
  judgmentsToReview: InconsistentJudgment[];
}

/**
 * Throws InvalidArgument for a matrix of no rows or more than MAX_PAIRWISE_CRITERIA, and
 * InvalidMatrix (with the cell) for a ragged row, an entry outside 1/MAX_JUDGMENT … MAX_JUDGMENT (so
 * also zero, negative, NaN, infinite or not a number), a diagonal entry other than 1, or a lower
 * entry that is not the reciprocal of its upper mirror.
 */
export function validatePairwiseMatrix(matrix: readonly (readonly number[])[]): void {
  const n = matrix.length;
  checkSize(n);
  matrix.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== n) {
      const got = Array.isArray(row) ? `${row.length} entries` : "no entries";
      throw new ScoringError(
        "InvalidMatrix",
        `Row ${r + 1} of the comparison matrix has ${got}; a matrix for ${n} criteria needs ${n} in every row.`,
        { index: r },
      );
    }
    row.forEach((value, c) => {
      if (!isJudgment(value)) {
        throw new ScoringError(
          "InvalidMatrix",
          `The judgment in row ${r + 1}, column ${c + 1} is ${String(value)}; ${JUDGMENT_FIX}`,
          { cell: [r, c] },
        );
      }
    });
  });
  for (let r = 0; r < n; r++) {
    if (Math.abs(matrix[r][r] - 1) > RECIPROCAL_TOLERANCE) {
      throw new ScoringError(
        "InvalidMatrix",
        `The diagonal entry in row ${r + 1}, column ${r + 1} is ${matrix[r][r]}; a criterion compared with itself must be 1.`,
        { cell: [r, r] },
      );
    }
    for (let c = r + 1; c < n; c++) {
      // |a_ji − 1/a_ij| ≤ tol · (1/a_ij), written without the division.
      if (Math.abs(matrix[r][c] * matrix[c][r] - 1) > RECIPROCAL_TOLERANCE) {
        throw new ScoringError(
          "InvalidMatrix",
          `The judgment in row ${c + 1}, column ${r + 1} is ${show(matrix[c][r])} but must be the reciprocal of row ${r + 1}, column ${c + 1} (${show(matrix[r][c])}), i.e. ${show(1 / matrix[r][c])}; enter the reciprocal or change the pair.`,
          { cell: [c, r] },
        );
      }
    }
  }
}

/**
 * Weights from a positive reciprocal comparison matrix: the principal right eigenvector found by
 * power iteration (to 1e-12), normalized to sum 1, with λmax, CI and CR.
 */
export function ahpWeights(matrix: readonly (readonly number[])[]): AhpResult {
  validatePairwiseMatrix(matrix);
  const n = matrix.length;
  const weights = principalEigenvector(matrix);
  const product = multiply(matrix, weights);
  // With Σw = 1 and Aw = λw, λ = Σ(Aw). Saaty proved λmax ≥ n for positive reciprocal matrices, with
  // equality exactly when consistent: anything below n is float noise and would give a negative CI.
  const lambdaMax = Math.max(n, sum(product));
  const ci = n === 1 ? 0 : (lambdaMax - n) / (n - 1);
  const cr = n <= 2 ? 0 : ci / RANDOM_INDEX[n - 1];
  return { weights, lambdaMax, ci, cr };
}

/**
 * Every upper-triangle judgment, ranked by how far it departs from what the other judgments imply,
 * worst first. For each pair (i, j) the implied value is Harker's (1987, "Alternative modes of
 * questioning in the analytic hierarchy process", Mathematical Modelling 9(3–5)): leave a_ij out,
 * as in an incomplete matrix (a_ij = a_ji = 0, one added to both diagonal entries), and take
 * w_i / w_j from the principal eigenvector of what remains. It does not depend on a_ij itself, so
 * the advice is stable: once a_ij is set to it, the same pair is never told to move again until
 * another judgment changes. (The simpler w_i / w_j of the full matrix moves with a_ij, and for
 * circular judgments first says "use 1", then "use 1/3" for the same pair.) The measure is
 * |ln(a_ij / implied)|, 0 when the judgment agrees with the others.
 */
export function inconsistentJudgments(matrix: readonly (readonly number[])[]): InconsistentJudgment[] {
  validatePairwiseMatrix(matrix);
  const n = matrix.length;
  const judgments: InconsistentJudgment[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // With two criteria nothing else implies a value: every 2 × 2 reciprocal matrix is consistent.
      const consistentValue = n <= 2 ? matrix[i][j] : impliedJudgment(matrix, i, j);
      judgments.push({
        i,
        j,
        current: matrix[i][j],
        consistentValue,
        nearestScaleValue: nearestSaatyValue(consistentValue),
        deviation: Math.abs(Math.log(matrix[i][j] / consistentValue)),
      });
    }
  }
  // Deviations equal in exact arithmetic may differ in the last bits; order those by position.
  const key = (d: number) => Math.round(d * 1e9);
  return judgments.sort((a, b) => key(b.deviation) - key(a.deviation) || a.i - b.i || a.j - b.j);
}

/** w_i / w_j implied by every judgment but a_ij (Harker's incomplete-matrix eigenvector). */
function impliedJudgment(matrix: readonly (readonly number[])[], i: number, j: number): number {
  const without = matrix.map((row, r) =>
    row.map((v, c) => {
      if ((r === i && c === j) || (r === j && c === i)) return 0;
      return r === c && (r === i || r === j) ? 2 : v;
    }),
  );
  const w = principalEigenvector(without);
  return w[i] / w[j];
}

/**
 * The pane's consistency check: the AHP result, whether CR ≤ threshold, and otherwise the
 * `maxJudgments` judgments that contribute most to the inconsistency.
 */
export function ahpCheck(
  matrix: readonly (readonly number[])[],
  threshold: number = DEFAULT_CR_THRESHOLD,
  maxJudgments = 3,
): AhpCheck {
  if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0) {
    throw new ScoringError(
      "InvalidArgument",
      `The consistency threshold ${String(threshold)} is not usable; enter a number of 0 or more, such as 0.1.`,
    );
  }
  if (!Number.isInteger(maxJudgments) || maxJudgments < 1) {
    throw new ScoringError(
      "InvalidArgument",
      `Cannot list ${String(maxJudgments)} judgments to review; ask for a whole number of at least 1.`,
    );
  }
  const result = ahpWeights(matrix);
  const consistent = result.cr <= threshold;
  return {
    ...result,
    consistent,
    threshold,
    judgmentsToReview: consistent ? [] : inconsistentJudgments(matrix).slice(0, maxJudgments),
  };
}

/**
 * The full reciprocal matrix from the judgments the pane collects: one per pair i < j, a_ij = value,
 * a_ji = 1/value, 1 on the diagonal. Every pair must be judged exactly once.
 */
export function pairwiseFromUpper(n: number, judgments: readonly PairwiseJudgment[]): number[][] {
  if (!Number.isInteger(n)) {
    throw new ScoringError(
      "InvalidArgument",
      `Cannot compare ${n} criteria; give a whole number of criteria.`,
    );
  }
  checkSize(n);
  const matrix = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => (r === c ? 1 : NaN)),
  );
  for (const { i, j, value } of judgments) {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j >= n || i >= j) {
      throw new ScoringError(
        "InvalidArgument",
        `The judgment for positions ${i + 1} and ${j + 1} is not an upper-triangle pair of ${n} criteria; give pairs with 0 ≤ i < j < ${n} (invert the value to swap them).`,
      );
    }
    if (!isJudgment(value)) {
      throw new ScoringError(
        "InvalidMatrix",
        `The judgment comparing criterion ${i + 1} with criterion ${j + 1} is ${String(value)}; ${JUDGMENT_FIX}`,
        { cell: [i, j] },
      );
    }
    if (!Number.isNaN(matrix[i][j])) {
      throw new ScoringError(
        "InvalidMatrix",
        `Criterion ${i + 1} and criterion ${j + 1} are compared twice; keep one judgment for each pair.`,
        { cell: [i, j] },
      );
    }
    matrix[i][j] = value;
    matrix[j][i] = 1 / value;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Number.isNaN(matrix[i][j])) {
        throw new ScoringError(
          "InvalidMatrix",
          `Criterion ${i + 1} has not been compared with criterion ${j + 1}; judge every pair before deriving weights.`,
          { cell: [i, j] },
        );
      }
    }
  }
  return matrix;
}

/** The value of SAATY_SCALE nearest to a positive ratio, nearest in the ratio (log) sense. */
export function nearestSaatyValue(ratio: number): number {
  if (typeof ratio !== "number" || !Number.isFinite(ratio) || ratio <= 0) {
    throw new ScoringError(
      "InvalidArgument",
      `${String(ratio)} is not a positive ratio; pass a positive number.`,
    );
  }
  let best = SAATY_SCALE[0];
  for (const candidate of SAATY_SCALE) {
    if (Math.abs(Math.log(ratio / candidate)) < Math.abs(Math.log(ratio / best))) best = candidate;
  }
  return best;
}

const JUDGMENT_FIX = `enter a positive number from 1/${MAX_JUDGMENT} to ${MAX_JUDGMENT}, such as 3 or 1/3.`;

function isJudgment(value: unknown): value is number {
  return typeof value === "number" && value >= 1 / MAX_JUDGMENT && value <= MAX_JUDGMENT;
}

function checkSize(n: number): void {
  if (n < 1) {
    throw new ScoringError(
      "InvalidArgument",
      "The comparison matrix is empty; compare at least one criterion.",
    );
  }
  if (n > MAX_PAIRWISE_CRITERIA) {
    throw new ScoringError(
      "InvalidArgument",
      `Pairwise comparison supports up to ${MAX_PAIRWISE_CRITERIA} criteria, not ${n}; use direct, points or rank weights for more criteria.`,
    );
  }
}

function principalEigenvector(matrix: readonly (readonly number[])[]): number[] {
  // Power iteration w ← A^m·1 with m doubling at each step (A^(2^k) by repeated squaring, as Saaty
  // did by hand). Plain power iteration (m + 1 each step) can need thousands of steps when a
  // subdominant eigenvalue is close to λmax in modulus, as it is for wildly inconsistent judgments;
  // squaring squares that ratio each time. All arithmetic is on positive numbers, so nothing cancels.
  let power = matrix.map((row) => row.slice());
  let w = normalize(power.map(sum));
  for (let squaring = 0; squaring < MAX_SQUARINGS; squaring++) {
    power = square(power);
    const next = normalize(power.map(sum));
    const change = Math.max(...next.map((v, k) => Math.abs(v - w[k])));
    w = next;
    if (change <= CONVERGENCE) return w;
  }
  throw new ScoringError(
    "InvalidMatrix",
    `The weights did not settle after ${MAX_SQUARINGS} squarings of the matrix; check it for extreme judgments.`,
  );
}

/** P·P scaled so that its largest entry is 1: only directions matter, and this prevents overflow. */
function square(p: readonly (readonly number[])[]): number[][] {
  const n = p.length;
  const largest = Math.max(...p.map((row) => Math.max(...row)));
  const q = p.map((row) => row.map((v) => v / largest));
  return q.map((row) => Array.from({ length: n }, (_, c) => row.reduce((acc, v, k) => acc + v * q[k][c], 0)));
}

function multiply(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  return matrix.map((row) => row.reduce((acc, a, k) => acc + a * vector[k], 0));
}

function normalize(values: readonly number[]): number[] {
  const total = sum(values);
  return values.map((v) => v / total);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Matrix entries such as 1/3 are shown to 4 significant digits, enough to recognise them. */
function show(value: number): string {
  return String(Number(value.toPrecision(4)));
}
