/**
 * Screenshots of the preview for docs/ (README "Screenshots"): the pane at 320 px and the whole
 * preview at 1280 px, light and dark, the Weights tab with a pairwise comparison (AHP), the
 * Sensitivity tab with SMAA-2 results, and team scoring (the Team tab's cells to discuss at 320 px,
 * and the Scorecard with its amber discuss flags beside the pane at 1280 px), light and dark, and
 * the Criteria tab (a criterion's rubric being edited, another's removal asked) at 320 px, light
 * and dark, and the Results tab after a Weighted score formula was typed over in the grid (the cell
 * listed, Repair formulas offered) at 320 px, light and dark, and the Team tab's preview of an
 * import of reviews (new, updated, refused rows) at 320 px, light and dark, "Undo my last change"
 * after a typed weight and the Team tab's discuss threshold refusing a number off the scale, at
 * 320 px, light and dark, the Weights tab's team weights of three reviewers (consensus, distances)
 * at 320 px, a two-level scorecard (indicator columns beside the Criteria tab) at 1280 px, and the
 * Weights tab setting indicators' local weights by pairwise comparison and the Score tab's team
 * scoring per indicator, and the Attach form over a table with indicator columns, at 320 px, light
 * and dark. Builds the preview in production mode
 * with the project's webpack configuration, serves it from node:http and drives Debian's Chromium.
 *
 *   TS_NODE_PROJECT=bench/tsconfig.json node -r ts-node/register/transpile-only scripts/screenshots.ts
 *
 * Options: --dir <folder> uses a preview already built there instead of building one;
 * --out <folder> writes the PNGs elsewhere than docs/; --only <prefix> takes only the screenshots
 * whose file names start with it (e.g. --only criteria).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { build, ROOT } from "../tests/e2e/support/build";
import {
  acceptSuggestedIndicators,
  becomeReviewer,
  cellAddress,
  expectGridValue,
  expectText,
  judgePair,
  natoScoredThroughIndicators,
  openFeature,
  openPreview,
  pane,
  scoreTwoNatoIndicatorsLow,
  showSheet,
  startPreviewHost,
  teamScoringOfIndicators,
  workbook,
  type PreviewHost,
} from "../tests/e2e/support/preview";

/** Each screenshot must stay well under this. */
const MAX_BYTES = 1024 * 1024;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function save(page: Page, out: string, file: string, shoot: (file: string) => Promise<unknown>) {
  const only = option("--only");
  if (only && !file.startsWith(only)) return;
  const target = path.join(out, file);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400); // transitions (tab indicator, message bars) come to rest
  await shoot(target);
  const size = fs.statSync(target).size;
  if (size >= MAX_BYTES) throw new Error(`${file} is ${size} bytes, over ${MAX_BYTES}`);
  console.log(`${path.relative(ROOT, target)}  ${(size / 1024).toFixed(0)} KB`);
}

async function paneShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(host, `?examples&paneOnly&width=320&theme=${theme}`, {
    width: 320,
    height: 800,
  });
  try {
    await save(page, out, `pane-320-${theme}.png`, (file) => page.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

async function previewShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(host, `?examples&width=320&theme=${theme}&tab=results`, {
    width: 1280,
    height: 800,
  });
  try {
    await showSheet(page, "Scorecard");
    await save(page, out, `preview-1280-${theme}.png`, (file) => page.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

/** The Weights tab, pairwise comparison: judgments, resulting weights and the consistency ratio. */
async function ahpShot(host: PreviewHost, out: string) {
  const { page, context } = await openPreview(host, "?examples&paneOnly&width=320&tab=weights", {
    width: 320,
    height: 800,
  });
  try {
    const p = pane(page);
    await p.getByRole("combobox", { name: "Weighting method" }).selectOption("pairwise");
    const judge = (left: string, right: string, key: string) =>
      p.getByRole("combobox", { name: `${left} compared with ${right}` }).selectOption(key);
    const [OE, SA, CE, TR] = [
      "Operational efficiency",
      "Strategic alignment",
      "Capability enhancement",
      "Threat response",
    ];
    await judge(OE, SA, "1/2");
    await judge(OE, CE, "2");
    await judge(OE, TR, "1/3");
    await judge(SA, CE, "3");
    await judge(SA, TR, "1/2");
    await judge(CE, TR, "1/5");
    await p.getByText(/Consistency ratio CR = /).waitFor();
    // The whole tab: current weights, the method, the judgments, the result and CR.
    await save(page, out, "weights-ahp-320-light.png", (file) =>
      page.screenshot({ path: file, fullPage: true }),
    );
  } finally {
    await context.close();
  }
}

/** The Sensitivity tab after an SMAA-2 run: rank acceptabilities, central weights, confidence. */
async function smaaShot(host: PreviewHost, out: string) {
  const { page, context } = await openPreview(host, "?examples&paneOnly&width=320&tab=sensitivity", {
    width: 320,
    height: 800,
  });
  try {
    const p = pane(page);
    await openFeature(page, "Sensitivity");
    await p.getByRole("textbox", { name: "Seed" }).fill("20240601");
    await p.getByRole("button", { name: "Run", exact: true }).click();
    await p.getByText(/10,000 samples, seed 20240601/).waitFor({ timeout: 60_000 });
    // The SMAA-2 section with the pane's margins around it (the one-at-a-time charts above are left out).
    const section = p.getByRole("region", { name: "Random weights (SMAA-2)" });
    await section.scrollIntoViewIfNeeded();
    const box = await section.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top + window.scrollY, height: r.height };
    });
    const clip = { x: 0, y: Math.max(0, box.top - 12), width: 320, height: box.height + 24 };
    await save(page, out, "sensitivity-smaa-320-light.png", (file) =>
      page.screenshot({ path: file, fullPage: true, clip }),
    );
  } finally {
    await context.close();
  }
}

/** Team scoring: two illustrative reviewers (?team), the Team tab and the flagged grid. */
async function teamShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const narrow = await openPreview(host, `?examples&team&paneOnly&width=320&theme=${theme}&tab=team`, {
    width: 320,
    height: 900,
  });
  try {
    const p = pane(narrow.page);
    await p.getByRole("textbox", { name: "Your name" }).fill("Bea");
    await p.getByRole("textbox", { name: "Your name" }).press("Enter");
    await p.getByText(/To discuss \(\d+\)/).waitFor();
    await save(narrow.page, out, `team-320-${theme}.png`, (file) => narrow.page.screenshot({ path: file }));
  } finally {
    await narrow.context.close();
  }
  const wide = await openPreview(host, `?examples&team&width=320&theme=${theme}&tab=team`, {
    width: 1280,
    height: 800,
  });
  try {
    await showSheet(wide.page, "Scorecard");
    await save(wide.page, out, `team-1280-${theme}.png`, (file) => wide.page.screenshot({ path: file }));
  } finally {
    await wide.context.close();
  }
}

/**
 * "Undo my last change" after a weight typed on the Weights tab: the button, what it would undo,
 * and the weights the change wrote, at 320 px.
 */
async function undoShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(
    host,
    `?examples&paneOnly&width=320&theme=${theme}&tab=weights`,
    { width: 320, height: 640 },
  );
  try {
    const p = pane(page);
    await p.getByRole("textbox", { name: "Your name" }).fill("Ana");
    await p.getByRole("textbox", { name: "Your name" }).press("Enter");
    const field = p.getByRole("textbox", { name: "Operational efficiency weight in percent" });
    await field.fill("40");
    await field.press("Enter");
    await p.getByText(/^Your last change: weight of Operational efficiency/).waitFor();
    await save(page, out, `undo-320-${theme}.png`, (file) => page.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

/** The Team tab's "Who scores" section: consensus, the discuss threshold and what it means, at 320 px. */
async function thresholdShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(
    host,
    `?examples&team&paneOnly&width=320&theme=${theme}&tab=team`,
    { width: 320, height: 900 },
  );
  try {
    const p = pane(page);
    await p.getByRole("textbox", { name: "Your name" }).fill("Bea");
    await p.getByRole("textbox", { name: "Your name" }).press("Enter");
    await p.getByRole("textbox", { name: "Discuss threshold" }).fill("5");
    await p.getByText(/^Enter a number of points from 0 to 4/).waitFor();
    const section = p.getByRole("region", { name: "Who scores" });
    await save(page, out, `team-threshold-320-${theme}.png`, (file) => section.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

/** The Team tab's import of reviews: a pasted table's preview, before the confirmation. */
async function importShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(
    host,
    `?examples&team&paneOnly&width=320&theme=${theme}&tab=team`,
    {
      width: 320,
      height: 1800,
    },
  );
  try {
    const p = pane(page);
    const table = [
      "Reviewer\tAgreement ID\tCriterion\tScore\tRationale",
      "Bea\tNATO\tThreat response\t3.5\tRevised after the exercise",
      "Cy\tNATO\tThreat response\t2\tActivation is too slow",
      "Cy\tAUKUS\tCapability enhancement\t4\t",
      "Bea\tAUKUS\tThreat response\t3\t",
      "Cy\tNATO-2\tThreat response\t3\t",
      "Dan\tFVEY\tThreat response\t7\t",
    ].join("\n");
    const field = p.getByRole("textbox", { name: /Paste a table of reviews/ });
    await field.fill(table);
    await p.getByRole("button", { name: "Preview pasted table" }).click();
    // The table from its header row, as the user sees it once they look back at it.
    await field.evaluate((el) => (el.scrollTop = 0));
    const section = p.getByRole("region", { name: "Import reviews" });
    await section.getByRole("button", { name: "Import 3 reviews" }).waitFor();
    await save(page, out, `team-import-320-${theme}.png`, (file) => section.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

/** The Criteria tab: the list, a removal asked inline, and a criterion's definition and rubric being edited. */
async function criteriaShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(
    host,
    `?examples&paneOnly&width=320&theme=${theme}&tab=criteria`,
    { width: 320, height: 1000 },
  );
  try {
    const p = pane(page);
    await openFeature(page, "Criteria");
    await p.getByRole("button", { name: "Remove Strategic alignment" }).click();
    await p.getByText(/Its 10 scores will be deleted/).waitFor();
    await save(page, out, `criteria-320-${theme}.png`, (file) => page.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

/**
 * The Results tab after a number was typed over a Weighted score formula in the simulated grid: the
 * cell listed under "1 cell needs attention" and Repair formulas as the primary button. Needs the
 * grid, so the whole preview is opened and only its 320 px pane is kept.
 */
async function repairShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(host, `?examples&width=320&theme=${theme}&tab=results`, {
    width: 1280,
    height: 1600, // the whole tab down to the Formulas section, without scrolling the pane
  });
  try {
    await showSheet(page, "Scorecard");
    const address = await cellAddress(page, "Weighted score", "NATO");
    await page.locator(`[id="cell-${address}"]`).dblclick();
    const contents = workbook(page).getByRole("textbox", { name: `Contents of Scorecard!${address}` });
    await contents.fill("95");
    await contents.press("Enter");
    await expectGridValue(page, "Weighted score", "NATO", "95.00");
    const p = pane(page);
    await openFeature(page, "Results");
    await expectText(p, "1 cell needs attention");
    await p.getByRole("button", { name: "Repair formulas" }).waitFor();
    // The pane without the preview's border on its left, from its top to the end of the Formulas section.
    const box = await page.getByTestId("task-pane").evaluate((el) => {
      const r = el.getBoundingClientRect();
      const button = [...el.querySelectorAll("button")].find((b) => b.textContent === "Repair formulas");
      const bottom = button ? button.getBoundingClientRect().bottom : r.bottom;
      return { x: r.left + el.clientLeft, y: r.top, width: el.clientWidth, height: bottom - r.top };
    });
    const clip = { x: box.x, y: box.y, width: box.width, height: Math.ceil(box.height) + 16 };
    await save(page, out, `results-repair-320-${theme}.png`, (file) => page.screenshot({ path: file, clip }));
  } finally {
    await context.close();
  }
}

/** Three reviewers' own weights given as points on the Weights tab, then the team weights (mean) on. */
async function teamWeightsShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(host, `?examples&paneOnly&width=320&theme=${theme}&tab=team`, {
    width: 320,
    height: 2400,
  });
  try {
    const p = pane(page);
    const becomeReviewer = async (name: string) => {
      await p.getByRole("textbox", { name: "Your name" }).fill(name);
      await p.getByRole("textbox", { name: "Your name" }).press("Enter");
    };
    await becomeReviewer("Ana");
    await p.getByRole("button", { name: "Switch to team scoring" }).click();
    await p.getByText("Team scoring is on").first().waitFor();
    await openFeature(page, "Weights");
    const panel: [string, number[]][] = [
      ["Ana", [40, 30, 20, 10]],
      ["Bea", [10, 20, 30, 40]],
      ["Cy", [5, 15, 20, 60]],
    ];
    const names = [
      "Operational efficiency",
      "Strategic alignment",
      "Capability enhancement",
      "Threat response",
    ];
    for (const [name, points] of panel) {
      await becomeReviewer(name);
      await p.getByText(`Setting ${name}'s own weights`).first().waitFor();
      await p.getByRole("combobox", { name: "Weighting method" }).selectOption("points");
      for (const [k, criterion] of names.entries())
        await p.getByRole("textbox", { name: `${criterion}: points` }).fill(String(points[k]));
      await p.getByRole("button", { name: "Apply points" }).click();
      await p.getByText("Weights set from the points.").first().waitFor();
    }
    await p.getByRole("combobox", { name: "The scorecard's weights" }).selectOption("mean");
    await p
      .getByText(/^Consensus S\* = /)
      .first()
      .waitFor();
    const table = p.getByRole("table", { name: "Team weights and mine" });
    await table.scrollIntoViewIfNeeded();
    // From the team weights' section heading down to the reviewers' distances.
    const box = await table.evaluate((el) => {
      const section = el.closest("section") ?? el;
      const r = section.getBoundingClientRect();
      return { top: r.top + window.scrollY, height: r.height };
    });
    const clip = { x: 0, y: Math.max(0, box.top - 12), width: 320, height: box.height + 24 };
    await save(page, out, `team-weights-320-${theme}.png`, (file) =>
      page.screenshot({ path: file, fullPage: true, clip }),
    );
  } finally {
    await context.close();
  }
}

/**
 * A two-level scorecard: Operational efficiency given its suggested indicators and NATO scored
 * through them; the Scorecard's indicator columns, with the criterion cell's formula in the formula
 * bar, beside the indicators on the pane's Criteria tab, at 1280 px.
 */
async function indicatorShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(host, `?examples&width=320&theme=${theme}&tab=criteria`, {
    width: 1280,
    height: 800,
  });
  try {
    const p = pane(page);
    await natoScoredThroughIndicators(page);
    await showSheet(page, "Scorecard");
    await expectGridValue(page, "Operational efficiency", "NATO", "4");
    // NATO's Operational efficiency selected: the formula bar shows the live formula over its indicators.
    await page.locator(`[id="cell-${await cellAddress(page, "Operational efficiency", "NATO")}"]`).click();
    await openFeature(page, "Criteria");
    await p.getByRole("button", { name: "Indicators (3) of Operational efficiency" }).click();
    await p.getByRole("group", { name: "Indicator 1" }).waitFor();
    await save(page, out, `indicators-1280-${theme}.png`, (file) => page.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

/**
 * The Score tab in team scoring with indicators (issue 16): Bea's score and rationale per
 * indicator of Operational efficiency beside each indicator's team consensus, at 320 px.
 */
async function teamIndicatorShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(
    host,
    `?examples&paneOnly&width=320&theme=${theme}&tab=criteria`,
    // Tall enough for the whole pane, so that the sticky Save bar sits below the section shot.
    { width: 320, height: 3600 },
  );
  try {
    const p = pane(page);
    await teamScoringOfIndicators(page);
    await becomeReviewer(page, "Bea");
    await openFeature(page, "Score");
    await p.getByRole("combobox", { name: "Agreement to score" }).selectOption("NATO");
    await scoreTwoNatoIndicatorsLow(page);
    await expectText(p, "Team mean 3 from 2 reviewers");
    const section = p.getByRole("region", { name: "Operational efficiency" });
    await save(page, out, `team-indicators-320-${theme}.png`, (file) => section.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

/**
 * The Weights tab at an indicator node: Operational efficiency's suggested indicators weighed by
 * pairwise comparison, with their local and global weights and the consistency ratio, at 320 px.
 */
async function localWeightsShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(
    host,
    `?examples&paneOnly&width=320&theme=${theme}&tab=criteria`,
    {
      width: 320,
      height: 800,
    },
  );
  try {
    const p = pane(page);
    await acceptSuggestedIndicators(page, "Operational efficiency");
    await p.getByRole("button", { name: "Indicators (3) of Operational efficiency" }).waitFor();
    await openFeature(page, "Weights");
    await p.getByRole("combobox", { name: "Weights of" }).selectOption("operational_efficiency");
    await p.getByRole("combobox", { name: "Weighting method" }).selectOption("pairwise");
    const joint = "Joint exercises and interoperability";
    const liaison = "Command and liaison arrangements";
    await judgePair(p, joint, "Shared logistics and resources", "3");
    await judgePair(p, joint, liaison, "5");
    await judgePair(p, "Shared logistics and resources", liaison, "2");
    await p.getByRole("button", { name: "Apply these weights" }).click();
    await p
      .getByText("Local weights of Operational efficiency set from the pairwise comparison (AHP).")
      .waitFor();
    await save(page, out, `weights-indicators-320-${theme}.png`, (file) =>
      page.screenshot({ path: file, fullPage: true }),
    );
  } finally {
    await context.close();
  }
}

/**
 * The start screen over the analyst's own table (?ownTable): the Attach form offering Operational
 * efficiency as one criterion scored through its two "Criterion / Indicator" columns, at 320 px.
 */
async function attachShots(host: PreviewHost, out: string, theme: "light" | "dark") {
  const { page, context } = await openPreview(host, `?ownTable&paneOnly&width=320&theme=${theme}`, {
    width: 320,
    height: 1400,
  });
  try {
    const p = pane(page);
    for (const name of [
      /^Operational efficiency, through 2 indicators/,
      "Strategic alignment",
      "Threat response",
    ])
      await p.getByRole("checkbox", { name }).check();
    const section = p.getByRole("region", { name: "Or attach to a table you already have" });
    await save(page, out, `attach-indicators-320-${theme}.png`, (file) => section.screenshot({ path: file }));
  } finally {
    await context.close();
  }
}

async function main() {
  const out = path.resolve(option("--out") ?? path.join(ROOT, "docs"));
  fs.mkdirSync(out, { recursive: true });
  let dir = option("--dir");
  let temporary: string | null = null;
  if (!dir) {
    temporary = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-shots-"));
    console.log("Building the preview (production) …");
    await build({ outDir: temporary, entries: ["preview"], mode: "production" });
    dir = temporary;
  }
  const host = await startPreviewHost(dir);
  try {
    for (const theme of ["light", "dark"] as const) {
      await paneShots(host, out, theme);
      await previewShots(host, out, theme);
      await teamShots(host, out, theme);
      await importShots(host, out, theme);
      await criteriaShots(host, out, theme);
      await repairShots(host, out, theme);
      await undoShots(host, out, theme);
      await thresholdShots(host, out, theme);
      await teamWeightsShots(host, out, theme);
      await indicatorShots(host, out, theme);
      await localWeightsShots(host, out, theme);
      await teamIndicatorShots(host, out, theme);
      await attachShots(host, out, theme);
    }
    await ahpShot(host, out);
    await smaaShot(host, out);
  } finally {
    await host.close();
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
