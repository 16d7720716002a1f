import { readScorecard } from "../../src/workbook/scorecard/read";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { saveProfile, weightsFromProfile, profilesFromRows } from "../../src/workbook/weights/profiles";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { addCriterion } from "../../src/workbook/criteria/editCriteria";
import { snapshot } from "./helpers";
import { newScorecard } from "./scorecardFixture";

const threatFirst = {
  operational_efficiency: 1,
  strategic_alignment: 1,
  capability_enhancement: 1,
  threat_response: 5,
};

const setUp = () => newScorecard();

describe("weight profiles", () => {
  it("are saved in a Profiles sheet with their author and time, and restored from the workbook alone", async () => {
    const { sim, run, data } = await setUp();
    await saveProfile(run, data, {
      name: "Threat first",
      author: "Reviewer A",
      weights: threatFirst,
      saved: new Date("2026-11-23T10:00:00Z"),
    });
    expect(sim.inspect.tables().map((t) => t.name)).toContain("ScorecardProfiles");
    expect(sim.inspect.values("Profiles", "A2:E2")).toEqual([
      ["Threat first", "Reviewer A", "2026-11-23T10:00:00.000Z", "operational_efficiency", 1],
    ]);
    // A second reader, from the workbook alone.
    const fresh = await readScorecard(run, (await locateScorecard(run))!);
    expect(fresh.profiles).toEqual([
      { name: "Threat first", author: "Reviewer A", saved: "2026-11-23T10:00:00.000Z", weights: threatFirst },
    ]);
  });

  it("saving a name again appends; the latest save wins and nothing is overwritten", async () => {
    const { sim, run, data } = await setUp();
    await saveProfile(run, data, {
      name: "Balanced",
      author: "A",
      weights: { ...threatFirst, threat_response: 1 },
      saved: new Date("2026-01-01T00:00:00Z"),
    });
    const after = await readScorecard(run, (await locateScorecard(run))!);
    await saveProfile(run, after, {
      name: "balanced",
      author: "B",
      weights: threatFirst,
      saved: new Date("2026-02-01T00:00:00Z"),
    });
    expect(sim.inspect.tables().find((t) => t.name === "ScorecardProfiles")!.rowCount).toBe(8);
    const latest = await readScorecard(run, after.location);
    expect(latest.profiles).toHaveLength(1);
    expect(latest.profiles[0]).toMatchObject({ author: "B", weights: threatFirst });
  });

  it("applying a profile writes its weights; a criterion added later keeps its own weight", async () => {
    const { run, data } = await setUp();
    await saveProfile(run, data, { name: "Threat first", author: "A", weights: threatFirst });
    await addCriterion(
      run,
      await readScorecard(run, (await locateScorecard(run))!),
      {
        name: "Cyber",
        definition: "",
        weight: 2,
      },
      { author: "Tester" },
    );
    const current = await readScorecard(run, (await locateScorecard(run))!);
    expect(current.profiles.map((p) => p.name)).toEqual(["Threat first"]);
    const { weights, notInProfile } = weightsFromProfile(current.profiles[0], current);
    expect(notInProfile).toEqual(["Cyber"]);
    await writeWeights(run, current, weights, { author: "Tester" });
    const applied = await readScorecard(run, current.location);
    expect(applied.config.criteria.map((c) => c.weight)).toEqual([1, 1, 1, 5, 2]);
  });

  it("refuses a profile without a name, with a missing criterion, or all zero, and writes nothing", async () => {
    const { sim, run, data } = await setUp();
    const before = snapshot(sim);
    await expect(saveProfile(run, data, { name: " ", author: "A", weights: threatFirst })).rejects.toThrow(
      /needs a name/,
    );
    await expect(
      saveProfile(run, data, { name: "x", author: "A", weights: { threat_response: 1 } }),
    ).rejects.toThrow(/no weight for Operational efficiency, Strategic alignment, Capability enhancement/);
    await expect(
      saveProfile(run, data, {
        name: "x",
        author: "A",
        weights: {
          ...threatFirst,
          operational_efficiency: 0,
          strategic_alignment: 0,
          capability_enhancement: 0,
          threat_response: 0,
        },
      }),
    ).rejects.toThrow(/zero/i);
    expect(snapshot(sim)).toBe(before);
  });

  it("ignores blank and non-numeric rows a user typed into the table", () => {
    expect(
      profilesFromRows([
        ["", "", "", "x", 1],
        ["P", "A", "t", "c", "lots"],
        ["P", "A", "t", "d", 2],
      ]),
    ).toEqual([{ name: "P", author: "A", saved: "t", weights: { d: 2 } }]);
  });
});
