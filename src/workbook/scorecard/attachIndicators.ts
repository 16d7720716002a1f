/**
 * Attaching to a table whose columns already score indicators (issue 16): columns headed
 * "Criterion / Indicator", mapped under their criterion. attach.ts makes the flat scorecard first,
 * inserting the criterion's own column before its first indicator column where the table has none;
 * then each such criterion gets its indicators through setIndicators, which adopts the user's
 * columns as they are (header, place and cells) and puts the live formula over them into the
 * criterion's cells. Everything that could refuse is checked here before anything is written.
 */
import { ScoringError } from "../../scoring/errors";
import { indicatorOnScale, validateIndicators, type Indicator } from "../../scoring/indicators";
import type { Scale } from "../../scoring/types";
import { namedIndicator } from "../agreements/importIndicators";
import { INDICATOR_HEADER_SEPARATOR } from "../contract/contract";
import { indicatorHeader } from "../contract/indicatorLayout";
import { setIndicators, type IndicatorWriteOptions } from "../criteria/editIndicators";
import { WorkbookError } from "../errors";
import type { ScorecardLocation } from "../model";
import type { ExcelRun } from "../run";
import { locateScorecard } from "./locate";
import { readScorecard } from "./read";

/** A column of the user's table that scores an indicator of the criterion it is mapped under. */
export interface AttachIndicator {
  /** The column's header, "Criterion / Indicator" with the criterion's header before the separator. */
  header: string;
  definition?: string;
  /** Raw local weight. */
  weight: number;
}

type Where = { table: string; sheet: string };

/**
 * Each criterion's indicators as setIndicators takes them: the name is what follows the criterion's
 * header and the separator; a suggested indicator of that name brings its id, definition and
 * anchors (moved onto `scale`); ids are unique across the scorecard. Throws, naming the column,
 * where a header does not read "Criterion / Indicator" for its criterion, or the tree is unusable.
 */
export function attachedIndicators(
  criteria: readonly { id: string; name: string; indicators?: readonly AttachIndicator[] }[],
  scale: Scale,
  where: Where,
): Record<string, Indicator[]> {
  const taken = new Set(criteria.map((c) => c.id));
  const tree: Record<string, Indicator[]> = {};
  for (const c of criteria) {
    if (!c.indicators || c.indicators.length === 0) continue;
    tree[c.id] = c.indicators.map((column) => {
      const header = column.header.trim();
      const prefix = `${c.name}${INDICATOR_HEADER_SEPARATOR}`;
      const name = header.slice(prefix.length).trim();
      const exact = indicatorHeader(c.name, name).toLowerCase() === header.toLowerCase();
      if (!header.toLowerCase().startsWith(prefix.toLowerCase()) || name === "" || !exact)
        throw new WorkbookError(
          "InvalidInput",
          `Column "${header}" is mapped as an indicator of "${c.name}", so its header must read "${c.name}${INDICATOR_HEADER_SEPARATOR}<indicator>" (one space either side of the slash); rename the column, or map it as a criterion of its own.`,
          { ...where, column: header },
        );
      const found = namedIndicator(c.id, name, taken);
      const indicator = found.anchors ? indicatorOnScale(found, scale) : found;
      return {
        ...indicator,
        name,
        localWeight: column.weight,
        ...(column.definition !== undefined ? { definition: column.definition } : {}),
      };
    });
  }
  try {
    validateIndicators(criteria, tree);
  } catch (error) {
    if (error instanceof ScoringError) throw new WorkbookError("InvalidInput", error.message, where);
    throw error;
  }
  return tree;
}

/**
 * Refuses, unless `confirmed`, to attach where a criterion scored through indicators has a column of
 * its own holding anything: its cells then show the score the indicators give, replacing what is
 * there (the Audit sheet keeps each score that goes).
 */
export function refuseReplacedScores(
  columns: readonly { header: string; index: number }[],
  body: readonly (readonly unknown[])[],
  confirmed: boolean,
  where: Where,
): void {
  if (confirmed) return;
  for (const { header, index } of columns) {
    const filled = body.filter((row) => row[index] !== "" && row[index] !== null).length;
    if (filled > 0)
      throw new WorkbookError(
        "WouldOverwrite",
        `Column "${header}" holds ${filled} value(s), but it is mapped as a criterion scored through its indicators: its cells would then show the score they give, replacing what is there. Confirm to go on (the Audit sheet keeps each score), or map that column without indicators.`,
        { ...where, column: header },
      );
  }
}

/**
 * After the flat attach: gives each criterion its indicators, adopting the user's columns, and
 * returns the scorecard's location as it then is. A failure here leaves a flat scorecard, whose
 * error says how to finish from the Criteria tab (where the same columns are adopted).
 */
export async function addAttachedIndicators(
  run: ExcelRun,
  tree: Record<string, Indicator[]>,
  options: Pick<IndicatorWriteOptions, "author" | "now">,
): Promise<ScorecardLocation> {
  const locate = async () => (await locateScorecard(run))!;
  for (const [criterionId, indicators] of Object.entries(tree)) {
    const before = await readScorecard(run, await locate());
    try {
      await setIndicators(run, before, criterionId, indicators, { ...options, confirmDataLoss: true });
    } catch (error) {
      const criterion = before.config.criteria.find((c) => c.id === criterionId)!;
      const message = error instanceof Error ? error.message : String(error);
      throw new WorkbookError(
        error instanceof WorkbookError ? error.code : "ExcelError",
        `The scorecard was attached, but "${criterion.name}" did not get its indicators: ${message} Add them on the Criteria tab (Indicators), naming them as the columns after "${criterion.name}${INDICATOR_HEADER_SEPARATOR}": those columns are then used as they are.`,
        { sheet: before.location.meta.sheets.scorecard, column: criterion.name },
        error,
      );
    }
  }
  return locate();
}
