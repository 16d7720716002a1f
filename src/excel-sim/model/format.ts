/**
 * Number formats (the subset the product uses and a bit more) and format objects.
 *
 * Supported codes: General, @, 0 / # / ? digit placeholders, decimals, thousands separators,
 * %, scientific (0.00E+00), quoted and escaped literals, up to four ;-sections, [Color]/[cond]
 * prefixes (ignored), and dates/times (yyyy yy mmmm mmm mm m dd d hh h mm ss AM/PM).
 */
import type { CellFormat, CellValue } from "./types";
import { isCellError } from "./types";
import { serialToDate } from "../formula/values";

/** Excel's "General" display (≈ 11 characters, as in a standard-width column). */
export function formatGeneral(n: number): string {
  if (n === 0) return "0";
  const abs = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  if (abs >= 1e11 || abs < 1e-9) {
    const [m, e] = abs.toExponential(5).split("e");
    const mant = m.replace(/0+$/, "").replace(/\.$/, "");
    const exp = Number(e);
    return `${sign}${mant}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const intDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
  const decimals = Math.max(0, Math.min(10 - intDigits, 10));
  let s = abs.toFixed(decimals);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  if (abs < 1 && Number(s) === 0) {
    const [m, e] = abs.toExponential(5).split("e");
    const mant = m.replace(/0+$/, "").replace(/\.$/, "");
    return `${sign}${mant}E-${String(Math.abs(Number(e))).padStart(2, "0")}`;
  }
  return sign + s;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inQ = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQ = !inQ;
    if (ch === "\\" && !inQ) {
      cur += ch + (fmt[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === ";" && !inQ) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function stripBrackets(sec: string): string {
  return sec.replace(/\[[^\]]*\]/g, "");
}

/** Split a section into literal text and the code part (keeps positions). */
function tokenizeSection(sec: string): { lit: boolean; text: string }[] {
  const parts: { lit: boolean; text: string }[] = [];
  let i = 0;
  while (i < sec.length) {
    const ch = sec[i];
    if (ch === '"') {
      const j = sec.indexOf('"', i + 1);
      const end = j < 0 ? sec.length : j;
      parts.push({ lit: true, text: sec.slice(i + 1, end) });
      i = end + 1;
    } else if (ch === "\\") {
      parts.push({ lit: true, text: sec[i + 1] ?? "" });
      i += 2;
    } else if (ch === "_") {
      parts.push({ lit: true, text: " " });
      i += 2;
    } else if (ch === "*") {
      i += 2;
    } else {
      parts.push({ lit: false, text: ch });
      i++;
    }
  }
  return parts;
}

function isDateSection(sec: string): boolean {
  const code = tokenizeSection(stripBrackets(sec))
    .filter((p) => !p.lit)
    .map((p) => p.text)
    .join("");
  return /[yYdDhHsS]/.test(code) || (/[mM]/.test(code) && !/[0#?]/.test(code));
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function formatDate(serial: number, sec: string): string {
  const { y, m, d } = serialToDate(serial);
  const frac = serial - Math.floor(serial);
  let secs = Math.round(frac * 86400);
  const hh = Math.floor(secs / 3600);
  secs -= hh * 3600;
  const mi = Math.floor(secs / 60);
  const ss = secs - mi * 60;
  const parts = tokenizeSection(stripBrackets(sec));
  const ampm = parts.some((p) => !p.lit && /[aA]/.test(p.text)) && /AM\/PM/i.test(sec);
  let out = "";
  let code = "";
  const flush = (afterHour: boolean) => {
    out += code;
    code = "";
    return afterHour;
  };
  let lastWasHour = false;
  const str = parts;
  for (let i = 0; i < str.length; i++) {
    const p = str[i];
    if (p.lit) {
      flush(false);
      out += p.text;
      continue;
    }
    const ch = p.text;
    const lower = ch.toLowerCase();
    let run = ch;
    while (i + 1 < str.length && !str[i + 1].lit && str[i + 1].text.toLowerCase() === lower) {
      run += str[++i].text;
    }
    const len = run.length;
    if (lower === "y") out += len <= 2 ? String(y % 100).padStart(2, "0") : String(y);
    else if (lower === "m") {
      // minutes after hours or before seconds
      const nextIsS =
        str
          .slice(i + 1)
          .find((q) => !q.lit && /[a-zA-Z]/.test(q.text))
          ?.text.toLowerCase() === "s";
      if ((lastWasHour || nextIsS) && len <= 2) out += len === 2 ? String(mi).padStart(2, "0") : String(mi);
      else if (len === 1) out += String(m);
      else if (len === 2) out += String(m).padStart(2, "0");
      else if (len === 3) out += MONTHS[m - 1].slice(0, 3);
      else out += MONTHS[m - 1];
    } else if (lower === "d") {
      if (len === 1) out += String(d);
      else if (len === 2) out += String(d).padStart(2, "0");
      else {
        const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
        const names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
        out += len === 3 ? names[wd].slice(0, 3) : names[wd];
      }
    } else if (lower === "h") {
      let h = hh;
      if (ampm) h = hh % 12 === 0 ? 12 : hh % 12;
      out += len >= 2 ? String(h).padStart(2, "0") : String(h);
      lastWasHour = true;
      continue;
    } else if (lower === "s") out += len >= 2 ? String(ss).padStart(2, "0") : String(ss);
    else if (
      lower === "a" &&
      /^AM\/PM/i.test(
        str
          .slice(i)
          .map((q) => q.text)
          .join(""),
      )
    ) {
      out += hh < 12 ? "AM" : "PM";
      i += 4;
    } else out += run;
    lastWasHour = false;
  }
  flush(false);
  return out;
}

function formatNumberSection(n: number, sec: string): string {
  const parts = tokenizeSection(stripBrackets(sec));
  const code = parts
    .filter((p) => !p.lit)
    .map((p) => p.text)
    .join("");
  const firstDigit = parts.findIndex((p) => !p.lit && /[0#?]/.test(p.text));
  if (firstDigit < 0) {
    return parts.map((p) => p.text).join("");
  }
  let lastDigit = -1;
  for (let i = parts.length - 1; i >= 0; i--) {
    if (!parts[i].lit && /[0#?.,eE+-]/.test(parts[i].text)) {
      lastDigit = i;
      break;
    }
  }
  const prefix = parts
    .slice(0, firstDigit)
    .map((p) => p.text)
    .join("");
  const suffix = parts
    .slice(lastDigit + 1)
    .map((p) => p.text)
    .join("");
  const core = parts
    .slice(firstDigit, lastDigit + 1)
    .filter((p) => !p.lit)
    .map((p) => p.text)
    .join("");
  let v = n;
  const percents = (code.match(/%/g) ?? []).length;
  v *= Math.pow(100, percents);
  const sci = /[eE][+-]/.exec(core);
  if (sci) {
    const mantCode = core.slice(0, sci.index);
    const decs = (mantCode.split(".")[1] ?? "").replace(/[^0#?]/g, "").length;
    const expDigits = core.slice(sci.index + 2).length;
    const [m, e] = Math.abs(v).toExponential(decs).split("e");
    const exp = Number(e);
    const sign = exp < 0 ? "-" : core[sci.index + 1] === "+" ? "+" : "";
    return `${prefix}${v < 0 ? "-" : ""}${m}E${sign}${String(Math.abs(exp)).padStart(expDigits, "0")}${suffix}`;
  }
  const [intCode, decCode = ""] = core.split(".");
  const thousands = intCode.includes(",");
  const decPlaces = decCode.replace(/[^0#?]/g, "").length;
  const minDec = decCode.replace(/[^0]/g, "").length;
  const minInt = intCode.replace(/[^0]/g, "").length;
  const abs = Math.abs(v);
  let s = abs.toFixed(decPlaces);
  let [ip, dp = ""] = s.split(".");
  // trim optional decimals (#)
  while (dp.length > minDec && dp.endsWith("0")) dp = dp.slice(0, -1);
  if (ip === "0" && minInt === 0) ip = "";
  while (ip.length < minInt) ip = "0" + ip;
  if (thousands) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  s = ip + (decCode !== "" || core.includes(".") ? (dp.length || core.includes(".") ? "." + dp : "") : "");
  if (s.endsWith(".") && dp === "") s = s.slice(0, -1) + (decCode.includes("0") ? "." : "");
  if (s.endsWith(".") && !decCode) s = s.slice(0, -1);
  const negative = v < 0 && Number(s.replace(/,/g, "")) !== 0;
  return `${negative ? "-" : ""}${prefix}${s}${suffix}`;
}

/** The text Excel displays for a value under a number format (Range.text). */
export function formatValue(value: CellValue, numberFormat: string | undefined): string {
  if (value === null) return "";
  if (isCellError(value)) return value.code;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const fmt = !numberFormat || numberFormat.toLowerCase() === "general" ? "General" : numberFormat;
  const sections = splitSections(fmt);
  if (typeof value === "string") {
    const textSec = sections.length >= 4 ? sections[3] : sections.find((s) => s.includes("@"));
    if (!textSec) return value;
    return tokenizeSection(stripBrackets(textSec))
      .map((p) => (!p.lit && p.text === "@" ? value : p.text))
      .join("");
  }
  if (fmt === "General" || (sections.length === 1 && sections[0].trim() === "@")) return formatGeneral(value);
  let sec = sections[0];
  let v = value;
  if (sections.length >= 2 && value < 0) {
    sec = sections[1];
    v = -value;
  } else if (sections.length >= 3 && value === 0) {
    sec = sections[2];
  }
  if (stripBrackets(sec).trim().toLowerCase() === "general") return formatGeneral(v);
  if (isDateSection(sec)) return v < 0 ? "#".repeat(8) : formatDate(v, sec);
  return formatNumberSection(v, sec);
}

/** Merges format layers (column, row, cell) into the effective format. */
export function mergeFormats(...layers: (CellFormat | undefined)[]): CellFormat {
  const out: CellFormat = {};
  for (const l of layers) {
    if (!l) continue;
    for (const [k, v] of Object.entries(l)) {
      if (v === undefined) continue;
      if (k === "borders") out.borders = { ...(out.borders ?? {}), ...(v as CellFormat["borders"]) };
      else (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/**
 * Hands out one shared frozen instance for equal formats, so that cells share format objects (a
 * million formatted cells hold a few formats) and the exporter can key styles by identity. Owned
 * by a workbook model, so that formats do not outlive the workbooks that use them.
 */
export class FormatInterner {
  private readonly byKey = new Map<string, CellFormat>();

  intern(f: CellFormat): CellFormat | undefined {
    const keys = Object.keys(f).filter((k) => (f as Record<string, unknown>)[k] !== undefined);
    if (keys.length === 0) return undefined;
    keys.sort();
    const clean: Record<string, unknown> = {};
    for (const k of keys) clean[k] = (f as Record<string, unknown>)[k];
    const key = JSON.stringify(clean);
    let v = this.byKey.get(key);
    if (!v) {
      v = Object.freeze(clean) as CellFormat;
      this.byKey.set(key, v);
    }
    return v;
  }
}
