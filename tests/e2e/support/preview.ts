/**
 * The preview as the e2e tests see it: Chromium and the static server over the build of
 * globalSetup, a page opened on preview.html with URL options, and what a user reads off it — the
 * pane (the page's only <main>), the simulated workbook's grid, and its cells by header and ID.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { launchChromium } from "./browser";
import { serveStatic, type StaticServer } from "./server";

export interface PreviewHost {
  browser: Browser;
  server: StaticServer;
  close(): Promise<void>;
}

/** Chromium and a server for the preview built by globalSetup (or a folder given as `dir`). */
export async function startPreviewHost(dir = process.env.E2E_PREVIEW_DIR): Promise<PreviewHost> {
  if (!dir) throw new Error("E2E_PREVIEW_DIR is not set: run the e2e tests with `npm run test:e2e`");
  if (!fs.existsSync(path.join(dir, "preview.html"))) throw new Error(`no preview build in ${dir}`);
  const server = await serveStatic(dir);
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface OpenedPreview {
  context: BrowserContext;
  page: Page;
  /** The task pane on the page. */
  p: Locator;
  /** Uncaught exceptions and console errors seen so far. */
  problems: string[];
}

export interface OpenOptions {
  width?: number;
  height?: number;
  /** Called with the new context before the page loads (e.g. to record requests). */
  beforeLoad?: (context: BrowserContext, page: Page) => void | Promise<void>;
}

/**
 * Opens preview.html with `query` (e.g. "?examples&tab=weights") in a fresh browser context and
 * waits until the pane has settled: a scorecard open (the agreement picker) or the start screen.
 */
export async function openPreview(
  host: PreviewHost,
  query = "",
  { width = 1280, height = 900, beforeLoad }: OpenOptions = {},
): Promise<OpenedPreview> {
  const context = await host.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
  await beforeLoad?.(context, page);
  await page.goto(`${host.server.origin}/preview.html${query}`);
  await paneSettled(page);
  return { context, page, p: pane(page), problems };
}

/** The task pane (the preview's only <main>, in the side panel or alone with ?paneOnly). */
export function pane(page: Page): Locator {
  return page.getByRole("main");
}

/** The simulated workbook beside the pane. */
export function workbook(page: Page): Locator {
  return page.getByRole("region", { name: "Simulated workbook" });
}

export async function paneSettled(page: Page): Promise<void> {
  const ready = pane(page).getByRole("tablist", { name: "Features" });
  const start = pane(page).getByRole("button", { name: "Create scorecard" });
  await ready.or(start).first().waitFor({ state: "visible" });
}

/** Switches the pane to a feature tab and waits for its panel. */
export async function openFeature(
  page: Page,
  label: "Score" | "Weights" | "Criteria" | "Results" | "Sensitivity" | "Team",
) {
  // In a narrow pane the tabs that do not fit are in the "More features" menu.
  const tab = pane(page).getByRole("tab", { name: label });
  if (await tab.isVisible()) await tab.click();
  else {
    await pane(page)
      .getByRole("button", { name: /^More features/ })
      .click();
    // The menu opens in a portal at the end of the document, outside the pane's <main>.
    await page.getByRole("menuitem", { name: label }).click();
  }
  await pane(page).getByRole("tabpanel", { name: label }).waitFor({ state: "visible" });
}

/** Shows a sheet of the simulated workbook. */
export async function showSheet(page: Page, name: string): Promise<void> {
  await workbook(page).getByRole("tab", { name, exact: true }).click();
  await page.getByRole("grid", { name: `Sheet ${name}` }).waitFor({ state: "visible" });
}

/** The names on the workbook's sheet tabs, in order. */
export async function sheetTabs(page: Page): Promise<string[]> {
  // A Fluent tab's text is there twice (once hidden, to reserve the selected tab's bold width).
  return workbook(page)
    .getByRole("tablist", { name: "Sheets" })
    .getByRole("tab")
    .evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute("value") ?? ""));
}

/**
 * The address of the cell of the shown sheet in the column headed `header` (row 1, or row 2 under
 * a header band) and the row whose column A holds `id`, e.g. ("Weighted score", "NATO") → "K2".
 */
export async function cellAddress(page: Page, header: string, id: string): Promise<string> {
  const address = await page.evaluate(
    ([header, id]) => {
      const text = (address: string) => document.getElementById(`cell-${address}`)?.textContent ?? null;
      const letter = (index: number) => {
        let name = "";
        for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
          name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
        return name;
      };
      // The header row: row 1, or row 2 under a header band (a scorecard with indicators).
      let column: string | null = null;
      let headerRow = 0;
      for (let top = 1; top <= 2 && column === null; top++)
        for (let c = 0; text(`${letter(c)}${top}`) !== null; c++)
          if (text(`${letter(c)}${top}`) === header) {
            column = letter(c);
            headerRow = top;
            break;
          }
      let row: number | null = null;
      for (let r = headerRow + 1; text(`A${r}`) !== null; r++)
        if (text(`A${r}`) === id) {
          row = r;
          break;
        }
      return column !== null && row !== null ? `${column}${row}` : null;
    },
    [header, id] as const,
  );
  if (address === null) throw new Error(`no cell under "${header}" in the row of "${id}" on the shown sheet`);
  return address;
}

/** The text the grid shows in a cell (its formatted value), by address. */
export async function cellText(page: Page, address: string): Promise<string> {
  return (await page.locator(`[id="cell-${address}"]`).textContent()) ?? "";
}

/** The text the grid shows under `header` in the row of `id` (on the shown sheet). */
export async function gridValue(page: Page, header: string, id: string): Promise<string> {
  return cellText(page, await cellAddress(page, header, id));
}

/**
 * Polls `read` until `accept` holds (default 10 s), and returns the value; otherwise fails with the
 * last value read, so a test says what it saw rather than only that it timed out.
 */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown = null;
  for (;;) {
    try {
      last = await read();
      lastError = null;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError !== null ? String(lastError) : JSON.stringify(last);
      throw new Error(`${what}: not reached within ${timeout} ms; last seen: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the grid shows `expected` under `header` in the row of `id`. */
export async function expectGridValue(page: Page, header: string, id: string, expected: string) {
  await eventually(
    `grid ${header} of ${id} = ${expected}`,
    () => gridValue(page, header, id),
    (v) => v === expected,
  );
}

/** Waits until each agreement's cells in the grid show the text given: `{ NATO: { Rank: "1" } }`. */
export async function expectGridValues(page: Page, expected: Record<string, Record<string, string>>) {
  for (const [id, cells] of Object.entries(expected))
    for (const [header, value] of Object.entries(cells)) await expectGridValue(page, header, id, value);
}

/** Waits until `locator`'s text matches. */
export async function expectText(locator: Locator, expected: RegExp | string, timeout = 10_000) {
  return eventually(
    `text ${String(expected)} in ${String(locator)}`,
    async () => (await locator.textContent()) ?? "",
    (text) => (typeof expected === "string" ? text.includes(expected) : expected.test(text)),
    timeout,
  );
}

/**
 * On the Score tab, picks `agreement`, types each text into the field its label names (`fields`:
 * label, text) and saves. Gives the pane, where the outcome shows.
 */
export async function scoreAgreement(
  page: Page,
  agreement: string,
  fields: [label: string | RegExp, text: string][],
): Promise<Locator> {
  const p = pane(page);
  await openFeature(page, "Score");
  await p.getByRole("combobox", { name: "Agreement to score" }).selectOption(agreement);
  for (const [label, text] of fields) await p.getByRole("textbox", { name: label }).fill(text);
  await p.getByRole("button", { name: "Save" }).click();
  return p;
}

/**
 * On the Score tab, scores `agreement`'s indicators of `criterion` and saves: `scores` maps the start
 * of each indicator's name to the score typed.
 */
export async function scoreIndicators(
  page: Page,
  agreement: string,
  criterion: string,
  scores: Record<string, string>,
): Promise<Locator> {
  return scoreAgreement(
    page,
    agreement,
    Object.entries(scores).map(([name, score]) => [new RegExp(`^${criterion} / ${name}.*: score`), score]),
  );
}

/**
 * On the Criteria tab, gives `criterion` (a default criterion with scores typed for it) its three
 * suggested indicators, agreeing that their formula replaces those scores.
 */
export async function acceptSuggestedIndicators(page: Page, criterion: string): Promise<void> {
  const p = pane(page);
  await p.getByRole("button", { name: `Indicators (0) of ${criterion}` }).click();
  await p.getByRole("button", { name: "Use the 3 suggested indicators" }).click();
  await p.getByRole("button", { name: "Save indicators" }).click();
  await p.getByRole("button", { name: "Save and remove those scores" }).click();
}

/**
 * On the start screen of ?ownTable, attaches a scorecard to the analyst's own table, ticking the
 * Attach form's criteria by their labels (a criterion with indicator columns is labelled with them).
 */
export async function attachOwnTable(page: Page, criteria: readonly (string | RegExp)[]): Promise<void> {
  const p = pane(page);
  for (const name of criteria) await p.getByRole("checkbox", { name }).check();
  await p.getByRole("button", { name: "Attach scorecard" }).click();
}

/** Types `name` as the pane's reviewer ("Your name") and confirms it. */
export async function becomeReviewer(page: Page, name: string): Promise<void> {
  const field = pane(page).getByRole("textbox", { name: "Your name" });
  await field.fill(name);
  await field.press("Enter");
}

/**
 * From the examples on the Criteria tab: Operational efficiency gets its suggested indicators, the
 * analyst scores NATO's (5, 4, 3), and Ana switches the scorecard to team scoring, so that those
 * scores are her reviews.
 */
export async function teamScoringOfIndicators(page: Page): Promise<void> {
  await natoScoredThroughIndicators(page);
  await switchToTeamScoring(page, "Ana");
}

/**
 * From the examples on the Criteria tab: Operational efficiency gets its suggested indicators and
 * NATO is scored 5, 4 and 3 through them (their criterion then shows 4).
 */
export async function natoScoredThroughIndicators(page: Page): Promise<void> {
  const p = pane(page);
  await acceptSuggestedIndicators(page, "Operational efficiency");
  await expectText(p, "Saved 3 indicators");
  await scoreIndicators(page, "NATO", "Operational efficiency", {
    "Joint exercises": "5",
    "Shared logistics": "4",
    "Command and liaison": "3",
  });
  await expectText(p, 'Saved "North Atlantic Treaty (NATO)"');
}

/**
 * On the Score tab, open on NATO: the reviewer scores Joint exercises 1 with a rationale and Shared
 * logistics 2, and saves (far from Ana's 5 and 4 after teamScoringOfIndicators).
 */
export async function scoreTwoNatoIndicatorsLow(page: Page): Promise<void> {
  const p = pane(page);
  const joint = "Operational efficiency / Joint exercises and interoperability";
  await p.getByRole("textbox", { name: new RegExp(`^${joint}: score`) }).fill("1");
  await p.getByRole("textbox", { name: `${joint}: rationale` }).fill("One exercise in five years.");
  await p.getByRole("textbox", { name: /^Operational efficiency \/ Shared logistics.*: score/ }).fill("2");
  await p.getByRole("button", { name: "Save" }).click();
}

/** `reviewer` becomes the pane's reviewer and switches the scorecard to team scoring on the Team tab. */
export async function switchToTeamScoring(page: Page, reviewer: string): Promise<void> {
  const p = pane(page);
  await becomeReviewer(page, reviewer);
  await openFeature(page, "Team");
  await p.getByRole("button", { name: "Switch to team scoring" }).click();
  await expectText(p, "Team scoring is on");
}

/** One test file's preview host, and the pages its tests open through it. */
export interface PreviewSite {
  /** Started before the file's first test, closed after its last. */
  readonly host: PreviewHost;
  /**
   * Opens the preview as openPreview does and keeps it for afterEach, which closes it and checks
   * that it saw no uncaught exception and no console error.
   */
  open(query?: string, options?: OpenOptions): Promise<OpenedPreview>;
}

/** Declares the hooks of a preview test file: one host for all its tests, each test's page closed after it. */
export function previewSite(): PreviewSite {
  let host: PreviewHost | undefined;
  let opened: OpenedPreview | null = null;
  beforeAll(async () => {
    host = await startPreviewHost();
  });
  afterAll(async () => {
    await host?.close();
  });
  afterEach(async () => {
    const problems = opened?.problems ?? [];
    await opened?.context.close();
    opened = null;
    expect(problems).toEqual([]);
  });
  return {
    get host() {
      if (!host) throw new Error("the preview host starts in beforeAll: use it inside a test or hook");
      return host;
    },
    async open(query = "", options = {}) {
      opened = await openPreview(this.host, query, options);
      return opened;
    },
  };
}

/** Chooses `key` ("5", "1/3"…) in the pane's pairwise judgment of criterion `left` against `right`. */
export async function judgePair(pane: Locator, left: string, right: string, key: string): Promise<void> {
  await pane.getByRole("combobox", { name: `${left} compared with ${right}` }).selectOption(key);
}
