/** @jest-environment jsdom */
/**
 * The Team tab's import of reviews gathered outside Excel (src/taskpane/team/ImportReviews.tsx):
 * a pasted table or a chosen file is previewed — new, updated (old → new), unchanged, refused with
 * reasons — and nothing is written until Confirm; then the Reviews and Audit sheets and the
 * consensus in the grid follow. Found by role and label, as a screen reader user would.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import { parseReviewsCsv, planReviewImport } from "../../src/workbook/team/reviewsCsv";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, renderTeamPane, settle, type PaneHarness } from "./helpers/pane";

// Scorecard: NATO is row 2, Threat response column I; the example scores are NATO's 4.5 everywhere.
const HEADER = "Reviewer\tAgreement ID\tCriterion\tScore\tRationale";

/** A team scorecard: the examples are Ana's reviews; Bea scored NATO's threat response 1. */
function teamPane() {
  return renderTeamPane([{ who: "Bea", score: 1, rationale: "Typed by Bea" }]);
}

const cell = (h: PaneHarness, address: string) => h.workbook.inspect.cell("Scorecard", address).value;
/** The Reviews and Audit sheets as values: equal snapshots mean nothing was written. */
const sheets = (h: PaneHarness) =>
  JSON.stringify([
    h.workbook.inspect.values("Reviews", "A1:F200"),
    h.workbook.inspect.values("Audit", "A1:G200"),
  ]);

async function paste(text: string) {
  fireEvent.change(screen.getByRole("textbox", { name: /Paste a table of reviews/ }), {
    target: { value: text },
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Preview pasted table" }));
  });
}

const preview = () => screen.getByRole("region", { name: /^Preview of / });
const items = (name: string) =>
  within(within(preview()).getByRole("list", { name }))
    .getAllByRole("listitem")
    .map((li) => li.textContent);

const TABLE = [
  HEADER,
  "Bea\tNATO\tThreat response\t4\tAgreed after the exercise", // updated 1 → 4
  "Cy\tNATO\tthreat_response\t2\t", // new
  "Ana\tnato\tOperational efficiency\t4.5\t", // unchanged
  "Cy\tNOPE\tThreat response\t3\t", // refused: unknown agreement
  "Dan\tNATO\tThreat response\t9\t", // refused: off the scale
].join("\n");

describe("Import reviews (Team tab)", () => {
  it("previews a pasted table, writes nothing until Confirm, then adds and updates reviews with their Audit rows", async () => {
    const harness = await teamPane();
    expect(cell(harness, "I2")).toBe(2.75);
    const before = sheets(harness);
    await paste(TABLE);

    expect(within(preview()).getByRole("heading", { name: "Preview of the pasted table" })).toBeTruthy();
    expect(within(preview()).getByRole("status").textContent).toBe(
      "1 new review, 1 updated, 1 unchanged, 2 rows refused.",
    );
    expect(items("New reviews")).toEqual(["Row 3: Cy, NATO, Threat response: 2"]);
    expect(items("Updated reviews")).toEqual(["Row 2: Bea, NATO, Threat response: 1 → 4, new rationale"]);
    expect(items("Unchanged")).toEqual(["Row 4: Ana, NATO, Operational efficiency: 4.5"]);
    expect(items("Refused rows")).toEqual([
      'Row 5, column "Agreement ID": agreement "NOPE" is not in the scorecard; correct the ID, or add the agreement to the scorecard first.',
      'Row 6, column "Score": "9" is not a score on the scale 1–5; enter a number from 1 to 5.',
    ]);
    expect(
      within(preview()).getByText(/Confirming replaces 1 review the reviewers gave before/),
    ).toBeTruthy();
    await expectAccessible();
    await settle(harness);
    expect(sheets(harness)).toBe(before);

    await act(async () => {
      fireEvent.click(within(preview()).getByRole("button", { name: "Import 2 reviews" }));
    });
    await settle(harness);

    expect(screen.queryByRole("region", { name: /^Preview of / })).toBeNull();
    expect(
      (screen.getByRole("textbox", { name: /Paste a table of reviews/ }) as HTMLTextAreaElement).value,
    ).toBe("");
    expect(
      screen.getByText(
        /Imported 2 reviews \(1 new, 1 updated\); the Audit sheet records each change\. 2 refused rows were left out\./,
      ),
    ).toBeTruthy();
    // NATO's threat response: Ana 4.5, Bea 4, Cy 2.
    expect(cell(harness, "I2")).toBeCloseTo((4.5 + 4 + 2) / 3, 12);
    const data = harness.store.getState().data!;
    const review = (who: string) =>
      data.reviews.find(
        (r) => r.reviewer === who && r.agreementId === "NATO" && r.criterionId === "threat_response",
      );
    expect(review("Bea")).toMatchObject({ score: 4, rationale: "Agreed after the exercise" });
    expect(review("Cy")).toMatchObject({ score: 2, rationale: "" });
    expect(data.reviews.some((r) => r.reviewer === "Dan")).toBe(false);
    const audit = data.audit
      .slice(-3)
      .map((e) => [e.who, e.what, e.agreementId, e.subject, e.before, e.after]);
    expect(audit).toEqual([
      ["Bea", "review", "NATO", "Threat response", "1", "4"],
      ["Bea", "rationale", "NATO", "Threat response", "Typed by Bea", "Agreed after the exercise"],
      ["Cy", "review", "NATO", "Threat response", "", "2"],
    ]);
  });

  it("Cancel drops the preview and writes nothing; a table with nothing new offers nothing to import", async () => {
    const harness = await teamPane();
    const before = sheets(harness);
    await paste(TABLE);
    await act(async () => {
      fireEvent.click(within(preview()).getByRole("button", { name: "Cancel" }));
    });
    await settle(harness);
    expect(screen.queryByRole("region", { name: /^Preview of / })).toBeNull();
    expect(sheets(harness)).toBe(before);

    await paste(`${HEADER}\nBea\tNATO\tThreat response\t1\t`);
    const button = within(preview()).getByRole("button", { name: "Nothing to import" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(within(preview()).getByRole("status").textContent).toBe(
      "0 new reviews, 0 updated, 1 unchanged, 0 rows refused.",
    );
  });

  it("reads a chosen CSV file as bytes: Windows-1252 is decoded, with a notice in the preview", async () => {
    const harness = await teamPane();
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode("Reviewer,Agreement ID,Criterion,Score\nRen"),
      0xe9,
      ...new TextEncoder().encode(",NATO,Threat response,3\n"),
    ]);
    const file = new File([bytes], "reviews.csv", { type: "text/csv" });
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Reviews CSV file"), { target: { files: [file] } });
    });
    await waitFor(() => expect(screen.getByRole("region", { name: "Preview of reviews.csv" })).toBeTruthy());
    expect(items("New reviews")).toEqual(["Row 2: René, NATO, Threat response: 3"]);
    expect(within(preview()).getByText(/is not UTF-8 .* so it was read as Windows-1252/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(preview()).getByRole("button", { name: "Import 1 review" }));
    });
    await settle(harness);
    expect(harness.store.getState().data!.reviews.some((r) => r.reviewer === "René" && r.score === 3)).toBe(
      true,
    );
  });

  it("a table it cannot read is refused as a whole, saying where and what to do", async () => {
    await teamPane();
    await paste("Name\tAgreement ID\tCriterion\tScore\nAna\tNATO\tThreat response\t3");
    expect(screen.getByRole("alert").textContent).toBe(
      'The pasted table cannot be imported: Row 1, column 1 "Name": unknown column. The columns are Reviewer, Agreement ID, Criterion, Score, and optionally Rationale and Time; delete the others.',
    );
    expect(screen.queryByRole("region", { name: /^Preview of / })).toBeNull();
  });

  it("the preview follows a co-author's change; a confirmation made on an outdated preview writes nothing", async () => {
    const harness = await teamPane();
    await paste(`${HEADER}\nBea\tNATO\tThreat response\t4\t`);
    expect(items("Updated reviews")).toEqual(["Row 2: Bea, NATO, Threat response: 1 → 4"]);
    const { location } = harness.store.getState().data!;
    const seen = harness.store.getState().data!;
    const source = parseReviewsCsv(`${HEADER}\nBea\tNATO\tThreat response\t4\t`);
    const confirmed = planReviewImport(source, seen);

    // Bea, in her own window, changes her score to 2 meanwhile.
    const bea = harness.workbook.newSession();
    await act(async () => {
      await writeReviews(bea.run, await readScorecard(bea.run, location), "Bea", [
        { agreementId: "NATO", criterionId: "threat_response", score: 2, rationale: "Typed by Bea" },
      ]);
    });
    await settle(harness);
    expect(items("Updated reviews")).toEqual(["Row 2: Bea, NATO, Threat response: 2 → 4"]);

    // A confirmation of what the old preview showed is refused: it would have replaced 2 unseen.
    const before = sheets(harness);
    let ok = true;
    await act(async () => {
      ok = await harness.store.importReviews(source, confirmed);
    });
    expect(ok).toBe(false);
    expect(harness.store.getState().error?.message).toMatch(
      /^The reviews changed since the preview, so nothing was imported\./,
    );
    expect(sheets(harness)).toBe(before);
  });

  it("is offered only to a team", async () => {
    await renderPane({ initialFeature: "team", reviewer: "Ana" });
    expect(screen.queryByRole("region", { name: "Import reviews" })).toBeNull();
    expect(screen.getByRole("button", { name: "Switch to team scoring" })).toBeTruthy();
  });
});
