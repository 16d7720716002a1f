/**
 * The pane at 320 px, the narrowest task pane Office gives (docs/architecture.md §5): the window is 320 px
 * wide and shows the pane alone (?paneOnly); on every tab and in the states that add content (the
 * start screen, the new-agreement form, each weighting method, SMAA-2 results) nothing may scroll
 * sideways. Also checked: the preview's side panel at 320 px never needs a horizontal scroll bar.
 */
import type { Page } from "playwright-core";
import { judgePair, openFeature, openPreview, pane, previewSite } from "./support/preview";

const WIDTH = 320;

const site = previewSite();

/**
 * How wide the document scrolls, and the rendered elements that reach past the right edge (which
 * would be cut off where an ancestor clips them, even without a scroll bar).
 */
async function overflow(page: Page): Promise<{ scrollWidth: number; wide: string[] }> {
  return page.evaluate((width) => {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? "").slice(0, 40)}`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, wide };
  }, WIDTH);
}

async function expectNoSidewaysScroll(page: Page, state: string) {
  const { scrollWidth, wide } = await overflow(page);
  expect({ state, scrollWidth, wide }).toEqual({ state, scrollWidth: WIDTH, wide: [] });
}

async function openNarrow(query: string) {
  return openPreview(site.host, `?paneOnly&width=${WIDTH}${query}`, { width: WIDTH, height: 720 });
}

test.each(["light", "dark"] as const)(
  "at 320 px, %s: no horizontal scroll on any tab or state",
  async (theme) => {
    const start = await openNarrow(`&theme=${theme}`);
    try {
      await expectNoSidewaysScroll(start.page, "start screen");
      await pane(start.page)
        .getByRole("checkbox", { name: /example agreements/ })
        .check();
      await expectNoSidewaysScroll(start.page, "start screen, examples ticked");
    } finally {
      await start.context.close();
    }

    const { page, context, problems } = await openNarrow(`&theme=${theme}&examples`);
    try {
      const p = pane(page);
      for (const feature of ["Score", "Weights", "Criteria", "Results", "Sensitivity", "Team"] as const) {
        await openFeature(page, feature);
        await expectNoSidewaysScroll(page, `${feature} tab`);
        // One line of tabs, the open one among them; the rest are in the "More features" menu.
        const tabs = await p.getByRole("tab").evaluateAll((all) =>
          all.map((t) => ({
            top: Math.round(t.getBoundingClientRect().top),
            selected: t.getAttribute("aria-selected"),
          })),
        );
        expect(new Set(tabs.map((t) => t.top)).size).toBe(1);
        expect(tabs.filter((t) => t.selected === "true")).toHaveLength(1);
        expect(tabs.length).toBeLessThan(6);
      }

      await openFeature(page, "Criteria");
      await p.getByRole("button", { name: "Edit Threat response" }).click();
      await expectNoSidewaysScroll(page, "Criteria: editing a criterion and its rubric");
      await p.getByRole("button", { name: "Remove Strategic alignment" }).click();
      await p.getByText(/Its 10 scores will be deleted/).waitFor();
      await expectNoSidewaysScroll(page, "Criteria: removal asked inline");
      await p.getByRole("button", { name: "Indicators (0) of Capability enhancement" }).click();
      await p.getByRole("button", { name: "Use the 3 suggested indicators" }).click();
      await p.getByRole("button", { name: "Save indicators" }).click();
      await p.getByText(/Saving removes the 10 scores typed for Capability enhancement/).waitFor();
      await expectNoSidewaysScroll(page, "Criteria: indicators, their removal of scores asked inline");

      await openFeature(page, "Score");
      await p.getByRole("button", { name: "Add agreement" }).click();
      await expectNoSidewaysScroll(page, "Score: new agreement form");
      await p.getByRole("textbox", { name: /^Threat response: score/ }).fill("12");
      await p.getByText("12 is off the scale").waitFor();
      await expectNoSidewaysScroll(page, "Score: off-scale message");

      await openFeature(page, "Weights");
      const method = p.getByRole("combobox", { name: "Weighting method" });
      for (const mode of ["points", "rank", "pairwise"]) {
        await method.selectOption(mode);
        await expectNoSidewaysScroll(page, `Weights: ${mode}`);
      }
      await judgePair(p, "Operational efficiency", "Capability enhancement", "1/9");
      await judgePair(p, "Operational efficiency", "Strategic alignment", "9");
      await p.getByText("The judgments contradict each other").waitFor();
      await expectNoSidewaysScroll(page, "Weights: pairwise, contradictory");

      await openFeature(page, "Sensitivity");
      await p.getByRole("combobox", { name: "Weights drawn" }).selectOption("dirichlet");
      await p.getByRole("textbox", { name: "Samples" }).fill("2000");
      await p.getByRole("button", { name: "Run", exact: true }).click();
      await p.getByText(/2,000 samples, seed \d+/).waitFor({ timeout: 30_000 });
      await expectNoSidewaysScroll(page, "Sensitivity: SMAA-2 results");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  },
);

test("the preview's side panel at 320 px never scrolls sideways", async () => {
  const { page, context } = await openPreview(site.host, `?examples&width=${WIDTH}`);
  try {
    const panel = page.getByTestId("task-pane");
    // The pane's box is 320 px wide inside its border, as a task pane's content is.
    expect(await panel.evaluate((el) => getComputedStyle(el).width)).toBe(`${WIDTH}px`);
    for (const feature of ["Score", "Weights", "Criteria", "Results", "Sensitivity"] as const) {
      await openFeature(page, feature);
      const { scrollWidth, clientWidth } = await panel.evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      }));
      expect({ feature, scrollWidth }).toEqual({ feature, scrollWidth: clientWidth });
    }
  } finally {
    await context.close();
  }
});

test("the preview's grid scrolled sideways keeps its row numbers over the cells and its column letters", async () => {
  const { page, context } = await openPreview(site.host, `?examples`, { width: 1280, height: 800 });
  try {
    const grid = page.getByRole("grid", { name: "Sheet Scorecard" });
    await grid.waitFor();
    const seen = await grid.evaluate((table) => {
      const scroller = table.parentElement as HTMLElement;
      // Half of column B (the long agreement names) scrolled out of view, as a user would.
      const b = table.querySelectorAll("thead th")[2] as HTMLElement;
      scroller.scrollLeft = b.offsetLeft - 36 + b.offsetWidth / 3;
      const rowHeader = table.querySelector("tbody tr:nth-child(2) th") as HTMLElement;
      const box = rowHeader.getBoundingClientRect();
      const bBox = b.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      // Where the letter itself is drawn (its text box), not just its header cell.
      const text = document.createRange();
      text.selectNodeContents(b);
      const letterBox = text.getBoundingClientRect();
      const centre = (letterBox.left + letterBox.right) / 2;
      return {
        // What is painted at the left edge and the middle of the row number: the number, not a cell.
        atRowNumber: [box.left + 1, (box.left + box.right) / 2].map(
          (x) => document.elementFromPoint(x, (box.top + box.bottom) / 2)?.tagName,
        ),
        rowNumberAtLeft: Math.round(box.left - view.left),
        letter: b.textContent,
        letterShown: letterBox.left > box.right && letterBox.right < view.right,
        atLetter: document.elementFromPoint(centre, (bBox.top + bBox.bottom) / 2)?.textContent,
      };
    });
    expect(seen).toEqual({
      atRowNumber: ["TH", "TH"],
      rowNumberAtLeft: expect.any(Number),
      letter: "B",
      letterShown: true,
      atLetter: "B",
    });
    expect(seen.rowNumberAtLeft).toBeLessThanOrEqual(1);
  } finally {
    await context.close();
  }
});
