/**
 * The team's discuss threshold (meta.sdThreshold, docs/architecture.md §2): a cell is flagged for discussion
 * when its reviewers' sample standard deviation exceeds it (or their range is half the scale).
 * The index's discuss formulas hold the threshold as a number (reviewFormulas.ts
 * discussValueFormula), so a new threshold rewrites them in the same batch as the metadata and its
 * Audit row; the Scorecard's discuss formats read those formulas and follow on their own.
 */
import type { Scale } from "../../scoring/types";
import { rangeAddress } from "../contract/addresses";
import { auditValue, scorecardChange } from "../write/audit";
import { indexFits, queueIndexLook } from "./consensusIndex";
import { SHEET } from "../contract/contract";
import { WorkbookError, syncOrExplain } from "../errors";
import type { ScorecardMeta } from "../contract/meta";
import type { ScorecardData } from "../model";
import { discussValueFormula, INDEX_LAYOUT } from "./reviewFormulas";
import type { ExcelRun } from "../run";
import { writeBatch } from "../write/session";
import { refreshTeamIndex } from "./mode";
import { indexCriteria } from "./teamFormulas";

/** The thresholds a person may choose: from 0 (any disagreement) to the scale's width. */
export function thresholdRange(scale: Scale): { min: number; max: number } {
  return { min: 0, max: scale.max - scale.min };
}

/** Throws InvalidInput, saying what to enter, for a threshold off the range. */
export function validateThreshold(value: number, scale: Scale): void {
  const { min, max } = thresholdRange(scale);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new WorkbookError(
      "InvalidInput",
      `Discuss threshold: enter a number of points from ${min} to ${max} (the width of the ${scale.min}–${scale.max} scale); ${auditValue(value) || "nothing"} is not one.`,
      { column: "Discuss threshold" },
    );
  }
}

/**
 * Saves a new discuss threshold: refused, with nothing written, when anyone changed the scorecard
 * since `data` was read (version stamp). On a team scorecard the index's discuss formulas are
 * rewritten (the whole index is rebuilt where it does not fit the criteria any more).
 */
export async function setDiscussThreshold(
  run: ExcelRun,
  data: ScorecardData,
  threshold: number,
  options: { reviewer: string; now?: Date },
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  validateThreshold(threshold, data.config.scale);
  if (meta.sdThreshold === threshold) return meta;
  const next: ScorecardMeta = { ...meta, sdThreshold: threshold };
  const team = meta.mode === "team" && data.consensusIndex;
  const writes = [meta.sheets.scorecard, ...(meta.reviews ? [meta.reviews.sheet] : [])];
  return writeBatch(
    run,
    meta,
    { author: options.reviewer.trim() || "unknown", requireUnchanged: true, now: options.now, writes },
    async (context, session) => {
      const look = team ? queueIndexLook(context.workbook) : null;
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      const head = look?.read() ?? null;
      if (head && indexFits(head, indexCriteria(meta))) {
        const sheet = context.workbook.worksheets.getItem(SHEET.consensus);
        const first = INDEX_LAYOUT.firstRow;
        const rows = head.ids.length;
        head.shape.criteria.forEach((_, k) => {
          // Each criterion's Discuss column is right of its Consensus column.
          const column = INDEX_LAYOUT.firstCriterion + 2 * k + 1;
          if (rows > 0)
            sheet.getRange(rangeAddress(first - 1, column, rows, 1)).formulas = head.ids.map((_, i) => [
              discussValueFormula(head.shape, k, first + i, threshold),
            ]);
        });
      } else if (team) await refreshTeamIndex(context, data, next, session);
      session.update({ sdThreshold: threshold });
      session.record([
        scorecardChange("discuss threshold", auditValue(meta.sdThreshold), auditValue(threshold)),
      ]);
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.scorecard);
      return written;
    },
  );
}
