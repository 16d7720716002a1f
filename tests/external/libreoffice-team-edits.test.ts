/**
 * Team scoring under hand edits in a real engine (issue 10's team lines, docs/architecture.md §7 layer 3): a
 * team scorecard written by the product's operations on excel-sim, with IDs that a lookup could
 * take for numbers, dates, percentages, logical values or errors, is exported (every cached result
 * poisoned) and opened in LibreOffice, which makes each edit as a user would through its UNO bridge
 * (tests/external/support/uno_edit.py), recalculates hard and reads the Scorecard back:
 *  - untouched, and with a sheet or table column inserted in Reviews: every consensus, weighted
 *    score and rank is the model's;
 *  - the Reviews table sorted, or a review typed in the row below it: every criterion cell is the
 *    model's consensus or "check reviews", never another number;
 *  - a review typed below the table without the table taking it: nothing changes.
 * LibreOffice and its Python bridge are required, never skipped (.ci/run installs them).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { exportXlsx } from "../../src/excel-sim/export";
import { consensusTable, DEFAULT_CRITERIA, scoreAgreements, type Review } from "../../src/scoring";
import { columnIndex } from "../../src/workbook/contract/addresses";
import { createScorecard } from "../../src/workbook/scorecard/create";
import type { AgreementRecord, ScorecardData } from "../../src/workbook/model";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { CONSENSUS_FLAG } from "../../src/workbook/team/reviewFormulas";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { switchToTeam } from "../../src/workbook/team/mode";
import { defaultConfig, newWorkbook } from "../workbook/helpers";
import { TEXT_IDS } from "../workbook/team-support";
import { poisonCaches, requireTool } from "./support/libreoffice";
import { requireUno, runUnoJobs, type UnoCell, type UnoOp } from "./support/uno";

jest.setTimeout(300_000);

const REQUIRED_BY = "tests/external/libreoffice-team-edits.test.ts";
const CRITERIA = DEFAULT_CRITERIA.map((c) => c.id);
const WEIGHTS = [3, 2, 1.5, 0.5];
const IDS = [...TEXT_IDS, "A*"];
const ana = (i: number) => [1 + (i % 5), 2 + (i % 3), null, 3];
const bea = (i: number) => [5 - (i % 4) * 0.5, 3, 1 + (i % 2), 1 + i * 0.25];
/** Cy's review, typed by hand below the Reviews table. */
const TYPED: Review = { reviewer: "cy", agreementId: "1e3", criterionId: "operational_efficiency", score: 5 };

let work: string;
let data: ScorecardData;
const given: Review[] = [];
const results = new Map<string, UnoCell[][]>();

const EDITS: Record<string, UnoOp[]> = {
  untouched: [],
  "a sheet column inserted in Reviews": [{ op: "insertColumns", sheet: "Reviews", before: "B" }],
  "a table column inserted in Reviews": [
    { op: "insertCells", sheet: "Reviews", table: "ScorecardReviews", column: "B", shift: "right" },
  ],
  "the Reviews table sorted by score": [
    { op: "sort", sheet: "Reviews", table: "ScorecardReviews", header: "Score" },
  ],
  "a review typed in the row below the Reviews table": [
    {
      op: "typeRow",
      sheet: "Reviews",
      table: "ScorecardReviews",
      values: ["Cy", "1e3", "operational_efficiency", 5],
    },
  ],
  "a review typed below the Reviews table, which does not take it": [
    {
      op: "typeRow",
      sheet: "Reviews",
      table: "ScorecardReviews",
      values: ["Cy", "1e3", "operational_efficiency", 5],
      expand: false,
    },
  ],
};

beforeAll(async () => {
  requireTool(REQUIRED_BY, "soffice", ["--version"], "libreoffice-calc");
  requireUno(REQUIRED_BY);
  work = mkdtempSync(join(tmpdir(), "as-libreoffice-team-edits-"));
  const { sim, run } = newWorkbook();
  const agreements: AgreementRecord[] = IDS.map((id, i) => ({
    id,
    name: `Agreement ${i + 1}`,
    type: "Bilateral",
    parties: "A; B",
    signed: 2000 + i,
    notes: "",
    scores: Object.fromEntries(CRITERIA.map((c, k) => [c, ana(i)[k]])),
  }));
  const { location } = await createScorecard(run, { config: defaultConfig("exclude", WEIGHTS), agreements });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
  const edits = IDS.flatMap((id, i) =>
    CRITERIA.map((c, k) => ({ agreementId: id.trim(), criterionId: c, score: bea(i)[k], rationale: "" })),
  );
  await writeReviews(run, await readScorecard(run, location), "Bea", edits);
  data = await readScorecard(run, location);
  expect(data.issues).toEqual([]);
  IDS.forEach((id, i) =>
    CRITERIA.forEach((c, k) => {
      if (ana(i)[k] !== null)
        given.push({ reviewer: "ana", agreementId: id.trim(), criterionId: c, score: ana(i)[k] });
      given.push({ reviewer: "bea", agreementId: id.trim(), criterionId: c, score: bea(i)[k] });
    }),
  );
  const file = join(work, "team.xlsx");
  writeFileSync(file, (await poisonCaches(await exportXlsx(sim))).bytes);
  const last = data.rows[data.rows.length - 1];
  const jobs = Object.values(EDITS).map((ops) => ({
    file,
    ops,
    read: [{ sheet: "Scorecard", range: `A1:M${last}` }],
  }));
  runUnoJobs(jobs, work).forEach((r, i) => results.set(Object.keys(EDITS)[i], r.reads[0].values));
});

afterAll(() => {
  if (work && !process.env.KEEP_LIBREOFFICE_OUTPUT) rmSync(work, { recursive: true, force: true });
});

/** The model's consensus, weighted score and rank per agreement over `reviews`. */
function model(reviews: readonly Review[]) {
  const cells = consensusTable(reviews, "mean", data.config.scale);
  const value = (id: string, c: string) =>
    cells.find((x) => x.agreementId === id && x.criterionId === c)?.value ?? null;
  const scored = scoreAgreements({
    criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: data.config.scale,
    agreements: data.agreements.map((a) => ({
      id: a.id,
      scores: Object.fromEntries(CRITERIA.map((c) => [c, value(a.id, c)])),
    })),
    missing: data.config.missingPolicy,
  });
  // scoreAgreements keeps the agreements' order and ids.
  return data.agreements.map((a, i) => ({ ...scored[i], consensus: CRITERIA.map((c) => value(a.id, c)) }));
}

const close = (shown: UnoCell, value: number | null) =>
  value === null ? shown === "" : typeof shown === "number" && Math.abs(shown - value) <= 1e-9;

/** Each agreement's row as LibreOffice shows it, beside the model's. */
function rows(edit: string, reviews: readonly Review[]) {
  const sheet = results.get(edit)!;
  const cols = data.columns;
  return model(reviews).map((m, i) => {
    const line = sheet[data.rows[i] - 1];
    return {
      id: line[columnIndex(cols.id)],
      consensus: CRITERIA.map((_, k) => line[columnIndex(cols.criteria[k].column)]),
      score: line[columnIndex(cols.score)],
      rank: line[columnIndex(cols.rank)],
      model: m,
    };
  });
}

describe("LibreOffice computes a team scorecard under hand edits as the model, or flags it", () => {
  test.each([["untouched"], ["a sheet column inserted in Reviews"], ["a table column inserted in Reviews"]])(
    "%s: IDs compared as text, every consensus, weighted score and rank the model's",
    (edit) => {
      for (const r of rows(edit, given)) {
        expect(String(r.id).trim()).toBe(r.model.id);
        r.consensus.forEach((shown, k) =>
          expect([r.model.id, k, close(shown, r.model.consensus[k])]).toEqual([r.model.id, k, true]),
        );
        expect([r.model.id, close(r.score, r.model.score), r.rank === "" ? null : r.rank]).toEqual([
          r.model.id,
          true,
          r.model.rank,
        ]);
      }
    },
  );

  test.each([
    ["the Reviews table sorted by score", given],
    ["a review typed in the row below the Reviews table", [...given, TYPED]],
  ])(
    "%s: every criterion cell is the model's consensus or the flag, and some are flagged",
    (edit, reviews) => {
      let flagged = 0;
      for (const r of rows(edit, reviews))
        r.consensus.forEach((shown, k) => {
          if (shown === CONSENSUS_FLAG) flagged++;
          else expect([r.model.id, k, close(shown, r.model.consensus[k])]).toEqual([r.model.id, k, true]);
        });
      expect(flagged).toBeGreaterThan(0);
    },
  );

  test("a review typed below the table without the table taking it counts nowhere: nothing changes", () => {
    expect(rows("a review typed below the Reviews table, which does not take it", given)).toEqual(
      rows("untouched", given),
    );
  });
});
