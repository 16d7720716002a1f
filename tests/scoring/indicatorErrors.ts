/** Shared by the indicator tests: the ScoringError a call throws, with the indicator's place. */
import { ScoringError } from "../../src/scoring/errors";
import type { IndicatorErrorPlace } from "../../src/scoring/indicatorTree";

export function indicatorErrorOf(compute: () => unknown): ScoringError & { place: IndicatorErrorPlace } {
  try {
    compute();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringError);
    return error as ScoringError & { place: IndicatorErrorPlace };
  }
  throw new Error("expected a ScoringError");
}
