/**
 * `npm run workbook -- agreements.csv --reviews reviews.csv [--consensus mean|median]`: a team
 * scorecard from reviews gathered outside Excel. A good pair of files becomes a workbook whose
 * criterion cells hold the team's consensus (the model's, as cached by the export; LibreOffice
 * recalculates it in tests/external/libreoffice-import.test.ts), with every review on the Reviews
 * sheet and in the Audit sheet. Bad rows exit 1, each listed with its row and column, and leave
 * no file behind.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { consensusTable } from "../../src/scoring";
import { cli, open, tableRows, type Run } from "./support";

jest.setTimeout(180_000);

const AGREEMENTS =
  "ID,Agreement,Type,Parties,Signed\nA*,Alpha,Bilateral,X;Y,2001\nB,Beta,Multilateral,X;Y;Z,2003\n";
const REVIEWS =
  "Reviewer,Agreement ID,Criterion,Score,Rationale,Time\n" +
  "Ana,A*,Operational efficiency,4,Joint staff,2024-05-01T10:00:00Z\n" +
  "Bea,a*,operational_efficiency,1,,2024-05-02 11:00\n" +
  "Cy,A*,Operational efficiency,2,,\n" +
  "Ana,B,Threat response,3,,\n" +
  'Bea,B,Threat response,4.5,"Fast, credible",\n' +
  "Ana,A*,Strategic alignment,5,,\n";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "as-cli-reviews-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runs = new Map<string, Promise<{ run: Run; folder: string; out: string }>>();

/** Runs the CLI in a folder of its own with the two files, so "nothing left behind" is a listing. */
function start(key: string, agreements: string, reviews: string, extra: string[] = []) {
  const folder = mkdtempSync(join(dir, `${key.replace(/\W+/g, "-")}-`));
  writeFileSync(join(folder, "agreements.csv"), agreements);
  writeFileSync(join(folder, "reviews.csv"), reviews);
  const out = join(folder, "team.xlsx");
  const args = [join(folder, "agreements.csv"), "--reviews", join(folder, "reviews.csv"), "--out", out];
  runs.set(
    key,
    cli([...args, ...extra]).then((run) => ({ run, folder, out })),
  );
}

const badRows = Array.from({ length: 25 }, (_, i) => `R${i},B,Threat response,${6 + i}`);

beforeAll(() => {
  start("median", AGREEMENTS, REVIEWS, ["--consensus", "median"]);
  start(
    "bad rows",
    AGREEMENTS,
    "Reviewer,Agreement ID,Criterion,Score,Time\n" +
      ",A*,Threat response,3,\n" +
      "Ana,Z,Threat response,3,\n" +
      "Ana,B,Cost,3,\n" +
      "Ana,B,Threat response,6,\n" +
      "Ana,B,Strategic alignment,3,5/1/2024\n" +
      "Bea,B,Threat response,2,\n" +
      "bea,b,threat_response,2,\n",
  );
  start("many bad rows", AGREEMENTS, ["Reviewer,Agreement ID,Criterion,Score", ...badRows].join("\n"));
  start(
    "scores in the list",
    "ID,Agreement,Type,Parties,Signed,Threat response\nA*,Alpha,Bilateral,X;Y,2001,\nB,Beta,,,2003,4\n",
    REVIEWS,
  );
  start("header only", AGREEMENTS, "Reviewer,Agreement ID,Criterion,Score\n");
  start("wrong header", AGREEMENTS, "Name,Agreement ID,Criterion,Score\nAna,B,Threat response,3\n");
  start("bad consensus", AGREEMENTS, REVIEWS, ["--consensus", "mode"]);
});

describe("npm run workbook -- … --reviews", () => {
  test("writes a team scorecard whose criterion cells hold the model's consensus, every review kept and audited", async () => {
    const { run, folder, out } = await runs.get("median")!;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Wrote .*team\.xlsx: 2 agreements, 4 criteria .*\. Team scoring \(median\): 6 reviews by 3 reviewers, 2 cells to discuss\.\n$/,
    );
    expect(readdirSync(folder).sort()).toEqual(["agreements.csv", "reviews.csv", "team.xlsx"]);
    const wb = await open(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["Scorecard", "Reviews", "Audit"]),
    );

    const reviews = tableRows(wb, "Reviews").filter((r) => r.Reviewer);
    expect(
      reviews.map((r) => [r.Reviewer, r["Agreement ID"], r["Criterion ID"], r.Score, r.Rationale ?? ""]),
    ).toEqual([
      ["Ana", "A*", "operational_efficiency", 4, "Joint staff"],
      ["Ana", "B", "threat_response", 3, ""],
      ["Ana", "A*", "strategic_alignment", 5, ""],
      ["Bea", "A*", "operational_efficiency", 1, ""],
      ["Bea", "B", "threat_response", 4.5, "Fast, credible"],
      ["Cy", "A*", "operational_efficiency", 2, ""],
    ]);
    expect(reviews.map((r) => r.Time).slice(0, 1)).toEqual(["2024-05-01T10:00:00Z"]);
    expect(reviews[3].Time).toBe("2024-05-02T11:00");

    // The model's median of the same reviews, cell by cell.
    const model = consensusTable(
      reviews.map((r) => ({
        reviewer: String(r.Reviewer),
        agreementId: String(r["Agreement ID"]),
        criterionId: String(r["Criterion ID"]),
        score: Number(r.Score),
      })),
      "median",
      { min: 1, max: 5 },
    );
    const grid = tableRows(wb, "Scorecard");
    const shown = (id: string, name: string) => grid.find((r) => r.ID === id)![name];
    expect(shown("A*", "Operational efficiency")).toBe(
      model.find((c) => c.agreementId === "A*" && c.criterionId === "operational_efficiency")!.value,
    );
    expect(shown("A*", "Operational efficiency")).toBe(2);
    expect(shown("B", "Threat response")).toBe(3.75);
    expect(shown("A*", "Strategic alignment")).toBe(5);
    expect(shown("B", "Strategic alignment")).toBe("");
    // Range 3 of 4; and SD 1.06 above the default threshold of 1 with range 1.5 below half the scale.
    expect(model.filter((c) => c.discuss).map((c) => [c.agreementId, c.criterionId])).toEqual([
      ["A*", "operational_efficiency"],
      ["B", "threat_response"],
    ]);

    const audit = tableRows(wb, "Audit").filter((r) => r.Who);
    expect(audit.filter((r) => r.What === "review")).toHaveLength(6);
    expect(audit.filter((r) => r.What === "rationale")).toHaveLength(2);
    expect(audit.find((r) => r.What === "mode")).toMatchObject({
      Who: "command line",
      Criterion: "consensus: median",
    });
  });

  test("bad rows: exit 1, each named with its row and column on stderr, nothing written", async () => {
    const { run, folder } = await runs.get("bad rows")!;
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(
      /^Error: .*reviews\.csv: 7 rows cannot be imported, so nothing was written\. Correct them and run again:$/,
    );
    expect(lines.slice(1)).toEqual([
      '  Row 2, column "Reviewer": the reviewer is blank; fill in who gave the score.',
      '  Row 3, column "Agreement ID": agreement "Z" is not in the scorecard; correct the ID, or add the agreement to the scorecard first.',
      expect.stringMatching(
        /^ {2}Row 4, column "Criterion": "Cost" is not a criterion of the scorecard; use one of Operational efficiency, /,
      ),
      '  Row 5, column "Score": "6" is not a score on the scale 1–5; enter a number from 1 to 5.',
      expect.stringMatching(
        /^ {2}Row 6, column "Time": "5\/1\/2024" is not a date and time this import can read without guessing/,
      ),
      '  Row 7: the same review (Bea, agreement "B", Threat response) is also in row 8; keep one of these rows and delete the others.',
      '  Row 8: the same review (bea, agreement "b", threat_response) is also in row 7; keep one of these rows and delete the others.',
    ]);
    expect(readdirSync(folder).sort()).toEqual(["agreements.csv", "reviews.csv"]);
  });

  test("many bad rows: the first 20 listed, the rest counted", async () => {
    const { run, folder } = await runs.get("many bad rows")!;
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/25 rows cannot be imported/);
    expect(lines.slice(1, 21).map((l) => l.trim().split(",")[0])).toEqual(
      badRows.slice(0, 20).map((_, i) => `Row ${i + 2}`),
    );
    expect(lines[21]).toBe("  … and 5 more.");
    expect(lines).toHaveLength(22);
    expect(readdirSync(folder).sort()).toEqual(["agreements.csv", "reviews.csv"]);
  });

  test("scores in the agreements list, a header without reviews, a wrong header, a bad --consensus: exit 1, said, no file", async () => {
    const expectations: [string, RegExp][] = [
      [
        "scores in the list",
        /agreements\.csv: agreement "B", column "Threat response" has a score; with --reviews every score comes from .*reviews\.csv, with the reviewer who gave it/,
      ],
      ["header only", /reviews\.csv has a header but no reviews\./],
      [
        "wrong header",
        /^Error: Row 1, column 1 "Name": unknown column\. The columns are Reviewer, Agreement ID, Criterion, Score, and optionally Rationale and Time/,
      ],
      ["bad consensus", /^Error: --consensus "mode": write mean or median\./],
    ];
    for (const [key, message] of expectations) {
      const { run, folder } = await runs.get(key)!;
      expect([key, run.code]).toEqual([key, 1]);
      expect(run.stderr).toMatch(message);
      expect(readdirSync(folder).sort()).toEqual(["agreements.csv", "reviews.csv"]);
    }
  });

  test("--consensus without --reviews is a usage error", async () => {
    const folder = mkdtempSync(join(dir, "no-reviews-"));
    writeFileSync(join(folder, "agreements.csv"), AGREEMENTS);
    const run = await cli([join(folder, "agreements.csv"), "--consensus", "median"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^Error: --consensus is for a team's scores: give them with --reviews reviews\.csv\.\n\nUsage:/,
    );
    expect(readdirSync(folder)).toEqual(["agreements.csv"]);
  });
});
