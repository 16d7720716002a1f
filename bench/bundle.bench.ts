/**
 * What the pane costs to load: the task pane entry's initial JavaScript (gzip) from a production
 * build with the project's webpack configuration, and the time from navigation start until the
 * preview's pane has its first enabled control, in Debian's Chromium (median of several cold loads).
 * Each beside a bare React + Fluent UI v9 pane (bench/fixtures/bare-pane.tsx: a FluentProvider and
 * a Button) built with the same configuration and loaded the same way, in the same run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type webpack from "webpack";
import type { Browser } from "playwright-core";
import type { BenchFigure, BenchSection } from "./harness";
import { build } from "../tests/e2e/support/build";
import { launchChromium } from "../tests/e2e/support/browser";
import { serveStatic, type StaticServer } from "../tests/e2e/support/server";

const LOADS = 9;

/** The initial chunks' JavaScript files of an entry point (what its page loads before anything runs). */
function initialScripts(stats: webpack.Stats, entry: string): string[] {
  const json = stats.toJson({ all: false, entrypoints: true, assets: false });
  const point = json.entrypoints?.[entry];
  if (!point?.assets) throw new Error(`no entry point "${entry}" in the build`);
  return point.assets.map((asset) => asset.name).filter((name) => name.endsWith(".js"));
}

function sizes(dir: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dir, file));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/**
 * Runs in the page before its own scripts: records performance.now() — milliseconds since
 * navigation start — when the first enabled control appears inside <main> (the pane).
 */
const MARK_INTERACTIVE = `(() => {
  const selector = "main :is(button, input, select, textarea):not([disabled])";
  const observer = new MutationObserver(() => mark());
  function mark() {
    if (window.__interactiveAt === undefined && document.querySelector(selector)) {
      window.__interactiveAt = performance.now();
      observer.disconnect();
    }
  }
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["disabled"] });
})();`;

async function timeToInteractive(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(MARK_INTERACTIVE);
    await page.goto(url);
    await page.waitForFunction(
      () => (window as { __interactiveAt?: number }).__interactiveAt !== undefined,
      null,
      {
        timeout: 30_000,
      },
    );
    return await page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt);
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const kb = (bytes: number) => bytes / 1024;

const section: BenchSection = {
  title: "bundle",
  async run(): Promise<BenchFigure[]> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-bundle-"));
    const appDir = path.join(root, "app");
    const bareDir = path.join(root, "bare");
    let servers: StaticServer[] = [];
    let browser: Browser | null = null;
    try {
      // The project's configuration as it is (task pane and preview), then the same with the bare entry.
      const app = await build({ outDir: appDir, mode: "production" });
      const bare = await build({
        outDir: bareDir,
        mode: "production",
        entries: [],
        extra: [
          { name: "bare", entry: "./bench/fixtures/bare-pane.tsx", template: "./src/preview/preview.html" },
        ],
      });
      const pane = initialScripts(app, "taskpane");
      const paneSize = sizes(appDir, pane);
      const bareSize = sizes(bareDir, initialScripts(bare, "bare"));
      const previewSize = sizes(appDir, initialScripts(app, "preview"));

      servers = [await serveStatic(appDir), await serveStatic(bareDir)];
      const [appServer, bareServer] = servers;
      browser = await launchChromium();
      const urls = {
        preview: `${appServer.origin}/preview.html`,
        examples: `${appServer.origin}/preview.html?examples`,
        bare: `${bareServer.origin}/bare.html`,
      };
      const times: Record<keyof typeof urls, number[]> = { preview: [], examples: [], bare: [] };
      for (const url of Object.values(urls)) await timeToInteractive(browser, url); // warm-up
      // Interleaved, so a slow moment of the machine is shared fairly.
      for (let i = 0; i < LOADS; i++)
        for (const [key, url] of Object.entries(urls) as [keyof typeof urls, string][])
          times[key].push(await timeToInteractive(browser, url));
      const bareTime = median(times.bare);
      const bareBaseline = {
        name: "bare React + Fluent UI v9 pane (FluentProvider + Button), same webpack configuration",
      };

      return [
        {
          name: "task pane initial JavaScript, gzip -9",
          unit: "KB",
          value: kb(paneSize.gzip),
          baseline: { ...bareBaseline, value: kb(bareSize.gzip) },
          note:
            `${pane.join(", ")}: ${kb(paneSize.raw).toFixed(0)} KB minified (bare pane ${kb(bareSize.raw).toFixed(0)} KB); ` +
            `the preview's initial JavaScript is ${kb(previewSize.gzip).toFixed(0)} KB gzip; ` +
            "Office.js, loaded by taskpane.html from Microsoft's CDN, is not counted; the SMAA worker is a separate chunk, loaded on first use",
        },
        {
          name: "preview.html: navigation start → pane's first enabled control",
          unit: "ms",
          value: median(times.preview),
          baseline: { ...bareBaseline, value: bareTime },
          note: `median of ${LOADS} cold loads (new browser context each) from 127.0.0.1, headless Chromium; the start screen (no scorecard)`,
        },
        {
          name: "preview.html?examples: navigation start → pane's first enabled control",
          unit: "ms",
          value: median(times.examples),
          baseline: { ...bareBaseline, value: bareTime },
          note: "includes creating the example scorecard in the simulated workbook and reading it back into the pane",
        },
      ];
    } finally {
      try {
        await browser?.close();
        for (const server of servers) await server.close();
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    }
  },
};

export default section;
