/**
 * Rows the add-in appends end up inside their tables even where Excel does not take rows written
 * below a table into it (office-js #3191, #3013, #2097; excel-sim's setAutoExpansion(false)), and
 * a table with a total row gets its new rows above the totals, never over them.
 */
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { switchToTeam } from "../../src/workbook/team/mode";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";

async function setUp() {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: exampleAgreements().slice(0, 3),
  });
  return { sim, run, location, data: await readScorecard(run, location) };
}

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
