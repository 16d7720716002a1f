/**
 * The criteria's own changes on a two-level scorecard (issue 16), recalculated by LibreOffice: the
 * criteria reordered while two of them have indicators, and a criterion with indicators removed;
 * and a scorecard attached to a user's own table whose "Criterion / Indicator" columns were adopted
 * (one criterion's column inserted, another's typed scores replaced with consent).
 * Scorecards made on excel-sim by the product (createScorecard, setIndicators, upsertAgreements,
 * then the change; or attachScorecard), exported with every cached formula result poisoned, so each number LibreOffice
 * shows is its own calculation. The expectations come from the model (scoreHierarchical) on the
 * scores the add-in's read gives, never from the workbook's formulas.
 * LibreOffice and python3-uno are required, never skipped (.ci/run installs them).
 */
import { exportXlsx } from "../../src/excel-sim/export";
import type { Indicator } from "../../src/scoring/indicators";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { attachScorecard } from "../../src/workbook/scorecard/attach";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import type { ScorecardData } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import { addUserTable, INDICATOR_ATTACH, INDICATOR_HEADERS } from "../workbook/attach-support";
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
  /** Makes the scorecard; by default the examples with two criteria's indicators scored. */
  build?: (run: ExcelRun) => Promise<unknown>;
  change?: (run: ExcelRun) => Promise<unknown>;
  /** The criteria in order after the change. */
  criteria: string[];
  /** The sheet of the scorecard's table, by default "Scorecard". */
  sheet?: string;
}

async function examplesWithIndicators(run: ExcelRun) {
  await createScorecard(run, {
    config: defaultConfig("renormalize", [3, 2, 1.5, 0.5]),
    agreements: exampleAgreements(),
  });
  await twoCriteriaWithIndicators(run);
}

/**
 * The example agreements in a user's own table at B3 of "Agreements": Ops as two indicator columns
 * and no column of its own, Threats with typed scores and one indicator column; blanks scattered.
 */
async function attachedWithIndicators(run: ExcelRun) {
  const rows = exampleAgreements().map((a, n) => [
    a.name,
    ...[0, 1, 2, 3, 4].map((k) => ((n + k) % 4 === 3 ? "" : 1 + ((n * 3 + k * 2) % 9) / 2)),
  ]);
  await addUserTable(run, [INDICATOR_HEADERS, ...rows], 2, 1);
  await attachScorecard(run, { ...INDICATOR_ATTACH, confirmDataLoss: true, ...by });
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
  {
    name: "attached",
    build: attachedWithIndicators,
    criteria: ["ops", "strategy", "threats"],
    sheet: "Agreements",
  },
];

const ws = libreOfficeWorkspace(REQUIRED_BY, "as-lo-indicator-criteria-");
const built: { c: Case; data: ScorecardData }[] = [];

beforeAll(async () => {
  const files: string[] = [];
  for (const c of CASES) {
    const { sim, run } = newWorkbook();
    await (c.build ?? examplesWithIndicators)(run);
    await c.change?.(run);
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
    const sheet = c.sheet ?? "Scorecard";
    const rows = sheetCsv(ws.csvDir, name, sheet);
    // The table's header row: row 1 of a scorecard the add-in made, row 3 of the user's table.
    const top = rows.findIndex((r) => r.includes("ID"));
    const col = columnFinder(rows[top]);
    const byId = new Map(rows.slice(top + 1).map((r) => [r[col("ID")], r]));
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
    ws.expectRecalculated(name, [sheet, "Results", "Weights"]);
  });
});
