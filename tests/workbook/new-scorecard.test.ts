import { attachScorecard } from "../../src/workbook/scorecard/attach";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { defaultConfig, newWorkbook, TREATIES_ATTACH } from "./helpers";

const NOW = new Date("2026-03-01T09:30:00.000Z");

describe("a new, empty scorecard", () => {
  it("shows nothing in its placeholder row's Coverage, Weighted score and Rank", async () => {
    const { sim, run } = newWorkbook();
    await createScorecard(run, { config: defaultConfig() });
    expect(sim.inspect.values("Scorecard", "J2:L2")).toEqual([["", "", ""]]);
    expect(sim.inspect.texts("Scorecard", "J2")[0][0]).toBe("");
  });

  it("counts coverage once the row has an ID or a score, as k/n", async () => {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, { config: defaultConfig() });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Scorecard").getRange("A2").values = [["A-1"]];
      await context.sync();
    });
    expect(sim.inspect.texts("Scorecard", "J2")[0][0]).toBe("0/4");
    sim.userEdit("Scorecard", "A2", "");
    sim.userEdit("Scorecard", "G2", 3);
    expect(sim.inspect.texts("Scorecard", "J2")[0][0]).toBe("1/4");
    // The row is an agreement now, so the read asks for its ID; its Coverage is as computed.
    const data = await readScorecard(run, location);
    expect(data.issues.map((i) => i.address)).toEqual(["A2"]);
  });

  it("keeps agreements added through the pane on k/n, and its formulas verify", async () => {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, { config: defaultConfig() });
    const data = await readScorecard(run, location);
    await upsertAgreements(run, data, [{ id: "A-1", name: "NATO", scores: { strategic_alignment: 4 } }], {
      author: "Ana",
    });
    expect(sim.inspect.texts("Scorecard", "J2")[0][0]).toBe("1/4");
    expect((await readScorecard(run, location)).issues).toEqual([]);
  });

  it("starts its Audit trail with a 'scorecard created' entry saying who and when, not a blank row", async () => {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, { config: defaultConfig(), author: "Ana", now: NOW });
    const audit = sim.inspect.tables().find((t) => t.sheet === "Audit")!;
    expect(audit.rowCount).toBe(1);
    const [first] = sim.inspect.values("Audit", "A2:G2");
    expect(first).toEqual([
      NOW.toISOString(),
      "Ana",
      "scorecard created",
      "",
      "",
      "",
      expect.stringMatching(/4 criteria/),
    ]);
    const data = await readScorecard(run, location);
    expect(data.audit.map((e) => e.what)).toEqual(["scorecard created"]);
    expect(data.issues).toEqual([]);
  });

  it("appends the first change right below that entry, with no blank row between", async () => {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, { config: defaultConfig(), author: "Ana", now: NOW });
    const data = await readScorecard(run, location);
    await upsertAgreements(run, data, [{ id: "A-1", name: "NATO", scores: {} }], { author: "Ben" });
    const rows = sim.inspect.values("Audit", "A2:C4");
    expect(rows.map((r) => r[2])).toEqual(["scorecard created", "agreement added", ""]);
    expect(rows[1][1]).toBe("Ben");
  });

  it("on attach too, naming the table it was attached to", async () => {
    const { sim, run } = newWorkbook(["Agreements"]);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Agreements");
      sheet.getRange("A1:F2").values = [
        ["Treaty", "Year", "Ops", "Strategy", "Cap", "Threats"],
        ["NATO", 1949, 4, 4, 4, 4],
      ];
      sheet.tables.add(sheet.getRange("A1:F2"), true).name = "Treaties";
      await context.sync();
    });
    await attachScorecard(run, {
      ...TREATIES_ATTACH,
      columns: { name: "Treaty", signed: "Year" },
      author: "Ana",
      now: NOW,
    });
    const [first] = sim.inspect.values("Audit", "A2:G2");
    expect(first.slice(0, 3)).toEqual([NOW.toISOString(), "Ana", "scorecard created"]);
    expect(String(first[6])).toMatch(/table "Treaties"/);
  });
});
