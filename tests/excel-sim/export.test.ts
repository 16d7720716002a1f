/**
 * The .xlsx exporter: a workbook built through excel-sim's API is exported, then read back with
 * exceljs (cells, formulas and their cached results, tables, validation, visibility, widths) and by
 * unzipping the package (defined names, chart and drawing parts, relationships, content types).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { JSDOM } from "jsdom";
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { exportXlsx, fileFormula, filePrefix, columnWidthChars } from "../../src/excel-sim/export";

const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

const { DOMParser } = new JSDOM("").window;

function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`Not well-formed XML: ${error.textContent}`);
  return doc;
}

/** Children (any depth) of `node` in a namespace, by local name. */
function all(node: Document | Element, ns: string, local: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(ns, local));
}

function first(node: Document | Element, ns: string, local: string): Element {
  const e = all(node, ns, local)[0];
  if (!e) throw new Error(`No <${local}> in ${(node as Element).localName ?? "document"}`);
  return e;
}

/** `val` attribute of the first c:<local> under node. */
function cval(node: Document | Element, local: string): string | null {
  const e = all(node, C_NS, local)[0];
  return e ? e.getAttribute("val") : null;
}

/** Direct children of an element in a namespace, by local name. */
function children(node: Element, ns: string, local: string): Element[] {
  return Array.from(node.children).filter((c) => c.namespaceURI === ns && c.localName === local);
}

async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string) => {
    const f = zip.file(path);
    if (!f) throw new Error(`missing part ${path}; parts: ${Object.keys(zip.files).join(", ")}`);
    return f.async("string");
  };
  return { zip, text, xml: async (path: string) => parseXml(await text(path)) };
}

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

const DATA = [
  ["Agreement", "Operational", "Strategic", "Group"],
  ["Alpha", 30, 40, "x"],
  ["Beta", 20, 25, "y"],
  ["Gamma", 50, 10, "x"],
  ["Delta", 20, 35, "y"],
  ["Epsilon", 40, 45, "x"],
];

/** A workbook that uses everything the exporter writes, built through the Excel JavaScript API. */
async function sampleWorkbook(): Promise<SimWorkbook> {
  const sim = createWorkbook({ sheets: ["Data"] });
  await sim.run(async (context) => {
    const wb = context.workbook;
    const data = wb.worksheets.getItem("Data");
    data.getRange("A1:D6").values = DATA;
    const table = data.tables.add(data.getRange("A1:D6"), true);
    table.name = "Agreements";
    table.showFilterButton = false;
    // Column E is directly right of the table (writing there would expand it): formulas start at F.
    data.getRange("F1:F6").formulas = [
      ["Rank"],
      ["=RANK.EQ(B2,$B$2:$B$6)"],
      ["=RANK.EQ(B3,$B$2:$B$6)"],
      ["=RANK.EQ(B4,$B$2:$B$6)"],
      ["=RANK.EQ(B5,$B$2:$B$6)"],
      ["=RANK.EQ(B6,$B$2:$B$6)"],
    ];
    data.getRange("H1:H8").formulas = [
      ["=STDEV.S(B2:B6)"],
      ['=IFNA(NA(),"none")'],
      ["=NA()"],
      ["=B2>25"],
      ["=SUM(B2:B6)*Factor"],
      ['="Total: "&SUM(B2:B6)'],
      ['=IF(B2>100,"big","")'],
      ['=COUNTIF(D2:D6,"x")'],
    ];
    data.getRange("J1:J3").values = [["'=not a formula"], ["#N/A"], ["'@home"]];
    wb.names.add("Factor", "=0.5", "a constant");
    wb.names.add("Operational", data.getRange("B2:B6"));
    const hiddenName = wb.names.add("HiddenHelper", "=Data!$A$1");
    hiddenName.visible = false;

    data.getRange("B2:C6").numberFormat = Array.from({ length: 5 }, () => ["0.00", "0.0%"]);
    data.getRange("A1:D1").format.font.bold = true;
    data.getRange("A1:D1").format.fill.color = "#1F4E78";
    data.getRange("A1:D1").format.font.color = "#FFFFFF";
    data.getRange("A:A").format.columnWidth = 120;
    data.freezePanes.freezeRows(1);
    data.getRange("B2:C6").dataValidation.rule = {
      decimal: { formula1: 0, formula2: "=Factor*200", operator: "Between" },
    };
    data.getRange("B2:C6").dataValidation.errorAlert = {
      showAlert: true,
      style: "Stop",
      title: "Off the scale",
      message: "Enter 0 to 100.",
    };
    data.getRange("D2:D6").dataValidation.rule = { list: { inCellDropDown: true, source: "x,y,z" } };
    const cf = data.getRange("B2:B6").conditionalFormats.add("CellValue");
    cf.cellValue.format.fill.color = "#C6EFCE";
    cf.cellValue.rule = { formula1: "=35", operator: "GreaterThan" };

    const notes = wb.worksheets.add("Notes");
    notes.getRange("A1").values = [["hidden notes"]];
    notes.visibility = "Hidden";
    const secret = wb.worksheets.add("Secret");
    secret.getRange("A1:B1").values = [["schemaVersion", "1"]];
    secret.visibility = "VeryHidden";
    secret.tabColor = "#FF0000";

    const charts = wb.worksheets.add("My Charts");
    charts.getRange("A1:C6").formulas = [
      ["Agreement", "Operational", "Strategic"],
      ...[2, 3, 4, 5, 6].map((r) => [`=Data!A${r}`, `=Data!B${r}`, `=Data!C${r}`]),
    ];
    charts.showGridlines = false;
    const add = (type: string, address: string, from: string, to: string) => {
      const chart = charts.charts.add(type as Excel.ChartType, charts.getRange(address), "Columns");
      chart.setPosition(from, to);
      return chart;
    };
    const bar = add("BarClustered", "A1:B6", "E2", "L20");
    bar.name = "ScoreChart";
    bar.title.text = "Weighted score";
    bar.legend.visible = false;
    bar.axes.valueAxis.minimum = 0;
    bar.axes.valueAxis.maximum = 100;
    const stacked = add("BarStacked", "A1:C6", "E22", "L40");
    stacked.title.text = "Contribution";
    stacked.legend.position = "Bottom";
    const column = add("ColumnClustered", "A1:C6", "N2", "U20");
    column.title.text = "Columns";
    column.legend.position = "Right";
    const line = add("Line", "A1:C6", "N22", "U40");
    line.title.text = "Line";
    const radar = add("Radar", "A1:C6", "W2", "AD20");
    radar.title.text = "Profile";
    radar.legend.position = "Top";
    // Literal series names (series.name), as the product's radar does.
    radar.series.getItemAt(0).name = "1st place";
    const scatter = add("XYScatter", "B1:C6", "W22", "AD40");
    scatter.title.text = "Scatter";
    data.activate();
  });
  return sim;
}

describe("exportXlsx", () => {
  let sim: SimWorkbook;
  let bytes: Uint8Array;
  let book: ExcelJS.Workbook;

  beforeAll(async () => {
    sim = await sampleWorkbook();
    bytes = await exportXlsx(sim, { date: new Date("2024-01-15T00:00:00Z") });
    book = await readBack(bytes);
  });

  test("returns the bytes of a zip package", () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  test("sheets in tab order with their visibility, including very hidden", () => {
    expect(book.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Data", "visible"],
      ["Notes", "hidden"],
      ["Secret", "veryHidden"],
      ["My Charts", "visible"],
    ]);
    expect(book.getWorksheet("Secret")!.properties.tabColor).toEqual({ argb: "FFFF0000" });
  });

  test("values: numbers, text, booleans, errors; user text stays text", () => {
    const ws = book.getWorksheet("Data")!;
    expect(ws.getCell("A2").value).toBe("Alpha");
    expect(ws.getCell("B4").value).toBe(50);
    expect(ws.getCell("J1").value).toBe("=not a formula");
    expect(ws.getCell("J1").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("J2").value).toEqual({ error: "#N/A" });
    expect(ws.getCell("J3").value).toBe("@home");
  });

  test("formulas keep their computed results as cached values, with _xlfn. prefixes for newer functions", () => {
    const ws = book.getWorksheet("Data")!;
    const cell = (a: string) => ws.getCell(a).value as { formula: string; result: unknown };
    expect(cell("F2")).toEqual({ formula: "_xlfn.RANK.EQ(B2,$B$2:$B$6)", result: 3 });
    expect(cell("F3").result).toBe(4);
    expect(cell("F5").result).toBe(4);
    expect(cell("F4").result).toBe(1);
    expect(cell("H1").formula).toBe("_xlfn.STDEV.S(B2:B6)");
    expect(cell("H1").result as number).toBeCloseTo(Math.sqrt(170), 12);
    expect(cell("H2")).toEqual({ formula: '_xlfn.IFNA(NA(),"none")', result: "none" });
    expect(cell("H3")).toEqual({ formula: "NA()", result: { error: "#N/A" } });
    expect(cell("H4")).toEqual({ formula: "B2>25", result: true });
    expect(cell("H5")).toEqual({ formula: "SUM(B2:B6)*Factor", result: 80 });
    expect(cell("H6")).toEqual({ formula: '"Total: "&SUM(B2:B6)', result: "Total: 160" });
    expect(cell("H7").formula).toBe('IF(B2>100,"big","")');
    expect(cell("H8")).toEqual({ formula: 'COUNTIF(D2:D6,"x")', result: 3 });
    // The sheet-qualified formulas of another sheet resolve against the data they point at.
    expect(book.getWorksheet("My Charts")!.getCell("B4").value).toEqual({ formula: "Data!B4", result: 50 });
  });

  test("cached results are fresh even when the model had not evaluated the formulas yet", async () => {
    const fresh = createWorkbook({ sheets: ["S"] });
    await fresh.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.getRange("A1:A3").formulas = [["1"], ["2"], ["=A1+A2"]];
    });
    await fresh.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [[40]];
    });
    const ws = (await readBack(await exportXlsx(fresh))).getWorksheet("S")!;
    expect(ws.getCell("A3").value).toEqual({ formula: "A1+A2", result: 42 });
  });

  test("formulaResults: false stores formulas without cached values", async () => {
    const { text } = await unzip(await exportXlsx(sim, { formulaResults: false }));
    const sheet = await text("xl/worksheets/sheet1.xml");
    expect(sheet).toContain("<f>_xlfn.RANK.EQ(B2,$B$2:$B$6)</f>");
    expect(sheet).not.toMatch(/<\/f><v>/);
  });

  test("tables keep their names, header rows, style; filter buttons off when the table has none", async () => {
    const ws = book.getWorksheet("Data")!;
    const table = ws.getTable("Agreements") as unknown as {
      table: { name: string; tableRef: string; headerRow: boolean; columns: { name: string }[] };
    };
    expect(table.table.name).toBe("Agreements");
    expect(table.table.tableRef).toBe("A1:D6");
    expect(table.table.headerRow).toBe(true);
    expect(table.table.columns.map((c) => c.name)).toEqual(DATA[0]);
    const { text } = await unzip(bytes);
    const part = await text("xl/tables/table1.xml");
    expect(part).toContain('name="Agreements"');
    expect(part).toContain('headerRowCount="1"');
    expect(part).toContain('<tableStyleInfo name="TableStyleMedium2"');
    expect(part).not.toContain("<autoFilter");
  });

  test("defined names of every kind: ranges, constants, comments, hidden", async () => {
    const { xml } = await unzip(bytes);
    const names = all(await xml("xl/workbook.xml"), MAIN_NS, "definedName").map((n) => ({
      name: n.getAttribute("name"),
      formula: n.textContent,
      comment: n.getAttribute("comment"),
      hidden: n.getAttribute("hidden"),
    }));
    expect(names).toEqual([
      { name: "Factor", formula: "0.5", comment: "a constant", hidden: null },
      { name: "Operational", formula: "Data!$B$2:$B$6", comment: null, hidden: null },
      { name: "HiddenHelper", formula: "Data!$A$1", comment: null, hidden: "1" },
    ]);
    expect(book.definedNames.getRanges("Operational").ranges).toEqual(["Data!$B$2:$B$6"]);
  });

  test("data validation: decimal bounds (formulas without '='), list, error alert", async () => {
    const ws = book.getWorksheet("Data")!;
    // exceljs reads decimal bounds as numbers (a formula reads back as NaN): check the XML for those.
    const { text } = await unzip(bytes);
    expect(await text("xl/worksheets/sheet1.xml")).toMatch(
      /<dataValidation type="decimal"[^>]*sqref="B2:C6"><formula1>0<\/formula1><formula2>Factor\*200<\/formula2>/,
    );
    expect(ws.getCell("C4").dataValidation).toMatchObject({
      type: "decimal",
      operator: "between",
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Off the scale",
      error: "Enter 0 to 100.",
    });
    expect(ws.getCell("D2").dataValidation).toMatchObject({ type: "list", formulae: ['"x,y,z"'] });
    expect(ws.getCell("A2").dataValidation).toBeUndefined();
  });

  test("number formats, fonts, fills, column widths, freeze panes, gridlines, conditional formats", async () => {
    const ws = book.getWorksheet("Data")!;
    expect(ws.getCell("B3").numFmt).toBe("0.00");
    expect(ws.getCell("C3").numFmt).toBe("0.0%");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, color: { argb: "FFFFFFFF" } });
    expect(ws.getCell("A1").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF1F4E78" },
    });
    expect(ws.getColumn(1).width).toBe(columnWidthChars(120));
    expect(columnWidthChars(48)).toBe(9.140625); // Excel's own default column (64 px)
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(book.getWorksheet("My Charts")!.views[0]).toMatchObject({ showGridLines: false });
    const { text } = await unzip(bytes);
    const sheet = await text("xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(
      /<conditionalFormatting sqref="B2:B6"><cfRule type="cellIs"[^>]*operator="greaterThan"[^>]*><formula>35<\/formula>/,
    );
  });

  test("hidden columns: width 0 in the model is written as a hidden column", async () => {
    const s = createWorkbook({ sheets: ["S"] });
    await s.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:C1").values = [[1, 2, 3]];
      sheet.getRange("B:B").format.columnWidth = 0;
    });
    const ws = (await readBack(await exportXlsx(s))).getWorksheet("S")!;
    expect(ws.getColumn(2).hidden).toBe(true);
    expect(ws.getColumn(1).hidden).toBe(false);
  });

  test("the active sheet is the selected tab", async () => {
    const { xml } = await unzip(bytes);
    const view = first(await xml("xl/workbook.xml"), MAIN_NS, "workbookView");
    expect(view.getAttribute("activeTab")).toBe("0");
  });

  describe("native charts", () => {
    let parts: Awaited<ReturnType<typeof unzip>>;
    let chartDocs: Document[];

    beforeAll(async () => {
      parts = await unzip(bytes);
      chartDocs = [];
      for (let i = 1; i <= 6; i++) chartDocs.push(await parts.xml(`xl/charts/chart${i}.xml`));
    });

    test("the sheet points to a drawing, the drawing to one chart part per chart, all with content types", async () => {
      const workbookRels = await parts.xml("xl/_rels/workbook.xml.rels");
      const sheets = all(await parts.xml("xl/workbook.xml"), MAIN_NS, "sheet");
      const chartsSheet = sheets.find((s) => s.getAttribute("name") === "My Charts")!;
      const rid = chartsSheet.getAttribute("r:id");
      const target = all(workbookRels, REL_NS, "Relationship").find((r) => r.getAttribute("Id") === rid)!;
      const sheetPart = `xl/${target.getAttribute("Target")}`;
      expect(sheetPart).toBe("xl/worksheets/sheet4.xml");

      const sheetXml = await parts.xml(sheetPart);
      const drawing = first(sheetXml, MAIN_NS, "drawing");
      // <drawing> comes after the sheet data and before tableParts/extLst (schema order).
      const order = Array.from(sheetXml.documentElement.children).map((c) => c.localName);
      expect(order.indexOf("drawing")).toBeGreaterThan(order.indexOf("sheetData"));
      const sheetRels = all(await parts.xml("xl/worksheets/_rels/sheet4.xml.rels"), REL_NS, "Relationship");
      const drawingRel = sheetRels.find((r) => r.getAttribute("Id") === drawing.getAttribute("r:id"))!;
      expect(drawingRel.getAttribute("Type")).toMatch(/\/drawing$/);
      expect(drawingRel.getAttribute("Target")).toBe("../drawings/drawing1.xml");

      const drawingRels = all(await parts.xml("xl/drawings/_rels/drawing1.xml.rels"), REL_NS, "Relationship");
      expect(drawingRels.map((r) => r.getAttribute("Target"))).toEqual(
        [1, 2, 3, 4, 5, 6].map((i) => `../charts/chart${i}.xml`),
      );
      expect(drawingRels.every((r) => /\/chart$/.test(r.getAttribute("Type")!))).toBe(true);

      const types = await parts.text("[Content_Types].xml");
      expect(types).toContain(
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
      );
      for (let i = 1; i <= 6; i++) {
        expect(types).toContain(
          `<Override PartName="/xl/charts/chart${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
        );
      }
    });

    test("twoCellAnchor from the chart's position, named after the chart", async () => {
      const drawing = await parts.xml("xl/drawings/drawing1.xml");
      const anchors = all(drawing, XDR_NS, "twoCellAnchor");
      expect(anchors).toHaveLength(6);
      const corner = (a: Element, tag: string) => {
        const c = first(a, XDR_NS, tag);
        const n = (local: string) => Number(first(c, XDR_NS, local).textContent);
        return [n("col"), n("colOff"), n("row"), n("rowOff")];
      };
      // setPosition("E2", "L20"): from the top-left of E2 to the bottom-right of L20 (= top-left of M21).
      expect(corner(anchors[0], "from")).toEqual([4, 0, 1, 0]);
      expect(corner(anchors[0], "to")).toEqual([12, 0, 20, 0]);
      expect(corner(anchors[4], "from")).toEqual([22, 0, 1, 0]);
      expect(first(anchors[0], XDR_NS, "cNvPr").getAttribute("name")).toBe("ScoreChart");
      const position = sim.inspect.charts("My Charts")[1].position;
      expect(corner(anchors[1], "from")).toEqual([4, 0, Math.round(position.top / 15), 0]);
    });

    test("bar charts: barDir bar, grouping clustered / stacked with overlap 100; column: barDir col", () => {
      const [bar, stacked, column] = chartDocs;
      expect(cval(bar, "barDir")).toBe("bar");
      expect(cval(bar, "grouping")).toBe("clustered");
      expect(all(bar, C_NS, "overlap")).toHaveLength(0);
      expect(cval(stacked, "barDir")).toBe("bar");
      expect(cval(stacked, "grouping")).toBe("stacked");
      expect(cval(stacked, "overlap")).toBe("100");
      expect(cval(column, "barDir")).toBe("col");
      expect(cval(column, "grouping")).toBe("clustered");
    });

    test("line, radar (marker style) and scatter charts", () => {
      const [, , , line, radar, scatter] = chartDocs;
      expect(all(line, C_NS, "lineChart")).toHaveLength(1);
      expect(cval(line, "grouping")).toBe("standard");
      expect(all(radar, C_NS, "radarChart")).toHaveLength(1);
      expect(cval(radar, "radarStyle")).toBe("marker");
      expect(all(scatter, C_NS, "scatterChart")).toHaveLength(1);
      const ser = first(scatter, C_NS, "ser");
      expect(first(first(ser, C_NS, "xVal"), C_NS, "f").textContent).toBe("'My Charts'!$B$2:$B$6");
      expect(first(first(ser, C_NS, "yVal"), C_NS, "f").textContent).toBe("'My Charts'!$C$2:$C$6");
      const xs = all(first(ser, C_NS, "xVal"), C_NS, "v").map((v) => Number(v.textContent));
      expect(xs).toEqual([30, 20, 50, 20, 40]);
    });

    test("series: name from a cell (strRef with cache) or literal, categories (strRef) and values (numRef) with caches", () => {
      const stacked = chartDocs[1];
      const series = all(stacked, C_NS, "ser");
      expect(series).toHaveLength(2);
      const [s0, s1] = series;
      expect(cval(s0, "idx")).toBe("0");
      expect(cval(s1, "order")).toBe("1");
      const tx = first(s0, C_NS, "tx");
      expect(first(tx, C_NS, "f").textContent).toBe("'My Charts'!$B$1");
      expect(first(tx, C_NS, "v").textContent).toBe("Operational");

      const cat = first(first(s0, C_NS, "cat"), C_NS, "strRef");
      expect(first(cat, C_NS, "f").textContent).toBe("'My Charts'!$A$2:$A$6");
      expect(cval(cat, "ptCount")).toBe("5");
      expect(all(cat, C_NS, "pt").map((p) => [p.getAttribute("idx"), p.textContent])).toEqual(
        DATA.slice(1).map((r, i) => [String(i), r[0]]),
      );
      const valRef = first(first(s1, C_NS, "val"), C_NS, "numRef");
      expect(first(valRef, C_NS, "f").textContent).toBe("'My Charts'!$C$2:$C$6");
      expect(cval(valRef, "ptCount")).toBe("5");
      expect(all(valRef, C_NS, "v").map((v) => Number(v.textContent))).toEqual([40, 25, 10, 35, 45]);

      const radarName = first(first(chartDocs[4], C_NS, "ser"), C_NS, "tx");
      expect(all(radarName, C_NS, "f")).toHaveLength(0);
      expect(first(radarName, C_NS, "v").textContent).toBe("1st place");
    });

    test("titles, legend positions (or none), axes with cross-referenced ids and min/max scaling", () => {
      const [bar, stacked, column, , radar] = chartDocs;
      const titleOf = (d: Document) =>
        all(first(d, C_NS, "title"), "http://schemas.openxmlformats.org/drawingml/2006/main", "t")
          .map((t) => t.textContent)
          .join("");
      expect(titleOf(bar)).toBe("Weighted score");
      expect(titleOf(stacked)).toBe("Contribution");
      expect(all(bar, C_NS, "legend")).toHaveLength(0);
      expect(cval(stacked, "legendPos")).toBe("b");
      expect(cval(column, "legendPos")).toBe("r");
      expect(cval(radar, "legendPos")).toBe("t");

      const plot = first(bar, C_NS, "plotArea");
      const catAx = first(plot, C_NS, "catAx");
      const valAx = first(plot, C_NS, "valAx");
      const groupIds = children(first(plot, C_NS, "barChart"), C_NS, "axId").map((e) =>
        e.getAttribute("val"),
      );
      expect(groupIds).toEqual([cval(catAx, "axId"), cval(valAx, "axId")]);
      expect(cval(catAx, "crossAx")).toBe(cval(valAx, "axId"));
      expect(cval(valAx, "crossAx")).toBe(cval(catAx, "axId"));
      expect(cval(catAx, "axPos")).toBe("l");
      expect(cval(valAx, "axPos")).toBe("b");
      const scaling = first(valAx, C_NS, "scaling");
      expect(cval(scaling, "min")).toBe("0");
      expect(cval(scaling, "max")).toBe("100");
      expect(cval(first(column, C_NS, "catAx"), "axPos")).toBe("b");
    });

    test("every chart part is well-formed and lists its children in schema order", () => {
      for (const doc of chartDocs) {
        const chart = first(doc, C_NS, "chart");
        const order = Array.from(chart.children).map((c) => c.localName);
        const expected = ["title", "autoTitleDeleted", "plotArea", "legend", "plotVisOnly", "dispBlanksAs"];
        expect(order).toEqual(expected.filter((e) => order.includes(e)));
        for (const ser of all(doc, C_NS, "ser")) {
          const names = Array.from(ser.children).map((c) => c.localName);
          expect(names.slice(0, 3)).toEqual(["idx", "order", "tx"]);
          const data = names.filter((n) => ["cat", "val", "xVal", "yVal"].includes(n));
          expect(data).toEqual(data[0] === "xVal" ? ["xVal", "yVal"] : ["cat", "val"]);
        }
      }
    });
  });

  test("an unsupported chart type is an error that names the chart", async () => {
    const s = createWorkbook({ sheets: ["S"] });
    await s.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:B3").values = [
        ["a", 1],
        ["b", 2],
        ["c", 3],
      ];
      sheet.charts.add("Histogram" as Excel.ChartType, sheet.getRange("A1:B3"), "Columns").name = "Hist";
    });
    await expect(exportXlsx(s)).rejects.toThrow(/Chart "Hist": chart type Histogram cannot be exported/);
  });

  test("sheet protection is exported without the password", async () => {
    const s = createWorkbook({ sheets: ["S"] });
    await s.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1").values = [[1]];
      sheet.protection.protect({ allowFormatCells: true }, "secret");
    });
    const { text } = await unzip(await exportXlsx(s));
    const sheet = await text("xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(sheet).not.toMatch(/hashValue|secret/);
    // In the file an attribute set to 0 lifts that protection: allowed formatting, nothing else.
    expect(sheet).toMatch(/formatCells="0"/);
    expect(sheet).not.toMatch(/insertRows="0"|deleteRows="0"|formatColumns="0"/);
  });
});

describe("fileFormula (_xlfn. prefixes)", () => {
  test.each([
    ["=RANK.EQ(A1,A:A)", "_xlfn.RANK.EQ(A1,A:A)"],
    ["=rank.eq(A1,A:A)", "_xlfn.RANK.EQ(A1,A:A)"],
    ["=_xlfn.RANK.EQ(A1,A:A)", "_xlfn.RANK.EQ(A1,A:A)"],
    ["=RANK(A1,A:A)", "RANK(A1,A:A)"],
    ["=IFERROR(STDEV.S(A1:A3),IFNA(NA(),0))", "IFERROR(_xlfn.STDEV.S(A1:A3),_xlfn.IFNA(NA(),0))"],
    ['=IF(A1="RANK.EQ(",1,0)', 'IF(A1="RANK.EQ(",1,0)'],
    ["='RANK.EQ sheet'!A1+XOR(TRUE,FALSE)", "'RANK.EQ sheet'!A1+_xlfn.XOR(TRUE,FALSE)"],
    ["=FILTER(A1:A3,B1:B3)", "_xlfn._xlws.FILTER(A1:A3,B1:B3)"],
    ["=SUMPRODUCT(AS_W_x*(B2-AS_ScaleMin))", "SUMPRODUCT(AS_W_x*(B2-AS_ScaleMin))"],
  ])("%s → %s", (formula, stored) => {
    expect(fileFormula(formula)).toBe(stored);
  });

  test("Excel 2007 functions need no prefix; 2010+ do", () => {
    for (const f of ["SUMPRODUCT", "COUNTIFS", "AVERAGEIFS", "IFERROR", "RANK", "INDEX", "MATCH", "ROUND"]) {
      expect(filePrefix(f)).toBe("");
    }
    for (const f of [
      "RANK.EQ",
      "STDEV.S",
      "STDEV.P",
      "VAR.S",
      "IFNA",
      "XOR",
      "CONCAT",
      "TEXTJOIN",
      "MAXIFS",
    ]) {
      expect(filePrefix(f)).toBe("_xlfn.");
    }
  });
});

describe("fileFormula (structured references in the file's form)", () => {
  test.each([
    ["=SUM(T[Score])", "SUM(T[Score])"],
    ["=SUM(T[[Col name]:[Wt]])", "SUM(T[[Col name]:[Wt]])"],
    ["=T[[#Headers],[Score]]", "T[[#Headers],[Score]]"],
    ["=ROWS(T[#Data])", "ROWS(T[[#Data]])"],
    ["=ROWS(T[#all])", "ROWS(T[[#All]])"],
    ["=COLUMNS(T[])", "COLUMNS(T[])"],
    ["=[@Score]*2", "T[[#This Row],[Score]]*2"],
    ["=[@[Col name]]+[@[W'#]]", "T[[#This Row],[Col name]]+T[[#This Row],[W'#]]"],
    ["=T[@Score]", "T[[#This Row],[Score]]"],
    ["=SUM(T[@])", "SUM(T[[#This Row]])"],
    ["=SUM([@[A]:[B]])", "SUM(T[[#This Row],[A]:[B]])"],
    ["=RANK.EQ([@Score],T[Score])", "_xlfn.RANK.EQ(T[[#This Row],[Score]],T[Score])"],
    ['=[@Score]&"[@x]"', 'T[[#This Row],[Score]]&"[@x]"'],
  ])("%s → %s", (formula, stored) => {
    expect(fileFormula(formula, () => "T")).toBe(stored);
  });
});
