/**
 * Adding, renaming, editing and removing a criterion's indicators (issue 16, criteria/editIndicators.ts),
 * and how the criteria's own changes meet them. Scores typed by the analyst are never dropped
 * without confirmation, and every change is an Audit row.
 */
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { removeCriterion, renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { editCriterion } from "../../src/workbook/criteria/editDefinitions";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig, newWorkbook, snapshot } from "./helpers";
import {
  CRITERION,
  expectWorkbookMatchesModel,
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

const shownCriterion = (sim: Sim) => (row: number) => sim.inspect.values("Scorecard", `F${row}`)[0][0];

/** The two-level scorecard with indicator scores typed in rows 2–4. */
async function scored() {
  const set = await twoLevelScorecard("renormalize");
  await typeCells(set.run, { G2: 5, H2: 4, I2: 2, G3: 3, H4: 1 });
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
    await typeCells(run, { M2: 4, N2: 2, O3: 5 });
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
    expect(sim.inspect.values("Scorecard", "H1")[0][0]).toBe("Operational efficiency / Logistics");
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
    expect(sim.inspect.values("Scorecard", "F2")[0][0]).toBeCloseTo((5 * 5 + 4 + 2) / 7, 12);
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
    expect(sim.inspect.values("Scorecard", "G1:H1")[0]).toEqual([
      "Operational efficiency / Shared logistics and resources",
      "Operational efficiency / Command and liaison arrangements",
    ]);
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
  });
});

describe("the criteria's own changes with indicators present", () => {
  it("renaming the criterion renames its indicators' columns and keeps every score", async () => {
    const { sim, run, data } = await scored();
    await renameCriterion(run, data, CRITERION, "Operations", by);
    const after = await readNow(run);
    expect(sim.inspect.values("Scorecard", "F1:I1")[0]).toEqual([
      "Operations",
      "Operations / Joint exercises and interoperability",
      "Operations / Shared logistics and resources",
      "Operations / Command and liaison arrangements",
    ]);
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

  it("removing a criterion with indicators, or reordering, is refused and changes nothing", async () => {
    const { sim, run, data } = await scored();
    const before = snapshot(sim);
    await expect(removeCriterion(run, data, CRITERION, { ...by, confirmDataLoss: true })).rejects.toThrow(
      /Removing criterion "Operational efficiency" is not possible while "Operational efficiency" has indicators; remove the indicators first/,
    );
    const order = data.config.criteria.map((c) => c.id).reverse();
    await expect(reorderCriteria(run, data, order, by)).rejects.toThrow(
      /Reordering the criteria is not possible/,
    );
    expect(snapshot(sim)).toBe(before);
  });

  it("removing another criterion leaves the indicators' formulas right", async () => {
    const { sim, run, data } = await scored();
    await removeCriterion(run, data, "strategic_alignment", { ...by, confirmDataLoss: true });
    const after = await readNow(run);
    expect(after.issues).toEqual([]);
    expectWorkbookMatchesModel(after, shownCriterion(sim));
  });
});
