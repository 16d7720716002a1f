/**
 * Creating a large scorecard keeps every request within the chunk budget (docs/architecture.md §5): the
 * structure request carries no per-row payload (it used to carry a number format for every row,
 * which made 95,000 agreements exceed Excel on the web's 5 MB), and every row still gets its
 * formats, with its chunk.
 */
import { createScorecard } from "../../src/workbook/scorecard/create";
import { CHUNK_BUDGET_BYTES } from "../../src/workbook/write/payload";
import type { AgreementRecord } from "../../src/workbook/model";
import { defaultConfig, newWorkbook } from "./helpers";

/** What a request adds to its chunk of rows whatever the number of rows: the sheets' structure. */
const FIXED_BYTES = 100_000;

function agreements(n: number): AgreementRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `AG-${i + 1}`,
    name: `Agreement ${i + 1}`,
    type: "Bilateral",
    parties: "A, B",
    signed: 1950 + (i % 70),
    scores: {
      operational_efficiency: 1 + (i % 5),
      strategic_alignment: 1 + ((i * 3) % 5),
      capability_enhancement: 1 + ((i * 7) % 5),
      threat_response: i % 11 === 0 ? null : 1 + ((i * 2) % 5),
    },
    notes: "",
  }));
}

test("20,000 agreements: no request exceeds the chunk budget by more than the fixed structure; every row formatted", async () => {
  const { sim, run } = newWorkbook();
  sim.resetStats();
  const n = 20_000;
  await createScorecard(run, { config: defaultConfig(), agreements: agreements(n) });
  expect(sim.stats.failedSyncs).toBe(0);
  expect(sim.stats.maxPayloadBytes).toBeLessThanOrEqual(CHUNK_BUDGET_BYTES + FIXED_BYTES);
  for (const row of [2, 9_999, n + 1]) {
    expect(sim.inspect.cell("Scorecard", `J${row}`).numberFormat).toBe('0"/4"');
    expect(sim.inspect.cell("Scorecard", `K${row}`).numberFormat).toBe("0.00");
    expect(sim.inspect.cell("Results", `D${row}`).numberFormat).toBe("0.00");
  }
  expect(sim.inspect.cell("Scorecard", `J${n + 1}`).text).toBe(n % 11 === 0 ? "3/4" : "4/4");
  // Validation still reaches the sheet's last row, for rows typed below the table.
  expect(sim.inspect.validation("Scorecard", "F1048576")).toHaveLength(1);
}, 120_000);
