import { DEFAULT_CRITERIA } from "../../src/scoring/criteria";
import { DEFAULT_INDICATORS } from "../../src/scoring/defaultIndicators";
import { validateIndicators, type Indicator } from "../../src/scoring/indicatorTree";
import { localWeights } from "../../src/scoring/indicatorWeights";

describe("DEFAULT_INDICATORS", () => {
  it("suggests indicators for exactly the four default criteria and passes validation with them", () => {
    expect(Object.keys(DEFAULT_INDICATORS).sort()).toEqual(DEFAULT_CRITERIA.map((c) => c.id).sort());
    expect(() => validateIndicators(DEFAULT_CRITERIA, DEFAULT_INDICATORS)).not.toThrow();
  });

  it("follows DOMAIN.md's proposed mapping of agreement parts to criteria", () => {
    const names = Object.fromEntries(
      Object.entries(DEFAULT_INDICATORS).map(([criterionId, list]) => [criterionId, list.map((i) => i.name)]),
    );
    expect(names).toEqual({
      operational_efficiency: [
        "Joint exercises and interoperability",
        "Shared logistics and resources",
        "Command and liaison arrangements",
      ],
      strategic_alignment: [
        "Alignment with national security objectives",
        "Clarity of mutual defense obligations",
        "Legal and sovereignty compatibility",
      ],
      capability_enhancement: [
        "Technology transfer and joint R&D",
        "Training and personnel exchange",
        "Capability gaps closed",
      ],
      threat_response: [
        "Intelligence and information sharing",
        "Coordinated response mechanisms",
        "Coverage of emerging threats (cyber, space)",
      ],
    });
  });

  it("gives each indicator a definition, five distinct anchors on 1–5 labelled like the criteria's, and equal local weights", () => {
    const criterionLabels = DEFAULT_CRITERIA[0].anchors.map((a) => [a.value, a.label]);
    for (const [criterionId, list] of Object.entries(DEFAULT_INDICATORS)) {
      list.forEach((indicator: Indicator) => {
        expect(indicator.definition?.length).toBeGreaterThan(40);
        expect(indicator.anchors?.map((a) => [a.value, a.label])).toEqual(criterionLabels);
        const descriptions = indicator.anchors!.map((a) => a.description);
        expect(new Set(descriptions).size).toBe(5);
        descriptions.forEach((d) => expect(d).toMatch(/^[A-Z].{20,}\.$/));
      });
      localWeights({ criterionId, indicators: list }).weights.forEach((w) =>
        expect(w).toBeCloseTo(1 / 3, 15),
      );
    }
  });

  it("is deep-frozen, so that a user's edit cannot change the suggestions", () => {
    const first = DEFAULT_INDICATORS.operational_efficiency[0];
    expect(Object.isFrozen(DEFAULT_INDICATORS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_INDICATORS.operational_efficiency)).toBe(true);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.anchors![0])).toBe(true);
    expect(() => {
      (first as { localWeight: number }).localWeight = 5;
    }).toThrow(TypeError);
    const copy = structuredClone(DEFAULT_INDICATORS.operational_efficiency);
    copy[0].localWeight = 5;
    expect(first.localWeight).toBe(1);
  });
});
