/**
 * The Scorecard's header band (issue 16, scorecard/headerBand.ts): a row inserted above the table's
 * header with the first indicators, naming each criterion over its group of columns, written again
 * by every change that moves columns and by Repair, and deleted with the last indicators; never
 * written over text a person typed into it.
 */
import { BAND_FILL, BAND_FONT, bandGroups } from "../../src/workbook/scorecard/headerBand";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { addCriterion, renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { DEFAULT_SCORECARD_COLUMNS, newScorecard } from "./scorecardFixture";
import {
  addSuggestedIndicators,
  addThreatIndicators,
  CRITERION,
  expectWorkbookMatchesModel,
  readNow,
  twoLevelScorecard,
  typeCells,
} from "./indicator-support";

const by = { author: "Analyst" };
type Sim = Awaited<ReturnType<typeof twoLevelScorecard>>["sim"];

/** Row 1 of the Scorecard sheet, A to width, as the grid shows it. */
const bandRow = (sim: Sim, width = "P") => sim.inspect.values("Scorecard", `A1:${width}1`)[0];

/** Each label of row 1 with the columns its centred format spans: ["F:I Operational efficiency", …]. */
function bandLabelsOf(sim: Sim): string[] {
  const row = bandRow(sim, "T");
  const labels: string[] = [];
  row.forEach((value, c) => {
    if (value === "") return;
    let to = c;
    while (
      to + 1 < row.length &&
      row[to + 1] === "" &&
      sim.inspect.cell("Scorecard", `${letter(to + 1)}1`).format?.horizontalAlignment ===
        "CenterAcrossSelection"
    )
      to++;
    labels.push(`${letter(c)}:${letter(to)} ${String(value)}`);
  });
  return labels;
}
const letter = (c: number) => String.fromCharCode(65 + c);

/** The columns of row 1 that carry the band's fill, as runs: ["F:I", …]; none left where no group is. */
function filledRuns(sim: Sim): string[] {
  const filled = Array.from(
    { length: 20 },
    (_, c) => sim.inspect.cell("Scorecard", `${letter(c)}1`).format?.fillColor === BAND_FILL,
  );
  const runs: string[] = [];
  filled.forEach((on, c) => {
    if (on && !filled[c - 1]) runs.push(letter(c));
    if (on && !filled[c + 1]) runs[runs.length - 1] += `:${letter(c)}`;
  });
  return runs;
}

describe("the header band", () => {
  it("comes with the first indicators: a row above the header names the criterion over its group", async () => {
    const { sim, data } = await twoLevelScorecard();
    expect(data.location.meta.headerBand).toBe(true);
    expect(data.headerRow).toBe(2);
    expect(sim.inspect.tables().find((t) => t.name === "Scorecard")!.address).toMatch(/^Scorecard!A2:/);
    expect(bandLabelsOf(sim)).toEqual(["F:I Operational efficiency"]);
    expect(sim.inspect.cell("Scorecard", "F1").format).toMatchObject({
      horizontalAlignment: "CenterAcrossSelection",
      fillColor: BAND_FILL,
      fontColor: BAND_FONT,
      bold: true,
      borders: { EdgeBottom: { style: "Continuous" } },
    });
    // The header row stays frozen, now under the band.
    expect(sim.inspect.freeze("Scorecard")).toEqual({ rows: 2, columns: 0 });
    // The rows moved down one; their formulas and the Results followed.
    expect(data.rows[0]).toBe(3);
    expect(data.issues).toEqual([]);
    expectWorkbookMatchesModel(data, (row) => sim.inspect.values("Scorecard", `F${row}`)[0][0]);
  });

  it("is one row for every criterion with indicators, each over its own group", async () => {
    const { sim, run } = await twoLevelScorecard();
    await addThreatIndicators(run);
    const data = await readNow(run);
    expect(data.headerRow).toBe(2);
    expect(bandLabelsOf(sim)).toEqual(["F:I Operational efficiency", "L:N Threat response"]);
  });

  it("follows a reorder, a rename, a criterion added and one removed", async () => {
    const { sim, run } = await twoLevelScorecard();
    await addThreatIndicators(run);
    let data = await readNow(run);
    await reorderCriteria(run, data, [...data.config.criteria.map((c) => c.id)].reverse(), by);
    expect(bandLabelsOf(sim)).toEqual(["F:H Threat response", "K:N Operational efficiency"]);
    // Nothing of the old band is left over the columns that no group covers now.
    expect(filledRuns(sim)).toEqual(["F:H", "K:N"]);
    await renameCriterion(run, await readNow(run), CRITERION, "Operations", by);
    expect(bandLabelsOf(sim)).toEqual(["F:H Threat response", "K:N Operations"]);
    // A criterion added after the last group: its table column moves nothing the band labels.
    await addCriterion(run, await readNow(run), { name: "Legal fit", definition: "", weight: 1 }, by);
    data = await readNow(run);
    expect(data.columns.criteria.map((c) => c.column)).toEqual(["F", "I", "J", "K", "O"]);
    expect(bandLabelsOf(sim)).toEqual(["F:H Threat response", "K:N Operations"]);
    await removeCriterion(run, data, "strategic_alignment", { ...by, confirmDataLoss: true });
    expect(bandLabelsOf(sim)).toEqual(["F:H Threat response", "J:M Operations"]);
    expect(filledRuns(sim)).toEqual(["F:H", "J:M"]);
    const after = await readNow(run);
    expect(after.issues).toEqual([]);
    expect(after.headerRow).toBe(2);
  });

  it("goes with the last indicators: the row is deleted and the table is back at A1, scores kept", async () => {
    const { sim, run, data } = await twoLevelScorecard();
    await typeCells(run, { G3: 5, H3: 3, I3: 1 });
    const before = await readNow(run);
    await setIndicators(run, before, CRITERION, [], { ...by, confirmDataLoss: true });
    const after = await readNow(run);
    expect(after.location.meta.headerBand).toBe(false);
    expect(after.headerRow).toBe(1);
    expect(sim.inspect.tables().find((t) => t.name === "Scorecard")!.address).toMatch(/^Scorecard!A1:/);
    expect(sim.inspect.freeze("Scorecard")).toEqual({ rows: 1, columns: 0 });
    expect(bandRow(sim, "M")).toEqual([...DEFAULT_SCORECARD_COLUMNS]);
    expect(after.agreements.map((a) => a.scores[CRITERION])).toEqual(
      before.agreements.map((a) => a.scores[CRITERION]),
    );
    expect(after.computed.map((c) => [c.score, c.rank])).toEqual(
      before.computed.map((c) => [c.score, c.rank]),
    );
    expect(after.issues).toEqual([]);
    expect(data.headerRow).toBe(2);
  });

  it("is never written over a person's text: a note in its row is kept, and the row with it", async () => {
    const { sim, run } = await twoLevelScorecard();
    await typeCells(run, { B1: "Reviewed by the board, May" });
    await addThreatIndicators(run);
    // The band is left as it was (no label for Threat response), the note as typed.
    expect(bandRow(sim, "N")).toEqual([
      "",
      "Reviewed by the board, May",
      "",
      "",
      "",
      "Operational efficiency",
      ...Array(8).fill(""),
    ]);
    // Nor is the row deleted when the last indicators go: the table stays under it.
    let data = await readNow(run);
    await setIndicators(run, data, "threat_response", [], { ...by, confirmDataLoss: true });
    data = await readNow(run);
    await setIndicators(run, data, CRITERION, [], { ...by, confirmDataLoss: true });
    data = await readNow(run);
    expect(data.location.meta.headerBand).toBe(false);
    expect(data.headerRow).toBe(2);
    expect(sim.inspect.values("Scorecard", "B1")).toEqual([["Reviewed by the board, May"]]);
    expect(data.issues).toEqual([]);
  });

  it("Repair writes it again after labels were cleared by hand", async () => {
    const { sim, run } = await twoLevelScorecard();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Scorecard").getRange("A1:P1").clear();
      await context.sync();
    });
    expect(bandLabelsOf(sim)).toEqual([]);
    await repairFormulas(run, await readNow(run), by);
    expect(bandLabelsOf(sim)).toEqual(["F:I Operational efficiency"]);
  });

  it("is not made for a flat scorecard, which opens and stays as before", async () => {
    const { sim, run } = await newScorecard();
    const data = await readNow(run);
    expect(data.location.meta.headerBand).toBe(false);
    expect(data.headerRow).toBe(1);
    await addSuggestedIndicators(run);
    expect((await readNow(run)).headerRow).toBe(2);
    expect(sim.inspect.values("Scorecard", "F2")).toEqual([["Operational efficiency"]]);
  });

  it("labels each run of a group's columns where a column moved in by hand splits it (bandGroups)", async () => {
    const { data } = await twoLevelScorecard();
    const cols = data.columns;
    // Operational efficiency in F with indicators G, H, I; as if H had been moved to K by hand.
    const split = {
      ...cols,
      indicators: cols.indicators!.map((i) => (i.column === "H" ? { ...i, column: "K" } : i)),
    };
    expect(bandGroups(data.location.meta.criteria, split)).toEqual([
      { label: "Operational efficiency", from: 5, to: 6 },
      { label: "Operational efficiency", from: 8, to: 8 },
      { label: "Operational efficiency", from: 10, to: 10 },
    ]);
  });
});
