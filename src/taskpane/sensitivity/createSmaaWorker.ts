/**
 * The one place that constructs the SMAA worker, in the form webpack 5 bundles as a separate
 * chunk. Only the composition roots (index.tsx, the preview) import it; tests pass their own
 * worker factory to smaaWorkerRunner instead.
 */
export function createSmaaWorker(): Worker {
  return new Worker(new URL("./smaa.worker.ts", import.meta.url));
}
