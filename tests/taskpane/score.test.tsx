/** @jest-environment jsdom */
import { act, fireEvent, screen, within } from "@testing-library/react";
import { DEFAULT_CRITERIA } from "../../src/scoring/criteria";
import { expectAccessible } from "./helpers/a11y";
import { renderPane, settle, type PaneHarness } from "./helpers/pane";
import { exampleAgreements, ILLUSTRATIVE_NOTE } from "../../src/workbook/scorecard/examples";

// Scorecard columns: A ID, B Agreement, C Type, D Parties, E Signed, F–I criteria, J Coverage,
// K Weighted score, L Rank, M Notes. NATO is row 2, CSTO row 3.
const cell = (h: PaneHarness, address: string) => h.workbook.inspect.cell("Scorecard", address).value;

function group(name: string) {
  return screen.getByRole("radiogroup", { name: new RegExp(`^${name}`) });
}

async function save() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
  });
}

describe("Score", () => {
  it("shows every rubric point of every criterion, with the current score checked and the coverage", async () => {
    await renderPane();
    for (const criterion of DEFAULT_CRITERIA) {
      const radios = within(group(criterion.name)).getAllByRole("radio");
      // Five anchors and "Not scored".
      expect(radios).toHaveLength(6);
      for (const anchor of criterion.anchors) {
        expect(within(group(criterion.name)).getByText(anchor.description)).toBeTruthy();
      }
    }
    // NATO's example scores are 4.5 everywhere: no anchor is checked, the number field says 4.5.
    expect(
      (screen.getByRole("textbox", { name: /Operational efficiency: score/ }) as HTMLInputElement).value,
    ).toBe("4.5");
    expect(screen.getByText("Coverage 4/4")).toBeTruthy();
    expect(screen.getByText(/Saved weighted score 87.50, rank 1/)).toBeTruthy();
    await expectAccessible();
  });

  it("saves ratings, decimals and rationale through upsertAgreements into the Scorecard sheet", async () => {
    const harness = await renderPane();
    fireEvent.change(screen.getByRole("combobox", { name: "Agreement to score" }), {
      target: { value: "CSTO" },
    });
    expect(screen.getByRole("heading", { name: "Collective Security Treaty Organization" })).toBeTruthy();

    // A rubric point, a decimal, and "not scored".
    fireEvent.click(within(group("Operational efficiency")).getByRole("radio", { name: /^4 · Strong/ }));
    fireEvent.change(screen.getByRole("textbox", { name: /Strategic alignment: score/ }), {
      target: { value: "3,25" },
    });
    fireEvent.click(within(group("Threat response")).getByRole("radio", { name: "Not scored" }));
    expect(screen.getByText("Coverage 3/4")).toBeTruthy();
    expect(screen.getByText("Not scored: Threat response.")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Operational efficiency: rationale" }), {
      target: { value: "Joint staff exercises\nsince 2019" },
    });
    expect(screen.getByText("Unsaved changes.")).toBeTruthy();

    await save();
    await settle(harness);

    expect(cell(harness, "F3")).toBe(4);
    expect(cell(harness, "G3")).toBe(3.25);
    expect(cell(harness, "H3")).toBe(2.5);
    expect(cell(harness, "I3")).toBe("");
    expect(cell(harness, "M3")).toBe(
      `${ILLUSTRATIVE_NOTE}\nOperational efficiency: Joint staff exercises since 2019`,
    );
    // Under the default "exclude" policy an incomplete agreement has no score and no rank.
    expect(cell(harness, "K3")).toBe("");
    expect(screen.getByText("Not ranked yet")).toBeTruthy();
    expect(screen.getByText('Saved "Collective Security Treaty Organization".')).toBeTruthy();
    expect(screen.queryByText("Unsaved changes.")).toBeNull();
    // The rationale is read back from the Notes cell.
    expect(
      (screen.getByRole("textbox", { name: "Operational efficiency: rationale" }) as HTMLTextAreaElement)
        .value,
    ).toBe("Joint staff exercises since 2019");
  });

  it("keeps unsaved edits per agreement and refuses a score off the scale", async () => {
    const harness = await renderPane();
    const field = () => screen.getByRole("textbox", { name: /Threat response: score/ }) as HTMLInputElement;
    fireEvent.change(field(), { target: { value: "7" } });
    expect(screen.getByText("7 is off the scale; enter a number from 1 to 5.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Save" }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(field(), { target: { value: "2" } });
    expect((screen.getByRole("button", { name: "Save" }) as HTMLButtonElement).disabled).toBe(false);

    // Switch away and back: the edit is still there, and the agreement is marked in the list.
    fireEvent.change(screen.getByRole("combobox", { name: "Agreement to score" }), {
      target: { value: "FVEY" },
    });
    expect(field().value).toBe("5");
    fireEvent.change(screen.getByRole("combobox", { name: "Agreement to score" }), {
      target: { value: "NATO" },
    });
    expect(field().value).toBe("2");
    expect(screen.getByRole("option", { name: /● North Atlantic Treaty/ })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Discard changes" }));
    expect(field().value).toBe("4.5");
    expect(cell(harness, "I2")).toBe(4.5);
  });

  it("a refused score does not count toward the coverage, nor as not scored", async () => {
    await renderPane();
    const coverage = () => screen.getByRole("group", { name: "Coverage and result" }).textContent ?? "";
    expect(coverage()).toMatch(/Coverage 4\/4/);
    const field = screen.getByRole("textbox", { name: /Threat response: score/ }) as HTMLInputElement;
    // The field held 4.5; "6" is refused, so Threat response has no score until it is fixed.
    fireEvent.change(field, { target: { value: "6" } });
    expect(screen.getByText("6 is off the scale; enter a number from 1 to 5.")).toBeTruthy();
    expect(coverage()).toMatch(/Coverage 3\/4/);
    expect(screen.queryByText(/^Not scored:/)).toBeNull();
    fireEvent.change(field, { target: { value: "3" } });
    expect(coverage()).toMatch(/Coverage 4\/4/);
  });

  it("a double click on Add adds the agreement once and reports no failure", async () => {
    const harness = await renderPane();
    fireEvent.click(screen.getByRole("button", { name: "Add agreement" }));
    fireEvent.change(screen.getByRole("textbox", { name: /^ID/ }), { target: { value: "QUAD" } });
    fireEvent.change(screen.getByRole("textbox", { name: /^Agreement/ }), { target: { value: "Quad" } });
    const add = screen.getByRole("button", { name: "Add" });
    await act(async () => {
      fireEvent.click(add);
      fireEvent.click(add);
    });
    await settle(harness);
    const ids = harness.workbook.inspect
      .values("Scorecard", "A2:A20")
      .map((r) => r[0])
      .filter((v) => v !== "");
    expect(ids.filter((id) => id === "QUAD")).toHaveLength(1);
    expect(ids).toHaveLength(11);
    expect(harness.store.getState().error).toBeNull();
  });

  it("adds an agreement below the table, text kept as text", async () => {
    const harness = await renderPane();
    fireEvent.click(screen.getByRole("button", { name: "Add agreement" }));
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    expect(screen.getByText("Give the agreement a short unique ID, such as AUKUS.")).toBeTruthy();

    fireEvent.change(screen.getByRole("textbox", { name: /^ID/ }), { target: { value: "NATO" } });
    expect(screen.getByText('ID "NATO" is already used; choose another.')).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: /^ID/ }), { target: { value: "QUAD" } });
    fireEvent.change(screen.getByRole("textbox", { name: /^Agreement/ }), { target: { value: "=Quad" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Type" }), { target: { value: "Multilateral" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Parties" }), {
      target: { value: "Australia, India, Japan, US" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: /^Signed/ }), { target: { value: "2007" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Add" }));
    });
    await settle(harness);

    expect(harness.workbook.inspect.values("Scorecard", "A12:E12")).toEqual([
      ["QUAD", "=Quad", "Multilateral", "Australia, India, Japan, US", 2007],
    ]);
    expect(harness.workbook.inspect.cell("Scorecard", "B12").formula).toBeNull();
    expect(harness.store.getState().data!.agreements).toHaveLength(exampleAgreements().length + 1);
    expect((screen.getByRole("combobox", { name: "Agreement to score" }) as HTMLSelectElement).value).toBe(
      "QUAD",
    );
    expect(screen.getByText("Coverage 0/4")).toBeTruthy();
  });

  it("follows scores typed into the grid", async () => {
    const harness = await renderPane();
    const result = harness.workbook.userEdit("Scorecard", "F2", 2);
    expect(result.ok).toBe(true);
    await settle(harness);
    expect(
      (screen.getByRole("textbox", { name: /Operational efficiency: score/ }) as HTMLInputElement).value,
    ).toBe("2");
    expect(screen.getByText(/Saved weighted score 71.88, rank 4/)).toBeTruthy();
  });
});
