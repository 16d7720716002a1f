/**
 * The command line (scripts/workbook.ts), run as a child process the way `npm run workbook` runs
 * it: good lists become .xlsx files that open with the expected table rows; bad lists exit 1 with a
 * message on stderr that names the row and the column, and leave no file behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { scoreAgreements, DEFAULT_CRITERIA } from "../../src/scoring";
import { parseScale, parseWeights, writeAtomically } from "../../scripts/workbook";
import { cli, open, ROOT, tableRows, type Run } from "./support";

jest.setTimeout(180_000);

const EXAMPLE = join(ROOT, "docs/examples/agreements.csv");
const HEADER =
  "ID,Agreement,Type,Parties,Signed,Operational efficiency,Strategic alignment,Capability enhancement,Threat response,Notes";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "as-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder of its own with one input file, so that "nothing left behind" is a folder listing. */
function caseDir(
  name: string,
  file: string,
  content: string | Uint8Array,
): { folder: string; input: string; out: string } {
  const folder = mkdtempSync(join(dir, `${name}-`));
  const input = join(folder, file);
  writeFileSync(input, content);
  return { folder, input, out: join(folder, "scorecard.xlsx") };
}

const EXAMPLE_CSV = readFileSync(EXAMPLE, "utf8");
/** Stands for a workbook someone made: any bytes, which must survive to the last one. */
const EXISTING_XLSX = Uint8Array.from([
  0x50,
  0x4b,
  0x03,
  0x04,
  ...new TextEncoder().encode("Ana's work"),
  0,
  255,
]);

/** A list as Excel for Windows saves "CSV (Comma delimited)": Windows-1252 ("é" is 0xE9, "€" 0x80). */
const WINDOWS_1252_CSV = Uint8Array.from([
  ...new TextEncoder().encode(`${HEADER}\r\nDO,D`),
  0xe9,
  ...new TextEncoder().encode("fense "),
  0x96,
  ...new TextEncoder().encode(" "),
  0xd8,
  ...new TextEncoder().encode("resund,Bilateral,,2000,3,3,3,3,Budget in "),
  0x80,
  ...new TextEncoder().encode("\r\n"),
]);

const bad = (name: string, rows: string[]) => ({ name, csv: [HEADER, ...rows].join("\n") + "\n" });

const BAD_CASES = [
  {
    ...bad("unknown column", []),
    csv: "ID,Agreement,Colour,Threat response\nA,Alpha,red,3\n",
    message: /Row 1, column 3 "Colour": unknown column/,
  },
  {
    ...bad("text in a score cell", [
      "A,Alpha,Bilateral,x,2000,3,3,3,3,",
      "B,Beta,Bilateral,x,2000,3,high,3,3,",
    ]),
    message: /Row 3, column "Strategic alignment": "high" is not a score on the scale 1–5/,
  },
  {
    ...bad("duplicate IDs", [
      "A,Alpha,Bilateral,x,2000,3,3,3,3,",
      "B,Beta,Bilateral,x,2000,3,3,3,3,",
      "a,Again,Bilateral,x,2000,3,3,3,3,",
    ]),
    message: /Row 4, column "ID": ID "a" is already used in row 2/,
  },
  {
    ...bad("a row with fewer cells than the header", [
      "A,Alpha,Bilateral,x,2000,3,3,3,3,",
      "B,Beta,Bilateral,x,2000,3,3,3,3,",
      "C,Gamma,Bilateral,2000,3,3,3",
    ]),
    message: /^Error: Row 4 has 7 cells but the header has 10; add the missing cells/,
  },
  {
    ...bad("a criterion given twice", []),
    csv: "ID,Agreement,Threat response,threat_response\nA,Alpha,3,4\n",
    message:
      /^Error: Row 1: columns 3 "Threat response" and 4 "threat_response" are both the criterion "Threat response"; keep one of them/,
  },
  {
    ...bad("off-scale value", ["A,Alpha,Bilateral,x,2000,3,3,3,3,", "B,Beta,Bilateral,x,2000,3,3,7,3,"]),
    message: /Row 3, column "Capability enhancement": "7" is not a score on the scale 1–5/,
  },
];

describe("npm run workbook", () => {
  // The child processes start in parallel (each loads TypeScript and exceljs, a few seconds).
  const runs = new Map<string, Promise<{ run: Run; folder: string; input: string; out: string }>>();
  const start = (
    key: string,
    file: string,
    content: string | Uint8Array,
    args: (paths: { input: string; out: string }) => string[],
    /** Files to put beside the input first (name → bytes). */
    beside: Record<string, Uint8Array> = {},
  ) => {
    const paths = caseDir(key.replace(/\W+/g, "-"), file, content);
    for (const [name, bytes] of Object.entries(beside)) writeFileSync(join(paths.folder, name), bytes);
    runs.set(
      key,
      cli(args(paths)).then((run) => ({ run, ...paths })),
    );
  };

  beforeAll(() => {
    start("example", "agreements.csv", readFileSync(EXAMPLE, "utf8"), ({ input, out }) => [
      input,
      "--out",
      out,
    ]);
    start(
      "json with settings",
      "list.json",
      JSON.stringify({
        agreements: [
          {
            id: "A",
            name: "Alpha",
            scores: { "Operational efficiency": 8, strategic_alignment: 6, threat_response: 10 },
          },
          {
            id: "B",
            name: "Beta",
            scores: { operational_efficiency: 4, "Strategic alignment": 9, capability_enhancement: 7 },
          },
          { id: "C", name: "Gamma", scores: {} },
        ],
      }),
      ({ input, out }) => [
        input,
        "--out",
        out,
        "--scale",
        "0-10",
        "--missing",
        "renormalize",
        "--weights",
        "Operational efficiency=2,threat_response=1",
      ],
    );
    for (const c of BAD_CASES) start(c.name, "bad.csv", c.csv, ({ input, out }) => [input, "--out", out]);
    start("bad scale", "agreements.csv", readFileSync(EXAMPLE, "utf8"), ({ input, out }) => [
      input,
      "--out",
      out,
      "--scale",
      "high",
    ]);
    start("windows-1252", "agreements.csv", WINDOWS_1252_CSV, ({ input, out }) => [input, "--out", out]);
    start(
      "criterion name with a line break",
      "list.json",
      JSON.stringify({ criteria: [{ name: "Cyber\ndefense" }], agreements: [{ id: "A", name: "Alpha" }] }),
      ({ input, out }) => [input, "--out", out],
    );
    // The workbook Excel's Save As CSV left beside the list, under the CLI's default output name.
    const existing = { "agreements.xlsx": EXISTING_XLSX, "scorecard.xlsx": EXISTING_XLSX };
    start("default out exists", "agreements.csv", EXAMPLE_CSV, ({ input }) => [input], existing);
    start("--out exists", "agreements.csv", EXAMPLE_CSV, ({ input, out }) => [input, "--out", out], existing);
    start("--force", "agreements.csv", EXAMPLE_CSV, ({ input }) => [input, "--force"], existing);
    start("unknown weight", "agreements.csv", readFileSync(EXAMPLE, "utf8"), ({ input, out }) => [
      input,
      "--out",
      out,
      "--weights",
      "Speed=2",
    ]);
  });

  test("the example list becomes a scorecard whose table rows are the agreements, scored", async () => {
    const { run, folder, out } = await runs.get("example")!;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*scorecard\.xlsx: 11 agreements, 4 criteria/);
    expect(readdirSync(folder).sort()).toEqual(["agreements.csv", "scorecard.xlsx"]);

    const wb = await open(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["AS_Meta", "veryHidden"],
      ["Scorecard", "visible"],
      ["Weights", "visible"],
      ["Results", "visible"],
      ["Audit", "visible"],
    ]);
    // The Audit trail says who created the scorecard, so its first row is never anonymous.
    expect(tableRows(wb, "Audit").map((r) => [r.Who, r.What])).toEqual([
      ["command line", "scorecard created"],
    ]);
    const table = wb.getWorksheet("Scorecard")!.getTable("Scorecard") as unknown as {
      table: { tableRef: string };
    };
    expect(table.table.tableRef).toBe("A1:M12");
    const rows = tableRows(wb, "Scorecard");
    const csv = readFileSync(EXAMPLE, "utf8").trim().split("\n").slice(1);
    expect(rows.map((r) => r.ID)).toEqual(csv.map((line) => line.split(",")[0]));
    const nato = rows.find((r) => r.ID === "NATO")!;
    expect(nato).toMatchObject({
      "Operational efficiency": 4.5,
      Coverage: 4,
      "Weighted score": 87.5,
      Rank: 1,
    });
    const quad = rows.find((r) => r.ID === "QUAD")!;
    expect(quad["Capability enhancement"]).toBeNull();
    expect(quad).toMatchObject({ Coverage: 3, "Weighted score": "", Rank: "" });
    // The same numbers as the scoring model.
    const model = scoreAgreements({
      criteria: DEFAULT_CRITERIA.map((c) => ({ id: c.id, weight: 1 })),
      scale: { min: 1, max: 5 },
      agreements: rows.map((r) => ({
        id: String(r.ID),
        scores: Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.id, (r[c.name] as number | null) ?? null])),
      })),
    });
    for (const m of model) {
      const row = rows.find((r) => r.ID === m.id)!;
      expect([
        m.id,
        row["Weighted score"] === "" ? null : row["Weighted score"],
        row.Rank === "" ? null : row.Rank,
      ]).toEqual([m.id, m.score, m.rank]);
    }
  });

  test("JSON with --scale, --missing and --weights", async () => {
    const { run, out } = await runs.get("json with settings")!;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/scale 0–10, missing scores: renormalize/);
    const wb = await open(out);
    const weights = wb.getWorksheet("Weights")!;
    expect([2, 3, 4, 5].map((r) => weights.getCell(`D${r}`).value)).toEqual([2, 1, 1, 1]);
    expect(["H1", "H2", "H3"].map((a) => weights.getCell(a).value)).toEqual([0, 10, "renormalize"]);
    const rows = tableRows(wb, "Scorecard");
    const model = scoreAgreements({
      criteria: DEFAULT_CRITERIA.map((c, k) => ({ id: c.id, weight: [2, 1, 1, 1][k] })),
      scale: { min: 0, max: 10 },
      missing: "renormalize",
      agreements: [
        { id: "A", scores: { operational_efficiency: 8, strategic_alignment: 6, threat_response: 10 } },
        { id: "B", scores: { operational_efficiency: 4, strategic_alignment: 9, capability_enhancement: 7 } },
        { id: "C", scores: {} },
      ],
    });
    expect(rows.map((r) => [r.ID, r["Weighted score"], r.Rank])).toEqual(
      model.map((m) => [m.id, m.score ?? "", m.rank ?? ""]),
    );
  });

  test.each(BAD_CASES.map((c) => [c.name, c.message] as const))(
    "%s: exit code 1, the row and the column on stderr, no file left behind",
    async (name, message) => {
      const { run, folder } = await runs.get(name)!;
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/^Error: /);
      expect(readdirSync(folder)).toEqual(["bad.csv"]);
    },
  );

  test("a bad option or an unknown criterion in --weights: exit code 1, said on stderr, no file", async () => {
    const scale = await runs.get("bad scale")!;
    expect(scale.run.code).toBe(1);
    expect(scale.run.stderr).toMatch(/--scale "high": write the scale as MIN-MAX/);
    expect(readdirSync(scale.folder)).toEqual(["agreements.csv"]);
    const weight = await runs.get("unknown weight")!;
    expect(weight.run.code).toBe(1);
    expect(weight.run.stderr).toMatch(/Weight given for unknown criterion "Speed"/);
    expect(readdirSync(weight.folder)).toEqual(["agreements.csv"]);
  });

  test("a Windows-1252 CSV (Excel for Windows' default) is read byte for byte, with a notice on stderr naming the encoding assumed", async () => {
    const { run, out } = await runs.get("windows-1252")!;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'Notice: The CSV is not UTF-8 (line 2 has the byte 0xE9, which UTF-8 does not allow there), so it was read as Windows-1252, the encoding Excel for Windows uses for "CSV (Comma delimited)". If accented letters or symbols look wrong, save the list from Excel as "CSV UTF-8 (Comma delimited)" and import it again.\n',
    );
    expect(run.stdout).toMatch(/^Wrote .*: 1 agreement, 4 criteria/);
    const [row] = tableRows(await open(out), "Scorecard");
    expect([row.ID, row.Agreement, row.Notes]).toEqual(["DO", "Défense – Øresund", "Budget in €"]);
  });

  test("a criterion name with a line break in the JSON: exit code 1, the criterion named, no file", async () => {
    const { run, folder } = await runs.get("criterion name with a line break")!;
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Error: Criterion "cyber_defense" (criterion 1) has a line break in its name "Cyber\\ndefense"; put the name on one line (the name is the header of its column in the Scorecard table).\n',
    );
    expect(readdirSync(folder)).toEqual(["list.json"]);
  });

  test("an existing .xlsx is not replaced without --force: exit code 1, the file named, its bytes unchanged", async () => {
    for (const [key, file] of [
      ["default out exists", "agreements.xlsx"],
      ["--out exists", "scorecard.xlsx"],
    ] as const) {
      const { run, folder } = await runs.get(key)!;
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `Error: ${join(folder, file)} already exists and was left as it is. Pass --force to replace it, or choose another file with --out.\n`,
      );
      expect(readdirSync(folder).sort()).toEqual(["agreements.csv", "agreements.xlsx", "scorecard.xlsx"]);
      expect(new Uint8Array(readFileSync(join(folder, "agreements.xlsx")))).toEqual(EXISTING_XLSX);
      expect(new Uint8Array(readFileSync(join(folder, "scorecard.xlsx")))).toEqual(EXISTING_XLSX);
    }
  });

  test("--force replaces an existing .xlsx with the scorecard", async () => {
    const { run, folder } = await runs.get("--force")!;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*agreements\.xlsx: 11 agreements/);
    expect(readdirSync(folder).sort()).toEqual(["agreements.csv", "agreements.xlsx", "scorecard.xlsx"]);
    const wb = await open(join(folder, "agreements.xlsx"));
    expect(tableRows(wb, "Scorecard")).toHaveLength(11);
    // Only the file named was replaced.
    expect(new Uint8Array(readFileSync(join(folder, "scorecard.xlsx")))).toEqual(EXISTING_XLSX);
  });
});

describe("the CLI's helpers", () => {
  test("writeAtomically replaces the target through a temporary file in the same folder", () => {
    const folder = mkdtempSync(join(dir, "atomic-"));
    const target = join(folder, "out.xlsx");
    writeFileSync(target, "old");
    writeAtomically(target, new TextEncoder().encode("new"));
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readdirSync(folder)).toEqual(["out.xlsx"]);
    expect(() => writeAtomically(join(folder, "missing", "out.xlsx"), new Uint8Array([1]))).toThrow(
      /does not exist/,
    );
    expect(() => writeAtomically(folder, new Uint8Array([1]))).toThrow(/is a folder/);
    expect(readdirSync(folder)).toEqual(["out.xlsx"]);
  });

  test("writeAtomically with replace: false refuses an existing target and leaves it and the folder as they were", () => {
    const folder = mkdtempSync(join(dir, "no-replace-"));
    const target = join(folder, "out.xlsx");
    writeFileSync(target, "old");
    expect(() => writeAtomically(target, new TextEncoder().encode("new"), { replace: false })).toThrow(
      `${target} already exists and was left as it is. Pass --force to replace it, or choose another file with --out.`,
    );
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(readdirSync(folder)).toEqual(["out.xlsx"]);
    const fresh = join(folder, "new.xlsx");
    writeAtomically(fresh, new TextEncoder().encode("new"), { replace: false });
    expect(readFileSync(fresh, "utf8")).toBe("new");
  });

  test("--scale and --weights syntax", () => {
    expect(parseScale("0-10")).toEqual({ min: 0, max: 10 });
    expect(parseScale("1–5")).toEqual({ min: 1, max: 5 });
    expect(parseScale("-5..5")).toEqual({ min: -5, max: 5 });
    expect(() => parseScale("ten")).toThrow(/MIN-MAX/);
    expect(parseWeights("Operational efficiency=2, threat_response=1")).toEqual({
      "Operational efficiency": 2,
      threat_response: 1,
    });
    expect(() => parseWeights("Operational efficiency")).toThrow(/Criterion=number/);
    expect(() => parseWeights("a=x")).toThrow(/Criterion=number/);
  });
});
