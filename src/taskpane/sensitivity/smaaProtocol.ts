/**
 * The messages between the pane and the SMAA worker, and the worker's side of the exchange (kept
 * here, outside the worker file, so that tests can run the same code in-process).
 */
import { ScoringError } from "../../scoring/errors";
import { smaa, type SmaaResult, type SmaaWeights } from "../../scoring/smaa";

export interface SmaaRequest {
  scores: number[][];
  samples: number;
  seed: number;
  weights?: SmaaWeights;
  ids?: string[];
  criterionIds?: string[];
  /** Standard deviation of each normalized score, where reviewers disagree (team scoring). */
  scoreSpread?: number[][];
}

export type ToWorker = { type: "run"; job: number; request: SmaaRequest };

export type FromWorker =
  | { type: "progress"; job: number; done: number; total: number }
  | { type: "result"; job: number; result: SmaaResult }
  | { type: "error"; job: number; message: string; scoring: boolean };

/** Runs one request and reports through `post`; what the worker does with each message. */
export function handleSmaaMessage(message: ToWorker, post: (reply: FromWorker) => void): void {
  if (message?.type !== "run") return;
  const { job, request } = message;
  try {
    const result = smaa({
      ...request,
      onProgress: (done, total) => post({ type: "progress", job, done, total }),
    });
    post({ type: "result", job, result });
  } catch (error) {
    post({
      type: "error",
      job,
      message: error instanceof Error ? error.message : String(error),
      scoring: error instanceof ScoringError,
    });
  }
}

/** Rebuilds the worker's error on the pane's side, keeping ScoringError's user-facing message. */
export function errorFromWorker(reply: Extract<FromWorker, { type: "error" }>): Error {
  return reply.scoring ? new ScoringError("InvalidArgument", reply.message) : new Error(reply.message);
}
