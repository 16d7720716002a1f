/**
 * Several reviewers (docs/architecture.md §2 "Several reviewers"): one consensus value per agreement ×
 * criterion (mean by default, or median), its spread (sample SD and range), and a "discuss" flag
 * where reviewers disagree too much for the consensus to be trusted without a conversation.
 */
import { ScoringError } from "./errors";
import { validateScale, validateScore } from "./scale";
import type { Scale } from "./types";

export type ConsensusMethod = "mean" | "median";

export interface Spread {
  /** Sample standard deviation (n − 1 in the denominator); null with fewer than two values. */
  sd: number | null;
  /** Highest minus lowest value; null with no values. */
  range: number | null;
  n: number;
}

/** One reviewer's score for one agreement × criterion, as kept on the Reviews sheet. */
export interface Review {
  reviewer: string;
  agreementId: string;
  criterionId: string;
  /** null: the reviewer has not scored this cell, or has withdrawn an earlier score. */
  score: number | null;
  rationale?: string;
  /** When the score was given, as an ISO 8601 date-time; decides between two scores of one reviewer. */
  time?: string;
}

export interface ConsensusCell extends Spread {
  agreementId: string;
  criterionId: string;
  /** Consensus of the reviewers' current scores; null when nobody has scored the cell. */
  value: number | null;
  discuss: boolean;
  /** Each reviewer's current review of the cell (the one that counts), in input order. */
  reviews: Review[];
}

/**
 * Default SD threshold as a share of the scale width: 1.0 on the default 1–5 scale, 2.5 on 0–10.
 * On 1–5 the rubric anchors are one point apart, so an SD above 1 means the reviewers typically sit
 * more than one rubric step from each other: they are not reading the rubric the same way. Tying it
 * to the width keeps that meaning on any scale.
 */
export const DEFAULT_SD_THRESHOLD_SHARE = 0.25;

/** Range at or above this share of the scale width flags a cell (docs/architecture.md §2). */
export const DISCUSS_RANGE_SHARE = 0.5;

/**
 * Relative slack (as a share of the scale width) for the range and SD tests, so that float noise
 * (2.3 − 0.3 = 1.9999999999999998) does not hide a range that is exactly half the scale, nor flag an
 * SD that equals the threshold.
 */
export const DISCUSS_TOLERANCE = 1e-9;

export function defaultSdThreshold(scale: Scale): number {
  validateScale(scale);
  return (scale.max - scale.min) * DEFAULT_SD_THRESHOLD_SHARE;
}

/** Mean or median of the values; null for no values. */
export function consensus(values: readonly number[], method: ConsensusMethod = "mean"): number | null {
  checkMethod(method);
  checkFinite(values);
  if (values.length === 0) return null;
  if (method === "mean") {
    // The mean lies between the lowest and highest value; rounding can push it an ulp past them
    // (three times 0.1 averages to 0.10000000000000002), which would then fail the scale check when
    // the consensus is scored. Clamping removes exactly that noise.
    return Math.min(Math.max(mean(values), Math.min(...values)), Math.max(...values));
  }
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function spread(values: readonly number[]): Spread {
  checkFinite(values);
  const n = values.length;
  if (n === 0) return { sd: null, range: null, n };
  let low = values[0];
  let high = values[0];
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return { sd: n < 2 ? null : sampleSd(values), range: high - low, n };
}

/**
 * True when reviewers disagree enough to talk: the range is at least half the scale width, or the
 * sample SD exceeds sdThreshold (default: a quarter of the scale width, see
 * DEFAULT_SD_THRESHOLD_SHARE). A single value or none never asks for a discussion.
 */
export function flagDiscuss(values: readonly number[], scale: Scale, sdThreshold?: number): boolean {
  const threshold = sdThreshold ?? defaultSdThreshold(scale);
  checkThreshold(threshold);
  validateScale(scale);
  return isDiscussWorthy(spread(values), scale, threshold);
}

/**
 * Consensus per agreement × criterion over a long table of reviews, cells in order of first
 * appearance. A reviewer who scored the same cell more than once counts once, with the latest
 * review: by time when every one of that reviewer's reviews of the cell has a time (equal times:
 * the later row), otherwise by row order, because a row appended by hand without a time is the
 * newest thing the table knows about. A latest review with a null score withdraws the reviewer
 * from the cell.
 */
export function consensusTable(
  reviews: readonly Review[],
  method: ConsensusMethod,
  scale: Scale,
  sdThreshold?: number,
): ConsensusCell[] {
  checkMethod(method);
  validateScale(scale);
  const threshold = sdThreshold ?? defaultSdThreshold(scale);
  checkThreshold(threshold);

  const cells = new Map<string, Map<string, ReviewAt[]>>();
  const cellOrder: { agreementId: string; criterionId: string; key: string }[] = [];
  reviews.forEach((review, index) => {
    checkReview(review, index, scale);
    const key = JSON.stringify([review.agreementId, review.criterionId]);
    let byReviewer = cells.get(key);
    if (byReviewer === undefined) {
      byReviewer = new Map();
      cells.set(key, byReviewer);
      cellOrder.push({ agreementId: review.agreementId, criterionId: review.criterionId, key });
    }
    const history = byReviewer.get(review.reviewer);
    if (history === undefined) byReviewer.set(review.reviewer, [{ review, index }]);
    else history.push({ review, index });
  });

  return cellOrder.map(({ agreementId, criterionId, key }) => {
    const current = [...(cells.get(key) as Map<string, ReviewAt[]>).values()]
      .map(latest)
      .sort((a, b) => a.index - b.index)
      .map((entry) => entry.review);
    const scores = current.flatMap((review) => (review.score === null ? [] : [review.score]));
    const cellSpread = spread(scores);
    return {
      agreementId,
      criterionId,
      value: consensus(scores, method),
      ...cellSpread,
      discuss: isDiscussWorthy(cellSpread, scale, threshold),
      reviews: current,
    };
  });
}

interface ReviewAt {
  review: Review;
  /** Row in the input, the tie-breaker and the fallback order. */
  index: number;
}

function latest(history: ReviewAt[]): ReviewAt {
  const allTimed = history.every((entry) => hasTime(entry.review));
  let best = history[0];
  for (const entry of history.slice(1)) {
    const newer = allTimed
      ? Date.parse(entry.review.time as string) >= Date.parse(best.review.time as string)
      : entry.index > best.index;
    if (newer) best = entry;
  }
  return best;
}

function isDiscussWorthy(cellSpread: Spread, scale: Scale, sdThreshold: number): boolean {
  const width = scale.max - scale.min;
  const wideRange =
    cellSpread.range !== null && cellSpread.range >= width * DISCUSS_RANGE_SHARE - width * DISCUSS_TOLERANCE;
  // The same slack as the range: an SD that equals the threshold up to float noise does not flag,
  // whichever way an engine happens to round it (the workbook's formulas compute it from sums).
  const highSd = cellSpread.sd !== null && cellSpread.sd > sdThreshold + width * DISCUSS_TOLERANCE;
  return wideRange || highSd;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Two passes (mean first, then squared deviations) to avoid the cancellation of Σx² − n·x̄². */
function sampleSd(values: readonly number[]): number {
  const average = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

function hasTime(review: Review): boolean {
  return typeof review.time === "string" && review.time.trim() !== "";
}

function checkReview(review: Review, index: number, scale: Scale): void {
  const row = `Review ${index + 1}`;
  if (typeof review !== "object" || review === null) {
    throw new ScoringError(
      "InvalidArgument",
      `${row} is ${String(review)}, not a review; give each review a reviewer, agreementId, criterionId and score.`,
      { index },
    );
  }
  for (const field of ["reviewer", "agreementId", "criterionId"] as const) {
    const value: unknown = review[field];
    if (typeof value !== "string" || value.trim() === "") {
      throw new ScoringError(
        "InvalidArgument",
        `${row}: ${field} is missing or empty; fill in the ${field} of that review.`,
        placeOf(review, index),
      );
    }
  }
  const who = `Reviewer "${review.reviewer}"`;
  const time: unknown = review.time;
  const timeIsUsable =
    time === undefined ||
    (typeof time === "string" && (time.trim() === "" || !Number.isNaN(Date.parse(time))));
  if (!timeIsUsable) {
    throw new ScoringError(
      "InvalidArgument",
      `${who}, agreement id ${review.agreementId}, criterion "${review.criterionId}": time ${JSON.stringify(
        review.time,
      )} is not a date; enter an ISO 8601 date-time such as 2024-05-01T14:30:00Z, or leave it empty.`,
      placeOf(review, index),
    );
  }
  if (review.score === null) return;
  try {
    validateScore(review.score, scale, { agreementId: review.agreementId, criterionId: review.criterionId });
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    throw new ScoringError(error.code, `${who}: ${error.message}`, placeOf(review, index));
  }
}

function placeOf(
  review: Review,
  index: number,
): { agreementId?: string; criterionId?: string; index: number } {
  const place: { agreementId?: string; criterionId?: string; index: number } = { index };
  if (typeof review.agreementId === "string") place.agreementId = review.agreementId;
  if (typeof review.criterionId === "string") place.criterionId = review.criterionId;
  return place;
}

function checkMethod(method: unknown): void {
  if (method !== "mean" && method !== "median") {
    throw new ScoringError(
      "InvalidArgument",
      `Consensus method ${JSON.stringify(method)} is unknown; use "mean" or "median".`,
    );
  }
}

function checkThreshold(threshold: number): void {
  if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0) {
    throw new ScoringError(
      "InvalidArgument",
      `SD threshold ${String(threshold)} is invalid; enter a finite number of scale points, 0 or more (e.g. 1 on a 1–5 scale).`,
    );
  }
}

function checkFinite(values: readonly number[]): void {
  values.forEach((value, index) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new ScoringError(
        "InvalidArgument",
        `Value ${index + 1} is ${String(value)}; reviewers' scores must be finite numbers.`,
        { index },
      );
    }
  });
}
