/**
 * The data of the Results sheet's contribution-by-indicator chart (issue 16), pure: one column per
 * leaf (each indicator, and each criterion scored directly as one segment), one row per charted
 * place of the ranking, each cell a live formula of the points that leaf adds to the Weighted
 * score of the agreement at that place — global weight × the indicator's score, under the
 * missing-score policy exactly as the criterion's cell and the Weighted score count it
 * (scoring/indicatorContributions.ts is the model). A hand edit of a score or a local weight moves
 * the chart without the add-in.
 */
import { MAX_CRITERIA } from "../../scoring/criteria";
import { MAX_INDICATORS_PER_CRITERION } from "../../scoring/indicatorTree";
import { columnRef } from "../contract/addresses";
import { NAME, RADAR_TOP, localWeightName, weightName } from "../contract/contract";
import { indicatorHeader } from "../contract/indicatorLayout";
import { RESULTS_LAYOUT, resultsSources, type FormulaSource, type ScorecardConfig } from "../contract/layout";
import {
  SCALE_WIDTH,
  contributionFormula,
  pointsFormula,
  type ResultsSources,
} from "../formulas/scorecardFormulas";

/** Office draws at most 255 series in one chart (MS-OI29500 §2.1.1437: c:ser limited to 255). */
export const EXCEL_MAX_SERIES = 255;

/** The most leaves a scorecard can have: every criterion with its most indicators (within EXCEL_MAX_SERIES). */
export const MAX_LEAVES = MAX_CRITERIA * MAX_INDICATORS_PER_CRITERION;

/** Columns each Results chart spans (charts.ts places them). */
export const CHART_COLUMNS = 9;

/**
 * The block's first column, the same for every scorecard: right of where the widest scorecard's
 * contribution block (MAX_CRITERIA columns), radar block (RADAR_TOP + 1) and charts end, each after
 * a blank column. Fixed, so a rebuild finds the old block where the new one goes, however the
 * criteria changed in between.
 */
export const INDICATOR_BLOCK_START =
  RESULTS_LAYOUT.contributionStart + MAX_CRITERIA + 1 + RADAR_TOP + 1 + 1 + CHART_COLUMNS + 1;

/** A segment of the chart: an indicator, or a criterion scored directly. */
export interface ChartLeaf {
  criterionIndex: number;
  indicator: { id: string; header: string } | null;
}

/** True when some criterion is scored through indicators: then the chart exists. */
export function anyIndicators(source: Pick<FormulaSource, "criteria">): boolean {
  return source.criteria.some((c) => (c.indicators ?? []).length > 0);
}

/** The leaves in the Scorecard's order: criteria in order, a criterion's indicators in its place. */
export function chartLeaves(source: Pick<FormulaSource, "criteria">): ChartLeaf[] {
  return source.criteria.flatMap(({ indicators = [] }, criterionIndex): ChartLeaf[] =>
    indicators.length === 0
      ? [{ criterionIndex, indicator: null }]
      : indicators.map((indicator) => ({ criterionIndex, indicator })),
  );
}

/** A leaf's series name, from the configuration: "Criterion / Indicator", or the criterion's name. */
function leafName(config: Pick<ScorecardConfig, "criteria">, source: FormulaSource, leaf: ChartLeaf): string {
  const criterion = config.criteria.find((c) => c.id === source.criteria[leaf.criterionIndex].id)!;
  if (!leaf.indicator) return criterion.name;
  const id = leaf.indicator.id;
  return indicatorHeader(criterion.name, criterion.indicators?.find((i) => i.id === id)?.name ?? id);
}

/**
 * Points one indicator adds to the Weighted score of the ranked agreement in indexCell:
 * 100·w_c·v_k·(s_k − min) / ((max − min)·Σv), with Σv the criterion's normalized local weights
 * (under "renormalize" those of its scored indicators, as the criterion's cell divides), 0 for an
 * indicator not scored or a criterion without a score; then divided like a criterion's points.
 */
function indicatorPointsFormula(
  source: FormulaSource,
  src: ResultsSources,
  leaf: ChartLeaf & { indicator: { id: string; header: string } },
  indexCell: string,
): string {
  const at = (ref: string) => `INDEX(${ref},${indexCell})`;
  const indicatorAt = (header: string) => at(columnRef(source.scorecardTable, header));
  const criterion = src.criteria[leaf.criterionIndex];
  const siblings = source.criteria[leaf.criterionIndex].indicators ?? [];
  const localBase = siblings
    .map((i) =>
      source.missingPolicy === "renormalize"
        ? `IF(${indicatorAt(i.header)}="",0,${localWeightName(i.id)})`
        : localWeightName(i.id),
    )
    .join("+");
  const score = indicatorAt(leaf.indicator.header);
  const product = `100*${weightName(criterion.criterionId)}*${localWeightName(leaf.indicator.id)}*(${score}-${NAME.scaleMin})/(${SCALE_WIDTH}*(${localBase}))`;
  const points = `IF(${at(criterion.ref)}="",0,IF(${score}="",0,${product}))`;
  return pointsFormula(src, points, indexCell, source.missingPolicy);
}

/** The contribution cell of one leaf for the ranked agreement whose table position is in indexCell. */
export function leafContributionFormula(
  source: FormulaSource,
  src: ResultsSources,
  leaf: ChartLeaf,
  indexCell: string,
): string {
  return leaf.indicator
    ? indicatorPointsFormula(source, src, { ...leaf, indicator: leaf.indicator }, indexCell)
    : contributionFormula(src, leaf.criterionIndex, indexCell, source.missingPolicy);
}

/**
 * The block at INDICATOR_BLOCK_START: the leaves' names (row 1), and per leaf the formula of its
 * first charted place (row 2), which the rows below take filled down (charts.ts): the places differ
 * only in their row of the ranking's table-position column. Null on a scorecard without
 * indicators, which has no such chart.
 */
export function indicatorContributionBlock(
  config: Pick<ScorecardConfig, "criteria">,
  source: FormulaSource,
): { startColumn: number; names: string[]; firstRow: string[] } | null {
  if (!anyIndicators(source)) return null;
  const src = resultsSources(source);
  const leaves = chartLeaves(source);
  const indexCell = `$${RESULTS_LAYOUT.indexColumn}2`;
  return {
    startColumn: INDICATOR_BLOCK_START,
    names: leaves.map((leaf) => leafName(config, source, leaf)),
    firstRow: leaves.map((leaf) => leafContributionFormula(source, src, leaf, indexCell)),
  };
}
