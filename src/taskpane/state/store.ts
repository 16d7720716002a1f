/**
 * The pane's state and the intents that change it. Data flows one way (docs/architecture.md §4):
 * workbook → read → this state → a user intent → a workbook operation → workbook → (change event
 * → read). The state never edits ScorecardData in place: after every write the scorecard is read
 * back, so what the pane shows is what the workbook holds.
 *
 * PaneStore is the face the components and tests see; each intent is a thin delegate to its family
 * in intents/ (scorecard, agreements, weights, criteria, team, results). The queue, the failure
 * handling and the outcome check are in core.ts; reading back and change events in refresh.ts.
 */
import type { Indicator } from "../../scoring/indicatorTree";
import type { ConsensusMethod } from "../../scoring/consensus";
import type {
  AgreementRecord,
  AgreementUpdate,
  AttachOptions,
  CriterionEdit,
  ExcelRun,
  MyWeights,
  NewCriterion,
  ParsedReviewsCsv,
  ReviewEdit,
  ReviewImportPlan,
  ScoringMode,
  SensitivityRun,
  TableInfo,
  TeamWeightsSetting,
} from "../../workbook";
import { StoreCore } from "./core";
import { describeError } from "./errors";
import { workbookGateway, type ScorecardGateway } from "./gateway";
import * as agreements from "./intents/agreements";
import * as criteria from "./intents/criteria";
import * as results from "./intents/results";
import * as scorecard from "./intents/scorecard";
import * as team from "./intents/team";
import * as teamWeights from "./intents/teamWeights";
import * as undo from "./intents/undo";
import * as weights from "./intents/weights";
import type { AgreementDraft, Feature, PaneState } from "./paneState";
import type { ReviewerStorage } from "./reviewer";

export type { AgreementDraft, Feature, Notice, PaneState, Phase, RetryAction, ShownError } from "./paneState";
export { UNNAMED } from "./paneState";
export { outcomeOf, type Outcome } from "./core";

export interface PaneStoreOptions {
  /** Milliseconds to gather change events into one read. */
  changeDelay?: number;
  /** Milliseconds before that read is tried again while the user edits a cell (desktop Excel). */
  cellEditRetryDelay?: number;
  /** Where the reviewer name is remembered; the browser's localStorage by default. */
  storage?: ReviewerStorage | null;
}

export class PaneStore {
  private readonly core: StoreCore;

  /** Takes Excel's run (Excel.run, or excel-sim's run) or a ready-made gateway. */
  constructor(source: ExcelRun | ScorecardGateway, options: PaneStoreOptions = {}) {
    const gateway = typeof source === "function" ? workbookGateway(source) : source;
    const storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.core = new StoreCore(
      gateway,
      storage,
      options.changeDelay ?? 250,
      options.cellEditRetryDelay ?? 1000,
    );
  }

  // ---- subscription (useSyncExternalStore: bound, so they can be passed as they are) ----

  subscribe = (listener: () => void): (() => void) => this.core.subscribe(listener);

  getState = (): PaneState => this.core.state;

  dispose(): void {
    this.core.dispose();
  }

  // ---- scorecard (intents/scorecard.ts) ----

  start = (): Promise<void> => scorecard.start(this.core);
  create = (withExamples: boolean): Promise<boolean> => scorecard.create(this.core, withExamples);
  listTables = (): Promise<TableInfo[]> => scorecard.listTables(this.core);
  attach = (options: AttachOptions): Promise<boolean> => scorecard.attach(this.core, options);
  reload = (): Promise<boolean> => scorecard.reload(this.core);

  // ---- agreements (intents/agreements.ts) ----

  saveAgreement = (update: AgreementUpdate, options?: { confirmOverwrite?: boolean }): Promise<boolean> =>
    agreements.saveAgreement(this.core, update, options);
  addAgreement = (record: AgreementRecord, options?: { confirmOverwrite?: boolean }): Promise<boolean> =>
    agreements.addAgreement(this.core, record, options);
  selectAgreement = (id: string | null): void => agreements.selectAgreement(this.core, id);
  setFollowSelection = (follow: boolean): void => agreements.setFollowSelection(this.core, follow);
  setDraft = (id: string, draft: AgreementDraft): void => agreements.setDraft(this.core, id, draft);
  discardDraft = (id: string): void => agreements.discardDraft(this.core, id);

  // ---- weights and profiles (intents/weights.ts) ----

  applyWeights = (values: Record<string, number>, options?: weights.ApplyWeightsOptions): Promise<boolean> =>
    weights.applyWeights(this.core, values, options);
  saveProfile = (name: string): Promise<boolean> => weights.saveProfile(this.core, name);
  applyProfile = (name: string): Promise<boolean> => weights.applyProfile(this.core, name);

  // ---- team weights (intents/teamWeights.ts) ----

  saveMyWeights = (mine: MyWeights, done: string): Promise<boolean> =>
    teamWeights.saveMyWeights(this.core, mine, done);
  setTeamWeights = (setting: TeamWeightsSetting | null): Promise<boolean> =>
    teamWeights.setTeamWeights(this.core, setting);

  // ---- criteria (intents/criteria.ts) ----

  addCriterion = (criterion: NewCriterion): Promise<boolean> => criteria.addCriterion(this.core, criterion);
  renameCriterion = (id: string, name: string): Promise<boolean> =>
    criteria.renameCriterion(this.core, id, name);
  removeCriterion = (id: string): Promise<boolean> => criteria.removeCriterion(this.core, id);
  moveCriterion = (id: string, step: -1 | 1): Promise<boolean> => criteria.moveCriterion(this.core, id, step);
  editCriterion = (id: string, edit: CriterionEdit): Promise<boolean> =>
    criteria.editCriterion(this.core, id, edit);
  setIndicators = (
    id: string,
    indicators: Indicator[],
    confirmed: boolean,
    notice?: criteria.IndicatorsNotice,
  ): Promise<boolean> => criteria.setIndicators(this.core, id, indicators, confirmed, notice);

  // ---- team (intents/team.ts) ----

  saveReviews = (agreementId: string, edits: ReviewEdit[], notes?: string): Promise<boolean> =>
    team.saveReviews(this.core, agreementId, edits, notes);
  switchMode = (mode: ScoringMode, method?: ConsensusMethod): Promise<boolean> =>
    team.switchMode(this.core, mode, method);
  setConsensusMethod = (method: ConsensusMethod): Promise<boolean> =>
    team.setConsensusMethod(this.core, method);
  setDiscussThreshold = (threshold: number): Promise<boolean> =>
    team.setDiscussThreshold(this.core, threshold);
  importReviews = (source: ParsedReviewsCsv, confirmed: ReviewImportPlan): Promise<boolean> =>
    team.importReviews(this.core, source, confirmed);
  setReviewer = (name: string): void => team.setReviewer(this.core, name);

  // ---- undo (intents/undo.ts) ----

  undoLastChange = (offeredTime: string): Promise<boolean> => undo.undoLastChange(this.core, offeredTime);

  // ---- sensitivity and results (intents/results.ts) ----

  writeSensitivity = (run: Omit<SensitivityRun, "oneAtATime">): Promise<boolean> =>
    results.writeSensitivity(this.core, run);
  refreshCharts = (): Promise<boolean> => results.refreshCharts(this.core);
  repairFormulas = (): Promise<boolean> => results.repairFormulas(this.core);

  // ---- pane-only state ----

  /** Shows another feature, e.g. the Score tab for an agreement chosen on the Team tab. */
  showFeature(feature: Feature): void {
    const seq = (this.core.state.featureRequest?.seq ?? 0) + 1;
    this.core.set({ featureRequest: { feature, seq } });
  }

  dismissError(): void {
    this.core.set({ error: null });
  }

  dismissNotice(): void {
    this.core.set({ notice: null });
  }

  /** Shows an error raised by a feature outside a workbook operation (e.g. invalid input). */
  showError(error: unknown, title: string): void {
    this.core.set({ error: describeError(error, title) });
  }
}

function defaultStorage(): ReviewerStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage can be blocked (privacy settings); the name then lasts for the session only.
    return null;
  }
}
