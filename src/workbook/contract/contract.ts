/**
 * The workbook contract (docs/architecture.md §3): sheet, table and defined names, the Scorecard's fixed
 * columns, and the metadata keys. Every operation and the read path take their names from here.
 */
/**
 * Version 2 records the header of every role column (ID, Agreement … Rank) in the metadata, so
 * that a scorecard attached to a user's own table, with the user's own headers, can be read back.
 * Version 3 adds team scoring (mode, consensus method, discuss threshold, Reviews table) and the
 * Audit table. An add-in that reads only version 2 refuses a version 3 workbook instead of typing
 * scores over the consensus formulas of a team scorecard. Version 4 computes the consensus from an
 * index of the reviews (sheet AS_Consensus, reviewFormulas.ts) instead of the Reviews table's
 * Order and Square columns; a version 3 add-in would append reviews the index does not know.
 *
 * Version 5 (issues 15 and 16, made together): each reviewer's own weights in the Reviewer weights
 * table, and the team aggregation (teamWeights) that may drive the Weights table's Weight column with
 * formulas over it; and indicators under a criterion: their Scorecard columns, the criterion cell
 * as a live formula over them, and the indicator weights table on the Weights sheet. A version 4
 * add-in would type plain weights or a criterion's score over those formulas, so it must refuse the
 * workbook. A version 4 workbook migrates with no change but the number (meta.ts MIGRATIONS[4]).
 */
export const SCHEMA_VERSION = 5;

export const SHEET = {
  scorecard: "Scorecard",
  weights: "Weights",
  results: "Results",
  meta: "AS_Meta",
  /** Very hidden: the index of the reviews that the team's consensus formulas read (reviewFormulas.ts). */
  consensus: "AS_Consensus",
  profiles: "Profiles",
  sensitivity: "Sensitivity",
  reviews: "Reviews",
  reviewerWeights: "Reviewer weights",
  audit: "Audit",
} as const;

export const TABLE = {
  scorecard: "Scorecard",
  weights: "ScorecardWeights",
  profiles: "ScorecardProfiles",
  reviews: "ScorecardReviews",
  reviewerWeights: "ScorecardReviewerWeights",
  audit: "ScorecardAudit",
  /** On the Weights sheet, beside the criteria: the indicators' local and global weights (issue 16). */
  indicators: "ScorecardIndicators",
} as const;

/** Weight profiles, one row per profile and criterion: the latest save of a name wins. */
export const PROFILE_COLUMNS = ["Profile", "Author", "Saved", "Criterion", "Weight"] as const;

/**
 * Reviewers' scores, one row per reviewer × agreement × criterion (a reviewer's new score updates
 * their row; the Audit sheet keeps the history). Columns are found by their headers, so columns a
 * person inserts or moves do not matter.
 */
export const REVIEW_COLUMNS = [
  "Reviewer",
  "Agreement ID",
  "Criterion ID",
  "Score",
  "Rationale",
  "Time",
] as const;

/**
 * Each reviewer's own weights (team mode), one row per reviewer × criterion: the weight as the
 * reviewer set it, the method, and for pairwise comparison that criterion's row of the reviewer's
 * comparison matrix as text (weights/judgments.ts). A reviewer's new save updates their rows; the
 * Audit sheet keeps the history. Columns are found by their headers.
 */
export const REVIEWER_WEIGHT_COLUMNS = [
  "Reviewer",
  "Criterion ID",
  "Weight",
  "Method",
  "Judgments",
  "Time",
] as const;

/** The helper columns of schema 3's Reviews table, removed when a workbook is upgraded. */
export const LEGACY_REVIEW_COLUMNS = ["Order", "Square"] as const;

/** The append-only trail: one row per change. */
export const AUDIT_COLUMNS = ["Time", "Who", "What", "Agreement ID", "Criterion", "Before", "After"] as const;

/** Defined names. Formulas refer to weights and the scale only through these. */
export const NAME = {
  scaleMin: "AS_ScaleMin",
  scaleMax: "AS_ScaleMax",
  meta: "AS_Meta",
  /** Very hidden: the index of the reviews that the team's consensus formulas read (reviewFormulas.ts). */
  consensus: "AS_Consensus",
  weightPrefix: "AS_W_",
  /** AS_L_<indicator id>: an indicator's normalized local weight within its criterion. */
  localWeightPrefix: "AS_L_",
} as const;

export const weightName = (criterionId: string) => `${NAME.weightPrefix}${criterionId}`;
export const localWeightName = (indicatorId: string) => `${NAME.localWeightPrefix}${indicatorId}`;

/** The Scorecard's columns other than the criteria, by role, with their default headers. */
export const DEFAULT_HEADERS = {
  id: "ID",
  name: "Agreement",
  type: "Type",
  parties: "Parties",
  signed: "Signed",
  coverage: "Coverage",
  score: "Weighted score",
  rank: "Rank",
  notes: "Notes",
} as const;
export type ColumnRole = keyof typeof DEFAULT_HEADERS;
export type RoleHeaders = Record<ColumnRole, string>;

/** Columns before the criteria. */
export const LEADING_COLUMNS = ["ID", "Agreement", "Type", "Parties", "Signed"] as const;
/** Columns after the criteria; Coverage, Weighted score and Rank are formulas the add-in owns. */
export const TRAILING_COLUMNS = ["Coverage", "Weighted score", "Rank", "Notes"] as const;
export const WEIGHTS_COLUMNS = ["ID", "Criterion", "Definition", "Weight", "Normalized weight"] as const;
/**
 * The indicator weights table (issue 16), one row per indicator, grouped by criterion. Local weight
 * is typed; the last two are formulas the add-in owns: local weight over its criterion's sum, and
 * that times the criterion's normalized weight (AS_W_<criterion id>).
 */
export const INDICATOR_COLUMNS = [
  "Criterion ID",
  "Indicator ID",
  "Criterion",
  "Indicator",
  "Definition",
  "Local weight",
  "Normalized local weight",
  "Global weight",
] as const;
/** Between a criterion's header and its indicator's name in the indicator column's header. */
export const INDICATOR_HEADER_SEPARATOR = " / ";

export const RESULTS_HEADERS = [
  "Position",
  "ID",
  "Agreement",
  "Weighted score",
  "Rank",
  "Table position",
  "Sort key",
] as const;

/** What a Weighted score cell shows when a criterion cell holds text or a value off the scale. */
export const INVALID_MARK = "check scores";

/** How many ranked agreements the Results charts show; the full ranking is the Rank column. */
export const CHART_TOP = 20;
/** How many leading agreements the radar chart compares. */
export const RADAR_TOP = 3;

export const META_KEYS = [
  "schemaVersion",
  "scorecardSheet",
  "scorecardTable",
  "weightsSheet",
  "weightsTable",
  "resultsSheet",
  "criteria",
  "columns",
  "scale",
  "missingPolicy",
  "versionStamp",
  "profilesTable",
  "sensitivitySheet",
  "mode",
  "consensusMethod",
  "sdThreshold",
  "reviewsSheet",
  "reviewsTable",
  "auditSheet",
  "auditTable",
  "reviewerWeightsSheet",
  "reviewerWeightsTable",
  "teamWeights",
  "indicatorsTable",
  "headerBand",
] as const;
export type MetaKey = (typeof META_KEYS)[number];

/** Metadata rows live in AS_Meta!A1:B{META_ROWS}; spare rows leave room for later keys. */
export const META_ROWS = 40;
