/**
 * The start of most workbook tests: a fresh excel-sim workbook holding a scorecard made by the
 * product's own createScorecard and read back, and a way to change it by hand as a user would.
 */
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { readScorecard } from "../../src/workbook/scorecard/read";
import type { ScorecardConfig } from "../../src/workbook/contract/layout";
import type { AgreementRecord, ScorecardLocation } from "../../src/workbook/model";
import type { SimWorkbook } from "../../src/excel-sim";
import { WorkbookError } from "../../src/workbook/errors";
import type { ExcelRun } from "../../src/workbook/run";
import { defaultConfig, newWorkbook, snapshot } from "./helpers";

export interface NewScorecardOptions {
  /** defaultConfig() unless given. */
  config?: ScorecardConfig;
  /** The example agreements unless given. */
  agreements?: AgreementRecord[];
  /** The workbook's sheets before the scorecard is made (newWorkbook's default unless given). */
  sheets?: string[];
}

/** The headers of the Scorecard table createScorecard makes with defaultConfig(), in order. */
export const DEFAULT_SCORECARD_COLUMNS: readonly string[] = [
  "ID",
  "Agreement",
  "Type",
  "Parties",
  "Signed",
  "Operational efficiency",
  "Strategic alignment",
  "Capability enhancement",
  "Threat response",
  "Coverage",
  "Weighted score",
  "Rank",
  "Notes",
];

/** A hand edit: `batch` runs on its own request context, as a user's change made in Excel would. */
export function handEdit(run: ExcelRun) {
  return (batch: (context: Excel.RequestContext) => void) =>
    run(async (context) => {
      batch(context);
      await context.sync();
    });
}

/** A new workbook with a scorecard created in it, where it was put, what it reads back as, and `edit`. */
export async function newScorecard(options: NewScorecardOptions = {}) {
  const { config = defaultConfig(), agreements = exampleAgreements(), sheets } = options;
  const { sim, run } = newWorkbook(sheets);
  const { location } = await createScorecard(run, { config, agreements });
  const data = await readScorecard(run, location);
  return { sim, run, location, data, edit: handEdit(run) };
}

/**
 * The WorkbookError reading the scorecard stops with, after checking that the failed read left the
 * workbook as it was; fails the test when the read succeeds or throws something else.
 */
export async function refusedRead(sim: SimWorkbook, run: ExcelRun, location: ScorecardLocation) {
  const before = snapshot(sim);
  const error: unknown = await readScorecard(run, location).then(
    () => new Error("expected the read to fail, but it succeeded"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookError);
  expect(snapshot(sim)).toBe(before);
  return error as WorkbookError;
}

/**
 * The error reading a new scorecard stops with after `breakIt`, a hand edit (given the workbook as
 * it was made); refusedRead checks that the read changed nothing.
 */
export async function readAfterHandEdit(
  breakIt: (context: Excel.RequestContext, sim: SimWorkbook) => void,
): Promise<WorkbookError> {
  const { sim, run, location, edit } = await newScorecard();
  await edit((context) => breakIt(context, sim));
  return refusedRead(sim, run, location);
}
