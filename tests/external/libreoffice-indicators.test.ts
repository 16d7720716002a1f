/**
 * The two-level scorecard (issue 16) in a real spreadsheet engine (docs/architecture.md §7, layer 3).
 * Scorecards made by the product on excel-sim (createScorecard, then setIndicators on two criteria
 * and indicator scores through upsertAgreements), under each missing-score policy, are exported to
 * .xlsx with every cached formula result poisoned, opened in headless LibreOffice, edited there as
 * people edit them (columns inserted and moved, rows sorted, the sheet renamed, off-scale and text
 * indicator scores pasted, local and criterion weights typed), recalculated hard and read back
 * (support/uno_edit.py).
 *
 * After every edit LibreOffice's criterion cells, Weighted scores and Ranks on the Scorecard, the
 * Results ranking and its contribution-by-indicator chart data, and the Weights sheet's normalized
 * local and global weights must equal the model (scoreHierarchical, leafContributions,
 * globalWeights) on the edited data, or show "check scores" where an
 * indicator cell holds text or a value off the scale. Each case first checks that the edit happened
 * as intended (the grid's scores equal the intended data), so a harness fault cannot pass for a
 * formula fault. LibreOffice and python3-uno are required, never skipped (.ci/run installs them).
 */
import type { MissingPolicy } from "../../src/scoring";
import {
  deriveCriterionScores,
  globalWeights,
  leafContributions,
  normalizedLocalWeights,
  scoreHierarchical,
  type Indicator,
} from "../../src/scoring/indicators";
import { INDICATOR_COLUMNS, INVALID_MARK } from "../../src/workbook/contract/contract";
import { INDICATOR_BLOCK_START } from "../../src/workbook/charts/indicatorContribution";
import { upsertAgreements } from "../../src/workbook/agreements/upsert";
import { setIndicators } from "../../src/workbook/criteria/editIndicators";
import { defaultConfig } from "../workbook/helpers";
import { readNow, suggested } from "../workbook/indicator-support";
import { roundedDeep, tableIn, type UnoCell, type UnoOp } from "./support/uno";
import { excelRowIn, expectedSheets, offScale, reorder, replayEdits } from "./support/editMatrix";
import { POLICIES, WEIGHTS, type Row, type Score } from "./support/editMatrix";

jest.setTimeout(300_000);

const REQUIRED_BY = "tests/external/libreoffice-indicators.test.ts";
const SHEET = "Scorecard";
const TABLE = "Scorecard";

/** The criteria, and the indicators given to two of them with their local weights. */
const CRITERIA = defaultConfig().criteria.map((c) => ({ id: c.id, name: c.name }));
const TREE: Record<string, Indicator[]> = {
  operational_efficiency: suggested("operational_efficiency").map((i, k) => ({
    ...i,
    localWeight: [2, 1, 1][k],
  })),
  threat_response: suggested("threat_response").map((i, k) => ({ ...i, localWeight: [1, 1, 3][k] })),
};
const header = (criterion: string, indicator: Indicator) =>
  `${CRITERIA.find((c) => c.id === criterion)!.name} / ${indicator.name}`;
/** Every leaf in Scorecard column order: a criterion scored directly, or an indicator. */
const LEAVES = CRITERIA.flatMap((c) =>
  TREE[c.id]
    ? TREE[c.id].map((i) => ({ id: i.id, criterionId: c.id, header: header(c.id, i) }))
    : [{ id: c.id, criterionId: c.id, header: c.name }],
);

/** A Row's scores are by leaf, in LEAVES' order. */

/** Full rows, partial rows (one indicator, two, none under a criterion), a tie (K1 and K6). */
const BASE: Row[] = [
  { id: "K1", name: "Northern Shield Pact", scores: [4, 3, 5, 3.5, 2, 4, 4.5, 2] },
  { id: "K2", name: "Atlantic Logistics Accord", scores: [2.5, null, 4, 4, null, 3, 3, 3] },
  { id: "K3", name: "Pacific Maritime Treaty", scores: [5, 4.5, 4, 4.5, 4.5, 1, 2, 1.5] },
  { id: "K4", name: "Baltic Air Policing Agreement", scores: [null, null, null, 3, 3, 3, null, 5] },
  { id: "K5", name: "Desert Training Memorandum", scores: [1.5, 2, 2.5, null, 1, null, null, null] },
  { id: "K6", name: "Coastal Radar Exchange", scores: [4, 3, 5, 3.5, 2, 4, 4.5, 2] },
];

/** An agreement typed by hand below the table, its indicators partly scored. */
const TYPED: Row = { id: "K9", name: "Fjord Submarine Accord", scores: [4.5, null, 3, 2.5, 3, 5, 4, null] };
const TYPED_TEXT: Record<string, string | number> = {
  ID: TYPED.id,
  Agreement: TYPED.name,
  Type: "Bilateral",
  Parties: "A, B",
  Signed: 2024,
  Notes: "typed",
};
/** The typed row's cell under a header: a score, its text, or blank (formula columns included). */
const typedCell = (h: string) => {
  const k = LEAVES.findIndex((l) => l.header === h);
  return k >= 0 ? TYPED.scores[k] : (TYPED_TEXT[h] ?? null);
};

interface Edit {
  name: string;
  ops: UnoOp[];
  /** The data the edit should leave, given the grid's IDs in order (for sorts). */
  data: (base: Row[], ids: string[]) => Row[];
  sheet?: string;
  /** Local weights typed on the Weights sheet, by indicator id. */
  local?: Record<string, number>;
  /** Criterion weights typed on the Weights sheet, by criterion id. */
  weights?: Record<string, number>;
}

const leaf = (id: string) => LEAVES.findIndex((l) => l.id === id);
/** The Scorecard's headers as setIndicators lays them out (checked against the workbook before use). */
const HEADERS = [
  "ID",
  "Agreement",
  "Type",
  "Parties",
  "Signed",
  ...CRITERIA.flatMap((c) => [c.name, ...(TREE[c.id] ?? []).map((i) => header(c.id, i))]),
  "Coverage",
  "Weighted score",
  "Rank",
  "Notes",
];
const columnOf = (h: string) => String.fromCharCode(65 + HEADERS.indexOf(h));
/** The table's header row: row 2, under the header band the first indicators brought. */
const HEADER_ROW = 2;
const excelRow = excelRowIn(BASE, HEADER_ROW);
const withScore = (id: string, leafId: string, score: Score) => (rows: Row[]) =>
  rows.map((r) =>
    r.id === id ? { ...r, scores: r.scores.map((s, k) => (k === leaf(leafId) ? score : s)) } : r,
  );

const logistics = LEAVES[leaf("shared_logistics")].header;
const EDITS: Edit[] = [
  { name: "no edit (control)", ops: [], data: (b) => b },
  {
    name: "a sheet column inserted between a criterion's indicators, with notes typed in it",
    ops: [
      { op: "insertColumns", sheet: SHEET, before: columnOf(logistics) },
      { op: "setValue", sheet: SHEET, cell: `${columnOf(logistics)}${excelRow("K2")}`, value: "my note" },
    ],
    data: (b) => b,
  },
  {
    name: "an indicator column moved before its criterion",
    ops: [
      {
        op: "moveColumn",
        sheet: SHEET,
        column: columnOf(logistics),
        before: columnOf("Operational efficiency"),
      },
    ],
    data: (b) => b,
  },
  {
    name: "a table column inserted between a criterion's indicators (only the table's rows shift)",
    ops: [
      { op: "insertCells", sheet: SHEET, table: TABLE, column: columnOf(logistics), shift: "right" },
      { op: "setValue", sheet: SHEET, cell: `${columnOf(logistics)}${HEADER_ROW}`, value: "My column" },
    ],
    data: (b) => b,
  },
  {
    name: "the user column Parties deleted as a sheet column",
    ops: [{ op: "deleteColumns", sheet: SHEET, column: columnOf("Parties") }],
    data: (b) => b,
  },
  {
    name: "two rows inserted above the table",
    ops: [{ op: "insertRows", sheet: SHEET, before: 1, count: 2 }],
    data: (b) => b,
  },
  {
    name: "the header band's row deleted by hand (the table moves up to row 1)",
    ops: [{ op: "deleteRows", sheet: SHEET, row: 1 }],
    data: (b) => b,
  },
  {
    name: "an agreement typed below the table (the table grows, its formula columns fill down)",
    ops: [{ op: "typeRow", sheet: SHEET, table: TABLE, values: HEADERS.map(typedCell) }],
    data: (b) => [...b, TYPED],
  },
  {
    name: "rows sorted by Agreement name",
    ops: [{ op: "sort", sheet: SHEET, table: TABLE, header: "Agreement" }],
    data: reorder,
  },
  {
    name: "rows sorted by an indicator, descending",
    ops: [{ op: "sort", sheet: SHEET, table: TABLE, header: logistics, descending: true }],
    data: reorder,
  },
  {
    name: "the Scorecard sheet renamed",
    ops: [{ op: "renameSheet", sheet: SHEET, to: "Scores 2025" }],
    sheet: "Scores 2025",
    data: (b) => b,
  },
  {
    name: "an indicator score typed over with another on the scale",
    ops: [{ op: "setValue", sheet: SHEET, cell: `${columnOf(logistics)}${excelRow("K1")}`, value: 1 }],
    data: withScore("K1", "shared_logistics", 1),
  },
  {
    name: "an off-scale 9 pasted into an indicator of a fully scored row",
    ops: [{ op: "setValue", sheet: SHEET, cell: `${columnOf(logistics)}${excelRow("K3")}`, value: 9 }],
    data: withScore("K3", "shared_logistics", 9),
  },
  {
    name: 'the text "high" pasted into the blank indicator of a partly scored row',
    ops: [
      {
        op: "setValue",
        sheet: SHEET,
        cell: `${columnOf(LEAVES[leaf("response_mechanisms")].header)}${excelRow("K4")}`,
        value: "high",
      },
    ],
    data: withScore("K4", "response_mechanisms", "high"),
  },
  {
    name: "a local weight and a criterion weight typed on the Weights sheet",
    ops: [
      { op: "setValue", sheet: "Weights", cell: "O3", value: 5 },
      { op: "setValue", sheet: "Weights", cell: "D5", value: 2 },
    ],
    data: (b) => b,
    local: { shared_logistics: 5 },
    weights: { threat_response: 2 },
  },
];

const agreementScores = (r: Row) =>
  Object.fromEntries(LEAVES.map((l, k) => [l.id, r.scores[k] as number | null]));

const replay = replayEdits({
  requiredBy: REQUIRED_BY,
  edits: EDITS,
  policies: POLICIES,
  weights: WEIGHTS,
  agreements: BASE.map((r, i) => ({
    id: r.id,
    name: r.name,
    type: "Bilateral",
    parties: "A, B",
    signed: 2000 + i,
    scores: Object.fromEntries(
      CRITERIA.filter((c) => !TREE[c.id]).map((c) => [c.id, r.scores[leaf(c.id)] as number | null]),
    ),
    notes: "",
  })),
  minPoisoned: BASE.length * 5,
  prepare: async (run, sim) => {
    for (const [criterionId, indicators] of Object.entries(TREE))
      await setIndicators(run, await readNow(run), criterionId, indicators, { author: "LibreOffice check" });
    const indicatorIds = new Set(Object.values(TREE).flatMap((list) => list.map((i) => i.id)));
    await upsertAgreements(
      run,
      await readNow(run),
      BASE.map((r) => ({
        id: r.id,
        indicatorScores: Object.fromEntries(
          Object.entries(agreementScores(r)).filter(([id]) => indicatorIds.has(id)),
        ),
      })),
      { author: "LibreOffice check" },
    );
    const data = await readNow(run);
    expect(data.issues).toEqual([]);
    expect(sim.inspect.values(SHEET, `A${HEADER_ROW}:S${HEADER_ROW}`)[0]).toEqual(HEADERS);
    // Above it, the header band names each criterion with indicators over its group.
    const band = sim.inspect.values(SHEET, "A1:S1")[0];
    expect(band.filter((v) => v !== "")).toEqual(CRITERIA.filter((c) => TREE[c.id]).map((c) => c.name));
    expect(band.indexOf("Operational efficiency")).toBe(HEADERS.indexOf("Operational efficiency"));
  },
  read: (edit) => [
    { sheet: edit.sheet ?? SHEET },
    { sheet: "Results" },
    { sheet: "Weights", range: "A1:Q7" },
  ],
});

/** The Scorecard table as LibreOffice shows it: leaf scores, criterion cells, score and rank, by header. */
function scorecardGrid(values: UnoCell[][]) {
  const { col, rows } = tableIn(values, ["ID", "Weighted score"], "ID");
  return rows.map((r) => ({
    id: String(r[col("ID")]),
    name: String(r[col("Agreement")]),
    scores: LEAVES.map((l) => (r[col(l.header)] === "" ? null : r[col(l.header)])),
    criteria: Object.fromEntries(
      Object.keys(TREE).map((id) => [id, r[col(CRITERIA.find((c) => c.id === id)!.name)]]),
    ),
    score: r[col("Weighted score")],
    rank: r[col("Rank")],
  }));
}

const invalid = offScale;

function treeFor(edit: Edit): Record<string, Indicator[]> {
  return Object.fromEntries(
    Object.entries(TREE).map(([id, list]) => [
      id,
      list.map((i) => ({ ...i, localWeight: edit.local?.[i.id] ?? i.localWeight })),
    ]),
  );
}
const criteriaFor = (edit: Edit) =>
  CRITERIA.map((c, k) => ({ id: c.id, weight: edit.weights?.[c.id] ?? WEIGHTS[k] }));

/** What LibreOffice must show for this data (in grid order), by the model alone. */
function expectations(data: Row[], edit: Edit, policy: MissingPolicy) {
  const valid = data.filter((r) => !r.scores.some(invalid));
  const model = scoreHierarchical({
    criteria: criteriaFor(edit),
    indicators: treeFor(edit),
    scale: { min: 1, max: 5 },
    agreements: valid.map((r) => ({ id: r.id, scores: agreementScores(r) })),
    missing: policy,
  });
  // Each criterion cell on its own: an invalid indicator marks only its own criterion.
  const derived = deriveCriterionScores({
    criteria: criteriaFor(edit),
    indicators: treeFor(edit),
    scale: { min: 1, max: 5 },
    agreements: data.map((r) => ({
      id: r.id,
      scores: agreementScores({ ...r, scores: r.scores.map((x) => (invalid(x) ? null : x)) }),
    })),
    missing: policy,
  });
  return expectedSheets(data, model, (r, a) => ({
    criteria: Object.fromEntries(
      Object.keys(TREE).map((id) => {
        const own = LEAVES.flatMap((l, k) => (l.criterionId === id ? [r.scores[k]] : []));
        return [id, own.some(invalid) ? INVALID_MARK : (derived[a].scores[id] ?? "")];
      }),
    ),
  }));
}

const round = roundedDeep;

/** The model's points per leaf (LEAVES' order) of each agreement with a valid row, by id. */
function leafPointsFor(data: Row[], edit: Edit, policy: MissingPolicy) {
  const split = leafContributions({
    criteria: criteriaFor(edit),
    indicators: treeFor(edit),
    scale: { min: 1, max: 5 },
    agreements: data
      .filter((r) => !r.scores.some(invalid))
      .map((r) => ({ id: r.id, scores: agreementScores(r) })),
    missing: policy,
  });
  expect(split.leaves.map((l) => l.indicatorId ?? l.criterionId)).toEqual(LEAVES.map((l) => l.id));
  return new Map(split.agreements.map((a) => [a.id, a.points]));
}

function edited(edit: Edit, policy: MissingPolicy) {
  const job = replay.result(edit, policy);
  const grid = scorecardGrid(job.reads[0].values);
  const data = edit.data(
    BASE,
    grid.map((r) => r.id),
  );
  // The edit happened as intended: the grid holds exactly the intended scores.
  expect(grid.map(({ id, name, scores }) => ({ id, name, scores }))).toEqual(data);
  return { job, grid, data };
}

describe("LibreOffice recalculates a two-level scorecard under hand edits like the model", () => {
  test("the cases are built: every edit under every policy, with partial rows", () => {
    expect(replay.all()).toHaveLength(EDITS.length * POLICIES.length);
    expect(
      expectations(BASE, EDITS[0], "exclude").scorecard.filter((r) => r.score === "").length,
    ).toBeGreaterThan(0);
  });

  describe.each(POLICIES)("%s", (policy) => {
    test.each(EDITS.map((e) => e.name))(
      "%s: criterion cells, Weighted scores and Ranks on the Scorecard",
      (name) => {
        const edit = EDITS.find((e) => e.name === name)!;
        const { grid, data } = edited(edit, policy);
        const shown = grid.map(({ id, criteria, score, rank }) => ({ id, criteria, score, rank }));
        expect(round(shown)).toEqual(round(expectations(data, edit, policy).scorecard));
      },
    );

    test.each(EDITS.map((e) => e.name))("%s: the Results ranking in order", (name) => {
      const edit = EDITS.find((e) => e.name === name)!;
      const { job, data } = edited(edit, policy);
      const shown = job.reads[1].values
        .slice(1)
        .filter((r) => r[1] !== "")
        .map((r) => ({ id: String(r[1]), score: r[3], rank: r[4] }));
      expect(round(shown)).toEqual(round(expectations(data, edit, policy).ranking));
    });

    test.each(EDITS.map((e) => e.name))(
      "%s: the contribution-by-indicator chart's data on the Results sheet",
      (name) => {
        const edit = EDITS.find((e) => e.name === name)!;
        const { job, data } = edited(edit, policy);
        const results = job.reads[1].values;
        const block = (r: UnoCell[]) => r.slice(INDICATOR_BLOCK_START, INDICATOR_BLOCK_START + LEAVES.length);
        expect(block(results[0])).toEqual(LEAVES.map((l) => l.header));
        // The block charts the places the scorecard had agreements for when it was written.
        const ranked = expectations(data, edit, policy).ranking.slice(0, BASE.length);
        const shown = results
          .slice(1, ranked.length + 1)
          .map((r) => ({ id: String(r[1]), points: block(r) }));
        const want = leafPointsFor(data, edit, policy);
        expect(shown.map((s) => s.id)).toEqual(ranked.map((r) => r.id));
        // Compared to 9 decimals, not rounded: a rounding boundary would split float noise.
        expect(shown).toEqual(
          shown.map(({ id }) => ({ id, points: want.get(id)!.map((w) => expect.closeTo(w!, 9)) })),
        );
        // Each place's segments add up to its Weighted score on the ranking.
        shown.forEach(({ points }, p) =>
          expect(points.reduce<number>((sum, x) => sum + Number(x), 0)).toBeCloseTo(ranked[p].score, 9),
        );
      },
    );

    test.each(EDITS.map((e) => e.name))(
      "%s: normalized local and global weights on the Weights sheet",
      (name) => {
        const edit = EDITS.find((e) => e.name === name)!;
        const values = replay.result(edit, policy).reads[2].values;
        const tree = treeFor(edit);
        const global = globalWeights(criteriaFor(edit), tree).leaves.filter((l) => l.indicatorId !== null);
        const want = global.map((g) => {
          const list = tree[g.criterionId];
          const local = normalizedLocalWeights(g.criterionId, list)[
            list.findIndex((i) => i.id === g.indicatorId)
          ];
          return [
            g.criterionId,
            g.indicatorId,
            list.find((i) => i.id === g.indicatorId)!.localWeight,
            local,
            g.weight,
          ];
        });
        const shown = values.slice(1).map((r) => [r[9], r[10], r[14], r[15], r[16]]);
        expect(values[0].slice(9)).toEqual([...INDICATOR_COLUMNS]);
        expect(round(shown)).toEqual(round(want));
      },
    );
  });
});
