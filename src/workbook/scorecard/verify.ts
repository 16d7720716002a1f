/**
 * The workbook's own results checked against the model (pure). A Coverage, Weighted score or Rank
 * cell is a formula the add-in owns; a person can type a value over it, or edit it, and Excel then
 * shows that value as if it were computed. The read never trusts such a cell: each row's results
 * are recomputed from the criterion cells as they are, and a cell that disagrees becomes an issue
 * at its address while the pane uses the recomputed value.
 */
import { rankDescending, scoreAgreements } from "../../scoring";
import { ScoringError } from "../../scoring/errors";
import { INVALID_MARK } from "../contract/contract";
import type { ScorecardColumns, ScorecardConfig } from "../contract/layout";
import type { ScorecardMeta } from "../contract/meta";
import type { AgreementRecord, CellIssue, ComputedRow } from "../model";

/** Scores are rounded to 10 decimals in both the workbook and the model. */
const TOLERANCE = 1e-9;

export interface VerifyInput {
  meta: ScorecardMeta;
  config: ScorecardConfig;
  agreements: AgreementRecord[];
  computed: ComputedRow[];
  rows: number[];
  columns: ScorecardColumns;
  /** Issues found so far: a row with an unusable criterion cell must show INVALID_MARK. */
  issues: CellIssue[];
}

/**
 * What each row's formulas give for the cells as they are, and an issue for every owned cell that
 * shows something else. With every weight at 0 nothing can be computed (the workbook shows
 * #DIV/0! and the read already says why), so the workbook's values are returned as they are.
 */
export function verifyComputed(input: VerifyInput): { computed: ComputedRow[]; issues: CellIssue[] } {
  const { config, agreements } = input;
  const expected = expectedResults(input);
  if (expected === null) return { computed: input.computed, issues: [] };
  const sheet = input.meta.sheets.scorecard;
  const issues: CellIssue[] = [];
  const computed = input.computed.map((shown, i) => {
    const want = expected[i];
    const a = agreements[i];
    const row = input.rows[i];
    const report = (role: "coverage" | "score" | "rank", shows: string, gives: string) => {
      const address = `${input.columns[role]}${row}`;
      const header = input.meta.columns[role];
      issues.push({
        sheet,
        address,
        row,
        column: header,
        agreementId: a.id,
        repairable: true,
        message: `${sheet}!${address} (agreement "${a.name || a.id}", ${header}) shows ${shows} but its formula gives ${gives} for the scores in this row: the formula was typed over or changed (or Excel has not recalculated: Formulas › Calculate Now). The pane uses ${gives}; "Repair formulas" on the Results tab writes the formula back.`,
      });
    };
    if (shown.coverage !== want.coverage)
      report("coverage", describe(shown.coverage, null), `${want.coverage}/${config.criteria.length}`);
    if (!sameScore(shown, want)) report("score", describe(shown.score, shown.scoreText), describeScore(want));
    if (shown.rank !== want.rank || (want.rank === null && shown.rankText !== want.rankText))
      report("rank", describe(shown.rank, shown.rankText), describe(want.rank, ""));
    return want;
  });
  return { computed, issues };
}

/** The row results the formulas give, or null when the weights cannot be normalized. */
function expectedResults(input: VerifyInput): ComputedRow[] | null {
  const { config, agreements, rows } = input;
  const badRows = new Set(
    input.issues
      .filter((i) => i.criterionId !== undefined && i.sheet === input.meta.sheets.scorecard)
      .map((i) => i.row),
  );
  let results;
  try {
    results = scoreAgreements({
      criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
      scale: config.scale,
      // Keyed by row: a blank or repeated ID (an issue of its own) must not stop the check.
      agreements: agreements.map((a, i) => ({ id: `row ${rows[i]}`, scores: a.scores })),
      missing: config.missingPolicy,
    });
  } catch (error) {
    if (error instanceof ScoringError) return null;
    throw error;
  }
  // A row with a cell that is neither blank nor a score on the scale shows INVALID_MARK and is not ranked.
  const scores = results.map((r, i) => (badRows.has(rows[i]) ? null : r.score));
  const ranks = rankDescending(scores);
  return results.map((r, i) => ({
    coverage: config.criteria.filter((c) => agreements[i].scores[c.id] !== null).length,
    score: scores[i],
    rank: ranks[i],
    scoreText: badRows.has(rows[i]) ? INVALID_MARK : scores[i] === null ? "" : null,
    rankText: ranks[i] === null ? "" : null,
  }));
}

function sameScore(shown: ComputedRow, want: ComputedRow): boolean {
  if (want.score === null) return shown.score === null && shown.scoreText === want.scoreText;
  return shown.score !== null && Math.abs(shown.score - want.score) <= TOLERANCE * Math.max(1, want.score);
}

function describe(value: number | null, text: string | null): string {
  if (value !== null) return String(value);
  return text === null || text === "" ? "nothing" : `"${text}"`;
}

function describeScore(row: ComputedRow): string {
  return row.score !== null ? row.score.toFixed(2) : describe(null, row.scoreText);
}
