/**
 * The Scorecard's column outline for indicators (issue 16, scorecard/indicatorOutline.ts): where the
 * host has ExcelApi 1.10, each criterion's indicator columns are grouped one level under it after
 * every change of indicators, reorder and removal, with no stale group left and no group of the
 * analyst's own taken off; without it, no outline call is made at all.
 */
import { SimRange } from "../../src/excel-sim/api/range";
import { columnIndex, columnLetter } from "../../src/workbook/contract/addresses";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { outlineChanges } from "../../src/workbook/scorecard/indicatorOutline";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import type { ScorecardData } from "../../src/workbook/model";
import { workbookGateway } from "../../src/taskpane/state/gateway";
import { defaultConfig, newWorkbook } from "./helpers";
import { CRITERION, readNow, suggested } from "./indicator-support";

const outlined = { author: "Analyst", confirmDataLoss: true, columnOutline: true };
type Sim = ReturnType<typeof newWorkbook>["sim"];

/** Every grouped column of the Scorecard sheet as "letter:level". */
function outlineOf(sim: Sim): string[] {
  const out: string[] = [];
  for (let c = 0; c < 60; c++) {
    const level = sim.inspect.columnOutlineLevel("Scorecard", c);
    if (level > 0) out.push(`${columnLetter(c)}:${level}`);
  }
  return out;
}

/** What the outline must be: each indicator column at level 1, nothing else. */
const expectedOutline = (data: ScorecardData) =>
  (data.columns.indicators ?? []).map((c) => `${c.column}:1`).sort();

async function scorecard() {
  const { sim, run } = newWorkbook();
  await createScorecard(run, {
    config: defaultConfig("exclude", [3, 2, 2, 1]),
    agreements: exampleAgreements(),
  });
  return { sim, run };
}

describe("indicator columns grouped under their criterion", () => {
  it("set indicators: the indicator columns are grouped, the criterion's own column is not", async () => {
    const { sim, run } = await scorecard();
    await setIndicators(run, await readNow(run), CRITERION, suggested(), outlined);
    const data = await readNow(run);
    const own = data.columns.criteria.find((c) => c.criterionId === CRITERION)!.column;
    expect(data.columns.indicators).toHaveLength(3);
    expect(outlineOf(sim)).toEqual(expectedOutline(data));
    expect(sim.inspect.columnOutlineLevel("Scorecard", own)).toBe(0);
  });

  it("adding and removing indicators: the group follows, no stale column left grouped", async () => {
    const { sim, run } = await scorecard();
    const three = suggested();
    await setIndicators(run, await readNow(run), CRITERION, three.slice(0, 2), outlined);
    await setIndicators(run, await readNow(run), CRITERION, three, outlined);
    expect(outlineOf(sim)).toEqual(expectedOutline(await readNow(run)));
    expect(outlineOf(sim)).toHaveLength(3);
    await setIndicators(run, await readNow(run), CRITERION, [three[2]], outlined);
    expect(outlineOf(sim)).toEqual(expectedOutline(await readNow(run)));
    expect(outlineOf(sim)).toHaveLength(1);
    await setIndicators(run, await readNow(run), CRITERION, [], outlined);
    expect(outlineOf(sim)).toEqual([]);
  });

  it("a reorder of two criteria with indicators puts each group at its criterion's new place", async () => {
    const { sim, run } = await scorecard();
    await setIndicators(run, await readNow(run), CRITERION, suggested().slice(0, 2), outlined);
    await setIndicators(run, await readNow(run), "threat_response", suggested("threat_response"), outlined);
    const before = await readNow(run);
    const order = [...before.config.criteria.map((c) => c.id)].reverse();
    await reorderCriteria(run, before, order, outlined);
    const after = await readNow(run);
    expect(after.config.criteria.map((c) => c.id)).toEqual(order);
    expect(outlineOf(sim)).toEqual(expectedOutline(after));
    // The groups really moved: threat_response's three now come first, right after its column.
    expect(expectedOutline(after)).not.toEqual(expectedOutline(before));
    for (const criterion of after.config.criteria) {
      const own = after.columns.criteria.find((c) => c.criterionId === criterion.id)!.column;
      expect(sim.inspect.columnOutlineLevel("Scorecard", own)).toBe(0);
    }
  });

  it("removing a criterion with indicators leaves no stale group; the others' groups follow", async () => {
    const { sim, run } = await scorecard();
    await setIndicators(run, await readNow(run), CRITERION, suggested(), outlined);
    await setIndicators(run, await readNow(run), "threat_response", suggested("threat_response"), outlined);
    await removeCriterion(run, await readNow(run), CRITERION, outlined);
    const after = await readNow(run);
    expect(after.columns.indicators).toHaveLength(3);
    expect(outlineOf(sim)).toEqual(expectedOutline(after));
    await removeCriterion(run, after, "threat_response", outlined);
    expect(outlineOf(sim)).toEqual([]);
  });

  it("without ExcelApi 1.10 no outline call is made at all, and everything else is written", async () => {
    const { sim, run } = await scorecard();
    const group = jest.spyOn(SimRange.prototype, "group");
    const ungroup = jest.spyOn(SimRange.prototype, "ungroup");
    try {
      const off = { author: "Analyst", confirmDataLoss: true };
      await setIndicators(run, await readNow(run), CRITERION, suggested(), off);
      const data = await readNow(run);
      await reorderCriteria(run, data, [...data.config.criteria.map((c) => c.id)].reverse(), off);
      await removeCriterion(run, await readNow(run), CRITERION, { ...off, columnOutline: false });
      expect(group).not.toHaveBeenCalled();
      expect(ungroup).not.toHaveBeenCalled();
      expect(data.columns.indicators).toHaveLength(3);
      expect(outlineOf(sim)).toEqual([]);
    } finally {
      group.mockRestore();
      ungroup.mockRestore();
    }
  });

  it("keeps the analyst's own groups: one elsewhere stays, one over indicator columns nests and stays", async () => {
    const { sim, run } = await scorecard();
    const data = await readNow(run);
    const own = data.columns.criteria.find((c) => c.criterionId === CRITERION)!.column;
    const notes = data.columns.notes;
    // The analyst grouped the Notes column, and the column right of the criterion: where its first
    // indicator will go.
    const firstIndicator = columnLetter(columnIndex(own) + 1);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Scorecard");
      sheet.getRange(`${notes}:${notes}`).group("ByColumns");
      sheet.getRange(`${firstIndicator}:${firstIndicator}`).group("ByColumns");
      await context.sync();
    });
    await setIndicators(run, await readNow(run), CRITERION, suggested(), outlined);
    const withIndicators = await readNow(run);
    expect(withIndicators.columns.indicators![0].column).toBe(firstIndicator);
    expect(sim.inspect.columnOutlineLevel("Scorecard", firstIndicator)).toBe(2);
    expect(sim.inspect.columnOutlineLevel("Scorecard", notes)).toBe(1);
    await setIndicators(run, withIndicators, CRITERION, [], outlined);
    expect(sim.inspect.columnOutlineLevel("Scorecard", firstIndicator)).toBe(1);
    expect(sim.inspect.columnOutlineLevel("Scorecard", notes)).toBe(1);
    expect(outlineOf(sim)).toHaveLength(2);
  });

  it("indicators laid out where Excel had no outline get their group at the next change, without error", async () => {
    const { sim, run } = await scorecard();
    const off = { author: "Analyst", confirmDataLoss: true };
    await setIndicators(run, await readNow(run), CRITERION, suggested(), off);
    expect(outlineOf(sim)).toEqual([]);
    // The old columns were never grouped: Excel refuses that ungroup, which is passed over.
    await setIndicators(run, await readNow(run), CRITERION, suggested().slice(1), outlined);
    const after = await readNow(run);
    expect(after.columns.indicators).toHaveLength(2);
    expect(outlineOf(sim)).toEqual(expectedOutline(after));
  });

  it("a collapsed group is shown again when its columns change, so no score column stays hidden", async () => {
    const { sim, run } = await scorecard();
    await setIndicators(run, await readNow(run), CRITERION, suggested(), outlined);
    const data = await readNow(run);
    const [a, , c] = data.columns.indicators!.map((i) => i.column);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Scorecard").getRange(`${a}:${c}`).columnHidden = true;
      await context.sync();
    });
    await setIndicators(run, data, CRITERION, suggested().slice(0, 2), outlined);
    const hidden = [...sim.inspect.model().sheets.find((s) => s.name === "Scorecard")!.hiddenColumns];
    expect(hidden).toEqual([]);
    expect(outlineOf(sim)).toEqual(expectedOutline(await readNow(run)));
  });

  it("a column already at Excel's 8 levels: the indicators are saved, the error names the columns and the fix", async () => {
    const { sim, run } = await scorecard();
    const own = (await readNow(run)).columns.criteria.find((c) => c.criterionId === CRITERION)!.column;
    const firstIndicator = columnLetter(columnIndex(own) + 1);
    await run(async (context) => {
      const column = context.workbook.worksheets
        .getItem("Scorecard")
        .getRange(`${firstIndicator}:${firstIndicator}`);
      for (let k = 0; k < 8; k++) column.group("ByColumns");
      await context.sync();
    });
    const error = await setIndicators(run, await readNow(run), CRITERION, suggested(), outlined).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: "ExcelError", place: { sheet: "Scorecard" } });
    expect(error.place.column).toContain(firstIndicator);
    expect(error.message).toMatch(/was saved.*at most 8 outline levels.*Data › Ungroup/s);
    const after = await readNow(run);
    expect(after.columns.indicators!.map((c) => c.column)).toContain(firstIndicator);
    expect(sim.inspect.columnOutlineLevel("Scorecard", firstIndicator)).toBe(8);
  });

  it("the pane's gateway passes the host's capability down, and groups nothing without it", async () => {
    for (const [host, grouped] of [
      [{ columnOutline: true }, 3],
      [{}, 0],
    ] as const) {
      const { sim, run } = await scorecard();
      const gateway = workbookGateway(run, host);
      const data = await readNow(run);
      await gateway.setIndicators(data, CRITERION, suggested(), { author: "Analyst", confirmDataLoss: true });
      expect(outlineOf(sim)).toHaveLength(grouped);
      const after = await readNow(run);
      await gateway.reorderCriteria(after, [...after.config.criteria.map((c) => c.id)].reverse(), {
        author: "A",
      });
      const reordered = await readNow(run);
      expect(outlineOf(sim)).toEqual(grouped ? expectedOutline(reordered) : []);
      await gateway.removeCriterion(reordered, CRITERION, { author: "A" });
      expect(outlineOf(sim)).toEqual([]);
    }
  });

  it("the outline costs one sync per old group plus one, a few hundred bytes, whatever the agreements", async () => {
    const cost = async (columnOutline: boolean) => {
      const { sim, run } = await scorecard();
      const options = { author: "Analyst", confirmDataLoss: true, columnOutline };
      await setIndicators(run, await readNow(run), CRITERION, suggested(), options);
      await setIndicators(run, await readNow(run), "threat_response", suggested("threat_response"), options);
      const data = await readNow(run);
      const ids = data.config.criteria.map((c) => c.id);
      // threat_response first: both groups change columns (reversing all four would keep them).
      const order = ["threat_response", ...ids.filter((id) => id !== "threat_response")];
      sim.resetStats();
      await reorderCriteria(run, data, order, options);
      return { syncs: sim.stats.syncs, bytes: sim.stats.totalPayloadBytes, failed: sim.stats.failedSyncs };
    };
    const off = await cost(false);
    const on = await cost(true);
    // Two old groups ungrouped one sync each, then one sync for the new groups and showing columns.
    expect(on.syncs - off.syncs).toBe(3);
    expect(on.bytes - off.bytes).toBeGreaterThan(0);
    expect(on.bytes - off.bytes).toBeLessThan(2048);
    expect([on.failed, off.failed]).toEqual([0, 0]);
  });

  it("outlineChanges: nothing for the same columns, else the old runs out and the new ones in", () => {
    expect(outlineChanges(["C", "D"], ["C", "D"])).toEqual({ group: [], ungroup: [] });
    expect(outlineChanges(["C", "D"], ["D", "E", "F", "H"])).toEqual({
      group: ["D:F", "H:H"],
      ungroup: ["C:D"],
    });
    expect(outlineChanges(["Z", "AA"], [])).toEqual({ group: [], ungroup: ["Z:AA"] });
  });
});
