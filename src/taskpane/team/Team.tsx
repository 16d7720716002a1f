/**
 * Team: who scores the scorecard (one analyst or a team, with the consensus method), the cells the
 * reviewers should talk about — every reviewer's score and rationale side by side — and who has
 * scored how much. Everything here is read from the workbook (Reviews sheet), nothing from the pane.
 */
import React, { useState } from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  mergeClasses,
  Select,
  tokens,
} from "@fluentui/react-components";
import type { ConsensusCell, ConsensusMethod } from "../../scoring/consensus";
import { InlineConfirm } from "../components/InlineConfirm";
import { Section } from "../components/Section";
import { usePlainListClass } from "../components/plainList";
import { useStore, usePane } from "../state/context";
import { DiscussThreshold } from "./DiscussThreshold";
import { ImportReviews } from "./ImportReviews";
import { leafName, type ScorecardData } from "../../workbook";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorderActive}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  table: { borderCollapse: "collapse", width: "100%", tableLayout: "fixed" },
  cell: { textAlign: "start", verticalAlign: "top", padding: "2px 4px", overflowWrap: "anywhere" },
  scoreCell: { width: "3.5em" },
  reviewerCell: { width: "30%" },
});

const METHOD_LABEL: Record<ConsensusMethod, string> = { mean: "Mean", median: "Median" };

export function Team() {
  const data = usePane((s) => s.data);
  if (data === null) return null;
  return data.location.meta.mode === "team" ? <TeamMode data={data} /> : <SingleMode />;
}

function SingleMode() {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const reviewer = usePane((s) => s.reviewer);
  const styles = useStyles();
  const [method, setMethod] = useState<ConsensusMethod>("mean");
  return (
    <Section title="Who scores">
      <Body1>One analyst scores this scorecard: the scores are typed in the grid or on the Score tab.</Body1>
      <Body1>
        With team scoring, each reviewer scores on their own (kept on a Reviews sheet with their name,
        rationale and time), the criterion cells show the team&apos;s consensus through live formulas, and
        cells where reviewers disagree are flagged to discuss.
      </Body1>
      <div className={styles.row}>
        <Field label="Consensus">
          <Select value={method} onChange={(_, d) => setMethod(d.value as ConsensusMethod)}>
            <option value="mean">Mean</option>
            <option value="median">Median</option>
          </Select>
        </Field>
        <Button
          appearance="primary"
          disabled={busy !== null}
          onClick={() => void store.switchMode("team", method)}
        >
          Switch to team scoring
        </Button>
      </div>
      <Caption1>
        {reviewer === ""
          ? "Enter your name above first: the scores already in the grid become your reviews."
          : `The scores already in the grid become ${reviewer}'s reviews; no score changes.`}
      </Caption1>
    </Section>
  );
}

function TeamMode({ data }: { data: ScorecardData }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const { meta } = data.location;
  const [leaving, setLeaving] = useState(false);
  const listClass = usePlainListClass("stack", "M");
  const toDiscuss = data.consensus.filter((c) => c.discuss);
  const reviewers = reviewerCounts(data);
  return (
    <>
      <Section title="Who scores">
        <Body1>
          A team scores this scorecard. The criterion cells show the {meta.consensusMethod} of the
          reviewers&apos; scores (sheet &quot;{meta.reviews?.sheet}&quot;).
          {meta.criteria.some((c) => (c.indicators ?? []).length > 0) &&
            " A criterion scored through indicators is reviewed indicator by indicator: each indicator cell shows the team's consensus, and the criterion the weighted mean of those."}
        </Body1>
        <div className={styles.row}>
          <Field label="Consensus">
            <Select
              value={meta.consensusMethod}
              disabled={busy !== null}
              onChange={(_, d) => void store.setConsensusMethod(d.value as ConsensusMethod)}
            >
              <option value="mean">Mean</option>
              <option value="median">Median</option>
            </Select>
          </Field>
        </div>
        {leaving ? (
          <InlineConfirm
            question="Switch the whole team to one analyst?"
            confirm="Switch to one analyst"
            cancel="Keep team scoring"
            onConfirm={() => void store.switchMode("single").then(() => setLeaving(false))}
            onCancel={() => setLeaving(false)}
          >
            Every reviewer&apos;s pane changes with it. The criterion cells keep today&apos;s consensus as
            plain scores, reviewers no longer score on their own, and the Reviews sheet stays as the record.
            {meta.teamWeights !== null &&
              " The team weights stay as the scorecard's plain weights; the Reviewer weights sheet stays as the record."}
          </InlineConfirm>
        ) : (
          <div>
            <Button disabled={busy !== null} onClick={() => setLeaving(true)}>
              Switch to one analyst…
            </Button>
          </div>
        )}
        <DiscussThreshold data={data} />
      </Section>
      <Section title={`To discuss (${toDiscuss.length})`}>
        {toDiscuss.length === 0 ? (
          <Body1>Nothing to discuss: the reviewers agree closely enough on every scored cell.</Body1>
        ) : (
          <ul className={listClass} aria-label="Cells to discuss">
            {toDiscuss.map((cell) => (
              <DiscussItem key={`${cell.agreementId}-${cell.criterionId}`} data={data} cell={cell} />
            ))}
          </ul>
        )}
      </Section>
      <Section title="Reviewers">
        {reviewers.length === 0 ? (
          <Body1>No reviews yet.</Body1>
        ) : (
          <ul className={listClass} aria-label="Reviewers">
            {reviewers.map(([name, count]) => (
              <li key={name}>
                <Body1>
                  {name}: {count} {count === 1 ? "score" : "scores"}
                </Body1>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <ImportReviews data={data} />
    </>
  );
}

function DiscussItem({ data, cell }: { data: ScorecardData; cell: ConsensusCell }) {
  const store = useStore();
  const styles = useStyles();
  const agreement = data.agreements.find((a) => a.id === cell.agreementId);
  // A criterion's name, or an indicator's "Criterion / Indicator" (issue 16).
  const title = `${agreement?.name || cell.agreementId} — ${leafName(data, cell.criterionId)}`;
  return (
    <li className={styles.item} aria-label={title}>
      <Body1>
        <strong>{title}</strong>
      </Body1>
      <div className={styles.row}>
        <Badge appearance="tint" color="warning">
          to discuss
        </Badge>
        <Caption1>
          {METHOD_LABEL[data.location.meta.consensusMethod]} {fmt(cell.value)} · range {fmt(cell.range)} · SD{" "}
          {fmt(cell.sd)}
        </Caption1>
      </div>
      <table className={styles.table}>
        <caption style={{ textAlign: "start" }}>
          <Caption1>Every reviewer&apos;s score and rationale</Caption1>
        </caption>
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.cell, styles.reviewerCell)}>
              Reviewer
            </th>
            <th scope="col" className={mergeClasses(styles.cell, styles.scoreCell)}>
              Score
            </th>
            <th scope="col" className={styles.cell}>
              Rationale
            </th>
          </tr>
        </thead>
        <tbody>
          {cell.reviews.map((r) => (
            <tr key={r.reviewer}>
              <th scope="row" className={styles.cell}>
                {r.reviewer}
              </th>
              <td className={styles.cell}>{fmt(r.score)}</td>
              <td className={styles.cell}>{r.rationale || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button
          size="small"
          onClick={() => {
            store.selectAgreement(cell.agreementId);
            store.showFeature("score");
          }}
        >
          Score it
        </Button>
      </div>
    </li>
  );
}

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : String(Math.round(v * 100) / 100);

/** Each reviewer with the number of cells they have a score in, most first. */
function reviewerCounts(data: ScorecardData): [string, number][] {
  const counts = new Map<string, [string, number]>();
  for (const r of data.reviews) {
    const key = r.reviewer.toLowerCase();
    const entry = counts.get(key) ?? [r.reviewer, 0];
    if (r.score !== null) entry[1]++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
