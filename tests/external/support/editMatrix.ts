/**
 * What the LibreOffice hand-edit suites share (libreoffice-edits, libreoffice-indicators): rows of
 * agreements with their scores, each edit replayed over one exported workbook per missing-score
 * policy, and the rules that tell the scores the formulas must flag.
 */
import type { MissingPolicy } from "../../../src/scoring";
import type { UnoOp, UnoRead } from "./uno";

/** A score as a cell holds it after an edit: a number, text pasted over it, or blank. */
export type Score = number | string | null;

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

/** The Excel row of agreement `id` when `base` fills the table from row 2. */
export const excelRowIn = (base: readonly Row[]) => (id: string) => base.findIndex((r) => r.id === id) + 2;

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
