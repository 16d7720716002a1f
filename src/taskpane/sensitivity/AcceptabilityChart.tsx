/**
 * SMAA-2 rank acceptability: one stacked bar per agreement, a segment per rank sized by the share
 * of samples in which the agreement took that rank. Each bar carries its numbers as text for
 * screen readers; a legend maps ranks to colours.
 */
import React from "react";
import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { percent } from "../components/format";
import { DISTINCT_RANKS, rankColor } from "../../workbook";
import { usePlainListClass } from "../components/plainList";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    height: "14px",
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground5,
  },
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    marginInlineEnd: "4px",
    verticalAlign: "middle",
  },
});

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}

export function AcceptabilityChart({
  names,
  acceptability,
}: {
  names: string[];
  /** [agreement][rank − 1] share of samples. */
  acceptability: number[][];
}) {
  const styles = useStyles();
  const legendClass = usePlainListClass("row");
  const listClass = usePlainListClass("stack", "S");
  const m = names.length;
  const order = names
    .map((_, i) => i)
    .sort((a, b) => expectedRank(acceptability[a]) - expectedRank(acceptability[b]) || a - b);
  const legend = Array.from({ length: Math.min(m, DISTINCT_RANKS) }, (_, k) =>
    k === DISTINCT_RANKS - 1 && m > DISTINCT_RANKS ? `${ordinal(k + 1)} and lower` : ordinal(k + 1),
  );

  return (
    <>
      <ul className={legendClass} aria-label="Rank colours">
        {legend.map((label, k) => (
          <li key={label}>
            <span className={styles.swatch} style={{ backgroundColor: rankColor(k + 1) }} />
            <Caption1>{label}</Caption1>
          </li>
        ))}
      </ul>
      <ul className={listClass} aria-label="Rank acceptability">
        {order.map((i) => {
          const row = acceptability[i];
          const text = row
            .map((share, r) => (share > 0 ? `${ordinal(r + 1)} in ${percent(share)}` : null))
            .filter((s): s is string => s !== null)
            .join(", ");
          return (
            <li key={i}>
              <Body1>
                {names[i]}: first in {percent(row[0] ?? 0)}
              </Body1>
              <div className={styles.bar} role="img" aria-label={`${names[i]}: ${text} of the samples`}>
                {row.map((share, r) =>
                  share > 0 ? (
                    <div
                      key={r}
                      title={`${ordinal(r + 1)}: ${percent(share)}`}
                      style={{ width: `${share * 100}%`, backgroundColor: rankColor(r + 1) }}
                    />
                  ) : null,
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function expectedRank(row: number[]): number {
  return row.reduce((sum, share, r) => sum + share * (r + 1), 0);
}
