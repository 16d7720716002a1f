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

  it("stops with the model's error on weights it refuses, whichever agreements the run covers", () => {
    const zero = { ...current, weights: [0, 0] };
    expect(() => withOneAtATime(runOn(["A", "B", "C"]), zero)).toThrow(ScoringError);
    expect(() => withOneAtATime(runOn(["C"]), zero)).toThrow(ScoringError);
  });
});
