/**
 * The command line with "Criterion / Indicator" columns (issue 16): the .xlsx it writes scores the
 * criterion through its indicators, with the model's numbers as cached results; with --reviews the
 * team reviews each indicator, and a score in the list's indicator columns is refused, leaving no file.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DEFAULT_INDICATORS, scoreHierarchical } from "../../src/scoring/indicators";
import { cli, open, tableRows } from "./support";

jest.setTimeout(180_000);

const OPS = DEFAULT_INDICATORS.operational_efficiency.map((i) => `Operational efficiency / ${i.name}`);
const CSV = [
  `ID,Agreement,Strategic alignment,Capability enhancement,Threat response,${OPS.join(",")}`,
  "A1,Northern Pact,3,4,5,4,3,2",
  "A2,Atlantic Accord,2,2,2,1,,5",
  "A3,Desert Memo,1,5,3,,,",
].join("\n");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "as-cli-indicators-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run workbook with indicator columns", () => {
  it("writes a two-level scorecard whose criterion cells, scores and ranks are the model's", async () => {
    const input = join(dir, "two-level.csv");
    const out = join(dir, "two-level.xlsx");
    writeFileSync(input, CSV);
    const run = await cli([input, "--out", out, "--missing", "renormalize"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const book = await open(out);
    const rows = tableRows(book, "Scorecard");
    expect(Object.keys(rows[0]).slice(5, 9)).toEqual(["Operational efficiency", ...OPS]);
    // The header band above the table names the criterion over its group, centred across it.
    const scorecardSheet = book.getWorksheet("Scorecard")!;
    expect([5, 6, 7, 8, 9].map((c) => scorecardSheet.getCell(1, c).value ?? "")).toEqual([
      "",
      "Operational efficiency",
      "",
      "",
      "",
    ]);
    expect(scorecardSheet.getCell(1, 6).alignment?.horizontal).toBe("centerContinuous");
    const model = scoreHierarchical({
      criteria: [
        "operational_efficiency",
        "strategic_alignment",
        "capability_enhancement",
        "threat_response",
      ].map((id) => ({ id, weight: 1 })),
      indicators: { operational_efficiency: DEFAULT_INDICATORS.operational_efficiency },
      scale: { min: 1, max: 5 },
      missing: "renormalize",
      agreements: CSV.split("\n")
        .slice(1)
        .map((line) => {
          const [id, , sa, ce, tr, ...ops] = line.split(",");
          const n = (v: string) => (v === "" ? null : Number(v));
          return {
            id,
            scores: {
              strategic_alignment: n(sa),
              capability_enhancement: n(ce),
              threat_response: n(tr),
              ...Object.fromEntries(
                DEFAULT_INDICATORS.operational_efficiency.map((i, k) => [i.id, n(ops[k])]),
              ),
            },
          };
        }),
    });
    rows.forEach((r, i) => {
      const criterion = model[i].criterionScores.operational_efficiency;
      if (criterion === null) expect(r["Operational efficiency"]).toBe("");
      else expect(r["Operational efficiency"]).toBeCloseTo(criterion, 9);
      expect(r["Weighted score"]).toBeCloseTo(model[i].score!, 9);
      expect(r.Rank).toBe(model[i].rank);
    });
  });

  it("--reviews: a team scores the indicators, each indicator column the consensus, the criterion their weighted mean", async () => {
    const folder = mkdtempSync(join(dir, "team-"));
    const input = join(folder, "list.csv");
    const reviews = join(folder, "reviews.csv");
    const out = join(folder, "team.xlsx");
    writeFileSync(input, `ID,Agreement,${OPS.join(",")}\nA1,Northern Pact,,,\nA2,Atlantic Accord,,,\n`);
    writeFileSync(
      reviews,
      [
        "Reviewer,Agreement ID,Criterion,Score",
        `Ana,A1,${OPS[0]},4`,
        `Ben,A1,${OPS[0]},2`,
        "Ana,A1,shared_logistics,5",
        `Ana,A1,${OPS[2]},1`,
        "Ana,A1,Threat response,3",
        `Ben,A2,${OPS[0]},5`,
      ].join("\n"),
    );
    const run = await cli([input, "--out", out, "--reviews", reviews, "--missing", "renormalize"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const rows = tableRows(await open(out), "Scorecard");
    expect(rows.map((r) => [r[OPS[0]], r[OPS[1]], r[OPS[2]]])).toEqual([
      [3, 5, 1],
      [5, "", ""],
    ]);
    // The suggested local weights under renormalize: the weighted mean of the scored indicators.
    const local = DEFAULT_INDICATORS.operational_efficiency.map((i) => i.localWeight);
    const mean = (scores: number[], weights: number[]) =>
      scores.reduce((t, s, k) => t + s * weights[k], 0) / weights.reduce((t, w) => t + w, 0);
    expect(rows[0]["Operational efficiency"]).toBeCloseTo(mean([3, 5, 1], local), 9);
    expect(rows[1]["Operational efficiency"]).toBeCloseTo(5, 9);
  });

  it("refuses --reviews with scores in the list's indicator columns, naming the column, and writes nothing", async () => {
    const folder = mkdtempSync(join(dir, "reviews-"));
    const input = join(folder, "list.csv");
    const reviews = join(folder, "reviews.csv");
    writeFileSync(input, `ID,Agreement,${OPS[0]}\nA1,Northern Pact,4\n`);
    writeFileSync(reviews, "Reviewer,Agreement ID,Criterion,Score\nAna,A1,Threat response,3\n");
    const run = await cli([input, "--out", join(folder, "out.xlsx"), "--reviews", reviews]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `agreement "A1", column "${OPS[0]}" has a score; with --reviews every score comes from`,
    );
    expect(readdirSync(folder).sort()).toEqual(["list.csv", "reviews.csv"]);
  });
});
