/**
 * Team weights (issue 15, docs/architecture.md §3 "Team weights"), measured two ways.
 *
 * LibreOffice (the figures that count): team scorecards of 50 agreements × 10 criteria whose K
 * reviewers (20, 100, 200) each saved weights of their own through the product's operations
 * (saveMyWeights), with the team weights on (mean, importance), exported without cached results
 * and recalculated in full (bench/libreoffice_recalc.py, as team.bench.ts). Every normalized team
 * weight LibreOffice computes must equal the model's (groupWeights), or the bench fails. The
 * baseline is the same workbook with the straightforward formulas: each reviewer's cells by SUMIFS
 * criteria on the name (which read "*", "?", "~" and a leading "=" in a name as patterns, the
 * reason the add-in compares with "=" inside SUMPRODUCT instead).
 *
 * excel-sim: one reviewer's save with the team weights on (rows, block and Weight column): syncs
 * and the largest request, which must stay far under Excel on the web's 5 MB.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createWorkbook } from "../src/excel-sim";
import { exportXlsx } from "../src/excel-sim/export";
import { groupWeights } from "../src/scoring";
import {
  columnLetter,
  createScorecard,
  type ExcelRun,
  readScorecard,
  saveMyWeights,
  type ScorecardConfig,
  setTeamWeights,
  switchToTeam,
} from "../src/workbook";
import type { BenchFigure, BenchSection } from "./harness";
import { median, recalculate, type Recalc } from "./team.bench";

const CRITERIA = 10;
const config: ScorecardConfig = {
  criteria: Array.from({ length: CRITERIA }, (_, k) => ({
    id: `c${k + 1}x`,
    name: `Criterion ${k + 1}`,
    definition: "",
    weight: 1,
  })),
  scale: { min: 1, max: 5 },
  missingPolicy: "exclude",
};
const ids = config.criteria.map((c) => c.id);
const PANELS = [20, 100, 200];
const BLOCK_COLUMN = 9;
const TABLE = "ScorecardReviewerWeights";
const weightOf = (r: number, k: number) => 1 + ((r * 7 + k * 3) % 11);
const importanceOf = (r: number) => 1 + (r % 3);

async function teamWeightsWorkbook(reviewers: number) {
  const sim = createWorkbook();
  const run: ExcelRun = (batch) => sim.run(batch);
  const agreements = Array.from({ length: 50 }, (_, i) => ({
    id: `A-${i + 1}`,
    name: `Agreement ${i + 1}`,
    type: "",
    parties: "",
    signed: null,
    notes: "",
    scores: Object.fromEntries(ids.map((id, k) => [id, 1 + ((i + k) % 5)])),
  }));
  const { location } = await createScorecard(run, { config, agreements });
  const read = () => readScorecard(run, location);
  await switchToTeam(run, await read(), { reviewer: "R1" });
  for (let r = 0; r < reviewers; r++)
    await saveMyWeights(run, await read(), `R${r + 1}`, {
      method: "direct",
      weights: Object.fromEntries(ids.map((id, k) => [id, weightOf(r, k)])),
    });
  const importance = Object.fromEntries(
    Array.from({ length: reviewers }, (_, r) => [`r${r + 1}`, importanceOf(r)]),
  );
  await setTeamWeights(run, await read(), { method: "mean", importance }, { author: "R1" });
  // One more save with the team weights on: what a reviewer's save costs at this size.
  const before = await read();
  sim.resetStats();
  await saveMyWeights(run, before, "R1", {
    method: "direct",
    weights: Object.fromEntries(ids.map((id, k) => [id, weightOf(0, k) + 1])),
  });
  const save = { syncs: sim.stats.syncs, maxRequest: sim.stats.maxPayloadBytes };
  return { sim, run, save };
}

/** The baseline's reviewer cells: SUMIFS with the name as a criterion. */
async function withSumifs(sim: ReturnType<typeof createWorkbook>, reviewers: number) {
  const col = (k: number) => columnLetter(BLOCK_COLUMN + k);
  const total = CRITERIA + 3;
  await sim.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Weights");
    for (let j = 0; j < reviewers; j++) {
      const x = col(2 + j);
      const cells = ids.map((_, k) => [
        `=IF(${x}$${total}>0,SUMIFS(${TABLE}[Weight],${TABLE}[Reviewer],${x}$1,${TABLE}[Criterion ID],$${col(0)}${k + 2})/${x}$${total},"")`,
      ]);
      sheet.getRange(`${x}2:${x}${CRITERIA + 1}`).formulas = cells;
      sheet.getRange(`${x}${total}`).formulas = [[`=SUMIFS(${TABLE}[Weight],${TABLE}[Reviewer],${x}$1)`]];
    }
    await context.sync();
  });
}

function checkTeam(recalc: Recalc, reviewers: number) {
  const raw = Array.from({ length: reviewers }, (_, r) =>
    ids.map((_, k) => weightOf(r, k) + (r === 0 ? 1 : 0)),
  );
  const team = groupWeights(raw, { importance: raw.map((_, r) => importanceOf(r)) });
  team.forEach((t, k) => {
    const shown = recalc.values[k + 1]?.[4];
    if (typeof shown !== "number" || Math.abs(shown - t) > 1e-9)
      throw new Error(`team weights bench: LibreOffice gave ${ids[k]} ${String(shown)}, the model ${t}`);
  });
}

async function figures(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "as-team-weights-bench-"));
  try {
    const jobs: { file: string; runs: number; read?: { sheet: string; range: string } }[] = [];
    const saves: { syncs: number; maxRequest: number }[] = [];
    for (const reviewers of PANELS) {
      const { sim, save } = await teamWeightsWorkbook(reviewers);
      saves.push(save);
      const ours = path.join(dir, `ours-${reviewers}.xlsx`);
      writeFileSync(ours, await exportXlsx(sim, { formulaResults: false }));
      jobs.push({ file: ours, runs: 3, read: { sheet: "Weights", range: `A1:E${CRITERIA + 1}` } });
      await withSumifs(sim, reviewers);
      const baseline = path.join(dir, `sumifs-${reviewers}.xlsx`);
      writeFileSync(baseline, await exportXlsx(sim, { formulaResults: false }));
      jobs.push({ file: baseline, runs: 3 });
    }
    const load = os.loadavg()[0];
    const results = recalculate(jobs, dir);
    const note = `load average ${load.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} cores`;
    const out: BenchFigure[] = [];
    PANELS.forEach((reviewers, i) => {
      checkTeam(results[2 * i], reviewers);
      out.push({
        name: `LibreOffice full recalculation, team weights of ${reviewers} reviewers × ${CRITERIA} criteria (${(reviewers * CRITERIA).toLocaleString("en")} rows), 50 agreements`,
        unit: "ms",
        value: median(results[2 * i].seconds) * 1000,
        baseline: { name: "SUMIFS on the reviewer's name", value: median(results[2 * i + 1].seconds) * 1000 },
        note: `${note}; every team weight equals the model's`,
      });
    });
    PANELS.forEach((reviewers, i) =>
      out.push({
        name: `one reviewer's save with the team weights on, ${reviewers} reviewers × ${CRITERIA} criteria: largest request`,
        unit: "bytes",
        value: saves[i].maxRequest,
        target: 5 * 1024 * 1024,
        note: `${saves[i].syncs} syncs`,
      }),
    );
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const section: BenchSection = { title: "team weights", run: figures };
export default section;
