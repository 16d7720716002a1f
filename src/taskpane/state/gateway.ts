/**
 * The pane's one door to the workbook. Every operation goes through the workbook layer
 * (src/workbook) with the `run` it was given — Excel.run in Office, excel-sim's run in the preview
 * and the tests — so no feature touches an Office global (docs/architecture.md §4).
 */
import type { Indicator } from "../../scoring/indicatorTree";
import {
  addCriterion,
  type AgreementUpdate,
  type AttachOptions,
  attachScorecard,
  type CreateOptions,
  type CreateResult,
  createScorecard,
  type CriteriaWriteOptions,
  type CriterionEdit,
  editCriterion,
  type ExcelRun,
  listTables,
  locateScorecard,
  type NewCriterion,
  type OutlineOption,
  readScorecard,
  refreshCharts,
  removeCriterion,
  renameCriterion,
  reorderCriteria,
  repairFormulas,
  type ReviewEdit,
  saveProfile,
  type SaveProfileInput,
  type ScorecardData,
  type ScorecardLocation,
  type ScoringMode,
  type SensitivityRun,
  setConsensusMethod,
  setIndicators,
  switchToSingle,
  switchToTeam,
  type TableInfo,
  upsertAgreements,
  type UpsertOptions,
  type UpsertResult,
  type WeightWriteOptions,
  writeReviews,
  writeSensitivity,
  writeWeights,
  type OwnChange,
  setDiscussThreshold,
  undoLastChange,
  type UndoOptions,
  type MyWeights,
  saveMyWeights,
  setTeamWeights,
  type TeamWeightsSetting,
} from "../../workbook";
import type { ConsensusMethod } from "../../scoring/consensus";

/** Stops listening; safe to call more than once. */
export type Unsubscribe = () => void;

export interface ScorecardGateway {
  locate(): Promise<ScorecardLocation | null>;
  read(location: ScorecardLocation): Promise<ScorecardData>;
  create(options: CreateOptions): Promise<CreateResult>;
  writeWeights(
    data: ScorecardData,
    weights: Record<string, number>,
    options: WeightWriteOptions,
  ): Promise<void>;
  /** A reviewer's own weights (team mode). */
  saveMyWeights(data: ScorecardData, reviewer: string, mine: MyWeights): Promise<void>;
  /** The team weights on (with how they aggregate) or off (null). */
  setTeamWeights(data: ScorecardData, setting: TeamWeightsSetting | null, author: string): Promise<void>;
  upsertAgreements(
    data: ScorecardData,
    updates: AgreementUpdate[],
    options: UpsertOptions,
  ): Promise<UpsertResult>;
  writeReviews(data: ScorecardData, reviewer: string, edits: ReviewEdit[]): Promise<void>;
  switchMode(
    data: ScorecardData,
    mode: ScoringMode,
    reviewer: string,
    method?: ConsensusMethod,
  ): Promise<void>;
  setConsensusMethod(data: ScorecardData, method: ConsensusMethod, reviewer: string): Promise<void>;
  setDiscussThreshold(data: ScorecardData, threshold: number, reviewer: string): Promise<void>;
  /** Undoes the author's last change over `fresh` (just read); returns what it undid. */
  undoLastChange(fresh: ScorecardData, options: UndoOptions): Promise<OwnChange>;
  refreshCharts(data: ScorecardData): Promise<void>;
  repairFormulas(data: ScorecardData, author: string): Promise<void>;
  saveProfile(data: ScorecardData, input: SaveProfileInput): Promise<void>;
  writeSensitivity(data: ScorecardData, input: SensitivityRun): Promise<void>;
  addCriterion(data: ScorecardData, criterion: NewCriterion, options: CriteriaWriteOptions): Promise<void>;
  renameCriterion(
    data: ScorecardData,
    id: string,
    name: string,
    options: CriteriaWriteOptions,
  ): Promise<void>;
  /** Deletes the criterion's scores: the pane asks first. */
  removeCriterion(data: ScorecardData, id: string, options: CriteriaWriteOptions): Promise<void>;
  reorderCriteria(data: ScorecardData, order: string[], options: CriteriaWriteOptions): Promise<void>;
  editCriterion(
    data: ScorecardData,
    id: string,
    edit: CriterionEdit,
    options: CriteriaWriteOptions,
  ): Promise<void>;
  /** Sets a criterion's indicators; `confirmDataLoss` when the pane has asked about the scores that go. */
  setIndicators(
    data: ScorecardData,
    criterionId: string,
    indicators: Indicator[],
    options: CriteriaWriteOptions & { confirmDataLoss?: boolean },
  ): Promise<void>;
  listTables(): Promise<TableInfo[]>;
  attach(options: AttachOptions): Promise<ScorecardLocation>;
  /**
   * Calls `onChange` whenever a cell of the Scorecard, Weights, Reviews or Audit sheet changes (in
   * the grid, by a co-author or by the pane itself; every change the add-in makes — a profile saved,
   * a review — appends to the Audit sheet). Resolves to null where the host cannot report changes; the
   * pane then relies on its Reload button.
   */
  watchChanges(data: ScorecardData, onChange: () => void): Promise<Unsubscribe | null>;
  /**
   * Calls `onRow` with the 1-based row number of the active cell whenever the selection on the
   * Scorecard sheet changes. Null where the host cannot report selections.
   */
  watchSelection(data: ScorecardData, onRow: (row: number) => void): Promise<Unsubscribe | null>;
}

interface RegisteredHandler {
  remove(): void;
  context: { sync(): Promise<unknown> };
}

/**
 * The workbook operations bound to one `run`. `host` says what the host supports beyond the
 * add-in's base requirement: with `columnOutline` (ExcelApi 1.10) the operations that lay out
 * indicator columns group them under their criterion.
 */
export function workbookGateway(run: ExcelRun, host: OutlineOption = {}): ScorecardGateway {
  const outline: OutlineOption = { columnOutline: host.columnOutline === true };
  return {
    locate: () => locateScorecard(run),
    read: (location) => readScorecard(run, location),
    create: (options) => createScorecard(run, options),
    writeWeights: (data, weights, options) => writeWeights(run, data, weights, options),
    saveMyWeights: async (data, reviewer, mine) => {
      await saveMyWeights(run, data, reviewer, mine);
    },
    setTeamWeights: async (data, setting, author) => {
      await setTeamWeights(run, data, setting, { author });
    },
    upsertAgreements: (data, updates, options) => upsertAgreements(run, data, updates, options),
    writeReviews: async (data, reviewer, edits) => {
      await writeReviews(run, data, reviewer, edits);
    },
    switchMode: async (data, mode, reviewer, method) => {
      if (mode === "team") await switchToTeam(run, data, { reviewer, method });
      else await switchToSingle(run, data, { reviewer });
    },
    setConsensusMethod: async (data, method, reviewer) => {
      await setConsensusMethod(run, data, method, { reviewer });
    },
    setDiscussThreshold: async (data, threshold, reviewer) => {
      await setDiscussThreshold(run, data, threshold, { reviewer });
    },
    undoLastChange: (fresh, options) => undoLastChange(run, fresh, options),
    refreshCharts: (data) =>
      refreshCharts(run, data.config, data.columns, data.location.meta, data.agreements.length),
    repairFormulas: async (data, author) => {
      await repairFormulas(run, data, { author });
    },
    saveProfile: async (data, input) => {
      await saveProfile(run, data, input);
    },
    writeSensitivity: async (data, input) => {
      await writeSensitivity(run, data, input);
    },
    addCriterion: async (data, criterion, options) => {
      await addCriterion(run, data, criterion, options);
    },
    renameCriterion: async (data, id, name, options) => {
      await renameCriterion(run, data, id, name, options);
    },
    removeCriterion: async (data, id, options) => {
      await removeCriterion(run, data, id, { ...options, ...outline, confirmDataLoss: true });
    },
    reorderCriteria: async (data, order, options) => {
      await reorderCriteria(run, data, order, { ...options, ...outline });
    },
    editCriterion: async (data, id, edit, options) => {
      await editCriterion(run, data, id, edit, options);
    },
    setIndicators: async (data, criterionId, indicators, options) => {
      await setIndicators(run, data, criterionId, indicators, { ...options, ...outline });
    },
    listTables: () => listTables(run),
    attach: (options) => attachScorecard(run, options),
    watchChanges: async (data, onChange) => {
      return register(run, (context) =>
        watchedSheets(data).map((name) =>
          context.workbook.worksheets.getItem(name).onChanged.add(async () => onChange()),
        ),
      );
    },
    watchSelection: async (data, onRow) => {
      const sheet = data.location.meta.sheets.scorecard;
      return register(run, (context) => {
        // Hosts without selection events throw here; register() then reports null.
        return [
          context.workbook.worksheets
            .getItem(sheet)
            .onSelectionChanged.add(async (args: Excel.WorksheetSelectionChangedEventArgs) => {
              const row = firstRowOf(args.address);
              if (row !== null) onRow(row);
            }),
        ];
      });
    },
  };
}

/** The sheets whose changes the pane follows. */
export function watchedSheets(data: ScorecardData): string[] {
  const { sheets, reviews, audit, reviewerWeights } = data.location.meta;
  return [sheets.scorecard, sheets.weights, reviews?.sheet, reviewerWeights?.sheet, audit?.sheet].filter(
    (s): s is string => !!s,
  );
}

/** Registers event handlers in one batch; null when the host does not support them. */
async function register(
  run: ExcelRun,
  add: (context: Excel.RequestContext) => OfficeExtension.EventHandlerResult<unknown>[],
): Promise<Unsubscribe | null> {
  let handlers: RegisteredHandler[] = [];
  try {
    handlers = await run(async (context) => {
      const added = add(context);
      await context.sync();
      return added as unknown as RegisteredHandler[];
    });
  } catch {
    return null;
  }
  if (handlers.length === 0) return null;
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    for (const handler of handlers) {
      try {
        handler.remove();
        void handler.context.sync().catch(() => undefined);
      } catch {
        // The pane is closing or the workbook is gone: nothing left to unregister.
      }
    }
  };
}

/** "B7", "Scorecard!B7:D9" or "$B$7" → 7; null for whole columns and unparsable addresses. */
export function firstRowOf(address: string): number | null {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const match = /^\$?[A-Za-z]{1,3}\$?(\d+)/.exec(local);
  return match ? Number(match[1]) : null;
}
