/** A range's format: alignment, widths and heights, fill, font, protection and borders. */
import { simError } from "../errors";
import { type Rect } from "../model/address";
import { formatValue } from "../model/format";
import { BORDER_EDGES, type BorderEdge, type CellFormat } from "../model/types";
import { declareProperties, type ExecState, type PropertySpec, ctxOf } from "./base";
import type { SimRequestContext } from "./context";
import { RangePart } from "./range-part";
import type { RangeEntity, SimRange } from "./range";

const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_ROW_HEIGHT = 15;

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  purple: "#800080",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkgreen: "#006400",
  darkred: "#8B0000",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
  navy: "#000080",
};

/** "#ff0000" / "red" → "#FF0000"; InvalidArgument otherwise. */
export function normalizeColor(c: unknown): string {
  if (typeof c !== "string") throw simError("InvalidArgument", `Invalid color ${JSON.stringify(c)}.`);
  const s = c.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(s)) return ("#" + [...s.slice(1)].map((x) => x + x).join("")).toUpperCase();
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  throw simError("InvalidArgument", `Invalid color '${c}'.`);
}

/** Uniform value of f over the cells (null when they differ), sampling large ranges by row/column. */
function uniform<V>(e: RangeEntity, f: (r: number, c: number) => V): V | null {
  const { rect } = e;
  const rows = Math.min(rect.r1, rect.r0 + 2000);
  const cols = Math.min(rect.c1, rect.c0 + 200);
  let first: V | undefined;
  let firstSet = false;
  for (let r = rect.r0; r <= rows; r++) {
    for (let c = rect.c0; c <= cols; c++) {
      const v = f(r, c);
      if (!firstSet) {
        first = v;
        firstSet = true;
      } else if (v !== first) return null;
    }
  }
  return first as V;
}

export class SimRangeFormat extends RangePart {
  declare readonly fill: SimRangeFill;
  declare readonly font: SimRangeFont;
  declare readonly borders: SimRangeBorderCollection;
  declare readonly protection: SimFormatProtection;

  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFormat");
  }

  /** Width from the longest displayed text (Calibri 11: ~7 px per character + padding). */
  autofitColumns(): void {
    this._call("autofitColumns", [], (e, exec) => {
      const m = exec.model;
      const u = m.usedRect(e.sheet, true);
      const rows = u ? { r0: Math.max(e.rect.r0, u.r0), r1: Math.min(e.rect.r1, u.r1) } : null;
      for (let c = e.rect.c0; c <= Math.min(e.rect.c1, e.rect.c0 + 500); c++) {
        let chars = 0;
        let bold = false;
        if (rows) {
          for (let r = rows.r0; r <= rows.r1; r++) {
            const v = m.valueAt(e.sheet, r, c);
            if (v === null) continue;
            const f = m.formatAt(e.sheet, r, c);
            const t = formatValue(v, f.numberFormat);
            if (t.length > chars) {
              chars = t.length;
              bold = !!f.bold;
            }
          }
        }
        const px = chars === 0 ? 64 : Math.ceil(chars * (bold ? 7.7 : 7) + 10);
        m.setColumnWidth(e.sheet, { ...e.rect, c0: c, c1: c }, Math.round(px * 0.75 * 100) / 100);
      }
    });
  }

  autofitRows(): void {
    this._call("autofitRows", [], () => undefined);
  }
}
/**
 * The widths (or heights) of columns (or rows) from..to, each its own or `standard`; at most the
 * first 1,001, which tell as well as a million whether a whole-column range is uniform.
 */
function lineSizes(sizes: ReadonlyMap<number, number>, from: number, to: number, standard: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= Math.min(to, from + 1000); i++) out.push(sizes.get(i) ?? standard);
  return out;
}

/** The one value of a list, or null when the values differ (Excel's answer for a mixed range). */
function same<V>(list: V[]): V | null {
  return list.every((x) => x === list[0]) ? list[0] : null;
}

/** An alignment of the range's cells: Excel's `standard` where none is set, null where they differ. */
function alignment(
  key: "horizontalAlignment" | "verticalAlignment",
  standard: string,
): PropertySpec<RangeEntity, SimRangeFormat> {
  return {
    read: (e, { model: m }) => uniform(e, (r, c) => m.formatAt(e.sheet, r, c)[key] ?? standard),
    write: (e, value, exec) =>
      exec.model.setFormat(e.sheet, e.rect, { [key]: value as CellFormat[typeof key] }),
  };
}

declareProperties<RangeEntity, SimRangeFormat>(SimRangeFormat, {
  children: {
    fill: (p) => new SimRangeFill(ctxOf(p), p.range),
    font: (p) => new SimRangeFont(ctxOf(p), p.range),
    borders: (p) => new SimRangeBorderCollection(ctxOf(p), p.range),
    protection: (p) => new SimFormatProtection(ctxOf(p), p.range),
  },
  scalars: {
    columnWidth: {
      read: ({ sheet, rect }) => same(lineSizes(sheet.columnWidths, rect.c0, rect.c1, DEFAULT_COLUMN_WIDTH)),
      write: (e, value, exec) => exec.model.setColumnWidth(e.sheet, e.rect, value as number),
    },
    rowHeight: {
      read: ({ sheet, rect }) => same(lineSizes(sheet.rowHeights, rect.r0, rect.r1, DEFAULT_ROW_HEIGHT)),
      write: (e, value, exec) => exec.model.setRowHeight(e.sheet, e.rect, value as number),
    },
    wrapText: {
      read: (e, { model: m }) => uniform(e, (r, c) => m.formatAt(e.sheet, r, c).wrapText ?? false),
      write: (e, value, exec) => exec.model.setFormat(e.sheet, e.rect, { wrapText: !!value }),
    },
    horizontalAlignment: alignment("horizontalAlignment", "General"),
    verticalAlignment: alignment("verticalAlignment", "Bottom"),
  },
});

export class SimRangeFill extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFill");
  }

  clear(): void {
    this._call("clear", [], (e, exec) => exec.model.setFormat(e.sheet, e.rect, { fillColor: undefined }));
  }
}
declareProperties<RangeEntity, SimRangeFill>(SimRangeFill, {
  scalars: {
    color: {
      read: (e, { model: m }) => uniform(e, (r, c) => m.formatAt(e.sheet, r, c).fillColor ?? "#FFFFFF"),
      write: (e, value, exec) => exec.model.setFormat(e.sheet, e.rect, { fillColor: normalizeColor(value) }),
    },
  },
});

/** Font property → the cell format key it is stored in, its default, and what a set takes. */
const FONT_PROPS: Record<
  string,
  { key: keyof CellFormat; fallback: unknown; input?: (v: unknown) => unknown }
> = {
  bold: { key: "bold", fallback: false, input: (v) => !!v },
  italic: { key: "italic", fallback: false, input: (v) => !!v },
  color: { key: "fontColor", fallback: "#000000", input: normalizeColor },
  name: { key: "fontName", fallback: "Calibri" },
  size: {
    key: "fontSize",
    fallback: 11,
    input: (v) => {
      if (typeof v !== "number" || v <= 0) throw simError("InvalidArgument", "Invalid font size.");
      return v;
    },
  },
  underline: { key: "underline", fallback: "None" },
};

export class SimRangeFont extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeFont");
  }
}
declareProperties<RangeEntity, SimRangeFont>(SimRangeFont, {
  scalars: Object.fromEntries(
    Object.entries(FONT_PROPS).map(([prop, { key, fallback, input }]) => [
      prop,
      {
        read: (e: RangeEntity, { model: m }: ExecState) =>
          uniform(e, (r, c) => m.formatAt(e.sheet, r, c)[key] ?? fallback),
        write: (e: RangeEntity, value: unknown, exec: ExecState) =>
          exec.model.setFormat(e.sheet, e.rect, { [key]: input ? input(value) : value } as CellFormat),
      },
    ]),
  ),
});

export class SimFormatProtection extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "FormatProtection");
  }
}
declareProperties<RangeEntity, SimFormatProtection>(SimFormatProtection, {
  scalars: {
    locked: {
      read: (e, { model: m }) => uniform(e, (r, c) => m.formatAt(e.sheet, r, c).locked !== false),
      write: (e, value, exec) => exec.model.setFormat(e.sheet, e.rect, { locked: !!value }),
    },
    // Hiding formulas is not modelled: it reads false and a set changes nothing.
    formulaHidden: { read: () => false, write: () => undefined },
  },
});

export class SimRangeBorderCollection extends RangePart {
  constructor(ctx: SimRequestContext, range: SimRange) {
    super(ctx, range, "RangeBorderCollection");
  }

  getItem(index: string): SimRangeBorder {
    return new SimRangeBorder(ctxOf(this), this.range, index as BorderEdge);
  }
}
declareProperties(SimRangeBorderCollection, { scalars: { count: { read: () => BORDER_EDGES.length } } });

export class SimRangeBorder extends RangePart {
  constructor(
    ctx: SimRequestContext,
    range: SimRange,
    readonly edge: BorderEdge,
  ) {
    super(ctx, range, "RangeBorder");
    if (!BORDER_EDGES.includes(edge)) throw simError("InvalidArgument", `Unknown border '${edge}'.`);
  }
}

/** Cells and the stored edge that represent a border of the range (null: not stored). */
function borderTargets(edge: BorderEdge, e: RangeEntity): { rect: Rect; edge: BorderEdge } | null {
  const { r0, c0, r1, c1 } = e.rect;
  switch (edge) {
    case "EdgeTop":
      return { rect: { r0, c0, r1: r0, c1 }, edge: "EdgeTop" };
    case "EdgeBottom":
      return { rect: { r0: r1, c0, r1, c1 }, edge: "EdgeBottom" };
    case "EdgeLeft":
      return { rect: { r0, c0, r1, c1: c0 }, edge: "EdgeLeft" };
    case "EdgeRight":
      return { rect: { r0, c0: c1, r1, c1 }, edge: "EdgeRight" };
    case "InsideHorizontal":
      return r1 > r0 ? { rect: { r0, c0, r1: r1 - 1, c1 }, edge: "EdgeBottom" } : null;
    case "InsideVertical":
      return c1 > c0 ? { rect: { r0, c0, r1, c1: c1 - 1 }, edge: "EdgeRight" } : null;
    default:
      return null;
  }
}

/** A border property: read from the stored edge (or its default), set on the cells that hold it. */
function borderProperty(
  prop: "style" | "color" | "weight",
  fallback: string,
): PropertySpec<RangeEntity, SimRangeBorder> {
  return {
    read: (e, { model: m }, border) => {
      const t = borderTargets(border.edge, e);
      const b = t ? m.formatAt(e.sheet, t.rect.r0, t.rect.c0).borders?.[t.edge] : undefined;
      return b?.[prop] ?? fallback;
    },
    write: (e, value, { model: m }, border) => {
      const t = borderTargets(border.edge, e);
      if (!t) return;
      const cur = m.formatAt(e.sheet, t.rect.r0, t.rect.c0).borders?.[t.edge] ?? {
        style: "Continuous",
        color: "#000000",
        weight: "Thin",
      };
      const next = { ...cur, [prop]: prop === "color" ? normalizeColor(value) : value };
      m.setFormat(e.sheet, t.rect, { borders: { [t.edge]: next } });
    },
  };
}

declareProperties<RangeEntity, SimRangeBorder>(SimRangeBorder, {
  scalars: {
    sideIndex: { read: (_e, _exec, border) => border.edge },
    style: borderProperty("style", "None"),
    color: borderProperty("color", "#000000"),
    weight: borderProperty("weight", "Thin"),
  },
});
