/** Each reviewer's weights and the team's (issue 15), on excel-sim: storage, formulas, read, bad paths. */
import {
  ahpWeights,
  groupAhp,
  groupWeights,
  reviewerDisagreement,
  weightsConsensus,
} from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { switchToSingle, switchToTeam } from "../../src/workbook/team/mode";
import { saveMyWeights, type MyWeights } from "../../src/workbook/weights/myWeights";
import { setTeamWeights } from "../../src/workbook/weights/teamAggregation";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { TEAM_BLOCK } from "../../src/workbook/weights/teamBlock";
import { WorkbookError } from "../../src/workbook/errors";
import { columnLetter } from "../../src/workbook/contract/addresses";
import { DEFAULT_HEADERS, SHEET } from "../../src/workbook/contract/contract";
import type { ScorecardData } from "../../src/workbook/model";
import { decodeMeta, encodeMeta, type ScorecardMeta } from "../../src/workbook/contract/meta";
import type { ExcelRun } from "../../src/workbook/run";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";

const IDS = defaultConfig().criteria.map((c) => c.id);

const direct = (w: number[]): MyWeights => ({
  weights: Object.fromEntries(IDS.map((id, k) => [id, w[k]])),
  method: "direct",
});

/** A consistent-ish pairwise matrix from upper judgments (i<j, row-major). */
function matrixFrom(upper: number[]): number[][] {
  const n = IDS.length;
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      m[i][j] = upper[k++];
      m[j][i] = 1 / m[i][j];
    }
  return m;
}
const pairwise = (upper: number[]): MyWeights => {
  const matrix = matrixFrom(upper);
  const w = ahpWeights(matrix).weights;
  return { weights: Object.fromEntries(IDS.map((id, k) => [id, w[k] * 100])), method: "pairwise", matrix };
};

async function team() {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: exampleAgreements().slice(0, 4),
  });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
  const read = () => readScorecard(run, location);
  return { sim, run, read };
}

const shares = (data: ScorecardData) => {
  const raw = data.config.criteria.map((c) => c.weight);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
};

function expectClose(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, k) => expect(x).toBeCloseTo(expected[k], 9));
}

describe("a reviewer's own weights", () => {
  it("are stored one row per criterion, updated in place, and audited", async () => {
    const { sim, run, read } = await team();
    await saveMyWeights(run, await read(), "Ana", direct([40, 30, 20, 10]));
    let data = await read();
    expect(data.location.meta.reviewerWeights).toEqual({
      sheet: SHEET.reviewerWeights,
      table: "ScorecardReviewerWeights",
    });
    expect(data.reviewerWeights).toHaveLength(1);
    expect(data.reviewerWeights![0].weights).toEqual(
      Object.fromEntries(IDS.map((id, k) => [id, [40, 30, 20, 10][k]])),
    );
    // The shared weights are untouched while the team weights are off.
    expect(data.config.criteria.map((c) => c.weight)).toEqual([1, 1, 1, 1]);
    await saveMyWeights(run, data, "ana", direct([10, 20, 30, 40]));
    data = await read();
    expect(data.reviewerWeights).toHaveLength(1);
    const rows = sim.inspect.values(SHEET.reviewerWeights, "A2:C5");
    expect(rows.map((r) => r[2])).toEqual([10, 20, 30, 40]);
    expect(sim.inspect.values(SHEET.reviewerWeights, "A6:C6")).toEqual([["", "", ""]]);
    const trail = data.audit.filter((e) => e.what === "reviewer weight");
    expect(trail.map((e) => `${e.subject}:${e.before}->${e.after}`)).toContain(
      `${data.config.criteria[0].name}:40->10`,
    );
  });

  it("keeps pairwise judgments as text that reads back to the same matrix", async () => {
    const { run, read } = await team();
    const mine = pairwise([3, 5, 1 / 2, 2, 1 / 4, 1 / 7]);
    await saveMyWeights(run, await read(), "Ana", mine);
    const data = await read();
    expect(data.reviewerWeights![0].method).toBe("pairwise");
    data.reviewerWeights![0].matrix!.forEach((row, i) => expectClose(row, mine.matrix![i]));
  });

  it("refuses an unknown criterion, a missing one, all zero, and one analyst", async () => {
    const { run, read } = await team();
    const data = await read();
    await expect(
      saveMyWeights(run, data, "Ana", {
        ...direct([1, 1, 1, 1]),
        weights: { ...direct([1, 1, 1, 1]).weights, nope: 2 },
      }),
    ).rejects.toThrow(/no criterion "nope"/);
    const { [IDS[2]]: _gone, ...three } = direct([1, 1, 1, 1]).weights;
    await expect(saveMyWeights(run, data, "Ana", { method: "direct", weights: three })).rejects.toThrow(
      /every criterion.*has none/,
    );
    await expect(saveMyWeights(run, data, "Ana", direct([0, 0, 0, 0]))).rejects.toThrow(WorkbookError);
    await expect(saveMyWeights(run, data, "  ", direct([1, 2, 3, 4]))).rejects.toThrow(/reviewer name/);
    const single = newWorkbook();
    const { location } = await createScorecard(single.run, { config: defaultConfig(), agreements: [] });
    await expect(
      saveMyWeights(single.run, await readScorecard(single.run, location), "Ana", direct([1, 2, 3, 4])),
    ).rejects.toThrow(/team scoring/);
  });

  it("refuses to write over the same reviewer's save from another window", async () => {
    const { run, read } = await team();
    const seen = await read();
    await saveMyWeights(run, seen, "Ana", direct([40, 30, 20, 10]));
    const stale = await read();
    await saveMyWeights(run, stale, "Ana", direct([25, 25, 25, 25]));
    await expect(saveMyWeights(run, stale, "Ana", direct([10, 10, 10, 70]))).rejects.toMatchObject({
      code: "ChangedByAnotherAuthor",
    });
    // Another reviewer's save from the same stale read merges: only their own rows are written.
    await saveMyWeights(run, stale, "Ben", direct([1, 2, 3, 4]));
    expect((await read()).reviewerWeights!.map((r) => r.reviewer)).toEqual(["Ana", "Ben"]);
  });
});

describe("team weights", () => {
  async function threeReviewers() {
    const t = await team();
    const panel = [direct([40, 30, 20, 10]), direct([10, 20, 30, 40]), direct([25, 25, 40, 10])];
    for (const [k, name] of ["Ana", "Ben", "Cleo"].entries())
      await saveMyWeights(t.run, await t.read(), name, panel[k]);
    return { ...t, raw: panel.map((p) => IDS.map((id) => p.weights[id])) };
  }

  it("mean: the Weight column is a live formula giving the model's mean, and scores follow", async () => {
    const { sim, run, read, raw } = await threeReviewers();
    await setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" });
    const data = await read();
    expectClose(shares(data), groupWeights(raw));
    expect(data.team!.consensus).toBeCloseTo(weightsConsensus(raw), 12);
    expect(data.issues).toEqual([]);
    expect(String(sim.inspect.cell("Weights", "D2").formula)).toMatch(/^=SUMPRODUCT\(/);
    expectFormulasMatchModel(data);
    // Each reviewer's distance is a live formula: the model's ½Σ|w_r − w_team| in points.
    const distances = reviewerDisagreement(raw, groupWeights(raw), IDS).map((d) => d.distance);
    const distanceRow = sim.inspect.values(
      "Weights",
      `${blockColumn(2)}${IDS.length + 4}:${blockColumn(4)}${IDS.length + 4}`,
    )[0] as number[];
    expectClose(distanceRow, distances);
    // A reviewer's new save moves the team weights live.
    await saveMyWeights(run, data, "Ben", direct([70, 10, 10, 10]));
    const after = await read();
    expectClose(shares(after), groupWeights([raw[0], [70, 10, 10, 10], raw[2]]));
    expectFormulasMatchModel(after);
  });

  it("mean with importance, and median (live while importance is equal, a value otherwise)", async () => {
    const { sim, run, read, raw } = await threeReviewers();
    const importance = { ana: 2, ben: 1, cleo: 0 };
    await setTeamWeights(run, await read(), { method: "mean", importance }, { author: "Ana" });
    expectClose(shares(await read()), groupWeights(raw, { importance: [2, 1, 0] }));
    await setTeamWeights(run, await read(), { method: "median", importance: {} }, { author: "Ana" });
    expectClose(shares(await read()), groupWeights(raw, { method: "median" }));
    expect(String(sim.inspect.cell("Weights", "D2").formula)).toMatch(/^=MEDIAN\(/);
    await setTeamWeights(run, await read(), { method: "median", importance }, { author: "Ana" });
    const data = await read();
    expectClose(shares(data), groupWeights(raw, { method: "median", importance: [2, 1, 0] }));
    expect(sim.inspect.cell("Weights", "D2").formula).toBeNull();
    expect(data.team!.live).toBe(false);
  });

  it("AIJ: offered only when every reviewer compared pairwise; values with λmax, CI, CR on the sheet", async () => {
    const { sim, run, read } = await team();
    const panel = [
      pairwise([3, 5, 1 / 2, 2, 1 / 4, 1 / 7]),
      pairwise([1, 3, 1, 3, 1, 1 / 3]),
      pairwise([1 / 2, 2, 1 / 3, 4, 1, 1 / 5]),
    ];
    await saveMyWeights(run, await read(), "Ana", panel[0]);
    await saveMyWeights(run, await read(), "Ben", direct([1, 2, 3, 4]));
    let data = await read();
    await expect(
      setTeamWeights(run, data, { method: "aij", importance: {} }, { author: "Ana" }),
    ).rejects.toThrow(/Ben set their weights another way/);
    await saveMyWeights(run, data, "Ben", panel[1]);
    await saveMyWeights(run, await read(), "Cleo", panel[2]);
    await setTeamWeights(run, await read(), { method: "aij", importance: {} }, { author: "Ana" });
    data = await read();
    const group = groupAhp(panel.map((p) => p.matrix!));
    expectClose(shares(data), group.weights);
    expect(data.team!.ahp!.cr).toBeCloseTo(group.cr, 12);
    expect(data.team!.consensus).toBeCloseTo(group.consensus, 12);
    const n = IDS.length;
    const labels = sim.inspect.values("Weights", `${blockColumn(0)}${n + 8}:${blockColumn(1)}${n + 13}`);
    expect(labels[1][1]).toBeCloseTo(group.consensus, 12);
    expect(labels[2]).toEqual(["λmax", group.lambdaMax]);
    expect(labels[4][1]).toBeCloseTo(group.cr, 12);
    expectFormulasMatchModel(data);
    // A reviewer may not leave pairwise while the team aggregates judgments.
    await expect(saveMyWeights(run, data, "Ben", direct([1, 1, 1, 1]))).rejects.toThrow(/AIJ/);
  });

  it("reports judgments typed badly by hand, and reviewer rows deleted by hand", async () => {
    const { sim, run, read } = await team();
    await saveMyWeights(run, await read(), "Ana", pairwise([3, 5, 1 / 2, 2, 1 / 4, 1 / 7]));
    await saveMyWeights(run, await read(), "Ben", pairwise([1, 3, 1, 3, 1, 1 / 3]));
    await setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" });
    await sim.run(async (c) => {
      c.workbook.worksheets.getItem(SHEET.reviewerWeights).getRange("E3").values = [["'oops"]];
      await c.sync();
    });
    let data = await read();
    const bad = data.issues.find((i) => i.address === "E3");
    expect(bad?.message).toMatch(/Reviewer weights!E3: Ana's judgments for .* cannot be read/);
    expect(data.team!.aijRefusal).toMatch(/Ana/);
    // Ben's rows deleted by hand: the live formulas and the model both drop him.
    await sim.run(async (c) => {
      c.workbook.worksheets.getItem(SHEET.reviewerWeights).getRange("A6:F9").delete("Up");
      await c.sync();
    });
    data = await read();
    expect(data.reviewerWeights!.map((r) => r.reviewer)).toEqual(["Ana"]);
    expectClose(shares(data), data.team!.team);
    expect(data.issues.filter((i) => i.sheet === "Weights")).toEqual([]);
    // A weight typed over with text is named, and the Weight column's disagreement is reported.
    await sim.run(async (c) => {
      c.workbook.worksheets.getItem(SHEET.reviewerWeights).getRange("C2").values = [["lots"]];
      await c.sync();
    });
    data = await read();
    expect(
      data.issues.some(
        (i) => i.address === "C2" && /Ana's weight of .* is "lots", which counts as 0/.test(i.message),
      ),
    ).toBe(true);
    // Counted as 0 by the formulas and the model alike.
    expectClose(shares(data), data.team!.team);
  });

  it("refuses shared weights typed over the team's, also when a co-author turned them on meanwhile", async () => {
    const { sim, run, read } = await threeReviewers();
    const before = await read();
    await setTeamWeights(run, before, { method: "mean", importance: {} }, { author: "Ana" });
    const formula = sim.inspect.cell("Weights", "D2").formula;
    await expect(writeWeights(run, await read(), { [IDS[0]]: 90 }, { author: "Ben" })).rejects.toThrow(
      /are the team's/,
    );
    await expect(writeWeights(run, before, { [IDS[0]]: 90 }, { author: "Ben" })).rejects.toThrow(
      /are the team's/,
    );
    expect(sim.inspect.cell("Weights", "D2").formula).toBe(formula);
  });

  it("a team weight typed over, or a reviewer's rows added by hand, is reported; Repair writes the block again", async () => {
    const { sim, run, read, raw } = await threeReviewers();
    await setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" });
    await sim.run(async (c) => {
      c.workbook.worksheets.getItem("Weights").getRange("D3").values = [[80]];
      const rows = c.workbook.worksheets.getItem(SHEET.reviewerWeights).getRange("A14:C17");
      rows.values = IDS.map((id, k) => ["Dora", id, [1, 1, 1, 5][k]]);
      await c.sync();
    });
    const broken = await read();
    const issue = broken.issues.find((i) => i.sheet === "Weights");
    expect(issue).toMatchObject({ address: "D2", repairable: true });
    expect(issue!.message).toMatch(/not what the reviewers' weights .* give \(mean\)/);
    expect(broken.reviewerWeights!.map((r) => r.reviewer)).toEqual(["Ana", "Ben", "Cleo", "Dora"]);
    await repairFormulas(run, broken, { author: "Ana" });
    const repaired = await read();
    expect(repaired.issues).toEqual([]);
    expectClose(shares(repaired), groupWeights([...raw, [1, 1, 1, 5]]));
    expect(sim.inspect.cell("Weights", `${blockColumn(5)}1`).value).toBe("Dora");
  });

  it("team formulas replaced by their own values (a criteria reorder writes values) are reported; Repair restores them", async () => {
    const { sim, run, read } = await threeReviewers();
    await setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" });
    await reorderCriteria(run, await read(), [IDS[1], IDS[0], IDS[2], IDS[3]], { author: "Ana" });
    // Read as the pane does, from a location whose metadata last saw the team weights off.
    const stale = (await read()).location;
    const moved = await readScorecard(run, { ...stale, meta: { ...stale.meta, teamWeights: null } });
    const issue = moved.issues.find((i) => i.sheet === "Weights");
    expect(issue?.message).toMatch(/plain values where they should be formulas/);
    expect(issue?.repairable).toBe(true);
    await repairFormulas(run, moved, { author: "Ana" });
    const repaired = await read();
    expect(repaired.issues).toEqual([]);
    expect(String(sim.inspect.cell("Weights", "D2").formula)).toMatch(/^=SUMPRODUCT\(/);
    // The block's rows follow the new order: row 2 is strategic alignment, its team weight its own.
    expect(sim.inspect.cell("Weights", `${blockColumn(0)}2`).value).toBe(IDS[1]);
    expect(sim.inspect.cell("Weights", `${blockColumn(1)}2`).value).toBeCloseTo(repaired.team!.team[0], 12);
    expectFormulasMatchModel(repaired);
  });

  it("switching to one analyst keeps the team weights as values and the reviewers' rows as history", async () => {
    const { sim, run, read, raw } = await threeReviewers();
    await setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" });
    await switchToSingle(run, await read(), { reviewer: "Ana" });
    const data = await read();
    expect(data.location.meta.teamWeights).toBeNull();
    expectClose(shares(data), groupWeights(raw));
    expect(sim.inspect.cell("Weights", "D2").formula).toBeNull();
    expect(sim.inspect.cell("Weights", `${columnLetter(TEAM_BLOCK.column)}1`).value).toBe("");
    expect(data.reviewerWeights).toHaveLength(3);
    expectFormulasMatchModel(data);
  });

  it("turned off, the weights stay as they are, as values; turning on without reviewers is refused", async () => {
    const { run, read } = await team();
    await expect(
      setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" }),
    ).rejects.toThrow(/No reviewer has set weights/);
    await saveMyWeights(run, await read(), "Ana", direct([3, 1, 1, 1]));
    await setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" });
    const on = shares(await read());
    await setTeamWeights(run, await read(), null, { author: "Ana" });
    const off = await read();
    expectClose(shares(off), on);
    expect(off.location.meta.teamWeights).toBeNull();
  });

  it("refuses to write its block over cells a person put where it goes", async () => {
    const { sim, run, read } = await threeReviewers();
    await sim.run(async (c) => {
      c.workbook.worksheets.getItem("Weights").getRange(`${blockColumn(0)}1`).values = [["my notes"]];
      await c.sync();
    });
    await expect(
      setTeamWeights(run, await read(), { method: "mean", importance: {} }, { author: "Ana" }),
    ).rejects.toMatchObject({ code: "WouldOverwrite" });
    expect(sim.inspect.cell("Weights", `${blockColumn(0)}1`).value).toBe("my notes");
  });
});

describe("co-authors and older workbooks", () => {
  it("two reviewers saving at once, one co-author's rows arriving late: both reviewers' rows are kept", async () => {
    const { sim, run, read } = await team();
    await saveMyWeights(run, await read(), "Ana", direct([4, 3, 2, 1]));
    const data = await read();
    // Bea's changes reach Ana only after three of Ana's syncs: Ana's whole save happens without them.
    const bea = sim.newSession({ delaySyncs: 3 });
    const beaRun: ExcelRun = (batch) => bea.run(batch);
    await saveMyWeights(beaRun, data, "Bea", direct([1, 2, 3, 4]));
    await saveMyWeights(run, data, "Cy", direct([1, 1, 1, 7]));
    sim.deliverLateChanges();
    const after = await read();
    expect(after.reviewerWeights!.map((r) => r.reviewer).sort()).toEqual(["Ana", "Bea", "Cy"]);
    expect(after.reviewerWeights!.find((r) => r.reviewer === "Bea")!.weights[IDS[3]]).toBe(4);
    expect(after.reviewerWeights!.find((r) => r.reviewer === "Cy")!.weights[IDS[3]]).toBe(7);
    expect(after.issues).toEqual([]);
    const saved = after.audit.filter((e) => e.what === "reviewer weight").map((e) => e.who);
    expect(new Set(saved)).toEqual(new Set(["Ana", "Bea", "Cy"]));
  });

  it("a schema-4 workbook reads with shared weights; a hand-spoilt teamWeights names its key", () => {
    // As the AS_Meta cells hold them: the JSON without Excel's text apostrophe.
    const cells = (rows: string[][]) => rows.map(([k, v]) => [k, v.replace(/^'/, "")]);
    const v4 = cells(encodeMeta(baseMeta()))
      .filter(
        ([k]) =>
          !["teamWeights", "reviewerWeightsSheet", "reviewerWeightsTable", "indicatorsTable"].includes(k),
      )
      .map(([k, v]) => (k === "schemaVersion" ? [k, "4"] : [k, v]));
    const meta = decodeMeta(v4);
    expect(meta.schemaVersion).toBe(5);
    expect(meta.teamWeights).toBeNull();
    expect(meta.reviewerWeights).toBeNull();
    expect(meta.indicatorsTable).toBeNull();
    const spoilt = cells(encodeMeta(baseMeta())).map(([k, v]) =>
      k === "teamWeights" ? [k, '{"method":"vote"}'] : [k, v],
    );
    expect(() => decodeMeta(spoilt)).toThrow(/key "teamWeights"/);
  });
});

/** The letter of the team block's column k (0: its first). */
const blockColumn = (k: number) => columnLetter(TEAM_BLOCK.column + k);

function baseMeta(): ScorecardMeta {
  return {
    schemaVersion: 5,
    sheets: { scorecard: "Scorecard", weights: "Weights", results: "Results", meta: "AS_Meta" },
    scorecardTable: "Scorecard",
    weightsTable: "ScorecardWeights",
    criteria: IDS.map((id) => ({ id, header: id })),
    columns: { ...DEFAULT_HEADERS },
    scale: { min: 1, max: 5 },
    missingPolicy: "exclude",
    versionStamp: 1,
    profilesTable: null,
    sensitivitySheet: null,
    mode: "team",
    consensusMethod: "mean",
    sdThreshold: 1,
    reviews: { sheet: "Reviews", table: "ScorecardReviews" },
    audit: null,
    reviewerWeights: null,
    teamWeights: { method: "mean", importance: {} },
    indicatorsTable: null,
    headerBand: false,
  };
}
