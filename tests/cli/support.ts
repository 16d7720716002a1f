/**
 * Running the command line (scripts/workbook.ts) as `npm run workbook` runs it, and reading the
 * .xlsx files it writes, for the CLI tests.
 */
import { execFile } from "child_process";
import { readFileSync } from "fs";
import { join, resolve } from "path";
import ExcelJS from "exceljs";

export const ROOT = resolve(__dirname, "../..");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run workbook -- …` without npm: the same node command line. */
export function cli(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join(ROOT, "scripts/workbook.ts"), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, "bench/tsconfig.json") },
        timeout: 150_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = readFileSync(path);
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

type Cell = ExcelJS.CellValue;
/** A formula's cached result; exceljs reads the empty text result (<v></v>) as no result at all. */
const resultOf = (v: Cell) =>
  v && typeof v === "object" && "formula" in v ? ((v as { result?: unknown }).result ?? "") : v;

export function tableRows(wb: ExcelJS.Workbook, sheet: string): Record<string, unknown>[] {
  const ws = wb.getWorksheet(sheet)!;
  // The header row: row 1, or row 2 under the Scorecard's header band (whose column A is empty).
  const top = ws.getRow(1).getCell(1).value === null && ws.rowCount > 1 ? 2 : 1;
  // Array.from, not map: exceljs leaves holes for empty header cells (the Reviews sheet has one).
  const header = Array.from((ws.getRow(top).values as Cell[]).slice(1), (v) => String(v ?? ""));
  const rows: Record<string, unknown>[] = [];
  for (let r = top + 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as Cell[];
    if (!values.length) continue;
    rows.push(Object.fromEntries(header.map((h, i) => [h, resultOf(values[i + 1] ?? null) ?? null])));
  }
  return rows;
}
