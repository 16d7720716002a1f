/**
 * Rank only: order the items (criteria or indicators) by importance (ties allowed); the weights are
 * the rank-order centroid, w_i = (1/n)·Σ_{k=i..n} 1/k, with tied items sharing their positions' weights.
 */
import React, { useEffect, useState } from "react";
import { Body1, Button, Caption1, Field, Select } from "@fluentui/react-components";
import { rocFromRanks } from "../../scoring/weights";
import { percents } from "../components/format";
import { Section } from "../components/Section";
import { VisuallyHidden } from "../components/VisuallyHidden";
import { usePlainListClass } from "../components/plainList";
import { usePane } from "../state/context";
import { useCriterionListStyles } from "./listStyles";
import { rawWeights, ranksOf } from "./shares";
import type { WeightTarget } from "./targets";

export function RankWeights({ target }: { target: WeightTarget }) {
  const busy = usePane((s) => s.busy);
  const styles = useCriterionListStyles();
  const listClass = usePlainListClass("stack", "S");
  const { items, noun } = target;
  const n = items.length;
  const key = target.key;
  const [ranks, setRanks] = useState<number[]>(() => ranksOf(target.shares));
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!dirty) setRanks(ranksOf(target.shares));
    // The ranks follow the workbook's weights, which `key` stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, dirty]);

  const usable = ranks.length === n ? ranks : ranksOf(target.shares);
  const weights = rocFromRanks(
    usable,
    items.map((c) => c.id),
  );
  const shown = percents(weights);

  const apply = async () => {
    if (
      await target.apply(rawWeights(items, weights), {
        method: "rank",
        done: `${target.subject} set from the ranking (ROC).`,
      })
    ) {
      setDirty(false);
    }
  };

  return (
    <Section title={`Rank the ${noun.many}`}>
      <Caption1>
        1 is the most important. {noun.many[0].toUpperCase() + noun.many.slice(1)} may share a rank.
      </Caption1>
      <ul className={listClass}>
        {items.map((c, k) => (
          <li key={c.id} className={styles.row}>
            <Field label={`${c.name}: rank`}>
              <Select
                className={styles.select}
                value={String(usable[k])}
                onChange={(_, d) => {
                  setDirty(true);
                  setRanks(usable.map((r, j) => (j === k ? Number(d.value) : r)));
                }}
              >
                {Array.from({ length: n }, (_, r) => (
                  <option key={r} value={String(r + 1)}>
                    {r + 1}
                  </option>
                ))}
              </Select>
            </Field>
            <Body1>
              <VisuallyHidden>{c.name} weight: </VisuallyHidden>
              {shown[k]}
            </Body1>
          </li>
        ))}
      </ul>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy !== null} onClick={() => void apply()}>
          Apply ranking
        </Button>
        <Button
          disabled={!dirty}
          onClick={() => {
            setDirty(false);
            setRanks(ranksOf(target.shares));
          }}
        >
          Start from current weights
        </Button>
      </div>
    </Section>
  );
}
