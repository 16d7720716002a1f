/**
 * Hand edits in a real LibreOffice: a typed front for uno_edit.py, which drives one headless soffice
 * (private profile, its own pipe) through a list of jobs — open an .xlsx, apply edits as an Excel
 * user makes them, recalculate hard, read cells back, optionally save — over the UNO bridge of
 * Debian's python3-uno. The operations are documented in uno_edit.py.
 */
import { spawnSync } from "child_process";
import { writeFileSync } from "fs";
import { join } from "path";
import { requireTool } from "./libreoffice";

const PYTHON = "/usr/bin/python3";
const SCRIPT = join(__dirname, "uno_edit.py");

/** A cell as LibreOffice shows it: a number, text ("" when empty), or an error's text ("#REF!"). */
export type UnoCell = number | string;

/** The area of one op: an A1 range, a whole table (its header row included), or one table column. */
type Area = { range: string } | { table: string; column?: string };

export type UnoOp =
  | { op: "insertColumns"; sheet: string; before: string; count?: number }
  | { op: "deleteColumns"; sheet: string; column: string; count?: number }
  | ({ op: "insertCells"; sheet: string; shift: "right" | "down" } & Area)
  | ({ op: "deleteCells"; sheet: string; shift: "left" | "up" } & Area)
  | { op: "insertRows"; sheet: string; before: number; count?: number }
  | { op: "deleteRows"; sheet: string; row: number; count?: number }
  | ({
      op: "sort";
      sheet: string;
      descending?: boolean;
      hasHeader?: boolean;
    } & Area &
      ({ column: string } | { header: string }))
  | { op: "renameSheet"; sheet: string; to: string }
  | { op: "setValue"; sheet: string; cell: string; value: number | string }
  | { op: "setFormula"; sheet: string; cell: string; formula: string }
  | { op: "typeRow"; sheet: string; table: string; values: (number | string | null)[]; expand?: boolean }
  | { op: "moveColumn"; sheet: string; column: string; before: string };

/** A range to read after the edits; without `range`, the sheet's used area from A1. */
export interface UnoRead {
  sheet: string;
  range?: string;
  /** Also return each cell's formula in Excel's syntax ("" for a cell without one). */
  formulas?: boolean;
}

export interface UnoJob {
  /** The .xlsx to open (it is not modified unless `save` names it). */
  file: string;
  ops: UnoOp[];
  read: UnoRead[];
  /** Where to save the edited workbook as .xlsx. */
  save?: string;
}

export interface UnoSheetRead {
  sheet: string;
  /** The A1 range read, e.g. "A1:M11". */
  range: string;
  values: UnoCell[][];
  formulas?: string[][];
}

export interface UnoJobResult {
  file: string;
  reads: UnoSheetRead[];
}

/** Fails, naming `requiredBy` and the package to install, unless Debian's python3 can import uno. */
export function requireUno(requiredBy: string): void {
  try {
    requireTool(requiredBy, PYTHON, ["-c", "import uno"], "python3-uno");
  } catch (e) {
    throw new Error(
      `The LibreOffice Python bridge (\`import uno\` in ${PYTHON}) is missing. ${(e as Error).message}`,
    );
  }
}

/**
 * Runs the jobs in one LibreOffice, in order, and returns what each read; `workDir` receives the
 * jobs file. Throws with uno_edit.py's message (which names the job and op) when anything fails.
 */
export function runUnoJobs(jobs: UnoJob[], workDir: string, timeoutMs = 300_000): UnoJobResult[] {
  const jobsFile = join(workDir, `uno-jobs-${process.pid}-${Date.now()}.json`);
  writeFileSync(jobsFile, JSON.stringify({ jobs }));
  const r = spawnSync(PYTHON, [SCRIPT, jobsFile], {
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    const why = r.error?.message ?? `exit ${r.status ?? r.signal}`;
    const hint =
      r.status === 2 ? " Install the LibreOffice Python bridge: apt-get install -y python3-uno." : "";
    throw new Error(`uno_edit.py failed (${why}):\n${r.stderr}${hint}`);
  }
  const out = JSON.parse(r.stdout) as { jobs: UnoJobResult[] };
  if (out.jobs.length !== jobs.length) {
    throw new Error(`uno_edit.py returned ${out.jobs.length} results for ${jobs.length} jobs`);
  }
  return out.jobs;
}

/**
 * The table whose header row holds all of `marks`, found wherever edits moved it in a sheet read:
 * its header, a column finder by header (which names the headers it saw when one is missing), and
 * the body rows down to the first blank `untilBlank` cell.
 */
export function tableIn(values: UnoCell[][], marks: readonly string[], untilBlank: string) {
  const top = values.findIndex((r) => marks.every((m) => r.includes(m)));
  if (top < 0)
    throw new Error(`no header row with ${marks.join(", ")} in:\n${JSON.stringify(values.slice(0, 5))}`);
  const header = values[top].map(String);
  const col = (h: string) => {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`no column "${h}" in ${JSON.stringify(header)}`);
    return i;
  };
  const rows: UnoCell[][] = [];
  for (let r = top + 1; r < values.length && values[r][col(untilBlank)] !== ""; r++) rows.push(values[r]);
  return { header, col, rows };
}

/** Every number in a value (an object or array too) to 9 decimals, so toEqual compares to 1e-9 and diffs show every row. */
export function roundedDeep(v: unknown): unknown {
  if (typeof v === "number") return Math.round(v * 1e9) / 1e9;
  if (Array.isArray(v)) return v.map(roundedDeep);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundedDeep(x)]));
  return v;
}
