/** The plan for writing a sensitivity run: which one-at-a-time intervals go with it. */
import { oneAtATime } from "../../scoring/sensitivity";
import type { SensitivityRun } from "../sensitivity/writeSensitivity";

/** The agreements and weights the analyses work on now (the pane's sensitivity input). */
export interface CurrentScores {
  ids: string[];
  weights: number[];
  /** Agreements × criteria, normalized to 0–1. */
  scores: number[][];
}

/**
 * An SMAA run with the one-at-a-time intervals at the current weights. They go with the run only
 * when both cover the same agreements in the same order; the sheet would otherwise set intervals
 * beside acceptabilities of other agreements. They are computed either way, so weights the model
 * refuses stop the write with the model's error.
 */
export function withOneAtATime(
  run: Omit<SensitivityRun, "oneAtATime">,
  current: CurrentScores,
): SensitivityRun {
  const oat =
    current.scores.length > 0 ? oneAtATime({ weights: current.weights, scores: current.scores }) : undefined;
  const sameAgreements = current.ids.join("\u0000") === run.agreementIds.join("\u0000");
  return { ...run, oneAtATime: sameAgreements ? oat : undefined };
}
