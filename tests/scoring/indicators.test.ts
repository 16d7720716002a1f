/** The indicator model is reached through src/scoring/index.ts, like the rest of the scoring model. */
import * as scoring from "../../src/scoring";

describe("src/scoring public surface: indicators", () => {
  it("exports the two-level model's functions, error class and suggested indicators", () => {
    const [result] = scoring.scoreHierarchical({
      criteria: [{ id: "operational_efficiency", weight: 1 }],
      indicators: { operational_efficiency: scoring.DEFAULT_INDICATORS.operational_efficiency },
      scale: scoring.DEFAULT_SCALE,
      agreements: [{ id: "A", scores: { joint_exercises: 5, shared_logistics: 5, command_liaison: 1 } }],
    });
    expect(result.score).toBeCloseTo(200 / 3, 8);
    expect(new scoring.IndicatorError("InvalidArgument", "m", { indicatorId: "x" })).toBeInstanceOf(
      scoring.ScoringError,
    );
    expect(typeof scoring.validateIndicators).toBe("function");
    expect(scoring.globalWeights([{ id: "a", weight: 1 }], {}).leaves).toEqual([
      { criterionId: "a", indicatorId: null, weight: 1 },
    ]);
    expect(
      scoring.localWeights({ criterionId: "a", indicators: [{ id: "b", name: "B", localWeight: 2 }] })
        .weights,
    ).toEqual([1]);
  });
});
