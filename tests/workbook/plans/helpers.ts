/** Set-up for the write-plan tests: a real scorecard in excel-sim, read as the pane reads it. */
import { createScorecard } from "../../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../../src/workbook/scorecard/examples";
import { readScorecard } from "../../../src/workbook/scorecard/read";
import type { ExcelRun } from "../../../src/workbook/run";
import { defaultConfig, newWorkbook } from "../helpers";
import type { ScorecardData } from "../../../src/workbook/model";

/** The example scorecard, and `read()` to read it again as it is now (after a co-author wrote). */
export async function exampleScorecard(): Promise<{
  run: ExcelRun;
  data: ScorecardData;
  read: () => Promise<ScorecardData>;
}> {
  const { run } = newWorkbook();
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: exampleAgreements(),
  });
  const read = () => readScorecard(run, location);
  return { run, data: await read(), read };
}

/** Types `value` into one cell of a sheet, as a person would in the grid. */
export async function typeInto(run: ExcelRun, sheet: string, address: string, value: string | number) {
  await run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
    await context.sync();
  });
}
