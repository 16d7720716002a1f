/**
 * Independent recomputation of TEAM scoring (docs/architecture.md §2 "Several reviewers", §6 layer 3): a team
 * scorecard made by the product's own operations on excel-sim (createScorecard, switchToTeam,
 * writeReviews, setConsensusMethod) is exported to .xlsx and recalculated by LibreOffice (headless).
 * LibreOffice's consensus in every Scorecard criterion cell, its "discuss" flags in the index of
 * the reviews (sheet AS_Consensus), and the weighted scores and ranks must equal the scoring
 * model's (consensusTable, then scoreAgreements on the consensus), for the mean and the median.
 *
 * The agreement IDs are chosen to trip MATCH's wildcards ("A*" beside "A", "B?" beside "Bz", "~C"
 * beside "C"); the reviews have half points, strong disagreement, a changed score, withdrawn
 * scores and cells nobody scored. (IDs that read as numbers, dates or errors, and hand edits:
 * libreoffice-team-edits.test.ts.)
 *
 * As in libreoffice.test.ts: every cached formula result is replaced by a sentinel (POISON), a
 * private profile forces recalculation on load, and a control run without it shows the sentinel.
 * LibreOffice is required, never skipped (.ci/run installs libreoffice-calc).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { exportXlsx } from "../../src/excel-sim/export";
import {
  consensusTable,
  scoreAgreements,
  type ConsensusCell,
  type ConsensusMethod,
  type Review,
} from "../../src/scoring";
import { columnIndex } from "../../src/workbook/contract/addresses";
import { createScorecard } from "../../src/workbook/scorecard/create";
import type { AgreementRecord, ScorecardData } from "../../src/workbook/model";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { SHEET } from "../../src/workbook/contract/contract";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { setConsensusMethod, switchToTeam } from "../../src/workbook/team/mode";
import { defaultConfig, newWorkbook } from "../workbook/helpers";
import { indexDiscussFlags, libreOfficeWorkspace, POISON, sheetCsv } from "./support/libreoffice";

jest.setTimeout(240_000);

const CRITERIA = [
  "operational_efficiency",
  "strategic_alignment",
  "capability_enhancement",
  "threat_response",
];
const WEIGHTS = [3, 2, 1.5, 0.5];
const IDS = ["A*", "A", "B?", "Bz", "~C", "C", "plain"];

type Scores = Record<string, (number | null)[]>;

/** Ana's scores are in the grid when the scorecard switches to team scoring: they become her reviews. */
const ANA: Scores = {
  "A*": [4, 3.5, 2, 3],
  A: [1, 1.5, null, 2],
  "B?": [3, 3, 3, 3],
  Bz: [5, 4.5, 4, 1],
  "~C": [2.5, null, 4, 3],
  C: [1, 5, 2, 3.5],
  plain: [3.5, 2, null, 4.5],
};
/** Then the others review, in this order; null entries are left out (not scored). */
const LATER: [string, Scores][] = [
  [
    "Bea",
    {
      "A*": [1, 4, 2.5, 5],
      A: [2, null, null, 1.5],
      "B?": [4.5, 1, 3, 3.5],
      "~C": [3, 2, 4.5, 1],
      plain: [3.5, 5, null, 4],
    },
  ],
  [
    "Cy",
    {
      "A*": [2, 3.5, 3, 5],
      Bz: [4.5, 4.5, 1.5, 2],
      "~C": [null, 2.5, 5, 2.5],
      C: [1.5, 4.5, 2.5, 3],
      plain: [3, 4.5, null, 4],
    },
  ],
  [
    "Dan",
    {
      "A*": [5, 3, 2, 5],
      "B?": [3.5, 2, 1.5, 3],
      C: [1, 1, 2, 3],
      plain: [4, 4.5, 2.5, 5],
    },
  ],
];
/** Last, changes of mind: a score changed, and scores withdrawn (one leaves a cell nobody scores). */
const AFTERTHOUGHTS: [string, string, string, number | null][] = [
  ["Dan", "C", "operational_efficiency", 2],
  ["Ana", "~C", "threat_response", null],
  ["Bea", "B?", "strategic_alignment", null],
  ["Cy", "Bz", "capability_enhancement", null],
  ["Ana", "A", "strategic_alignment", null],
];

const ws = libreOfficeWorkspace("tests/external/libreoffice-team.test.ts", "as-libreoffice-team-");

const scoresOf = (id: string, s: Scores) =>
  CRITERIA.map((criterionId, k) => ({ agreementId: id, criterionId, score: s[id]?.[k] ?? null })).filter(
    (x) => x.score !== null,
  );

/** Builds the team scorecard through the product's operations; returns it with the reviews as given. */
async function teamScorecard(method: ConsensusMethod) {
  const { sim, run } = newWorkbook();
  const agreements: AgreementRecord[] = IDS.map((id, i) => ({
    id,
    name: `Agreement ${i + 1} (${id})`,
    type: i % 2 ? "Bilateral" : "Multilateral",
    parties: "A; B",
    signed: 2000 + i,
    notes: "",
    scores: Object.fromEntries(CRITERIA.map((c, k) => [c, ANA[id][k]])),
  }));
  const { location } = await createScorecard(run, { config: defaultConfig("exclude", WEIGHTS), agreements });
  const given: Review[] = [];
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
  for (const id of IDS) for (const r of scoresOf(id, ANA)) given.push({ reviewer: "Ana", ...r });
  for (const [reviewer, scores] of LATER) {
    const edits = IDS.flatMap((id) => scoresOf(id, scores)).map((e) => ({ ...e, rationale: "" }));
    await writeReviews(run, await readScorecard(run, location), reviewer, edits);
    given.push(...edits.map((e) => ({ reviewer, ...e })));
  }
  for (const [reviewer, agreementId, criterionId, score] of AFTERTHOUGHTS) {
    const edit = { agreementId, criterionId, score, rationale: "" };
    await writeReviews(run, await readScorecard(run, location), reviewer, [edit]);
    given.push({ reviewer, agreementId, criterionId, score });
  }
  if (method !== "mean")
    await setConsensusMethod(run, await readScorecard(run, location), method, { reviewer: "Ana" });
  const data = await readScorecard(run, location);
  expect(data.location.meta.consensusMethod).toBe(method);
  expect(data.issues).toEqual([]);
  return { sim, data, given };
}

interface Case {
  method: ConsensusMethod;
  data: ScorecardData;
  reviewCount: number;
  cells: ConsensusCell[];
  scores: ReturnType<typeof scoreAgreements>;
}

const cases: Case[] = [];

beforeAll(async () => {
  const files: string[] = [];
  for (const method of ["mean", "median"] as const) {
    const { sim, data, given } = await teamScorecard(method);
    const { scale, criteria } = data.config;
    // The model, from the reviews as given (not as read back from the workbook).
    const cells = consensusTable(given, method, scale);
    const value = (id: string, c: string) =>
      cells.find((x) => x.agreementId === id && x.criterionId === c)?.value ?? null;
    const scores = scoreAgreements({
      criteria: criteria.map((c) => ({ id: c.id, weight: c.weight })),
      scale,
      agreements: IDS.map((id) => ({
        id,
        scores: Object.fromEntries(CRITERIA.map((c) => [c, value(id, c)])),
      })),
      missing: data.config.missingPolicy,
    });
    const reviewCount = data.reviews.length;
    const { path, poisoned } = await ws.writePoisoned(`team-${method}`, await exportXlsx(sim));
    // Criterion cells and Coverage/Weighted score/Rank; in the index, each review's entry and each
    // agreement's uniqueness check, consensus and discuss flag per criterion.
    expect(poisoned).toBeGreaterThanOrEqual(IDS.length * (3 * CRITERIA.length + 4) + reviewCount);
    files.push(path);
    cases.push({ method, data, reviewCount, cells, scores });
  }
  ws.recalculateToCsv(files, files[0]);
});

/** The Scorecard's CSV rows, each agreement's discuss flags from the index sheet's, and where the columns are. */
function sheets(dir: string, c: Case) {
  const meta = c.data.location.meta;
  const base = `team-${c.method}`;
  return {
    scorecard: sheetCsv(dir, base, meta.sheets.scorecard),
    /** The discuss flag of an agreement × criterion as the index sheet shows it. */
    discuss: indexDiscussFlags(dir, base, meta),
    /** CSV column of a sheet column letter (LibreOffice's CSV starts at column A). */
    at: columnIndex,
  };
}

describe("LibreOffice recalculates a team scorecard like the model", () => {
  test("the fixture exercises what it should: disagreement, agreement, medians, blanks, withdrawals", () => {
    for (const c of cases) {
      const { min, max } = c.data.config.scale;
      const half = (max - min) / 2;
      expect(c.cells.some((x) => x.discuss && x.range! > half)).toBe(true);
      expect(c.cells.some((x) => x.discuss && x.range === half)).toBe(true); // on the boundary
      expect(c.cells.some((x) => x.discuss && x.range! < half)).toBe(true); // by the SD alone
      expect(c.cells.some((x) => !x.discuss && x.n >= 2)).toBe(true);
      expect(c.cells.some((x) => x.value === null)).toBe(true); // scored, then all withdrawn
      if (c.method === "mean")
        expect(c.cells.some((x) => x.value !== null && x.value % 0.5 !== 0)).toBe(true);
      expect(c.scores.some((s) => s.score === null)).toBe(true);
      expect(c.scores.filter((s) => s.rank !== null).length).toBeGreaterThan(4);
      expect(c.data.reviews.some((r) => r.score === null)).toBe(true);
    }
    const [mean, median] = cases;
    expect(mean.cells.some((x, i) => x.value !== median.cells[i].value)).toBe(true);
  });

  test("control: without forced recalculation LibreOffice shows the poisoned caches (so the checks have teeth)", () => {
    const c = cases[0];
    const { scorecard, discuss, at } = sheets(ws.controlDir, c);
    const cols = c.data.columns;
    c.data.rows.forEach((row, i) => {
      for (const k of CRITERIA.keys()) {
        expect(Number(scorecard[row - 1][at(cols.criteria[k].column)])).toBe(POISON);
        expect(Number(discuss(c.data.agreements[i].id, CRITERIA[k]))).toBe(POISON);
      }
      expect(Number(scorecard[row - 1][at(cols.score)])).toBe(POISON);
      expect(Number(scorecard[row - 1][at(cols.rank)])).toBe(POISON);
    });
  });

  test.each(["mean", "median"])(
    "%s: consensus to 1e-9, discuss flags, weighted scores to 1e-9 and ranks equal the model",
    (method) => {
      const c = cases.find((x) => x.method === method)!;
      const { scorecard, discuss, at } = sheets(ws.csvDir, c);
      const cols = c.data.columns;
      const got: Record<string, unknown>[] = [];
      const want: Record<string, unknown>[] = [];
      c.data.agreements.forEach((a, i) => {
        const row = c.data.rows[i];
        const line = scorecard[row - 1];
        expect(line[at(cols.id)]).toBe(a.id);
        const model = c.scores.find((s) => s.id === a.id)!;
        CRITERIA.forEach((criterionId, k) => {
          const cell = c.cells.find((x) => x.agreementId === a.id && x.criterionId === criterionId);
          const shown = line[at(cols.criteria[k].column)];
          const value = cell?.value ?? null;
          const close = value === null ? shown === "" : Math.abs(Number(shown) - value) <= 1e-9;
          got.push({ id: a.id, criterionId, consensus: close ? value : shown });
          want.push({ id: a.id, criterionId, consensus: value });
          const flag = discuss(a.id, criterionId);
          got.push({ id: a.id, criterionId, discuss: flag });
          want.push({ id: a.id, criterionId, discuss: cell?.discuss ? "TRUE" : "FALSE" });
        });
        const score = line[at(cols.score)];
        const rank = line[at(cols.rank)];
        const scoreClose =
          model.score === null ? score === "" : Math.abs(Number(score) - model.score) <= 1e-9;
        got.push({
          id: a.id,
          score: scoreClose ? model.score : score,
          rank: rank === "" ? null : Number(rank),
        });
        want.push({ id: a.id, score: model.score, rank: model.rank });
      });
      expect(got).toEqual(want);
      // Every review's row was recomputed too, and nothing was kept from the file.
      expect(c.reviewCount).toBeGreaterThan(40);
      for (const sheet of [c.data.location.meta.sheets.scorecard, SHEET.consensus]) {
        const text = readFileSync(join(ws.csvDir, `team-${method}-${sheet}.csv`), "utf8");
        expect(text).not.toContain(String(POISON));
        expect(text).not.toMatch(/#NAME\?|Err:\d+|#VALUE!|#REF!|#DIV\/0!/);
      }
    },
  );
});
