/** The ScoringError an action throws, after checking its code; fails the test when it throws none. */
import { ScoringError } from "../../src/scoring/errors";

export function scoringErrorOf(action: () => unknown, code: string): ScoringError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).code).toBe(code);
    return error as ScoringError;
  }
  throw new Error("expected a ScoringError");
}
