/**
 * Indicator columns in an imported list (issue 16, agreements/importIndicators.ts): headed
 * "Criterion / Indicator" or by a suggested indicator's id, they give the criterion its indicators
 * and the agreements their indicator scores; errors name the row and the column.
 */
import { importCsv } from "../../src/workbook/agreements/import";
import { addImportedIndicators } from "../../src/workbook/agreements/importIndicators";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { newWorkbook } from "./helpers";
import { expectWorkbookMatchesModel, readNow } from "./indicator-support";

const HEAD = "ID,Agreement,Strategic alignment,Capability enhancement,Threat response";
const OPS = [
  "Operational efficiency / Joint exercises and interoperability",
  "operational_efficiency / shared_logistics",
  "Operational efficiency / Budget transparency",
];

describe("indicator columns in an imported CSV", () => {
  it("take suggested indicators by name or id, make new ones, and keep their scores", () => {
    const csv = [`${HEAD},${OPS.join(",")}`, "A1,Pact,3,4,5,4,,2", "A2,Accord,2,2,2,1,5,"].join("\n");
    const { config, agreements } = importCsv(csv, { missingPolicy: "renormalize" });
    const op = config.criteria.find((c) => c.id === "operational_efficiency")!;
    expect(op.indicators!.map((i) => [i.id, i.name, i.localWeight])).toEqual([
      ["joint_exercises", "Joint exercises and interoperability", 1],
      ["shared_logistics", "Shared logistics and resources", 1],
      ["budget_transparency", "Budget transparency", 1],
    ]);
    expect(op.indicators![0].anchors).toHaveLength(5);
    expect(agreements![0].indicatorScores).toEqual({
      joint_exercises: 4,
      shared_logistics: null,
      budget_transparency: 2,
    });
    expect(agreements![0].scores).toEqual({
      strategic_alignment: 3,
      capability_enhancement: 4,
      threat_response: 5,
    });
  });

  it("takes a suggested indicator's id alone as its header", () => {
    const { config, agreements } = importCsv(`ID,Agreement,intelligence_sharing\nA1,Pact,4`);
    expect(config.criteria[3].indicators!.map((i) => i.id)).toEqual(["intelligence_sharing"]);
    expect(agreements![0].indicatorScores).toEqual({ intelligence_sharing: 4 });
  });

  it("refuses a criterion scored both directly and through indicators, and an off-scale indicator score", () => {
    expect(() => importCsv(`ID,Agreement,Operational efficiency,${OPS[0]}\nA1,Pact,3,4`)).toThrow(
      /column 3 "Operational efficiency" scores criterion "Operational efficiency" directly, but other columns score it through its indicators/,
    );
    expect(() => importCsv(`ID,Agreement,${OPS[0]}\nA1,Pact,7`)).toThrow(
      /^Row 2, column "Operational efficiency \/ Joint exercises and interoperability": "7" is not a score on the scale 1–5/,
    );
    expect(() => importCsv(`ID,Agreement,Nothing / Else\nA1,Pact,3`)).toThrow(
      /column 3 "Nothing \/ Else": unknown column/,
    );
  });

  it("builds a workbook whose criterion cells and scores are the model's", async () => {
    const csv = [
      `${HEAD},${OPS.join(",")}`,
      "A1,Pact,3,4,5,4,,2",
      "A2,Accord,2,2,2,1,5,",
      "A3,Memo,1,1,1,,,",
    ].join("\n");
    const created = importCsv(csv, { missingPolicy: "zero" });
    const { sim, run } = newWorkbook();
    await createScorecard(run, created);
    await addImportedIndicators(run, created);
    const data = await readNow(run);
    expect(data.agreements.map((a) => a.indicatorScores)).toEqual(
      created.agreements!.map((a) => a.indicatorScores),
    );
    expectWorkbookMatchesModel(data, (row) => sim.inspect.values("Scorecard", `F${row}`)[0][0]);
  });
});
