/**
 * Upgrading a team workbook written before the index of the reviews (schema 3). The workbook is
 * tests/fixtures/team-schema3.json: excel-sim's cells, tables, names and conditional formats after
 * the schema-3 code's createScorecard, switchToTeam, three reviewers' writeReviews and
 * setConsensusMethod (commit a907d50), loaded here into a fresh excel-sim through the Excel API.
 * Whichever team write comes first upgrades it; no review, rationale, time or Audit row is lost,
 * and the consensus becomes the model's, IDs 0010 and 10 included (schema 3 merged them).
 */
import { consensusTable } from "../../src/scoring";
import { REVIEW_COLUMNS, SCHEMA_VERSION, SHEET } from "../../src/workbook/contract/contract";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { setConsensusMethod } from "../../src/workbook/team/mode";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import fixture from "../fixtures/team-schema3.json";
import { expectFormulasMatchModel } from "./helpers";
import { fixtureWorkbook } from "./fixtureWorkbook";
import type { SimWorkbook } from "../../src/excel-sim";
import type { ReviewRecord, ScorecardData } from "../../src/workbook/model";

/** The fixture as a workbook: sheets, plain cells, tables, names, formulas, formats, as the API writes them. */
const schema3Workbook = () => fixtureWorkbook(fixture);

/** What a review says, without where it is. */
const brief = (r: Omit<ReviewRecord, "row">) => [
  r.reviewer,
  r.agreementId,
  r.criterionId,
  r.score,
  r.rationale,
  r.time,
];

async function opened() {
  const { sim, run } = await schema3Workbook();
  const location = (await locateScorecard(run))!;
  const before = await readScorecard(run, location);
  return { sim, run, location, before };
}

/** After an upgrade: the schema-4 layout, every review and Audit row kept, the model's consensus. */
function expectUpgraded(sim: SimWorkbook, data: ScorecardData, added: number) {
  expect(data.issues).toEqual([]);
  expect(data.consensusIndex).toBe(true);
  expect(sim.inspect.tables().find((t) => t.name === "ScorecardReviews")!.columns).toEqual([
    ...REVIEW_COLUMNS,
  ]);
  const top = sim.inspect.values("Reviews", "A1:Z1")[0];
  expect(top.filter((h) => String(h).startsWith("Discuss: "))).toEqual([]);
  expect(sim.inspect.values(SHEET.meta, "A1:B40").find(([k]) => k === "schemaVersion")?.[1]).toBe(
    String(SCHEMA_VERSION),
  );
  expect(data.reviews.slice(0, fixture.expected.reviews.length).map(brief)).toEqual(
    fixture.expected.reviews.map(brief),
  );
  expect(data.reviews).toHaveLength(fixture.expected.reviews.length + added);
  expect(data.audit.slice(0, fixture.expected.audit.length)).toEqual(fixture.expected.audit);
  expect(data.audit.some((e) => e.what === "formulas repaired" && e.after.startsWith("schema 4"))).toBe(true);
  const model = consensusTable(
    data.reviews.map((r) => ({ ...r, reviewer: r.reviewer.toLowerCase() })),
    data.location.meta.consensusMethod,
    data.config.scale,
  );
  for (const a of data.agreements)
    for (const c of data.config.criteria) {
      const value = model.find((x) => x.agreementId === a.id && x.criterionId === c.id)?.value ?? null;
      if (value === null) expect(a.scores[c.id]).toBeNull();
      else expect(a.scores[c.id]).toBeCloseTo(value, 9);
    }
  expectFormulasMatchModel(data);
}

describe("a schema-3 team workbook", () => {
  it("opens as it was: its reviews, its Audit trail, and an issue saying the formulas get upgraded", async () => {
    const { before } = await opened();
    expect(before.location.meta.mode).toBe("team");
    expect(before.location.meta.consensusMethod).toBe("median");
    expect(before.consensusIndex).toBe(false);
    expect(before.reviews.map(brief)).toEqual(fixture.expected.reviews.map(brief));
    expect(before.audit).toEqual(fixture.expected.audit);
    const shown = before.agreements.map((a) => ({ id: a.id, scores: a.scores }));
    expect(shown).toEqual(fixture.expected.shownBefore);
    // Schema 3 merged 0010 and 10: those cells read as typed over, and one issue asks for the upgrade.
    expect(before.issues.filter((i) => i.sheet === "Scorecard").map((i) => i.address)).toEqual(
      fixture.expected.issuesBefore,
    );
    expect(before.issues.some((i) => /earlier version's/.test(i.message) && i.repairable)).toBe(true);
  });

  it("is upgraded by its next review, which lands too", async () => {
    const { sim, run, location, before } = await opened();
    await writeReviews(run, before, "Dee", [
      { agreementId: "10", criterionId: "threat_response", score: 4.5, rationale: "after the upgrade" },
    ]);
    const after = await readScorecard(run, location);
    expectUpgraded(sim, after, 1);
    expect(after.reviews.at(-1)).toMatchObject({ reviewer: "Dee", agreementId: "10", score: 4.5 });
  });

  it("is upgraded by Repair formulas", async () => {
    const { sim, run, location, before } = await opened();
    await repairFormulas(run, before, { author: "Ana" });
    expectUpgraded(sim, await readScorecard(run, location), 0);
  });

  it("is upgraded by a change of consensus method", async () => {
    const { sim, run, location, before } = await opened();
    await setConsensusMethod(run, before, "mean", { reviewer: "Ana" });
    const after = await readScorecard(run, location);
    expect(after.location.meta.consensusMethod).toBe("mean");
    expectUpgraded(sim, after, 0);
  });

  it("a weight changed first keeps the schema-3 formulas working until the next review upgrades them", async () => {
    const { sim, run, location, before } = await opened();
    await writeWeights(run, before, { threat_response: 2 }, { author: "Ana" });
    const weighted = await readScorecard(run, location);
    expect(weighted.consensusIndex).toBe(false);
    expect(weighted.agreements.map((a) => a.scores)).toEqual(before.agreements.map((a) => a.scores));
    await writeReviews(run, weighted, "Ana", [
      { agreementId: "plain", criterionId: "operational_efficiency", score: 1, rationale: "" },
    ]);
    expectUpgraded(sim, await readScorecard(run, location), 1);
  });
});
