/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { expectAccessible } from "./helpers/a11y";
import { renderPane } from "./helpers/pane";

const USER_TABLE = [
  ["Treaty", "Year", "Ops", "Threats"],
  ["NATO", 1949, 4.5, 4.5],
  ["ANZUS", 1951, 3.5, 3],
  ["SEATO", 1954, 1.5, 1],
];

describe("Attach to an existing table", () => {
  it("maps the user's columns and attaches the scorecard, leaving the user's cells as they were", async () => {
    const harness = await renderPane({
      scorecard: false,
      prepare: async (workbook) => {
        await workbook.run(async (context) => {
          const sheet = context.workbook.worksheets.add("Mine");
          sheet.getRange("A1:D4").values = USER_TABLE;
          sheet.tables.add(sheet.getRange("A1:D4"), true).name = "Treaties";
          await context.sync();
        });
      },
    });
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Table" })).toBeTruthy());
    await expectAccessible();
    const attach = screen.getByRole("button", { name: "Attach scorecard" }) as HTMLButtonElement;
    expect(attach.disabled).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: "Ops" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Threats" }));
    expect(attach.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(attach);
    });
    await waitFor(() => expect(harness.store.getState().data).not.toBeNull());
    const data = harness.store.getState().data!;
    expect(data.config.criteria.map((c) => c.name)).toEqual(["Ops", "Threats"]);
    expect(data.agreements.map((a) => [a.id, a.name])).toEqual([
      ["A-1", "NATO"],
      ["A-2", "ANZUS"],
      ["A-3", "SEATO"],
    ]);
    // NATO: equal weights, (4.5 − 1)/4 on both criteria → 87.5, first.
    expect(data.computed[0]).toMatchObject({ score: 87.5, rank: 1 });
    expect(harness.workbook.inspect.values("Mine", "A1:D4")).toEqual(USER_TABLE);
    await waitFor(() => expect(screen.getByText(/Scorecard attached to table "Treaties"/)).toBeTruthy());
  });

  it("offers no attach section when the workbook has no table", async () => {
    await renderPane({ scorecard: false });
    await waitFor(() => expect(screen.getByRole("button", { name: "Create scorecard" })).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Attach scorecard" })).toBeNull();
  });
});
