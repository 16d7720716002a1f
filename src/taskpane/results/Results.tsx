/**
 * Results: the ranking as the workbook's formulas computed it, with score bars; agreements that
 * are not ranked (or ranked on partial scores) say which criteria are missing; cells the model
 * cannot use are listed with their address. "Repair formulas" writes back formulas typed over by
 * hand; "Refresh charts" rebuilds the Results sheet's charts.
 */
import React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";
import type { MissingPolicy } from "../../scoring/types";
import { Bar } from "../components/Bar";
import { scoreText } from "../components/format";
import { Section } from "../components/Section";
import { VisuallyHidden } from "../components/VisuallyHidden";
import { usePlainListClass } from "../components/plainList";
import { useStore, usePane } from "../state/context";
import type { ScorecardData } from "../../workbook";

const POLICY: Record<MissingPolicy, string> = {
  exclude: "An agreement gets a score and a rank only once every criterion is scored.",
  renormalize:
    "Agreements with missing scores are scored over the criteria they have, with those weights renormalized, and flagged partial.",
  zero: "A missing score counts as the scale minimum, and the agreement is flagged partial.",
};

const useStyles = makeStyles({
  item: {
    display: "grid",
    gridTemplateColumns: "2.5em minmax(0, 1fr) auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "2px",
  },
  name: { overflowWrap: "anywhere" },
  wide: { gridColumn: "2 / -1", display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  issues: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface RankedRow {
  index: number;
  id: string;
  name: string;
  score: number | null;
  rank: number | null;
  scoreText: string | null;
  /** Criteria left blank. */
  missing: string[];
  /** Criteria whose cell holds something that is not a score on the scale (listed as issues). */
  invalid: string[];
}

/** Agreements in the workbook's rank order; unranked ones after, in sheet order. */
export function rankedRows(data: ScorecardData): RankedRow[] {
  const rows = data.agreements.map((a, index) => {
    // The read gives a cell it cannot use no score and an issue keyed by its sheet row.
    const flagged = new Set(
      data.issues
        .filter((i) => i.row === data.rows[index] && i.criterionId !== undefined)
        .map((i) => i.criterionId),
    );
    const unscored = data.config.criteria.filter((c) => a.scores[c.id] === null);
    return {
      index,
      id: a.id,
      name: a.name || a.id,
      score: data.computed[index]?.score ?? null,
      rank: data.computed[index]?.rank ?? null,
      scoreText: data.computed[index]?.scoreText ?? null,
      missing: unscored.filter((c) => !flagged.has(c.id)).map((c) => c.name),
      invalid: unscored.filter((c) => flagged.has(c.id)).map((c) => c.name),
    };
  });
  return rows.sort((a, b) => {
    if (a.rank !== null && b.rank !== null)
      return a.rank - b.rank || (b.score ?? 0) - (a.score ?? 0) || a.index - b.index;
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return a.index - b.index;
  });
}

export function Results() {
  const store = useStore();
  const data = usePane((s) => s.data);
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const listClass = usePlainListClass("stack", "S");
  if (data === null) return null;
  const n = data.config.criteria.length;
  const rows = rankedRows(data);
  const sheet = data.location.meta.sheets.scorecard;
  const formulaIssues = data.issues.filter((issue) => issue.repairable).length;

  return (
    <div>
      {data.issues.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {data.issues.length === 1
                ? "1 cell needs attention"
                : `${data.issues.length} cells need attention`}
            </MessageBarTitle>
            <ul className={styles.issues}>
              {data.issues.map((issue) => (
                <li key={`${issue.sheet}!${issue.address}`}>
                  <strong>
                    {issue.sheet}!{issue.address}
                  </strong>
                  : {withoutAddress(issue.message, `${issue.sheet}!${issue.address}`)}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <Section title="Ranking">
        <Caption1>
          Weighted scores (0–100) as computed by the {sheet} sheet&apos;s formulas.{" "}
          {POLICY[data.config.missingPolicy]}
        </Caption1>
        {rows.length === 0 && <Body1>No agreements yet.</Body1>}
        <ol className={listClass} aria-label="Ranking">
          {rows.map((row) => (
            <li key={`${row.index}`} className={styles.item}>
              <Badge
                appearance={row.rank === 1 ? "filled" : "tint"}
                color={row.rank === null ? "subtle" : "brand"}
              >
                <span aria-hidden="true">{row.rank ?? "–"}</span>
                <VisuallyHidden>{row.rank === null ? "Not ranked" : `Rank ${row.rank}`}</VisuallyHidden>
              </Badge>
              <Body1 className={styles.name}>{row.name}</Body1>
              <Body1>{row.score !== null ? scoreText(row.score) : ""}</Body1>
              {row.score !== null && (
                <div className={styles.wide}>
                  <Bar share={row.score / 100} muted={row.missing.length > 0} />
                </div>
              )}
              {row.score === null && (
                <Caption1 className={styles.wide}>
                  {row.invalid.length > 0
                    ? `Not ranked: ${row.invalid.join(", ")} ${row.invalid.length === 1 ? "holds" : "hold"} a value that is not a score on the scale (see the cells that need attention).`
                    : row.missing.length > 0
                      ? `Not ranked: ${row.missing.join(", ")} not scored (${n - row.missing.length}/${n}).`
                      : row.scoreText
                        ? `Not ranked: the score cell shows "${row.scoreText}"; check this agreement's cells.`
                        : "Not ranked."}
                </Caption1>
              )}
              {row.score !== null && row.missing.length > 0 && (
                <Caption1 className={styles.wide}>
                  Partial ({n - row.missing.length}/{n}): {row.missing.join(", ")} not scored.
                </Caption1>
              )}
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Formulas">
        <Caption1>
          {formulaIssues > 0
            ? `${formulaIssues === 1 ? "1 cell that should hold a formula shows" : `${formulaIssues} cells that should hold a formula show`} something else (listed above). Repair writes the formulas back; no score, name or note anyone typed is changed.`
            : "Writes back the Coverage, Weighted score, Rank and ranking formulas, and the validation of every row, if someone typed over them. No score, name or note anyone typed is changed."}
        </Caption1>
        <div>
          <Button
            appearance={formulaIssues > 0 ? "primary" : "secondary"}
            disabled={busy !== null}
            onClick={() => void store.repairFormulas()}
          >
            Repair formulas
          </Button>
        </div>
      </Section>
      <Section title="Charts">
        <Caption1>
          The Results sheet holds the charts. Rebuild them after adding agreements or if a chart was deleted
          or moved.
        </Caption1>
        <div>
          <Button disabled={busy !== null} onClick={() => void store.refreshCharts()}>
            Refresh charts
          </Button>
        </div>
      </Section>
    </div>
  );
}

/** The issue's message without the address it starts with (the list shows it in bold already). */
function withoutAddress(message: string, address: string): string {
  return message.startsWith(address) ? message.slice(address.length).replace(/^[\s:]+/, "") : message;
}
