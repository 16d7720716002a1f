/** The line under a criterion in team scoring: the consensus, how many reviewers, and the others' scores. */
import { sameReviewer, type ScorecardData } from "../../workbook";

export function teamSummary(
  data: ScorecardData,
  agreementId: string,
  criterionId: string,
  reviewer: string,
): { summary: string; discuss: boolean } {
  const cell = data.consensus.find((c) => c.agreementId === agreementId && c.criterionId === criterionId);
  if (!cell || cell.value === null) return { summary: "Team: no score yet.", discuss: false };
  const others = cell.reviews
    .filter((r) => r.score !== null && !sameReviewer(r.reviewer, reviewer))
    .map((r) => `${r.reviewer} ${r.score}`);
  const method = data.location.meta.consensusMethod;
  const value = Math.round(cell.value * 100) / 100;
  const parts = [`Team ${method} ${value} from ${cell.n} ${cell.n === 1 ? "reviewer" : "reviewers"}`];
  if (others.length > 0) parts.push(`others: ${others.join(", ")}`);
  if (cell.discuss) parts.push("to discuss");
  return { summary: `${parts.join(" · ")}.`, discuss: cell.discuss };
}
