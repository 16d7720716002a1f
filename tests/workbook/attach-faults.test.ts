/**
 * Attach against Excel as it is: a user's table with mixed validation in its score columns
 * (office-js #2594), one with a total row, and an attach Excel stops part-way, after which
 * attaching again works and leaves no trace of the first attempt.
 */
import { attachScorecard } from "../../src/workbook/scorecard/attach";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { newWorkbook, snapshot, TREATIES_ATTACH } from "./helpers";

const USER_TABLE = [
  ["Treaty", "Year", "Ops", "Strategy", "Cap", "Threats", "Comment"],
  ["NATO", 1949, 4.5, 4.5, 4.5, 4.5, "collective defence"],
  ["ANZUS", 1951, 3.5, 3.5, 3.5, 3, ""],
  ["SEATO", 1954, 1.5, 2, 1.5, 1, "dissolved 1977"],
];

async function userWorkbook(prepare?: (sheet: Excel.Worksheet, table: Excel.Table) => void) {
  const { sim, run } = newWorkbook(["Agreements"]);
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Agreements");
    sheet.getRange("B3:H6").values = USER_TABLE;
    const table = sheet.tables.add(sheet.getRange("B3:H6"), true);
    table.name = "Treaties";
    prepare?.(sheet, table);
    await context.sync();
  });
  return { sim, run };
}

/** What a finished attach leaves, without ids that depend on the order things were made in. */
async function outcome(sim: Awaited<ReturnType<typeof userWorkbook>>["sim"], run: typeof sim.run) {
  const location = (await locateScorecard((b) => run(b)))!;
  const data = await readScorecard((b) => run(b), location);
  return {
    sheets: sim.inspect.sheets().map((s) => [s.name, s.visibility]),
    tables: sim.inspect.tables().map((t) => [t.name, t.address, t.columns]),
    names: sim.inspect.names().map((n) => [n.name, n.formula]),
    agreements: data.agreements,
    computed: data.computed,
    issues: data.issues,
  };
}

describe("attaching to a table Excel-style", () => {
  it("goes through when the score columns hold different validation of the user's", async () => {
    const { sim, run } = await userWorkbook((sheet) => {
      sheet.getRange("D4:D5").dataValidation.rule = { wholeNumber: { formula1: 0, operator: "GreaterThan" } };
      sheet.getRange("E5").dataValidation.prompt = { showPrompt: true, title: "Strategy", message: "1 to 5" };
    });
    const location = await attachScorecard(run, TREATIES_ATTACH);
    const data = await readScorecard(run, location);
    expect(data.agreements.map((a) => a.name)).toEqual(["NATO", "ANZUS", "SEATO"]);
    const rules = sim.inspect.validation("Agreements", "D4:E6").map((v) => [v.rule.type, v.ranges]);
    expect(rules).toEqual([
      ["Decimal", ["D4:D6"]],
      ["Decimal", ["E4:E6"]],
    ]);
  });

  it("refuses a table with a total row, saying what to do, and writes nothing", async () => {
    const { sim, run } = await userWorkbook((_, table) => (table.showTotals = true));
    const before = snapshot(sim);
    await expect(attachScorecard(run, TREATIES_ATTACH)).rejects.toMatchObject({
      code: "InvalidInput",
      place: { table: "Treaties", sheet: "Agreements" },
      message: expect.stringMatching(/shows a total row\. Turn it off \(Table Design › Total Row\)/),
    });
    expect(snapshot(sim)).toBe(before);
  });

  it("stopped part-way anywhere, it is no scorecard, and attaching again gives what one attach gives", async () => {
    const clean = await userWorkbook();
    clean.sim.resetStats();
    await attachScorecard(clean.run, TREATIES_ATTACH);
    const expected = await outcome(clean.sim, clean.sim.run);
    const actions = Math.max(...clean.sim.stats.syncActions);
    const writeSync = clean.sim.stats.syncActions.indexOf(actions) + 1;
    // Every action up to a few, then a spread through the batch, then its last ones.
    const cuts = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, actions - 2, actions - 1].filter((k) => k < actions);
    for (const k of cuts) {
      const { sim, run } = await userWorkbook();
      sim.resetStats();
      sim.failSync(writeSync, undefined, { afterActions: k });
      await expect(attachScorecard(run, TREATIES_ATTACH)).rejects.toThrow();
      expect({ k, located: await locateScorecard(run) }).toEqual({ k, located: null });
      await attachScorecard(run, TREATIES_ATTACH);
      expect({ k, ...(await outcome(sim, sim.run)) }).toEqual({ k, ...expected });
    }
  });
});
