/**
 * Bad input and faults that no other test tried yet (docs/robustness.md lists every case and the
 * test that tries it). Each case runs through the real operations against excel-sim and checks
 * values: what the workbook holds afterwards and the message the user is given.
 */
import { consensusTable, scoreAgreements } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { setConsensusMethod, switchToTeam } from "../../src/workbook/team/mode";
import { ConflictError } from "../../src/workbook/write/conflicts";
import type { AgreementRecord, ScorecardData } from "../../src/workbook/model";
import type { ScorecardConfig } from "../../src/workbook/contract/layout";
import type { ExcelRun } from "../../src/workbook/run";
import { defaultConfig, expectFormulasMatchModel, newWorkbook, snapshot } from "./helpers";
import { DEFAULT_SCORECARD_COLUMNS, newScorecard, readAfterHandEdit, refusedRead } from "./scorecardFixture";
import type { SimWorkbook } from "../../src/excel-sim";

const AUTHOR = { author: "Tester" };

const setUp = (agreements?: AgreementRecord[], config?: ScorecardConfig) =>
  newScorecard({ agreements, config });

/** What an upsert by the tester rejects with (its result, should it succeed), for the test to check. */
const upsertRejection = (
  run: ExcelRun,
  data: ScorecardData,
  updates: Parameters<typeof upsertAgreements>[2],
) => upsertAgreements(run, data, updates, AUTHOR).catch((e) => e);

function record(id: string, name: string, scores: Record<string, number | null> = {}): AgreementRecord {
  return { id, name, type: "Bilateral", parties: "", signed: null, scores, notes: "" };
}

const rowOf = (data: ScorecardData, id: string) => data.rows[data.agreements.findIndex((a) => a.id === id)];

describe("scores that are not scores", () => {
  it("typed in the grid: text, NaN, negative and huge numbers are refused by the cell's validation; nothing changes", async () => {
    const { sim } = await setUp();
    const before = snapshot(sim);
    for (const typed of ["high", "NaN", "-2", -2, 1e300, "#N/A", 0.5, 5.5]) {
      expect(sim.userEdit("Scorecard", "F3", typed)).toEqual({
        ok: false,
        code: "DataValidation",
        message: expect.stringMatching(/Enter a number from the scale minimum to the scale maximum/),
      });
    }
    expect(snapshot(sim)).toBe(before);
  });

  it("pasted past the validation: each cell is reported by address with what to enter, and its row is not ranked", async () => {
    const { run, location, edit } = await setUp();
    // A paste (or any API write) bypasses data validation.
    await edit((c) => {
      const sheet = c.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("F3:I3").values = [["'NaN", -2, 1e300, "#N/A"]];
    });
    const data = await readScorecard(run, location);
    const agreement = 'agreement "Collective Security Treaty Organization"';
    expect(data.issues.map((i) => [i.address, i.row, i.column, i.agreementId, i.message])).toEqual([
      [
        "F3",
        3,
        "Operational efficiency",
        "CSTO",
        `Scorecard!F3 (${agreement}, Operational efficiency): "NaN" is not a number; enter a score from 1 to 5, or clear the cell.`,
      ],
      [
        "G3",
        3,
        "Strategic alignment",
        "CSTO",
        `Scorecard!G3 (${agreement}, Strategic alignment): -2 is off the scale 1–5; enter a value from 1 to 5.`,
      ],
      [
        "H3",
        3,
        "Capability enhancement",
        "CSTO",
        `Scorecard!H3 (${agreement}, Capability enhancement): 1e+300 is off the scale 1–5; enter a value from 1 to 5.`,
      ],
      [
        "I3",
        3,
        "Threat response",
        "CSTO",
        `Scorecard!I3 (${agreement}, Threat response): "#N/A" is not a number; enter a score from 1 to 5, or clear the cell.`,
      ],
    ]);
    // Never read as 0 or clipped: the model sees no score, the workbook shows "check scores".
    expect(data.agreements[1].scores).toEqual({
      operational_efficiency: null,
      strategic_alignment: null,
      capability_enhancement: null,
      threat_response: null,
    });
    expect(data.computed[1]).toEqual({
      coverage: 0,
      score: null,
      rank: null,
      scoreText: "check scores",
      rankText: "",
    });
    // The other nine rows are ranked as before, without the CSTO row.
    expect(data.computed.filter((r) => r.rank !== null)).toHaveLength(9);
  });

  it("a blank score: no issue; coverage 3 of 4, and under the default policy no score and no rank", async () => {
    const { sim, run, location } = await setUp();
    expect(sim.userEdit("Scorecard", "G2", "")).toEqual({ ok: true });
    const data = await readScorecard(run, location);
    expect(data.issues).toEqual([]);
    expect(data.agreements[0].scores.strategic_alignment).toBeNull();
    expect(data.computed[0]).toEqual({ coverage: 3, score: null, rank: null, scoreText: "", rankText: "" });
    expect(sim.inspect.texts("Scorecard", "J2")).toEqual([["3/4"]]);
    expectFormulasMatchModel(data);
  });

  it("given to upsertAgreements: NaN, ±Infinity, text, negative and huge scores are refused naming agreement and criterion; nothing is written", async () => {
    const { sim, run, data } = await setUp();
    const before = snapshot(sim);
    const cases: [unknown, RegExp][] = [
      [NaN, /not a number \(NaN\)/],
      [Infinity, /infinite \(Infinity\)/],
      [-Infinity, /infinite \(-Infinity\)/],
      ["4", /"4" is not a number/],
      [-1, /score -1 is outside the scale 1–5/],
      [1e308, /score 1e\+308 is outside the scale 1–5/],
    ];
    for (const [bad, reason] of cases) {
      const error = await upsertRejection(run, data, [
        { id: "NATO", scores: { threat_response: bad as number } },
      ]);
      expect(error).toMatchObject({ code: "InvalidInput", place: { column: "Threat response" } });
      expect(error.message).toMatch(/Agreement id NATO, criterion "threat_response"|"NATO".*threat_response/);
      expect(error.message).toMatch(reason);
    }
    // The same for a new agreement.
    await expect(
      upsertAgreements(run, data, [{ id: "NEW", name: "New", scores: { threat_response: NaN } }], AUTHOR),
    ).rejects.toMatchObject({ code: "InvalidInput" });
    expect(snapshot(sim)).toBe(before);
  });
});

describe("weights that are not weights", () => {
  it("writeWeights refuses NaN, Infinity and text weights, naming the criterion; nothing is written", async () => {
    const { sim, run, data } = await setUp();
    const before = snapshot(sim);
    for (const bad of [NaN, Infinity, "3" as unknown as number]) {
      await expect(writeWeights(run, data, { strategic_alignment: bad }, AUTHOR)).rejects.toThrow(
        /Strategic alignment/,
      );
    }
    expect(snapshot(sim)).toBe(before);
  });

  it("a negative weight in the Weights sheet: typing it is refused; pasted, the normalized weights show #N/A and the read names the criterion and row", async () => {
    const { sim, run, location, edit } = await setUp();
    expect(sim.userEdit("Weights", "D3", -1)).toMatchObject({ ok: false, code: "DataValidation" });
    await edit((c) => (c.workbook.worksheets.getItem("Weights").getRange("D3").values = [[-1]]));
    // Never clipped to 0: every normalized weight is an error, so no score is computed.
    expect(sim.inspect.values("Weights", "E2:E5").flat()).toEqual(["#N/A", "#N/A", "#N/A", "#N/A"]);
    const error = await readScorecard(run, location).catch((e) => e);
    expect(error).toMatchObject({
      code: "InvalidInput",
      place: { sheet: "Weights", row: 3, column: "Weight" },
    });
    expect(error.message).toBe(
      'The weight of criterion "Strategic alignment" (sheet "Weights", row 3) is -1; enter a number of 0 or more.',
    );
  });

  it("all weights zero in the Weights sheet: the workbook shows #DIV/0!, never equal weights, and nothing is ranked", async () => {
    const { sim, run, location } = await setUp();
    for (const cell of ["D2", "D3", "D4", "D5"])
      expect(sim.userEdit("Weights", cell, 0)).toEqual({ ok: true });
    expect(sim.inspect.values("Weights", "E2:E5").flat()).toEqual([
      "#DIV/0!",
      "#DIV/0!",
      "#DIV/0!",
      "#DIV/0!",
    ]);
    const data = await readScorecard(run, location);
    expect(data.config.criteria.map((c) => c.weight)).toEqual([0, 0, 0, 0]);
    expect(data.computed.every((r) => r.score === null && r.rank === null && r.scoreText === "#DIV/0!")).toBe(
      true,
    );
    // The Results ranking is empty rather than ordered by some invented weights.
    expect(
      sim.inspect
        .values("Results", "B2:B11")
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
    // The read names the Weights sheet and says what to do.
    expect(data.issues.map((i) => [i.sheet, i.column, i.message])).toEqual([
      [
        "Weights",
        "Weight",
        'Every weight on sheet "Weights" is 0, so no agreement can be scored or ranked; give at least one criterion a weight above 0 (on the Weights tab, or in column Weight of the sheet).',
      ],
    ]);
  });
});

describe("agreement IDs and names", () => {
  const hostile = [
    '=HYPERLINK("http://example.com","click")',
    "=1+1",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "1949",
    "TRUE",
    "#N/A",
    "2024-01-15",
    "50%",
    "'quoted'",
    'He said "yes"',
    "O'Brien's “curly” pact",
    "Treaty [draft] {v2} (1951) <annex>",
    "Договор о коллективной безопасности",
    "日米安全保障条約",
    "معاهدة الدفاع العربي المشترك",
    "भारत–अमेरिका रक्षा समझौता",
    "🤝 Pact 👍🏽",
    "e\u0301 combining",
    "  padded  ",
    "line one\nline two",
  ];

  it("names and other text beginning with =, +, - or @, or with quotes, brackets and non-Latin scripts are stored as text and read back identical", async () => {
    const agreements = hostile.map((name, i) => ({
      ...record(i % 3 === 0 ? `@${i}` : i % 3 === 1 ? `=X${i}` : `-${i}`, name),
      type: name,
      parties: name,
      notes: name,
    }));
    const { sim, run, location, data } = await setUp(agreements);
    expect(data.issues).toEqual([]);
    expect(data.agreements.map((a) => [a.id, a.name, a.type, a.parties, a.notes])).toEqual(
      agreements.map((a) => [a.id, a.name, a.name, a.name, a.name]),
    );
    // Not one of them became a formula, a number, a date, a boolean or an error value.
    hostile.forEach((name, i) => {
      for (const column of ["A", "B", "C", "D", "M"]) {
        const cell = sim.inspect.cell("Scorecard", `${column}${i + 2}`);
        expect(cell.formula).toBeNull();
        expect(typeof cell.value).toBe("string");
      }
      expect(sim.inspect.cell("Scorecard", `B${i + 2}`).value).toBe(name);
    });

    // The same through upsertAgreements: renaming existing agreements and adding new ones.
    const renamed = [...hostile].reverse();
    await upsertAgreements(
      run,
      data,
      [
        ...data.agreements.map((a, i) => ({ id: a.id, name: renamed[i], parties: renamed[i] })),
        ...hostile.map((name, i) => ({ id: `+N${i}`, name, notes: name })),
      ],
      AUTHOR,
    );
    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    expect(after.agreements.map((a) => a.name)).toEqual([...renamed, ...hostile]);
    expect(after.agreements.slice(0, hostile.length).map((a) => a.parties)).toEqual(renamed);
    expect(after.agreements.slice(hostile.length).map((a) => [a.id, a.notes])).toEqual(
      hostile.map((name, i) => [`+N${i}`, name]),
    );
    // Only the add-in's own three formula columns (J:L) hold formulas.
    const formulaColumns = new Set<string>();
    after.rows.forEach((row) => {
      for (const column of "ABCDEFGHIJKLM") {
        const cell = sim.inspect.cell("Scorecard", `${column}${row}`);
        if (cell.formula !== null) formulaColumns.add(column);
        if ("ABM".includes(column)) expect(typeof cell.value).toBe("string");
      }
    });
    expect([...formulaColumns]).toEqual(["J", "K", "L"]);
    // The audit trail records the names as text too.
    expect(after.audit.filter((e) => e.what === "agreement added").map((e) => e.after)).toEqual(hostile);
  });

  it("a name of 32,767 characters (Excel's limit for a cell) is stored and read back identical, and the Results sheet shows it", async () => {
    const long = `=${"Σ[“x”] '日本' ".repeat(3000)}`.slice(0, 32_767);
    expect(long).toHaveLength(32_767);
    const all = (s: number) => ({
      operational_efficiency: s,
      strategic_alignment: s,
      capability_enhancement: s,
      threat_response: s,
    });
    const { sim, run, location, data } = await setUp([
      { ...record("LONG", long, all(5)), notes: long },
      record("SHORT", "short", all(1)),
    ]);
    expect(data.agreements[0].name).toBe(long);
    expect(data.agreements[0].notes).toBe(long);
    expect(sim.inspect.cell("Scorecard", "B2").formula).toBeNull();
    // The ranking picks the name up by formula (INDEX), whole.
    expect(sim.inspect.values("Results", "B2:E2")).toEqual([["LONG", long, 100, 1]]);
    // Also as an update and as a new agreement.
    const other = `+${long.slice(1)}`;
    await upsertAgreements(
      run,
      data,
      [
        { id: "SHORT", name: other },
        { id: "LONG2", name: long, scores: { threat_response: 3 } },
      ],
      AUTHOR,
    );
    const after = await readScorecard(run, location);
    expect(after.agreements.map((a) => a.name)).toEqual([long, other, long]);
    expect(after.issues).toEqual([]);
  });

  it("two agreements may share a name: both are kept, scored and ranked by their own IDs", async () => {
    const same = "Mutual Defense Treaty";
    const { sim, run, location, data } = await setUp([
      record("US-PH", same, {
        operational_efficiency: 2,
        strategic_alignment: 2,
        capability_enhancement: 2,
        threat_response: 2,
      }),
      record("US-KR", same, {
        operational_efficiency: 4,
        strategic_alignment: 4,
        capability_enhancement: 4,
        threat_response: 4,
      }),
    ]);
    expect(data.issues).toEqual([]);
    expect(data.computed.map((r) => [r.score, r.rank])).toEqual([
      [25, 2],
      [75, 1],
    ]);
    expect(sim.inspect.values("Results", "B2:C3")).toEqual([
      ["US-KR", same],
      ["US-PH", same],
    ]);
    // A third one by name only is a new agreement under its own ID; updates go by ID.
    await upsertAgreements(
      run,
      data,
      [
        { id: "US-PH", scores: { threat_response: 5 } },
        { id: "US-TW", name: same },
      ],
      AUTHOR,
    );
    const after = await readScorecard(run, location);
    expect(after.agreements.map((a) => [a.id, a.name, a.scores.threat_response])).toEqual([
      ["US-PH", same, 5],
      ["US-KR", same, 4],
      ["US-TW", same, null],
    ]);
    expectFormulasMatchModel(after);
  });

  it("an ID that differs only in case or spaces updates the existing agreement instead of adding a second", async () => {
    const { run, location, data } = await setUp();
    const result = await upsertAgreements(
      run,
      data,
      [{ id: "  nato ", scores: { threat_response: 1 } }],
      AUTHOR,
    );
    expect(result).toEqual({ added: 0, updated: 1 });
    const after = await readScorecard(run, location);
    expect(after.agreements).toHaveLength(10);
    expect(after.agreements[0]).toMatchObject({ id: "NATO", scores: { threat_response: 1 } });
  });

  it("an ID typed twice in the grid, or a blank ID, is reported on its row naming the other row", async () => {
    const { sim, run, location } = await setUp();
    expect(sim.userEdit("Scorecard", "A4", "nato")).toEqual({ ok: true });
    expect(sim.userEdit("Scorecard", "A6", "")).toEqual({ ok: true });
    const data = await readScorecard(run, location);
    expect(data.issues.map((i) => [i.address, i.column, i.message])).toEqual([
      [
        "A6",
        "ID",
        'Scorecard!A6 (agreement "US–Philippines Mutual Defense Treaty"): the ID is blank; give the agreement a unique ID.',
      ],
      ["A4", "ID", 'Scorecard!A4: ID "nato" is also used in row 2; IDs must be unique.'],
    ]);
    // Both rows are still scored and ranked by their formulas; nothing is dropped.
    expect(data.agreements).toHaveLength(10);
    expect(data.computed.every((r) => typeof r.rank === "number")).toBe(true);
    // A save goes to the first row with that ID, the agreement the pane shows.
    await upsertAgreements(run, data, [{ id: "NATO", scores: { threat_response: 1 } }], AUTHOR);
    expect(sim.inspect.values("Scorecard", "I2")).toEqual([[1]]);
    expect(sim.inspect.values("Scorecard", "I4")).toEqual([[4]]);
  });
});

describe("the Scorecard table rearranged by the user", () => {
  it("rows sorted by hand: formulas, ranks and the Results ranking follow; a save from the view before the sort is refused, a fresh one lands on the moved row", async () => {
    const { sim, run, location, data } = await setUp();
    // excel-sim has no Range.sort (its README lists sorting as left out): the user retypes the rows
    // in reverse order, notes included. Formulas stay per row, as after a sort in Excel.
    const reversed = [...data.agreements].reverse();
    const typed = reversed.map((a) => [
      a.id,
      a.name,
      a.type,
      a.parties,
      a.signed ?? "",
      ...Object.values(a.scores).map((s) => s ?? ""),
    ]);
    expect(sim.userEdit("Scorecard", "A2:I11", typed)).toEqual({ ok: true });
    expect(
      sim.userEdit(
        "Scorecard",
        "M2:M11",
        reversed.map((a) => [a.notes]),
      ),
    ).toEqual({ ok: true });
    const sorted = await readScorecard(run, location);
    expect(sorted.issues).toEqual([]);
    expect(sorted.agreements).toEqual(reversed);
    expectFormulasMatchModel(sorted);
    const rankBefore = new Map(data.agreements.map((a, i) => [a.id, data.computed[i].rank]));
    sorted.agreements.forEach((a, i) => expect(sorted.computed[i].rank).toBe(rankBefore.get(a.id)));
    // The Results ranking: by rank, ties in the grid's (new) order.
    const expected = sorted.agreements
      .map((a, i) => ({ id: a.id, rank: sorted.computed[i].rank!, i }))
      .sort((x, y) => x.rank - y.rank || x.i - y.i)
      .map((x) => x.id);
    expect(sim.inspect.values("Results", "B2:B11").flat()).toEqual(expected);

    // The pane's view from before the sort: NATO was on row 2, now row 11.
    const before = snapshot(sim);
    const error = await upsertRejection(run, data, [{ id: "NATO", scores: { threat_response: 1 } }]);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(
      /NATO, row: changed from row 2 to moved \(the rows were sorted or deleted\)/,
    );
    expect(snapshot(sim)).toBe(before);
    // Read again (as the pane does before every save): the score lands on NATO's new row.
    await upsertAgreements(run, sorted, [{ id: "NATO", scores: { threat_response: 1 } }], AUTHOR);
    expect(rowOf(sorted, "NATO")).toBe(11);
    expect(sim.inspect.values("Scorecard", "A11:I11")[0]).toEqual([
      "NATO",
      expect.any(String),
      "Multilateral",
      "32 member states",
      1949,
      4.5,
      4.5,
      4.5,
      1,
    ]);
    expect(sim.inspect.values("Scorecard", "I2")).toEqual([[data.agreements[9].scores.threat_response]]);
    expectFormulasMatchModel(await readScorecard(run, location));
  });

  it("rows filtered (hidden) by the user: every row is still read and ranked; writes reach hidden rows and new rows go below the table", async () => {
    const { sim, run, location, data, edit } = await setUp();
    await edit((c) => (c.workbook.worksheets.getItem("Scorecard").getRange("3:5").rowHidden = true));
    const filtered = await readScorecard(run, location);
    expect(filtered.agreements).toEqual(data.agreements);
    expect(filtered.computed).toEqual(data.computed);
    await upsertAgreements(
      run,
      filtered,
      [
        { id: "CSTO", scores: { threat_response: 5 } },
        { id: "NEW", name: "New agreement" },
      ],
      AUTHOR,
    );
    expect(sim.inspect.values("Scorecard", "I3")).toEqual([[5]]);
    expect(sim.inspect.values("Scorecard", "A12:B12")).toEqual([["NEW", "New agreement"]]);
    expect(sim.inspect.tables().find((t) => t.name === "Scorecard")!.rowCount).toBe(11);
    // The user's filter is left as it was.
    expect([...sim.inspect.model().sheets.find((s) => s.name === "Scorecard")!.hiddenRows].sort()).toEqual([
      2, 3, 4,
    ]);
    const after = await readScorecard(run, location);
    expect(after.agreements.find((a) => a.id === "CSTO")!.scores.threat_response).toBe(5);
    expectFormulasMatchModel(after);
  });

  it("a column moved (Parties to the end of the table): read and written by header; formulas and Results still match the model", async () => {
    const { sim, run, location, edit } = await setUp();
    const parties = sim.inspect.values("Scorecard", "D2:D11");
    // Cut and insert, as Excel does it: the column lands at the end, the others shift left and
    // every reference to them is rewritten.
    await edit((c) => {
      const sheet = c.workbook.worksheets.getItem("Scorecard");
      sheet.getRange("N2:N11").values = parties.map(([p]) => [`'${p}`]);
      sheet.getRange("N1").values = [["moving"]];
      sheet.getRange("D:D").delete("Left");
      sheet.getRange("M1").values = [["Parties"]];
    });
    expect(
      sim.inspect
        .tables()
        .find((t) => t.name === "Scorecard")!
        .columns.slice(3),
    ).toEqual([...DEFAULT_SCORECARD_COLUMNS.slice(4), "Parties"]);
    const moved = await readScorecard(run, location);
    expect(moved.issues).toEqual([]);
    expect(moved.columns).toMatchObject({ parties: "M", notes: "L", score: "J", rank: "K" });
    expect(moved.agreements).toEqual(exampleAgreements());
    expectFormulasMatchModel(moved);
    await upsertAgreements(
      run,
      moved,
      [
        { id: "NATO", parties: "31 member states", scores: { threat_response: 1 } },
        {
          id: "NEW",
          name: "New",
          parties: "A; B",
          scores: {
            operational_efficiency: 5,
            strategic_alignment: 5,
            capability_enhancement: 5,
            threat_response: 5,
          },
        },
      ],
      AUTHOR,
    );
    expect(sim.inspect.values("Scorecard", "A2:M2")[0]).toEqual([
      "NATO",
      "North Atlantic Treaty (NATO)",
      "Multilateral",
      1949,
      4.5,
      4.5,
      4.5,
      1,
      4,
      65.625, // 100·(3.5 + 3.5 + 3.5 + 0)/16
      expect.any(Number),
      expect.any(String),
      "31 member states",
    ]);
    expect(sim.inspect.values("Scorecard", "A12:M12")[0]).toEqual([
      "NEW",
      "New",
      "",
      "",
      5,
      5,
      5,
      5,
      4,
      100,
      1,
      "",
      "A; B",
    ]);
    const after = await readScorecard(run, location);
    expectFormulasMatchModel(after);
    expect(sim.inspect.values("Results", "B2:E2")).toEqual([["NEW", "New", 100, 1]]);
  });

  it.each([
    {
      change:
        "the formula columns split apart by a moved column: ColumnMissing saying to keep them side by side; nothing changed",
      // Notes cut and inserted between Weighted score and Rank.
      breakIt: (c: Excel.RequestContext, sim: SimWorkbook) => {
        const notes = sim.inspect.values("Scorecard", "M2:M11");
        const sheet = c.workbook.worksheets.getItem("Scorecard");
        sheet.getRange("L:L").insert("Right");
        sheet.getRange("L2:L11").values = notes.map(([n]) => [`'${n}`]);
        sheet.getRange("N:N").delete("Left");
        sheet.getRange("L1").values = [["Notes"]];
      },
      place: { table: "Scorecard", column: "Weighted score" },
      message:
        'Columns "Coverage", "Weighted score" and "Rank" of table "Scorecard" must stay side by side in that order; move them back together.',
    },
    {
      change: "a role column renamed: ColumnMissing naming it and saying how to fix it; nothing changed",
      breakIt: (c: Excel.RequestContext) => {
        c.workbook.worksheets.getItem("Scorecard").getRange("K1").values = [["Score"]];
      },
      place: { column: "Weighted score", sheet: "Scorecard" },
      message:
        'Column "Weighted score" of table "Scorecard" (sheet "Scorecard") is missing: it was renamed or deleted. Rename the column back to "Weighted score" or undo the deletion.',
    },
  ])("$change", async ({ breakIt, place, message }) => {
    const error = await readAfterHandEdit(breakIt);
    expect(error).toMatchObject({ code: "ColumnMissing", place });
    expect(error.message).toBe(message);
  });

  it("a criterion column deleted by hand: the read names it, writes nothing, and no row shows a score without that criterion", async () => {
    const { sim, run, location, data: stale, edit } = await setUp();
    await edit((c) => c.workbook.tables.getItem("Scorecard").columns.getItem("Strategic alignment").delete());
    // The weighted-score formulas (now in column J) lost a term to #REF!; every row shows #REF!
    // (as Excel does for COUNTIFS over a deleted cell) rather than a score computed without that
    // criterion, and is not ranked.
    expect(sim.inspect.formulas("Scorecard", "J2")[0][0]).toContain("AS_W_strategic_alignment*(#REF!");
    expect(sim.inspect.values("Scorecard", "J2:K11")).toEqual(
      Array.from({ length: 10 }, () => ["#REF!", ""]),
    );
    const before = snapshot(sim);
    const error = await refusedRead(sim, run, location);
    expect(error).toMatchObject({
      code: "ColumnMissing",
      place: { column: "Strategic alignment", table: "Scorecard", sheet: "Scorecard" },
    });
    expect(error.message).toMatch(
      /Column "Strategic alignment" of table "Scorecard" \(sheet "Scorecard"\) is missing/,
    );
    // A write from a view read before the deletion checks the header row and writes nothing, even
    // where the cell it would hit happens to hold the value it expects (ANZUS: Coverage 3 now sits
    // where Threat response 3 was).
    const error2 = await upsertRejection(run, stale, [{ id: "ANZUS", scores: { threat_response: 5 } }]);
    expect(error2).toMatchObject({
      code: "ColumnMissing",
      place: { table: "Scorecard", column: "Strategic alignment" },
    });
    expect(snapshot(sim)).toBe(before);
  });
});

describe("protected sheets", () => {
  it("a protected Scorecard sheet: adding or updating agreements is SheetProtected naming it, and nothing is written", async () => {
    const { sim, run, data, edit } = await setUp();
    await edit((c) => c.workbook.worksheets.getItem("Scorecard").protection.protect());
    const before = snapshot(sim);
    for (const updates of [[{ id: "NATO", scores: { threat_response: 1 } }], [{ id: "NEW", name: "New" }]]) {
      const error = await upsertRejection(run, data, updates);
      expect(error).toMatchObject({ code: "SheetProtected", place: { sheet: "Scorecard" } });
      expect(error.message).toBe(
        'Sheet "Scorecard" is protected, so the scorecard cannot be written; nothing was written. Unprotect it (Review › Unprotect Sheet) and try again.',
      );
      expect(snapshot(sim)).toBe(before);
    }
  });

  it("a protected Results sheet: adding an agreement is refused as SheetProtected naming it, and nothing is written", async () => {
    const { sim, run, data, edit } = await setUp();
    await edit((c) => c.workbook.worksheets.getItem("Results").protection.protect());
    const before = snapshot(sim);
    const error = await upsertRejection(run, data, [{ id: "NEW", name: "New" }]);
    expect(error).toMatchObject({ code: "SheetProtected", place: { sheet: "Results" } });
    expect(error.message).toMatch(/^Sheet "Results" is protected, .*nothing was written\. Unprotect it/);
    // Refused before anything was written: no half-added agreement on the Scorecard sheet.
    expect(snapshot(sim)).toBe(before);
  });
});

describe("size: 12 criteria and 20 reviewers", () => {
  it("12 criteria: created, scored through upsertAgreements, and the formulas' scores and ranks equal the model", async () => {
    const names = [
      "Operational efficiency",
      "Strategic alignment",
      "Capability enhancement",
      "Threat response",
      "Interoperability",
      "Cyber & space",
      "Logistics",
      "Legal basis",
      "Burden sharing",
      "Public support",
      "Industrial base",
      "Exercises",
    ];
    const config: ScorecardConfig = {
      criteria: names.map((name, k) => ({
        id: `c${k + 1}_${name.toLowerCase().replace(/[^a-z]+/g, "_")}`,
        name,
        definition: `Definition of ${name}`,
        weight: k + 1,
      })),
      scale: { min: 0, max: 10 },
      missingPolicy: "renormalize",
    };
    const ids = config.criteria.map((c) => c.id);
    const agreements = Array.from({ length: 25 }, (_, i) =>
      record(
        `A${i + 1}`,
        `Agreement ${i + 1}`,
        Object.fromEntries(
          ids.map((id, k) => [
            id,
            (i * 7 + k * 3) % 11 === 0 ? null : ((i * 7 + k * 3) % 11) - 0.5 * (k % 2),
          ]),
        ),
      ),
    );
    const { sim, run, location, data } = await setUp(agreements, config);
    expect(sim.inspect.tables().find((t) => t.name === "Scorecard")!.columns).toHaveLength(5 + 12 + 4);
    expect(data.issues).toEqual([]);
    expect(data.agreements).toEqual(agreements);
    expectFormulasMatchModel(data);
    // Every score of every agreement rewritten through the add-in, then a weight changed.
    await upsertAgreements(
      run,
      data,
      agreements.map((a, i) => ({
        id: a.id,
        scores: Object.fromEntries(ids.map((id, k) => [id, ((i + k) % 21) / 2])),
      })),
      AUTHOR,
    );
    await writeWeights(run, await readScorecard(run, location), { [ids[11]]: 0, [ids[0]]: 30 }, AUTHOR);
    const after = await readScorecard(run, location);
    expect(after.issues).toEqual([]);
    expect(after.config.criteria.map((c) => c.weight)).toEqual([30, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0]);
    expect(after.agreements[3].scores[ids[5]]).toBe(4);
    expectFormulasMatchModel(after);
    const model = scoreAgreements({
      criteria: after.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
      scale: after.config.scale,
      agreements: after.agreements,
      missing: "renormalize",
    });
    expect(model.every((m) => m.score !== null)).toBe(true);
    // The contribution chart has one series per criterion.
    expect(sim.inspect.charts("Results")[1].series.map((s) => s.name)).toEqual(names);
  });

  it("20 reviewers on three agreements: the consensus (mean, then median) equals the model, and scores and ranks follow", async () => {
    const criteria = [
      "operational_efficiency",
      "strategic_alignment",
      "capability_enhancement",
      "threat_response",
    ];
    const {
      run,
      location,
      data: single,
    } = await setUp([
      record("A", "Alpha", {
        operational_efficiency: 3,
        strategic_alignment: 3,
        capability_enhancement: 3,
        threat_response: 3,
      }),
      record("B", "Bravo"),
      record("C", "Charlie", { threat_response: 5 }),
    ]);
    await switchToTeam(run, single, { reviewer: "Reviewer 1" });
    const reviewers = Array.from({ length: 20 }, (_, r) => `Reviewer ${r + 1}`);
    const given: { reviewer: string; agreementId: string; criterionId: string; score: number | null }[] = [];
    // Reviewer 1's reviews are the grid's scores.
    for (const a of single.agreements)
      for (const c of criteria)
        if (a.scores[c] !== null)
          given.push({ reviewer: "Reviewer 1", agreementId: a.id, criterionId: c, score: a.scores[c] });
    for (const [r, reviewer] of reviewers.entries()) {
      const edits = ["A", "B", "C"].flatMap((agreementId, i) =>
        criteria.map((criterionId, k) => ({
          agreementId,
          criterionId,
          // Spread out, some withdrawn (null), on the 0.5 grid of the scale.
          score: (r + i + k) % 9 === 0 ? null : 1 + ((r * 3 + i * 5 + k * 7) % 9) / 2,
          rationale: `${reviewer} on ${agreementId}`,
        })),
      );
      await writeReviews(run, await readScorecard(run, location), reviewer, edits);
      for (const e of edits) {
        const previous = given.findIndex(
          (g) =>
            g.reviewer === reviewer && g.agreementId === e.agreementId && g.criterionId === e.criterionId,
        );
        if (previous >= 0) given.splice(previous, 1);
        given.push({ reviewer, agreementId: e.agreementId, criterionId: e.criterionId, score: e.score });
      }
    }
    for (const method of ["mean", "median"] as const) {
      let data = await readScorecard(run, location);
      if (method === "median") {
        await setConsensusMethod(run, data, "median", { reviewer: "Reviewer 2" });
        data = await readScorecard(run, location);
      }
      expect(data.issues).toEqual([]);
      expect(new Set(data.reviews.map((r) => r.reviewer)).size).toBe(20);
      const model = consensusTable(given, method, { min: 1, max: 5 });
      expect(model).toHaveLength(12);
      for (const cell of model) {
        const shown = data.agreements.find((a) => a.id === cell.agreementId)!.scores[cell.criterionId];
        if (cell.value === null) expect(shown).toBeNull();
        else expect(shown).toBeCloseTo(cell.value, 9);
        const read = data.consensus.find(
          (c) => c.agreementId === cell.agreementId && c.criterionId === cell.criterionId,
        )!;
        expect(read.reviews.filter((x) => x.score !== null)).toHaveLength(
          cell.reviews.filter((x) => x.score !== null).length,
        );
        expect(read.discuss).toBe(cell.discuss);
      }
      expectFormulasMatchModel(data);
    }
  }, 30_000);
});

describe("text longer than a cell holds", () => {
  it("a name of 32,768 characters is refused before anything is written, naming the agreement and the field", async () => {
    const { sim, run, data } = await setUp();
    const before = snapshot(sim);
    const long = "x".repeat(32_768);
    const error = await upsertRejection(run, data, [{ id: "LONG", name: long }]);
    expect(error).toMatchObject({ code: "InvalidInput", place: { column: "name" } });
    expect(error.message).toBe(
      'Agreement "LONG": its name has 32,768 characters; an Excel cell holds at most 32,767. Shorten it.',
    );
    expect(snapshot(sim)).toBe(before);
    const other = newWorkbook();
    const created = await createScorecard(other.run, {
      config: defaultConfig(),
      agreements: [{ ...exampleAgreements()[0], notes: long }],
    }).catch((e) => e);
    expect(created.message).toMatch(/^Agreement "NATO" \(row 2\): its notes has 32,768 characters/);
    expect(other.sim.inspect.sheetNames()).toEqual(["Sheet1"]);
  });
});
