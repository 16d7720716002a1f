/** Sensitivity: how robust is the ranking to the weights? One weight at a time, then SMAA-2. */
import React, { useMemo } from "react";
import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { usePane } from "../state/context";
import { ScoringError } from "../../scoring/errors";
import type { ScorecardData } from "../../workbook";
import { sensitivityInput, type SensitivityInput } from "./inputs";
import { OneAtATime } from "./OneAtATime";
import { Smaa } from "./Smaa";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

export function Sensitivity() {
  const data = usePane((s) => s.data);
  const styles = useStyles();
  const built = useMemo(() => (data === null ? null : inputOrProblem(data)), [data]);
  if (built === null) return null;
  if (typeof built === "string") return <Body1 role="alert">{built}</Body1>;
  const input = built;
  // Where indicators exist the analyses weigh them, so "every criterion" would undersell what is needed.
  const everyLeaf = input.onGlobalWeights
    ? "every indicator and every criterion scored directly"
    : "every criterion";
  return (
    <div className={styles.root}>
      {input.onGlobalWeights && (
        <Caption1>
          On the global weights of the indicators: a criterion with indicators is analysed through them, each
          weighing its criterion&apos;s weight × its local weight.
        </Caption1>
      )}
      {input.leftOut.length > 0 && (
        <Caption1>
          Left out because not {everyLeaf} is scored: {input.leftOut.join(", ")}.
        </Caption1>
      )}
      {input.ids.length < 2 ? (
        <Body1>Score at least two agreements on {everyLeaf} to see how robust their ranking is.</Body1>
      ) : (
        <>
          <OneAtATime input={input} />
          <Smaa input={input} />
        </>
      )}
    </div>
  );
}

/**
 * The input, or the model's message when it refuses the weights (say, every local weight of a
 * criterion at 0), which names the criterion or indicator to fix.
 */
function inputOrProblem(data: ScorecardData): SensitivityInput | string {
  try {
    return sensitivityInput(data);
  } catch (error) {
    if (error instanceof ScoringError) return error.message;
    throw error;
  }
}
