import { ConflictError } from "../../../src/workbook/write/conflicts";
import { planWeightChange } from "../../../src/workbook/plans/weightChange";
import { weightsOf } from "../../../src/workbook/weights/weightNodes";
import { writeWeights } from "../../../src/workbook/weights/writeWeights";
import { exampleScorecard } from "./helpers";

const OPS = "operational_efficiency";
const STRATEGY = "strategic_alignment";
const THREAT = "threat_response";

describe("planning a weight change", () => {
  it("writes only the weights that differ from what the user saw, and undoes to what they replace", async () => {
    const { data } = await exampleScorecard();
    expect(weightsOf(data)).toEqual({ [OPS]: 1, [STRATEGY]: 1, capability_enhancement: 1, [THREAT]: 1 });
    const plan = planWeightChange(data, data, { ...weightsOf(data), [OPS]: 3, [THREAT]: 0.5 });
    expect(plan.changed).toEqual({ [OPS]: 3, [THREAT]: 0.5 });
    expect(plan.refusal).toBeNull();
    expect(plan.cause).toBeUndefined();
    expect(plan.undo).toEqual({ [OPS]: 1, [THREAT]: 1 });
  });

  it("lists the weights it writes: as before until the write, as intended after it", async () => {
    const { run, data, read } = await exampleScorecard();
    const plan = planWeightChange(data, data, { [OPS]: 3, [STRATEGY]: 2 });
    expect(plan.written(data)).toEqual([
      { now: 1, before: 1, intended: 3 },
      { now: 1, before: 1, intended: 2 },
    ]);
    await writeWeights(run, data, plan.changed, { author: "Ana" });
    expect(plan.written(await read()).map((v) => v.now)).toEqual([3, 2]);
  });

  it("keeps a co-author's change to another weight, and is refused over one to the same weight", async () => {
    const { run, data, read } = await exampleScorecard();
    await writeWeights(run, data, { [STRATEGY]: 4 }, { author: "Bea" });
    const fresh = await read();

    const other = planWeightChange(data, fresh, { ...weightsOf(data), [OPS]: 2 });
    expect(other.changed).toEqual({ [OPS]: 2 });
    expect(other.refusal).toBeNull();

    const same = planWeightChange(data, fresh, { ...weightsOf(data), [STRATEGY]: 2 });
    expect(same.refusal).toBeInstanceOf(ConflictError);
    expect(same.refusal?.place.sheet).toBe(fresh.location.meta.sheets.weights);
    expect(same.refusal?.conflicts).toEqual([
      expect.objectContaining({
        what: "weight",
        subject: "weight of Strategic alignment",
        seen: "1",
        now: "4",
      }),
    ]);
    expect(same.refusal?.message).toContain("Bea");
  });

  it("from a profile, sets every weight that differs from the workbook now, and says so in the Audit row", async () => {
    const { run, data, read } = await exampleScorecard();
    await writeWeights(run, data, { [STRATEGY]: 4 }, { author: "Bea" });
    const fresh = await read();
    const profile = { [OPS]: 1, [STRATEGY]: 1, capability_enhancement: 1, [THREAT]: 5 };
    const plan = planWeightChange(data, fresh, profile, "Threat first");
    expect(plan.refusal).toBeNull();
    expect(plan.changed).toEqual({ [STRATEGY]: 1, [THREAT]: 5 });
    expect(plan.undo).toEqual({ [STRATEGY]: 4, [THREAT]: 1 });
    expect(plan.cause).toEqual({
      what: "profile applied",
      agreementId: "",
      subject: "Threat first",
      before: "Operational efficiency 1, Strategic alignment 4, Capability enhancement 1, Threat response 1",
      after: "Operational efficiency 1, Strategic alignment 1, Capability enhancement 1, Threat response 5",
    });
  });

  it("plans nothing when no weight changes", async () => {
    const { data } = await exampleScorecard();
    const plan = planWeightChange(data, data, weightsOf(data));
    expect(plan.changed).toEqual({});
    expect(plan.written(data)).toEqual([]);
  });
});
