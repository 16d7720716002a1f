/** The rating scale (docs/architecture.md §2): bounds, validation of scores against it, normalization to 0–1. */
import { ScoringError } from "./errors";
import type { Scale } from "./types";

export const DEFAULT_SCALE: Readonly<Scale> = Object.freeze({ min: 1, max: 5 });

/** Where a score was entered, so that an error can point the analyst at the cell. */
export interface ScorePlace {
  agreementId: string;
  agreementName?: string;
  criterionId: string;
  criterionName?: string;
}

/** Throws InvalidScale unless min and max are finite numbers with min < max; returns the scale. */
export function validateScale(scale: Scale): Scale {
  const { min, max } = scale;
  if (!isFiniteNumber(min) || !isFiniteNumber(max)) {
    throw new ScoringError(
      "InvalidScale",
      `Scale ${describe(min)}–${describe(max)} is invalid: both bounds must be finite numbers; enter numbers such as 1 and 5.`,
    );
  }
  if (!(min < max)) {
    throw new ScoringError(
      "InvalidScale",
      `Scale ${min}–${max} is invalid: the minimum must be below the maximum; enter a lower minimum or a higher maximum.`,
    );
  }
  return scale;
}

/**
 * Maps a score linearly onto 0–1: (s − min)/(max − min). Validate the score first with validateScore;
 * this only checks the scale, so that a zero-width scale cannot turn into a division by zero.
 */
export function normalizeScore(score: number, scale: Scale): number {
  validateScale(scale);
  return (score - scale.min) / (scale.max - scale.min);
}

/**
 * Returns the score if it is a finite number within the scale (decimals allowed). Text, booleans,
 * NaN and ±Infinity give InvalidScore; a number outside the scale gives ScoreOutOfScale. A missing
 * score is not this function's business: the missing-score policy decides about it before.
 */
export function validateScore(value: unknown, scale: Scale, place: ScorePlace): number {
  validateScale(scale);
  const where = describePlace(place);
  const errorPlace = { agreementId: place.agreementId, criterionId: place.criterionId };
  const fix = `enter a value from ${scale.min} to ${scale.max}.`;
  if (typeof value !== "number") {
    throw new ScoringError(
      "InvalidScore",
      `${where}: ${describe(value)} is not a number; ${fix}`,
      errorPlace,
    );
  }
  if (Number.isNaN(value)) {
    throw new ScoringError("InvalidScore", `${where}: the score is not a number (NaN); ${fix}`, errorPlace);
  }
  if (!Number.isFinite(value)) {
    throw new ScoringError("InvalidScore", `${where}: the score is infinite (${value}); ${fix}`, errorPlace);
  }
  if (value < scale.min || value > scale.max) {
    throw new ScoringError(
      "ScoreOutOfScale",
      `${where}: score ${value} is outside the scale ${scale.min}–${scale.max}; ${fix}`,
      errorPlace,
    );
  }
  return value;
}

function describePlace(place: ScorePlace): string {
  const agreement =
    place.agreementName === undefined
      ? `Agreement id ${place.agreementId}`
      : `Agreement "${place.agreementName}" (id ${place.agreementId})`;
  const criterion =
    place.criterionName === undefined
      ? `criterion "${place.criterionId}"`
      : `criterion "${place.criterionName}" (id ${place.criterionId})`;
  return `${agreement}, ${criterion}`;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  if (value === null) return "an empty value (null)";
  if (value === undefined) return "an empty value (undefined)";
  return `a ${typeof value} value`;
}
