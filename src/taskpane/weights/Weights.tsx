/**
 * Weights: four ways to set the weights of a node — the criteria, or one criterion's indicators
 * (issue 16) — direct (with locks), points out of 100, rank (rank-order centroid) and pairwise
 * comparison (AHP), and a reset to equal weights. Every applied change is one guarded write; the
 * Weights sheet's formulas, the scores and the charts follow in the workbook. In team scoring the
 * methods set the reviewer's own criterion weights ("My weights", issue 15), or the team's shared
 * set while the team weights are off; TeamWeights shows the team's. Indicators' local weights are
 * always the scorecard's: reviewers weigh the criteria only.
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
import { NodeWeights } from "./NodeWeights";
import { rawWeights } from "./shares";
import { indicatorTarget, myTarget, scorecardTarget, type WeightTarget } from "./targets";
import { TeamWeights } from "./TeamWeights";

export type WeightMode = "direct" | "points" | "rank" | "pairwise";

type Noun = WeightTarget["noun"];

const MODES: { value: WeightMode; label: string; hint: (noun: Noun) => string }[] = [
  {
    value: "direct",
    label: "Direct (percent)",
    hint: (n) => `Set each ${n.one}'s share; locked ${n.many} keep theirs.`,
  },
  {
    value: "points",
    label: "Points (distribute 100)",
    hint: () => "Hand out 100 points; the weights follow the points.",
  },
  {
    value: "rank",
    label: "Rank only (ROC)",
    hint: (n) => `Put the ${n.many} in order of importance; rank-order centroid weights follow.`,
  },
  {
    value: "pairwise",
    label: "Pairwise comparison (AHP)",
    hint: (n) =>
      `Compare each pair of ${n.many} on Saaty's 1–9 scale; the principal eigenvector gives the weights.`,
  },
];

/** The "Weights of" choice for the criteria themselves (otherwise a criterion id). */
const CRITERIA_NODE = "";

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
  const [node, setNode] = useState(CRITERIA_NODE);
  const styles = useStyles();
  const listClass = usePlainListClass("stack", "SNudge");
  if (data === null) return null;
  const meta = data.location.meta;
  const team = meta.mode === "team";
  const teamOn = team && meta.teamWeights !== null;
  const nodes = data.config.criteria.filter((c) => (c.indicators ?? []).length > 0);
  // A criterion whose indicators are gone since it was chosen falls back to the criteria.
  const chosen = nodes.find((c) => c.id === node) ?? null;
  const target = chosen
    ? indicatorTarget(data, store, chosen.id)
    : team && (teamOn || whose === "mine")
      ? myTarget(data, store, reviewer)
      : scorecardTarget(data, store);
  const { items, noun } = target;
  const shares = target.shares;
  const shownShares = percents(shares);
  const hint = MODES.find((m) => m.value === mode)!.hint(noun);
  const mine = target.whose === "mine";
  // The method components start again from the weights of whatever they now set.
  const keyOf = (method: WeightMode) => `${method}-${target.whose}-${chosen?.id ?? ""}`;

  return (
    <div className={styles.root}>
      {team && <TeamWeights data={data} reviewer={reviewer} />}
      {nodes.length > 0 && (
        <Field
          label="Weights of"
          hint="The criteria, or the local weights of one criterion's indicators (within that criterion)."
        >
          <Select value={chosen?.id ?? CRITERIA_NODE} onChange={(_, d) => setNode(d.value)}>
            <option value={CRITERIA_NODE}>The criteria</option>
            {nodes.map((c) => (
              <option key={c.id} value={c.id}>
                Indicators of {c.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {chosen && team && (
        <Caption1>
          Reviewers weigh the criteria only: the local weights of {chosen.name}&apos;s indicators are the
          scorecard&apos;s, the same for the whole team.
        </Caption1>
      )}
      {chosen && items.length === 1 && (
        <Caption1>
          {chosen.name} has one indicator, which carries the criterion&apos;s whole weight; add another on the
          Criteria tab to weigh them against each other.
        </Caption1>
      )}
      {chosen && <NodeWeights data={data} criterionId={chosen.id} target={target} />}
      {!chosen && team && !teamOn && (
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
      {!chosen && (mode !== "direct" || mine) && (
        <Section title={mine ? "My current weights" : "Current weights"}>
          <ul
            className={listClass}
            aria-label={mine ? "My normalized weights" : "Current normalized weights"}
          >
            {items.map((c, k) => (
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
            <option key={m.value} value={m.value} disabled={m.value === "pairwise" && items.length < 2}>
              {m.label}
              {m.value === "pairwise" && items.length < 2 ? ` (needs 2 or more ${noun.many})` : ""}
            </option>
          ))}
        </Select>
      </Field>
      <div hidden={mode !== "direct"} key={keyOf("direct")}>
        <DirectWeights target={target} />
      </div>
      {mode === "points" && <PointsWeights key={keyOf("points")} target={target} />}
      {mode === "rank" && <RankWeights key={keyOf("rank")} target={target} />}
      {mode === "pairwise" && <PairwiseWeights key={keyOf("pairwise")} target={target} />}
      {!chosen && <Profiles data={data} />}
      <Section title="Reset">
        <Caption1>
          Gives every {noun.one} the same weight ({percent(1 / items.length)})
          {mine ? " in your own weights" : chosen ? ` within ${chosen.name}` : ""}.
        </Caption1>
        <div>
          <Button
            disabled={busy !== null}
            onClick={() =>
              void target.apply(rawWeights(items, equalWeights(items.length)), {
                method: "direct",
                done: mine ? "Your weights reset to equal." : `${target.subject} reset to equal.`,
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
