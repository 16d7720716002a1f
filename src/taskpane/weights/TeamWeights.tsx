/**
 * The team's weights (team scoring, issue 15): how the reviewers' own weights make the scorecard's
 * (shared, mean, median or AIJ), each reviewer's importance, the team's weights beside mine, the
 * consensus with its word, each reviewer's distance from the team, and which ranks hold across the
 * panel's views (PanelRanks). Everything shown is as the workbook was last read.
 */
import React, { useEffect, useState } from "react";
import { Body1, Button, Caption1, Field, Select } from "@fluentui/react-components";
import { normalizeWeights } from "../../scoring/weights";
import {
  aijRefusal,
  countedReviewers,
  importanceOf,
  ownWeights,
  reviewerKey,
  type ScorecardData,
  type TeamAggregation,
} from "../../workbook";
import { parseNumber, percent } from "../components/format";
import { InputField } from "../components/InputField";
import { Section } from "../components/Section";
import { useNumberTableStyles } from "./tableStyles";
import { usePlainListClass } from "../components/plainList";
import { usePane, useStore } from "../state/context";
import { useCriterionListStyles } from "./listStyles";
import { PanelRanks } from "./PanelRanks";

type Choice = "shared" | TeamAggregation;

const CHOICES: { value: Choice; label: string }[] = [
  { value: "shared", label: "Shared: one set, typed in the Weights table" },
  { value: "mean", label: "Mean of the reviewers' weights" },
  { value: "median", label: "Median of the reviewers' weights" },
  { value: "aij", label: "AIJ: geometric mean of pairwise judgments" },
];

export function TeamWeights({ data, reviewer }: { data: ScorecardData; reviewer: string }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useNumberTableStyles();
  const listStyles = useCriterionListStyles();
  const listClass = usePlainListClass("stack", "S");
  const meta = data.location.meta;
  const setting = meta.teamWeights;
  const { criteria } = data.config;
  const ids = criteria.map((c) => c.id);
  const reviewers = countedReviewers(data.reviewerWeights ?? [], ids);
  const whyNotAij = aijRefusal(reviewers);
  const choice: Choice = setting?.method ?? "shared";
  const importanceTexts = () => reviewers.map((r) => String(setting ? importanceOf(setting, r.reviewer) : 1));
  const [texts, setTexts] = useState<string[]>(importanceTexts);
  const key = `${reviewers.map((r) => r.reviewer).join("|")}:${JSON.stringify(setting)}`;
  useEffect(() => setTexts(importanceTexts()), [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const importance = () => {
    const values = texts.map(parseNumber);
    if (values.some((v) => v === null || Number.isNaN(v) || v < 0)) return null;
    return Object.fromEntries(reviewers.map((r, k) => [reviewerKey(r.reviewer), values[k] as number]));
  };
  const choose = (value: Choice) =>
    void store.setTeamWeights(
      value === "shared" ? null : { method: value, importance: setting?.importance ?? {} },
    );

  const view = data.team ?? null;
  const mine = ownWeights(data, reviewer);
  let myShares: number[] | null = null;
  if (mine) {
    try {
      myShares = normalizeWeights(ids.map((id) => mine.weights[id]));
    } catch {
      myShares = null;
    }
  }
  const importanceErrors = texts.map((t) => {
    const v = parseNumber(t);
    return v === null || Number.isNaN(v)
      ? "Enter a number."
      : v < 0
        ? "Importance cannot be negative."
        : null;
  });

  return (
    <Section title="Team weights">
      <Caption1>
        {reviewers.length === 0
          ? "No reviewer has set weights of their own yet. Set yours below; once reviewers have, the team weights can come from theirs."
          : `${reviewers.length} reviewer${reviewers.length === 1 ? " has" : "s have"} set weights of their own: ${reviewers.map((r) => r.reviewer).join(", ")}.`}
      </Caption1>
      <Field
        label="The scorecard's weights"
        hint={
          choice === "aij" || whyNotAij === null
            ? "Mean and median take each reviewer's normalized weights; AIJ aggregates pairwise judgments."
            : `AIJ is not offered: ${whyNotAij}`
        }
      >
        <Select value={choice} disabled={busy !== null} onChange={(_, d) => choose(d.value as Choice)}>
          {CHOICES.map((c) => (
            <option
              key={c.value}
              value={c.value}
              disabled={
                c.value !== "shared" && (reviewers.length === 0 || (c.value === "aij" && whyNotAij !== null))
              }
            >
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      {setting !== null && reviewers.length > 0 && (
        <Section title="Importance of each reviewer" headingLevel={3}>
          <Caption1>1 for everyone counts them equally; 0 leaves a reviewer out (an observer).</Caption1>
          <ul className={listClass}>
            {reviewers.map((r, k) => (
              <li key={r.reviewer} className={listStyles.row}>
                <InputField
                  label={`Importance of ${r.reviewer}`}
                  value={texts[k] ?? "1"}
                  inputMode="decimal"
                  inputClassName={listStyles.input}
                  error={importanceErrors[k]}
                  onChange={(value) => setTexts(texts.map((t, j) => (j === k ? value : t)))}
                />
              </li>
            ))}
          </ul>
          <div>
            <Button
              disabled={busy !== null || importance() === null}
              onClick={() => void store.setTeamWeights({ method: setting.method, importance: importance()! })}
            >
              Apply importance
            </Button>
          </div>
        </Section>
      )}
      {setting !== null && view === null && (
        <Body1>The team weights cannot be computed now; the Results tab lists why.</Body1>
      )}
      {view !== null && (
        <>
          <table className={styles.table} aria-label="Team weights and mine">
            <thead>
              <tr>
                <th className={styles.name}>Criterion</th>
                <th className={styles.cell}>Team</th>
                <th className={styles.cell}>Mine</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c, k) => (
                <tr key={c.id}>
                  <td className={styles.name}>{c.name}</td>
                  <td className={styles.cell}>{percent(view.team[k])}</td>
                  <td className={styles.cell}>{myShares ? percent(myShares[k]) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Body1 role="status">
            Consensus S* = {percent(view.consensus)} ({view.word}
            {view.consensusForm === "ahp" ? ", AHP form" : ", general form"}).
            {view.ahp &&
              ` Aggregate matrix: λmax = ${view.ahp.lambdaMax.toFixed(3)}, CI = ${view.ahp.ci.toFixed(3)}, CR = ${view.ahp.cr.toFixed(3)}.`}
          </Body1>
          <ul className={listClass} aria-label="Each reviewer's distance from the team">
            {view.disagreement.map((d) => {
              const most = d.criteria[0];
              return (
                <li key={view.reviewers[d.reviewer].reviewer}>
                  <Body1>
                    {view.reviewers[d.reviewer].reviewer}: {d.distance.toFixed(1)} points of 100 from the team
                    {most && Math.abs(most.difference) >= 0.05
                      ? `; differs most on ${criteria[most.index].name} (${most.difference > 0 ? "+" : ""}${most.difference.toFixed(1)} points)`
                      : ""}
                    .
                  </Body1>
                </li>
              );
            })}
          </ul>
          <PanelRanks data={data} view={view} />
        </>
      )}
    </Section>
  );
}
