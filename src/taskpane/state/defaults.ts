/** The configuration of a new scorecard: the four default criteria, equally weighted, on 1–5. */
import { DEFAULT_CRITERIA } from "../../scoring/criteria";
import { DEFAULT_SCALE } from "../../scoring/scale";
import type { ScorecardConfig } from "../../workbook";

/** Raw weights are kept on a 0–100 footing so the Weights sheet reads like percentages. */
export const WEIGHT_TOTAL = 100;

export function defaultConfig(): ScorecardConfig {
  const n = DEFAULT_CRITERIA.length;
  return {
    criteria: DEFAULT_CRITERIA.map((c) => ({
      id: c.id,
      name: c.name,
      definition: c.definition,
      weight: WEIGHT_TOTAL / n,
    })),
    scale: { ...DEFAULT_SCALE },
    missingPolicy: "exclude",
  };
}
