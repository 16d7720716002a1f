/**
 * The Results sheet's contribution-by-indicator chart (issue 16): its series follow the leaves,
 * its data are live formulas equal to the model's split of the weighted score under each
 * missing-score policy (also after a hand edit of a score or a local weight), and it appears,
 * changes and disappears with the indicators.
 */
import { leafContributions, MAX_INDICATORS_PER_CRITERION } from "../../src/scoring/indicators";
import { MAX_CRITERIA } from "../../src/scoring/criteria";
import type { MissingPolicy } from "../../src/scoring";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { renameCriterion } from "../../src/workbook/criteria/editCriteria";
import {
  EXCEL_MAX_SERIES,
  INDICATOR_BLOCK_START,
  MAX_LEAVES,
} from "../../src/workbook/charts/indicatorContribution";
import { columnLetter, rangeAddress } from "../../src/workbook/contract/addresses";
import { refreshCharts, CHART_NAMES } from "../../src/workbook/scorecard/charts";
import type { ScorecardData } from "../../src/workbook/model";
import {
  CRITERION,
  addThreatIndicators,
  readNow,
  scoreEveryIndicator,
  suggested,
  twoLevelScorecard,
  typeCells,
} from "./indicator-support";
import { newWorkbook, snapshot } from "./helpers";
import { bulkAgreements, measured, PAYLOAD_LIMIT } from "./budget";
import { CHART_TOP } from "../../src/workbook/contract/contract";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { RESULTS_LAYOUT } from "../../src/workbook/contract/layout";

type Sim = Awaited<ReturnType<typeof twoLevelScorecard>>["sim"];

/** The model's points per leaf for every agreement of a read, by agreement id. */
export function modelLeafPoints(data: ScorecardData): Map<string, (number | null)[]> {
  const { config } = data;
  const result = leafContributions({
    criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    indicators: Object.fromEntries(config.criteria.map((c) => [c.id, c.indicators ?? []])),
    scale: config.scale,
    missing: config.missingPolicy,
    agreements: data.agreements.map((a) => ({
      id: a.id,
      scores: {
        ...Object.fromEntries(
          config.criteria.filter((c) => !c.indicators?.length).map((c) => [c.id, a.scores[c.id]]),
        ),
        ...a.indicatorScores,
      },
    })),
  });
  return new Map(result.agreements.map((a) => [a.id, a.points]));
}

const indicatorChart = (sim: Sim) =>
  sim.inspect.charts("Results").find((c) => c.name === CHART_NAMES.indicators);

/** Each charted place's points per leaf equal the model's for the agreement at that place. */
function expectChartMatchesModel(sim: Sim, data: ScorecardData) {
  const chart = indicatorChart(sim)!;
  const model = modelLeafPoints(data);
  const ranked = sim.inspect
    .values("Results", "B2:B21")
    .map((r) => String(r[0]))
    .filter((id) => id !== "");
  expect(ranked.length).toBeGreaterThan(0);
  ranked.forEach((id, p) => {
    const want = model.get(id)!;
    chart.series.forEach((s, k) => expect(Number(s.valueData[p])).toBeCloseTo(want[k]!, 9));
    // The segments of a bar add up to the agreement's Weighted score on the ranking.
    const total = chart.series.reduce((sum, s) => sum + Number(s.valueData[p]), 0);
    expect(total).toBeCloseTo(sim.inspect.values("Results", `D${p + 2}`)[0][0] as number, 9);
  });
}

/** The leaves' names: each criterion's indicators as "Criterion / Indicator", or the criterion itself. */
const leafNames = (data: ScorecardData) =>
  data.config.criteria.flatMap((c) =>
    c.indicators?.length ? c.indicators.map((i) => `${c.name} / ${i.name}`) : [c.name],
  );

describe("the contribution-by-indicator chart", () => {
  it("appears with indicators: one series per leaf, over the same leading agreements as by criterion", async () => {
    const { sim, run } = await twoLevelScorecard();
    await scoreEveryIndicator(run);
    const data = await readNow(run);
    const charts = sim.inspect.charts("Results");
    expect(charts.map((c) => c.name)).toEqual([
      CHART_NAMES.score,
      CHART_NAMES.contribution,
      CHART_NAMES.profile,
      CHART_NAMES.indicators,
    ]);
    const chart = indicatorChart(sim)!;
    const byCriterion = charts[1];
    expect(chart.type).toBe("BarStacked");
    expect(chart.title).toBe("Contribution of each indicator (points)");
    expect(chart.series.map((s) => s.name)).toEqual([
      ...suggested().map((i) => `Operational efficiency / ${i.name}`),
      ...data.config.criteria.slice(1).map((c) => c.name),
    ]);
    // The same categories (the leading agreements' names) as the chart by criterion.
    chart.series.forEach((s) => expect(s.categories).toBe(byCriterion.series[0].categories));
    const start = columnLetter(INDICATOR_BLOCK_START);
    expect(chart.series[0].values).toBe(`Results!$${start}$2:$${start}$${data.agreements.length + 1}`);
    // Its data are formulas, named by the Scorecard's structured references and the weight names.
    const cell = sim.inspect.formulas("Results", `${start}2`)[0][0] as string;
    expect(cell).toContain("AS_L_");
    expect(cell).toContain("Scorecard[[Operational efficiency / Joint exercises and interoperability]]");
    // Each place reads its own row of the ranking's table positions (the formula filled down).
    expect(cell).toContain("INDEX(Scorecard[[Operational efficiency]],$F2)");
    const third = sim.inspect.formulas("Results", `${start}4`)[0][0] as string;
    expect(third).toBe(cell.split("$F2").join("$F4"));
    expectChartMatchesModel(sim, data);
    // The leader's criterion segment equals the sum of its indicators' segments.
    const criterionPoints = Number(byCriterion.series[0].valueData[0]);
    const sum = chart.series.slice(0, 3).reduce((s, x) => s + Number(x.valueData[0]), 0);
    expect(sum).toBeCloseTo(criterionPoints, 9);
  });

  it.each<MissingPolicy>(["exclude", "renormalize", "zero"])(
    "equals the model's split with indicators missing, under %s",
    async (policy) => {
      const { sim, run } = await twoLevelScorecard(policy, [3, 1, 2]);
      await scoreEveryIndicator(run);
      const { columns, rows } = await readNow(run);
      const [g, h, i] = columns.indicators!.map((c) => c.column);
      // One indicator missing on a row, two on another, all three on a third.
      await typeCells(run, {
        [`${g}${rows[0]}`]: "",
        [`${g}${rows[1]}`]: "",
        [`${h}${rows[1]}`]: "",
        [`${g}${rows[2]}`]: "",
        [`${h}${rows[2]}`]: "",
        [`${i}${rows[2]}`]: "",
      });
      expectChartMatchesModel(sim, await readNow(run));
    },
  );

  it("follows a hand edit of an indicator score and of a local weight, without the add-in", async () => {
    const { sim, run } = await twoLevelScorecard("renormalize");
    await scoreEveryIndicator(run);
    const before = await readNow(run);
    const [g] = before.columns.indicators!.map((c) => c.column);
    const leaderId = String(sim.inspect.values("Results", "B2")[0][0]);
    const leaderRow = before.rows[before.agreements.findIndex((a) => a.id === leaderId)];
    const oldPoints = Number(indicatorChart(sim)!.series[0].valueData[0]);
    const localWeightCell = `O${before.indicatorRows![before.config.criteria[0].indicators![1].id]}`;
    await typeCells(run, { [`${g}${leaderRow}`]: 5 });
    await typeCells(run, { [localWeightCell]: 7 }, "Weights");
    const after = await readNow(run);
    expect(after.config.criteria[0].indicators![1].localWeight).toBe(7);
    expect(Number(indicatorChart(sim)!.series[0].valueData[0])).not.toBeCloseTo(oldPoints, 6);
    expectChartMatchesModel(sim, after);
  });

  it("changes with the indicators: renamed, added under another criterion, then all removed", async () => {
    const { sim, run } = await twoLevelScorecard();
    await scoreEveryIndicator(run);
    const renamed = suggested().map((i, k) => (k === 0 ? { ...i, name: "=Joint drills" } : i));
    await setIndicators(run, await readNow(run), CRITERION, renamed, { author: "Analyst" });
    expect(indicatorChart(sim)!.series[0].name).toBe("Operational efficiency / =Joint drills");
    // A name beginning with "=" stays text in the block's header.
    expect(sim.inspect.values("Results", `${columnLetter(INDICATOR_BLOCK_START)}1`)[0][0]).toBe(
      "Operational efficiency / =Joint drills",
    );

    const threat = await addThreatIndicators(run);
    const two = await readNow(run);
    expect(
      indicatorChart(sim)!
        .series.map((s) => s.name)
        .slice(5),
    ).toEqual([`${threat.name} / Early warning`, `${threat.name} / Joint response`]);
    await typeCells(
      run,
      Object.fromEntries(
        two.columns
          .indicators!.slice(3)
          .flatMap((c) => two.rows.map((r, k) => [`${c.column}${r}`, 1 + (k % 5)])),
      ),
    );
    expectChartMatchesModel(sim, await readNow(run));

    // Criterion renamed: the series and the block's header follow.
    await renameCriterion(run, await readNow(run), threat.id, "Threats", { author: "Analyst" });
    expect(
      indicatorChart(sim)!
        .series.map((s) => s.name)
        .slice(5),
    ).toEqual(["Threats / Early warning", "Threats / Joint response"]);
    expectChartMatchesModel(sim, await readNow(run));

    await setIndicators(run, await readNow(run), threat.id, [], { author: "Analyst", confirmDataLoss: true });
    expect(indicatorChart(sim)!.series.map((s) => s.name)).toEqual(leafNames(await readNow(run)));
    await setIndicators(run, await readNow(run), CRITERION, [], { author: "Analyst", confirmDataLoss: true });
    expect(indicatorChart(sim)).toBeUndefined();
    // Its data block is gone too, every column of it.
    const block = sim.inspect.values("Results", rangeAddress(0, INDICATOR_BLOCK_START, 22, 8));
    expect(block.flat().every((v) => v === "")).toBe(true);
  });

  it("is rebuilt as the charts are when agreements are added, and on Rebuild charts", async () => {
    const { sim, run } = await twoLevelScorecard("zero");
    await scoreEveryIndicator(run);
    const data = await readNow(run);
    await upsertAgreements(
      run,
      data,
      [{ id: "NEW-1", name: "New pact", scores: {}, indicatorScores: { [suggested()[0].id]: 5 } }],
      { author: "Analyst" },
    );
    const grown = await readNow(run);
    expect(indicatorChart(sim)!.series[0].valueData).toHaveLength(grown.agreements.length);
    expectChartMatchesModel(sim, grown);
    const before = snapshot(sim);
    await refreshCharts(run, grown.config, grown.columns, grown.location.meta, grown.agreements.length);
    expect(indicatorChart(sim)!.series.map((s) => s.values)).toEqual(
      JSON.parse(before)
        .sheets.find((s: { name: string }) => s.name === "Results")
        .charts.find((c: { name: string }) => c.name === CHART_NAMES.indicators)
        .series.map((s: { values: string }) => s.values),
    );
    expectChartMatchesModel(sim, await readNow(run));
  });

  it("Repair formulas writes back chart data typed over, by criterion and by indicator", async () => {
    const { sim, run } = await twoLevelScorecard("renormalize");
    await scoreEveryIndicator(run);
    const formulasOf = (address: string) => sim.inspect.formulas("Results", address);
    const byCriterion = rangeAddress(1, RESULTS_LAYOUT.contributionStart, 3, 2);
    const byIndicator = rangeAddress(1, INDICATOR_BLOCK_START, 3, 2);
    const want = [formulasOf(byCriterion), formulasOf(byIndicator)];
    // Values typed over a few cells of each block: the charts would draw them.
    await typeCells(run, { [byCriterion.split(":")[0]]: 99, [byIndicator.split(":")[0]]: 99 }, "Results");
    expect(formulasOf(byCriterion)[0][0]).toBe(99);
    await repairFormulas(run, await readNow(run), { author: "Analyst" });
    expect([formulasOf(byCriterion), formulasOf(byIndicator)]).toEqual(want);
    expectChartMatchesModel(sim, await readNow(run));
    expect(
      sim.inspect
        .charts("Results")
        .map((c) => c.name)
        .sort(),
    ).toEqual(Object.values(CHART_NAMES).sort());
  });

  it("keeps working on a Results sheet renamed to a name that needs quoting", async () => {
    const { sim, run } = await twoLevelScorecard();
    await scoreEveryIndicator(run);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Results").name = "Results 'Q3' (draft)";
      await context.sync();
    });
    const data = await readNow(run);
    expect(data.location.meta.sheets.results).toBe("Results 'Q3' (draft)");
    await refreshCharts(run, data.config, data.columns, data.location.meta, data.agreements.length);
    const chart = sim.inspect.charts("Results 'Q3' (draft)").find((c) => c.name === CHART_NAMES.indicators)!;
    expect(chart.series.map((s) => s.name)).toEqual(leafNames(data));
    expect(chart.series.every((s) => s.valueData.every((v) => typeof v === "number"))).toBe(true);
  });

  it("refuses, before writing anything, indicators whose chart formulas Excel would refuse as too long", async () => {
    // 20 criteria with long names are accepted: their own formulas stay under Excel's 8,192 characters.
    const { sim, run } = newWorkbook();
    const criteria = Array.from({ length: MAX_CRITERIA }, (_, k) => ({
      id: `crit_${k}`,
      name: `${"Long criterion name ".repeat(10)}${k}`,
      definition: "",
      weight: 1,
    }));
    await createScorecard(run, {
      config: { criteria, scale: { min: 1, max: 5 }, missingPolicy: "renormalize" },
      agreements: [],
    });
    const before = await readNow(run);
    const frozen = snapshot(sim);
    // Ten indicators with long names: an indicator's points name all ten columns and every criterion's.
    const indicators = Array.from({ length: MAX_INDICATORS_PER_CRITERION }, (_, k) => ({
      id: `ind_${k}`,
      name: `${"Indicator ".repeat(4)}${k}`,
      localWeight: 1,
    }));
    const error = await setIndicators(run, before, "crit_0", indicators, { author: "Analyst" }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: "InvalidInput", place: { sheet: "Results" } });
    expect(error.message).toMatch(
      /^With these 20 criteria the Results sheet's formulas would be [0-9,]+ characters long, more than the 8,192 Excel allows in a formula: .* Shorten the criterion or indicator names or the table's name, or use fewer criteria or indicators\.$/,
    );
    expect(snapshot(sim)).toBe(frozen);
    // Fewer of them fit, and are written with their chart.
    await setIndicators(run, before, "crit_0", indicators.slice(0, 2), { author: "Analyst" });
    expect(indicatorChart(sim)!.series).toHaveLength(MAX_CRITERIA + 1);
  });

  it("charts the most leaves a scorecard can have, every request under Excel's 5 MB", async () => {
    const { sim, run } = newWorkbook();
    const criteria = Array.from({ length: MAX_CRITERIA }, (_, k) => ({
      id: `crit_${k}`,
      name: `Criterion number ${k}`,
      definition: "",
      weight: 1 + (k % 3),
    }));
    const agreements = bulkAgreements(CHART_TOP, () => ({ notes: "", scores: {} }));
    // Built on one agreement (one charted row), which is quick on excel-sim; then the measured
    // writes at the full CHART_TOP rows: the agreements added, and the last criterion's indicators.
    await createScorecard(run, {
      config: { criteria, scale: { min: 1, max: 5 }, missingPolicy: "renormalize" },
      agreements: agreements.slice(0, 1),
    });
    const indicatorsOf = (k: number) =>
      Array.from({ length: MAX_INDICATORS_PER_CRITERION }, (_, j) => ({
        id: `crit_${k}_ind_${j}`,
        name: `Indicator ${k}.${j}`,
        localWeight: 1 + j,
      }));
    for (let k = 0; k < MAX_CRITERIA - 1; k++)
      await setIndicators(run, await readNow(run), `crit_${k}`, indicatorsOf(k), { author: "A" });
    const small = await readNow(run);
    const added = await measured(sim, () =>
      upsertAgreements(run, small, agreements.slice(1), { author: "A" }),
    );
    expect(indicatorChart(sim)!.series[0].valueData).toHaveLength(CHART_TOP);
    const before = await readNow(run);
    const last = await measured(sim, () =>
      setIndicators(run, before, `crit_${MAX_CRITERIA - 1}`, indicatorsOf(MAX_CRITERIA - 1), { author: "A" }),
    );
    const chart = indicatorChart(sim)!;
    expect(chart.series).toHaveLength(MAX_LEAVES);
    expect(chart.series.every((s) => s.valueData.length === CHART_TOP)).toBe(true);
    // Nothing scored: every agreement has no score, so no place is ranked and every cell is blank.
    expect(chart.series.flatMap((s) => s.valueData).every((v) => v === "")).toBe(true);
    // The largest request carries each leaf's formula once, not once per charted row.
    const longest = sim.inspect.formulas("Results", rangeAddress(1, INDICATOR_BLOCK_START, 1, MAX_LEAVES))[0];
    const formulaBytes = longest.reduce<number>((n, f) => n + String(f).length, 0);
    expect(Math.max(...last.stats.requestBytes)).toBeLessThan(formulaBytes * 2 + 1_000_000);
    expect(Math.max(...added.stats.requestBytes)).toBeLessThan(formulaBytes * 2 + 1_000_000);
    expect(formulaBytes * CHART_TOP).toBeGreaterThan(PAYLOAD_LIMIT);
  }, 120_000);

  it("never needs more series than Excel draws in one chart", () => {
    // Every criterion with its most indicators: the chart's series stay within Excel's limit, so
    // no scorecard the model accepts is refused for it.
    expect(MAX_LEAVES).toBe(MAX_CRITERIA * MAX_INDICATORS_PER_CRITERION);
    expect(MAX_LEAVES).toBeLessThanOrEqual(EXCEL_MAX_SERIES);
  });
});
