/**
 * When the workbook was changed under the add-in, each operation gives an error that names the
 * sheet, table or column — and the user's data is unchanged afterwards.
 */
import { createScorecard } from "../../src/workbook/scorecard/create";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { SCHEMA_VERSION } from "../../src/workbook/contract/contract";
import { saveProfile } from "../../src/workbook/weights/profiles";
import { defaultConfig, equalWeights, snapshot } from "./helpers";
import { newScorecard, readAfterHandEdit } from "./scorecardFixture";

const setUp = () => newScorecard();

describe("a workbook changed under the add-in", () => {
  it("Scorecard table deleted: TableMissing naming the table and sheet", async () => {
    const error = await readAfterHandEdit((c) => c.workbook.tables.getItem("Scorecard").delete());
    expect(error).toMatchObject({ code: "TableMissing", place: { table: "Scorecard", sheet: "Scorecard" } });
    expect(error.message).toMatch(/table "Scorecard" \(sheet "Scorecard"\) is gone/);
  });

  it("Scorecard table renamed: TableMissing that says to rename it back", async () => {
    const { run, location, edit } = await setUp();
    await edit((c) => (c.workbook.tables.getItem("Scorecard").name = "MyTable"));
    await expect(readScorecard(run, location)).rejects.toThrow(/rename the table back to "Scorecard"/);
  });

  it("a criterion column renamed by hand: ColumnMissing naming the column", async () => {
    const error = await readAfterHandEdit(
      (c) => (c.workbook.worksheets.getItem("Scorecard").getRange("I1").values = [["Threats"]]),
    );
    expect(error).toMatchObject({
      code: "ColumnMissing",
      place: { column: "Threat response", table: "Scorecard" },
    });
  });

  it("a criterion column deleted by hand: ColumnMissing naming it", async () => {
    const { run, location, edit } = await setUp();
    await edit((c) => c.workbook.tables.getItem("Scorecard").columns.getItem("Strategic alignment").delete());
    await expect(readScorecard(run, location)).rejects.toMatchObject({
      code: "ColumnMissing",
      place: { column: "Strategic alignment" },
    });
  });

  it("rows sorted by the user: read by ID, ranks unchanged, nothing lost", async () => {
    const { run, location, data, edit } = await setUp();
    // Sort the body by hand: reverse the rows' values (data cells only; formulas stay per row).
    await edit((c) => {
      const sheet = c.workbook.worksheets.getItem("Scorecard");
      const rows = data.agreements.map((a) => [
        a.id,
        a.name,
        a.type,
        a.parties,
        a.signed ?? "",
        ...Object.values(a.scores),
      ]);
      sheet.getRange("A2:I11").values = rows
        .reverse()
        .map((r) => r.map((v) => (typeof v === "string" ? `'${v}` : v)));
    });
    const after = await readScorecard(run, location);
    expect(after.agreements.map((a) => a.id)).toEqual([...data.agreements.map((a) => a.id)].reverse());
    const rankOf = (d: typeof data, id: string) =>
      d.computed[d.agreements.findIndex((a) => a.id === id)].rank;
    for (const a of data.agreements) expect(rankOf(after, a.id)).toBe(rankOf(data, a.id));
  });

  it("text and off-scale values typed in score cells are reported by address, not thrown", async () => {
    const { sim, run, location } = await setUp();
    expect(sim.userEdit("Scorecard", "F3", "high")).toMatchObject({ ok: false });
    // A paste bypasses validation; the API write does too.
    await run(async (c) => {
      c.workbook.worksheets.getItem("Scorecard").getRange("F3:G3").values = [["'high", 9]];
      await c.sync();
    });
    const data = await readScorecard(run, location);
    expect(data.issues.map((i) => i.address)).toEqual(["F3", "G3"]);
    expect(data.issues[0].message).toMatch(
      /Scorecard!F3 \(agreement "Collective Security Treaty Organization", Operational efficiency\): "high" is not a number/,
    );
    expect(data.issues[1].message).toMatch(/9 is off the scale 1–5/);
    expect(data.computed[1]).toMatchObject({ score: null, rank: null, scoreText: "check scores" });
  });

  it("a protected sheet: SheetProtected saying how to unprotect, and nothing written", async () => {
    const { sim, run, data, edit } = await setUp();
    await edit((c) => c.workbook.worksheets.getItem("Weights").protection.protect());
    const before = snapshot(sim);
    const error = await writeWeights(run, data, { threat_response: 3 }, { author: "Tester" }).catch((e) => e);
    expect(error).toMatchObject({ code: "SheetProtected", place: { sheet: "Weights" } });
    expect(error.message).toMatch(/Unprotect/);
    expect(snapshot(sim)).toBe(before);
  });

  it("metadata deleted: no scorecard is found; the sheets the user sees are untouched", async () => {
    const { sim, run, edit } = await setUp();
    await edit((c) => c.workbook.names.getItem("AS_Meta").delete());
    expect(await locateScorecard(run)).toBeNull();
    const before = snapshot(sim);
    // Creating again must not clobber the old sheets: it refuses, because AS_Meta still exists.
    await expect(createScorecard(run, { config: defaultConfig() })).rejects.toMatchObject({
      code: "MetadataInvalid",
    });
    expect(snapshot(sim)).toBe(before);
  });

  it("metadata tampered with: MetadataInvalid naming the sheet and key", async () => {
    const { run, edit } = await setUp();
    await edit((c) => (c.workbook.worksheets.getItem("AS_Meta").getRange("B7").values = [["{not json"]]));
    await expect(locateScorecard(run)).rejects.toThrow(/very hidden sheet "AS_Meta", key "criteria"/);
  });

  it("metadata from a newer schema version: NewerSchema, nothing changed", async () => {
    const { sim, run, edit } = await setUp();
    await edit(
      (c) =>
        (c.workbook.worksheets.getItem("AS_Meta").getRange("B1").values = [[String(SCHEMA_VERSION + 1)]]),
    );
    const before = snapshot(sim);
    await expect(locateScorecard(run)).rejects.toMatchObject({ code: "NewerSchema" });
    expect(snapshot(sim)).toBe(before);
  });

  it("a weight typed as text in the Weights sheet is named with its row", async () => {
    const { run, location, edit } = await setUp();
    await edit((c) => (c.workbook.worksheets.getItem("Weights").getRange("D3").values = [["'a lot"]]));
    await expect(readScorecard(run, location)).rejects.toThrow(
      /weight of criterion "Strategic alignment" \(sheet "Weights", row 3\)/,
    );
  });

  it("a sync that fails mid-way through adding agreements is reported as Excel's failure", async () => {
    const { sim, run, data } = await setUp();
    sim.failSync(1);
    await expect(
      upsertAgreements(run, data, [{ id: "NEW", name: "New" }], { author: "Tester" }),
    ).rejects.toBeTruthy();
    const after = await readScorecard(run, data.location);
    expect(after.agreements.map((a) => a.id)).not.toContain("NEW");
  });
});

describe("record tables deleted by hand", () => {
  it("the Profiles and Audit tables both deleted: the read stops with TableMissing naming the Profiles table (no endless retry)", async () => {
    const { run, data, edit } = await setUp();
    await saveProfile(run, data, { name: "P", author: "Ana", weights: equalWeights(data) });
    await edit((c) => {
      c.workbook.tables.getItem("ScorecardProfiles").delete();
      c.workbook.worksheets.getItem("Audit").protection.unprotect();
      c.workbook.tables.getItem("ScorecardAudit").delete();
    });
    const error = await readScorecard(run, (await locateScorecard(run))!).catch((e) => e);
    expect(error).toMatchObject({ code: "TableMissing", place: { table: "ScorecardProfiles" } });
    expect(error.message).toMatch(/The table "ScorecardProfiles" .* is gone/);
  });
});

describe("schema migrations", () => {
  it("a workbook written with schema 1 (no role headers in its metadata) is read as the current schema", async () => {
    const { run, edit } = await setUp();
    // Schema 1 had no "columns" key: blank it, and mark the version 1.
    await edit((c) => {
      const meta = c.workbook.worksheets.getItem("AS_Meta");
      meta.getRange("B1").values = [["'1"]];
      meta.getRange("A8:B8").values = [["", ""]];
    });
    const location = (await locateScorecard(run))!;
    expect(location.meta.schemaVersion).toBe(SCHEMA_VERSION);
    expect(location.meta.columns).toMatchObject({ id: "ID", name: "Agreement", score: "Weighted score" });
    const data = await readScorecard(run, location);
    expect(data.agreements).toHaveLength(10);
  });

  it("a schema 2 workbook (one analyst, no Reviews or Audit table) is read as schema 3 and upgraded by its first write", async () => {
    const { sim, run, edit } = await setUp();
    // Schema 2 had none of the team keys and no Audit sheet.
    await edit((c) => {
      const meta = c.workbook.worksheets.getItem("AS_Meta");
      meta.getRange("B1").values = [["'2"]];
      meta.getRange("A14:B21").values = Array.from({ length: 8 }, () => ["", ""]);
      c.workbook.worksheets.getItem("Audit").protection.unprotect();
      c.workbook.worksheets.getItem("Audit").delete();
    });
    const location = (await locateScorecard(run))!;
    expect(location.meta).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      mode: "single",
      consensusMethod: "mean",
      sdThreshold: 1,
      reviews: null,
      audit: null,
    });
    const data = await readScorecard(run, location);
    expect(data.issues).toEqual([]);
    await writeWeights(run, data, { threat_response: 2 }, { author: "Ana" });
    // The first write starts the Audit sheet and rewrites the metadata whole, in schema 3.
    expect(sim.inspect.values("AS_Meta", "B1")).toEqual([[String(SCHEMA_VERSION)]]);
    const after = await readScorecard(run, (await locateScorecard(run))!);
    expect(after.location.meta.audit).toEqual({ sheet: "Audit", table: "ScorecardAudit" });
    expect(after.audit.map((e) => [e.who, e.what, e.subject, e.before, e.after])).toEqual([
      ["Ana", "audit trail started", "", "", expect.stringMatching(/was missing/)],
      ["Ana", "weight", "Threat response", "1", "2"],
    ]);
  });
});
