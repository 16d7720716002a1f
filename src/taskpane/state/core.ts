/**
 * The store's core, shared by every intent family (state/intents/): the pane state and its
 * listeners, and the one place where workbook operations run. Operations run one at a time, in
 * order; while one runs the pane shows what it is doing; when one fails the pane shows why, offers
 * "Overwrite" where the workbook asked for confirmation, and says whether the write reached the
 * workbook (the outcome check). Reading back and following change events is in refresh.ts.
 */
import { ScoringError } from "../../scoring/errors";
import { ConflictError, type ScorecardData, withAuthors, WorkbookError } from "../../workbook";
import { describeError } from "./errors";
import type { ScorecardGateway } from "./gateway";
import { INITIAL_STATE, UNNAMED, type AgreementDraft, type PaneState, type ShownError } from "./paneState";
import { ScorecardRefresh } from "./refresh";
import { recallReviewer, type ReviewerStorage } from "./reviewer";

export type Outcome = "before" | "after" | "partial";

const OUTCOME_TEXT: Record<Outcome, string> = {
  before: "Nothing was written: the workbook is as it was before.",
  after: "The change did reach the workbook before the error: it is saved.",
  partial:
    "Part of the change reached the workbook: the pane now shows what it holds; make the change again to complete it.",
};

/** "after" when every value is as intended, "before" when every one is as it was, else "partial". */
export function outcomeOf<T>(
  pairs: { now: T; before: T; intended: T }[],
  same: (a: T, b: T) => boolean,
): Outcome {
  if (pairs.every((p) => same(p.now, p.intended))) return "after";
  if (pairs.every((p) => same(p.now, p.before))) return "before";
  return "partial";
}

export class StoreCore {
  private current: PaneState;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private isDisposed = false;
  /** A user's operation is queued or running: a second one (a double click) is not taken. */
  private operating = false;
  /**
   * Set by a write just before it touches the workbook: tells, from the workbook read again after
   * a failure, whether the write is there ("after"), not at all ("before") or partly.
   */
  private outcome: ((fresh: ScorecardData) => Outcome) | null = null;
  private readonly reader: ScorecardRefresh;
  /** Unsaved edits of reviewers who handed the pane to someone else, by lowercased name. */
  readonly draftsAside = new Map<string, Record<string, AgreementDraft>>();

  constructor(
    readonly gateway: ScorecardGateway,
    /** Where the reviewer name is remembered; null where the browser blocks storage. */
    readonly storage: ReviewerStorage | null,
    changeDelay: number,
    cellEditRetryDelay: number,
  ) {
    this.current = { ...INITIAL_STATE, reviewer: recallReviewer(storage) };
    this.reader = new ScorecardRefresh(this, changeDelay, cellEditRetryDelay);
  }

  get state(): PaneState {
    return this.current;
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(patch: Partial<PaneState>): void {
    if (this.isDisposed) return;
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener();
  }

  dispose(): void {
    this.isDisposed = true;
    this.reader.dispose();
  }

  /** Reads the scorecard again into the pane (see refresh.ts). */
  refresh(): Promise<void> {
    return this.reader.refresh();
  }

  /** Reads the workbook back after a write, then says what the write did. */
  async refreshAndReport(text: string): Promise<void> {
    await this.refresh();
    this.set({ notice: { intent: "success", text } });
  }

  /** Shows a scorecard just read, and follows its change events. */
  adopt(data: ScorecardData): Promise<void> {
    return this.reader.adopt(data);
  }

  requireData(): ScorecardData {
    const { data } = this.current;
    if (data === null) {
      throw new WorkbookError(
        "ScorecardNotFound",
        "There is no scorecard open; create one on the start page first.",
      );
    }
    return data;
  }

  /** Who a change is recorded as. */
  get author(): string {
    return this.current.reviewer || UNNAMED;
  }

  requireReviewer(): string {
    if (this.current.reviewer === "") {
      throw new WorkbookError(
        "InvalidInput",
        "Enter your name as reviewer first (at the top of the pane): every review records who gave it.",
      );
    }
    return this.current.reviewer;
  }

  /** Runs `work` after everything already queued, whatever became of it. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs one workbook operation after those already queued: shows `busy` meanwhile, and on failure
   * shows the error under `failure` (with an "Overwrite" retry where the workbook asks for
   * confirmation). Resolves to true on success.
   *
   * While one operation is queued or running, another is refused at once (resolves to false,
   * nothing shown). The check and `busy` are set synchronously, in the click's own event: set only
   * once the queued work began, a fast second click got through before the buttons disabled, and
   * added an agreement twice ("not added") or saved a profile five times.
   */
  operation(
    busy: string,
    failure: string,
    work: () => Promise<void>,
    confirm?: (confirmOverwrite: boolean) => Promise<boolean>,
  ): Promise<boolean> {
    if (this.operating) return Promise.resolve(false);
    this.operating = true;
    this.set({ busy, error: null, notice: null });
    return this.enqueue(async () => {
      this.set({ busy, error: null, notice: null });
      try {
        await work();
        return true;
      } catch (caught) {
        let error = caught;
        const after = await this.outcomeOf(error);
        if (error instanceof WorkbookError && error.code === "ChangedByAnotherAuthor") {
          // Show the co-author's change, and say who made it where the Audit sheet knows.
          await this.refresh().catch(() => undefined);
          const audit = this.current.data?.audit ?? [];
          if (error instanceof ConflictError)
            error = new ConflictError(withAuthors(error.conflicts, audit), error.place.sheet ?? "");
        }
        const shown: ShownError = describeError(error, failure);
        if (after) shown.message = `${shown.message} ${OUTCOME_TEXT[after]}`;
        if (confirm && error instanceof WorkbookError && error.code === "WouldOverwrite") {
          shown.retry = { label: "Overwrite", run: () => void confirm(true) };
        }
        this.set({ error: shown });
        return false;
      } finally {
        this.outcome = null;
        this.operating = false;
        this.set({ busy: null });
      }
    });
  }

  /**
   * Stops an operation whose plan refused it: first shows the workbook as just read, which holds
   * what the refusal is about (a co-author's change, a deleted row).
   */
  throwIfRefused(refusal: Error | null, fresh: ScorecardData): void {
    if (refusal === null) return;
    this.set({ data: fresh });
    throw refusal;
  }

  /** Registers how to tell, after a failure, whether the write about to be made is in the workbook. */
  expect(outcome: (fresh: ScorecardData) => Outcome): void {
    this.outcome = outcome;
  }

  /**
   * After Excel refused or lost a write (not a refusal of ours that writes nothing, such as a
   * conflict or invalid input): reads the workbook again and says whether it is as before, as after,
   * or — which the two-sync writes are built to avoid — partly written.
   */
  private async outcomeOf(error: unknown): Promise<Outcome | null> {
    const check = this.outcome;
    if (check === null) return null;
    const fromExcel =
      error instanceof WorkbookError
        ? error.code === "ExcelError" || error.code === "SheetProtected"
        : !(error instanceof ScoringError);
    if (!fromExcel) return null;
    try {
      await this.refresh();
      return this.current.data ? check(this.current.data) : null;
    } catch {
      return null;
    }
  }
}
