/**
 * Adding, renaming, editing and removing a criterion's indicators (issue 16, criteria/editIndicators.ts),
 * and how the criteria's own changes meet them. Scores typed by the analyst are never dropped
 * without confirmation, and every change is an Audit row.
 */
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { INVALID_MARK } from "../../src/workbook/contract/contract";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { editCriterion } from "../../src/workbook/criteria/editDefinitions";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig, newWorkbook, snapshot } from "./helpers";
import {
  CRITERION,
  expectWorkbookMatchesModel,
  modelResults,
  readNow,
  suggested,
  twoLevelScorecard,
  typeCells,
} from "./indicator-support";

const by = { author: "Analyst" };
type Sim = ReturnType<typeof newWorkbook>["sim"];

const auditRows = (sim: Sim) =>
  sim.inspect
    .values("Audit", sim.inspect.usedRange("Audit")!)
    .slice(2)
    .filter((r) => r[0] !== "");

/** The headers of the criterion named `name` and its three suggested indicators' columns. */
const columnsOf = (name: string) => [
  name,
  ...[
    "Joint exercises and interoperability",
    "Shared logistics and resources",
    "Command and liaison arrangements",
  ].map((indicator) => `${name} / ${indicator}`),
];

const shownCriterion = (sim: Sim) => (row: number) => sim.inspect.values("Scorecard", `F${row}`)[0][0];

/** The two-level scorecard with indicator scores typed in rows 3–5 (below the header band). */
async function scored() {
  const set = await twoLevelScorecard("renormalize");
  await typeCells(set.run, { G3: 5, H3: 4, I3: 2, G4: 3, H5: 1 });
  return { ...set, data: await readNow(set.run) };
}

describe("giving a criterion indicators", () => {
  it("is refused over scores typed in the criterion's cells unless confirmed, and nothing changes", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, { config: defaultConfig(), agreements: exampleAgreements() });
    const data = await readNow(run);
    const before = snapshot(sim);
    const scored = data.agreements.filter((a) => a.scores[CRITERION] !== null).length;
    await expect(setIndicators(run, data, CRITERION, suggested(), by)).rejects.toThrow(
      new RegExp(
        `"Operational efficiency" of criterion "Operational efficiency" hold ${scored} score\\(s\\); its cells then show`,
      ),
    );
    expect(snapshot(sim)).toBe(before);
  });

  it("needs no confirmation on a criterion without scores, and records each indicator added", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, { config: defaultConfig(), agreements: [] });
    await setIndicators(run, await readNow(run), "threat_response", suggested("threat_response"), by);
    const data = await readNow(run);
    expect(data.location.meta.criteria[3].indicators!.map((i) => i.id)).toEqual([
      "intelligence_sharing",
      "response_mechanisms",
      "emerging_threats",
    ]);
    expect(data.config.criteria[3].indicators![0].definition).toMatch(/^How regularly/);
    expect(data.config.criteria[3].indicators![0].anchors).toHaveLength(5);
    expect(auditRows(sim).map((r) => [r[2], r[4]])).toEqual([
      ["indicator added", "Threat response / Intelligence and information sharing"],
      ["indicator added", "Threat response / Coordinated response mechanisms"],
      ["indicator added", "Threat response / Coverage of emerging threats (cyber, space)"],
    ]);
    expect(data.issues).toEqual([]);
  });

  it("keeps both criteria's indicators in one weights table, each name on its own row", async () => {
    const { sim, run } = await scored();
    await setIndicators(run, await readNow(run), "threat_response", suggested("threat_response"), {
      ...by,
      confirmDataLoss: true,
    });
    await typeCells(run, { M3: 4, N3: 2, O4: 5 });
    const data = await readNow(run);
    expect(sim.inspect.tables().find((t) => t.name === "ScorecardIndicators")!.address).toBe("Weights!J1:Q7");
    expect(sim.inspect.names().find((n) => n.name === "AS_L_emerging_threats")?.formula).toBe(
      "=Weights!$P$7",
    );
    expectWorkbookMatchesModel(data, shownCriterion(sim));
  });

  it("refuses an indicator named like a column the table has, and a header over 255 characters", async () => {
    const { run, data } = await twoLevelScorecard();
    const same = suggested().map((i, k) => (k === 2 ? { ...i, name: "Shared logistics and resources " } : i));
    await expect(setIndicators(run, data, CRITERION, same, by)).rejects.toThrow(
      /Shared logistics and resources/,
    );
    const long = suggested().map((i, k) => (k === 2 ? { ...i, name: "x".repeat(240) } : i));
    await expect(setIndicators(run, data, CRITERION, long, by)).rejects.toThrow(
      /265 characters, but Excel allows at most 255 .*shorten the indicator's or the criterion's name by 10/,
    );
  });
});

describe("changing a criterion's indicators", () => {
  it("renames an indicator: its column follows, its scores stay, one Audit row", async () => {
    const { sim, run, data } = await scored();
    const renamed = data.config.criteria[0].indicators!.map((i, k) =>
      k === 1 ? { ...i, name: "Logistics" } : i,
    );
    await setIndicators(run, data, CRITERION, renamed, by);
    const after = await readNow(run);
    expect(sim.inspect.values("Scorecard", "H2")[0][0]).toBe("Operational efficiency / Logistics");
    expect(sim.inspect.values("Weights", "M3")[0][0]).toBe("Logistics");
    expect(after.agreements.map((a) => a.indicatorScores)).toEqual(
      data.agreements.map((a) => a.indicatorScores),
    );
    expect(auditRows(sim).slice(-1)[0].slice(2, 7)).toEqual([
      "indicator renamed",
      "",
      "Operational efficiency / Logistics",
      "Operational efficiency / Shared logistics and resources",
      "Operational efficiency / Logistics",
    ]);
    expectWorkbookMatchesModel(after, shownCriterion(sim));
  });

  it("edits a local weight and a definition: the table and the scores follow, each change audited", async () => {
    const { sim, run, data } = await scored();
    const edited = data.config.criteria[0].indicators!.map((i, k) =>
      k === 0 ? { ...i, localWeight: 5, definition: "Drills." } : i,
    );
    await setIndicators(run, data, CRITERION, edited, by);
    const after = await readNow(run);
    expect(sim.inspect.values("Weights", "N2:O2")[0]).toEqual(["Drills.", 5]);
    expect(sim.inspect.values("Scorecard", "F3")[0][0]).toBeCloseTo((5 * 5 + 4 + 2) / 7, 12);
    expect(
      auditRows(sim)
        .slice(-2)
        .map((r) => [r[2], r[5], r[6]]),
    ).toEqual([
      [
        "indicator edited",
        `definition: ${data.config.criteria[0].indicators![0].definition}`,
        "definition: Drills.",
      ],
      ["indicator edited", "local weight: 2", "local weight: 5"],
    ]);
    expectWorkbookMatchesModel(after, shownCriterion(sim));
  });

  it("edits an indicator's anchors: kept trimmed and sorted in the metadata, read back, audited", async () => {
    const { sim, run, data } = await scored();
    const anchors = [
      { value: 5, label: " Strong ", description: " Exercises every year. " },
      { value: 1, label: "Weak", description: "No exercise together." },
    ];
    const edited = data.config.criteria[0].indicators!.map((i, k) => (k === 1 ? { ...i, anchors } : i));
    await setIndicators(run, data, CRITERION, edited, by);
    const after = await readNow(run);
    const expected = [
      { value: 1, label: "Weak", description: "No exercise together." },
      { value: 5, label: "Strong", description: "Exercises every year." },
    ];
    expect(after.location.meta.criteria[0].indicators![1].anchors).toEqual(expected);
    expect(after.config.criteria[0].indicators![1].anchors).toEqual(expected);
    // The other indicators keep theirs, and no score moved.
    expect(after.config.criteria[0].indicators![0].anchors).toEqual(
      data.config.criteria[0].indicators![0].anchors,
    );
    expect(after.agreements.map((a) => a.indicatorScores)).toEqual(
      data.agreements.map((a) => a.indicatorScores),
    );
    const last = auditRows(sim).slice(-1)[0];
    expect([last[2], last[4]]).toEqual([
      "indicator edited",
      "Operational efficiency / Shared logistics and resources",
    ]);
    expect(last[6]).toMatch(/^anchors: .*No exercise together/);
  });

  it("refuses anchors off the scale, twice at one point or without a description, naming the indicator", async () => {
    const { sim, run, data } = await scored();
    const before = snapshot(sim);
    const withAnchors = (anchors: { value: number; label: string; description: string }[]) =>
      data.config.criteria[0].indicators!.map((i, k) => (k === 2 ? { ...i, anchors } : i));
    const rubric = 'Rubric of "Operational efficiency / Command and liaison arrangements"';
    await expect(
      setIndicators(run, data, CRITERION, withAnchors([{ value: 9, label: "", description: "Far" }]), by),
    ).rejects.toThrow(`${rubric}: the anchor at 9 is off the scale 1–5.`);
    await expect(
      setIndicators(run, data, CRITERION, withAnchors([{ value: 2, label: "Low", description: " " }]), by),
    ).rejects.toThrow(`${rubric}: the anchor at 2 needs a description of what that score means.`);
    const twice = [
      { value: 3, label: "", description: "a" },
      { value: 3, label: "", description: "b" },
    ];
    await expect(setIndicators(run, data, CRITERION, withAnchors(twice), by)).rejects.toThrow(
      `${rubric}: two anchors sit at 3; give each point one description.`,
    );
    expect(snapshot(sim)).toBe(before);
  });

  it("reorders the indicators: the metadata and the weights table follow, one Audit row, no score moves", async () => {
    const { sim, run, data } = await scored();
    const reversed = [...data.config.criteria[0].indicators!].reverse();
    await setIndicators(run, data, CRITERION, reversed, by);
    const after = await readNow(run);
    expect(after.location.meta.criteria[0].indicators!.map((i) => i.id)).toEqual(reversed.map((i) => i.id));
    expect(sim.inspect.values("Weights", "K2:K4").map((r) => r[0])).toEqual(reversed.map((i) => i.id));
    expect(after.agreements.map((a) => a.indicatorScores)).toEqual(
      data.agreements.map((a) => a.indicatorScores),
    );
    expect(auditRows(sim).slice(-1)[0].slice(5, 7)).toEqual([
      "order: joint_exercises, shared_logistics, command_liaison",
      "order: command_liaison, shared_logistics, joint_exercises",
    ]);
    expectWorkbookMatchesModel(after, shownCriterion(sim));
    // The same list again changes nothing and writes nothing.
    const stamp = after.location.meta.versionStamp;
    await setIndicators(run, after, CRITERION, after.config.criteria[0].indicators!, by);
    expect((await readNow(run)).location.meta.versionStamp).toBe(stamp);
  });

  it("refuses to remove an indicator holding scores unless confirmed; confirmed, audits each score", async () => {
    const { sim, run, data } = await scored();
    const kept = data.config.criteria[0].indicators!.filter((i) => i.id !== "joint_exercises");
    const before = snapshot(sim);
    await expect(setIndicators(run, data, CRITERION, kept, by)).rejects.toThrow(
      /"Operational efficiency \/ Joint exercises and interoperability" of criterion "Operational efficiency" hold 2 score\(s\); removing the indicator deletes them/,
    );
    expect(snapshot(sim)).toBe(before);
    await setIndicators(run, data, CRITERION, kept, { ...by, confirmDataLoss: true });
    const after = await readNow(run);
    expect(sim.inspect.values("Scorecard", "G2:H2")[0]).toEqual(columnsOf("Operational efficiency").slice(2));
    expect(sim.inspect.names().some((n) => n.name === "AS_L_joint_exercises")).toBe(false);
    const rows = auditRows(sim).slice(-3);
    expect(rows.map((r) => [r[2], r[3], r[5]])).toEqual([
      ["indicator removed", "", "id joint_exercises, local weight 2"],
      ["score", data.agreements[0].id, "5"],
      ["score", data.agreements[1].id, "3"],
    ]);
    expectWorkbookMatchesModel(after, shownCriterion(sim));
  });

  it("removing the last indicator scores the criterion directly again, keeping the scores they gave", async () => {
    const { sim, run, data } = await scored();
    const given = data.agreements.map((a) => a.scores[CRITERION]);
    await setIndicators(run, data, CRITERION, [], { ...by, confirmDataLoss: true });
    const after = await readNow(run);
    expect(after.agreements.map((a) => a.scores[CRITERION])).toEqual(given);
    expect(sim.inspect.formulas("Scorecard", "F2")[0][0]).toBe(given[0]);
    expect(after.location.meta.indicatorsTable).toBeNull();
    expect(after.location.meta.criteria[0].indicators).toBeUndefined();
    expect(sim.inspect.tables().some((t) => t.name === "ScorecardIndicators")).toBe(false);
    expect(sim.inspect.names().some((n) => n.name.startsWith("AS_L_"))).toBe(false);
    expect(after.issues).toEqual([]);
    // A read from where the pane stood before (its metadata naming the table now gone) reads the
    // scorecard as it is, rather than reporting the table as deleted by hand.
    const fromBefore = await readScorecard(run, data.location);
    expect(fromBefore.location.meta.indicatorsTable).toBeNull();
    expect(fromBefore.issues).toEqual([]);
    expect(fromBefore.agreements.map((a) => a.scores[CRITERION])).toEqual(given);
  });
});

describe("the criteria's own changes with indicators present", () => {
  it("renaming the criterion renames its indicators' columns and keeps every score", async () => {
    const { sim, run, data } = await scored();
    await renameCriterion(run, data, CRITERION, "Operations", by);
    const after = await readNow(run);
    expect(sim.inspect.values("Scorecard", "F2:I2")[0]).toEqual(columnsOf("Operations"));
    expect(sim.inspect.values("Weights", "L2")[0][0]).toBe("Operations");
    expect(after.agreements.map((a) => a.indicatorScores)).toEqual(
      data.agreements.map((a) => a.indicatorScores),
    );
    expectWorkbookMatchesModel(after, shownCriterion(sim));
  });

  it("editing the criterion's anchors keeps its indicators", async () => {
    const { run, data } = await scored();
    const anchors = [
      { value: 1, label: "Low", description: "Little" },
      { value: 5, label: "High", description: "Much" },
    ];
    await editCriterion(run, data, CRITERION, { anchors }, by);
    const after = await readNow(run);
    expect(after.location.meta.criteria[0].indicators).toEqual(data.location.meta.criteria[0].indicators);
    expect(after.location.meta.criteria[0].anchors).toEqual(anchors);
  });

  it("removing a criterion with indicators is refused over their scores unless confirmed", async () => {
    const { sim, run, data } = await scored();
    const before = snapshot(sim);
    await expect(removeCriterion(run, data, CRITERION, by)).rejects.toThrow(
      'Criterion "Operational efficiency": its 3 indicators hold 5 score(s); removing it deletes them. Confirm to remove it.',
    );
    expect(snapshot(sim)).toBe(before);
  });

  it("removing a criterion with indicators, confirmed, takes its columns, table rows and names, and audits each score", async () => {
    const { sim, run, data } = await scored();
    await removeCriterion(run, data, CRITERION, { ...by, confirmDataLoss: true });
    const after = await readNow(run);
    expect(after.issues).toEqual([]);
    expect(after.config.criteria.map((c) => c.id)).toEqual([
      "strategic_alignment",
      "capability_enhancement",
      "threat_response",
    ]);
    const headers = sim.inspect.values("Scorecard", "A1:K1")[0];
    expect(headers.filter((h) => String(h).startsWith("Operational efficiency"))).toEqual([]);
    expect(headers.slice(5, 8)).toEqual(["Strategic alignment", "Capability enhancement", "Threat response"]);
    // No indicators left: the table and every AS_L_ name are gone, and the metadata says so.
    expect(after.location.meta.indicatorsTable).toBeNull();
    expect(sim.inspect.tables().some((t) => t.name === "ScorecardIndicators")).toBe(false);
    expect(sim.inspect.names().filter((n) => n.name.startsWith("AS_L_"))).toEqual([]);
    expect(sim.inspect.values("Weights", "J1:Q2")).toEqual([
      ["", "", "", "", "", "", "", ""],
      ["", "", "", "", "", "", "", ""],
    ]);
    const rows = auditRows(sim);
    const removal = rows.findIndex((r) => r[2] === "criterion removed");
    expect(rows[removal][5]).toBe("id operational_efficiency, weight 3, 3 indicators, 5 score(s)");
    const typed = data.agreements.flatMap((a) =>
      Object.entries(a.indicatorScores ?? {}).flatMap(([id, v]) =>
        v === null ? [] : [[a.id, id, String(v)]],
      ),
    );
    const header = (id: string) =>
      data.location.meta.criteria[0].indicators!.find((i) => i.id === id)!.header;
    expect(rows.slice(removal + 1).map((r) => [r[3], r[4], r[5]])).toEqual(
      typed.map(([agreement, id, v]) => [agreement, header(id), v]),
    );
    // Every score and rank is the model's on the flat scorecard left.
    const model = modelResults(after);
    after.computed.forEach((row, i) => {
      expect(row.score).toBeCloseTo(model[i].score!, 9);
      expect(row.rank).toBe(model[i].rank);
    });
  });

  it("removing one of two criteria with indicators keeps the other's, its weights table rows and names re-pointed", async () => {
    const { sim, run } = await scored();
    const threat = suggested("threat_response").map((i, k) => ({ ...i, localWeight: [1, 2, 3][k] }));
    await setIndicators(run, await readNow(run), "threat_response", threat, { ...by, confirmDataLoss: true });
    // Scores typed into the threat response's indicator columns (the last three criterion-side columns).
    const data = await readNow(run);
    const threatColumns = data.columns.indicators!.filter((c) => c.criterionId === "threat_response");
    await typeCells(run, { [`${threatColumns[0].column}3`]: 4, [`${threatColumns[2].column}4`]: 2 });
    await removeCriterion(run, await readNow(run), CRITERION, { ...by, confirmDataLoss: true });
    const after = await readNow(run);
    expect(after.issues).toEqual([]);
    expect(
      after.config.criteria.find((c) => c.id === "threat_response")!.indicators!.map((i) => i.localWeight),
    ).toEqual([1, 2, 3]);
    // The table holds only the threat response's rows, from row 2, and each AS_L_ name points at its row.
    expect(sim.inspect.values("Weights", "K2:K5").map((r) => r[0])).toEqual([...threat.map((i) => i.id), ""]);
    for (const [k, i] of threat.entries())
      expect(sim.inspect.names().find((n) => n.name === `AS_L_${i.id}`)!.formula).toBe(
        `=Weights!$P$${k + 2}`,
      );
    expect(sim.inspect.values("Weights", "P2:P4").map((r) => r[0])).toEqual([1 / 6, 2 / 6, 3 / 6]);
    // The threat response's criterion cells still compute from its own indicators.
    const model = modelResults(after);
    const threatColumn = after.columns.criteria.find((c) => c.criterionId === "threat_response")!.column;
    after.computed.forEach((row, i) => {
      expect(row.score).toBeCloseTo(model[i].score!, 9);
      expect(row.rank).toBe(model[i].rank);
      const want = model[i].criterionScores.threat_response;
      const shown = sim.inspect.values("Scorecard", `${threatColumn}${after.rows[i]}`)[0][0];
      if (want === null) expect(shown).toBe("");
      else expect(shown).toBeCloseTo(want, 9);
    });
  });

  it("reordering the criteria moves each criterion's indicator columns with it, scores and formulas following", async () => {
    const { sim, run } = await scored();
    // Text pasted into an indicator cell travels as text, and is still reported where it lands.
    await typeCells(run, { H6: "high" });
    const before = await readNow(run);
    const order = ["threat_response", "strategic_alignment", CRITERION, "capability_enhancement"];
    await reorderCriteria(run, before, order, by);
    const after = await readNow(run);
    expect(sim.inspect.values("Scorecard", "F2:L2")[0]).toEqual([
      "Threat response",
      "Strategic alignment",
      ...columnsOf("Operational efficiency"),
      "Capability enhancement",
    ]);
    expect(after.config.criteria.map((c) => c.id)).toEqual(order);
    expect(after.agreements.map((a) => a.indicatorScores)).toEqual(
      before.agreements.map((a) => a.indicatorScores),
    );
    expect(after.agreements.map((a) => a.scores.threat_response)).toEqual(
      before.agreements.map((a) => a.scores.threat_response),
    );
    expect(sim.inspect.values("Scorecard", "J6")[0][0]).toBe("high");
    const placeOf = (i: { address: string; indicatorId?: string; agreementId: string }) => [
      i.address,
      i.indicatorId,
      i.agreementId,
    ];
    expect(before.issues.map(placeOf)).toEqual([["H6", "shared_logistics", before.agreements[3].id]]);
    expect(after.issues.map(placeOf)).toEqual([["J6", "shared_logistics", before.agreements[3].id]]);
    // The criterion's cells compute from its indicators' new columns (H) and the model agrees, on
    // every row but the flagged one, which shows "check scores" and has no rank.
    expect(String(sim.inspect.formulas("Scorecard", "H3")[0][0])).toContain("I3");
    const flagged = before.agreements[3].id;
    const valid = { ...after, agreements: after.agreements.filter((a) => a.id !== flagged) };
    const model = new Map(modelResults(valid).map((m) => [m.id, m]));
    after.computed.forEach((row, i) => {
      const m = model.get(after.agreements[i].id);
      const shown = sim.inspect.values("Scorecard", `H${after.rows[i]}`)[0][0];
      if (!m) {
        expect([row.rank, shown]).toEqual([null, INVALID_MARK]);
        return;
      }
      expect(row.score).toBeCloseTo(m.score!, 9);
      expect(row.rank).toBe(m.rank);
      const want = m.criterionScores[CRITERION];
      if (want === null) expect(shown).toBe("");
      else expect(shown).toBeCloseTo(want, 9);
    });
    expect(auditRows(sim).at(-1)!.slice(2, 3)).toEqual(["criteria reordered"]);
  });

  it("removing another criterion leaves the indicators' formulas right", async () => {
    const { sim, run, data } = await scored();
    await removeCriterion(run, data, "strategic_alignment", { ...by, confirmDataLoss: true });
    const after = await readNow(run);
    expect(after.issues).toEqual([]);
    expectWorkbookMatchesModel(after, shownCriterion(sim));
  });
});
