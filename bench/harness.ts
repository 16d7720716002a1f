/**
 * What a bench section reports, and the timing helper the sections share. A section lives in its own
 * bench/<name>.bench.ts file and default-exports a BenchSection; bench/run.ts finds and runs them.
 */
import os from "node:os";

export interface BenchFigure {
  /** What was measured, e.g. "score + rank 10,000 agreements × 10 criteria". */
  name: string;
  unit: string;
  /** Our implementation's figure (for times: the median of the timed runs). */
  value: number;
  /** The straightforward way to do the same thing, measured in the same run. */
  baseline?: { name: string; value: number; note?: string };
  /** The figure must stay below this to pass. */
  target?: number;
  note?: string;
}

export interface BenchSection {
  title: string;
  run(): BenchFigure[] | Promise<BenchFigure[]>;
}

export interface Timing {
  median: number;
  min: number;
  runs: number;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Collects garbage when node runs with --expose-gc, so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
  gc?.();
}

/**
 * Times fn: `warmup` untimed calls (so the JIT has optimized it), then `runs` timed calls, each after
 * a garbage collection; returns the median (robust to a stray slow run) and the fastest in ms.
 */
export function time(
  fn: () => unknown,
  { warmup = 3, runs = 15 }: { warmup?: number; runs?: number } = {},
): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
  return { median, min: times[0], runs };
}

export function machineDescription(): string[] {
  const cpus = os.cpus();
  return [
    `CPU: ${cpus[0]?.model.trim() ?? "unknown"} (${cpus.length} logical cores)`,
    `Node: ${process.version} on ${process.platform}/${process.arch}`,
    `GC between runs: ${gc === undefined ? "no (run with --expose-gc)" : "yes"}`,
  ];
}

export function heapUsedMb(): number {
  return process.memoryUsage().heapUsed / 2 ** 20;
}
