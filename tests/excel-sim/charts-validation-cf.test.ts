/**
 * Charts (declarative model), data validation, conditional formats.
 */
/* eslint-disable office-addins/load-object-before-read --
   loads are chained (getRange(...).dataValidation.load) or ClientResults, which the rule does not recognise. */
import { createWorkbook } from "../../src/excel-sim";
import { codeOf, simAfter } from "./support";

async function results() {
  const sim = createWorkbook({ sheets: ["Results"] });
  await sim.run(async (context) => {
    context.workbook.worksheets.getItem("Results").getRange("A1:C4").values = [
      ["Agreement", "Operational", "Strategic"],
      ["Alpha", 30, 40],
      ["Beta", 20, 25],
      ["Gamma", 10, 50],
    ];
  });
  return sim;
}

/** A series named `name` over Results!`column`2:4, by the agreements in A2:A4, holding `valueData`. */
const resultsSeries = (name: string, column: string, valueData: number[]) =>
  expect.objectContaining({
    name,
    values: `Results!$${column}$2:$${column}$4`,
    categories: "Results!$A$2:$A$4",
    valueData,
  });

describe("charts", () => {
  test("charts.add builds series from the source like Excel (headers → names, first column → categories)", async () => {
    const sim = await results();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Results");
      const chart = sheet.charts.add("BarStacked", sheet.getRange("A1:C4"), "Columns");
      chart.title.text = "Contribution by criterion";
      chart.legend.position = "Bottom";
      chart.axes.valueAxis.maximum = 100;
      chart.axes.valueAxis.minimum = 0;
      chart.axes.valueAxis.title.text = "Points";
      chart.setPosition("E2", "L20");
      const count = chart.series.load("count");
      const s0 = chart.series.getItemAt(0).load("name");
      const c = chart.load("name, chartType");
      await context.sync();
      expect(count.count).toBe(2);
      expect(s0.name).toBe("Operational");
      expect(c.name).toBe("Chart 1");
      expect(c.chartType).toBe("BarStacked");
    });
    const [chart] = sim.inspect.charts("Results");
    expect(chart).toMatchObject({
      type: "BarStacked",
      title: "Contribution by criterion",
      seriesBy: "Columns",
      source: "Results!$A$1:$C$4",
      legend: { position: "Bottom", visible: true },
      axes: { value: { minimum: 0, maximum: 100, title: { text: "Points", visible: true } } },
      position: { left: 4 * 48, top: 15, width: 8 * 48, height: 19 * 15 },
    });
    expect(chart.series).toEqual([
      resultsSeries("Operational", "B", [30, 20, 10]),
      expect.objectContaining({
        name: "Strategic",
        values: "Results!$C$2:$C$4",
        categoryData: ["Alpha", "Beta", "Gamma"],
      }),
    ]);
  });

  test("a series' fill colour (format.fill.setSolidColor) is kept, cleared, exported; a bad colour is refused", async () => {
    const sim = await results();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Results");
      const chart = sheet.charts.add("BarStacked", sheet.getRange("A1:C4"), "Columns");
      chart.series.getItemAt(0).format.fill.setSolidColor("#0072b2");
      chart.series.getItemAt(1).format.fill.setSolidColor("#E69F00");
      await context.sync();
    });
    expect(sim.inspect.charts("Results")[0].series.map((s) => s.color)).toEqual(["#0072B2", "#E69F00"]);
    const { exportXlsx } = await import("../../src/excel-sim/export");
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await exportXlsx(sim));
    const chartXml = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chartXml.match(/<c:ser>.*?<\/c:ser>/g)!.map((ser) => /srgbClr val="(\w+)"/.exec(ser)![1])).toEqual(
      ["0072B2", "E69F00"],
    );

    await sim.run(async (context) => {
      const chart = context.workbook.worksheets.getItem("Results").charts.getItemAt(0);
      chart.series.getItemAt(1).format.fill.clear();
      chart.series.getItemAt(0).format.fill.setSolidColor("blueish");
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
    });
    // The clear before the refused action applied, as Excel applies a batch up to its failure.
    expect(sim.inspect.charts("Results")[0].series.map((s) => s.color)).toEqual(["#0072B2", null]);
  });

  test("seriesBy Rows, explicit series values (setValues / setXAxisValues), setData, delete", async () => {
    const sim = await results();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Results");
      const radar = sheet.charts.add("Radar", sheet.getRange("A1:C3"), "Rows");
      radar.name = "Profile";
      await context.sync();
      expect(sim.inspect.charts()[0].series.map((s) => [s.name, s.values])).toEqual([
        ["Alpha", "Results!$B$2:$C$2"],
        ["Beta", "Results!$B$3:$C$3"],
      ]);
      const bar = sheet.charts.add("BarClustered", sheet.getRange("B2:B4"), "Columns");
      const s = bar.series.getItemAt(0);
      s.name = "Weighted score";
      s.setValues(sheet.getRange("C2:C4"));
      s.setXAxisValues(sheet.getRange("A2:A4"));
      const added = bar.series.add("Extra");
      added.setValues(sheet.getRange("B2:B4"));
      await context.sync();
      const b = sim.inspect.charts()[1];
      expect(b.source).toBeNull();
      expect(b.series).toEqual([
        resultsSeries("Weighted score", "C", [40, 25, 50]),
        expect.objectContaining({ name: "Extra", values: "Results!$B$2:$B$4", categories: null }),
      ]);
      radar.setData(sheet.getRange("A1:B4"), "Columns");
      sheet.charts.getItem("Profile").chartType = "RadarFilled";
      await context.sync();
      expect(sim.inspect.charts()[0]).toMatchObject({
        type: "RadarFilled",
        seriesBy: "Columns",
        series: [expect.objectContaining({ name: "Operational" })],
      });
      sheet.charts.getItem("Profile").delete();
      const gone = sheet.charts.getItemOrNullObject("Profile");
      await context.sync();
      expect(gone.isNullObject).toBe(true);
      sheet.charts.add("Pie3D" as Excel.ChartType, sheet.getRange("A1:B2"));
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
    });
  });

  test("chart references follow a sheet rename; series values update with the cells", async () => {
    const sim = await results();
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Results");
      sheet.charts.add("ColumnClustered", sheet.getRange("A1:B4"), "Columns");
      sheet.name = "Ranking";
    });
    sim.userEdit("Ranking", "B2", 99);
    expect(sim.inspect.charts()[0].series[0]).toMatchObject({
      values: "Ranking!$B$2:$B$4",
      valueData: [99, 20, 10],
    });
  });
});

describe("data validation", () => {
  test("decimal rule between defined names, error alert, and the rule read back", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("Z1:Z2").values = [[1], [5]];
      context.workbook.names.add("Scale_Min", "=Sheet1!$Z$1");
      context.workbook.names.add("Scale_Max", "=Sheet1!$Z$2");
      const dv = sheet.getRange("B2:E10").dataValidation;
      dv.clear();
      dv.rule = { decimal: { formula1: "=Scale_Min", formula2: "=Scale_Max", operator: "Between" } };
      dv.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "Score",
        message: "Enter a score from 1 to 5.",
      };
      const back = sheet.getRange("B2:E10").dataValidation.load("type, rule, errorAlert");
      await context.sync();
      expect(back.type).toBe("Decimal");
      expect(back.rule).toEqual({
        decimal: { formula1: "=Scale_Min", formula2: "=Scale_Max", operator: "Between" },
      });
      expect(back.errorAlert).toMatchObject({ style: "Stop", message: "Enter a score from 1 to 5." });
    });
    expect(sim.userEdit("Sheet1", "C3", "4.5")).toEqual({ ok: true });
    expect(sim.userEdit("Sheet1", "C3", "7")).toEqual({
      ok: false,
      code: "DataValidation",
      message: "Enter a score from 1 to 5.",
    });
    expect(sim.userEdit("Sheet1", "C3", "")).toEqual({ ok: true }); // blanks ignored
    expect(sim.inspect.validation("Sheet1", "C3")).toEqual([
      expect.objectContaining({ ranges: ["B2:E10"], rule: expect.objectContaining({ type: "Decimal" }) }),
    ]);
    // the API writes past validation, as Excel does; `valid` then reports it
    await sim.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("B2");
      r.values = [[9]];
      const v = context.workbook.worksheets.getItem("Sheet1").getRange("B2:E10").dataValidation.load("valid");
      await context.sync();
      expect(v.valid).toBe(false);
    });
  });

  test("list and whole number rules; a rule without its bounds is rejected", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("A1:A5").dataValidation.rule = {
        list: { inCellDropDown: true, source: "bilateral,multilateral" },
      };
      sheet.getRange("B1:B5").dataValidation.rule = {
        wholeNumber: { formula1: 0, formula2: 10, operator: "Between" },
      };
      await context.sync();
      sheet.getRange("C1").dataValidation.rule = { decimal: { operator: "Between", formula1: 1 } };
      expect(await codeOf(context.sync())).toBe("InvalidArgument");
      const mixed = sheet.getRange("A1:B1").dataValidation.load("type");
      const none = sheet.getRange("D1").dataValidation.load("type");
      await context.sync();
      expect(mixed.type).toBe("Inconsistent");
      expect(none.type).toBe("None");
    });
    expect(sim.userEdit("Sheet1", "A2", "Multilateral")).toEqual({ ok: true });
    expect(sim.userEdit("Sheet1", "A2", "trilateral").ok).toBe(false);
    expect(sim.userEdit("Sheet1", "B2", "2.5").ok).toBe(false);
    expect(sim.userEdit("Sheet1", "B2", "7").ok).toBe(true);
  });
});

describe("conditional formats", () => {
  test("cellValue and custom formats, evaluated per cell with relative references", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("A1:B3").values = [
        [90, "x"],
        [50, "y"],
        [75, "z"],
      ];
      const cv = sheet.getRange("A1:A3").conditionalFormats.add("CellValue");
      cv.cellValue.format.fill.color = "#C6EFCE";
      cv.cellValue.format.font.bold = true;
      cv.cellValue.rule = { formula1: "=80", operator: "GreaterThan" };
      const custom = sheet.getRange("B1:B3").conditionalFormats.add("Custom");
      custom.custom.rule.formula = "=$A1<60";
      custom.custom.format.font.color = "#9C0006";
      const count = sheet.getRange("A1:B3").conditionalFormats.getCount();
      await context.sync();
      expect(count.value).toBe(2);
    });
    expect(sim.inspect.cell("Sheet1", "A1").conditionalFormat).toEqual({
      fillColor: "#C6EFCE",
      fontColor: null,
      bold: true,
      italic: null,
    });
    expect(sim.inspect.cell("Sheet1", "A2").conditionalFormat).toBeNull();
    expect(sim.inspect.cell("Sheet1", "B2").conditionalFormat).toMatchObject({ fontColor: "#9C0006" });
    expect(sim.inspect.cell("Sheet1", "B1").conditionalFormat).toBeNull();
    sim.userEdit("Sheet1", "A3", 10);
    expect(sim.inspect.cell("Sheet1", "B3").conditionalFormat).toMatchObject({ fontColor: "#9C0006" });
    expect(sim.inspect.conditionalFormats("Sheet1").map((c) => [c.type, c.ranges, c.priority])).toEqual([
      ["Custom", ["B1:B3"], 0],
      ["CellValue", ["A1:A3"], 1],
    ]);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B3").conditionalFormats.clearAll();
    });
    expect(sim.inspect.conditionalFormats("Sheet1")).toEqual([]);
  });
});
