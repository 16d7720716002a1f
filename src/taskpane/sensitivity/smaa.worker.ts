/** The SMAA worker: runs the analysis off the UI thread and reports progress (docs/architecture.md §5). */
import { handleSmaaMessage, type FromWorker, type ToWorker } from "./smaaProtocol";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => handleSmaaMessage(event.data, (reply) => scope.postMessage(reply));
