/** Weights as the Weights feature handles them: normalized shares, written back on a 0–100 footing. */
import { normalizeWeights } from "../../scoring/weights";
import { WEIGHT_TOTAL } from "../state/defaults";
import type { ScorecardData } from "../../workbook";

/** The workbook's raw weights, normalized to sum 1 (all equal when they cannot be normalized). */
export function currentShares(data: ScorecardData): number[] {
  const raw = data.config.criteria.map((c) => c.weight);
  try {
    return normalizeWeights(raw);
  } catch {
    return raw.map(() => 1 / raw.length);
  }
}

/** Shares (sum 1) as raw weights on a 0–100 footing, keyed by item id (criterion or indicator). */
export function rawWeights(
  items: readonly { id: string }[],
  shares: readonly number[],
): Record<string, number> {
  return Object.fromEntries(items.map((item, k) => [item.id, shares[k] * WEIGHT_TOTAL]));
}

/** A key that changes whenever the workbook's weights do. */
export function weightsKey(data: ScorecardData): string {
  return data.config.criteria.map((c) => `${c.id}=${c.weight}`).join("|");
}

/** Competition ranks of the weights, largest first, ties sharing the best rank (1, 2, 2, 4). */
export function ranksOf(shares: readonly number[]): number[] {
  return shares.map((w) => 1 + shares.filter((other) => other > w + 1e-12).length);
}
