/** excel-sim formats (Office.js vocabulary) → exceljs styles, and points → file units. */
import type { Alignment, Border, Borders, Fill, Font, Style } from "exceljs";
import type { BorderFormat, CellFormat } from "../model/types";

/** Excel's standard column (8.43 characters of Calibri 11 = 64 px = 48 pt) and row (15 pt). */
export const DEFAULT_COLUMN_POINTS = 48;
export const DEFAULT_ROW_POINTS = 15;

/** Points → EMU (English Metric Units) used by DrawingML anchors. */
export const EMU_PER_POINT = 12700;

/**
 * Column width in points → the `width` attribute of <col>. That attribute counts widths of the
 * maximum digit (7 px in Calibri 11) including the cell padding, truncated to 1/256 steps, and
 * Excel draws trunc((256·width + 18)/256 · 7) pixels; width = floor(px/7 · 256)/256 therefore gives
 * exactly px pixels (48 pt = 64 px → 9.140625, Excel's own default width).
 */
export function columnWidthChars(points: number): number {
  const px = Math.round(points / 0.75);
  return Math.floor((px / 7) * 256) / 256;
}

/** "#RRGGBB" (or "#RGB") → exceljs ARGB; undefined for anything else. */
export function argb(color: string | undefined | null): string | undefined {
  if (!color) return undefined;
  let hex = color.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = [...hex].map((c) => c + c).join("");
  return /^[0-9a-f]{6}$/i.test(hex) ? `FF${hex.toUpperCase()}` : undefined;
}

const H_ALIGN: Record<string, Alignment["horizontal"]> = {
  Left: "left",
  Center: "center",
  Right: "right",
  Fill: "fill",
  Justify: "justify",
  CenterAcrossSelection: "centerContinuous",
  Distributed: "distributed",
};
const V_ALIGN: Record<string, Alignment["vertical"]> = {
  Top: "top",
  Center: "middle",
  Bottom: "bottom",
  Justify: "justify",
  Distributed: "distributed",
};
const UNDERLINE: Record<string, Font["underline"]> = {
  None: false,
  Single: "single",
  Double: "double",
  SingleAccountant: "singleAccounting",
  DoubleAccountant: "doubleAccounting",
};

function borderStyle(b: BorderFormat): Border["style"] | undefined {
  const weight = b.weight ?? "Thin";
  switch (b.style) {
    case "None":
      return undefined;
    case "Continuous":
      return weight === "Medium"
        ? "medium"
        : weight === "Thick"
          ? "thick"
          : weight === "Hairline"
            ? "hair"
            : "thin";
    case "Dash":
      return weight === "Thin" || weight === "Hairline" ? "dashed" : "mediumDashed";
    case "DashDot":
      return weight === "Thin" || weight === "Hairline" ? "dashDot" : "mediumDashDot";
    case "DashDotDot":
      return weight === "Thin" || weight === "Hairline" ? "dashDotDot" : "mediumDashDotDot";
    case "Dot":
      return "dotted";
    case "Double":
      return "double";
    case "SlantDashDot":
      return "slantDashDot";
    default:
      return "thin";
  }
}

/** An exceljs style for a cell format, or undefined when the format is Excel's default. */
export function styleOf(f: CellFormat | undefined): Partial<Style> | undefined {
  if (!f) return undefined;
  const style: Partial<Style> = {};
  if (f.numberFormat && f.numberFormat !== "General") style.numFmt = f.numberFormat;
  const font: Partial<Font> = {};
  if (f.bold !== undefined) font.bold = f.bold;
  if (f.italic !== undefined) font.italic = f.italic;
  if (f.underline !== undefined && UNDERLINE[f.underline] !== undefined)
    font.underline = UNDERLINE[f.underline];
  const fontColor = argb(f.fontColor);
  if (fontColor) font.color = { argb: fontColor };
  if (f.fontName) font.name = f.fontName;
  if (f.fontSize) font.size = f.fontSize;
  if (Object.keys(font).length) style.font = font;
  const fill = argb(f.fillColor);
  if (fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } } as Fill;
  const alignment: Partial<Alignment> = {};
  if (f.horizontalAlignment && H_ALIGN[f.horizontalAlignment])
    alignment.horizontal = H_ALIGN[f.horizontalAlignment];
  if (f.verticalAlignment && V_ALIGN[f.verticalAlignment]) alignment.vertical = V_ALIGN[f.verticalAlignment];
  if (f.wrapText) alignment.wrapText = true;
  if (Object.keys(alignment).length) style.alignment = alignment;
  if (f.locked === false) style.protection = { locked: false };
  if (f.borders) {
    const border: Partial<Borders> = {};
    const edges: [keyof typeof f.borders, keyof Borders][] = [
      ["EdgeTop", "top"],
      ["EdgeBottom", "bottom"],
      ["EdgeLeft", "left"],
      ["EdgeRight", "right"],
    ];
    for (const [edge, side] of edges) {
      const b = f.borders[edge];
      const s = b && borderStyle(b);
      if (b && s) {
        const color = argb(b.color);
        (border as Record<string, Partial<Border>>)[side] = color
          ? { style: s, color: { argb: color } }
          : { style: s };
      }
    }
    if (Object.keys(border).length) style.border = border;
  }
  return Object.keys(style).length ? style : undefined;
}
