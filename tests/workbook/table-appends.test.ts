/**
 * Rows the add-in appends end up inside their tables even where Excel does not take rows written
 * below a table into it (office-js #3191, #3013, #2097; excel-sim's setAutoExpansion(false)), and
 * a table with a total row gets its new rows above the totals, never over them.
 */
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { addCriterion } from "../../src/workbook/criteria/editCriteria";
import { saveProfile } from "../../src/workbook/weights/profiles";
import type { ExcelRun } from "../../src/workbook/run";
import { switchToSingle, switchToTeam } from "../../src/workbook/team/mode";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { expectFormulasMatchModel, newWorkbook } from "./helpers";
import { newScorecard } from "./scorecardFixture";

const setUp = () => newScorecard({ agreements: exampleAgreements().slice(0, 3) });

const EVEN = {
  operational_efficiency: 1,
  strategic_alignment: 1,
  capability_enhancement: 1,
  threat_response: 1,
};

const tableRows = (sim: ReturnType<typeof newWorkbook>["sim"], name: string) =>
  sim.inspect.tables().find((t) => t.name === name)!.rowCount;

describe("Excel not taking rows written below a table into it", () => {
  it("new agreements and their Audit rows still go into their tables, formatted and validated", async () => {
    const { sim, run, location, data } = await setUp();
    sim.setAutoExpansion(false);
    await upsertAgreements(
      run,
      data,
      [
        { id: "NEW-1", name: "First", scores: { threat_response: 3 } },
        { id: "NEW-2", name: "Second" },
      ],
      { author: "Ana" },
    );
    expect(tableRows(sim, "Scorecard")).toBe(5);
    expect(sim.stats.tableRowsAdd).toBeGreaterThan(0);
    const after = await readScorecard(run, location);
    expect(after.agreements.map((a) => a.id)).toEqual(["NATO", "CSTO", "US-JP", "NEW-1", "NEW-2"]);
    expectFormulasMatchModel(after);
    expect(after.audit.filter((e) => e.what === "agreement added").map((e) => e.agreementId)).toEqual([
      "NEW-1",
      "NEW-2",
    ]);
    expect(after.issues).toEqual([]);
    // Nothing was left below the tables.
    expect(sim.inspect.values("Scorecard", "A7:B8")).toEqual([
      ["", ""],
      ["", ""],
    ]);
    expect(sim.inspect.validation("Scorecard", "I6")).toHaveLength(1);
    expect(sim.inspect.cell("Scorecard", "K6").numberFormat).toBe("0.00");
  });

  it("a weight change's Audit rows and a reviewer's new rows go into their tables", async () => {
    const { sim, run, location } = await setUp();
    await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
    const team = await readScorecard(run, location);
    const trail = tableRows(sim, "ScorecardAudit");
    const reviews = tableRows(sim, "ScorecardReviews");
    sim.setAutoExpansion(false);
    await writeWeights(run, team, { threat_response: 2, strategic_alignment: 3 }, { author: "Ana" });
    await writeReviews(run, await readScorecard(run, location), "Bea", [
      { agreementId: "NATO", criterionId: "threat_response", score: 1, rationale: "" },
    ]);
    expect(tableRows(sim, "ScorecardAudit")).toBe(trail + 3);
    expect(tableRows(sim, "ScorecardReviews")).toBe(reviews + 1);
    const after = await readScorecard(run, location);
    expect(after.reviews.filter((r) => r.reviewer === "Bea")).toHaveLength(1);
    expect(after.audit.slice(-3).map((e) => e.what)).toEqual(["weight", "weight", "review"]);
    expect(after.issues).toEqual([]);
  });
});

describe("a Scorecard table with a total row (turned on by hand)", () => {
  it("new agreements go above the total row, which keeps its content", async () => {
    const { sim, run, location, data } = await setUp();
    await run(async (context) => {
      context.workbook.tables.getItem("Scorecard").showTotals = true;
      await context.sync();
    });
    expect(sim.inspect.values("Scorecard", "A5")).toEqual([["Total"]]);
    await upsertAgreements(run, data, [{ id: "NEW-1", name: "First", scores: { threat_response: 3 } }], {
      author: "Ana",
    });
    expect(sim.inspect.values("Scorecard", "A5:B6")).toEqual([
      ["NEW-1", "First"],
      ["Total", ""],
    ]);
    const after = await readScorecard(run, location);
    expect(after.agreements.map((a) => a.id)).toEqual(["NATO", "CSTO", "US-JP", "NEW-1"]);
    expectFormulasMatchModel(after);
  });
});

const totalRowOn = (run: ExcelRun, table: string) =>
  run(async (context) => {
    context.workbook.tables.getItem(table).showTotals = true;
    await context.sync();
  });

/** The table's body rows and the row below them (its total row, if it has one), as values. */
function bodyValues(sim: ReturnType<typeof newWorkbook>["sim"], name: string) {
  const table = sim.inspect.tables().find((t) => t.name === name)!;
  const [, from, to, last] = /([A-Z]+\d+):([A-Z]+)(\d+)$/.exec(table.address)!;
  return sim.inspect.values(table.sheet, `${from}:${to}${Number(last) + 1}`).slice(1);
}

describe("switching to a team, saving a profile, adding a criterion: every row in its table", () => {
  it("with Excel taking no row in, the switch's reviews, a profile's rows and a criterion's Weights row are moved in", async () => {
    const { sim, run, location, data } = await setUp();
    sim.setAutoExpansion(false);
    await saveProfile(run, data, { name: "Even", author: "Ana", weights: EVEN });
    await saveProfile(run, await readScorecard(run, location), {
      name: "Again",
      author: "Ana",
      weights: EVEN,
    });
    expect(bodyValues(sim, "ScorecardProfiles").map((r) => r[0])).toEqual([
      ...Array(4).fill("Even"),
      ...Array(4).fill("Again"),
      "",
    ]);
    await addCriterion(
      run,
      await readScorecard(run, location),
      { name: "Cyber", definition: "Cyber defence", weight: 2 },
      { author: "Ana" },
    );
    const withCyber = await readScorecard(run, location);
    expect(bodyValues(sim, "ScorecardWeights").map((r) => r[1])).toEqual([
      ...withCyber.config.criteria.map((c) => c.name),
      "",
    ]);
    expect(withCyber.config.criteria.map((c) => c.name)).toContain("Cyber");
    expect(withCyber.issues).toEqual([]);
    expectFormulasMatchModel(withCyber);
    await switchToTeam(run, withCyber, { reviewer: "Ana" });
    const team = await readScorecard(run, location);
    const scored = withCyber.agreements.flatMap((a) => Object.values(a.scores).filter((s) => s !== null));
    expect(tableRows(sim, "ScorecardReviews")).toBe(scored.length);
    expect(team.reviews).toHaveLength(scored.length);
    expect(team.agreements.map((a) => a.scores)).toEqual(withCyber.agreements.map((a) => a.scores));
    expect(team.issues).toEqual([]);
    // Nothing below the tables: each sheet's content is its table.
    for (const name of ["ScorecardProfiles", "ScorecardWeights", "ScorecardReviews"]) {
      const table = sim.inspect.tables().find((t) => t.name === name)!;
      const used = sim.inspect.usedRange(table.sheet, true)!;
      expect(Number(/\d+$/.exec(used)![0])).toBe(Number(/\d+$/.exec(table.address)![0]));
    }
  });

  it("tables with total rows turned on by hand get the new rows above them, their totals kept", async () => {
    const { sim, run, location, data } = await setUp();
    await saveProfile(run, data, { name: "Even", author: "Ana", weights: EVEN });
    for (const table of ["ScorecardProfiles", "ScorecardWeights"]) await totalRowOn(run, table);
    await saveProfile(run, await readScorecard(run, location), {
      name: "Again",
      author: "Bea",
      weights: EVEN,
    });
    const profiles = bodyValues(sim, "ScorecardProfiles");
    expect(profiles.map((r) => r[0])).toEqual([...Array(4).fill("Even"), ...Array(4).fill("Again"), "Total"]);
    expect((await readScorecard(run, location)).profiles.map((p) => p.name)).toEqual(["Again", "Even"]);
    await addCriterion(
      run,
      await readScorecard(run, location),
      { name: "Cyber", definition: "", weight: 2 },
      { author: "Ana" },
    );
    const weights = bodyValues(sim, "ScorecardWeights");
    expect(weights.map((r) => r[1]).slice(-2)).toEqual(["Cyber", ""]);
    expect(weights[weights.length - 1][0]).toBe("Total");
    const withCyber = await readScorecard(run, location);
    expect(withCyber.config.criteria.find((c) => c.name === "Cyber")!.weight).toBe(2);
    expect(withCyber.issues).toEqual([]);
    expectFormulasMatchModel(withCyber);
    // A team's Reviews table with a total row: switched back and forth, a new reviewer's reviews
    // go above it.
    await switchToTeam(run, withCyber, { reviewer: "Ana" });
    await totalRowOn(run, "ScorecardReviews");
    await switchToSingle(run, await readScorecard(run, location), { reviewer: "Ana" });
    const single = await readScorecard(run, location);
    await upsertAgreements(run, single, [{ id: "NATO", scores: { threat_response: 1 } }], { author: "Bea" });
    await switchToTeam(run, await readScorecard(run, location), { reviewer: "Bea" });
    const reviews = bodyValues(sim, "ScorecardReviews");
    expect(reviews[reviews.length - 1][0]).toBe("Total");
    expect(reviews[reviews.length - 2].slice(0, 4)).toEqual(["Bea", "NATO", "threat_response", 1]);
    const team = await readScorecard(run, location);
    expect(team.agreements[0].scores.threat_response).toBe(1);
    expect(team.issues).toEqual([]);
  });
});
