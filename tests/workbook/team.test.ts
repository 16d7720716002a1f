import fc from "fast-check";
import { consensusTable } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { setConsensusMethod, switchToSingle, switchToTeam } from "../../src/workbook/team/mode";
import { DISCUSS_FILL } from "../../src/workbook/team/teamFormulas";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { saveProfile } from "../../src/workbook/weights/profiles";
import { addCriterion } from "../../src/workbook/criteria/editCriteria";
import { ConflictError } from "../../src/workbook/write/conflicts";
import { WorkbookError } from "../../src/workbook/errors";
import type { AgreementRecord } from "../../src/workbook/model";
import { discussRuleFormula } from "../../src/workbook/team/reviewFormulas";
import { indexCriteria } from "../../src/workbook/team/teamFormulas";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";
import { discussFlag } from "./team-support";
import { newScorecard } from "./scorecardFixture";

const CRITERIA = [
  "operational_efficiency",
  "strategic_alignment",
  "capability_enhancement",
  "threat_response",
];

function agreement(id: string, scores: (number | null)[], name = `Agreement ${id}`): AgreementRecord {
  return {
    id,
    name,
    type: "bilateral",
    parties: "A; B",
    signed: 2020,
    notes: "",
    scores: Object.fromEntries(CRITERIA.map((c, k) => [c, scores[k] ?? null])),
  };
}

/** Agreements named by their IDs, each with its scores in criterion order. */
function agreementsScored(scores: Record<string, (number | null)[]>): AgreementRecord[] {
  return Object.entries(scores).map(([id, row]) => agreement(id, row));
}

async function teamScorecard(agreements: AgreementRecord[] = exampleAgreements().slice(0, 3)) {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, { config: defaultConfig(), agreements });
  const single = await readScorecard(run, location);
  await switchToTeam(run, single, { reviewer: "Ana" });
  const data = await readScorecard(run, location);
  return { sim, run, data, single };
}

describe("switching to team scoring", () => {
  it("keeps every score as the first reviewer's review, behind live consensus formulas", async () => {
    const { sim, data, single } = await teamScorecard();
    expect(data.location.meta.mode).toBe("team");
    expect(data.agreements.map((a) => a.scores)).toEqual(single.agreements.map((a) => a.scores));
    expect(data.computed.map((c) => c.rank)).toEqual(single.computed.map((c) => c.rank));
    const scored = single.agreements.flatMap((a) => CRITERIA.filter((c) => a.scores[c] !== null));
    expect(data.reviews).toHaveLength(scored.length);
    expect(new Set(data.reviews.map((r) => r.reviewer))).toEqual(new Set(["Ana"]));
    expect(sim.inspect.cell("Scorecard", "F2").formula).toMatch(/^=IFERROR\(INDEX\(AS_Consensus!\$\w+\$3:/);
    expect(data.issues).toEqual([]);
    expect(data.audit.map((e) => [e.who, e.what, e.before, e.after])).toContainEqual([
      "Ana",
      "mode",
      "one analyst",
      "team",
    ]);
    expectFormulasMatchModel(data);
  });

  it("flags the cells to discuss with a conditional format over the whole criterion column", async () => {
    const { sim, data } = await teamScorecard();
    const formats = sim.inspect.conditionalFormats("Scorecard");
    expect(formats.map((f) => f.ranges[0]).sort()).toEqual([
      "F2:F1048576",
      "G2:G1048576",
      "H2:H1048576",
      "I2:I1048576",
    ]);
    const first = formats.find((f) => f.ranges[0] === "F2:F1048576")!;
    expect(first.type).toBe("Custom");
    const k = indexCriteria(data.location.meta).indexOf(CRITERIA[0]);
    expect(first.rule.formula).toBe(discussRuleFormula("$A2", k));
    expect(JSON.stringify(first)).toContain(DISCUSS_FILL);
  });

  it("refuses to switch over a co-author's change made since the read", async () => {
    const { sim, run, location, data: stale } = await newScorecard();
    const other = sim.newSession();
    const theirs = await readScorecard(other.run, location);
    await writeWeights(other.run, theirs, { threat_response: 3 }, { author: "Bea" });
    const error = await switchToTeam(run, stale, { reviewer: "Ana" }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error.code).toBe("ChangedByAnotherAuthor");
    expect((await readScorecard(run, location)).location.meta.mode).toBe("single");
  });

  it("asks for a reviewer name", async () => {
    const { run } = newWorkbook();
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: exampleAgreements(),
    });
    const data = await readScorecard(run, location);
    await expect(switchToTeam(run, data, { reviewer: "  " })).rejects.toThrow(/reviewer name/);
  });
});

describe("team reviews", () => {
  it("a second reviewer's scores move the consensus (mean, then median) and flag wide disagreement", async () => {
    const { sim, run, data } = await teamScorecard(agreementsScored({ A: [1, 2, 3, 4], B: [5, 5, 5, 5] }));
    await writeReviews(run, data, "Bea", [
      { agreementId: "A", criterionId: "operational_efficiency", score: 5, rationale: "Strong logistics." },
      { agreementId: "A", criterionId: "strategic_alignment", score: 3, rationale: "" },
    ]);
    let after = await readScorecard(run, data.location);
    const a = after.agreements.find((x) => x.id === "A")!;
    expect(a.scores.operational_efficiency).toBe(3);
    expect(a.scores.strategic_alignment).toBe(2.5);
    const oe = after.consensus.find(
      (c) => c.agreementId === "A" && c.criterionId === "operational_efficiency",
    )!;
    expect(oe.discuss).toBe(true);
    expect(oe.reviews.map((r) => [r.reviewer, r.score, r.rationale])).toEqual([
      ["Ana", 1, ""],
      ["Bea", 5, "Strong logistics."],
    ]);
    expect(
      after.consensus.find((c) => c.agreementId === "A" && c.criterionId === "strategic_alignment")!.discuss,
    ).toBe(false);
    expect(after.issues).toEqual([]);
    expectFormulasMatchModel(after);
    // The grid flags the cell to discuss (the conditional format applies), and only that one.
    expect(sim.inspect.cell("Scorecard", "F2").conditionalFormat?.fillColor).toBe(DISCUSS_FILL);
    expect(sim.inspect.cell("Scorecard", "G2").conditionalFormat).toBeNull();
    expect(sim.inspect.cell("Scorecard", "F3").conditionalFormat).toBeNull();

    await writeReviews(run, after, "Cy", [
      { agreementId: "A", criterionId: "operational_efficiency", score: 2, rationale: "" },
    ]);
    after = await readScorecard(run, data.location);
    await setConsensusMethod(run, after, "median", { reviewer: "Cy" });
    after = await readScorecard(run, data.location);
    expect(after.location.meta.consensusMethod).toBe("median");
    expect(after.agreements[0].scores.operational_efficiency).toBe(2);
    expect(after.issues).toEqual([]);
    expectFormulasMatchModel(after);
  });

  it("a review is two syncs, look and write, with the reviewer's entry in the index of the reviews", async () => {
    const { sim, run, data } = await teamScorecard(agreementsScored({ A: [4, 4, 4, 4], B: [2, 2, 2, 2] }));
    sim.resetStats();
    await writeReviews(run, data, "Bea", [
      { agreementId: "B", criterionId: "threat_response", score: 5, rationale: "" },
    ]);
    expect(sim.stats.syncs).toBe(2);
    const after = await readScorecard(run, data.location);
    expect(after.agreements[1].scores.threat_response).toBe(3.5);
    expect(after.issues).toEqual([]);
  });

  it("a reviewer changes only their own row; withdrawing a score keeps the row and its rationale", async () => {
    const { run, data } = await teamScorecard([agreement("A", [4, 4, 4, 4])]);
    await writeReviews(run, data, "Ana", [
      {
        agreementId: "A",
        criterionId: "threat_response",
        score: null,
        rationale: "Not enough evidence yet.",
      },
    ]);
    const after = await readScorecard(run, data.location);
    expect(after.reviews).toHaveLength(4);
    const mine = after.reviews.find((r) => r.criterionId === "threat_response")!;
    expect([mine.score, mine.rationale]).toEqual([null, "Not enough evidence yet."]);
    expect(after.agreements[0].scores.threat_response).toBeNull();
    expect(after.computed[0].score).toBeNull();
    expect(after.audit.slice(-2).map((e) => [e.what, e.before, e.after])).toEqual([
      ["review", "4", ""],
      ["rationale", "", "Not enough evidence yet."],
    ]);
  });

  it("refuses scores off the scale and unknown agreements, naming them", async () => {
    const { run, data } = await teamScorecard([agreement("A", [4, 4, 4, 4])]);
    await expect(
      writeReviews(run, data, "Bea", [
        { agreementId: "A", criterionId: "threat_response", score: 9, rationale: "" },
      ]),
    ).rejects.toThrow(/Threat response/);
    await expect(
      writeReviews(run, data, "Bea", [
        { agreementId: "Z", criterionId: "threat_response", score: 3, rationale: "" },
      ]),
    ).rejects.toThrow(/"Z" is not in the scorecard/);
    await expect(
      upsertAgreements(run, data, [{ id: "A", scores: { threat_response: 2 } }], { author: "Bea" }),
    ).rejects.toThrow(/reviewer on the Score tab/);
  });

  it("reports a consensus formula typed over in the grid, naming the cell", async () => {
    const { sim, run, data } = await teamScorecard([agreement("A", [4, 4, 4, 4])]);
    sim.userEdit("Scorecard", "G2", 1);
    const after = await readScorecard(run, data.location);
    expect(after.issues.map((i) => i.address)).toEqual(["G2"]);
    expect(after.issues[0].message).toMatch(/Scorecard!G2 .*shows 1 but the reviewers' consensus is 4/);
  });

  it("agreements added to a team scorecard get consensus formulas and discuss flags", async () => {
    const { sim, run, data } = await teamScorecard([agreement("A", [4, 4, 4, 4])]);
    await upsertAgreements(run, data, [{ id: "N-1", name: "New one" }], { author: "Ana" });
    let after = await readScorecard(run, data.location);
    await writeReviews(run, after, "Ana", [
      { agreementId: "N-1", criterionId: "operational_efficiency", score: 1, rationale: "" },
    ]);
    await writeReviews(run, after, "Bea", [
      { agreementId: "N-1", criterionId: "operational_efficiency", score: 5, rationale: "" },
    ]);
    after = await readScorecard(run, data.location);
    expect(after.agreements[1].scores.operational_efficiency).toBe(3);
    expect(discussFlag(sim, after.location.meta, "N-1", CRITERIA[0])).toBe(true);
    expect(discussFlag(sim, after.location.meta, "A", CRITERIA[0])).toBe(false);
    expect(sim.inspect.cell("Scorecard", "F3").conditionalFormat?.fillColor).toBe(DISCUSS_FILL);
    expect(after.audit.some((e) => e.what === "agreement added" && e.agreementId === "N-1")).toBe(true);
  });

  it("switching back to one analyst keeps the consensus as plain values and the Reviews sheet as the record", async () => {
    const { sim, run, data } = await teamScorecard([agreement("A", [2, 2, 2, 2])]);
    await writeReviews(run, data, "Bea", [
      { agreementId: "A", criterionId: "threat_response", score: 5, rationale: "" },
    ]);
    const team = await readScorecard(run, data.location);
    await switchToSingle(run, team, { reviewer: "Bea" });
    const single = await readScorecard(run, data.location);
    expect(single.location.meta.mode).toBe("single");
    expect(single.agreements[0].scores.threat_response).toBe(3.5);
    expect(sim.inspect.cell("Scorecard", "I2").formula).toBeNull();
    expect(sim.inspect.conditionalFormats("Scorecard")).toEqual([]);
    expect(single.reviews).toHaveLength(5);
    expect(single.consensus).toEqual([]);
    expect(single.computed[0].score).toBeCloseTo(team.computed[0].score!, 9);
    // And to a team again: the analyst's score stands, the earlier reviews are kept.
    await upsertAgreements(run, single, [{ id: "A", scores: { strategic_alignment: 4 } }], { author: "Bea" });
    await switchToTeam(run, await readScorecard(run, data.location), { reviewer: "Bea" });
    const again = await readScorecard(run, data.location);
    expect(again.agreements[0].scores).toEqual({ ...single.agreements[0].scores, strategic_alignment: 4 });
    expect(again.issues).toEqual([]);
  });

  it("refuses to add a criterion while the team scores", async () => {
    const { run, data } = await teamScorecard();
    await expect(
      addCriterion(run, data, { name: "Cost", definition: "", weight: 1 }, { author: "Tester" }),
    ).rejects.toThrow(/Switch to one analyst/);
  });
});

describe("consensus formulas equal the model", () => {
  const ids = ["A*", "B?", "~C", ">5", "=x", "plain", "PLAIN2"];
  it("for any reviews, IDs with wildcard and operator characters included (mean and median)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            reviewer: fc.constantFrom("Ana", "Bea", "Cy", "Dee"),
            agreement: fc.integer({ min: 0, max: ids.length - 1 }),
            criterion: fc.constantFrom(...CRITERIA),
            score: fc.option(
              fc.integer({ min: 2, max: 10 }).map((x) => x / 2),
              { nil: null },
            ),
          }),
          { maxLength: 40 },
        ),
        fc.constantFrom("mean" as const, "median" as const),
        async (reviews, method) => {
          const { sim, run, data } = await teamScorecard(ids.map((id) => agreement(id, [])));
          let current = data;
          if (method === "median") {
            await setConsensusMethod(run, current, "median", { reviewer: "Ana" });
            current = await readScorecard(run, data.location);
          }
          for (const r of reviews) {
            await writeReviews(run, current, r.reviewer, [
              { agreementId: ids[r.agreement], criterionId: r.criterion, score: r.score, rationale: "" },
            ]);
            current = await readScorecard(run, data.location);
          }
          const model = consensusTable(
            reviews.map((r) => ({
              reviewer: r.reviewer,
              agreementId: ids[r.agreement],
              criterionId: r.criterion,
              score: r.score,
            })),
            method,
            { min: 1, max: 5 },
          );
          expect(current.issues).toEqual([]);
          for (const cell of model) {
            const row = current.agreements.findIndex((a) => a.id === cell.agreementId);
            const shown = current.agreements[row].scores[cell.criterionId];
            if (cell.value === null) expect(shown).toBeNull();
            else expect(shown).toBeCloseTo(cell.value, 9);
            expect(discussFlag(sim, current.location.meta, cell.agreementId, cell.criterionId)).toBe(
              cell.discuss,
            );
          }
          expectFormulasMatchModel(current);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe("co-authoring: two sessions interleaving", () => {
  it("two reviewers scoring at once: both reviews land, nothing is lost", async () => {
    const { sim, run, data } = await teamScorecard([agreement("A", [3, 3, 3, 3])]);
    const bea = sim.newSession();
    const beaData = await readScorecard(bea.run, data.location);
    await Promise.all([
      writeReviews(run, data, "Ana", [
        { agreementId: "A", criterionId: "threat_response", score: 1, rationale: "Ana's view" },
      ]),
      writeReviews(bea.run, beaData, "Bea", [
        { agreementId: "A", criterionId: "threat_response", score: 5, rationale: "Bea's view" },
        { agreementId: "A", criterionId: "strategic_alignment", score: 4, rationale: "" },
      ]),
    ]);
    const after = await readScorecard(run, data.location);
    const tr = after.consensus.find((c) => c.criterionId === "threat_response")!;
    expect(tr.reviews.map((r) => [r.reviewer, r.score, r.rationale]).sort()).toEqual([
      ["Ana", 1, "Ana's view"],
      ["Bea", 5, "Bea's view"],
    ]);
    expect(after.agreements[0].scores.threat_response).toBe(3);
    expect(after.agreements[0].scores.strategic_alignment).toBe(3.5);
    // Every row was written below its table, never through table.rows.add.
    expect(sim.stats.tableRowsAdd).toBe(0);
    expect(sim.inspect.tables().find((t) => t.name === "ScorecardReviews")!.rowCount).toBe(6);
    expect(after.issues).toEqual([]);
    expect(
      after.audit
        .filter((e) => e.what === "review")
        .map((e) => e.who)
        .sort(),
    ).toEqual(expect.arrayContaining(["Ana", "Bea", "Bea"]));
  });

  it("one reviewer name in two windows: the second write is refused, naming the cell", async () => {
    const { sim, run, data } = await teamScorecard([agreement("A", [3, 3, 3, 3])]);
    const other = sim.newSession();
    const otherData = await readScorecard(other.run, data.location);
    await writeReviews(other.run, otherData, "ana", [
      { agreementId: "A", criterionId: "threat_response", score: 5, rationale: "" },
    ]);
    const error = await writeReviews(run, data, "Ana", [
      { agreementId: "A", criterionId: "threat_response", score: 1, rationale: "" },
    ]).catch((e) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error.code).toBe("ChangedByAnotherAuthor");
    expect(error.message).toMatch(/A, Threat response: now 5 \(you saw 3\)/);
    expect((await readScorecard(run, data.location)).agreements[0].scores.threat_response).toBe(5);
  });

  it("two reviewers changing weights at once: different criteria both land; the same criterion is a conflict", async () => {
    const { sim, run, location, data: ana } = await newScorecard();
    const bea = sim.newSession();
    const beaData = await readScorecard(bea.run, location);
    await Promise.all([
      writeWeights(run, ana, { threat_response: 3 }, { author: "Ana" }),
      writeWeights(bea.run, beaData, { operational_efficiency: 2 }, { author: "Bea" }),
    ]);
    const merged = await readScorecard(run, location);
    expect(merged.config.criteria.map((c) => c.weight)).toEqual([2, 1, 1, 3]);
    // Bea still sees threat response at 1 and sets it to 5: Ana's 3 is not silently replaced.
    const error = await writeWeights(bea.run, beaData, { threat_response: 5 }, { author: "Bea" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.conflicts).toEqual([
      expect.objectContaining({ subject: "weight of Threat response", seen: "1", now: "3" }),
    ]);
    expect((await readScorecard(run, location)).config.criteria[3].weight).toBe(3);
  });
});

describe("restored from the workbook alone", () => {
  it("another reviewer opening the workbook sees reviewers, consensus, profiles and the audit trail", async () => {
    const { sim, run, data } = await teamScorecard(agreementsScored({ A: [1, 2, 3, 4], B: [2, 2, 2, 2] }));
    await writeReviews(run, data, "Bea", [
      { agreementId: "A", criterionId: "operational_efficiency", score: 5, rationale: "why" },
    ]);
    await saveProfile(run, await readScorecard(run, data.location), {
      name: "Threat first",
      author: "Ana",
      weights: Object.fromEntries(CRITERIA.map((c, k) => [c, k + 1])),
    });
    const mine = await readScorecard(run, data.location);
    // A second session knows nothing but the workbook: no location, no local state.
    const other = sim.newSession();
    const location = await locateScorecard(other.run);
    const theirs = await readScorecard(other.run, location!);
    expect(theirs.location.meta.mode).toBe("team");
    expect(theirs.reviews).toEqual(mine.reviews);
    expect(theirs.consensus).toEqual(mine.consensus);
    expect(theirs.profiles.map((p) => [p.name, p.author])).toEqual([["Threat first", "Ana"]]);
    expect(theirs.audit).toEqual(mine.audit);
    expect(theirs.audit.map((e) => e.what)).toEqual(
      expect.arrayContaining(["mode", "review", "rationale", "profile saved"]),
    );
    expect(sim.inspect.protection("Audit").protected).toBe(true);
  });

  it("an Audit table deleted by hand does not block the scorecard; the next change starts a new one", async () => {
    const { run, data } = await teamScorecard([agreement("A", [3, 3, 3, 3])]);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Audit");
      sheet.protection.unprotect();
      context.workbook.tables.getItem(data.location.meta.audit!.table).delete();
      await context.sync();
    });
    const read = await readScorecard(run, data.location);
    expect(read.issues.map((i) => i.message)).toEqual([expect.stringMatching(/Audit table .* is gone/)]);
    await writeReviews(run, read, "Bea", [
      { agreementId: "A", criterionId: "threat_response", score: 4, rationale: "" },
    ]);
    const after = await readScorecard(run, data.location);
    expect(after.issues).toEqual([]);
    expect(after.audit.map((e) => [e.who, e.what])).toEqual([
      ["Bea", "audit trail started"],
      ["Bea", "review"],
    ]);
  });
});

describe("a workbook that already uses the names a team scorecard needs", () => {
  it('gets its Reviews sheet and table beside a person\'s sheet "Reviews" and a defined name "ScorecardReviews"', async () => {
    const { sim, run } = newWorkbook(["Reviews"]);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Reviews").getRange("A1").values = [["a person's notes"]];
      context.workbook.names.add("ScorecardReviews", "=Reviews!$A$1");
      await context.sync();
    });
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: exampleAgreements(),
    });
    const meta = await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
    expect(meta.reviews).toEqual({ sheet: "Reviews (2)", table: "ScorecardReviews2" });
    expect(sim.inspect.values("Reviews", "A1")).toEqual([["a person's notes"]]);
    const data = await readScorecard(run, (await locateScorecard(run))!);
    expect(data.issues).toEqual([]);
    expect(data.reviews.length).toBeGreaterThan(0);
  });
});
