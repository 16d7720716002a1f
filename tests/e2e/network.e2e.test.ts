/**
 * The preview fetches nothing from anywhere but the server it came from: no Office.js from
 * Microsoft's CDN (preview.html has no script tag for it: the preview never talks to Office), no
 * fonts, no telemetry. Every request of the page and its worker is recorded through a whole
 * session that touches every lazily loaded part (the SMAA worker, the .xlsx exporter).
 */
import fs from "node:fs";
import path from "node:path";
import type { Request } from "playwright-core";
import { openFeature, openPreview, pane, showSheet, previewSite } from "./support/preview";

const site = previewSite();

test("a whole session requests nothing but the preview's own files from its own origin, within its Content-Security-Policy", async () => {
  const seen: string[] = [];
  const routed: string[] = [];
  const served = site.host.server.requested.length;
  const { page, context, problems } = await openPreview(site.host, "", {
    beforeLoad: async (context, page) => {
      // Every Content-Security-Policy violation the page reports, collected for the end.
      await page.addInitScript(() => {
        (window as unknown as { cspViolations: string[] }).cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          (window as unknown as { cspViolations: string[] }).cspViolations.push(
            `${e.violatedDirective} ${e.blockedURI}`,
          ),
        );
      });
      context.on("request", (request: Request) => seen.push(request.url()));
      // Every request goes through here too; one to another origin would be refused (and fail below).
      await context.route("**/*", (route) => {
        const url = route.request().url();
        routed.push(url);
        return url.startsWith(`${site.host.server.origin}/`)
          ? route.continue()
          : route.abort("blockedbyclient");
      });
    },
  });
  try {
    const p = pane(page);
    await p.getByRole("checkbox", { name: /example agreements/ }).check();
    await p.getByRole("button", { name: "Create scorecard" }).click();
    await p.getByRole("combobox", { name: "Agreement to score" }).waitFor();
    for (const sheet of ["Scorecard", "Weights", "Results"]) await showSheet(page, sheet);
    await openFeature(page, "Weights");
    await p.getByRole("combobox", { name: "Weighting method" }).selectOption("pairwise");
    await openFeature(page, "Results");
    await openFeature(page, "Sensitivity");
    await p.getByRole("textbox", { name: "Samples" }).fill("1000");
    await p.getByRole("button", { name: "Run", exact: true }).click();
    await p.getByText(/1,000 samples, seed \d+/).waitFor({ timeout: 30_000 });
    await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("scorecard.xlsx");
    await download.path();
    // The page declares a policy that allows only its own origin, and nothing in the session broke it.
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    expect(policy).toMatch(/default-src 'self';/);
    expect(policy).toMatch(/script-src 'self';/);
    expect(policy).toMatch(/connect-src 'self';/);
    expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
  } finally {
    await context.close();
  }

  const local = (url: string) => url.startsWith(`${site.host.server.origin}/`);
  // blob: is the download itself (an object URL of bytes made in the page); data: is the empty favicon.
  const elsewhere = seen.filter((url) => !local(url) && !/^(blob|data):/.test(url));
  expect(elsewhere).toEqual([]);
  expect(seen.filter((url) => /appsforoffice|office\.js|microsoft|officeapps/i.test(url))).toEqual([]);

  // What was asked for is what the server handed out, and all of it comes from the build.
  const paths = [...new Set(seen.filter(local).map((url) => new URL(url).pathname))].sort();
  const servedPaths = [...new Set(site.host.server.requested.slice(served))].sort();
  expect(servedPaths).toEqual(paths);
  expect(routed.filter(local).length).toBeGreaterThanOrEqual(paths.length);
  const dir = process.env.E2E_PREVIEW_DIR!;
  for (const p of paths) expect(fs.existsSync(path.join(dir, p))).toBe(true);

  // The page, its script, the SMAA worker, and the exporter's chunks loaded on the first download.
  expect(paths).toContain("/preview.html");
  const scripts = paths.filter((p) => p.endsWith(".js"));
  expect(scripts.some((p) => /^\/preview\.[0-9a-f]+\.js$/.test(p))).toBe(true);
  expect(scripts.length).toBeGreaterThanOrEqual(3);
  expect(paths.every((p) => p === "/preview.html" || p.endsWith(".js"))).toBe(true);
  expect(problems).toEqual([]);
});
