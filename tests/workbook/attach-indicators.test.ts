/**
 * Attaching to a user's table whose columns already score indicators (issue 16): "Criterion /
 * Indicator" columns mapped under their criterion are adopted as they are, the criterion's own
 * column (inserted where the table has none) gets the live formula over them, and nothing the user
 * typed changes unconfirmed.
 */
import { attachScorecard, type AttachOptions } from "../../src/workbook/scorecard/attach";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { WorkbookError } from "../../src/workbook/errors";
import { switchToTeam } from "../../src/workbook/team/mode";
import type { ExcelRun } from "../../src/workbook/run";
import { addUserTable, INDICATOR_ATTACH, INDICATOR_HEADERS } from "./attach-support";
import { newWorkbook } from "./helpers";
import { modelResults, readNow, typeCells } from "./indicator-support";

const HEADERS = INDICATOR_HEADERS;
const ROWS = [
  ["NATO", 5, 4, 4.5, 4, 5],
  ["ANZUS", 3, "", 3.5, 3, 2],
  ["Rio Treaty", 2, 1, 2, "", 1],
];

async function userWorkbook(headers = HEADERS) {
  const { sim, run } = newWorkbook(["Agreements"]);
  await addUserTable(run, [headers, ...ROWS]);
  await run(async (context) => {
    context.workbook.worksheets.getItem("Agreements").getRange("A7").values = [["a note below the table"]];
    await context.sync();
  });
  return { sim, run };
}

const OPTIONS = INDICATOR_ATTACH;

async function refusal(promise: Promise<unknown>): Promise<WorkbookError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookError);
  return error as WorkbookError;
}

describe("attachScorecard with indicator columns", () => {
  it("adopts the indicator columns as they are and computes what the two-level model computes", async () => {
    const { sim, run } = await userWorkbook();
    await attachScorecard(run, { ...OPTIONS, confirmDataLoss: true });
    const table = sim.inspect.tables().find((t) => t.name === "Treaties")!;
    // "Ops" had no column: it is inserted before its first indicator; the rest are appended.
    expect(table.columns.slice(0, 7)).toEqual(["Treaty", "Ops", ...HEADERS.slice(1)]);
    // The indicator columns keep the user's cells.
    // The header band is a row inserted above the table: the table and the note below it moved
    // down one row, and the band names each criterion over its columns.
    expect(sim.inspect.values("Agreements", "A1:H1")[0]).toEqual(["", "Ops", "", "", "", "Threats", "", ""]);
    expect(sim.inspect.values("Agreements", "C3:D5")).toEqual(ROWS.map((r) => r.slice(1, 3)));
    expect(sim.inspect.values("Agreements", "G3:G5")).toEqual(ROWS.map((r) => [r[5]]));
    expect(sim.inspect.values("Agreements", "A8")).toEqual([["a note below the table"]]);

    const data = await readNow(run);
    expect(data.issues).toEqual([]);
    const [ops, strategy, threats] = data.config.criteria;
    expect(ops.indicators!.map((i) => [i.name, i.localWeight, i.definition ?? ""])).toEqual([
      ["Exercises", 3, ""],
      ["Logistics", 1, "Shared depots and fuel."],
    ]);
    expect(strategy.indicators).toBeUndefined();
    expect(threats.indicators!.map((i) => i.name)).toEqual(["Warning"]);
    expect(data.agreements.map((a) => Object.values(a.indicatorScores ?? {}))).toEqual([
      [5, 4, 5],
      [3, null, 2],
      [2, 1, 1],
    ]);
    // The criterion cells are live formulas over the indicators: Ops of ANZUS is Exercises alone.
    expect(sim.inspect.formulas("Agreements", "B3")[0][0]).toMatch(/^=/);
    expect(data.agreements.map((a) => a.scores[ops.id])).toEqual([(5 * 3 + 4) / 4, 3, (2 * 3 + 1) / 4]);
    const model = modelResults(data);
    data.computed.forEach((row, i) => {
      expect(row.score).toBeCloseTo(model[i].score!, 9);
      expect(row.rank).toBe(model[i].rank);
    });
  });

  it("audits the attach, each adopted indicator, and each typed score its criterion's formula replaced", async () => {
    const { run } = await userWorkbook();
    await attachScorecard(run, { ...OPTIONS, confirmDataLoss: true });
    const audit = (await readNow(run)).audit;
    const added = audit.filter((e) => e.what === "indicator added");
    expect(added.map((e) => [e.subject, e.after])).toEqual([
      ["Ops / Exercises", "id exercises, local weight 3, scored in the table's existing column of that name"],
      ["Ops / Logistics", "id logistics, local weight 1, scored in the table's existing column of that name"],
      ["Threats / Warning", "id warning, local weight 1, scored in the table's existing column of that name"],
    ]);
    // Threats held NATO's 4 and ANZUS's 3; Rio's cell was empty.
    expect(audit.filter((e) => e.what === "score").map((e) => [e.agreementId, e.subject, e.before])).toEqual([
      ["A-1", "Threats", "4"],
      ["A-2", "Threats", "3"],
    ]);
  });

  it("refuses, before writing anything, to replace what a criterion's own column holds unless confirmed", async () => {
    const { sim, run } = await userWorkbook();
    const error = await refusal(attachScorecard(run, OPTIONS));
    expect(error.code).toBe("WouldOverwrite");
    expect(error.message).toContain('Column "Threats" holds 2 value(s)');
    expect(error.place).toMatchObject({ sheet: "Agreements", table: "Treaties", column: "Threats" });
    expect(await locateScorecard(run)).toBeNull();
    expect(sim.inspect.tables().find((t) => t.name === "Treaties")!.columns).toEqual(HEADERS);
    expect(sim.inspect.sheetNames()).toEqual(["Agreements"]);
  });

  it("needs no consent when the criterion's own column is empty", async () => {
    const { run } = await userWorkbook();
    await typeCells(run, { E2: "", E3: "" }, "Agreements");
    await attachScorecard(run, OPTIONS);
    expect((await readNow(run)).config.criteria[2].indicators).toHaveLength(1);
  });

  it("refuses, naming the column, an indicator header that does not read 'Criterion / Indicator'", async () => {
    const { sim, run } = await userWorkbook([
      "Treaty",
      "Ops/Exercises",
      "Ops / Logistics",
      "Strategy",
      "Threats",
      "Threats / Warning",
    ]);
    const options: AttachOptions = {
      ...OPTIONS,
      criteria: [
        { header: "Ops", weight: 1, indicators: [{ header: "Ops/Exercises", weight: 1 }] },
        { header: "Strategy", weight: 1 },
      ],
    };
    const error = await refusal(attachScorecard(run, options));
    expect(error.code).toBe("InvalidInput");
    expect(error.message).toContain('Column "Ops/Exercises" is mapped as an indicator of "Ops"');
    expect(error.place.column).toBe("Ops/Exercises");
    expect(await locateScorecard(run)).toBeNull();
    expect(sim.inspect.sheetNames()).toEqual(["Agreements"]);
  });

  it("refuses an indicator column mapped twice, and one that is missing", async () => {
    const { run } = await userWorkbook();
    const twice = await refusal(
      attachScorecard(run, {
        ...OPTIONS,
        criteria: [
          { header: "Ops", weight: 1, indicators: [{ header: "Ops / Exercises", weight: 1 }] },
          { header: "Ops / Exercises", weight: 1 },
        ],
      }),
    );
    expect(twice.message).toContain('"ops / exercises" is mapped twice');
    const missing = await refusal(
      attachScorecard(run, {
        ...OPTIONS,
        criteria: [{ header: "Ops", weight: 1, indicators: [{ header: "Ops / Readiness", weight: 1 }] }],
      }),
    );
    expect(missing.code).toBe("ColumnMissing");
    expect(missing.place.column).toBe("Ops / Readiness");
    expect(await locateScorecard(run)).toBeNull();
  });

  it("takes suggested indicators' ids, definitions and anchors (on the scale) where the names match", async () => {
    const { run } = await userWorkbook([
      "Treaty",
      "Operational efficiency / Joint exercises and interoperability",
      "Operational efficiency / Shared logistics and resources",
      "Strategy",
      "Threats",
      "Threats / Warning",
    ]);
    await attachScorecard(run, {
      ...OPTIONS,
      scale: { min: 0, max: 10 },
      criteria: [
        {
          header: "Operational efficiency",
          weight: 1,
          indicators: [
            { header: "Operational efficiency / Joint exercises and interoperability", weight: 1 },
            { header: "Operational efficiency / Shared logistics and resources", weight: 1 },
          ],
        },
        { header: "Strategy", weight: 1 },
      ],
    });
    const [ops] = (await readNow(run)).config.criteria;
    expect(ops.id).toBe("operational_efficiency");
    expect(ops.indicators!.map((i) => i.id)).toEqual(["joint_exercises", "shared_logistics"]);
    expect(ops.indicators![0].definition).toMatch(/train together/);
    expect(ops.indicators![0].anchors!.map((a) => a.value)).toEqual([0, 2.5, 5, 7.5, 10]);
  });
});

/** An attached scorecard whose user then adds a column "Strategy / Alliances" by hand, with scores. */
async function withAlliancesColumn() {
  const { sim, run } = await userWorkbook();
  await attachScorecard(run, { ...OPTIONS, confirmDataLoss: true });
  await run(async (context) => {
    const table = context.workbook.tables.getItem("Treaties");
    table.columns.add(undefined, [["Strategy / Alliances"], [2], [4], [""]]);
    await context.sync();
  });
  const alliancesCells = () => {
    const at = sim.inspect
      .tables()
      .find((t) => t.name === "Treaties")!
      .columns.indexOf("Strategy / Alliances");
    const column = String.fromCharCode(65 + at);
    // Below the header band's row.
    return sim.inspect.values("Agreements", `${column}3:${column}5`);
  };
  return { sim, run, alliancesCells };
}

/** Gives criterion number `k` the one indicator `name`, as the pane does after asking (confirmed). */
async function addIndicator(run: ExcelRun, k: number, id: string, name: string) {
  const before = await readNow(run);
  const indicators = [{ id, name, localWeight: 1 }];
  await setIndicators(run, before, before.config.criteria[k].id, indicators, {
    author: "Analyst",
    confirmDataLoss: true,
  });
}

describe("setIndicators adopts a user's column named for the new indicator", () => {
  it("scores the indicator from the column's cells", async () => {
    const { sim, run, alliancesCells } = await withAlliancesColumn();
    await addIndicator(run, 1, "alliances", "Alliances");
    const data = await readNow(run);
    expect(data.agreements.map((a) => a.indicatorScores!.alliances)).toEqual([2, 4, null]);
    expect(data.agreements.map((a) => a.scores[data.config.criteria[1].id])).toEqual([2, 4, null]);
    const headers = sim.inspect.tables().find((t) => t.name === "Treaties")!.columns;
    expect(headers.filter((h) => h === "Strategy / Alliances")).toHaveLength(1);
    expect(alliancesCells()).toEqual([[2], [4], [""]]);
  });

  it("refuses a column the scorecard already reads, naming it", async () => {
    const headers = [...HEADERS];
    headers[4] = "Strategy / Comment";
    const { run } = await userWorkbook(headers);
    // The user's notes column happens to be headed as an indicator of Strategy would be.
    await attachScorecard(run, {
      ...OPTIONS,
      columns: { name: "Treaty", notes: "Strategy / Comment" },
      criteria: [{ header: "Strategy", weight: 1 }],
    });
    const error = await refusal(addIndicator(run, 0, "comment", "Comment"));
    expect(error.code).toBe("InvalidInput");
    expect(error.message).toBe(
      'Column "Strategy / Comment" already exists in the Scorecard table; give the indicator another name.',
    );
    expect((await readNow(run)).config.criteria[0].indicators).toBeUndefined();
  });

  it("in team mode, refuses the column, which would take the consensus formula over what it holds", async () => {
    const { run, alliancesCells } = await withAlliancesColumn();
    await switchToTeam(run, await readNow(run), { reviewer: "Ana" });
    const error = await refusal(addIndicator(run, 1, "alliances", "Alliances"));
    expect(error.message).toContain('Column "Strategy / Alliances" already exists');
    expect(alliancesCells()).toEqual([[2], [4], [""]]);
  });
});
