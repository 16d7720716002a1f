/** Which SMAA runner the pane uses: a Web Worker in Office and the preview, a stand-in in tests. */
import { createContext, useContext } from "react";
import type { SmaaRunner } from "./smaaRunner";

export const SmaaRunnerContext = createContext<SmaaRunner | null>(null);

export function useSmaaRunner(): SmaaRunner | null {
  return useContext(SmaaRunnerContext);
}
