/** Points: distribute 100 points over the items (criteria or indicators); the weights follow the points' ratios. */
import React, { useEffect, useState } from "react";
import { Body1, Button, Caption1 } from "@fluentui/react-components";
import { ScoringError } from "../../scoring/errors";
import { POINTS_BUDGET, pointsToWeights, type PointsWeights as Points } from "../../scoring/weights";
import { parseNumber, percents, roundToTotal } from "../components/format";
import { Section } from "../components/Section";
import { VisuallyHidden } from "../components/VisuallyHidden";
import { usePlainListClass } from "../components/plainList";
import { InputField } from "../components/InputField";
import { usePane } from "../state/context";
import { useCriterionListStyles } from "./listStyles";
import type { WeightTarget } from "./targets";

export function PointsWeights({ target }: { target: WeightTarget }) {
  const busy = usePane((s) => s.busy);
  const styles = useCriterionListStyles();
  const listClass = usePlainListClass("stack", "S");
  const { items } = target;
  const key = target.key;
  const initial = () => roundToTotal(target.shares, POINTS_BUDGET).map(String);
  const [texts, setTexts] = useState<string[]>(initial);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!dirty) setTexts(initial());
    // initial() depends on the weights only, which `key` stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, dirty]);

  const values = texts.map(parseNumber);
  const fieldError = (v: number | null, name: string) =>
    v === null
      ? null
      : Number.isNaN(v)
        ? `Enter a number of points for ${name}.`
        : v < 0
          ? `The points of ${name} cannot be negative; give it 0 or more.`
          : null;
  const errors = values.map((v, k) => fieldError(v, items[k]?.name ?? ""));
  let result: Points | null = null;
  let problem: string | null = null;
  if (errors.every((e) => e === null)) {
    try {
      result = pointsToWeights(
        values.map((v) => v ?? 0),
        items.map((c) => c.id),
      );
    } catch (error) {
      problem = error instanceof ScoringError ? error.message : String(error);
    }
  }

  const shown = result === null ? null : percents(result.weights);
  const status =
    result === null
      ? (problem ?? "Fix the points marked in red.")
      : result.balanced
        ? `All ${POINTS_BUDGET} points given.`
        : result.remaining > 0
          ? `${formatPoints(result.total)} of ${POINTS_BUDGET} given: ${formatPoints(result.remaining)} left. The weights follow the points' ratios.`
          : `${formatPoints(result.total)} of ${POINTS_BUDGET} given: ${formatPoints(-result.remaining)} too many. The weights follow the points' ratios.`;

  const apply = async () => {
    if (result === null) return;
    const raw = Object.fromEntries(items.map((c, k) => [c.id, values[k] ?? 0]));
    if (await target.apply(raw, { method: "points", done: `${target.subject} set from the points.` }))
      setDirty(false);
  };

  return (
    <Section title="Distribute 100 points">
      <ul className={listClass}>
        {items.map((c, k) => (
          <li key={c.id} className={styles.row}>
            <InputField
              label={`${c.name}: points`}
              value={texts[k] ?? ""}
              onChange={(value) => {
                setDirty(true);
                setTexts(texts.map((t, j) => (j === k ? value : t)));
              }}
              error={errors[k]}
              inputMode="decimal"
              inputClassName={styles.input}
            />
            <Body1>
              <VisuallyHidden>{c.name} weight: </VisuallyHidden>
              {shown ? shown[k] : "–"}
            </Body1>
          </li>
        ))}
      </ul>
      <Caption1 role="status" aria-live="polite">
        {status}
      </Caption1>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={result === null || busy !== null} onClick={() => void apply()}>
          Apply points
        </Button>
        <Button
          disabled={!dirty}
          onClick={() => {
            setDirty(false);
            setTexts(initial());
          }}
        >
          Start from current weights
        </Button>
      </div>
    </Section>
  );
}

function formatPoints(x: number): string {
  return String(Number(x.toFixed(2)));
}
