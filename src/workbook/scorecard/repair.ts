/**
 * "Repair formulas": writes back every formula the add-in owns on the Scorecard and Results sheets
 * (Coverage, Weighted score and Rank of each row; the cells of a criterion scored through its
 * indicators; in a team scorecard the consensus cells, the
 * discuss flags and the index of the reviews they read; the ranking and its sort keys), the validation and number formats of every row,
 * the Results charts and their data blocks, the missing-score policy cell of the Weights sheet, the team weights' block and Weight column
 * when the team weights are on (weights/teamBlock.ts), the header band over indicator columns
 * (headerBand.ts), and the defined names the formulas use. It never writes a cell a person types:
 * IDs, names, scores (in a scorecard scored by one analyst), notes and weights stay as they are.
 * One Audit row records it. Large scorecards are written in chunks under the payload budget.
 */
import { queueNamesBack } from "../contract/definedNames";
import { WEIGHTS_LAYOUT, scorecardRowFormulas } from "../contract/layout";
import { chunkRows, jsonBytes, queueInChunks } from "../write/payload";
import { syncOrExplain } from "../errors";
import type { ScorecardMeta } from "../contract/meta";
import { queueRanking, queueRankingMargin } from "./resultsRanking";
import type { ExcelRun } from "../run";
import { writeBatch } from "../write/session";
import { ownedRowBytes, queueScoreColumnsFormat } from "./sheetSetup";
import { refreshTeamIndex } from "../team/mode";
import { bodyRows, queueTeamRows } from "../team/teamFormulas";
import type { ScorecardData } from "../model";
import { lookAtTeamWeights } from "../weights/teamAggregation";
import { criterionFormulas, queueCriterionFormulas } from "./indicatorCells";
import { bandGroups, bandIsOwn, bandLabels, lookAtBand, queueBand } from "./headerBand";
import { loadCharts, queueChartsReplaced } from "./charts";

export async function repairFormulas(
  run: ExcelRun,
  data: ScorecardData,
  options: { author: string; now?: Date },
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  const cols = data.columns;
  const team = meta.mode === "team";
  const writes = [
    meta.sheets.scorecard,
    meta.sheets.results,
    meta.sheets.weights,
    ...(team && meta.reviews ? [meta.reviews.sheet] : []),
  ];
  const rowFormulas = (row: number) => scorecardRowFormulas(meta, cols, row);
  // Every row's formulas are about the same size; team rows also carry a consensus per criterion,
  // and a criterion scored through indicators its formula over them.
  const longest = bodyRows(data).last + 1000;
  const rowBytes =
    ownedRowBytes(meta, cols, longest) +
    (team ? jsonBytes(rowFormulas(longest)) * (cols.criteria.length + (cols.indicators?.length ?? 0)) : 0) +
    jsonBytes([...criterionFormulas(meta, cols, longest).values()]) +
    400;
  return writeBatch(
    run,
    meta,
    { author: options.author, requireUnchanged: true, now: options.now, writes },
    async (context, session) => {
      const table = context.workbook.tables.getItem(meta.scorecardTable);
      const header = table.getHeaderRowRange().load("rowIndex");
      const body = table.getDataBodyRange().load("rowCount");
      const teamWeights = team ? lookAtTeamWeights(context, meta, data.config.criteria.length) : null;
      const sheet = context.workbook.worksheets.getItem(meta.sheets.scorecard);
      const band = meta.headerBand ? lookAtBand(sheet, data.headerRow) : null;
      const charts = loadCharts(context, meta);
      await syncOrExplain(context, meta.sheets.scorecard);
      await session.ready();
      if (team) await refreshTeamIndex(context, data, meta, session);
      if (teamWeights) await teamWeights.queue(context, data, session.time);
      // Every row of the table's body down to the last agreement, blank rows inside it included.
      const headerRow = header.rowIndex + 1;
      const first = headerRow + 1;
      // Empty rows too (an empty scorecard's placeholder row, rows inserted by hand): a value typed
      // over their formulas would be ranked.
      const last = Math.max(first + body.rowCount - 1, data.rows.length > 0 ? bodyRows(data).last : first);
      const workbook = context.workbook;
      queueNamesBack(context, meta, data.names, data.normalizedCells, data.indicatorRows);
      const results = workbook.worksheets.getItem(meta.sheets.results);
      const chunks = chunkRows(last - first + 1, () => rowBytes);
      await queueInChunks(context, chunks, (from, to) => {
        const a = first + from;
        const b = first + to - 1;
        if (team) queueTeamRows(context, data, meta, a, b);
        else
          sheet.getRange(`${cols.coverage}${a}:${cols.rank}${b}`).formulas = Array.from(
            { length: b - a + 1 },
            (_, i) => rowFormulas(a + i),
          );
        queueCriterionFormulas(sheet, meta, cols, a, b);
        queueScoreColumnsFormat(sheet, cols, a, b);
        // Place p of the ranking and the key of table position p share Results row p+1.
        queueRanking(results, meta, a - headerRow, b - headerRow);
      });
      queueRankingMargin(results, meta, last - headerRow);
      // The charts and their data blocks built again (a value typed over a block's formula would
      // show in the chart), in a request of their own after the rows'.
      await syncOrExplain(context, meta.sheets.scorecard);
      queueChartsReplaced(context, charts, data.config, cols, meta, data.agreements.length);
      // The header band written again where it is the add-in's (a person's text there is kept).
      if (band && bandIsOwn(band, headerRow, bandLabels(meta.criteria)))
        queueBand(sheet, headerRow - 1, band, bandGroups(meta.criteria, cols));
      workbook.worksheets.getItem(meta.sheets.weights).getRange(WEIGHTS_LAYOUT.policyCell).values = [
        [meta.missingPolicy],
      ];
      session.record([
        {
          what: "formulas repaired",
          agreementId: "",
          subject: "",
          before: `${data.issues.length} ${data.issues.length === 1 ? "issue" : "issues"}`,
          after: `rows ${first}–${last}`,
        },
      ]);
      const written = session.commit();
      await syncOrExplain(context, meta.sheets.scorecard);
      return written;
    },
  );
}
