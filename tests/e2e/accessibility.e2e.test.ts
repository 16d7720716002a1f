/**
 * axe-core scan of the pane in a real browser (layout, computed colours, focusability), on every
 * tab, light and dark, and on the start screen. Fails on any serious or critical violation.
 *
 * Licence note: axe-core is MPL-2.0. It is a test-time devDependency only: it is read from
 * node_modules and injected into the test page here, imported by no file under src/, and so never
 * bundled into the shipped add-in (whose dependencies are all permissively licensed).
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { judgePair, openFeature, openPreview, pane, previewSite, showSheet } from "./support/preview";

const AXE_SCRIPT = require.resolve("axe-core/axe.min.js");

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: AxeNode[];
}

const site = previewSite();

/**
 * Runs axe (all its WCAG 2.x A/AA rules and best practices) on the pane — its <main> — or on the
 * whole page, and returns every violation.
 */
async function scan(page: Page, what: "pane" | "page" = "pane"): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than a <script> element: the page's
  // Content-Security-Policy rightly refuses inline scripts, and the scan must not weaken it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE_SCRIPT, "utf8"));
  // Let transitions (tab indicator, message bars) finish, so colours are measured as they rest.
  await page.waitForTimeout(300);
  return page.evaluate(async (what) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
    const root = what === "pane" ? document.querySelector("main") : document;
    if (!root) throw new Error("no pane (<main>) on the page");
    const result = (await axe.run(root, { resultTypes: ["violations"] })) as { violations: unknown[] };
    return result.violations as AxeViolation[];
  }, what);
}
const scanPane = (page: Page) => scan(page, "pane");

/**
 * Fluent UI v9's focus manager (Tabster) puts focusable "dummy" elements, aria-hidden, around
 * focus groups; they hand focus on at once and are never read out. axe reports them under
 * aria-hidden-focus, a known false positive that Microsoft's own scanners suppress the same way
 * (microsoft/accessibility-insights-web#7598, #7605): only those nodes are dropped, not the rule.
 */
function withoutTabsterDummies(violation: AxeViolation): AxeViolation {
  if (violation.id !== "aria-hidden-focus") return violation;
  return { ...violation, nodes: violation.nodes.filter((n) => !n.html.includes("data-tabster-dummy")) };
}

function serious(violations: AxeViolation[]): string[] {
  return violations
    .map(withoutTabsterDummies)
    .filter((v) => v.nodes.length > 0)
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}):\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `  ${n.target.join(" ")}: ${n.html.slice(0, 160)}\n    ${n.failureSummary ?? ""}`)
          .join("\n"),
    );
}

const FEATURES = ["Score", "Weights", "Criteria", "Results", "Sensitivity"] as const;

describe.each(["light", "dark"] as const)("axe on the pane, %s theme", (theme) => {
  test("the start screen (no scorecard yet), examples ticked", async () => {
    const { page, context } = await openPreview(site.host, `?theme=${theme}`);
    try {
      await pane(page)
        .getByRole("checkbox", { name: /example agreements/ })
        .check();
      expect(serious(await scanPane(page))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("the whole preview page: its banner, the simulated workbook with charts, and the pane", async () => {
    const { page, context } = await openPreview(site.host, `?examples&theme=${theme}`);
    try {
      await showSheet(page, "Results");
      await page.getByRole("figure").first().waitFor();
      expect(serious(await scan(page, "page"))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test.each(FEATURES)("the %s tab", async (feature) => {
    const { page, context } = await openPreview(
      site.host,
      `?examples&theme=${theme}&tab=${feature.toLowerCase()}`,
    );
    try {
      await openFeature(page, feature);
      expect(serious(await scanPane(page))).toEqual([]);
      const p = pane(page);
      if (feature === "Score") {
        // With unsaved edits and an off-scale number: the edited marks and the error message.
        await p
          .getByRole("radiogroup", { name: "Strategic alignment" })
          .getByRole("radio", { name: /^3 · / })
          .check();
        await p.getByRole("textbox", { name: /^Threat response: score/ }).fill("7");
        await p.getByText("7 is off the scale").waitFor();
        expect(serious(await scanPane(page))).toEqual([]);
      }
      if (feature === "Weights") {
        // Every weighting method, the pairwise one with contradictory judgments (its warning).
        const method = p.getByRole("combobox", { name: "Weighting method" });
        for (const mode of ["points", "rank", "pairwise"]) {
          await method.selectOption(mode);
          if (mode === "pairwise") {
            await judgePair(p, "Operational efficiency", "Strategic alignment", "5");
            await judgePair(p, "Strategic alignment", "Capability enhancement", "5");
            await judgePair(p, "Operational efficiency", "Capability enhancement", "1/5");
            await p.getByText("The judgments contradict each other").waitFor();
          }
          expect(serious(await scanPane(page))).toEqual([]);
        }
      }
      if (feature === "Criteria") {
        // A criterion's definition and rubric being edited, and another's removal asked inline.
        await p.getByRole("button", { name: "Edit Threat response" }).click();
        await p.getByRole("button", { name: "Remove Strategic alignment" }).click();
        await p.getByText(/Its 10 scores will be deleted/).waitFor();
        expect(serious(await scanPane(page))).toEqual([]);
        await p.getByRole("button", { name: "Edit Operational efficiency" }).click();
        await p.getByRole("group", { name: "Anchor 5" }).waitFor();
        expect(serious(await scanPane(page))).toEqual([]);
        // A criterion's indicators being edited, with the suggested ones taken.
        await p.getByRole("button", { name: "Indicators (0) of Threat response" }).click();
        await p.getByRole("button", { name: "Use the 3 suggested indicators" }).click();
        await p.getByRole("group", { name: "Indicator 3" }).waitFor();
        expect(serious(await scanPane(page))).toEqual([]);
      }
      if (feature === "Sensitivity") {
        // With SMAA-2 results (from the real worker).
        await p.getByRole("textbox", { name: "Samples" }).fill("2000");
        await p.getByRole("button", { name: "Run", exact: true }).click();
        await p.getByText(/2,000 samples, seed \d+/).waitFor({ timeout: 30_000 });
        expect(serious(await scanPane(page))).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });
});
