/**
 * Team scoring on excel-sim (DESIGN.md §2 "Several reviewers"): what one reviewer's score costs —
 * written to the Reviews sheet, then the whole scorecard read back with the consensus formulas
 * recalculated — as the team and the scorecard grow. The baseline is the same workbook on an
 * engine that scans every review row for each COUNTIFS/AVERAGEIFS criterion (the column index off),
 * which is what the formulas ask of a spreadsheet engine without such an index.
 */
import { DEFAULT_CRITERIA } from "../src/scoring";
import { createWorkbook } from "../src/excel-sim";
import { createScorecard } from "../src/workbook/create";
import type { ScorecardConfig } from "../src/workbook/layout";
import type { AgreementRecord } from "../src/workbook/model";
import { readScorecard } from "../src/workbook/read";
import { writeReviews } from "../src/workbook/reviews";
import type { ExcelRun } from "../src/workbook/run";
import { switchToTeam } from "../src/workbook/team";
import type { BenchFigure, BenchSection } from "./harness";

const config: ScorecardConfig = {
  criteria: DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name, definition: c.definition, weight: 1 })),
  scale: { min: 1, max: 5 },
  missingPolicy: "exclude",
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const score = (i: number, k: number, r: number) => 1 + ((i * (r + 1) + k) % 9) / 2;

/** A team scorecard of n agreements with every cell scored by each of `reviewers`. */
async function teamWorkbook(n: number, reviewers: number, criteriaIndex: boolean) {
  const sim = createWorkbook({ criteriaIndex });
  const run: ExcelRun = (batch) => sim.run(batch);
  const agreements: AgreementRecord[] = Array.from({ length: n }, (_, i) => ({
    id: `A-${i + 1}`,
    name: `Agreement ${i + 1}`,
    type: "",
    parties: "",
    signed: null,
    notes: "",
    scores: Object.fromEntries(config.criteria.map((c, k) => [c.id, score(i, k, 0)])),
  }));
  const { location } = await createScorecard(run, { config, agreements });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "R1" });
  for (let r = 1; r < reviewers; r++) {
    const data = await readScorecard(run, location);
    await writeReviews(
      run,
      data,
      `R${r + 1}`,
      agreements.flatMap((a, i) =>
        config.criteria.map((c, k) => ({
          agreementId: a.id,
          criterionId: c.id,
          score: score(i, k, r),
          rationale: "",
        })),
      ),
    );
  }
  return { sim, run, data: await readScorecard(run, location) };
}

/** One reviewer changes one score; the scorecard is read back (recalculated). */
async function oneReview(n: number, reviewers: number, criteriaIndex: boolean) {
  const { sim, run, data } = await teamWorkbook(n, reviewers, criteriaIndex);
  sim.resetStats();
  const start = now();
  await writeReviews(run, data, "R2", [
    { agreementId: "A-1", criterionId: config.criteria[0].id, score: 5, rationale: "changed" },
  ]);
  const writeSyncs = sim.stats.syncs;
  const after = await readScorecard(run, data.location);
  const ms = now() - start;
  if (after.issues.length > 0) throw new Error(`team bench: ${after.issues[0].message}`);
  return { ms, writeSyncs, rows: after.reviews.length };
}

async function figures(): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  for (const [n, reviewers] of [
    [50, 5],
    [50, 20],
    [200, 20],
  ] as const) {
    const ours = await oneReview(n, reviewers, true);
    // The scanning baseline takes minutes at 16,000 review rows: measured up to 4,000.
    const baseline = ours.rows <= 4000 ? await oneReview(n, reviewers, false) : null;
    out.push({
      name: `one review + read back, ${n} agreements × ${reviewers} reviewers (${ours.rows.toLocaleString("en")} review rows)`,
      unit: "ms",
      value: ours.ms,
      baseline: baseline ? { name: "every criterion scans the whole column", value: baseline.ms } : undefined,
      note: `review write: ${ours.writeSyncs} syncs (look, write) at any size`,
    });
  }
  return out;
}

const section: BenchSection = { title: "team", run: figures };
export default section;
