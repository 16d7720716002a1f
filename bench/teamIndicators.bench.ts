/**
 * Team scoring per indicator (issue 16), measured as team.bench.ts measures team scoring, on a
 * two-level scorecard: 4 criteria, two of them scored through 3 indicators each, so 8 leaves a
 * reviewer scores (team/leaves.ts).
 *
 * LibreOffice: team workbooks written by the product's own operations (createScorecard,
 * setIndicators, the first reviewer's indicator scores through upsertAgreements, switchToTeam, one
 * writeReviews per other reviewer), exported without cached results and recalculated in full
 * (bench/libreoffice_recalc.py). Beside each, the same review rows in the schema-3 layout
 * (bench/legacyTeam.ts, on a flat scorecard of the 8 leaves), the baseline team.bench.ts compares.
 * Every Weighted score LibreOffice computes must equal the model's (consensusTable, then
 * scoreHierarchical), or the bench fails.
 *
 * excel-sim: one reviewer's indicator score written and the scorecard read back, beside an engine
 * that scans every review row for each COUNTIFS criterion (the column index off).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { consensusTable, DEFAULT_CRITERIA } from "../src/scoring";
import { DEFAULT_INDICATORS, scoreHierarchical, type Indicator } from "../src/scoring/indicators";
import { createWorkbook } from "../src/excel-sim";
import { exportXlsx } from "../src/excel-sim/export";
import {
  type AgreementRecord,
  createScorecard,
  type ExcelRun,
  readScorecard,
  type ScorecardConfig,
  setIndicators,
  switchToTeam,
  upsertAgreements,
  writeReviews,
} from "../src/workbook";
import type { BenchFigure, BenchSection } from "./harness";
import { legacyTeamWorkbook, type LegacyReview } from "./legacyTeam";
import { median, recalculate, timeOneReview, type Recalc } from "./team.bench";

const TREE: Record<string, Indicator[]> = Object.fromEntries(
  ["operational_efficiency", "threat_response"].map((id) => [
    id,
    DEFAULT_INDICATORS[id].map((i, k) => ({ ...i, localWeight: k + 1 })),
  ]),
);
const config: ScorecardConfig = {
  criteria: DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name, definition: c.definition, weight: 1 })),
  scale: { min: 1, max: 5 },
  missingPolicy: "exclude",
};
/** What a reviewer scores: criteria without indicators and each indicator, 8 in all. */
const LEAVES = config.criteria.flatMap((c) => (TREE[c.id] ? TREE[c.id].map((i) => i.id) : [c.id]));
const INDICATOR_IDS = new Set(Object.values(TREE).flatMap((list) => list.map((i) => i.id)));
const score = (i: number, k: number, r: number) => 1 + ((i * (r + 1) + k) % 9) / 2;
/** Agreements × reviewers: 4,000 and 16,000 review rows, as team.bench.ts's middle sizes. */
const SIZES = [
  [100, 5],
  [250, 8],
] as const;

const ids = (n: number) => Array.from({ length: n }, (_, i) => `A-${i + 1}`);

/** Every reviewer's review of every agreement × leaf; R1's are the grid's scores when the team starts. */
function reviewsOf(n: number, reviewers: number): LegacyReview[] {
  return Array.from({ length: reviewers }, (_, r) =>
    ids(n).flatMap((agreementId, i) =>
      LEAVES.map((criterionId, k) => ({
        reviewer: `R${r + 1}`,
        agreementId,
        criterionId,
        score: score(i, k, r),
      })),
    ),
  ).flat();
}

function agreementsOf(n: number, criteria: readonly { id: string }[]): AgreementRecord[] {
  return ids(n).map((id, i) => ({
    id,
    name: `Agreement ${i + 1}`,
    type: "",
    parties: "",
    signed: null,
    notes: "",
    // A criterion given indicators is left blank: its indicators' scores follow.
    scores: Object.fromEntries(
      criteria.map((c) => [c.id, TREE[c.id] ? null : score(i, LEAVES.indexOf(c.id), 0)]),
    ),
  }));
}

/** The two-level team scorecard, every leaf of every agreement scored by each reviewer. */
async function teamWorkbook(n: number, reviewers: number, criteriaIndex = true) {
  const sim = createWorkbook({ criteriaIndex });
  const run: ExcelRun = (batch) => sim.run(batch);
  const { location } = await createScorecard(run, { config, agreements: agreementsOf(n, config.criteria) });
  for (const [criterionId, indicators] of Object.entries(TREE))
    await setIndicators(run, await readScorecard(run, location), criterionId, indicators, { author: "R1" });
  const all = reviewsOf(n, reviewers);
  const first = all.filter((r) => r.reviewer === "R1" && INDICATOR_IDS.has(r.criterionId));
  await upsertAgreements(
    run,
    await readScorecard(run, location),
    ids(n).map((id) => ({
      id,
      indicatorScores: Object.fromEntries(
        first.filter((r) => r.agreementId === id).map((r) => [r.criterionId, r.score]),
      ),
    })),
    { author: "R1" },
  );
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "R1" });
  for (let r = 1; r < reviewers; r++) {
    const mine = all.filter((x) => x.reviewer === `R${r + 1}`).map((x) => ({ ...x, rationale: "" }));
    await writeReviews(run, await readScorecard(run, location), `R${r + 1}`, mine);
  }
  const data = await readScorecard(run, location);
  if (data.issues.length > 0) throw new Error(`team indicators bench: ${data.issues[0].message}`);
  if (data.reviews.length !== all.length)
    throw new Error(`team indicators bench: ${data.reviews.length} reviews read, ${all.length} given`);
  return { sim, run, data };
}

/** The same review rows in the schema-3 layout, on a flat scorecard whose criteria are the 8 leaves. */
async function legacyWorkbook(n: number, reviewers: number) {
  const sim = createWorkbook();
  const run: ExcelRun = (batch) => sim.run(batch);
  const flat = { ...config, criteria: LEAVES.map((id) => ({ id, name: id, definition: "", weight: 1 })) };
  const { location } = await createScorecard(run, {
    config: flat,
    agreements: agreementsOf(n, flat.criteria),
  });
  await legacyTeamWorkbook(sim, await readScorecard(run, location), reviewsOf(n, reviewers), "mean", 1);
  return sim;
}

/** Every Weighted score LibreOffice computed equals the model's, or the bench fails. */
function checkScored(recalc: Recalc, n: number, reviewers: number, scoreColumn: number) {
  const cells = consensusTable(reviewsOf(n, reviewers), "mean", config.scale);
  const value = new Map(cells.map((c) => [`${c.agreementId}|${c.criterionId}`, c.value]));
  const model = scoreHierarchical({
    criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    indicators: TREE,
    scale: config.scale,
    missing: config.missingPolicy,
    agreements: ids(n).map((id) => ({
      id,
      scores: Object.fromEntries(LEAVES.map((l) => [l, value.get(`${id}|${l}`) ?? null])),
    })),
  });
  model.forEach((m, i) => {
    const shown = recalc.values[i + 1]?.[scoreColumn];
    if (typeof shown !== "number" || m.score === null || Math.abs(shown - m.score) > 1e-9)
      throw new Error(
        `team indicators bench: LibreOffice scored ${m.id} ${String(shown)}, the model ${m.score}`,
      );
  });
}

async function libreOfficeFigures(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "as-team-indicators-bench-"));
  try {
    const jobs: { file: string; runs: number; read?: { sheet: string; range: string } }[] = [];
    const scoreColumns: number[] = [];
    for (const [n, reviewers] of SIZES) {
      const { sim, data } = await teamWorkbook(n, reviewers);
      scoreColumns.push(data.columns.score.charCodeAt(0) - 65);
      const ours = path.join(dir, `team-indicators-${n}x${reviewers}.xlsx`);
      writeFileSync(ours, await exportXlsx(sim, { formulaResults: false }));
      jobs.push({
        file: ours,
        runs: 3,
        read: { sheet: "Scorecard", range: `A1:${data.columns.rank}${n + 1}` },
      });
      const legacy = path.join(dir, `legacy-${n}x${reviewers}.xlsx`);
      writeFileSync(legacy, await exportXlsx(await legacyWorkbook(n, reviewers), { formulaResults: false }));
      // Minutes a run at 16,000 rows: timed once.
      jobs.push({ file: legacy, runs: n * reviewers * LEAVES.length >= 8000 ? 1 : 3 });
    }
    const load = os.loadavg()[0];
    const results = recalculate(jobs, dir);
    const loadAfter = os.loadavg()[0];
    const ms = (r: Recalc) => median(r.seconds) * 1000;
    const note = `load average ${load.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${os.cpus().length} cores`;
    return SIZES.map(([n, reviewers], i) => {
      const [ours, legacy] = [results[2 * i], results[2 * i + 1]];
      checkScored(ours, n, reviewers, scoreColumns[i]);
      const rows = n * reviewers * LEAVES.length;
      return {
        name: `LibreOffice full recalculation with indicators, ${n} agreements × ${reviewers} reviewers × 8 leaves (${rows.toLocaleString("en")} review rows)`,
        unit: "ms",
        value: ms(ours),
        baseline: { name: "schema 3 layout, same review rows: an Order COUNTIFS per row", value: ms(legacy) },
        note: `${note}; every Weighted score equals the model's (scoreHierarchical on the consensus)`,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One reviewer changes one indicator score; the scorecard is read back (recalculated). */
async function oneReview(n: number, reviewers: number, criteriaIndex: boolean) {
  return timeOneReview(await teamWorkbook(n, reviewers, criteriaIndex), TREE.operational_efficiency[1].id);
}

async function simFigures(): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  for (const [n, reviewers] of SIZES) {
    const ours = await oneReview(n, reviewers, true);
    // The scanning baseline takes minutes at 16,000 review rows: measured up to 4,000.
    const baseline = ours.rows <= 4000 ? await oneReview(n, reviewers, false) : null;
    out.push({
      name: `one indicator review + read back on excel-sim, ${n} × ${reviewers} × 8 leaves (${ours.rows.toLocaleString("en")} review rows)`,
      unit: "ms",
      value: ours.ms,
      baseline: baseline ? { name: "every criterion scans the whole column", value: baseline.ms } : undefined,
      note: `review write: ${ours.writeSyncs} syncs at this size`,
    });
  }
  return out;
}

const section: BenchSection = {
  title: "team indicators",
  run: async () => [...(await libreOfficeFigures()), ...(await simFigures())],
};
export default section;
