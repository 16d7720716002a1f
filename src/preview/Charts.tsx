/**
 * The sheet's charts, drawn simply as SVG from excel-sim's chart model: horizontal bars (clustered
 * or stacked) and radar; anything else as clustered bars. Enough to see that the workbook's charts
 * follow the data, not a rendering of Excel's.
 */
import React from "react";
import { Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { InspectedChart } from "../excel-sim";

const PALETTE = ["#0f6cbd", "#c4314b", "#13a10e", "#ca5010", "#8764b8", "#038387", "#986f0b", "#4f6bed"];

const useStyles = makeStyles({
  figure: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    flex: "1 1 360px",
    maxWidth: "560px",
  },
  svg: { width: "100%", height: "auto", display: "block" },
  label: { fontSize: "10px", fill: tokens.colorNeutralForeground2 },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  swatch: { display: "inline-block", width: "10px", height: "10px", marginInlineEnd: "4px" },
});

const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : 0);

/** A category label cut to `max` characters, with an ellipsis when cut (the full text is in a tooltip). */
function short(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function Chart({ chart }: { chart: InspectedChart }) {
  const styles = useStyles();
  const names = chart.series.map((s, k) => s.name || `Series ${k + 1}`);
  return (
    <figure className={styles.figure} aria-label={`Chart: ${chart.title ?? chart.name}`}>
      <figcaption>
        <Subtitle2>{chart.title ?? chart.name}</Subtitle2>
      </figcaption>
      <Caption1 as="p" style={{ margin: 0 }}>
        {chart.type}, {chart.series.length} series by {chart.seriesBy.toLowerCase()}
      </Caption1>
      {chart.type === "Radar" ? (
        <Radar chart={chart} />
      ) : (
        <Bars chart={chart} stacked={chart.type.includes("Stacked")} />
      )}
      {chart.legend.visible && chart.series.length > 0 && (
        <ul className={styles.legend}>
          {names.map((name, k) => (
            <li key={k}>
              <span className={styles.swatch} style={{ backgroundColor: PALETTE[k % PALETTE.length] }} />
              <Caption1>{name}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

function Bars({ chart, stacked }: { chart: InspectedChart; stacked: boolean }) {
  const styles = useStyles();
  const categories = (chart.series[0]?.categoryData ?? []).map(String);
  const count = Math.max(categories.length, ...chart.series.map((s) => s.valueData.length), 0);
  const rowHeight = stacked ? 14 : Math.max(8, 6 * chart.series.length + 4);
  const left = 140;
  const width = 430;
  const height = Math.max(20, count * (rowHeight + 4) + 16);
  const totals = Array.from({ length: count }, (_, r) =>
    stacked
      ? chart.series.reduce((sum, s) => sum + Math.max(0, num(s.valueData[r])), 0)
      : Math.max(0, ...chart.series.map((s) => num(s.valueData[r]))),
  );
  const max = chart.axes.value.maximum ?? Math.max(1, ...totals);
  const x = (v: number) => left + (Math.max(0, v) / max) * (width - left - 10);
  return (
    <svg className={styles.svg} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      {Array.from({ length: count }, (_, r) => {
        const y = 4 + r * (rowHeight + 4);
        let offset = 0;
        return (
          <g key={r}>
            <text className={styles.label} x={left - 4} y={y + rowHeight / 2 + 3} textAnchor="end">
              <title>{categories[r] ?? ""}</title>
              {short(categories[r] ?? "", 23)}
            </text>
            {chart.series.map((s, k) => {
              const v = Math.max(0, num(s.valueData[r]));
              const barY = stacked ? y : y + k * 6;
              const barH = stacked ? rowHeight : 5;
              const x0 = stacked ? x(offset) : x(0);
              offset += stacked ? v : 0;
              return (
                <rect
                  key={k}
                  x={x0}
                  y={barY}
                  width={Math.max(0, x(stacked ? offset : v) - x0)}
                  height={barH}
                  fill={PALETTE[k % PALETTE.length]}
                />
              );
            })}
          </g>
        );
      })}
      <text className={styles.label} x={left} y={height - 2}>
        0
      </text>
      <text className={styles.label} x={width - 10} y={height - 2} textAnchor="end">
        {Number(max.toFixed(2))}
      </text>
    </svg>
  );
}

function Radar({ chart }: { chart: InspectedChart }) {
  const styles = useStyles();
  const categories = (chart.series[0]?.categoryData ?? []).map(String);
  const n = Math.max(3, categories.length);
  // Wider than tall: the labels beside the left and right corners need the room.
  const width = 440;
  const height = 280;
  const cx = width / 2;
  const cy = height / 2;
  const r = height / 2 - 30;
  const max = chart.axes.value.maximum ?? Math.max(1, ...chart.series.flatMap((s) => s.valueData.map(num)));
  const angle = (k: number) => -Math.PI / 2 + (2 * Math.PI * k) / n;
  const point = (k: number, v: number) => {
    const d = (Math.max(0, v) / max) * r;
    return [cx + d * Math.cos(angle(k)), cy + d * Math.sin(angle(k))];
  };
  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      style={{ maxWidth: width }}
    >
      {[0.5, 1].map((f) => (
        <polygon
          key={f}
          points={Array.from({ length: n }, (_, k) => point(k, f * max).join(",")).join(" ")}
          fill="none"
          stroke={tokens.colorNeutralStroke2}
        />
      ))}
      {categories.map((cat, k) => {
        // Just outside the corner, anchored away from the chart so the text never covers it.
        const cos = Math.cos(angle(k));
        const sin = Math.sin(angle(k));
        const x = cx + (r + 8) * cos;
        const y = cy + (r + 8) * sin + (sin > 0.3 ? 10 : sin < -0.3 ? -2 : 4);
        const anchor = cos > 0.3 ? "start" : cos < -0.3 ? "end" : "middle";
        return (
          <text key={k} className={styles.label} x={x} y={y} textAnchor={anchor}>
            <title>{cat}</title>
            {short(cat, 26)}
          </text>
        );
      })}
      {chart.series.map((s, q) => (
        <polygon
          key={q}
          points={Array.from({ length: n }, (_, k) => point(k, num(s.valueData[k])).join(",")).join(" ")}
          fill={PALETTE[q % PALETTE.length]}
          fillOpacity={0.15}
          stroke={PALETTE[q % PALETTE.length]}
          strokeWidth={1.5}
        />
      ))}
    </svg>
  );
}
