/**
 * The pane's state and the intents that change it. Data flows one way (DESIGN.md §4):
 * workbook → read → this state → a user intent → a workbook operation → workbook → (change event
 * → read). The state never edits ScorecardData in place: after every write the scorecard is read
 * back, so what the pane shows is what the workbook holds.
 *
 * Operations run one at a time, in order; a change event arriving meanwhile is folded into one
 * read after them.
 */
import { exampleAgreements } from "../../workbook/examples";
import { weightsFromProfile } from "../../workbook/profiles";
import type { SensitivityRun } from "../../workbook/sensitivity";
import type { AttachOptions } from "../../workbook/attach";
import type { TableInfo } from "../../workbook/tables";
import { oneAtATime } from "../../scoring/sensitivity";
import { sensitivityInput } from "../sensitivity/inputs";
import type { AgreementUpdate } from "../../workbook/agreements";
import type { AgreementRecord } from "../../workbook/model";
import type { ScorecardData } from "../../workbook/read";
import type { ExcelRun } from "../../workbook/run";
import { WorkbookError } from "../../workbook/errors";
import { ScoringError } from "../../scoring/errors";
import {
  agreementConflicts,
  ConflictError,
  sameValue,
  weightConflicts,
  withAuthors,
} from "../../workbook/conflicts";
import { describeWeights } from "../../workbook/profiles";
import { sameReviewer, type ReviewEdit } from "../../workbook/reviews";
import type { ScoringMode } from "../../workbook/meta";
import type { CriteriaWriteOptions, CriterionEdit, NewCriterion } from "../../workbook/criteria";
import type { ConsensusMethod } from "../../scoring/consensus";
import { rememberReviewer, recallReviewer, type ReviewerStorage } from "./reviewer";
import { defaultConfig } from "./defaults";
import { describeError, inCellEditMode, type PaneError } from "./errors";
import { watchedSheets, workbookGateway, type ScorecardGateway, type Unsubscribe } from "./gateway";

export type Phase = "starting" | "absent" | "ready" | "failed";

/** The pane's feature tabs. */
export type Feature = "score" | "weights" | "criteria" | "results" | "sensitivity" | "team";

export interface RetryAction {
  label: string;
  run: () => void;
}

export interface ShownError extends PaneError {
  /** An action that resolves the error, e.g. "Overwrite" after a WouldOverwrite refusal. */
  retry?: RetryAction;
}

export interface Notice {
  intent: "success" | "info";
  text: string;
  /** E.g. "Undo" after the weights were replaced. */
  action?: RetryAction;
}

/** Unsaved edits of one agreement in the Score feature: only the fields the user touched. */
export interface AgreementDraft {
  scores: Record<string, number | null>;
  rationale: Record<string, string>;
  general?: string;
}

export interface PaneState {
  phase: Phase;
  data: ScorecardData | null;
  /** What the pane is doing, e.g. "Saving scores…"; null when idle. */
  busy: string | null;
  error: ShownError | null;
  notice: Notice | null;
  drafts: Record<string, AgreementDraft>;
  selectedAgreementId: string | null;
  /** Follow the row selected in the grid (where the host reports selections). */
  followSelection: boolean;
  selectionSupported: boolean;
  /** True once change events are registered: the pane follows edits made in the grid. */
  live: boolean;
  /** Who is using the pane (remembered on this machine); recorded with every change they make. */
  reviewer: string;
  /** A feature another feature asked to show (e.g. "score it" from the Team tab); seq makes each ask new. */
  featureRequest: { feature: Feature; seq: number } | null;
}

export interface PaneStoreOptions {
  /** Milliseconds to gather change events into one read. */
  changeDelay?: number;
  /** Milliseconds before that read is tried again while the user edits a cell (desktop Excel). */
  cellEditRetryDelay?: number;
  /** Where the reviewer name is remembered; the browser's localStorage by default. */
  storage?: ReviewerStorage | null;
}

const INITIAL: PaneState = {
  phase: "starting",
  data: null,
  busy: null,
  error: null,
  notice: null,
  drafts: {},
  selectedAgreementId: null,
  followSelection: true,
  selectionSupported: false,
  live: false,
  reviewer: "",
  featureRequest: null,
};

/** Recorded as "who" when nobody has given a name (one analyst who never set it). */
export const UNNAMED = "(no name)";

export class PaneStore {
  private state: PaneState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly gateway: ScorecardGateway;
  private queue: Promise<unknown> = Promise.resolve();
  private unwatch: Unsubscribe[] = [];
  private watchedKey: string | null = null;
  private changeTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private readonly changeDelay: number;
  private readonly cellEditRetryDelay: number;
  private readonly storage: ReviewerStorage | null;
  /**
   * Set by a write just before it touches the workbook: tells, from the workbook read again after
   * a failure, whether the write is there ("after"), not at all ("before") or partly.
   */
  private outcome: ((fresh: ScorecardData) => Outcome) | null = null;
  /** Unsaved edits of reviewers who handed the pane to someone else, by lowercased name. */
  private readonly draftsAside = new Map<string, Record<string, AgreementDraft>>();

  /** Takes Excel's run (Excel.run, or excel-sim's run) or a ready-made gateway. */
  constructor(source: ExcelRun | ScorecardGateway, options: PaneStoreOptions = {}) {
    this.gateway = typeof source === "function" ? workbookGateway(source) : source;
    this.changeDelay = options.changeDelay ?? 250;
    this.cellEditRetryDelay = options.cellEditRetryDelay ?? 1000;
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.state = { ...INITIAL, reviewer: recallReviewer(this.storage) };
  }

  // ---- subscription (useSyncExternalStore) ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): PaneState => this.state;

  private set(patch: Partial<PaneState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  dispose(): void {
    this.disposed = true;
    if (this.changeTimer !== null) clearTimeout(this.changeTimer);
    for (const stop of this.unwatch) stop();
    this.unwatch = [];
  }

  // ---- intents ----

  /** Looks for a scorecard in the workbook and restores the pane from it. */
  start(): Promise<void> {
    return this.operation("Looking for a scorecard…", "The scorecard could not be opened", async () => {
      this.set({ phase: "starting" });
      const location = await this.gateway.locate();
      if (location === null) {
        this.set({ phase: "absent", data: null });
        return;
      }
      await this.adopt(await this.gateway.read(location));
    }).then((ok) => {
      if (!ok && this.state.phase === "starting") this.set({ phase: "failed" });
    });
  }

  /** Creates the scorecard sheets, optionally filled with the illustrative example agreements. */
  create(withExamples: boolean): Promise<boolean> {
    return this.operation("Creating the scorecard…", "The scorecard was not created", async () => {
      const result = await this.gateway.create({
        config: defaultConfig(),
        agreements: withExamples ? exampleAgreements() : [],
      });
      await this.adopt(await this.gateway.read(result.location));
      this.set({
        notice: {
          intent: result.created ? "success" : "info",
          text: result.created
            ? withExamples
              ? "Scorecard created with 10 illustrative example agreements. Their scores are placeholders, not assessments."
              : "Scorecard created. Add an agreement on the Score tab, or type rows into the Scorecard sheet."
            : "This workbook already has a scorecard; it has been opened instead.",
        },
      });
    });
  }

  /** The workbook's tables, for attaching; an empty list where they cannot be read. */
  listTables(): Promise<TableInfo[]> {
    return this.gateway.listTables().catch(() => []);
  }

  /** Attaches a scorecard to an existing table of agreements, mapped column by column. */
  attach(options: AttachOptions): Promise<boolean> {
    return this.operation("Attaching the scorecard…", "The scorecard was not attached", async () => {
      const location = await this.gateway.attach(options);
      await this.adopt(await this.gateway.read(location));
      this.set({
        notice: {
          intent: "success",
          text: `Scorecard attached to table "${options.table}": your columns are unchanged; Coverage, Weighted score and Rank were added.`,
        },
      });
    });
  }

  /** Reads the scorecard again (the Reload button, and after change events). */
  reload(): Promise<boolean> {
    return this.operation("Reading the scorecard…", "The scorecard could not be read", () => this.refresh());
  }

  /**
   * Saves scores, rationale and notes of one existing agreement. The scorecard is read first, so
   * that rows moved in the grid since the last read are written where they now are.
   */
  saveAgreement(update: AgreementUpdate, options: { confirmOverwrite?: boolean } = {}): Promise<boolean> {
    const label = this.agreementLabel(update.id);
    return this.operation(
      "Saving scores…",
      `The scores of ${label} were not saved`,
      async () => {
        // What the user saw when they edited, and the workbook now: a co-author's change to the
        // same cells in between is reported, never overwritten.
        const base = this.requireData();
        const fresh = await this.gateway.read(base.location);
        if (!fresh.agreements.some((a) => a.id.toLowerCase() === update.id.toLowerCase())) {
          this.set({ data: fresh });
          throw new WorkbookError(
            "InvalidInput",
            `Agreement "${update.id}" is no longer in the scorecard (its row was deleted or its ID changed). Your edits are kept in the pane; add the agreement again or restore the row.`,
          );
        }
        const conflicts = agreementConflicts(base, fresh, update);
        if (conflicts.length > 0) {
          this.set({ data: fresh });
          throw new ConflictError(conflicts, fresh.location.meta.sheets.scorecard);
        }
        const seen = fresh.agreements.find((a) => a.id.toLowerCase() === update.id.toLowerCase())!;
        this.expect((now) => {
          const a = now.agreements.find((x) => x.id.toLowerCase() === update.id.toLowerCase());
          return outcomeOf(
            [
              ...Object.entries(update.scores ?? {}).map(([id, score]) => ({
                now: a?.scores[id] ?? null,
                before: seen.scores[id] ?? null,
                intended: score,
              })),
              ...(update.notes !== undefined
                ? [{ now: a?.notes, before: seen.notes, intended: update.notes }]
                : []),
            ],
            sameValue,
          );
        });
        await this.gateway.upsertAgreements(fresh, [update], { ...options, author: this.author });
        await this.refresh();
        this.discardDraft(update.id);
        this.set({ notice: { intent: "success", text: `Saved ${label}.` } });
      },
      (retry) => this.saveAgreement(update, { ...options, confirmOverwrite: retry }),
    );
  }

  /** Adds a new agreement below the table (Range.values, never rows.add). */
  addAgreement(record: AgreementRecord, options: { confirmOverwrite?: boolean } = {}): Promise<boolean> {
    return this.operation(
      "Adding the agreement…",
      `Agreement "${record.name || record.id}" was not added`,
      async () => {
        const fresh = await this.gateway.read(this.requireData().location);
        if (fresh.agreements.some((a) => a.id.toLowerCase() === record.id.trim().toLowerCase())) {
          this.set({ data: fresh });
          throw new WorkbookError(
            "InvalidInput",
            `ID "${record.id.trim()}" is already used by another agreement; choose another ID.`,
          );
        }
        await this.gateway.upsertAgreements(fresh, [record], { ...options, author: this.author });
        await this.refresh();
        this.set({
          selectedAgreementId: record.id.trim(),
          notice: { intent: "success", text: `Added "${record.name || record.id}".` },
        });
      },
      (retry) => this.addAgreement(record, { ...options, confirmOverwrite: retry }),
    );
  }

  /**
   * Writes raw criterion weights (one sync) and reads the scorecard back, so the Weights sheet's
   * formulas, the scores and the charts update live.
   */
  applyWeights(
    weights: Record<string, number>,
    options: { failure?: string; done?: string; cause?: { profile: string } } = {},
  ): Promise<boolean> {
    return this.operation("Writing weights…", options.failure ?? "The weights were not changed", async () => {
      const base = this.requireData();
      const fresh = await this.gateway.read(base.location);
      // A profile sets every weight, whatever anyone changed meanwhile. A weight typed by hand is a
      // change from what the pane showed: only those write, so a co-author's change to another
      // weight stays, and one to the same weight is a conflict.
      const from = options.cause ? fresh : base;
      const previous = Object.fromEntries(fresh.config.criteria.map((c) => [c.id, c.weight]));
      const seen = Object.fromEntries(from.config.criteria.map((c) => [c.id, c.weight]));
      const changed = Object.fromEntries(Object.entries(weights).filter(([id, w]) => seen[id] !== w));
      const conflicts = options.cause ? [] : weightConflicts(base, fresh, changed);
      if (conflicts.length > 0) {
        this.set({ data: fresh });
        throw new ConflictError(conflicts, fresh.location.meta.sheets.weights);
      }
      const cause = options.cause
        ? {
            what: "profile applied" as const,
            agreementId: "",
            subject: options.cause.profile,
            before: describeWeights(fresh, previous),
            after: describeWeights(fresh, { ...previous, ...changed }),
          }
        : undefined;
      this.expect((now) =>
        outcomeOf(
          Object.keys(changed).map((id) => ({
            now: now.config.criteria.find((c) => c.id === id)?.weight,
            before: previous[id],
            intended: changed[id],
          })),
          sameValue,
        ),
      );
      await this.gateway.writeWeights(fresh, changed, { author: this.author, cause });
      await this.refresh();
      if (options.done !== undefined) {
        const undo = Object.fromEntries(Object.keys(changed).map((id) => [id, previous[id]]));
        this.set({
          notice: {
            intent: "success",
            text: options.done,
            action: {
              label: "Undo",
              run: () => void this.applyWeights(undo, { done: "Previous weights restored." }),
            },
          },
        });
      }
    });
  }

  /** Saves the current weights as a named profile in the workbook (Profiles sheet). */
  saveProfile(name: string): Promise<boolean> {
    return this.operation("Saving the profile…", "The profile was not saved", async () => {
      const data = this.requireData();
      const weights = Object.fromEntries(data.config.criteria.map((c) => [c.id, c.weight]));
      await this.gateway.saveProfile(data, { name, author: this.author, weights });
      await this.refresh();
      this.set({ notice: { intent: "success", text: `Weights saved as profile "${name.trim()}".` } });
    });
  }

  /** Applies a saved profile's weights; criteria the profile does not know keep theirs. */
  applyProfile(name: string): Promise<boolean> {
    const data = this.requireData();
    const profile = data.profiles.find((p) => p.name === name);
    if (!profile) return Promise.resolve(false);
    const { weights, notInProfile } = weightsFromProfile(profile, data);
    const kept =
      notInProfile.length > 0
        ? ` ${notInProfile.join(", ")} kept ${notInProfile.length === 1 ? "its" : "their"} weight (not in the profile).`
        : "";
    return this.applyWeights(weights, {
      done: `Profile "${profile.name}" applied.${kept}`,
      cause: { profile: profile.name },
    });
  }

  /**
   * Saves this reviewer's scores and rationales of one agreement (team scoring), and its general
   * notes if they changed. Only the reviewer's own rows of the Reviews sheet are written.
   */
  saveReviews(agreementId: string, edits: ReviewEdit[], notes?: string): Promise<boolean> {
    const label = this.agreementLabel(agreementId);
    return this.operation("Saving your scores…", `Your scores of ${label} were not saved`, async () => {
      const reviewer = this.requireReviewer();
      const base = this.requireData();
      const mine = (data: ScorecardData, e: ReviewEdit) =>
        data.reviews.find(
          (r) =>
            sameReviewer(r.reviewer, reviewer) &&
            r.agreementId.toLowerCase() === e.agreementId.toLowerCase() &&
            r.criterionId === e.criterionId,
        );
      this.expect((now) =>
        outcomeOf(
          edits.map((e) => ({
            now: `${mine(now, e)?.score ?? ""}|${mine(now, e)?.rationale ?? ""}`,
            before: `${mine(base, e)?.score ?? ""}|${mine(base, e)?.rationale ?? ""}`,
            intended: `${e.score ?? ""}|${e.rationale}`,
          })),
          (a, b) => a === b,
        ),
      );
      if (edits.length > 0) await this.gateway.writeReviews(base, reviewer, edits);
      if (notes !== undefined) {
        const fresh = await this.gateway.read(base.location);
        const conflicts = agreementConflicts(base, fresh, { id: agreementId, notes });
        if (conflicts.length > 0) throw new ConflictError(conflicts, fresh.location.meta.sheets.scorecard);
        await this.gateway.upsertAgreements(fresh, [{ id: agreementId, notes }], { author: reviewer });
      }
      await this.refresh();
      this.discardDraft(agreementId);
      this.set({ notice: { intent: "success", text: `Saved your scores of ${label}.` } });
    });
  }

  // ---- criteria (workbook/criteria.ts; every change is audited and refused over a co-author's) ----

  addCriterion(criterion: NewCriterion): Promise<boolean> {
    const name = criterion.name.trim();
    return this.criteriaChange(
      "Adding the criterion…",
      `Criterion "${name}" was not added`,
      (fresh, options) => this.gateway.addCriterion(fresh, criterion, options),
      `Added criterion "${name}": a column on the Scorecard sheet and a row on the Weights sheet. Score it on the Score tab.`,
    );
  }

  renameCriterion(id: string, name: string): Promise<boolean> {
    const old = this.criterionName(id);
    return this.criteriaChange(
      "Renaming the criterion…",
      `Criterion "${old}" was not renamed`,
      (fresh, options) => this.gateway.renameCriterion(fresh, id, name, options),
      `Renamed "${old}" to "${name.trim()}" on every sheet.`,
    );
  }

  /** Removes a criterion and its scores; the pane has asked first. */
  removeCriterion(id: string): Promise<boolean> {
    const name = this.criterionName(id);
    return this.criteriaChange(
      "Removing the criterion…",
      `Criterion "${name}" was not removed`,
      (fresh, options) => this.gateway.removeCriterion(fresh, id, options),
      `Removed criterion "${name}" and its scores; the Audit sheet records each score it held.`,
    );
  }

  /** Moves a criterion one place up (-1) or down (+1). */
  moveCriterion(id: string, step: -1 | 1): Promise<boolean> {
    const name = this.criterionName(id);
    return this.criteriaChange(
      "Reordering the criteria…",
      `Criterion "${name}" was not moved`,
      (fresh, options) => {
        const order = fresh.config.criteria.map((c) => c.id);
        const k = order.indexOf(id);
        const j = k + step;
        if (k < 0 || j < 0 || j >= order.length) return Promise.resolve();
        [order[k], order[j]] = [order[j], order[k]];
        return this.gateway.reorderCriteria(fresh, order, options);
      },
      `Moved "${name}" ${step < 0 ? "up" : "down"}: the Scorecard columns and the Weights rows follow.`,
    );
  }

  editCriterion(id: string, edit: CriterionEdit): Promise<boolean> {
    const name = this.criterionName(id);
    return this.criteriaChange(
      "Saving the criterion…",
      `Criterion "${name}" was not changed`,
      (fresh, options) => this.gateway.editCriterion(fresh, id, edit, options),
      `Saved the definition and rubric of "${name}".`,
    );
  }

  private criterionName(id: string): string {
    return this.state.data?.config.criteria.find((c) => c.id === id)?.name ?? id;
  }

  /**
   * A criteria change made on what the pane showed: refused when anyone wrote through the add-in
   * since (the version stamp moved), written on the workbook as it is now (rows typed since count).
   */
  private criteriaChange(
    busy: string,
    failure: string,
    write: (fresh: ScorecardData, options: CriteriaWriteOptions) => Promise<void>,
    done: string,
  ): Promise<boolean> {
    return this.operation(busy, failure, async () => {
      const base = this.requireData();
      const fresh = await this.gateway.read(base.location);
      if (fresh.location.meta.versionStamp !== base.location.meta.versionStamp) {
        this.set({ data: fresh });
        throw new WorkbookError(
          "ChangedByAnotherAuthor",
          "Another author changed the scorecard a moment ago, so nothing was written. The pane has read their change; look at it and try again.",
          { sheet: fresh.location.meta.sheets.weights },
        );
      }
      await write(fresh, { author: this.author });
      await this.refresh();
      this.set({ notice: { intent: "success", text: done } });
    });
  }

  /** One analyst ↔ a team; every score is kept (see workbook/team.ts). */
  switchMode(mode: ScoringMode, method?: ConsensusMethod): Promise<boolean> {
    return this.operation(
      mode === "team" ? "Switching to team scoring…" : "Switching to one analyst…",
      "The scoring mode was not changed",
      async () => {
        const reviewer = mode === "team" ? this.requireReviewer() : this.author;
        const fresh = await this.gateway.read(this.requireData().location);
        this.expect((now) => (now.location.meta.mode === mode ? "after" : "before"));
        await this.gateway.switchMode(fresh, mode, reviewer, method);
        await this.refresh();
        this.set({
          notice: {
            intent: "success",
            text:
              mode === "team"
                ? `Team scoring is on. The existing scores are now ${reviewer}'s reviews; the criterion cells show the team's consensus.`
                : "One analyst scores this scorecard now. The criterion cells keep the team's consensus as scores; the Reviews sheet stays as the record.",
          },
        });
      },
    );
  }

  setConsensusMethod(method: ConsensusMethod): Promise<boolean> {
    return this.operation("Changing the consensus…", "The consensus method was not changed", async () => {
      const fresh = await this.gateway.read(this.requireData().location);
      await this.gateway.setConsensusMethod(fresh, method, this.author);
      await this.refresh();
    });
  }

  /**
   * Remembers who is using the pane on this machine. Unsaved edits belong to the person who made
   * them: they are put aside for the previous name and the new name's own come back, so one
   * reviewer's draft is never saved under another's name.
   */
  setReviewer(name: string): void {
    const reviewer = name.trim();
    if (reviewer === this.state.reviewer) return;
    rememberReviewer(this.storage, reviewer);
    this.draftsAside.set(this.state.reviewer.toLowerCase(), this.state.drafts);
    const drafts = this.draftsAside.get(reviewer.toLowerCase()) ?? {};
    this.draftsAside.delete(reviewer.toLowerCase());
    this.set({ reviewer, drafts });
  }

  /** Shows another feature, e.g. the Score tab for an agreement chosen on the Team tab. */
  showFeature(feature: Feature): void {
    this.set({ featureRequest: { feature, seq: (this.state.featureRequest?.seq ?? 0) + 1 } });
  }

  /**
   * Writes a finished SMAA run, with the one-at-a-time intervals at the current weights, to the
   * Sensitivity sheet (seed, settings, tables and a native chart).
   */
  writeSensitivity(run: Omit<SensitivityRun, "oneAtATime">): Promise<boolean> {
    return this.operation(
      "Writing the Sensitivity sheet…",
      "The Sensitivity sheet was not written",
      async () => {
        const data = await this.gateway.read(this.requireData().location);
        const input = sensitivityInput(data);
        const oat =
          input.scores.length > 0 ? oneAtATime({ weights: input.weights, scores: input.scores }) : undefined;
        const sameAgreements = oat && input.ids.join("\u0000") === run.agreementIds.join("\u0000");
        await this.gateway.writeSensitivity(data, { ...run, oneAtATime: sameAgreements ? oat : undefined });
        await this.refresh();
        this.set({
          notice: { intent: "success", text: "The Sensitivity sheet holds this run, its seed and settings." },
        });
      },
    );
  }

  refreshCharts(): Promise<boolean> {
    return this.operation("Rebuilding the charts…", "The charts were not rebuilt", async () => {
      const fresh = await this.gateway.read(this.requireData().location);
      await this.gateway.refreshCharts(fresh);
      await this.refresh();
      this.set({ notice: { intent: "success", text: "Charts rebuilt on the Results sheet." } });
    });
  }

  /** Writes back every formula the add-in owns (Results tab, "Repair formulas"). */
  repairFormulas(): Promise<boolean> {
    return this.operation("Repairing the formulas…", "The formulas were not repaired", async () => {
      const fresh = await this.gateway.read(this.requireData().location);
      await this.gateway.repairFormulas(fresh, this.author);
      await this.refresh();
      this.set({
        notice: {
          intent: "success",
          text: "Formulas written back on the Scorecard and Results sheets; no value anyone typed was changed. The Audit sheet records it.",
        },
      });
    });
  }

  // ---- pane-only state ----

  selectAgreement(id: string | null): void {
    this.set({ selectedAgreementId: id });
  }

  setFollowSelection(follow: boolean): void {
    this.set({ followSelection: follow });
  }

  setDraft(id: string, draft: AgreementDraft): void {
    this.set({ drafts: { ...this.state.drafts, [id]: draft } });
  }

  discardDraft(id: string): void {
    if (!(id in this.state.drafts)) return;
    const drafts = { ...this.state.drafts };
    delete drafts[id];
    this.set({ drafts });
  }

  dismissError(): void {
    this.set({ error: null });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  /** Shows an error raised by a feature outside a workbook operation (e.g. invalid input). */
  showError(error: unknown, title: string): void {
    this.set({ error: describeError(error, title) });
  }

  // ---- internals ----

  private requireData(): ScorecardData {
    const { data } = this.state;
    if (data === null) {
      throw new WorkbookError(
        "ScorecardNotFound",
        "There is no scorecard open; create one on the start page first.",
      );
    }
    return data;
  }

  private get author(): string {
    return this.state.reviewer || UNNAMED;
  }

  private requireReviewer(): string {
    if (this.state.reviewer === "") {
      throw new WorkbookError(
        "InvalidInput",
        "Enter your name as reviewer first (at the top of the pane): every review records who gave it.",
      );
    }
    return this.state.reviewer;
  }

  private agreementLabel(id: string): string {
    const agreement = this.state.data?.agreements.find((a) => a.id === id);
    return agreement?.name ? `"${agreement.name}"` : `agreement ${id}`;
  }

  private async refresh(): Promise<void> {
    const { data } = this.state;
    if (data === null) {
      const location = await this.gateway.locate();
      if (location === null) {
        this.set({ phase: "absent" });
        return;
      }
      await this.adopt(await this.gateway.read(location));
      return;
    }
    await this.adopt(await this.gateway.read(data.location));
  }

  private async adopt(data: ScorecardData): Promise<void> {
    const { selectedAgreementId } = this.state;
    const selected =
      selectedAgreementId !== null && data.agreements.some((a) => a.id === selectedAgreementId)
        ? selectedAgreementId
        : (data.agreements.find((a) => a.id !== "")?.id ?? null);
    this.set({ phase: "ready", data, selectedAgreementId: selected });
    await this.watch(data);
  }

  /** Registers change and selection events once per scorecard location. */
  private async watch(data: ScorecardData): Promise<void> {
    const key = watchedSheets(data).join("\u0000");
    if (this.watchedKey === key) return;
    for (const stop of this.unwatch) stop();
    this.unwatch = [];
    this.watchedKey = key;
    const changes = await this.gateway.watchChanges(data, () => this.changed());
    const selection = await this.gateway.watchSelection(data, (row) => this.rowSelected(row));
    this.unwatch = [changes, selection].filter((u): u is Unsubscribe => u !== null);
    this.set({ live: changes !== null, selectionSupported: selection !== null });
  }

  private changed(delay = this.changeDelay): void {
    if (this.disposed) return;
    if (this.changeTimer !== null) clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      void this.enqueue(async () => {
        try {
          await this.refresh();
        } catch (error) {
          // The user is typing in a cell (Excel without delayForCellEdit): nothing to report;
          // read again once they are done.
          if (inCellEditMode(error)) this.changed(this.cellEditRetryDelay);
          else this.set({ error: describeError(error, "The scorecard changed and could not be read again") });
        }
      });
    }, delay);
  }

  private rowSelected(row: number): void {
    const { data, followSelection } = this.state;
    if (!followSelection || data === null) return;
    const index = data.rows.indexOf(row);
    if (index >= 0 && data.agreements[index].id !== "")
      this.set({ selectedAgreementId: data.agreements[index].id });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs one workbook operation after those already queued: shows `busy` meanwhile, and on failure
   * shows the error under `failure` (with an "Overwrite" retry where the workbook asks for
   * confirmation). Resolves to true on success.
   */
  private operation(
    busy: string,
    failure: string,
    work: () => Promise<void>,
    confirm?: (confirmOverwrite: boolean) => Promise<boolean>,
  ): Promise<boolean> {
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
          const audit = this.state.data?.audit ?? [];
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
        this.set({ busy: null });
      }
    });
  }

  /** Registers how to tell, after a failure, whether the write about to be made is in the workbook. */
  private expect(outcome: (fresh: ScorecardData) => Outcome): void {
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
      return this.state.data ? check(this.state.data) : null;
    } catch {
      return null;
    }
  }
}

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

function defaultStorage(): ReviewerStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage can be blocked (privacy settings); the name then lasts for the session only.
    return null;
  }
}
