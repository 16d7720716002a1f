/**
 * The workbook layer's public surface: what the pane, the preview, the command line and the bench
 * use. Inside the layer, modules import one another directly; src/workbook/README.md maps the folders.
 */

// Shared types.
export {
  type AgreementRecord,
  type AuditEntry,
  type ReviewerWeights,
  type ScorecardData,
  type ScorecardLocation,
  type WeightProfile,
  type TeamWeightsView,
} from "./model";

// Excel's run function, injected.
export { excelRun, type ExcelRun } from "./run";

// Errors that name the place and the fix.
export { WorkbookError } from "./errors";

// The workbook contract: names, addresses, layout, metadata.
export { columnLetter, quoteSheet, rangeAddress } from "./contract/addresses";
export { idFromName } from "./contract/freeNames";
export { INDICATOR_HEADER_SEPARATOR, NAME } from "./contract/contract";
export { type ScorecardConfig } from "./contract/layout";
export { indicatorHeader } from "./contract/indicatorLayout";
export { type ScoringMode, type TeamAggregation, type TeamWeightsSetting } from "./contract/meta";

// The scorecard as a whole: find, read, create, attach, charts, repair.
export { attachScorecard, type AttachOptions } from "./scorecard/attach";
export { refreshCharts } from "./scorecard/charts";
export { createScorecard, type CreateOptions, type CreateResult } from "./scorecard/create";
export { ILLUSTRATIVE_NOTE, exampleAgreements } from "./scorecard/examples";
export { locateScorecard } from "./scorecard/locate";
export { AUDIT_TAIL_ROWS, readScorecard } from "./scorecard/read";
export { repairFormulas } from "./scorecard/repair";
export { type OutlineOption } from "./scorecard/indicatorOutline";

// Agreements: add and update, import a list, rationale in the notes.
export {
  ImportError,
  importCsv,
  importJson,
  type ImportResult,
  type ImportSettings,
} from "./agreements/import";
export { joinNotes, splitNotes } from "./agreements/rationale";
export { addImportedIndicators } from "./agreements/importIndicators";
export {
  type AgreementUpdate,
  type UpsertOptions,
  type UpsertResult,
  upsertAgreements,
} from "./agreements/upsert";

// Criteria: add, rename, remove, reorder, edit.
export {
  TEAM_REFUSAL,
  addCriterion,
  renameCriterion,
  type CriteriaWriteOptions,
  type CriterionEdit,
  type NewCriterion,
} from "./criteria/editCriteria";
export { removeCriterion } from "./criteria/removeCriterion";
export { editCriterion } from "./criteria/editDefinitions";
export { reorderCriteria } from "./criteria/reorderCriteria";
export { setIndicators, type IndicatorWriteOptions } from "./criteria/editIndicators";

// Weights and weight profiles.
export { saveProfile, type SaveProfileInput, weightsFromProfile } from "./weights/profiles";
export { type WeightWriteOptions, writeWeights } from "./weights/writeWeights";
export { type MyWeights, ownWeights, saveMyWeights } from "./weights/myWeights";
export { setTeamWeights } from "./weights/teamAggregation";
export { aijRefusal, countedReviewers, importanceOf } from "./weights/teamWeights";
export { WEIGHT_METHODS, reviewerKey, type WeightMethod } from "./weights/reviewerWeightRows";

// Team scoring: mode, reviews, imports of reviews.
export { setConsensusMethod, switchToSingle, switchToTeam } from "./team/mode";
export { setDiscussThreshold, thresholdRange } from "./team/discussThreshold";
export { importBatches, importReviews } from "./team/reviewImport";
export {
  REVIEW_CSV_COLUMNS,
  parseReviewsCsv,
  planReviewImport,
  refusedRows,
  type ExistingReview,
  type ParsedReviewsCsv,
  type PlannedReview,
  type Problem,
  type ReviewImportPlan,
  type ReviewTarget,
} from "./team/reviewsCsv";
export { sameReviewer, type ReviewEdit, writeReviews } from "./team/writeReviews";
export { leafName, scoredLeaves, type ScoredLeaf } from "./team/leaves";

// Sensitivity runs written to their sheet.
export {
  DISTINCT_RANKS,
  rankColor,
  type SensitivityRun,
  writeSensitivity,
} from "./sensitivity/writeSensitivity";

// What every write goes through: Audit, conflicts, payload budget, table appends.
export { CREATED, historyOf, lastChangeOf } from "./write/audit";
export { undoLastChange, type UndoOptions } from "./write/undo";
export { ConflictError, sameValue, withAuthors } from "./write/conflicts";
export { CHUNK_BUDGET_BYTES, chunkRows, jsonBytes } from "./write/payload";
export { listTables, type TableInfo } from "./write/tables";

// Pure write planning for the pane.
export { conflictRefusal, newAgreementRefusal, planAgreementSave } from "./plans/agreementSave";
export { movedCriterionOrder, staleReadRefusal } from "./plans/criteriaChange";
export { confirmedImport, importedReviews } from "./plans/reviewImport";
export { writtenReviews } from "./plans/reviewSave";
export { describeChange, planUndo, type OwnChange } from "./plans/undo";
export { withOneAtATime } from "./plans/sensitivityRun";
export { planWeightChange } from "./plans/weightChange";
export { weightNodes, weightsOf, type WeightNode } from "./weights/weightNodes";
export { leafScores } from "./scorecard/leafScores";
