/**
 * A criterion scored through its indicators on the Score tab (issue 16): the score its indicators
 * give (as saved: the workbook computes it), then a rating per indicator with its own rubric and
 * rationale and, in team scoring, the team's consensus of that indicator and the other reviewers.
 */
import React from "react";
import { Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Scale } from "../../scoring/types";
import type { ScorecardData } from "../../workbook";
import { scoreText } from "../components/format";
import { CriterionRating } from "./CriterionRating";
import { ratingPoints } from "./points";

const useStyles = makeStyles({
  head: {
    paddingBlockStart: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

type CriterionMeta = ScorecardData["location"]["meta"]["criteria"][number];
type CriterionConfig = ScorecardData["config"]["criteria"][number];

export interface IndicatorRatingsProps {
  criterion: CriterionConfig;
  /** The criterion's score as saved (computed from its indicators). */
  score: number | null;
  scale: Scale;
  meta: CriterionMeta | undefined;
  scoreOf(id: string): number | null;
  rationaleOf(id: string): string;
  edited(id: string): boolean;
  /** Team scoring: the line under an indicator (its consensus, the others' scores). */
  team?: (id: string) => { summary: string; discuss: boolean };
  /** Where the rationale is kept, for its field's hint (the Notes column when absent). */
  rationaleHint?: string;
  onChange(id: string, value: number | null): void;
  onRationale(id: string, text: string): void;
  onInvalid(id: string, message: string | null): void;
}

export function IndicatorRatings(props: IndicatorRatingsProps) {
  const { criterion, scale, meta } = props;
  const styles = useStyles();
  return (
    <section aria-label={criterion.name}>
      <div className={styles.head}>
        <Subtitle2 as="h3" block>
          {criterion.name}
        </Subtitle2>
        <Caption1 as="p" block style={{ margin: 0 }}>
          {props.team ? "The team scores it through its indicators: " : "Scored through its indicators: "}
          {props.score === null ? "no score yet" : `${scoreText(props.score)} as saved`}.
        </Caption1>
      </div>
      {(criterion.indicators ?? []).map((i) => (
        <CriterionRating
          key={i.id}
          id={i.id}
          name={meta?.indicators?.find((m) => m.id === i.id)?.header ?? i.name}
          definition={i.definition ?? ""}
          scale={scale}
          points={ratingPoints(i.id, scale, i.anchors)}
          value={props.scoreOf(i.id)}
          rationale={props.rationaleOf(i.id)}
          edited={props.edited(i.id)}
          team={props.team?.(i.id)}
          rationaleHint={props.rationaleHint}
          onChange={(value) => props.onChange(i.id, value)}
          onRationale={(text) => props.onRationale(i.id, text)}
          onInvalid={(message) => props.onInvalid(i.id, message)}
        />
      ))}
    </section>
  );
}

/** Changed scores as a save takes them: criteria's under `scores`, indicators' under `indicatorScores`. */
export function split(changed: Record<string, number | null>, indicatorIds: ReadonlySet<string>) {
  const scores = Object.entries(changed).filter(([id]) => !indicatorIds.has(id));
  const indicatorScores = Object.entries(changed).filter(([id]) => indicatorIds.has(id));
  return {
    ...(scores.length > 0 ? { scores: Object.fromEntries(scores) } : {}),
    ...(indicatorScores.length > 0 ? { indicatorScores: Object.fromEntries(indicatorScores) } : {}),
  };
}
