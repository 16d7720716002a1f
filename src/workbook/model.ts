/** What the workbook operations read and write: agreements and the scorecard's configuration. */
import type { ScorecardMeta } from "./meta";

export interface AgreementRecord {
  /** Stable key, unique within the scorecard. */
  id: string;
  name: string;
  type: string;
  parties: string;
  /** Year or date as the user typed it. */
  signed: string | number | null;
  /** Criterion id → score on the scale, or null when not scored. */
  scores: Record<string, number | null>;
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
