import { oneAtATime, smaa } from "../../src/scoring";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import {
  NEVER_FIRST,
  rankColor,
  writeSensitivity,
  SENSITIVITY_CHART,
} from "../../src/workbook/sensitivity/writeSensitivity";
import { newScorecard } from "./scorecardFixture";

async function setUp(sheets?: string[]) {
  const { sim, run, data } = await newScorecard({ sheets });
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
    // Header row at 9: Agreement, ranks 1–4 one by one, the fifth and lower together, Confidence.
    expect(sim.inspect.values("Sensitivity", "A9:G9")).toEqual([
      ["Agreement", "Rank 1", "Rank 2", "Rank 3", "Rank 4", "Rank 5 and lower", "Confidence"],
    ]);
    const nato = sim.inspect.values("Sensitivity", "A10:G10")[0];
    expect(nato[0]).toBe("North Atlantic Treaty (NATO)");
    expect(nato[1]).toBeCloseTo(result.rankAcceptability[0][0], 12);
    const fifthAndLower = result.rankAcceptability[0].slice(4).reduce((a, b) => a + b, 0);
    expect(nato[5]).toBeCloseTo(fifthAndLower, 12);
    const rowSum = (nato.slice(1, 6) as number[]).reduce((a, b) => a + b, 0);
    expect(rowSum).toBeCloseTo(1, 12);
    const chart = sim.inspect.charts("Sensitivity").find((c) => c.name === SENSITIVITY_CHART)!;
    expect(chart.type).toBe("BarStacked");
    expect(chart.series.map((s) => s.name)).toEqual([
      "Rank 1",
      "Rank 2",
      "Rank 3",
      "Rank 4",
      "Rank 5 and lower",
    ]);
    // The pane's colours, rank by rank, and shares shown as percent as in the pane.
    expect(chart.series.map((s) => s.color)).toEqual([1, 2, 3, 4, 5].map(rankColor));
    expect(new Set(chart.series.map((s) => s.color)).size).toBe(5);
    expect(chart.axes.value.numberFormat).toBe("0%");
    expect(chart.series[0].categoryData[0]).toBe("North Atlantic Treaty (NATO)");
    const location = (await locateScorecard(run))!;
    expect(location.meta.sensitivitySheet).toBe("Sensitivity");
  });

  it("agrees with the pane: no central weights or confidence for an agreement never first, no swap at a tie at 100 %", async () => {
    const { sim, run, data } = await setUp();
    const ids = data.agreements.map((a) => a.id);
    const n = ids.length;
    // Agreement 0 is best on every criterion, so it is first in every draw and the others never are.
    const scores = ids.map((_, i) => data.config.criteria.map((_, k) => (i === 0 ? 1 : ((i + k) % 4) / 8)));
    // Agreement 1 ties agreement 2 on criterion 0 only: their lines meet exactly at 100 % of it.
    scores[1] = [0.5, 0.1, 0.1, 0.1];
    scores[2] = [0.5, 0.3, 0.3, 0.3];
    const result = smaa({ scores, samples: 500, seed: 3 });
    const oat = oneAtATime({ weights: data.config.criteria.map((c) => c.weight), scores });
    expect(oat.criteria[0].swaps.some((s) => s.t === 1)).toBe(true);
    await writeSensitivity(run, data, {
      agreementIds: ids,
      smaa: result,
      sampling: "uniform",
      oneAtATime: oat,
    });

    const rows = sim.inspect.values("Sensitivity", `A10:G${9 + n}`);
    expect(rows[0][6]).toBe(1);
    for (const row of rows.slice(1)) expect(row[6]).toBe(NEVER_FIRST);
    const centralTop = 9 + n + 2;
    const central = sim.inspect.values("Sensitivity", `A${centralTop + 1}:E${centralTop + n}`);
    central[0].slice(1).forEach((w, k) => expect(w).toBeCloseTo(result.centralWeights[0][k], 12));
    for (const row of central.slice(1)) expect(row.slice(1)).toEqual([NEVER_FIRST, "", "", ""]);

    const oatTop = centralTop + n + 2;
    const swapCounts = sim.inspect.values("Sensitivity", `E${oatTop + 1}:E${oatTop + 4}`).map((r) => r[0]);
    const inside = oat.criteria.map((c) => c.swaps.filter((s) => s.t > 0 && s.t < 1).length);
    expect(swapCounts).toEqual(inside);
    expect(swapCounts[0]).toBeLessThan(oat.criteria[0].swaps.length);
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
