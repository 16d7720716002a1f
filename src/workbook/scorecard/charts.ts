/**
 * The Results sheet's native charts (docs/architecture.md §3): weighted score by agreement (bar), contribution
 * of each criterion (stacked bar), the criteria profile of the leading agreements (radar) and, once
 * a criterion has indicators, the contribution of each indicator (stacked bar, its data block in
 * charts/indicatorContribution.ts). Series are set explicitly and seriesBy is always passed
 * (docs/architecture.md §5).
 */
import { columnLetter, rangeAddress } from "../contract/addresses";
import { CHART_TOP } from "../contract/contract";
import {
  chartRowCount,
  contributionBlock,
  radarBlock,
  type ScorecardColumns,
  type ScorecardConfig,
} from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { ExcelRun } from "../run";
import { asText } from "../contract/userText";
import { explainExcelError } from "../errors";
import {
  CHART_COLUMNS,
  INDICATOR_BLOCK_START,
  MAX_LEAVES,
  indicatorContributionBlock,
} from "../charts/indicatorContribution";

export const CHART_NAMES = {
  score: "AS_ScoreChart",
  contribution: "AS_ContributionChart",
  profile: "AS_ProfileChart",
  indicators: "AS_IndicatorChart",
} as const;

/** Writes the chart data blocks and adds the charts (three, four with indicators); the caller syncs. */
export function writeCharts(
  context: Excel.RequestContext,
  config: ScorecardConfig,
  cols: ScorecardColumns,
  meta: ScorecardMeta,
  agreementCount: number,
) {
  const sheet = context.workbook.worksheets.getItem(meta.sheets.results);
  const rows = chartRowCount(agreementCount);
  const categories = sheet.getRange(`C2:C${rows + 1}`);
  const n = config.criteria.length;

  const contributions = contributionBlock(config, meta, agreementCount);
  sheet.getRange(rangeAddress(0, contributions.startColumn, rows + 1, n)).formulas = contributions.values.map(
    (row) => row.map(String),
  );
  sheet.getRange(rangeAddress(1, contributions.startColumn, rows, n)).numberFormat = Array.from(
    { length: rows },
    () => Array.from({ length: n }, () => "0.0"),
  );
  const radar = radarBlock(config, meta, agreementCount);
  sheet.getRange(rangeAddress(0, radar.startColumn, n + 1, radar.leaders + 1)).formulas = radar.values.map(
    (row) => row.map(String),
  );

  const chartColumn = radar.startColumn + radar.leaders + 2;
  const place = (chart: Excel.Chart, index: number) => {
    const top = 1 + index * 22;
    chart.setPosition(
      `${columnLetter(chartColumn)}${top}`,
      `${columnLetter(chartColumn + CHART_COLUMNS - 1)}${top + 20}`,
    );
  };

  // Each chart starts from its first series' values alone (one column, so Excel cannot read it
  // any other way) and every further series is added explicitly: Excel's guess of the series from
  // a block of formulas showing "" differs between hosts.
  const addChart = (
    type: "BarClustered" | "BarStacked" | "Radar",
    series: { name: string; values: string; categories: Excel.Range }[],
  ) => {
    const chart = sheet.charts.add(type, sheet.getRange(series[0].values), "Columns");
    series.forEach((spec, k) => {
      const s = k === 0 ? chart.series.getItemAt(0) : chart.series.add(spec.name);
      s.setValues(sheet.getRange(spec.values));
      s.setXAxisValues(spec.categories);
      s.name = spec.name;
    });
    return chart;
  };

  const score = addChart("BarClustered", [{ name: "Weighted score", values: `D2:D${rows + 1}`, categories }]);
  score.name = CHART_NAMES.score;
  score.title.text = `Weighted score (top ${Math.min(CHART_TOP, Math.max(1, agreementCount))})`;
  score.legend.visible = false;
  score.axes.valueAxis.minimum = 0;
  score.axes.valueAxis.maximum = 100;
  place(score, 0);

  const stacked = addChart(
    "BarStacked",
    config.criteria.map((c, k) => {
      const column = columnLetter(contributions.startColumn + k);
      return { name: c.name, values: `${column}2:${column}${rows + 1}`, categories };
    }),
  );
  stacked.name = CHART_NAMES.contribution;
  stacked.title.text = "Contribution of each criterion (points)";
  stacked.legend.position = "Bottom";
  place(stacked, 1);

  const criteriaNames = sheet.getRange(rangeAddress(1, radar.startColumn, n, 1));
  const profile = addChart(
    "Radar",
    Array.from({ length: radar.leaders }, (_, q) => ({
      // Series names are fixed text in ExcelApi 1.8; the block's header row names the agreements.
      name: ["1st place", "2nd place", "3rd place"][q] ?? `Place ${q + 1}`,
      values: rangeAddress(1, radar.startColumn + 1 + q, n, 1),
      categories: criteriaNames,
    })),
  );
  profile.name = CHART_NAMES.profile;
  profile.title.text = `Criteria profile of the leading ${radar.leaders} (0–100)`;
  profile.legend.position = "Bottom";
  place(profile, 2);

  const byIndicator = indicatorContributionBlock(config, meta);
  if (byIndicator) {
    const width = byIndicator.names.length;
    const start = byIndicator.startColumn;
    // Leaf names are user text: "=1+1" or "-Cost" must stay text, not become formulas.
    sheet.getRange(rangeAddress(0, start, 1, width)).formulas = [byIndicator.names.map(asText)];
    // One formula per leaf, filled down its column as Excel fills it (relative references move
    // with each row): at 200 leaves the block would take 20 times as many bytes cell by cell,
    // past Excel's 5 MB per request.
    byIndicator.firstRow.forEach((formula, k) =>
      fill(sheet.getRange(rangeAddress(1, start + k, rows, 1)), "formulas", formula),
    );
    fill(sheet.getRange(rangeAddress(1, start, rows, width)), "numberFormat", "0.0");
    const indicators = addChart(
      "BarStacked",
      byIndicator.names.map((name, k) => ({
        name,
        values: rangeAddress(1, start + k, rows, 1),
        categories,
      })),
    );
    indicators.name = CHART_NAMES.indicators;
    indicators.title.text = "Contribution of each indicator (points)";
    indicators.legend.position = "Bottom";
    place(indicators, 3);
  }
}

/**
 * Sets one value for every cell of `range`: Range.formulas and Range.numberFormat take a single
 * value as well as a 2-D array, and a formula is filled as Excel fills a selection (Ctrl+Enter),
 * its relative references moving with each cell (src/excel-sim/README.md, "Writes").
 */
function fill(range: Excel.Range, property: "formulas" | "numberFormat", value: string): void {
  (range as unknown as Record<typeof property, string>)[property] = value;
}

/**
 * Rebuilds the charts after the number of agreements or the criteria changed: one sync to see
 * which charts exist, one to replace them — two whatever the number of agreements.
 */
export async function refreshCharts(
  run: ExcelRun,
  config: ScorecardConfig,
  cols: ScorecardColumns,
  meta: ScorecardMeta,
  agreementCount: number,
): Promise<void> {
  await run(async (context) => {
    const loaded = loadCharts(context, meta);
    await context.sync();
    try {
      queueChartsReplaced(context, loaded, config, cols, meta, agreementCount);
      await context.sync();
    } catch (error) {
      throw explainExcelError(error, meta.sheets.results);
    }
  });
}

/** What a rebuild must see first: the Results sheet's charts and the header row of the indicator block. */
export interface LoadedCharts {
  charts: Excel.ChartCollection;
  indicatorHeader: Excel.Range;
}

/**
 * Queues the load of the Results sheet's charts and of the indicator block's header row (for
 * queueChartsReplaced, after a sync): the block is as wide as the leaves were when it was written,
 * which the criteria and indicators as they are now do not tell.
 */
export function loadCharts(context: Excel.RequestContext, meta: ScorecardMeta): LoadedCharts {
  const sheet = context.workbook.worksheets.getItem(meta.sheets.results);
  return {
    charts: sheet.charts.load("items/name"),
    indicatorHeader: sheet.getRange(rangeAddress(0, INDICATOR_BLOCK_START, 1, MAX_LEAVES)).load("values"),
  };
}

/**
 * Queues the replacement of the add-in's charts and their data blocks (`loaded` by loadCharts and
 * synced), so that a write can rebuild them in its own batch.
 */
export function queueChartsReplaced(
  context: Excel.RequestContext,
  loaded: LoadedCharts,
  config: ScorecardConfig,
  cols: ScorecardColumns,
  meta: ScorecardMeta,
  agreementCount: number,
): void {
  const sheet = context.workbook.worksheets.getItem(meta.sheets.results);
  const ours = new Set<string>(Object.values(CHART_NAMES));
  for (const chart of loaded.charts.items) if (ours.has(chart.name)) chart.delete();
  // Clear the old chart data blocks, whose size depends on the criteria and the row count.
  sheet.getRange(rangeAddress(0, 7, Math.max(CHART_TOP, config.criteria.length) + 2, 60)).clear("Contents");
  const header = loaded.indicatorHeader.values[0] as unknown[];
  let oldLeaves = header.length;
  while (oldLeaves > 0 && header[oldLeaves - 1] === "") oldLeaves--;
  if (oldLeaves > 0)
    sheet.getRange(rangeAddress(0, INDICATOR_BLOCK_START, CHART_TOP + 1, oldLeaves)).clear("Contents");
  writeCharts(context, config, cols, meta, agreementCount);
}
