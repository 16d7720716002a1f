/**
 * Indicators under a criterion in the workbook (issue 16): the columns, the criterion's live formula
 * against the model under each missing-score policy, the indicator weights table and its names; and
 * the two-level scorecard under edits made by hand (with issue 10's rules): every number the workbook
 * shows is the model's, or a visible flag, or an issue naming the cell; nothing is trusted that a
 * person typed over a formula the add-in owns, and Repair formulas writes it back.
 */
import type { MissingPolicy } from "../../src/scoring";
import { INVALID_MARK } from "../../src/workbook/contract/contract";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import type { ExcelRun } from "../../src/workbook/run";
import {
  CRITERION,
  expectWorkbookMatchesModel,
  modelResults,
  readNow,
  twoLevelScorecard,
  typeCells,
} from "./indicator-support";

const HEADER = "Operational efficiency";

describe("a criterion scored through its indicators", () => {
  it("gets one column per indicator beside it, and its cells become a formula over them", async () => {
    const { sim, data } = await twoLevelScorecard();
    const headers = sim.inspect.values("Scorecard", "A2:P2")[0];
    expect(headers.slice(5, 9)).toEqual([
      HEADER,
      `${HEADER} / Joint exercises and interoperability`,
      `${HEADER} / Shared logistics and resources`,
      `${HEADER} / Command and liaison arrangements`,
    ]);
    expect(sim.inspect.formulas("Scorecard", "F3")[0][0]).toMatch(/^=IF\(COUNTIFS\(G3,/);
    expect(data.columns.indicators!.map((c) => c.column)).toEqual(["G", "H", "I"]);
    // The examples' direct scores were replaced (with consent): every row's criterion is unscored.
    expect(data.agreements.every((a) => a.scores[CRITERION] === null)).toBe(true);
    expect(data.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([2, 1, 1]);
  });

  it("writes the indicator weights table with live normalized and global weights behind names", async () => {
    const { sim, data } = await twoLevelScorecard();
    const table = sim.inspect.tables().find((t) => t.name === "ScorecardIndicators")!;
    expect(table.address).toBe("Weights!J1:Q4");
    const normalized = sim.inspect.values("Weights", "P2:P4").map((r) => r[0] as number);
    const global = sim.inspect.values("Weights", "Q2:Q4").map((r) => r[0] as number);
    expect(normalized).toEqual([0.5, 0.25, 0.25]);
    const criterionWeight = 3 / 8;
    global.forEach((g, k) => expect(g).toBeCloseTo(criterionWeight * normalized[k], 12));
    expect(sim.inspect.names().find((n) => n.name === "AS_L_shared_logistics")?.formula).toBe(
      "=Weights!$P$3",
    );
    expect(data.indicatorRows).toEqual({ joint_exercises: 2, shared_logistics: 3, command_liaison: 4 });
  });

  it.each<MissingPolicy>(["exclude", "renormalize", "zero"])(
    "gives every criterion score, Weighted score and Rank the model gives, under %s",
    async (policy) => {
      const { sim, run } = await twoLevelScorecard(policy);
      // Full, partial, none, and a single indicator scored.
      await typeCells(run, { G3: 5, H3: 4, I3: 2, G4: 3, I4: 1, G6: 2.5, H7: 4 });
      const data = await readNow(run);
      const shown = (row: number) => sim.inspect.values("Scorecard", `F${row}`)[0][0];
      expectWorkbookMatchesModel(data, shown);
      const model = modelResults(data);
      expect(model[0].criterionScores[CRITERION]).toBeCloseTo((2 * 5 + 4 + 2) / 4, 12);
      // The partial row under each policy, as the user guide states it.
      const partial = { exclude: null, renormalize: (2 * 3 + 1) / 3, zero: (2 * 3 + 1 + 1) / 4 }[policy];
      if (partial === null) expect(shown(4)).toBe("");
      else expect(shown(4)).toBeCloseTo(partial, 12);
    },
  );

  it("follows a local weight typed on the Weights sheet", async () => {
    const { sim, run } = await twoLevelScorecard();
    await typeCells(run, { G3: 5, H3: 1, I3: 1 });
    await typeCells(run, { O3: 6 }, "Weights");
    const data = await readNow(run);
    expect(data.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([2, 6, 1]);
    expect(sim.inspect.values("Scorecard", "F3")[0][0]).toBeCloseTo((2 * 5 + 6 + 1) / 9, 12);
    expectWorkbookMatchesModel(data, (row) => sim.inspect.values("Scorecard", `F${row}`)[0][0]);
  });

  it.each([
    ["text", "high"],
    ["off the scale", 9],
  ])('shows %s in an indicator cell as "check scores", reported at the cell', async (_, value) => {
    const { sim, run } = await twoLevelScorecard("renormalize");
    await typeCells(run, { G3: 5, H3: value });
    const data = await readNow(run);
    expect(sim.inspect.values("Scorecard", "F3")[0][0]).toBe(INVALID_MARK);
    expect(data.computed[0].scoreText).toBe(INVALID_MARK);
    expect(data.computed[0].rank).toBeNull();
    expect(data.issues).toHaveLength(1);
    expect(data.issues[0]).toMatchObject({
      address: "H3",
      indicatorId: "shared_logistics",
      criterionId: CRITERION,
      column: `${HEADER} / Shared logistics and resources`,
    });
    expect(data.issues[0].message).toMatch(/^Scorecard!H3 \(agreement "North Atlantic Treaty/);
  });

  it("gives a new agreement the criterion formula and writes its indicator scores", async () => {
    const { sim, run, data } = await twoLevelScorecard("zero");
    await upsertAgreements(
      run,
      data,
      [{ id: "NEW", name: "New pact", indicatorScores: { joint_exercises: 4, command_liaison: 2 } }],
      { author: "Analyst" },
    );
    const after = await readNow(run);
    const row = after.rows[after.agreements.findIndex((a) => a.id === "NEW")];
    expect(sim.inspect.formulas("Scorecard", `F${row}`)[0][0]).toMatch(/^=IF\(COUNTIFS\(G\d+,/);
    expect(after.agreements.find((a) => a.id === "NEW")!.indicatorScores).toEqual({
      joint_exercises: 4,
      shared_logistics: null,
      command_liaison: 2,
    });
    expectWorkbookMatchesModel(after, (r) => sim.inspect.values("Scorecard", `F${r}`)[0][0]);
  });

  it("refuses a score for the criterion itself, naming its indicators", async () => {
    const { run, data } = await twoLevelScorecard();
    await expect(
      upsertAgreements(run, data, [{ id: data.agreements[0].id, scores: { [CRITERION]: 3 } }], {
        author: "A",
      }),
    ).rejects.toThrow(
      /criterion "Operational efficiency" is scored through its indicators \("Joint exercises/,
    );
  });
});

async function edit(run: ExcelRun, change: (context: Excel.RequestContext) => void) {
  await run(async (context) => {
    change(context);
    await context.sync();
  });
}

async function scored(policy: MissingPolicy = "renormalize") {
  const set = await twoLevelScorecard(policy);
  await typeCells(set.run, { G3: 5, H3: 4, I3: 2, G4: 3, H5: 1, I6: 4.5 });
  return set;
}

describe("structural edits around indicator columns", () => {
  it.each<MissingPolicy>(["exclude", "renormalize", "zero"])(
    "under %s: a sheet column inserted inside the group, then a 9 pasted into an indicator",
    async (policy) => {
      const { sim, run } = await scored(policy);
      // A whole sheet column before H (the second indicator): the indicators are now in G, I, J.
      await edit(run, (c) => c.workbook.worksheets.getItem("Scorecard").getRange("H:H").insert("Right"));
      await typeCells(run, { H4: "my note" });
      const data = await readNow(run);
      expect(data.columns.indicators!.map((c) => c.column)).toEqual(["G", "I", "J"]);
      expectWorkbookMatchesModel(data, (row) => sim.inspect.values("Scorecard", `F${row}`)[0][0]);
      await typeCells(run, { I4: 9 });
      const pasted = await readNow(run);
      expect(sim.inspect.values("Scorecard", "F4")[0][0]).toBe(INVALID_MARK);
      expect(pasted.computed[1]).toMatchObject({ score: null, rank: null, scoreText: INVALID_MARK });
      expect(pasted.issues.map((i) => i.address)).toEqual(["I4"]);
      // Every other row keeps the model's score and the rank among the rows still scored.
      const model = modelResults({ ...pasted, agreements: pasted.agreements.filter((_, i) => i !== 1) });
      pasted.agreements
        .filter((_, i) => i !== 1)
        .forEach((_, j) => {
          const i = j >= 1 ? j + 1 : j;
          if (model[j].score === null) expect(pasted.computed[i].score).toBeNull();
          else expect(pasted.computed[i].score).toBeCloseTo(model[j].score!, 9);
          expect(pasted.computed[i].rank).toBe(model[j].rank);
        });
    },
  );

  it("a sheet column inserted left of the table: the whole group moves and its formulas follow", async () => {
    const { sim, run } = await scored();
    await edit(run, (c) => c.workbook.worksheets.getItem("Scorecard").getRange("A:A").insert("Right"));
    const data = await readNow(run);
    expect(data.columns.criteria[0].column).toBe("G");
    expect(data.columns.indicators!.map((c) => c.column)).toEqual(["H", "I", "J"]);
    expect(sim.inspect.formulas("Scorecard", "G3")[0][0]).toMatch(/^=IF\(COUNTIFS\(H3,/);
    expectWorkbookMatchesModel(data, (row) => sim.inspect.values("Scorecard", `G${row}`)[0][0]);
  });

  it.each([
    [
      "deleted",
      (c: Excel.RequestContext) =>
        c.workbook.tables
          .getItem("Scorecard")
          .columns.getItem(`${HEADER} / Shared logistics and resources`)
          .delete(),
    ],
    [
      "renamed",
      (c: Excel.RequestContext) =>
        void (c.workbook.worksheets.getItem("Scorecard").getRange("H2").values = [["Logistics"]]),
    ],
  ])(
    "an indicator column %s by hand: the read names the column and how to put it back",
    async (_, change) => {
      const { run } = await scored();
      await edit(run, change);
      await expect(readNow(run)).rejects.toMatchObject({
        code: "ColumnMissing",
        place: { column: `${HEADER} / Shared logistics and resources` },
        message: expect.stringMatching(
          /^Column "Operational efficiency \/ Shared logistics and resources" of table "Scorecard" \(sheet "Scorecard"\) is missing: it was renamed or deleted/,
        ),
      });
    },
  );

  it("the indicator weights table deleted by hand: the read says which table and how to restore it", async () => {
    const { run } = await scored();
    await edit(run, (c) => c.workbook.tables.getItem("ScorecardIndicators").delete());
    await expect(readNow(run)).rejects.toThrow(/The table "ScorecardIndicators" \(sheet "Weights"\) is gone/);
  });

  it("a local weight typed as text: the read names the cell", async () => {
    const { run } = await scored();
    await typeCells(run, { O3: "heavy" }, "Weights");
    await expect(readNow(run)).rejects.toThrow(
      /local weight of indicator "Operational efficiency \/ Shared logistics and resources" \(sheet "Weights", O3\) is "heavy"; enter a number of 0 or more/,
    );
  });
});

describe("owned formulas typed over, and Repair formulas", () => {
  it("a value typed over the criterion's formula is reported, not trusted, and Repair writes the formula back", async () => {
    const { sim, run } = await scored();
    const formula = sim.inspect.formulas("Scorecard", "F4")[0][0];
    await typeCells(run, { F4: 5 });
    const broken = await readNow(run);
    const model = modelResults(broken);
    expect(broken.agreements[1].scores[CRITERION]).toBe(model[1].criterionScores[CRITERION]);
    const issue = broken.issues.find((i) => i.address === "F4")!;
    expect(issue).toMatchObject({ repairable: true, column: HEADER, agreementId: broken.agreements[1].id });
    expect(issue.message).toMatch(
      /^Scorecard!F4 .* shows 5 but its formula gives 3 from the scores of its indicators/,
    );
    // The pane ranks by the model, not by the 5.
    expect(broken.computed[1].score).toBeCloseTo(model[1].score!, 9);
    await repairFormulas(run, broken, { author: "Ana" });
    expect(sim.inspect.formulas("Scorecard", "F4")[0][0]).toBe(formula);
    const repaired = await readNow(run);
    expectWorkbookMatchesModel(repaired, (row) => sim.inspect.values("Scorecard", `F${row}`)[0][0]);
  });

  it("a deleted AS_L_ name is reported at its cell, and Repair adds it back", async () => {
    const { sim, run } = await scored();
    await edit(run, (c) => c.workbook.names.getItem("AS_L_command_liaison").delete());
    const broken = await readNow(run);
    const issue = broken.issues.find((i) => i.indicatorId === "command_liaison")!;
    expect(issue).toMatchObject({ sheet: "Weights", address: "P4", repairable: true });
    expect(issue.message).toMatch(
      /^The defined name AS_L_command_liaison, which names the normalized local weight/,
    );
    await repairFormulas(run, broken, { author: "Ana" });
    expect(sim.inspect.names().find((n) => n.name === "AS_L_command_liaison")?.formula).toBe("=Weights!$P$4");
    expectWorkbookMatchesModel(await readNow(run), (row) => sim.inspect.values("Scorecard", `F${row}`)[0][0]);
  });
});
