/**
 * The longest formulas the add-in admits, recalculated by LibreOffice (docs/architecture.md §7, layer 3): 20
 * criteria with 32-character ids and 255-character names under the renormalize policy, whose
 * Weighted score and contribution formulas are the longest the add-in writes (over 5,000 and 7,000
 * characters, within Excel's 8,192). excel-sim accepting them shows they fit; LibreOffice computing
 * the model's scores from them shows they are right. LibreOffice is required, never skipped.
 */
import { exportXlsx } from "../../src/excel-sim/export";
import { scoreAgreements } from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { longestFormula } from "../../src/workbook/formulas/formulaLength";
import { RESULTS_LAYOUT, type ScorecardConfig } from "../../src/workbook/contract/layout";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { newWorkbook, partlyScored } from "../workbook/helpers";
import { libreOfficeWorkspace, rankedOrder, sheetCsv } from "./support/libreoffice";
import type { ScorecardData } from "../../src/workbook/model";

jest.setTimeout(300_000);

const REQUIRED_BY = "tests/external/libreoffice-limits.test.ts";

const config: ScorecardConfig = {
  criteria: Array.from({ length: 20 }, (_, k) => ({
    id: `criterion_${k}_`.padEnd(32, "x"),
    name: `Criterion ${k}: ${"interoperability and readiness ".repeat(9)}`.slice(0, 255),
    definition: "",
    weight: 1 + (k % 4),
  })),
  scale: { min: 0, max: 10 },
  missingPolicy: "renormalize",
};

// A blank in every fourth cell, so that renormalize has weights to leave out.
const agreements = partlyScored(config, 25);

const ws = libreOfficeWorkspace(REQUIRED_BY, "as-lo-limits-");
let data: ScorecardData;
let model: ReturnType<typeof scoreAgreements>;

beforeAll(async () => {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, { config, agreements });
  data = await readScorecard(run, location);
  model = scoreAgreements({
    criteria: config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: config.scale,
    agreements: data.agreements,
    missing: "renormalize",
  });
  const { path, poisoned } = await ws.writePoisoned("longest", await exportXlsx(sim));
  expect(poisoned).toBeGreaterThan(agreements.length * 3);
  ws.recalculateToCsv([path]);
});

describe("the longest formulas the add-in admits", () => {
  test("are near Excel's limit and within it", () => {
    const longest = longestFormula(data.location.meta);
    expect(longest.length).toBeGreaterThan(7_000);
    expect(longest.length).toBeLessThanOrEqual(8_192);
  });

  test("LibreOffice computes the model's scores and ranks from them", () => {
    ws.expectRecalculated("longest", ["Scorecard", "Results"]);
    const rows = sheetCsv(ws.csvDir, "longest", "Scorecard");
    const header = rows[0];
    const score = header.indexOf("Weighted score");
    const rank = header.indexOf("Rank");
    expect(header.slice(5, 25)).toEqual(config.criteria.map((c) => c.name));
    model.forEach((m, i) => {
      expect(Number(rows[i + 1][score])).toBeCloseTo(m.score!, 9);
      expect(Number(rows[i + 1][rank])).toBe(m.rank);
    });
  });

  test("the Results sheet's contributions of each charted place add up to its score", () => {
    const results = sheetCsv(ws.csvDir, "longest", "Results");
    const ranked = rankedOrder(model);
    // One contribution per criterion from column I, for the 20 places the charts show.
    const first = RESULTS_LAYOUT.contributionStart;
    expect(results[0].slice(first, first + 20)).toEqual(config.criteria.map((c) => c.name));
    for (let place = 1; place <= 20; place++) {
      const row = results[place];
      const contributions = row.slice(first, first + 20).map(Number);
      expect(row[1]).toBe(data.agreements[ranked[place - 1].i].id);
      expect(contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(ranked[place - 1].score!, 6);
    }
  });
});
