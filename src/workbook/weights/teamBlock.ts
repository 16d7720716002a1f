/**
 * The team block of the Weights sheet (docs/architecture.md §3, issue 15): criteria down, the team
 * and each reviewer across, from column J, and the Weights table's Weight column driven by it.
 *
 *   J            K                L, M, …
 *   Criterion ID Team weight      reviewer names (as text)
 *   id           =E2 (normalized) each reviewer's normalized weight, a live formula over the table
 *   Importance                    each reviewer's importance (from the metadata)
 *   Total as set                  the reviewer's weights added up, criteria of the scorecard only
 *   Distance …                    ½Σ|w_r − w_team| in points of 100, live
 *   Disagrees most on             the criterion of the largest gap (written by the add-in)
 *   then the aggregation stated in words, the consensus S* with its word, λmax/CI/CR for AIJ.
 *
 * A weight that is text or negative counts 0, as the model counts it (reviewerWeightRows.ts).
 * Reviewers are matched with "=" inside SUMPRODUCT, never with SUMIFS/COUNTIFS criteria, which read
 * "*", "?", "~" and a leading "<" or "=" in a name as patterns and stop at 255 characters. Every
 * function here (SUMPRODUCT, COUNTIF with an array criterion inside it, ABS, MEDIAN, IF) computes
 * alike in Excel 2016+ and LibreOffice (tests/external/libreoffice-team-weights.test.ts).
 */
import { columnLetter, rangeAddress } from "../contract/addresses";
import { INDICATOR_COLUMNS, REVIEWER_WEIGHT_COLUMNS } from "../contract/contract";
import { INDICATORS_LAYOUT } from "../contract/indicatorLayout";
import type { SheetTable, TeamWeightsSetting } from "../contract/meta";
import { asText } from "../contract/userText";
import type { ReviewerWeights, TeamWeightsView } from "../model";
import { importanceOf } from "./teamWeights";

/** The block's first cell (S1): what tells the add-in's block from a person's cells. */
export const BLOCK_HEADER = "Criterion ID";

/**
 * Zero-based column of the block's first column, and the rows below the criteria it takes. The
 * block grows to the right with the panel, so it starts one blank column right of the indicator
 * weights table (J:Q, issue 16), whose width is fixed: column S.
 */
export const TEAM_BLOCK = {
  column: INDICATORS_LAYOUT.firstColumn + INDICATOR_COLUMNS.length + 1,
  rowsBelow: 12,
  maxReviewers: 200,
} as const;

const METHOD_WORDS: Record<TeamWeightsSetting["method"], string> = {
  aij: "AIJ: geometric mean of the reviewers' pairwise judgments, then its principal eigenvector",
  mean: "Mean of the reviewers' normalized weights (importance-weighted)",
  median: "Median of the reviewers' normalized weights, renormalized",
};

export interface TeamBlockInput {
  place: SheetTable;
  criteria: readonly { id: string; name: string }[];
  /** Every reviewer with rows in the table, in table order (the block's columns). */
  reviewers: readonly ReviewerWeights[];
  setting: TeamWeightsSetting;
  view: TeamWeightsView;
  /** Normalized weight cell of each criterion (Weights!E2 …), by id. */
  normalizedCells: Record<string, string>;
  time: string;
}

/** The block's cells (formulas as "=…", text already as text) from its first cell, and the Weight column's. */
export function teamBlockCells(input: TeamBlockInput): {
  block: (string | number)[][];
  weights: (string | number)[];
} {
  const { criteria, reviewers, setting, view, place } = input;
  const n = criteria.length;
  const width = 2 + reviewers.length;
  const col = (k: number) => columnLetter(TEAM_BLOCK.column + k);
  const idCol = col(0);
  const importanceRow = n + 2;
  const totalRow = n + 3;
  const ref = (header: (typeof REVIEWER_WEIGHT_COLUMNS)[number]) => `${place.table}[${header}]`;
  const match = (c: string) => `(${ref("Reviewer")}=${c}$1)`;
  // The weights as a separate SUMPRODUCT argument count text as 0 (SUMPRODUCT's rule), and this
  // factor leaves out negatives pasted past the validation: both are issues the read names.
  const positive = `(${ref("Weight")}>0)`;
  const row = (cells: (string | number)[]) => [...cells, ...Array<string>(width - cells.length).fill("")];
  const block: (string | number)[][] = [
    row([BLOCK_HEADER, "Team weight", ...reviewers.map((r) => asText(r.reviewer))]),
  ];
  criteria.forEach((c, k) => {
    const r = k + 2;
    block.push([
      asText(c.id),
      `=${input.normalizedCells[c.id]}`,
      ...reviewers.map((_, j) => {
        const x = col(2 + j);
        return `=IF(${x}$${totalRow}>0,SUMPRODUCT(${match(x)}*(${ref("Criterion ID")}=$${idCol}${r})*${positive},${ref("Weight")})/${x}$${totalRow},"")`;
      }),
    ]);
  });
  const counted = (r: ReviewerWeights) => view.reviewers.indexOf(r);
  const ids = `$${idCol}$2:$${idCol}$${n + 1}`;
  block.push(row(["Importance", "", ...reviewers.map((r) => importanceOf(setting, r.reviewer))]));
  block.push(
    row([
      "Total as set",
      "",
      ...reviewers.map(
        (_, j) =>
          `=SUMPRODUCT(${match(col(2 + j))}*COUNTIF(${ids},${ref("Criterion ID")})*${positive},${ref("Weight")})`,
      ),
    ]),
  );
  const team = `$${col(1)}$2:$${col(1)}$${n + 1}`;
  block.push(
    row([
      "Distance from the team (points of 100)",
      "",
      ...reviewers.map((_, j) => {
        const x = col(2 + j);
        return `=IF(${x}$${totalRow}>0,SUMPRODUCT(ABS(${x}$2:${x}$${n + 1}-${team}))*50,"")`;
      }),
    ]),
  );
  block.push(
    row([
      "Disagrees most on",
      "",
      ...reviewers.map((r) => {
        const d = view.disagreement[counted(r)];
        return d ? asText(criteria[d.criteria[0].index].name) : "";
      }),
    ]),
  );
  block.push(row([]));
  block.push(row(["Team weights", METHOD_WORDS[setting.method]]));
  block.push(
    row([
      "Weight column",
      view.live
        ? "Live formulas over the Reviewer weights table"
        : "Values the add-in writes when a reviewer saves (no formula computes them in every spreadsheet)",
    ]),
  );
  block.push(
    row([
      "Consensus S*",
      view.consensus,
      `${view.word} (${view.consensusForm === "ahp" ? "AHP" : "general"} form)`,
    ]),
  );
  const ahp = view.ahp;
  block.push(row(ahp ? ["λmax", ahp.lambdaMax] : []));
  block.push(row(ahp ? ["CI", ahp.ci] : []));
  block.push(row(ahp ? ["CR", ahp.cr] : []));
  block.push(row(["Consensus and words written", asText(input.time)]));
  const weights = criteria.map((c, k) => {
    if (!view.live) return view.team[k];
    const r = k + 2;
    const cells = `$${col(2)}${r}:$${col(width - 1)}${r}`;
    if (setting.method === "median") return `=MEDIAN(${cells})`;
    const imp = `$${col(2)}$${importanceRow}:$${col(width - 1)}$${importanceRow}`;
    const tot = `$${col(2)}$${totalRow}:$${col(width - 1)}$${totalRow}`;
    return `=SUMPRODUCT(${cells},${imp})/SUMPRODUCT((${tot}>0)*${imp})`;
  });
  return { block, weights };
}

/** Rows the block takes for n criteria. */
const blockRows = (n: number) => n + 1 + TEAM_BLOCK.rowsBelow;

/**
 * Queues the clearing of a block `width` columns wide over `rows` rows (one written before, found by
 * lookAtBlock), then the new block and the Weight cells. Number formats: percents for weights.
 */
export function queueTeamBlock(
  sheet: Excel.Worksheet,
  previous: { width: number; rows: number },
  cells: ReturnType<typeof teamBlockCells> | null,
  weightCells: readonly string[],
) {
  if (previous.width > 0)
    sheet.getRange(rangeAddress(0, TEAM_BLOCK.column, previous.rows, previous.width)).clear("Contents");
  if (cells === null) return;
  const { block, weights } = cells;
  const width = block[0].length;
  const range = sheet.getRange(rangeAddress(0, TEAM_BLOCK.column, block.length, width));
  range.formulas = block;
  const n = weights.length;
  sheet.getRange(rangeAddress(1, TEAM_BLOCK.column + 1, n, width - 1)).numberFormat = Array.from(
    { length: n },
    () => Array<string>(width - 1).fill("0.0%"),
  );
  sheet.getRange(rangeAddress(n + 3, TEAM_BLOCK.column + 2, 1, width - 2)).numberFormat = [
    Array<string>(width - 2).fill("0.0"),
  ];
  sheet.getRange(rangeAddress(n + 8, TEAM_BLOCK.column + 1, 1, 1)).numberFormat = [["0.0%"]];
  weightCells.forEach((address, k) => (sheet.getRange(address).formulas = [[weights[k]]]));
}

/** Queues the load that tells how far a block written before reaches (its header row and labels). */
export function lookAtBlock(sheet: Excel.Worksheet, n: number) {
  const header = sheet
    .getRange(rangeAddress(0, TEAM_BLOCK.column, 1, 2 + TEAM_BLOCK.maxReviewers))
    .load("values");
  const labels = sheet.getRange(rangeAddress(0, TEAM_BLOCK.column, blockRows(n) + 40, 1)).load("values");
  return () => {
    const lastIn = (cells: unknown[]) => {
      let last = cells.length - 1;
      while (last >= 0 && (cells[last] === "" || cells[last] === null)) last--;
      return last + 1;
    };
    return {
      width: lastIn(header.values[0]),
      rows: Math.max(lastIn(labels.values.map((r) => r[0])), blockRows(n)),
      first: header.values[0][0],
    };
  };
}
