/**
 * Whole user journeys in Chromium against the built preview: the real pane beside the simulated
 * workbook. Every assertion is on what the page shows (the pane's text and controls, the grid's
 * formatted cells) or on what it hands the user (the downloaded .xlsx).
 *
 * Expected figures are worked out from the example agreements (src/workbook/scorecard/examples.ts): scale
 * 1–5, so a score s counts (s − 1) / 4, and the weighted score is 100 × Σ wᵢ (sᵢ − 1) / 4.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { percents } from "../../src/taskpane/components/format";
import { ahpCheck, pairwiseFromUpper } from "../../src/scoring/ahp";
import { smaa } from "../../src/scoring/smaa";
import { EXAMPLE_CRITERIA_ORDER, exampleAgreements } from "../../src/workbook/scorecard/examples";
import {
  cellAddress,
  cellText,
  eventually,
  expectGridValue,
  expectGridValues,
  expectText,
  gridValue,
  judgePair,
  openFeature,
  pane,
  scoreIndicators,
  previewSite,
  sheetTabs,
  showSheet,
  workbook,
} from "./support/preview";

// No uncaught exception and no console error anywhere in a journey: previewSite checks after each.
const site = previewSite();

/** Opens the preview with `query`, showing `sheet` in the grid when given: its page, and the pane on it. */
async function open(query: string, sheet?: string) {
  const opened = await site.open(query);
  if (sheet) await showSheet(opened.page, sheet);
  return opened;
}

describe("journeys in the preview", () => {
  test("create a scorecard with the example agreements", async () => {
    const { page, p } = await open("");
    await expectText(p, "No scorecard in this workbook yet");
    expect(await sheetTabs(page)).toEqual(["Sheet1"]);

    await p.getByRole("checkbox", { name: "Add 10 example agreements to try it out" }).check();
    await expectText(p, "illustrative scores");
    await p.getByRole("button", { name: "Create scorecard" }).click();

    const picker = p.getByRole("combobox", { name: "Agreement to score" });
    await picker.waitFor();
    expect(await picker.getByRole("option").count()).toBe(10);
    await eventually(
      "sheet tabs",
      () => sheetTabs(page),
      (tabs) => ["Scorecard", "Weights", "Results"].every((name) => tabs.includes(name)),
    );
    expect(await sheetTabs(page)).not.toContain("AS_Meta");

    await showSheet(page, "Scorecard");
    expect(await cellText(page, "A1")).toBe("ID");
    await expectGridValues(page, {
      NATO: { "Weighted score": "87.50", Rank: "1" },
      CSTO: { Coverage: "4/4", "Weighted score": "37.50" },
    });

    await openFeature(page, "Results");
    const ranking = p.getByRole("list", { name: "Ranking" }).getByRole("listitem");
    expect(await ranking.count()).toBe(10);
    await expectText(ranking.first(), /Rank 1.*North Atlantic Treaty \(NATO\).*87\.50/);
    await expectText(ranking.last(), /Rank 10.*Collective Security Treaty Organization.*37\.50/);
  });

  test("create an empty scorecard: tabs in reading order, a blank placeholder row, a first Audit entry", async () => {
    const { page, p } = await open("");
    await p.getByRole("button", { name: "Create scorecard" }).click();
    await eventually(
      "sheet tabs",
      () => sheetTabs(page),
      (tabs) => tabs.includes("Audit"),
    );
    expect(await sheetTabs(page)).toEqual(["Sheet1", "Scorecard", "Weights", "Results", "Audit"]);

    await showSheet(page, "Scorecard");
    expect(await cellText(page, "J1")).toBe("Coverage");
    // The placeholder row shows nothing: no "0/4" for an agreement that is not there.
    expect(await cellText(page, "J2")).toBe("");
    expect(await cellText(page, "K2")).toBe("");

    await showSheet(page, "Audit");
    expect(await cellText(page, "C2")).toBe("scorecard created");
    expect(await cellText(page, "B2")).toBe("(no name)");
    expect(await cellText(page, "G2")).toBe("4 criteria, 0 agreements.");
    expect(await cellText(page, "A3")).toBe("");
  });

  test("score an agreement: choose a rating, save, and the grid's cells change", async () => {
    const { page, p } = await open("?examples", "Scorecard");
    await expectGridValues(page, { NATO: { "Operational efficiency": "4.5", "Weighted score": "87.50" } });

    const picker = p.getByRole("combobox", { name: "Agreement to score" });
    await picker.selectOption("NATO");
    await expectText(
      p.getByRole("group", { name: "Coverage and result" }),
      "Saved weighted score 87.50, rank 1",
    );
    await p
      .getByRole("radiogroup", { name: "Operational efficiency" })
      .getByRole("radio", { name: /^2 · Weak/ })
      .check();
    // The rating fills the score field on React's next render, not within check() itself.
    const field = p.getByRole("textbox", { name: /^Operational efficiency: score/ });
    await eventually(
      "the score field shows the rating",
      () => field.inputValue(),
      (v) => v === "2",
    );
    await expectText(p, "Unsaved changes.");
    // Nothing is written before Save.
    expect(await gridValue(page, "Operational efficiency", "NATO")).toBe("4.5");

    await p.getByRole("button", { name: "Save" }).click();
    // 100 × (0.25 + 3 × 0.875) / 4 = 71.875; US–Japan and Five Eyes (81.25) and AUKUS (78.13) pass it.
    await expectGridValues(page, {
      NATO: { "Operational efficiency": "2", "Weighted score": "71.88", Rank: "4" },
    });
    await expectText(
      p.getByRole("group", { name: "Coverage and result" }),
      "Saved weighted score 71.88, rank 4",
    );
    await eventually(
      "Save disabled again",
      () => p.getByRole("button", { name: "Save" }).isDisabled(),
      (disabled) => disabled,
    );
  });

  test("a weight changed in the pane moves the rank in the pane and the grid's Weighted score", async () => {
    const { page, p } = await open("?examples&tab=weights", "Scorecard");
    await expectGridValues(page, { FVEY: { "Weighted score": "81.25", Rank: "2" } });

    const threat = p.getByRole("textbox", { name: "Threat response weight in percent" });
    await threat.fill("70");
    await threat.press("Enter");
    // The three unlocked others share the remaining 30 % in proportion: 10 % each.
    for (const name of ["Operational efficiency", "Strategic alignment", "Capability enhancement"])
      await eventually(
        `${name} weight`,
        () => p.getByRole("textbox", { name: `${name} weight in percent` }).inputValue(),
        (v) => v === "10.0",
      );

    // Five Eyes: 0.1 × (0.75 + 0.875 + 0.625) + 0.7 × 1 = 0.925; NATO stays at 87.50.
    await expectGridValues(page, {
      FVEY: { "Weighted score": "92.50", Rank: "1" },
      NATO: { "Weighted score": "87.50", Rank: "2" },
    });

    await openFeature(page, "Results");
    const ranking = p.getByRole("list", { name: "Ranking" }).getByRole("listitem");
    await expectText(ranking.first(), /Rank 1.*Five Eyes \(UKUSA Agreement\).*92\.50/);
    await expectText(ranking.nth(1), /Rank 2.*North Atlantic Treaty \(NATO\).*87\.50/);
  });

  test("weights by pairwise comparison (AHP): the consistency ratio, then the weights applied", async () => {
    const { page, p } = await open("?examples&tab=weights");
    await p.getByRole("combobox", { name: "Weighting method" }).selectOption("pairwise");
    const status = p.getByRole("status").filter({ hasText: "Consistency ratio" });
    await expectText(status, "Consistency ratio CR = 0.000");

    const judge = (left: string, right: string, key: string) => judgePair(p, left, right, key);
    const [OE, SA, CE, TR] = [
      "Operational efficiency",
      "Strategic alignment",
      "Capability enhancement",
      "Threat response",
    ];

    // Contradictory judgments: OE > SA > CE, yet CE > OE.
    await judge(OE, SA, "3");
    await judge(SA, CE, "3");
    await judge(OE, CE, "1/3");
    const contradictory = ahpCheck(
      pairwiseFromUpper(4, [
        { i: 0, j: 1, value: 3 },
        { i: 0, j: 2, value: 1 / 3 },
        { i: 0, j: 3, value: 1 },
        { i: 1, j: 2, value: 3 },
        { i: 1, j: 3, value: 1 },
        { i: 2, j: 3, value: 1 },
      ]),
      0.1,
      3,
    );
    expect(contradictory.cr).toBeGreaterThan(0.1);
    await expectText(status, `Consistency ratio CR = ${contradictory.cr.toFixed(3)}`);
    await expectText(status, "above the 0.10 threshold");
    await expectText(p, "The judgments contradict each other");

    // Consistent judgments from the weights 4 : 2 : 1 : 2.
    await judge(OE, SA, "2");
    await judge(OE, CE, "4");
    await judge(OE, TR, "2");
    await judge(SA, CE, "2");
    await judge(SA, TR, "1");
    await judge(CE, TR, "1/2");
    await expectText(status, "Consistency ratio CR = 0.000");
    await expectText(status, "within the 0.10 threshold");
    // 4/9, 2/9, 1/9, 2/9, shown as percents that add up to 100.0 (largest remainder).
    const shown = percents([4 / 9, 2 / 9, 1 / 9, 2 / 9]).map((t) => t.replace(".", "\\."));
    const proposed = p.getByRole("list", { name: "Weights from the pairwise comparison" });
    await expectText(proposed, new RegExp(`Operational efficiency\\s*${shown[0]}`));
    await expectText(proposed, new RegExp(`Capability enhancement\\s*${shown[2]}`));

    await p.getByRole("button", { name: "Apply these weights" }).click();
    await expectText(p, "Weights set from the pairwise comparison (AHP).");
    const current = p.getByRole("list", { name: "Current normalized weights" });
    await expectText(
      current,
      new RegExp(`Operational efficiency\\s*${shown[0]}.*Strategic alignment\\s*${shown[1]}`),
    );

    // Five Eyes: (4 × 0.75 + 2 × 0.875 + 1 × 0.625 + 2 × 1) / 9 = 0.81944…
    await showSheet(page, "Scorecard");
    await expectGridValue(page, "Weighted score", "FVEY", "81.94");
    await expectGridValue(page, "Weighted score", "NATO", "87.50");
  });

  test("SMAA-2 in a real Worker: the rank acceptabilities appear, as the scoring model computes them", async () => {
    const { page, p } = await open("?examples&tab=sensitivity");
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));

    await p.getByRole("textbox", { name: "Samples" }).fill("4000");
    await p.getByRole("textbox", { name: "Seed" }).fill("20240601");
    await p.getByRole("button", { name: "Run", exact: true }).click();
    await expectText(p, "4,000 samples, seed 20240601, weights uniform on the simplex.", 30_000);

    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(new RegExp(`^${site.host.server.origin}/.+\\.js$`));

    const bars = p.getByRole("list", { name: "Rank acceptability" }).getByRole("img");
    expect(await bars.count()).toBe(10);

    // The same analysis in this process: the pane must show exactly these shares.
    const agreements = exampleAgreements();
    const expected = smaa({
      scores: agreements.map((a) => EXAMPLE_CRITERIA_ORDER.map((id) => ((a.scores[id] as number) - 1) / 4)),
      samples: 4000,
      seed: 20240601,
    });
    const nato = agreements.findIndex((a) => a.id === "NATO");
    const first = `1st in ${(expected.rankAcceptability[nato][0] * 100).toFixed(1)}%`;
    const label = await p
      .getByRole("img", { name: /^North Atlantic Treaty \(NATO\):/ })
      .getAttribute("aria-label");
    expect(label).toContain(first);
    // Each agreement's shares add up to the whole.
    for (const text of await bars.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) {
      const shares = [...text.matchAll(/in (\d+(?:\.\d)?)%/g)].map((m) => Number(m[1]));
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    }
    await expectText(p, /confidence \d\.\d\d/);
  });

  test("indicators: the suggested ones added to a criterion, scored through, a local weight changed", async () => {
    const { page, p } = await open("?examples&tab=criteria");
    await p.getByRole("button", { name: "Indicators (0) of Operational efficiency" }).click();
    await p.getByRole("button", { name: "Use the 3 suggested indicators" }).click();
    await p.getByRole("button", { name: "Save indicators" }).click();
    // The examples score Operational efficiency directly: the pane asks before the formula replaces them.
    await expectText(p, /Saving removes the 10 scores typed for Operational efficiency/);
    await p.getByRole("button", { name: "Save and remove those scores" }).click();
    await showSheet(page, "Scorecard");
    await expectGridValue(page, "Operational efficiency / Joint exercises and interoperability", "NATO", "");
    // Under the default policy (exclude) an unscored criterion leaves NATO without a score.
    await expectGridValue(page, "Weighted score", "NATO", "");

    await scoreIndicators(page, "NATO", "Operational efficiency", {
      "Joint exercises": "5",
      "Shared logistics": "4",
      "Command and liaison": "3",
    });
    // Equal local weights: (5 + 4 + 3) / 3 = 4; 100 × (0.25 × 3/4 + 0.75 × 0.875) = 84.375.
    await expectGridValues(page, { NATO: { "Operational efficiency": "4", "Weighted score": "84.38" } });

    await openFeature(page, "Criteria");
    await p.getByRole("button", { name: "Indicators (3) of Operational efficiency" }).click();
    await p
      .getByRole("group", { name: "Indicator 1" })
      .getByRole("textbox", { name: "Local weight" })
      .fill("3");
    await p.getByRole("button", { name: "Save indicators" }).click();
    // (3 × 5 + 4 + 3) / 5 = 4.4; 100 × (0.25 × 3.4/4 + 0.65625) = 86.875.
    await expectGridValues(page, { NATO: { "Operational efficiency": "4.4", "Weighted score": "86.88" } });
    await showSheet(page, "Weights");
    await eventually(
      "the local weight on the Weights sheet",
      () => cellText(page, "O2"),
      (v) => v === "3",
    );

    // The Weights tab sets the same local weights by points: 50/30/20.
    await openFeature(page, "Weights");
    await p.getByRole("combobox", { name: "Weights of" }).selectOption("operational_efficiency");
    await p.getByRole("combobox", { name: "Weighting method" }).selectOption("points");
    const points = { "Joint exercises and interoperability": "50", "Shared logistics and resources": "30" };
    for (const [name, value] of Object.entries({ ...points, "Command and liaison arrangements": "20" }))
      await p.getByRole("textbox", { name: `${name}: points` }).fill(value);
    await p.getByRole("button", { name: "Apply points" }).click();
    await expectText(p, "Local weights of Operational efficiency set from the points.");
    await eventually(
      "the points as local weights on the Weights sheet",
      () => Promise.all(["O2", "O3", "O4"].map((cell) => cellText(page, cell))),
      (v) => v.join(" ") === "50 30 20",
    );
    // 0.5 × 5 + 0.3 × 4 + 0.2 × 3 = 4.3; 100 × (0.25 × 3.3/4 + 0.65625) = 86.25.
    await showSheet(page, "Scorecard");
    await expectGridValues(page, { NATO: { "Operational efficiency": "4.3", "Weighted score": "86.25" } });
  });

  test("a score edited in the preview's grid: data validation applies, and the pane follows", async () => {
    const { page, p } = await open("?examples");
    await p.getByRole("combobox", { name: "Agreement to score" }).selectOption("NATO");
    await showSheet(page, "Scorecard");
    const address = await cellAddress(page, "Threat response", "NATO");
    await page.locator(`[id="cell-${address}"]`).click();
    const contents = workbook(page).getByRole("textbox", { name: `Contents of Scorecard!${address}` });
    expect(await contents.inputValue()).toBe("4.5");

    // Off the scale: refused, as Excel's data validation would.
    await contents.fill("9");
    await contents.press("Enter");
    await expectText(workbook(page), /Enter a number from the scale minimum to the scale maximum/);
    expect(await cellText(page, address)).toBe("4.5");

    await contents.fill("3");
    await contents.press("Enter");
    // 100 × (3 × 0.875 + 0.5) / 4 = 78.125: level with AUKUS, behind US–Japan and Five Eyes.
    await expectGridValues(page, { NATO: { "Threat response": "3", "Weighted score": "78.13" } });
    await eventually(
      "pane's Threat response score",
      () => p.getByRole("textbox", { name: /^Threat response: score/ }).inputValue(),
      (v) => v === "3",
    );
    await expectText(
      p.getByRole("group", { name: "Coverage and result" }),
      "Saved weighted score 78.13, rank 3",
    );
    await openFeature(page, "Results");
    await expectText(
      p.getByRole("list", { name: "Ranking" }),
      /Rank 3.*North Atlantic Treaty \(NATO\).*78\.13/,
    );
  });

  test("Download .xlsx hands over the same workbook: a zip that exceljs opens, with the Scorecard table", async () => {
    const { page } = await open("?examples");
    // An edit first, so the file is shown to be this session's workbook, not a fresh one.
    await showSheet(page, "Scorecard");
    const address = await cellAddress(page, "Threat response", "NATO");
    await page.locator(`[id="cell-${address}"]`).click();
    const contents = workbook(page).getByRole("textbox", { name: `Contents of Scorecard!${address}` });
    await contents.fill("3");
    await contents.press("Enter");
    await expectGridValue(page, "Weighted score", "NATO", "78.13");

    const button = page.getByRole("banner").getByRole("button", { name: "Download .xlsx" });
    // The button is the preview's, not the pane's.
    expect(await pane(page).getByRole("button", { name: "Download .xlsx" }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    expect(download.suggestedFilename()).toBe("scorecard.xlsx");
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04])); // "PK\3\4": a zip

    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(
      expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/tables/table1.xml"]),
    );

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheets = book.worksheets.map((ws) => ws.name);
    expect(sheets).toEqual(expect.arrayContaining(["Scorecard", "Weights", "Results"]));
    const scorecard = book.getWorksheet("Scorecard")!;
    const table = scorecard.getTable("Scorecard") as unknown as {
      table: { name: string; tableRef: string; columns: { name: string }[] };
    };
    expect(table.table.name).toBe("Scorecard");
    expect(table.table.tableRef).toBe("A1:M11");
    expect(table.table.columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(["ID", "Agreement", "Threat response", "Weighted score", "Rank"]),
    );
    // The edit made in the grid, and the formula's cached result beside it.
    const headers = (scorecard.getRow(1).values as unknown[]).map(String);
    // (exceljs cells, not Office.js proxies: nothing to load.)
    const nato = (column: string) => scorecard.getCell(2, headers.indexOf(column));
    expect(nato("ID").value).toBe("NATO");
    expect(nato("Threat response").value).toBe(3);
    const score = nato("Weighted score").value as { formula?: string; result?: number };
    expect(score.formula).toBeTruthy();
    expect(score.result).toBeCloseTo(78.125, 9);
  });
});
