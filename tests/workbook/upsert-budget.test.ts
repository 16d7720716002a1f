/**
 * Adding and updating many agreements at once within Excel on the web's 5 MB per request (issue
 * 11): long non-Latin notes make the new rows and the updated cells many requests' worth, and the
 * rows Excel leaves outside the table (setAutoExpansion(false)) are moved in, in chunks too.
 */
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { UNFINISHED } from "../../src/workbook/write/audit";
import { createScorecard } from "../../src/workbook/scorecard/create";
import type { AgreementRecord } from "../../src/workbook/model";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { switchToTeam } from "../../src/workbook/team/mode";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";
import { measured, PAYLOAD_LIMIT } from "./budget";

jest.setTimeout(600_000);

const config = defaultConfig();
/** About 3,000 characters, most of them three bytes. */
const longNote = (i: number) => `${"国防合作协定年度报告".repeat(300)} №${i}`;
const cyrillicNote = (i: number) => `${"Оборонное сотрудничество ".repeat(120)}${i}`;

function agreement(id: string, i: number, notes = ""): AgreementRecord {
  return {
    id,
    name: `Agreement ${id}`,
    type: "Bilateral",
    parties: "Party A, Party B",
    signed: 2000 + (i % 20),
    notes,
    scores: Object.fromEntries(config.criteria.map((c, k) => [c.id, 1 + ((i + k) % 9) / 2])),
  };
}

/** Every Audit row in the table, by its What column (the pane reads only the newest). */
function auditWhats(sim: ReturnType<typeof newWorkbook>["sim"]) {
  const audit = sim.inspect.tables().find((t) => t.name === "ScorecardAudit")!;
  return sim.inspect.values(audit.sheet, audit.address).map((row) => row[2]);
}

describe("upserting agreements in bulk", () => {
  it("1,500 new agreements with long CJK notes, and 1,000 long notes replaced, in requests and replies under 5 MB, with Excel taking no row in", async () => {
    const { sim, run } = newWorkbook();
    // The notes to be replaced are read again before the write (a co-author's change is reported,
    // not overwritten): 6 MB of them, read in windows.
    const existing = Array.from({ length: 1_000 }, (_, i) => agreement(`OLD-${i + 1}`, i, cyrillicNote(i)));
    const { location } = await createScorecard(run, { config, agreements: existing });
    const data = await readScorecard(run, location);
    sim.setAutoExpansion(false);
    const added = Array.from({ length: 1_500 }, (_, i) => agreement(`NEW-${i + 1}`, i, longNote(i)));
    const updated = existing.map((a, i) => ({ id: a.id, notes: longNote(i + 5_000) }));
    const { result, stats } = await measured(sim, () =>
      upsertAgreements(run, data, [...updated, ...added], { author: "Ана" }),
    );
    expect(result).toEqual({ added: 1_500, updated: 1_000 });
    expect(stats.requestBytes.reduce((a, b) => a + b, 0)).toBeGreaterThan(3 * PAYLOAD_LIMIT);
    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    expect(after.agreements.map((a) => a.id)).toEqual([...existing, ...added].map((a) => a.id));
    expect(after.agreements.slice(0, 1_000).map((a) => a.notes)).toEqual(updated.map((u) => u.notes));
    expect(after.agreements.slice(1_000)).toEqual(added);
    expectFormulasMatchModel(after);
    expect(after.computed.map((c) => c.rank).sort((a, b) => a! - b!)[2_499]).toBeLessThanOrEqual(2_500);
    // Every row inside the Scorecard table, none left below it; an Audit row for each new agreement.
    const table = sim.inspect.tables().find((t) => t.name === "Scorecard")!;
    expect(table.rowCount).toBe(2_500);
    expect(sim.inspect.usedRange(table.sheet, true)).toBe(table.address);
    const what = auditWhats(sim);
    expect(what.filter((w) => w === "agreement added")).toHaveLength(1_500);
    expect(what).not.toContain(UNFINISHED);
  });

  it("3,000 new agreements in a team scorecard get their consensus formulas in requests under 5 MB", async () => {
    const { sim, run } = newWorkbook();
    const first = Array.from({ length: 10 }, (_, i) => agreement(`OLD-${i + 1}`, i));
    const { location } = await createScorecard(run, { config, agreements: first });
    await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
    const team = await readScorecard(run, location);
    sim.setAutoExpansion(false);
    const added = Array.from({ length: 3_000 }, (_, i) => ({
      ...agreement(`NEW-${i + 1}`, i, cyrillicNote(i)),
      scores: undefined,
    }));
    await measured(sim, () => upsertAgreements(run, team, added, { author: "Ana" }));
    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    expect(after.agreements).toHaveLength(3_010);
    // Nobody reviewed the new agreements: their consensus is blank, the first ten's unchanged.
    expect(after.agreements.slice(10).every((a) => Object.values(a.scores).every((s) => s === null))).toBe(
      true,
    );
    expect(after.agreements.slice(0, 10).map((a) => a.scores)).toEqual(team.agreements.map((a) => a.scores));
    expectFormulasMatchModel(after);
    const table = sim.inspect.tables().find((t) => t.name === "Scorecard")!;
    expect(table.rowCount).toBe(3_010);
  });
});
