/**
 * Team scoring per indicator (issue 16) in a real spreadsheet engine (docs/architecture.md §7,
 * layer 3). A two-level team scorecard made by the product's own operations on excel-sim
 * (createScorecard, setIndicators on two criteria, the analyst's indicator scores through
 * upsertAgreements, switchToTeam, writeReviews by two more reviewers, withdrawals, and for the
 * median setConsensusMethod, then the criteria reordered) is exported to .xlsx with every cached formula result poisoned and
 * recalculated by headless LibreOffice.
 *
 * LibreOffice's consensus in every leaf cell (a criterion scored directly, or an indicator), the
 * discuss flag of every leaf in the index of the reviews, each criterion computed from its
 * indicators' consensus, and the Weighted scores and Ranks must equal the model: consensusTable on
 * the reviews as given, then scoreHierarchical on those consensus values. Under the mean with
 * "renormalize" and under the median with "exclude". LibreOffice is required, never skipped.
 */
import { exportXlsx } from "../../src/excel-sim/export";
import {
  consensusTable,
  type ConsensusCell,
  type ConsensusMethod,
  type MissingPolicy,
  type Review,
} from "../../src/scoring";
import { scoreHierarchical, type Indicator } from "../../src/scoring/indicators";
import { columnIndex } from "../../src/workbook/contract/addresses";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { setConsensusMethod, switchToTeam } from "../../src/workbook/team/mode";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { SHEET } from "../../src/workbook/contract/contract";
import type { AgreementRecord, ScorecardData } from "../../src/workbook/model";
import { defaultConfig, newWorkbook } from "../workbook/helpers";
import { readNow, suggested } from "../workbook/indicator-support";
import { indexDiscussFlags, libreOfficeWorkspace, POISON, sheetCsv } from "./support/libreoffice";

jest.setTimeout(300_000);

const WEIGHTS = [3, 2, 1.5, 0.5];
const IDS = ["A*", "A", "B?", "Bz", "1e3", "1000", "plain", "~C"];
const TREE: Record<string, Indicator[]> = {
  operational_efficiency: suggested("operational_efficiency").map((i, k) => ({
    ...i,
    localWeight: [2, 1, 1][k],
  })),
  threat_response: suggested("threat_response").map((i, k) => ({ ...i, localWeight: [1, 1, 3][k] })),
};
const CRITERIA = defaultConfig().criteria.map((c) => c.id);
/** What the team scores: criteria without indicators, and each indicator. */
const LEAVES = CRITERIA.flatMap((c) => (TREE[c] ? TREE[c].map((i) => i.id) : [c]));

/** A score on the 1–5 scale in half points, or null (not scored) about one time in six, from a seed. */
function scoreFrom(seed: number): number | null {
  const x = (seed * 2654435761) % 4294967296;
  if (x % 6 === 0) return null;
  return 1 + (x % 9) / 2;
}

/** Agreement × indicator that nobody scores: the missing-score policy decides at indicator level. */
const NOBODY = new Set(["plain|shared_logistics", "B?|command_liaison", "~C|emerging_threats"]);
const scored = (agreementId: string, leaf: string, seed: number) =>
  NOBODY.has(`${agreementId}|${leaf}`) ? null : scoreFrom(seed);

const ws = libreOfficeWorkspace("tests/external/libreoffice-team-indicators.test.ts", "as-lo-team-ind-");

async function teamScorecard(method: ConsensusMethod, policy: MissingPolicy) {
  const { sim, run } = newWorkbook();
  const agreements: AgreementRecord[] = IDS.map((id, i) => ({
    id,
    name: `Agreement ${i + 1} (${id})`,
    type: "Bilateral",
    parties: "A; B",
    signed: 2000 + i,
    notes: "",
    scores: Object.fromEntries(CRITERIA.map((c, k) => [c, TREE[c] ? null : scoreFrom(i * 31 + k + 7)])),
  }));
  await createScorecard(run, { config: defaultConfig(policy, WEIGHTS), agreements });
  for (const [criterion, indicators] of Object.entries(TREE))
    await setIndicators(run, await readNow(run), criterion, indicators, {
      author: "Ana",
      confirmDataLoss: true,
    });
  const given: Review[] = [];
  // Ana's indicator scores are in the grid when the scorecard switches: they become her reviews.
  const anaIndicators = IDS.map((id, i) => ({
    id,
    indicatorScores: Object.fromEntries(
      Object.values(TREE)
        .flat()
        .map((ind, k) => [ind.id, scored(id, ind.id, i * 17 + k * 5 + 3)]),
    ),
  }));
  await upsertAgreements(run, await readNow(run), anaIndicators, { author: "Ana" });
  await switchToTeam(run, await readNow(run), { reviewer: "Ana" });
  const start = await readNow(run);
  given.push(...start.reviews.map((r) => ({ ...r, reviewer: "Ana" })));
  for (const [r, reviewer] of ["Bea", "Cy"].entries()) {
    const edits = IDS.flatMap((agreementId, i) =>
      LEAVES.map((criterionId, k) => ({
        agreementId,
        criterionId,
        score: scored(agreementId, criterionId, 1000 * (r + 1) + i * 13 + k),
        rationale: "",
      })),
    ).filter((e) => e.score !== null);
    await writeReviews(run, await readNow(run), reviewer, edits);
    given.push(...edits.map((e) => ({ reviewer, ...e })));
  }
  // Changes of mind: one indicator score withdrawn, one changed.
  for (const [reviewer, agreementId, criterionId, score] of [
    ["Bea", "A*", "joint_exercises", null],
    ["Cy", "1000", "emerging_threats", 5],
  ] as const) {
    await writeReviews(run, await readNow(run), reviewer, [
      { agreementId, criterionId, score, rationale: "" },
    ]);
    given.push({ reviewer, agreementId, criterionId, score });
  }
  if (method !== "mean") {
    await setConsensusMethod(run, await readNow(run), method, { reviewer: "Ana" });
    // And the criteria reordered in team scoring: each leaf's consensus moves with its column.
    const now = await readNow(run);
    await reorderCriteria(run, now, [...now.config.criteria.map((c) => c.id)].reverse(), { author: "Ana" });
  }
  const data = await readNow(run);
  expect(data.issues).toEqual([]);
  return { sim, data, given };
}

interface Case {
  base: string;
  method: ConsensusMethod;
  data: ScorecardData;
  cells: ConsensusCell[];
  model: ReturnType<typeof scoreHierarchical>;
}
const cases: Case[] = [];

beforeAll(async () => {
  const files: string[] = [];
  for (const [method, policy] of [
    ["mean", "renormalize"],
    ["median", "exclude"],
  ] as const) {
    const { sim, data, given } = await teamScorecard(method, policy);
    const { scale, criteria } = data.config;
    // The model, from the reviews as given (not as read back from the workbook).
    const cells = consensusTable(given, method, scale);
    const value = (id: string, leaf: string) =>
      cells.find((x) => x.agreementId === id && x.criterionId === leaf)?.value ?? null;
    const model = scoreHierarchical({
      criteria: criteria.map((c) => ({ id: c.id, weight: c.weight })),
      indicators: TREE,
      scale,
      missing: policy,
      agreements: IDS.map((id) => ({ id, scores: Object.fromEntries(LEAVES.map((l) => [l, value(id, l)])) })),
    });
    const base = `team-indicators-${method}`;
    const { path, poisoned } = await ws.writePoisoned(base, await exportXlsx(sim));
    // Per agreement: every leaf's consensus cell, the two criteria's formulas, Coverage, score, Rank.
    expect(poisoned).toBeGreaterThanOrEqual(IDS.length * (LEAVES.length + 2 + 3));
    files.push(path);
    cases.push({ base, method, data, cells, model });
  }
  ws.recalculateToCsv(files, files[0]);
});

describe("LibreOffice recalculates a team scorecard with indicators like the model", () => {
  test("the fixture exercises what it should: disagreement, withdrawn and missing indicator scores, unranked rows", () => {
    for (const c of cases) {
      expect(c.cells.some((x) => x.discuss)).toBe(true);
      expect(c.cells.some((x) => !x.discuss && x.n >= 2)).toBe(true);
      expect(c.cells.some((x) => x.value === null || x.n === 1)).toBe(true);
      expect(c.model.some((m) => m.missingIndicators.length > 0)).toBe(true);
      expect(c.model.filter((m) => m.rank !== null).length).toBeGreaterThan(2);
      expect(c.data.reviews.some((r) => r.score === null)).toBe(true);
    }
    expect(cases[1].model.some((m) => m.score === null)).toBe(true);
    expect(cases[1].data.config.criteria.map((c) => c.id)).toEqual([...CRITERIA].reverse());
  });

  test("control: without forced recalculation LibreOffice shows the poisoned caches", () => {
    const c = cases[0];
    const scorecard = sheetCsv(ws.controlDir, c.base, c.data.location.meta.sheets.scorecard);
    const cols = c.data.columns;
    for (const row of c.data.rows) {
      expect(Number(scorecard[row - 1][columnIndex(cols.indicators![0].column)])).toBe(POISON);
      expect(Number(scorecard[row - 1][columnIndex(cols.score)])).toBe(POISON);
    }
  });

  test.each(["mean", "median"])(
    "%s: each leaf's consensus and discuss flag, each criterion, the weighted scores and ranks equal the model",
    (method) => {
      const c = cases.find((x) => x.method === method)!;
      const meta = c.data.location.meta;
      const scorecard = sheetCsv(ws.csvDir, c.base, meta.sheets.scorecard);
      const discuss = indexDiscussFlags(ws.csvDir, c.base, meta);
      const cols = c.data.columns;
      const leafColumn = new Map([
        ...cols.criteria.map((x): [string, string] => [x.criterionId, x.column]),
        ...(cols.indicators ?? []).map((x): [string, string] => [x.indicatorId, x.column]),
      ]);
      const close = (shown: string, want: number | null) =>
        want === null ? shown === "" : Math.abs(Number(shown) - want) <= 1e-9;
      const got: unknown[] = [];
      const want: unknown[] = [];
      c.data.agreements.forEach((a, i) => {
        const line = scorecard[c.data.rows[i] - 1];
        expect(line[columnIndex(cols.id)]).toBe(a.id);
        const model = c.model.find((m) => m.id === a.id)!;
        for (const leaf of LEAVES) {
          const cell = c.cells.find((x) => x.agreementId === a.id && x.criterionId === leaf);
          const shown = line[columnIndex(leafColumn.get(leaf)!)];
          const value = cell?.value ?? null;
          got.push([a.id, leaf, close(shown, value) ? value : shown, discuss(a.id, leaf)]);
          want.push([a.id, leaf, value, cell?.discuss ? "TRUE" : "FALSE"]);
        }
        for (const criterion of Object.keys(TREE)) {
          const shown = line[columnIndex(leafColumn.get(criterion)!)];
          const value = model.criterionScores[criterion];
          got.push([a.id, criterion, close(shown, value) ? value : shown]);
          want.push([a.id, criterion, value]);
        }
        const score = line[columnIndex(cols.score)];
        const rank = line[columnIndex(cols.rank)];
        got.push([a.id, close(score, model.score) ? model.score : score, rank === "" ? null : Number(rank)]);
        want.push([a.id, model.score, model.rank]);
      });
      expect(got).toEqual(want);
      ws.expectRecalculated(c.base, [meta.sheets.scorecard, SHEET.consensus]);
    },
  );
});
