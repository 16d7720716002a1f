/**
 * The current weights of one criterion's indicators (issue 16): each indicator's normalized local
 * weight beside its global weight, criterion × local, which is what it weighs in the score. Both
 * come from the scorecard's weights as read (the Weights sheet's formulas compute the same).
 */
import React from "react";
import { Caption1 } from "@fluentui/react-components";
import { globalWeights } from "../../scoring/indicators";
import type { ScorecardData } from "../../workbook";
import { percent } from "../components/format";
import { Section } from "../components/Section";
import { useNumberTableStyles } from "./tableStyles";
import type { WeightTarget } from "./targets";

export function NodeWeights({
  data,
  criterionId,
  target,
}: {
  data: ScorecardData;
  criterionId: string;
  target: WeightTarget;
}) {
  const styles = useNumberTableStyles();
  const { criteria } = data.config;
  const criterion = criteria.find((c) => c.id === criterionId)!;
  const global = globalLeaves(data, criterionId);
  const share = global === null ? null : global.criterion;
  return (
    <Section title="Current local and global weights">
      <Caption1>
        Local weights count within {criterion.name}; an indicator&apos;s global weight is {criterion.name}
        &apos;s weight{share === null ? "" : ` (${percent(share)})`} × its local weight, and is what it weighs
        in the score.
      </Caption1>
      <table className={styles.table} aria-label={`Weights of the indicators of ${criterion.name}`}>
        <thead>
          <tr>
            <th className={styles.name}>Indicator</th>
            <th className={styles.cell}>Local</th>
            <th className={styles.cell}>Global</th>
          </tr>
        </thead>
        <tbody>
          {target.items.map((item, k) => (
            <tr key={item.id}>
              <td className={styles.name}>{item.name}</td>
              <td className={styles.cell}>{percent(target.shares[k])}</td>
              <td className={styles.cell}>
                {global === null ? "–" : percent(global.leaves.get(item.id) ?? 0)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** The criterion's normalized weight and its indicators' global weights; null when the weights cannot be normalized. */
function globalLeaves(data: ScorecardData, criterionId: string) {
  const { criteria } = data.config;
  try {
    const global = globalWeights(
      criteria.map((c) => ({ id: c.id, weight: c.weight })),
      Object.fromEntries(criteria.map((c) => [c.id, c.indicators ?? []])),
    );
    return {
      criterion: global.criteria.find((c) => c.criterionId === criterionId)!.weight,
      leaves: new Map(
        global.leaves.filter((l) => l.criterionId === criterionId).map((l) => [l.indicatorId!, l.weight]),
      ),
    };
  } catch {
    // Weights typed by hand that cannot be normalized: the read lists them on the Results tab.
    return null;
  }
}
