import { movedCriterionOrder, staleReadRefusal } from "../../../src/workbook/plans/criteriaChange";
import { writeWeights } from "../../../src/workbook/weights/writeWeights";
import { exampleScorecard, typeInto } from "./helpers";

const ORDER = ["operational_efficiency", "strategic_alignment", "capability_enhancement", "threat_response"];

describe("planning a criteria change", () => {
  it("goes ahead on the version the user saw, even after typing in the grid", async () => {
    const { run, data, read } = await exampleScorecard();
    await typeInto(run, "Scorecard", "B3", "Renamed by hand");
    expect(staleReadRefusal(data, await read())).toBeNull();
  });

  it("is refused, on the Weights sheet, once anyone wrote through the add-in since", async () => {
    const { run, data, read } = await exampleScorecard();
    await writeWeights(run, data, { threat_response: 2 }, { author: "Bea" });
    const refusal = staleReadRefusal(data, await read());
    expect(refusal?.code).toBe("ChangedByAnotherAuthor");
    expect(refusal?.place).toEqual({ sheet: data.location.meta.sheets.weights });
    expect(refusal?.message).toMatch(
      /^Another author changed the scorecard a moment ago, so nothing was written\./,
    );
  });

  it("moves a criterion one place up or down, leaving the scorecard as it was", async () => {
    const { data } = await exampleScorecard();
    expect(movedCriterionOrder(data, "strategic_alignment", -1)).toEqual([
      ORDER[1],
      ORDER[0],
      ORDER[2],
      ORDER[3],
    ]);
    expect(movedCriterionOrder(data, "strategic_alignment", 1)).toEqual([
      ORDER[0],
      ORDER[2],
      ORDER[1],
      ORDER[3],
    ]);
    expect(data.config.criteria.map((c) => c.id)).toEqual(ORDER);
  });

  it("moves nothing past either end, nor a criterion the scorecard does not have", async () => {
    const { data } = await exampleScorecard();
    expect(movedCriterionOrder(data, ORDER[0], -1)).toBeNull();
    expect(movedCriterionOrder(data, ORDER[3], 1)).toBeNull();
    expect(movedCriterionOrder(data, "removed_meanwhile", 1)).toBeNull();
  });
});
