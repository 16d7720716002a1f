import { upsertAgreements } from "../../../src/workbook/agreements/upsert";
import { ConflictError } from "../../../src/workbook/write/conflicts";
import { WorkbookError } from "../../../src/workbook/errors";
import { exampleAgreements, ILLUSTRATIVE_NOTE } from "../../../src/workbook/scorecard/examples";
import {
  conflictRefusal,
  newAgreementRefusal,
  planAgreementSave,
} from "../../../src/workbook/plans/agreementSave";
import { exampleScorecard, typeInto } from "./helpers";

const OPS = "operational_efficiency";
const THREAT = "threat_response";

describe("planning an agreement save", () => {
  it("lets a save through, listing its scores and notes: as before until the write, as intended after", async () => {
    const { run, data, read } = await exampleScorecard();
    const update = { id: "CSTO", scores: { [OPS]: 4, [THREAT]: null }, notes: "Reviewed." };
    const plan = planAgreementSave(data, data, update);
    expect(plan.refusal).toBeNull();
    const before = plan.written(data);
    expect(before).toEqual([
      { now: 3, before: 3, intended: 4 },
      { now: 2, before: 2, intended: null },
      { now: ILLUSTRATIVE_NOTE, before: ILLUSTRATIVE_NOTE, intended: "Reviewed." },
    ]);
    await upsertAgreements(run, data, [update], { author: "Ana" });
    expect(plan.written(await read()).map((v) => v.now)).toEqual([4, null, "Reviewed."]);
  });

  it("finds the agreement whatever the case of its ID", async () => {
    const { data } = await exampleScorecard();
    const plan = planAgreementSave(data, data, { id: "csto", scores: { [OPS]: 1 } });
    expect(plan.refusal).toBeNull();
    expect(plan.written(data)).toEqual([{ now: 3, before: 3, intended: 1 }]);
  });

  it("is refused, naming the agreement, when its row's ID changed in the grid since the user's read", async () => {
    const { run, data, read } = await exampleScorecard();
    const row = data.rows[data.agreements.findIndex((a) => a.id === "CSTO")];
    await typeInto(run, "Scorecard", `A${row}`, "CSTO-1992");
    const plan = planAgreementSave(data, await read(), { id: "CSTO", scores: { [OPS]: 4 } });
    expect(plan.refusal).toBeInstanceOf(WorkbookError);
    expect(plan.refusal?.code).toBe("InvalidInput");
    expect(plan.refusal?.message).toMatch(
      /^Agreement "CSTO" is no longer in the scorecard .* restore the row\.$/,
    );
  });

  it("is refused over a co-author's change to the same score, and lets one to another score through", async () => {
    const { run, data, read } = await exampleScorecard();
    await upsertAgreements(run, data, [{ id: "CSTO", scores: { [OPS]: 5 } }], { author: "Bea" });
    const fresh = await read();

    const same = planAgreementSave(data, fresh, { id: "CSTO", scores: { [OPS]: 4 } });
    expect(same.refusal).toBeInstanceOf(ConflictError);
    expect(same.refusal?.place.sheet).toBe(fresh.location.meta.sheets.scorecard);
    expect((same.refusal as ConflictError).conflicts).toEqual([
      expect.objectContaining({
        agreementId: "CSTO",
        subject: "Operational efficiency",
        seen: "3",
        now: "5",
      }),
    ]);

    const other = planAgreementSave(data, fresh, { id: "CSTO", scores: { [THREAT]: 4 } });
    expect(other.refusal).toBeNull();
    // The value it replaces is the workbook's now, not the pane's older read.
    expect(other.written(fresh)).toEqual([{ now: 2, before: 2, intended: 4 }]);
  });

  it("refuses notes a co-author changed meanwhile (the team's notes save)", async () => {
    const { run, data, read } = await exampleScorecard();
    await upsertAgreements(run, data, [{ id: "NATO", notes: "Bea's note" }], { author: "Bea" });
    const fresh = await read();
    const refusal = conflictRefusal(data, fresh, { id: "NATO", notes: "Ana's note" });
    expect(refusal?.conflicts).toEqual([
      expect.objectContaining({ agreementId: "NATO", subject: "notes", now: "Bea's note" }),
    ]);
    expect(conflictRefusal(fresh, fresh, { id: "NATO", notes: "Ana's note" })).toBeNull();
  });
});

describe("planning a new agreement", () => {
  const record = (id: string) => ({ ...exampleAgreements()[0], id, name: "New treaty" });

  it("is refused when its ID is taken, in any case and with spaces around it", async () => {
    const { data } = await exampleScorecard();
    const refusal = newAgreementRefusal(data, record("  nato "));
    expect(refusal?.code).toBe("InvalidInput");
    expect(refusal?.message).toBe('ID "nato" is already used by another agreement; choose another ID.');
  });

  it("lets a free ID through", async () => {
    const { data } = await exampleScorecard();
    expect(newAgreementRefusal(data, record("AUKUS-2"))).toBeNull();
  });
});
