/**
 * Independent recomputation (docs/architecture.md §7, layer 3): scorecards made by the product's own
 * createScorecard on excel-sim are exported to .xlsx and recalculated by LibreOffice (headless);
 * LibreOffice's weighted scores and ranks must equal the scoring model's (scoreAgreements) to 1e-9,
 * and its rendering of the Results sheet must show the charts.
 *
 * How the numbers are proven to be LibreOffice's own:
 * - every cached formula result in the files LibreOffice reads is replaced by a sentinel
 *   (POISON), so a value that was not recalculated cannot match the model;
 * - LibreOffice's "recalculation on file load" for Excel files is set to "always" in a private
 *   profile (registrymodifications.xcu, OOXMLRecalcMode = 0), one profile per run;
 * - a control run without that setting shows the sentinel, proving that LibreOffice would otherwise
 *   keep the cached values (LibreOffice 7.4 ignores calcPr fullCalcOnLoad) and that the sentinel
 *   check would catch a stale cache.
 *
 * LibreOffice and poppler are required, never skipped: .ci/run installs them (libreoffice-calc,
 * poppler-utils); a machine without them fails here with a message that says so.
 */
import { spawnSync } from "child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";
import { inflateSync } from "zlib";
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { exportXlsx } from "../../src/excel-sim/export";
import {
  createRandom,
  DEFAULT_CRITERIA,
  scoreAgreements,
  type MissingPolicy,
  type Random,
} from "../../src/scoring";
import { createScorecard } from "../../src/workbook/scorecard/create";
import { exampleAgreements } from "../../src/workbook/scorecard/examples";
import type { ScorecardConfig } from "../../src/workbook/contract/layout";
import type { AgreementRecord } from "../../src/workbook/model";
import {
  columnFinder,
  CSV_ALL_SHEETS,
  libreOfficeWorkspace,
  makeProfile,
  POISON,
  poisonCaches,
  rankedOrder,
  requireTool,
  sheetCsv,
  soffice,
} from "./support/libreoffice";

jest.setTimeout(240_000);

const REQUIRED_BY = "tests/external/libreoffice.test.ts";

const ws = libreOfficeWorkspace(REQUIRED_BY, "as-libreoffice-");
let forcedProfile: string;
let plainProfile: string;

function configFor(
  policy: MissingPolicy,
  weights: number[],
  scale = { min: 1, max: 5 },
  extra = false,
): ScorecardConfig {
  const criteria = DEFAULT_CRITERIA.map((c, k) => ({
    id: c.id,
    name: c.name,
    definition: c.definition,
    weight: weights[k],
  }));
  if (extra) {
    criteria.push({
      id: "cyber_space",
      name: "Cyber and space",
      definition: "Cooperation in the cyber and space domains.",
      weight: weights[4],
    });
  }
  return { criteria, scale, missingPolicy: policy };
}

/** Random agreements with missing scores, decimal scores and deliberate ties (duplicated rows). */
function randomAgreements(rng: Random, config: ScorecardConfig, count: number): AgreementRecord[] {
  const { min, max } = config.scale;
  const out: AgreementRecord[] = [];
  for (let i = 0; i < count; i++) {
    const twin = i > 3 && rng.nextDouble() < 0.15 ? out[rng.nextInt(out.length)] : null;
    const scores: Record<string, number | null> = {};
    for (const c of config.criteria) {
      if (twin) scores[c.id] = twin.scores[c.id];
      else if (rng.nextDouble() < 0.2) scores[c.id] = null;
      else scores[c.id] = min + Math.round(rng.nextDouble() * (max - min) * 4) / 4;
    }
    out.push({
      id: `R${String(i + 1).padStart(3, "0")}`,
      name: `Random agreement ${i + 1}`,
      type: i % 2 ? "Bilateral" : "Multilateral",
      parties: "A, B",
      signed: 1950 + i,
      scores,
      notes: "",
    });
  }
  return out;
}

async function scorecard(config: ScorecardConfig, agreements: AgreementRecord[]): Promise<SimWorkbook> {
  const sim = createWorkbook({ sheets: ["Sheet1"] });
  await createScorecard((batch) => sim.run(batch), { config, agreements });
  return sim;
}

interface Case {
  name: string;
  config: ScorecardConfig;
  agreements: AgreementRecord[];
  sim: SimWorkbook;
}

function expected(c: Case) {
  return scoreAgreements({
    criteria: c.config.criteria.map((k) => ({ id: k.id, weight: k.weight })),
    scale: c.config.scale,
    agreements: c.agreements.map((a) => ({ id: a.id, scores: a.scores })),
    missing: c.config.missingPolicy,
  });
}

const cases: Case[] = [];

beforeAll(async () => {
  requireTool(REQUIRED_BY, "pdftoppm", ["-v"], "poppler-utils");
  forcedProfile = makeProfile(ws.work, "profile-recalc", true);
  plainProfile = makeProfile(ws.work, "profile-plain", false);

  const examples = exampleAgreements();
  const defaults = configFor("exclude", [1, 1, 1, 1]);
  cases.push({
    name: "examples",
    config: defaults,
    agreements: examples,
    sim: await scorecard(defaults, examples),
  });
  const weighted = configFor("exclude", [3, 2, 1.5, 0.5]);
  cases.push({
    name: "examples-weighted",
    config: weighted,
    agreements: examples,
    sim: await scorecard(weighted, examples),
  });
  const policies: MissingPolicy[] = ["exclude", "renormalize", "zero"];
  for (const [k, policy] of policies.entries()) {
    const rng = createRandom(20240 + k);
    const weights = Array.from({ length: 5 }, () => Math.round(rng.nextDouble() * 40) / 4);
    weights[k] = 0; // a criterion that counts for nothing
    const scale = k === 1 ? { min: 0, max: 10 } : { min: 1, max: 5 };
    const config = configFor(policy, weights, scale, true);
    const agreements = randomAgreements(rng, config, 40);
    cases.push({ name: `random-${policy}`, config, agreements, sim: await scorecard(config, agreements) });
  }

  const files: string[] = [];
  for (const c of cases) {
    const { path, poisoned } = await ws.writePoisoned(c.name, await exportXlsx(c.sim));
    expect(poisoned).toBeGreaterThan(c.agreements.length * 3);
    files.push(path);
  }
  soffice(forcedProfile, CSV_ALL_SHEETS, ws.csvDir, files);
  soffice(plainProfile, CSV_ALL_SHEETS, ws.controlDir, [files[0]]);
});

describe("LibreOffice recalculates the exported scorecard like the scoring model", () => {
  test("control: without forced recalculation LibreOffice shows the poisoned caches (so the check below has teeth)", () => {
    const rows = sheetCsv(ws.controlDir, "examples", "Scorecard");
    const scoreColumn = rows[0].indexOf("Weighted score");
    expect(scoreColumn).toBeGreaterThan(0);
    expect(rows.slice(1, 11).map((r) => Number(r[scoreColumn]))).toEqual(Array(10).fill(POISON));
  });

  test.each(["examples", "examples-weighted", "random-exclude", "random-renormalize", "random-zero"])(
    "%s: weighted scores to 1e-9 and ranks equal scoreAgreements; no cached value survived",
    (name) => {
      const c = cases.find((x) => x.name === name)!;
      const rows = sheetCsv(ws.csvDir, name, "Scorecard");
      const header = rows[0];
      const col = columnFinder(header);
      const byId = new Map(rows.slice(1).map((r) => [r[col("ID")], r]));
      const want = expected(c);
      if (name === "random-exclude") expect(want.filter((r) => r.score === null).length).toBeGreaterThan(5);
      if (name === "random-renormalize" || name === "random-zero") {
        expect(want.filter((r) => r.partial).length).toBeGreaterThan(5);
      }
      let ties = 0;
      for (const w of want) {
        const row = byId.get(w.id);
        if (!row) throw new Error(`LibreOffice's Scorecard has no row for ${w.id}`);
        const score = row[col("Weighted score")];
        const rank = row[col("Rank")];
        if (w.score === null) {
          expect({ id: w.id, score, rank }).toEqual({ id: w.id, score: "", rank: "" });
        } else {
          expect(Math.abs(Number(score) - w.score)).toBeLessThanOrEqual(1e-9);
          expect({ id: w.id, rank: Number(rank) }).toEqual({ id: w.id, rank: w.rank });
          if (want.some((o) => o !== w && o.rank === w.rank)) ties++;
        }
        const scored = c.config.criteria.filter(
          (k) => c.agreements.find((a) => a.id === w.id)!.scores[k.id] !== null,
        );
        expect(Number(row[col("Coverage")])).toBe(scored.length);
      }
      if (name.startsWith("random")) expect(ties).toBeGreaterThan(0); // twins make ties on purpose

      // The sorted ranking on the Results sheet, also recomputed.
      const results = sheetCsv(ws.csvDir, name, "Results");
      const ranked = rankedOrder(want);
      const shown = results
        .slice(1, ranked.length + 1)
        .map((r) => ({ id: r[1], rank: Number(r[4]), score: Number(r[3]) }));
      expect(shown.map((r) => [r.id, r.rank])).toEqual(ranked.map((r) => [r.id, r.rank]));
      shown.forEach((r, k) =>
        expect(Math.abs(r.score - (ranked[k].score as number))).toBeLessThanOrEqual(1e-9),
      );

      // Nothing kept from the file: no sentinel anywhere, no function LibreOffice did not know.
      ws.expectRecalculated(name, ["Scorecard", "Results", "Weights"]);
    },
  );
});

describe("LibreOffice computes functions stored with the _xlfn. prefix", () => {
  test("RANK.EQ, STDEV.S, IFNA, XOR: recalculated values equal excel-sim's", async () => {
    const sim = createWorkbook({ sheets: ["Calc"] });
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Calc");
      s.getRange("A1:A6").values = [[56.3], [12], [56.3], [7.5], [99], [12]];
      s.getRange("B1:B6").formulas = [1, 2, 3, 4, 5, 6].map((r) => [`=RANK.EQ(A${r},$A$1:$A$6)`]);
      s.getRange("C1:C4").formulas = [
        ["=STDEV.S(A1:A6)"],
        ['=IFNA(MATCH(1000,A1:A6,0),"absent")'],
        ["=XOR(A1>50,A2>50)"],
        ["=VAR.S(A1:A6)"],
      ];
    });
    const { bytes } = await poisonCaches(await exportXlsx(sim));
    const file = join(ws.work, "xlfn.xlsx");
    writeFileSync(file, bytes);
    const out = join(ws.work, "xlfn-csv");
    soffice(forcedProfile, CSV_ALL_SHEETS, out, [file]);
    const rows = sheetCsv(out, "xlfn", "Calc");
    const mine = sim.inspect.values("Calc", "A1:C6");
    expect(rows.slice(0, 6).map((r) => Number(r[1]))).toEqual(mine.map((r) => r[1]));
    expect(Math.abs(Number(rows[0][2]) - (mine[0][2] as number))).toBeLessThanOrEqual(1e-9);
    expect(rows[1][2]).toBe("absent");
    expect(rows[2][2].toUpperCase()).toBe(String(mine[2][2]).toUpperCase());
    expect(Math.abs(Number(rows[3][2]) - (mine[3][2] as number))).toBeLessThanOrEqual(1e-9);
  });
});

/** Decodes an 8-bit RGB/RGBA PNG (as pdftoppm writes) into RGB pixels. */
function decodePng(file: Buffer): { width: number; height: number; rgb: Uint8Array } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => file[i] === b)) throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < file.length) {
    const length = file.readUInt32BE(pos);
    const type = file.toString("ascii", pos + 4, pos + 8);
    const data = file.subarray(pos + 8, pos + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colorType = data[9];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || data[12] !== 0) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${data[12]})`);
      }
      channels = colorType === 2 ? 3 : 4;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = v & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: out };
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) rgb.set(out.subarray(i * 4, i * 4 + 3), i * 3);
  return { width, height, rgb };
}

describe("LibreOffice renders the charts", () => {
  test("the Results page of the PDF is not blank and is drawn in the series' colours", async () => {
    const file = join(ws.work, "render.xlsx");
    writeFileSync(file, await exportXlsx(cases[0].sim));
    const pdfDir = join(ws.work, "pdf");
    // One page per sheet, so the Results sheet (table and its three charts) is one page.
    soffice(
      forcedProfile,
      'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}',
      pdfDir,
      [file],
    );
    const pdf = join(pdfDir, "render.pdf");
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
    expect(pages).toBeGreaterThan(0);
    let resultsPage = 0;
    for (let p = 1; p <= pages && !resultsPage; p++) {
      const text = spawnSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], {
        encoding: "utf8",
      }).stdout;
      // The ranking's header and the charts' titles (chart text is text in the PDF).
      if (text.includes("Position") && text.includes("Contribution of each criterion")) resultsPage = p;
    }
    expect(resultsPage).toBeGreaterThan(0);

    const prefix = join(pdfDir, "results");
    const r = spawnSync(
      "pdftoppm",
      ["-png", "-r", "60", "-f", String(resultsPage), "-l", String(resultsPage), "-singlefile", pdf, prefix],
      {
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(0);
    const png = readFileSync(`${prefix}.png`);
    if (process.env.KEEP_LIBREOFFICE_OUTPUT) {
      mkdirSync(".tmp", { recursive: true });
      writeFileSync(join(".tmp", "libreoffice-results.png"), png);
    }
    const { width, height, rgb } = decodePng(png);
    expect(width * height).toBeGreaterThan(100_000);

    let nonWhite = 0;
    let coloured = 0;
    const colours = new Set<number>();
    const seriesHits = new Map<string, number>();
    const series = { blue: [0x44, 0x72, 0xc4], orange: [0xed, 0x7d, 0x31], gold: [0xff, 0xc0, 0x00] };
    for (let i = 0; i < width * height; i++) {
      const [R, G, B] = [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]];
      if (R < 245 || G < 245 || B < 245) nonWhite++;
      if (Math.max(R, G, B) - Math.min(R, G, B) > 60) coloured++;
      colours.add((R << 16) | (G << 8) | B);
      for (const [name, [r0, g0, b0]] of Object.entries(series)) {
        if (Math.abs(R - r0) + Math.abs(G - g0) + Math.abs(B - b0) < 30) {
          seriesHits.set(name, (seriesHits.get(name) ?? 0) + 1);
        }
      }
    }
    if (process.env.KEEP_LIBREOFFICE_OUTPUT)
      console.log({ nonWhite, coloured, colours: colours.size, seriesHits, width, height });
    // Text alone is grey on white; the bars, stacks and radar lines are saturated colours.
    expect(nonWhite / (width * height)).toBeGreaterThan(0.01);
    expect(colours.size).toBeGreaterThan(1);
    expect(coloured).toBeGreaterThan(2000);
    for (const name of Object.keys(series)) expect(seriesHits.get(name) ?? 0).toBeGreaterThan(100);
  });

  test("the PDF of a workbook without charts has no such colours (the check above is about the charts)", async () => {
    const sim = createWorkbook({ sheets: ["Results"] });
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Results");
      s.getRange("A1:B3").values = [
        ["Position", "Scorecard row"],
        [1, 2],
        [2, 3],
      ];
    });
    const file = join(ws.work, "nochart.xlsx");
    writeFileSync(file, await exportXlsx(sim));
    const pdfDir = join(ws.work, "pdf-nochart");
    soffice(forcedProfile, "pdf", pdfDir, [file]);
    const prefix = join(pdfDir, "page");
    spawnSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      join(pdfDir, "nochart.pdf"),
      prefix,
    ]);
    const { width, height, rgb } = decodePng(readFileSync(`${prefix}.png`));
    let coloured = 0;
    for (let i = 0; i < width * height; i++) {
      const [R, G, B] = [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]];
      if (Math.max(R, G, B) - Math.min(R, G, B) > 60) coloured++;
    }
    expect(coloured).toBeLessThan(50);
    expect(readdirSync(pdfDir)).toContain("nochart.pdf");
  });
});
