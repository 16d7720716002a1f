/**
 * One-at-a-time sensitivity: for each criterion (each indicator, on its global weight, where a
 * criterion has indicators: inputs.ts), the interval of its weight in which the current
 * leader stays first, the weights at which agreements swap rank, and a small chart of the lines.
 * Exact (the scores are linear in the weight), so it is computed on the spot.
 */
import React, { useMemo } from "react";
import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import {
  oneAtATime,
  rankChanges,
  type CriterionSensitivity,
  type OneAtATimeResult,
} from "../../scoring/sensitivity";
import { percent } from "../components/format";
import { Section } from "../components/Section";
import { usePlainListClass } from "../components/plainList";
import { useStackClass } from "../components/stack";
import type { SensitivityInput } from "./inputs";
import { OatChart, SERIES_COLORS } from "./OatChart";

/** Rank swaps listed per criterion before "and N more". */
const MAX_SWAPS = 6;
/** Swaps are listed among this many best agreements (and the leader's rivals). */
const SWAP_FOCUS = 5;

const useStyles = makeStyles({
  criterion: {
    paddingBlock: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  swaps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  swatch: {
    display: "inline-block",
    width: "12px",
    height: "3px",
    marginInlineEnd: "4px",
    verticalAlign: "middle",
  },
});

export function OneAtATime({ input }: { input: SensitivityInput }) {
  const result = useMemo<OneAtATimeResult>(
    () =>
      oneAtATime({
        weights: input.weights,
        scores: input.scores,
        ids: input.ids,
        criterionIds: input.criterionIds,
      }),
    [input],
  );
  const { names, criterionNames } = input;
  const leaderName = names[result.leader];
  const currentScores = input.scores.map((row) =>
    row.reduce((sum, s, k) => sum + s * (result.criteria[k]?.current ?? 0), 0),
  );
  const change = result.smallestChange;

  return (
    <Section title="One weight at a time">
      <Body1>
        <strong>{leaderName}</strong> leads at the current weights.{" "}
        {change === null
          ? "No change of a single weight makes another agreement first."
          : `The smallest single change that makes another agreement first: ${criterionNames[change.criterionIndex]} from ${percent(change.from)} to ${percent(change.to)} (${change.change > 0 ? "+" : "−"}${(Math.abs(change.change) * 100).toFixed(1)} points), where ${names[change.newLeader]} takes over.`}
      </Body1>
      <Caption1>
        {input.onGlobalWeights
          ? "Each indicator's global weight (and each directly scored criterion's weight)"
          : "Each criterion's weight"}{" "}
        moves from 0 to 100% while the others keep their ratios; every weighted score is then a straight line.
      </Caption1>
      {result.criteria.map((c) => (
        <CriterionBlock
          key={input.criterionIds[c.criterionIndex]}
          criterion={c}
          name={criterionNames[c.criterionIndex]}
          names={names}
          leader={result.leader}
          currentScores={currentScores}
        />
      ))}
    </Section>
  );
}

function CriterionBlock({
  criterion,
  name,
  names,
  leader,
  currentScores,
}: {
  criterion: CriterionSensitivity;
  name: string;
  names: string[];
  leader: number;
  currentScores: number[];
}) {
  const styles = useStyles();
  const legendClass = usePlainListClass("row");
  const criterionClass = useStackClass("XS", styles.criterion);
  const { lo, hi, leaderBelow, leaderAbove } = criterion.leaderInterval;
  const leaderName = names[leader];
  const stays =
    lo <= 0 && hi >= 1
      ? `${leaderName} stays first at any weight of ${name}.`
      : `${leaderName} stays first while ${name} weighs between ${percent(lo)} and ${percent(hi)} (now ${percent(criterion.current)}).`;
  const beyond = [
    leaderBelow !== undefined ? `below ${percent(lo)}, ${names[leaderBelow]} leads` : null,
    leaderAbove !== undefined ? `above ${percent(hi)}, ${names[leaderAbove]} leads` : null,
  ].filter((s): s is string => s !== null);
  const summary = `${stays}${beyond.length > 0 ? ` ${capitalize(beyond.join("; "))}.` : ""}`;

  const focus = new Set(
    currentScores
      .map((s, i) => ({ s, i }))
      .sort((a, b) => b.s - a.s)
      .slice(0, SWAP_FOCUS)
      .map((e) => e.i),
  );
  const swaps = rankChanges(criterion).filter((s) => focus.has(s.i) || focus.has(s.j));
  const highlighted = [leaderBelow, leaderAbove].filter((i): i is number => i !== undefined && i !== leader);

  return (
    <div className={criterionClass}>
      <Body1>
        <strong>{name}</strong> — now {percent(criterion.current)}
      </Body1>
      <Body1>{summary}</Body1>
      <OatChart
        criterion={criterion}
        criterionName={name}
        names={names}
        leader={leader}
        currentScores={currentScores}
        summary={summary}
      />
      <ul className={legendClass} aria-label={`Chart legend for ${name}`}>
        <li>
          <span className={styles.swatch} style={{ backgroundColor: tokens.colorBrandForeground1 }} />
          {leaderName}
        </li>
        {highlighted.map((i, k) => (
          <li key={i}>
            <span className={styles.swatch} style={{ backgroundColor: SERIES_COLORS[k] }} />
            {names[i]}
          </li>
        ))}
        <li>
          <span
            className={styles.swatch}
            style={{ backgroundColor: tokens.colorBrandBackground2, height: "10px" }}
          />
          {leaderName} first
        </li>
      </ul>
      {swaps.length === 0 ? (
        <Caption1>No rank changes among the leading agreements over the whole range.</Caption1>
      ) : (
        <>
          <Caption1>Rank changes among the leading agreements as {name}&apos;s weight rises:</Caption1>
          <ul className={styles.swaps}>
            {swaps.slice(0, MAX_SWAPS).map((s) => (
              <li key={`${s.i}-${s.j}-${s.t}`}>
                <Caption1>
                  at {percent(s.t)}: {names[s.j]} overtakes {names[s.i]}
                </Caption1>
              </li>
            ))}
          </ul>
          {swaps.length > MAX_SWAPS && <Caption1>…and {swaps.length - MAX_SWAPS} more.</Caption1>}
        </>
      )}
    </div>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
