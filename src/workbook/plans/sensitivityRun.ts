/** The plan for writing a sensitivity run: which one-at-a-time intervals go with it. */
import { oneAtATime } from "../../scoring/sensitivity";
import type { SensitivityRun } from "../sensitivity/writeSensitivity";

/** The agreements and weights the analyses work on now (the pane's sensitivity input). */
export interface CurrentScores {
  ids: string[];
  weights: number[];
  /** Agreements × criteria (or leaves), normalized to 0–1. */
  scores: number[][];
}

/**
 * An SMAA run with the one-at-a-time intervals at the current weights: per criterion (`current`)
 * and, when the run carries the indicator level, per leaf on the global weights (`leaves`). Each
 * goes with the run only when it covers the same agreements in the same order; the sheet would
 * otherwise set intervals beside acceptabilities of other agreements. They are computed either way,
 * so weights the model refuses stop the write with the model's error.
 */
export function withOneAtATime(
  run: Omit<SensitivityRun, "oneAtATime">,
  current: CurrentScores,
  leaves?: CurrentScores,
): SensitivityRun {
  const written: SensitivityRun = { ...run, oneAtATime: intervalsFor(run, current) };
  if (run.leaves && leaves) written.leaves = { ...run.leaves, oneAtATime: intervalsFor(run, leaves) };
  return written;
}

function intervalsFor(run: Pick<SensitivityRun, "agreementIds">, current: CurrentScores) {
  const oat =
    current.scores.length > 0 ? oneAtATime({ weights: current.weights, scores: current.scores }) : undefined;
  const sameAgreements = current.ids.join("\u0000") === run.agreementIds.join("\u0000");
  return sameAgreements ? oat : undefined;
}
