/**
 * Scoring model benchmarks (docs/architecture.md §2): weighted scores + ranks of a large scorecard, and the
 * SMAA runs the reviewer starts from the pane (the Sensitivity tab's SMAA-2, the Weights tab's SMAA
 * over the panel's views). Each is timed beside the straightforward way to do the same thing, on the
 * same data, in the same process.
 */
import type { BenchFigure, BenchSection } from "./harness";
import { time } from "./harness";
import { groupWeights } from "../src/scoring/groupWeights";
import { panelSmaa } from "../src/scoring/panelSmaa";
import { createRandom } from "../src/scoring/random";
import type { Random } from "../src/scoring/random";
import { scoreAgreements } from "../src/scoring/score";
import { smaa } from "../src/scoring/smaa";
import type { ScoreInput } from "../src/scoring/types";

const SEED = 20_240_601;

function scorecard(random: Random, agreements: number, criteria: number): ScoreInput {
  const ids = Array.from({ length: criteria }, (_, j) => `criterion_${j}`);
  return {
    criteria: ids.map((id) => ({ id, weight: 1 + random.nextInt(10) })),
    scale: { min: 1, max: 5 },
    agreements: Array.from({ length: agreements }, (_, a) => ({
      id: `A${a}`,
      // One decimal, as analysts enter them: ties between agreements do occur.
      scores: Object.fromEntries(ids.map((id) => [id, Math.round(10 + 40 * random.nextDouble()) / 10])),
    })),
  };
}

/** The obvious version: Object.entries + reduce per agreement, then a full sort and indexOf per rank. */
function naiveScoreAndRank(input: ScoreInput): number[] {
  const total = input.criteria.reduce((sum, c) => sum + c.weight, 0);
  const weightById: Record<string, number> = Object.fromEntries(
    input.criteria.map((c) => [c.id, c.weight / total]),
  );
  const { min, max } = input.scale;
  const scores = input.agreements.map((agreement) => {
    const raw = Object.entries(agreement.scores).reduce(
      (sum, [id, score]) => sum + (weightById[id] * ((score as number) - min)) / (max - min),
      0,
    );
    return Math.round(raw * 100 * 1e10) / 1e10;
  });
  const sorted = [...scores].sort((a, b) => b - a);
  return scores.map((score) => sorted.indexOf(score) + 1);
}

function scoringFigure(): BenchFigure {
  const input = scorecard(createRandom(SEED), 10_000, 10);
  const ours = scoreAgreements(input).map((result) => result.rank);
  const naive = naiveScoreAndRank(input);
  const disagreements = ours.filter((rank, a) => rank !== naive[a]).length;
  if (disagreements > 0)
    throw new Error(`scoreAgreements and the baseline disagree on ${disagreements} ranks`);
  return {
    name: "score + rank 10,000 agreements × 10 criteria",
    unit: "ms",
    value: time(() => scoreAgreements(input), { warmup: 5, runs: 21 }).median,
    baseline: {
      name: "Object.entries + reduce per agreement, full sort + indexOf per rank (no validation)",
      value: time(() => naiveScoreAndRank(input), { warmup: 2, runs: 7 }).median,
    },
    target: 20,
    note: "ours also validates every score and criterion id; both give the same ranks on this data",
  };
}

interface NaiveSmaaResult {
  rankAcceptability: number[][];
  confidence: number[];
}

/**
 * The obvious SMAA-2: per draw, fresh arrays for the weights and (with spread) the scores, an array of
 * {index, utility} objects sorted with a comparator, and a second pass for the confidence factors.
 * Ties are not shared (they have probability 0 on this data). Uses the same random stream as smaa().
 * With `panel` (reviewers' weights, each summing to 1, counting equally) each draw is a blend of
 * them, mixing proportions ~ Dirichlet(1, …, 1) as panelSmaa draws them, built as a new array.
 */
function naiveSmaa(
  scores: number[][],
  samples: number,
  seed: number,
  spread?: number[][],
  panel?: number[][],
): NaiveSmaaResult {
  const random = createRandom(seed);
  const m = scores.length;
  const n = scores[0].length;
  const drawWeights = (): number[] => {
    if (panel === undefined) return Array.from(random.uniformSimplex(n));
    const lambda = Array.from(random.dirichlet(panel.map(() => 1)));
    return scores[0].map((_, j) => panel.reduce((w, reviewer, k) => w + lambda[k] * reviewer[j], 0));
  };
  const drawScores = (): number[][] =>
    spread === undefined
      ? scores
      : scores.map((row, i) =>
          row.map((x, j) => Math.min(1, Math.max(0, x + spread[i][j] * random.normal()))),
        );
  const counts = scores.map(() => new Array<number>(m).fill(0));
  const weightSums = scores.map(() => new Array<number>(n).fill(0));
  for (let s = 0; s < samples; s++) {
    const weights = drawWeights();
    const drawn = drawScores();
    const ranked = drawn
      .map((row, index) => ({ index, utility: row.reduce((u, x, j) => u + weights[j] * x, 0) }))
      .sort((a, b) => b.utility - a.utility);
    ranked.forEach(({ index }, rank) => counts[index][rank]++);
    weightSums[ranked[0].index].forEach((_, j, sums) => (sums[j] += weights[j]));
  }
  const central = weightSums.map((sums, i) => sums.map((w) => w / counts[i][0]));
  const passes = spread === undefined ? 1 : samples;
  const firsts = new Array<number>(m).fill(0);
  for (let s = 0; s < passes; s++) {
    const drawn = drawScores();
    for (let i = 0; i < m; i++) {
      if (counts[i][0] === 0) continue;
      const utilities = drawn.map((row) => row.reduce((u, x, j) => u + central[i][j] * x, 0));
      if (utilities[i] === Math.max(...utilities)) firsts[i]++;
    }
  }
  return {
    rankAcceptability: counts.map((row) => row.map((count) => count / samples)),
    confidence: firsts.map((count) => count / passes),
  };
}

function randomScores(random: Random, m: number, n: number): number[][] {
  return Array.from({ length: m }, () => Array.from({ length: n }, () => random.nextDouble()));
}

function smaaFigure(): BenchFigure {
  const scores = randomScores(createRandom(SEED + 1), 500, 4);
  const samples = 10_000;
  const naiveSamples = 1_000;
  // Same stream, same draws: the two must agree exactly on a short run (no ties on random data).
  const check = smaa({ scores, samples: naiveSamples, seed: SEED });
  const naiveCheck = naiveSmaa(scores, naiveSamples, SEED);
  if (JSON.stringify(check.rankAcceptability) !== JSON.stringify(naiveCheck.rankAcceptability)) {
    throw new Error("smaa and the naive baseline disagree on the rank acceptabilities");
  }
  const naive = time(() => naiveSmaa(scores, naiveSamples, SEED), { warmup: 1, runs: 5 }).median;
  return {
    name: "SMAA-2 10,000 draws × 500 agreements × 4 criteria",
    unit: "ms",
    value: time(() => smaa({ scores, samples, seed: SEED }), { warmup: 2, runs: 7 }).median,
    baseline: {
      name: "per draw: new arrays, {index, utility} objects sorted with a comparator",
      value: (naive * samples) / naiveSamples,
      note: `baseline timed at ${naiveSamples.toLocaleString("en")} draws and extrapolated ×${samples / naiveSamples}`,
    },
    target: 1000,
  };
}

/**
 * SMAA-2 with score spread on the first `disputed` agreements (every criterion). All 500 is the worst
 * case; a tenth is closer to a real scorecard, where reviewers disagree on a few agreements.
 */
function smaaSpreadFigure(disputed: number): BenchFigure {
  const random = createRandom(SEED + 2);
  const scores = randomScores(random, 500, 4);
  const spread = scores.map((row, i) => row.map(() => (i < disputed ? 0.05 : 0)));
  const samples = 10_000;
  const naiveSamples = 500;
  const naive = time(() => naiveSmaa(scores, naiveSamples, SEED, spread), { warmup: 1, runs: 3 }).median;
  const contenders = smaa({ scores, samples, seed: SEED, scoreSpread: spread }).confidence.filter(
    (c) => c > 0,
  ).length;
  return {
    name: `SMAA-2 as above + score spread on ${disputed} of 500 agreements`,
    unit: "ms",
    value: time(() => smaa({ scores, samples, seed: SEED, scoreSpread: spread }), { warmup: 1, runs: 3 })
      .median,
    baseline: {
      name: "as the naive SMAA-2 above, with a new score matrix of clipped normals per draw",
      value: (naive * samples) / naiveSamples,
      note: `baseline timed at ${naiveSamples.toLocaleString("en")} draws (both passes) and extrapolated ×${samples / naiveSamples}`,
    },
    note:
      `${(4 * disputed).toLocaleString("en")} normal variates per sample in each pass; the confidence pass checks ${contenders} agreements ` +
      `(those ever first) against the ${disputed} varying ones per draw. No target was set for this case.`,
  };
}

/**
 * The Weights tab's run (issue 15): 5 reviewers' weights (whole points, as the points method gives
 * them), blended in every draw; panelSmaa also ranks under the team's and each reviewer's weights and
 * bounds every rank (O(agreements² × reviewers)), which the baseline leaves out.
 */
function panelSmaaFigure(): BenchFigure {
  const random = createRandom(SEED + 3);
  const scores = randomScores(random, 500, 4);
  const points = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => 1 + random.nextInt(40)));
  const reviewers = points.map((w) => {
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  });
  const team = groupWeights(reviewers);
  const samples = 10_000;
  const naiveSamples = 1_000;
  const run = (count: number) => panelSmaa({ scores, reviewers: points, team, samples: count, seed: SEED });
  const check = run(naiveSamples).smaa.rankAcceptability;
  const naiveCheck = naiveSmaa(scores, naiveSamples, SEED, undefined, reviewers).rankAcceptability;
  if (JSON.stringify(check) !== JSON.stringify(naiveCheck)) {
    throw new Error("panelSmaa and the naive baseline disagree on the rank acceptabilities");
  }
  const naive = time(() => naiveSmaa(scores, naiveSamples, SEED, undefined, reviewers), {
    warmup: 1,
    runs: 5,
  }).median;
  const holding = run(samples).ranks.filter((r) => r.holds).length;
  return {
    name: "panel SMAA 10,000 draws × 500 agreements × 4 criteria × 5 reviewers",
    unit: "ms",
    value: time(() => run(samples), { warmup: 2, runs: 7 }).median,
    baseline: {
      name: "as the naive SMAA-2 above, each draw a blend built in new arrays",
      value: (naive * samples) / naiveSamples,
      note: `baseline timed at ${naiveSamples.toLocaleString("en")} draws and extrapolated ×${samples / naiveSamples}`,
    },
    note:
      `runs in the SMAA worker (Weights tab), so the pane does not wait on it; ${holding} of 500 ranks hold ` +
      `across this panel's views. No target was set for this case.`,
  };
}

const section: BenchSection = {
  title: "scoring",
  run: () => [scoringFigure(), smaaFigure(), smaaSpreadFigure(50), smaaSpreadFigure(500), panelSmaaFigure()],
};

export default section;
