/**
 * Shared set-up for the two-level scorecard's tests (issue 16): a scorecard with the example
 * agreements whose first criterion is scored through the suggested indicators, and the model's
 * verdict (scoreHierarchical) on what a read gives.
 */
import { DEFAULT_INDICATORS, scoreHierarchical, type Indicator } from "../../src/scoring/indicators";
import type { MissingPolicy } from "../../src/scoring";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { readScorecard } from "../../src/workbook/scorecard/read";
import type { ScorecardData } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import { defaultConfig, newWorkbook } from "./helpers";

export const CRITERION = "operational_efficiency";

/**
 * The suggested indicators of a default criterion, as an analyst accepts them (a copy, editable).
 * Copied through JSON, plain data as they are: jsdom, where the pane's tests run, has no structuredClone.
 */
export const suggested = (criterionId = CRITERION): Indicator[] =>
  JSON.parse(JSON.stringify(DEFAULT_INDICATORS[criterionId])) as Indicator[];

export async function readNow(run: ExcelRun): Promise<ScorecardData> {
  return readScorecard(run, (await locateScorecard(run))!);
}

/**
 * A scorecard with the examples, weights 3/2/2/1, whose first criterion has the suggested
 * indicators (its direct scores replaced, with the analyst's consent), local weights `local`.
 */
export async function twoLevelScorecard(policy: MissingPolicy = "exclude", local = [2, 1, 1]) {
  const { sim, run } = newWorkbook();
  await createScorecard(run, {
    config: defaultConfig(policy, [3, 2, 2, 1]),
    agreements: exampleAgreements(),
  });
  await addSuggestedIndicators(run, local);
  return { sim, run, data: await readNow(run) };
}

/** Gives the scorecard's first criterion its suggested indicators, local weights `local`, with consent. */
export async function addSuggestedIndicators(run: ExcelRun, local = [2, 1, 1]) {
  const indicators = suggested().map((i, k) => ({ ...i, localWeight: local[k] }));
  await setIndicators(run, await readNow(run), CRITERION, indicators, {
    author: "Analyst",
    confirmDataLoss: true,
  });
}

/** Gives the last criterion (threat response) two indicators, weighted 2:1, with consent; returns it. */
export async function addThreatIndicators(run: ExcelRun) {
  const threat = (await readNow(run)).config.criteria[3];
  await setIndicators(
    run,
    await readNow(run),
    threat.id,
    [
      { id: "early_warning", name: "Early warning", localWeight: 2 },
      { id: "joint_response", name: "Joint response", localWeight: 1 },
    ],
    { author: "Analyst", confirmDataLoss: true },
  );
  return threat;
}

/** Scores every indicator of every agreement, on the scale, the scores varying from cell to cell. */
export async function scoreEveryIndicator(run: ExcelRun) {
  const data = await readNow(run);
  const { min, max } = data.config.scale;
  const cells: Record<string, number> = {};
  data.rows.forEach((row, i) =>
    (data.columns.indicators ?? []).forEach(({ column }, k) => {
      cells[`${column}${row}`] = min + ((i * 3 + k * 2) % (max - min + 1));
    }),
  );
  await typeCells(run, cells);
}

/** Types values into Scorecard cells as a person would (no validation: as if pasted). */
export async function typeCells(run: ExcelRun, cells: Record<string, string | number>, sheet = "Scorecard") {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const [address, value] of Object.entries(cells)) ws.getRange(address).values = [[value]];
    await context.sync();
  });
}

/** The model's results for the scores and weights a read gives, agreement by agreement. */
export function modelResults(data: ScorecardData) {
  return scoreHierarchical({
    criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    indicators: Object.fromEntries(
      data.config.criteria.filter((c) => c.indicators).map((c) => [c.id, c.indicators!]),
    ),
    scale: data.config.scale,
    missing: data.config.missingPolicy,
    agreements: data.agreements.map((a) => ({
      id: a.id,
      scores: {
        ...Object.fromEntries(
          data.config.criteria.filter((c) => !c.indicators).map((c) => [c.id, a.scores[c.id]]),
        ),
        ...a.indicatorScores,
      },
    })),
  });
}

/** Every Weighted score, Rank and criterion score the workbook shows equals the model's. */
export function expectWorkbookMatchesModel(data: ScorecardData, shownCriterion: (row: number) => unknown) {
  const model = modelResults(data);
  data.computed.forEach((row, i) => {
    if (model[i].score === null) expect(row.score).toBeNull();
    else expect(row.score).toBeCloseTo(model[i].score!, 9);
    expect(row.rank).toBe(model[i].rank);
    const want = model[i].criterionScores[CRITERION];
    const shown = shownCriterion(data.rows[i]);
    if (want === null) expect(shown).toBe("");
    else expect(shown).toBeCloseTo(want, 9);
  });
  expect(data.issues).toEqual([]);
}
