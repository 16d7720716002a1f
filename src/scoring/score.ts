/**
 * Weighted scores and ranks (docs/architecture.md §2 "Weighted score", "Rank"):
 * score = 100 · Σ w_i · norm(s_i), with the weights normalized to sum 1 and an explicit policy for
 * missing scores. Built for whole scorecards at once: the weights are normalized once, and the hot
 * loop reads each agreement's scores by criterion id into one reused buffer.
 */
import { indexUniqueIds, ScoringError } from "./errors";
import { rankDescending, roundForRanking } from "./rank";
import { validateScale, validateScore } from "./scale";
import type { AgreementScores, MissingPolicy, Scale, ScoreInput, ScoreResult } from "./types";
import { normalizeWeights } from "./weights";

export const DEFAULT_MISSING_POLICY: MissingPolicy = "exclude";

/** Points each criterion adds to one agreement's weighted score. */
export interface AgreementContributions {
  id: string;
  /**
   * points[j] belongs to input.criteria[j]; they sum to the agreement's score (which is rounded to
   * 10 decimals, so within 1e-9). A missing criterion adds 0. All null when the score is null.
   */
  points: (number | null)[];
}

/**
 * 100 · Σ w_i · s_i for one agreement, with weights already normalized (sum 1) and scores already
 * normalized to 0–1. Not rounded: it is linear in the weights, which the sensitivity analysis uses.
 */
export function weightedScore(
  normalizedWeights: ArrayLike<number>,
  normalizedScores: ArrayLike<number>,
): number {
  if (normalizedWeights.length !== normalizedScores.length) {
    throw new ScoringError(
      "InvalidArgument",
      `Got ${normalizedScores.length} scores for ${normalizedWeights.length} weights; pass one score per weight.`,
    );
  }
  let total = 0;
  for (let j = 0; j < normalizedWeights.length; j++) total += normalizedWeights[j] * normalizedScores[j];
  return 100 * total;
}

/**
 * Weighted score (0–100, rounded to 10 decimals like the workbook's ROUND(…, 10)), rank, coverage
 * and missing criteria of every agreement, in input order. Missing scores (null or absent) follow
 * input.missing:
 * - "exclude" (default): no score and no rank until every criterion is scored;
 * - "renormalize": score over the scored criteria with their weights renormalized, flagged partial;
 *   null when no scored criterion has a positive weight;
 * - "zero": a missing score counts as the scale minimum, flagged partial.
 * Coverage counts every criterion, including those with weight 0.
 */
export function scoreAgreements(input: ScoreInput): ScoreResult[] {
  const model = prepare(input);
  const { agreements } = input;
  const row = newRowBuffer(model);
  const scores: (number | null)[] = new Array<number | null>(agreements.length);
  const results: ScoreResult[] = new Array<ScoreResult>(agreements.length);

  for (let a = 0; a < agreements.length; a++) {
    const missingCount = readAgreement(agreements[a], a, model, row);
    const base = weightBase(model, row, missingCount);
    const score = base === null ? null : roundForRanking(weightedScore(model.weights, row.normalized) / base);
    scores[a] = score;
    results[a] = {
      id: agreements[a].id,
      score,
      rank: null,
      coverage: (model.criterionIds.length - missingCount) / model.criterionIds.length,
      partial: score !== null && missingCount > 0,
      missingCriteria: missingCount === 0 ? [] : missingIds(model.criterionIds, row),
    };
  }

  const ranks = rankDescending(scores);
  for (let a = 0; a < results.length; a++) results[a].rank = ranks[a];
  return results;
}

/**
 * Per-criterion breakdown of each agreement's weighted score (for the stacked contribution chart),
 * in input order, under the same validation and missing-score policy as scoreAgreements.
 */
export function contributions(input: ScoreInput): AgreementContributions[] {
  const model = prepare(input);
  const row = newRowBuffer(model);
  return input.agreements.map((agreement, a) => {
    const missingCount = readAgreement(agreement, a, model, row);
    const base = weightBase(model, row, missingCount);
    const points = model.weights.map((weight, j) =>
      base === null ? null : (100 * weight * row.normalized[j]) / base,
    );
    return { id: agreement.id, points };
  });
}

/** The input, checked once and reduced to what the per-agreement loop needs. */
interface PreparedModel {
  criterionIds: string[];
  /** Position of each criterion id in criterionIds. */
  criterionIndex: Map<string, number>;
  /** Normalized weights (sum 1), aligned with criterionIds. */
  weights: number[];
  scale: Scale;
  policy: MissingPolicy;
}

function prepare(input: ScoreInput): PreparedModel {
  const { criteria, agreements } = input;
  validateScale(input.scale);
  const policy = input.missing ?? DEFAULT_MISSING_POLICY;
  if (policy !== "exclude" && policy !== "renormalize" && policy !== "zero") {
    throw new ScoringError(
      "InvalidArgument",
      `Missing-score policy ${JSON.stringify(policy)} is unknown; use "exclude", "renormalize" or "zero".`,
    );
  }

  const criterionIds = criteria.map((criterion, index) => {
    if (typeof criterion?.id !== "string" || criterion.id === "") {
      throw new ScoringError(
        "InvalidArgument",
        `Criterion ${index + 1} has no id; give every criterion a non-empty id such as "threat_response".`,
        { index },
      );
    }
    return criterion.id;
  });
  const criterionIndex = indexUniqueIds(criterionIds, (id, first, index) => ({
    message: `Criteria ${first + 1} and ${index + 1} both have id "${id}"; give each criterion its own id.`,
    place: { criterionId: id, index },
  }));
  const weights = normalizeWeights(
    criteria.map((criterion) => criterion.weight),
    criterionIds,
  );

  const agreementIds = new Set<string>();
  agreements.forEach((agreement, index) => {
    if (typeof agreement?.id !== "string" || agreement.id === "") {
      throw new ScoringError(
        "InvalidArgument",
        `Agreement ${index + 1} has no id; give every agreement a non-empty, unique id.`,
        { index },
      );
    }
    if (agreementIds.has(agreement.id)) {
      const first = agreements.findIndex((other) => other.id === agreement.id);
      throw new ScoringError(
        "DuplicateId",
        `Agreements ${first + 1} and ${index + 1} both have id ${agreement.id}; give each agreement its own id.`,
        { agreementId: agreement.id, index },
      );
    }
    agreementIds.add(agreement.id);
    if (typeof agreement.scores !== "object" || agreement.scores === null) {
      throw new ScoringError(
        "InvalidArgument",
        `Agreement id ${agreement.id} has no scores object; pass scores as { criterionId: score or null }.`,
        { agreementId: agreement.id, index },
      );
    }
  });

  return { criterionIds, criterionIndex, weights, scale: input.scale, policy };
}

/** One agreement's scores, reused from agreement to agreement to spare the allocations. */
interface RowBuffer {
  /** Scores normalized to 0–1; 0 where missing, so that a missing score adds nothing. */
  normalized: Float64Array;
  /** 1 where the criterion has no score. */
  missing: Uint8Array;
}

function newRowBuffer(model: PreparedModel): RowBuffer {
  const n = model.criterionIds.length;
  return { normalized: new Float64Array(n), missing: new Uint8Array(n) };
}

/** Validates one agreement's scores into `row`; returns the number of missing criteria. */
function readAgreement(
  agreement: AgreementScores,
  index: number,
  model: PreparedModel,
  row: RowBuffer,
): number {
  const { scores, id: agreementId } = agreement;
  const { scale } = model;
  const width = scale.max - scale.min;
  row.normalized.fill(0);
  row.missing.fill(1);
  // Walking the agreement's keys (rather than looking each criterion up) finds unknown keys in the
  // same pass, and never reads a criterion called "constructor" off Object.prototype.
  for (const criterionId in scores) {
    const j = model.criterionIndex.get(criterionId);
    if (j === undefined) throw unknownCriterion(agreementId, criterionId, index);
    const value: unknown = scores[criterionId];
    if (value === null || value === undefined) continue;
    // The in-range test alone is the whole check for a valid score (it is false for NaN and text);
    // validateScore, which re-checks the scale and prepares its messages, runs only to report what
    // is wrong. The normalization is normalizeScore's, without re-checking the scale per cell.
    const inScale = typeof value === "number" && value >= scale.min && value <= scale.max;
    const score = inScale ? value : validateScore(value, scale, { agreementId, criterionId });
    row.normalized[j] = (score - scale.min) / width;
    row.missing[j] = 0;
  }
  let missingCount = 0;
  for (let j = 0; j < row.missing.length; j++) missingCount += row.missing[j];
  return missingCount;
}

function unknownCriterion(agreementId: string, key: string, index: number): ScoringError {
  return new ScoringError(
    "UnknownCriterion",
    `Agreement id ${agreementId} has a score for "${key}", which is not a criterion; remove that score or add a criterion with id "${key}".`,
    { agreementId, criterionId: key, index },
  );
}

/**
 * The total weight the score is taken relative to under the missing-score policy, or null for no
 * score. Only "renormalize" with missing scores differs from 1: the weight of the scored criteria.
 * ("zero" needs nothing: a missing score already normalizes to 0, like the scale minimum.)
 */
function weightBase(model: PreparedModel, row: RowBuffer, missingCount: number): number | null {
  if (missingCount === 0 || model.policy === "zero") return 1;
  if (model.policy === "exclude") return null;
  let scoredWeight = 0;
  for (let j = 0; j < row.missing.length; j++) if (row.missing[j] === 0) scoredWeight += model.weights[j];
  return scoredWeight > 0 ? scoredWeight : null;
}

function missingIds(criterionIds: readonly string[], row: RowBuffer): string[] {
  const missing: string[] = [];
  for (let j = 0; j < criterionIds.length; j++) if (row.missing[j] === 1) missing.push(criterionIds[j]);
  return missing;
}
