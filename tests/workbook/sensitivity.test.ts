import { oneAtATime, smaa } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/create";
import { exampleAgreements } from "../../src/workbook/examples";
import { readScorecard } from "../../src/workbook/read";
import { locateScorecard } from "../../src/workbook/locate";
import { writeSensitivity, SENSITIVITY_CHART } from "../../src/workbook/sensitivity";
import { defaultConfig, newWorkbook } from "./helpers";

async function setUp(sheets?: string[]) {
  const { sim, run } = newWorkbook(sheets);
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: exampleAgreements(),
  });
  const data = await readScorecard(run, location);
  const scores = data.agreements.map((a) => data.config.criteria.map((c) => (a.scores[c.id]! - 1) / 4));
  const result = smaa({ scores, samples: 2000, seed: 7 });
  const oat = oneAtATime({ weights: data.config.criteria.map((c) => c.weight), scores });
  return { sim, run, data, result, oat };
}

describe("writeSensitivity", () => {
  it("writes seed, samples, acceptabilities, central weights, intervals and a native chart", async () => {
    const { sim, run, data, result, oat } = await setUp();
    const ids = data.agreements.map((a) => a.id);
    await writeSensitivity(run, data, {
      agreementIds: ids,
      smaa: result,
      sampling: "uniform on the simplex",
      oneAtATime: oat,
      at: new Date("2026-11-23T12:00:00Z"),
    });
    expect(sim.inspect.values("Sensitivity", "A3:B5")).toEqual([
      ["Seed", 7],
      ["Samples", 2000],
      ["Weights drawn", "uniform on the simplex"],
    ]);
    // Header row at 9: Agreement, Rank 1..5, Lower, Confidence.
    expect(sim.inspect.values("Sensitivity", "A9:H9")).toEqual([
      ["Agreement", "Rank 1", "Rank 2", "Rank 3", "Rank 4", "Rank 5", "Lower", "Confidence"],
    ]);
    const nato = sim.inspect.values("Sensitivity", "A10:H10")[0];
    expect(nato[0]).toBe("North Atlantic Treaty (NATO)");
    expect(nato[1]).toBeCloseTo(result.rankAcceptability[0][0], 12);
    const rowSum = (nato.slice(1, 7) as number[]).reduce((a, b) => a + b, 0);
    expect(rowSum).toBeCloseTo(1, 12);
    const chart = sim.inspect.charts("Sensitivity").find((c) => c.name === SENSITIVITY_CHART)!;
    expect(chart.type).toBe("BarStacked");
    expect(chart.series.map((s) => s.name)).toEqual([
      "Rank 1",
      "Rank 2",
      "Rank 3",
      "Rank 4",
      "Rank 5",
      "Lower",
    ]);
    expect(chart.series[0].categoryData[0]).toBe("North Atlantic Treaty (NATO)");
    const location = (await locateScorecard(run))!;
    expect(location.meta.sensitivitySheet).toBe("Sensitivity");
  });

  it("a second run replaces the add-in's own sheet; a user's Sensitivity sheet is left alone", async () => {
    const { sim, run, data, result } = await setUp(["Sensitivity"]);
    await run(async (c) => {
      c.workbook.worksheets.getItem("Sensitivity").getRange("A1").values = [["my notes"]];
      await c.sync();
    });
    const ids = data.agreements.map((a) => a.id);
    const meta = await writeSensitivity(run, data, { agreementIds: ids, smaa: result, sampling: "uniform" });
    expect(meta.sensitivitySheet).toBe("Sensitivity (2)");
    const again = await readScorecard(run, (await locateScorecard(run))!);
    await writeSensitivity(run, again, {
      agreementIds: ids,
      smaa: { ...result, seed: 99 },
      sampling: "uniform",
    });
    expect(sim.inspect.sheetNames().filter((s) => s.startsWith("Sensitivity"))).toEqual([
      "Sensitivity",
      "Sensitivity (2)",
    ]);
    expect(sim.inspect.values("Sensitivity", "A1")).toEqual([["my notes"]]);
    expect(sim.inspect.values("Sensitivity (2)", "B3")).toEqual([[99]]);
    expect(sim.inspect.charts("Sensitivity (2)")).toHaveLength(1);
  });
});
