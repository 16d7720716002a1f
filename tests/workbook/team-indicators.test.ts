/**
 * Team scoring per indicator (issue 16): reviewers score a criterion's indicators, each indicator
 * column shows the consensus, and the criterion shows the weighted mean of those consensus values.
 */
import { consensus as consensusOf } from "../../src/scoring/consensus";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { switchToSingle, switchToTeam } from "../../src/workbook/team/mode";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { importReviews } from "../../src/workbook/team/reviewImport";
import { planUndo } from "../../src/workbook/plans/undo";
import { undoLastChange } from "../../src/workbook/write/undo";
import { parseReviewsCsv, planReviewImport } from "../../src/workbook/team/reviewsCsv";
import { WorkbookError } from "../../src/workbook/errors";
import type { ScorecardData } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { defaultConfig, newWorkbook } from "./helpers";
import {
  CRITERION,
  expectWorkbookMatchesModel,
  readNow,
  scoreEveryIndicator,
  suggested,
  twoLevelScorecard,
  typeCells,
} from "./indicator-support";

const INDICATORS = ["joint_exercises", "shared_logistics", "command_liaison"];
const [JOINT, LOGISTICS] = INDICATORS;
const RATIONALE_LINE =
  "Operational efficiency / Joint exercises and interoperability: Two large exercises a year";

/** A two-level scorecard whose indicators the analyst scored, switched to a team with Ana as its first reviewer. */
async function teamWithIndicators() {
  const { sim, run, data: fresh } = await twoLevelScorecard("exclude", [2, 1, 1]);
  await scoreEveryIndicator(run);
  // The analyst's rationale for an indicator and for a criterion, one Notes line each.
  await typeCells(run, {
    [`${fresh.columns.notes}${fresh.rows[0]}`]: `General note\n${RATIONALE_LINE}\nStrategic alignment: Fits`,
  });
  const single = await readNow(run);
  await switchToTeam(run, single, { reviewer: "Ana" });
  return { sim, run, single, data: await readNow(run) };
}

/** Ben scores every indicator of the first two agreements, 5, 1 and 3, with a rationale for the first. */
async function benScores(run: ExcelRun, data: ScorecardData) {
  const ids = data.agreements.slice(0, 2).map((a) => a.id);
  await writeReviews(
    run,
    data,
    "Ben",
    ids.flatMap((agreementId) =>
      INDICATORS.map((criterionId, k) => ({
        agreementId,
        criterionId,
        score: [5, 1, 3][k],
        rationale: k === 0 ? "Yearly exercises" : "",
      })),
    ),
  );
  return readNow(run);
}

/** Each indicator cell equals the mean of its reviewers' scores, per the Reviews table. */
function expectIndicatorConsensus(data: ScorecardData) {
  let checked = 0;
  for (const a of data.agreements)
    for (const id of INDICATORS) {
      const values = data.reviews
        .filter((r) => r.agreementId === a.id && r.criterionId === id && r.score !== null)
        .map((r) => r.score!);
      const want = consensusOf(values, "mean");
      if (want === null) expect(a.indicatorScores?.[id] ?? null).toBeNull();
      else expect(a.indicatorScores?.[id]).toBeCloseTo(want, 9);
      checked++;
    }
  expect(checked).toBeGreaterThan(0);
}

describe("team scoring per indicator", () => {
  it("keeps the analyst's indicator scores as the first reviewer's reviews, with their rationale", async () => {
    const { single, data } = await teamWithIndicators();
    expect(data.issues).toEqual([]);
    for (const [i, a] of single.agreements.entries())
      for (const id of INDICATORS) {
        const review = data.reviews.find((r) => r.agreementId === a.id && r.criterionId === id);
        expect(review?.score ?? null).toBe(a.indicatorScores?.[id] ?? null);
        expect(data.agreements[i].indicatorScores?.[id]).toBe(a.indicatorScores?.[id]);
      }
    const rationale = (id: string) =>
      data.reviews.find((r) => r.agreementId === single.agreements[0].id && r.criterionId === id)?.rationale;
    expect(rationale(JOINT)).toBe("Two large exercises a year");
    expect(rationale("strategic_alignment")).toBe("Fits");
    expect(rationale(LOGISTICS)).toBe("");
    // No review names the criterion scored through its indicators.
    expect(data.reviews.filter((r) => r.criterionId === CRITERION)).toEqual([]);
    expect(data.computed.map((c) => c.score)).toEqual(single.computed.map((c) => c.score));
  });

  it("two reviewers: each indicator shows their consensus, the criterion the weighted mean, the score and rank follow", async () => {
    const { sim, run, data: start } = await teamWithIndicators();
    const data = await benScores(run, start);
    expect(data.issues).toEqual([]);
    expectIndicatorConsensus(data);
    const col = data.columns.criteria[0].column;
    expect(sim.inspect.cell("Scorecard", `${data.columns.indicators![0].column}3`).formula).toMatch(
      /^=IFERROR\(INDEX\(AS_Consensus!/,
    );
    expectWorkbookMatchesModel(data, (row) => sim.inspect.cell("Scorecard", `${col}${row}`).value);
  });

  it("reordering the criteria moves each criterion's indicator columns; consensus, scores and ranks follow", async () => {
    const { sim, run, data: start } = await teamWithIndicators();
    const before = await benScores(run, start);
    const order = [...before.config.criteria.map((c) => c.id)].reverse();
    await reorderCriteria(run, before, order, { author: "Ana" });
    const data = await readNow(run);
    expect(data.issues).toEqual([]);
    expect(data.config.criteria.map((c) => c.id)).toEqual(order);
    // The criterion with indicators is last now, its indicator columns right after its own.
    const own = data.columns.criteria[3];
    expect(own.criterionId).toBe(CRITERION);
    const letters = data.columns.indicators!.map((c) => c.column);
    expect(letters.map((l) => l.charCodeAt(0) - own.column.charCodeAt(0))).toEqual([1, 2, 3]);
    for (const letter of letters)
      expect(sim.inspect.cell("Scorecard", `${letter}3`).formula).toMatch(/^=IFERROR\(INDEX\(AS_Consensus!/);
    // The discuss flags follow the leaves: one format per leaf column, none on the computed criterion's.
    const flagged = sim.inspect.conditionalFormats("Scorecard").map((f) => f.ranges[0]);
    const leaves = [...data.columns.criteria.filter((c) => c !== own).map((c) => c.column), ...letters];
    expect([...flagged].sort()).toEqual(leaves.map((l) => `${l}3:${l}1048576`).sort());
    // No review changed, and every cell shows what the reviews give.
    expect(data.reviews.map((r) => [r.reviewer, r.agreementId, r.criterionId, r.score])).toEqual(
      before.reviews.map((r) => [r.reviewer, r.agreementId, r.criterionId, r.score]),
    );
    expectIndicatorConsensus(data);
    expect(data.agreements.map((a) => a.scores)).toEqual(before.agreements.map((a) => a.scores));
    expectWorkbookMatchesModel(data, (row) => sim.inspect.cell("Scorecard", `${own.column}${row}`).value);
    expect(data.computed.map((c) => [c.score, c.rank])).toEqual(
      before.computed.map((c) => [c.score, c.rank]),
    );
  });

  it("a reviewer may not score the criterion that its indicators score", async () => {
    const { run, data } = await teamWithIndicators();
    await expect(
      writeReviews(run, data, "Ben", [
        { agreementId: data.agreements[0].id, criterionId: CRITERION, score: 3, rationale: "" },
      ]),
    ).rejects.toThrow(
      /Criterion "Operational efficiency" is scored through its indicators: score each of them/,
    );
  });

  it("back to one analyst: the indicator consensus becomes the analyst's indicator scores, the criterion keeps its formula", async () => {
    const { sim, run, data: start } = await teamWithIndicators();
    const team = await benScores(run, start);
    await switchToSingle(run, team, { reviewer: "Ana" });
    const back = await readNow(run);
    expect(back.location.meta.mode).toBe("single");
    expect(back.issues).toEqual([]);
    expect(back.agreements.map((a) => a.indicatorScores)).toEqual(
      team.agreements.map((a) => a.indicatorScores),
    );
    expect(back.computed).toEqual(team.computed);
    const cell = (c: string) => sim.inspect.cell("Scorecard", `${c}3`);
    expect(cell(back.columns.indicators![0].column).formula ?? null).toBeNull();
    expect(cell(back.columns.criteria[0].column).formula).toMatch(/AS_L_/);
  });

  it("an indicator added in team mode gets the consensus formula and counts once reviewed", async () => {
    const { sim, run, data } = await teamWithIndicators();
    const extra = { ...suggested("strategic_alignment")[0], localWeight: 1 };
    await setIndicators(
      run,
      data,
      CRITERION,
      [...suggested().map((i, k) => ({ ...i, localWeight: [2, 1, 1][k] })), extra],
      {
        author: "Ana",
      },
    );
    let after = await readNow(run);
    expect(after.issues).toEqual([]);
    const column = after.columns.indicators!.find((c) => c.indicatorId === extra.id)!.column;
    expect(sim.inspect.cell("Scorecard", `${column}3`).formula).toMatch(/^=IFERROR\(INDEX\(AS_Consensus!/);
    await writeReviews(run, after, "Ben", [
      { agreementId: after.agreements[0].id, criterionId: extra.id, score: 4, rationale: "" },
    ]);
    after = await readNow(run);
    expect(after.issues).toEqual([]);
    expect(after.agreements[0].indicatorScores?.[extra.id]).toBe(4);
    const col = after.columns.criteria[0].column;
    expectWorkbookMatchesModel(after, (row) => sim.inspect.cell("Scorecard", `${col}${row}`).value);
  });

  it("removing an indicator with reviews asks first, then audits each lost review and clears its row", async () => {
    const { run, data: start } = await teamWithIndicators();
    const data = await benScores(run, start);
    const kept = suggested()
      .filter((i) => i.id !== LOGISTICS)
      .map((i) => ({ ...i, localWeight: 1 }));
    const refusal = await setIndicators(run, data, CRITERION, kept, { author: "Ana" }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(WorkbookError);
    expect((refusal as WorkbookError).code).toBe("WouldOverwrite");
    const lost = data.reviews.filter((r) => r.criterionId === LOGISTICS && r.score !== null);
    expect((refusal as Error).message).toContain(
      `"Operational efficiency / Shared logistics and resources" of criterion "Operational efficiency" have ${lost.length} reviews (by Ana, Ben)`,
    );
    expect((await readNow(run)).location.meta.versionStamp).toBe(data.location.meta.versionStamp);

    await setIndicators(run, data, CRITERION, kept, { author: "Ana", confirmDataLoss: true });
    const after = await readNow(run);
    expect(after.issues).toEqual([]);
    expect(after.reviews.filter((r) => r.criterionId === LOGISTICS)).toEqual([]);
    expect(after.reviews).toHaveLength(
      data.reviews.length - data.reviews.filter((r) => r.criterionId === LOGISTICS).length,
    );
    const audited = after.audit.filter((e) => e.what === "review" && e.subject.endsWith("'s, removed)"));
    expect(audited.map((e) => [e.agreementId, e.before]).sort()).toEqual(
      lost.map((r) => [r.agreementId, String(r.score)]).sort(),
    );
    expect(
      after.audit.filter((e) => e.what === "rationale" && e.subject.endsWith("'s, removed)")).length,
    ).toBe(lost.filter((r) => r.rationale !== "").length);
    expectIndicatorConsensus(after);
  });

  it("giving a team's criterion its first indicators asks before its reviews go, then scores through the indicators", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, {
      config: defaultConfig("exclude", [3, 2, 2, 1]),
      agreements: exampleAgreements(),
    });
    await switchToTeam(run, await readNow(run), { reviewer: "Ana" });
    const data = await readNow(run);
    const criterionReviews = data.reviews.filter((r) => r.criterionId === CRITERION && r.score !== null);
    expect(criterionReviews.length).toBeGreaterThan(0);
    await expect(setIndicators(run, data, CRITERION, suggested(), { author: "Ana" })).rejects.toThrow(
      new RegExp(
        `"Operational efficiency" of criterion "Operational efficiency" have ${criterionReviews.length} reviews \\(by Ana\\)`,
      ),
    );
    await setIndicators(run, data, CRITERION, suggested(), { author: "Ana", confirmDataLoss: true });
    let after = await readNow(run);
    expect(after.issues).toEqual([]);
    expect(after.reviews.filter((r) => r.criterionId === CRITERION)).toEqual([]);
    expect(after.agreements.every((a) => a.scores[CRITERION] === null)).toBe(true);
    // No discuss format is left on the criterion's column: only its indicators are reviewed now.
    const col = after.columns.criteria[0].column;
    const ranges = sim.inspect.conditionalFormats("Scorecard").map((f) => f.ranges[0]);
    expect(ranges).not.toContain(`${col}3:${col}1048576`);
    for (const c of after.columns.indicators!) expect(ranges).toContain(`${c.column}3:${c.column}1048576`);
    await benScores(run, after);
    after = await readNow(run);
    expect(after.issues).toEqual([]);
    expectIndicatorConsensus(after);
    expectWorkbookMatchesModel(after, (row) => sim.inspect.cell("Scorecard", `${col}${row}`).value);
  });

  it("Repair writes back a consensus formula typed over in an indicator column", async () => {
    const { sim, run, data: start } = await teamWithIndicators();
    const data = await benScores(run, start);
    const cell = `${data.columns.indicators![1].column}${data.rows[0]}`;
    const formula = sim.inspect.cell("Scorecard", cell).formula;
    const consensus = data.agreements[0].indicatorScores![LOGISTICS]!;
    const typed = consensus === 5 ? 4 : 5;
    await typeCells(run, { [cell]: typed });
    const broken = await readNow(run);
    const issue = broken.issues.find((i) => i.address === cell);
    expect(issue?.message).toContain(
      `Scorecard!${cell} (agreement "${data.agreements[0].name}", Operational efficiency / Shared logistics and resources) shows ${typed} but the reviewers' consensus is ${consensus}: its consensus formula was typed over`,
    );
    expect(issue).toMatchObject({ criterionId: CRITERION, indicatorId: LOGISTICS, repairable: true });
    await repairFormulas(run, broken, { author: "Ana" });
    const repaired = await readNow(run);
    expect(sim.inspect.cell("Scorecard", cell).formula).toBe(formula);
    expect(repaired.issues).toEqual([]);
    expectIndicatorConsensus(repaired);
  });

  it("a review typed by hand on the criterion scored through indicators is reported at its cell", async () => {
    const { run, data } = await teamWithIndicators();
    const row = Math.max(...data.reviews.map((r) => r.row)) + 1;
    await typeCells(
      run,
      { [`A${row}`]: "Ben", [`B${row}`]: data.agreements[0].id, [`C${row}`]: CRITERION, [`D${row}`]: 4 },
      "Reviews",
    );
    const after = await readNow(run);
    const issue = after.issues.find((i) => i.sheet === "Reviews" && i.address === `C${row}`);
    expect(issue?.message).toBe(
      `Reviews!C${row}: criterion "Operational efficiency" is scored through its indicators, so a review names one of them (${INDICATORS.join(", ")}); put the indicator's id in this cell, or delete the row.`,
    );
    // A review typed by hand is not in the index: the cells show "check reviews" until Repair
    // indexes it among the reviews no consensus counts; then the consensus is as before.
    expect(after.agreements[0].indicatorScores![JOINT]).toBeNull();
    await repairFormulas(run, after, { author: "Ana" });
    const repaired = await readNow(run);
    expect(repaired.agreements[0].indicatorScores).toEqual(data.agreements[0].indicatorScores);
    expect(repaired.issues.map((i) => i.address)).toEqual([`C${row}`]);
  });

  it("round trip: the Reviews rows as a CSV import into another team scorecard and give the same consensus, scores and ranks", async () => {
    const { run, data: start } = await teamWithIndicators();
    const source = await benScores(run, start);
    const quote = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;
    const csv = [
      "Reviewer,Agreement ID,Criterion ID,Score,Rationale,Time",
      ...source.reviews.map((r) =>
        [r.reviewer, r.agreementId, r.criterionId, r.score ?? "", r.rationale, r.time].map(quote).join(","),
      ),
    ].join("\n");
    const target = await twoLevelScorecard("exclude", [2, 1, 1]);
    await switchToTeam(target.run, target.data, { reviewer: "Ana" });
    const before = await readNow(target.run);
    const plan = planReviewImport(parseReviewsCsv(csv), before);
    expect(plan.refused).toEqual([]);
    await importReviews(target.run, before, plan);
    const after = await readNow(target.run);
    expect(after.issues).toEqual([]);
    expect(after.agreements.map((a) => a.indicatorScores)).toEqual(
      source.agreements.map((a) => a.indicatorScores),
    );
    expect(after.computed).toEqual(source.computed);
    const cells = (d: ScorecardData) =>
      d.consensus.map((c) => [c.agreementId, c.criterionId, c.value, c.discuss]).sort();
    expect(cells(after)).toEqual(cells(source));
  });

  it("an import names an indicator by id or by its column header, and refuses the criterion it scores", async () => {
    const { data } = await teamWithIndicators();
    const id = data.agreements[0].id;
    const csv = [
      "Reviewer,Agreement ID,Criterion,Score",
      `Cy,${id},Operational efficiency / Joint exercises and interoperability,4`,
      `Cy,${id},shared_logistics,2`,
      `Cy,${id},Operational efficiency,3`,
      `Cy,${id},Joint exercises and interoperability,3`,
    ].join("\n");
    const plan = planReviewImport(parseReviewsCsv(csv), data);
    expect(plan.added.map((r) => [r.criterionId, r.score])).toEqual([
      [JOINT, 4],
      [LOGISTICS, 2],
    ]);
    expect(plan.refused.map((p) => p.message)).toEqual([
      'Row 4, column "Criterion": criterion "Operational efficiency" is scored through its indicators; give one of them instead: Operational efficiency / Joint exercises and interoperability, Operational efficiency / Shared logistics and resources, Operational efficiency / Command and liaison arrangements.',
      expect.stringMatching(
        /^Row 5, column "Criterion": "Joint exercises and interoperability" is not a criterion or indicator of the scorecard; use one of Operational efficiency \/ Joint exercises and interoperability, .*Strategic alignment, .* \(by name or id\)\.$/,
      ),
    ]);
  });

  it("Undo puts a reviewer's indicator review back, and the criterion follows", async () => {
    const { run, data: start } = await teamWithIndicators();
    const before = await benScores(run, start);
    const id = before.agreements[0].id;
    await writeReviews(run, before, "Ben", [
      { agreementId: id, criterionId: LOGISTICS, score: 5, rationale: "Revised" },
    ]);
    const changed = await readNow(run);
    expect(changed.agreements[0].indicatorScores?.[LOGISTICS]).not.toBe(
      before.agreements[0].indicatorScores?.[LOGISTICS],
    );
    expect(planUndo(changed, "Ben").refusal).toBeNull();
    await undoLastChange(run, changed, { author: "Ben" });
    const undone = await readNow(run);
    const ben = undone.reviews.find(
      (r) => r.reviewer === "Ben" && r.agreementId === id && r.criterionId === LOGISTICS,
    );
    expect([ben?.score, ben?.rationale]).toEqual([1, ""]);
    expect(undone.agreements[0].indicatorScores).toEqual(before.agreements[0].indicatorScores);
    expect(undone.agreements[0].scores[CRITERION]).toBe(before.agreements[0].scores[CRITERION]);
    expect(undone.issues).toEqual([]);
  });
});
