/**
 * Editing a criterion's definition and rubric anchors: checked against the scale and Excel's cell
 * limit, then written through the guarded criteria write (editCriteria.ts writeCriteria).
 */
import type { RubricAnchor } from "../../scoring/types";
import { auditValue, type Change } from "../write/audit";
import { ConflictError } from "../write/conflicts";
import { WorkbookError } from "../errors";
import type { ScorecardMeta } from "../contract/meta";
import type { ScorecardData } from "../model";
import type { ExcelRun } from "../run";
import { asText } from "../contract/userText";
import {
  type CriterionEdit,
  type CriteriaWriteOptions,
  MAX_ANCHOR_TEXT,
  MAX_ANCHORS,
  criterionOf,
  weightRow,
  writeCriteria,
  checkDefinition,
} from "./editCriteria";

/** Anchors on the scale, each at its own point, with a description; sorted by value. */
export function checkAnchors(
  meta: ScorecardMeta,
  name: string,
  anchors: readonly RubricAnchor[],
): RubricAnchor[] {
  const fail = (message: string) =>
    new WorkbookError("InvalidInput", `Rubric of "${name}": ${message}`, { sheet: meta.sheets.weights });
  if (anchors.length > MAX_ANCHORS)
    throw fail(`at most ${MAX_ANCHORS} anchors; remove ${anchors.length - MAX_ANCHORS}.`);
  const { min, max } = meta.scale;
  const out = anchors.map((a) => ({
    value: a.value,
    label: a.label.trim(),
    description: a.description.trim(),
  }));
  for (const a of out) {
    if (!Number.isFinite(a.value) || a.value < min || a.value > max)
      throw fail(`the anchor at ${a.value} is off the scale ${min}–${max}.`);
    if (a.description === "")
      throw fail(`the anchor at ${a.value} needs a description of what that score means.`);
    if (a.label.length > 60 || a.description.length > MAX_ANCHOR_TEXT)
      throw fail(
        `the anchor at ${a.value} is too long (labels up to 60 characters, descriptions up to ${MAX_ANCHOR_TEXT}).`,
      );
  }
  const values = out.map((a) => a.value);
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  if (twice !== undefined) throw fail(`two anchors sit at ${twice}; give each point one description.`);
  return out.sort((a, b) => a.value - b.value);
}

/**
 * Edits a criterion's definition (the Weights sheet, column C) and/or its rubric anchors (the
 * metadata). A definition that a co-author changed in the grid since `before` is a conflict.
 */
export async function editCriterion(
  run: ExcelRun,
  before: ScorecardData,
  id: string,
  edit: CriterionEdit,
  options: CriteriaWriteOptions,
): Promise<ScorecardMeta> {
  const old = before.location.meta;
  const current = criterionOf(before, id);
  const definition = edit.definition === undefined ? undefined : checkDefinition(old, edit.definition);
  const anchors =
    edit.anchors === undefined ? undefined : checkAnchors(old, current.config.name, edit.anchors);
  const newDefinition = definition !== undefined && definition !== current.config.definition;
  const shown = (list: readonly RubricAnchor[] | undefined) =>
    (list ?? [])
      .map((a) => `${auditValue(a.value)}${a.label ? ` ${a.label}` : ""}: ${a.description}`)
      .join(" | ");
  const newAnchors = anchors !== undefined && shown(anchors) !== shown(current.meta.anchors);
  if (!newDefinition && !newAnchors) return old;
  const row = weightRow(before, id);
  return writeCriteria(
    run,
    before,
    options,
    (context) => context.workbook.worksheets.getItem(old.sheets.weights).getRange(`C${row}`).load("values"),
    (context, cell) => {
      const changes: Change[] = [];
      if (newDefinition) {
        const now = String(cell.values[0][0]);
        if (now !== current.config.definition)
          throw new ConflictError(
            [
              {
                what: "weight",
                agreementId: "",
                subject: `definition of ${current.config.name}`,
                seen: current.config.definition,
                now,
              },
            ],
            old.sheets.weights,
          );
        context.workbook.worksheets.getItem(old.sheets.weights).getRange(`C${row}`).values = [
          [asText(definition!)],
        ];
        changes.push({
          what: "criterion definition",
          agreementId: "",
          subject: current.config.name,
          before: current.config.definition,
          after: definition!,
        });
      }
      if (newAnchors)
        changes.push({
          what: "rubric anchors",
          agreementId: "",
          subject: current.config.name,
          before: shown(current.meta.anchors),
          after: shown(anchors),
        });
      const criteria = old.criteria.map((c) => {
        if (c.id !== id || !newAnchors) return c;
        // Its indicators (issue 16) stay as they are.
        const { anchors: _old, ...rest } = c;
        return anchors!.length > 0 ? { ...rest, anchors: anchors! } : rest;
      });
      return {
        config: {
          ...before.config,
          criteria: before.config.criteria.map((c) =>
            c.id === id && newDefinition ? { ...c, definition: definition! } : c,
          ),
        },
        criteria,
        cols: before.columns,
        weightRows: null,
        rewrite: "none",
        changes,
      };
    },
  );
}
