/** The pane's pure helpers, the SMAA runner protocol and the store's intents (node, no DOM). */
import { DEFAULT_CRITERIA } from "../../src/scoring/criteria";
import { ScoringError } from "../../src/scoring/errors";
import { panelSmaa } from "../../src/scoring/panelSmaa";
import { smaa } from "../../src/scoring/smaa";
import { parseNumber, percent, percents, roundToTotal } from "../../src/taskpane/components/format";
import { ratingPoints } from "../../src/taskpane/score/points";
import { joinNotes, splitNotes } from "../../src/workbook/agreements/rationale";
import { sensitivityInput } from "../../src/taskpane/sensitivity/inputs";
import {
  errorFromWorker,
  handleSmaaMessage,
  type FromWorker,
  type PanelSmaaRequest,
  type ToWorker,
} from "../../src/taskpane/sensitivity/smaaProtocol";
import { smaaWorkerRunner, type WorkerLike } from "../../src/taskpane/sensitivity/smaaRunner";
import { describeError } from "../../src/taskpane/state/errors";
import { firstRowOf, type ScorecardGateway } from "../../src/taskpane/state/gateway";
import { PaneStore } from "../../src/taskpane/state/store";
import {
  judgmentKey,
  judgmentOptions,
  judgmentSentence,
  judgmentValue,
  ratioText,
} from "../../src/taskpane/weights/saaty";
import { ranksOf } from "../../src/taskpane/weights/shares";
import { WorkbookError } from "../../src/workbook/errors";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { defaultConfig } from "../../src/taskpane/state/defaults";
import { DEFAULT_HEADERS } from "../../src/workbook/contract/contract";
import { scorecardColumns } from "../../src/workbook/contract/layout";
import type { ScorecardData } from "../../src/workbook/model";

const criteria = DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name }));

describe("rationale in the Notes cell", () => {
  it("round-trips general notes and one line per criterion", () => {
    const notes = joinNotes(
      {
        general: "Illustrative example: scores are not an assessment.",
        rationale: { threat_response: "Article 5\nand NRF", operational_efficiency: "Integrated command" },
      },
      criteria,
    );
    expect(notes).toBe(
      "Illustrative example: scores are not an assessment.\nOperational efficiency: Integrated command\nThreat response: Article 5 and NRF",
    );
    expect(splitNotes(notes, criteria)).toEqual({
      general: "Illustrative example: scores are not an assessment.",
      rationale: { operational_efficiency: "Integrated command", threat_response: "Article 5 and NRF" },
    });
  });

  it("leaves notes typed in the grid alone, and matches names case-insensitively", () => {
    const split = splitNotes("Reviewed in May\nthreat RESPONSE: fast\nSee annex", criteria);
    expect(split).toEqual({ general: "Reviewed in May\nSee annex", rationale: { threat_response: "fast" } });
    expect(splitNotes("", criteria)).toEqual({ general: "", rationale: {} });
  });
});

describe("rating points", () => {
  it("offers the rubric anchors, moved onto the scorecard's scale", () => {
    expect(ratingPoints("threat_response", { min: 1, max: 5 }).map((p) => [p.value, p.label])).toEqual([
      [1, "Very weak"],
      [2, "Weak"],
      [3, "Moderate"],
      [4, "Strong"],
      [5, "Very strong"],
    ]);
    expect(ratingPoints("threat_response", { min: 0, max: 10 }).map((p) => p.value)).toEqual([
      0, 2.5, 5, 7.5, 10,
    ]);
  });

  it("offers whole numbers for a criterion without a rubric, none for a wide scale", () => {
    expect(ratingPoints("cyber", { min: 0, max: 4 }).map((p) => p.value)).toEqual([0, 1, 2, 3, 4]);
    expect(ratingPoints("cyber", { min: 0, max: 100 })).toEqual([]);
  });
});

describe("Saaty scale", () => {
  it("writes and reads judgments, snapping to the scale", () => {
    expect(judgmentKey(3)).toBe("3");
    expect(judgmentKey(1 / 7)).toBe("1/7");
    expect(judgmentKey(2.9)).toBe("3");
    expect(judgmentValue("1/4")).toBe(0.25);
    expect(judgmentValue("9")).toBe(9);
    const options = judgmentOptions("A", "B");
    expect(options).toHaveLength(17);
    // The ratio first, so a select cut off at 320 px still shows the intensity.
    expect(options[0]).toEqual({ key: "9", label: "9 · A extremely more important" });
    expect(options[8]).toEqual({ key: "1", label: "1 · Equally important" });
    expect(options[16]).toEqual({ key: "1/9", label: "1/9 · B extremely more important" });
    expect(judgmentSentence("A", "B", "5")).toBe("A is strongly more important than B (5).");
    expect(judgmentSentence("A", "B", "1/3")).toBe("B is moderately more important than A (1/3).");
    expect(judgmentSentence("A", "B", "1")).toBe("A and B are equally important (1).");
    expect(ratioText(2.87349)).toBe("2.87");
    expect(ratioText(1 / 2.87349)).toBe("1/2.87");
  });
});

describe("formats", () => {
  it("rounds shares to whole points that sum to the total", () => {
    expect(roundToTotal([1 / 3, 1 / 3, 1 / 3], 100)).toEqual([34, 33, 33]);
    expect(roundToTotal([0.5208, 0.2708, 0.1458, 0.0625], 100)).toEqual([52, 27, 15, 6]);
    expect(roundToTotal([0, 0], 100)).toEqual([0, 0]);
  });

  it("shows shares as percents that add up to exactly 100 at the shown precision", () => {
    const sum = (texts: string[]) => texts.reduce((a, t) => a + Number(t.replace("%", "")) * 10, 0) / 10;
    // Each rounded on its own these read 100.1 % (ROC for 4 criteria: 52.1 + 27.1 + 14.6 + 6.3).
    const roc = [25 / 48, 13 / 48, 7 / 48, 3 / 48];
    expect(sum(roc.map((w) => percent(w)))).toBeCloseTo(100.1, 10);
    expect(percents(roc)).toEqual(["52.1%", "27.1%", "14.6%", "6.2%"]);
    expect(percents([1 / 3, 1 / 3, 1 / 3])).toEqual(["33.4%", "33.3%", "33.3%"]);
    expect(percents([1 / 7, 2 / 7, 4 / 7], 0)).toEqual(["14%", "29%", "57%"]);
    for (const n of [3, 6, 7, 9, 11, 12]) {
      const shares = Array.from({ length: n }, (_, k) => (k + 1) / ((n * (n + 1)) / 2));
      expect(sum(percents(shares))).toBeCloseTo(100, 10);
    }
  });

  it("parses typed numbers", () => {
    expect(parseNumber(" 2,5 ")).toBe(2.5);
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("abc")).toBeNaN();
    expect(percent(0.123456)).toBe("12.3%");
  });

  it("ranks weights with ties sharing the best rank", () => {
    expect(ranksOf([0.4, 0.2, 0.2, 0.2])).toEqual([1, 2, 2, 2]);
    expect(ranksOf([0.1, 0.3, 0.3, 0.3])).toEqual([4, 1, 1, 1]);
  });

  it("reads the row of a selection address", () => {
    expect(firstRowOf("Scorecard!B7:D9")).toBe(7);
    expect(firstRowOf("$C$12")).toBe(12);
    expect(firstRowOf("B:B")).toBeNull();
  });
});

describe("errors", () => {
  it("shows workbook and scoring messages as they are, anything else with a next step", () => {
    const workbook = new WorkbookError("SheetProtected", "Sheet is protected. Unprotect it.");
    expect(describeError(workbook, "Not saved")).toEqual({
      title: "Not saved",
      message: "Sheet is protected. Unprotect it.",
      code: "SheetProtected",
    });
    expect(describeError(new ScoringError("AllWeightsZero", "All zero."), "x").code).toBe("AllWeightsZero");
    expect(describeError(new Error("boom"), "x").message).toMatch(/boom\. Try again; if it keeps happening/);
  });
});

/** A ScorecardData for the examples, as readScorecard would return it. */
function exampleData(): ScorecardData {
  const config = defaultConfig();
  const agreements = exampleAgreements();
  return {
    location: {
      meta: {
        schemaVersion: 1,
        sheets: { scorecard: "Scorecard", weights: "Weights", results: "Results", meta: "AS_Meta" },
        scorecardTable: "Scorecard",
        weightsTable: "ScorecardWeights",
        criteria: config.criteria.map((c) => ({ id: c.id, header: c.name })),
        scale: config.scale,
        missingPolicy: config.missingPolicy,
        versionStamp: 1,
        columns: { ...DEFAULT_HEADERS },
        profilesTable: null,
        sensitivitySheet: null,
        mode: "single",
        consensusMethod: "mean",
        sdThreshold: 1,
        reviews: null,
        audit: null,
        reviewerWeights: null,
        teamWeights: null,
        indicatorsTable: null,
        headerBand: false,
      },
    },
    columns: scorecardColumns(config),
    tableFirstColumn: 0,
    headerRow: 1,
    config,
    agreements,
    computed: agreements.map(() => ({ coverage: 4, score: 50, rank: 1, scoreText: null, rankText: null })),
    rows: agreements.map((_, i) => i + 2),
    weightCells: {},
    normalizedCells: {},
    names: {
      missingWeights: [],
      scaleBroken: false,
      scaleNames: ["AS_ScaleMin", "AS_ScaleMax"],
      targets: {},
    },
    profiles: [],
    reviews: [],
    consensus: [],
    audit: [],
    auditComplete: true,
    issues: [],
  };
}

describe("sensitivity input", () => {
  it("normalizes complete agreements and leaves out incomplete ones (but not under the zero policy)", () => {
    const data = exampleData();
    data.agreements[1] = {
      ...data.agreements[1],
      scores: { ...data.agreements[1].scores, threat_response: null },
    };
    const input = sensitivityInput(data);
    expect(input.ids).toHaveLength(9);
    expect(input.leftOut).toEqual(["Collective Security Treaty Organization"]);
    expect(input.scores[0]).toEqual([0.875, 0.875, 0.875, 0.875]);
    const zero = sensitivityInput({ ...data, config: { ...data.config, missingPolicy: "zero" } });
    expect(zero.ids).toHaveLength(10);
    expect(zero.scores[1][3]).toBe(0);
  });

  it("in team scoring, gives SMAA each score's spread among the reviewers, normalized like the score", () => {
    const data = exampleData();
    expect(sensitivityInput(data).scoreSpread).toBeUndefined();
    const cell = (agreementId: string, criterionId: string, sd: number | null) => ({
      agreementId,
      criterionId,
      value: 3,
      sd,
      range: sd === null ? 0 : 2,
      n: sd === null ? 1 : 2,
      discuss: false,
      reviews: [],
    });
    data.consensus = [cell("NATO", "threat_response", 2), cell("CSTO", "operational_efficiency", null)];
    const input = sensitivityInput(data);
    const nato = input.ids.indexOf("NATO");
    const tr = input.criterionIds.indexOf("threat_response");
    // The scale is 1–5: an SD of 2 points is half the normalized range.
    expect(input.scoreSpread![nato][tr]).toBe(0.5);
    expect(input.scoreSpread!.flat().filter((x) => x !== 0)).toEqual([0.5]);
  });
});

describe("SMAA worker protocol", () => {
  it("reports progress and the same result as a direct run", () => {
    const replies: FromWorker[] = [];
    const request = {
      kind: "smaa" as const,
      scores: [
        [0.2, 0.9],
        [0.8, 0.1],
      ],
      samples: 500,
      seed: 7,
    };
    handleSmaaMessage({ type: "run", job: 3, request }, (r) => replies.push(r));
    const last = replies[replies.length - 1];
    expect(replies.filter((r) => r.type === "progress").length).toBeGreaterThan(10);
    expect(last).toEqual({ type: "result", job: 3, result: smaa(request) });
  });

  it("passes a scoring error back with its message", () => {
    const replies: FromWorker[] = [];
    handleSmaaMessage(
      { type: "run", job: 1, request: { kind: "smaa", scores: [[0.5]], samples: 10, seed: -1 } },
      (r) => replies.push(r),
    );
    expect(replies).toEqual([
      {
        type: "error",
        job: 1,
        message: expect.stringMatching(/Random seed -1 is not usable/),
        scoring: true,
      },
    ]);
  });

  const panelRequest: PanelSmaaRequest = {
    kind: "panel",
    scores: [
      [1, 0.2],
      [0.3, 0.9],
      [0.5, 0.5],
    ],
    reviewers: [
      [0.8, 0.2],
      [0.4, 0.6],
    ],
    importance: [2, 1],
    team: [0.6, 0.4],
    samples: 800,
    seed: 15,
    ids: ["A", "B", "C"],
    criterionIds: ["c1", "c2"],
  };

  it("runs a panel request: progress, then the result of a direct panelSmaa run with the same seed", () => {
    const replies: FromWorker[] = [];
    handleSmaaMessage({ type: "run", job: 4, request: panelRequest }, (r) => replies.push(r));
    const progress = replies.filter((r) => r.type === "progress");
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((r) => r.job === 4 && r.total === 800)).toBe(true);
    const direct = panelSmaa(panelRequest);
    expect(replies[replies.length - 1]).toEqual({ type: "result", job: 4, result: direct });
    // The run really used the panel: its reviewers' bounds, not a plain SMAA over the simplex.
    expect(direct.ranks.map((r) => [r.teamRank, r.best, r.worst])).toEqual([
      [1, 1, 2],
      [2, 1, 3],
      [3, 2, 3],
    ]);
  });

  it("passes a panel request's scoring error back as one, naming the criterion", () => {
    const replies: FromWorker[] = [];
    const request = { ...panelRequest, team: [0.6, -0.4] };
    handleSmaaMessage({ type: "run", job: 9, request }, (r) => replies.push(r));
    expect(replies).toHaveLength(1);
    const reply = replies[0];
    if (reply.type !== "error") throw new Error(`expected an error reply, got ${reply.type}`);
    expect(reply).toMatchObject({ job: 9, scoring: true });
    const error = errorFromWorker(reply);
    expect(error).toBeInstanceOf(ScoringError);
    expect(error.message).toMatch(/c2/);
    expect(error.message).toBe(
      (() => {
        try {
          panelSmaa(request);
        } catch (direct) {
          return (direct as Error).message;
        }
        return "no error";
      })(),
    );
  });

  it("runner: a job started while another runs gets its own worker; cancelling one leaves the other", async () => {
    const workers: (WorkerLike & { posted: ToWorker[] })[] = [];
    const runner = smaaWorkerRunner(() => {
      const w = {
        onmessage: null,
        onerror: null,
        posted: [] as ToWorker[],
        postMessage(m: ToWorker) {
          w.posted.push(m);
        },
        terminate: jest.fn(),
      };
      workers.push(w);
      return w;
    });
    const plain = runner({ kind: "smaa", scores: [[0.5]], samples: 10, seed: 1 }, () => undefined);
    const panel = runner(panelRequest, () => undefined);
    expect(workers).toHaveLength(2);
    panel.cancel();
    await expect(panel.promise).resolves.toBeNull();
    expect(workers[1].terminate).toHaveBeenCalled();
    expect(workers[0].terminate).not.toHaveBeenCalled();
    const result = smaa({ scores: [[0.5]], samples: 10, seed: 1 });
    workers[0].onmessage!({
      data: { type: "result", job: workers[0].posted[0].job, result },
    } as MessageEvent<FromWorker>);
    await expect(plain.promise).resolves.toEqual(result);
    // The finished worker serves the next job, and a late Cancel of a finished job does not stop it.
    runner(panelRequest, () => undefined);
    expect(workers).toHaveLength(2);
    expect(workers[0].posted).toHaveLength(2);
    plain.cancel();
    expect(workers[0].terminate).not.toHaveBeenCalled();
  });

  it("runner: settles on the result, rejects on errors, ignores replies of other jobs", async () => {
    const posted: ToWorker[] = [];
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m) => posted.push(m),
      terminate: jest.fn(),
    };
    const runner = smaaWorkerRunner(() => worker);
    const progress: number[] = [];
    const job = runner({ kind: "smaa", scores: [[0.5]], samples: 10, seed: 1 }, (done) =>
      progress.push(done),
    );
    const id = posted[0].job;
    const deliver = (data: FromWorker) => worker.onmessage!({ data } as MessageEvent<FromWorker>);
    deliver({ type: "progress", job: id + 1, done: 99, total: 100 });
    deliver({ type: "progress", job: id, done: 5, total: 10 });
    const result = smaa({ scores: [[0.5]], samples: 10, seed: 1 });
    deliver({ type: "result", job: id, result });
    await expect(job.promise).resolves.toEqual(result);
    expect(progress).toEqual([5]);

    const failing = runner({ kind: "smaa", scores: [[0.5]], samples: 10, seed: 1 }, () => undefined);
    deliver({ type: "error", job: posted[1].job, message: "Sample count 0 is not usable.", scoring: true });
    await expect(failing.promise).rejects.toThrow("Sample count 0 is not usable.");
  });

  it("runner: cancel terminates the worker, resolves to null, and the next run gets a new worker", async () => {
    const workers: WorkerLike[] = [];
    const runner = smaaWorkerRunner(() => {
      const w: WorkerLike = {
        onmessage: null,
        onerror: null,
        postMessage: () => undefined,
        terminate: jest.fn(),
      };
      workers.push(w);
      return w;
    });
    const job = runner({ kind: "smaa", scores: [[0.5]], samples: 10, seed: 1 }, () => undefined);
    job.cancel();
    await expect(job.promise).resolves.toBeNull();
    expect(workers[0].terminate).toHaveBeenCalled();
    runner({ kind: "smaa", scores: [[0.5]], samples: 10, seed: 1 }, () => undefined);
    expect(workers).toHaveLength(2);
  });
});

/** A gateway that records calls, over a ScorecardData held in memory. */
function fakeGateway(overrides: Partial<ScorecardGateway> = {}) {
  const data = exampleData();
  const calls: string[] = [];
  let selection: ((row: number) => void) | null = null;
  let change: (() => void) | null = null;
  const gateway: ScorecardGateway = {
    locate: async () => {
      calls.push("locate");
      return data.location;
    },
    read: async () => {
      calls.push("read");
      return data;
    },
    create: async () => {
      calls.push("create");
      return { created: true, location: data.location };
    },
    writeWeights: async (_d, weights) => {
      calls.push(`writeWeights ${JSON.stringify(weights)}`);
    },
    saveMyWeights: async () => {
      calls.push("saveMyWeights");
    },
    setTeamWeights: async () => {
      calls.push("setTeamWeights");
    },
    upsertAgreements: async (_d, updates, options) => {
      calls.push(`upsert ${JSON.stringify(updates)} ${JSON.stringify(options ?? {})}`);
      return { added: 0, updated: updates.length };
    },
    writeReviews: async (_d, reviewer, edits) => {
      calls.push(`writeReviews ${reviewer} ${JSON.stringify(edits)}`);
    },
    switchMode: async (_d, mode, reviewer) => {
      calls.push(`switchMode ${mode} ${reviewer}`);
    },
    setConsensusMethod: async (_d, method) => {
      calls.push(`setConsensusMethod ${method}`);
    },
    setDiscussThreshold: async (_d, threshold) => {
      calls.push(`setDiscussThreshold ${threshold}`);
    },
    undoLastChange: async (_d, options) => {
      calls.push(`undoLastChange ${options.expectedTime}`);
      return { time: options.expectedTime ?? "", who: options.author, entries: [] };
    },
    repairFormulas: async () => {
      calls.push("repairFormulas");
    },
    refreshCharts: async () => {
      calls.push("refreshCharts");
    },
    saveProfile: async (_d, input) => {
      calls.push(`saveProfile:${input.name}`);
    },
    writeSensitivity: async () => {
      calls.push("writeSensitivity");
    },
    addCriterion: async (_d, criterion) => {
      calls.push(`addCriterion ${criterion.name}`);
    },
    renameCriterion: async (_d, id, name) => {
      calls.push(`renameCriterion ${id} ${name}`);
    },
    removeCriterion: async (_d, id) => {
      calls.push(`removeCriterion ${id}`);
    },
    reorderCriteria: async (_d, order) => {
      calls.push(`reorderCriteria ${order.join(",")}`);
    },
    editCriterion: async (_d, id) => {
      calls.push(`editCriterion ${id}`);
    },
    setIndicators: async (_d, id, indicators) => {
      calls.push(`setIndicators ${id} ${indicators.length}`);
    },
    listTables: async () => {
      calls.push("listTables");
      return [];
    },
    attach: async () => {
      calls.push("attach");
      return data.location;
    },
    watchChanges: async (_d, onChange) => {
      change = onChange;
      return () => undefined;
    },
    watchSelection: async (_d, onRow) => {
      selection = onRow;
      return () => undefined;
    },
    ...overrides,
  };
  return { gateway, calls, data, select: (row: number) => selection?.(row), change: () => change?.() };
}

describe("pane store", () => {
  it("restores from the workbook and follows the row selected in the grid", async () => {
    const fake = fakeGateway();
    const store = new PaneStore(fake.gateway);
    await store.start();
    expect(store.getState()).toMatchObject({
      phase: "ready",
      selectedAgreementId: "NATO",
      selectionSupported: true,
      live: true,
    });
    fake.select(4); // US-JP is on row 4
    expect(store.getState().selectedAgreementId).toBe("US-JP");
    store.setFollowSelection(false);
    fake.select(5);
    expect(store.getState().selectedAgreementId).toBe("US-JP");
  });

  it("gathers change events into one read", async () => {
    const fake = fakeGateway();
    const store = new PaneStore(fake.gateway, { changeDelay: 5 });
    await store.start();
    fake.calls.length = 0;
    fake.change();
    fake.change();
    fake.change();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.calls).toEqual(["read"]);
    store.dispose();
  });

  it("re-reads before saving, and offers Overwrite when the workbook asks for confirmation", async () => {
    let refused = false;
    const fake = fakeGateway({
      upsertAgreements: async (_d, updates, options) => {
        fake.calls.push(`upsert ${JSON.stringify(options ?? {})}`);
        if (!options?.confirmOverwrite && !refused) {
          refused = true;
          throw new WorkbookError("WouldOverwrite", "Rows 12–12 below the table are not empty.");
        }
        return { added: updates.length, updated: 0 };
      },
    });
    const store = new PaneStore(fake.gateway);
    await store.start();
    fake.calls.length = 0;
    const record = { ...exampleAgreements()[0], id: "QUAD", name: "Quad" };
    expect(await store.addAgreement(record)).toBe(false);
    const error = store.getState().error!;
    expect(error.title).toBe('Agreement "Quad" was not added');
    expect(error.message).toBe("Rows 12–12 below the table are not empty.");
    expect(error.retry?.label).toBe("Overwrite");
    error.retry!.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await store.reload();
    expect(fake.calls).toEqual([
      "read",
      'upsert {"author":"(no name)"}',
      "read",
      'upsert {"confirmOverwrite":true,"author":"(no name)"}',
      "read",
      "read",
    ]);
    expect(store.getState().error).toBeNull();
  });

  it("keeps the draft when a save fails, drops it when it succeeds", async () => {
    const fake = fakeGateway();
    const store = new PaneStore(fake.gateway);
    await store.start();
    store.setDraft("NATO", { scores: { threat_response: 2 }, rationale: {} });
    expect(await store.saveAgreement({ id: "GONE", scores: { threat_response: 2 } })).toBe(false);
    expect(store.getState().error!.message).toMatch(/Agreement "GONE" is no longer in the scorecard/);
    expect(store.getState().drafts.NATO).toBeDefined();
    expect(await store.saveAgreement({ id: "NATO", scores: { threat_response: 2 } })).toBe(true);
    expect(store.getState().drafts.NATO).toBeUndefined();
    expect(fake.calls).toContain(
      'upsert [{"id":"NATO","scores":{"threat_response":2}}] {"author":"(no name)"}',
    );
  });
});
