/** Picks names that are not taken yet: the add-in never takes over a user's sheet or table. */
import { MAX_CRITERION_ID } from "../../scoring/criteria";

const taken = (name: string, existing: Iterable<string>) => {
  const lower = name.toLowerCase();
  for (const e of existing) if (e.toLowerCase() === lower) return true;
  return false;
};

/** "Scorecard", then "Scorecard (2)", "Scorecard (3)" … (Excel compares sheet names without case). */
export function freeSheetName(base: string, existing: Iterable<string>): string {
  if (!taken(base, existing)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken(candidate, existing)) return candidate;
  }
}

/** Table and defined names share one namespace and allow no spaces: "Scorecard", "Scorecard2" … */
export function freeTableName(base: string, existing: Iterable<string>): string {
  if (!taken(base, existing)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}${i}`;
    if (!taken(candidate, existing)) return candidate;
  }
}

/** The names a workbook already uses, loaded in a batch's first sync; after it, free names beside them. */
export interface TakenNames {
  /** The sheets' names. */
  sheets(): string[];
  /** A free sheet name from `base`. */
  sheet(base: string): string;
  /** A free table name from `base` (tables and defined names share one namespace). */
  table(base: string): string;
}

/**
 * Queues the loads of the sheet, table and defined names in use: every write that makes a sheet or
 * a table picks its names through this, so that it never takes a name a person already uses.
 */
export function queueTakenNames(workbook: Excel.Workbook): TakenNames {
  const sheets = workbook.worksheets.load("items/name");
  const tables = workbook.tables.load("items/name");
  const defined = workbook.names.load("items/name");
  const sheetNames = () => sheets.items.map((s) => s.name);
  return {
    sheets: sheetNames,
    sheet: (base) => freeSheetName(base, sheetNames()),
    table: (base) =>
      freeTableName(base, [...tables.items.map((t) => t.name), ...defined.items.map((n) => n.name)]),
  };
}

/**
 * Criterion ids become parts of defined names (AS_W_<id>), so they must be name-safe, and short
 * enough for the formulas that repeat them (MAX_CRITERION_ID).
 */
export function isNameSafeId(id: string): boolean {
  return (
    id.length <= MAX_CRITERION_ID && /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) && !/^[A-Za-z]{1,3}[0-9]+$/.test(id)
  );
}

/** A name-safe id from a criterion name: "Cyber & space" → "cyber_space", cut to MAX_CRITERION_ID. */
export function idFromName(name: string, existing: Iterable<string>): string {
  let base =
    name
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toLowerCase() || "criterion";
  if (!/^[a-z_]/.test(base)) base = `c_${base}`;
  const cut = (text: string, room: number) => {
    const short = text.slice(0, room).replace(/_+$/, "");
    // "ab12" would read as a cell address: a prefix makes it a name.
    return /^[a-z]{1,3}[0-9]+$/.test(short) ? `c_${short}`.slice(0, room) : short;
  };
  let id = cut(base, MAX_CRITERION_ID);
  for (let i = 2; taken(id, existing); i++) {
    const suffix = `_${i}`;
    id = `${cut(base, MAX_CRITERION_ID - suffix.length)}${suffix}`;
  }
  return id;
}
