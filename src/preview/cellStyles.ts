/**
 * How the preview's grid draws each cell's formats, as Excel would: the fill, font colour and bold
 * a cell was given (the Scorecard's header band, for one), then any conditional format that applies
 * now on top (a team's "to discuss" cells); and a label centred across a run of cells
 * ("CenterAcrossSelection", the header band) drawn over that run.
 */
import type React from "react";
import type { SimWorkbook } from "../excel-sim";

export interface CellStyles {
  /** Inline style per cell, keyed "row:column" (0-based). */
  styles: Map<string, React.CSSProperties>;
  /** Cells whose label spans the next cells: "row:column" → how many columns in all. */
  spans: Map<string, number>;
  /** Cells drawn under another's span, "row:column": not drawn on their own. */
  covered: Set<string>;
}

/**
 * The styles of the grid's cells `range` (from A1), from the cells' values and formats; `address`
 * names a cell by its 0-based row and column.
 */
export function cellStyles(
  sim: SimWorkbook,
  sheet: string | null,
  range: string,
  values: readonly (readonly unknown[])[],
  address: (row: number, column: number) => string,
): CellStyles {
  const result: CellStyles = { styles: new Map(), spans: new Map(), covered: new Set() };
  if (!sheet) return result;
  const formats = sim.inspect.formats(sheet, range);
  // Conditional formats are looked up cell by cell, so only where the sheet has any.
  const conditional = sim.inspect.conditionalFormats(sheet).length > 0;
  const empty = (r: number, c: number) => values[r]?.[c] === "" || values[r]?.[c] === null;
  const centred = (r: number, c: number) => formats[r]?.[c]?.horizontalAlignment === "CenterAcrossSelection";
  formats.forEach((row, r) =>
    row.forEach((format, c) => {
      const applied = conditional ? sim.inspect.cell(sheet, address(r, c)).conditionalFormat : null;
      const style: React.CSSProperties = {
        backgroundColor: applied?.fillColor ?? format.fillColor,
        color: applied?.fontColor ?? format.fontColor,
        fontWeight: (applied?.bold ?? format.bold) ? 600 : undefined,
      };
      if (Object.values(style).some((v) => v !== undefined)) result.styles.set(`${r}:${c}`, style);
      // A label centred across the empty, likewise formatted cells to its right.
      if (empty(r, c) || !centred(r, c)) return;
      let end = c;
      while (end + 1 < row.length && empty(r, end + 1) && centred(r, end + 1)) end++;
      if (end === c) return;
      result.spans.set(`${r}:${c}`, end - c + 1);
      for (let k = c + 1; k <= end; k++) result.covered.add(`${r}:${k}`);
    }),
  );
  return result;
}
