/**
 * Large scorecards through the command line (issue 12 item 5): `npm run workbook -- list.csv --out
 * x.xlsx` for 20,000, 50,000 and 100,000 agreements × 4 criteria, each run in a node process of
 * its own, as a user runs it: wall time from start to exit (ts-node's start included) and the
 * process's peak resident memory (getrusage maxrss). The baseline is the command line as it was
 * before this work (commit BEFORE, taken from git into a temporary folder and run the same way);
 * at 100,000 it was refused (RequestPayloadSizeLimitExceeded), which its note says when it happens.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchFigure, BenchSection } from "./harness";

const ROOT = path.resolve(__dirname, "..");
/** The last commit before large lists were made to fit (the command line "today" in issue 12). */
const BEFORE = "a907d50639362ba57d8e86312a96e0f846c1b2f4";
const SIZES = [20_000, 50_000, 100_000];
/** Targets at 100,000 agreements (issue 12): under a minute and under 1.5 GB. */
const TARGET_SECONDS = 60;
const TARGET_MB = 1500;

const HEADER =
  "ID,Agreement,Type,Parties,Signed,Operational efficiency,Strategic alignment,Capability enhancement,Threat response,Notes";

function writeList(file: string, n: number): void {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const scores = [0, 1, 2, 3].map((k) => (1 + ((i * (k + 3)) % 41) / 10).toFixed(1));
    lines.push(
      `AG-${i + 1},Agreement ${i + 1},Bilateral,"A, B",${1950 + (i % 70)},${scores.join(",")},note ${i % 7}`,
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

interface Run {
  seconds: number;
  /** User + system CPU time: unlike wall time, barely moved by what else the machine runs. */
  cpuSeconds: number;
  peakMb: number;
  ok: boolean;
  /** The last line of stderr when the run failed. */
  error: string;
}

/** Runs a checkout's scripts/workbook.ts on `list` as `npm run workbook` does, with a probe of its peak memory. */
function runCli(checkout: string, probe: string, list: string, out: string): Promise<Run> {
  const usageFile = `${out}.usage.json`;
  const start = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        "-r",
        probe,
        "-r",
        "ts-node/register/transpile-only",
        "scripts/workbook.ts",
        list,
        "--out",
        out,
        "--force",
      ],
      {
        cwd: checkout,
        env: {
          ...process.env,
          TS_NODE_PROJECT: path.join(checkout, "bench/tsconfig.json"),
          AS_BENCH_USAGE: usageFile,
        },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let usage = { maxRSS: NaN, userCPUTime: NaN, systemCPUTime: NaN };
      try {
        usage = JSON.parse(readFileSync(usageFile, "utf8")) as typeof usage;
      } catch {
        // The probe writes on exit; a process killed before that has no figures.
      }
      const error = stderr.trim().split("\n").filter(Boolean).pop() ?? "";
      done({
        seconds,
        cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
        peakMb: usage.maxRSS / 1024,
        ok: code === 0,
        error,
      });
    });
  });
}

/** The repository at BEFORE in a folder of its own (sharing node_modules), or null when this clone lacks it. */
function checkoutBefore(dir: string): string | null {
  const checkout = path.join(dir, "before");
  try {
    const tar = execFileSync("git", ["-C", ROOT, "archive", "--format=tar", BEFORE], {
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "ignore"],
    });
    mkdirSync(checkout);
    execFileSync("tar", ["-x", "-C", checkout], { input: tar });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(checkout, "node_modules"), "dir");
    return checkout;
  } catch {
    return null;
  }
}

const load = () => os.loadavg()[0].toFixed(1);

async function figures(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "as-bench-cli-"));
  try {
    const probe = path.join(dir, "peak-memory.js");
    writeFileSync(
      probe,
      'process.on("exit", () => require("fs").writeFileSync(process.env.AS_BENCH_USAGE, JSON.stringify(process.resourceUsage())));\n',
    );
    const before = checkoutBefore(dir);
    const out: BenchFigure[] = [];
    for (const n of SIZES) {
      const list = path.join(dir, `agreements-${n}.csv`);
      writeList(list, n);
      const loadBefore = load();
      const ours = await runCli(ROOT, probe, list, path.join(dir, `ours-${n}.xlsx`));
      if (!ours.ok) throw new Error(`The command line failed at ${n} agreements: ${ours.error}`);
      const old = before ? await runCli(before, probe, list, path.join(dir, `before-${n}.xlsx`)) : null;
      const label = `command line, ${n.toLocaleString("en")} agreements × 4 criteria`;
      const baseline = (value: number) =>
        old?.ok ? { name: `the command line before (${BEFORE.slice(0, 7)})`, value } : undefined;
      const oldNote = !before
        ? `before: commit ${BEFORE.slice(0, 7)} is not in this clone`
        : !old!.ok
          ? `before: failed after ${old!.seconds.toFixed(1)} s, peak ${old!.peakMb.toFixed(0)} MB: ${old!.error}`
          : `before: CPU ${old!.cpuSeconds.toFixed(1)} s`;
      const loadNote = `CPU ${ours.cpuSeconds.toFixed(1)} s; load average ${loadBefore} → ${load()} (${os.cpus().length} cores)`;
      out.push(
        {
          name: `${label}: time`,
          unit: "s",
          value: ours.seconds,
          baseline: baseline(old?.seconds ?? NaN),
          target: n === 100_000 ? TARGET_SECONDS : undefined,
          note: [loadNote, oldNote].filter(Boolean).join("; "),
        },
        {
          name: `${label}: peak memory`,
          unit: "MB",
          value: ours.peakMb,
          baseline: baseline(old?.peakMb ?? NaN),
          target: n === 100_000 ? TARGET_MB : undefined,
        },
      );
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const section: BenchSection = { title: "command line", run: figures };
export default section;
