/** Re-renders on every change of the simulated workbook (syncs and user edits). */
import { useEffect, useState } from "react";
import type { SimWorkbook } from "../excel-sim";

export function useSimVersion(sim: SimWorkbook): number {
  const [version, setVersion] = useState(0);
  useEffect(() => sim.subscribe(() => setVersion((v) => v + 1)), [sim]);
  return version;
}
