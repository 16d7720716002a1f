/**
 * Weight profiles on a two-level scorecard (issue 16): a profile keeps the indicators' local weights
 * beside the criteria's weights, applying it sets both (each change audited, the workbook's scores
 * following), and the comparison of profiles ranks as the workbook would under each.
 */
import { compareWeightings } from "../../src/scoring/compare";
import { ConflictError } from "../../src/workbook/write/conflicts";
import { planWeightChange } from "../../src/workbook/plans/weightChange";
import { saveProfile, weightsFromProfile } from "../../src/workbook/weights/profiles";
import { weightsOf } from "../../src/workbook/weights/weightNodes";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import type { ScorecardData } from "../../src/workbook/model";
import { leafScores } from "../../src/workbook/scorecard/leafScores";
import { CRITERION, modelResults, readNow, twoLevelScorecard, typeCells } from "./indicator-support";

const by = { author: "Ana" };
const [JOINT, LOGISTICS, COMMAND] = ["joint_exercises", "shared_logistics", "command_liaison"];
type Sim = Awaited<ReturnType<typeof twoLevelScorecard>>["sim"];

const auditRows = (sim: Sim) =>
  sim.inspect
    .values("Audit", sim.inspect.usedRange("Audit")!)
    .slice(2)
    .filter((r) => r[0] !== "");

/** The workbook's scores and ranks equal the model's on what a read gives. */
function expectScoresAreTheModels(data: ScorecardData) {
  const model = modelResults(data);
  data.computed.forEach((row, i) => {
    if (model[i].score === null) expect(row.score).toBeNull();
    else expect(row.score).toBeCloseTo(model[i].score!, 9);
    expect(row.rank).toBe(model[i].rank);
  });
  expect(data.issues).toEqual([]);
}

/** The scorecard with local weights 2/1/1, scores in every indicator of rows 2–5. */
async function scored() {
  const set = await twoLevelScorecard("renormalize", [2, 1, 1]);
  await typeCells(set.run, {
    G3: 5,
    H3: 1,
    I3: 2,
    G4: 1,
    H4: 5,
    I4: 4,
    G5: 3,
    H5: 3,
    I5: 3,
    G6: 2,
    H6: 4,
    I6: 5,
  });
  return { ...set, data: await readNow(set.run) };
}

describe("weight profiles with indicators", () => {
  it("save the local weights beside the criteria's, one Profiles row per indicator", async () => {
    const { sim, run, data } = await scored();
    expect(weightsOf(data)).toEqual({
      [CRITERION]: 3,
      [JOINT]: 2,
      [LOGISTICS]: 1,
      [COMMAND]: 1,
      strategic_alignment: 2,
      capability_enhancement: 2,
      threat_response: 1,
    });
    await saveProfile(run, data, { name: "Current", author: "Ana", weights: weightsOf(data) });
    const rows = sim.inspect.values("Profiles", "D2:E8");
    expect(rows).toEqual(Object.entries(weightsOf(data)));
    const saved = (await readNow(run)).profiles[0];
    expect(saved.weights).toEqual(weightsOf(data));
    const audit = auditRows(sim).at(-1)!;
    expect(audit[2]).toBe("profile saved");
    expect(audit[6]).toBe(
      "Operational efficiency 3, Operational efficiency / Joint exercises and interoperability 2, " +
        "Operational efficiency / Shared logistics and resources 1, " +
        "Operational efficiency / Command and liaison arrangements 1, Strategic alignment 2, " +
        "Capability enhancement 2, Threat response 1",
    );
  });

  it("refuses a profile whose local weights are all zero, naming the criterion, and writes nothing", async () => {
    const { sim, run, data } = await scored();
    const before = sim.inspect.tables().map((t) => t.name);
    await expect(
      saveProfile(run, data, {
        name: "Broken",
        author: "Ana",
        weights: { ...weightsOf(data), [JOINT]: 0, [LOGISTICS]: 0, [COMMAND]: 0 },
      }),
    ).rejects.toThrow(/^Profile "Broken": .*operational_efficiency/);
    expect(sim.inspect.tables().map((t) => t.name)).toEqual(before);
  });

  it("applied, set the local weights back: the cells, the Audit and every score follow", async () => {
    const { sim, run, data } = await scored();
    await saveProfile(run, data, {
      name: "Joint first",
      author: "Ana",
      weights: { ...weightsOf(data), [JOINT]: 6 },
    });
    // Someone moves the weights on: the profile puts them back.
    await writeWeights(run, await readNow(run), { [JOINT]: 1, [COMMAND]: 4, strategic_alignment: 5 }, by);
    const moved = await readNow(run);
    expect(moved.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([1, 1, 4]);
    const profile = moved.profiles.find((p) => p.name === "Joint first")!;
    const { weights, notInProfile } = weightsFromProfile(profile, moved);
    expect(notInProfile).toEqual([]);
    const plan = planWeightChange(moved, moved, weights, profile.name);
    expect(plan.changed).toEqual({ [JOINT]: 6, [COMMAND]: 1, strategic_alignment: 2 });
    await writeWeights(run, moved, plan.changed, { ...by, cause: plan.cause });
    const after = await readNow(run);
    expect(sim.inspect.values("Weights", "O2:O4").map((r) => r[0])).toEqual([6, 1, 1]);
    expect(after.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([6, 1, 1]);
    expect(plan.written(after).map((w) => w.now)).toEqual([6, 1, 2]);
    const audit = auditRows(sim).slice(-4);
    expect(audit.map((r) => [r[2], r[4], r[5], r[6]])).toEqual([
      [
        "profile applied",
        "Joint first",
        expect.stringContaining("Joint exercises and interoperability 1"),
        expect.stringContaining("Joint exercises and interoperability 6"),
      ],
      [
        "indicator edited",
        "Operational efficiency / Joint exercises and interoperability",
        "local weight: 1",
        "local weight: 6",
      ],
      [
        "indicator edited",
        "Operational efficiency / Command and liaison arrangements",
        "local weight: 4",
        "local weight: 1",
      ],
      ["weight", "Strategic alignment", "5", "2"],
    ]);
    expectScoresAreTheModels(after);
  });

  it("a profile saved before the indicators existed keeps their local weights, and names them", async () => {
    const { run, data } = await scored();
    const flat = Object.fromEntries(data.config.criteria.map((c) => [c.id, c.id === CRITERION ? 1 : 2]));
    const { weights, notInProfile } = weightsFromProfile(
      { name: "Flat", author: "Bea", saved: "2026-01-01T00:00:00.000Z", weights: flat },
      data,
    );
    expect(weights).toEqual({ ...weightsOf(data), ...flat });
    expect(notInProfile).toEqual([
      "Operational efficiency / Joint exercises and interoperability",
      "Operational efficiency / Shared logistics and resources",
      "Operational efficiency / Command and liaison arrangements",
    ]);
    await writeWeights(run, data, planWeightChange(data, data, weights, "Flat").changed, by);
    const after = await readNow(run);
    expect(after.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([2, 1, 1]);
    expectScoresAreTheModels(after);
  });

  it("a local weight a co-author changed since the read is a conflict, and nothing is written", async () => {
    const { run, data } = await scored();
    await typeCells(run, { O3: 7 }, "Weights");
    const fresh = await readNow(run);
    const plan = planWeightChange(data, fresh, { [LOGISTICS]: 3 });
    expect(plan.refusal).toBeInstanceOf(ConflictError);
    expect(plan.refusal!.message).toContain("Operational efficiency / Shared logistics and resources");
    await expect(writeWeights(run, data, { [LOGISTICS]: 3 }, by)).rejects.toThrow(
      /local weight of Operational efficiency \/ Shared logistics and resources/,
    );
    expect((await readNow(run)).config.criteria[0].indicators![1].localWeight).toBe(7);
  });

  it("compared side by side, rank as the workbook would under each profile's local weights", async () => {
    const { run, data } = await scored();
    const jointFirst = { ...weightsOf(data), [JOINT]: 10, [LOGISTICS]: 0, [COMMAND]: 0 };
    const logisticsFirst = { ...weightsOf(data), [JOINT]: 0, [LOGISTICS]: 10, [COMMAND]: 0 };
    const input = {
      criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
      indicators: { [CRITERION]: data.config.criteria[0].indicators! },
      scale: data.config.scale,
      missing: data.config.missingPolicy,
      agreements: data.agreements.map((a) => ({ id: a.id, scores: leafScores(data.config, a) })),
    };
    const rows = compareWeightings(input, [weightsOf(data), jointFirst, logisticsFirst]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Each column is what the workbook shows once that profile is applied.
    for (const [k, weights] of [weightsOf(data), jointFirst, logisticsFirst].entries()) {
      await writeWeights(run, await readNow(run), weights, by);
      const applied = await readNow(run);
      applied.agreements.forEach((a, i) => expect(byId.get(a.id)!.ranks[k]).toBe(applied.computed[i].rank));
    }
    // Joint exercises first and shared logistics first rank the first two agreements in opposite orders.
    const [first, second] = data.agreements.map((a) => byId.get(a.id)!);
    expect(Math.sign(first.scores[1]! - second.scores[1]!)).toBe(
      -Math.sign(first.scores[2]! - second.scores[2]!),
    );
  });
});
