import { createScorecard } from "../../src/workbook/scorecard/create";
import { setDiscussThreshold } from "../../src/workbook/team/discussThreshold";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { switchToTeam } from "../../src/workbook/team/mode";
import { DISCUSS_FILL } from "../../src/workbook/team/teamFormulas";
import { writeWeights } from "../../src/workbook/weights/writeWeights";
import type { AgreementRecord } from "../../src/workbook/model";
import { defaultConfig, expectFormulasMatchModel, newWorkbook } from "./helpers";
import { discussFlag } from "./team-support";

const SA = "strategic_alignment";

function agreement(id: string, score: number): AgreementRecord {
  return {
    id,
    name: `Agreement ${id}`,
    type: "",
    parties: "",
    signed: "",
    notes: "",
    scores: { [SA]: score },
  };
}

/** A team of two whose scores on A differ by one point: SD 0.71, under the default threshold (1 on 1–5). */
async function twoReviewers() {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, {
    config: defaultConfig(),
    agreements: [agreement("A", 2)],
  });
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
  await writeReviews(run, await readScorecard(run, location), "Bea", [
    { agreementId: "A", criterionId: SA, score: 3, rationale: "" },
  ]);
  return { sim, run, location, data: await readScorecard(run, location) };
}

const flagOf = (data: Awaited<ReturnType<typeof readScorecard>>) =>
  data.consensus.find((c) => c.agreementId === "A" && c.criterionId === SA)!.discuss;

describe("setDiscussThreshold", () => {
  it("a lower threshold flags the cell in the index, the grid and the read, with an Audit row", async () => {
    const { sim, run, location, data } = await twoReviewers();
    expect(data.location.meta.sdThreshold).toBe(1);
    expect(flagOf(data)).toBe(false);
    expect(discussFlag(sim, data.location.meta, "A", SA)).toBe(false);

    await setDiscussThreshold(run, data, 0.5, { reviewer: "Bea", now: new Date("2026-02-01T10:00:00Z") });
    const after = await readScorecard(run, location);
    expect(after.location.meta.sdThreshold).toBe(0.5);
    expect(after.location.meta.versionStamp).toBe(data.location.meta.versionStamp + 1);
    expect(discussFlag(sim, after.location.meta, "A", SA)).toBe(true);
    expect(flagOf(after)).toBe(true);
    expect(sim.inspect.cell("Scorecard", "G2").conditionalFormat?.fillColor).toBe(DISCUSS_FILL);
    expect(after.issues).toEqual([]);
    expectFormulasMatchModel(after);
    expect(after.audit.at(-1)).toMatchObject({
      who: "Bea",
      what: "discuss threshold",
      before: "1",
      after: "0.5",
      time: "2026-02-01T10:00:00.000Z",
    });

    // And back up: the flag goes.
    await setDiscussThreshold(run, after, 1.5, { reviewer: "Bea" });
    const back = await readScorecard(run, location);
    expect(flagOf(back)).toBe(false);
    expect(sim.inspect.cell("Scorecard", "G2").conditionalFormat).toBeNull();
  });

  it("refuses, writing nothing, when a co-author changed the scorecard since the read", async () => {
    const { run, location, data } = await twoReviewers();
    await writeWeights(run, data, { threat_response: 3 }, { author: "Cy" });
    await expect(setDiscussThreshold(run, data, 0.5, { reviewer: "Bea" })).rejects.toMatchObject({
      code: "ChangedByAnotherAuthor",
    });
    const after = await readScorecard(run, location);
    expect(after.location.meta.sdThreshold).toBe(1);
    expect(after.audit.map((e) => e.what)).not.toContain("discuss threshold");
  });

  it("refuses a threshold off 0 to the scale's width, saying what to enter", async () => {
    const { run, location, data } = await twoReviewers();
    for (const bad of [-0.5, 4.5, Number.NaN]) {
      await expect(setDiscussThreshold(run, data, bad, { reviewer: "Bea" })).rejects.toMatchObject({
        code: "InvalidInput",
        message: expect.stringMatching(/Discuss threshold: enter a number of points from 0 to 4/),
      });
    }
    expect((await readScorecard(run, location)).location.meta.versionStamp).toBe(
      data.location.meta.versionStamp,
    );
  });

  it("on one analyst's scorecard keeps the threshold for when a team scores", async () => {
    const { sim, run } = newWorkbook();
    const { location } = await createScorecard(run, {
      config: defaultConfig(),
      agreements: [agreement("A", 2)],
    });
    await setDiscussThreshold(run, await readScorecard(run, location), 0.5, { reviewer: "Ana" });
    await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
    await writeReviews(run, await readScorecard(run, location), "Bea", [
      { agreementId: "A", criterionId: SA, score: 3, rationale: "" },
    ]);
    const data = await readScorecard(run, location);
    expect(flagOf(data)).toBe(true);
    expect(discussFlag(sim, data.location.meta, "A", SA)).toBe(true);
  });
});
