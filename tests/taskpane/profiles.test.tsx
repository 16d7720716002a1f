/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { expectAccessible } from "./helpers/a11y";
import { renderPane } from "./helpers/pane";

const raw = (values: (string | number | boolean)[][]) => values.map((r) => r[0] as number);

describe("Weight profiles", () => {
  it("saves the current weights with a name and author in the workbook, and applies a saved profile", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    await expectAccessible();
    fireEvent.change(screen.getByRole("textbox", { name: "Profile name" }), { target: { value: "Even" } });
    const you = screen.getByRole("textbox", { name: "Your name" });
    fireEvent.change(you, { target: { value: "Analyst A" } });
    fireEvent.blur(you);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save current weights" }));
    });
    await waitFor(() => expect(harness.workbook.inspect.sheetNames()).toContain("Profiles"));
    expect(harness.workbook.inspect.values("Profiles", "A2:B2")).toEqual([["Even", "Analyst A"]]);
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Saved profile" })).toBeTruthy());

    // Change the weights in the grid, then apply the saved profile: the equal weights come back.
    await act(async () => {
      await harness.workbook.run(async (context) => {
        context.workbook.worksheets.getItem("Weights").getRange("D2:D5").values = [[9], [1], [1], [1]];
        await context.sync();
      });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    });
    // New scorecards keep raw weights on a 0–100 footing: 25 each.
    await waitFor(() =>
      expect(raw(harness.workbook.inspect.values("Weights", "D2:D5"))).toEqual([25, 25, 25, 25]),
    );
    await waitFor(() => expect(screen.getByText(/Profile "Even" applied/)).toBeTruthy());
    await expectAccessible();
  });

  it("after a second save, the list and its description show the profile just saved", async () => {
    await renderPane({ initialFeature: "weights" });
    const saveAs = async (name: string) => {
      fireEvent.change(screen.getByRole("textbox", { name: "Profile name" }), { target: { value: name } });
      await act(async () => {
        fireEvent.click(screen.getByRole("button", { name: "Save current weights" }));
      });
      await waitFor(() =>
        expect((screen.getByRole("combobox", { name: "Saved profile" }) as HTMLSelectElement).value).toBe(
          name,
        ),
      );
    };
    await saveAs("Even");
    await saveAs("Second look");
    const list = screen.getByRole("combobox", { name: "Saved profile" }) as HTMLSelectElement;
    expect([...list.options].map((o) => o.value).sort()).toEqual(["Even", "Second look"]);
    expect(list.value).toBe("Second look");
  });

  it("five fast clicks on Save current weights save the profile once", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    fireEvent.change(screen.getByRole("textbox", { name: "Profile name" }), { target: { value: "Once" } });
    const save = screen.getByRole("button", { name: "Save current weights" });
    // All five within one event turn, before React re-renders the button as disabled.
    await act(async () => {
      for (let k = 0; k < 5; k++) fireEvent.click(save);
    });
    await waitFor(() => expect(harness.store.getState().busy).toBeNull());
    const rows = harness.workbook.inspect
      .values("Profiles", "A2:A40")
      .map((r) => r[0])
      .filter((v) => v !== "");
    // One save writes one row per criterion.
    expect(rows).toEqual(["Once", "Once", "Once", "Once"]);
    expect(harness.store.getState().error).toBeNull();
  });

  it("a name longer than an Excel cell holds is refused with a message that says what to shorten; nothing is written", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    const name = "Ω".repeat(32_768);
    fireEvent.change(screen.getByRole("textbox", { name: "Profile name" }), { target: { value: name } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save current weights" }));
    });
    await screen.findByText(
      /The name of profile "Ω{40}…" has 32,768 characters, but an Excel cell holds at most 32,767 .*; shorten it by 1\./,
    );
    expect(harness.workbook.inspect.sheetNames()).not.toContain("Profiles");
  });

  it("cannot save a profile without a name", async () => {
    await renderPane({ initialFeature: "weights" });
    const save = screen.getByRole("button", { name: "Save current weights" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
  });
});

describe("Comparing profiles", () => {
  it("aligns agreement names at the start and ranks at the end of their cells", async () => {
    const harness = await renderPane({ initialFeature: "weights" });
    await act(async () => {
      await harness.store.saveProfile("Even");
    });
    const table = await screen.findByRole("table", { name: "Ranks under each weighting" });
    const align = (cell: HTMLElement) => getComputedStyle(cell).textAlign;
    const names = within(table).getAllByRole("rowheader");
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names.map(align))).toEqual(new Set(["start"]));
    expect(align(within(table).getByRole("columnheader", { name: "Agreement" }))).toBe("start");
    expect(align(within(table).getByRole("columnheader", { name: "Current weights" }))).toBe("end");
    expect(new Set(within(table).getAllByRole("cell").map(align))).toEqual(new Set(["end"]));
    // Profile names in the header break between words only, never mid-word at 320 px.
    const header = within(table).getByRole("columnheader", { name: "Current weights" });
    expect(getComputedStyle(header).overflowWrap).toBe("normal");
    expect(getComputedStyle(header).wordBreak).toBe("normal");
  });
});

describe("Weight profiles with indicators (issue 16)", () => {
  it("describe and restore the indicators' local weights", async () => {
    const h = await renderPane({ initialFeature: "criteria", reviewer: "Ana" });
    // Threat response gets its three suggested indicators, local weights 1/1/1.
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: /^Indicators \(\d+\) of Threat response$/ }));
    });
    const panel = screen.getByRole("form", { name: "Indicators of Threat response" });
    await act(async () => {
      fireEvent.click(within(panel).getByRole("button", { name: /Use the 3 suggested indicators/ }));
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole("button", { name: "Save indicators" }));
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole("button", { name: "Save and remove those scores" }));
    });
    await waitFor(() => expect(h.workbook.inspect.values("Weights", "O2:O4")).toEqual([[1], [1], [1]]));
    await act(async () => {
      fireEvent.click(screen.getByRole("tab", { name: "Weights" }));
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Profile name" }), { target: { value: "Even" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save current weights" }));
    });
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Saved profile" })).toBeTruthy());
    // The description gives each criterion's share and, within Threat response, each indicator's.
    expect(
      screen.getByText(
        /Threat response 25\.0% \(Intelligence and information sharing 33\.3%, Coordinated response mechanisms 33\.3%, Coverage of emerging threats \(cyber, space\) 33\.3%\)/,
      ),
    ).toBeTruthy();
    // A local weight typed on the Weights sheet; the profile puts it back.
    await act(async () => {
      await h.workbook.run(async (context) => {
        context.workbook.worksheets.getItem("Weights").getRange("O2").values = [[8]];
        await context.sync();
      });
    });
    await act(async () => void (await h.store.reload()));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Apply" }));
    });
    await waitFor(() => expect(h.workbook.inspect.values("Weights", "O2:O4")).toEqual([[1], [1], [1]]));
    await waitFor(() => expect(screen.getByText(/Profile "Even" applied/)).toBeTruthy());
    expect(h.store.getState().data!.issues).toEqual([]);
  });
});
