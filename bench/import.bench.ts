/**
 * Reviews gathered outside Excel (src/workbook/team/reviewsCsv.ts, reviewImport.ts), as the panel grows:
 * - checking and planning a reviews CSV against a team scorecard that already holds as many
 *   reviews, beside the straightforward plan that looks each row's agreement, earlier review and
 *   duplicates up by scanning lists (what a first version would do);
 * - writing the plan into the team scorecard on excel-sim (reviewer by reviewer, two syncs a batch),
 *   beside writing each review on its own, as a loop over the pane's save would.
 */
import { createWorkbook } from "../src/excel-sim";
import { DEFAULT_CRITERIA } from "../src/scoring";
import {
  createScorecard,
  type ExcelRun,
  type ExistingReview,
  importReviews,
  type ParsedReviewsCsv,
  parseReviewsCsv,
  planReviewImport,
  readScorecard,
  type ReviewTarget,
  type ScorecardConfig,
  switchToTeam,
  writeReviews,
} from "../src/workbook";
import { time, type BenchFigure, type BenchSection } from "./harness";

const config: ScorecardConfig = {
  criteria: DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name, definition: c.definition, weight: 1 })),
  scale: { min: 1, max: 5 },
  missingPolicy: "exclude",
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const score = (i: number, k: number, r: number) => 1 + ((i * (r + 1) + k) % 9) / 2;

const agreementIds = (n: number) => Array.from({ length: n }, (_, i) => `A-${i + 1}`);

/** A reviews CSV: every agreement × criterion scored by each of `reviewers` (named from `first`). */
function reviewsCsv(n: number, reviewers: number, first = 0): string {
  const lines = ["Reviewer,Agreement ID,Criterion,Score,Rationale,Time"];
  for (let r = first; r < first + reviewers; r++)
    agreementIds(n).forEach((id, i) =>
      config.criteria.forEach((c, k) =>
        lines.push(`R${r + 1},${id},${c.name},${score(i, k, r)},Seen in the ${k}th review,2024-05-01`),
      ),
    );
  return lines.join("\n");
}

/** A scorecard of n agreements holding `reviewers` reviewers' reviews (R1 … Rk), as read. */
function heldTarget(n: number, reviewers: number): ReviewTarget {
  const reviews: ExistingReview[] = [];
  for (let r = 0; r < reviewers; r++)
    agreementIds(n).forEach((id, i) =>
      config.criteria.forEach((c, k) =>
        reviews.push({
          reviewer: `R${r + 1}`,
          agreementId: id,
          criterionId: c.id,
          score: score(i, k, r + 1),
          rationale: "",
        }),
      ),
    );
  return { agreements: agreementIds(n).map((id) => ({ id })), config, reviews };
}

/**
 * The straightforward plan: each row's agreement, criterion and earlier review found by scanning,
 * duplicates by scanning the rows seen so far. Same result for good rows; O(rows × reviews).
 */
function scanningPlan(parsed: ParsedReviewsCsv, target: ReviewTarget) {
  const seen: { reviewer: string; agreementId: string; criterionId: string }[] = [];
  const out = { added: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const row of parsed.rows) {
    const agreement = target.agreements.find((a) => a.id.toLowerCase() === row.agreement.toLowerCase());
    const criterion = target.config.criteria.find(
      (c) => c.id === row.criterion || c.name.toLowerCase() === row.criterion.toLowerCase(),
    );
    const value = Number(row.score);
    if (!agreement || !criterion || !(value >= 1 && value <= 5)) {
      out.refused++;
      continue;
    }
    const key = {
      reviewer: row.reviewer.toLowerCase(),
      agreementId: agreement.id,
      criterionId: criterion.id,
    };
    if (
      seen.some(
        (s) =>
          s.reviewer === key.reviewer &&
          s.agreementId === key.agreementId &&
          s.criterionId === key.criterionId,
      )
    )
      out.refused++;
    seen.push(key);
    const before = target.reviews.find(
      (r) =>
        r.reviewer.toLowerCase() === key.reviewer &&
        r.agreementId === agreement.id &&
        r.criterionId === criterion.id,
    );
    if (!before) out.added++;
    else if (before.score === value) out.unchanged++;
    else out.updated++;
  }
  return out;
}

function planFigure(n: number, reviewers: number, withBaseline: boolean): BenchFigure {
  const csv = reviewsCsv(n, reviewers);
  const target = heldTarget(n, reviewers);
  const ours = time(() => planReviewImport(parseReviewsCsv(csv), target), { warmup: 1, runs: 5 });
  const plan = planReviewImport(parseReviewsCsv(csv), target);
  if (plan.refused.length > 0 || plan.updated.length + plan.unchanged.length !== n * reviewers * 4)
    throw new Error(`import bench: unexpected plan (${plan.refused[0]?.message ?? "counts"})`);
  const rows = n * reviewers * config.criteria.length;
  let baseline: BenchFigure["baseline"];
  if (withBaseline) {
    const parsed = parseReviewsCsv(csv);
    const scan = time(() => scanningPlan(parsed, target), { warmup: 0, runs: 3 });
    baseline = { name: "scanning lists per row (parse not counted)", value: scan.median };
  }
  return {
    name: `parse + plan ${rows.toLocaleString("en")} review rows against as many held (${n} agreements × ${reviewers} reviewers)`,
    unit: "ms",
    value: ours.median,
    baseline,
  };
}

/**
 * A new team scorecard of n agreements, none scored yet: what the command line builds before it
 * writes a reviews file (switched to team scoring by "command line").
 */
async function newTeam(n: number) {
  const sim = createWorkbook();
  const run: ExcelRun = (batch) => sim.run(batch);
  const { location } = await createScorecard(run, {
    config,
    agreements: agreementIds(n).map((id) => ({
      id,
      name: id,
      type: "",
      parties: "",
      signed: null,
      notes: "",
      scores: {},
    })),
  });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "command line" });
  return { sim, run, data: await readScorecard(run, location) };
}

async function writeFigure(n: number, reviewers: number, withBaseline: boolean): Promise<BenchFigure> {
  const csv = reviewsCsv(n, reviewers);
  const ours = await newTeam(n);
  const plan = planReviewImport(parseReviewsCsv(csv), ours.data);
  ours.sim.resetStats();
  let start = now();
  const written = await importReviews(ours.run, ours.data, plan);
  const ms = now() - start;
  const syncs = ours.sim.stats.syncs;
  const maxPayload = ours.sim.stats.maxPayloadBytes;
  let baseline: BenchFigure["baseline"];
  if (withBaseline) {
    // One review at a time, each with the scorecard read again first, as the pane's Save would.
    const naive = await newTeam(n);
    start = now();
    for (const r of planReviewImport(parseReviewsCsv(csv), naive.data).added) {
      const edit = {
        agreementId: r.agreementId,
        criterionId: r.criterionId,
        score: r.score,
        rationale: r.rationale,
      };
      await writeReviews(naive.run, await readScorecard(naive.run, naive.data.location), r.reviewer, [edit]);
    }
    baseline = { name: "each review written on its own, after a read", value: now() - start };
  }
  return {
    name: `write ${written.reviews.toLocaleString("en")} imported reviews (${n} agreements × ${reviewers} reviewers) on excel-sim`,
    unit: "ms",
    value: ms,
    baseline,
    note:
      `${syncs} syncs (two per reviewer batch), largest request ${(maxPayload / 2 ** 20).toFixed(2)} MB; ` +
      "most of the time is excel-sim computing the Reviews table's Order formulas, read again for each reviewer",
  };
}

async function figures(): Promise<BenchFigure[]> {
  return [
    planFigure(200, 20, true),
    planFigure(500, 20, false),
    // The one-by-one baseline takes minutes from 1,000 reviews: compared at 400.
    await writeFigure(25, 4, true),
    await writeFigure(200, 20, false),
  ];
}

const section: BenchSection = { title: "import", run: figures };
export default section;
