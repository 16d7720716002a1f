/**
 * What the LibreOffice tests (libreoffice.test.ts, libreoffice-team.test.ts) share: checking that a
 * required tool can be run, private LibreOffice profiles (one that forces recalculation on load),
 * headless conversion with soffice, poisoning every cached formula result of an .xlsx with a
 * sentinel (POISON), and reading the per-sheet CSVs LibreOffice writes.
 */
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { pathToFileURL } from "url";
import JSZip from "jszip";
import Papa from "papaparse";
import { columnIndex } from "../../../src/workbook/contract/addresses";
import { SHEET } from "../../../src/workbook/contract/contract";
import { discussColumn, INDEX_LAYOUT } from "../../../src/workbook/team/reviewFormulas";
import { indexCriteria } from "../../../src/workbook/team/teamFormulas";

export const POISON = -7777.25;
export const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/**
 * Runs `command args` and returns its output; if it cannot be run, fails with a message naming the
 * test file that requires it (`requiredBy`) and the package to install.
 */
export function requireTool(requiredBy: string, command: string, args: string[], pkg: string): string {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 60_000 });
  if (r.error || r.status !== 0) {
    throw new Error(
      `${command} is required by ${requiredBy} (independent recalculation, docs/architecture.md §7) ` +
        `but could not be run (${r.error?.message ?? `exit ${r.status}: ${r.stderr}`}). ` +
        `Install it: apt-get install -y ${pkg}` +
        (process.env.CI ? " (.ci/run installs it when missing)." : "."),
    );
  }
  return `${r.stdout}${r.stderr}`.trim();
}

/** A private LibreOffice profile; `recalcAlways` makes it recalculate every formula of a file on load. */
export function makeProfile(work: string, name: string, recalcAlways: boolean): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "user"), { recursive: true });
  if (recalcAlways) {
    const item = (prop: string) =>
      `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${prop}" oor:op="fuse"><value>0</value></prop></item>`;
    writeFileSync(
      join(dir, "user", "registrymodifications.xcu"),
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
        `${item("OOXMLRecalcMode")}\n${item("ODFRecalcMode")}\n</oor:items>\n`,
    );
  }
  return dir;
}

/** Converts `files` with headless LibreOffice in `profile` to `convertTo` (e.g. CSV_ALL_SHEETS, "pdf") into `outDir`. */
export function soffice(profile: string, convertTo: string, outDir: string, files: string[]) {
  mkdirSync(outDir, { recursive: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    "--convert-to",
    convertTo,
    "--outdir",
    outDir,
    ...files,
  ];
  let r = spawnSync("soffice", args, { encoding: "utf8", timeout: 180_000 });
  // A brand-new profile can ask for one restart (exit code 81) before it converts anything.
  if (r.status === 81) r = spawnSync("soffice", args, { encoding: "utf8", timeout: 180_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`soffice failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
  }
  // soffice exits 0 even when it could not load or convert a file: check that each one produced output.
  const produced = readdirSync(outDir);
  for (const file of files) {
    const base = basename(file).replace(/\.[^.]+$/, "");
    if (!produced.some((p) => p === `${base}.pdf` || p.startsWith(`${base}-`) || p.startsWith(`${base}.`))) {
      throw new Error(`soffice converted nothing for ${file}:\n${r.stdout}\n${r.stderr}`);
    }
  }
  return r;
}

/** Replaces the cached result of every formula cell with POISON (a number, whatever the type was). */
export async function poisonCaches(bytes: Uint8Array): Promise<{ bytes: Uint8Array; poisoned: number }> {
  const zip = await JSZip.loadAsync(bytes);
  let poisoned = 0;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    const out = xml.replace(
      /<c ([^>]*)><f>([^<]*)<\/f>(?:<v>[^<]*<\/v>|<v\/>)?<\/c>/g,
      (_m, attrs: string, f: string) => {
        poisoned++;
        return `<c ${attrs.replace(/\s*\bt="[^"]*"/, "")}><f>${f}</f><v>${POISON}</v></c>`;
      },
    );
    zip.file(path, out);
  }
  return { bytes: await zip.generateAsync({ type: "uint8array" }), poisoned };
}

/**
 * Where a LibreOffice test works: its folder, where LibreOffice writes its CSVs (recalculated and
 * control), and the two steps every such test takes with its files.
 */
export interface LibreOfficeWorkspace {
  work: string;
  csvDir: string;
  controlDir: string;
  /** Writes `bytes` (an .xlsx) as `<work>/<base>.xlsx` with every cached formula result poisoned. */
  writePoisoned(base: string, bytes: Uint8Array): Promise<{ path: string; poisoned: number }>;
  /**
   * Recalculates `files` in a profile that forces recalculation on load, into csvDir; and, when
   * given, converts `control` in a plain profile into controlDir, where the sentinel must show
   * (proof that LibreOffice would otherwise keep the poisoned caches).
   */
  recalculateToCsv(files: string[], control?: string): void;
  /**
   * Checks that the recalculated CSV (in csvDir) of each of `base`'s `sheets` keeps no poisoned cache
   * and shows no formula error (`errors`, by default LibreOffice's and Excel's error texts).
   */
  expectRecalculated(base: string, sheets: readonly string[], errors?: RegExp): void;
}

/**
 * Declares the hooks around a LibreOffice test file: before its tests, checks that soffice runs
 * (else fails naming `requiredBy`) and makes the working folder; after them, removes it unless
 * KEEP_LIBREOFFICE_OUTPUT asks to keep it. Call it before the file's own beforeAll, which then
 * finds the folder made.
 */
export function libreOfficeWorkspace(requiredBy: string, prefix: string): LibreOfficeWorkspace {
  const workspace: LibreOfficeWorkspace = {
    work: "",
    csvDir: "",
    controlDir: "",
    async writePoisoned(base, bytes) {
      const poisonedFile = await poisonCaches(bytes);
      const path = join(workspace.work, `${base}.xlsx`);
      writeFileSync(path, poisonedFile.bytes);
      return { path, poisoned: poisonedFile.poisoned };
    },
    recalculateToCsv(files, control) {
      const { work, csvDir, controlDir } = workspace;
      soffice(makeProfile(work, "profile-recalc", true), CSV_ALL_SHEETS, csvDir, files);
      if (control) soffice(makeProfile(work, "profile-plain", false), CSV_ALL_SHEETS, controlDir, [control]);
    },
    expectRecalculated(base, sheets, errors = /#NAME\?|Err:\d+|#VALUE!|#REF!/) {
      for (const sheet of sheets) {
        const text = readFileSync(join(workspace.csvDir, `${base}-${sheet}.csv`), "utf8");
        expect(text).not.toContain(String(POISON));
        expect(text).not.toMatch(errors);
      }
    },
  };
  beforeAll(() => {
    requireTool(requiredBy, "soffice", ["--version"], "libreoffice-calc");
    workspace.work = mkdtempSync(join(tmpdir(), prefix));
    workspace.csvDir = join(workspace.work, "csv");
    workspace.controlDir = join(workspace.work, "control");
  });
  afterAll(() => {
    if (workspace.work && !process.env.KEEP_LIBREOFFICE_OUTPUT) {
      rmSync(workspace.work, { recursive: true, force: true });
    }
  });
  return workspace;
}

export function readCsv(path: string): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(path, "utf8"), { skipEmptyLines: false });
  return parsed.data;
}

/** Finds a column of a CSV by its header; a header missing fails naming it and the headers there are. */
export function columnFinder(header: readonly string[]): (name: string) => number {
  return (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${header.join(",")}`);
    return i;
  };
}

/** LibreOffice writes one CSV per sheet: <file>-<sheet>.csv. */
export function sheetCsv(dir: string, base: string, sheet: string): string[][] {
  return readCsv(join(dir, `${base}-${sheet}.csv`));
}

/**
 * The discuss flags of a team workbook as LibreOffice computed them on the index of the reviews
 * (sheet AS_Consensus): the flag of an agreement × criterion, "TRUE" or "FALSE".
 */
export function indexDiscussFlags(dir: string, base: string, meta: { criteria: readonly { id: string }[] }) {
  const index = sheetCsv(dir, base, SHEET.consensus);
  const blocks = indexCriteria(meta);
  return (id: string, criterionId: string): string | undefined => {
    const row = index.findIndex((r, i) => i >= INDEX_LAYOUT.firstRow - 1 && r[0] === id);
    return index[row]?.[columnIndex(discussColumn(blocks.indexOf(criterionId)))];
  };
}

/** The ranked results in the Results sheet's order: by rank, ties in table order (i). */
export function rankedOrder<T extends { rank: number | null }>(results: readonly T[]): (T & { i: number })[] {
  return results
    .map((r, i) => ({ ...r, i }))
    .filter((r) => r.rank !== null)
    .sort((a, b) => (a.rank as number) - (b.rank as number) || a.i - b.i);
}
