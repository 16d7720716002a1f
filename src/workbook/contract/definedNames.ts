/**
 * The defined names the formulas rely on (AS_ScaleMin, AS_ScaleMax, one AS_W_<id> per criterion
 * and one AS_L_<id> per indicator): which of them a person deleted or broke, the issue that says so, and how Repair
 * formulas puts them back. A deleted AS_W_ name turns every Weighted score into #NAME?; deleting
 * the Weights sheet's column H leaves the scale names pointing at #REF!, so every score is #REF!.
 */
import { NAME, localWeightName, weightName } from "./contract";
import { normalizedLocalCell } from "./indicatorLayout";
import { WEIGHTS_LAYOUT } from "./layout";
import type { ScorecardMeta } from "./meta";
import type { CellIssue, NameState } from "../model";

export function nameState(
  meta: Pick<ScorecardMeta, "criteria">,
  definedNames: readonly string[],
  scaleBroken: boolean,
): NameState {
  const present = new Set(definedNames.map((n) => n.toLowerCase()));
  const missingLocalWeights = meta.criteria
    .flatMap((c) => c.indicators ?? [])
    .filter((i) => !present.has(localWeightName(i.id).toLowerCase()))
    .map((i) => ({ id: i.id, header: i.header }));
  return {
    missingWeights: meta.criteria.filter((c) => !present.has(weightName(c.id).toLowerCase())),
    ...(missingLocalWeights.length > 0 ? { missingLocalWeights } : {}),
    scaleBroken,
    scaleNames: [NAME.scaleMin, NAME.scaleMax].filter((n) => present.has(n.toLowerCase())),
  };
}

export function nameIssues(
  meta: ScorecardMeta,
  state: NameState,
  normalizedCells: Record<string, string>,
  indicatorRows: Record<string, number> = {},
): CellIssue[] {
  const sheet = meta.sheets.weights;
  const issues: CellIssue[] = state.missingWeights.map((c) => {
    const address = normalizedCells[c.id] ?? WEIGHTS_LAYOUT.normalizedColumn;
    return {
      sheet,
      address,
      row: Number(/\d+$/.exec(address)?.[0] ?? 0),
      column: "Normalized weight",
      agreementId: "",
      criterionId: c.id,
      repairable: true,
      message: `The defined name ${weightName(c.id)}, which names the normalized weight of criterion "${c.header}" (sheet "${sheet}", ${address}) for every Weighted score, was deleted, so the scores show #NAME?. The pane computes them itself meanwhile; "Repair formulas" on the Results tab adds the name back.`,
    };
  });
  for (const i of state.missingLocalWeights ?? []) {
    const row = indicatorRows[i.id] ?? 0;
    const address = normalizedLocalCell(row);
    issues.push({
      sheet,
      address,
      row,
      column: "Normalized local weight",
      agreementId: "",
      indicatorId: i.id,
      repairable: true,
      message: `The defined name ${localWeightName(i.id)}, which names the normalized local weight of indicator "${i.header}" (sheet "${sheet}", ${address}) for its criterion's score, was deleted, so that criterion's cells show #NAME?. The pane computes the scores itself meanwhile; "Repair formulas" on the Results tab adds the name back.`,
    });
  }
  if (state.scaleBroken) {
    issues.push({
      sheet,
      address: `${WEIGHTS_LAYOUT.scaleMinCell}:${WEIGHTS_LAYOUT.scaleMaxCell}`,
      row: Number(WEIGHTS_LAYOUT.scaleMinCell.slice(1)),
      column: "Scale",
      agreementId: "",
      repairable: true,
      message: `The scale of sheet "${sheet}" (cells ${WEIGHTS_LAYOUT.scaleMinCell}:${WEIGHTS_LAYOUT.scaleMaxCell}, named ${NAME.scaleMin} and ${NAME.scaleMax}) is gone: its cells or a name were deleted, so every score shows #REF! or #NAME?. The pane uses the scale the scorecard was made with (${meta.scale.min}–${meta.scale.max}); "Repair formulas" on the Results tab writes the scale back to ${WEIGHTS_LAYOUT.labelsRange} and points the names at it.`,
    });
  }
  return issues;
}

/**
 * Queues the names back: each missing AS_W_ name to its criterion's normalized weight cell, and a
 * broken scale's names (deleted, then added again) to the scale cells, which are written anew.
 */
export function queueNamesBack(
  context: Excel.RequestContext,
  meta: ScorecardMeta,
  state: NameState,
  normalizedCells: Record<string, string>,
  indicatorRows: Record<string, number> = {},
) {
  const workbook = context.workbook;
  const weights = workbook.tables.getItem(meta.weightsTable).worksheet;
  for (const c of state.missingWeights) {
    const cell = normalizedCells[c.id];
    if (cell) workbook.names.add(weightName(c.id), weights.getRange(cell));
  }
  for (const i of state.missingLocalWeights ?? []) {
    const row = indicatorRows[i.id];
    if (row) workbook.names.add(localWeightName(i.id), weights.getRange(normalizedLocalCell(row)));
  }
  if (state.scaleBroken) {
    weights.getRange(WEIGHTS_LAYOUT.labelsRange).values = [
      ["Scale minimum", meta.scale.min],
      ["Scale maximum", meta.scale.max],
      ["Missing scores", meta.missingPolicy],
    ];
    for (const [name, cell] of [
      [NAME.scaleMin, WEIGHTS_LAYOUT.scaleMinCell],
      [NAME.scaleMax, WEIGHTS_LAYOUT.scaleMaxCell],
    ]) {
      if (state.scaleNames.includes(name)) workbook.names.getItem(name).delete();
      workbook.names.add(name, weights.getRange(cell));
    }
  }
}
