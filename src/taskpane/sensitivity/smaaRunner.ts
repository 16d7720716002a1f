/**
 * Runs SMAA in a Web Worker: progress comes back as messages; Cancel terminates the worker (the
 * analysis is one synchronous loop inside it, so a message could not interrupt it) and the next
 * run starts a fresh one.
 */
import type { SmaaResult } from "../../scoring/smaa";
import { errorFromWorker, type FromWorker, type SmaaRequest, type ToWorker } from "./smaaProtocol";

export interface SmaaJob {
  /** The result, or null when the run was cancelled. */
  promise: Promise<SmaaResult | null>;
  cancel(): void;
}

export type SmaaRunner = (request: SmaaRequest, onProgress: (done: number, total: number) => void) => SmaaJob;

/** The subset of Worker the runner uses, so tests can pass a stand-in. */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ToWorker): void;
  terminate(): void;
}

export function smaaWorkerRunner(createWorker: () => WorkerLike): SmaaRunner {
  let worker: WorkerLike | null = null;
  let jobs = 0;
  return (request, onProgress) => {
    const job = ++jobs;
    let settle: ((result: SmaaResult | null) => void) | null = null;
    let fail: ((error: Error) => void) | null = null;
    const promise = new Promise<SmaaResult | null>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const current = worker ?? (worker = createWorker());
    const finish = () => {
      current.onmessage = null;
      current.onerror = null;
    };
    current.onmessage = (event) => {
      const reply = event.data;
      if (reply.job !== job) return;
      if (reply.type === "progress") onProgress(reply.done, reply.total);
      else if (reply.type === "result") {
        finish();
        settle?.(reply.result);
      } else {
        finish();
        fail?.(errorFromWorker(reply));
      }
    };
    current.onerror = (event) => {
      finish();
      current.terminate();
      if (worker === current) worker = null;
      fail?.(
        new Error(`The analysis stopped unexpectedly (${event.message || "worker error"}). Run it again.`),
      );
    };
    current.postMessage({ type: "run", job, request });
    return {
      promise,
      cancel: () => {
        finish();
        current.terminate();
        if (worker === current) worker = null;
        settle?.(null);
      },
    };
  };
}
