/**
 * Why the read checks where the AS_W_ names point (contract/definedNames.ts misdirectedNames): a
 * real engine, asked to sort the Weights table, moves the rows and leaves each name on the cell it
 * named. A scorecard made by the product on excel-sim is exported with every cached result
 * poisoned; LibreOffice sorts the Weights table by Weight through its UNO API (as Data › Sort does)
 * and recalculates. Its Weighted scores then equal the model's with each criterion given the weight
 * of the row its name's cell holds after the sort, and differ from the true model's: the wrong
 * number the read reports and Repair formulas removes (tests/workbook/sorted-weights.test.ts).
 * LibreOffice and python3-uno are required, never skipped (.ci/run installs them).
 */
import { DEFAULT_CRITERIA, scoreAgreements } from "../../src/scoring";
import type { AgreementRecord } from "../../src/workbook/model";
import { replayEdits, WEIGHTS } from "./support/editMatrix";
import { tableIn } from "./support/uno";

jest.setTimeout(300_000);

const IDS = DEFAULT_CRITERIA.map((c) => c.id);
const SCORES = [
  [4, 3.5, 2, 5],
  [2.5, 4, 1, 3],
  [5, 4.5, 4.5, 1],
  [1, 2, 5, 4],
  [3, 3, 3, 3],
];
const agreements: AgreementRecord[] = SCORES.map((s, i) => ({
  id: `S${i + 1}`,
  name: `Agreement ${i + 1}`,
  type: "Bilateral",
  parties: "A, B",
  signed: 2000 + i,
  scores: Object.fromEntries(IDS.map((id, k) => [id, s[k]])),
  notes: "",
}));
const SORT = {
  name: "the Weights table sorted by Weight, ascending",
  ops: [{ op: "sort" as const, sheet: "Weights", table: "ScorecardWeights", header: "Weight" }],
};

const replay = replayEdits({
  requiredBy: "tests/external/libreoffice-sorted-weights.test.ts",
  edits: [SORT],
  policies: ["exclude"],
  weights: WEIGHTS,
  agreements,
  minPoisoned: agreements.length * 3,
  read: () => [{ sheet: "Scorecard" }, { sheet: "Weights", range: "A1:E5" }],
});

const modelWith = (weights: number[]) =>
  scoreAgreements({
    criteria: IDS.map((id, k) => ({ id, weight: weights[k] })),
    scale: { min: 1, max: 5 },
    agreements: agreements.map((a) => ({ id: a.id, scores: a.scores })),
  });

describe("LibreOffice sorting the Weights table", () => {
  test("moves the rows but not the names: the scores use each name's old cell", () => {
    const [scorecard, weights] = replay.result(SORT, "exclude").reads;
    // The sort happened: the rows are in ascending order of weight.
    const sortedIds = weights.values.slice(1).map((r) => String(r[0]));
    expect(sortedIds).toEqual([
      "threat_response",
      "capability_enhancement",
      "strategic_alignment",
      "operational_efficiency",
    ]);
    // Each criterion's name still points at its old row, which now holds another criterion's weight.
    const weightOnRow = (row: number) => WEIGHTS[IDS.indexOf(sortedIds[row])];
    const misassigned = IDS.map((_, k) => weightOnRow(k));
    const { col, rows } = tableIn(scorecard.values, ["ID", "Weighted score"], "ID");
    const shown = rows.map((r) => [String(r[col("ID")]), Number(r[col("Weighted score")])] as const);
    const wrong = modelWith(misassigned);
    const right = modelWith(WEIGHTS);
    for (const [k, [id, score]] of shown.entries()) {
      expect(id).toBe(wrong[k].id);
      expect(Math.abs(score - wrong[k].score!)).toBeLessThanOrEqual(1e-9);
    }
    expect(shown.some(([, score], k) => Math.abs(score - right[k].score!) > 1e-6)).toBe(true);
  });
});
