/**
 * Payload budgets of a large team (docs/architecture.md §5, issue 12 item 6): 500 agreements × 20 reviewers
 * × 4 criteria, 40,000 reviews with rationales, stay within Excel on the web's 5 MB per request and
 * per response in every operation, measured with excel-sim's payload accounting. The Reviews table
 * is read in windows; the index of the reviews is written in chunks.
 */
import { createScorecard } from "../../src/workbook/scorecard/create";
import type { AgreementRecord, ScorecardData } from "../../src/workbook/model";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { rangeAddress } from "../../src/workbook/contract/addresses";
import { setConsensusMethod, switchToSingle, switchToTeam } from "../../src/workbook/team/mode";
import { defaultConfig, newWorkbook } from "./helpers";
import { bulkAgreements, measured, PAYLOAD_LIMIT } from "./budget";

jest.setTimeout(600_000);

const AGREEMENTS = 500;
const REVIEWERS = 20;
const CRITERIA = [
  "operational_efficiency",
  "strategic_alignment",
  "capability_enhancement",
  "threat_response",
];
const score = (i: number, k: number, r: number) => 1 + ((i * (r + 1) + k) % 9) / 2;
/** About 120 characters: 40,000 of them make the Reviews table alone more than 5 MB to read. */
const rationale = (i: number, r: number) =>
  `Reviewer ${r + 1} on agreement ${i + 1}: cooperation documented in the annual reports, joint exercises held.`;

function agreements(): AgreementRecord[] {
  return bulkAgreements(AGREEMENTS, (i) => ({
    notes: "",
    scores: Object.fromEntries(CRITERIA.map((c, k) => [c, score(i, k, 0)])),
  }));
}

/**
 * A team of 20 whose reviewers 2–20 scored everything: their rows are written below the Reviews
 * table the way writeReviews appends them, and Repair formulas indexes them (that is measured).
 */
async function largeTeam() {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, { config: defaultConfig(), agreements: agreements() });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "R1" });
  const time = "'2025-01-10T09:00:00.000Z";
  const rows = Array.from({ length: REVIEWERS - 1 }, (_, r) =>
    Array.from({ length: AGREEMENTS }, (_, i) =>
      CRITERIA.map((c, k) => [
        `'R${r + 2}`,
        `'AG-${i + 1}`,
        `'${c}`,
        score(i, k, r + 1),
        `'${rationale(i, r + 1)}`,
        time,
      ]),
    ).flat(),
  ).flat();
  const first = AGREEMENTS * CRITERIA.length + 1;
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Reviews");
    for (let from = 0; from < rows.length; from += 10_000) {
      const chunk = rows.slice(from, from + 10_000);
      sheet.getRange(rangeAddress(first + from, 0, chunk.length, 6)).values = chunk;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
  });
  return { sim, run, location };
}

describe("a team of 20 on 500 agreements (40,000 reviews)", () => {
  let team: Awaited<ReturnType<typeof largeTeam>>;
  let data: ScorecardData;

  beforeAll(async () => {
    team = await largeTeam();
  });

  it("Repair formulas indexes 40,000 reviews in chunks, and the read after it reads the Reviews table in windows", async () => {
    const { sim, run, location } = team;
    // The first read learns the size; the table alone is more than one 5 MB reply.
    const first = await readScorecard(run, location);
    expect(first.reviews).toHaveLength(AGREEMENTS * REVIEWERS * CRITERIA.length);
    const repair = await measured(sim, () => repairFormulas(run, first, { author: "R1" }));
    expect(repair.stats.syncs).toBeGreaterThan(3);
    const read = await measured(sim, () => readScorecard(run, first.location));
    data = read.result;
    expect(read.responses).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(data.issues).toEqual([]);
    expect(data.agreements[0].scores.operational_efficiency).toBeCloseTo(
      Array.from({ length: REVIEWERS }, (_, r) => score(0, 0, r)).reduce((a, b) => a + b) / REVIEWERS,
      9,
    );
  });

  it("one review, and a newcomer's 2,000 reviews, each write under 5 MB", async () => {
    const { sim, run } = team;
    const one = await measured(sim, () =>
      writeReviews(run, data, "R7", [
        { agreementId: "AG-9", criterionId: CRITERIA[2], score: 5, rationale: rationale(8, 6) },
      ]),
    );
    expect(one.result.changed).toBe(1);
    const edits = agreements().flatMap((a, i) =>
      CRITERIA.map((c, k) => ({
        agreementId: a.id,
        criterionId: c,
        score: score(i, k, 30),
        rationale: "new",
      })),
    );
    const many = await measured(sim, async () =>
      writeReviews(run, await readScorecard(run, data.location), "Newcomer", edits),
    );
    expect(many.result.changed).toBe(2 * edits.length);
    data = await readScorecard(run, data.location);
    expect(data.issues).toEqual([]);
    expect(data.reviews).toHaveLength(AGREEMENTS * (REVIEWERS + 1) * CRITERIA.length);
  });

  it("a change of consensus method, and a switch to one analyst and back, each under 5 MB", async () => {
    const { sim, run } = team;
    await measured(sim, () => setConsensusMethod(run, data, "median", { reviewer: "R1" }));
    data = await readScorecard(run, data.location);
    expect(data.issues).toEqual([]);
    await measured(sim, () => switchToSingle(run, data, { reviewer: "R1" }));
    const single = await readScorecard(run, data.location);
    await measured(sim, () => switchToTeam(run, single, { reviewer: "R1", method: "median" }));
    const again = await readScorecard(run, data.location);
    expect(again.issues).toEqual([]);
    expect(again.agreements.map((a) => a.scores)).toEqual(data.agreements.map((a) => a.scores));
  });
});
