/**
 * An agreement's scores as the two-level model takes them (scoring/indicatorScores.ts): by leaf
 * id, the criterion's own score where it is scored directly and each indicator's where it has
 * indicators. A criterion's cell over its indicators only shows what they give, so it is left out
 * (the model refuses a score for a criterion scored through indicators).
 */
import type { AgreementRecord } from "../model";
import type { ScorecardConfig } from "../contract/layout";

export function leafScores(
  config: Pick<ScorecardConfig, "criteria">,
  agreement: Pick<AgreementRecord, "scores" | "indicatorScores">,
): Record<string, number | null> {
  const scores: Record<string, number | null> = {};
  for (const c of config.criteria) {
    const indicators = c.indicators ?? [];
    if (indicators.length === 0) scores[c.id] = agreement.scores[c.id] ?? null;
    for (const i of indicators) scores[i.id] = agreement.indicatorScores?.[i.id] ?? null;
  }
  return scores;
}
