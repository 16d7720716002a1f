/**
 * Indicators under a criterion in the workbook (issue 16): the columns, the criterion's live formula
 * against the model under each missing-score policy, the indicator weights table and its names.
 */
import type { MissingPolicy } from "../../src/scoring";
import { INVALID_MARK } from "../../src/workbook/contract/contract";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
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
    const headers = sim.inspect.values("Scorecard", "A1:P1")[0];
    expect(headers.slice(5, 9)).toEqual([
      HEADER,
      `${HEADER} / Joint exercises and interoperability`,
      `${HEADER} / Shared logistics and resources`,
      `${HEADER} / Command and liaison arrangements`,
    ]);
    expect(sim.inspect.formulas("Scorecard", "F2")[0][0]).toMatch(/^=IF\(COUNTIFS\(G2,/);
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
      await typeCells(run, { G2: 5, H2: 4, I2: 2, G3: 3, I3: 1, G5: 2.5, H6: 4 });
      const data = await readNow(run);
      const shown = (row: number) => sim.inspect.values("Scorecard", `F${row}`)[0][0];
      expectWorkbookMatchesModel(data, shown);
      const model = modelResults(data);
      expect(model[0].criterionScores[CRITERION]).toBeCloseTo((2 * 5 + 4 + 2) / 4, 12);
      // The partial row under each policy, as the user guide states it.
      const partial = { exclude: null, renormalize: (2 * 3 + 1) / 3, zero: (2 * 3 + 1 + 1) / 4 }[policy];
      if (partial === null) expect(shown(3)).toBe("");
      else expect(shown(3)).toBeCloseTo(partial, 12);
    },
  );

  it("follows a local weight typed on the Weights sheet", async () => {
    const { sim, run } = await twoLevelScorecard();
    await typeCells(run, { G2: 5, H2: 1, I2: 1 });
    await typeCells(run, { O3: 6 }, "Weights");
    const data = await readNow(run);
    expect(data.config.criteria[0].indicators!.map((i) => i.localWeight)).toEqual([2, 6, 1]);
    expect(sim.inspect.values("Scorecard", "F2")[0][0]).toBeCloseTo((2 * 5 + 6 + 1) / 9, 12);
    expectWorkbookMatchesModel(data, (row) => sim.inspect.values("Scorecard", `F${row}`)[0][0]);
  });

  it.each([
    ["text", "high"],
    ["off the scale", 9],
  ])('shows %s in an indicator cell as "check scores", reported at the cell', async (_, value) => {
    const { sim, run } = await twoLevelScorecard("renormalize");
    await typeCells(run, { G2: 5, H2: value });
    const data = await readNow(run);
    expect(sim.inspect.values("Scorecard", "F2")[0][0]).toBe(INVALID_MARK);
    expect(data.computed[0].scoreText).toBe(INVALID_MARK);
    expect(data.computed[0].rank).toBeNull();
    expect(data.issues).toHaveLength(1);
    expect(data.issues[0]).toMatchObject({
      address: "H2",
      indicatorId: "shared_logistics",
      criterionId: CRITERION,
      column: `${HEADER} / Shared logistics and resources`,
    });
    expect(data.issues[0].message).toMatch(/^Scorecard!H2 \(agreement "North Atlantic Treaty/);
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
