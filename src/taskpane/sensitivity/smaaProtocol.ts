/**
 * The messages between the pane and the SMAA worker, and the worker's side of the exchange (kept
 * here, outside the worker file, so that tests can run the same code in-process). The worker runs
 * two kinds of request: the Sensitivity tab's SMAA-2 and the Weights tab's SMAA over the panel's
 * views (issue 15); both are one long synchronous loop that must not block the pane.
 */
import { ScoringError } from "../../scoring/errors";
import { panelSmaa, type PanelSmaaResult } from "../../scoring/panelSmaa";
import { smaa, type SmaaResult, type SmaaWeights } from "../../scoring/smaa";

/** SMAA-2 with weights drawn uniformly or around the current weights (Sensitivity tab). */
export interface SmaaRequest {
  kind: "smaa";
  scores: number[][];
  samples: number;
  seed: number;
  weights?: SmaaWeights;
  ids?: string[];
  criterionIds?: string[];
  /** Standard deviation of each normalized score, where reviewers disagree (team scoring). */
  scoreSpread?: number[][];
}

/** SMAA with weights drawn as blends of the reviewers' own (Weights tab, see scoring/panelSmaa.ts). */
export interface PanelSmaaRequest {
  kind: "panel";
  scores: number[][];
  /** Each reviewer's weights, one per criterion. */
  reviewers: number[][];
  importance?: number[];
  /** The team weights the scorecard uses. */
  team: number[];
  samples: number;
  seed: number;
  ids?: string[];
  criterionIds?: string[];
}

export type WorkerRequest = SmaaRequest | PanelSmaaRequest;

/** What the worker answers a request of each kind with. */
export type WorkerResult<R extends WorkerRequest> = R extends PanelSmaaRequest ? PanelSmaaResult : SmaaResult;

export type ToWorker = { type: "run"; job: number; request: WorkerRequest };

export type FromWorker =
  | { type: "progress"; job: number; done: number; total: number }
  | { type: "result"; job: number; result: SmaaResult | PanelSmaaResult }
  | { type: "error"; job: number; message: string; scoring: boolean };

/** Runs one request and reports through `post`; what the worker does with each message. */
export function handleSmaaMessage(message: ToWorker, post: (reply: FromWorker) => void): void {
  if (message?.type !== "run") return;
  const { job, request } = message;
  try {
    const result = runRequest(request, (done, total) => post({ type: "progress", job, done, total }));
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

function runRequest(
  request: WorkerRequest,
  onProgress: (done: number, total: number) => void,
): SmaaResult | PanelSmaaResult {
  switch (request.kind) {
    case "smaa":
      return smaa({ ...request, onProgress });
    case "panel":
      return panelSmaa({ ...request, onProgress });
    default: {
      // A pane and a worker come from the same build, so this is a bug, not a user's mistake.
      const unknown: never = request;
      throw new Error(
        `The analysis worker got a request of unknown kind ${String((unknown as WorkerRequest).kind)}.`,
      );
    }
  }
}

/** Rebuilds the worker's error on the pane's side, keeping ScoringError's user-facing message. */
export function errorFromWorker(reply: Extract<FromWorker, { type: "error" }>): Error {
  return reply.scoring ? new ScoringError("InvalidArgument", reply.message) : new Error(reply.message);
}
