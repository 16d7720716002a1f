/**
 * The team weights as the model computes them from the reviewers' own weights (pure; issue 15):
 * which reviewers count, the aggregate (AIJ, mean or median), the consensus with its word, λmax/CI/CR
 * for AIJ, and each reviewer's distance from the team. The read compares the workbook's Weight
 * column with it; the writes put it on the Weights sheet (teamBlock.ts).
 */
import { groupAhp, groupWeights, reviewerDisagreement } from "../../scoring/groupWeights";
import { ahpPanelConsensus, consensusWord, weightsConsensus } from "../../scoring/groupConsensus";
import { importanceShares, normalizedPanel } from "../../scoring/panel";
import { ScoringError } from "../../scoring/errors";
import { WorkbookError } from "../errors";
import type { TeamWeightsSetting } from "../contract/meta";
import type { ReviewerWeights, TeamWeightsView } from "../model";
import { reviewerKey } from "./reviewerWeightRows";

/** Importance as the setting gives it: 1 for a reviewer it does not name. */
export const importanceOf = (setting: TeamWeightsSetting, reviewer: string) =>
  setting.importance[reviewerKey(reviewer)] ?? 1;

/** The reviewers the team formulas count: those with a weight above 0. */
export function countedReviewers(reviewers: readonly ReviewerWeights[], ids: readonly string[]) {
  return reviewers.filter((r) => ids.some((id) => r.weights[id] > 0));
}

export function aijRefusal(counted: readonly ReviewerWeights[]): string | null {
  if (counted.length === 0) return "No reviewer has set weights of their own yet.";
  const others = counted.filter((r) => r.matrix === null).map((r) => r.reviewer);
  if (others.length === 0) return null;
  return `AIJ aggregates pairwise judgments, and ${others.join(", ")} set their weights another way (or their judgments cannot be read); use the mean or the median, or compare the criteria in pairs.`;
}

/** The view for `setting`; throws a WorkbookError naming the sheet when it cannot be computed. */
export function teamWeightsView(
  criteria: readonly { id: string; name: string }[],
  all: readonly ReviewerWeights[],
  setting: TeamWeightsSetting,
  sheet: string,
): TeamWeightsView {
  const ids = criteria.map((c) => c.id);
  const reviewers = countedReviewers(all, ids);
  const refusal = aijRefusal(reviewers);
  if (reviewers.length === 0)
    throw new WorkbookError(
      "InvalidInput",
      `No reviewer has weights of their own on sheet "${sheet}" yet, so there are no team weights to compute. Each reviewer sets "My weights" on the Weights tab first.`,
      { sheet },
    );
  if (setting.method === "aij" && refusal !== null)
    throw new WorkbookError("InvalidInput", `The team weights cannot use AIJ: ${refusal}`, { sheet });
  const importance = reviewers.map((r) => importanceOf(setting, r.reviewer));
  const raw = reviewers.map((r) => ids.map((id) => r.weights[id]));
  try {
    const shares = importanceShares(importance, reviewers.length);
    const vectors = normalizedPanel(raw, ids);
    const pairwise = reviewers.every((r) => r.matrix !== null);
    let team: number[];
    let ahp: TeamWeightsView["ahp"] = null;
    let consensus: number;
    if (setting.method === "aij") {
      const group = groupAhp(
        reviewers.map((r) => r.matrix!),
        { importance },
      );
      team = group.weights;
      ahp = { lambdaMax: group.lambdaMax, ci: group.ci, cr: group.cr };
      consensus = group.consensus;
    } else {
      team = groupWeights(raw, { method: setting.method, importance, criterionIds: ids });
      consensus = pairwise
        ? ahpPanelConsensus(vectors, shares)
        : weightsConsensus(raw, { importance, criterionIds: ids });
    }
    return {
      method: setting.method,
      reviewers,
      importance,
      shares: vectors,
      team,
      consensus,
      word: consensusWord(consensus),
      consensusForm: pairwise ? "ahp" : "general",
      ahp,
      disagreement: reviewerDisagreement(vectors, team, ids),
      aijRefusal: refusal,
      live:
        setting.method === "mean" ||
        (setting.method === "median" && importance.every((x) => x === importance[0] && x > 0)),
    };
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    const who = error.place.index !== undefined ? reviewers[error.place.index]?.reviewer : undefined;
    throw new WorkbookError(
      "InvalidInput",
      `The team weights cannot be computed${who ? ` (${who})` : ""}: ${error.message}`,
      { sheet },
    );
  }
}
