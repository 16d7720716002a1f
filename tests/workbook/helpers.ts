/** Shared set-up for the workbook-layer tests: a scorecard config and a fresh excel-sim workbook. */
import { DEFAULT_CRITERIA, scoreAgreements } from "../../src/scoring";
import type { MissingPolicy } from "../../src/scoring";
import { createWorkbook } from "../../src/excel-sim";
import type { ScorecardConfig } from "../../src/workbook/contract/layout";
import type { AgreementRecord, ScorecardData } from "../../src/workbook/model";
import type { ExcelRun } from "../../src/workbook/run";
import {
  upsertAgreements,
  type AgreementUpdate,
  type UpsertOptions,
} from "../../src/workbook/agreements/upsert";
import { ImportError } from "../../src/workbook/lists/csv";
import { chunkRows, jsonBytes } from "../../src/workbook/write/payload";

export function defaultConfig(
  missingPolicy: MissingPolicy = "exclude",
  weights = [1, 1, 1, 1],
): ScorecardConfig {
  return {
    criteria: DEFAULT_CRITERIA.map((c, k) => ({
      id: c.id,
      name: c.name,
      definition: c.definition,
      weight: weights[k],
    })),
    scale: { min: 1, max: 5 },
    missingPolicy,
  };
}

/** Weight 1 for each of the scorecard's criteria (raw weights, so all equal once normalized). */
export const equalWeights = (data: ScorecardData) =>
  Object.fromEntries(data.config.criteria.map((c) => [c.id, 1]));

/**
 * Writes one update to every agreement of `data` through upsertAgreements: `update` gives the
 * fields written for the agreement at position `i` (its id is added).
 */
export function upsertEach(
  run: ExcelRun,
  data: ScorecardData,
  update: (agreement: AgreementRecord, i: number) => Omit<AgreementUpdate, "id">,
  options: UpsertOptions,
) {
  return upsertAgreements(
    run,
    data,
    data.agreements.map((a, i) => ({ id: a.id, ...update(a, i) })),
    options,
  );
}

export function newWorkbook(sheets: string[] = ["Sheet1"]) {
  const sim = createWorkbook({ sheets });
  const run: ExcelRun = (batch) => sim.run(batch);
  return { sim, run };
}

/** Every sheet's formulas and values, names, tables and charts: equal snapshots mean nothing changed. */
export function snapshot(sim: ReturnType<typeof createWorkbook>): string {
  const sheets = sim.inspect.sheets().map((s) => {
    const used = sim.inspect.usedRange(s.name);
    return {
      ...s,
      formulas: used ? sim.inspect.formulas(s.name, used) : [],
      values: used ? sim.inspect.values(s.name, used) : [],
      charts: sim.inspect.charts(s.name),
    };
  });
  return JSON.stringify({ sheets, names: sim.inspect.names(), tables: sim.inspect.tables() });
}

/** The workbook's computed results must equal the model run on what the workbook holds. */
export function expectFormulasMatchModel(data: ScorecardData) {
  const model = scoreAgreements({
    criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: data.config.scale,
    agreements: data.agreements,
    missing: data.config.missingPolicy,
  });
  data.computed.forEach((row, i) => {
    if (model[i].score === null) expect(row.score).toBeNull();
    else expect(row.score).toBeCloseTo(model[i].score!, 9);
    expect(row.rank).toBe(model[i].rank);
  });
}

/** Attaching the user's "Treaties" table (Treaty, Year, Comment; criteria Ops, Strategy, Cap, Threats). */
export const TREATIES_ATTACH = {
  table: "Treaties",
  columns: { name: "Treaty", signed: "Year", notes: "Comment" },
  criteria: [
    { header: "Ops", weight: 2 },
    { header: "Strategy", weight: 1 },
    { header: "Cap", weight: 1 },
    { header: "Threats", weight: 3 },
  ],
  scale: { min: 1, max: 5 },
  missingPolicy: "renormalize" as const,
};

/** The ImportError `fn` throws (a list that cannot be imported); fails when it throws nothing else. */
export function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error("expected an ImportError");
}

/**
 * Appends `count` rows straight below the Audit table (unprotecting its sheet meanwhile), in
 * requests sized by bytes — a long trail without the thousands of writes that would have made it.
 * Row i changes a score of agreement AG-(i mod 7) from `text(i)` to `text(i + 1)`.
 */
export async function appendAuditRows(
  sim: ReturnType<typeof createWorkbook>,
  table: { sheet: string; table: string },
  count: number,
  text: (i: number) => string,
): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => [
    `2024-01-01T00:00:${i}Z`,
    "Ана",
    "score",
    `AG-${i % 7}`,
    "Threat response",
    text(i),
    text(i + 1),
  ]);
  const first = sim.inspect.tables().find((t) => t.name === table.table)!.rowCount + 2;
  for (const [from, to] of chunkRows(rows.length, (i) => jsonBytes(rows[i]))) {
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(table.sheet);
      sheet.protection.unprotect();
      sheet.getRange(`A${first + from}:G${first + to - 1}`).values = rows.slice(from, to);
      sheet.protection.protect();
    });
  }
}

/** `n` agreements scored 1 to 5 on every criterion but one cell in four, left blank. */
export function partlyScored(config: Pick<ScorecardConfig, "criteria">, n: number): AgreementRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `AG-${i + 1}`,
    name: `Agreement ${i + 1}`,
    type: "Bilateral",
    parties: "A, B",
    signed: 2000 + i,
    scores: Object.fromEntries(
      config.criteria.map((c, k) => [c.id, (i + k) % 4 === 0 ? null : 1 + ((i * k) % 5)]),
    ),
    notes: "",
  }));
}
