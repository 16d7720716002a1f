/**
 * Runs SMAA (either kind of request, see smaaProtocol.ts) in a Web Worker: progress comes back as
 * messages; Cancel terminates the worker (the analysis is one synchronous loop inside it, so a
 * message could not interrupt it) and the next run starts a fresh one. A finished job leaves its
 * worker for the next; a job started while another runs (the Sensitivity and Weights tabs stay
 * mounted side by side) gets a worker of its own, so that neither waits for, nor cancels, the other.
 */
import {
  errorFromWorker,
  type FromWorker,
  type ToWorker,
  type WorkerRequest,
  type WorkerResult,
} from "./smaaProtocol";
import type { SmaaResult } from "../../scoring/smaa";

export interface SmaaJob<T = SmaaResult> {
  /** The result, or null when the run was cancelled. */
  promise: Promise<T | null>;
  cancel(): void;
}

export type SmaaRunner = <R extends WorkerRequest>(
  request: R,
  onProgress: (done: number, total: number) => void,
) => SmaaJob<WorkerResult<R>>;

/** The subset of Worker the runner uses, so tests can pass a stand-in. */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ToWorker): void;
  terminate(): void;
}

export function smaaWorkerRunner(createWorker: () => WorkerLike): SmaaRunner {
  let idle: WorkerLike | null = null;
  let jobs = 0;
  return <R extends WorkerRequest>(request: R, onProgress: (done: number, total: number) => void) => {
    const job = ++jobs;
    let settle: ((result: WorkerResult<R> | null) => void) | null = null;
    let fail: ((error: Error) => void) | null = null;
    const promise = new Promise<WorkerResult<R> | null>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const current = idle ?? createWorker();
    idle = null;
    let settled = false;
    const finish = (keepWorker: boolean) => {
      settled = true;
      current.onmessage = null;
      current.onerror = null;
      if (keepWorker && idle === null) idle = current;
      else current.terminate();
    };
    current.onmessage = (event) => {
      const reply = event.data;
      if (reply.job !== job) return;
      if (reply.type === "progress") onProgress(reply.done, reply.total);
      else if (reply.type === "result") {
        finish(true);
        // The worker answers each job with the result of that job's kind (handleSmaaMessage).
        settle?.(reply.result as WorkerResult<R>);
      } else {
        finish(true);
        fail?.(errorFromWorker(reply));
      }
    };
    current.onerror = (event) => {
      finish(false);
      fail?.(
        new Error(`The analysis stopped unexpectedly (${event.message || "worker error"}). Run it again.`),
      );
    };
    current.postMessage({ type: "run", job, request });
    return {
      promise,
      cancel: () => {
        // Once settled, the worker may be running someone else's job.
        if (settled) return;
        finish(false);
        settle?.(null);
      },
    };
  };
}
