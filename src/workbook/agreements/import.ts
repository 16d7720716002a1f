/**
 * Turns an existing list of agreements (CSV or JSON) into what createScorecard needs. Pure: the
 * command line reads the file and writes the .xlsx. Every error names the row and the column.
 * A CSV may be given as its bytes: UTF-8 (with or without a byte order mark), UTF-16 with one, or
 * Windows-1252, which Excel for Windows writes for "CSV" (./encoding.ts); when the encoding was
 * assumed, the result's notices say so.
 *
 * CSV: a header row with ID, Agreement, and optionally Type, Parties, Signed, Notes, and one column
 * per criterion, named by its name or id (the four defaults, or those given with --criteria), or
 * per indicator of a criterion, named "Criterion / Indicator" or by a suggested indicator's id
 * (importIndicators.ts).
 * JSON: { scale?, missingPolicy?, criteria?: [{ id?, name, definition?, weight? }], agreements: [
 *   { id, name, type?, parties?, signed?, notes?, scores?: { <criterion id or name>: number | null } } ] }
 */
import { DEFAULT_CRITERIA, DEFAULT_SCALE, validateScale, validateScore, ScoringError } from "../../scoring";
import type { MissingPolicy, Scale } from "../../scoring";
import { LEADING_COLUMNS } from "../contract/contract";
import type { CreateOptions } from "../scorecard/create";
import type { CriterionConfig } from "../contract/meta";
import type { AgreementRecord } from "../model";
import { idFromName } from "../contract/freeNames";
import { cellCountProblem, ImportError, isBlankRecord, numberFromText, readCsvRecords } from "../lists/csv";
import { decodeJsonBytes } from "../lists/encoding";
import type { Indicator } from "../../scoring/indicatorTree";
import { indicatorColumnFor } from "./importIndicators";

export { ImportError };

export interface ImportSettings {
  scale?: Scale;
  missingPolicy?: MissingPolicy;
  /** Raw weights by criterion id or name. */
  weights?: Record<string, number>;
}

export interface ImportResult extends CreateOptions {
  /** What the user should know although nothing failed (e.g. the encoding that was assumed). */
  notices: string[];
}

const POLICIES: MissingPolicy[] = ["exclude", "renormalize", "zero"];

function defaultCriteria(): CriterionConfig[] {
  return DEFAULT_CRITERIA.map((c) => ({ id: c.id, name: c.name, definition: c.definition, weight: 1 }));
}

/** Finds a criterion by id or name, ignoring case and surrounding spaces. */
export function criterionFor(criteria: CriterionConfig[], key: string): CriterionConfig | undefined {
  const k = key.trim().toLowerCase();
  return criteria.find((c) => c.id.toLowerCase() === k || c.name.trim().toLowerCase() === k);
}

function applyWeights(criteria: CriterionConfig[], weights: Record<string, number> | undefined) {
  for (const [key, weight] of Object.entries(weights ?? {})) {
    const c = criterionFor(criteria, key);
    if (!c)
      throw new ImportError(
        `Weight given for unknown criterion "${key}"; known: ${criteria.map((x) => x.name).join(", ")}.`,
      );
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new ImportError(
        `The weight of "${c.name}" must be a number of 0 or more; got ${JSON.stringify(weight)}.`,
      );
    }
    c.weight = weight;
  }
}

function checkScale(scale: Scale) {
  try {
    return validateScale(scale);
  } catch (error) {
    throw new ImportError((error as Error).message);
  }
}

function checkPolicy(policy: unknown): MissingPolicy {
  if (policy === undefined) return "exclude";
  if (!POLICIES.includes(policy as MissingPolicy)) {
    throw new ImportError(`Missing-score policy "${String(policy)}" is not one of ${POLICIES.join(", ")}.`);
  }
  return policy as MissingPolicy;
}

function parseScore(
  raw: unknown,
  scale: Scale,
  row: number,
  column: string,
  agreementId: string,
  criterionId: string,
) {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return null;
  const value = typeof raw === "string" ? (numberFromText(raw) ?? raw) : raw;
  try {
    return validateScore(value, scale, { agreementId, criterionId });
  } catch (error) {
    if (error instanceof ScoringError) {
      const shown = typeof raw === "string" ? `"${raw}"` : String(raw);
      throw new ImportError(
        `Row ${row}, column "${column}": ${shown} is not a score on the scale ${scale.min}–${scale.max}; enter a number from ${scale.min} to ${scale.max}, or leave it blank.`,
        row,
        column,
      );
    }
    throw error;
  }
}

function checkIds(agreements: AgreementRecord[], rowOf: (i: number) => number) {
  const seen = new Map<string, number>();
  agreements.forEach((a, i) => {
    const row = rowOf(i);
    if (a.id === "")
      throw new ImportError(
        `Row ${row}, column "ID": the ID is blank; give every agreement a unique ID.`,
        row,
        "ID",
      );
    const key = a.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ImportError(
        `Row ${row}, column "ID": ID "${a.id}" is already used in row ${first}; IDs must be unique.`,
        row,
        "ID",
      );
    }
    seen.set(key, row);
  });
}

const FIXED = [...LEADING_COLUMNS, "Notes"];

/** What a column scores: a criterion directly, or one of its indicators (issue 16). */
type Scored = { criterion: CriterionConfig; indicator?: Indicator };

/**
 * Each header's criterion or indicator (undefined for ID, Agreement … Notes); a column given twice
 * is refused, and so is a criterion scored both directly and through indicators. The criteria with
 * indicator columns get those indicators, in column order.
 */
function criterionColumns(
  columns: string[],
  criteria: CriterionConfig[],
  headerRow: number,
): (Scored | undefined)[] {
  const seen = new Map<string, number>();
  const taken = new Set(criteria.map((c) => c.id));
  const byColumn = columns.map((h, i): Scored | undefined => {
    const fixed = FIXED.find((f) => f.toLowerCase() === h.toLowerCase());
    const c = fixed ? undefined : criterionFor(criteria, h);
    const scored: Scored | undefined = c
      ? { criterion: c }
      : fixed
        ? undefined
        : indicatorColumnFor(h, criteria, (key) => criterionFor(criteria, key), taken);
    if (!fixed && !scored) {
      throw new ImportError(
        `Row ${headerRow}, column ${i + 1} "${h}": unknown column. Use ID, Agreement, Type, Parties, Signed, Notes, a criterion (${criteria.map((x) => x.name).join(", ")}) or an indicator as "Criterion / Indicator".`,
        headerRow,
        h,
      );
    }
    const key = scored?.indicator
      ? `indicator ${scored.indicator.id}`
      : scored
        ? `criterion ${scored.criterion.id}`
        : fixed!;
    const first = seen.get(key);
    if (first !== undefined) {
      const what = scored?.indicator
        ? `the indicator "${scored.indicator.name}"`
        : scored
          ? `the criterion "${scored.criterion.name}"`
          : `the ${fixed} column`;
      throw new ImportError(
        `Row ${headerRow}: columns ${first + 1} "${columns[first]}" and ${i + 1} "${h}" are both ${what}; keep one of them and delete the other, so that no value is read twice or lost.`,
        headerRow,
        h,
      );
    }
    seen.set(key, i);
    if (scored?.indicator) taken.add(scored.indicator.id);
    return scored;
  });
  for (const criterion of criteria) {
    const direct = byColumn.findIndex((s) => s?.criterion === criterion && !s.indicator);
    const through = byColumn.filter(
      (s): s is Required<Scored> => s?.criterion === criterion && !!s.indicator,
    );
    if (through.length === 0) continue;
    if (direct >= 0)
      throw new ImportError(
        `Row ${headerRow}: column ${direct + 1} "${columns[direct]}" scores criterion "${criterion.name}" directly, but other columns score it through its indicators; keep one way: delete that column, or the indicator columns.`,
        headerRow,
        columns[direct],
      );
    criterion.indicators = through.map((s) => s.indicator);
  }
  return byColumn;
}

export function importCsv(input: string | Uint8Array, settings: ImportSettings = {}): ImportResult {
  const {
    records,
    header: first,
    notices,
  } = readCsvRecords(input, {
    what: "The CSV",
    needs: "ID and Agreement",
  });
  const header = records[first];
  const headerRow = first + 1;
  const scale = checkScale(settings.scale ?? DEFAULT_SCALE);
  const criteria = defaultCriteria();
  applyWeights(criteria, settings.weights);
  const columns = header.map((h) => h.trim());
  const index = (name: string) => columns.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  for (const required of ["ID", "Agreement"]) {
    if (index(required) < 0)
      throw new ImportError(`Row ${headerRow}: the header has no "${required}" column.`, headerRow, required);
  }
  const byColumn = criterionColumns(columns, criteria, headerRow);
  const cell = (row: string[], name: string) => {
    const i = index(name);
    return i < 0 ? "" : (row[i] ?? "").trim();
  };
  const agreements: AgreementRecord[] = [];
  const rows: number[] = [];
  records.forEach((row, r) => {
    const line = r + 1;
    if (r <= first || isBlankRecord(row)) return;
    if (row.length !== columns.length)
      throw new ImportError(cellCountProblem(line, row.length, columns.length), line);
    const id = cell(row, "ID");
    const scores: Record<string, number | null> = {};
    const indicatorScores: Record<string, number | null> = {};
    byColumn.forEach((s, i) => {
      if (!s) return;
      const score = parseScore(row[i], scale, line, columns[i], id, s.criterion.id);
      if (s.indicator) indicatorScores[s.indicator.id] = score;
      else scores[s.criterion.id] = score;
    });
    const signed = cell(row, "Signed");
    agreements.push({
      id,
      name: cell(row, "Agreement"),
      type: cell(row, "Type"),
      parties: cell(row, "Parties"),
      signed: /^\d{4}$/.test(signed) ? Number(signed) : signed || null,
      scores,
      ...(Object.keys(indicatorScores).length > 0 ? { indicatorScores } : {}),
      notes: cell(row, "Notes"),
    });
    rows.push(line);
  });
  checkIds(agreements, (i) => rows[i]);
  return {
    config: { criteria, scale, missingPolicy: checkPolicy(settings.missingPolicy) },
    agreements,
    notices,
  };
}

export function importJson(json: string | Uint8Array, settings: ImportSettings = {}): ImportResult {
  let text = json;
  if (typeof text !== "string") {
    try {
      text = decodeJsonBytes(text);
    } catch (error) {
      throw new ImportError((error as Error).message);
    }
  }
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`The JSON cannot be read: ${(error as Error).message}.`);
  }
  if (typeof input !== "object" || input === null || !Array.isArray(input.agreements)) {
    throw new ImportError(`The JSON needs an "agreements" array.`);
  }
  const scale = checkScale((settings.scale ?? input.scale ?? DEFAULT_SCALE) as Scale);
  let criteria: CriterionConfig[];
  if (input.criteria === undefined) criteria = defaultCriteria();
  else if (!Array.isArray(input.criteria) || input.criteria.length === 0) {
    throw new ImportError(`"criteria" must be a non-empty array of { name, definition?, weight? }.`);
  } else {
    criteria = [];
    (input.criteria as Record<string, unknown>[]).forEach((c, i) => {
      if (typeof c?.name !== "string" || c.name.trim() === "")
        throw new ImportError(`criteria[${i}]: a criterion needs a "name".`);
      const known = DEFAULT_CRITERIA.find(
        (d) => d.id === c.id || d.name.toLowerCase() === String(c.name).trim().toLowerCase(),
      );
      const id =
        typeof c.id === "string"
          ? c.id
          : (known?.id ??
            idFromName(
              c.name,
              criteria.map((x) => x.id),
            ));
      criteria.push({
        id,
        name: c.name.trim(),
        definition: typeof c.definition === "string" ? c.definition : (known?.definition ?? ""),
        weight: c.weight === undefined ? 1 : (c.weight as number),
      });
    });
  }
  applyWeights(criteria, { ...(input.weights as Record<string, number> | undefined), ...settings.weights });
  const text_ = (v: unknown) => (v === undefined || v === null ? "" : String(v).trim());
  const agreements = (input.agreements as Record<string, unknown>[]).map((a, i): AgreementRecord => {
    const where = `agreements[${i}]`;
    if (typeof a !== "object" || a === null)
      throw new ImportError(`${where}: each agreement must be an object.`, i + 1);
    const id = text_(a.id);
    const scores: Record<string, number | null> = Object.fromEntries(criteria.map((c) => [c.id, null]));
    const given = (a.scores ?? {}) as Record<string, unknown>;
    for (const [key, raw] of Object.entries(given)) {
      const c = criterionFor(criteria, key);
      if (!c)
        throw new ImportError(
          `${where} (ID "${id}"), scores."${key}": unknown criterion; known: ${criteria.map((x) => x.name).join(", ")}.`,
          i + 1,
          key,
        );
      try {
        scores[c.id] = parseScore(raw, scale, i + 1, key, id, c.id);
      } catch {
        throw new ImportError(
          `${where} (ID "${id}"), scores."${key}": ${JSON.stringify(raw)} is not a score on the scale ${scale.min}–${scale.max}.`,
          i + 1,
          key,
        );
      }
    }
    return {
      id,
      name: text_(a.name),
      type: text_(a.type),
      parties: text_(a.parties),
      signed: typeof a.signed === "number" ? a.signed : text_(a.signed) || null,
      scores,
      notes: text_(a.notes),
    };
  });
  checkIds(agreements, (i) => i + 1);
  return {
    config: { criteria, scale, missingPolicy: checkPolicy(settings.missingPolicy ?? input.missingPolicy) },
    agreements,
    notices: [],
  };
}
