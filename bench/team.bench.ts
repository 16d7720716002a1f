/**
 * Team scoring (docs/architecture.md §2 "Several reviewers"), measured two ways.
 *
 * LibreOffice (the figures that count, docs/architecture.md §7): team workbooks written by the product's own
 * operations (createScorecard, switchToTeam, one writeReviews per reviewer) are exported without
 * cached results and recalculated in full by headless LibreOffice through its UNO bridge
 * (bench/libreoffice_recalc.py: loaded without recalculation, then calculateAll timed). Beside each,
 * the same reviews in today's baseline, the schema-3 layout (bench/legacyTeam.ts), recalculated in
 * the same run. The 40,000-review workbook must also score: every Weighted score read back from
 * LibreOffice equals the model's.
 *
 * excel-sim: what one reviewer's score costs — written to the Reviews sheet, then the whole
 * scorecard read back with the consensus formulas recalculated — beside an engine that scans
 * every review row for each COUNTIFS/AVERAGEIFS criterion (the column index off).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { consensusTable, DEFAULT_CRITERIA, scoreAgreements } from "../src/scoring";
import { createWorkbook, type SimWorkbook } from "../src/excel-sim";
import { exportXlsx } from "../src/excel-sim/export";
import {
  type AgreementRecord,
  createScorecard,
  type ExcelRun,
  readScorecard,
  type ScorecardConfig,
  type ScorecardData,
  switchToTeam,
  writeReviews,
} from "../src/workbook";
import type { BenchFigure, BenchSection } from "./harness";
import { legacyTeamWorkbook, type LegacyReview } from "./legacyTeam";

const config: ScorecardConfig = {
  criteria: DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name, definition: c.definition, weight: 1 })),
  scale: { min: 1, max: 5 },
  missingPolicy: "exclude",
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const score = (i: number, k: number, r: number) => 1 + ((i * (r + 1) + k) % 9) / 2;
const SIZES = [
  [50, 5],
  [50, 20],
  [200, 20],
  [500, 20],
] as const;

function agreementsOf(n: number): AgreementRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `A-${i + 1}`,
    name: `Agreement ${i + 1}`,
    type: "",
    parties: "",
    signed: null,
    notes: "",
    scores: Object.fromEntries(config.criteria.map((c, k) => [c.id, score(i, k, 0)])),
  }));
}

/** Every reviewer's review of every agreement × criterion; reviewer R1's are the grid's scores. */
function reviewsOf(agreements: readonly AgreementRecord[], reviewers: number): LegacyReview[] {
  return Array.from({ length: reviewers }, (_, r) =>
    agreements.flatMap((a, i) =>
      config.criteria.map((c, k) => ({
        reviewer: `R${r + 1}`,
        agreementId: a.id,
        criterionId: c.id,
        score: score(i, k, r),
      })),
    ),
  ).flat();
}

/** A team scorecard of n agreements with every cell scored by each of `reviewers`, through the product's operations. */
async function teamWorkbook(n: number, reviewers: number, criteriaIndex = true) {
  const sim = createWorkbook({ criteriaIndex });
  const run: ExcelRun = (batch) => sim.run(batch);
  const agreements = agreementsOf(n);
  const { location } = await createScorecard(run, { config, agreements });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "R1" });
  const all = reviewsOf(agreements, reviewers);
  for (let r = 1; r < reviewers; r++) {
    const data = await readScorecard(run, location);
    const mine = all.filter((x) => x.reviewer === `R${r + 1}`);
    await writeReviews(
      run,
      data,
      `R${r + 1}`,
      mine.map((x) => ({ ...x, rationale: "" })),
    );
  }
  return { sim, run, data: await readScorecard(run, location) };
}

/** The same reviews in the schema-3 layout: today's baseline. */
async function legacyWorkbook(n: number, reviewers: number) {
  const sim = createWorkbook();
  const run: ExcelRun = (batch) => sim.run(batch);
  const agreements = agreementsOf(n);
  const { location } = await createScorecard(run, { config, agreements });
  const data = await readScorecard(run, location);
  await legacyTeamWorkbook(sim, data, reviewsOf(agreements, reviewers), "mean", 1);
  return sim;
}

/** One reviewer changes one score; the scorecard is read back (recalculated). */
async function oneReview(n: number, reviewers: number, criteriaIndex: boolean) {
  return timeOneReview(await teamWorkbook(n, reviewers, criteriaIndex), config.criteria[0].id);
}

/** R2 changes their score of agreement A-1's `criterionId` (a criterion or an indicator); the scorecard is read back. */
export async function timeOneReview(
  { sim, run, data }: { sim: SimWorkbook; run: ExcelRun; data: ScorecardData },
  criterionId: string,
) {
  sim.resetStats();
  const start = now();
  await writeReviews(run, data, "R2", [{ agreementId: "A-1", criterionId, score: 5, rationale: "changed" }]);
  const writeSyncs = sim.stats.syncs;
  const after = await readScorecard(run, data.location);
  const ms = now() - start;
  if (after.issues.length > 0) throw new Error(`team bench: ${after.issues[0].message}`);
  return { ms, writeSyncs, rows: after.reviews.length };
}

async function simFigures(): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  for (const [n, reviewers] of SIZES.slice(0, 3)) {
    const ours = await oneReview(n, reviewers, true);
    // The scanning baseline takes minutes at 16,000 review rows: measured up to 4,000.
    const baseline = ours.rows <= 4000 ? await oneReview(n, reviewers, false) : null;
    out.push({
      name: `one review + read back on excel-sim, ${n} × ${reviewers} (${ours.rows.toLocaleString("en")} review rows)`,
      unit: "ms",
      value: ours.ms,
      baseline: baseline ? { name: "every criterion scans the whole column", value: baseline.ms } : undefined,
      note: `review write: ${ours.writeSyncs} syncs (look, write) at this size`,
    });
  }
  return out;
}

export interface Recalc {
  file: string;
  seconds: number[];
  values: (string | number)[][];
}

/** Runs libreoffice_recalc.py on the jobs; LibreOffice's Python bridge is required. */
export function recalculate(
  jobs: { file: string; runs: number; read?: { sheet: string; range: string } }[],
  dir: string,
) {
  const jobsFile = path.join(dir, "jobs.json");
  writeFileSync(jobsFile, JSON.stringify({ jobs }));
  const script = path.join(__dirname, "libreoffice_recalc.py");
  const r = spawnSync("/usr/bin/python3", [script, jobsFile], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 3_600_000,
  });
  if (r.error || r.status !== 0)
    throw new Error(
      `team bench: LibreOffice recalculation failed (${r.error?.message ?? `exit ${r.status}`}); it needs soffice and python3-uno. ${r.stderr}`,
    );
  return (JSON.parse(r.stdout) as { jobs: Recalc[] }).jobs;
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The model's weighted score of each agreement, from every reviewer's scores (mean consensus). */
function modelScores(n: number, reviewers: number) {
  const cells = consensusTable(
    reviewsOf(agreementsOf(n), reviewers).map((r) => ({ ...r })),
    "mean",
    config.scale,
  );
  const value = (id: string, c: string) =>
    cells.find((x) => x.agreementId === id && x.criterionId === c)?.value ?? null;
  return scoreAgreements({
    criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: config.scale,
    agreements: agreementsOf(n).map((a) => ({
      id: a.id,
      scores: Object.fromEntries(config.criteria.map((c) => [c.id, value(a.id, c.id)])),
    })),
    missing: config.missingPolicy,
  });
}

/** Every Weighted score LibreOffice computed equals the model's, or the bench fails. */
function checkScored(recalc: Recalc, n: number, reviewers: number, scoreColumn: number) {
  const model = modelScores(n, reviewers);
  model.forEach((m, i) => {
    const shown = recalc.values[i + 1]?.[scoreColumn];
    if (typeof shown !== "number" || m.score === null || Math.abs(shown - m.score) > 1e-9)
      throw new Error(`team bench: LibreOffice scored ${model[i].id} ${String(shown)}, the model ${m.score}`);
  });
}

async function libreOfficeFigures(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "as-team-bench-"));
  try {
    const jobs: { file: string; runs: number; read?: { sheet: string; range: string } }[] = [];
    let scoreColumn = 0;
    for (const [n, reviewers] of SIZES) {
      const { sim, data } = await teamWorkbook(n, reviewers);
      scoreColumn = data.columns.score.charCodeAt(0) - 65;
      const ours = path.join(dir, `team-${n}x${reviewers}.xlsx`);
      writeFileSync(ours, await exportXlsx(sim, { formulaResults: false }));
      jobs.push({ file: ours, runs: 3, read: { sheet: "Scorecard", range: `A1:M${n + 1}` } });
      const legacy = path.join(dir, `legacy-${n}x${reviewers}.xlsx`);
      writeFileSync(legacy, await exportXlsx(await legacyWorkbook(n, reviewers), { formulaResults: false }));
      // Minutes a run at 16,000 rows and more: timed once.
      jobs.push({ file: legacy, runs: n * reviewers >= 800 ? 1 : 3 });
    }
    const load = os.loadavg()[0];
    const results = recalculate(jobs, dir);
    const loadAfter = os.loadavg()[0];
    const out: BenchFigure[] = [];
    const ms = (r: Recalc) => median(r.seconds) * 1000;
    const note = `load average ${load.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${os.cpus().length} cores`;
    SIZES.forEach(([n, reviewers], i) => {
      const [ours, legacy] = [results[2 * i], results[2 * i + 1]];
      checkScored(ours, n, reviewers, scoreColumn);
      const rows = n * reviewers * config.criteria.length;
      out.push({
        name: `LibreOffice full recalculation, ${n} agreements × ${reviewers} reviewers (${rows.toLocaleString("en")} review rows)`,
        unit: "ms",
        value: ms(ours),
        baseline: { name: "schema 3: an Order COUNTIFS per review row", value: ms(legacy) },
        target: rows === 16000 ? 3000 : undefined,
        note: `${note}; every Weighted score equals the model's`,
      });
    });
    out.push({
      name: "LibreOffice recalculation, 16,000 review rows ÷ 1,000",
      unit: "×",
      value: ms(results[4]) / ms(results[0]),
      baseline: { name: "schema 3 (O(n²))", value: ms(results[5]) / ms(results[1]) },
      target: 20,
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const section: BenchSection = {
  title: "team",
  run: async () => [...(await libreOfficeFigures()), ...(await simFigures())],
};
export default section;
