/**
 * Excel batches are not transactions: a write sync can stop after any of its actions. For every
 * such cut, the workbook holds either nothing of the change, or all of it with its Audit entries
 * and a new version stamp, or — in between — a part of it that the next read reports (an
 * "unfinished change" Audit row) with the stamp already moved, so co-authors' writes see a change.
 * The Audit sheet protected with a password stops a write before anything lands.
 */
import type { SimWorkbook } from "../../src/excel-sim";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { UNFINISHED } from "../../src/workbook/write/audit";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import type { ExcelRun } from "../../src/workbook/run";
import { switchToTeam } from "../../src/workbook/team/mode";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { defaultConfig, newWorkbook, snapshot } from "./helpers";
import type { ScorecardData } from "../../src/workbook/model";

interface Writer {
  name: string;
  author: string;
  team?: boolean;
  write(run: ExcelRun, data: ScorecardData): Promise<unknown>;
  /** Which of the change's cells the workbook holds as intended (true) or as before (false). */
  landed(sim: SimWorkbook): boolean[];
}

const WRITERS: Writer[] = [
  {
    name: "a weight change",
    author: "Ana",
    write: (run, data) =>
      writeWeights(run, data, { threat_response: 3, strategic_alignment: 2 }, { author: "Ana" }),
    landed: (sim) => [
      sim.inspect.values("Weights", "D5")[0][0] === 3,
      sim.inspect.values("Weights", "D3")[0][0] === 2,
    ],
  },
  {
    name: "a score update and two new agreements",
    author: "Ana",
    write: (run, data) =>
      upsertAgreements(
        run,
        data,
        [
          { id: "NATO", scores: { threat_response: 1 } },
          { id: "NEW-1", name: "First new" },
          { id: "NEW-2", name: "Second new" },
        ],
        { author: "Ana" },
      ),
    landed: (sim) => [
      sim.inspect.values("Scorecard", "I2")[0][0] === 1,
      sim.inspect.values("Scorecard", "B5")[0][0] === "First new",
      sim.inspect.values("Scorecard", "B6")[0][0] === "Second new",
    ],
  },
  {
    name: "a reviewer's new reviews",
    author: "Bea",
    team: true,
    write: (run, data) =>
      writeReviews(run, data, "Bea", [
        { agreementId: "NATO", criterionId: "threat_response", score: 2, rationale: "why" },
        { agreementId: "CSTO", criterionId: "threat_response", score: 5, rationale: "" },
      ]),
    landed: (sim) => {
      const rows = sim.inspect.values("Reviews", "A1:D40");
      return [
        rows.some((r) => r[0] === "Bea" && r[1] === "NATO" && r[3] === 2),
        rows.some((r) => r[0] === "Bea" && r[1] === "CSTO" && r[3] === 5),
      ];
    },
  },
];

async function setUp(team = false) {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    // NATO, CSTO, US-JP on rows 2–4.
    agreements: exampleAgreements().slice(0, 3),
  });
  if (team) await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
  const data = await readScorecard(run, (await locateScorecard(run))!);
  return { sim, run, data };
}

/** Audit entries of the writer's author. */
const entriesOf = (writer: Writer, data: ScorecardData) =>
  data.audit.filter((e) => e.who === writer.author && e.what !== UNFINISHED).length;

/** The actions of the write sync of a two-sync write (look, write), and the Audit entries it adds. */
async function uncut(writer: Writer): Promise<{ actions: number; entries: number }> {
  const { sim, run, data } = await setUp(writer.team);
  sim.resetStats();
  await writer.write(run, data);
  const after = await readScorecard(run, data.location);
  return { actions: sim.stats.syncActions[1], entries: entriesOf(writer, after) - entriesOf(writer, data) };
}

describe.each(WRITERS)("$name cut after any of its write sync's actions", (writer) => {
  it("leaves nothing, everything, or a reported part with the stamp moved", async () => {
    const { actions, entries } = await uncut(writer);
    expect(actions).toBeGreaterThan(5);
    expect(entries).toBeGreaterThan(1);
    const outcomes = new Set<string>();
    for (let k = 0; k <= actions; k++) {
      const { sim, run, data } = await setUp(writer.team);
      const before = snapshot(sim);
      sim.failSync(2, undefined, { afterActions: k });
      await expect(writer.write(run, data)).rejects.toThrow();
      const after = await readScorecard(run, (await locateScorecard(run))!);
      const landed = writer.landed(sim);
      const stampMoved = after.location.meta.versionStamp > data.location.meta.versionStamp;
      const unfinished = after.issues.filter((i) => i.sheet === "Audit" && /did not finish/.test(i.message));
      // Every entry of the write, none missing.
      const recorded = entriesOf(writer, after) - entriesOf(writer, data) === entries && !unfinished.length;
      const place = `cut after ${k} of ${actions} actions`;
      if (landed.some(Boolean)) {
        // Any part of the change: its Audit entries and stamp, or a report that it did not finish.
        expect({ place, stampMoved }).toEqual({ place, stampMoved: true });
        expect({ place, recordedOrReported: recorded || unfinished.length === 1 }).toEqual({
          place,
          recordedOrReported: true,
        });
      }
      if (unfinished.length > 0) {
        expect({ place, stampMoved }).toEqual({ place, stampMoved: true });
        expect(unfinished[0].message).toMatch(/a change by (Ana|Bea) at .* did not finish/);
      }
      if (k === 0) expect(snapshot(sim)).toBe(before);
      outcomes.add(landed.every(Boolean) && recorded ? "all" : unfinished.length ? "reported" : "none");
    }
    expect([...outcomes].sort()).toEqual(["all", "none", "reported"]);
  });
});

describe("after a cut", () => {
  it("the report stays until that author finishes another write; the trail keeps the record", async () => {
    const { sim, run, data } = await setUp();
    const { actions } = await uncut(WRITERS[0]);
    // The sync ends: the first entry over the unfinished row, the table's extent, protect.
    sim.failSync(2, undefined, { afterActions: actions - 3 });
    await expect(WRITERS[0].write(run, data)).rejects.toThrow();
    const cut = await readScorecard(run, data.location);
    expect(cut.issues.filter((i) => /did not finish/.test(i.message))).toHaveLength(1);
    expect(sim.inspect.protection("Audit").protected).toBe(false);
    await writeWeights(run, cut, { operational_efficiency: 4 }, { author: "Bea" });
    const byBea = await readScorecard(run, data.location);
    expect(byBea.issues.filter((i) => /did not finish/.test(i.message))).toHaveLength(1);
    await writeWeights(run, byBea, { operational_efficiency: 5 }, { author: "Ana" });
    const after = await readScorecard(run, data.location);
    expect(after.issues.filter((i) => /did not finish/.test(i.message))).toEqual([]);
    expect(after.audit.map((e) => [e.who, e.what, e.after])).toEqual([
      ["", "scorecard created", "4 criteria, 3 agreements."],
      ["Ana", UNFINISHED, expect.stringMatching(/did not finish/)],
      ["Ana", "weight", "3"],
      ["Bea", "weight", "4"],
      ["Ana", "weight", "5"],
    ]);
    // Protected again by the next write.
    expect(sim.inspect.protection("Audit").protected).toBe(true);
  });
});

describe("the Audit sheet protected with a password", () => {
  it("stops the write before anything lands, and the error names the Audit sheet and what to do", async () => {
    const { sim, run, data } = await setUp();
    await run(async (context) => {
      const protection = context.workbook.worksheets.getItem("Audit").protection;
      protection.unprotect();
      protection.protect({}, "secret");
      await context.sync();
    });
    const before = snapshot(sim);
    for (const writer of WRITERS.filter((w) => !w.team)) {
      await expect(writer.write(run, data)).rejects.toMatchObject({
        code: "SheetProtected",
        place: { sheet: "Audit" },
        message: expect.stringMatching(
          /Audit sheet "Audit" is protected with a password, so nothing was written.*Unprotect it/,
        ),
      });
    }
    expect(snapshot(sim)).toBe(before);
  });
});
