import type { AgreementRecord } from "../../src/workbook/model";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { addCriterion, renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { expectFormulasMatchModel, snapshot, upsertEach } from "./helpers";
import { newScorecard } from "./scorecardFixture";

const setUp = (agreements?: AgreementRecord[]) => newScorecard({ agreements });

describe("writeWeights", () => {
  it("writes raw weights; the normalized weights, scores and ranks follow through the formulas", async () => {
    const { sim, run, data } = await setUp();
    await writeWeights(run, data, { threat_response: 7, operational_efficiency: 0 }, { author: "Tester" });
    const after = await readScorecard(run, data.location);
    expect(after.config.criteria.map((c) => c.weight)).toEqual([0, 1, 1, 7]);
    expect(sim.inspect.values("Weights", "E2:E5").flat()).toEqual(
      [0, 1 / 9, 1 / 9, 7 / 9].map((w) => expect.closeTo(w, 12)),
    );
    expectFormulasMatchModel(after);
    expect(after.computed.map((r) => r.score)).not.toEqual(data.computed.map((r) => r.score));
  });

  it("refuses all-zero, negative and unknown weights and writes nothing", async () => {
    const { sim, run, data } = await setUp();
    const before = snapshot(sim);
    await expect(
      writeWeights(
        run,
        data,
        {
          operational_efficiency: 0,
          strategic_alignment: 0,
          capability_enhancement: 0,
          threat_response: 0,
        },
        { author: "Tester" },
      ),
    ).rejects.toThrow(/zero/i);
    await expect(writeWeights(run, data, { threat_response: -1 }, { author: "Tester" })).rejects.toThrow(
      /negative|Threat response|threat_response/i,
    );
    await expect(writeWeights(run, data, { cost: 1 }, { author: "Tester" })).rejects.toThrow(
      /no criterion or indicator "cost"/,
    );
    expect(snapshot(sim)).toBe(before);
  });
});

describe("upsertAgreements", () => {
  it("updates a score in place and adds new agreements below the table, which grows to take them", async () => {
    const { sim, run, data } = await setUp();
    const result = await upsertAgreements(
      run,
      data,
      [
        { id: "CSTO", scores: { threat_response: 5 } },
        {
          id: "QUAD",
          name: "Quadrilateral Security Dialogue",
          type: "Multilateral",
          scores: { threat_response: 4 },
        },
        { id: "NEW-2", name: "=cmd|' /C calc'!A0", scores: {} },
      ],
      { author: "Tester" },
    );
    expect(result).toEqual({ added: 2, updated: 1 });
    expect(sim.inspect.tables().find((t) => t.name === "Scorecard")!.rowCount).toBe(12);
    expect(sim.stats.tableRowsAdd).toBe(0);
    const after = await readScorecard(run, data.location);
    expect(after.agreements.find((a) => a.id === "CSTO")!.scores.threat_response).toBe(5);
    expect(after.agreements.find((a) => a.id === "NEW-2")!.name).toBe("=cmd|' /C calc'!A0");
    const quad = after.computed[after.agreements.findIndex((a) => a.id === "QUAD")];
    expect(quad).toMatchObject({ coverage: 1, score: null, rank: null });
    expectFormulasMatchModel(after);
    // The new rows appear in the sorted ranking as soon as they have a score.
    expect(sim.inspect.values("Results", "B2:B13").flat()).not.toContain("QUAD");
  });

  it("moves content below the table down to make room, never writing over it", async () => {
    const { sim, run, data } = await setUp();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Scorecard").getRange("B14").values = [["my note"]];
      await context.sync();
    });
    await upsertAgreements(
      run,
      data,
      [
        { id: "X1", name: "One" },
        { id: "X2", name: "Two" },
        { id: "X3", name: "Three" },
      ],
      { author: "Tester" },
    );
    expect(sim.inspect.values("Scorecard", "B12:B14")).toEqual([["One"], ["Two"], ["Three"]]);
    expect(sim.inspect.values("Scorecard", "B17")).toEqual([["my note"]]);
    expect(sim.inspect.tables().find((t) => t.name === "Scorecard")!.rowCount).toBe(13);
  });

  it("will not write over what a person typed in the ranking's rows without confirmation, then does", async () => {
    const { sim, run, data } = await setUp();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Results").getRange("C12").values = [["typed here"]];
      await context.sync();
    });
    const before = snapshot(sim);
    await expect(
      upsertAgreements(run, data, [{ id: "X1", name: "One" }], { author: "Tester" }),
    ).rejects.toMatchObject({ code: "WouldOverwrite", place: { sheet: "Results", row: 12 } });
    expect(snapshot(sim)).toBe(before);
    await upsertAgreements(run, data, [{ id: "X1", name: "One" }], {
      author: "Tester",
      confirmOverwrite: true,
    });
    expect(sim.inspect.values("Scorecard", "B12")).toEqual([["One"]]);
    expect(sim.inspect.cell("Results", "C12").formula).toMatch(/^=/);
  });

  it("rejects an off-scale score and a duplicate ID in one change, naming them", async () => {
    const { run, data } = await setUp();
    await expect(
      upsertAgreements(run, data, [{ id: "NATO", scores: { threat_response: 6 } }], { author: "Tester" }),
    ).rejects.toThrow(/NATO.*threat_response/);
    await expect(
      upsertAgreements(run, data, [{ id: "Z" }, { id: "z" }], { author: "Tester" }),
    ).rejects.toThrow(/ID "z" appears twice/);
  });
});

describe("criteria: add, rename, remove", () => {
  it("adds a criterion: column, weight row, name, formulas, metadata and charts follow", async () => {
    const { sim, run, data } = await setUp();
    await addCriterion(
      run,
      data,
      {
        name: "Cyber & space",
        definition: "Joint cyber and space capability",
        weight: 2,
      },
      { author: "Tester" },
    );
    const location = await locateScorecard(run);
    expect(location!.meta.criteria.map((c) => c.id)).toContain("cyber_space");
    const after = await readScorecard(run, location!);
    expect(after.config.criteria.map((c) => c.name)).toEqual([
      "Operational efficiency",
      "Strategic alignment",
      "Capability enhancement",
      "Threat response",
      "Cyber & space",
    ]);
    expect(after.config.criteria[4].weight).toBe(2);
    // Nobody has a cyber score yet: under "exclude" nobody is ranked.
    expect(after.computed.every((r) => r.score === null && r.coverage === 4)).toBe(true);
    await upsertEach(run, after, (_, i) => ({ scores: { cyber_space: 1 + (i % 5) } }), { author: "Tester" });
    const scored = await readScorecard(run, location!);
    expectFormulasMatchModel(scored);
    expect(sim.inspect.charts("Results")[1].series.map((s) => s.name)).toContain("Cyber & space");
  });

  it("renames a criterion everywhere without touching its scores", async () => {
    const { sim, run, data } = await setUp();
    await renameCriterion(run, data, "threat_response", "Crisis response", { author: "Tester" });
    const location = (await locateScorecard(run))!;
    const after = await readScorecard(run, location);
    expect(after.config.criteria[3]).toMatchObject({ id: "threat_response", name: "Crisis response" });
    expect(after.agreements.map((a) => a.scores.threat_response)).toEqual(
      data.agreements.map((a) => a.scores.threat_response),
    );
    expect(sim.inspect.charts("Results")[1].series.map((s) => s.name)).toContain("Crisis response");
    expectFormulasMatchModel(after);
    await expect(
      renameCriterion(run, after, "threat_response", "Strategic alignment", { author: "Tester" }),
    ).rejects.toThrow(/already exists/);
  });

  it("refuses to add or rename a criterion to a name with a line break or tab, too long, or equal but for case; nothing is written", async () => {
    const { sim, run, data } = await setUp();
    const before = snapshot(sim);
    await expect(
      addCriterion(run, data, { name: "Cyber\tspace", definition: "", weight: 1 }, { author: "Tester" }),
    ).rejects.toThrow(
      'Criterion "cyber_space" (criterion 5) has a tab in its name "Cyber\\tspace"; replace the tab with a space',
    );
    await expect(
      addCriterion(run, data, { name: "C".repeat(300), definition: "", weight: 1 }, { author: "Tester" }),
    ).rejects.toThrow("has a name of 300 characters, but Excel allows at most 255 in a table header");
    await expect(
      renameCriterion(run, data, "threat_response", "Crisis\nresponse", { author: "Tester" }),
    ).rejects.toThrow(
      'Criterion "threat_response" (criterion 4) has a line break in its name "Crisis\\nresponse"; put the name on one line',
    );
    expect(snapshot(sim)).toBe(before);
  });

  it("removes a criterion only with confirmation when it holds scores", async () => {
    const { sim, run, data } = await setUp();
    const before = snapshot(sim);
    await expect(
      removeCriterion(run, data, "strategic_alignment", { author: "Tester" }),
    ).rejects.toMatchObject({
      code: "WouldOverwrite",
    });
    expect(snapshot(sim)).toBe(before);
    await removeCriterion(run, data, "strategic_alignment", { author: "Tester", confirmDataLoss: true });
    const location = (await locateScorecard(run))!;
    const after = await readScorecard(run, location);
    expect(after.config.criteria.map((c) => c.id)).toEqual([
      "operational_efficiency",
      "capability_enhancement",
      "threat_response",
    ]);
    expect(sim.inspect.names().map((n) => n.name)).not.toContain("AS_W_strategic_alignment");
    expectFormulasMatchModel(after);
    expect(after.computed.every((r) => typeof r.score === "number")).toBe(true);
  });
});
