/**
 * The defined names the formulas rely on (AS_ScaleMin, AS_ScaleMax, one AS_W_<id> per criterion
 * and one AS_L_<id> per indicator): which of them a person deleted or broke, the issue that says so, and how Repair
 * formulas puts them back. A deleted AS_W_ name turns every Weighted score into #NAME?; deleting
 * the Weights sheet's column H leaves the scale names pointing at #REF!, so every score is #REF!.
 * A name that points at another criterion's or indicator's row is worse, a wrong number with no
 * error: sorting the Weights table (or the indicator weights table) by hand moves the rows, and
 * Excel, like LibreOffice, leaves references to cells inside a sorted range where they were. The
 * read compares each name's cell with the row its criterion or indicator is on now, found by ID.
 */
import { NAME, localWeightName, weightName } from "./contract";
import { quoteSheet } from "./addresses";
import { normalizedLocalCell } from "./indicatorLayout";
import { WEIGHTS_LAYOUT } from "./layout";
import type { ScorecardMeta } from "./meta";
import type { CellIssue, NameState } from "../model";

export function nameState(
  meta: Pick<ScorecardMeta, "criteria">,
  definedNames: readonly { name: string; formula: string }[],
  scaleBroken: boolean,
): NameState {
  const present = new Set(definedNames.map((n) => n.name.toLowerCase()));
  const ours = /^(as_w_|as_l_)/;
  const targets = Object.fromEntries(
    definedNames.filter((n) => ours.test(n.name.toLowerCase())).map((n) => [n.name.toLowerCase(), n.formula]),
  );
  const missingLocalWeights = meta.criteria
    .flatMap((c) => c.indicators ?? [])
    .filter((i) => !present.has(localWeightName(i.id).toLowerCase()))
    .map((i) => ({ id: i.id, header: i.header }));
  return {
    missingWeights: meta.criteria.filter((c) => !present.has(weightName(c.id).toLowerCase())),
    ...(missingLocalWeights.length > 0 ? { missingLocalWeights } : {}),
    scaleBroken,
    scaleNames: [NAME.scaleMin, NAME.scaleMax].filter((n) => present.has(n.toLowerCase())),
    targets,
  };
}

/** A name pointing at a cell other than its own criterion's or indicator's: where, and where it should. */
export interface MisdirectedName {
  name: string;
  /** The criterion's or indicator's header. */
  header: string;
  criterionId: string;
  indicatorId?: string;
  /** The formula the name has now, and the one it should have. */
  now: string;
  should: string;
  /** The cell it should point at, on the Weights sheet. */
  address: string;
}

/**
 * The one cell a name's formula names, as "sheet!E3" (sheet name lower-cased, as Excel compares
 * them; no $ signs); null when it names no single cell (#REF!, a range, a formula).
 */
function cellOf(formula: string): string | null {
  const m = /^=\s*(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)\s*$/.exec(formula);
  if (!m) return null;
  const sheet = (m[1] ?? m[2]).replace(/''/g, "'");
  return `${sheet.toLowerCase()}!${m[3].toUpperCase()}${m[4]}`;
}

/**
 * Every AS_W_ and AS_L_ name that exists but points elsewhere than the normalized weight on its
 * criterion's or indicator's row, as the read found the rows by ID.
 */
export function misdirectedNames(
  meta: ScorecardMeta,
  state: NameState,
  normalizedCells: Record<string, string>,
  indicatorRows: Record<string, number> = {},
): MisdirectedName[] {
  const sheet = quoteSheet(meta.sheets.weights);
  const out: MisdirectedName[] = [];
  const check = (
    name: string,
    address: string | undefined,
    entry: Omit<MisdirectedName, "name" | "now" | "should" | "address">,
  ) => {
    const now = state.targets[name.toLowerCase()];
    if (now === undefined || address === undefined) return;
    const should = `=${sheet}!${address.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2")}`;
    if (cellOf(now) !== cellOf(should)) out.push({ ...entry, name, now, should, address });
  };
  for (const c of meta.criteria) {
    check(weightName(c.id), normalizedCells[c.id], { header: c.header, criterionId: c.id });
    for (const i of c.indicators ?? []) {
      const row = indicatorRows[i.id];
      check(localWeightName(i.id), row ? normalizedLocalCell(row) : undefined, {
        header: i.header,
        criterionId: c.id,
        indicatorId: i.id,
      });
    }
  }
  return out;
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
  for (const m of misdirectedNames(meta, state, normalizedCells, indicatorRows)) {
    const what = m.indicatorId
      ? `the normalized local weight of indicator "${m.header}", which its criterion's cells use`
      : `the normalized weight of criterion "${m.header}", which every Weighted score uses`;
    issues.push({
      sheet,
      address: m.address,
      row: Number(/\d+$/.exec(m.address)?.[0] ?? 0),
      column: m.indicatorId ? "Normalized local weight" : "Normalized weight",
      agreementId: "",
      criterionId: m.criterionId,
      ...(m.indicatorId ? { indicatorId: m.indicatorId } : {}),
      repairable: true,
      message: `The defined name ${m.name} should name ${what} (sheet "${sheet}", ${m.address}), but it points at ${m.now.replace(/^=/, "")}: the table was sorted or its rows moved by hand, and names keep pointing at the cells they named. So the sheet's scores use another row's weight; the pane computes them itself, from the weights by ID, meanwhile. "Repair formulas" on the Results tab points the name back.`,
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
 * Queues the names back: each missing AS_W_ name to its criterion's normalized weight cell (AS_L_
 * to its indicator's), each misdirected one pointed at its own row again, and a broken scale's names (deleted, then added again) to the scale cells, which are written anew.
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
  for (const m of misdirectedNames(meta, state, normalizedCells, indicatorRows))
    workbook.names.getItem(m.name).formula = m.should;
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
