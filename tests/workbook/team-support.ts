/** What the team tests share: IDs a lookup could take for something else, and reading the index of the reviews. */
import type { createWorkbook } from "../../src/excel-sim";
import { SHEET } from "../../src/workbook/contract/contract";
import type { ScorecardMeta } from "../../src/workbook/contract/meta";
import { discussColumn, excelTrim, INDEX_LAYOUT } from "../../src/workbook/team/reviewFormulas";
import { indexCriteria } from "../../src/workbook/team/teamFormulas";

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

/**
 * Agreement IDs that a lookup could take for numbers, dates, percentages, logical values or errors,
 * or that differ only past a float's precision, and one with blanks around it: each must keep its
 * own reviews.
 */
export const TEXT_IDS = [
  "1e3",
  "1000",
  "0010",
  "10",
  "1234567890123456",
  "1234567890123457",
  "2024-01-15",
  "45306",
  "50%",
  "0.5",
  "TRUE",
  "FALSE",
  "#N/A",
  " padded ",
];
