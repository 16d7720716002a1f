import { writtenReviews } from "../../../src/workbook/plans/reviewSave";
import { writeReviews } from "../../../src/workbook/team/writeReviews";
import { switchToTeam } from "../../../src/workbook/team/mode";
import { exampleScorecard } from "./helpers";

const OPS = "operational_efficiency";
const THREAT = "threat_response";

async function teamScorecard() {
  const { run, data, read } = await exampleScorecard();
  await switchToTeam(run, data, { reviewer: "Ana" });
  return { run, read, data: await read() };
}

describe("planning a reviewer's save", () => {
  it("lists the reviewer's own reviews: as before until the write, as intended after it", async () => {
    const { run, data, read } = await teamScorecard();
    const edits = [
      { agreementId: "CSTO", criterionId: OPS, score: 4, rationale: "Joint exercises resumed." },
      { agreementId: "CSTO", criterionId: THREAT, score: null, rationale: "" },
    ];
    expect(writtenReviews(data, "Ana", edits, data)).toEqual([
      { now: "3|", before: "3|", intended: "4|Joint exercises resumed." },
      { now: "2|", before: "2|", intended: "|" },
    ]);
    await writeReviews(run, data, "Ana", edits);
    const now = writtenReviews(data, "Ana", edits, await read());
    expect(now.map((v) => v.now)).toEqual(["4|Joint exercises resumed.", "|"]);
  });

  it("reads only this reviewer's rows, whatever the case of the name and of the agreement ID", async () => {
    const { run, data, read } = await teamScorecard();
    await writeReviews(run, data, "Bea", [
      { agreementId: "CSTO", criterionId: OPS, score: 1, rationale: "Bea" },
    ]);
    const fresh = await read();
    const edit = { agreementId: "csto", criterionId: OPS, score: 5, rationale: "" };
    expect(writtenReviews(fresh, "ANA", [edit], fresh)).toEqual([
      { now: "3|", before: "3|", intended: "5|" },
    ]);
    // A reviewer with no review yet starts blank.
    expect(writtenReviews(fresh, "Cy", [edit], fresh)).toEqual([{ now: "|", before: "|", intended: "5|" }]);
  });
});
