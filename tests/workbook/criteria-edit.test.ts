/**
 * Editing the criteria of a live scorecard (criteria.ts): after every add, rename, remove, reorder
 * and definition or anchor edit, every score and rank the workbook computes equals the scoring
 * model's, the Results ranking is the model's ranking, every AS_W_<id> names its own criterion's
 * normalized weight, every criterion column is validated to the scale, and the Audit sheet holds
 * the change. Refusals write nothing.
 */
import { oneAtATime, scoreAgreements, smaa } from "../../src/scoring";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { attachScorecard } from "../../src/workbook/scorecard/attach";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { saveProfile } from "../../src/workbook/weights/profiles";
import { writeSensitivity } from "../../src/workbook/sensitivity/writeSensitivity";
import { switchToSingle, switchToTeam } from "../../src/workbook/team/mode";
import { indexCriteria } from "../../src/workbook/team/teamFormulas";
import { consensusFormula, discussRuleFormula } from "../../src/workbook/team/reviewFormulas";
import { addCriterion, renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { editCriterion } from "../../src/workbook/criteria/editDefinitions";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { defaultConfig, newWorkbook, snapshot, TREATIES_ATTACH, upsertEach } from "./helpers";
import type { ScorecardData } from "../../src/workbook/model";
import { newScorecard } from "./scorecardFixture";

const by = { author: "Tester", now: new Date("2026-12-01T10:00:00Z") };

const setUp = () => newScorecard({ config: defaultConfig("exclude", [4, 3, 2, 1]) });

type Sim = ReturnType<typeof newWorkbook>["sim"];
type Run = ReturnType<typeof newWorkbook>["run"];

/** Reads the scorecard back and checks everything that must follow the criteria. */
async function checked(sim: Sim, run: Run): Promise<ScorecardData> {
  const data = await readScorecard(run, (await locateScorecard(run))!);
  expect(data.issues).toEqual([]);
  const { criteria } = data.config;
  const model = scoreAgreements({
    criteria: criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: data.config.scale,
    agreements: data.agreements,
    missing: data.config.missingPolicy,
  });
  // Every score and rank as the workbook's formulas compute them (read through the engine).
  data.agreements.forEach((a, i) => {
    const row = data.rows[i];
    const [coverage, score, rank] = sim.inspect.values(
      "Scorecard",
      `${data.columns.coverage}${row}:${data.columns.rank}${row}`,
    )[0];
    expect(coverage).toBe(criteria.filter((c) => a.scores[c.id] !== null).length);
    if (model[i].score === null) expect(score).toBe("");
    else expect(score).toBeCloseTo(model[i].score!, 9);
    expect(rank === "" ? null : rank).toBe(model[i].rank);
    expect(sim.inspect.cell("Scorecard", `${data.columns.coverage}${row}`).numberFormat).toBe(
      `0"/${criteria.length}"`,
    );
  });
  // The Results ranking: by rank, ties in table order, then blanks.
  const ranked = model
    .map((m, i) => ({ ...m, i }))
    .filter((m) => m.rank !== null)
    .sort((a, b) => a.rank! - b.rank! || a.i - b.i);
  const results = sim.inspect.values("Results", `A2:E${ranked.length + 2}`);
  ranked.forEach((m, p) => {
    expect(results[p][0]).toBe(p + 1);
    expect(results[p][1]).toBe(m.id);
    expect(results[p][3]).toBeCloseTo(m.score!, 9);
    expect(results[p][4]).toBe(m.rank);
  });
  expect(results[ranked.length][1]).toBe("");
  // Each defined name points at its own criterion's normalized weight.
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  const names = sim.inspect.names();
  for (const c of criteria) {
    const name = names.find((n) => n.name === `AS_W_${c.id}`)!;
    const row = Number(/(\d+)$/.exec(String(name.value))![1]);
    expect(sim.inspect.values("Weights", `A${row}:B${row}`)[0]).toEqual([c.id, c.name]);
    expect(sim.inspect.values("Weights", `E${row}`)[0][0]).toBeCloseTo(c.weight / total, 12);
  }
  expect(
    names
      .filter((n) => n.name.startsWith("AS_W_"))
      .map((n) => n.name)
      .sort(),
  ).toEqual(criteria.map((c) => `AS_W_${c.id}`).sort());
  // Each criterion column is validated to the scale; headers follow the order of the criteria.
  const header = sim.inspect.values("Scorecard", `A1:${data.columns.notes}1`)[0];
  for (const [k, c] of data.columns.criteria.entries()) {
    const rules = sim.inspect.validation("Scorecard", `${c.column}2`);
    expect(rules).toHaveLength(1);
    expect(rules[0].rule).toMatchObject({
      type: "Decimal",
      formula1: "=AS_ScaleMin",
      formula2: "=AS_ScaleMax",
    });
    expect(header[c.column.charCodeAt(0) - 65]).toBe(criteria[k].name);
  }
  // The charts show the criteria by name.
  const contribution = sim.inspect.charts("Results").find((c) => c.name === "AS_ContributionChart")!;
  expect(contribution.series.map((s) => s.name)).toEqual(criteria.map((c) => c.name));
  return data;
}

const auditRows = (sim: Sim) => {
  const used = sim.inspect.usedRange("Audit")!;
  // The changes' entries, after the header and the table's first entry ("scorecard created").
  return sim.inspect
    .values("Audit", used)
    .slice(2)
    .filter((r) => r[0] !== "");
};

describe("adding a criterion", () => {
  it("adds the column, weight row, name, validation and chart series; scores and ranks stay the model's", async () => {
    const { sim, run, data } = await setUp();
    await addCriterion(run, data, { name: "Cyber & space", definition: "Joint cyber work", weight: 2 }, by);
    let after = await checked(sim, run);
    expect(after.config.criteria.map((c) => c.id)).toEqual([
      "operational_efficiency",
      "strategic_alignment",
      "capability_enhancement",
      "threat_response",
      "cyber_space",
    ]);
    expect(after.config.criteria[4]).toMatchObject({ definition: "Joint cyber work", weight: 2 });
    expect(after.columns.criteria[4].column).toBe("J");
    expect(after.columns.score).toBe("L");
    // Nobody has a cyber score yet: under "exclude" nobody is ranked.
    expect(after.computed.every((r) => r.score === null && r.rank === null)).toBe(true);
    expect(sim.inspect.validation("Scorecard", "J500")).toHaveLength(1);
    expect(sim.inspect.validation("Weights", "D6")[0].rule).toMatchObject({ type: "Decimal", formula1: 0 });
    expect(sim.inspect.cell("Weights", "E6").numberFormat).toBe("0.0%");
    await upsertEach(run, after, (_, i) => ({ scores: { cyber_space: 1 + (i % 5) } }), { author: "Tester" });
    after = await checked(sim, run);
    expect(after.computed.every((r) => typeof r.score === "number")).toBe(true);
    expect(auditRows(sim)[0]).toEqual([
      "2026-12-01T10:00:00.000Z",
      "Tester",
      "criterion added",
      "",
      "Cyber & space",
      "",
      "id cyber_space, weight 2",
    ]);
    expect(after.location.meta.versionStamp).toBe(data.location.meta.versionStamp + 2);
  });

  it("never reuses the id of a removed criterion that a saved profile still names", async () => {
    const { sim, run, data } = await setUp();
    await saveProfile(run, data, {
      name: "Threat first",
      author: "A",
      weights: {
        operational_efficiency: 1,
        strategic_alignment: 1,
        capability_enhancement: 1,
        threat_response: 9,
      },
    });
    let now = await readScorecard(run, data.location);
    await removeCriterion(run, now, "threat_response", { ...by, confirmDataLoss: true });
    now = await readScorecard(run, (await locateScorecard(run))!);
    await addCriterion(run, now, { name: "Threat response", definition: "", weight: 1 }, by);
    const after = await checked(sim, run);
    expect(after.config.criteria[3]).toMatchObject({ id: "threat_response_2", name: "Threat response" });
    // The profile's old threat weight does not pass for the new criterion's.
    expect(after.profiles[0].weights.threat_response_2).toBeUndefined();
  });

  it("marks a Sensitivity sheet written before the change as out of date, and leaves its run as it was", async () => {
    const { sim, run, data } = await setUp();
    const scores = data.agreements.map((a) => data.config.criteria.map((c) => (a.scores[c.id]! - 1) / 4));
    await writeSensitivity(run, data, {
      agreementIds: data.agreements.map((a) => a.id),
      smaa: smaa({ scores, samples: 500, seed: 3 }),
      sampling: "uniform",
      oneAtATime: oneAtATime({ weights: data.config.criteria.map((c) => c.weight), scores }),
    });
    const run1 = sim.inspect.values("Sensitivity", "A1:H40");
    const now = await readScorecard(run, (await locateScorecard(run))!);
    await addCriterion(run, now, { name: "Cost", definition: "", weight: 1 }, by);
    const marked = sim.inspect.values("Sensitivity", "A1:H40");
    expect(marked[0][1]).toBe(
      'Out of date: criterion "Cost" was added on 2026-12-01 10:00 UTC, after this run. Run the analysis again from the pane\'s Sensitivity tab.',
    );
    marked[0][1] = "";
    expect(marked).toEqual(run1);
  });
});

describe("renaming a criterion", () => {
  it("renames the column, the Weights row, the Results blocks, the chart series and the rationale in Notes", async () => {
    const { sim, run, data } = await setUp();
    await upsertAgreements(run, data, [{ id: "NATO", notes: "General note\nThreat response: fast" }], {
      author: "Tester",
    });
    const before = await readScorecard(run, data.location);
    await renameCriterion(run, before, "threat_response", "Crisis response", by);
    const after = await checked(sim, run);
    expect(after.config.criteria[3]).toMatchObject({ id: "threat_response", name: "Crisis response" });
    expect(after.agreements.map((a) => a.scores)).toEqual(before.agreements.map((a) => a.scores));
    expect(after.agreements.find((a) => a.id === "NATO")!.notes).toBe("General note\nCrisis response: fast");
    expect(sim.inspect.values("Results", "L1")[0][0]).toBe("Crisis response");
    expect(sim.inspect.cell("Results", "L2").formula).toContain("Scorecard[[Crisis response]]");
    expect(auditRows(sim).at(-1)!.slice(2, 7)).toEqual([
      "criterion renamed",
      "",
      "Crisis response",
      "Threat response",
      "Crisis response",
    ]);
  });

  it("is allowed while a team scores: the consensus formulas keep following the criterion", async () => {
    const { sim, run, data } = await setUp();
    await switchToTeam(run, data, { reviewer: "Ana" });
    const team = await readScorecard(run, data.location);
    await renameCriterion(run, team, "strategic_alignment", "Strategy", by);
    const after = await checked(sim, run);
    expect(after.location.meta.mode).toBe("team");
    expect(after.config.criteria[1].name).toBe("Strategy");
    expect(after.agreements.map((a) => a.scores)).toEqual(team.agreements.map((a) => a.scores));
  });
});

describe("removing a criterion", () => {
  it("asks first when it holds scores; then deletes column, row, name and scores, audited score by score", async () => {
    const { sim, run, data } = await setUp();
    const untouched = snapshot(sim);
    await expect(removeCriterion(run, data, "strategic_alignment", by)).rejects.toMatchObject({
      code: "WouldOverwrite",
      message:
        'Criterion "Strategic alignment" holds 10 score(s); removing it deletes them. Confirm to remove it.',
    });
    expect(snapshot(sim)).toBe(untouched);
    await removeCriterion(run, data, "strategic_alignment", { ...by, confirmDataLoss: true });
    const after = await checked(sim, run);
    expect(after.config.criteria.map((c) => c.id)).toEqual([
      "operational_efficiency",
      "capability_enhancement",
      "threat_response",
    ]);
    // Weighted score shows the score, Rank the rank: nothing points at a shifted column.
    expect(sim.inspect.values("Scorecard", "I1:K1")[0]).toEqual(["Coverage", "Weighted score", "Rank"]);
    expect(sim.inspect.values("Weights", "A2:B4")).toEqual([
      ["operational_efficiency", "Operational efficiency"],
      ["capability_enhancement", "Capability enhancement"],
      ["threat_response", "Threat response"],
    ]);
    expect(sim.inspect.values("Weights", "A5:E5")[0]).toEqual(["", "", "", "", ""]);
    const audit = auditRows(sim);
    expect(audit[0].slice(2, 7)).toEqual([
      "criterion removed",
      "",
      "Strategic alignment",
      "id strategic_alignment, weight 3, 10 score(s)",
      "",
    ]);
    expect(audit.slice(1).map((r) => [r[2], r[3], r[4], r[6]])).toEqual(
      data.agreements.map((a) => ["score", a.id, "Strategic alignment", ""]),
    );
    expect(audit.slice(1).map((r) => Number(r[5]))).toEqual(
      data.agreements.map((a) => a.scores.strategic_alignment),
    );
  });

  it("then adding one back gives every sheet the new criterion", async () => {
    const { sim, run, data } = await setUp();
    await removeCriterion(run, data, "operational_efficiency", { ...by, confirmDataLoss: true });
    let now = await checked(sim, run);
    await addCriterion(run, now, { name: "Interoperability", definition: "", weight: 5 }, by);
    now = await checked(sim, run);
    await upsertEach(run, now, (_, i) => ({ scores: { interoperability: 5 - (i % 4) } }), {
      author: "Tester",
    });
    const after = await checked(sim, run);
    expect(after.computed.every((r) => typeof r.score === "number")).toBe(true);
  });
});

describe("reordering the criteria", () => {
  it("moves headers and scores into the new order; the Weights rows and names follow", async () => {
    const { sim, run, data } = await setUp();
    await upsertAgreements(run, data, [{ id: "NATO", scores: { threat_response: null } }], {
      author: "Tester",
    });
    const before = await readScorecard(run, data.location);
    const order = [
      "threat_response",
      "operational_efficiency",
      "capability_enhancement",
      "strategic_alignment",
    ];
    await reorderCriteria(run, before, order, by);
    const after = await checked(sim, run);
    expect(after.config.criteria.map((c) => c.id)).toEqual(order);
    expect(sim.inspect.values("Scorecard", "F1:I1")[0]).toEqual([
      "Threat response",
      "Operational efficiency",
      "Capability enhancement",
      "Strategic alignment",
    ]);
    expect(after.agreements.map((a) => a.scores)).toEqual(before.agreements.map((a) => a.scores));
    expect(after.config.criteria.map((c) => c.weight)).toEqual([1, 4, 2, 3]);
    expect(sim.inspect.values("Weights", "B2:B5").flat()).toEqual(after.config.criteria.map((c) => c.name));
    expect(after.computed.map((r) => r.rank)).toEqual(before.computed.map((r) => r.rank));
    expect(auditRows(sim).at(-1)!.slice(2, 7)).toEqual([
      "criteria reordered",
      "",
      "",
      "Operational efficiency, Strategic alignment, Capability enhancement, Threat response",
      "Threat response, Operational efficiency, Capability enhancement, Strategic alignment",
    ]);
    // A weight changed afterwards lands on its own criterion.
    await writeWeights(run, after, { threat_response: 10 }, { author: "Tester" });
    const weighted = await checked(sim, run);
    expect(weighted.config.criteria[0]).toMatchObject({ id: "threat_response", weight: 10 });
  });

  it("rewrites a team's consensus formulas and discuss flags into the new order", async () => {
    const { sim, run, data } = await setUp();
    await switchToTeam(run, data, { reviewer: "Ana" });
    const team = await readScorecard(run, data.location);
    await reorderCriteria(run, team, [...team.config.criteria.map((c) => c.id)].reverse(), by);
    const after = await checked(sim, run);
    expect(after.agreements.map((a) => a.scores)).toEqual(team.agreements.map((a) => a.scores));
    // Column F is threat_response now: its cells and its discuss format read that criterion in the index.
    const k = indexCriteria(after.location.meta).indexOf("threat_response");
    expect(sim.inspect.cell("Scorecard", "F2").formula).toBe(consensusFormula("$A2", k));
    expect(sim.inspect.conditionalFormats("Scorecard", "F2")[0].rule.formula).toBe(
      discussRuleFormula("$A2", k),
    );
    await switchToSingle(run, after, { reviewer: "Ana" });
    await checked(sim, run);
  });

  it("refuses an order that leaves out or repeats a criterion, and writes nothing", async () => {
    const { sim, run, data } = await setUp();
    const untouched = snapshot(sim);
    await expect(reorderCriteria(run, data, ["threat_response"], by)).rejects.toThrow(
      "A new order must name each of the 4 criteria once",
    );
    await expect(
      reorderCriteria(
        run,
        data,
        ["threat_response", "threat_response", "strategic_alignment", "operational_efficiency"],
        by,
      ),
    ).rejects.toThrow("A new order must name each of the 4 criteria once");
    expect(snapshot(sim)).toBe(untouched);
  });
});

describe("definitions and rubric anchors", () => {
  const anchors = [
    { value: 5, label: "Very strong", description: "Shared networks across all services" },
    { value: 1, label: "Very weak", description: "No shared systems" },
    { value: 3, label: "", description: "Some shared systems" },
  ];

  it("writes the definition to the Weights sheet and the anchors to the metadata, sorted, audited", async () => {
    const { sim, run, data } = await setUp();
    await editCriterion(
      run,
      data,
      "operational_efficiency",
      { definition: "  How well they work together ", anchors },
      by,
    );
    const after = await checked(sim, run);
    expect(after.config.criteria[0].definition).toBe("How well they work together");
    expect(sim.inspect.values("Weights", "C2")[0][0]).toBe("How well they work together");
    expect(after.location.meta.criteria[0].anchors).toEqual([anchors[1], anchors[2], anchors[0]]);
    expect(after.location.meta.criteria[1].anchors).toBeUndefined();
    expect(auditRows(sim).map((r) => r[2])).toEqual(["criterion definition", "rubric anchors"]);
    expect(auditRows(sim)[1][6]).toBe(
      "1 Very weak: No shared systems | 3: Some shared systems | 5 Very strong: Shared networks across all services",
    );
    // The anchors survive a rename and a reorder.
    await renameCriterion(run, after, "operational_efficiency", "Interoperability", by);
    let now = await readScorecard(run, (await locateScorecard(run))!);
    await reorderCriteria(run, now, [...now.config.criteria.map((c) => c.id)].reverse(), by);
    now = await checked(sim, run);
    expect(now.location.meta.criteria[3]).toMatchObject({
      header: "Interoperability",
      anchors: [anchors[1], anchors[2], anchors[0]],
    });
  });

  it("refuses anchors off the scale, twice at one point, without a description, and a definition a co-author changed", async () => {
    const { sim, run, data } = await setUp();
    const untouched = snapshot(sim);
    const edit = (list: typeof anchors) => editCriterion(run, data, "threat_response", { anchors: list }, by);
    await expect(edit([{ value: 6, label: "", description: "x" }])).rejects.toThrow(
      'Rubric of "Threat response": the anchor at 6 is off the scale 1–5.',
    );
    await expect(
      edit([
        { value: 2, label: "", description: "x" },
        { value: 2, label: "", description: "y" },
      ]),
    ).rejects.toThrow("two anchors sit at 2");
    await expect(edit([{ value: 2, label: "Weak", description: " " }])).rejects.toThrow(
      "the anchor at 2 needs a description",
    );
    expect(snapshot(sim)).toBe(untouched);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Weights").getRange("C5").values = [["Typed by Bea"]];
      await context.sync();
    });
    await expect(
      editCriterion(run, data, "threat_response", { definition: "Mine" }, by),
    ).rejects.toMatchObject({
      code: "ChangedByAnotherAuthor",
    });
    expect(sim.inspect.values("Weights", "C5")[0][0]).toBe("Typed by Bea");
  });
});

describe("refusals write nothing", () => {
  it("an empty, duplicate or tabbed name, the last criterion, a 21st criterion, an unknown id", async () => {
    const { sim, run, data } = await setUp();
    const untouched = snapshot(sim);
    const add = (name: string) => addCriterion(run, data, { name, definition: "", weight: 1 }, by);
    await expect(add("  ")).rejects.toThrow("A criterion needs a name.");
    await expect(add("threat RESPONSE")).rejects.toThrow(
      'Column "threat RESPONSE" already exists in the Scorecard table; choose another name.',
    );
    await expect(add("Weighted score")).rejects.toThrow('Column "Weighted score" already exists');
    await expect(add("Cyber\tspace")).rejects.toThrow("has a tab in its name");
    await expect(renameCriterion(run, data, "threat_response", "Strategic alignment", by)).rejects.toThrow(
      'Column "Strategic alignment" already exists',
    );
    await expect(renameCriterion(run, data, "cost", "Cost", by)).rejects.toThrow(
      'There is no criterion "cost" in this scorecard.',
    );
    expect(snapshot(sim)).toBe(untouched);

    // Down to one criterion: it cannot go.
    let now = data;
    for (const id of ["operational_efficiency", "strategic_alignment", "capability_enhancement"]) {
      await removeCriterion(run, now, id, { ...by, confirmDataLoss: true });
      now = await checked(sim, run);
    }
    const one = snapshot(sim);
    await expect(
      removeCriterion(run, now, "threat_response", { ...by, confirmDataLoss: true }),
    ).rejects.toThrow("A scorecard needs at least one criterion.");
    expect(snapshot(sim)).toBe(one);

    // Up to twenty: a twenty-first is refused.
    for (let k = 2; k <= 20; k++) {
      await addCriterion(run, now, { name: `Criterion ${k}`, definition: "", weight: 1 }, by);
      now = await readScorecard(run, (await locateScorecard(run))!);
    }
    await checked(sim, run);
    const full = snapshot(sim);
    await expect(
      addCriterion(run, now, { name: "Twenty-one", definition: "", weight: 1 }, by),
    ).rejects.toThrow("A scorecard holds at most 20 criteria; remove one first.");
    expect(snapshot(sim)).toBe(full);
  });

  it("a name the user's own column already has", async () => {
    const { sim, run, data } = await setUp();
    await sim.run(async (context) => {
      context.workbook.tables.getItem("Scorecard").columns.add(undefined, undefined, "Region");
      await context.sync();
    });
    const now = await readScorecard(run, data.location);
    const untouched = snapshot(sim);
    await expect(addCriterion(run, now, { name: "region", definition: "", weight: 1 }, by)).rejects.toThrow(
      'Column "region" already exists in the Scorecard table',
    );
    expect(snapshot(sim)).toBe(untouched);
  });

  it("adding or removing while a team scores, with the reason", async () => {
    const { sim, run, data } = await setUp();
    await switchToTeam(run, data, { reviewer: "Ana" });
    const team = await readScorecard(run, data.location);
    const untouched = snapshot(sim);
    const reason = /while the team scores this scorecard.*Switch to one analyst/;
    await expect(addCriterion(run, team, { name: "Cost", definition: "", weight: 1 }, by)).rejects.toThrow(
      reason,
    );
    await expect(
      removeCriterion(run, team, "threat_response", { ...by, confirmDataLoss: true }),
    ).rejects.toThrow(reason);
    expect(snapshot(sim)).toBe(untouched);
  });

  it("a change made from a stale read: another author wrote since", async () => {
    const { sim, run, data } = await setUp();
    await writeWeights(run, data, { threat_response: 7 }, { author: "Bea" });
    const untouched = snapshot(sim);
    for (const write of [
      () => addCriterion(run, data, { name: "Cost", definition: "", weight: 1 }, by),
      () => renameCriterion(run, data, "threat_response", "Crisis", by),
      () => removeCriterion(run, data, "threat_response", { ...by, confirmDataLoss: true }),
      () => reorderCriteria(run, data, [...data.config.criteria.map((c) => c.id)].reverse(), by),
    ])
      await expect(write()).rejects.toMatchObject({ code: "ChangedByAnotherAuthor" });
    expect(snapshot(sim)).toBe(untouched);
  });
});

describe("on a user's own table (attached at B3, criteria beside the user's columns)", () => {
  it("reorders, adds and removes criteria where they are; scores, ranks and the Results ranking stay the model's", async () => {
    const { sim, run } = newWorkbook(["Agreements"]);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Agreements");
      sheet.getRange("B3:H6").values = [
        ["Treaty", "Ops", "Year", "Strategy", "Cap", "Threats", "Comment"],
        ["NATO", 4.5, 1949, 4, 3.5, 5, "collective defence"],
        ["ANZUS", 3.5, 1951, 3, "", 3, ""],
        ["SEATO", 1.5, 1954, 2, 1.5, 1, "dissolved 1977"],
      ];
      sheet.tables.add(sheet.getRange("B3:H6"), true).name = "Treaties";
      await context.sync();
    });
    const location = await attachScorecard(run, TREATIES_ATTACH);
    const expectModel = (data: ScorecardData) => {
      const model = scoreAgreements({
        criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
        scale: data.config.scale,
        agreements: data.agreements,
        missing: data.config.missingPolicy,
      });
      expect(data.issues).toEqual([]);
      data.computed.forEach((row, i) => {
        expect(row.score).toBeCloseTo(model[i].score!, 9);
        expect(row.rank).toBe(model[i].rank);
      });
      const order = model.map((m, i) => ({ ...m, i })).sort((a, b) => a.rank! - b.rank! || a.i - b.i);
      expect(sim.inspect.values("Results", "B2:B4").flat()).toEqual(order.map((m) => m.id));
    };
    const before = await readScorecard(run, location);
    expectModel(before);
    const ids = before.config.criteria.map((c) => c.id);
    await reorderCriteria(run, before, [ids[3], ids[2], ids[1], ids[0]], by);
    let now = await readScorecard(run, (await locateScorecard(run))!);
    // The criteria take the criterion places in the new order; Year stays where it was.
    expect(sim.inspect.values("Agreements", "C3:G3")[0]).toEqual([
      "Threats",
      "Year",
      "Cap",
      "Strategy",
      "Ops",
    ]);
    expect(now.agreements.map((a) => a.scores)).toEqual(before.agreements.map((a) => a.scores));
    expect(sim.inspect.values("Agreements", "D4:D6").flat()).toEqual([1949, 1951, 1954]);
    expectModel(now);
    await addCriterion(run, now, { name: "Cyber", definition: "", weight: 2 }, by);
    now = await readScorecard(run, (await locateScorecard(run))!);
    await upsertAgreements(run, now, [{ id: now.agreements[1].id, scores: { cyber: 5 } }], {
      author: "Tester",
    });
    now = await readScorecard(run, (await locateScorecard(run))!);
    expectModel(now);
    await removeCriterion(run, now, ids[1], { ...by, confirmDataLoss: true });
    now = await readScorecard(run, (await locateScorecard(run))!);
    expect(now.config.criteria.map((c) => c.name)).toEqual(["Threats", "Cap", "Ops", "Cyber"]);
    expectModel(now);
  });
});
