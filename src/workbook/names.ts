/** Picks names that are not taken yet: the add-in never takes over a user's sheet or table. */

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

/** Criterion ids become parts of defined names (AS_W_<id>), so they must be name-safe. */
export function isNameSafeId(id: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,200}$/.test(id) && !/^[A-Za-z]{1,3}[0-9]+$/.test(id);
}

/** A name-safe id from a criterion name: "Cyber & space" → "cyber_space". */
export function idFromName(name: string, existing: Iterable<string>): string {
  let base =
    name
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toLowerCase() || "criterion";
  if (!/^[a-z_]/.test(base)) base = `c_${base}`;
  if (!isNameSafeId(base)) base = `c_${base}`;
  let id = base;
  for (let i = 2; taken(id, existing); i++) id = `${base}_${i}`;
  return id;
}
