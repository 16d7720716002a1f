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

/** The pane on a workbook without a scorecard whose sheet "Mine" holds `rows` as table "Treaties" at A1. */
function paneWithTable(rows: (string | number)[][]) {
  return renderPane({
    scorecard: false,
    prepare: async (workbook) => {
      await workbook.run(async (context) => {
        const sheet = context.workbook.worksheets.add("Mine");
        const range = sheet.getRangeByIndexes(0, 0, rows.length, rows[0].length);
        range.values = rows;
        sheet.tables.add(range, true).name = "Treaties";
        await context.sync();
      });
    },
  });
}

describe("Attach to an existing table", () => {
  it("maps the user's columns and attaches the scorecard, leaving the user's cells as they were", async () => {
    const harness = await paneWithTable(USER_TABLE);
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

  it("offers 'Criterion / Indicator' columns as one criterion scored through them, asking before replacing its own column", async () => {
    const table = [
      ["Treaty", "Ops / Exercises", "Ops / Logistics", "Threats", "Threats / Warning"],
      ["NATO", 5, 3, 4, 5],
      ["ANZUS", 3, 1, "", 2],
    ];
    const harness = await paneWithTable(table);
    const ops = await screen.findByRole("checkbox", {
      name: "Ops, through 2 indicators: Exercises, Logistics",
    });
    const threats = screen.getByRole("checkbox", { name: "Threats, through 1 indicator: Warning" });
    // The indicator columns are not offered as criteria of their own.
    expect(screen.queryByRole("checkbox", { name: "Ops / Exercises" })).toBeNull();
    fireEvent.click(ops);
    fireEvent.click(threats);
    fireEvent.click(screen.getByRole("button", { name: "Attach scorecard" }));
    // Threats has a column of its own holding NATO's 4: asked first, nothing written yet.
    const question = await screen.findByRole("group", {
      name: "Attach and replace what those columns hold?",
    });
    expect(question.textContent).toContain('"Threats" will show the score its indicators give');
    expect(harness.store.getState().data).toBeNull();
    await expectAccessible();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Attach and replace" }));
    });
    await waitFor(() => expect(harness.store.getState().data).not.toBeNull());
    const data = harness.store.getState().data!;
    expect(data.config.criteria.map((c) => [c.name, (c.indicators ?? []).map((i) => i.name)])).toEqual([
      ["Ops", ["Exercises", "Logistics"]],
      ["Threats", ["Warning"]],
    ]);
    // Ops of NATO: the mean of 5 and 3; Threats: its one indicator, 5 (the typed 4 replaced).
    expect(
      data.agreements.map((a) => [
        a.scores[data.config.criteria[0].id],
        a.scores[data.config.criteria[1].id],
      ]),
    ).toEqual([
      [4, 5],
      [2, 2],
    ]);
    expect(harness.workbook.inspect.values("Mine", "C3:D4")).toEqual([
      [5, 3],
      [3, 1],
    ]);
    await waitFor(() =>
      expect(screen.getByText(/"Ops" is scored through its 2 indicator columns/)).toBeTruthy(),
    );
  });

  it("offers no attach section when the workbook has no table", async () => {
    await renderPane({ scorecard: false });
    await waitFor(() => expect(screen.getByRole("button", { name: "Create scorecard" })).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Attach scorecard" })).toBeNull();
  });
});
