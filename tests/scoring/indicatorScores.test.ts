import type { IndicatorTree } from "../../src/scoring/indicatorTree";
import {
  criterionScoreFromIndicators,
  deriveCriterionScores,
  scoreHierarchical,
  type HierarchicalScoreInput,
} from "../../src/scoring/indicatorScores";
import { contributions } from "../../src/scoring/score";
import type { MissingPolicy } from "../../src/scoring/types";

import { indicatorErrorOf } from "./indicatorErrors";

const SCALE = { min: 1, max: 5 };

/**
 * The user guide's worked example ("Indicators under a criterion (method)"): Operational efficiency
 * (weight 60) is scored through three indicators with local weights 5 : 3 : 2; Threat response
 * (weight 40) directly. Agreement "Pact" has Joint exercises 4, Shared logistics missing, Command 2
 * and Threat response 5; "Full" has every score.
 */
const TREE: IndicatorTree = {
  operational_efficiency: [
    { id: "joint_exercises", name: "Joint exercises and interoperability", localWeight: 5 },
    { id: "shared_logistics", name: "Shared logistics and resources", localWeight: 3 },
    { id: "command_liaison", name: "Command and liaison arrangements", localWeight: 2 },
  ],
};

function guideExample(missing: MissingPolicy): HierarchicalScoreInput {
  return {
    criteria: [
      { id: "operational_efficiency", weight: 60 },
      { id: "threat_response", weight: 40 },
    ],
    indicators: TREE,
    scale: SCALE,
    missing,
    agreements: [
      {
        id: "Pact",
        scores: { joint_exercises: 4, shared_logistics: null, command_liaison: 2, threat_response: 5 },
      },
      {
        id: "Full",
        scores: { joint_exercises: 4, shared_logistics: 3, command_liaison: 2, threat_response: 5 },
      },
    ],
  };
}

describe("criterionScoreFromIndicators", () => {
  const weights = [0.5, 0.3, 0.2];

  it("is the weighted mean when every indicator is scored, whatever the policy", () => {
    for (const policy of ["exclude", "renormalize", "zero"] as const) {
      expect(criterionScoreFromIndicators([4, 3, 2], weights, SCALE, policy)).toBeCloseTo(3.3, 12);
    }
  });

  it("follows the missing-score policy at indicator level", () => {
    expect(criterionScoreFromIndicators([4, null, 2], weights, SCALE, "exclude")).toBeNull();
    expect(criterionScoreFromIndicators([4, null, 2], weights, SCALE, "renormalize")).toBeCloseTo(
      2.4 / 0.7,
      12,
    );
    expect(criterionScoreFromIndicators([4, null, 2], weights, SCALE, "zero")).toBeCloseTo(2.7, 12);
  });

  it("gives no score when no indicator is scored, or only indicators of weight 0 (renormalize)", () => {
    for (const policy of ["exclude", "renormalize", "zero"] as const) {
      expect(criterionScoreFromIndicators([null, null], [0.5, 0.5], SCALE, policy)).toBeNull();
    }
    expect(criterionScoreFromIndicators([5, null], [0, 1], SCALE, "renormalize")).toBeNull();
    expect(criterionScoreFromIndicators([5, null], [0, 1], SCALE, "zero")).toBe(1);
  });

  it("gives back a single indicator's score exactly and stays on the scale", () => {
    expect(criterionScoreFromIndicators([0.1 + 0.2], [1], { min: 0, max: 1 }, "exclude")).toBe(0.1 + 0.2);
    const third = 1 / 3;
    expect(
      criterionScoreFromIndicators([5, 5, 5], [third, third, third], SCALE, "exclude"),
    ).toBeLessThanOrEqual(5);
  });
});

describe("scoreHierarchical: the user guide's worked example, one per policy", () => {
  it("exclude: a missing indicator leaves its criterion, and so the agreement, without a score", () => {
    const [pact, full] = scoreHierarchical(guideExample("exclude"));
    expect(pact).toMatchObject({ score: null, rank: null, coverage: 0.5, partial: false });
    expect(pact.missingCriteria).toEqual(["operational_efficiency"]);
    expect(pact.missingIndicators).toEqual([
      { criterionId: "operational_efficiency", indicatorId: "shared_logistics" },
    ]);
    expect(pact.criterionScores).toEqual({ operational_efficiency: null, threat_response: 5 });
    // Full: OE = 0.5·4 + 0.3·3 + 0.2·2 = 3.3 → 100·(0.6·(3.3 − 1)/4 + 0.4·1) = 74.5.
    expect(full.criterionScores.operational_efficiency).toBeCloseTo(3.3, 12);
    expect(full).toMatchObject({ score: 74.5, rank: 1, coverage: 1, partial: false, missingIndicators: [] });
  });

  it("renormalize: the criterion is the mean over its scored indicators, flagged partial", () => {
    const [pact, full] = scoreHierarchical(guideExample("renormalize"));
    // OE = (0.5·4 + 0.2·2) / 0.7 = 3.428… → 100·(0.6·(3.428… − 1)/4 + 0.4) = 76.43
    expect(pact.criterionScores.operational_efficiency).toBeCloseTo(24 / 7, 12);
    expect(pact.score).toBeCloseTo(76.4285714286, 10);
    expect(pact).toMatchObject({ rank: 1, coverage: 1, partial: true, missingCriteria: [] });
    expect(full).toMatchObject({ score: 74.5, rank: 2, partial: false });
  });

  it("zero: the missing indicator counts as the scale minimum, flagged partial", () => {
    const [pact] = scoreHierarchical(guideExample("zero"));
    // OE = 0.5·4 + 0.3·1 + 0.2·2 = 2.7 → 100·(0.6·(2.7 − 1)/4 + 0.4) = 65.5
    expect(pact.criterionScores.operational_efficiency).toBeCloseTo(2.7, 12);
    expect(pact).toMatchObject({ score: 65.5, rank: 2, coverage: 1, partial: true });
  });

  it("reports a criterion whose indicators are all missing as a missing criterion, under every policy", () => {
    for (const missing of ["exclude", "renormalize", "zero"] as const) {
      const input = guideExample(missing);
      input.agreements = [{ id: "Empty", scores: { threat_response: 5 } }];
      const [empty] = scoreHierarchical(input);
      expect(empty.missingCriteria).toEqual(["operational_efficiency"]);
      expect(empty.missingIndicators.map((m) => m.indicatorId)).toEqual([
        "joint_exercises",
        "shared_logistics",
        "command_liaison",
      ]);
      expect(empty.score).toBe({ exclude: null, renormalize: 100, zero: 40 }[missing]);
    }
  });
});

describe("deriveCriterionScores", () => {
  it("gives the flat model's input, so contributions work on a two-level scorecard", () => {
    const input = guideExample("exclude");
    const derived = deriveCriterionScores(input);
    expect(derived[1]).toEqual({
      id: "Full",
      scores: { threat_response: 5, operational_efficiency: expect.closeTo(3.3, 12) },
      missingIndicators: [],
    });
    const [, full] = contributions({ ...input, agreements: derived });
    expect(full.points[0]).toBeCloseTo(34.5, 10);
    expect(full.points[1]).toBeCloseTo(40, 10);
  });
});

describe("scoreHierarchical: bad input", () => {
  const withScores = (scores: Record<string, unknown>) => {
    const input = guideExample("exclude");
    input.agreements = [{ id: "Pact", scores: scores as Record<string, number | null> }];
    return input;
  };

  it.each([
    [7, "ScoreOutOfScale", /score 7 is outside the scale 1–5; enter a value from 1 to 5/],
    [Number.NaN, "InvalidScore", /the score is not a number \(NaN\)/],
    ["4", "InvalidScore", /"4" is not a number/],
    [Infinity, "InvalidScore", /the score is infinite/],
  ])("refuses the indicator score %p, naming agreement, criterion and indicator", (value, code, message) => {
    const error = indicatorErrorOf(() => scoreHierarchical(withScores({ shared_logistics: value })));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(
      /^Agreement id Pact, criterion "operational_efficiency", indicator "shared_logistics": /,
    );
    expect(error.message).toMatch(message);
    expect(error.place).toEqual({
      agreementId: "Pact",
      criterionId: "operational_efficiency",
      indicatorId: "shared_logistics",
    });
  });

  it("still checks the scores of criteria scored directly, as the flat model does", () => {
    const error = indicatorErrorOf(() => scoreHierarchical(withScores({ threat_response: 0 })));
    expect(error.code).toBe("ScoreOutOfScale");
    expect(error.place).toEqual({ agreementId: "Pact", criterionId: "threat_response" });
  });

  it("refuses a score entered for a criterion that is scored through its indicators", () => {
    const error = indicatorErrorOf(() => scoreHierarchical(withScores({ operational_efficiency: 3 })));
    expect(error.message).toMatch(
      /criterion "operational_efficiency", which is scored through its indicators \("joint_exercises", "shared_logistics", "command_liaison"\); enter the scores under the indicators/,
    );
  });

  it("refuses a score for an id that is neither a criterion nor an indicator", () => {
    const error = indicatorErrorOf(() => scoreHierarchical(withScores({ joint_exercise: 3 })));
    expect(error.code).toBe("UnknownCriterion");
    expect(error.message).toMatch(/"joint_exercise", which is neither a criterion nor an indicator/);
  });

  it("refuses an indicator id that another criterion or indicator has, and an indicator without id", () => {
    const input = guideExample("exclude");
    input.indicators = { operational_efficiency: [{ id: "threat_response", name: "T", localWeight: 1 }] };
    const clash = indicatorErrorOf(() => scoreHierarchical(input));
    expect(clash.code).toBe("DuplicateId");
    expect(clash.message).toMatch(
      /^Criterion "threat_response" has the id "threat_response", which criterion "operational_efficiency", indicator 1 \("threat_response"\) already has/,
    );
    input.indicators = { operational_efficiency: [{ name: "T", localWeight: 1 } as never] };
    expect(indicatorErrorOf(() => scoreHierarchical(input)).message).toMatch(/indicator 1 has no id/);
  });

  it("leaves the flat model's checks and messages to it (policy, scale, agreements)", () => {
    const input = guideExample("exclude");
    expect(
      indicatorErrorOf(() => scoreHierarchical({ ...input, missing: "ignore" as MissingPolicy })).message,
    ).toMatch(/Missing-score policy "ignore" is unknown/);
    expect(indicatorErrorOf(() => scoreHierarchical({ ...input, scale: { min: 5, max: 1 } })).code).toBe(
      "InvalidScale",
    );
    const noScores = { ...input, agreements: [{ id: "Pact", scores: null as never }] };
    expect(indicatorErrorOf(() => scoreHierarchical(noScores)).message).toMatch(
      /Agreement id Pact has no scores object/,
    );
  });
});
