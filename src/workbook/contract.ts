/**
 * The workbook contract (DESIGN.md §3): sheet, table and defined names, the Scorecard's fixed
 * columns, and the metadata keys. Every operation and the read path take their names from here.
 */
export const SCHEMA_VERSION = 1;

export const SHEET = {
  scorecard: "Scorecard",
  weights: "Weights",
  results: "Results",
  meta: "AS_Meta",
} as const;

export const TABLE = {
  scorecard: "Scorecard",
  weights: "ScorecardWeights",
} as const;

/** Defined names. Formulas refer to weights and the scale only through these. */
export const NAME = {
  scaleMin: "AS_ScaleMin",
  scaleMax: "AS_ScaleMax",
  meta: "AS_Meta",
  weightPrefix: "AS_W_",
} as const;

export const weightName = (criterionId: string) => `${NAME.weightPrefix}${criterionId}`;

/** Columns before the criteria. */
export const LEADING_COLUMNS = ["ID", "Agreement", "Type", "Parties", "Signed"] as const;
/** Columns after the criteria; Coverage, Weighted score and Rank are formulas the add-in owns. */
export const TRAILING_COLUMNS = ["Coverage", "Weighted score", "Rank", "Notes"] as const;
export const WEIGHTS_COLUMNS = ["ID", "Criterion", "Definition", "Weight", "Normalized weight"] as const;

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
  "scale",
  "missingPolicy",
  "versionStamp",
] as const;
export type MetaKey = (typeof META_KEYS)[number];

/** Metadata rows live in AS_Meta!A1:B{META_ROWS}; spare rows leave room for later keys. */
export const META_ROWS = 40;
