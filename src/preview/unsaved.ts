/**
 * The preview keeps its workbook in memory only: a reload or closing the tab loses every change.
 * This asks first. The `beforeunload` handler is added once the simulated workbook has changed
 * since it was loaded or last downloaded, and removed by a download (an armed handler also keeps
 * the page out of the browser's back/forward cache, so it is not left on for nothing).
 */
import type { SimWorkbook } from "../excel-sim";

export interface UnsavedGuard {
  /** Counts the workbook's changes; pass the count taken before a download to `saved`. */
  readonly version: number;
  /** Whether a reload or closing the tab asks first. */
  readonly armed: boolean;
  /** The workbook as it was at `version` has been saved: disarm, unless it changed since. */
  saved(version: number): void;
  /** Stops watching and disarms. */
  dispose(): void;
}

function askFirst(event: BeforeUnloadEvent) {
  event.preventDefault();
  // Browsers before the preventDefault() way (Chrome and Edge before 119) ask when returnValue is
  // not empty.
  event.returnValue = true;
}

export function guardUnsavedChanges(sim: SimWorkbook, target: Window = window): UnsavedGuard {
  let version = 0;
  let armed = false;
  const arm = (on: boolean) => {
    if (on === armed) return;
    armed = on;
    if (on) target.addEventListener("beforeunload", askFirst);
    else target.removeEventListener("beforeunload", askFirst);
  };
  const unsubscribe = sim.subscribe(() => {
    version++;
    arm(true);
  });
  return {
    get version() {
      return version;
    },
    get armed() {
      return armed;
    },
    saved(at: number) {
      if (at === version) arm(false);
    },
    dispose() {
      unsubscribe();
      arm(false);
    },
  };
}
