/**
 * The Weights table, or the indicator weights table, sorted by hand. A sort moves the rows, but
 * Excel (like LibreOffice) leaves a reference to a cell inside the sorted range pointing at that
 * cell: the AS_W_ and AS_L_ names then name another criterion's or indicator's weight, and the
 * sheet's scores come out wrong with no error. The read reports each such name at the cell it
 * should name, the pane's own numbers come from the weights by ID, and Repair formulas points the
 * names back, after which every score on the sheet is the model's again.
 */
import { scoreAgreements } from "../../src/scoring";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import type { ScorecardData } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig, newWorkbook } from "./helpers";
import { CRITERION, modelResults, readNow, twoLevelScorecard, typeCells } from "./indicator-support";

type Cell = string | number | boolean;

/** A sort as Excel leaves it: the typed cells of `range`'s rows in a new order (its formula columns are per row). */
async function sortRows(run: ExcelRun, sheet: string, range: string, order: (rows: Cell[][]) => Cell[][]) {
  await run(async (context) => {
    const r = context.workbook.worksheets.getItem(sheet).getRange(range).load("values");
    await context.sync();
    r.values = order(r.values as Cell[][]);
    await context.sync();
  });
}

/** The Weighted scores the Scorecard sheet shows, by agreement ID. */
function shownScores(sim: ReturnType<typeof newWorkbook>["sim"], data: ScorecardData) {
  const score = data.columns.score;
  return new Map(
    data.agreements.map((a, i) => [a.id, sim.inspect.values("Scorecard", `${score}${data.rows[i]}`)[0][0]]),
  );
}

describe("a weights table sorted by hand", () => {
  it("the Weights table sorted by weight: each moved AS_W_ name is reported, and Repair points it back", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, {
      config: defaultConfig("exclude", [3, 2, 1.5, 0.5]),
      agreements: exampleAgreements(),
    });
    const before = await readNow(run);
    // Ascending by weight (column D): the four rows reversed.
    await sortRows(run, "Weights", "A2:D5", (rows) => [...rows].sort((a, b) => Number(a[3]) - Number(b[3])));
    const sorted = await readNow(run);
    // The pane's weights are read by ID: unchanged.
    expect(sorted.config.criteria.map((c) => [c.id, c.weight])).toEqual(
      before.config.criteria.map((c) => [c.id, c.weight]),
    );
    // The sheet's scores are wrong (every name now names another criterion's weight) …
    const model = scoreAgreements({
      criteria: sorted.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
      scale: sorted.config.scale,
      agreements: sorted.agreements,
      missing: sorted.config.missingPolicy,
    });
    const shown = shownScores(sim, sorted);
    expect(model.some((m) => m.score !== null && Math.abs(Number(shown.get(m.id)) - m.score) > 1e-6)).toBe(
      true,
    );
    // … and the read says which name points where, once per name rather than once per row.
    expect(sorted.issues.map((i) => [i.address, i.criterionId])).toEqual([
      ["E5", "operational_efficiency"],
      ["E4", "strategic_alignment"],
      ["E3", "capability_enhancement"],
      ["E2", "threat_response"],
    ]);
    expect(sorted.issues[0].message).toBe(
      'The defined name AS_W_operational_efficiency should name the normalized weight of criterion "Operational efficiency", which every Weighted score uses (sheet "Weights", E5), but it points at Weights!$E$2: the table was sorted or its rows moved by hand, and names keep pointing at the cells they named. So the sheet\'s scores use another row\'s weight; the pane computes them itself, from the weights by ID, meanwhile. "Repair formulas" on the Results tab points the name back.',
    );
    expect(sorted.issues.every((i) => i.repairable)).toBe(true);

    await repairFormulas(run, sorted, { author: "Analyst" });
    const repaired = await readNow(run);
    expect(repaired.issues).toEqual([]);
    expect(sim.inspect.names().find((n) => n.name === "AS_W_operational_efficiency")!.formula).toBe(
      "=Weights!$E$5",
    );
    const fixed = shownScores(sim, repaired);
    for (const m of model)
      if (m.score === null) expect(fixed.get(m.id)).toBe("");
      else expect(Number(fixed.get(m.id))).toBeCloseTo(m.score, 9);
  });

  it("the indicator weights table sorted by local weight: AS_L_ names reported, Repair points them back", async () => {
    const { sim, run } = await twoLevelScorecard("renormalize", [2, 1, 3]);
    await typeCells(run, { G3: 5, H3: 1, I3: 2, G4: 1, H4: 5, I4: 4 });
    // The indicator table's typed columns J:O, rows 2–4, sorted by Local weight (O) descending.
    await sortRows(run, "Weights", "J2:O4", (rows) => [...rows].sort((a, b) => Number(b[5]) - Number(a[5])));
    const sorted = await readNow(run);
    expect(sorted.config.criteria[0].indicators!.map((i) => [i.id, i.localWeight])).toEqual([
      ["joint_exercises", 2],
      ["shared_logistics", 1],
      ["command_liaison", 3],
    ]);
    const moved = sorted.issues.filter(
      (i) => i.indicatorId !== undefined && i.column === "Normalized local weight",
    );
    expect(moved.map((i) => [i.indicatorId, i.address])).toEqual([
      ["joint_exercises", "P3"],
      ["shared_logistics", "P4"],
      ["command_liaison", "P2"],
    ]);
    await repairFormulas(run, sorted, { author: "Analyst" });
    const repaired = await readNow(run);
    expect(repaired.issues).toEqual([]);
    // Every criterion cell and score on the sheet is the model's again.
    const model = modelResults(repaired);
    repaired.computed.forEach((row, i) => {
      expect(row.score).toBeCloseTo(model[i].score!, 9);
      const shown = sim.inspect.values("Scorecard", `F${repaired.rows[i]}`)[0][0];
      const want = model[i].criterionScores[CRITERION];
      if (want === null) expect(shown).toBe("");
      else expect(shown).toBeCloseTo(want, 9);
    });
  });

  it("on a Weights sheet renamed with spaces and quotes, names are matched as Excel quotes them", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, {
      config: defaultConfig("exclude", [3, 2, 1.5, 0.5]),
      agreements: exampleAgreements(),
    });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Weights").name = "Weights 'Q3' 2026";
      await context.sync();
    });
    expect(sim.inspect.names().find((n) => n.name === "AS_W_threat_response")!.formula).toBe(
      "='Weights ''Q3'' 2026'!$E$5",
    );
    expect((await readNow(run)).issues).toEqual([]);
    await sortRows(run, "Weights 'Q3' 2026", "A2:D5", (rows) => [...rows].reverse());
    const sorted = await readNow(run);
    expect(sorted.issues.map((i) => [i.sheet, i.address])).toEqual([
      ["Weights 'Q3' 2026", "E5"],
      ["Weights 'Q3' 2026", "E4"],
      ["Weights 'Q3' 2026", "E3"],
      ["Weights 'Q3' 2026", "E2"],
    ]);
    await repairFormulas(run, sorted, { author: "Analyst" });
    expect((await readNow(run)).issues).toEqual([]);
  });
});
