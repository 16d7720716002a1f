/**
 * The workbook stays right under hand edits in a real spreadsheet engine (docs/architecture.md §7, layer 3).
 * Scorecards made by the product's createScorecard on excel-sim, under each missing-score policy,
 * are exported to .xlsx (every cached formula result poisoned), opened in headless LibreOffice and
 * edited there as users edit them in Excel — columns inserted between criteria (as sheet columns
 * and as table columns), a user column deleted, a criterion column moved, rows sorted, the sheet
 * renamed, off-scale and text scores pasted past the validation, an agreement typed below the
 * table, rows inserted above it — then recalculated hard and read back (support/uno_edit.py).
 *
 * After every edit, each owned formula must give the scoring model's value (scoreAgreements on the
 * edited data) or a visible flag: every Weighted score and Rank on the Scorecard sheet, and the
 * Results sheet's ranking (ID, score, rank, in order; ties keep the grid's order). A row with an
 * off-scale or text score shows "check scores" and no rank, and the others rank among themselves.
 * The expectations come from the model, never from the workbook's own formulas.
 *
 * Each case first checks that the edit happened as intended (the grid's IDs, names and scores equal
 * the intended edited data), so that a harness fault cannot pass for a formula fault.
 * LibreOffice and python3-uno are required, never skipped (.ci/run installs them).
 */
import { DEFAULT_CRITERIA, scoreAgreements, type MissingPolicy } from "../../src/scoring";
import { columnIndex } from "../../src/workbook/contract/addresses";
import { scorecardColumns } from "../../src/workbook/contract/layout";
import type { AgreementRecord } from "../../src/workbook/model";
import { defaultConfig } from "../workbook/helpers";
import { roundedDeep, tableIn, type UnoCell, type UnoOp } from "./support/uno";
import { excelRowIn, expectedSheets, offScale, reorder, replayEdits } from "./support/editMatrix";
import { POLICIES, WEIGHTS, type Row, type Score } from "./support/editMatrix";

jest.setTimeout(300_000);

const REQUIRED_BY = "tests/external/libreoffice-edits.test.ts";
const SHEET = "Scorecard";
const TABLE = "Scorecard";
const RESULTS = "Results";
const CRITERIA = DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name }));

/** A score as a cell holds it: a number (maybe off the scale), text pasted past the validation, or blank. */
/** A Row's scores are in the order of CRITERIA. */

/** Names out of ID order (the name sort moves rows); two blanks in K5, one in K2; K6 ties K1. */
const BASE: Row[] = [
  { id: "K1", name: "Northern Shield Pact", scores: [4, 3.5, 2, 5] },
  { id: "K2", name: "Atlantic Logistics Accord", scores: [2.5, 4, null, 3] },
  { id: "K3", name: "Pacific Maritime Treaty", scores: [5, 4.5, 4.5, 1] },
  { id: "K4", name: "Baltic Air Policing Agreement", scores: [3, 3, 3, 3] },
  { id: "K5", name: "Desert Training Memorandum", scores: [1.5, null, null, 4] },
  { id: "K6", name: "Coastal Radar Exchange", scores: [4, 3.5, 2, 5] },
  { id: "K7", name: "Mountain Rescue Compact", scores: [2, 1.5, 3.5, 2.5] },
  { id: "K8", name: "Eastern Cyber Alliance", scores: [3.5, 2, 4, 4.5] },
];
const TYPED: Row = { id: "K9", name: "Fjord Submarine Accord", scores: [4.5, 2.5, 3, 3.5] };

/** Where the product puts the Scorecard's columns (the same for every policy); row r of BASE is Excel row r + 2. */
const COLS = scorecardColumns(defaultConfig("exclude", WEIGHTS));
const crit = (k: number) => COLS.criteria[k].column;
const excelRow = excelRowIn(BASE);

/** The data with one score replaced, as a paste replaces it. */
const withScore = (id: string, k: number, score: Score) => (rows: Row[]) =>
  rows.map((r) => (r.id === id ? { ...r, scores: r.scores.map((s, j) => (j === k ? score : s)) } : r));

/** A column typed into after it was inserted: a header and in-scale numbers, as a user would. */
function typedColumn(column: string): UnoOp[] {
  return [
    { op: "setValue", sheet: SHEET, cell: `${column}1`, value: "Priority" },
    ...BASE.map((_, i): UnoOp => ({
      op: "setValue",
      sheet: SHEET,
      cell: `${column}${i + 2}`,
      value: (i % 5) + 1,
    })),
  ];
}

interface Edit {
  name: string;
  ops: UnoOp[];
  /** The Scorecard sheet's name after the edit. */
  sheet?: string;
  /** The edited data, in grid order; `gridIds` is the order LibreOffice shows (used by the sorts). */
  data: (base: Row[], gridIds: string[]) => Row[];
  /** For a sort: the grid's order must be sorted by this (blanks last, whichever the direction). */
  sortedBy?: { key: (r: Row) => string | number | null; descending: boolean };
}

const between = crit(2); // between the 2nd and 3rd criterion columns

const EDITS: Edit[] = [
  { name: "no edit (control)", ops: [], data: (b) => b },
  {
    name: "a sheet column inserted between two criterion columns",
    ops: [{ op: "insertColumns", sheet: SHEET, before: between }, ...typedColumn(between)],
    data: (b) => b,
  },
  {
    name: "a table column inserted between two criterion columns (only the table's rows shift)",
    ops: [
      { op: "insertCells", sheet: SHEET, table: TABLE, column: between, shift: "right" },
      ...typedColumn(between),
    ],
    data: (b) => b,
  },
  {
    name: "the user column Parties deleted as a sheet column",
    ops: [{ op: "deleteColumns", sheet: SHEET, column: COLS.parties }],
    data: (b) => b,
  },
  {
    name: "the user column Parties deleted as a table column (only the table's rows shift)",
    ops: [{ op: "deleteCells", sheet: SHEET, table: TABLE, column: COLS.parties, shift: "left" }],
    data: (b) => b,
  },
  {
    name: "criterion columns reordered: Threat response moved before Operational efficiency",
    ops: [{ op: "moveColumn", sheet: SHEET, column: crit(3), before: crit(0) }],
    data: (b) => b,
  },
  {
    name: "rows sorted by Agreement name",
    ops: [{ op: "sort", sheet: SHEET, table: TABLE, header: "Agreement" }],
    data: reorder,
    sortedBy: { key: (r) => r.name, descending: false },
  },
  {
    name: `rows sorted by ${CRITERIA[1].name}, descending`,
    ops: [{ op: "sort", sheet: SHEET, table: TABLE, header: CRITERIA[1].name, descending: true }],
    data: reorder,
    sortedBy: { key: (r) => r.scores[1] as number | null, descending: true },
  },
  {
    name: "the Scorecard sheet renamed",
    ops: [{ op: "renameSheet", sheet: SHEET, to: "Scores 2025" }],
    sheet: "Scores 2025",
    data: (b) => b,
  },
  {
    name: "an off-scale 9 pasted over a score of a fully scored row",
    ops: [{ op: "setValue", sheet: SHEET, cell: `${crit(1)}${excelRow("K3")}`, value: 9 }],
    data: withScore("K3", 1, 9),
  },
  {
    name: 'the text "high" pasted over a score of a fully scored row',
    ops: [{ op: "setValue", sheet: SHEET, cell: `${crit(0)}${excelRow("K4")}`, value: "high" }],
    data: withScore("K4", 0, "high"),
  },
  {
    name: 'the text "high" pasted into the blank score of a partly scored row',
    ops: [{ op: "setValue", sheet: SHEET, cell: `${crit(2)}${excelRow("K2")}`, value: "high" }],
    data: withScore("K2", 2, "high"),
  },
  {
    name: "an agreement typed below the table (the table grows, its formula columns fill down)",
    ops: [
      {
        op: "typeRow",
        sheet: SHEET,
        table: TABLE,
        values: [TYPED.id, TYPED.name, "Bilateral", "A, B", 2024, ...TYPED.scores, null, null, null, "typed"],
      },
    ],
    data: (b) => [...b, TYPED],
  },
  {
    name: "two rows inserted above the table",
    ops: [{ op: "insertRows", sheet: SHEET, before: 1, count: 2 }],
    data: (b) => b,
  },
];

const agreements: AgreementRecord[] = BASE.map((r, i) => ({
  id: r.id,
  name: r.name,
  type: i % 2 ? "Bilateral" : "Multilateral",
  parties: "A, B",
  signed: 1990 + i,
  scores: Object.fromEntries(CRITERIA.map((c, k) => [c.id, r.scores[k] as number | null])),
  notes: "",
}));

const replay = replayEdits({
  requiredBy: REQUIRED_BY,
  edits: EDITS,
  policies: POLICIES,
  weights: WEIGHTS,
  agreements,
  minPoisoned: BASE.length * 3,
  // The formulas are for KEEP_LIBREOFFICE_OUTPUT's results.json: what the edit made of them.
  read: (edit) => [
    { sheet: edit.sheet ?? SHEET, formulas: true },
    { sheet: RESULTS, formulas: true },
  ],
});

/** The Scorecard table as LibreOffice shows it after the edit: found by its header row, wherever it moved. */
function scorecardGrid(values: UnoCell[][]) {
  const { col, rows } = tableIn(values, ["ID", "Weighted score"], "ID");
  const data: Row[] = rows.map((r) => ({
    id: String(r[col("ID")]),
    name: String(r[col("Agreement")]),
    scores: CRITERIA.map((c) => (r[col(c.name)] === "" ? null : r[col(c.name)])),
  }));
  const shown = rows.map((r) => ({
    id: String(r[col("ID")]),
    score: r[col("Weighted score")],
    rank: r[col("Rank")],
  }));
  return { data, shown };
}

const invalid = offScale;

/** What the Scorecard and the Results sheet must show for this data (in grid order), by the model. */
function expectations(data: Row[], policy: MissingPolicy) {
  const valid = data.filter((r) => !r.scores.some(invalid));
  const model = scoreAgreements({
    criteria: CRITERIA.map((c, k) => ({ id: c.id, weight: WEIGHTS[k] })),
    scale: { min: 1, max: 5 },
    agreements: valid.map((r) => ({
      id: r.id,
      scores: Object.fromEntries(CRITERIA.map((c, k) => [c.id, r.scores[k] as number | null])),
    })),
    missing: policy,
  });
  return expectedSheets(data, model);
}

/** Numbers to 9 decimals so that toEqual compares scores to 1e-9 and shows every row in a diff. */
const rounded = roundedDeep;

/** The edited data, after checking that LibreOffice holds exactly what the edit should have made. */
function editedData(edit: Edit, policy: MissingPolicy) {
  const job = replay.result(edit, policy);
  const grid = scorecardGrid(job.reads[0].values);
  const data = edit.data(
    BASE,
    grid.data.map((r) => r.id),
  );
  expect(grid.data).toEqual(data);
  if (edit.sortedBy) {
    const keys = data.map(edit.sortedBy.key);
    const filled = keys.filter((k) => k !== null);
    expect(keys.slice(filled.length).every((k) => k === null)).toBe(true); // blanks last
    const sorted = [...filled].sort((a, b) =>
      typeof a === "number" ? (a as number) - (b as number) : String(a).localeCompare(String(b)),
    );
    expect(filled).toEqual(edit.sortedBy.descending ? sorted.reverse() : sorted);
    expect(new Set(data.map((r) => r.id))).toEqual(new Set(BASE.map((r) => r.id)));
  }
  return { job, grid, data };
}

describe.each(EDITS.map((e) => [e.name, e] as const))("LibreOffice, after %s", (_name, edit) => {
  test.each(POLICIES)("%s: every Weighted score and Rank on the Scorecard equals the model", (policy) => {
    const { grid, data } = editedData(edit, policy);
    expect(rounded(grid.shown)).toEqual(rounded(expectations(data, policy).scorecard));
  });

  test.each(POLICIES)("%s: the Results ranking (ID, score, rank in order) equals the model", (policy) => {
    const { job, data } = editedData(edit, policy);
    const values = job.reads[1].values;
    expect(values[0].slice(0, 5)).toEqual(["Position", "ID", "Agreement", "Weighted score", "Rank"]);
    const shown = values
      .slice(1)
      .filter((r) => r[1] !== "")
      .map((r) => ({ id: String(r[1]), score: r[3], rank: r[4] }));
    expect(rounded(shown)).toEqual(rounded(expectations(data, policy).ranking));
  });
});

// The ops above take their columns from the product's layout; the data must exercise the policies.
test("the fixture exercises what it should: blanks, ties, criteria side by side after five columns", () => {
  expect(replay.all()).toHaveLength(EDITS.length * POLICIES.length);
  expect(COLS.criteria.map((c) => columnIndex(c.column))).toEqual([5, 6, 7, 8]);
  expect(expectations(BASE, "exclude").scorecard.some((r) => r.score === "")).toBe(true);
  expect(new Set(expectations(BASE, "zero").ranking.map((r) => r.rank)).size).toBeLessThan(BASE.length);
});
