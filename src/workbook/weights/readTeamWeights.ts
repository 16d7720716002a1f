/**
 * The read's part for team weights (issue 15): the Reviewer weights table parsed, the team weights
 * the model computes from it when they are on, and the Weights table's Weight column checked
 * against them, so a typed-over or stale weight becomes an issue rather than a number trusted.
 */
import { columnIndex } from "../contract/addresses";
import { WorkbookError } from "../errors";
import type { ScorecardMeta } from "../contract/meta";
import type { CellIssue, ReviewerWeights, TeamWeightsView } from "../model";
import type { TableRows } from "../team/reviewWindows";
import { parseReviewerWeights } from "./reviewerWeightRows";
import { teamWeightsView } from "./teamWeights";

/** Normalized weights agree when within this (they are computed in double precision both ways). */
const TOLERANCE = 1e-9;

export function readTeamWeights(
  meta: ScorecardMeta,
  table: TableRows | null,
  criteria: readonly { id: string; name: string; weight: number }[],
  weightCells: Record<string, string>,
  /** The Weights table's body with its formulas loaded (team weights on), to check they are still there. */
  weightsBody: { formulas: unknown[][]; rowIndex: number; columnIndex: number } | null,
): { reviewerWeights: ReviewerWeights[]; team: TeamWeightsView | null; issues: CellIssue[] } {
  const place = meta.reviewerWeights;
  if (place === null || table === null) return { reviewerWeights: [], team: null, issues: [] };
  const parsed = parseReviewerWeights(place, table, criteria);
  const issues = [...parsed.issues];
  const setting = meta.mode === "team" ? meta.teamWeights : null;
  if (setting === null) return { reviewerWeights: parsed.reviewers, team: null, issues };
  const sheet = meta.sheets.weights;
  let team: TeamWeightsView | null = null;
  try {
    team = teamWeightsView(criteria, parsed.reviewers, setting, place.sheet);
  } catch (error) {
    if (!(error instanceof WorkbookError)) throw error;
    issues.push(
      issueAt(sheet, weightCells[criteria[0].id], `${error.message} The Weight column keeps what it shows.`),
    );
    return { reviewerWeights: parsed.reviewers, team, issues };
  }
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  const off = criteria.filter(
    (c, k) => !(total > 0) || Math.abs(c.weight / total - team!.team[k]) > TOLERANCE,
  );
  // A live column that now holds values (typed over, or rows moved by a criteria reorder, which
  // writes values) no longer follows the reviewers, even where its values still agree.
  const formulaOf = (address: string) => {
    const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(address) ?? [];
    return weightsBody?.formulas[Number(row) - 1 - weightsBody.rowIndex]?.[
      columnIndex(letters) - weightsBody.columnIndex
    ];
  };
  const values = team.live
    ? criteria.filter((c) => !String(formulaOf(weightCells[c.id]) ?? "").startsWith("="))
    : [];
  if (values.length > 0 && off.length === 0)
    issues.push(
      issueAt(
        sheet,
        weightCells[values[0].id],
        `The team weights of ${values.map((c) => c.name).join(", ")} on sheet "${sheet}" are plain values where they should be formulas over the reviewers' weights (typed over, or the criteria were reordered), so they no longer follow the reviewers. "Repair formulas" on the Results tab writes the formulas and the team block again.`,
        true,
      ),
    );
  if (off.length > 0)
    issues.push(
      issueAt(
        sheet,
        weightCells[off[0].id],
        `The team weights on sheet "${sheet}" (${off.map((c) => c.name).join(", ")}) are not what the reviewers' weights on sheet "${place.sheet}" give (${setting.method}): ${team.live ? "a team formula was typed over, or reviewers' rows were added by hand" : "the values were written before the reviewers' rows were changed by hand"}. "Repair formulas" on the Results tab writes them again.`,
        true,
      ),
    );
  return { reviewerWeights: parsed.reviewers, team, issues };
}

function issueAt(sheet: string, address: string, message: string, repairable?: true): CellIssue {
  const row = Number(/\d+$/.exec(address)?.[0] ?? 0);
  return {
    sheet,
    address,
    row,
    column: "Weight",
    agreementId: "",
    ...(repairable ? { repairable } : {}),
    message: `${sheet}!${address}: ${message}`,
  };
}
