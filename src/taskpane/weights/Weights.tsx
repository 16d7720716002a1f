/**
 * Weights: four ways to set the criterion weights — direct (with locks), points out of 100, rank
 * (rank-order centroid) and pairwise comparison (AHP) — and a reset to equal weights. Every applied
 * change is one writeWeights call (one sync); the Weights sheet's formulas, the scores and the
 * charts follow in the workbook.
 */
import React, { useState } from "react";
import { Body1, Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { equalWeights } from "../../scoring/weights";
import { Bar } from "../components/Bar";
import { percent, percents } from "../components/format";
import { Section } from "../components/Section";
import { usePlainListClass } from "../components/plainList";
import { useStore, usePane } from "../state/context";
import { DirectWeights } from "./DirectWeights";
import { PairwiseWeights } from "./PairwiseWeights";
import { PointsWeights } from "./PointsWeights";
import { Profiles } from "./Profiles";
import { RankWeights } from "./RankWeights";
import { currentShares, rawWeights } from "./shares";

export type WeightMode = "direct" | "points" | "rank" | "pairwise";

const MODES: { value: WeightMode; label: string; hint: string }[] = [
  {
    value: "direct",
    label: "Direct (percent)",
    hint: "Set each criterion's share; locked criteria keep theirs.",
  },
  {
    value: "points",
    label: "Points (distribute 100)",
    hint: "Hand out 100 points; the weights follow the points.",
  },
  {
    value: "rank",
    label: "Rank only (ROC)",
    hint: "Put the criteria in order of importance; rank-order centroid weights follow.",
  },
  {
    value: "pairwise",
    label: "Pairwise comparison (AHP)",
    hint: "Compare each pair of criteria on Saaty's 1–9 scale; the principal eigenvector gives the weights.",
  },
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  barRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, gridColumn: "1 / -1" },
});

export function Weights() {
  const store = useStore();
  const data = usePane((s) => s.data);
  const busy = usePane((s) => s.busy);
  const [mode, setMode] = useState<WeightMode>("direct");
  const styles = useStyles();
  const listClass = usePlainListClass("stack", "SNudge");
  if (data === null) return null;
  const shares = currentShares(data);
  const shownShares = percents(shares);
  const { criteria } = data.config;
  const hint = MODES.find((m) => m.value === mode)!.hint;

  return (
    <div className={styles.root}>
      {mode !== "direct" && (
        <Section title="Current weights">
          <ul className={listClass} aria-label="Current normalized weights">
            {criteria.map((c, k) => (
              <li key={c.id} className={styles.row}>
                <Body1>{c.name}</Body1>
                <Body1>{shownShares[k]}</Body1>
                <div className={styles.barRow}>
                  <Bar share={shares[k]} />
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Field label="Weighting method" hint={hint}>
        <Select value={mode} onChange={(_, d) => setMode(d.value as WeightMode)}>
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </Select>
      </Field>
      <div hidden={mode !== "direct"}>
        <DirectWeights data={data} />
      </div>
      {mode === "points" && <PointsWeights data={data} />}
      {mode === "rank" && <RankWeights data={data} />}
      {mode === "pairwise" && <PairwiseWeights data={data} />}
      <Profiles data={data} />
      <Section title="Reset">
        <Caption1>Gives every criterion the same weight ({percent(1 / criteria.length)}).</Caption1>
        <div>
          <Button
            disabled={busy !== null}
            onClick={() =>
              void store.applyWeights(rawWeights(data, equalWeights(criteria.length)), {
                done: "Weights reset to equal.",
              })
            }
          >
            Reset to equal weights
          </Button>
        </div>
      </Section>
    </div>
  );
}
