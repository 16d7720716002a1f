/**
 * Column outlines (Range.group / ungroup "ByColumns", ExcelApi 1.10): per-column levels that nest,
 * follow inserted and deleted columns as widths do, stop at Excel's eight levels, and are written
 * to the .xlsx as `<col outlineLevel>` with `<sheetFormatPr outlineLevelCol>`.
 */
import JSZip from "jszip";
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { columnWidthChars, exportXlsx } from "../../src/excel-sim/export";
import { codeOf } from "./support";

const levels = (sim: SimWorkbook, columns: string[]) =>
  columns.map((c) => sim.inspect.columnOutlineLevel("S", c));

async function on(sim: SimWorkbook, batch: (sheet: Excel.Worksheet) => void) {
  await sim.run(async (context) => {
    batch(context.workbook.worksheets.getItem("S"));
    await context.sync();
  });
}

describe("column outline", () => {
  it("groups nest one level per call and ungroup takes one level out, from any range's columns", async () => {
    const sim = createWorkbook({ sheets: ["S"] });
    await on(sim, (s) => {
      s.getRange("B:E").group("ByColumns");
      // A cell range groups the columns it spans, as Excel does.
      s.getRange("C2:D9").group("ByColumns");
    });
    expect(levels(sim, ["A", "B", "C", "D", "E", "F"])).toEqual([0, 1, 2, 2, 1, 0]);
    await on(sim, (s) => s.getRange("B:D").ungroup("ByColumns"));
    expect(levels(sim, ["A", "B", "C", "D", "E", "F"])).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it("levels follow whole columns inserted and deleted, like widths; table-row shifts leave them", async () => {
    const sim = createWorkbook({ sheets: ["S"] });
    await on(sim, (s) => {
      s.getRange("C:D").group("ByColumns");
      s.getRange("A:A").insert("Right");
    });
    expect(levels(sim, ["C", "D", "E", "F"])).toEqual([0, 1, 1, 0]);
    await on(sim, (s) => s.getRange("D:D").delete("Left"));
    expect(levels(sim, ["C", "D", "E"])).toEqual([0, 1, 0]);
    // Cells shifted inside a few rows move no column, so no level moves either.
    await on(sim, (s) => s.getRange("A1:A3").insert("Right"));
    expect(levels(sim, ["C", "D", "E"])).toEqual([0, 1, 0]);
  });

  it("refuses a ninth level, ungrouping where nothing is grouped, entire rows and row outlines", async () => {
    const sim = createWorkbook({ sheets: ["S"] });
    await on(sim, (s) => {
      for (let k = 0; k < 8; k++) s.getRange("C:C").group("ByColumns");
    });
    expect(levels(sim, ["C"])).toEqual([8]);
    expect(await codeOf(on(sim, (s) => s.getRange("B:C").group("ByColumns")))).toBe("InvalidOperation");
    // The refused action applied nothing, not even to B.
    expect(levels(sim, ["B", "C"])).toEqual([0, 8]);
    expect(await codeOf(on(sim, (s) => s.getRange("E:F").ungroup("ByColumns")))).toBe("InvalidOperation");
    expect(await codeOf(on(sim, (s) => s.getRange("3:4").group("ByColumns")))).toBe("InvalidArgument");
    expect(await codeOf(on(sim, (s) => s.getRange("3:4").group("ByRows")))).toBe("GeneralException");
    // Partly grouped: only the grouped columns go out a level.
    await on(sim, (s) => s.getRange("C:D").ungroup("ByColumns"));
    expect(levels(sim, ["C", "D"])).toEqual([7, 0]);
  });

  it("a protected sheet refuses grouping", async () => {
    const sim = createWorkbook({ sheets: ["S"] });
    await on(sim, (s) => s.protection.protect());
    expect(await codeOf(on(sim, (s) => s.getRange("B:C").group("ByColumns")))).toBe("AccessDenied");
    expect(levels(sim, ["B"])).toEqual([0]);
  });

  it("is exported as <col outlineLevel> and <sheetFormatPr outlineLevelCol>, no column marked collapsed", async () => {
    const sim = createWorkbook({ sheets: ["S"] });
    await on(sim, (s) => {
      s.getRange("A1:F1").values = [["a", "b", "c", "d", "e", "f"]];
      s.getRange("C:D").group("ByColumns");
      s.getRange("D:D").group("ByColumns");
      s.getRange("D:D").format.columnWidth = 90;
    });
    const zip = await JSZip.loadAsync(await exportXlsx(sim));
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const cols = [...xml.matchAll(/<col [^>]*\/>/g)].map((m) => m[0]);
    const attr = (col: string, name: string) => col.match(new RegExp(`${name}="([^"]*)"`))?.[1];
    const c = cols.find((x) => attr(x, "min") === "3")!;
    const d = cols.find((x) => attr(x, "min") === "4")!;
    expect([attr(c, "max"), attr(c, "outlineLevel"), attr(d, "outlineLevel")]).toEqual(["3", "1", "2"]);
    // A column only grouped keeps Excel's standard width (48 pt), not exceljs's own default.
    expect(Number(attr(c, "width"))).toBeCloseTo(columnWidthChars(48), 3);
    expect(Number(attr(d, "width"))).toBeCloseTo(columnWidthChars(90), 3);
    expect(xml).not.toMatch(/collapsed="1"/);
    expect(xml).toMatch(/<sheetFormatPr [^>]*outlineLevelCol="2"/);
  });
});
