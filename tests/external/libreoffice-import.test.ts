/**
 * Independent recomputation (docs/architecture.md §7 layer 3) of a team scorecard written by the COMMAND LINE
 * from reviews gathered outside Excel: `npm run workbook -- agreements.csv --reviews reviews.csv
 * --consensus mean|median` is run as a child process, every cached formula result of the .xlsx it
 * writes is poisoned, and LibreOffice (headless, forced to recalculate on load) computes the
 * workbook. Its consensus in every Scorecard criterion cell, its discuss flags, and its weighted
 * scores and ranks must equal the scoring model's, computed here from the reviews as the file gives
 * them (consensusTable, then scoreAgreements) — never from formula text, so the check holds whatever
 * formulas compute the consensus.
 *
 * The agreement IDs trip COUNTIFS wildcards and operators ("A*" beside "A", "B?", "~C", "<2") and
 * number matching ("007" beside "7"); the file names criteria by name and by id, spells a reviewer
 * two ways, and has half points, wide and narrow disagreement, a range of exactly half the scale,
 * and cells nobody scored. One run is on the default 1–5 scale with the mean; the other on 0–10
 * with the median and renormalized missing scores.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import {
  consensusTable,
  DEFAULT_CRITERIA,
  scoreAgreements,
  type ConsensusCell,
  type ConsensusMethod,
  type MissingPolicy,
  type Review,
  type Scale,
} from "../../src/scoring";
import { cli } from "../cli/support";
import { indexDiscussFlags, libreOfficeWorkspace, POISON, sheetCsv } from "./support/libreoffice";

jest.setTimeout(300_000);

const IDS = ["A*", "A", "B?", "Bz", "~C", "C", "<2", "007", "7", "plain"];
const REVIEWERS = ["Ana", "Bea", "Cy", "Dan"];
const WEIGHTS = [3, 2, 1.5, 0.5];

interface Run {
  method: ConsensusMethod;
  scale: Scale;
  missing: MissingPolicy;
}
const RUNS: Run[] = [
  { method: "mean", scale: { min: 1, max: 5 }, missing: "exclude" },
  { method: "median", scale: { min: 0, max: 10 }, missing: "renormalize" },
];

/** A score on 1–5 in half points, or null (not scored), spread so that reviewers disagree unevenly. */
function baseScore(i: number, k: number, r: number): number | null {
  if (IDS[i] === "plain" && k === 2) return null; // a cell nobody scores
  if (IDS[i] === "C" && k === 0) return [1, 3, null, null][r]; // range exactly half the scale
  if (IDS[i] === "C" && k === 1) return [3, 4.5, null, null][r]; // SD 1.06 above 1, range below half
  if (IDS[i] === "A" && k === 3) return [4, 4.5, 4, 3.5][r]; // close agreement
  if ((i * 4 + k + r * 3) % 7 === 0) return null;
  return 1 + ((i * 3 + k * 5 + r * 7 + i * k * r) % 9) / 2;
}

/** The reviews of a run, as the file gives them (on the run's scale). */
function reviewsOf(run: Run): Review[] {
  const width = run.scale.max - run.scale.min;
  const out: Review[] = [];
  REVIEWERS.forEach((reviewer, r) =>
    IDS.forEach((agreementId, i) =>
      DEFAULT_CRITERIA.forEach((c, k) => {
        const s = baseScore(i, k, r);
        if (s !== null)
          out.push({
            reviewer,
            agreementId,
            criterionId: c.id,
            score: run.scale.min + ((s - 1) / 4) * width,
          });
      }),
    ),
  );
  return out;
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The reviews CSV: criteria by name or id, "ana" for some of Ana's rows, a rationale with a comma and quotes. */
function reviewsCsv(reviews: Review[]): string {
  const lines = reviews.map((r, n) => {
    const c = DEFAULT_CRITERIA.find((x) => x.id === r.criterionId)!;
    const reviewer = r.reviewer === "Ana" && n % 3 === 0 ? "ana" : r.reviewer;
    const criterion = n % 2 === 0 ? c.name : c.id;
    const rationale = n % 5 === 0 ? quote(`Seen "${r.agreementId}", in the field`) : "";
    return [
      reviewer,
      quote(r.agreementId),
      criterion,
      String(r.score),
      rationale,
      `2024-05-0${1 + (n % 9)}T10:00:00Z`,
    ].join(",");
  });
  return ["Reviewer,Agreement ID,Criterion,Score,Rationale,Time", ...lines].join("\r\n") + "\r\n";
}

const AGREEMENTS_CSV =
  "ID,Agreement,Type,Parties,Signed\n" +
  IDS.map(
    (id, i) => `${quote(id)},Agreement ${i + 1},${i % 2 ? "Bilateral" : "Multilateral"},A; B,${2000 + i}`,
  ).join("\n") +
  "\n";

interface Outcome {
  run: Run;
  cells: ConsensusCell[];
  scores: ReturnType<typeof scoreAgreements>;
  base: string;
}

const ws = libreOfficeWorkspace("tests/external/libreoffice-import.test.ts", "as-libreoffice-import-");
const outcomes: Outcome[] = [];

beforeAll(async () => {
  writeFileSync(join(ws.work, "agreements.csv"), AGREEMENTS_CSV);
  const files: string[] = [];
  await Promise.all(
    RUNS.map(async (run) => {
      const given = reviewsOf(run);
      const reviewsFile = join(ws.work, `reviews-${run.method}.csv`);
      writeFileSync(reviewsFile, reviewsCsv(given));
      const out = join(ws.work, `cli-${run.method}.xlsx`);
      const weights = DEFAULT_CRITERIA.map((c, k) => `${c.name}=${WEIGHTS[k]}`).join(",");
      const result = await cli([
        join(ws.work, "agreements.csv"),
        "--reviews",
        reviewsFile,
        "--consensus",
        run.method,
        "--scale",
        `${run.scale.min}-${run.scale.max}`,
        "--missing",
        run.missing,
        "--weights",
        weights,
        "--out",
        out,
      ]);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect(result.stdout).toMatch(
        new RegExp(`Team scoring \\(${run.method}\\): ${given.length} reviews by 4 reviewers`),
      );
      // The model, from the reviews as the file gives them.
      const cells = consensusTable(given, run.method, run.scale);
      const value = (id: string, c: string) =>
        cells.find((x) => x.agreementId === id && x.criterionId === c)?.value ?? null;
      const scores = scoreAgreements({
        criteria: DEFAULT_CRITERIA.map((c, k) => ({ id: c.id, weight: WEIGHTS[k] })),
        scale: run.scale,
        agreements: IDS.map((id) => ({
          id,
          scores: Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.id, value(id, c.id)])),
        })),
        missing: run.missing,
      });
      const base = `team-${run.method}`;
      const { path, poisoned } = await ws.writePoisoned(base, readFileSync(out));
      // Criterion cells, discuss flags and Coverage/Weighted score/Rank of every agreement at least.
      expect(poisoned).toBeGreaterThanOrEqual(IDS.length * (2 * DEFAULT_CRITERIA.length + 3));
      files.push(path);
      outcomes.push({ run, cells, scores, base });
    }),
  );
  // The control converts the mean's file (the runs finish in any order).
  const control = files.find((f) => f.endsWith("team-mean.xlsx"))!;
  ws.recalculateToCsv(files, control);
});

/** LibreOffice's Scorecard sheet of an outcome, and its columns by header. */
function sheets(dir: string, o: Outcome) {
  const scorecard = sheetCsv(dir, o.base, "Scorecard");
  const column = (header: string) => {
    const at = scorecard[0].indexOf(header);
    if (at < 0) throw new Error(`The Scorecard sheet has no "${header}" column: ${scorecard[0].join(", ")}`);
    return at;
  };
  const rowOf = (id: string) => scorecard.findIndex((line, r) => r > 0 && line[column("ID")] === id);
  return { scorecard, column, rowOf };
}

const byOutcome = RUNS.map((r) => [r.method] as const);

describe("LibreOffice recalculates a team scorecard written by the command line like the model", () => {
  test("the fixture exercises what it should: disagreement both ways, the boundary, agreement, blanks", () => {
    expect(outcomes).toHaveLength(RUNS.length);
    for (const o of outcomes) {
      const half = (o.run.scale.max - o.run.scale.min) / 2;
      expect(o.cells.some((x) => x.discuss && x.range! > half)).toBe(true);
      expect(o.cells.some((x) => x.discuss && x.range === half)).toBe(true);
      expect(o.cells.some((x) => x.discuss && x.range! < half)).toBe(true);
      expect(o.cells.some((x) => !x.discuss && x.n >= 2)).toBe(true);
      // Consensus values that no reviewer gave (a mean, the median of an even count).
      expect(o.cells.some((x) => x.value !== null && x.reviews.every((r) => r.score !== x.value))).toBe(true);
      expect(o.cells).toHaveLength(IDS.length * DEFAULT_CRITERIA.length - 1); // "plain" × one criterion: nobody
      expect(o.scores.filter((s) => s.rank !== null).length).toBeGreaterThan(1);
    }
    expect(outcomes.find((o) => o.run.missing === "exclude")!.scores.some((s) => s.score === null)).toBe(
      true,
    );
  });

  test("control: without forced recalculation LibreOffice shows the poisoned caches", () => {
    const o = outcomes.find((x) => x.run.method === "mean")!;
    const { scorecard, column, rowOf } = sheets(ws.controlDir, o);
    for (const id of IDS) {
      const line = scorecard[rowOf(id)];
      expect(Number(line[column("Threat response")])).toBe(POISON);
      expect(Number(line[column("Rank")])).toBe(POISON);
    }
  });

  test.each(byOutcome)(
    "%s: consensus to 1e-9, discuss flags, weighted scores to 1e-9 and ranks equal the model",
    (method) => {
      const o = outcomes.find((x) => x.run.method === method)!;
      const { scorecard, column, rowOf } = sheets(ws.csvDir, o);
      const discuss = indexDiscussFlags(ws.csvDir, o.base, { criteria: DEFAULT_CRITERIA });
      const got: Record<string, unknown>[] = [];
      const want: Record<string, unknown>[] = [];
      const close = (shown: string, value: number | null) =>
        value === null ? shown === "" : Math.abs(Number(shown) - value) <= 1e-9;
      for (const id of IDS) {
        const row = rowOf(id);
        expect([id, row > 0]).toEqual([id, true]);
        const line = scorecard[row];
        DEFAULT_CRITERIA.forEach((c) => {
          const cell = o.cells.find((x) => x.agreementId === id && x.criterionId === c.id);
          const value = cell?.value ?? null;
          const shown = line[column(c.name)];
          got.push({ id, criterion: c.id, consensus: close(shown, value) ? value : shown });
          want.push({ id, criterion: c.id, consensus: value });
          got.push({ id, criterion: c.id, discuss: discuss(id, c.id) });
          want.push({ id, criterion: c.id, discuss: cell?.discuss ? "TRUE" : "FALSE" });
        });
        const model = o.scores.find((s) => s.id === id)!;
        const score = line[column("Weighted score")];
        const rank = line[column("Rank")];
        got.push({
          id,
          score: close(score, model.score) ? model.score : score,
          rank: rank === "" ? null : Number(rank),
        });
        want.push({ id, score: model.score, rank: model.rank });
      }
      expect(got).toEqual(want);
      ws.expectRecalculated(o.base, ["Scorecard", "Reviews"], /#NAME\?|Err:\d+|#VALUE!|#REF!|#DIV\/0!/);
    },
  );
});
