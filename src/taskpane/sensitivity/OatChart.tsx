/**
 * One criterion's one-at-a-time chart: each agreement's weighted score S_i(t) = a_i + b_i·t as the
 * criterion's weight t goes from 0 to 100 %, the interval where the leader stays first shaded,
 * and the current weight marked.
 */
import React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { CriterionSensitivity } from "../../scoring/sensitivity";

const W = 300;
const H = 170;
const LEFT = 30;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 24;
/** More lines than this become unreadable; the best-scoring ones (and those that matter) are drawn. */
export const MAX_LINES = 12;

export const SERIES_COLORS = [
  tokens.colorPaletteDarkOrangeForeground1,
  tokens.colorPaletteGreenForeground1,
  tokens.colorPaletteBerryForeground1,
];

const useStyles = makeStyles({
  svg: { width: "100%", height: "auto", display: "block", overflow: "visible" },
  axis: { fontSize: "10px", fill: tokens.colorNeutralForeground3 },
});

export interface OatChartProps {
  criterion: CriterionSensitivity;
  criterionName: string;
  names: string[];
  leader: number;
  /** Current score of each agreement, to pick the lines worth drawing. */
  currentScores: number[];
  summary: string;
}

export function OatChart({ criterion, criterionName, names, leader, currentScores, summary }: OatChartProps) {
  const styles = useStyles();
  const { lines, current, leaderInterval } = criterion;
  const highlighted = [leaderInterval.leaderBelow, leaderInterval.leaderAbove].filter(
    (i): i is number => i !== undefined && i !== leader,
  );
  const drawn = pickLines(currentScores, [leader, ...highlighted]);

  const ends = drawn.flatMap((i) => [lines[i].a, lines[i].a + lines[i].b]);
  let lo = Math.floor(Math.min(...ends) / 10) * 10;
  let hi = Math.ceil(Math.max(...ends) / 10) * 10;
  if (hi - lo < 10) {
    lo = Math.max(0, lo - 5);
    hi = Math.min(100, lo + 10);
  }
  const x = (t: number) => LEFT + t * (W - LEFT - RIGHT);
  const y = (s: number) => TOP + (1 - (s - lo) / (hi - lo || 1)) * (H - TOP - BOTTOM);
  const ticks = [lo, (lo + hi) / 2, hi];
  const color = (i: number) =>
    i === leader
      ? tokens.colorBrandForeground1
      : (SERIES_COLORS[highlighted.indexOf(i)] ?? tokens.colorNeutralStroke1);

  return (
    <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
      <title>{`${criterionName}: ${summary}`}</title>
      <rect
        x={x(leaderInterval.lo)}
        y={TOP}
        width={Math.max(0, x(leaderInterval.hi) - x(leaderInterval.lo))}
        height={H - TOP - BOTTOM}
        fill={tokens.colorBrandBackground2}
      />
      {ticks.map((s) => (
        <g key={s}>
          <line
            x1={LEFT}
            x2={W - RIGHT}
            y1={y(s)}
            y2={y(s)}
            stroke={tokens.colorNeutralStroke3}
            strokeWidth={1}
          />
          <text className={styles.axis} x={LEFT - 4} y={y(s) + 3} textAnchor="end">
            {Number(s.toFixed(1))}
          </text>
        </g>
      ))}
      {[0, 0.5, 1].map((t) => (
        <text
          key={t}
          className={styles.axis}
          x={x(t)}
          y={H - 8}
          textAnchor={t === 0 ? "start" : t === 1 ? "end" : "middle"}
        >
          {t * 100}%
        </text>
      ))}
      {drawn
        .slice()
        .reverse()
        .map((i) => (
          <line
            key={i}
            x1={x(0)}
            y1={y(lines[i].a)}
            x2={x(1)}
            y2={y(lines[i].a + lines[i].b)}
            stroke={color(i)}
            strokeWidth={i === leader ? 2.5 : highlighted.includes(i) ? 2 : 1}
          >
            <title>{names[i]}</title>
          </line>
        ))}
      <line
        x1={x(current)}
        x2={x(current)}
        y1={TOP}
        y2={H - BOTTOM}
        stroke={tokens.colorNeutralForeground1}
        strokeDasharray="3 3"
        strokeWidth={1}
      />
      <text
        className={styles.axis}
        x={x(current)}
        y={TOP + 8}
        textAnchor={current > 0.8 ? "end" : "start"}
        dx={current > 0.8 ? -3 : 3}
      >
        now
      </text>
    </svg>
  );
}

function pickLines(scores: number[], must: number[]): number[] {
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i);
  const chosen = new Set(must);
  for (const { i } of order) {
    if (chosen.size >= Math.max(MAX_LINES, must.length)) break;
    chosen.add(i);
  }
  return [...chosen];
}
