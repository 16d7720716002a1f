/**
 * Team scoring under the edits people make by hand (issue 10's team lines; docs/architecture.md §3): IDs that
 * a lookup could take for numbers, dates, logical values or errors; reviews typed below the
 * Reviews table; the table sorted; columns inserted in it; rows deleted; a reviewer's row pasted
 * twice; reviewers joining at the same moment. Every criterion cell shows the model's consensus
 * or "check reviews" with an issue at its address, never a wrong number, and "Repair formulas"
 * (or the next review) brings back the model's consensus everywhere.
 */
import { consensusTable, DEFAULT_CRITERIA, type ConsensusMethod, type Review } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import type { AgreementRecord, ScorecardData, ScorecardLocation } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { CONSENSUS_FLAG } from "../../src/workbook/team/reviewFormulas";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { switchToTeam } from "../../src/workbook/team/mode";
import { INVALID_MARK } from "../../src/workbook/contract/contract";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";
import { TEXT_IDS } from "./team-support";

const CRITERIA = DEFAULT_CRITERIA.map((c) => c.id);
const SCALE = { min: 1, max: 5 };

function agreement(id: string, scores: (number | null)[]): AgreementRecord {
  return {
    id,
    name: `Agreement ${id.trim()}`,
    type: "bilateral",
    parties: "A; B",
    signed: 2020,
    notes: "",
    scores: Object.fromEntries(CRITERIA.map((c, k) => [c, scores[k] ?? null])),
  };
}

/** A team scorecard: Ana's scores are the grid's when it switches, then each later reviewer writes theirs. */
async function team(
  agreements: AgreementRecord[],
  later: [string, Record<string, (number | null)[]>][] = [],
  method: ConsensusMethod = "mean",
) {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, { config: defaultConfig(), agreements });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana", method });
  const given: Review[] = agreements.flatMap((a) =>
    CRITERIA.filter((c) => a.scores[c] !== null).map((c) => ({
      reviewer: "ana",
      agreementId: a.id.trim(),
      criterionId: c,
      score: a.scores[c],
    })),
  );
  for (const [reviewer, scores] of later) {
    const edits = Object.entries(scores).flatMap(([id, row]) =>
      CRITERIA.flatMap((c, k) =>
        row[k] === null ? [] : [{ agreementId: id, criterionId: c, score: row[k], rationale: "" }],
      ),
    );
    await writeReviews(run, await readScorecard(run, location), reviewer, edits);
    given.push(...edits.map((e) => ({ reviewer: reviewer.toLowerCase(), ...e })));
  }
  return { sim, run, location, given, data: await readScorecard(run, location) };
}

/** A review typed cell by cell on Reviews row `row` (columns A–D), as a person types it. */
function typeReview(sim: ReturnType<typeof newWorkbook>["sim"], row: number, values: (string | number)[]) {
  values.forEach((value, k) => sim.userEdit("Reviews", `${"ABCD"[k]}${row}`, value));
}

/** The grid's consensus in every cell is the model's over `reviews`. */
function expectConsensus(data: ScorecardData, reviews: readonly Review[]) {
  const model = consensusTable(reviews, data.location.meta.consensusMethod, SCALE);
  const shown = data.agreements.flatMap((a) => CRITERIA.map((c) => [a.id, c, a.scores[c]]));
  const want = data.agreements.flatMap((a) =>
    CRITERIA.map((c) => [
      a.id,
      c,
      model.find((x) => x.agreementId === a.id && x.criterionId === c)?.value ?? null,
    ]),
  );
  expect(shown.map(([id, c, v]) => [id, c, typeof v === "number" ? Number(v.toFixed(9)) : v])).toEqual(
    want.map(([id, c, v]) => [id, c, typeof v === "number" ? Number(v.toFixed(9)) : v]),
  );
}

/** Reads the scorecard back: no issue, and the grid's consensus is the model's over `reviews`. */
async function expectReadsConsensus(run: ExcelRun, location: ScorecardLocation, reviews: readonly Review[]) {
  const data = await readScorecard(run, location);
  expect(data.issues).toEqual([]);
  expectConsensus(data, reviews);
  return data;
}

/** Every criterion cell shows the model's consensus or the flag, and each flagged cell is an issue at its address. */
function expectRightOrFlagged(
  sim: ReturnType<typeof newWorkbook>["sim"],
  data: ScorecardData,
  reviews: readonly Review[],
) {
  const model = consensusTable(reviews, data.location.meta.consensusMethod, SCALE);
  let flagged = 0;
  data.agreements.forEach((a, i) => {
    data.columns.criteria.forEach(({ criterionId, column }) => {
      const address = `${column}${data.rows[i]}`;
      const shown = sim.inspect.cell("Scorecard", address).value;
      if (shown === CONSENSUS_FLAG) {
        flagged++;
        expect(data.issues.find((x) => x.address === address)?.message).toMatch(/Repair formulas/);
        return;
      }
      const value = model.find((x) => x.agreementId === a.id && x.criterionId === criterionId)?.value ?? null;
      expect([address, shown]).toEqual([address, value === null ? "" : expect.closeTo(value, 9)]);
    });
  });
  return flagged;
}

describe("agreement IDs are compared as text", () => {
  it("no two of 1e3/1000, 0010/10, 16-digit references, a date, a percentage, TRUE, #N/A or a padded ID share reviews", async () => {
    const agreements = TEXT_IDS.map((id, i) => agreement(id, [1 + (i % 5), null, 2, null]));
    // Bea scores each agreement differently, so that a merge of any two would change a consensus.
    const bea = Object.fromEntries(
      TEXT_IDS.map((id, i) => [id.trim(), [5 - (i % 4) * 0.5, 3, null, 1 + i * 0.25]]),
    );
    const { sim, data, given } = await team(agreements, [["Bea", bea]]);
    expect(data.issues).toEqual([]);
    expectConsensus(data, given);
    expectFormulasMatchModel(data);
    // The reviews were chosen so that a merge of any pair would show: each pair shows two consensuses.
    const at = (id: string) => data.agreements.find((a) => a.id === id)!.scores.operational_efficiency;
    for (const [a, b] of [
      ["1e3", "1000"],
      ["0010", "10"],
      ["1234567890123456", "1234567890123457"],
      ["2024-01-15", "45306"],
      ["50%", "0.5"],
    ])
      expect(at(a)).not.toBe(at(b));
    expect(sim.inspect.cell("Scorecard", `F${data.rows[TEXT_IDS.indexOf(" padded ")]}`).value).toBe(
      at("padded"),
    );
  });
});

describe("reviews typed by hand", () => {
  async function typed() {
    const t = await team(
      [agreement("A", [2, 3, null, null]), agreement("B", [4, 4, 4, 4])],
      [["Bea", { A: [4, 5, null, null] }]],
    );
    const row = t.data.reviews.reduce((m, r) => Math.max(m, r.row), 0) + 1;
    return { ...t, row };
  }

  it("a review typed in the row below the table joins it: every cell is flagged, never wrong, until Repair formulas", async () => {
    const { sim, run, location, given, row } = await typed();
    typeReview(sim, row, ["Cy", "A", "operational_efficiency", 5]);
    const after = await readScorecard(run, location);
    const reviews = [
      ...given,
      { reviewer: "cy", agreementId: "A", criterionId: "operational_efficiency", score: 5 },
    ];
    expect(after.reviews).toHaveLength(given.length + 1);
    const flagged = expectRightOrFlagged(sim, after, reviews);
    expect(flagged).toBe(8);
    expect(sim.inspect.cell("Scorecard", `${after.columns.score}2`).value).toBe(INVALID_MARK);
    expect(after.issues.some((i) => i.message.includes(`typed by hand: Reviews!A${row}`))).toBe(true);
    await repairFormulas(run, after, { author: "Ana" });
    const repaired = await readScorecard(run, location);
    expect(repaired.issues).toEqual([]);
    expectConsensus(repaired, reviews);
    expectFormulasMatchModel(repaired);
    expect(repaired.audit.at(-1)).toMatchObject({ who: "Ana", what: "formulas repaired" });
  });

  it("the next review saved in the pane indexes a typed review too", async () => {
    const { sim, run, location, given, row } = await typed();
    typeReview(sim, row, ["Cy", "B", "threat_response", 1]);
    await writeReviews(run, await readScorecard(run, location), "Bea", [
      { agreementId: "B", criterionId: "threat_response", score: 2, rationale: "" },
    ]);
    await expectReadsConsensus(run, location, [
      ...given,
      { reviewer: "cy", agreementId: "B", criterionId: "threat_response", score: 1 },
      { reviewer: "bea", agreementId: "B", criterionId: "threat_response", score: 2 },
    ]);
  });

  it("a review typed two rows below, outside the table, counts nowhere: nothing changes", async () => {
    const { sim, run, location, given, data, row } = await typed();
    typeReview(sim, row + 1, ["Cy", "A", "operational_efficiency", 1]);
    const after = await readScorecard(run, location);
    expect(after.reviews).toEqual(data.reviews);
    expect(after.issues).toEqual([]);
    expectConsensus(after, given);
  });

  it("a reviewer's row pasted a second time: the later row counts (as the model says), after Repair too", async () => {
    const { sim, run, location, given, data, row } = await typed();
    const bea = data.reviews.find((r) => r.reviewer === "Bea" && r.criterionId === "operational_efficiency")!;
    await run(async (context) => {
      context.workbook.worksheets.getItem("Reviews").getRange(`A${row}:D${row}`).values = [
        ["'Bea", "'A", "'operational_efficiency", 1],
      ];
      await context.sync();
    });
    const after = await readScorecard(run, location);
    const reviews = [
      ...given.filter((r) => !(r.reviewer === "bea" && r.criterionId === bea.criterionId)),
      { reviewer: "bea", agreementId: "A", criterionId: bea.criterionId, score: 1 },
    ];
    expectRightOrFlagged(sim, after, reviews);
    expect(after.issues.some((i) => /second review/.test(i.message))).toBe(true);
    await repairFormulas(run, after, { author: "Ana" });
    const repaired = await readScorecard(run, location);
    expect(repaired.issues.map((i) => i.message)).toEqual([expect.stringMatching(/second review/)]);
    expectConsensus(repaired, reviews);
  });
});

describe("the Reviews table edited by hand", () => {
  const AGREEMENTS = [
    agreement("A", [1, 2, 3, 4]),
    agreement("B", [5, 5, null, 1]),
    agreement("C", [2, null, null, 3]),
  ];
  const LATER: [string, Record<string, (number | null)[]>][] = [
    ["Bea", { A: [5, 1, 3, 2], C: [4, 4, 4, 4] }],
    ["Cy", { A: [3, null, 5, 1], B: [1, 2, 3, 4] }],
  ];

  it("sorted (rows rewritten in another order, as Excel's sort leaves them): flagged, never wrong; Repair puts the consensus back", async () => {
    const { sim, run, location, given, data } = await team(AGREEMENTS, LATER, "median");
    const last = data.reviews.reduce((m, r) => Math.max(m, r.row), 0);
    const rows = sim.inspect.values("Reviews", `A2:F${last}`);
    const sorted = [...rows].sort(
      (a, b) => String(a[3]).localeCompare(String(b[3])) || String(a[1]).localeCompare(String(b[1])),
    );
    await run(async (context) => {
      context.workbook.worksheets.getItem("Reviews").getRange(`A2:F${last}`).values = sorted.map((r) =>
        r.map((v) => (typeof v === "string" && v !== "" ? `'${v}` : v)),
      );
      await context.sync();
    });
    const after = await readScorecard(run, location);
    expect(expectRightOrFlagged(sim, after, given)).toBeGreaterThan(0);
    await repairFormulas(run, after, { author: "Ana" });
    const repaired = await readScorecard(run, location);
    expect(repaired.issues).toEqual([]);
    expectConsensus(repaired, given);
  });

  it.each([
    [
      "a sheet column",
      (ctx: Excel.RequestContext) =>
        ctx.workbook.worksheets
          .getItem("Reviews")
          .getRange("B:B")
          .insert("Right" as Excel.InsertShiftDirection.right),
    ],
    [
      "a table column",
      (ctx: Excel.RequestContext) =>
        ctx.workbook.tables.getItem("ScorecardReviews").columns.add(1, undefined, "Note"),
    ],
  ])(
    "%s inserted between Reviewer and Agreement ID: the consensus stays right, and the next reviews land in their columns",
    async (_, insert) => {
      const { sim, run, location, given } = await team(AGREEMENTS, LATER);
      await run(async (context) => {
        insert(context);
        await context.sync();
      });
      const after = await expectReadsConsensus(run, location, given);
      await writeReviews(run, after, "Dee", [
        { agreementId: "C", criterionId: "threat_response", score: 5, rationale: "new" },
      ]);
      await writeReviews(run, after, "Bea", [
        { agreementId: "A", criterionId: "operational_efficiency", score: 2, rationale: "" },
      ]);
      const written = await readScorecard(run, location);
      expect(written.issues).toEqual([]);
      expectConsensus(written, [
        ...given.filter(
          (r) =>
            !(r.reviewer === "bea" && r.agreementId === "A" && r.criterionId === "operational_efficiency"),
        ),
        { reviewer: "bea", agreementId: "A", criterionId: "operational_efficiency", score: 2 },
        { reviewer: "dee", agreementId: "C", criterionId: "threat_response", score: 5 },
      ]);
      const dee = written.reviews.find((r) => r.reviewer === "Dee")!;
      expect(sim.inspect.values("Reviews", `A${dee.row}:G${dee.row}`)[0].slice(0, 5)).toEqual([
        "Dee",
        "",
        "C",
        "threat_response",
        5,
      ]);
    },
  );

  it("a review row deleted: only its cell is flagged; Repair puts it right", async () => {
    const { sim, run, location, given, data } = await team(AGREEMENTS, LATER);
    const cy = data.reviews.find(
      (r) => r.reviewer === "Cy" && r.agreementId === "B" && r.criterionId === "threat_response",
    )!;
    await run(async (context) => {
      context.workbook.worksheets
        .getItem("Reviews")
        .getRange(`${cy.row}:${cy.row}`)
        .delete("Up" as Excel.DeleteShiftDirection.up);
      await context.sync();
    });
    const after = await readScorecard(run, location);
    const reviews = given.filter(
      (r) => !(r.reviewer === "cy" && r.agreementId === "B" && r.criterionId === "threat_response"),
    );
    expect(expectRightOrFlagged(sim, after, reviews)).toBe(1);
    await repairFormulas(run, after, { author: "Ana" });
    expectConsensus(await readScorecard(run, location), reviews);
  });
});

describe("the index of the reviews deleted", () => {
  it("by a macro (people cannot unhide it): no number is shown, an issue says so, Repair builds it again", async () => {
    const { sim, run, location, given } = await team(
      [agreement("A", [1, 2, 3, 4]), agreement("B", [5, 5, null, 1])],
      [["Bea", { A: [5, 1, 3, 2] }]],
    );
    await run(async (context) => {
      // Excel deletes no very hidden sheet: a macro makes it visible first.
      const index = context.workbook.worksheets.getItem("AS_Consensus");
      index.visibility = "Visible";
      index.delete();
      await context.sync();
    });
    const after = await readScorecard(run, location);
    expect(after.consensusIndex).toBe(false);
    expect(after.agreements.every((a) => CRITERIA.every((c) => a.scores[c] === null))).toBe(true);
    expect(after.issues.some((i) => /index of the reviews .* is gone/.test(i.message) && i.repairable)).toBe(
      true,
    );
    await repairFormulas(run, after, { author: "Ana" });
    const repaired = await readScorecard(run, location);
    expect(repaired.issues).toEqual([]);
    expectConsensus(repaired, given);
    expect(sim.inspect.sheets().find((s) => s.name === "AS_Consensus")?.visibility).toBe("VeryHidden");
  });
});

describe("reviewers joining from stale reads", () => {
  it("two newcomers, each from a read taken before the other's review: both land in slots of their own, the grid is the model's", async () => {
    const { sim, run, location, given, data } = await team([agreement("A", [3, 3, 3, 3])]);
    const other = sim.newSession();
    const theirs = await readScorecard(other.run, location);
    await writeReviews(run, data, "Bea", [
      { agreementId: "A", criterionId: "threat_response", score: 5, rationale: "" },
    ]);
    await writeReviews(other.run, theirs, "Cy", [
      { agreementId: "A", criterionId: "threat_response", score: 1, rationale: "" },
    ]);
    await expectReadsConsensus(run, location, [
      ...given,
      { reviewer: "bea", agreementId: "A", criterionId: "threat_response", score: 5 },
      { reviewer: "cy", agreementId: "A", criterionId: "threat_response", score: 1 },
    ]);
  });
});
