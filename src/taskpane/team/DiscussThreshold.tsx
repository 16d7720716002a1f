/**
 * The team's discuss threshold (workbook/discussThreshold.ts): a number of points of standard
 * deviation, said in words with the scale it applies to, checked as it is typed and saved on
 * request, never on each keystroke (each save is a workbook write and an Audit row).
 */
import React, { useState } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { DISCUSS_RANGE_SHARE } from "../../scoring/consensus";
import { type ScorecardData, thresholdRange } from "../../workbook";
import { InputField } from "../components/InputField";
import { parseNumber } from "../components/format";
import { useStore, usePane } from "../state/context";

const useStyles = makeStyles({
  // The box is narrow (a number); its label and message take the pane's width, so that the message
  // does not wrap word by word at 320 px.
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "start" },
  field: { alignSelf: "stretch" },
  box: { width: "8em" },
});

const points = (n: number) => `${n} ${n === 1 ? "point" : "points"}`;

export function DiscussThreshold({ data }: { data: ScorecardData }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const saved = data.location.meta.sdThreshold;
  const { scale } = data.config;
  const range = thresholdRange(scale);
  const [text, setText] = useState(String(saved));
  // The saved value changes under the field when a co-author (or this pane) saves another.
  const [shownSaved, setShownSaved] = useState(saved);
  if (shownSaved !== saved) {
    setShownSaved(saved);
    setText(String(saved));
  }
  const value = parseNumber(text);
  const error =
    value === null || Number.isNaN(value) || value < range.min || value > range.max
      ? `Enter a number of points from ${range.min} to ${range.max} (the width of the ${scale.min}–${scale.max} scale).`
      : null;
  const wide = (scale.max - scale.min) * DISCUSS_RANGE_SHARE;
  return (
    <>
      <div className={styles.root}>
        <InputField
          className={styles.field}
          inputClassName={styles.box}
          label="Discuss threshold"
          inputMode="decimal"
          value={text}
          onChange={setText}
          error={error}
        />
        <Button
          disabled={busy !== null || error !== null || value === saved}
          onClick={() => void store.setDiscussThreshold(value!)}
        >
          Save threshold
        </Button>
      </div>
      <Caption1>
        A cell is flagged to discuss when the reviewers&apos; scores span {points(wide)} or more (half the
        scale), or their standard deviation is above {points(saved)}. A lower threshold flags more cells; 0
        flags any disagreement.
      </Caption1>
    </>
  );
}
