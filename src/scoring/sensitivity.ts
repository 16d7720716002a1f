/**
 * One-at-a-time weight sensitivity (docs/architecture.md §2 "Sensitivity"). The weight of one criterion k moves
 * over [0, 1] while the other weights keep their ratios:
 *
 *   w_k = t,   w_j = (1 − t) · w_j⁰ / (1 − w_k⁰)   for j ≠ k.
 *
 * When w_k⁰ = 1 the others have no ratios to keep; they then share 1 − t equally, so the analysis
 * still says what happens when weight is moved away from the only weighted criterion.
 *
 * Every weighted score is then a straight line in t, S_i(t) = a_i + b_i·t, with a_i = S_i(0) (the
 * score over the other criteria) and a_i + b_i = S_i(1) = 100·x_ik. Rank changes are where two lines
 * cross, so they are solved exactly instead of sampled. Scores are on the 0–100 weighted-score scale,
 * so S_i(w_k⁰) is the weighted score the scorecard shows.
 */
import { indexUniqueIds, ScoringError } from "./errors";
import { rankDescending, roundForRanking } from "./rank";
import { weightedScore } from "./score";
import { normalizeWeights } from "./weights";

export interface OneAtATimeInput {
  /** Raw non-negative weights, one per criterion; normalized inside. */
  weights: readonly number[];
  /** Alternatives × criteria, each score normalized to 0–1. */
  scores: readonly (readonly number[])[];
  /** Agreement ids (same order as scores), used in error messages. */
  ids?: readonly string[];
  /** Criterion ids (same order as weights), used in error messages. */
  criterionIds?: readonly string[];
}

/** S(t) = a + b·t on the 0–100 scale. */
export interface ScoreLine {
  a: number;
  b: number;
}

export interface LeaderInterval {
  /**
   * The weights t in [lo, hi] (containing the current weight) at which the current leader is still
   * first. A tie for first counts as still first, so at lo and hi the leader ties with the one who
   * takes over just beyond.
   */
  lo: number;
  hi: number;
  /** Who leads just below lo; absent when lo = 0 (the leader keeps first down to weight 0). */
  leaderBelow?: number;
  /** Who leads just above hi; absent when hi = 1. */
  leaderAbove?: number;
}

/**
 * Lines i and j cross at weight t: i is ahead just below t and j just above. A crossing exactly at
 * t = 0 or t = 1 is included (the two tie at that end of the range); there the side outside [0, 1]
 * is where the lines would continue, and inside the range only the side within [0, 1] is seen.
 */
export interface RankSwap {
  t: number;
  i: number;
  j: number;
}

export interface CriterionSensitivity {
  criterionIndex: number;
  /** The current normalized weight of the criterion. */
  current: number;
  leaderInterval: LeaderInterval;
  /** Every crossing in [0, 1], sorted by t (then by i, j). */
  swaps: RankSwap[];
  /** One line per alternative, for the chart. */
  lines: ScoreLine[];
}

/** The smallest single-criterion weight change that hands first place to someone else. */
export interface LeaderChange {
  criterionIndex: number;
  /** Current normalized weight of the criterion. */
  from: number;
  /** The weight at which the leader ties with `newLeader`; beyond it `newLeader` leads. */
  to: number;
  /** to − from: negative when the weight has to go down. */
  change: number;
  newLeader: number;
}

export interface OneAtATimeResult {
  /**
   * The alternative first at the current weights. When several tie for first (after rounding to 10
   * decimals, as the ranking does), the one listed first is the leader whose interval is reported.
   */
  leader: number;
  criteria: CriterionSensitivity[];
  /** Null when no single weight anywhere in [0, 1] changes the leader. */
  smallestChange: LeaderChange | null;
}

/**
 * Two crossings closer than this (in weight units) are the same point: concurrent lines meet at one
 * t, but each pair's root is computed separately and may differ in the last bits.
 */
const SAME_WEIGHT = 1e-12;

export function oneAtATime(input: OneAtATimeInput): OneAtATimeResult {
  const weights = normalizeWeights(input.weights, input.criterionIds);
  const n = weights.length;
  validateNormalizedScores(input.scores, n, input.ids, input.criterionIds);
  const scores = input.scores;

  const current = scores.map((row) => weightedScore(weights, row));
  const leader = rankDescending(current).indexOf(1);

  const criteria: CriterionSensitivity[] = [];
  for (let k = 0; k < n; k++) {
    const lines = scores.map((row) => lineFor(row, weights, k));
    criteria.push({
      criterionIndex: k,
      current: weights[k],
      leaderInterval: n === 1 ? { lo: 0, hi: 1 } : leaderIntervalFor(lines, leader, weights[k]),
      swaps: swapsOf(lines),
      lines,
    });
  }
  return { leader, criteria, smallestChange: smallestLeaderChange(criteria) };
}

/**
 * The line of one alternative when criterion k is varied. With a single criterion the weight cannot
 * move (it is always 1), so the line is flat at the alternative's score.
 */
function lineFor(row: readonly number[], weights: readonly number[], k: number): ScoreLine {
  const n = weights.length;
  const at1 = 100 * row[k];
  if (n === 1) return { a: at1, b: 0 };
  // The others' total, summed rather than taken as 1 − w_k, keeps their ratios exact when they are tiny.
  let rest = 0;
  for (let j = 0; j < n; j++) if (j !== k) rest += weights[j];
  let at0 = 0;
  for (let j = 0; j < n; j++) {
    if (j === k) continue;
    at0 += (rest > 0 ? weights[j] / rest : 1 / (n - 1)) * row[j];
  }
  at0 *= 100;
  return { a: at0, b: at1 - at0 };
}

/**
 * A line's values at the two ends of the range, where scores are exact sums rather than a + b·t, and
 * the same values after roundForRanking: ends are compared rounded, so float noise cannot invent a
 * crossing between two alternatives the scorecard ranks as tied.
 */
interface LineEnds {
  at0: number;
  at1: number;
  rounded0: number;
  rounded1: number;
}

function endsOf(lines: readonly ScoreLine[]): LineEnds[] {
  return lines.map(({ a, b }) => ({
    at0: a,
    at1: a + b,
    rounded0: roundForRanking(a),
    rounded1: roundForRanking(a + b),
  }));
}

/** D(t) = S_i(t) − S_j(t), decided at the two ends of the range. */
interface Difference {
  /** Sign of D(0) and D(1) after rounding: −1, 0 or 1. */
  signAt0: number;
  signAt1: number;
  /** Where D crosses 0; meaningful only when the signs allow a crossing in [0, 1]. */
  root: number;
  /** dD/dt: which side of the root is which. */
  slope: number;
}

function difference(i: LineEnds, j: LineEnds): Difference {
  const at0 = i.at0 - j.at0;
  const at1 = i.at1 - j.at1;
  // Rounding is monotone, so a strict sign after rounding is also the sign of the exact difference
  // and the root below lies strictly inside (0, 1).
  const signAt0 = Math.sign(i.rounded0 - j.rounded0);
  const signAt1 = Math.sign(i.rounded1 - j.rounded1);
  let root: number;
  if (signAt0 === 0) root = 0;
  else if (signAt1 === 0) root = 1;
  else root = at0 / (at0 - at1);
  return { signAt0, signAt1, root, slope: at1 - at0 };
}

function swapsOf(lines: readonly ScoreLine[]): RankSwap[] {
  const ends = endsOf(lines);
  const swaps: RankSwap[] = [];
  for (let i = 0; i < ends.length; i++) {
    for (let j = i + 1; j < ends.length; j++) {
      const d = difference(ends[i], ends[j]);
      // Tied at both ends means tied throughout; the same sign at both ends means one is ahead
      // throughout.
      if (d.signAt0 === 0 && d.signAt1 === 0) continue;
      if (d.signAt0 * d.signAt1 > 0) continue;
      // D rises through its root when i gains on j, so j is ahead just below and i just above.
      swaps.push(d.slope > 0 ? { t: d.root, i: j, j: i } : { t: d.root, i, j });
    }
  }
  return swaps.sort((x, y) => x.t - y.t || x.i - y.i || x.j - y.j);
}

/**
 * The swaps at which two agreements really change places as the weight moves: those strictly inside
 * (0, 1). At t = 0 or t = 1 the two lines only touch, a tie at the end of the range, so the pane and
 * the Sensitivity sheet count neither as a rank change.
 */
export function rankChanges(criterion: Pick<CriterionSensitivity, "swaps">): RankSwap[] {
  return criterion.swaps.filter((s) => s.t > 0 && s.t < 1);
}

/**
 * Where the leader L stays first: the set {t : S_L(t) ≥ S_i(t) for all i} is an intersection of
 * half-lines, so it is one interval. Each rival i bounds it from below if it gains on L towards
 * t = 0, from above if it gains towards t = 1.
 */
function leaderIntervalFor(lines: readonly ScoreLine[], leader: number, current: number): LeaderInterval {
  const ends = endsOf(lines);
  let lo = 0;
  let hi = 1;
  const lowerBound = new Array<number>(lines.length).fill(0);
  const upperBound = new Array<number>(lines.length).fill(1);
  for (let i = 0; i < lines.length; i++) {
    if (i === leader) continue;
    const d = difference(ends[leader], ends[i]);
    // The leader was decided at the current weight; both ends behind means the two are within float
    // noise of each other there, so the rival binds at the current weight from both sides.
    if (d.signAt0 < 0) lowerBound[i] = d.signAt1 < 0 ? current : Math.min(d.root, current);
    if (d.signAt1 < 0) upperBound[i] = d.signAt0 < 0 ? current : Math.max(d.root, current);
    lo = Math.max(lo, lowerBound[i]);
    hi = Math.min(hi, upperBound[i]);
  }

  const interval: LeaderInterval = { lo, hi };
  const below = takeover(lines, leader, lowerBound, lo, -1);
  const above = takeover(lines, leader, upperBound, hi, 1);
  if (lo > 0 && below !== undefined) interval.leaderBelow = below;
  if (hi < 1 && above !== undefined) interval.leaderAbove = above;
  return interval;
}

/**
 * Of the rivals that tie with the leader at the end of its interval, the one that leads just beyond
 * it is the one whose line is steepest in that direction (lowest slope below, highest above); equal
 * slopes mean identical lines, and then the first listed is named.
 */
function takeover(
  lines: readonly ScoreLine[],
  leader: number,
  bounds: readonly number[],
  end: number,
  direction: -1 | 1,
): number | undefined {
  let best: number | undefined;
  lines.forEach((line, i) => {
    if (i === leader || Math.abs(bounds[i] - end) > SAME_WEIGHT) return;
    const binds = direction < 0 ? bounds[i] > 0 : bounds[i] < 1;
    if (!binds) return;
    if (best === undefined || direction * line.b > direction * lines[best].b) best = i;
  });
  return best;
}

function smallestLeaderChange(criteria: readonly CriterionSensitivity[]): LeaderChange | null {
  let best: LeaderChange | null = null;
  for (const c of criteria) {
    const { lo, hi, leaderBelow, leaderAbove } = c.leaderInterval;
    const candidates: [number, number | undefined][] = [
      [lo, leaderBelow],
      [hi, leaderAbove],
    ];
    for (const [to, newLeader] of candidates) {
      if (newLeader === undefined) continue;
      const change = to - c.current;
      if (best === null || Math.abs(change) < Math.abs(best.change)) {
        best = { criterionIndex: c.criterionIndex, from: c.current, to, change, newLeader };
      }
    }
  }
  return best;
}

/**
 * Checks an alternatives × criteria matrix of scores normalized to 0–1 (shared with smaa.ts): at
 * least one row, every row as long as the criteria, every entry a finite number in [0, 1].
 */
export function validateNormalizedScores(
  scores: readonly (readonly number[])[],
  criteriaCount: number,
  ids?: readonly string[],
  criterionIds?: readonly string[],
): void {
  if (!Array.isArray(scores) || scores.length === 0) {
    throw new ScoringError(
      "InvalidMatrix",
      "No agreements to analyse: the score matrix is empty; score at least one agreement first.",
    );
  }
  if (ids !== undefined) validateIds(ids, scores.length);
  const agreementLabel = (i: number) => (ids === undefined ? `Agreement ${i + 1}` : `Agreement id ${ids[i]}`);
  scores.forEach((row, i) => {
    if (!Array.isArray(row)) {
      throw new ScoringError(
        "InvalidMatrix",
        `${agreementLabel(i)} (row ${i + 1}) has no list of scores; give one normalized score per criterion.`,
        { agreementId: ids?.[i], index: i },
      );
    }
  });
  if (criteriaCount < 1) {
    throw new ScoringError("InvalidMatrix", "The score matrix has no criteria; add at least one criterion.");
  }
  if (criterionIds !== undefined && criterionIds.length !== criteriaCount) {
    throw new ScoringError(
      "InvalidArgument",
      `Got ${criterionIds.length} criterion ids for ${criteriaCount} criteria; pass one id per criterion.`,
    );
  }
  scores.forEach((row: readonly number[], i) => {
    const agreementId = ids?.[i];
    const agreement = agreementLabel(i);
    if (row.length !== criteriaCount) {
      throw new ScoringError(
        "InvalidMatrix",
        `${agreement} (row ${i + 1}) has ${row.length} scores but there are ${criteriaCount} criteria; give one normalized score per criterion.`,
        { agreementId, index: i },
      );
    }
    row.forEach((value, j) => {
      if (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1) return;
      const criterionId = criterionIds?.[j];
      const criterion = criterionId === undefined ? `criterion ${j + 1}` : `criterion "${criterionId}"`;
      const isNumber = typeof value === "number" && Number.isFinite(value);
      throw new ScoringError(
        isNumber ? "ScoreOutOfScale" : "InvalidScore",
        `${agreement}, ${criterion} (cell [${i}, ${j}]): normalized score ${String(value)} is ${
          isNumber ? "outside 0–1" : "not a finite number"
        }; pass (score − scale minimum) / (scale maximum − scale minimum), a number from 0 to 1.`,
        { agreementId, criterionId, index: i, cell: [i, j] },
      );
    });
  });
}

function validateIds(ids: readonly string[], count: number): void {
  if (ids.length !== count) {
    throw new ScoringError(
      "InvalidArgument",
      `Got ${ids.length} agreement ids for ${count} rows of scores; pass one id per agreement.`,
    );
  }
  indexUniqueIds(ids, (id, first, i) => ({
    message: `Agreement id ${id} is used by rows ${first + 1} and ${i + 1}; give every agreement its own id.`,
    place: { agreementId: id, index: i },
  }));
}
