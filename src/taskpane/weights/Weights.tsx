/**
 * Weights: four ways to set the criterion weights — direct (with locks), points out of 100, rank
 * (rank-order centroid) and pairwise comparison (AHP) — and a reset to equal weights. Every applied
 * change is one guarded write; the Weights sheet's formulas, the scores and the charts follow in
 * the workbook. In team scoring the methods set the reviewer's own weights ("My weights", issue
 * 15), or the team's shared set while the team weights are off; TeamWeights shows the team's.
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
import { rawWeights } from "./shares";
import { myTarget, scorecardTarget } from "./targets";
import { TeamWeights } from "./TeamWeights";

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
  const reviewer = usePane((s) => s.reviewer);
  const [mode, setMode] = useState<WeightMode>("direct");
  const [whose, setWhose] = useState<"mine" | "scorecard">("mine");
  const styles = useStyles();
  const listClass = usePlainListClass("stack", "SNudge");
  if (data === null) return null;
  const meta = data.location.meta;
  const team = meta.mode === "team";
  const teamOn = team && meta.teamWeights !== null;
  const target =
    team && (teamOn || whose === "mine") ? myTarget(data, store, reviewer) : scorecardTarget(data, store);
  const shares = target.shares;
  const shownShares = percents(shares);
  const { criteria } = data.config;
  const hint = MODES.find((m) => m.value === mode)!.hint;
  const mine = target.whose === "mine";

  return (
    <div className={styles.root}>
      {team && <TeamWeights data={data} reviewer={reviewer} />}
      {team && !teamOn && (
        <Field
          label="Weights to set"
          hint="Your own weights count once the team weights are on; the shared weights are the scorecard's now."
        >
          <Select value={whose} onChange={(_, d) => setWhose(d.value as "mine" | "scorecard")}>
            <option value="mine">My weights</option>
            <option value="scorecard">The team&apos;s shared weights</option>
          </Select>
        </Field>
      )}
      {mine && (
        <Caption1>
          {reviewer.trim() === ""
            ? "Enter your name as reviewer at the top of the pane: your weights are kept under it."
            : `Setting ${reviewer.trim()}'s own weights (sheet "${meta.reviewerWeights?.sheet ?? "Reviewer weights"}").`}
        </Caption1>
      )}
      {(mode !== "direct" || mine) && (
        <Section title={mine ? "My current weights" : "Current weights"}>
          <ul
            className={listClass}
            aria-label={mine ? "My normalized weights" : "Current normalized weights"}
          >
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
      {/* Keyed by whose weights they set: each starts again from those. */}
      <div hidden={mode !== "direct"} key={`direct-${target.whose}`}>
        <DirectWeights data={data} target={target} />
      </div>
      {mode === "points" && <PointsWeights key={`points-${target.whose}`} data={data} target={target} />}
      {mode === "rank" && <RankWeights key={`rank-${target.whose}`} data={data} target={target} />}
      {mode === "pairwise" && (
        <PairwiseWeights key={`pairwise-${target.whose}`} data={data} target={target} />
      )}
      <Profiles data={data} />
      <Section title="Reset">
        <Caption1>
          Gives every criterion the same weight ({percent(1 / criteria.length)})
          {mine ? " in your own weights" : ""}.
        </Caption1>
        <div>
          <Button
            disabled={busy !== null}
            onClick={() =>
              void target.apply(rawWeights(data, equalWeights(criteria.length)), {
                method: "direct",
                done: mine ? "Your weights reset to equal." : "Weights reset to equal.",
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
