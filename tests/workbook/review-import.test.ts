/**
 * Writing an import of reviews (src/workbook/team/reviewImport.ts) into a team scorecard on excel-sim:
 * the Reviews rows it adds and updates, the times it keeps, the Audit rows, the consensus the
 * formulas then show (equal to the model's), its sync budget, and a co-author's change never
 * overwritten.
 */
import { consensusTable } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { WorkbookError } from "../../src/workbook/errors";
import type { AgreementRecord } from "../../src/workbook/model";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { editsByReviewer, importBatches, importReviews } from "../../src/workbook/team/reviewImport";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { parseReviewsCsv, planReviewImport } from "../../src/workbook/team/reviewsCsv";
import { switchToTeam } from "../../src/workbook/team/mode";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";

const HEADER = "Reviewer,Agreement ID,Criterion,Score,Rationale,Time";
const NOW = new Date("2024-06-01T12:00:00.000Z");

function agreement(id: string, scores: (number | null)[]): AgreementRecord {
  const ids = defaultConfig().criteria.map((c) => c.id);
  return {
    id,
    name: `Agreement ${id}`,
    type: "",
    parties: "",
    signed: null,
    notes: "",
    scores: Object.fromEntries(ids.map((c, k) => [c, scores[k] ?? null])),
  };
}

/** Ana's grid scores become her reviews; Bea has one review with a rationale. */
async function team() {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: [agreement("A*", [4, 3, null, 2]), agreement("B", [2, 2, 2, 2])],
  });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
  await writeReviews(run, await readScorecard(run, location), "Bea", [
    { agreementId: "B", criterionId: "threat_response", score: 5, rationale: "Typed by Bea" },
  ]);
  return { sim, run, location, data: await readScorecard(run, location) };
}

const planFor = (csv: string, data: Parameters<typeof planReviewImport>[1]) =>
  planReviewImport(parseReviewsCsv(csv), data);

describe("importing reviews into a team scorecard", () => {
  it("adds and updates reviews, keeps the file's times and untouched rationales, audits each change", async () => {
    const { sim, run, location, data } = await team();
    const plan = planFor(
      `${HEADER}\n` +
        "Ana,A*,Operational efficiency,4,,\n" + // unchanged
        "ana,A*,Threat response,5,Changed my mind,2024-05-02T08:00:00Z\n" + // updated
        "Bea,b,Threat response,1,,2024-05-03 09:15\n" + // updated, Bea's rationale kept
        "Cy,A*,Capability enhancement,2.5,New,\n" + // added, no time: the import's
        "Cy,B,threat_response,9,,\n", // refused
      data,
    );
    expect([plan.added.length, plan.updated.length, plan.unchanged.length, plan.refused.length]).toEqual([
      1, 2, 1, 1,
    ]);
    const syncs = sim.stats.syncs;
    const result = await importReviews(run, data, plan, { now: NOW });
    expect(result).toEqual({ reviews: 3, reviewers: 3, changes: 5 });
    // Two syncs per reviewer (look, write), however many reviews each has.
    expect(sim.stats.syncs - syncs).toBe(2 * 3);
    expect(sim.stats.tableRowsAdd).toBe(0);

    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    const row = (reviewer: string, id: string, criterion: string) =>
      after.reviews.find(
        (r) => r.reviewer === reviewer && r.agreementId === id && r.criterionId === criterion,
      );
    expect(row("Ana", "A*", "threat_response")).toMatchObject({
      score: 5,
      rationale: "Changed my mind",
      time: "2024-05-02T08:00:00Z",
    });
    expect(row("Bea", "B", "threat_response")).toMatchObject({
      score: 1,
      rationale: "Typed by Bea",
      time: "2024-05-03T09:15",
    });
    expect(row("Cy", "A*", "capability_enhancement")).toMatchObject({
      score: 2.5,
      rationale: "New",
      time: NOW.toISOString(),
    });
    // The unchanged review was not written: its time is still the switch's.
    expect(row("Ana", "A*", "operational_efficiency")!.time).not.toBe(NOW.toISOString());
    expect(after.reviews).toHaveLength(data.reviews.length + 1);

    // The Audit sheet: one row per change, when it was imported, under the reviewer's name.
    const audit = after.audit.filter((e) => e.time === NOW.toISOString());
    expect(audit.map((e) => [e.who, e.what, e.agreementId, e.subject, e.before, e.after])).toEqual([
      ["Ana", "review", "A*", "Threat response", "2", "5"],
      ["Ana", "rationale", "A*", "Threat response", "", "Changed my mind"],
      ["Bea", "review", "B", "Threat response", "5", "1"],
      ["Cy", "review", "A*", "Capability enhancement", "", "2.5"],
      ["Cy", "rationale", "A*", "Capability enhancement", "", "New"],
    ]);

    // The grid's consensus formulas give the model's consensus of the reviews as they now stand.
    const model = consensusTable(
      after.reviews.map((r) => ({ ...r, reviewer: r.reviewer.toLowerCase() })),
      "mean",
      after.config.scale,
    );
    after.agreements.forEach((a) => {
      for (const c of after.config.criteria) {
        const cell = model.find((x) => x.agreementId === a.id && x.criterionId === c.id);
        if (cell?.value === null || cell === undefined) expect(a.scores[c.id]).toBeNull();
        else expect(a.scores[c.id]).toBeCloseTo(cell.value, 12);
      }
    });
    expect(after.agreements.find((a) => a.id === "B")!.scores.threat_response).toBe(1.5);
    expect(after.agreements.find((a) => a.id === "A*")!.scores.capability_enhancement).toBe(2.5);
    expectFormulasMatchModel(after);
  });

  it("imported again, the same file changes nothing and writes nothing", async () => {
    const { sim, run, location, data } = await team();
    const csv = `${HEADER}\nCy,A*,Threat response,3,Why,2024-05-01\nCy,B,Threat response,4,,\n`;
    await importReviews(run, data, planFor(csv, data), { now: NOW });
    const after = await readScorecard(run, location);
    const again = planFor(csv, after);
    expect([again.added.length, again.updated.length, again.unchanged.length]).toEqual([0, 0, 2]);
    const syncs = sim.stats.syncs;
    expect(await importReviews(run, after, again, { now: NOW })).toEqual({
      reviews: 0,
      reviewers: 0,
      changes: 0,
    });
    expect(sim.stats.syncs).toBe(syncs);
  });

  it("a co-author's change to a reviewer's row since the read is refused, not overwritten", async () => {
    const { sim, run, location, data } = await team();
    const plan = planFor(`${HEADER}\nBea,B,Threat response,2,,\n`, data);
    // Meanwhile Bea, in her own window, scores the same cell.
    const bea = sim.newSession();
    await writeReviews(bea.run, await readScorecard(bea.run, location), "Bea", [
      { agreementId: "B", criterionId: "threat_response", score: 4, rationale: "Typed by Bea" },
    ]);
    const error = await importReviews(run, data, plan, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).code).toBe("ChangedByAnotherAuthor");
    expect((error as WorkbookError).message).toMatch(/B, Threat response: now 4 \(you saw 5\)/);
    const after = await readScorecard(run, location);
    expect(after.reviews.find((r) => r.reviewer === "Bea")!.score).toBe(4);
  });

  it("groups the writes by reviewer, in file order, with the time only where the file gives one", () => {
    const plan = planFor(
      `${HEADER}\nCy,B,Threat response,4,,2024-05-01\nDan,B,Threat response,2,,\ncy,A*,Threat response,3,r,\n`,
      { agreements: [{ id: "A*" }, { id: "B" }], config: defaultConfig(), reviews: [] },
    );
    expect([...editsByReviewer(plan)]).toEqual([
      [
        "Cy",
        [
          {
            agreementId: "B",
            criterionId: "threat_response",
            score: 4,
            rationale: "",
            time: "2024-05-01",
          },
          { agreementId: "A*", criterionId: "threat_response", score: 3, rationale: "r" },
        ],
      ],
      ["Dan", [{ agreementId: "B", criterionId: "threat_response", score: 2, rationale: "" }]],
    ]);
  });

  it("splits a reviewer's reviews into batches that keep each request under the budget", async () => {
    const { sim, run } = newWorkbook();
    const ids = Array.from({ length: 250 }, (_, i) => `A-${i + 1}`);
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: ids.map((id) => agreement(id, [])),
    });
    await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
    const data = await readScorecard(run, location);
    const criteria = data.config.criteria.map((c) => c.name);
    const csv = [
      HEADER,
      ...ids.flatMap((id, i) => criteria.map((c, k) => `Ana,${id},${c},${1 + ((i + k) % 5)},Why ${i},`)),
    ];
    const plan = planFor(csv.join("\n"), data);
    expect(plan.added).toHaveLength(1000);
    const budget = 600_000;
    const batches = importBatches(plan, budget);
    expect(batches.length).toBeGreaterThan(2);
    expect(batches.every((b) => b.reviewer === "Ana")).toBe(true);
    expect(batches.flatMap((b) => b.edits)).toEqual(editsByReviewer(plan).get("Ana"));

    sim.resetStats();
    expect(await importReviews(run, data, plan, { now: NOW, budget })).toEqual({
      reviews: 1000,
      reviewers: 1,
      changes: 2000,
    });
    expect(sim.stats.syncs).toBe(2 * batches.length);
    expect(sim.stats.maxPayloadBytes).toBeLessThan(budget);
    const after = await readScorecard(run, location);
    expect(after.reviews).toHaveLength(1000);
    expect(after.issues).toEqual([]);
    expect(after.agreements[7].scores.threat_response).toBe(1 + ((7 + 3) % 5));
  });
});
