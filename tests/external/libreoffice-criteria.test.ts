/**
 * Criteria edited through the add-in, recalculated by LibreOffice (docs/architecture.md §7, layer 3). A
 * scorecard made by createScorecard on excel-sim has a criterion added (and scored), renamed,
 * removed, the criteria reordered, a definition and rubric edited, and all of these in a row; after
 * each kind of change it is exported to .xlsx with every cached formula result poisoned and
 * recalculated by headless LibreOffice. LibreOffice's Coverage, Weighted score and Rank of every
 * row, the Results ranking (ID, score, rank, in order) and the contribution block (whose points add
 * up to the score of each charted place) must equal the scoring model (scoreAgreements) on the data
 * the workbook holds after the change. Each case first checks that the change happened (headers
 * and scores as intended), so that a harness fault cannot pass for a formula fault.
 * LibreOffice is required, never skipped (.ci/run installs it).
 */
import { exportXlsx } from "../../src/excel-sim/export";
import { scoreAgreements, type MissingPolicy } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { addCriterion, renameCriterion } from "../../src/workbook/criteria/editCriteria";
import { removeCriterion } from "../../src/workbook/criteria/removeCriterion";
import { editCriterion } from "../../src/workbook/criteria/editDefinitions";
import { reorderCriteria } from "../../src/workbook/criteria/reorderCriteria";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";
import type { ExcelRun } from "../../src/workbook/run";
import { defaultConfig, newWorkbook, upsertEach } from "../workbook/helpers";
import { columnFinder, libreOfficeWorkspace, POISON, rankedOrder, sheetCsv } from "./support/libreoffice";
import type { ScorecardData } from "../../src/workbook/model";

jest.setTimeout(300_000);

const REQUIRED_BY = "tests/external/libreoffice-criteria.test.ts";
const by = { author: "LibreOffice check" };

const read = async (run: ExcelRun) => readScorecard(run, (await locateScorecard(run))!);

async function add(run: ExcelRun) {
  await addCriterion(run, await read(run), { name: "Cyber and space", definition: "", weight: 2.5 }, by);
  const now = await read(run);
  // Scored for all but every fourth agreement: a blank under each policy.
  await upsertEach(
    run,
    now,
    (_, i) => ({ scores: { cyber_and_space: i % 4 === 3 ? null : 1 + (i % 5) } }),
    by,
  );
}
const rename = async (run: ExcelRun) =>
  renameCriterion(run, await read(run), "threat_response", "Crisis response", by);
const remove = async (run: ExcelRun) =>
  removeCriterion(run, await read(run), "strategic_alignment", { ...by, confirmDataLoss: true });
const reverse = async (run: ExcelRun) => {
  const now = await read(run);
  return reorderCriteria(run, now, [...now.config.criteria.map((c) => c.id)].reverse(), by);
};
const edit = async (run: ExcelRun) =>
  editCriterion(
    run,
    await read(run),
    "operational_efficiency",
    {
      definition: "How well the partners work together",
      anchors: [
        { value: 1, label: "None", description: "No joint work" },
        { value: 5, label: "Full", description: "Joint work everywhere" },
      ],
    },
    by,
  );

interface Case {
  name: string;
  policy: MissingPolicy;
  change: (run: ExcelRun) => Promise<unknown>;
  /** The Scorecard's criterion headers after the change, in order. */
  headers: string[];
}

const DEFAULTS = [
  "Operational efficiency",
  "Strategic alignment",
  "Capability enhancement",
  "Threat response",
];

const CASES: Case[] = [
  { name: "unchanged", policy: "exclude", change: async () => undefined, headers: DEFAULTS },
  { name: "added", policy: "exclude", change: add, headers: [...DEFAULTS, "Cyber and space"] },
  {
    name: "added-renormalize",
    policy: "renormalize",
    change: add,
    headers: [...DEFAULTS, "Cyber and space"],
  },
  {
    name: "renamed",
    policy: "exclude",
    change: rename,
    headers: ["Operational efficiency", "Strategic alignment", "Capability enhancement", "Crisis response"],
  },
  {
    name: "removed",
    policy: "zero",
    change: remove,
    headers: ["Operational efficiency", "Capability enhancement", "Threat response"],
  },
  { name: "reordered", policy: "renormalize", change: reverse, headers: [...DEFAULTS].reverse() },
  { name: "definition-and-anchors", policy: "exclude", change: edit, headers: DEFAULTS },
  {
    name: "all-in-a-row",
    policy: "renormalize",
    change: async (run) => {
      await add(run);
      await reverse(run);
      await remove(run);
      await rename(run);
      await edit(run);
    },
    headers: ["Cyber and space", "Crisis response", "Capability enhancement", "Operational efficiency"],
  },
];

interface Built {
  c: Case;
  before: ScorecardData;
  data: ScorecardData;
}

const ws = libreOfficeWorkspace(REQUIRED_BY, "as-lo-criteria-");
const built: Built[] = [];

beforeAll(async () => {
  const files: string[] = [];
  for (const c of CASES) {
    const { sim, run } = newWorkbook();
    // Some scores left blank, so that every policy has partial rows to handle.
    const agreements = exampleAgreements().map((a, i) => ({
      ...a,
      scores: i % 3 === 1 ? { ...a.scores, capability_enhancement: null } : a.scores,
    }));
    await createScorecard(run, { config: defaultConfig(c.policy, [3, 2, 1.5, 0.5]), agreements });
    const before = await read(run);
    await c.change(run);
    const data = await read(run);
    built.push({ c, before, data });
    const { path, poisoned } = await ws.writePoisoned(c.name, await exportXlsx(sim));
    expect(poisoned).toBeGreaterThan(data.agreements.length * 3);
    files.push(path);
  }
  ws.recalculateToCsv(files, files[1]);
});

describe("LibreOffice recalculates a scorecard after each kind of criteria change like the model", () => {
  test("control: without forced recalculation LibreOffice shows the poisoned caches", () => {
    const rows = sheetCsv(ws.controlDir, "added", "Scorecard");
    const score = rows[0].indexOf("Weighted score");
    expect(rows.slice(1, 11).map((r) => Number(r[score]))).toEqual(Array(10).fill(POISON));
  });

  test.each(CASES.map((c) => c.name))("%s", (name) => {
    const { c, before, data } = built.find((b) => b.c.name === name)!;
    const rows = sheetCsv(ws.csvDir, name, "Scorecard");
    const header = rows[0];
    const col = columnFinder(header);
    // The change happened: the headers are as intended, and every score kept stayed with its criterion.
    expect(header.slice(5, 5 + c.headers.length)).toEqual(c.headers);
    expect(header[5 + c.headers.length]).toBe("Coverage");
    expect(data.config.criteria.map((k) => k.name)).toEqual(c.headers);
    data.agreements.forEach((a, i) => {
      for (const k of data.config.criteria)
        if (k.id in before.agreements[i].scores)
          expect(a.scores[k.id]).toBe(before.agreements[i].scores[k.id]);
    });

    const want = scoreAgreements({
      criteria: data.config.criteria.map((k) => ({ id: k.id, weight: k.weight })),
      scale: data.config.scale,
      agreements: data.agreements,
      missing: data.config.missingPolicy,
    });
    if (c.policy !== "exclude") expect(want.filter((w) => w.partial).length).toBeGreaterThan(0);
    const byId = new Map(rows.slice(1).map((r) => [r[col("ID")], r]));
    for (const [i, w] of want.entries()) {
      const row = byId.get(w.id)!;
      // Scores as LibreOffice reads them in the criterion columns, by header.
      for (const k of data.config.criteria) {
        const shown = row[col(k.name)];
        expect(shown === "" ? null : Number(shown)).toBe(data.agreements[i].scores[k.id]);
      }
      expect(Number(row[col("Coverage")])).toBe(
        data.config.criteria.filter((k) => data.agreements[i].scores[k.id] !== null).length,
      );
      if (w.score === null) expect([row[col("Weighted score")], row[col("Rank")]]).toEqual(["", ""]);
      else {
        expect(Math.abs(Number(row[col("Weighted score")]) - w.score)).toBeLessThanOrEqual(1e-9);
        expect(Number(row[col("Rank")])).toBe(w.rank);
      }
    }

    // The Results ranking, and the contribution block: each place's points add up to its score.
    const results = sheetCsv(ws.csvDir, name, "Results");
    const ranked = rankedOrder(want);
    expect(ranked.length).toBeGreaterThan(2);
    const shown = results.slice(1, ranked.length + 1);
    expect(shown.map((r) => [r[1], Number(r[4])])).toEqual(ranked.map((w) => [w.id, w.rank]));
    expect(results[ranked.length + 1][1]).toBe("");
    const n = data.config.criteria.length;
    // Contribution block at column I (index 8): one column per criterion, named by the criterion.
    expect(results[0].slice(8, 8 + n)).toEqual(c.headers);
    shown.forEach((r, p) => {
      expect(Math.abs(Number(r[3]) - ranked[p].score!)).toBeLessThanOrEqual(1e-9);
      const points = r.slice(8, 8 + n).reduce((s, v) => s + Number(v), 0);
      expect(Math.abs(points - ranked[p].score!)).toBeLessThanOrEqual(1e-9);
    });

    ws.expectRecalculated(name, ["Scorecard", "Results", "Weights"]);
  });
});
