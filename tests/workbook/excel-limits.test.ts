/**
 * The add-in within Excel's limits (docs/excel-fidelity.md): formulas of at most 8,192 characters,
 * COUNTIFS criteria of at most 255, cells of at most 32,767, a very hidden sheet changed before it
 * is deleted. excel-sim enforces each, so a write past one fails here as it would in Excel; the
 * add-in refuses such input first, saying what to shorten.
 */
import { MAX_CRITERIA, MAX_CRITERION_ID, MAX_CRITERION_NAME, smaa } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { addCriterion, renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { editCriterion } from "../../src/workbook/criteria/editDefinitions";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import {
  checkFormulaLength,
  FORMULA_LENGTH_LIMIT,
  longestFormula,
} from "../../src/workbook/formulas/formulaLength";
import type { ScorecardConfig } from "../../src/workbook/contract/layout";
import { metaFor } from "../../src/workbook/contract/meta";
import { idFromName, isNameSafeId } from "../../src/workbook/contract/freeNames";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { CONSENSUS_FLAG } from "../../src/workbook/team/reviewFormulas";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { writeSensitivity } from "../../src/workbook/sensitivity/writeSensitivity";
import { switchToTeam } from "../../src/workbook/team/mode";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { fitCell } from "../../src/workbook/contract/lengths";
import { saveProfile } from "../../src/workbook/weights/profiles";
import { joinNotes } from "../../src/workbook/agreements/rationale";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { MAX_AGREEMENT_ID } from "../../src/workbook/contract/userText";
import type { MissingPolicy } from "../../src/scoring";
import {
  defaultConfig,
  equalWeights,
  expectFormulasMatchModel,
  newWorkbook,
  partlyScored,
  snapshot,
} from "./helpers";
import { newScorecard } from "./scorecardFixture";

const AUTHOR = { author: "Tester" };

/** `n` criteria with ids and names of the given lengths (names padded with `fill`). */
function config(
  n: number,
  idLength: number,
  nameLength: number,
  policy: MissingPolicy,
  fill = "x",
): ScorecardConfig {
  return {
    criteria: Array.from({ length: n }, (_, k) => ({
      id: `c${k}_`.padEnd(idLength, "i"),
      name: `Criterion ${k} `.padEnd(nameLength, fill),
      definition: "",
      weight: 1 + (k % 3),
    })),
    scale: { min: 1, max: 5 },
    missingPolicy: policy,
  };
}

const sourceOf = (c: ScorecardConfig, table = "Scorecard") =>
  metaFor(
    c,
    { scorecard: "Scorecard", weights: "Weights", results: "Results", meta: "AS_Meta" },
    { scorecard: table, weights: "W" },
    1,
  );

describe("formulas stay within Excel's 8,192 characters", () => {
  it("the worst case the add-in admits — 20 criteria, 32-character ids, 255-character names — fits under every policy", () => {
    expect([MAX_CRITERIA, MAX_CRITERION_ID, MAX_CRITERION_NAME]).toEqual([20, 32, 255]);
    for (const policy of ["exclude", "zero", "renormalize"] as const) {
      const longest = longestFormula(sourceOf(config(20, 32, 255, policy)));
      expect(longest.length).toBeLessThanOrEqual(FORMULA_LENGTH_LIMIT);
    }
    // Renormalize is the long one: its contributions name every criterion's column.
    expect(longestFormula(sourceOf(config(20, 32, 255, "renormalize"))).length).toBeGreaterThan(7_000);
  });

  it("creates that worst case: Excel (excel-sim) takes every formula and they compute the model's scores", async () => {
    const { sim, run } = newWorkbook();
    const c = config(20, 32, 255, "renormalize");
    const { location } = await createScorecard(run, { config: c, agreements: partlyScored(c, 30) });
    const data = await readScorecard(run, location);
    expect(data.issues).toEqual([]);
    expectFormulasMatchModel(data);
    // The longest formulas written: the Weighted score and a contribution on the Results sheet.
    const longestIn = (sheet: string, range: string) =>
      Math.max(
        ...sim.inspect
          .formulas(sheet, range)
          .flat()
          .map((f) => String(f).length),
      );
    expect(longestIn("Scorecard", "Z2:AB31")).toBeGreaterThan(5_000);
    expect(longestIn("Results", "H2:AA21")).toBeGreaterThan(7_000);
  }, 60_000);

  it("20 criteria with 201-character ids (what was admitted before) are refused before anything is written", async () => {
    const { sim, run } = newWorkbook();
    const c = config(20, 201, 20, "renormalize");
    // Their Weighted score formula would be far over the limit.
    expect(longestFormula(sourceOf(c)).length).toBeGreaterThan(15_000);
    await expect(createScorecard(run, { config: c })).rejects.toThrow(
      `Criterion id "${c.criteria[0].id}" cannot be used in a defined name: use at most 32 letters, digits and underscores, starting with a letter.`,
    );
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1"]);
    expect(isNameSafeId("a".repeat(32))).toBe(true);
    expect(isNameSafeId("a".repeat(33))).toBe(false);
  });

  it("names whose escapes make the Results formulas too long are refused, saying what to shorten", async () => {
    const { sim, run } = newWorkbook();
    // "#" is escaped in a structured reference ('#), so 255 of them take 510 characters.
    const c = config(20, 20, 255, "renormalize", "#");
    const error = await createScorecard(run, { config: c }).catch((e) => e);
    expect(error).toMatchObject({ code: "InvalidInput", place: { sheet: "Scorecard" } });
    expect(error.message).toMatch(
      /^With these 20 criteria the Results sheet's formulas would be 1[0-9],[0-9]{3} characters long, more than the 8,192 Excel allows in a formula: they name every criterion's column by table and criterion name \("Scorecard", names of 5,100 characters in all; each ' # \[ \] counts twice\)\. Shorten the criterion names or the table's name, or use fewer criteria\.$/,
    );
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1"]);
    // The same names under "exclude" make no formula that long, and are created.
    await createScorecard(run, { config: { ...c, missingPolicy: "exclude" } });
    expect(sim.inspect.sheetNames()).toContain("Results");
  });

  it("a long table name (a user's table, attached) counts too, and so do long ids from before the cap", () => {
    const c = config(20, 20, 120, "renormalize");
    expect(() => checkFormulaLength(sourceOf(c), { sheet: "S" })).not.toThrow();
    expect(() => checkFormulaLength(sourceOf(c, `T${"t".repeat(254)}`), { sheet: "S" })).toThrow(
      /Shorten the criterion names or the table's name/,
    );
    // Ids made before the cap (kept in a workbook's metadata) are what a later criteria change meets.
    expect(() => checkFormulaLength(sourceOf(config(20, 201, 20, "renormalize")), { sheet: "S" })).toThrow(
      /^With these 20 criteria the Weighted score formula would be 16,[0-9]{3} characters long, more than the 8,192 Excel allows in a formula: it names each criterion's weight by its id, and the ids are too long\. Use fewer criteria, or remove the criteria with the longest ids and add them again \(new ids are at most 32 characters\)\.$/,
    );
  });

  it("ids made from long names are cut to 32 characters, stay unique, and never read as a cell address", () => {
    const names = Array.from({ length: 12 }, (_, k) => `${"Interoperability of command ".repeat(9)} ${k}`);
    const ids: string[] = [];
    for (const name of names) ids.push(idFromName(name, ids));
    expect(new Set(ids).size).toBe(12);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(32);
      expect(isNameSafeId(id)).toBe(true);
    }
    expect(ids.slice(0, 3)).toEqual([
      "interoperability_of_command_inte",
      "interoperability_of_command_in_2",
      "interoperability_of_command_in_3",
    ]);
    // Cut to 32, "ab" and 30 digits would be a cell address: it gets a prefix.
    const cellLike = idFromName(`ab${"1".repeat(40)}`, []);
    expect(cellLike).toBe(`c_ab${"1".repeat(28)}`);
    expect(isNameSafeId(cellLike)).toBe(true);
  });

  it("in the pane: a criterion added with a long name gets a short id; a rename that would overrun is refused", async () => {
    const { sim, run } = newWorkbook();
    // 19 names of 150 characters, mostly "#": their contributions are 7,618 characters long.
    const c = config(19, 32, 150, "renormalize", "#");
    const { location } = await createScorecard(run, { config: c, agreements: partlyScored(c, 5) });
    const data = await readScorecard(run, location);
    const meta = await addCriterion(
      run,
      data,
      { name: `Cyber ${"defence ".repeat(30)}`.trim(), definition: "", weight: 1 },
      AUTHOR,
    );
    const added = meta.criteria.at(-1)!;
    expect(added.id).toBe("cyber_defence_defence_defence_de");
    const after = await readScorecard(run, { meta });
    expectFormulasMatchModel(after);
    const before = snapshot(sim);
    const error = await renameCriterion(run, after, added.id, "#".repeat(255), AUTHOR).catch((e) => e);
    expect(error.message).toMatch(
      /Results sheet's formulas would be [0-9,]+ characters long.*Shorten the criterion names/,
    );
    expect(snapshot(sim)).toBe(before);
  }, 60_000);
});

describe("agreement IDs fit COUNTIFS's 255-character criteria", () => {
  it(`an ID of ${MAX_AGREEMENT_ID} characters is taken, one of ${MAX_AGREEMENT_ID + 1} is refused, on create and in the pane`, async () => {
    const { sim, run } = newWorkbook();
    const [first] = exampleAgreements();
    const long = "A".repeat(MAX_AGREEMENT_ID + 1);
    const created = await createScorecard(run, {
      config: config(4, 10, 20, "exclude"),
      agreements: [{ ...first, id: long, scores: {} }],
    }).catch((e) => e);
    expect(created.message).toBe(
      `Agreement "${"A".repeat(40)}…" (row 2): its ID has 101 characters; an ID may have at most 100, as team scoring matches IDs in formulas that Excel limits. Shorten it.`,
    );
    expect(created.place).toEqual({ row: 2, column: "id" });
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1"]);
    const { location } = await createScorecard(run, {
      config: config(4, 10, 20, "exclude"),
      agreements: [{ ...first, id: long.slice(1), scores: {} }],
    });
    const data = await readScorecard(run, location);
    expect(data.agreements[0].id).toBe(long.slice(1));
    const refused = await upsertAgreements(run, data, [{ id: long, name: "x" }], AUTHOR).catch((e) => e);
    expect(refused.message).toMatch(
      /^Agreement "A{40}…": its ID has 101 characters; an ID may have at most 100/,
    );
  });

  it("the worst admitted ID — 100 wildcard characters, each escaped to two — still matches its reviews", async () => {
    const { sim, run } = newWorkbook();
    const c = config(2, 10, 20, "exclude");
    const id = "*?~".repeat(34).slice(0, MAX_AGREEMENT_ID);
    const other = "*?~".repeat(34).slice(1, MAX_AGREEMENT_ID + 1);
    const base = exampleAgreements()[0];
    const { location } = await createScorecard(run, {
      config: c,
      agreements: [
        { ...base, id, scores: {} },
        { ...base, id: other, scores: {} },
      ],
    });
    await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
    const reviews = [
      { agreementId: id, criterionId: c.criteria[0].id, score: 4, rationale: "" },
      { agreementId: other, criterionId: c.criteria[0].id, score: 2, rationale: "" },
    ];
    await writeReviews(run, await readScorecard(run, location), "Ana", reviews);
    await writeReviews(run, await readScorecard(run, location), "Bea", [{ ...reviews[0], score: 5 }]);
    const data = await readScorecard(run, location);
    // "=" and 200 escaped characters: a 201-character criterion, inside Excel's 255.
    expect(data.issues).toEqual([]);
    expect(data.agreements.map((a) => a.scores[c.criteria[0].id])).toEqual([4.5, 2]);
    expect(sim.inspect.values("Scorecard", "F2:F3")).toEqual([[4.5], [2]]);
  }, 60_000);

  it("an ID typed by hand past the limit in team mode is reported at its cell, saying what to do", async () => {
    const { sim, run } = newWorkbook();
    const c = config(2, 10, 20, "exclude");
    const base = exampleAgreements()[0];
    const { location } = await createScorecard(run, {
      config: c,
      agreements: [{ ...base, id: "SHORT", scores: {} }],
    });
    await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
    // 130 wildcards escape to 260 characters: over MATCH's 255, so Excel's lookup gives #VALUE!,
    // and the criterion cell shows the flag, not a number.
    const long = "*".repeat(130);
    expect(sim.userEdit("Scorecard", "A2", `'${long}`)).toEqual({ ok: true });
    expect(sim.inspect.cell("Scorecard", "F2").value).toBe(CONSENSUS_FLAG);
    const data = await readScorecard(run, location);
    expect(data.issues.find((i) => i.column === "ID")).toEqual({
      sheet: "Scorecard",
      address: "A2",
      row: 2,
      column: "ID",
      agreementId: long,
      message: `Scorecard!A2 (agreement "${base.name}"): the ID has 130 characters; the team's consensus formulas look IDs up with MATCH, which Excel limits to 255 characters (* ? ~ count twice), so its reviews may not be counted. Shorten the ID to at most 100 characters.`,
    });
  }, 60_000);
});

describe("cells of at most 32,767 characters", () => {
  it("a definition of 32,767 characters is written whole; one of 32,768 is refused, naming the criterion", async () => {
    const { sim, run } = newWorkbook();
    const c = config(4, 10, 20, "exclude");
    c.criteria[1].definition = "d".repeat(32_768);
    const error = await createScorecard(run, { config: c }).catch((e) => e);
    expect(error.message).toBe(
      `Criterion "${c.criteria[1].id}" (criterion 2) has a definition of 32,768 characters, but an Excel cell holds at most 32,767; shorten it by 1.`,
    );
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1"]);
    c.criteria[1].definition = "d".repeat(32_767);
    const { location } = await createScorecard(run, { config: c });
    const data = await readScorecard(run, location);
    expect(data.config.criteria[1].definition).toHaveLength(32_767);
  });

  it("rubric anchors that would take the metadata's criteria cell past 32,767 are refused, nothing written", async () => {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: exampleAgreements(),
    });
    // 11 anchors of 400 quotes each: JSON doubles every quote, about 9,500 characters a criterion.
    const anchors = Array.from({ length: 11 }, (_, k) => ({
      value: 1 + k * 0.4,
      label: `Level ${k}`,
      description: '"'.repeat(400),
    }));
    let data = await readScorecard(run, location);
    for (const c of data.config.criteria.slice(0, 3)) {
      await editCriterion(run, data, c.id, { anchors }, AUTHOR);
      data = await readScorecard(run, data.location);
    }
    expect(data.location.meta.criteria.slice(0, 3).every((c) => c.anchors?.length === 11)).toBe(true);
    const before = snapshot(sim);
    const error = await editCriterion(run, data, data.config.criteria[3].id, { anchors }, AUTHOR).catch(
      (e) => e,
    );
    expect(error.message).toMatch(
      /^The scorecard's metadata "criteria" would take 3[0-9],[0-9]{3} characters, more than the 32,767 one cell holds \(very hidden sheet "AS_Meta"\); shorten the criteria's names or rubric anchors\. Nothing was written\.$/,
    );
    expect(snapshot(sim)).toBe(before);
  }, 60_000);
});

describe("names and rationales of at most 32,767 characters, refused past it before anything is written", () => {
  const long = (n: number, fill = "я") => `Name ${"x".repeat(40)}`.padEnd(n, fill);

  const setUp = () => newScorecard({ agreements: exampleAgreements().slice(0, 3) });

  /** Runs a write that must be refused: its message, and nothing in the workbook changed. */
  async function refused(sim: ReturnType<typeof newWorkbook>["sim"], write: () => Promise<unknown>) {
    const before = snapshot(sim);
    const error = await write().then(
      () => new Error("the write was not refused"),
      (e: Error) => e,
    );
    expect(snapshot(sim)).toBe(before);
    return error.message;
  }

  it("a reviewer's name and rationale: the switch to a team and a review", async () => {
    const { sim, run, location, data } = await setUp();
    const tooLong = long(32_768);
    expect(await refused(sim, () => switchToTeam(run, data, { reviewer: tooLong }))).toBe(
      `The reviewer name "${tooLong.slice(0, 40)}…" has 32,768 characters, but an Excel cell holds at most 32,767 and it is written into the Reviews and Audit sheets; shorten it by 1.`,
    );
    // The longest name a cell holds goes in whole: in the Reviews, the index's slot, the Audit.
    const longest = long(32_767);
    await switchToTeam(run, data, { reviewer: longest });
    const team = await readScorecard(run, location);
    expect(team.issues).toEqual([]);
    expect(new Set(team.reviews.map((r) => r.reviewer))).toEqual(new Set([longest]));
    expect(team.audit.at(-1)!.who).toBe(longest);
    expect(team.agreements.map((a) => a.scores)).toEqual(data.agreements.map((a) => a.scores));
    const edit = { agreementId: "NATO", criterionId: "threat_response", score: 2 };
    expect(
      await refused(sim, () => writeReviews(run, team, `${tooLong}z`, [{ ...edit, rationale: "" }])),
    ).toMatch(/^The reviewer name "Name x{35}…" has 32,769 characters, .* shorten it by 2\.$/);
    const rationale = "理".repeat(32_768);
    expect(await refused(sim, () => writeReviews(run, team, "Bea", [{ ...edit, rationale }]))).toBe(
      `The rationale for "Threat response" of agreement "NATO" has 32,768 characters, but an Excel cell holds at most 32,767 and it is written into one cell of the Reviews sheet; shorten it by 1.`,
    );
    await writeReviews(run, team, "Bea", [{ ...edit, rationale: rationale.slice(1) }]);
    const after = await readScorecard(run, location);
    expect(after.reviews.find((r) => r.reviewer === "Bea")!.rationale).toHaveLength(32_767);
    expect(after.issues).toEqual([]);
  }, 60_000);

  it("a profile's name, and the name every write records as Who", async () => {
    const { sim, run, location, data } = await setUp();
    const weights = equalWeights(data);
    expect(
      await refused(sim, () => saveProfile(run, data, { name: long(40_000), author: "Ana", weights })),
    ).toBe(
      `The name of profile "${long(40_000).slice(0, 40)}…" has 40,000 characters, but an Excel cell holds at most 32,767 and it is written into the Profiles and Audit sheets; shorten it by 7,233.`,
    );
    await saveProfile(run, data, { name: long(32_767), author: "Ana", weights });
    expect((await readScorecard(run, location)).profiles.map((p) => p.name)).toEqual([long(32_767)]);
    const author = long(32_800, "ж");
    for (const write of [
      () => saveProfile(run, data, { name: "Short", author, weights }),
      () => upsertAgreements(run, data, [{ id: "NATO", name: "Renamed" }], { author }),
      () => writeWeights(run, data, { threat_response: 3 }, { author }),
    ])
      expect(await refused(sim, write)).toBe(
        `Your name "${author.slice(0, 40)}…" has 32,800 characters, but an Excel cell holds at most 32,767 and it is written into the Audit sheet's Who column; shorten it by 33.`,
      );
  }, 60_000);

  it("an Audit text built from a name typed in the grid is cut to what a cell holds", () => {
    const subject = fitCell(`Threat response (${"n".repeat(32_767)}'s, superseded)`);
    expect(subject).toHaveLength(32_767);
    expect(subject.endsWith("n…")).toBe(true);
    expect(fitCell("Threat response (Ana's, superseded)")).toBe("Threat response (Ana's, superseded)");
  });

  it("an analyst's rationales: the Notes cell that holds them says which one to shorten", async () => {
    const { sim, run, data } = await setUp();
    const notes = joinNotes(
      {
        general: "Reviewed in May.",
        rationale: { threat_response: "t".repeat(20_000), strategic_alignment: "s".repeat(12_800) },
      },
      data.config.criteria,
    );
    expect(notes.length).toBeGreaterThan(32_767);
    expect(await refused(sim, () => upsertAgreements(run, data, [{ id: "NATO", notes }], AUTHOR))).toBe(
      `Agreement "NATO": its Notes cell, which holds the general notes and the rationale for each criterion, would have ${notes.length.toLocaleString("en")} characters, but an Excel cell holds at most 32,767; shorten them by ${(notes.length - 32_767).toLocaleString("en")}. The longest is the rationale for "Threat response" (20,000 characters).`,
    );
  });
});

describe("a very hidden sheet is made visible to Excel's delete first", () => {
  it("the Sensitivity sheet, very hidden by hand, is still replaced by the next run", async () => {
    const { sim, run, data } = await newScorecard();
    const scores = data.agreements.map((a) => data.config.criteria.map((c) => (a.scores[c.id]! - 1) / 4));
    const ids = data.agreements.map((a) => a.id);
    const first = await writeSensitivity(run, data, {
      agreementIds: ids,
      smaa: smaa({ scores, samples: 200, seed: 1 }),
      sampling: "uniform",
    });
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sensitivity").visibility = "VeryHidden";
    });
    await writeSensitivity(run, await readScorecard(run, { meta: first }), {
      agreementIds: ids,
      smaa: smaa({ scores, samples: 200, seed: 2 }),
      sampling: "uniform",
    });
    expect(sim.inspect.sheets().find((s) => s.name === "Sensitivity")).toMatchObject({
      visibility: "Visible",
    });
    expect(sim.inspect.values("Sensitivity", "B3")).toEqual([[2]]);
  });
});
