/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { ahpWeights, pairwiseFromUpper } from "../../src/scoring/ahp";
import { groupWeights, reviewerDisagreement, weightsConsensus, consensusWord } from "../../src/scoring";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { saveMyWeights } from "../../src/workbook/weights/myWeights";
import { saveProfile } from "../../src/workbook/weights/profiles";
import { expectAccessible } from "./helpers/a11y";
import { renderTeamPane, settle, type PaneHarness } from "./helpers/pane";

const IDS = ["operational_efficiency", "strategic_alignment", "capability_enhancement", "threat_response"];
const BEN = [10, 20, 30, 40];
const CLEO = [25, 25, 40, 10];

/** Ben and Cleo saved weights of their own before Ana opens the pane. */
async function teamWithWeights(): Promise<PaneHarness> {
  const harness = await renderTeamPane([], { initialFeature: "weights" });
  const run = harness.workbook.run.bind(harness.workbook);
  const location = harness.store.getState().data!.location;
  for (const [who, w] of [
    ["Ben", BEN],
    ["Cleo", CLEO],
  ] as const)
    await saveMyWeights(run, await readScorecard(run, location), who, {
      method: "direct",
      weights: Object.fromEntries(IDS.map((id, k) => [id, w[k]])),
    });
  await act(async () => void (await harness.store.reload()));
  await settle(harness);
  return harness;
}

const reviewerRows = (h: PaneHarness) =>
  h.workbook.inspect
    .values("Reviewer weights", "A2:D20")
    .filter((r) => r[0] !== "")
    .map((r) => [r[0], r[1], r[2], r[3]]);

const shares = (h: PaneHarness) => {
  const raw = h.workbook.inspect.values("Weights", "D2:D5").map((r) => r[0] as number);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
};

/** The in-process worker delivers a run's 100 progress messages one task each, re-rendering for each. */
const WORKER_RUN = { timeout: 20_000 };

/** Chooses where the scorecard's weights come from, and waits for the write and the read back. */
async function chooseTeamWeights(h: PaneHarness, value: string) {
  await act(async () => {
    fireEvent.change(screen.getByRole("combobox", { name: "The scorecard's weights" }), {
      target: { value },
    });
  });
  await settle(h);
}

async function click(name: string | RegExp) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

describe("Weights tab in team scoring", () => {
  it("sets my own weights by points, turns the team weights on, and shows them beside mine with the consensus", async () => {
    const h = await teamWithWeights();
    expect(screen.getByText(/2 reviewers have set weights of their own: Ben, Cleo/)).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Weighting method" }), {
      target: { value: "points" },
    });
    const ana = [40, 30, 20, 10];
    ["Operational efficiency", "Strategic alignment", "Capability enhancement", "Threat response"].forEach(
      (name, k) =>
        fireEvent.change(screen.getByRole("textbox", { name: `${name}: points` }), {
          target: { value: String(ana[k]) },
        }),
    );
    await click("Apply points");
    await settle(h);
    expect(reviewerRows(h).filter((r) => r[0] === "Ana")).toEqual(
      IDS.map((id, k) => ["Ana", id, ana[k], "points"]),
    );
    // The shared weights did not move: the team weights are still off.
    expect(shares(h)).toEqual([0.25, 0.25, 0.25, 0.25]);

    await chooseTeamWeights(h, "mean");
    const panel = [BEN, CLEO, ana];
    const team = groupWeights(panel);
    shares(h).forEach((x, k) => expect(x).toBeCloseTo(team[k], 9));
    const table = screen.getByRole("table", { name: "Team weights and mine" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows[0]).toEqual(["Operational efficiency", `${(team[0] * 100).toFixed(1)}%`, "40.0%"]);
    const consensus = weightsConsensus(panel);
    expect(
      screen.getByText(
        new RegExp(
          `Consensus S\\* = ${(consensus * 100).toFixed(1)}% \\(${consensusWord(consensus)}, general form\\)`,
        ),
      ),
    ).toBeTruthy();
    const distance = reviewerDisagreement(panel, team, IDS)[0].distance;
    expect(
      screen.getByText(new RegExp(`Ben: ${distance.toFixed(1)} points of 100 from the team`)),
    ).toBeTruthy();
    // AIJ is not offered: nobody compared pairwise.
    expect(
      screen.getByText(/AIJ is not offered: AIJ aggregates pairwise judgments, and Ben, Cleo, Ana set/),
    ).toBeTruthy();
    await expectAccessible();
  });

  it("pairwise judgments are kept and come back; AIJ then is offered; the panel's ranks are shown", async () => {
    const h = await teamWithWeights();
    // Ben and Cleo compare pairwise too (through the workbook), then Ana in the pane.
    const run = h.workbook.run.bind(h.workbook);
    const location = h.store.getState().data!.location;
    for (const [who, upper] of [
      ["Ben", [1 / 3, 1 / 5, 1 / 7, 1 / 2, 1 / 3, 1 / 2]],
      ["Cleo", [1, 1 / 2, 3, 1 / 2, 3, 5]],
    ] as const) {
      const n = IDS.length;
      const judgments = [];
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) judgments.push({ i, j, value: upper[k++] });
      const matrix = pairwiseFromUpper(n, judgments);
      const w = ahpWeights(matrix).weights;
      await saveMyWeights(run, await readScorecard(run, location), who, {
        method: "pairwise",
        matrix,
        weights: Object.fromEntries(IDS.map((id, j) => [id, w[j] * 100])),
      });
    }
    await act(async () => void (await h.store.reload()));
    await settle(h);
    fireEvent.change(screen.getByRole("combobox", { name: "Weighting method" }), {
      target: { value: "pairwise" },
    });
    fireEvent.change(
      screen.getByRole("combobox", { name: "Operational efficiency compared with Strategic alignment" }),
      {
        target: { value: "3" },
      },
    );
    await click(/Apply these weights/);
    await settle(h);
    const ana = h.store.getState().data!.reviewerWeights!.find((r) => r.reviewer === "Ana")!;
    expect(ana.method).toBe("pairwise");
    expect(ana.matrix![0][1]).toBe(3);
    // Back on the tab later, the saved judgment is where Ana left it.
    fireEvent.change(screen.getByRole("combobox", { name: "Weighting method" }), {
      target: { value: "rank" },
    });
    fireEvent.change(screen.getByRole("combobox", { name: "Weighting method" }), {
      target: { value: "pairwise" },
    });
    expect(
      (
        screen.getByRole("combobox", {
          name: "Operational efficiency compared with Strategic alignment",
        }) as HTMLSelectElement
      ).value,
    ).toBe("3");

    const aij = screen.getByRole("option", { name: /AIJ/ }) as HTMLOptionElement;
    expect(aij.disabled).toBe(false);
    await chooseTeamWeights(h, "aij");
    const view = h.store.getState().data!.team!;
    expect(view.method).toBe("aij");
    expect(screen.getByText(/Aggregate matrix: λmax = .*CR = /)).toBeTruthy();
    await click("Show which ranks hold");
    // The run goes to the (in-process) worker: the table comes when its result does.
    const ranks = await screen.findByRole("table", { name: "Ranks across the panel's views" }, WORKER_RUN);
    expect(within(ranks).getAllByRole("row").length).toBeGreaterThan(2);
    expect(h.workers.flatMap((w) => w.posted.map((m) => m.request.kind))).toEqual(["panel"]);
  });

  it("the panel's run shows its progress; Cancel stops it and nothing stale is shown", async () => {
    const h = await teamWithWeights();
    await chooseTeamWeights(h, "mean");
    const table = () => screen.queryByRole("table", { name: "Ranks across the panel's views" });

    // A first run to the end: its table is shown.
    await click("Show which ranks hold");
    expect(screen.getByText(/of 10,000 samples/)).toBeTruthy();
    await waitFor(() => expect(table()).not.toBeNull(), WORKER_RUN);
    const first = within(table()!)
      .getAllByRole("row")
      .map((r) => r.textContent);

    // Run again, and cancel part-way: the worker is stopped, no table (old or new), no progress.
    await click("Run again");
    expect(table()).toBeNull();
    await waitFor(() => expect(screen.getByText(/[1-9][0-9,]* of 10,000 samples/)).toBeTruthy());
    await click("Cancel");
    const worker = h.workers[h.workers.length - 1];
    expect(worker.terminated).toBe(true);
    expect(screen.getByText("Cancelled; no result. Run again to start over.").getAttribute("role")).toBe(
      "status",
    );
    await act(async () => void (await new Promise((resolve) => setTimeout(resolve, 200))));
    expect(table()).toBeNull();
    expect(screen.queryByText(/of 10,000 samples/)).toBeNull();
    expect(screen.getByRole("button", { name: "Show which ranks hold" })).toBeTruthy();

    // A run whose result comes after the panel changed is not shown for the new panel.
    await click("Show which ranks hold");
    await chooseTeamWeights(h, "median");
    await waitFor(() => expect(screen.queryByText(/of 10,000 samples/)).toBeNull(), WORKER_RUN);
    expect(table()).toBeNull();
    expect(screen.getByText(/changed since the last run; run again for the ranks now/)).toBeTruthy();

    // Run on the new panel: a table again, from a fresh worker (the cancelled one was stopped).
    await click("Show which ranks hold");
    await waitFor(() => expect(table()).not.toBeNull(), WORKER_RUN);
    expect(h.workers.length).toBeGreaterThanOrEqual(2);
    expect(within(table()!).getAllByRole("row")).toHaveLength(first.length);
  });

  it("switching to one analyst says the team weights stay, and keeps them as plain weights", async () => {
    const h = await teamWithWeights();
    await chooseTeamWeights(h, "mean");
    const team = shares(h);
    fireEvent.click(screen.getByRole("tab", { name: "Team" }));
    await click("Switch to one analyst…");
    expect(screen.getByText(/The team weights stay as the scorecard's plain weights/)).toBeTruthy();
    await click("Switch to one analyst");
    await settle(h);
    expect(h.store.getState().data!.location.meta.mode).toBe("single");
    expect(h.workbook.inspect.cell("Weights", "D2").formula).toBeNull();
    shares(h).forEach((x, k) => expect(x).toBeCloseTo(team[k], 12));
    expect(reviewerRows(h).map((r) => r[0])).toEqual([...IDS.map(() => "Ben"), ...IDS.map(() => "Cleo")]);
  });

  it("a profile applied while the team weights are on sets my weights, not the team's", async () => {
    const h = await teamWithWeights();
    const run = h.workbook.run.bind(h.workbook);
    await saveProfile(run, h.store.getState().data!, {
      name: "Deterrence first",
      author: "Ben",
      weights: Object.fromEntries(IDS.map((id, k) => [id, [10, 10, 10, 70][k]])),
    });
    await act(async () => void (await h.store.reload()));
    await chooseTeamWeights(h, "median");
    await act(async () => void (await h.store.applyProfile("Deterrence first")));
    await settle(h);
    expect(
      reviewerRows(h)
        .filter((r) => r[0] === "Ana")
        .map((r) => r[2]),
    ).toEqual([10, 10, 10, 70]);
    const team = groupWeights([BEN, CLEO, [10, 10, 10, 70]], { method: "median" });
    shares(h).forEach((x, k) => expect(x).toBeCloseTo(team[k], 9));
    await waitFor(() => expect(h.store.getState().notice?.text).toMatch(/applied to your own weights/));
  });
});
