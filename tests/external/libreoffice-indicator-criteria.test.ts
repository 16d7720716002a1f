/**
 * The criteria's own changes on a two-level scorecard (issue 16), recalculated by LibreOffice: the
 * criteria reordered while two of them have indicators, and a criterion with indicators removed.
 * Scorecards made on excel-sim by the product (createScorecard, setIndicators, upsertAgreements,
 * then the change), exported with every cached formula result poisoned, so each number LibreOffice
 * shows is its own calculation. The expectations come from the model (scoreHierarchical) on the
 * scores the add-in's read gives, never from the workbook's formulas.
 * LibreOffice and python3-uno are required, never skipped (.ci/run installs them).
 */
import { exportXlsx } from "../../src/excel-sim/export";
import type { Indicator } from "../../src/scoring/indicators";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import type { ScorecardData } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import { defaultConfig, newWorkbook, upsertEach } from "../workbook/helpers";
import { CRITERION, modelResults, readNow, suggested } from "../workbook/indicator-support";
import { columnFinder, libreOfficeWorkspace, sheetCsv } from "./support/libreoffice";

jest.setTimeout(300_000);

const REQUIRED_BY = "tests/external/libreoffice-indicator-criteria.test.ts";
const by = { author: "LibreOffice check" };
const THREAT = "threat_response";

/** Both criteria's suggested indicators, local weights unequal, and every indicator scored but a few. */
async function twoCriteriaWithIndicators(run: ExcelRun) {
  const tree: Record<string, Indicator[]> = {
    [CRITERION]: suggested(CRITERION).map((i, k) => ({ ...i, localWeight: [2, 1, 1][k] })),
    [THREAT]: suggested(THREAT).map((i, k) => ({ ...i, localWeight: [1, 1, 3][k] })),
  };
  for (const [id, list] of Object.entries(tree))
    await setIndicators(run, await readNow(run), id, list, { ...by, confirmDataLoss: true });
  const ids = Object.values(tree).flatMap((list) => list.map((i) => i.id));
  const data = await readNow(run);
  await upsertEach(
    run,
    data,
    (_, n) => ({
      // Scores across the scale; every fifth cell blank, so the policy has partial rows to handle.
      indicatorScores: Object.fromEntries(
        ids.map((id, k) => [id, (n + k) % 5 === 4 ? null : 1 + ((n * 3 + k) % 5)]),
      ),
    }),
    by,
  );
}

interface Case {
  name: string;
  change: (run: ExcelRun) => Promise<unknown>;
  /** The criteria in order after the change. */
  criteria: string[];
}

const CASES: Case[] = [
  {
    name: "reordered",
    change: async (run) => {
      const now = await readNow(run);
      await reorderCriteria(run, now, [...now.config.criteria.map((c) => c.id)].reverse(), by);
    },
    criteria: [THREAT, "capability_enhancement", "strategic_alignment", CRITERION],
  },
  {
    name: "removed",
    change: async (run) =>
      removeCriterion(run, await readNow(run), CRITERION, { ...by, confirmDataLoss: true }),
    criteria: ["strategic_alignment", "capability_enhancement", THREAT],
  },
];

const ws = libreOfficeWorkspace(REQUIRED_BY, "as-lo-indicator-criteria-");
const built: { c: Case; data: ScorecardData }[] = [];

beforeAll(async () => {
  const files: string[] = [];
  for (const c of CASES) {
    const { sim, run } = newWorkbook();
    await createScorecard(run, {
      config: defaultConfig("renormalize", [3, 2, 1.5, 0.5]),
      agreements: exampleAgreements(),
    });
    await twoCriteriaWithIndicators(run);
    await c.change(run);
    const data = await readNow(run);
    expect(data.issues).toEqual([]);
    built.push({ c, data });
    const { path, poisoned } = await ws.writePoisoned(c.name, await exportXlsx(sim));
    expect(poisoned).toBeGreaterThan(data.agreements.length * 3);
    files.push(path);
  }
  ws.recalculateToCsv(files, files[0]);
});

describe("LibreOffice recalculates a two-level scorecard after a criteria change like the model", () => {
  test.each(CASES.map((c) => c.name))("%s", (name) => {
    const { c, data } = built.find((b) => b.c.name === name)!;
    expect(data.config.criteria.map((k) => k.id)).toEqual(c.criteria);
    const rows = sheetCsv(ws.csvDir, name, "Scorecard");
    const col = columnFinder(rows[0]);
    const byId = new Map(rows.slice(1).map((r) => [r[col("ID")], r]));
    const model = modelResults(data);
    expect(model.filter((m) => m.partial).length).toBeGreaterThan(0);
    for (const m of model) {
      const row = byId.get(m.id)!;
      // Each criterion's cell: its own score, or what its indicators give under the policy.
      for (const k of data.config.criteria) {
        const want = m.criterionScores[k.id];
        const shown = row[col(k.name)];
        if (want === null) expect(shown).toBe("");
        else expect(Math.abs(Number(shown) - want)).toBeLessThanOrEqual(1e-9);
      }
      if (m.score === null) expect([row[col("Weighted score")], row[col("Rank")]]).toEqual(["", ""]);
      else {
        expect(Math.abs(Number(row[col("Weighted score")]) - m.score)).toBeLessThanOrEqual(1e-9);
        expect(Number(row[col("Rank")])).toBe(m.rank);
      }
    }
    ws.expectRecalculated(name, ["Scorecard", "Results", "Weights"]);
  });
});
