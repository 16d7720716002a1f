/** What the excel-sim tests share. */
import { createWorkbook, type SimError, type SimWorkbook } from "../../src/excel-sim";

/** The error code a promise rejects with ("no error" when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as SimError).code;
  }
  return "no error";
}

/** The error a promise rejects with, or null when it resolves. */
export async function errorOf(p: Promise<unknown>): Promise<SimError | null> {
  try {
    await p;
  } catch (e) {
    return e as SimError;
  }
  return null;
}

/**
 * A new workbook after `batch` ran in one Excel.run with Sheet1 at hand: the opening most excel-sim
 * tests share. What `batch` queues and syncs is exactly what it would in the run written out.
 */
export async function simAfter(
  batch: (sheet: Excel.Worksheet, context: Excel.RequestContext) => Promise<void> | void,
): Promise<SimWorkbook> {
  const sim = createWorkbook();
  await sim.run(async (context) => {
    await batch(context.workbook.worksheets.getItem("Sheet1"), context);
  });
  return sim;
}
