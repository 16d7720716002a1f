/**
 * From a list of agreements to a scorecard workbook, without Excel:
 *
 *   npm run workbook -- agreements.csv --out scorecard.xlsx [--scale 0-10] [--missing renormalize]
 *                       [--weights "Operational efficiency=2,threat_response=1"] [--force]
 *                       [--reviews reviews.csv [--consensus mean|median]]
 *
 * Reads a CSV or JSON list (src/workbook/agreements/import.ts), creates the scorecard with the add-in's own
 * operation (createScorecard) on a fresh excel-sim workbook, exports it to .xlsx with formulas,
 * cached results and native charts, and writes the file atomically: a temporary file in the same
 * folder, then a rename. On any error nothing is left behind, the message (which names the row and
 * the column) goes to stderr and the exit code is 1. Notices (a CSV read as Windows-1252) go to
 * stderr too, and the run goes on. An existing .xlsx is replaced only with --force
 * (Excel's Save As CSV leaves the workbook the list came from beside it, under the default name).
 *
 * Columns headed "Criterion / Indicator" (or by a suggested indicator's id) score a criterion's
 * indicators (src/workbook/agreements/importIndicators.ts): the criterion is then scored through them.
 *
 * With --reviews the scorecard is a team's: the reviews (src/workbook/team/reviewsCsv.ts) are checked
 * against the agreements before anything is built — every refused row is listed, and nothing is
 * written — then the scorecard switches to team scoring (switchToTeam) and each reviewer's reviews
 * are written as the pane writes them (writeReviews), so the criterion cells hold the live consensus
 * formulas and the Audit sheet records every review.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "fs";
import { basename, dirname, extname, join, resolve } from "path";
import { createWorkbook } from "../src/excel-sim";
import { exportXlsx } from "../src/excel-sim/export";
import type { ConsensusMethod, MissingPolicy, Scale } from "../src/scoring";
import {
  indicatorHeader,
  addImportedIndicators,
  createScorecard,
  type ExcelRun,
  importCsv,
  ImportError,
  importJson,
  type ImportResult,
  importReviews,
  type ImportSettings,
  type ParsedReviewsCsv,
  parseReviewsCsv,
  planReviewImport,
  type Problem,
  readScorecard,
  refusedRows,
  type ScorecardLocation,
  switchToTeam,
} from "../src/workbook";

const USAGE = `Usage: npm run workbook -- <agreements.csv|agreements.json> --out <scorecard.xlsx>
         [--scale MIN-MAX] [--missing exclude|renormalize|zero] [--weights "Criterion=2,other_id=1"]
         [--force] [--reviews <reviews.csv> [--consensus mean|median]]

  --out       the .xlsx to write (default: the input's name with .xlsx)
  --scale     the scoring scale, e.g. 1-5 (default) or 0-10
  --missing   what a missing score does: exclude (default), renormalize or zero
  --weights   raw weights by criterion name or id, comma-separated (default: all 1)
  --force     replace the .xlsx if it exists (without it, an existing file is left alone)
  --reviews   a team's scores: a CSV with the columns Reviewer, Agreement ID, Criterion (name or
              id), Score, and optionally Rationale and Time (ISO 8601); the scorecard is then
              scored by the team, and its criterion cells show the consensus
  --consensus how the team's scores combine: mean (default) or median
  --help      this text

The list's columns: ID, Agreement, optionally Type, Parties, Signed, Notes; one per criterion (by
name or id), or one per indicator of a criterion, headed "Criterion / Indicator" (for example
"Threat response / Intelligence and information sharing") or by a suggested indicator's id; the
criterion is then scored through its indicators.`;

/** Recorded in the Audit sheet as who created the scorecard and switched it to team scoring. */
const AUTHOR = "command line";
/** Refused rows listed on stderr; the rest are counted. */
const SHOWN_PROBLEMS = 20;

class UsageError extends Error {}

interface Options {
  input: string;
  out: string;
  /** Replace an existing output file. */
  force: boolean;
  settings: ImportSettings;
  /** The reviews CSV, for a team scorecard. */
  reviews?: string;
  consensus?: ConsensusMethod;
}

export function parseScale(text: string): Scale {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|—|\.\.|:|to)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) throw new UsageError(`--scale "${text}": write the scale as MIN-MAX, e.g. 1-5 or 0-10.`);
  return { min: Number(m[1]), max: Number(m[2]) };
}

export function parseWeights(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[,;]/)) {
    if (part.trim() === "") continue;
    const eq = part.lastIndexOf("=");
    const key = eq < 0 ? "" : part.slice(0, eq).trim();
    const raw = eq < 0 ? "" : part.slice(eq + 1).trim();
    const value = raw === "" ? NaN : Number(raw);
    if (!key || !Number.isFinite(value)) {
      throw new UsageError(
        `--weights "${part.trim()}": write each weight as Criterion=number, e.g. "Threat response=2".`,
      );
    }
    out[key] = value;
  }
  return out;
}

function parseArgs(argv: string[]): Options | "help" {
  let input: string | undefined;
  let out: string | undefined;
  let force = false;
  const settings: ImportSettings = {};
  let reviews: string | undefined;
  let consensus: ConsensusMethod | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value.`);
      return v;
    };
    if (arg === "--help" || arg === "-h") return "help";
    else if (arg === "--out" || arg === "-o") out = value();
    else if (arg === "--force" || arg === "-f") force = true;
    else if (arg === "--scale") settings.scale = parseScale(value());
    else if (arg === "--missing") settings.missingPolicy = value() as MissingPolicy;
    else if (arg === "--weights") settings.weights = parseWeights(value());
    else if (arg === "--reviews") reviews = value();
    else if (arg === "--consensus") consensus = parseConsensus(value());
    else if (arg.startsWith("--") && arg.includes("=")) {
      const eq = arg.indexOf("=");
      argv.splice(i + 1, 0, arg.slice(eq + 1));
      argv[i] = arg.slice(0, eq);
      i--;
    } else if (arg.startsWith("-")) throw new UsageError(`Unknown option ${arg}.`);
    else if (input === undefined) input = arg;
    else throw new UsageError(`One input file only (got "${input}" and "${arg}").`);
  }
  if (!input) throw new UsageError("Name the CSV or JSON file with the agreements.");
  if (consensus !== undefined && reviews === undefined)
    throw new UsageError("--consensus is for a team's scores: give them with --reviews reviews.csv.");
  return {
    input,
    out: out ?? join(dirname(input), `${basename(input, extname(input))}.xlsx`),
    force,
    settings,
    reviews,
    consensus,
  };
}

function parseConsensus(text: string): ConsensusMethod {
  const method = text.trim().toLowerCase();
  if (method !== "mean" && method !== "median")
    throw new UsageError(`--consensus "${text}": write mean or median.`);
  return method;
}

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

/** Every row of the reviews file that cannot be imported, as one error (the first ones listed). */
function refusal(file: string, problems: readonly Problem[], rows: number): ImportError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  ${p.message}`);
  if (problems.length > SHOWN_PROBLEMS) shown.push(`  … and ${problems.length - SHOWN_PROBLEMS} more.`);
  return new ImportError(
    `${file}: ${rows} row${rows === 1 ? "" : "s"} cannot be imported, so nothing was written. Correct ${rows === 1 ? "it" : "them"} and run again:\n${shown.join("\n")}`,
  );
}

/**
 * With --reviews every score comes from the reviews, with who gave it: a score in the agreements
 * list would have no reviewer, so it is refused rather than credited to someone.
 */
function refuseListScores(input: string, created: ImportResult, reviews: string): void {
  const { criteria } = created.config;
  // Criteria scored directly, and indicators (their scores in the list are indicatorScores).
  const leaves = criteria.flatMap((c) => [
    { ...c, indicator: false },
    ...(c.indicators ?? []).map((i) => ({ ...i, name: indicatorHeader(c.name, i.name), indicator: true })),
  ]);
  for (const a of created.agreements ?? []) {
    const scored = leaves.find(
      (c) => ((c.indicator ? a.indicatorScores?.[c.id] : a.scores[c.id]) ?? null) !== null,
    );
    if (scored) {
      throw new ImportError(
        `${input}: agreement "${a.id}", column "${scored.name}" has a score; with --reviews every score comes from ${reviews}, with the reviewer who gave it. Move the list's scores there, or clear them.`,
      );
    }
  }
}

/** Checks the reviews against the agreements, before anything is built. */
function checkReviews(file: string, bytes: Uint8Array, created: ImportResult): ParsedReviewsCsv {
  const parsed = parseReviewsCsv(bytes);
  // Before any refusal: a file read as Windows-1252 may explain why its names are not found.
  for (const notice of parsed.notices) process.stderr.write(`Notice: ${notice}\n`);
  const plan = planReviewImport(parsed, { ...created, agreements: created.agreements ?? [], reviews: [] });
  if (plan.refused.length > 0) throw refusal(file, plan.refused, refusedRows(plan));
  if (plan.added.length === 0) throw new ImportError(`${file} has a header but no reviews.`);
  return parsed;
}

/** Switches the new scorecard to team scoring and writes the reviews; says what the team gave. */
async function scoreAsTeam(
  run: ExcelRun,
  location: ScorecardLocation,
  parsed: ParsedReviewsCsv,
  method: ConsensusMethod,
): Promise<string> {
  await switchToTeam(run, await readScorecard(run, location), { reviewer: AUTHOR, method });
  const data = await readScorecard(run, location);
  const { reviews, reviewers } = await importReviews(run, data, planReviewImport(parsed, data));
  const after = await readScorecard(run, location);
  const discuss = after.consensus.filter((c) => c.discuss).length;
  return (
    ` Team scoring (${method}): ${reviews} review${reviews === 1 ? "" : "s"} by ${reviewers} reviewer${reviewers === 1 ? "" : "s"}, ` +
    `${discuss} cell${discuss === 1 ? "" : "s"} to discuss.`
  );
}

/** Refuses to go on when `target` exists and may not be replaced; says how to go on. */
function refuseToReplace(target: string): void {
  if (existsSync(target) && !statSync(target).isDirectory()) {
    throw new Error(
      `${target} already exists and was left as it is. Pass --force to replace it, or choose another file with --out.`,
    );
  }
}

/**
 * Writes bytes to `target` through a temporary file in the same folder and a rename. With
 * `replace: false` an existing target is refused (checked again just before the rename).
 */
export function writeAtomically(target: string, bytes: Uint8Array, { replace = true } = {}): void {
  const dir = dirname(resolve(target));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`The folder ${dir} does not exist.`);
  if (existsSync(target) && statSync(target).isDirectory())
    throw new Error(`${target} is a folder, not a file.`);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = openSync(temp, "wx");
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!replace) refuseToReplace(target);
    renameSync(temp, target);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { input, out, force, settings, reviews } = options;
  const kind = extname(input).toLowerCase();
  if (kind !== ".csv" && kind !== ".json") {
    throw new UsageError(`${input}: the list must be a .csv or .json file.`);
  }
  if (extname(out).toLowerCase() !== ".xlsx")
    throw new UsageError(`--out ${out}: the output must be an .xlsx file.`);
  // Before any work, so that the answer comes at once; writeAtomically checks again at the end.
  if (!force) refuseToReplace(out);
  const bytes = readInput(input);
  // The bytes, not text: the import finds the encoding (Excel for Windows writes Windows-1252).
  const created = kind === ".csv" ? importCsv(bytes, settings) : importJson(bytes, settings);
  for (const notice of created.notices) process.stderr.write(`Notice: ${notice}\n`);
  let team: ParsedReviewsCsv | null = null;
  if (reviews !== undefined) {
    refuseListScores(input, created, reviews);
    team = checkReviews(reviews, readInput(reviews), created);
  }

  const sim = createWorkbook({ sheets: ["Sheet1"] });
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => sim.run(batch);
  const { location } = await createScorecard(run, { ...created, author: AUTHOR });
  // "Criterion / Indicator" columns: the criteria get their indicators, then their scores.
  await addImportedIndicators(run, created);
  const teamSummary = team ? await scoreAsTeam(run, location, team, options.consensus ?? "mean") : "";
  // The fresh workbook's empty first sheet is not part of the scorecard.
  await run(async (context) => {
    context.workbook.worksheets.getItem("Sheet1").delete();
  });
  writeAtomically(out, await exportXlsx(sim), { replace: force });

  const { config, agreements = [] } = created;
  process.stdout.write(
    `Wrote ${out}: ${agreements.length} agreement${agreements.length === 1 ? "" : "s"}, ` +
      `${config.criteria.length} criteria (${config.criteria.map((c) => `${c.name} ${c.weight}`).join(", ")}), ` +
      `scale ${config.scale.min}–${config.scale.max}, missing scores: ${config.missingPolicy}.${teamSummary}\n`,
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Error: ${message}\n`);
      if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
      process.exit(1);
    },
  );
}
