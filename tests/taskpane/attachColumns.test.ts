import { attachCriteria, criterionChoices } from "../../src/taskpane/start/attachColumns";

describe("criterionChoices: a table's columns as criteria to attach", () => {
  it("groups 'Criterion / Indicator' columns under their criterion, with or without its own column", () => {
    expect(
      criterionChoices(["Ops / Exercises", "Strategy", "Ops / Logistics", "Threats", "threats / Warning"]),
    ).toEqual([
      { header: "Ops", ownColumn: false, indicators: ["Ops / Exercises", "Ops / Logistics"] },
      { header: "Strategy", ownColumn: true, indicators: [] },
      { header: "Threats", ownColumn: true, indicators: ["threats / Warning"] },
    ]);
  });

  it("puts a header with several separators under the longest prefix that is a column, else the first", () => {
    expect(criterionChoices(["Ops / Air", "Ops / Air / Tankers", "Land / Sea / Ports"])).toEqual([
      { header: "Ops", ownColumn: false, indicators: ["Ops / Air"] },
      { header: "Ops / Air", ownColumn: true, indicators: ["Ops / Air / Tankers"] },
      { header: "Land", ownColumn: false, indicators: ["Land / Sea / Ports"] },
    ]);
  });

  it("takes a header without a name after the separator, or without one before it, as a criterion", () => {
    expect(criterionChoices(["Ops / ", " / Air", "Ops/Air"]).map((c) => [c.header, c.indicators])).toEqual([
      ["Ops /", []],
      ["/ Air", []],
      ["Ops/Air", []],
    ]);
  });

  it("attaches each choice at weight 1, its indicators too", () => {
    expect(
      attachCriteria([
        { header: "Ops", ownColumn: false, indicators: ["Ops / Air"] },
        { header: "Strategy", ownColumn: true, indicators: [] },
      ]),
    ).toEqual([
      { header: "Ops", weight: 1, indicators: [{ header: "Ops / Air", weight: 1 }] },
      { header: "Strategy", weight: 1 },
    ]);
  });
});
