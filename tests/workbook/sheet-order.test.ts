import { attachScorecard } from "../../src/workbook/scorecard/attach";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig, newWorkbook, TREATIES_ATTACH } from "./helpers";

/** The tabs a person sees, left to right (the very hidden metadata sheet has none). */
function visibleTabs(sim: ReturnType<typeof newWorkbook>["sim"]): string[] {
  return sim.inspect
    .sheets()
    .filter((s) => s.visibility !== "VeryHidden")
    .map((s) => s.name);
}

describe("the scorecard's sheet tabs", () => {
  it("come as Scorecard, Weights, Results, Audit after the workbook's own sheets on create", async () => {
    const { sim, run } = newWorkbook(["Sheet1", "Notes"]);
    await createScorecard(run, { config: defaultConfig(), agreements: exampleAgreements() });
    expect(visibleTabs(sim)).toEqual(["Sheet1", "Notes", "Scorecard", "Weights", "Results", "Audit"]);
  });

  it("on an empty scorecard too, with the Scorecard the active sheet", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, { config: defaultConfig() });
    expect(visibleTabs(sim)).toEqual(["Sheet1", "Scorecard", "Weights", "Results", "Audit"]);
    expect(sim.inspect.sheets().find((s) => s.active)?.name).toBe("Scorecard");
  });

  it("follow the user's own table's sheet on attach, before the sheets after it", async () => {
    const { sim, run } = newWorkbook(["Cover", "Agreements", "Later"]);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Agreements");
      sheet.getRange("A1:F3").values = [
        ["Treaty", "Year", "Ops", "Strategy", "Cap", "Threats"],
        ["NATO", 1949, 4, 4, 4, 4],
        ["ANZUS", 1951, 3, 3, 3, 3],
      ];
      sheet.tables.add(sheet.getRange("A1:F3"), true).name = "Treaties";
      await context.sync();
    });
    await attachScorecard(run, { ...TREATIES_ATTACH, columns: { name: "Treaty", signed: "Year" } });
    expect(visibleTabs(sim)).toEqual(["Cover", "Agreements", "Weights", "Results", "Audit", "Later"]);
  });
});
