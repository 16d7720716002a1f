/**
 * Stochastic sensitivity analysis: SMAA-2 (Lahdelma & Salminen 2001, "SMAA-2: Stochastic
 * multicriteria acceptability analysis for group decision making", Operations Research 49(3):444–454).
 *
 * Weights are drawn from the simplex (uniformly, from a Dirichlet around the current weights, or as
 * blends of reviewers' own weights, see panel.ts) and, where reviewers disagree, scores from
 * N(score, sd) clipped to [0, 1]. Each draw ranks the alternatives by their additive utility
 * Σ w_j·x_ij. Reported, as in the paper:
 *  - rank acceptability b_i^r: the share of draws in which alternative i takes rank r;
 *  - central weights w_i^c: the mean weight vector of the draws in which i is first;
 *  - confidence factors p_i^c: the share of score draws in which i is first when the weights are
 *    fixed at its central weights.
 *
 * Ties. With continuous weights two alternatives tie with probability 0 unless their score rows are
 * identical (their utilities are then bit-identical, since they are computed the same way). Tied
 * alternatives share their ranks fairly: g alternatives tied over ranks r … r+g−1 each get 1/g of
 * each of those ranks. Every row and every column of the acceptability matrix therefore still sums to
 * 1, identical alternatives get identical rows, and no random numbers are spent on tie-breaking.
 * Utilities are compared exactly, not rounded to 10 decimals as the scorecard's ranking is: rounding
 * would only add ties between alternatives that differ by less than 1e-10 at some sampled weights.
 *
 * Both passes (rank acceptabilities and central weights, then confidence factors when scores vary)
 * work in preallocated typed arrays with no allocation per draw, so that 10,000 draws × 500
 * alternatives × 4 criteria stay well under a second (see bench/scoring.bench.ts).
 */
import { ScoringError } from "./errors";
import { drawBlend, importanceShares, normalizedPanel, panelBlend } from "./panel";
import type { PanelBlend } from "./panel";
import { createRandom, validateSeed } from "./random";
import type { Random } from "./random";
import { validateNormalizedScores } from "./sensitivity";
import { normalizeWeights } from "./weights";

export type SmaaWeights =
  | { kind: "uniform" }
  /** Dirichlet(concentration · center): centred on `center` (normalized inside); larger is tighter. */
  | { kind: "dirichlet"; center: readonly number[]; concentration: number }
  /**
   * Blends of a panel's weights (one vector per reviewer, normalized inside), so that every draw is
   * a compromise between the reviewers' own views; see panelBlend in panel.ts.
   */
  | { kind: "panel"; reviewers: readonly (readonly number[])[]; importance?: readonly number[] };

export interface SmaaInput {
  /** Alternatives × criteria, each score normalized to 0–1. */
  scores: readonly (readonly number[])[];
  /** Number of weight (and score) draws, a whole number ≥ 1. */
  samples: number;
  /** Seed of the random stream, a whole number from 0 to 2^32 − 1; reported back for reproducibility. */
  seed: number;
  /** How weights are drawn; uniform on the simplex when omitted. */
  weights?: SmaaWeights;
  /**
   * Per alternative × criterion standard deviation of the normalized score (from the reviewers'
   * spread); each draw then samples the score from N(score, sd) clipped to [0, 1]. A 0 keeps the
   * score fixed.
   */
  scoreSpread?: readonly (readonly number[])[];
  /** Called about every 1 % of the work with the draws done and the draws planned (both passes). */
  onProgress?: (done: number, total: number) => void;
  /** Asked at the same cadence; true stops the run and returns what the draws so far give. */
  shouldCancel?: () => boolean;
  /** Agreement ids (same order as scores), used in error messages. */
  ids?: readonly string[];
  /** Criterion ids (same order as the score columns), used in error messages. */
  criterionIds?: readonly string[];
}

export interface SmaaResult {
  /** [i][r]: share of draws in which alternative i takes rank r + 1. */
  rankAcceptability: number[][];
  /** [i]: mean weights of the draws in which i is first; all zeros when i is never first. */
  centralWeights: number[][];
  /**
   * [i]: share of score draws in which i is first with the weights fixed at its central weights; 0
   * when i is never first. Without score spread it is 1 (or 1/g when g alternatives tie for first
   * there) or 0.
   */
  confidence: number[];
  /** Weight draws actually used (fewer than asked when cancelled). */
  samples: number;
  seed: number;
  /**
   * Score draws behind `confidence`. 0 means it was evaluated at the given scores: always so without
   * score spread, and with spread when the run was cancelled before the confidence pass began.
   */
  confidenceSamples: number;
  cancelled?: boolean;
}

/**
 * Whether alternative i came first in any draw. Central weights and confidence factors exist only
 * for those; for the others they are reported as zeros, which are not preferences and must not be
 * shown as 0 %.
 */
export function everFirst(result: Pick<SmaaResult, "rankAcceptability">, i: number): boolean {
  return (result.rankAcceptability[i]?.[0] ?? 0) > 0;
}

/** Progress is reported (and cancellation asked) this many times per pass. */
const PROGRESS_STEPS = 100;

export function smaa(input: SmaaInput): SmaaResult {
  const { scores, samples, seed } = input;
  const n = Array.isArray(scores) && Array.isArray(scores[0]) ? scores[0].length : 0;
  validateNormalizedScores(scores, n, input.ids, input.criterionIds);
  const m = scores.length;
  validateSampleCount(samples);
  validateSeed(seed);
  const alpha = dirichletParameters(input.weights, n, input.criterionIds);
  const blend = panelParameters(input.weights, n, input.criterionIds);
  const spread = input.scoreSpread === undefined ? null : spreadCells(input.scoreSpread, m, n, input);

  const random = createRandom(seed);
  const nominal = new Float64Array(m * n);
  scores.forEach((row, i) => nominal.set(row, i * n));
  const drawn = spread === null ? nominal : Float64Array.from(nominal);
  const drawScores =
    spread === null ? () => undefined : () => drawSpreadScores(random, nominal, drawn, spread);
  const drawWeights =
    blend !== null
      ? (w: Float64Array) => drawBlend(random, blend, w)
      : alpha === null
        ? (w: Float64Array) => random.uniformSimplex(n, w)
        : (w: Float64Array) => random.dirichlet(alpha, w);

  const tally = new RankTally(m, n);
  const weights = new Float64Array(n);
  const utility = new Float64Array(m);
  const confidencePassSamples = spread === null ? 0 : samples;
  const total = samples + confidencePassSamples;
  const step = Math.max(1, Math.ceil(samples / PROGRESS_STEPS));

  let used = 0;
  let cancelled = false;
  while (used < samples && !cancelled) {
    const end = Math.min(samples, used + step);
    for (; used < end; used++) {
      drawWeights(weights);
      drawScores();
      utilities(drawn, weights, m, n, utility);
      tally.add(utility, weights);
    }
    input.onProgress?.(used, total);
    cancelled = used < samples && input.shouldCancel?.() === true;
  }

  const centralWeights = tally.centralWeights();
  const confidence = new Float64Array(m);
  let confidenceSamples = 0;
  if (spread === null || cancelled) {
    new FirstPlaceAtCentralWeights(nominal, centralWeights, m, n, new Int32Array(0)).shares(
      nominal,
      confidence,
    );
  } else {
    const firstPlace = new FirstPlaceAtCentralWeights(nominal, centralWeights, m, n, spread.rows);
    const share = new Float64Array(m);
    while (confidenceSamples < samples && !cancelled) {
      const end = Math.min(samples, confidenceSamples + step);
      for (; confidenceSamples < end; confidenceSamples++) {
        drawScores();
        firstPlace.shares(drawn, share);
        for (let i = 0; i < m; i++) confidence[i] += share[i];
      }
      input.onProgress?.(samples + confidenceSamples, total);
      cancelled = confidenceSamples < samples && input.shouldCancel?.() === true;
    }
    for (let i = 0; i < m; i++) confidence[i] /= confidenceSamples;
  }

  const result: SmaaResult = {
    rankAcceptability: tally.acceptability(used),
    centralWeights: centralWeights.map((w) => Array.from(w)),
    confidence: Array.from(confidence),
    samples: used,
    seed,
    confidenceSamples,
  };
  if (cancelled) result.cancelled = true;
  return result;
}

/**
 * Counts ranks and first-place weights over the draws. Untied ranks are counted directly; a tie adds
 * 1/g over a range of ranks, kept as a difference array (+1/g at the first rank, −1/g after the last)
 * so that it costs O(1) per alternative however large the tie.
 */
class RankTally {
  private readonly counts: Float64Array;
  private tieShares: Float64Array | null = null;
  private readonly firstShare: Float64Array;
  private readonly firstWeightSum: Float64Array;
  /** Alternatives in ascending order of utility, and their utilities in that order. */
  private readonly order: Int32Array;
  private readonly sortedUtility: Float64Array;
  private readonly bucketOf: Int32Array;
  private readonly bucketStart: Int32Array;
  private readonly bucketCursor: Int32Array;

  constructor(
    private readonly m: number,
    private readonly n: number,
  ) {
    this.counts = new Float64Array(m * m);
    this.firstShare = new Float64Array(m);
    this.firstWeightSum = new Float64Array(m * n);
    this.order = new Int32Array(m);
    this.sortedUtility = new Float64Array(m);
    this.bucketOf = new Int32Array(m);
    this.bucketStart = new Int32Array(m + 1);
    this.bucketCursor = new Int32Array(m);
  }

  add(utility: Float64Array, weights: Float64Array): void {
    const { m, order, sortedUtility } = this;
    this.sortAscending(utility);
    // Walk down from the best; equal utilities are adjacent and form one tie group.
    let rank = 0;
    for (let top = m - 1; top >= 0;) {
      let bottom = top;
      while (bottom > 0 && sortedUtility[bottom - 1] === sortedUtility[top]) bottom--;
      const group = top - bottom + 1;
      if (group === 1) {
        const i = order[top];
        this.counts[i * m + rank]++;
        if (rank === 0) this.addFirst(i, 1, weights);
      } else {
        const shares = this.tieShares ?? (this.tieShares = new Float64Array(m * (m + 1)));
        for (let k = bottom; k <= top; k++) {
          const i = order[k];
          shares[i * (m + 1) + rank] += 1 / group;
          shares[i * (m + 1) + rank + group] -= 1 / group;
          if (rank === 0) this.addFirst(i, 1 / group, weights);
        }
      }
      rank += group;
      top = bottom - 1;
    }
  }

  /**
   * Fills order/sortedUtility. A bucket sort over [min, max] with one bucket per alternative leaves
   * about one alternative per bucket, so the draw is ranked in O(m) expected time; buckets are then
   * finished by sortRange, which stays O(k log k) if the utilities crowd into a few buckets. With 500
   * alternatives this made the whole run about three times faster than a native Float64Array sort of
   * the utilities followed by a binary search for each alternative's rank.
   */
  private sortAscending(utility: Float64Array): void {
    const { m, order, sortedUtility, bucketOf, bucketStart, bucketCursor } = this;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < m; i++) {
      const u = utility[i];
      if (u < min) min = u;
      if (u > max) max = u;
    }
    if (!(max > min)) {
      for (let i = 0; i < m; i++) {
        order[i] = i;
        sortedUtility[i] = utility[i];
      }
      return;
    }
    // Flooring a monotone map of u keeps buckets in utility order, whatever the rounding. Dividing
    // by the range (rather than multiplying by m / range) cannot overflow when the range is subnormal.
    const range = max - min;
    bucketStart.fill(0);
    for (let i = 0; i < m; i++) {
      let bucket = Math.floor(((utility[i] - min) / range) * m);
      if (bucket >= m) bucket = m - 1;
      bucketOf[i] = bucket;
      bucketStart[bucket + 1]++;
    }
    for (let b = 0; b < m; b++) {
      bucketStart[b + 1] += bucketStart[b];
      bucketCursor[b] = bucketStart[b];
    }
    for (let i = 0; i < m; i++) {
      const position = bucketCursor[bucketOf[i]]++;
      order[position] = i;
      sortedUtility[position] = utility[i];
    }
    for (let b = 0; b < m; b++) {
      if (bucketStart[b + 1] - bucketStart[b] > 1)
        sortRange(sortedUtility, order, bucketStart[b], bucketStart[b + 1] - 1);
    }
  }

  private addFirst(i: number, share: number, weights: Float64Array): void {
    const { n } = this;
    this.firstShare[i] += share;
    for (let j = 0; j < n; j++) this.firstWeightSum[i * n + j] += share * weights[j];
  }

  centralWeights(): Float64Array[] {
    const { m, n } = this;
    const result: Float64Array[] = [];
    for (let i = 0; i < m; i++) {
      const w = new Float64Array(n);
      if (this.firstShare[i] > 0) {
        for (let j = 0; j < n; j++) w[j] = this.firstWeightSum[i * n + j] / this.firstShare[i];
      }
      result.push(w);
    }
    return result;
  }

  acceptability(draws: number): number[][] {
    const { m, counts, tieShares } = this;
    const rows: number[][] = [];
    for (let i = 0; i < m; i++) {
      const row = new Array<number>(m);
      let running = 0;
      for (let r = 0; r < m; r++) {
        if (tieShares !== null) running += tieShares[i * (m + 1) + r];
        row[r] = (counts[i * m + r] + running) / draws;
      }
      rows.push(row);
    }
    return rows;
  }
}

/** Below this many entries insertion sort beats partitioning. */
const INSERTION_SORT_MAX = 16;

/**
 * Sorts keys[lo..hi] ascending (inclusive bounds), moving `items` along: quicksort with a
 * median-of-three pivot, recursing into the smaller side so the stack stays O(log k).
 */
function sortRange(keys: Float64Array, items: Int32Array, lo: number, hi: number): void {
  while (hi - lo > INSERTION_SORT_MAX) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < keys[lo]) swap(keys, items, mid, lo);
    if (keys[hi] < keys[lo]) swap(keys, items, hi, lo);
    if (keys[hi] < keys[mid]) swap(keys, items, hi, mid);
    const pivot = keys[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) swap(keys, items, i++, j--);
    }
    if (j - lo < hi - i) {
      sortRange(keys, items, lo, j);
      lo = i;
    } else {
      sortRange(keys, items, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const key = keys[i];
    const item = items[i];
    let j = i - 1;
    while (j >= lo && keys[j] > key) {
      keys[j + 1] = keys[j];
      items[j + 1] = items[j];
      j--;
    }
    keys[j + 1] = key;
    items[j + 1] = item;
  }
}

function swap(keys: Float64Array, items: Int32Array, a: number, b: number): void {
  const key = keys[a];
  keys[a] = keys[b];
  keys[b] = key;
  const item = items[a];
  items[a] = items[b];
  items[b] = item;
}

function utilities(
  scores: Float64Array,
  weights: Float64Array,
  m: number,
  n: number,
  out: Float64Array,
): void {
  for (let i = 0; i < m; i++) out[i] = utilityOf(scores, i, weights, n);
}

/**
 * For each alternative with central weights, its share of first place with the weights fixed there
 * (1/g when it ties with g − 1 others). Others get 0: the paper leaves the confidence of an
 * alternative that is never first undefined; 0 says the same without a NaN.
 *
 * Rows whose scores never vary have fixed utilities at a fixed weight vector, so their best utility
 * (and how many share it) is computed once per alternative; each score draw then only recomputes the
 * rows that have spread, which is usually a few disputed agreements rather than the whole scorecard.
 */
class FirstPlaceAtCentralWeights {
  /** Alternatives that were ever first, i.e. have central weights. */
  private readonly candidates: number[] = [];
  /** Per alternative: best utility over the fixed rows at its central weights, and its multiplicity. */
  private readonly fixedTop: Float64Array;
  private readonly fixedTopCount: Int32Array;
  /**
   * Per candidate, the varying rows by descending nominal utility at its central weights: a row that
   * beats the candidate in a draw is most likely one that nearly beats it on average, so trying those
   * first ends the scan early.
   */
  private readonly rivalOrder: Int32Array[] = [];

  constructor(
    nominal: Float64Array,
    private readonly centralWeights: readonly Float64Array[],
    m: number,
    private readonly n: number,
    /** Rows with score spread (empty when no score varies). */
    varyingRows: Int32Array,
  ) {
    this.fixedTop = new Float64Array(m).fill(-Infinity);
    this.fixedTopCount = new Int32Array(m);
    const varies = new Uint8Array(m);
    for (const row of varyingRows) varies[row] = 1;
    for (let i = 0; i < m; i++) {
      if (centralWeights[i].every((w) => w === 0)) continue;
      this.candidates.push(i);
      const rows = Array.from(varyingRows);
      const nominalUtility = rows.map((row) => utilityOf(nominal, row, centralWeights[i], n));
      const order = rows.map((_, r) => r).sort((a, b) => nominalUtility[b] - nominalUtility[a]);
      this.rivalOrder[i] = Int32Array.from(order, (r) => rows[r]);
      for (let k = 0; k < m; k++) {
        if (varies[k] === 1) continue;
        const u = utilityOf(nominal, k, centralWeights[i], n);
        if (u > this.fixedTop[i]) {
          this.fixedTop[i] = u;
          this.fixedTopCount[i] = 1;
        } else if (u === this.fixedTop[i]) {
          this.fixedTopCount[i]++;
        }
      }
    }
  }

  /** Writes each alternative's share of first place under `scores` into `out`. */
  shares(scores: Float64Array, out: Float64Array): void {
    const { candidates, centralWeights, fixedTop, fixedTopCount, rivalOrder, n } = this;
    out.fill(0);
    for (const i of candidates) {
      const w = centralWeights[i];
      // Computed exactly as for any other row, so a tie with an identical row is an exact tie.
      const own = utilityOf(scores, i, w, n);
      if (fixedTop[i] > own) continue;
      let atTop = fixedTop[i] === own ? fixedTopCount[i] : 0;
      let beaten = false;
      const rivals = rivalOrder[i];
      for (let r = 0; r < rivals.length && !beaten; r++) {
        const u = utilityOf(scores, rivals[r], w, n);
        if (u > own) beaten = true;
        else if (u === own) atTop++;
      }
      if (!beaten) out[i] = 1 / atTop;
    }
  }
}

function utilityOf(scores: Float64Array, row: number, weights: Float64Array, n: number): number {
  let u = 0;
  for (let j = 0, cell = row * n; j < n; j++, cell++) u += weights[j] * scores[cell];
  return u;
}

interface SpreadCells {
  /** Flat indices (i·n + j) of the scores that vary, their standard deviations, and a noise buffer. */
  cells: Int32Array;
  /** The alternatives with at least one varying score. */
  rows: Int32Array;
  sd: Float64Array;
  noise: Float64Array;
}

function drawSpreadScores(
  random: Random,
  nominal: Float64Array,
  drawn: Float64Array,
  spread: SpreadCells,
): void {
  const { cells, sd, noise } = spread;
  random.normals(noise);
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    const value = nominal[cell] + sd[c] * noise[c];
    drawn[cell] = value < 0 ? 0 : value > 1 ? 1 : value;
  }
}

function validateSampleCount(samples: number): void {
  if (typeof samples !== "number" || !Number.isSafeInteger(samples) || samples < 1) {
    throw new ScoringError(
      "InvalidArgument",
      `Sample count ${String(samples)} is not usable; enter a whole number of at least 1 (10,000 is typical).`,
    );
  }
}

/** Null for uniform and panel weights; otherwise alpha = concentration · normalized center. */
function dirichletParameters(
  weights: SmaaWeights | undefined,
  n: number,
  criterionIds: readonly string[] | undefined,
): Float64Array | null {
  if (weights === undefined) return null;
  const kind: unknown = typeof weights === "object" && weights !== null ? weights.kind : undefined;
  if (kind === "uniform" || kind === "panel") return null;
  if (kind !== "dirichlet") {
    throw new ScoringError(
      "InvalidArgument",
      `Weight sampling ${JSON.stringify(weights) ?? String(weights)} is unknown; use { kind: "uniform" } or { kind: "dirichlet", center, concentration } (or { kind: "panel", reviewers } for blends of reviewers' weights).`,
    );
  }
  const { center, concentration } = weights as Extract<SmaaWeights, { kind: "dirichlet" }>;
  if (!Array.isArray(center) || center.length !== n) {
    const length = Array.isArray(center) ? center.length : 0;
    throw new ScoringError(
      "InvalidArgument",
      `The Dirichlet centre has ${length} weights but there are ${n} criteria; pass one weight per criterion.`,
    );
  }
  if (typeof concentration !== "number" || !Number.isFinite(concentration) || concentration <= 0) {
    throw new ScoringError(
      "InvalidArgument",
      `Dirichlet concentration ${String(concentration)} is not usable; enter a number greater than 0 (larger keeps the draws closer to the current weights).`,
    );
  }
  return Float64Array.from(normalizeWeights(center, criterionIds), (w) => concentration * w);
}

/** Null unless the weights are blends of a panel's; then the panel, validated and ready to draw. */
function panelParameters(
  weights: SmaaWeights | undefined,
  n: number,
  criterionIds: readonly string[] | undefined,
): PanelBlend | null {
  if (weights?.kind !== "panel") return null;
  const vectors = normalizedPanel(weights.reviewers, criterionIds, n);
  return panelBlend(vectors, importanceShares(weights.importance, vectors.length));
}

function spreadCells(
  spread: readonly (readonly number[])[],
  m: number,
  n: number,
  input: SmaaInput,
): SpreadCells {
  if (!Array.isArray(spread) || spread.length !== m) {
    const rows = Array.isArray(spread) ? spread.length : 0;
    throw new ScoringError(
      "InvalidMatrix",
      `The score spread has ${rows} rows but there are ${m} agreements; pass one row of standard deviations per agreement.`,
    );
  }
  const cells: number[] = [];
  const sd: number[] = [];
  spread.forEach((row, i) => {
    const agreementId = input.ids?.[i];
    const agreement = agreementId === undefined ? `Agreement ${i + 1}` : `Agreement id ${agreementId}`;
    if (!Array.isArray(row) || row.length !== n) {
      throw new ScoringError(
        "InvalidMatrix",
        `${agreement} (row ${i + 1}) of the score spread does not have ${n} entries; give one standard deviation per criterion.`,
        { agreementId, index: i },
      );
    }
    row.forEach((value, j) => {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        const criterionId = input.criterionIds?.[j];
        const criterion = criterionId === undefined ? `criterion ${j + 1}` : `criterion "${criterionId}"`;
        throw new ScoringError(
          "InvalidArgument",
          `${agreement}, ${criterion} (cell [${i}, ${j}]): score spread ${String(value)} is not a standard deviation; enter 0 (reviewers agree) or a positive number on the 0–1 normalized scale.`,
          { agreementId, criterionId, index: i, cell: [i, j] },
        );
      }
      if (value > 0) {
        cells.push(i * n + j);
        sd.push(value);
      }
    });
  });
  const rows = Int32Array.from(new Set(cells.map((cell) => Math.floor(cell / n))));
  return {
    cells: Int32Array.from(cells),
    rows,
    sd: Float64Array.from(sd),
    noise: new Float64Array(cells.length),
  };
}
