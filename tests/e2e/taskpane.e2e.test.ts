/**
 * The task pane page itself (taskpane.html, not the preview), built twice with the project's webpack
 * configuration: as it ships by default (Office.js from Microsoft's CDN, which these tests never
 * reach: every request off the page's own host is refused) and with OFFICE_JS=bundled (Office.js
 * from the add-in's own copy of @microsoft/office-js).
 *
 * - In an old Office webview (Internet Explorer 11's engine or the old Edge, as Office 2016/2019 use;
 *   imitated here by user agent, `document.documentMode` and missing ES2020 built-ins) the ES5
 *   bootstrap shows what to do and the bundle is never requested.
 * - Elsewhere the pane loads; outside Office it says to open it in Excel.
 * - With the bundled Office.js, the real Office.js runs its Office.onReady path outside Office,
 *   within a policy that allows only the page's own origin, and nothing leaves that origin.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./support/browser";
import { build } from "./support/build";
import { serveStatic, type StaticServer } from "./support/server";
import { eventually, expectText } from "./support/preview";

const IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";
const EDGE_HTML =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) " +
  "Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";
const NOT_IN_EXCEL = "This page is the Excel add-in's task pane and needs Excel";

interface Built {
  dir: string;
  server: StaticServer;
}
const built: Partial<Record<"cdn" | "bundled", Built>> = {};
let browser: Browser;

beforeAll(async () => {
  for (const officeJs of ["cdn", "bundled"] as const) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `scorecard-pane-${officeJs}-`));
    await build({ outDir: dir, entries: ["taskpane"], mode: "development", officeJs });
    built[officeJs] = { dir, server: await serveStatic(dir) };
  }
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const b of Object.values(built)) {
    await b.server.close();
    fs.rmSync(b.dir, { recursive: true, force: true });
  }
});

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for (page, scripts, workers), in order. */
  requests: string[];
  /** Uncaught exceptions, console errors and Content-Security-Policy violations. */
  problems: string[];
}

async function openPane(
  which: "cdn" | "bundled",
  options: { userAgent?: string; initScript?: () => void } = {},
): Promise<Opened> {
  const { server } = built[which]!;
  const context = await browser.newContext({
    viewport: { width: 320, height: 800 },
    userAgent: options.userAgent,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
  await page.exposeFunction("reportCspViolation", (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  if (options.initScript) await page.addInitScript(options.initScript);
  context.on("request", (request) => requests.push(request.url()));
  // Nothing may leave the page's own host; a request elsewhere (the CDN) is refused and recorded.
  await context.route("**/*", (route) =>
    route.request().url().startsWith(`${server.origin}/`) ? route.continue() : route.abort("blockedbyclient"),
  );
  await page.goto(`${server.origin}/taskpane.html`);
  return { context, page, requests, problems };
}

const bundleRequested = (requests: string[]) =>
  requests.some((url) => /\/taskpane\.[0-9a-f]+\.js$/.test(url));

describe("the pane in an old Office webview", () => {
  test.each([
    ["Internet Explorer 11 (documentMode 11, Trident user agent)", IE11, "Internet Explorer 11"],
    ["the old Edge (EdgeHTML user agent)", EDGE_HTML, "the original Microsoft Edge (EdgeHTML)"],
  ])("%s: says what the user needs, and the bundle never loads", async (_what, userAgent, named) => {
    const { context, page, requests, problems } = await openPane("cdn", {
      userAgent,
      initScript:
        userAgent === IE11
          ? () => Object.defineProperty(document, "documentMode", { value: 11, configurable: true })
          : undefined,
    });
    try {
      const message = page.getByRole("main");
      await expectText(message, "Agreement Scorecard needs a newer Office");
      const text = (await message.textContent()) ?? "";
      expect(text).toContain(`This copy of Office shows add-ins with ${named}`);
      expect(text).toContain("It needs Microsoft 365, or Office 2021 or later");
      expect(text).toContain("Excel on the web");
      expect(text).toContain("Microsoft Edge WebView2 Runtime");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "Agreement Scorecard needs a newer Office",
      );
      // Give a bundle that was wrongly requested time to arrive and draw, then check it did not.
      await page.waitForTimeout(500);
      expect(bundleRequested(requests)).toBe(false);
      expect(await page.locator("#root").getByText(NOT_IN_EXCEL).count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.getAttribute("data-webview"))).toBe(
        userAgent === IE11 ? "trident" : "edgehtml",
      );
      // The only failure is the refused CDN request for Office.js (this machine is offline).
      expect(problems.filter((p) => !p.includes("net::ERR_BLOCKED_BY_CLIENT"))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("an engine without the ES2020 built-ins the bundle needs gets the message too", async () => {
    const { context, page, requests } = await openPane("cdn", {
      initScript: () => {
        delete (Promise as unknown as { allSettled?: unknown }).allSettled;
      },
    });
    try {
      await expectText(page.getByRole("main"), "with a web engine too old to run Agreement Scorecard");
      await page.waitForTimeout(500);
      expect(bundleRequested(requests)).toBe(false);
    } finally {
      await context.close();
    }
  });
});

describe("the pane in a current webview", () => {
  test("loads the bundle through the bootstrap and reaches the pane (outside Office: open it in Excel)", async () => {
    const { context, page, requests, problems } = await openPane("cdn");
    try {
      await expectText(page.locator("#root"), NOT_IN_EXCEL);
      expect(bundleRequested(requests)).toBe(true);
      expect(await page.locator("#old-webview").count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.getAttribute("data-webview"))).toBe(
        "current",
      );
      // Scripts in order: the bootstrap first, then Office.js (refused: offline), then the bundle.
      const scripts = requests.filter((url) => url.endsWith(".js"));
      expect(scripts[0]).toBe(`${built.cdn!.server.origin}/bootstrap.js`);
      expect(scripts[1]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      expect(bundleRequested(scripts.slice(2))).toBe(true);
      expect(problems.filter((p) => !p.includes("net::ERR_BLOCKED_BY_CLIENT"))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("OFFICE_JS=bundled: Office.js served with the add-in", () => {
  test("the real Office.js runs Office.onReady outside Office, within a 'self'-only policy, and nothing leaves the host", async () => {
    const { dir, server } = built.bundled!;
    expect(fs.existsSync(path.join(dir, "office-js", "office.js"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "office-js", "LICENSE.md"))).toBe(true);
    const { context, page, requests, problems } = await openPane("bundled");
    try {
      // 1. The pane says to open it in Excel.
      await expectText(page.locator("#root"), NOT_IN_EXCEL, 30_000).catch((error: unknown) => {
        throw new Error(
          `${String(error)}\nproblems: ${problems.join("\n")}\nrequests: ${requests.join("\n")}`,
        );
      });
      // 4. Office.js's own Office.onReady resolved (outside Office: no host), and the app saw it.
      const host = await eventually(
        "data-office-host",
        () => page.evaluate(() => document.documentElement.getAttribute("data-office-host")),
        (value) => value !== null,
        30_000,
      );
      expect(host).toBe("none");
      expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe(
        "object",
      );

      const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
      expect(policy).toMatch(/script-src 'self';/);
      expect(policy).toMatch(/connect-src 'self';/);
      expect(policy).not.toMatch(/appsforoffice|https?:|\*/);
      // Let Office.js finish whatever it loads after onReady before counting.
      await page.waitForTimeout(1000);
      // 2. No Content-Security-Policy violation and no console error.
      expect(problems).toEqual([]);
      // 3. Every request stayed on the page's own host, and Office.js came from the add-in's copy.
      expect(requests.filter((url) => !url.startsWith(`${server.origin}/`) && !/^data:/.test(url))).toEqual(
        [],
      );
      expect(requests).toContain(`${server.origin}/office-js/office.js`);
      expect(bundleRequested(requests)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
