import { DEFAULT_CRITERIA } from "../../src/scoring/criteria";
import { DEFAULT_INDICATORS } from "../../src/scoring/defaultIndicators";
import {
  IndicatorError,
  indicatorsOf,
  isNameSafeIndicatorId,
  MAX_INDICATORS_PER_CRITERION,
  validateIndicators,
  type Indicator,
  type IndicatorTree,
} from "../../src/scoring/indicatorTree";
import { indicatorErrorOf } from "./indicatorErrors";

const CRITERIA = [
  { id: "operational_efficiency", name: "Operational efficiency" },
  { id: "threat_response", name: "Threat response" },
];

const indicator = (id: string, name = `Name of ${id}`, localWeight = 1): Indicator => ({
  id,
  name,
  localWeight,
});

/** The error validateIndicators throws for `tree`. */
const errorFor = (tree: unknown, criteria = CRITERIA) =>
  indicatorErrorOf(() => validateIndicators(criteria, tree as IndicatorTree));

describe("validateIndicators", () => {
  it("accepts the default criteria with the suggested indicators, an empty tree and empty lists", () => {
    expect(() => validateIndicators(DEFAULT_CRITERIA, DEFAULT_INDICATORS)).not.toThrow();
    expect(() => validateIndicators(CRITERIA, {})).not.toThrow();
    expect(() => validateIndicators(CRITERIA, { threat_response: [] })).not.toThrow();
  });

  it("checks the criteria first, as validateCriteria does", () => {
    const error = errorFor({}, [...CRITERIA, { id: "threat_response", name: "Other" }]);
    expect(error.code).toBe("DuplicateId");
    expect(error.message).toMatch(/share the id "threat_response"/);
  });

  it("refuses indicators under an id that is not a criterion, and a tree that is not an object", () => {
    const error = errorFor({ cyber: [indicator("cyber_ops")] });
    expect(error.code).toBe("UnknownCriterion");
    expect(error.place.criterionId).toBe("cyber");
    expect(error.message).toMatch(/"cyber", which is not a criterion; move them under an existing criterion/);
    expect(errorFor(null).message).toMatch(/pass an object/);
    expect(errorFor([]).message).toMatch(/pass an object/);
  });

  it("refuses a list that is not an array or is longer than MAX_INDICATORS_PER_CRITERION", () => {
    expect(errorFor({ threat_response: indicator("a_x") }).message).toMatch(
      /indicators of criterion "threat_response" are not a list/,
    );
    const many = Array.from({ length: MAX_INDICATORS_PER_CRITERION + 1 }, (_, k) => indicator(`i_${k}`));
    const error = errorFor({ threat_response: many });
    expect(error.message).toMatch(/has 11 indicators but at most 10 are supported.*remove 1/);
    expect(() => validateIndicators(CRITERIA, { threat_response: many.slice(1) })).not.toThrow();
  });

  it("names the criterion and indicator of an indicator that is not an object or has no id", () => {
    const notObject = errorFor({ threat_response: [indicator("intel"), null] });
    expect(notObject.message).toMatch(/^Criterion "threat_response", indicator 2 is not an indicator/);
    expect(notObject.place).toMatchObject({ criterionId: "threat_response", index: 1 });
    const noId = errorFor({ threat_response: [{ name: "Intel", localWeight: 1 }] });
    expect(noId.message).toMatch(/indicator 1 has no id; give it a short unique id/);
  });

  it.each([
    ["a space", "joint exercises"],
    ["a leading digit", "1st_exercise"],
    ["a cell address", "ab12"],
    ["33 characters", "x".repeat(33)],
  ])("refuses an id with %s (it becomes part of an Excel defined name)", (_, id) => {
    const error = errorFor({ operational_efficiency: [indicator(id)] });
    expect(error).toBeInstanceOf(IndicatorError);
    expect((error as IndicatorError).place).toMatchObject({
      criterionId: "operational_efficiency",
      indicatorId: id,
    });
    expect(error.message).toMatch(/cannot be part of an Excel defined name; use at most 32 letters/);
  });

  it("refuses an id used twice across criteria, or equal to a criterion id, ignoring case", () => {
    const twice = errorFor({
      operational_efficiency: [indicator("intel")],
      threat_response: [indicator("Intel", "Intelligence")],
    });
    expect(twice.code).toBe("DuplicateId");
    expect(twice.message).toMatch(
      /^Criterion "threat_response", indicator 1 \("Intel"\) has the same id as indicator "intel"/,
    );
    const criterionId = errorFor({ operational_efficiency: [indicator("THREAT_RESPONSE", "Response")] });
    expect(criterionId.message).toMatch(/has the same id as criterion "threat_response"/);
  });

  it.each([
    ["no name", "  ", /has no name/],
    [
      "a line break",
      "Joint\nexercises",
      /has a line break in its name "Joint\\nexercises"; put the name on one line/,
    ],
    ["a tab", "Joint\texercises", /has a tab in its name.*replace the tab with a space/],
    ["256 characters", "n".repeat(256), /name of 256 characters.*at most 255.*shorten it by 1/],
  ])("refuses a name with %s", (_, name, message) => {
    const error = errorFor({ operational_efficiency: [indicator("joint_exercises", name)] });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^Criterion "operational_efficiency", indicator 1 \("joint_exercises"\)/);
  });

  it("refuses a name equal but for case to a criterion's or another indicator's (they share the header row)", () => {
    const criterionName = errorFor({ operational_efficiency: [indicator("response", " threat RESPONSE ")] });
    expect(criterionName.message).toMatch(
      /is named "threat RESPONSE" like criterion "threat_response" \("Threat response"\).*would rename the second column "threat RESPONSE2"/,
    );
    const indicatorName = errorFor({
      operational_efficiency: [indicator("logistics", "Logistics")],
      threat_response: [indicator("supply", "logistics")],
    });
    expect(indicatorName.message).toMatch(
      /indicator 1 \("supply"\) is named "logistics" like indicator "logistics"/,
    );
    expect(indicatorName.place).toMatchObject({
      criterionId: "threat_response",
      indicatorId: "supply",
      index: 0,
    });
  });

  it("refuses a definition that is not text or does not fit a cell", () => {
    const long = { ...indicator("intel"), definition: "d".repeat(32_768) };
    expect(errorFor({ threat_response: [long] }).message).toMatch(
      /definition of 32,768 characters, but an Excel cell holds at most 32,767; shorten it by 1/,
    );
    const notText = { ...indicator("intel"), definition: 42 } as unknown as Indicator;
    expect(errorFor({ threat_response: [notText] }).message).toMatch(/definition that is not text/);
  });

  it.each([
    [[1, -2], /indicator 2 \("i_1"\): Weight 2 of 2 is -2, which is negative.*0 leaves the indicator out/],
    [[Number.NaN, 1], /indicator 1 \("i_0"\): Weight 1 of 2 is NaN, not a finite number/],
    [
      [0, 0],
      /^Criterion "threat_response", its indicators: All 2 weights are zero, so the indicators cannot be weighted; give at least one indicator a positive weight/,
    ],
  ])("refuses local weights %p, naming the criterion and indicator", (weights, message) => {
    const error = errorFor({ threat_response: weights.map((w, k) => indicator(`i_${k}`, `I ${k}`, w)) });
    expect(error.message).toMatch(message);
    expect(error.place.criterionId).toBe("threat_response");
  });

  it("accepts a zero local weight beside a positive one", () => {
    const tree = { threat_response: [indicator("a_x", "A", 0), indicator("b_x", "B", 2)] };
    expect(() => validateIndicators(CRITERIA, tree)).not.toThrow();
  });
});

describe("indicatorsOf and isNameSafeIndicatorId", () => {
  it("reads only the tree's own keys", () => {
    expect(indicatorsOf({}, "constructor")).toEqual([]);
    expect(indicatorsOf({ a: [indicator("x_a")] }, "a").map((i) => i.id)).toEqual(["x_a"]);
  });

  it("follows the workbook's rule for criterion ids", () => {
    expect(["joint_exercises", "_x", "x".repeat(32), "abcd12", "a1b"].map(isNameSafeIndicatorId)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["", "a b", "9a", "x".repeat(33), "r2", "abc123", "é"].map(isNameSafeIndicatorId)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
