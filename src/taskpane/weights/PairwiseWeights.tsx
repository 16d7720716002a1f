/**
 * Pairwise comparison (AHP): one judgment per pair of items (criteria, or one criterion's
 * indicators) on Saaty's 1–9 scale (reciprocals for the other direction). The weights are the principal eigenvector; the consistency ratio
 * CR = CI / RI(n) is shown against the 0.10 threshold, and when it is exceeded the judgments that
 * contribute most are named with the value that would agree with the rest, one click to use it.
 */
import React, { useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  tokens,
} from "@fluentui/react-components";
import {
  ahpCheck,
  DEFAULT_CR_THRESHOLD,
  MAX_PAIRWISE_CRITERIA,
  pairwiseFromUpper,
  RANDOM_INDEX,
  type AhpCheck,
} from "../../scoring/ahp";
import { percents } from "../components/format";
import { Section } from "../components/Section";
import { usePlainListClass } from "../components/plainList";
import { usePane } from "../state/context";
import { rawWeights } from "./shares";
import type { WeightTarget } from "./targets";
import { judgmentKey, judgmentOptions, judgmentSentence, judgmentValue, ratioText } from "./saaty";

const useStyles = makeStyles({
  resultRow: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  review: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  select: { width: "100%", minWidth: 0 },
});

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

export function PairwiseWeights({ target }: { target: WeightTarget }) {
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const listClass = usePlainListClass("stack", "S");
  const resultClass = usePlainListClass("block");
  const { items, noun } = target;
  const n = items.length;
  const title = `Compare ${noun.many} in pairs`;
  // A reviewer starts from the judgments they saved last.
  const [judgments, setJudgments] = useState<Record<string, number>>(() =>
    savedJudgments(items, target.matrix),
  );

  if (n > MAX_PAIRWISE_CRITERIA || n < 2) {
    return (
      <Section title={title}>
        <Body1>
          {n < 2
            ? `Pairwise comparison needs at least 2 ${noun.many}; there ${n === 1 ? `is 1 ${noun.one}` : `are none`}, so it has nothing to compare.${noun.one === "indicator" ? " Add an indicator on the Criteria tab." : ""}`
            : `Pairwise comparison supports up to ${MAX_PAIRWISE_CRITERIA} ${noun.many} (the random-index table ends there); this scorecard has ${n}. Use direct, points or rank weights instead.`}
        </Body1>
      </Section>
    );
  }

  const pairs: { i: number; j: number; key: string }[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) pairs.push({ i, j, key: pairKey(items[i].id, items[j].id) });
  const valueOf = (key: string) => judgments[key] ?? 1;
  const matrix = pairwiseFromUpper(
    n,
    pairs.map(({ i, j, key }) => ({ i, j, value: valueOf(key) })),
  );
  const check: AhpCheck = ahpCheck(matrix, DEFAULT_CR_THRESHOLD, 3);
  const shown = percents(check.weights);
  const set = (key: string, value: number) => setJudgments({ ...judgments, [key]: value });

  const apply = () =>
    void target.apply(rawWeights(items, check.weights), {
      method: "pairwise",
      matrix,
      done: `${target.subject} set from the pairwise comparison (AHP).`,
    });

  return (
    <Section title={title}>
      <Caption1>
        For each pair, say which matters more and how strongly.{" "}
        {target.whose === "mine"
          ? "Your judgments are kept with your weights on the Reviewer weights sheet."
          : `The judgments stay in this pane; only the resulting weights are written to the Weights sheet${target.whose === "indicators" ? " (Local weight column)" : ""}.`}
      </Caption1>
      <ul className={listClass}>
        {pairs.map(({ i, j, key }) => (
          <li key={key}>
            <Field
              label={`${items[i].name} compared with ${items[j].name}`}
              hint={judgmentSentence(items[i].name, items[j].name, judgmentKey(valueOf(key)))}
            >
              <Select
                className={styles.select}
                value={judgmentKey(valueOf(key))}
                onChange={(_, d) => set(key, judgmentValue(d.value))}
              >
                {judgmentOptions(items[i].name, items[j].name).map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </Field>
          </li>
        ))}
      </ul>
      <Section title="Resulting weights" headingLevel={3}>
        <ul className={resultClass} aria-label="Weights from the pairwise comparison">
          {items.map((c, k) => (
            <li key={c.id} className={styles.resultRow}>
              <Body1>{c.name}</Body1>
              <Body1>{shown[k]}</Body1>
            </li>
          ))}
        </ul>
        <Body1 role="status" aria-live="polite">
          {n <= 2
            ? `Consistency ratio CR = 0 (with two ${noun.many} every comparison is consistent).`
            : `Consistency ratio CR = ${check.cr.toFixed(3)} (λmax = ${check.lambdaMax.toFixed(3)}, CI = ${check.ci.toFixed(3)}, RI = ${riText(n)}): ${
                check.consistent
                  ? `within the ${DEFAULT_CR_THRESHOLD.toFixed(2)} threshold.`
                  : `above the ${DEFAULT_CR_THRESHOLD.toFixed(2)} threshold.`
              }`}
        </Body1>
      </Section>
      {!check.consistent && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The judgments contradict each other</MessageBarTitle>
            CR {check.cr.toFixed(3)} is above {DEFAULT_CR_THRESHOLD.toFixed(2)}. These judgments depart most
            from the weights the others imply; revisit them first:
            <ol className={styles.review}>
              {check.judgmentsToReview.map((r) => {
                const key = pairKey(items[r.i].id, items[r.j].id);
                const pair = `${items[r.i].name} vs ${items[r.j].name}`;
                const same = judgmentKey(r.nearestScaleValue) === judgmentKey(r.current);
                return (
                  <li key={key}>
                    {pair}: you entered {judgmentKey(r.current)}; {judgmentKey(r.nearestScaleValue)} would be
                    consistent with your other judgments (exact ratio {ratioText(r.consistentValue)}).{" "}
                    {same ? (
                      <span>That is the nearest scale value already; revisit a related pair.</span>
                    ) : (
                      <Button
                        size="small"
                        aria-label={`Use ${judgmentKey(r.nearestScaleValue)} for ${pair}`}
                        onClick={() => set(key, r.nearestScaleValue)}
                      >
                        Use {judgmentKey(r.nearestScaleValue)}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ol>
          </MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" disabled={busy !== null} onClick={apply}>
          {check.consistent ? "Apply these weights" : "Apply these weights anyway"}
        </Button>
      </div>
    </Section>
  );
}

/** The upper judgments of a saved matrix, by pair key; empty (all 1) when none was saved. */
function savedJudgments(items: readonly { id: string }[], matrix: number[][] | null): Record<string, number> {
  const saved: Record<string, number> = {};
  if (matrix === null || matrix.length !== items.length) return saved;
  items.forEach((a, i) => items.forEach((b, j) => j > i && (saved[pairKey(a.id, b.id)] = matrix[i][j])));
  return saved;
}

function riText(n: number): string {
  return RANDOM_INDEX[n - 1].toFixed(2);
}
