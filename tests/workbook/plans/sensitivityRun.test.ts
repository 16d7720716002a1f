import { ScoringError } from "../../../src/scoring/errors";
import { oneAtATime } from "../../../src/scoring/sensitivity";
import { smaa } from "../../../src/scoring/smaa";
import { withOneAtATime } from "../../../src/workbook/plans/sensitivityRun";

const current = {
  ids: ["A", "B", "C"],
  weights: [2, 1],
  scores: [
    [1, 0],
    [0.5, 0.5],
    [0, 1],
  ],
};

function runOn(ids: string[]) {
  return {
    agreementIds: ids,
    smaa: smaa({ scores: current.scores, samples: 200, seed: 7 }),
    sampling: "uniform on the simplex",
  };
}

describe("planning a sensitivity run's write", () => {
  it("adds the one-at-a-time intervals at the current weights when the run covers the same agreements", () => {
    const planned = withOneAtATime(runOn(["A", "B", "C"]), current);
    expect(planned.oneAtATime).toEqual(oneAtATime({ weights: current.weights, scores: current.scores }));
    expect(planned.agreementIds).toEqual(["A", "B", "C"]);
    expect(planned.sampling).toBe("uniform on the simplex");
  });

  it("leaves them out when the agreements changed since the run, or there is nothing to analyse", () => {
    expect(withOneAtATime(runOn(["A", "C", "B"]), current).oneAtATime).toBeUndefined();
    expect(withOneAtATime(runOn(["A", "B"]), current).oneAtATime).toBeUndefined();
    expect(withOneAtATime(runOn([]), { ids: [], weights: [2, 1], scores: [] }).oneAtATime).toBeUndefined();
  });

  it("adds the intervals per leaf to a run with an indicator level, each level checked on its own agreements", () => {
    const leaves = {
      ids: ["A", "B", "C"],
      weights: [0.5, 0.25, 0.25],
      scores: [
        [1, 0, 0],
        [0.5, 0.5, 0.5],
        [0, 1, 1],
      ],
    };
    const run = { ...runOn(["A", "B", "C"]), leaves: { names: ["x / a", "x / b", "y"], centralWeights: [] } };
    const planned = withOneAtATime(run, current, leaves);
    expect(planned.oneAtATime).toEqual(oneAtATime({ weights: current.weights, scores: current.scores }));
    expect(planned.leaves!.oneAtATime).toEqual(
      oneAtATime({ weights: leaves.weights, scores: leaves.scores }),
    );
    expect(planned.leaves!.names).toEqual(["x / a", "x / b", "y"]);
    // The per-criterion agreements differ from the run's: only the leaves' intervals go with it.
    const other = withOneAtATime(run, { ...current, ids: ["A", "C", "B"] }, leaves);
    expect(other.oneAtATime).toBeUndefined();
    expect(other.leaves!.oneAtATime).toBeDefined();
    // A flat run takes no leaves, whatever is passed.
    expect(withOneAtATime(runOn(["A", "B", "C"]), current, leaves).leaves).toBeUndefined();
  });

  it("stops with the model's error on weights it refuses, whichever agreements the run covers", () => {
    const zero = { ...current, weights: [0, 0] };
    expect(() => withOneAtATime(runOn(["A", "B", "C"]), zero)).toThrow(ScoringError);
    expect(() => withOneAtATime(runOn(["C"]), zero)).toThrow(ScoringError);
  });
});
