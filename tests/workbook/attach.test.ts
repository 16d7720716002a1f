import { scoreAgreements } from "../../src/scoring";
import { attachScorecard } from "../../src/workbook/scorecard/attach";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { newWorkbook, snapshot, TREATIES_ATTACH } from "./helpers";

const USER_TABLE = [
  ["Treaty", "Year", "Ops", "Strategy", "Cap", "Threats", "Comment"],
  ["NATO", 1949, 4.5, 4.5, 4.5, 4.5, "collective defence"],
  ["ANZUS", 1951, 3.5, 3.5, 3.5, 3],
  ["Rio Treaty", 1947, 2, "", 2.5, 2, "dormant"],
  ["SEATO", 1954, 1.5, 2, 1.5, 1, "dissolved 1977"],
].map((r) => [...r, ...Array(7 - r.length).fill("")]);

async function userWorkbook() {
  const { sim, run } = newWorkbook(["Agreements"]);
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Agreements");
    sheet.getRange("A1").values = [["My list of treaties"]];
    sheet.getRange("B3:H7").values = USER_TABLE;
    sheet.tables.add(sheet.getRange("B3:H7"), true).name = "Treaties";
    await context.sync();
  });
  return { sim, run };
}

const options = TREATIES_ATTACH;

describe("attachScorecard: a user's own table, mapped by its columns", () => {
  it("keeps the user's table and data, appends its own columns, and computes what the model computes", async () => {
    const { sim, run } = await userWorkbook();
    const location = await attachScorecard(run, options);
    // The user's cells are as they were.
    expect(sim.inspect.values("Agreements", "A1")).toEqual([["My list of treaties"]]);
    expect(sim.inspect.values("Agreements", "B3:H7")).toEqual(USER_TABLE);
    const table = sim.inspect.tables().find((t) => t.name === "Treaties")!;
    expect(table.columns).toEqual([
      ...USER_TABLE[0],
      "ID",
      "Type",
      "Parties",
      "Coverage",
      "Weighted score",
      "Rank",
    ]);
    const data = await readScorecard(run, location);
    expect(data.agreements.map((a) => [a.id, a.name, a.signed])).toEqual([
      ["A-1", "NATO", 1949],
      ["A-2", "ANZUS", 1951],
      ["A-3", "Rio Treaty", 1947],
      ["A-4", "SEATO", 1954],
    ]);
    expect(data.rows).toEqual([4, 5, 6, 7]);
    const model = scoreAgreements({
      criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
      scale: data.config.scale,
      agreements: data.agreements,
      missing: "renormalize",
    });
    expect(model[2].partial).toBe(true);
    data.computed.forEach((row, i) => {
      expect(row.score).toBeCloseTo(model[i].score!, 9);
      expect(row.rank).toBe(model[i].rank);
    });
    // The Results ranking and charts work off a table that starts at B3.
    expect(sim.inspect.values("Results", "B2:B5").flat()).toEqual(["A-1", "A-2", "A-3", "A-4"]);
    expect(sim.inspect.charts("Results")).toHaveLength(3);
  });

  it("follows weight changes and takes new agreements below the user's table", async () => {
    const { sim, run } = await userWorkbook();
    const location = await attachScorecard(run, options);
    const data = await readScorecard(run, location);
    await writeWeights(run, data, { ops: 0 }, { author: "Tester" });
    await upsertAgreements(
      run,
      data,
      [{ id: "AUKUS", name: "AUKUS", scores: { ops: 3.5, strategy: 4.5, cap: 5, threats: 3.5 } }],
      { author: "Tester" },
    );
    expect(sim.inspect.tables().find((t) => t.name === "Treaties")!.rowCount).toBe(5);
    const after = await readScorecard(run, location);
    expect(after.agreements.map((a) => a.id)).toContain("AUKUS");
    const aukus = after.computed[after.agreements.findIndex((a) => a.id === "AUKUS")];
    const expected = (100 * (1 * (4.5 - 1) + 1 * (5 - 1) + 3 * (3.5 - 1))) / (4 * 5);
    expect(aukus.score).toBeCloseTo(expected, 9);
    expect(aukus.rank).toBe(2); // NATO: 100·(3.5 + 3.5 + 3·3.5)/20 = 87.5 leads
  });

  it("refuses a mapping to a missing column, a column mapped twice, or a full column to the right; nothing changes", async () => {
    const { sim, run } = await userWorkbook();
    const before = snapshot(sim);
    await expect(attachScorecard(run, { ...options, columns: { name: "Name" } })).rejects.toMatchObject({
      code: "ColumnMissing",
      place: { column: "Name", table: "Treaties" },
    });
    await expect(
      attachScorecard(run, { ...options, criteria: [...options.criteria, { header: "Treaty", weight: 1 }] }),
    ).rejects.toThrow(/mapped twice/);
    await expect(attachScorecard(run, { ...options, table: "Nope" })).rejects.toMatchObject({
      code: "TableMissing",
    });
    expect(snapshot(sim)).toBe(before);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Agreements").getRange("J5").values = [["beside the table"]];
      await context.sync();
    });
    const withNote = snapshot(sim);
    await expect(attachScorecard(run, options)).rejects.toMatchObject({ code: "WouldOverwrite" });
    expect(snapshot(sim)).toBe(withNote);
  });
});
