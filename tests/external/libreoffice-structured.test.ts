/**
 * Structured references in an exported .xlsx are computed by LibreOffice as excel-sim computes
 * them: every form the product uses (Table[Col], Table[[#Data],[Col]], Table[[#Headers],[Col]],
 * Table[#Data], Table[], Table[[A]:[B]], [@Col], [@[Col name]], Table[@Col]) is written in the
 * file's form (ECMA-376 has no "@": `[@Col]` is stored as `Table[[#This Row],[Col]]`, as Excel
 * writes it), every cached result is poisoned, and LibreOffice recalculates on load.
 * LibreOffice is required, never skipped (see libreoffice.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import JSZip from "jszip";
import { createWorkbook } from "../../src/excel-sim";
import { exportXlsx } from "../../src/excel-sim/export";
import {
  CSV_ALL_SHEETS,
  makeProfile,
  POISON,
  poisonCaches,
  requireTool,
  sheetCsv,
  soffice,
} from "./support/libreoffice";

jest.setTimeout(240_000);

let work: string;

beforeAll(() => {
  requireTool("tests/external/libreoffice-structured.test.ts", "soffice", ["--version"], "libreoffice-calc");
  work = mkdtempSync(join(tmpdir(), "as-structured-"));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("LibreOffice computes the exported structured references as excel-sim does", async () => {
  const sim = createWorkbook({ sheets: ["Data", "Calc"] });
  await sim.run(async (context) => {
    const s = context.workbook.worksheets.getItem("Data");
    s.getRange("A1:G1").values = [["ID", "Score", "Wt", "Col name", "Odd #", "Weighted", "Rank"]];
    s.getRange("A2:E6").values = [
      ["a", 10, 1, 100, 7],
      ["b", 40, 2, 200, 8],
      ["c", 30, 3, 300, 9],
      ["d", 40, 4, 400, 10],
      ["e", 25, 5, 500, 11],
    ];
    s.tables.add("A1:G6", true).name = "Scores";
    s.getRange("F2:G6").formulas = [1, 2, 3, 4, 5].map(() => [
      "=[@Score]*[@Wt]+[@[Col name]]+[@[Odd '#]]",
      "=RANK([@Score],Scores[Score])+Scores[@Wt]/10",
    ]);
    context.workbook.names.add("TopScore", "=MAX(Scores[Score])");
    context.workbook.worksheets.getItem("Calc").getRange("A1:A12").formulas = [
      ["=SUM(Scores[Score])"],
      ["=SUM(Scores[[Score]])"],
      ["=SUM(Scores[[#Data],[Score]])"],
      ["=Scores[[#Headers],[Wt]]"],
      ["=ROWS(Scores[#Data])"],
      ["=COLUMNS(Scores[])"],
      ["=SUM(Scores[[Score]:[Wt]])"],
      ["=SUM(Scores[Weighted])"],
      ["=SUMPRODUCT(Scores[Score],Scores[Wt])"],
      ["=TopScore"],
      ["=SUM(scores[col NAME])"],
      ['=COUNTIF(Scores[#All],"*e*")'],
    ];
  });
  const exported = await exportXlsx(sim);

  // The file holds the structured references in Excel's file form.
  const zip = await JSZip.loadAsync(exported);
  const xml = (
    await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
        .map((p) => zip.file(p)!.async("string")),
    )
  )
    .join("\n")
    // An apostrophe needs no escaping in element text; the exporter may write it either way.
    .replace(/&apos;/g, "'");
  expect(xml).toContain(
    "<f>Scores[[#This Row],[Score]]*Scores[[#This Row],[Wt]]+Scores[[#This Row],[Col name]]+Scores[[#This Row],[Odd '#]]</f>",
  );
  expect(xml).toContain("<f>RANK(Scores[[#This Row],[Score]],Scores[Score])+Scores[[#This Row],[Wt]]/10</f>");
  expect(xml).toContain("<f>SUM(Scores[[#Data],[Score]])</f>");

  const { bytes, poisoned } = await poisonCaches(exported);
  expect(poisoned).toBe(22);
  const file = join(work, "structured.xlsx");
  writeFileSync(file, bytes);
  const out = join(work, "csv");
  soffice(makeProfile(work, "profile-recalc", true), CSV_ALL_SHEETS, out, [file]);

  const asNumberOrText = (x: string) => (x !== "" && Number.isFinite(Number(x)) ? Number(x) : x);
  const data = sheetCsv(out, "structured", "Data")
    .slice(1, 6)
    .map((r) => r.slice(5, 7).map(asNumberOrText));
  const calc = sheetCsv(out, "structured", "Calc")
    .slice(0, 12)
    .map((r) => asNumberOrText(r[0]));
  expect(JSON.stringify([data, calc])).not.toContain(String(POISON));
  expect(data).toEqual(sim.inspect.values("Data", "F2:G6"));
  expect(calc).toEqual(sim.inspect.values("Calc", "A1:A12").map((r) => r[0]));
  // and the values are the ones Excel's rules give
  expect(calc.slice(0, 7)).toEqual([145, 145, 145, "Wt", 5, 7, 160]);
});
