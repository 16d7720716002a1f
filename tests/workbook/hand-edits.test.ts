/**
 * Edits people make by hand in a shared workbook (issue "Never a wrong number"): after each, every
 * formula the add-in owns gives the right value or a visible flag. Run against excel-sim here;
 * tests/external/libreoffice-edits.test.ts makes the same edits in LibreOffice.
 */
import { scoreAgreements, type MissingPolicy } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import type { ScorecardConfig } from "../../src/workbook/contract/layout";
import { defaultConfig, newWorkbook } from "./helpers";
import { handEdit } from "./scorecardFixture";

async function setUp(config: ScorecardConfig = defaultConfig()) {
  const { sim, run } = newWorkbook();
  const agreements = exampleAgreements();
  const { location } = await createScorecard(run, { config, agreements });
  return { sim, run, location, agreements, edit: handEdit(run) };
}

/** The model's score of every agreement, by ID, for what the agreements hold. */
function modelScores(config: ScorecardConfig, agreements: ReturnType<typeof exampleAgreements>) {
  const results = scoreAgreements({
    criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: config.scale,
    agreements,
    missing: config.missingPolicy,
  });
  return new Map(agreements.map((a, i) => [a.id, results[i]]));
}

describe("criterion names that look like formulas", () => {
  it.each(["=1+1", "-Cost", "@Risk", "+Plus"])(
    "a criterion named %s is text on every sheet, and no Results cell is an error",
    async (name) => {
      const config = defaultConfig();
      config.criteria[1] = { ...config.criteria[1], name };
      const { sim } = await setUp(config);
      const results = sim.inspect.values("Results", sim.inspect.usedRange("Results")!);
      const formulas = sim.inspect.formulas("Results", sim.inspect.usedRange("Results")!);
      const errors = results.flat().filter((v) => typeof v === "string" && /^#[A-Z/0!?]+/.test(v));
      expect(errors).toEqual([]);
      // The contribution block's header and the radar block's labels show the name as typed.
      const shown = results.flat().filter((v) => v === name);
      expect(shown).toHaveLength(2);
      expect(formulas.flat().filter((f) => f === name)).toHaveLength(2);
      expect(sim.inspect.values("Scorecard", "G1")).toEqual([[name]]);
      expect(sim.inspect.values("Weights", "B3")).toEqual([[name]]);
    },
  );
});

describe("a column inserted between criterion columns", () => {
  it.each<MissingPolicy>(["exclude", "renormalize", "zero"])(
    "under %s: an off-scale 9 pasted afterwards shows check scores, no rank, and the other rows keep the model's scores",
    async (policy) => {
      const config = defaultConfig(policy, [3, 1, 2, 1]);
      const { sim, run, location, agreements, edit } = await setUp(config);
      // A whole sheet column before G (Strategic alignment): criteria now in F, H, I, J.
      await edit((c) => c.workbook.worksheets.getItem("Scorecard").getRange("G:G").insert("Right"));
      // Row 3 (CSTO): a 9 pasted into Strategic alignment, now in column H.
      await edit((c) => {
        c.workbook.worksheets.getItem("Scorecard").getRange("H3").values = [[9]];
      });
      const data = await readScorecard(run, location);
      const csto = data.agreements.findIndex((a) => a.id === "CSTO");
      expect(data.rows[csto]).toBe(3);
      expect(sim.inspect.values("Scorecard", "L3:M3")).toEqual([["check scores", ""]]);
      const expected = modelScores(
        config,
        agreements.filter((a) => a.id !== "CSTO"),
      );
      data.agreements.forEach((a, i) => {
        if (a.id === "CSTO") return;
        const model = expected.get(a.id)!;
        if (model.score === null) expect(data.computed[i].score).toBeNull();
        else expect(data.computed[i].score).toBeCloseTo(model.score, 9);
        expect(data.computed[i].rank).toBe(model.rank);
      });
    },
  );
});

describe("Coverage typed over", () => {
  it("a blank or a number typed over Coverage does not change the weighted score", async () => {
    const config = defaultConfig("renormalize", [1, 2, 3, 4]);
    const { sim, agreements, edit } = await setUp(config);
    const before = sim.inspect.values("Scorecard", "K2:K3");
    await edit((c) => {
      c.workbook.worksheets.getItem("Scorecard").getRange("J2:J3").values = [[""], [1]];
    });
    expect(sim.inspect.values("Scorecard", "K2:K3")).toEqual(before);
    expect(before[0][0]).toBeCloseTo(modelScores(config, agreements).get(agreements[0].id)!.score!, 9);
  });
});

describe("every agreement row carries validation and number formats", () => {
  it("rows added through the pane: a 7 typed in the grid is refused, Coverage reads k/n and scores two decimals", async () => {
    const { sim, run, location } = await setUp();
    const data = await readScorecard(run, location);
    await upsertAgreements(
      run,
      data,
      [
        { id: "NEW1", name: "New one", scores: { operational_efficiency: 4, strategic_alignment: 3.5 } },
        {
          id: "NEW2",
          name: "New two",
          scores: {
            operational_efficiency: 2,
            strategic_alignment: 3,
            capability_enhancement: 4,
            threat_response: 5,
          },
        },
      ],
      { author: "Tester" },
    );
    const after = await readScorecard(run, location);
    const [row1, row2] = ["NEW1", "NEW2"].map(
      (id) => after.rows[after.agreements.findIndex((a) => a.id === id)],
    );
    expect(row2).toBe(row1 + 1);
    for (const row of [row1, row2]) {
      expect(sim.userEdit("Scorecard", `H${row}`, 7)).toMatchObject({ ok: false, code: "DataValidation" });
    }
    expect(sim.inspect.texts("Scorecard", `J${row1}:K${row2}`)).toEqual([
      ["2/4", ""],
      ["4/4", "62.50"],
    ]);
  });

  it("a row typed below a new scorecard's table is validated too", async () => {
    const { sim } = await setUp();
    // The examples fill rows 2–11; the sheet's rows below carry the criterion columns' validation.
    expect(sim.userEdit("Scorecard", "F40", 9)).toMatchObject({ ok: false, code: "DataValidation" });
    expect(sim.userEdit("Scorecard", "I500", 0)).toMatchObject({ ok: false, code: "DataValidation" });
    expect(sim.userEdit("Scorecard", "I500", 3)).toMatchObject({ ok: true });
  });
});

describe("a value typed over a formula is never trusted", () => {
  it("100 typed over a Weighted score: the read reports the cell and uses the score its formula gives", async () => {
    const config = defaultConfig("exclude", [3, 2, 1, 1]);
    const { run, location, agreements, edit } = await setUp(config);
    const model = modelScores(config, agreements);
    // The agreement ranked last, typed over with 100 in its Weighted score cell (column K).
    const last = agreements
      .filter((a) => model.get(a.id)!.rank !== null)
      .sort((a, b) => model.get(b.id)!.rank! - model.get(a.id)!.rank!)[0];
    const row = agreements.indexOf(last) + 2;
    await edit((c) => {
      c.workbook.worksheets.getItem("Scorecard").getRange(`K${row}`).values = [[100]];
    });
    const data = await readScorecard(run, location);
    const i = data.agreements.findIndex((a) => a.id === last.id);
    expect(data.computed[i].score).toBeCloseTo(model.get(last.id)!.score!, 9);
    expect(data.computed[i].rank).toBe(model.get(last.id)!.rank);
    // Every other row's rank as the model gives it, though the sheet's RANK now puts the typed 100 first.
    data.agreements.forEach((a, k) => expect(data.computed[k].rank).toBe(model.get(a.id)!.rank));
    const issue = data.issues.find((x) => x.address === `K${row}`)!;
    expect(issue).toMatchObject({ sheet: "Scorecard", row, column: "Weighted score", agreementId: last.id });
    expect(issue.message).toBe(
      `Scorecard!K${row} (agreement "${last.name}", Weighted score) shows 100 but its formula gives ${model.get(last.id)!.score!.toFixed(2)} for the scores in this row: the formula was typed over or changed (or Excel has not recalculated: Formulas › Calculate Now). The pane uses ${model.get(last.id)!.score!.toFixed(2)}; "Repair formulas" on the Results tab writes the formula back.`,
    );
    // The ranks the typed value pushed down are reported at their cells too.
    expect(data.issues.filter((x) => x.column === "Rank").length).toBeGreaterThan(0);
  });

  it("a Coverage or Rank typed over is reported with what its formula gives; an untouched scorecard has no such issue", async () => {
    const { run, location, edit } = await setUp();
    expect((await readScorecard(run, location)).issues).toEqual([]);
    await edit((c) => {
      const sheet = c.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("J2").values = [[""]];
      sheet.getRange("L3").values = [[1]];
    });
    const data = await readScorecard(run, location);
    expect(data.issues.map((x) => [x.address, x.column])).toEqual([
      ["J2", "Coverage"],
      ["L3", "Rank"],
    ]);
    expect(data.issues[0].message).toMatch(
      /Scorecard!J2 \(agreement ".+", Coverage\) shows nothing but its formula gives 4\/4/,
    );
    expect(data.computed[0].coverage).toBe(4);
  });
});

describe("Repair formulas", () => {
  it("writes back typed-over formulas, the policy cell and row formats, with an Audit row, and leaves every typed value alone", async () => {
    const config = defaultConfig("renormalize", [3, 2, 1, 1]);
    const { sim, run, location, agreements, edit } = await setUp(config);
    const pristine = {
      formulas: sim.inspect.formulas("Scorecard", "J2:L11"),
      results: sim.inspect.formulas("Results", "A2:G11"),
    };
    await edit((c) => {
      const sheet = c.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("K4").values = [[100]];
      sheet.getRange("J5:L5").values = [["", "", ""]];
      sheet.getRange("B6").values = [["Renamed by hand"]];
      c.workbook.worksheets.getItem("Results").getRange("G7").values = [[0.5]];
      c.workbook.worksheets.getItem("Weights").getRange("H3").values = [["zero"]];
    });
    const broken = await readScorecard(run, location);
    expect(broken.issues.map((i) => `${i.sheet}!${i.address}`)).toEqual(
      expect.arrayContaining(["Scorecard!K4", "Scorecard!J5", "Scorecard!K5", "Weights!H3"]),
    );
    expect(broken.issues.find((i) => i.address === "H3")!.message).toBe(
      `Weights!H3 says "zero" but the scorecard's formulas apply the missing-score policy "renormalize", which is chosen when the scorecard is created; typing in this cell changes nothing. "Repair formulas" on the Results tab writes "renormalize" back.`,
    );
    const typed = sim.inspect.formulas("Scorecard", "A2:I11");

    await repairFormulas(run, broken, { author: "Ana", now: new Date("2026-12-04T10:00:00Z") });

    expect(sim.inspect.formulas("Scorecard", "J2:L11")).toEqual(pristine.formulas);
    expect(sim.inspect.formulas("Results", "A2:G11")).toEqual(pristine.results);
    expect(sim.inspect.formulas("Scorecard", "A2:I11")).toEqual(typed);
    expect(sim.inspect.values("Weights", "H3")).toEqual([["renormalize"]]);
    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    const model = modelScores(config, after.agreements);
    after.agreements.forEach((a, i) => {
      expect(after.computed[i].score).toBeCloseTo(model.get(a.id)!.score!, 9);
      expect(after.computed[i].rank).toBe(model.get(a.id)!.rank);
    });
    expect(after.agreements[4].name).toBe("Renamed by hand");
    expect(agreements[4].name).not.toBe("Renamed by hand");
    expect(after.audit.at(-1)).toMatchObject({
      who: "Ana",
      what: "formulas repaired",
      before: `${broken.issues.length} issues`,
      after: "rows 2–11",
    });
  });
});

describe("sheets renamed by hand", () => {
  it("issues name the Scorecard sheet as it is called now", async () => {
    const { run, location, edit } = await setUp();
    await edit((c) => {
      c.workbook.worksheets.getItem("Scorecard").name = "Agreements 2026";
      c.workbook.worksheets.getItem("Agreements 2026").getRange("F3").values = [[9]];
    });
    const data = await readScorecard(run, location);
    expect(data.issues.map((i) => [i.sheet, i.address])).toEqual([["Agreements 2026", "F3"]]);
    expect(data.issues[0].message).toMatch(/^Agreements 2026!F3 \(agreement/);
  });
});

describe("defined names deleted or broken by hand", () => {
  it("a deleted AS_W_ name: one issue names it, the pane keeps the model's scores, and Repair adds it back", async () => {
    const config = defaultConfig("exclude", [2, 1, 1, 1]);
    const { sim, run, location, agreements, edit } = await setUp(config);
    await edit((c) => c.workbook.names.getItem("AS_W_threat_response").delete());
    expect(sim.inspect.values("Scorecard", "K2")).toEqual([["#NAME?"]]);
    const broken = await readScorecard(run, location);
    expect(broken.issues.map((i) => i.message)).toEqual([
      `The defined name AS_W_threat_response, which names the normalized weight of criterion "Threat response" (sheet "Weights", E5) for every Weighted score, was deleted, so the scores show #NAME?. The pane computes them itself meanwhile; "Repair formulas" on the Results tab adds the name back.`,
    ]);
    const model = modelScores(config, agreements);
    broken.agreements.forEach((a, i) => expect(broken.computed[i].rank).toBe(model.get(a.id)!.rank));
    await repairFormulas(run, broken, { author: "Ana" });
    expect(sim.inspect.names().find((n) => n.name === "AS_W_threat_response")!.formula).toBe("=Weights!$E$5");
    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    expect(sim.inspect.values("Scorecard", "K2")[0][0]).toBeCloseTo(model.get(agreements[0].id)!.score!, 9);
  });

  it("the Weights sheet's column H deleted: the read still opens the scorecard, says the scale is gone, and Repair writes it back", async () => {
    const config = defaultConfig("zero", [1, 2, 3, 4]);
    const { sim, run, location, agreements, edit } = await setUp(config);
    await edit((c) => c.workbook.worksheets.getItem("Weights").getRange("H:H").delete("Left"));
    const broken = await readScorecard(run, location);
    expect(broken.config.scale).toEqual({ min: 1, max: 5 });
    expect(broken.issues.map((i) => [i.sheet, i.address, i.message])).toEqual([
      [
        "Weights",
        "H1:H2",
        `The scale of sheet "Weights" (cells H1:H2, named AS_ScaleMin and AS_ScaleMax) is gone: its cells or a name were deleted, so every score shows #REF! or #NAME?. The pane uses the scale the scorecard was made with (1–5); "Repair formulas" on the Results tab writes the scale back to G1:H3 and points the names at it.`,
      ],
    ]);
    await repairFormulas(run, broken, { author: "Ana" });
    expect(sim.inspect.values("Weights", "G1:H3")).toEqual([
      ["Scale minimum", 1],
      ["Scale maximum", 5],
      ["Missing scores", "zero"],
    ]);
    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    const model = modelScores(config, agreements);
    after.agreements.forEach((a, i) => {
      expect(after.computed[i].score).toBeCloseTo(model.get(a.id)!.score!, 9);
      expect(after.computed[i].rank).toBe(model.get(a.id)!.rank);
    });
  });

  it("the name AS_ScaleMax deleted: the read uses the scorecard's scale and Repair adds the name back", async () => {
    const { sim, run, location, edit } = await setUp();
    await edit((c) => c.workbook.names.getItem("AS_ScaleMax").delete());
    const broken = await readScorecard(run, location);
    expect(broken.issues.map((i) => i.address)).toEqual(["H1:H2"]);
    await repairFormulas(run, broken, { author: "Ana" });
    expect(sim.inspect.names().find((n) => n.name === "AS_ScaleMax")!.formula).toBe("=Weights!$H$2");
    expect((await readScorecard(run, location)).issues).toEqual([]);
  });
});

describe("a row whose ID is blank or repeated", () => {
  it("is still checked: a score typed over in such a row is reported", async () => {
    const { run, location, edit } = await setUp();
    await edit((c) => {
      const sheet = c.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("A3").values = [[""]];
      sheet.getRange("A5").values = [["'NATO"]];
      sheet.getRange("K3").values = [[99]];
      sheet.getRange("K5").values = [[98]];
    });
    const data = await readScorecard(run, location);
    const typedOver = data.issues.filter((i) => i.repairable).map((i) => i.address);
    expect(typedOver).toEqual(expect.arrayContaining(["K3", "K5"]));
  });
});

describe("empty rows and an empty scorecard", () => {
  it("under the zero policy an empty row is not scored nor ranked, on the Scorecard or the Results sheet", async () => {
    const { sim, run } = newWorkbook();
    const config = defaultConfig("zero");
    await createScorecard(run, { config, agreements: [] });
    expect(sim.inspect.values("Scorecard", "J2:L2")).toEqual([["", "", ""]]);
    expect(sim.inspect.values("Results", "A2:E2")).toEqual([[1, "", "", "", ""]]);
    // An agreement with an ID and no scores is scored 0 under this policy, as the model says.
    sim.userEdit("Scorecard", "A2", "X1");
    expect(sim.inspect.values("Scorecard", "K2:L2")).toEqual([[0, 1]]);
    expect(sim.inspect.values("Results", "B2:E2")).toEqual([["X1", "", 0, 1]]);
  });

  it("Repair formulas on an empty scorecard whose table was moved down by rows inserted above it", async () => {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, { config: defaultConfig(), agreements: [] });
    await run(async (c) => {
      c.workbook.worksheets.getItem("Scorecard").getRange("1:2").insert("Down");
      await c.sync();
    });
    const data = await readScorecard(run, location);
    await repairFormulas(run, data, { author: "Ana" });
    expect(sim.inspect.cell("Scorecard", "K4").formula).toMatch(/^=IF\(/);
    expect((await readScorecard(run, location)).issues).toEqual([]);
  });

  it("a value typed over an empty row's Weighted score is reported, and Repair writes the formula back", async () => {
    const { sim, run } = newWorkbook();
    const [first, second] = exampleAgreements();
    const { location } = await createScorecard(run, { config: defaultConfig(), agreements: [first, second] });
    // The last agreement's cells cleared by hand leave an empty row at the table's end, with its
    // formulas; then 0 typed over its Weighted score.
    for (const column of "ABCDEFGHI") sim.userEdit("Scorecard", `${column}3`, "");
    sim.userEdit("Scorecard", "K3", 0);
    // The Results sheet ranks it below the real agreement.
    expect(sim.inspect.values("Results", "B3:D3")).toEqual([["", "", 0]]);
    const data = await readScorecard(run, location);
    expect(data.agreements.map((a) => a.id)).toEqual([first.id]);
    expect(data.issues.map((i) => [i.address, i.repairable])).toEqual([["K3", true]]);
    expect(data.issues[0].message).toContain("(an empty row of the table, Weighted score) shows 0");
    await repairFormulas(run, data, { author: "Ana" });
    expect(sim.inspect.cell("Scorecard", "K3").formula).toMatch(/^=IF\(/);
    expect(sim.inspect.values("Results", "B3:D3")).toEqual([["", "", ""]]);
    expect((await readScorecard(run, location)).issues).toEqual([]);
  });
});

describe("text over the Rank of an unranked row", () => {
  it("is reported: '7 or TRUE typed where the formula shows nothing", async () => {
    const { sim, run, location } = await setUp();
    sim.userEdit("Scorecard", "G2", "");
    sim.userEdit("Scorecard", "L2", "'7");
    sim.userEdit("Scorecard", "L3", true);
    const data = await readScorecard(run, location);
    const ranks = data.issues
      .filter((i) => i.column === "Rank")
      .map((i) => [i.address, /shows (.*?) but/.exec(i.message)![1]]);
    expect(ranks).toEqual(expect.arrayContaining([["L2", '"7"']]));
    expect(ranks.map(([address]) => address)).toContain("L3");
  });
});

describe("the Results sheet renamed by hand", () => {
  it("is found by its headers: adding an agreement and Repair formulas write to it", async () => {
    const { sim, run, location, edit } = await setUp();
    await edit((c) => {
      c.workbook.worksheets.getItem("Results").name = "Ranking 2026";
    });
    const data = await readScorecard(run, location);
    expect(data.location.meta.sheets.results).toBe("Ranking 2026");
    expect(data.issues).toEqual([]);
    await upsertAgreements(run, data, [{ id: "NEW", name: "New", scores: {} }], { author: "Ana" });
    await repairFormulas(run, await readScorecard(run, location), { author: "Ana" });
    expect(sim.inspect.sheetNames()).not.toContain("Results");
    expect(sim.inspect.values("Ranking 2026", "B2")).toEqual([["NATO"]]);
  });

  it("deleted: an issue says so, and the scores are read all the same", async () => {
    const { run, location, edit } = await setUp();
    await edit((c) => c.workbook.worksheets.getItem("Results").delete());
    const data = await readScorecard(run, location);
    expect(data.issues.map((i) => i.message)).toEqual([
      `The sheet "Results" that holds the sorted ranking and the charts is gone, so agreements cannot be added until it is back. Undo its deletion, or restore it from a saved copy; the Scorecard's own scores and ranks are not affected.`,
    ]);
    expect(data.computed.every((c) => c.rank !== null)).toBe(true);
  });
});

describe("metadata tampered to an impossible scale", () => {
  it.each(['{"min":1,"max":1e999}', '{"min":-1e999,"max":5}'])(
    "%s is refused as MetadataInvalid naming the sheet and key, not a ScoringError",
    async (scale) => {
      const { run } = await setUp();
      await run(async (c) => {
        const used = c.workbook.worksheets.getItem("AS_Meta").getUsedRange().load("values, rowIndex");
        await c.sync();
        const row = used.values.findIndex((r) => r[0] === "scale");
        c.workbook.worksheets.getItem("AS_Meta").getRange(`B${used.rowIndex + row + 1}`).values = [[scale]];
        const threshold = used.values.findIndex((r) => r[0] === "sdThreshold");
        c.workbook.worksheets
          .getItem("AS_Meta")
          .getRange(`A${used.rowIndex + threshold + 1}:B${used.rowIndex + threshold + 1}`).values = [
          ["", ""],
        ];
      });
      const error = await locateScorecard(run).catch((e) => e);
      expect(error).toMatchObject({ name: "WorkbookError", code: "MetadataInvalid" });
      expect(error.message).toMatch(/"AS_Meta", key "scale"/);
    },
  );
});
