/** Reading the index of the reviews (sheet AS_Consensus) in the team tests: an agreement's discuss flag. */
import type { createWorkbook } from "../../src/excel-sim";
import { SHEET } from "../../src/workbook/contract";
import type { ScorecardMeta } from "../../src/workbook/meta";
import { discussColumn, excelTrim, INDEX_LAYOUT } from "../../src/workbook/reviewFormulas";
import { indexCriteria } from "../../src/workbook/teamFormulas";

type Sim = ReturnType<typeof createWorkbook>;

/** The discuss flag the index computes for an agreement × criterion, as the Scorecard's conditional format reads it. */
export function discussFlag(sim: Sim, meta: ScorecardMeta, agreementId: string, criterionId: string) {
  const used = sim.inspect.usedRange(SHEET.consensus)!;
  const ids = sim.inspect.values(SHEET.consensus, used).map((r) => String(r[0]).toLowerCase());
  const at = ids.indexOf(excelTrim(agreementId).toLowerCase(), INDEX_LAYOUT.firstRow - 1);
  if (at < 0) throw new Error(`no index row for ${agreementId}`);
  const column = discussColumn(indexCriteria(meta).indexOf(criterionId));
  return sim.inspect.cell(SHEET.consensus, `${column}${at + 1}`).value;
}
