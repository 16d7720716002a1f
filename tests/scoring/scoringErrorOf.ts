/** How a scoring test catches the ScoringError that a bad input must raise. */
import { ScoringError } from "../../src/scoring/errors";

/** The ScoringError an action throws, after checking its code; fails the test when it throws none. */
export function scoringErrorOf(action: () => unknown, code: string): ScoringError {
  const error = thrownScoringError(action);
  expect(error.code).toBe(code);
  return error;
}

/**
 * The ScoringError an action throws, for tests that go on to check its code, place or message;
 * any other error is rethrown as it is, so that a wrong kind of failure shows itself.
 */
export function thrownScoringError(action: () => unknown): ScoringError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScoringError) return error;
    throw error;
  }
  throw new Error("expected a ScoringError, but nothing was thrown");
}
