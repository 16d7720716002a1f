/**
 * Switching a large scorecard to team scoring, and changing its consensus method, within Excel on
 * the web's 5 MB per request (issue 11): 1,200 agreements × 4 criteria whose rationales are long and
 * not Latin (CJK weighs three bytes a character) make the reviews alone far more than one request.
 * Every sync is measured with excel-sim's payload accounting; the result must equal the model.
 */
import { UNFINISHED } from "../../src/workbook/write/audit";
import { createScorecard } from "../../src/workbook/scorecard/create";
import type { AgreementRecord } from "../../src/workbook/model";
import { joinNotes } from "../../src/workbook/agreements/rationale";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { setConsensusMethod, switchToTeam } from "../../src/workbook/team/mode";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";
import { bulkAgreements, measured, PAYLOAD_LIMIT } from "./budget";

jest.setTimeout(600_000);

const AGREEMENTS = 1_200;
const config = defaultConfig();
const criteria = config.criteria;
const score = (i: number, k: number) => 1 + ((i * 7 + k * 3) % 9) / 2;
/** About 700 characters: CJK, Cyrillic and an emoji, so that bytes and characters differ. */
const rationale = (i: number, k: number) =>
  `${"合作协议的联合演习记录".repeat(40)} Совместные учения ${i}-${k} 🛡️ ${"ежегодный отчёт ".repeat(15).trim()}`;

function agreements(): AgreementRecord[] {
  return bulkAgreements(AGREEMENTS, (i) => ({
    notes: joinNotes(
      { general: "", rationale: Object.fromEntries(criteria.map((c, k) => [c.id, rationale(i, k)])) },
      criteria,
    ),
    // A few cells unscored: they get no review.
    scores: Object.fromEntries(criteria.map((c, k) => [c.id, (i + k) % 17 === 0 ? null : score(i, k)])),
  }));
}

describe(`switching ${AGREEMENTS.toLocaleString("en")} agreements with long non-Latin rationales to a team`, () => {
  const { sim, run } = newWorkbook();
  let single: Awaited<ReturnType<typeof readScorecard>>;

  beforeAll(async () => {
    const { location } = await createScorecard(run, { config, agreements: agreements() });
    single = await readScorecard(run, location);
  });

  it("sends every review, index entry and formula in requests under 5 MB, and changes no score", async () => {
    // Excel takes none of the rows in: every chunk of them is moved into its table, in chunks too.
    sim.setAutoExpansion(false);
    const { stats } = await measured(sim, () => switchToTeam(run, single, { reviewer: "Ана" }));
    // The reviews alone weigh far more than one request: they went in several.
    expect(stats.requestBytes.reduce((a, b) => a + b, 0)).toBeGreaterThan(2 * PAYLOAD_LIMIT);
    const team = await readScorecard(run, single.location);
    expect(team.location.meta.mode).toBe("team");
    expect(team.issues).toEqual([]);
    expect(team.agreements.map((a) => a.scores)).toEqual(single.agreements.map((a) => a.scores));
    expectFormulasMatchModel(team);
    const scored = single.agreements.flatMap((a) =>
      criteria.filter((c) => a.scores[c.id] !== null).map((c) => ({ a, c })),
    );
    expect(team.reviews).toHaveLength(scored.length);
    const byCell = new Map(team.reviews.map((r) => [`${r.agreementId} ${r.criterionId}`, r]));
    scored.forEach(({ a, c }, n) => {
      const review = byCell.get(`${a.id} ${c.id}`);
      expect(review).toMatchObject({ reviewer: "Ана", score: a.scores[c.id] });
      // Every tenth compared in full: the rationale travelled intact.
      if (n % 10 === 0)
        expect(review!.rationale).toBe(rationale(Number(a.id.slice(3)) - 1, criteria.indexOf(c)));
    });
    // One Audit row for the switch and one per review (the whole table: the pane reads only its
    // newest rows), none left unfinished.
    const audit = sim.inspect.tables().find((t) => t.name === "ScorecardAudit")!;
    const what = sim.inspect.values(audit.sheet, audit.address).map((row) => row[2]);
    expect(what.filter((w) => w === "review")).toHaveLength(scored.length);
    expect(what.filter((w) => w === "mode")).toHaveLength(1);
    expect(what).not.toContain(UNFINISHED);
    // Nothing left below the tables.
    const reviews = sim.inspect.tables().find((t) => t.name === "ScorecardReviews")!;
    expect(reviews.rowCount).toBe(scored.length);
    expect(audit.rowCount).toBe(what.length - 1);
    expect(sim.inspect.usedRange(reviews.sheet)).toBe(reviews.address);
  });

  it("a change of consensus method writes its formulas in requests under 5 MB", async () => {
    const team = await readScorecard(run, single.location);
    expect(team.location.meta.mode).toBe("team");
    await measured(sim, () => setConsensusMethod(run, team, "median", { reviewer: "Ана" }));
    const after = await readScorecard(run, single.location);
    expect(after.location.meta.consensusMethod).toBe("median");
    expect(after.issues).toEqual([]);
    expect(after.agreements.map((a) => a.scores)).toEqual(single.agreements.map((a) => a.scores));
    expectFormulasMatchModel(after);
  });
});

/**
 * 20 criteria on 2,400 agreements: the Scorecard's team formulas (about 21 MB) and the index's
 * consensus formulas that a change of method rewrites (about 5.6 MB) are each more than one request.
 */
describe("a wide team scorecard: 20 criteria on 2,400 agreements", () => {
  const { sim, run } = newWorkbook();
  const WIDE = 2_400;
  const wide = {
    ...config,
    criteria: Array.from({ length: 20 }, (_, k) => ({
      id: `criterion_${k + 1}`,
      name: `Criterion ${k + 1}`,
      definition: "",
      weight: 1 + (k % 3),
    })),
  };

  it("switches to a team and changes the consensus method in requests under 5 MB, the scores unchanged", async () => {
    const { location } = await createScorecard(run, {
      config: wide,
      agreements: Array.from({ length: WIDE }, (_, i) => ({
        id: `W-${i + 1}`,
        name: `Agreement ${i + 1}`,
        type: "",
        parties: "",
        signed: null,
        notes: "",
        scores: Object.fromEntries(wide.criteria.map((c, k) => [c.id, score(i, k)])),
      })),
    });
    const before = await readScorecard(run, location);
    sim.setAutoExpansion(false);
    const switched = await measured(sim, () => switchToTeam(run, before, { reviewer: "Ana" }));
    expect(switched.stats.syncs).toBeGreaterThan(8);
    const team = await readScorecard(run, location);
    expect(team.reviews).toHaveLength(WIDE * 20);
    const changed = await measured(sim, () => setConsensusMethod(run, team, "median", { reviewer: "Ana" }));
    // The consensus formulas alone are more than one request: the look, then at least two chunks
    // (the last with the metadata and the Audit row).
    expect(changed.stats.syncs).toBeGreaterThanOrEqual(3);
    const after = await readScorecard(run, location);
    expect(after.location.meta.consensusMethod).toBe("median");
    expect(after.issues).toEqual([]);
    expect(after.agreements.map((a) => a.scores)).toEqual(before.agreements.map((a) => a.scores));
    expectFormulasMatchModel(after);
  });
});
