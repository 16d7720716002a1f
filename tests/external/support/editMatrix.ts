/**
 * What the LibreOffice hand-edit suites share (libreoffice-edits, libreoffice-indicators): rows of
 * agreements with their scores, each edit replayed over one exported workbook per missing-score
 * policy, and the rules that tell the scores the formulas must flag.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { exportXlsx } from "../../../src/excel-sim/export";
import type { MissingPolicy } from "../../../src/scoring";
import { createScorecard } from "../../../src/workbook/scorecard/create";
import type { AgreementRecord } from "../../../src/workbook/model";
import type { ExcelRun } from "../../../src/workbook/run";
import { defaultConfig, newWorkbook } from "../../workbook/helpers";
import { INVALID_MARK } from "../../../src/workbook/contract/contract";
import { poisonCaches, rankedOrder, requireTool } from "./libreoffice";
import { requireUno, runUnoJobs, type UnoJobResult, type UnoOp, type UnoRead } from "./uno";

/** A score as a cell holds it after an edit: a number, text pasted over it, or blank. */
export type Score = number | string | null;

/** Every missing-score policy: the hand-edit suites replay each edit on a scorecard under each. */
export const POLICIES: MissingPolicy[] = ["exclude", "renormalize", "zero"];
/** The suites' criterion weights, unequal so that a weight applied to the wrong criterion shows. */
export const WEIGHTS = [3, 2, 1.5, 0.5];

/** An agreement as the suites lay it out: its scores in the suite's column order. */
export interface Row {
  id: string;
  name: string;
  scores: Score[];
}

/** A scale-1-to-5 score the formulas must refuse: text, or a number off the scale. */
export const offScale = (s: Score) => s !== null && (typeof s !== "number" || s < 1 || s > 5);

/** The rows in the order of `ids` (what a sort leaves). */
export const reorder = <R extends Row>(base: R[], ids: string[]) =>
  ids.map((id) => base.find((r) => r.id === id)!);

/** The Excel row of agreement `id` when `base` fills the table from the row below `headerRow`. */
export const excelRowIn =
  (base: readonly Row[], headerRow = 1) =>
  (id: string) =>
    base.findIndex((r) => r.id === id) + headerRow + 1;

/** The model's result for one agreement, as the expectations read it. */
interface ModelResult {
  id: string;
  score: number | null;
  rank: number | null;
}

/**
 * What the Scorecard's rows (in `data`'s order) and the Results ranking must show, by the model's
 * results for the valid rows: a row the model was not given is marked invalid. `columns` adds a
 * suite's own columns to each Scorecard row (the indicator suite's criterion cells).
 */
export function expectedSheets<R extends { id: string }, C extends object = object>(
  data: readonly R[],
  model: readonly ModelResult[],
  columns: (row: R, k: number) => C = () => ({}) as C,
) {
  const byId = new Map(model.map((m) => [m.id, m]));
  const scorecard = data.map((r, k) => {
    const m = byId.get(r.id);
    if (!m) return { id: r.id, ...columns(r, k), score: INVALID_MARK, rank: "" };
    return { id: r.id, ...columns(r, k), score: m.score ?? "", rank: m.rank ?? "" };
  });
  const ranking = rankedOrder(model).map((m) => ({ id: m.id, score: m.score!, rank: m.rank! }));
  return { scorecard, ranking };
}

/**
 * Every edit replayed on each policy's workbook, one UNO job each: the jobs in order, and where the
 * result of (edit, policy) is among them.
 */
export function editMatrix<E extends { ops: UnoOp[]; sheet?: string }>(
  edits: readonly E[],
  policies: readonly MissingPolicy[],
) {
  return {
    jobs: (files: ReadonlyMap<MissingPolicy, string>, read: (edit: E) => UnoRead[]) =>
      edits.flatMap((edit) =>
        policies.map((policy) => ({ file: files.get(policy)!, ops: edit.ops, read: read(edit) })),
      ),
    index: (edit: E, policy: MissingPolicy) =>
      edits.indexOf(edit) * policies.length + policies.indexOf(policy),
  };
}

export interface EditReplayOptions<E> {
  /** The test file, named when LibreOffice or python3-uno is missing. */
  requiredBy: string;
  edits: readonly E[];
  policies: readonly MissingPolicy[];
  /** Each policy's scorecard: the default criteria with these weights, and these agreements. */
  weights: number[];
  agreements: AgreementRecord[];
  /** More set-up on each created scorecard before it is exported (the indicator suite's indicators). */
  prepare?: (run: ExcelRun, sim: ReturnType<typeof newWorkbook>["sim"]) => Promise<void>;
  /**
   * How many cached formula results the poisoning of each exported workbook must at least replace
   * (so that a result LibreOffice did not recompute cannot pass).
   */
  minPoisoned: number;
  /** What to read back after the edit. */
  read: (edit: E) => UnoRead[];
}

/**
 * Declares the suite's hooks: before all, each policy's workbook built, poisoned and written to a
 * working folder, and every edit replayed on each in one LibreOffice run; after all, the folder
 * removed (kept, with results.json, under KEEP_LIBREOFFICE_OUTPUT). Gives each (edit, policy)'s
 * result.
 */
export function replayEdits<E extends { ops: UnoOp[]; sheet?: string }>(options: EditReplayOptions<E>) {
  const matrix = editMatrix(options.edits, options.policies);
  let work = "";
  let results: UnoJobResult[] = [];
  beforeAll(async () => {
    requireTool(options.requiredBy, "soffice", ["--version"], "libreoffice-calc");
    requireUno(options.requiredBy);
    work = mkdtempSync(join(tmpdir(), `as-${basename(options.requiredBy, ".test.ts")}-`));
    const files = new Map<MissingPolicy, string>();
    for (const policy of options.policies) {
      const { sim, run } = newWorkbook();
      await createScorecard(run, {
        config: defaultConfig(policy, options.weights),
        agreements: options.agreements,
      });
      await options.prepare?.(run, sim);
      const { bytes, poisoned } = await poisonCaches(await exportXlsx(sim));
      expect(poisoned).toBeGreaterThan(options.minPoisoned);
      const file = join(work, `${policy}.xlsx`);
      writeFileSync(file, bytes);
      files.set(policy, file);
    }
    const jobs = matrix.jobs(files, options.read);
    const started = Date.now();
    results = runUnoJobs(jobs, work);
    if (process.env.KEEP_LIBREOFFICE_OUTPUT) {
      writeFileSync(join(work, "results.json"), JSON.stringify(results, null, 1));
      const seconds = (Date.now() - started) / 1000;
      console.log(`LibreOffice: ${jobs.length} jobs in ${seconds.toFixed(1)} s; output kept in ${work}`);
    }
  });
  afterAll(() => {
    if (work && !process.env.KEEP_LIBREOFFICE_OUTPUT) rmSync(work, { recursive: true, force: true });
  });
  return {
    /** Every job's result, in the order edits × policies. */
    all: () => results,
    result: (edit: E, policy: MissingPolicy) => results[matrix.index(edit, policy)],
  };
}
