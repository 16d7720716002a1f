import fc from "fast-check";
import { scoreAgreements, type MissingPolicy } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements, ILLUSTRATIVE_NOTE } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { CHART_NAMES } from "../../src/workbook/scorecard/charts";
import type { AgreementRecord } from "../../src/workbook/model";
import type { ScorecardConfig } from "../../src/workbook/contract/layout";
import { defaultConfig, newWorkbook, snapshot } from "./helpers";
import { DEFAULT_SCORECARD_COLUMNS } from "./scorecardFixture";

function modelOf(config: ScorecardConfig, agreements: AgreementRecord[]) {
  return scoreAgreements({
    criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: config.scale,
    agreements,
    missing: config.missingPolicy,
  });
}

describe("createScorecard on excel-sim", () => {
  it("writes Scorecard, Weights, Results and a very hidden metadata sheet", async () => {
    const { sim, run } = newWorkbook();
    const result = await createScorecard(run, { config: defaultConfig(), agreements: exampleAgreements() });
    expect(result.created).toBe(true);
    const sheets = Object.fromEntries(sim.inspect.sheets().map((s) => [s.name, s.visibility]));
    expect(sheets).toMatchObject({
      Scorecard: "Visible",
      Weights: "Visible",
      Results: "Visible",
      AS_Meta: "VeryHidden",
    });
    const table = sim.inspect.tables().find((t) => t.name === "Scorecard")!;
    expect(table.columns).toEqual(DEFAULT_SCORECARD_COLUMNS);
    expect(table.rowCount).toBe(10);
    const names = sim.inspect.names().map((n) => n.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "AS_ScaleMin",
        "AS_ScaleMax",
        "AS_Meta",
        "AS_W_operational_efficiency",
        "AS_W_threat_response",
      ]),
    );
    // Criterion cells are validated to the scale through the defined names.
    const rule = sim.inspect.validation("Scorecard", "F2")[0];
    expect(JSON.stringify(rule)).toMatch(/AS_ScaleMin/);
    expect(JSON.stringify(rule)).toMatch(/AS_ScaleMax/);
    // Every example row says its scores are illustrative.
    expect(
      sim.inspect
        .values("Scorecard", "M2:M11")
        .flat()
        .every((v) => v === ILLUSTRATIVE_NOTE),
    ).toBe(true);
  });

  it("computes weighted scores, coverage and ranks in live formulas equal to the model's", async () => {
    const { sim, run } = newWorkbook();
    const config = defaultConfig("exclude", [3, 2, 1, 1]);
    const agreements = exampleAgreements();
    const { location } = await createScorecard(run, { config, agreements });
    // Each criterion cell on its own (no F2:I2 span), and the Coverage cell J2 is not read.
    const formula = sim.inspect.cell("Scorecard", "K2").formula!;
    expect(formula).toContain(',IF(COUNTIFS(F2,">="&AS_ScaleMin,F2,"<="&AS_ScaleMax)+COUNTIFS(G2,');
    expect(formula).not.toMatch(/F2:I2|J2/);
    const data = await readScorecard(run, location);
    expect(data.issues).toEqual([]);
    const model = modelOf(config, agreements);
    data.computed.forEach((row, i) => {
      expect(row.score).toBeCloseTo(model[i].score!, 9);
      expect(row.rank).toBe(model[i].rank);
      expect(row.coverage).toBe(4);
    });
  });

  it("sorts the Results ranking by formula and charts the top agreements natively", async () => {
    const { sim, run } = newWorkbook();
    const config = defaultConfig("exclude", [1, 1, 1, 1]);
    const agreements = exampleAgreements();
    await createScorecard(run, { config, agreements });
    const model = modelOf(config, agreements);
    const ranking = sim.inspect.values("Results", "A2:E11");
    const expected = agreements
      .map((a, i) => ({ id: a.id, score: model[i].score!, rank: model[i].rank!, order: i }))
      .sort((x, y) => x.rank - y.rank || x.order - y.order);
    expect(ranking.map((r) => r[1])).toEqual(expected.map((e) => e.id));
    expect(ranking.map((r) => r[4])).toEqual(expected.map((e) => e.rank));
    ranking.forEach((r, i) => expect(r[3] as number).toBeCloseTo(expected[i].score, 9));

    const charts = sim.inspect.charts("Results");
    expect(charts.map((c) => [c.name, c.type])).toEqual([
      [CHART_NAMES.score, "BarClustered"],
      [CHART_NAMES.contribution, "BarStacked"],
      [CHART_NAMES.profile, "Radar"],
    ]);
    const stacked = charts[1];
    expect(stacked.series.map((s) => s.name)).toEqual(config.criteria.map((c) => c.name));
    // The stacked contributions of the leader add up to its weighted score.
    const leaderPoints = stacked.series.reduce((sum, s) => sum + Number(s.valueData[0]), 0);
    expect(leaderPoints).toBeCloseTo(expected[0].score, 9);
  });

  it("under every missing-score policy, formulas equal scoreAgreements on random scorecards", async () => {
    const policies: MissingPolicy[] = ["exclude", "renormalize", "zero"];
    const score = fc.option(
      fc.integer({ min: 0, max: 40 }).map((x) => 1 + x / 10),
      { nil: null, freq: 4 },
    );
    const scorecard = fc.record({
      policy: fc.constantFrom(...policies),
      weights: fc
        .tuple(...[0, 1, 2, 3].map(() => fc.integer({ min: 0, max: 20 })))
        .filter((w) => w.some((x) => x > 0)),
      rows: fc.array(fc.tuple(score, score, score, score), { minLength: 1, maxLength: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(scorecard, async ({ policy, weights, rows }) => {
        const { run } = newWorkbook();
        const config = defaultConfig(policy, weights);
        const agreements: AgreementRecord[] = rows.map((s, i) => ({
          id: `A${i}`,
          name: `Agreement ${i}`,
          type: "Bilateral",
          parties: "",
          signed: null,
          scores: Object.fromEntries(config.criteria.map((c, k) => [c.id, s[k]])),
          notes: "",
        }));
        const { location } = await createScorecard(run, { config, agreements });
        const data = await readScorecard(run, location);
        const model = modelOf(config, agreements);
        data.computed.forEach((row, i) => {
          if (model[i].score === null) expect(row.score).toBeNull();
          else expect(row.score).toBeCloseTo(model[i].score!, 9);
          expect(row.rank).toBe(model[i].rank);
          expect(row.coverage).toBe(Math.round(model[i].coverage * 4));
        });
      }),
      { numRuns: 40 },
    );
  });

  it("writes user text as text: a name beginning with =, +, - or @ never becomes a formula", async () => {
    const { sim, run } = newWorkbook();
    const hostile = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "1-2", "'quoted'"];
    const agreements = hostile.map((name, i) => ({
      id: `H${i}`,
      name,
      type: "",
      parties: name,
      signed: null,
      scores: {},
      notes: name,
    }));
    const { location } = await createScorecard(run, { config: defaultConfig(), agreements });
    hostile.forEach((name, i) => {
      const cell = sim.inspect.cell("Scorecard", `B${i + 2}`);
      expect(cell.formula ?? null).toBeNull();
      expect(cell.value).toBe(name);
    });
    const data = await readScorecard(run, location);
    expect(data.agreements.map((a) => a.name)).toEqual(hostile);
  });

  it("is idempotent: a second run finds the scorecard and changes nothing", async () => {
    const { sim, run } = newWorkbook();
    const options = { config: defaultConfig(), agreements: exampleAgreements() };
    const first = await createScorecard(run, options);
    const before = snapshot(sim);
    const second = await createScorecard(run, options);
    expect(second.created).toBe(false);
    expect(second.location.meta).toEqual(first.location.meta);
    expect(snapshot(sim)).toBe(before);
  });

  it("picks free names and leaves a user's own Scorecard sheet and table untouched", async () => {
    const { sim, run } = newWorkbook(["Scorecard"]);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("A1:B2").values = [
        ["Mine", "Data"],
        ["keep", 42],
      ];
      sheet.tables.add(sheet.getRange("A1:B2"), true).name = "Scorecard";
      await context.sync();
    });
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: exampleAgreements(),
    });
    expect(location.meta.sheets.scorecard).toBe("Scorecard (2)");
    expect(location.meta.scorecardTable).toBe("Scorecard2");
    expect(sim.inspect.values("Scorecard", "A1:B2")).toEqual([
      ["Mine", "Data"],
      ["keep", 42],
    ]);
    const data = await readScorecard(run, location);
    expect(data.agreements).toHaveLength(10);
    expect(data.computed.every((r) => typeof r.score === "number")).toBe(true);
  });

  it("rejects bad input before touching the workbook, naming row and column", async () => {
    const { sim, run } = newWorkbook();
    const rows = exampleAgreements();
    rows[3] = { ...rows[3], id: rows[1].id };
    await expect(createScorecard(run, { config: defaultConfig(), agreements: rows })).rejects.toThrow(
      /ID "CSTO" is used by rows 3 and 5/,
    );
    const offScale = exampleAgreements();
    offScale[0].scores.threat_response = 9;
    await expect(createScorecard(run, { config: defaultConfig(), agreements: offScale })).rejects.toThrow(
      /Row 2, column "Threat response"/,
    );
    await expect(createScorecard(run, { config: defaultConfig("exclude", [0, 0, 0, 0]) })).rejects.toThrow(
      /zero/i,
    );
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1"]);
  });

  it("refuses criterion names equal but for case (Excel renames the second header), with a line break, or too long, before touching the workbook", async () => {
    // What Excel does with such headers: the second becomes "threat response2".
    const excel = newWorkbook();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [
        ["Threat response", "threat response"],
        [1, 2],
      ];
      context.workbook.tables.add("Sheet1!A1:B2", true);
      await context.sync();
    });
    expect(excel.sim.inspect.tables()[0].columns).toEqual(["Threat response", "threat response2"]);

    const { sim, run } = newWorkbook();
    const renamed = (k: number, name: string) => {
      const config = defaultConfig();
      config.criteria[k] = { ...config.criteria[k], name };
      return config;
    };
    await expect(
      createScorecard(run, { config: renamed(3, "operational EFFICIENCY"), agreements: exampleAgreements() }),
    ).rejects.toThrow(
      'Criteria 1 ("Operational efficiency") and 4 ("operational EFFICIENCY") have the same name but for case',
    );
    await expect(createScorecard(run, { config: renamed(1, "Strategic\nalignment") })).rejects.toThrow(
      'Criterion "strategic_alignment" (criterion 2) has a line break in its name',
    );
    await expect(createScorecard(run, { config: renamed(0, "O".repeat(256)) })).rejects.toThrow(
      "has a name of 256 characters, but Excel allows at most 255 in a table header",
    );
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1"]);
  });
});

describe("Results helper columns", () => {
  it("hides the Table position and Sort key columns the ranking works with", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, { config: defaultConfig(), agreements: exampleAgreements() });
    const results = sim.inspect.model().sheets.find((s) => s.name === "Results")!;
    expect([...results.hiddenColumns].sort()).toEqual([5, 6]);
  });
});

describe("Results formats", () => {
  it("shows ranked scores with two decimals and contributions with one", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, { config: defaultConfig(), agreements: exampleAgreements() });
    expect(sim.inspect.texts("Results", "D2:D3")).toEqual([["87.50"], ["81.25"]]);
    expect(sim.inspect.texts("Results", "I2")).toEqual([["21.9"]]);
  });
});
