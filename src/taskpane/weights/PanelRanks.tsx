/**
 * Which ranks hold across the panel's views (issue 15): panel SMAA (scoring/panelSmaa.ts), weights
 * drawn as blends of the reviewers' own. The rank bounds are exact and need no sampling; the
 * acceptability of each agreement's team rank comes from PANEL_SAMPLES draws. The run goes to the
 * SMAA worker (sensitivity/smaaRunner.ts), as the Sensitivity tab's does, with progress and Cancel:
 * at 500 agreements × 4 criteria × 5 reviewers it is one synchronous loop of 174 ms in Node on the
 * bench machine (docs/performance.md), more in Excel's webview on a modest laptop: far past the
 * 50 ms a pane's own thread may be busy before it stops answering clicks.
 */
import React, { useEffect, useState } from "react";
import { Body1, Button, Caption1 } from "@fluentui/react-components";
import type { PanelSmaaResult } from "../../scoring/panelSmaa";
import { ScoringError } from "../../scoring/errors";
import type { ScorecardData, TeamWeightsView } from "../../workbook";
import { percent } from "../components/format";
import { Section } from "../components/Section";
import { useStore } from "../state/context";
import { useNumberTableStyles } from "./tableStyles";
import { criterionSensitivityInput } from "../sensitivity/inputs";
import { SamplesProgress } from "../sensitivity/SamplesProgress";
import { useSmaaRunner } from "../sensitivity/SmaaContext";
import type { SmaaJob } from "../sensitivity/smaaRunner";

/** Draws of one run: the acceptabilities to about ±1 point at 95 %. */
export const PANEL_SAMPLES = 10_000;
const SEED = 15;

export function PanelRanks({ data, view }: { data: ScorecardData; view: TeamWeightsView }) {
  const styles = useNumberTableStyles();
  const store = useStore();
  const runner = useSmaaRunner();
  const [result, setResult] = useState<{ key: string; names: string[]; run: PanelSmaaResult } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [job, setJob] = useState<SmaaJob<PanelSmaaResult> | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [cancelled, setCancelled] = useState(false);
  // The panel's view can go (team weights turned off) while a run is under way: stop its worker.
  useEffect(() => (job === null ? undefined : () => job.cancel()), [job]);
  const key = `${view.shares.map((s) => s.join(",")).join("|")}:${view.team.join(",")}:${data.location.meta.versionStamp}`;
  // A run started before the panel or the scorecard changed answers another question: not shown.
  const shown = result !== null && result.key === key ? result : null;

  if (runner === null) return null;

  const run = () => {
    // The reviewers weigh criteria, so the panel's blends run over the criteria's scores.
    const input = criterionSensitivityInput(data);
    setProblem(null);
    setCancelled(false);
    setResult(null);
    setProgress({ done: 0, total: PANEL_SAMPLES });
    const started = runner(
      {
        kind: "panel",
        scores: input.scores,
        reviewers: view.shares,
        importance: view.importance,
        team: view.team,
        samples: PANEL_SAMPLES,
        seed: SEED,
        ids: input.ids,
        criterionIds: input.criterionIds,
      },
      (done, total) => setProgress({ done, total }),
    );
    setJob(started);
    started.promise
      .then((out) => {
        if (out === null) setCancelled(true);
        else setResult({ key, names: input.names, run: out });
      })
      .catch((error: unknown) => {
        if (error instanceof ScoringError) setProblem(error.message);
        else store.showError(error, "The analysis of the panel's views did not finish");
      })
      .finally(() => {
        setJob(null);
        setProgress(null);
      });
  };

  return (
    <Section title="Which ranks hold across the panel's views" headingLevel={3}>
      <Caption1>
        Ranks under every blend of the reviewers&apos; own weights: a rank that holds is the same whatever
        compromise the panel reaches. {PANEL_SAMPLES.toLocaleString("en")} blends drawn (seed {SEED}).
      </Caption1>
      <div>
        {job === null ? (
          <Button onClick={run}>{shown ? "Run again" : "Show which ranks hold"}</Button>
        ) : (
          <Button onClick={() => job.cancel()}>Cancel</Button>
        )}
      </div>
      {progress !== null && <SamplesProgress done={progress.done} total={progress.total} />}
      {cancelled && <Caption1 role="status">Cancelled; no result. Run again to start over.</Caption1>}
      {problem !== null && <Body1 role="alert">{problem}</Body1>}
      {result !== null && shown === null && (
        <Caption1 role="status">
          The reviewers&apos; weights or the scorecard changed since the last run; run again for the ranks
          now.
        </Caption1>
      )}
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
