/**
 * Schema 5 (issue 16) and a flat workbook written by the schema-4 code: tests/fixtures/flat-schema4.json
 * (createScorecard of the commit named in its "about", five agreements, weights 3/2/2/1, the
 * renormalize policy). It opens unchanged, reads as flat, and gains the schema-5 keys only when
 * written to, still without indicators.
 */
import { SCHEMA_VERSION } from "../../src/workbook/contract/contract";
import { decodeMeta } from "../../src/workbook/contract/meta";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import fixture from "../fixtures/flat-schema4.json";
import { fixtureWorkbook } from "./fixtureWorkbook";
import { equalWeights, expectFormulasMatchModel, snapshot } from "./helpers";

const metaRows = (sim: Awaited<ReturnType<typeof fixtureWorkbook>>["sim"]) =>
  sim.inspect.values("AS_Meta", "A1:B40") as unknown[][];

describe("a flat schema-4 workbook under schema 5", () => {
  it("is read as flat, scores as it did, and is not written to by reading", async () => {
    const { sim, run } = await fixtureWorkbook(fixture);
    const before = snapshot(sim);
    const location = (await locateScorecard(run))!;
    const data = await readScorecard(run, location);
    expect(snapshot(sim)).toBe(before);
    expect(metaRows(sim)[0]).toEqual(["schemaVersion", 4]);
    expect(data.location.meta.schemaVersion).toBe(SCHEMA_VERSION);
    expect(data.location.meta.indicatorsTable).toBeNull();
    expect(data.location.meta.criteria.every((c) => c.indicators === undefined)).toBe(true);
    expect(data.issues).toEqual([]);
    expect(
      data.agreements.map((a, i) => ({
        id: a.id,
        score: data.computed[i].score,
        rank: data.computed[i].rank,
      })),
    ).toEqual(fixture.expected.scores);
    expectFormulasMatchModel(data);
  });

  it("is written in schema 5 on its first write, still flat, with no indicator table", async () => {
    const { sim, run } = await fixtureWorkbook(fixture);
    const location = (await locateScorecard(run))!;
    const data = await readScorecard(run, location);
    await writeWeights(run, data, equalWeights(data), { author: "Analyst" });
    const stored = decodeMeta(metaRows(sim));
    expect(metaRows(sim)[0]).toEqual(["schemaVersion", String(SCHEMA_VERSION)]);
    expect(stored.indicatorsTable).toBeNull();
    expect(stored.criteria).toEqual(data.location.meta.criteria);
    expect(sim.inspect.tables().map((t) => t.name)).not.toContain("ScorecardIndicators");
    const after = await readScorecard(run, (await locateScorecard(run))!);
    expect(after.config.criteria.map((c) => c.weight)).toEqual([1, 1, 1, 1]);
    expect(after.issues).toEqual([]);
    expectFormulasMatchModel(after);
  });

  it("refuses metadata whose indicators have no id or header, naming the key", () => {
    const cells = fixture.sheets.find((sheet) => sheet.name === "AS_Meta")!.cells as Record<string, unknown>;
    const rows = Array.from({ length: 40 }, (_, r) => [cells[`A${r + 1}`] ?? "", cells[`B${r + 1}`] ?? ""]);
    expect(decodeMeta(rows).criteria).toHaveLength(4);
    const criteria = rows.findIndex(([key]) => key === "criteria");
    rows[criteria][1] = JSON.stringify([{ id: "op", header: "Op", indicators: [{ id: "x" }] }]);
    expect(() => decodeMeta(rows)).toThrow(/key "criteria"\) is missing or malformed/);
  });
});
