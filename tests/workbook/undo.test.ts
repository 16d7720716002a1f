import { addCriterion, renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { setDiscussThreshold } from "../../src/workbook/team/discussThreshold";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { lastOwnChange, planUndo } from "../../src/workbook/plans/undo";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { setConsensusMethod, switchToTeam } from "../../src/workbook/team/mode";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { undoLastChange } from "../../src/workbook/write/undo";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import type { ScorecardLocation } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";
import { readNow, twoLevelScorecard } from "./indicator-support";

/** A score as the Audit trail writes it: blank for none. */
const auditValueOf = (score: number | null | undefined) => (score == null ? "" : String(score));

const at = (minute: number) => new Date(Date.UTC(2026, 1, 1, 10, minute));

async function scorecard() {
  const { sim, run } = newWorkbook();
  const config = defaultConfig("exclude", [3, 2, 1.5, 1]);
  const { location } = await createScorecard(run, { config, agreements: exampleAgreements().slice(0, 3) });
  return { sim, run, location, read: () => readScorecard(run, location) };
}

function undo(
  run: ExcelRun,
  location: ScorecardLocation,
  author: string,
  expectedTime?: string,
  minute = 59,
) {
  return readScorecard(run, location).then((fresh) =>
    undoLastChange(run, fresh, { author, expectedTime, now: at(minute) }),
  );
}

describe("undo of the author's last change, from the Audit trail", () => {
  it("puts weights back exactly, through the weights write, audited as a change of its own", async () => {
    const { run, location, read } = await scorecard();
    const before = await read();
    await writeWeights(
      run,
      before,
      { threat_response: 2.75, strategic_alignment: 0.1 },
      { author: "Ana", now: at(1) },
    );
    const changed = await read();
    expect(changed.config.criteria.map((c) => c.weight)).toEqual([3, 0.1, 1.5, 2.75]);

    const undone = await undo(run, location, "ana", at(1).toISOString());
    expect(undone.entries.map((e) => e.subject)).toEqual(["Strategic alignment", "Threat response"]);
    const after = await read();
    expect(after.config.criteria.map((c) => c.weight)).toEqual([3, 2, 1.5, 1]);
    expect(after.computed).toEqual(before.computed);
    expectFormulasMatchModel(after);
    expect(after.location.meta.versionStamp).toBe(changed.location.meta.versionStamp + 1);
    expect(after.audit.slice(-2).map((e) => [e.time, e.who, e.what, e.subject, e.before, e.after])).toEqual([
      [at(59).toISOString(), "ana", "weight", "Strategic alignment", "0.1", "2"],
      [at(59).toISOString(), "ana", "weight", "Threat response", "2.75", "1"],
    ]);
  });

  it("puts a score back, a blank one included", async () => {
    const { run, location, read } = await scorecard();
    const before = await read();
    const id = before.agreements[1].id;
    await upsertAgreements(run, before, [{ id, scores: { operational_efficiency: 2.5 } }], {
      author: "Ana",
      now: at(1),
    });
    await upsertAgreements(run, await read(), [{ id, scores: { operational_efficiency: null } }], {
      author: "Ana",
      now: at(2),
    });
    expect((await read()).agreements[1].scores.operational_efficiency).toBeNull();
    await undo(run, location, "Ana");
    expect((await read()).agreements[1].scores.operational_efficiency).toBe(2.5);
    // Undo again undoes the undo: the blank comes back.
    await undo(run, location, "Ana", undefined, 58);
    const after = await read();
    expect(after.agreements[1].scores.operational_efficiency).toBeNull();
    expect(after.audit.at(-1)).toMatchObject({ what: "score", agreementId: id, before: "2.5", after: "" });
  });

  it("puts an indicator's score back, and the criterion's score follows it (issue 16)", async () => {
    const { run, data } = await twoLevelScorecard();
    const nato = data.agreements.find((a) => a.id === "NATO")!;
    const [first, second] = data.config.criteria[0].indicators!;
    await upsertAgreements(run, data, [{ id: "NATO", indicatorScores: { [first.id]: 5, [second.id]: 2 } }], {
      author: "Ana",
      now: at(1),
    });
    const changed = await readNow(run);
    expect(changed.agreements.find((a) => a.id === "NATO")!.indicatorScores).toMatchObject({
      [first.id]: 5,
      [second.id]: 2,
    });
    const undone = await undoLastChange(run, changed, { author: "Ana", now: at(59) });
    // The change undone, as the trail recorded it.
    expect(undone.entries.map((e) => [e.subject, e.before, e.after])).toEqual([
      [`Operational efficiency / ${first.name}`, auditValueOf(nato.indicatorScores![first.id]), "5"],
      [`Operational efficiency / ${second.name}`, auditValueOf(nato.indicatorScores![second.id]), "2"],
    ]);
    const after = await readNow(run);
    const back = after.agreements.find((a) => a.id === "NATO")!;
    expect(back.indicatorScores).toEqual(nato.indicatorScores);
    expect(back.scores.operational_efficiency).toEqual(nato.scores.operational_efficiency);
    expect(after.computed).toEqual(data.computed);
    expect(after.audit.slice(-2).map((e) => [e.who, e.what, e.before, e.after])).toEqual([
      ["Ana", "score", "5", auditValueOf(nato.indicatorScores![first.id])],
      ["Ana", "score", "2", auditValueOf(nato.indicatorScores![second.id])],
    ]);
  });

  it("is refused, naming who, when a co-author changed a value the change wrote; nothing is written", async () => {
    const { run, location, read } = await scorecard();
    await writeWeights(run, await read(), { threat_response: 2 }, { author: "Ana", now: at(1) });
    await writeWeights(run, await read(), { threat_response: 5 }, { author: "Bea", now: at(2) });
    const stamp = (await read()).location.meta.versionStamp;
    await expect(undo(run, location, "Ana")).rejects.toMatchObject({
      code: "ChangedByAnotherAuthor",
      message: expect.stringMatching(
        /The weight of Threat response is 5 now, not 2 as you left it: Bea changed it at 2026-02-01T10:02:00.000Z/,
      ),
    });
    const after = await read();
    expect(after.location.meta.versionStamp).toBe(stamp);
    expect(after.config.criteria.find((c) => c.id === "threat_response")!.weight).toBe(5);
  });

  it("is refused when the value was typed over in the grid since, which the trail does not name", async () => {
    const { sim, run, location, read } = await scorecard();
    await writeWeights(run, await read(), { threat_response: 2 }, { author: "Ana", now: at(1) });
    sim.userEdit("Weights", (await read()).weightCells.threat_response, 4);
    await expect(undo(run, location, "Ana")).rejects.toMatchObject({
      message: expect.stringMatching(/is 4 now, not 2 as you left it: it was changed in the grid since/),
    });
  });

  it("goes ahead over a co-author's change to something else, which stays", async () => {
    const { run, location, read } = await scorecard();
    await writeWeights(run, await read(), { threat_response: 2 }, { author: "Ana", now: at(1) });
    await writeWeights(run, await read(), { operational_efficiency: 4 }, { author: "Bea", now: at(2) });
    await undo(run, location, "Ana");
    expect((await read()).config.criteria.map((c) => c.weight)).toEqual([4, 2, 1.5, 1]);
  });

  it("is refused when the change offered is no longer the author's latest", async () => {
    const { run, location, read } = await scorecard();
    await writeWeights(run, await read(), { threat_response: 2 }, { author: "Ana", now: at(1) });
    const offered = lastOwnChange((await read()).audit, "Ana")!.time;
    await writeWeights(run, await read(), { strategic_alignment: 3 }, { author: "Ana", now: at(2) });
    await expect(undo(run, location, "Ana", offered)).rejects.toMatchObject({
      code: "ChangedByAnotherAuthor",
      message: expect.stringMatching(/you made another at 2026-02-01T10:02:00.000Z/),
    });
    expect((await read()).config.criteria.map((c) => c.weight)).toEqual([3, 3, 1.5, 2]);
  });

  it("offers only changes it can reverse exactly, and says where to reverse the others", async () => {
    const { run, location, read } = await scorecard();
    await addCriterion(
      run,
      await read(),
      { name: "Cyber", definition: "", weight: 1 },
      { author: "Ana", now: at(1) },
    );
    expect(planUndo(await read(), "Ana").refusal).toEqual({
      message: "Adding a criterion cannot be undone here; remove it in the Criteria editor.",
      changedSince: false,
    });
    await expect(undo(run, location, "Ana")).rejects.toMatchObject({ code: "InvalidInput" });
    await upsertAgreements(run, await read(), [{ id: "N-1", name: "New" }], { author: "Ana", now: at(2) });
    expect(planUndo(await read(), "Ana").refusal?.message).toMatch(
      /Adding an agreement cannot be undone here/,
    );
    expect(planUndo(await read(), "Cy").refusal?.message).toBe(
      "The Audit trail holds no change by Cy to undo.",
    );
  });

  it("renames a criterion back, and puts the consensus method and discuss threshold back", async () => {
    const { run, location, read } = await scorecard();
    await renameCriterion(run, await read(), "threat_response", "Threats", { author: "Ana", now: at(1) });
    await undo(run, location, "Ana");
    expect((await read()).config.criteria.map((c) => c.name)).toContain("Threat response");

    await switchToTeam(run, await read(), { reviewer: "Ana" });
    await setConsensusMethod(run, await read(), "median", { reviewer: "Ana", now: at(3) });
    await undo(run, location, "Ana");
    expect((await read()).location.meta.consensusMethod).toBe("mean");

    await setDiscussThreshold(run, await read(), 0.25, { reviewer: "Ana", now: at(4) });
    await undo(run, location, "Ana");
    const after = await read();
    expect(after.location.meta.sdThreshold).toBe(1);
    expect(after.issues).toEqual([]);
  });

  it("puts a reviewer's own score and rationale back, and withdraws a first review", async () => {
    const { run, location, read } = await scorecard();
    await switchToTeam(run, await read(), { reviewer: "Ana" });
    const id = (await read()).agreements[0].id;
    const consensus = (data: Awaited<ReturnType<typeof read>>) =>
      data.consensus.find((c) => c.agreementId === id && c.criterionId === "threat_response")!.value;
    const beas = (data: Awaited<ReturnType<typeof read>>) => {
      const r = data.reviews.find((x) => x.reviewer === "Bea")!;
      return [r.score, r.rationale];
    };
    const review = (score: number, rationale: string, minute: number) =>
      read().then((data) =>
        writeReviews(
          run,
          data,
          "Bea",
          [{ agreementId: id, criterionId: "threat_response", score, rationale }],
          at(minute),
        ),
      );
    const alone = consensus(await read());

    await review(2, "Slow activation", 1);
    expect(consensus(await read())).not.toBe(alone);
    await undo(run, location, "Bea");
    let data = await read();
    expect(beas(data)).toEqual([null, ""]);
    expect(consensus(data)).toBe(alone);

    await review(2, "Slow activation", 2);
    await review(3, "Revised", 3);
    expect(planUndo(await read(), "bea").refusal).toBeNull();
    await undo(run, location, "Bea");
    data = await read();
    expect(beas(data)).toEqual([2, "Slow activation"]);
    expect(data.audit.slice(-2).map((e) => [e.who, e.what, e.before, e.after])).toEqual([
      ["Bea", "review", "3", "2"],
      ["Bea", "rationale", "Revised", "Slow activation"],
    ]);
    expect(data.issues).toEqual([]);
    await expect(undo(run, location, "Ana")).rejects.toMatchObject({
      message:
        "Switching between one analyst and a team cannot be undone exactly; switch back on the Team tab.",
    });
  });
});
