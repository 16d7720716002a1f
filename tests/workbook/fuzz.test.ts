/**
 * Fuzzing the read path: random scorecards, edited at random as users edit them (typing, pasting,
 * deleting rows and columns, renaming, tampering with the metadata), are read back. The read must
 * always give a model or a WorkbookError that names the place — never a crash, never a wrong number.
 *
 * "Never a wrong number" is checked against the sheet itself (excel-sim's inspector, not the read):
 * every score the read returns is what its cell holds, every criterion cell that holds something the
 * model cannot use is an issue at its exact address, the read's Coverage, Weighted score and Rank
 * of every row are the model's, and every such cell the sheet shows otherwise is an issue at its
 * address. After the hand edits of a shared workbook (columns, rows, sorts, renames, rows typed
 * below the table, values typed over the formulas), "Repair formulas" must leave nothing to repair
 * and a Results ranking that is the model's.
 *
 * Bugs still open are kept clear of where they would fail a property, each with a comment saying
 * why (search for "reported bug"); docs/robustness.md lists them under Known gaps.
 */
import fc from "fast-check";
import { consensusTable, scoreAgreements } from "../../src/scoring";
import type { MissingPolicy, Scale } from "../../src/scoring";
import type { ConsensusMethod } from "../../src/scoring/consensus";
import { excelTrim } from "../../src/workbook/team/reviewFormulas";
import { columnLetter } from "../../src/workbook/contract/addresses";
import { DEFAULT_HEADERS, INVALID_MARK, SCHEMA_VERSION } from "../../src/workbook/contract/contract";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { WorkbookError } from "../../src/workbook/errors";
import { RANKING_MARGIN, WEIGHTS_LAYOUT, type ScorecardConfig } from "../../src/workbook/contract/layout";
import { locateScorecard } from "../../src/workbook/scorecard/locate";
import { saveProfile } from "../../src/workbook/weights/profiles";
import type { AgreementRecord, ScorecardLocation, ScorecardData } from "../../src/workbook/model";
import { readScorecard } from "../../src/workbook/scorecard/read";
import { repairFormulas } from "../../src/workbook/scorecard/repair";
import { writeReviews } from "../../src/workbook/team/writeReviews";
import type { ExcelRun } from "../../src/workbook/run";
import { switchToTeam } from "../../src/workbook/team/mode";
import { expectFormulasMatchModel, newWorkbook } from "./helpers";

type Sim = ReturnType<typeof newWorkbook>["sim"];
type CellInput = string | number | boolean;

// ------------------------------------------------------------------------------------ generators

const FIXED_HEADERS = new Set(Object.values(DEFAULT_HEADERS).map((h) => h.toLowerCase()));
const key = (s: string) => s.trim().toLowerCase();

/** Text as users type it: any Unicode, quotes, and the characters Excel reads as formula or operator. */
const userText = fc
  .tuple(
    fc.constantFrom("", "", "=", "+", "-", "@", "'", '"', "~", "*", "?", "#", " ", "<", ">"),
    fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.string({ unit: "binary", maxLength: 6 }),
    ),
  )
  .map(([prefix, rest]) => prefix + rest);

const SCALES: Scale[] = [
  { min: 1, max: 5 },
  { min: 0, max: 10 },
  { min: 1, max: 7 },
  { min: 0, max: 100 },
  { min: -2, max: 2.5 },
  { min: 0.1, max: 0.7 },
];

const onScale = (scale: Scale) =>
  fc.oneof(
    fc.constantFrom(scale.min, scale.max, (scale.min + scale.max) / 2),
    fc.double({ min: scale.min, max: scale.max, noNaN: true }),
    fc
      .integer({ min: 0, max: 20 })
      .map((k) => Math.min(scale.max, Math.max(scale.min, Math.round(scale.min) + k))),
  );

/**
 * Numbers off the scale, kept clear of its bounds by more than float noise: the sheet compares
 * numbers to 15 significant digits (as Excel does), the model exactly, and a value one ulp past a
 * bound is a question about Excel's arithmetic, not about the read path.
 */
const offScale = (scale: Scale) => {
  const slack = 1e-9 * Math.max(1, Math.abs(scale.min), Math.abs(scale.max));
  return fc.oneof(
    fc.constantFrom(scale.min - 1, scale.max + 1, -1e308, 1e308, -1e-300 - 1, 2 * scale.max + 3),
    fc.double({ min: scale.max + slack, max: 1e308, noNaN: true }),
    fc.double({ min: -1e308, max: scale.min - slack, noNaN: true }),
  );
};

const SPECIAL_INPUTS = [
  "",
  "NaN",
  "#N/A",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "Infinity",
  "-Infinity",
  "TRUE",
  "FALSE",
  "abc",
  " ",
  "'3",
  "3",
  "50%",
  "1e308",
  "-0",
  "2024-01-15",
  "=1/0",
  "=NA()",
  '=""',
  '="x"',
  "=TRUE",
  "=AS_ScaleMax",
  "=AS_ScaleMin",
  "=AS_ScaleMax+1",
  "=SQRT(-1)",
  "=1E308*10",
  "=-1",
  "=$A$1",
];

/** What a user types or pastes into a criterion cell. */
const criterionInput = (scale: Scale): fc.Arbitrary<CellInput> =>
  fc.oneof(
    { weight: 4, arbitrary: onScale(scale) },
    { weight: 2, arbitrary: offScale(scale) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_INPUTS) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: userText },
    { weight: 1, arbitrary: onScale(scale).map((v) => `=${v}`) },
  );

/** What a user types or pastes into a text column (ID, Agreement, Notes …). */
const textInput: fc.Arbitrary<CellInput> = fc.oneof(
  { weight: 4, arbitrary: userText },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_INPUTS) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 2030 }) },
  { weight: 1, arbitrary: fc.boolean() },
);

/**
 * Criterion names as users type them, "=1+1" and "-Cost" included (text on every sheet). Names with
 * a line break or a tab are refused by validateCriteria (tests/scoring/criteria.test.ts).
 */
const criterionName = userText.filter(
  (s) => s.trim() !== "" && !FIXED_HEADERS.has(key(s)) && !/[\t\r\n]/.test(s),
);

/**
 * Criteria with name-safe ids and names that differ by more than case: two names equal but for case
 * are refused by validateCriteria (Excel would rename the second header).
 */
const criteriaArb = (maxCount: number) =>
  fc.uniqueArray(criterionName, { minLength: 1, maxLength: maxCount, selector: key }).chain((names) =>
    fc
      .tuple(
        fc.array(
          fc.oneof(
            fc.constant(0),
            fc.integer({ min: 1, max: 10 }),
            fc.double({ min: 0.001, max: 1000, noNaN: true }),
          ),
          { minLength: names.length, maxLength: names.length },
        ),
        fc.integer({ min: 0, max: names.length - 1 }),
      )
      .map(([weights, positive]) =>
        names.map((name, k) => ({
          id: `c${k}_${name.length}`,
          name,
          definition: "",
          weight: k === positive && weights[k] === 0 ? 1 : weights[k],
        })),
      ),
  );

const policyArb = fc.constantFrom<MissingPolicy>("exclude", "renormalize", "zero");

/**
 * IDs that a lookup could take for something else: wildcards, operators and quotes; numbers,
 * dates, percentages and logical values as text; error names; 16-digit references that differ in
 * the last digit; blanks around.
 */
const TEAM_IDS = [
  "1e3",
  "1000",
  "0010",
  "10",
  "2024-01-15",
  "45306",
  "50%",
  "0.5",
  "TRUE",
  "false",
  "#N/A",
  "#REF!",
  "1234567890123456",
  "1234567890123457",
  " padded ",
  "#x",
  "#1",
  "12",
  "A*",
  "a?",
  "~1",
  "~*",
  "=x",
  "<5",
  ">=1",
  "<>",
  "*",
  "?",
  "~",
  "'q",
  '"q"',
  "x y",
];

/**
 * IDs unique without case and surrounding blanks, as createScorecard requires; a team's also
 * without runs of inner spaces, which Excel's TRIM makes one (the consensus formulas compare IDs
 * as TRIM gives them). Other IDs beginning with "#" ("#x") are text.
 */
const teamKey = (id: string) => excelTrim(key(id));

const agreementsArb = (config: ScorecardConfig, maxCount: number, team = false) =>
  fc
    .uniqueArray(
      team
        ? fc.oneof(userText, fc.constantFrom(...TEAM_IDS)).filter((s) => s.trim() !== "")
        : userText.filter((s) => s.trim() !== ""),
      { minLength: team ? 1 : 0, maxLength: maxCount, selector: team ? teamKey : key },
    )
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            name: userText,
            type: fc.constantFrom("bilateral", "multilateral", "", "=x", "+1"),
            parties: userText,
            signed: fc.oneof(fc.constant(null), fc.integer({ min: 1945, max: 2030 }), userText),
            notes: userText,
            scores: fc
              .tuple(...config.criteria.map(() => fc.option(onScale(config.scale), { nil: null, freq: 3 })))
              .map((scores) => Object.fromEntries(config.criteria.map((c, k) => [c.id, scores[k]]))),
          }),
        ),
      ),
    )
    .map((agreements): AgreementRecord[] => agreements);

const scorecardArb = (maxCriteria: number, maxAgreements: number, team = false) =>
  fc
    .record({
      criteria: criteriaArb(maxCriteria),
      scale: fc.constantFrom(...SCALES),
      missingPolicy: policyArb,
    })
    .chain((config: ScorecardConfig) =>
      agreementsArb(config, maxAgreements, team).map((agreements) => ({ config, agreements })),
    );

/**
 * A scorecard, as scorecardArb draws it, and beside it the values that `more` draws for its config
 * (edits that fit its scale, its criteria…).
 */
function scorecardAnd<T extends object>(
  scorecard: ReturnType<typeof scorecardArb>,
  more: (config: ScorecardConfig) => { [K in keyof T]: fc.Arbitrary<T[K]> },
) {
  return scorecard.chain(({ config, agreements }) =>
    fc.record(more(config)).map((drawn) => ({ config, agreements, ...drawn })),
  );
}

/** One cell edit on the Scorecard: `row` and `column` are picked modulo the table's size. */
interface CellEdit {
  how: "type" | "paste";
  row: number;
  /** A criterion (by index) or a role column. */
  column: { criterion: number } | { role: "id" | "name" | "type" | "parties" | "signed" | "notes" };
  value: CellInput;
  /** For ID cells: take another row's ID instead (a duplicate), in this case or upper case. */
  duplicateOf?: { row: number; upper: boolean };
}

const cellEditArb = (scale: Scale): fc.Arbitrary<CellEdit> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        how: fc.constantFrom<CellEdit["how"]>("type", "paste"),
        row: fc.nat(40),
        column: fc.nat(20).map((criterion) => ({ criterion })),
        value: criterionInput(scale),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          how: fc.constantFrom<CellEdit["how"]>("type", "paste"),
          row: fc.nat(40),
          column: fc
            .constantFrom("id", "name", "type", "parties", "signed", "notes" as const)
            .map((role) => ({ role })),
          value: textInput,
          duplicateOf: fc.record({ row: fc.nat(40), upper: fc.boolean() }),
        },
        { requiredKeys: ["how", "row", "column", "value"] },
      ),
    },
  );

// ------------------------------------------------------------------------------------ helpers

async function setUp(config: ScorecardConfig, agreements: AgreementRecord[]) {
  const { sim, run } = newWorkbook();
  const { location } = await createScorecard(run, { config, agreements });
  return { sim, run, location };
}

/**
 * Writes through the API, as a paste does: data validation does not apply. Excel refuses a formula
 * it cannot parse ("={"), as it refuses the user's typing.
 */
async function paste(run: ExcelRun, sheet: string, address: string, value: CellInput) {
  await attempt(run, (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
  });
}

/** A change Excel may refuse (a sheet already gone, a name taken): the refusal is not under test. */
async function attempt(run: ExcelRun, batch: (context: Excel.RequestContext) => void) {
  await run(async (context) => {
    batch(context);
    await context.sync();
  }).catch((error: unknown) => {
    expect(error).toHaveProperty("code");
  });
}

const tableOf = (sim: Sim, name: string) => {
  const model = sim.inspect.model();
  const table = model.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!table) return null;
  const sheet = model.sheets.find((s) => s.id === table.sheetId)!.name;
  const { r0, c0, r1, c1 } = table.rect;
  return { sheet, r0, c0, r1, c1, columns: table.columns.map((c) => c.name) };
};

async function applyCellEdit(sim: Sim, run: ExcelRun, location: ScorecardLocation, edit: CellEdit) {
  const meta = location.meta;
  const table = tableOf(sim, meta.scorecardTable)!;
  const bodyRows = table.r1 - table.r0;
  const rowOf = (n: number) => table.r0 + 2 + (n % bodyRows);
  const col = (header: string) =>
    columnLetter(table.c0 + table.columns.findIndex((c) => key(c) === key(header)));
  const header =
    "criterion" in edit.column
      ? meta.criteria[edit.column.criterion % meta.criteria.length].header
      : meta.columns[edit.column.role];
  // A column deleted by an earlier edit: nothing to type in.
  if (!table.columns.some((c) => key(c) === key(header))) return;
  const column = col(header);
  let value = edit.value;
  if (edit.duplicateOf && "role" in edit.column && edit.column.role === "id") {
    const other = sim.inspect.cell(table.sheet, `${col(meta.columns.id)}${rowOf(edit.duplicateOf.row)}`);
    const text = String(other.value);
    value = `'${edit.duplicateOf.upper ? text.toUpperCase() : text}`;
  }
  const address = `${column}${rowOf(edit.row)}`;
  if (edit.how === "type") sim.userEdit(table.sheet, address, value);
  else await paste(run, table.sheet, address, value);
}

type Outcome = { data: ScorecardData; error?: undefined } | { data?: undefined; error: WorkbookError };

/** Anything but data or a WorkbookError that names its place fails the property. */
function expectClearError(error: unknown): asserts error is WorkbookError {
  if (!(error instanceof WorkbookError)) throw error;
  expect(error.message.trim()).not.toBe("");
  const { sheet, table, column } = error.place;
  const places = [sheet, table, column].filter((p): p is string => typeof p === "string" && p !== "");
  // A newer schema is about the whole workbook: the message says which versions instead.
  if (error.code === "NewerSchema") return expect(error.message).toMatch(/newer version.*schema \d+/);
  // The message says where: a sheet, table or column of its place, or a quoted name (AS_ScaleMin).
  expect(places.some((p) => error.message.includes(p)) || /"[^"]+"/.test(error.message)).toBe(true);
}

/**
 * A read that never returns is a failure too: it loops through Excel.run batches on microtasks
 * alone (no timer would ever fire), so the batches are counted. A read takes a handful.
 */
function bounded(run: ExcelRun, what: string): ExcelRun {
  let batches = 0;
  return (batch) => {
    if (++batches > 50) throw new Error(`${what} ran more than 50 Excel.run batches: it loops`);
    return run(batch);
  };
}

async function read(run: ExcelRun, location: ScorecardLocation): Promise<Outcome> {
  try {
    return { data: await readScorecard(bounded(run, "readScorecard"), location) };
  } catch (error) {
    expectClearError(error);
    return { error };
  }
}

const usable = (value: unknown, scale: Scale) =>
  value === "" || (typeof value === "number" && value >= scale.min && value <= scale.max);

/**
 * The read against the sheet (what excel-sim holds, found without the read's help): every agreement
 * row is read, every score is its cell's value, every unusable criterion cell, blank ID and
 * repeated ID is an issue at its address, and no other criterion cell is. Returns, per agreement,
 * whether all its criterion cells are usable (the rows the Weighted score formula scores).
 */
function expectReadMatchesSheet(sim: Sim, data: ScorecardData, options: { team: boolean }): boolean[] {
  const meta = data.location.meta;
  const scale = data.config.scale;
  const table = tableOf(sim, meta.scorecardTable)!;
  const index = (header: string) => table.columns.findIndex((c) => key(c) === key(header));
  const letter = (header: string) => columnLetter(table.c0 + index(header));
  const criterionColumns = meta.criteria.map((c) => letter(c.header));
  expect(data.columns.criteria.map((c) => c.column)).toEqual(criterionColumns);
  const idColumn = letter(meta.columns.id);
  const nameColumn = letter(meta.columns.name);
  const value = (address: string) => sim.inspect.cell(table.sheet, address).value;

  // Every body row that holds an ID, a name or a score is an agreement, in sheet order.
  const expectedRows: number[] = [];
  for (let row = table.r0 + 2; row <= table.r1 + 1; row++) {
    const empty =
      String(value(`${idColumn}${row}`)).trim() === "" &&
      String(value(`${nameColumn}${row}`)).trim() === "" &&
      criterionColumns.every((c) => value(`${c}${row}`) === "");
    if (!empty) expectedRows.push(row);
  }
  expect(data.rows).toEqual(expectedRows);

  const sheetIssues = data.issues.filter((i) => i.sheet === meta.sheets.scorecard);
  const criterionIssues = new Set(
    sheetIssues.filter((i) => i.criterionId !== undefined).map((i) => i.address),
  );
  const expectedIssues = new Set<string>();
  const scorable = data.agreements.map((agreement, i) => {
    const row = data.rows[i];
    expect(agreement.id).toBe(String(value(`${idColumn}${row}`)).trim());
    let all = true;
    meta.criteria.forEach((c, k) => {
      const address = `${criterionColumns[k]}${row}`;
      const cell = value(address);
      const score = agreement.scores[c.id];
      // (a) a score is null or a number on the scale, and (never a wrong number) the cell's own.
      if (score !== null) {
        expect(Number.isFinite(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(scale.min);
        expect(score).toBeLessThanOrEqual(scale.max);
      }
      if (usable(cell, scale)) expect(score).toBe(cell === "" ? null : cell);
      else {
        // (b) the unusable cell is reported at its exact address.
        expect(score).toBeNull();
        expectedIssues.add(address);
        all = false;
      }
    });
    return all;
  });
  for (const address of expectedIssues) expect(criterionIssues).toContain(address);
  // In single mode nothing else is an issue; a team's consensus cells may also be "typed over".
  if (!options.team) expect(criterionIssues.size).toBe(expectedIssues.size);

  // Blank and repeated IDs.
  const idIssues = new Set(sheetIssues.filter((i) => i.criterionId === undefined).map((i) => i.address));
  const seen = new Set<string>();
  data.agreements.forEach((a, i) => {
    const address = `${idColumn}${data.rows[i]}`;
    if (a.id === "" || seen.has(a.id.toLowerCase())) expect(idIssues).toContain(address);
    else expect(idIssues).not.toContain(address);
    if (a.id !== "") seen.add(a.id.toLowerCase());
  });
  return scorable;
}

/**
 * (c) The read's Coverage, Weighted score and Rank of every row are the model's on what the
 * criterion cells hold, and each owned cell that shows something else is an issue at its address
 * (a blank or repeated ID included: the check is keyed by row).
 */
function expectComputedMatchesModel(sim: Sim, data: ScorecardData, scorable: boolean[]) {
  if (sim.inspect.circularReferences().length > 0) return;
  expectResultsAreModel(data, scorable);
  expectOwnedCellsShownOrReported(sim, data);
}

/**
 * Whether the workbook's formulas can score at all: some weight above 0, and no weight or bound
 * near the float maximum (100 · w · (s − min) then overflows to #NUM! where the model, which
 * normalizes first, still scores; an absurd scale, not a wrong number).
 */
const comparable = (data: ScorecardData) =>
  data.config.criteria.some((c) => c.weight > 0) &&
  [...data.config.criteria.map((c) => c.weight), data.config.scale.min, data.config.scale.max].every(
    (v) => Math.abs(v) < 1e100,
  );

// ------------------------------------------------------------------------------------ structure

type TableRole = "scorecard" | "weights" | "audit" | "profiles";
type SheetRole = "scorecard" | "weights" | "results" | "audit" | "meta";

/** A change to the workbook's structure, as users make them (and a few no user should). */
type Structural =
  | { kind: "renameHeader"; column: number; to: string | "upper" | { copyOf: number } }
  | { kind: "deleteTableColumn"; column: number }
  | { kind: "deleteSheetColumn"; column: number }
  | { kind: "insertSheetColumn"; column: number }
  | { kind: "deleteRow"; row: number }
  | { kind: "insertRow"; row: number }
  | { kind: "sortRows"; order: number[] }
  | { kind: "deleteTable"; table: TableRole; convert: boolean }
  | { kind: "renameTable"; table: TableRole; to: string }
  | { kind: "deleteSheet"; sheet: SheetRole }
  | { kind: "renameSheet"; sheet: SheetRole; to: string }
  | { kind: "deleteName"; name: "AS_Meta" | "AS_ScaleMin" | "AS_ScaleMax" | "weight"; criterion: number }
  | { kind: "tamperMeta"; row: number; column: "A" | "B"; value: CellInput }
  | { kind: "schemaVersion"; value: CellInput }
  | { kind: "clearMeta" }
  | { kind: "weightsCell"; address: "weight" | "id" | "H1" | "H2"; criterion: number; value: CellInput }
  | { kind: "protect"; sheet: SheetRole };

const tableRole = fc.constantFrom<TableRole>("scorecard", "weights", "audit", "profiles");
const sheetRole = fc.constantFrom<SheetRole>("scorecard", "weights", "results", "audit", "meta");
const newName = fc.oneof(
  fc.constantFrom("Mine", "Scorecard", "Scorecard2", "ScorecardWeights", "ScorecardAudit", "Weights", "T_1"),
  userText,
);

/** Garbage for a metadata cell: unreadable text, JSON of the wrong shape, plausible wrong values. */
const metaGarbage: fc.Arbitrary<CellInput> = fc.oneof(
  fc.constantFrom(
    "'{not json",
    "'",
    "'null",
    "'[]",
    "'{}",
    '\'""',
    "'0",
    "'-1",
    "'1e999",
    "'true",
    '\'"Scorecard"',
    '\'"ScorecardWeights"',
    '\'"team"',
    '\'"median"',
    '\'"zero"',
    '\'{"min":1,"max":1e999}',
    '\'{"min":5,"max":1}',
    '\'[{"id":"x","header":"ID"}]',
    '\'[{"id":"__proto__","header":"Notes"}]',
    "",
    "garbage",
    "=1/0",
    "42",
    "TRUE",
  ),
  fc.jsonValue({ maxDepth: 2 }).map((v) => `'${JSON.stringify(v)}`),
  textInput,
);

const structuralArb = (scale: Scale): fc.Arbitrary<Structural> =>
  fc.oneof(
    fc.record({
      kind: fc.constant("renameHeader" as const),
      column: fc.nat(30),
      to: fc.oneof(
        userText,
        fc.constant("upper" as const),
        fc.nat(30).map((copyOf) => ({ copyOf })),
      ),
    }),
    fc.record({ kind: fc.constant("deleteTableColumn" as const), column: fc.nat(30) }),
    fc.record({ kind: fc.constant("deleteSheetColumn" as const), column: fc.nat(30) }),
    fc.record({ kind: fc.constant("insertSheetColumn" as const), column: fc.nat(30) }),
    fc.record({ kind: fc.constant("deleteRow" as const), row: fc.nat(40) }),
    fc.record({ kind: fc.constant("insertRow" as const), row: fc.nat(40) }),
    fc.record({ kind: fc.constant("sortRows" as const), order: fc.array(fc.nat(), { maxLength: 40 }) }),
    fc.record({ kind: fc.constant("deleteTable" as const), table: tableRole, convert: fc.boolean() }),
    fc.record({ kind: fc.constant("renameTable" as const), table: tableRole, to: newName }),
    fc.record({ kind: fc.constant("deleteSheet" as const), sheet: sheetRole }),
    fc.record({ kind: fc.constant("renameSheet" as const), sheet: sheetRole, to: newName }),
    fc.record({
      kind: fc.constant("deleteName" as const),
      name: fc.constantFrom(
        "AS_Meta" as const,
        "AS_ScaleMin" as const,
        "AS_ScaleMax" as const,
        "weight" as const,
      ),
      criterion: fc.nat(20),
    }),
    fc.record({
      kind: fc.constant("tamperMeta" as const),
      row: fc.integer({ min: 1, max: 40 }),
      column: fc.constantFrom("A" as const, "B" as const, "B" as const),
      value: metaGarbage,
    }),
    fc.record({
      kind: fc.constant("schemaVersion" as const),
      value: fc.constantFrom<CellInput>(
        SCHEMA_VERSION + 1,
        `'${SCHEMA_VERSION + 1}`,
        "'1",
        "'2",
        "'0",
        "'2.5",
        '\'"3"',
        "'99999999999",
        "",
      ),
    }),
    fc.record({ kind: fc.constant("clearMeta" as const) }),
    fc.record({
      kind: fc.constant("weightsCell" as const),
      address: fc.constantFrom("weight" as const, "id" as const, "H1" as const, "H2" as const),
      criterion: fc.nat(20),
      // No bounds within float noise of the scores (see offScale): Excel takes 15 digits as typed.
      value: fc.oneof(
        fc.constantFrom(...SPECIAL_INPUTS),
        fc.constantFrom<CellInput>(0, -1, 2, 3, 6, 1e308, -1e308, "", "'a lot", true, scale.max, scale.min),
      ),
    }),
    fc.record({ kind: fc.constant("protect" as const), sheet: sheetRole }),
  );

async function applyStructural(sim: Sim, run: ExcelRun, location: ScorecardLocation, edit: Structural) {
  const meta = location.meta;
  const tableName = {
    scorecard: meta.scorecardTable,
    weights: meta.weightsTable,
    audit: meta.audit!.table,
    profiles: meta.profilesTable ?? "ScorecardProfiles",
  };
  const sheetName = {
    scorecard: meta.sheets.scorecard,
    weights: meta.sheets.weights,
    results: meta.sheets.results,
    audit: meta.audit!.sheet,
    meta: meta.sheets.meta,
  };
  const scorecard = tableOf(sim, meta.scorecardTable);
  // Where the Scorecard table is now (its sheet may have been renamed by an earlier edit).
  const scorecardSheet = scorecard?.sheet ?? meta.sheets.scorecard;
  const sheet = (context: Excel.RequestContext, name: string) => context.workbook.worksheets.getItem(name);
  switch (edit.kind) {
    case "renameHeader": {
      if (!scorecard) return;
      const k = edit.column % scorecard.columns.length;
      const current = scorecard.columns[k];
      const to =
        edit.to === "upper"
          ? current.toUpperCase()
          : typeof edit.to === "string"
            ? edit.to
            : scorecard.columns[edit.to.copyOf % scorecard.columns.length];
      sim.userEdit(scorecard.sheet, `${columnLetter(scorecard.c0 + k)}${scorecard.r0 + 1}`, to);
      return;
    }
    case "deleteTableColumn":
      return attempt(run, (c) => {
        const table = c.workbook.tables.getItem(meta.scorecardTable);
        table.columns.getItemAt(edit.column % (scorecard?.columns.length ?? 1)).delete();
      });
    case "deleteSheetColumn":
    case "insertSheetColumn": {
      const letter = columnLetter(edit.column % 20);
      return attempt(run, (c) => {
        const range = sheet(c, scorecardSheet).getRange(`${letter}:${letter}`);
        if (edit.kind === "deleteSheetColumn") range.delete("Left");
        else range.insert("Right");
      });
    }
    case "deleteRow":
    case "insertRow": {
      const rows = scorecard ? scorecard.r1 - scorecard.r0 + 2 : 3;
      const row = 1 + (edit.row % rows);
      return attempt(run, (c) => {
        const range = sheet(c, scorecardSheet).getRange(`${row}:${row}`);
        if (edit.kind === "deleteRow") range.delete("Up");
        else range.insert("Down");
      });
    }
    case "sortRows": {
      // A sort by hand: the rows' typed cells in another order (the formulas stay per row).
      if (!scorecard || scorecard.r1 - scorecard.r0 < 2) return;
      const first = scorecard.r0 + 2;
      const last = scorecard.r1 + 1;
      const width = scorecard.columns.length;
      const address = `${columnLetter(scorecard.c0)}${first}:${columnLetter(scorecard.c0 + width - 1)}${last}`;
      const formulas = sim.inspect.formulas(scorecard.sheet, address);
      const keys = formulas.map((_, i) => edit.order[i] ?? i);
      const order = formulas.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
      const typed = (v: string | number | boolean) =>
        typeof v === "string" && v !== "" && !v.startsWith("=") ? `'${v}` : v;
      const formulaColumn = formulas[0].map((_, j) => formulas.some((r) => String(r[j]).startsWith("=")));
      return attempt(run, (c) => {
        sheet(c, scorecard.sheet).getRange(address).values = order.map((i) =>
          formulas[i].map((v, j) => (formulaColumn[j] ? null : typed(v))),
        ) as CellInput[][];
      });
    }
    case "deleteTable":
      return attempt(run, (c) => {
        if (edit.table === "audit") sheet(c, meta.audit!.sheet).protection.unprotect();
        const table = c.workbook.tables.getItem(tableName[edit.table]);
        if (edit.convert) table.convertToRange();
        else table.delete();
      });
    case "renameTable":
      return attempt(run, (c) => {
        c.workbook.tables.getItem(tableName[edit.table]).name = edit.to;
      });
    case "deleteSheet":
      return attempt(run, (c) => {
        const target = sheet(c, sheetName[edit.sheet]);
        target.protection.unprotect();
        target.delete();
      });
    case "renameSheet":
      return attempt(run, (c) => {
        sheet(c, sheetName[edit.sheet]).name = edit.to;
      });
    case "deleteName": {
      const name =
        edit.name === "weight"
          ? `AS_W_${meta.criteria[edit.criterion % meta.criteria.length].id}`
          : edit.name;
      return attempt(run, (c) => c.workbook.names.getItem(name).delete());
    }
    case "tamperMeta":
      return attempt(run, (c) => {
        sheet(c, meta.sheets.meta).getRange(`${edit.column}${edit.row}`).values = [[edit.value]];
      });
    case "schemaVersion":
      return attempt(run, (c) => {
        sheet(c, meta.sheets.meta).getRange("B1").values = [[edit.value]];
      });
    case "clearMeta":
      return attempt(run, (c) => sheet(c, meta.sheets.meta).getRange("A1:B40").clear());
    case "weightsCell": {
      const row = 2 + (edit.criterion % meta.criteria.length);
      const address =
        edit.address === "weight" ? `D${row}` : edit.address === "id" ? `A${row}` : edit.address;
      return paste(run, meta.sheets.weights, address, edit.value);
    }
    case "protect":
      return attempt(run, (c) => sheet(c, sheetName[edit.sheet]).protection.protect());
  }
}

// ------------------------------------------------------------------------------------ hand edits

/**
 * The edits of issue "Never a wrong number under hand edits", as people make them in a shared
 * workbook: columns inserted and deleted anywhere (inside the table, beside it, between criteria),
 * table columns added and deleted, rows inserted and deleted above, inside and below the table,
 * rows sorted, sheets renamed, agreements typed or pasted below the table, values typed over the
 * formulas the add-in owns and over the policy cell, and scores and IDs typed or pasted.
 */
type HandEdit =
  | { kind: "cell"; edit: CellEdit }
  | Extract<
      Structural,
      {
        kind:
          | "insertSheetColumn"
          | "deleteSheetColumn"
          | "insertRow"
          | "deleteRow"
          | "sortRows"
          | "deleteTableColumn"
          | "renameSheet";
      }
    >
  | { kind: "addTableColumn"; at: number; name: string | null }
  | { kind: "deleteAddedColumn"; pick: number; sheetColumn: boolean }
  | { kind: "typeBelow"; how: "type" | "paste"; id: CellInput; name: CellInput; scores: CellInput[] }
  | {
      kind: "typeOver";
      how: "type" | "paste";
      role: "coverage" | "score" | "rank";
      row: number;
      value: CellInput;
    }
  | { kind: "policy"; how: "type" | "paste"; value: CellInput };

/** What people type over a Coverage, Weighted score or Rank cell. */
const ownedInput: fc.Arbitrary<CellInput> = fc.oneof(
  fc.constantFrom<CellInput>(
    100,
    0,
    1,
    2,
    50,
    -1,
    "",
    "check scores",
    "'7",
    "4/4",
    "n/a",
    true,
    "=1+1",
    "#N/A",
  ),
  fc.integer({ min: -3, max: 40 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);

const handEditArb = (scale: Scale, criteria: number): fc.Arbitrary<HandEdit> =>
  fc.oneof(
    { weight: 3, arbitrary: cellEditArb(scale).map((edit) => ({ kind: "cell" as const, edit })) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom("insertSheetColumn" as const, "deleteSheetColumn" as const),
        column: fc.nat(24),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom("insertRow" as const, "deleteRow" as const),
        row: fc.nat(40),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("sortRows" as const),
        order: fc.array(fc.nat(), { maxLength: 40 }),
      }),
    },
    // Any column of the table, often one the scorecard needs (the read then names it).
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("deleteTableColumn" as const), column: fc.nat(30) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("addTableColumn" as const),
        at: fc.nat(30),
        name: fc.option(
          fc.oneof(
            fc.constantFrom("Comments", "Owner", "Column1"),
            userText.filter((s) => s.trim() !== "" && !/[\t\r\n]/.test(s)),
          ),
          { nil: null },
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("deleteAddedColumn" as const),
        pick: fc.nat(10),
        sheetColumn: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("renameSheet" as const),
        // The Results sheet too: the read finds it again by its headers.
        sheet: fc.constantFrom<SheetRole>("scorecard", "weights", "results"),
        to: fc.constantFrom("Agreements 2026", "Mine", "'quoted'", "Résultats", "Scorecard (2)"),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("typeBelow" as const),
        how: fc.constantFrom("type" as const, "paste" as const),
        id: textInput,
        name: textInput,
        scores: fc.array(fc.oneof(onScale(scale), onScale(scale), criterionInput(scale)), {
          minLength: criteria,
          maxLength: criteria,
        }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("typeOver" as const),
        how: fc.constantFrom("type" as const, "paste" as const),
        role: fc.constantFrom("coverage" as const, "score" as const, "rank" as const),
        row: fc.nat(40),
        value: ownedInput,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("policy" as const),
        how: fc.constantFrom("type" as const, "paste" as const),
        value: fc.oneof(
          fc.constantFrom<CellInput>("exclude", "renormalize", "zero", "ZERO", " zero ", "", "none", 0, true),
          userText,
        ),
      }),
    },
  );

/** The headers the scorecard owns: its role columns and its criteria. */
const ownedHeaders = (meta: ScorecardLocation["meta"]) =>
  new Set([...Object.values(meta.columns), ...meta.criteria.map((c) => c.header)].map(key));

async function applyHandEdit(sim: Sim, run: ExcelRun, location: ScorecardLocation, edit: HandEdit) {
  const meta = location.meta;
  const table = tableOf(sim, meta.scorecardTable);
  if (!table) return;
  const write = (how: "type" | "paste", sheet: string, address: string, value: CellInput) =>
    how === "type" ? sim.userEdit(sheet, address, value) : paste(run, sheet, address, value);
  const letterOf = (header: string) => {
    const k = table.columns.findIndex((c) => key(c) === key(header));
    return k < 0 ? null : columnLetter(table.c0 + k);
  };
  switch (edit.kind) {
    case "cell":
      return applyCellEdit(sim, run, location, edit.edit);
    case "addTableColumn":
      return attempt(run, (c) => {
        const at = edit.at % (table.columns.length + 1);
        c.workbook.tables.getItem(meta.scorecardTable).columns.add(at, undefined, edit.name ?? undefined);
      });
    case "deleteAddedColumn": {
      // A column the user added (inside the table): deleted as a table column or as a sheet column.
      const owned = ownedHeaders(meta);
      const added = table.columns.flatMap((c, k) => (owned.has(key(c)) ? [] : [k]));
      if (added.length === 0) return;
      const k = added[edit.pick % added.length];
      const letter = columnLetter(table.c0 + k);
      return attempt(run, (c) => {
        if (edit.sheetColumn)
          c.workbook.worksheets.getItem(table.sheet).getRange(`${letter}:${letter}`).delete("Left");
        else c.workbook.tables.getItem(meta.scorecardTable).columns.getItemAt(k).delete();
      });
    }
    case "typeBelow": {
      // The row right below the table: Excel (and excel-sim) take it into the table.
      const row = table.r1 + 2;
      const cells = new Map<string, CellInput>();
      const id = letterOf(meta.columns.id);
      const name = letterOf(meta.columns.name);
      if (id) cells.set(id, edit.id);
      if (name) cells.set(name, edit.name);
      meta.criteria.forEach((c, k) => {
        const letter = letterOf(c.header);
        if (letter) cells.set(letter, edit.scores[k]);
      });
      if (edit.how === "type") {
        for (const [letter, value] of cells) sim.userEdit(table.sheet, `${letter}${row}`, value);
        return;
      }
      // One paste of the whole row; the columns it does not fill stay as they are (null).
      const values = table.columns.map((_, k) => cells.get(columnLetter(table.c0 + k)) ?? null);
      const first = columnLetter(table.c0);
      const last = columnLetter(table.c1);
      return attempt(run, (c) => {
        c.workbook.worksheets.getItem(table.sheet).getRange(`${first}${row}:${last}${row}`).values = [
          values,
        ] as CellInput[][];
      });
    }
    case "typeOver": {
      const letter = letterOf(meta.columns[edit.role]);
      if (!letter) return;
      const row = table.r0 + 2 + (edit.row % (table.r1 - table.r0));
      return write(edit.how, table.sheet, `${letter}${row}`, edit.value);
    }
    case "policy": {
      const weights = tableOf(sim, meta.weightsTable);
      if (weights) return write(edit.how, weights.sheet, WEIGHTS_LAYOUT.policyCell, edit.value);
      return;
    }
    default:
      return applyStructural(sim, run, location, edit);
  }
}

/**
 * The read's results are the model's on what the criterion cells hold: a row with an unusable cell
 * shows "check scores" and has no rank, and the other rows are ranked among themselves.
 */
function expectResultsAreModel(data: ScorecardData, scorable: boolean[]) {
  const rows = data.agreements.flatMap((_, i) => (scorable[i] ? [i] : []));
  const model = scoreAgreements({
    criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
    scale: data.config.scale,
    missing: data.config.missingPolicy,
    agreements: rows.map((i) => ({ id: `row${i}`, scores: data.agreements[i].scores })),
  });
  const expected = data.agreements.map(() => ({ score: null as number | null, rank: null as number | null }));
  rows.forEach((i, k) => (expected[i] = { score: model[k].score, rank: model[k].rank }));
  data.agreements.forEach((a, i) => {
    const computed = data.computed[i];
    expect(computed.coverage).toBe(data.config.criteria.filter((c) => a.scores[c.id] !== null).length);
    if (!scorable[i]) expect(computed.scoreText).toBe(INVALID_MARK);
    if (expected[i].score === null) expect(computed.score).toBeNull();
    else expect(Math.abs(computed.score! - expected[i].score!)).toBeLessThanOrEqual(1e-9);
    expect(computed.rank).toBe(expected[i].rank);
  });
}

/**
 * What the sheet shows in each agreement's Coverage, Weighted score and Rank cell is what its
 * formula gives (the read's results), or that cell is a repairable issue at its address. Returns
 * the addresses that show something else.
 */
function expectOwnedCellsShownOrReported(sim: Sim, data: ScorecardData): string[] {
  const sheet = data.location.meta.sheets.scorecard;
  const reported = new Set(
    data.issues.filter((i) => i.repairable && i.sheet === sheet).map((i) => i.address),
  );
  const wrong: string[] = [];
  const namesBroken = data.names.scaleBroken || data.names.missingWeights.length > 0;
  if (namesBroken)
    expect(data.issues.filter((i) => i.repairable && i.sheet !== sheet).length).toBeGreaterThan(0);
  data.agreements.forEach((_, i) => {
    const row = data.rows[i];
    const want = data.computed[i];
    const shown = (role: "coverage" | "score" | "rank") =>
      sim.inspect.cell(sheet, `${data.columns[role]}${row}`).value;
    const score = shown("score");
    const checks: [string, boolean][] = [
      [data.columns.coverage, shown("coverage") === want.coverage],
      [
        data.columns.score,
        want.score === null
          ? score === (want.scoreText ?? "")
          : typeof score === "number" && Math.abs(score - want.score) <= 1e-9 * Math.max(1, want.score),
      ],
      [data.columns.rank, shown("rank") === (want.rank ?? "")],
    ];
    for (const [column, ok] of checks) {
      const address = `${column}${row}`;
      if (!ok) {
        wrong.push(address);
        // A deleted or broken name makes every row show an error: one issue names it instead.
        if (!namesBroken) expect(reported).toContain(address);
      }
    }
  });
  return wrong;
}

/**
 * The Results sheet's ranking (A:E, through the inspector): the ranked agreements in the model's
 * order (rank, then table order) with the model's scores and ranks, and nothing below them.
 */
function expectResultsSheetRanking(sim: Sim, resultsSheetId: string, data: ScorecardData) {
  const sheet = sim.inspect.model().sheets.find((s) => s.id === resultsSheetId)!.name;
  const table = tableOf(sim, data.location.meta.scorecardTable)!;
  // Repair formulas writes the ranking down to the last agreement's table position and 100 more.
  const lastAgreement = data.rows.length === 0 ? 2 : Math.max(...data.rows);
  const last = lastAgreement - (table.r0 + 1) + RANKING_MARGIN + 1;
  const shown = sim.inspect.values(sheet, `A2:E${last}`);
  const ranked = data.agreements
    .map((a, i) => ({ a, i, score: data.computed[i].score, rank: data.computed[i].rank }))
    .filter((x) => x.rank !== null)
    .sort((x, y) => x.rank! - y.rank! || x.i - y.i);
  // INDEX of a blank cell gives 0, as in Excel: a blank ID or name shows 0.
  const same = (shown: unknown, text: string) => String(shown) === text || (text === "" && shown === 0);
  shown.forEach(([position, id, name, score, rank], p) => {
    expect(position).toBe(p + 1);
    const want = ranked[p];
    if (!want) return expect([id, name, score, rank]).toEqual(["", "", "", ""]);
    expect({
      id: same(typeof id === "string" ? id.trim() : id, want.a.id),
      name: same(name, want.a.name),
    }).toEqual({
      id: true,
      name: true,
    });
    expect(typeof score).toBe("number");
    expect(Math.abs((score as number) - want.score!)).toBeLessThanOrEqual(1e-9 * Math.max(1, want.score!));
    expect(rank).toBe(want.rank);
  });
}

// ------------------------------------------------------------------------------------ team

/** One reviewer's scoring through the pane: distinct agreement × criterion cells. */
interface ReviewRound {
  reviewer: number;
  edits: { agreement: number; criterion: number; score: number | null; rationale: string }[];
}

const reviewRoundArb = (scale: Scale): fc.Arbitrary<ReviewRound> =>
  fc.record({
    reviewer: fc.nat(10),
    edits: fc.uniqueArray(
      fc.record({
        agreement: fc.nat(20),
        criterion: fc.nat(10),
        score: fc.option(onScale(scale), { nil: null, freq: 5 }),
        rationale: userText,
      }),
      { minLength: 1, maxLength: 8, selector: (e) => `${e.agreement}/${e.criterion}` },
    ),
  });

/** A user's edit of the Reviews sheet (columns A–F; a row past the table's end joins it). */
type ReviewsEdit =
  | { kind: "cell"; how: "type" | "paste"; row: number; column: number; value: CellInput; known: number }
  | { kind: "duplicate"; row: number; of: number }
  | { kind: "consensus"; how: "type" | "paste"; row: number; criterion: number; value: CellInput };

const reviewsEditArb = (scale: Scale): fc.Arbitrary<ReviewsEdit> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("cell" as const),
        how: fc.constantFrom("type" as const, "paste" as const),
        row: fc.nat(60),
        column: fc.constantFrom(0, 1, 1, 2, 3, 3, 3, 4, 5),
        value: fc.oneof(criterionInput(scale), textInput),
        // Column A–C: use a known reviewer / agreement ID / criterion id (odd: in another case).
        known: fc.nat(40),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("duplicate" as const), row: fc.nat(60), of: fc.nat(60) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("consensus" as const),
        how: fc.constantFrom("type" as const, "paste" as const),
        row: fc.nat(20),
        criterion: fc.nat(10),
        value: criterionInput(scale),
      }),
    },
  );

async function applyReviewsEdit(
  sim: Sim,
  run: ExcelRun,
  data: ScorecardData,
  reviewers: string[],
  edit: ReviewsEdit,
) {
  const meta = data.location.meta;
  const reviews = tableOf(sim, meta.reviews!.table)!;
  const bodyRows = reviews.r1 - reviews.r0;
  // Rows of the table, and up to two rows below it (typing there extends the table).
  const rowOf = (n: number) => reviews.r0 + 2 + (n % (bodyRows + 2));
  const write = (how: "type" | "paste", sheet: string, address: string, value: CellInput) =>
    how === "type" ? sim.userEdit(sheet, address, value) : paste(run, sheet, address, value);
  if (edit.kind === "consensus") {
    const i = edit.row % data.agreements.length;
    const column = data.columns.criteria[edit.criterion % data.columns.criteria.length].column;
    await write(edit.how, meta.sheets.scorecard, `${column}${data.rows[i]}`, edit.value);
    return;
  }
  if (edit.kind === "duplicate") {
    const from = rowOf(edit.of);
    const copy = sim.inspect.values(reviews.sheet, `A${from}:D${from}`)[0];
    await paste(run, reviews.sheet, `A${rowOf(edit.row)}`, `'${String(copy[0])}`);
    await paste(run, reviews.sheet, `B${rowOf(edit.row)}`, `'${String(copy[1])}`);
    await paste(run, reviews.sheet, `C${rowOf(edit.row)}`, `'${String(copy[2])}`);
    return;
  }
  const pick = <T>(list: readonly T[]) => list[edit.known % list.length];
  const caseOf = (text: string) => (edit.known % 2 === 1 ? text.toUpperCase() : text);
  let value = edit.value;
  if (edit.known % 3 !== 0) {
    if (edit.column === 0) value = `'${caseOf(pick(reviewers))}`;
    if (edit.column === 1) value = `'${caseOf(pick(data.agreements).id)}`;
    if (edit.column === 2) value = `'${caseOf(pick(meta.criteria).id)}`;
  }
  await write(edit.how, reviews.sheet, `${columnLetter(edit.column)}${rowOf(edit.row)}`, value);
}

/**
 * The Reviews sheet against the read: every row a reviewer, agreement, criterion or score was typed
 * in is a review or an issue at the cell that keeps it from counting, and no other cell is.
 */
function expectReviewsMatchSheet(sim: Sim, data: ScorecardData) {
  const meta = data.location.meta;
  const scale = data.config.scale;
  const reviews = tableOf(sim, meta.reviews!.table)!;
  const ids = new Set(data.agreements.map((a) => key(a.id)));
  const criteria = new Set(meta.criteria.map((c) => c.id));
  const expected = new Set<string>();
  const counted: { row: number; score: number | null }[] = [];
  const seen = new Set<string>();
  for (let row = reviews.r0 + 2; row <= reviews.r1 + 1; row++) {
    const [reviewer, agreement, criterion, score] = sim.inspect.values(reviews.sheet, `A${row}:D${row}`)[0];
    if ([reviewer, agreement, criterion, score].every((v) => v === "")) continue;
    if (String(reviewer).trim() === "") expected.add(`A${row}`);
    else if (!ids.has(key(String(agreement)))) expected.add(`B${row}`);
    else if (!criteria.has(String(criterion))) expected.add(`C${row}`);
    else {
      if (!usable(score, scale)) expected.add(`D${row}`);
      const cell = [key(String(reviewer)), key(String(agreement)), String(criterion)].join("\u0000");
      if (seen.has(cell)) expected.add(`A${row}`);
      seen.add(cell);
      counted.push({ row, score: usable(score, scale) && score !== "" ? (score as number) : null });
    }
  }
  const issues = data.issues.filter((i) => i.sheet === reviews.sheet);
  expect(new Set(issues.map((i) => i.address))).toEqual(expected);
  for (const issue of issues) expect(issue.message).toContain(`${issue.sheet}!${issue.address}`);
  expect(data.reviews.map((r) => ({ row: r.row, score: r.score }))).toEqual(counted);
}

// ------------------------------------------------------------------------------------ properties

jest.setTimeout(120_000);

describe("fuzzing the read path", () => {
  it("cell edits: the read gives every score as its cell holds it, each unusable cell as an issue at its address, and the model's scores and ranks", async () => {
    await fc.assert(
      fc.asyncProperty(
        scorecardAnd(scorecardArb(12, 30), (config) => ({
          edits: fc.array(cellEditArb(config.scale), { maxLength: 15 }),
        })),
        async ({ config, agreements, edits }) => {
          const { sim, run, location } = await setUp(config, agreements);
          const before = await readScorecard(run, location);
          // Round trip: what was created is read back as it was given.
          expect(before.issues).toEqual([]);
          expect(before.agreements.map((a) => [a.id, a.name, a.scores])).toEqual(
            agreements.map((a) => [
              a.id.trim(),
              a.name,
              Object.fromEntries(config.criteria.map((c) => [c.id, a.scores[c.id] ?? null])),
            ]),
          );
          expectFormulasMatchModel(before);

          for (const edit of edits) await applyCellEdit(sim, run, location, edit);
          const outcome = await read(run, location);
          // Cell edits are issues, never a reason to refuse the whole scorecard.
          expect(outcome.error).toBeUndefined();
          const data = outcome.data!;
          const scorable = expectReadMatchesSheet(sim, data, { team: false });
          expectComputedMatchesModel(sim, data, scorable);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
  it("structural edits: locate and read give a scorecard, no scorecard (AS_Meta gone) or a WorkbookError that names the place", async () => {
    await fc.assert(
      fc.asyncProperty(
        scorecardAnd(scorecardArb(6, 10), (config) => ({
          profile: fc.boolean(),
          cells: fc.array(cellEditArb(config.scale), { maxLength: 4 }),
          structure: fc.array(structuralArb(config.scale), { minLength: 1, maxLength: 4 }),
        })),
        async ({ config, agreements, profile, cells, structure }) => {
          const setup = await setUp(config, agreements);
          const { sim, run } = setup;
          let location = setup.location;
          if (profile) {
            const weights = Object.fromEntries(config.criteria.map((c) => [c.id, c.weight]));
            const saved = await readScorecard(run, location);
            location = { meta: await saveProfile(run, saved, { name: "Mine", author: "Ana", weights }) };
          }
          for (const edit of cells) await applyCellEdit(sim, run, location, edit);
          for (const edit of structure) await applyStructural(sim, run, location, edit);

          let found: ScorecardLocation | null;
          try {
            found = await locateScorecard(bounded(run, "locateScorecard"));
          } catch (error) {
            expectClearError(error);
            return;
          }
          if (found === null) {
            expect(sim.inspect.names().map((n) => n.name.toLowerCase())).not.toContain("as_meta");
            return;
          }
          const { data } = await read(run, found);
          if (!data) return;
          const meta = data.location.meta;
          // Issues name a cell of a sheet that exists, holding what they say.
          const sheets = sim.inspect.sheetNames();
          for (const issue of data.issues) {
            expect(issue.message).toContain(issue.sheet);
            // Issues about a whole table (the Audit table gone, all weights 0) name their sheet;
            // an issue about a Scorecard cell names the cell.
            if (issue.sheet !== meta.sheets.scorecard) continue;
            expect(issue.address).toMatch(/^[A-Z]{1,3}[1-9][0-9]*$/);
            expect(issue.message).toContain(`${issue.sheet}!${issue.address}`);
            expect(sheets).toContain(issue.sheet);
          }
          const scorable = expectReadMatchesSheet(sim, data, { team: false });
          // The formulas follow rows and columns moved by hand; where they give another result
          // (a tampered policy, a deleted AS_W_<id> name) the cell is an issue. Zero weights give
          // no score at all.
          if (comparable(data)) expectComputedMatchesModel(sim, data, scorable);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });
  it("hand edits: the read gives the model's scores and ranks and reports every owned cell that shows another; after Repair formulas the sheet and the Results ranking are the model's", async () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 150);
    const count = { repaired: 0, hadRepairable: 0, resultsChecked: 0 };
    await fc.assert(
      fc.asyncProperty(
        scorecardAnd(scorecardArb(5, 8), (config) => ({
          edits: fc.array(handEditArb(config.scale, config.criteria.length), {
            minLength: 1,
            maxLength: 8,
          }),
        })),
        async ({ config, agreements, edits }) => {
          const { sim, run, location } = await setUp(config, agreements);
          const results = sim.inspect.model().sheets.find((s) => s.name === location.meta.sheets.results)!.id;
          for (const edit of edits) await applyHandEdit(sim, run, location, edit);

          const outcome = await read(run, location);
          // A column the scorecard needs deleted: a WorkbookError naming it (checked by read).
          if (!outcome.data) return;
          const data = outcome.data;
          expectComputedMatchesModel(sim, data, expectReadMatchesSheet(sim, data, { team: false }));

          if (data.issues.some((i) => i.repairable)) count.hadRepairable++;
          const meta = await repairFormulas(run, data, { author: "Fuzz" });
          const again = await read(run, { meta });
          expect(again.error).toBeUndefined();
          const after = again.data!;
          expect(after.issues.filter((i) => i.repairable)).toEqual([]);
          expectResultsAreModel(after, expectReadMatchesSheet(sim, after, { team: false }));
          expect(expectOwnedCellsShownOrReported(sim, after)).toEqual([]);
          expectResultsSheetRanking(sim, results, after);
          count.resultsChecked++;
          count.repaired++;
        },
      ),
      { numRuns: runs },
    );
    // The property is exercised: over half the sequences leave a scorecard to repair (the rest
    // delete a column it needs), about a third with owned cells to repair, and most of them get
    // their Results ranking checked (expected about 58%, 35% and 54% of the runs).
    expect(count.repaired).toBeGreaterThan(runs / 3);
    expect(count.hadRepairable).toBeGreaterThan(runs / 6);
    expect(count.resultsChecked).toBeGreaterThan(runs / 3);
  });
  it("team scoring: reviews and edits of the Reviews sheet and the consensus cells give the model's consensus, or an issue at the cell", async () => {
    await fc.assert(
      fc.asyncProperty(
        scorecardAnd(scorecardArb(5, 8, true), (config) => ({
          method: fc.constantFrom<ConsensusMethod>("mean", "median"),
          reviewers: fc.uniqueArray(
            userText.filter((s) => s.trim() !== ""),
            { minLength: 1, maxLength: 4, selector: key },
          ),
          rounds: fc.array(reviewRoundArb(config.scale), { maxLength: 4 }),
          edits: fc.array(reviewsEditArb(config.scale), { maxLength: 10 }),
        })),
        async ({ config, agreements, method, reviewers, rounds, edits }) => {
          const { sim, run, location } = await setUp(config, agreements);
          await switchToTeam(run, await readScorecard(run, location), { reviewer: reviewers[0], method });
          let data = await readScorecard(run, location);
          for (const round of rounds) {
            const reviewer = reviewers[round.reviewer % reviewers.length];
            const edits = round.edits.map((e) => ({
              agreementId: data.agreements[e.agreement % data.agreements.length].id,
              criterionId: config.criteria[e.criterion % config.criteria.length].id,
              score: e.score,
              rationale: e.rationale,
            }));
            const unique = new Map(edits.map((e) => [`${key(e.agreementId)}\u0000${e.criterionId}`, e]));
            await writeReviews(run, data, reviewer, [...unique.values()]);
            data = await readScorecard(run, location);
            // What the add-in wrote is read back without a single issue, and the grid is the model's.
            expect(data.issues).toEqual([]);
            expectFormulasMatchModel(data);
          }

          for (const edit of edits) await applyReviewsEdit(sim, run, data, reviewers, edit);
          const outcome = await read(run, location);
          expect(outcome.error).toBeUndefined();
          data = outcome.data!;
          const meta = data.location.meta;

          // The consensus is the model's over the reviews the read found (reviewers without case;
          // a hand-made second row of one reviewer is decided by row order, not by its time).
          const model = consensusTable(
            data.reviews.map((r) => ({
              reviewer: r.reviewer.toLowerCase(),
              agreementId: r.agreementId,
              criterionId: r.criterionId,
              score: r.score,
            })),
            meta.consensusMethod,
            data.config.scale,
            meta.sdThreshold,
          );
          const brief = (c: {
            agreementId: string;
            criterionId: string;
            value: number | null;
            discuss: boolean;
          }) => ({
            agreementId: c.agreementId,
            criterionId: c.criterionId,
            value: c.value,
            discuss: c.discuss,
          });
          expect(data.consensus.map(brief)).toEqual(model.map(brief));
          expectReviewsMatchSheet(sim, data);

          // Every criterion cell shows the consensus, or is an issue at its address.
          const byCell = new Map(model.map((c) => [`${c.agreementId}\u0000${c.criterionId}`, c.value]));
          const flagged = new Set(
            data.issues.filter((i) => i.sheet === meta.sheets.scorecard).map((i) => i.address),
          );
          data.agreements.forEach((a, i) => {
            data.config.criteria.forEach((c, k) => {
              const expected = byCell.get(`${a.id}\u0000${c.id}`) ?? null;
              const shown = a.scores[c.id];
              const agree =
                expected === null ? shown === null : shown !== null && Math.abs(shown - expected) <= 1e-9;
              if (!agree) expect(flagged).toContain(`${data.columns.criteria[k].column}${data.rows[i]}`);
            });
          });
          const scorable = expectReadMatchesSheet(sim, data, { team: true });
          if (comparable(data)) expectComputedMatchesModel(sim, data, scorable);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 120) },
    );
  });
});
