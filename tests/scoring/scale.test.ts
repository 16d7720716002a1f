import { DEFAULT_SCALE, normalizeScore, validateScale, validateScore } from "../../src/scoring/scale";
import { thrownScoringError } from "./scoringErrorOf";

const NATO = { agreementId: "A1", agreementName: "NATO", criterionId: "threat_response" };

describe("DEFAULT_SCALE", () => {
  it("is 1–5 and cannot be changed by accident", () => {
    expect(DEFAULT_SCALE).toEqual({ min: 1, max: 5 });
    expect(Object.isFrozen(DEFAULT_SCALE)).toBe(true);
  });
});

describe("validateScale", () => {
  it("returns a valid scale, including decimals and negative bounds", () => {
    const scale = { min: 0, max: 10 };
    expect(validateScale(scale)).toBe(scale);
    expect(validateScale({ min: -1.5, max: 2.5 })).toEqual({ min: -1.5, max: 2.5 });
  });

  it.each([
    [{ min: 5, max: 1 }, "minimum must be below the maximum"],
    [{ min: 3, max: 3 }, "minimum must be below the maximum"],
    [{ min: NaN, max: 5 }, "finite numbers"],
    [{ min: 1, max: Infinity }, "finite numbers"],
    [{ min: -Infinity, max: 5 }, "finite numbers"],
    [{ min: "1" as unknown as number, max: 5 }, "finite numbers"],
  ])("rejects %p as InvalidScale", (scale, reason) => {
    const error = thrownScoringError(() => validateScale(scale));
    expect(error.code).toBe("InvalidScale");
    expect(error.message).toContain(reason);
    expect(error.message).toMatch(/enter/);
  });
});

describe("normalizeScore", () => {
  it("maps the default scale linearly onto 0–1", () => {
    expect(normalizeScore(1, DEFAULT_SCALE)).toBe(0);
    expect(normalizeScore(5, DEFAULT_SCALE)).toBe(1);
    expect(normalizeScore(3, DEFAULT_SCALE)).toBe(0.5);
    expect(normalizeScore(2.5, DEFAULT_SCALE)).toBe(0.375);
  });

  it("maps a configured scale", () => {
    expect(normalizeScore(7, { min: 0, max: 10 })).toBeCloseTo(0.7, 15);
    expect(normalizeScore(-1, { min: -2, max: 2 })).toBe(0.25);
  });

  it("refuses a zero-width scale instead of dividing by zero", () => {
    expect(thrownScoringError(() => normalizeScore(3, { min: 3, max: 3 })).code).toBe("InvalidScale");
  });
});

describe("validateScore", () => {
  it("returns scores within the scale, decimals and bounds included", () => {
    expect(validateScore(1, DEFAULT_SCALE, NATO)).toBe(1);
    expect(validateScore(5, DEFAULT_SCALE, NATO)).toBe(5);
    expect(validateScore(3.7, DEFAULT_SCALE, NATO)).toBe(3.7);
    expect(validateScore(0, { min: 0, max: 10 }, NATO)).toBe(0);
  });

  it("reports a score outside the scale with the agreement, the criterion and the fix", () => {
    const error = thrownScoringError(() => validateScore(7, DEFAULT_SCALE, NATO));
    expect(error.code).toBe("ScoreOutOfScale");
    expect(error.place).toEqual({ agreementId: "A1", criterionId: "threat_response" });
    expect(error.message).toBe(
      'Agreement "NATO" (id A1), criterion "threat_response": score 7 is outside the scale 1–5; enter a value from 1 to 5.',
    );
  });

  it.each([0.999, 5.001, -3])("rejects %p just outside or far outside 1–5", (value) => {
    expect(thrownScoringError(() => validateScore(value, DEFAULT_SCALE, NATO)).code).toBe("ScoreOutOfScale");
  });

  it.each([
    ["text", "high", '"high" is not a number'],
    ["numeric text", "3", '"3" is not a number'],
    ["NaN", NaN, "not a number (NaN)"],
    ["+Infinity", Infinity, "infinite (Infinity)"],
    ["-Infinity", -Infinity, "infinite (-Infinity)"],
    ["a boolean", true, "a boolean value is not a number"],
    ["null", null, "an empty value (null) is not a number"],
    ["undefined", undefined, "an empty value (undefined) is not a number"],
  ])("rejects %s as InvalidScore naming agreement and criterion", (_, value, reason) => {
    const error = thrownScoringError(() => validateScore(value, DEFAULT_SCALE, NATO));
    expect(error.code).toBe("InvalidScore");
    expect(error.place).toEqual({ agreementId: "A1", criterionId: "threat_response" });
    expect(error.message).toContain('Agreement "NATO" (id A1), criterion "threat_response"');
    expect(error.message).toContain(reason);
    expect(error.message).toContain("enter a value from 1 to 5.");
  });

  it("names the criterion by name and id, and the agreement by id alone when it has no name", () => {
    const error = thrownScoringError(() =>
      validateScore(
        11,
        { min: 0, max: 10 },
        { agreementId: "A7", criterionId: "c1", criterionName: "Cyber" },
      ),
    );
    expect(error.message).toBe(
      'Agreement id A7, criterion "Cyber" (id c1): score 11 is outside the scale 0–10; enter a value from 0 to 10.',
    );
  });

  it("checks the scale before the score", () => {
    expect(thrownScoringError(() => validateScore(3, { min: 5, max: 1 }, NATO)).code).toBe("InvalidScale");
  });
});
