/**
 * Scores in the two-level scorecard: a criterion with indicators gets the weighted mean of its
 * indicators' scores, under the scorecard's missing-score policy applied at indicator level; the
 * criterion scores then go through the flat model (scoreAgreements) unchanged, so a scorecard
 * without indicators scores exactly as before.
 */
import { ScoringError } from "./errors";
import {
  checkTreeShape,
  describeIndicator,
  IndicatorError,
  indicatorsOf,
  type IndicatorErrorPlace,
  normalizedLocalWeights,
  type IndicatorTree,
} from "./indicatorTree";
import { validateScore } from "./scale";
import { DEFAULT_MISSING_POLICY, scoreAgreements } from "./score";
import type { AgreementScores, MissingPolicy, Scale, ScoreResult, WeightedCriterion } from "./types";

export interface HierarchicalScoreInput {
  criteria: WeightedCriterion[];
  indicators: IndicatorTree;
  scale: Scale;
  /**
   * Scores by leaf id: an indicator's id for a criterion with indicators, the criterion's own id for
   * a criterion scored directly. Indicator ids are unique across the scorecard, so one map holds both.
   */
  agreements: AgreementScores[];
  missing?: MissingPolicy;
}

export interface MissingIndicator {
  criterionId: string;
  indicatorId: string;
}

/** One agreement's scores per criterion, as the flat model takes them, with what was missing below. */
export interface DerivedScores extends AgreementScores {
  missingIndicators: MissingIndicator[];
}

export interface HierarchicalScoreResult extends ScoreResult {
  /** Each criterion's score on the scale (from its indicators, or as entered); null when it has none. */
  criterionScores: Record<string, number | null>;
  /** Indicators without a score, criteria in input order. */
  missingIndicators: MissingIndicator[];
}

/**
 * A criterion's score from its indicators' scores (null = missing; the others already validated on
 * `scale`) and normalized local weights, under `policy`:
 * - every indicator scored: Σ v_k·s_k (the weighted mean);
 * - "exclude": any indicator missing → no score;
 * - "renormalize": Σ v_k·s_k / Σ v_k over the scored indicators; none with a positive weight → no score;
 * - "zero": a missing indicator counts as the scale minimum, as a missing criterion does in the flat
 *   model; with no indicator scored at all the criterion has no score, and the flat model's "zero"
 *   then counts the criterion itself as the minimum — the same number, but the criterion is reported
 *   missing, exactly as if it had been scored directly and left empty.
 */
export function criterionScoreFromIndicators(
  scores: readonly (number | null)[],
  weights: readonly number[],
  scale: Scale,
  policy: MissingPolicy,
): number | null {
  let weighted = 0;
  let scoredWeight = 0;
  let totalWeight = 0;
  let scoredCount = 0;
  for (let k = 0; k < scores.length; k++) {
    const score = scores[k];
    totalWeight += weights[k];
    if (score === null) {
      if (policy === "zero") weighted += weights[k] * scale.min;
      continue;
    }
    weighted += weights[k] * score;
    scoredWeight += weights[k];
    scoredCount++;
  }
  if (scoredCount === 0) return null;
  const allScored = scoredCount === scores.length;
  if (!allScored && policy === "exclude") return null;
  const base = allScored || policy === "zero" ? totalWeight : scoredWeight;
  if (base === 0) return null;
  // Dividing by the weights' own sum (1 up to rounding) makes a single indicator give back its score
  // exactly; the clamp only removes float noise, since a weighted mean of in-scale scores is in scale.
  return Math.min(scale.max, Math.max(scale.min, weighted / base));
}

/**
 * Every agreement's criterion scores, derived from its indicator scores (see
 * criterionScoreFromIndicators), in the shape scoreAgreements and contributions take. Scores of
 * criteria without indicators pass through; the flat model checks them.
 */
export function deriveCriterionScores(input: HierarchicalScoreInput): DerivedScores[] {
  const model = prepare(input);
  return input.agreements.map((agreement) => derive(agreement, model));
}

/**
 * Weighted scores and ranks of a two-level scorecard: the criterion scores derived from the
 * indicators, then scoreAgreements. `partial` is also true when the score was computed with missing
 * indicators (under "renormalize" or "zero").
 */
export function scoreHierarchical(input: HierarchicalScoreInput): HierarchicalScoreResult[] {
  const derived = deriveCriterionScores(input);
  const results = scoreAgreements({ ...input, agreements: derived });
  return results.map(({ id, score, rank, coverage, partial, missingCriteria }, a) => {
    const { scores, missingIndicators } = derived[a];
    return {
      id,
      score,
      rank,
      coverage,
      partial: partial || (score !== null && missingIndicators.length > 0),
      missingCriteria,
      // scoreAgreements has checked every score in it by now.
      criterionScores: scores,
      missingIndicators,
    };
  });
}

/** Where a leaf id leads: a criterion scored directly, or indicator k of node n. */
type Leaf = { kind: "criterion" } | { kind: "indicator"; node: number; k: number };

interface Node {
  criterionId: string;
  indicatorIds: string[];
  weights: number[];
  /** One agreement's indicator scores (null = missing), reused from agreement to agreement. */
  scores: (number | null)[];
}

interface PreparedTree {
  criterionIds: string[];
  /** Every id scores may be keyed by; null for a criterion with indicators, which takes no score itself. */
  leaves: Map<string, Leaf | null>;
  nodes: Node[];
  scale: Scale;
  policy: MissingPolicy;
}

function prepare(input: HierarchicalScoreInput): PreparedTree {
  const { criteria, indicators: tree, scale } = input;
  const policy = input.missing ?? DEFAULT_MISSING_POLICY;
  // Scoring no agreement runs the flat model's checks of the criteria, scale and policy, with its messages.
  scoreAgreements({ criteria, scale, missing: policy, agreements: [] });
  checkTreeShape(
    criteria.map((criterion) => criterion.id),
    tree,
  );
  const leaves = new Map<string, Leaf | null>();
  const owners = new Map<string, string>();
  const nodes: Node[] = [];
  for (const { id: criterionId } of criteria) {
    const indicators = indicatorsOf(tree, criterionId);
    if (indicators.length === 0) {
      claim(leaves, owners, criterionId, { kind: "criterion" }, `Criterion "${criterionId}"`, {
        criterionId,
      });
      continue;
    }
    const node = nodes.length;
    const indicatorIds = indicators.map((indicator, k) => {
      const id: unknown = indicator?.id;
      const where = describeIndicator(criterionId, k, id);
      if (typeof id !== "string" || id === "") {
        throw new IndicatorError("InvalidArgument", `${where} has no id; give every indicator a unique id.`, {
          criterionId,
          index: k,
        });
      }
      claim(leaves, owners, id, { kind: "indicator", node, k }, where, {
        criterionId,
        indicatorId: id,
        index: k,
      });
      return id;
    });
    const weights = normalizedLocalWeights(criterionId, indicators);
    nodes.push({ criterionId, indicatorIds, weights, scores: new Array<number | null>(indicators.length) });
  }
  // A criterion with indicators is no leaf, but its id stays taken: a score under it is an error.
  for (const { criterionId } of nodes)
    claim(leaves, owners, criterionId, null, `Criterion "${criterionId}"`, { criterionId });
  return { criterionIds: criteria.map((criterion) => criterion.id), leaves, nodes, scale, policy };
}

/**
 * Scores are keyed by leaf id, so a leaf id must not be any other criterion's or indicator's.
 * `owners` remembers who took each id, for the message.
 */
function claim(
  leaves: Map<string, Leaf | null>,
  owners: Map<string, string>,
  id: string,
  leaf: Leaf | null,
  where: string,
  place: IndicatorErrorPlace,
): void {
  const owner = owners.get(id);
  if (owner !== undefined) {
    throw new IndicatorError(
      "DuplicateId",
      `${where} has the id "${id}", which ${owner} already has; give each criterion and indicator its own id.`,
      place,
    );
  }
  leaves.set(id, leaf);
  owners.set(id, where[0].toLowerCase() + where.slice(1));
}

function derive(agreement: AgreementScores, model: PreparedTree): DerivedScores {
  const { id: agreementId, scores } = agreement ?? {};
  // A malformed agreement goes on to scoreAgreements, which reports it in the flat model's words.
  if (typeof scores !== "object" || scores === null) return { ...agreement, missingIndicators: [] };
  const { leaves, nodes, scale, policy } = model;
  for (const node of nodes) node.scores.fill(null);
  // Every criterion, in input order: a criterion without a score is null, as the flat model reads it.
  const out: Record<string, number | null> = {};
  for (const criterionId of model.criterionIds) out[criterionId] = null;
  for (const key in scores) {
    const leaf = leaves.get(key);
    const value: unknown = scores[key];
    if (leaf === undefined) throw unknownLeaf(agreementId, key);
    if (leaf === null) throw scoredThroughIndicators(agreementId, key, model);
    if (value === null || value === undefined) continue;
    if (leaf.kind === "criterion") out[key] = value as number;
    else
      nodes[leaf.node].scores[leaf.k] = checkedIndicatorScore(
        value,
        scale,
        agreementId,
        nodes[leaf.node],
        leaf.k,
      );
  }
  const missingIndicators: MissingIndicator[] = [];
  nodes.forEach(({ criterionId, indicatorIds, weights, scores: indicatorScores }) => {
    out[criterionId] = criterionScoreFromIndicators(indicatorScores, weights, scale, policy);
    indicatorScores.forEach((score, k) => {
      if (score === null) missingIndicators.push({ criterionId, indicatorId: indicatorIds[k] });
    });
  });
  return { id: agreementId, scores: out, missingIndicators };
}

/**
 * The score if it is a finite number on the scale; otherwise validateScore's error (text, NaN,
 * ±Infinity, out of scale) with the indicator (k of `node`) named after the criterion.
 */
function checkedIndicatorScore(
  value: unknown,
  scale: Scale,
  agreementId: string,
  node: Node,
  k: number,
): number {
  if (typeof value === "number" && value >= scale.min && value <= scale.max) return value;
  const { criterionId } = node;
  const indicatorId = node.indicatorIds[k];
  try {
    return validateScore(value, scale, { agreementId, criterionId });
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    const where = `Agreement id ${agreementId}, criterion "${criterionId}"`;
    const detail = error.message.startsWith(`${where}: `)
      ? error.message.slice(where.length + 2)
      : error.message;
    throw new IndicatorError(error.code, `${where}, indicator "${indicatorId}": ${detail}`, {
      agreementId,
      criterionId,
      indicatorId,
    });
  }
}

function unknownLeaf(agreementId: string, key: string): ScoringError {
  return new ScoringError(
    "UnknownCriterion",
    `Agreement id ${agreementId} has a score for "${key}", which is neither a criterion nor an indicator; remove that score or add a criterion or indicator with id "${key}".`,
    { agreementId, criterionId: key },
  );
}

function scoredThroughIndicators(
  agreementId: string,
  criterionId: string,
  model: PreparedTree,
): ScoringError {
  const node = model.nodes.find((n) => n.criterionId === criterionId);
  const ids = (node?.indicatorIds ?? []).map((id) => `"${id}"`).join(", ");
  return new ScoringError(
    "InvalidArgument",
    `Agreement id ${agreementId} has a score for criterion "${criterionId}", which is scored through its indicators (${ids}); enter the scores under the indicators, or remove the indicators to score the criterion directly.`,
    { agreementId, criterionId },
  );
}
