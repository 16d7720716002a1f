/**
 * Renders the pane against an excel-sim workbook, the way the preview and Office run it: the store
 * over the workbook's `run`, SMAA through the real worker protocol with an in-process worker.
 */
import React from "react";
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "util";
import { act, render, screen, waitFor, type RenderResult } from "@testing-library/react";
import { createWorkbook, type SimWorkbook } from "../../../src/excel-sim";
import { App } from "../../../src/taskpane/App";
import type { Feature } from "../../../src/taskpane/Pane";
import {
  handleSmaaMessage,
  type FromWorker,
  type ToWorker,
} from "../../../src/taskpane/sensitivity/smaaProtocol";
import {
  smaaWorkerRunner,
  type SmaaRunner,
  type WorkerLike,
} from "../../../src/taskpane/sensitivity/smaaRunner";
import { defaultConfig } from "../../../src/taskpane/state/defaults";
import { PaneStore } from "../../../src/taskpane/state/store";
import { memoryStorage } from "./storage";
import { createScorecard } from "../../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../../src/workbook/scorecard/examples";
import { readScorecard } from "../../../src/workbook/scorecard/read";
import { writeReviews } from "../../../src/workbook/team/writeReviews";
import { switchToTeam } from "../../../src/workbook/team/mode";
import type { ScorecardConfig } from "../../../src/workbook/contract/layout";
import type { AgreementRecord } from "../../../src/workbook/model";

installDomShims();
// Rendering the whole pane and scanning it for accessibility takes seconds in jsdom on a busy machine.
jest.setTimeout(60_000);

/** What jsdom lacks and Fluent UI or the pane reach for. */
export function installDomShims(): void {
  if (typeof window === "undefined") return;
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  // jsdom does no layout: every element is 0 px wide. The feature tabs put what does not fit into a
  // "more" menu (Fluent's Overflow), so give their row room, as in a wide pane; the 320 px case,
  // where tabs do go into the menu, is tested in Chromium (tests/e2e/layout.e2e.test.ts).
  const element = Object.getOwnPropertyDescriptor(Element.prototype, "clientWidth")!;
  Object.defineProperty(HTMLElement.prototype, "clientWidth", {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains("fui-Overflow") ? 1000 : (element.get!.call(this) as number);
    },
  });
  // Browsers have both; the imports decode files' bytes with TextDecoder (workbook/lists/encoding.ts).
  if (!("TextDecoder" in window))
    Object.assign(window, { TextDecoder: NodeTextDecoder, TextEncoder: NodeTextEncoder });
  if (!("ResizeObserver" in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}

/** A stand-in Worker that runs the worker's own message handler in-process, asynchronously. */
export class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  posted: ToWorker[] = [];

  postMessage(message: ToWorker): void {
    this.posted.push(message);
    const replies: FromWorker[] = [];
    handleSmaaMessage(message, (reply) => replies.push(reply));
    // Deliver like a worker would: one message per task, after the caller has returned.
    const deliver = (k: number) => {
      if (this.terminated || k >= replies.length) return;
      setTimeout(() => {
        if (this.terminated) return;
        this.onmessage?.({ data: replies[k] } as MessageEvent<FromWorker>);
        deliver(k + 1);
      }, 0);
    };
    deliver(0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

export interface PaneHarness {
  workbook: SimWorkbook;
  store: PaneStore;
  view: RenderResult;
  workers: InProcessWorker[];
}

export interface PaneOptions {
  /** Create a scorecard before the pane opens (default: with the example agreements). */
  scorecard?: false | { config?: ScorecardConfig; agreements?: AgreementRecord[] };
  initialFeature?: Feature;
  smaa?: SmaaRunner | null;
  changeDelay?: number;
  /** Puts the user's own content into the workbook before the pane opens. */
  prepare?: (workbook: SimWorkbook) => Promise<void>;
  /** The reviewer name this machine remembers (none by default). */
  reviewer?: string;
}

export { memoryStorage };

export async function renderPane(options: PaneOptions = {}): Promise<PaneHarness> {
  const workbook = createWorkbook();
  const run = workbook.run.bind(workbook);
  await options.prepare?.(workbook);
  const scorecard = options.scorecard ?? {};
  if (scorecard !== false) {
    await createScorecard(run, {
      config: scorecard.config ?? defaultConfig(),
      agreements: scorecard.agreements ?? exampleAgreements(),
    });
  }
  const storage = memoryStorage(options.reviewer ? { "agreement-scorecard.reviewer": options.reviewer } : {});
  const store = new PaneStore(run, { changeDelay: options.changeDelay ?? 20, storage });
  const workers: InProcessWorker[] = [];
  const smaa =
    options.smaa === undefined
      ? smaaWorkerRunner(() => {
          const worker = new InProcessWorker();
          workers.push(worker);
          return worker;
        })
      : options.smaa;
  let view!: RenderResult;
  await act(async () => {
    view = render(<App store={store} smaa={smaa} mode="light" initialFeature={options.initialFeature} />);
  });
  await waitFor(() => expect(store.getState().phase).not.toBe("starting"));
  await waitFor(() => expect(store.getState().busy).toBeNull());
  return { workbook, store, view, workers };
}

/** Waits until the pane is idle again after an action (operation and the reads it triggers). */
export async function settle(harness: PaneHarness): Promise<void> {
  await waitFor(() => expect(harness.store.getState().busy).toBeNull());
  await act(async () => {
    await harness.workbook.flushEvents();
    await new Promise((resolve) => setTimeout(resolve, 40));
  });
  await waitFor(() => expect(harness.store.getState().busy).toBeNull());
}

export { screen };

/** The innermost element whose whole text (own and descendants') is `text`. */
export function getByTextContent(text: string): HTMLElement {
  return screen.getByText(
    (_, element) =>
      element !== null &&
      element.textContent === text &&
      !Array.from(element.children).some((child) => child.textContent === text),
  );
}

/**
 * The pane on a team scorecard of the example agreements: they are Ana's reviews (she switched),
 * and each other reviewer given scored NATO's Threat response with that score and rationale.
 */
export function renderTeamPane(
  others: readonly { who: string; score: number; rationale: string }[],
  options: Pick<PaneOptions, "initialFeature"> = { initialFeature: "team" },
): Promise<PaneHarness> {
  return renderPane({
    ...options,
    reviewer: "Ana",
    scorecard: false,
    prepare: async (workbook) => {
      const run = workbook.run.bind(workbook);
      const { location } = await createScorecard(run, {
        config: defaultConfig(),
        agreements: exampleAgreements(),
      });
      await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
      for (const { who, score, rationale } of others) {
        await writeReviews(run, await readScorecard(run, location), who, [
          { agreementId: "NATO", criterionId: "threat_response", score, rationale },
        ]);
      }
    },
  });
}
