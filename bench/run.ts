/**
 * Runs every bench/*.bench.ts section (or those whose file name contains an argument, e.g.
 * `npm run bench -- scoring`) and prints one table: each figure beside its baseline and target.
 * With --strict the exit code is 1 when a figure misses its target (off by default: timings on a
 * shared machine are noisy, so the table is for people first).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchFigure, BenchSection } from "./harness";
import { collectGarbage, heapUsedMb, machineDescription } from "./harness";

interface Row {
  section: string;
  figure: BenchFigure;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const strict = args.includes("--strict");
  const filters = args.filter((arg) => !arg.startsWith("--"));
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith(".bench.ts"))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();

  console.log(machineDescription().join("\n"));
  // Timings depend on what else the machine runs: the load is printed with them.
  console.log(`Load average (1, 5, 15 min) at start: ${loadAverage()}`);
  console.log("");

  const rows: Row[] = [];
  const heapAfter: string[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const section = (require(path.join(__dirname, file)) as { default: BenchSection }).default;
    console.log(`Running ${section.title} (${file}) …`);
    for (const figure of await section.run()) rows.push({ section: section.title, figure });
    collectGarbage();
    heapAfter.push(`${section.title}: ${heapUsedMb().toFixed(1)} MB`);
  }

  console.log("");
  printTable(rows);
  const notes = rows.filter((row) => row.figure.note ?? row.figure.baseline?.note);
  if (notes.length > 0) {
    console.log("\nNotes:");
    for (const { figure } of notes) {
      for (const note of [figure.note, figure.baseline?.note])
        if (note) console.log(`- ${figure.name}: ${note}`);
    }
  }
  console.log(`\nHeap used after each section (after GC): ${heapAfter.join("; ")}`);
  console.log(`Load average (1, 5, 15 min) at the end: ${loadAverage()}`);

  const missed = rows.filter(({ figure }) => figure.target !== undefined && !(figure.value < figure.target));
  if (strict && missed.length > 0) process.exitCode = 1;
}

function printTable(rows: readonly Row[]): void {
  const header = ["section", "measure", "ours", "baseline", "speed-up", "target", "result"];
  const body = rows.map(({ section, figure }) => {
    const { value, unit, baseline, target } = figure;
    return [
      section,
      figure.name,
      format(value, unit),
      baseline === undefined ? "—" : format(baseline.value, unit),
      baseline === undefined || value === 0 ? "—" : `${(baseline.value / value).toFixed(1)}×`,
      target === undefined ? "—" : `< ${format(target, unit)}`,
      target === undefined ? "—" : value < target ? "PASS" : "MISS",
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((row) => row[column].length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("-|-"));
  for (const row of body) console.log(line(row));
  console.log("\nBaselines:");
  for (const { figure } of rows)
    if (figure.baseline) console.log(`- ${figure.name}: ${figure.baseline.name}`);
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
}

function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
