/** Sensitivity: how robust is the ranking to the weights? One weight at a time, then SMAA-2. */
import React, { useMemo } from "react";
import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { usePane } from "../state/context";
import { sensitivityInput } from "./inputs";
import { OneAtATime } from "./OneAtATime";
import { Smaa } from "./Smaa";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

export function Sensitivity() {
  const data = usePane((s) => s.data);
  const styles = useStyles();
  const input = useMemo(() => (data === null ? null : sensitivityInput(data)), [data]);
  if (input === null) return null;
  return (
    <div className={styles.root}>
      {input.leftOut.length > 0 && (
        <Caption1>Left out because not every criterion is scored: {input.leftOut.join(", ")}.</Caption1>
      )}
      {input.ids.length < 2 ? (
        <Body1>Score at least two agreements on every criterion to see how robust their ranking is.</Body1>
      ) : (
        <>
          <OneAtATime input={input} />
          <Smaa input={input} />
        </>
      )}
    </div>
  );
}
