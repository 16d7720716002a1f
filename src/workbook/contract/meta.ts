/**
 * The scorecard's metadata: key/value rows on a very hidden sheet behind the AS_Meta name, so that
 * it syncs between co-authors and survives save and reopen (docs/architecture.md §3). Values are JSON text.
 */
import type { MissingPolicy, RubricAnchor, Scale } from "../../scoring/types";
import type { Indicator } from "../../scoring/indicatorTree";
import { defaultSdThreshold, type ConsensusMethod } from "../../scoring/consensus";
import {
  DEFAULT_HEADERS,
  META_KEYS,
  META_ROWS,
  SCHEMA_VERSION,
  SHEET,
  type MetaKey,
  type RoleHeaders,
} from "./contract";
import { WorkbookError } from "../errors";

export interface CriterionConfig {
  id: string;
  name: string;
  definition: string;
  /** Raw weight as the user set it; normalized by the Weights sheet's formulas. */
  weight: number;
  /**
   * The criterion's indicators (issue 16), as the indicator weights table holds them: the model's
   * Indicator (id, name, definition, anchors, raw local weight). Absent or empty: scored directly.
   */
  indicators?: Indicator[];
}

export interface SheetNames {
  scorecard: string;
  weights: string;
  results: string;
  meta: string;
}

export interface CriterionMeta {
  id: string;
  /** Header of the criterion's column in the Scorecard table. */
  header: string;
  /**
   * The rubric anchors an analyst wrote for this criterion, on the scorecard's scale (criteria/editCriteria.ts
   * editCriterion). Absent: the default criteria show their built-in rubric, others whole points.
   */
  anchors?: RubricAnchor[];
  /**
   * Indicators under the criterion (schema 5, issue 16), in column order. Absent: the criterion
   * is scored directly, as every criterion of a schema 4 workbook is.
   */
  indicators?: IndicatorMeta[];
}

/** An indicator as the metadata records it; its definition and local weight live on the Weights sheet. */
export interface IndicatorMeta {
  id: string;
  /** Header of the indicator's Scorecard column: "Criterion / Indicator". */
  header: string;
  anchors?: RubricAnchor[];
}

export interface ScorecardMeta {
  schemaVersion: number;
  sheets: SheetNames;
  scorecardTable: string;
  weightsTable: string;
  criteria: CriterionMeta[];
  /** Header of each role column (ID, Agreement … Notes) in the Scorecard table. */
  columns: RoleHeaders;
  scale: Scale;
  missingPolicy: MissingPolicy;
  /** Bumped by every write, so a writer can tell that someone else wrote in between. */
  versionStamp: number;
  /** The weight profiles table, once a profile has been saved (profiles.ts). */
  profilesTable: string | null;
  /** The sheet holding the last sensitivity run, once one was written (sensitivity/writeSensitivity.ts). */
  sensitivitySheet: string | null;
  /** One analyst types scores in the grid; a team's scores live on the Reviews sheet (team/mode.ts). */
  mode: ScoringMode;
  consensusMethod: ConsensusMethod;
  /** A cell is flagged "discuss" when the reviewers' sample SD exceeds this (scale points). */
  sdThreshold: number;
  /** The Reviews table, once the scorecard was first switched to team scoring. */
  reviews: SheetTable | null;
  /** The Audit table, once the first change was recorded (audit.ts). */
  audit: SheetTable | null;
  /** The Reviewer weights table, once a reviewer first saved their own weights (weights/myWeights.ts). */
  reviewerWeights: SheetTable | null;
  /**
   * How the reviewers' weights make the team's (weights/teamAggregation.ts); null while the team
   * shares one set of weights, typed in the Weights table.
   */
  teamWeights: TeamWeightsSetting | null;
  /** The indicator weights table on the Weights sheet, once a criterion was given indicators. */
  indicatorsTable: string | null;
  /**
   * The Scorecard has a header band, a row the add-in inserted directly above the table's header
   * row, naming each criterion over its indicators' columns (scorecard/headerBand.ts). Absent in
   * metadata written before it: false.
   */
  headerBand: boolean;
}

/** aij: geometric mean of the pairwise judgments; mean or median of the normalized weights. */
export type TeamAggregation = "aij" | "mean" | "median";

export interface TeamWeightsSetting {
  method: TeamAggregation;
  /** Importance by reviewer name (lower case, as Excel's TRIM gives it); 1 for a reviewer not listed. */
  importance: Record<string, number>;
}

export type ScoringMode = "single" | "team";

export interface SheetTable {
  sheet: string;
  table: string;
}

/** The value kept under each metadata key. */
export function metaValues(meta: ScorecardMeta): Record<MetaKey, unknown> {
  return {
    schemaVersion: meta.schemaVersion,
    scorecardSheet: meta.sheets.scorecard,
    scorecardTable: meta.scorecardTable,
    weightsSheet: meta.sheets.weights,
    weightsTable: meta.weightsTable,
    resultsSheet: meta.sheets.results,
    criteria: meta.criteria,
    columns: meta.columns,
    scale: meta.scale,
    missingPolicy: meta.missingPolicy,
    versionStamp: meta.versionStamp,
    profilesTable: meta.profilesTable,
    sensitivitySheet: meta.sensitivitySheet,
    mode: meta.mode,
    consensusMethod: meta.consensusMethod,
    sdThreshold: meta.sdThreshold,
    reviewsSheet: meta.reviews?.sheet ?? null,
    reviewsTable: meta.reviews?.table ?? null,
    auditSheet: meta.audit?.sheet ?? null,
    auditTable: meta.audit?.table ?? null,
    reviewerWeightsSheet: meta.reviewerWeights?.sheet ?? null,
    reviewerWeightsTable: meta.reviewerWeights?.table ?? null,
    teamWeights: meta.teamWeights,
    indicatorsTable: meta.indicatorsTable,
    headerBand: meta.headerBand,
  };
}

/** A metadata value as its cell holds it: JSON, as text (the apostrophe keeps Excel from parsing it). */
export const metaCell = (value: unknown) => `'${JSON.stringify(value)}`;

/** A cell holds 32,767 characters; Excel refuses the whole write of a longer value. */
const META_CELL_LIMIT = 32_767;

const SHORTEN: Partial<Record<MetaKey, string>> = {
  criteria: "shorten the criteria's names or rubric anchors",
  columns: "shorten the Scorecard table's column headers",
};

/**
 * The cell text of one metadata value, refused before anything is written when it is longer than
 * a cell holds, with what to shorten.
 */
export function metaCellOf(key: MetaKey, value: unknown): string {
  const cell = metaCell(value);
  const length = cell.length - 1;
  if (length > META_CELL_LIMIT) {
    throw new WorkbookError(
      "InvalidInput",
      `The scorecard's metadata "${key}" would take ${length.toLocaleString("en")} characters, more than the ${META_CELL_LIMIT.toLocaleString("en")} one cell holds (very hidden sheet "${SHEET.meta}"); ${SHORTEN[key] ?? "shorten the names it holds"}. Nothing was written.`,
      { sheet: SHEET.meta },
    );
  }
  return cell;
}

export function encodeMeta(meta: ScorecardMeta): string[][] {
  const value = metaValues(meta);
  const rows = META_KEYS.map((key) => [key, metaCellOf(key, value[key])]);
  while (rows.length < META_ROWS) rows.push(["", ""]);
  return rows;
}

/** Migrations from each older schema version to the next; the index is the version migrated from. */
const MIGRATIONS: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 1 scorecards always had the default headers; version 2 records them.
  1: (raw) => ({ ...raw, columns: { ...DEFAULT_HEADERS }, schemaVersion: 2 }),
  // Version 2 scorecards were all single-analyst, with no Reviews or Audit table.
  2: (raw) => ({ ...raw, mode: "single", consensusMethod: "mean", schemaVersion: 3 }),
  // Version 3 team scorecards keep their keys; their formulas are upgraded on the next team write (team/mode.ts).
  3: (raw) => ({ ...raw, schemaVersion: 4 }),
  // Version 4 scorecards are flat (no indicators, issue 16), and their teams shared one set of
  // weights: no reviewer has weights of their own yet (issue 15).
  4: (raw) => ({ ...raw, teamWeights: null, indicatorsTable: null, schemaVersion: 5 }),
};

const isPolicy = (v: unknown): v is MissingPolicy => v === "exclude" || v === "renormalize" || v === "zero";

export function decodeMeta(rows: unknown[][]): ScorecardMeta {
  const place = { sheet: SHEET.meta };
  let raw: Record<string, unknown> = {};
  for (const [key, value] of rows) {
    if (typeof key !== "string" || key === "") continue;
    try {
      raw[key] = JSON.parse(String(value));
    } catch {
      throw new WorkbookError(
        "MetadataInvalid",
        `The scorecard's metadata (very hidden sheet "${SHEET.meta}", key "${key}") is not readable: it was edited by hand. Restore it from a saved copy, or create a new scorecard.`,
        place,
      );
    }
  }
  const version = raw.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new WorkbookError(
      "MetadataInvalid",
      `The scorecard's metadata (sheet "${SHEET.meta}") has no valid schema version. Restore it from a saved copy, or create a new scorecard.`,
      place,
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new WorkbookError(
      "NewerSchema",
      `This workbook was written by a newer version of Agreement Scorecard (schema ${version}; this add-in reads up to ${SCHEMA_VERSION}). Update the add-in to open it; nothing was changed.`,
      place,
    );
  }
  for (let v = version; v < SCHEMA_VERSION; v++) raw = MIGRATIONS[v](raw);

  const text = (key: string) => {
    const v = raw[key];
    if (typeof v !== "string" || v === "") invalid(key);
    return v as string;
  };
  const criteria = raw.criteria;
  if (
    !Array.isArray(criteria) ||
    criteria.length === 0 ||
    !criteria.every((c) => typeof c?.id === "string" && typeof c?.header === "string")
  ) {
    invalid("criteria");
  }
  const columns = raw.columns as Record<string, unknown> | undefined;
  if (
    typeof columns !== "object" ||
    columns === null ||
    !Object.keys(DEFAULT_HEADERS).every((role) => typeof columns[role] === "string" && columns[role] !== "")
  ) {
    invalid("columns");
  }
  const scale = raw.scale as Scale;
  // Finite bounds: JSON's 1e999 parses as Infinity, which no scale can have.
  if (!Number.isFinite(scale?.min) || !Number.isFinite(scale?.max) || !(scale.min < scale.max))
    invalid("scale");
  if (!isPolicy(raw.missingPolicy)) invalid("missingPolicy");
  const stamp = raw.versionStamp;
  if (typeof stamp !== "number") invalid("versionStamp");
  if (raw.mode !== "single" && raw.mode !== "team") invalid("mode");
  if (raw.consensusMethod !== "mean" && raw.consensusMethod !== "median") invalid("consensusMethod");
  const threshold = raw.sdThreshold ?? defaultSdThreshold(scale);
  if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0) invalid("sdThreshold");
  const sheetTable = (sheetKey: string, tableKey: string): SheetTable | null => {
    const sheet = raw[sheetKey];
    const table = raw[tableKey];
    if (sheet === null || sheet === undefined) return null;
    if (typeof sheet !== "string" || typeof table !== "string" || sheet === "" || table === "")
      invalid(tableKey);
    return { sheet, table };
  };
  const reviews = sheetTable("reviewsSheet", "reviewsTable");
  if (raw.mode === "team" && reviews === null) invalid("reviewsTable");
  return {
    schemaVersion: SCHEMA_VERSION,
    sheets: {
      scorecard: text("scorecardSheet"),
      weights: text("weightsSheet"),
      results: text("resultsSheet"),
      meta: SHEET.meta,
    },
    scorecardTable: text("scorecardTable"),
    weightsTable: text("weightsTable"),
    criteria: (criteria as CriterionMeta[]).map(criterionMeta),
    columns: columns as RoleHeaders,
    scale: { min: scale.min, max: scale.max },
    missingPolicy: raw.missingPolicy as MissingPolicy,
    versionStamp: stamp as number,
    profilesTable: typeof raw.profilesTable === "string" ? raw.profilesTable : null,
    sensitivitySheet: typeof raw.sensitivitySheet === "string" ? raw.sensitivitySheet : null,
    mode: raw.mode,
    consensusMethod: raw.consensusMethod,
    sdThreshold: threshold,
    reviews,
    audit: sheetTable("auditSheet", "auditTable"),
    reviewerWeights: sheetTable("reviewerWeightsSheet", "reviewerWeightsTable"),
    teamWeights: teamWeightsSetting(raw.teamWeights),
    indicatorsTable: typeof raw.indicatorsTable === "string" ? raw.indicatorsTable : null,
    headerBand: raw.headerBand === true,
  };
}

const AGGREGATIONS: readonly TeamAggregation[] = ["aij", "mean", "median"];

function teamWeightsSetting(value: unknown): TeamWeightsSetting | null {
  if (value === null || value === undefined) return null;
  const v = value as { method?: unknown; importance?: unknown };
  const importance = (v.importance ?? {}) as Record<string, unknown>;
  if (
    !AGGREGATIONS.includes(v.method as TeamAggregation) ||
    typeof importance !== "object" ||
    importance === null ||
    !Object.values(importance).every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0)
  )
    invalid("teamWeights");
  return { method: v.method as TeamAggregation, importance: { ...(importance as Record<string, number>) } };
}

const isAnchor = (a: unknown): a is RubricAnchor =>
  typeof a === "object" &&
  a !== null &&
  typeof (a as RubricAnchor).value === "number" &&
  Number.isFinite((a as RubricAnchor).value) &&
  typeof (a as RubricAnchor).label === "string" &&
  typeof (a as RubricAnchor).description === "string";

/** Anchors as stored; anchors edited by hand into something unreadable are dropped, not fatal. */
function withAnchors<T extends { id: string; header: string }>(
  base: T,
  raw: unknown,
): T & { anchors?: RubricAnchor[] } {
  const anchors = Array.isArray(raw) ? raw.filter(isAnchor) : [];
  return anchors.length > 0
    ? {
        ...base,
        anchors: anchors.map((a) => ({ value: a.value, label: a.label, description: a.description })),
      }
    : base;
}

/**
 * A criterion as stored. Its indicators must each have an id and a header, or the Scorecard's
 * columns cannot be found: anything else is malformed metadata, not a flat criterion.
 */
function criterionMeta(c: CriterionMeta): CriterionMeta {
  const criterion = withAnchors({ id: c.id, header: c.header }, c.anchors);
  if (c.indicators === undefined || c.indicators === null) return criterion;
  if (
    !Array.isArray(c.indicators) ||
    !c.indicators.every((i) => typeof i?.id === "string" && typeof i?.header === "string")
  )
    invalid("criteria");
  if (c.indicators.length === 0) return criterion;
  return {
    ...criterion,
    indicators: c.indicators.map((i) => withAnchors({ id: i.id, header: i.header }, i.anchors)),
  };
}

function invalid(key: string): never {
  throw new WorkbookError(
    "MetadataInvalid",
    `The scorecard's metadata (very hidden sheet "${SHEET.meta}", key "${key}") is missing or malformed. Restore it from a saved copy, or create a new scorecard.`,
    { sheet: SHEET.meta },
  );
}

export function metaFor(
  config: { criteria: CriterionConfig[]; scale: Scale; missingPolicy: MissingPolicy },
  sheets: SheetNames,
  tables: { scorecard: string; weights: string },
  versionStamp: number,
  columns: RoleHeaders = { ...DEFAULT_HEADERS },
): ScorecardMeta {
  return {
    schemaVersion: SCHEMA_VERSION,
    sheets,
    scorecardTable: tables.scorecard,
    weightsTable: tables.weights,
    criteria: config.criteria.map((c) => ({ id: c.id, header: c.name })),
    columns,
    scale: config.scale,
    missingPolicy: config.missingPolicy,
    versionStamp,
    profilesTable: null,
    sensitivitySheet: null,
    mode: "single",
    consensusMethod: "mean",
    sdThreshold: defaultSdThreshold(config.scale),
    reviews: null,
    audit: null,
    reviewerWeights: null,
    teamWeights: null,
    indicatorsTable: null,
    headerBand: false,
  };
}

/**
 * Queues the writing of some metadata keys only, each on the row that holds it now (a new key on
 * the first free row), so that a writer never puts back a co-author's older value of another key.
 * `range` is the AS_Meta range (META_ROWS × 2) and `rows` its cells as just loaded. A sheet still in an older schema is rewritten whole
 * once, in the current schema, so that it never mixes versions.
 */
export function queueMetaKeys(
  range: Excel.Range,
  rows: readonly unknown[][],
  meta: ScorecardMeta,
  keys: readonly MetaKey[],
): void {
  const stored = rows.find(([key]) => key === "schemaVersion")?.[1];
  if (stored !== metaCell(SCHEMA_VERSION).slice(1)) {
    // Through another proxy of the same cells: a value set on `range` would replace what it read
    // (the apostrophes included), which the caller may decode again in the same batch.
    range.getOffsetRange(0, 0).values = encodeMeta(meta);
    return;
  }
  const values = metaValues(meta);
  let free = rows.findIndex(([key]) => key === "" || key === null);
  for (const key of keys) {
    let row = rows.findIndex(([k]) => k === key);
    if (row < 0) row = free++;
    range.getCell(row, 0).getResizedRange(0, 1).values = [[key, metaCellOf(key, values[key])]];
  }
}
