/**
 * Turning the team weights on, changing how they aggregate, or off (issue 15). On: the Weights
 * table's Weight column is driven by the reviewers' own weights (teamBlock.ts), the block written
 * beside it. Off, or a switch to one analyst (team/mode.ts): the weights the scorecard uses now stay
 * as plain values and the block goes; the reviewers' rows stay on their sheet as history. Refused
 * over a co-author's change since the caller's read, as every scorecard-wide setting is.
 */
import { WorkbookError, syncOrExplain } from "../errors";
import type { ScorecardMeta, TeamWeightsSetting } from "../contract/meta";
import type { ReviewerWeights, ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { writeBatch } from "../write/session";
import { queueTableRead, type TableRows } from "../team/reviewWindows";
import { parseReviewerWeights } from "./reviewerWeightRows";
import { BLOCK_HEADER, TEAM_BLOCK, lookAtBlock, queueTeamBlock, teamBlockCells } from "./teamBlock";
import { columnLetter } from "../contract/addresses";
import { teamWeightsView } from "./teamWeights";
import { scorecardChange } from "../write/audit";

const describe = (s: TeamWeightsSetting | null) => {
  if (s === null) return "shared weights";
  const imp = Object.entries(s.importance).filter(([, v]) => v !== 1);
  return imp.length === 0
    ? s.method
    : `${s.method}; importance ${imp.map(([k, v]) => `${k} ${v}`).join(", ")}`;
};

export async function setTeamWeights(
  run: ExcelRun,
  data: ScorecardData,
  setting: TeamWeightsSetting | null,
  options: { author: string; now?: Date },
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  if (meta.mode !== "team")
    throw new WorkbookError(
      "InvalidInput",
      "Team weights need team scoring; switch the scorecard to a team first.",
      {
        sheet: meta.sheets.weights,
      },
    );
  if (setting === null && meta.teamWeights === null) return meta;
  const place = meta.reviewerWeights;
  if (setting !== null && place === null)
    throw new WorkbookError(
      "InvalidInput",
      `No reviewer has set weights of their own yet, so there are no team weights to compute. Each reviewer sets "My weights" on the Weights tab first.`,
      { sheet: meta.sheets.weights },
    );
  return writeBatch(
    run,
    meta,
    {
      author: options.author.trim() || "unknown",
      now: options.now,
      requireUnchanged: true,
      writes: [meta.sheets.weights],
    },
    async (context, session) => {
      const sheet = context.workbook.worksheets.getItem(meta.sheets.weights);
      const read = place ? queueTableRead(context.workbook.tables.getItem(place.table), 0) : null;
      const extent = lookAtBlock(sheet, data.config.criteria.length);
      await syncOrExplain(context, meta.sheets.weights);
      await session.ready();
      const previous = checkedExtent(extent(), meta.sheets.weights);
      if (setting === null) queueSharedWeights(sheet, data, previous);
      else {
        const table = await read!.rows(context);
        queueTeamWeights(sheet, data, place!, table, setting, previous, session.time);
      }
      session.update({ teamWeights: setting });
      session.record([scorecardChange("team weights", describe(meta.teamWeights), describe(setting))]);
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.weights);
      return written;
    },
  );
}

/** A block found where none was written (its first cell holds something else) is a person's: refused, not cleared. */
export function checkedExtent(extent: { width: number; rows: number; first: unknown }, sheet: string) {
  if (extent.width > 0 && extent.first !== BLOCK_HEADER)
    throw new WorkbookError(
      "WouldOverwrite",
      `The team weights go in ${sheet}!${columnLetter(TEAM_BLOCK.column)}1 and to the right, but ${columnLetter(TEAM_BLOCK.column)}1 holds ${JSON.stringify(extent.first)}, which the add-in did not write; nothing was written. Move those cells out of columns ${columnLetter(TEAM_BLOCK.column)} onward and try again.`,
      { sheet, address: `${columnLetter(TEAM_BLOCK.column)}1` },
    );
  return extent;
}

/**
 * Queues the team block and the Weight column for the reviewers in `table` (as the write leaves it).
 * Returns the reviewers it read.
 */
export function queueTeamWeights(
  sheet: Excel.Worksheet,
  data: ScorecardData,
  place: { sheet: string; table: string },
  table: TableRows,
  setting: TeamWeightsSetting,
  previous: { width: number; rows: number },
  time: string,
): ReviewerWeights[] {
  const criteria = data.config.criteria;
  const { reviewers } = parseReviewerWeights(place, table, criteria);
  if (reviewers.length > TEAM_BLOCK.maxReviewers)
    throw new WorkbookError(
      "InvalidInput",
      `Sheet "${place.sheet}" holds weights of ${reviewers.length} reviewers; the team weights take at most ${TEAM_BLOCK.maxReviewers}. Delete the rows of reviewers who no longer take part.`,
      { sheet: place.sheet },
    );
  const view = teamWeightsView(criteria, reviewers, setting, place.sheet);
  const cells = teamBlockCells({
    place,
    criteria,
    reviewers,
    setting,
    view,
    normalizedCells: data.normalizedCells,
    time,
  });
  queueTeamBlock(
    sheet,
    previous,
    cells,
    criteria.map((c) => data.weightCells[c.id]),
  );
  return reviewers;
}

/** The weights the scorecard uses now, as plain values; the block cleared. */
export function queueSharedWeights(
  sheet: Excel.Worksheet,
  data: ScorecardData,
  previous: { width: number; rows: number },
) {
  queueTeamBlock(sheet, previous, null, []);
  for (const c of data.config.criteria) sheet.getRange(data.weightCells[c.id]).values = [[c.weight]];
}

/**
 * For a write that rewrites the team weights as they should be (Repair formulas): queues, before
 * the caller's first sync, the loads of the reviewers' table and the block; null when they are off.
 */
export function lookAtTeamWeights(context: Excel.RequestContext, meta: ScorecardMeta, criteria: number) {
  const setting = meta.teamWeights;
  const place = meta.reviewerWeights;
  if (setting === null || place === null) return null;
  const read = queueTableRead(context.workbook.tables.getItem(place.table), 0);
  const sheet = context.workbook.worksheets.getItem(meta.sheets.weights);
  const extent = lookAtBlock(sheet, criteria);
  return {
    async queue(context: Excel.RequestContext, data: ScorecardData, time: string) {
      const previous = checkedExtent(extent(), meta.sheets.weights);
      try {
        queueTeamWeights(sheet, data, place, await read.rows(context), setting, previous, time);
      } catch (error) {
        // No team weights can be computed (every reviewer's rows deleted, judgments spoilt): the
        // Weight column keeps what it shows, and the read says why; the rest is still repaired.
        if (!(error instanceof WorkbookError) || error.code !== "InvalidInput") throw error;
      }
    },
  };
}
