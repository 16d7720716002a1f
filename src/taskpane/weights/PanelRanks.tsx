/**
 * Which ranks hold across the panel's views (issue 15): panel SMAA (scoring/panelSmaa.ts), weights
 * drawn as blends of the reviewers' own. The rank bounds are exact and need no sampling; the
 * acceptability of each agreement's team rank comes from PANEL_SAMPLES draws, run in the pane's
 * thread on request: a run bounded by its fixed number of draws, with no progress or cancel, where
 * the Sensitivity tab's SMAA (any number of draws) uses the worker.
 */
import React, { useState } from "react";
import { Body1, Button, Caption1 } from "@fluentui/react-components";
import { panelSmaa, type PanelSmaaResult } from "../../scoring/panelSmaa";
import { ScoringError } from "../../scoring/errors";
import type { ScorecardData, TeamWeightsView } from "../../workbook";
import { percent } from "../components/format";
import { Section } from "../components/Section";
import { useNumberTableStyles } from "./tableStyles";
import { sensitivityInput } from "../sensitivity/inputs";

/** Draws of one run: the acceptabilities to about ±1 point at 95 %. */
export const PANEL_SAMPLES = 10_000;
const SEED = 15;

export function PanelRanks({ data, view }: { data: ScorecardData; view: TeamWeightsView }) {
  const styles = useNumberTableStyles();
  const [result, setResult] = useState<{ key: string; names: string[]; run: PanelSmaaResult } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const key = `${view.shares.map((s) => s.join(",")).join("|")}:${view.team.join(",")}:${data.location.meta.versionStamp}`;
  const shown = result !== null && result.key === key ? result : null;

  const run = () => {
    const input = sensitivityInput(data);
    try {
      const out = panelSmaa({
        scores: input.scores,
        reviewers: view.shares,
        importance: view.importance,
        team: view.team,
        samples: PANEL_SAMPLES,
        seed: SEED,
        ids: input.ids,
        criterionIds: input.criterionIds,
      });
      setProblem(null);
      setResult({ key, names: input.names, run: out });
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      setProblem(error.message);
    }
  };

  return (
    <Section title="Which ranks hold across the panel's views" headingLevel={3}>
      <Caption1>
        Ranks under every blend of the reviewers&apos; own weights: a rank that holds is the same whatever
        compromise the panel reaches. {PANEL_SAMPLES.toLocaleString("en")} blends drawn (seed {SEED}).
      </Caption1>
      <div>
        <Button onClick={run}>{shown ? "Run again" : "Show which ranks hold"}</Button>
      </div>
      {problem !== null && <Body1 role="alert">{problem}</Body1>}
      {shown && (
        <table className={styles.table} aria-label="Ranks across the panel's views">
          <thead>
            <tr>
              <th className={styles.name}>Agreement</th>
              <th className={styles.cell}>Team rank</th>
              <th className={styles.cell}>Across views</th>
              <th className={styles.cell}>Team rank in</th>
            </tr>
          </thead>
          <tbody>
            {shown.run.ranks.map((r, i) => (
              <tr key={shown.names[i] + i}>
                <td className={styles.name}>{shown.names[i]}</td>
                <td className={styles.cell}>{r.teamRank}</td>
                <td className={styles.cell}>{r.holds ? `holds (${r.best})` : `${r.best}–${r.worst}`}</td>
                <td className={styles.cell}>{percent(r.teamRankAcceptability, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
