/**
 * Workbook operations on excel-sim (docs/architecture.md §5): syncs and request sizes to create, read and
 * re-weight scorecards of 1k, 10k and 50k agreements, beside the straightforward way — one
 * table.rows.add and one sync per agreement — measured in the same run (at 1k, extrapolated).
 */
import type { BenchFigure, BenchSection } from "./harness";
import { createWorkbook } from "../src/excel-sim";
import { DEFAULT_CRITERIA } from "../src/scoring";
import {
  type AgreementRecord,
  createScorecard,
  type ExcelRun,
  readScorecard,
  type ScorecardConfig,
  writeWeights,
} from "../src/workbook";

const config: ScorecardConfig = {
  criteria: DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name, definition: c.definition, weight: 1 })),
  scale: { min: 1, max: 5 },
  missingPolicy: "exclude",
};

function agreements(n: number): AgreementRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `AG-${i + 1}`,
    name: `Agreement ${i + 1}`,
    type: "Bilateral",
    parties: "A, B",
    signed: 1950 + (i % 70),
    scores: Object.fromEntries(DEFAULT_CRITERIA.map((c, k) => [c.id, 1 + ((i * (k + 3)) % 41) / 10])),
    notes: "",
  }));
}

const mb = (bytes: number) => bytes / 2 ** 20;
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The obvious way: a table with a header, then rows.add and a sync for every agreement. */
async function naiveCreate(rows: AgreementRecord[]) {
  const sim = createWorkbook({ sheets: ["Scorecard"] });
  const start = now();
  await sim.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Scorecard");
    const table = sheet.tables.add("A1:F1", true);
    table.getHeaderRowRange().values = [["ID", "Agreement", ...DEFAULT_CRITERIA.map((c) => c.name)]];
    await context.sync();
    for (const a of rows) {
      table.rows.add(undefined, [[a.id, a.name, ...DEFAULT_CRITERIA.map((c) => a.scores[c.id] ?? "")]]);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
  });
  return { syncs: sim.stats.syncs, ms: now() - start };
}

async function figures(): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  const naive = await naiveCreate(agreements(1000));
  for (const n of [1000, 10_000, 50_000]) {
    const sim = createWorkbook({ sheets: ["Sheet1"] });
    const run: ExcelRun = (batch) => sim.run(batch);
    const rows = agreements(n);
    let start = now();
    const { location } = await createScorecard(run, { config, agreements: rows });
    const createMs = now() - start;
    const createSyncs = sim.stats.syncs;
    const maxRequest = sim.stats.maxPayloadBytes;
    const total = sim.stats.totalPayloadBytes;
    // The pane's first read finds the size; later reads (after events) know it from the location.
    const data = await readScorecard(run, location);
    sim.resetStats();
    start = now();
    await writeWeights(run, data, { threat_response: 3 }, { author: "Tester" });
    const weightSyncs = sim.stats.syncs;
    sim.resetStats();
    await readScorecard(run, data.location);
    const weightMs = now() - start;
    const readSyncs = sim.stats.syncs;
    sim.resetStats();
    start = now();
    await readScorecard(run, data.location);
    const readMs = now() - start;
    const scale = n / 1000;
    out.push(
      {
        name: `create ${n.toLocaleString("en")} agreements: syncs`,
        unit: "syncs",
        value: createSyncs,
        baseline: {
          name: "rows.add + sync per agreement",
          value: naive.syncs * scale,
          note: n === 1000 ? undefined : "measured at 1,000 and scaled",
        },
        target: n <= 5000 ? 4 : undefined,
      },
      {
        name: `create ${n.toLocaleString("en")}: largest request`,
        unit: "MB",
        value: mb(maxRequest),
        target: 5,
        note: `${mb(total).toFixed(1)} MB in all`,
      },
      {
        name: `create ${n.toLocaleString("en")}: time on excel-sim`,
        unit: "ms",
        value: createMs,
        baseline: {
          name: "rows.add + sync per agreement",
          value: naive.ms * scale,
          note: "measured at 1,000 and scaled",
        },
      },
      {
        name: `read ${n.toLocaleString("en")} (incl. recalculation)`,
        unit: "ms",
        value: readMs,
        note: `${readSyncs} sync(s)`,
      },
      {
        name: `weight change + read back ${n.toLocaleString("en")}`,
        unit: "ms",
        value: weightMs,
        note: `weight write: ${weightSyncs} sync`,
      },
    );
  }
  return out;
}

const section: BenchSection = { title: "workbook", run: figures };
export default section;
