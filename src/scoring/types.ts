/** Shared types of the scoring model (docs/architecture.md §2). Pure data, no behaviour. */

export interface Scale {
  min: number;
  max: number;
}

export interface Criterion {
  /** Stable key, e.g. "operational_efficiency"; used as the workbook column key. */
  id: string;
  name: string;
  /** One-line definition shown beside the rating. */
  definition: string;
  /** Rubric anchors: what a score at each labelled point of the scale means. */
  anchors: RubricAnchor[];
}

export interface RubricAnchor {
  value: number;
  label: string;
  description: string;
}

export type MissingPolicy = "exclude" | "renormalize" | "zero";

export interface WeightedCriterion {
  id: string;
  /** Raw, non-negative weight; normalized inside the model. */
  weight: number;
}

export interface AgreementScores {
  id: string;
  scores: Record<string, number | null>;
}

export interface ScoreInput {
  criteria: WeightedCriterion[];
  scale: Scale;
  agreements: AgreementScores[];
  missing?: MissingPolicy;
}

export interface ScoreResult {
  id: string;
  /** Weighted score on 0–100, or null when the missing-score policy gives none. */
  score: number | null;
  rank: number | null;
  /** Share of criteria scored, 0–1. */
  coverage: number;
  /** True when the score was computed with missing criteria (renormalize or zero policy). */
  partial: boolean;
  /** Ids of the criteria without a score. */
  missingCriteria: string[];
}
