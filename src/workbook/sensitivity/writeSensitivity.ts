/**
 * Writes the last sensitivity run to a Sensitivity sheet (docs/architecture.md §3): the settings (seed,
 * samples, how weights were drawn, when), the rank acceptabilities with a native stacked-bar
 * chart, the central weights and confidence factors, and the one-at-a-time intervals, per
 * criterion and, on a two-level scorecard, per indicator (sensitivityTables.ts). The sheet
 * is the add-in's own: a new run replaces it, and a user's sheet of the same name is never touched.
 */
import { everFirst, type OneAtATimeResult, type SmaaResult } from "../../scoring";
import { columnLetter, rangeAddress } from "../contract/addresses";
import { SHEET } from "../contract/contract";
import { explainExcelError } from "../errors";
import { encodeMeta, type ScorecardMeta } from "../contract/meta";
import { freeSheetName } from "../contract/freeNames";
import type { ExcelRun } from "../run";
import { queueOwnSheetDelete } from "../scorecard/sheetSetup";
import { asText } from "../contract/userText";
import type { ScorecardData } from "../model";
import { NEVER_FIRST, sensitivityBlocks, type LeafLevel } from "./sensitivityTables";

export { NEVER_FIRST };

export interface SensitivityRun {
  /** Agreement ids in the order of the result's rows. */
  agreementIds: string[];
  smaa: SmaaResult;
  /** How the weights were drawn, in words (e.g. "uniform on the simplex"). */
  sampling: string;
  /** One-at-a-time per criterion, moving each criterion's weight (its indicators in step). */
  oneAtATime?: OneAtATimeResult;
  /**
   * On a two-level scorecard (issue 16), the run on the leaves' global weights, written beside the
   * per-criterion tables: then `smaa.centralWeights` holds the central weights summed per criterion.
   */
  leaves?: LeafLevel;
  /** When the run was made; now by default. */
  at?: Date;
}

/**
 * Ranks 1 to 4 are shown one by one, in the table, the sheet's chart and the pane's chart; from the
 * fifth on they share one column and one colour.
 */
export const DISTINCT_RANKS = 5;

/**
 * Okabe–Ito colours for ranks 1 to 4, distinguishable with the common colour-vision deficiencies
 * and readable on light and dark backgrounds; from the fifth rank on, a neutral grey.
 */
const RANK_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];
const LOWER_RANKS_COLOR = "#9AA0A6";

export function rankColor(rank: number): string {
  return RANK_COLORS[rank - 1] ?? LOWER_RANKS_COLOR;
}

export const SENSITIVITY_CHART = "AS_AcceptabilityChart";

type Cell = string | number;

export async function writeSensitivity(
  run: ExcelRun,
  data: ScorecardData,
  input: SensitivityRun,
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  const names = input.agreementIds.map((id) => data.agreements.find((a) => a.id === id)?.name || id);
  const n = names.length;
  const ranks = Math.min(DISTINCT_RANKS, n);
  const criteria = data.config.criteria;
  const { smaa } = input;

  const settings: Cell[][] = [
    ["Sensitivity analysis (last run)", ""],
    ["Method", "SMAA-2 (Lahdelma & Salminen 2001)"],
    ["Seed", smaa.seed],
    ["Samples", smaa.samples],
    ["Weights drawn", asText(input.sampling)],
    ["Run at", asText((input.at ?? new Date()).toISOString())],
    ["Cancelled", smaa.cancelled ? "yes" : "no"],
  ];
  const rankHeaders = Array.from({ length: ranks }, (_, r) =>
    r === DISTINCT_RANKS - 1 && n > DISTINCT_RANKS ? `Rank ${r + 1} and lower` : `Rank ${r + 1}`,
  );
  const acceptability: Cell[][] = [
    ["Agreement", ...rankHeaders, "Confidence"],
    ...names.map((name, i) => {
      const row = smaa.rankAcceptability[i];
      // The last column sums the fifth rank and every one below it.
      const shares = [...row.slice(0, ranks - 1), row.slice(ranks - 1).reduce((a, b) => a + b, 0)];
      const confidence = everFirst(smaa, i) ? smaa.confidence[i] : NEVER_FIRST;
      return [asText(name), ...shares, confidence];
    }),
  ];
  const blocks = sensitivityBlocks(
    names,
    criteria.map((c) => c.name),
    smaa,
    input.oneAtATime,
    input.leaves,
  );

  return run(async (context) => {
    const workbook = context.workbook;
    const sheets = workbook.worksheets.load("items/name");
    await context.sync();
    const existing = meta.sensitivitySheet && sheets.items.some((s) => s.name === meta.sensitivitySheet);
    try {
      if (existing) {
        // Someone may have made it very hidden.
        queueOwnSheetDelete(workbook.worksheets.getItem(meta.sensitivitySheet!));
      }
      const taken = sheets.items.map((s) => s.name).filter((s) => !existing || s !== meta.sensitivitySheet);
      const name = existing ? meta.sensitivitySheet! : freeSheetName(SHEET.sensitivity, taken);
      const sheet = workbook.worksheets.add(name);
      sheet.getRange(rangeAddress(0, 0, settings.length, 2)).values = settings;
      sheet.getRange("A1").format.font.bold = true;
      const top = settings.length + 1;
      const width = acceptability[0].length;
      const table = sheet.getRange(rangeAddress(top, 0, n + 1, width));
      table.values = acceptability;
      sheet.getRange(rangeAddress(top + 1, 1, n, width - 1)).numberFormat = Array.from({ length: n }, () =>
        Array.from({ length: width - 1 }, () => "0.0%"),
      );
      // Each table under the previous one, after a blank row.
      let blockTop = top + n + 2;
      for (const block of blocks) {
        const rows = block.values.length - 1;
        sheet.getRange(rangeAddress(blockTop, 0, rows + 1, block.values[0].length)).values = block.values;
        sheet.getRange(rangeAddress(blockTop + 1, 1, rows, block.percentColumns)).numberFormat = Array.from(
          { length: rows },
          () => Array.from({ length: block.percentColumns }, () => "0.0%"),
        );
        blockTop += rows + 2;
      }
      sheet.getRange("A:A").format.columnWidth = 200;

      // Rank acceptability as a stacked bar per agreement, every series set explicitly.
      const categories = sheet.getRange(rangeAddress(top + 1, 0, n, 1));
      const first = sheet.getRange(rangeAddress(top + 1, 1, n, 1));
      const chart = sheet.charts.add("BarStacked", first, "Columns");
      chart.name = SENSITIVITY_CHART;
      chart.title.text = `Rank acceptability (${smaa.samples.toLocaleString("en-US")} samples, seed ${smaa.seed})`;
      rankHeaders.forEach((header, k) => {
        const series = k === 0 ? chart.series.getItemAt(0) : chart.series.add(header);
        series.setValues(sheet.getRange(rangeAddress(top + 1, 1 + k, n, 1)));
        series.setXAxisValues(categories);
        series.name = header;
        series.format.fill.setSolidColor(rankColor(k + 1));
      });
      chart.axes.valueAxis.minimum = 0;
      chart.axes.valueAxis.maximum = 1;
      // Shares of samples, shown as percent as in the pane.
      chart.axes.valueAxis.numberFormat = "0%";
      chart.legend.position = "Bottom";
      // Right of the acceptabilities and the central weights, the widest tables.
      const right = Math.max(width, ...blocks.filter((b) => b.central).map((b) => b.values[0].length));
      chart.setPosition(`${columnLetter(right + 1)}2`, `${columnLetter(right + 9)}${Math.max(22, n + 4)}`);

      const next = { ...meta, sensitivitySheet: name, versionStamp: meta.versionStamp + 1 };
      workbook.worksheets
        .getItem(meta.sheets.meta)
        .getRange(rangeAddress(0, 0, encodeMeta(next).length, 2)).values = encodeMeta(next);
      await context.sync();
      return next;
    } catch (error) {
      throw explainExcelError(error, SHEET.sensitivity);
    }
  });
}
