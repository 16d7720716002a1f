/**
 * The types the workbook operations share: what they read and write (agreements, reviews, the
 * Audit trail, profiles, the whole scorecard as read) and where the scorecard is. Types only, so
 * that every module can import them without an import cycle.
 */
import type { ConsensusCell } from "../scoring/consensus";
import type { ScorecardColumns, ScorecardConfig } from "./contract/layout";
import type { ScorecardMeta } from "./contract/meta";
import type { ReviewerDisagreement } from "../scoring/groupWeights";
import type { ConsensusWord } from "../scoring/groupConsensus";
import type { TeamAggregation } from "./contract/meta";

export interface AgreementRecord {
  /** Stable key, unique within the scorecard. */
  id: string;
  name: string;
  type: string;
  parties: string;
  /** Year or date as the user typed it. */
  signed: string | number | null;
  /**
   * Criterion id → score on the scale, or null when not scored. For a criterion with indicators,
   * as read: the score its indicators give (the model's, never the cell's, which a person may have
   * typed over); to write one, write its indicators' scores.
   */
  scores: Record<string, number | null>;
  /** Indicator id → score on the scale, or null when not scored (issue 16); absent on a flat scorecard. */
  indicatorScores?: Record<string, number | null>;
  notes: string;
}

/** The live results as the workbook's formulas computed them. */
export interface ComputedRow {
  coverage: number | null;
  score: number | null;
  rank: number | null;
  /** What the Weighted score cell shows when it is not a number ("", "check scores", an error). */
  scoreText: string | null;
  /** What the Rank cell shows when it is not a number ("" when unranked; text or TRUE typed over). */
  rankText: string | null;
}

/** A cell whose content the model cannot use, with where it is and what would fix it. */
export interface CellIssue {
  sheet: string;
  address: string;
  row: number;
  column: string;
  agreementId: string;
  criterionId?: string;
  /** The indicator whose cell it is (issue 16); criterionId then names its criterion. */
  indicatorId?: string;
  message: string;
  /** A formula the add-in owns shows something else: "Repair formulas" writes it back. */
  repairable?: true;
}

/** Where a located scorecard lives; everything else is read from the workbook through it. */
export interface ScorecardLocation {
  meta: ScorecardMeta;
  /** Agreements at the last read; a large scorecard is read in chunks from the start. */
  rowCountHint?: number;
  /**
   * Rows of the Audit table at the last read: the next read takes the newest rows in its one sync
   * from about there, instead of a second sync to learn where the trail ends (read.ts).
   */
  auditRowCountHint?: number;
  /** Rows of the Reviews table at the last read; a large one is read in windows from the start. */
  reviewCountHint?: number;
}

/** The whole scorecard as one read gives it (scorecard/read.ts): what the pane shows and writes from. */
export interface ScorecardData {
  location: ScorecardLocation;
  config: ScorecardConfig;
  agreements: AgreementRecord[];
  /** The workbook's own results, row by row, in the same order as agreements. */
  computed: ComputedRow[];
  /** Excel row number of each agreement, for pointing the user at it. */
  rows: number[];
  /** Where each column of the Scorecard table is now, by role and criterion. */
  columns: ScorecardColumns;
  /** Zero-based sheet column of the Scorecard table's first column. */
  tableFirstColumn: number;
  /** Excel row number of the Scorecard table's header row (1 unless a header band or the user's layout puts it lower). */
  headerRow: number;
  /** Named weight profiles saved in the workbook (latest save of each name). */
  profiles: WeightProfile[];
  /** Every row of the Reviews table that names a known agreement and criterion (team scoring). */
  reviews: ReviewRecord[];
  /** The model's consensus per agreement × criterion that a reviewer scored (team mode; else empty). */
  consensus: ConsensusCell[];
  /** The index of the reviews that the consensus formulas read exists (team scorecards since schema 4). */
  consensusIndex?: boolean;
  /** The newest rows of the Audit sheet's trail (at most AUDIT_TAIL_ROWS), oldest first. */
  audit: AuditEntry[];
  /** False when the trail is longer than what was read: older changes are only on the Audit sheet. */
  auditComplete: boolean;
  /** Sheet-relative address of each criterion's raw weight cell, by criterion id. */
  weightCells: Record<string, string>;
  /** Sheet-relative address of each criterion's normalized weight cell (behind its AS_W_ name). */
  normalizedCells: Record<string, string>;
  /** Each reviewer's own weights (team mode, once one was saved); absent or empty otherwise. */
  reviewerWeights?: ReviewerWeights[];
  /** The team weights as the model computes them from the reviewers' (weights/teamWeights.ts), when on. */
  team?: TeamWeightsView | null;
  /**
   * Sheet rows of the indicator weights table, by indicator id (issue 16): where its local weight
   * is typed, and the normalized local weight cell behind its AS_L_ name. Absent on a flat scorecard.
   */
  indicatorRows?: Record<string, number>;
  /** Defined names the formulas rely on that were deleted or broken by hand. */
  names: NameState;
  issues: CellIssue[];
}

/** One row of the Reviews table, as read. */
export interface ReviewRecord {
  reviewer: string;
  agreementId: string;
  criterionId: string;
  score: number | null;
  rationale: string;
  time: string;
  /** Excel row number on the Reviews sheet. */
  row: number;
}

/** One reviewer's own weights, from the Reviewer weights table (team weights, issue 15). */
export interface ReviewerWeights {
  /** The name as the reviewer's first row spells it. */
  reviewer: string;
  /** Raw weight by criterion id, as the team formulas add them up: a missing row, text or a negative counts 0. */
  weights: Record<string, number>;
  /** direct, points, rank or pairwise, as the first row says. */
  method: string;
  /** The comparison matrix in the scorecard's criterion order, when every judgment reads back; else null. */
  matrix: number[][] | null;
  /** The latest Time of their rows. */
  time: string;
  /** Excel row of each criterion's row on the Reviewer weights sheet. */
  rows: Record<string, number>;
}

/** One row of the Audit sheet's trail. */
export interface AuditEntry {
  /** ISO 8601 time of the change. */
  time: string;
  who: string;
  what: string;
  /** The agreement changed, or "" for scorecard-wide changes (weights, mode). */
  agreementId: string;
  /** The criterion (by name) or profile the change is about, or "". */
  subject: string;
  before: string;
  after: string;
}

/** A named set of raw weights saved in the workbook's Profiles table. */
export interface WeightProfile {
  name: string;
  author: string;
  /** ISO 8601 time of the save. */
  saved: string;
  /** Raw weights by criterion id. */
  weights: Record<string, number>;
}

/** What the read learns about the names, loaded in its one sync. */
export interface NameState {
  /** Criteria whose AS_W_ name is gone. */
  missingWeights: { id: string; header: string }[];
  /** Indicators whose AS_L_ name (normalized local weight) is gone (issue 16). */
  missingLocalWeights?: { id: string; header: string }[];
  /** True when AS_ScaleMin or AS_ScaleMax was deleted or no longer refers to a cell. */
  scaleBroken: boolean;
  /** The scale names that still exist (Repair deletes them before adding them again). */
  scaleNames: string[];
  /**
   * Where each AS_W_ and AS_L_ name that exists points now (its formula, e.g. "=Weights!$E$3"), by
   * lower-cased name: checked against the row its criterion or indicator is on (misdirectedNames).
   */
  targets: Record<string, string>;
}

/** The team weights as the model computes them from the reviewers' own (weights/teamWeights.ts). */
export interface TeamWeightsView {
  method: TeamAggregation;
  /** The reviewers counted (a weight above 0), in table order. */
  reviewers: ReviewerWeights[];
  /** Importance of each counted reviewer, as set (1 unless changed). */
  importance: number[];
  /** Each counted reviewer's weights normalized, in criterion order. */
  shares: number[][];
  /** The team's normalized weights, in criterion order. */
  team: number[];
  /** Goepel's S*, 0..1, and its word; the AHP form when every reviewer compared pairwise. */
  consensus: number;
  word: ConsensusWord;
  consensusForm: "ahp" | "general";
  /** λmax, CI and CR of the aggregate matrix (AIJ only). */
  ahp: { lambdaMax: number; ci: number; cr: number } | null;
  disagreement: ReviewerDisagreement[];
  /** Why AIJ cannot be chosen now, or null when it can. */
  aijRefusal: string | null;
  /**
   * True when the Weight column holds live formulas over the reviewers' table (mean; median with
   * equal importance); false when it holds the values the add-in writes (AIJ; weighted median).
   */
  live: boolean;
}
