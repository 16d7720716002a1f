/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { oneAtATime } from "../../src/scoring/sensitivity";
import { smaa } from "../../src/scoring/smaa";
import { sensitivityInput } from "../../src/taskpane/sensitivity/inputs";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig } from "../workbook/helpers";
import { addSuggestedIndicators, scoreEveryIndicator } from "../workbook/indicator-support";
import { expectAccessible } from "./helpers/a11y";
import { getByTextContent, renderPane } from "./helpers/pane";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Sets the SMAA run's samples and seed on the Sensitivity tab and presses Run. */
function startSmaa(samples: number, seed: number) {
  fireEvent.change(screen.getByRole("textbox", { name: "Samples" }), { target: { value: String(samples) } });
  fireEvent.change(screen.getByRole("textbox", { name: "Seed" }), { target: { value: String(seed) } });
  fireEvent.click(screen.getByRole("button", { name: "Run" }));
}

describe("Sensitivity", () => {
  it("one at a time: the interval where the leader stays first, the swaps, and a chart per criterion", async () => {
    const harness = await renderPane({ initialFeature: "sensitivity" });
    const input = sensitivityInput(harness.store.getState().data!);
    const expected = oneAtATime({ weights: input.weights, scores: input.scores });
    expect(input.names[expected.leader]).toBe("North Atlantic Treaty (NATO)");

    const charts = screen.getAllByRole("img").filter((el) => el.tagName.toLowerCase() === "svg");
    expect(charts).toHaveLength(4);
    expected.criteria.forEach((c, k) => {
      const { lo, hi } = c.leaderInterval;
      const text =
        lo <= 0 && hi >= 1
          ? `North Atlantic Treaty (NATO) stays first at any weight of ${input.criterionNames[k]}.`
          : `North Atlantic Treaty (NATO) stays first while ${input.criterionNames[k]} weighs between ${pct(lo)} and ${pct(hi)} (now 25.0%).`;
      expect(charts[k].getAttribute("aria-label")).toContain(text);
      // One line per drawn agreement, plus the current-weight marker.
      expect(charts[k].querySelectorAll("line").length).toBeGreaterThan(input.ids.length);
    });
    if (expected.smallestChange) {
      expect(
        screen.getByText(/The smallest single change that makes another agreement first/).textContent,
      ).toContain(`to ${pct(expected.smallestChange.to)}`);
    }
    await expectAccessible();
  });

  it("SMAA: runs in the worker with progress, shows the seed and the rank acceptability", async () => {
    const harness = await renderPane({ initialFeature: "sensitivity" });
    startSmaa(2000, 42);
    expect(screen.getByRole("button", { name: "Cancel" })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("progressbar")).toBeTruthy());
    await waitFor(() => expect(screen.getByText(/2,000 samples, seed 42, weights uniform/)).toBeTruthy(), {
      timeout: 20_000,
    });
    expect(harness.workers).toHaveLength(1);
    expect(harness.workers[0].posted[0].request.seed).toBe(42);

    // The same analysis run directly gives the same numbers: the seed makes it reproducible.
    const input = sensitivityInput(harness.store.getState().data!);
    const direct = smaa({ scores: input.scores, samples: 2000, seed: 42, weights: { kind: "uniform" } });
    const bars = within(screen.getByRole("list", { name: "Rank acceptability" })).getAllByRole("img");
    expect(bars).toHaveLength(exampleAgreements().length);
    const nato = input.names.indexOf("North Atlantic Treaty (NATO)");
    const natoBar = bars.find((b) =>
      b.getAttribute("aria-label")!.startsWith("North Atlantic Treaty (NATO):"),
    )!;
    expect(natoBar.getAttribute("aria-label")).toContain(`1st in ${pct(direct.rankAcceptability[nato][0])}`);
    // Without reviewer spread the confidence factor of an agreement that is ever first is 1.
    expect(getByTextContent("North Atlantic Treaty (NATO) — confidence 1.00")).toBeTruthy();
    await expectAccessible();
  });

  it("SMAA: writes the run with its seed, settings and one-at-a-time intervals to the Sensitivity sheet", async () => {
    const harness = await renderPane({ initialFeature: "sensitivity" });
    startSmaa(1000, 7);
    await waitFor(() => expect(screen.getByText(/1,000 samples, seed 7/)).toBeTruthy(), { timeout: 20_000 });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Write to the Sensitivity sheet" }));
    });
    await waitFor(() => expect(harness.workbook.inspect.sheetNames()).toContain("Sensitivity"));
    expect(harness.workbook.inspect.values("Sensitivity", "A3:B4")).toEqual([
      ["Seed", 7],
      ["Samples", 1000],
    ]);
    const input = sensitivityInput(harness.store.getState().data!);
    const direct = smaa({ scores: input.scores, samples: 1000, seed: 7, weights: { kind: "uniform" } });
    expect(harness.workbook.inspect.values("Sensitivity", "B10")[0][0]).toBeCloseTo(
      direct.rankAcceptability[0][0],
      12,
    );
    // The one-at-a-time table follows the acceptabilities and central weights.
    const criterionRows = harness.workbook.inspect.values(
      "Sensitivity",
      `A${10 + 10 + 2 + 10 + 1}:A${10 + 10 + 2 + 10 + 5}`,
    );
    expect(criterionRows.map((r) => r[0])).toEqual(["Criterion", ...input.criterionNames]);
    expect(harness.workbook.inspect.charts("Sensitivity")).toHaveLength(1);
    await waitFor(() => expect(screen.getByText(/The Sensitivity sheet holds this run/)).toBeTruthy());
  });

  it("SMAA: a result is marked out of date, and cannot be written, once its settings or the scores change", async () => {
    const harness = await renderPane({ initialFeature: "sensitivity" });
    startSmaa(500, 3);
    await waitFor(() => expect(screen.getByText(/500 samples, seed 3/)).toBeTruthy(), { timeout: 20_000 });
    const write = () =>
      screen.getByRole("button", { name: "Write to the Sensitivity sheet" }) as HTMLButtonElement;
    expect(screen.queryByText("Out of date")).toBeNull();
    expect(write().disabled).toBe(false);

    // Another seed: the shown result no longer answers the form.
    fireEvent.change(screen.getByRole("textbox", { name: "Seed" }), { target: { value: "4" } });
    expect(screen.getByText("Out of date")).toBeTruthy();
    expect(write().disabled).toBe(true);
    // Back to the settings it was run with: current again.
    fireEvent.change(screen.getByRole("textbox", { name: "Seed" }), { target: { value: "3" } });
    expect(screen.queryByText("Out of date")).toBeNull();

    // A score changed in the workbook makes it out of date too.
    await act(async () => {
      await harness.workbook.run(async (context) => {
        context.workbook.worksheets.getItem("Scorecard").getRange("F2").values = [[1]];
        await context.sync();
      });
    });
    await waitFor(() => expect(screen.getByText("Out of date")).toBeTruthy());
    expect(write().disabled).toBe(true);
  });

  it("SMAA: Cancel stops the worker and says so", async () => {
    const harness = await renderPane({ initialFeature: "sensitivity" });
    fireEvent.change(screen.getByRole("textbox", { name: "Samples" }), { target: { value: "500" } });
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() =>
      expect(screen.getByText("Cancelled; no result. Run again to start over.")).toBeTruthy(),
    );
    expect(harness.workers[0].terminated).toBe(true);
    expect(screen.queryByRole("list", { name: "Rank acceptability" })).toBeNull();
    expect(screen.getByRole("button", { name: "Run" })).toBeTruthy();
  });

  it("SMAA: a run still going when the pane closes stops its worker", async () => {
    const harness = await renderPane({ initialFeature: "sensitivity" });
    startSmaa(1_000_000, 7);
    await waitFor(() => expect(harness.workers).toHaveLength(1));
    expect(harness.workers[0].terminated).toBe(false);
    act(() => harness.view.unmount());
    expect(harness.workers[0].terminated).toBe(true);
  });

  it("SMAA: a seed that cannot be used is refused before anything runs", async () => {
    const harness = await renderPane({ initialFeature: "sensitivity" });
    fireEvent.change(screen.getByRole("textbox", { name: "Seed" }), { target: { value: "-1" } });
    expect(screen.getByText("Enter a whole number from 0 to 4294967295.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Run" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "New seed" }));
    const seed = Number((screen.getByRole("textbox", { name: "Seed" }) as HTMLInputElement).value);
    expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
    expect(harness.workers).toHaveLength(0);
  });

  it("asks for two fully scored agreements before analysing", async () => {
    const [first, second] = exampleAgreements();
    await renderPane({
      initialFeature: "sensitivity",
      scorecard: { agreements: [first, { ...second, scores: { ...second.scores, threat_response: null } }] },
    });
    expect(
      screen.getByText(
        /Left out because not every criterion is scored: Collective Security Treaty Organization\./,
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(
        "Score at least two agreements on every criterion to see how robust their ranking is.",
      ),
    ).toBeTruthy();
  });
});

describe("Sensitivity on a two-level scorecard", () => {
  /** The pane on the examples, the first criterion scored through its suggested indicators. */
  const twoLevelPane = () =>
    renderPane({
      initialFeature: "sensitivity",
      scorecard: false,
      prepare: async (workbook) => {
        const run = workbook.run.bind(workbook);
        await createScorecard(run, { config: defaultConfig(), agreements: exampleAgreements() });
        await addSuggestedIndicators(run);
        await scoreEveryIndicator(run);
      },
    });

  it("says it runs on the indicators' global weights, with a chart per indicator", async () => {
    const harness = await twoLevelPane();
    const input = sensitivityInput(harness.store.getState().data!);
    expect(screen.getByText(/On the global weights of the indicators/)).toBeTruthy();
    const charts = screen.getAllByRole("img").filter((el) => el.tagName.toLowerCase() === "svg");
    expect(charts).toHaveLength(input.criterionIds.length);
    const indicatorNames = input.criterionNames.filter((n) => n.includes(" / "));
    expect(indicatorNames).toHaveLength(3);
    for (const name of indicatorNames)
      expect(screen.getByRole("list", { name: `Chart legend for ${name}` })).toBeTruthy();
    await expectAccessible();
  });

  it("SMAA over the leaves goes to the Sensitivity sheet with its central weights per criterion and per indicator", async () => {
    const harness = await twoLevelPane();
    startSmaa(800, 11);
    await waitFor(
      () => expect(screen.getByText(/800 samples, seed 11, .*indicators' global weights/)).toBeTruthy(),
      {
        timeout: 20_000,
      },
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Write to the Sensitivity sheet" }));
    });
    await waitFor(() => expect(harness.workbook.inspect.sheetNames()).toContain("Sensitivity"));
    const data = harness.store.getState().data!;
    const input = sensitivityInput(data);
    const direct = smaa({ scores: input.scores, samples: 800, seed: 11, weights: { kind: "uniform" } });
    const n = input.ids.length;
    // Settings (7 rows), a blank row, the acceptability table (n + 1 rows), a blank row: central weights.
    const centralTop = 7 + 1 + n + 1 + 1 + 1;
    const criteria = data.config.criteria;
    const header = harness.workbook.inspect.values("Sensitivity", `A${centralTop}:E${centralTop}`)[0];
    expect(header).toEqual(["Central weights by criterion", ...criteria.map((c) => c.name)]);
    const leader = direct.rankAcceptability.findIndex(
      (row) => row[0] === Math.max(...direct.rankAcceptability.map((r) => r[0])),
    );
    const row = harness.workbook.inspect.values(
      "Sensitivity",
      `B${centralTop + 1 + leader}:E${centralTop + 1 + leader}`,
    )[0];
    const central = direct.centralWeights[leader];
    expect(row[0]).toBeCloseTo(central[0] + central[1] + central[2], 12);
    expect(row.slice(1)).toEqual(central.slice(3).map((w) => expect.closeTo(w, 12)));
    // Below, the same run per indicator, on the global weights, and the intervals per indicator.
    const leafTop = centralTop + n + 2;
    const leafRow = harness.workbook.inspect.values("Sensitivity", `A${leafTop}:G${leafTop + 1 + leader}`);
    expect(leafRow[0]).toEqual(["Central weights by indicator (global weights)", ...input.criterionNames]);
    expect(leafRow[1 + leader].slice(1)).toEqual(central.map((w) => expect.closeTo(w, 12)));
    const leafOatTop = leafTop + n + 2 + criteria.length + 2;
    expect(harness.workbook.inspect.values("Sensitivity", `A${leafOatTop}`)[0][0]).toBe(
      "Indicator (global weight)",
    );
  });
});
