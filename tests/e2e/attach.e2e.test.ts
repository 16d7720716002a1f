/**
 * Attaching to the analyst's own table in the preview (?ownTable), whose Operational efficiency is
 * two "Criterion / Indicator" columns (issue 16): the Attach form offers it as one criterion scored
 * through them, the scorecard computes from the user's cells, and a score saved in the pane lands
 * in the user's own column.
 */
import { OWN_TABLE, ownTableRows } from "../../src/preview/exampleOwnTable";
import {
  attachOwnTable,
  expectGridValue,
  expectText,
  openFeature,
  previewSite,
  showSheet,
} from "./support/preview";

const site = previewSite();

const OPS = "Operational efficiency, through 2 indicators: Joint exercises, Shared logistics";

/** 100 × the mean over three equally weighted criteria of (s − 1) / 4, as the grid shows it. */
const weighted = (scores: number[]) =>
  ((100 * scores.reduce((sum, s) => sum + (s - 1) / 4, 0)) / scores.length).toFixed(2);

describe("attach to the analyst's own table with indicator columns", () => {
  it("scores Operational efficiency through the user's two columns, and saves indicator scores into them", async () => {
    const { page, p } = await site.open("?ownTable");
    const [headers, ...rows] = ownTableRows();
    const nato = rows.find((r) => String(r[0]).includes("NATO"))!;
    const at = (header: string) => Number(nato[headers.indexOf(header)]);
    const [exercises, logistics] = [
      at("Operational efficiency / Joint exercises"),
      at("Operational efficiency / Shared logistics"),
    ];
    const strategy = at("Strategic alignment");
    const threats = at("Threat response");

    await expectText(p, OPS);
    await attachOwnTable(page, [OPS, "Strategic alignment", "Threat response"]);
    await expectText(p, '"Operational efficiency" is scored through its 2 indicator columns.');
    await showSheet(page, OWN_TABLE.sheet);
    const name = String(nato[0]);
    // No ID column was mapped: the add-in numbered the rows.
    const id = `A-${rows.indexOf(nato) + 1}`;
    await expectGridValue(page, "Operational efficiency", name, String((exercises + logistics) / 2));
    await expectGridValue(
      page,
      "Weighted score",
      name,
      weighted([(exercises + logistics) / 2, strategy, threats]),
    );

    // Scored in the pane, the indicator's score goes into the user's own column.
    await openFeature(page, "Score");
    await p.getByRole("combobox", { name: "Agreement to score" }).selectOption(id);
    await p.getByRole("textbox", { name: /^Operational efficiency \/ Joint exercises.*: score/ }).fill("1");
    await p.getByRole("button", { name: "Save" }).click();
    await expectText(p, `Saved "${name}"`);
    await expectGridValue(page, "Operational efficiency / Joint exercises", name, "1");
    await expectGridValue(page, "Operational efficiency", name, String((1 + logistics) / 2));
    await expectGridValue(page, "Weighted score", name, weighted([(1 + logistics) / 2, strategy, threats]));
  });
});
