/**
 * Team weights (issue 15) recalculated by LibreOffice: a team scorecard whose reviewers set their
 * own weights through the product's operations (saveMyWeights, setTeamWeights) is exported to
 * .xlsx with every cached formula result poisoned; LibreOffice's Weight and Normalized weight
 * columns, each reviewer's normalized weights and distance in the team block, and the Scorecard's
 * weighted scores and ranks must equal the scoring model's (groupWeights, reviewerDisagreement,
 * scoreAgreements), for the importance-weighted mean and the median.
 *
 * Reviewer names are chosen to trip SUMIFS-style criteria ("Ana*" beside "Ana", "=Ben", "~Cy", one
 * in other case); one reviewer's weight is text pasted by hand (counts 0 in both), and one
 * reviewer's row is for a criterion the scorecard no longer has (not counted).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { exportXlsx } from "../../src/excel-sim/export";
import { groupWeights, reviewerDisagreement, scoreAgreements } from "../../src/scoring";
import { columnIndex, columnLetter } from "../../src/workbook/contract/addresses";
import { SHEET } from "../../src/workbook/contract/contract";
import type { TeamAggregation } from "../../src/workbook/contract/meta";
import type { ScorecardData } from "../../src/workbook/model";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { switchToTeam } from "../../src/workbook/team/mode";
import { saveMyWeights } from "../../src/workbook/weights/myWeights";
import { setTeamWeights } from "../../src/workbook/weights/teamAggregation";
import { TEAM_BLOCK } from "../../src/workbook/weights/teamBlock";
import { defaultConfig, newWorkbook } from "../workbook/helpers";
import {
  CSV_ALL_SHEETS,
  makeProfile,
  poisonCaches,
  POISON,
  requireTool,
  sheetCsv,
  soffice,
} from "./support/libreoffice";

jest.setTimeout(240_000);

const IDS = defaultConfig().criteria.map((c) => c.id);
const PANEL: [string, number[]][] = [
  ["Ana", [40, 30, 20, 10]],
  ["Ana*", [5, 50, 25, 20]],
  ["=Ben", [10, 20, 30, 40]],
  ["~Cy", [25, 25, 40, 10]],
];
const IMPORTANCE = { ana: 2, "ana*": 1, "=ben": 0.5, "~cy": 1 };

interface Case {
  method: TeamAggregation;
  data: ScorecardData;
  /** The reviewers' weights as the model counts them, in block order. */
  raw: number[][];
  importance: number[] | undefined;
}

const cases: Case[] = [];
let work: string;
let csvDir: string;
let controlDir: string;

async function build(method: "mean" | "median") {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: exampleAgreements(),
  });
  const read = () => readScorecard(run, location);
  await switchToTeam(run, await read(), { reviewer: "Ana" });
  for (const [name, w] of PANEL)
    await saveMyWeights(run, await read(), name, {
      method: "direct",
      weights: Object.fromEntries(IDS.map((id, k) => [id, w[k]])),
    });
  // Hand edits: ~Cy's first weight pasted as text; a row for a criterion the scorecard does not have.
  await sim.run(async (c) => {
    const sheet = c.workbook.worksheets.getItem(SHEET.reviewerWeights);
    sheet.getRange("C14").values = [["'25"]];
    sheet.getRange("A18:C18").values = [["ana", "retired_criterion", 500]];
    await c.sync();
  });
  const raw = PANEL.map(([, w], r) => (r === 3 ? [0, ...w.slice(1)] : w));
  const importance = method === "mean" ? [2, 1, 0.5, 1] : undefined;
  await setTeamWeights(
    run,
    await read(),
    { method, importance: method === "mean" ? IMPORTANCE : {} },
    { author: "Ana" },
  );
  const data = await read();
  expect(data.team!.live).toBe(true);
  const { bytes, poisoned } = await poisonCaches(await exportXlsx(sim));
  expect(poisoned).toBeGreaterThanOrEqual(IDS.length * (2 + PANEL.length));
  const path = join(work, `team-weights-${method}.xlsx`);
  writeFileSync(path, bytes);
  cases.push({ method, data, raw, importance });
  return path;
}

beforeAll(async () => {
  requireTool(
    "tests/external/libreoffice-team-weights.test.ts",
    "soffice",
    ["--version"],
    "libreoffice-calc",
  );
  work = mkdtempSync(join(tmpdir(), "as-libreoffice-team-weights-"));
  const files = [await build("mean"), await build("median")];
  csvDir = join(work, "csv");
  soffice(makeProfile(work, "profile-recalc", true), CSV_ALL_SHEETS, csvDir, files);
  controlDir = join(work, "control");
  soffice(makeProfile(work, "profile-plain", false), CSV_ALL_SHEETS, controlDir, [files[0]]);
});

afterAll(() => {
  if (work && !process.env.KEEP_LIBREOFFICE_OUTPUT) rmSync(work, { recursive: true, force: true });
});

const csv = (dir: string, c: Case, sheet: string) => sheetCsv(dir, `team-weights-${c.method}`, sheet);

test("control: without forced recalculation LibreOffice shows the poisoned caches", () => {
  const c = cases[0];
  const weights = csv(controlDir, c, c.data.location.meta.sheets.weights);
  IDS.forEach((_, k) => expect(Number(weights[k + 1][columnIndex("D")])).toBe(POISON));
});

test.each(["mean", "median"])(
  "%s: team weights, reviewers' weights, distances, scores and ranks equal the model",
  (method) => {
    const c = cases.find((x) => x.method === method)!;
    const team = groupWeights(c.raw, { method: c.method as "mean" | "median", importance: c.importance });
    const weights = csv(csvDir, c, c.data.location.meta.sheets.weights);
    // Shown as formatted (percents), as LibreOffice's CSV writes them.
    const num = (row: number, column: number) => {
      const text = weights[row][column];
      return text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
    };
    const normalized = columnIndex("E");
    IDS.forEach((_, k) => expect(num(k + 1, normalized)).toBeCloseTo(team[k], 9));
    const n = IDS.length;
    const first = TEAM_BLOCK.column + 2;
    PANEL.forEach((_, r) => {
      const total = c.raw[r].reduce((a, b) => a + b, 0);
      IDS.forEach((_, k) => expect(num(k + 1, first + r)).toBeCloseTo(c.raw[r][k] / total, 9));
    });
    const distances = reviewerDisagreement(c.raw, team, IDS).map((d) => d.distance);
    PANEL.forEach((_, r) => expect(num(n + 3, first + r)).toBeCloseTo(distances[r], 9));
    expect(weights[0].slice(first, first + PANEL.length)).toEqual(PANEL.map(([name]) => name));

    const model = scoreAgreements({
      criteria: IDS.map((id, k) => ({ id, weight: team[k] })),
      scale: c.data.config.scale,
      agreements: c.data.agreements,
      missing: c.data.config.missingPolicy,
    });
    const scorecard = csv(csvDir, c, c.data.location.meta.sheets.scorecard);
    const cols = c.data.columns;
    c.data.rows.forEach((row, i) => {
      const score = scorecard[row - 1][columnIndex(cols.score)];
      if (model[i].score === null) expect(score).toBe("");
      else expect(Number(score)).toBeCloseTo(model[i].score!, 9);
      expect(scorecard[row - 1][columnIndex(cols.rank)]).toBe(
        model[i].rank === null ? "" : String(model[i].rank),
      );
    });
    expect(columnLetter(first)).toBe("U"); // S: criterion id, T: team weight, U: the first reviewer
  },
);
