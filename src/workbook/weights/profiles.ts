/**
 * Named weight profiles, kept in the workbook (a Profiles sheet, one row per profile and
 * criterion, and per indicator for its local weight: issue 16, weightNodes.ts) so that every
 * co-author sees them and they survive without the add-in. Saving never
 * overwrites: a profile saved again under the same name is appended (tables.ts TableAppend, so a
 * co-author's save at the same moment is not overwritten either), and the latest save wins.
 */
import { ScoringError } from "../../scoring/errors";
import { rangeAddress } from "../contract/addresses";
import { PROFILE_COLUMNS, SHEET, TABLE } from "../contract/contract";
import { WorkbookError, syncOrExplain } from "../errors";
import type { ScorecardMeta } from "../contract/meta";
import { auditValue } from "../write/audit";
import { checkProfileName } from "../contract/lengths";
import { writeBatch } from "../write/session";
import type { ScorecardData, WeightProfile } from "../model";
import type { ExcelRun } from "../run";
import { TableAppend, TableEnd } from "../write/tables";
import { asText } from "../contract/userText";
import { checkNodeWeights, weightNodes } from "./weightNodes";

type Cell = string | number | boolean;

/** Profiles from the table's rows; for each name only its latest save counts. */
export function profilesFromRows(rows: Cell[][]): WeightProfile[] {
  const saves = new Map<string, WeightProfile>();
  for (const [name, author, saved, criterion, weight] of rows) {
    if (String(name).trim() === "" || typeof weight !== "number") continue;
    const key = `${String(name).trim().toLowerCase()}\u0000${String(saved)}`;
    const profile = saves.get(key) ?? {
      name: String(name).trim(),
      author: String(author),
      saved: String(saved),
      weights: {},
    };
    profile.weights[String(criterion)] = weight;
    saves.set(key, profile);
  }
  const latest = new Map<string, WeightProfile>();
  for (const p of saves.values()) {
    const key = p.name.toLowerCase();
    const current = latest.get(key);
    if (!current || p.saved >= current.saved) latest.set(key, p);
  }
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface SaveProfileInput {
  name: string;
  author: string;
  /** Raw weights by criterion id: every criterion of the scorecard. */
  weights: Record<string, number>;
  /** The time to record; now by default. */
  saved?: Date;
}

export async function saveProfile(
  run: ExcelRun,
  data: ScorecardData,
  input: SaveProfileInput,
): Promise<ScorecardMeta> {
  const meta = data.location.meta;
  const name = input.name.trim();
  if (name === "") throw new WorkbookError("InvalidInput", "A weight profile needs a name.", {});
  checkProfileName(name, { table: meta.profilesTable ?? TABLE.profiles, column: PROFILE_COLUMNS[0] });
  const nodes = weightNodes(data);
  const ids = nodes.map((n) => n.id);
  const missing = nodes.filter((n) => typeof input.weights[n.id] !== "number");
  if (missing.length > 0) {
    throw new WorkbookError(
      "InvalidInput",
      `Profile "${name}" has no weight for ${missing.map((n) => n.name).join(", ")}.`,
      {},
    );
  }
  try {
    checkNodeWeights(data, input.weights);
  } catch (error) {
    if (error instanceof ScoringError)
      throw new WorkbookError("InvalidInput", `Profile "${name}": ${error.message}`, {});
    throw error;
  }
  const saved = (input.saved ?? new Date()).toISOString();
  const rows = ids.map((id) => [
    asText(name),
    asText(input.author),
    asText(saved),
    asText(id),
    input.weights[id],
  ]);

  return writeBatch(run, meta, { author: input.author, now: input.saved }, async (context, session) => {
    const workbook = context.workbook;
    let end = meta.profilesTable ? new TableEnd(context, meta.profilesTable) : null;
    await syncOrExplain(context, meta.sheets.scorecard);
    await session.ready();
    // A co-author may have saved the first profile since our read: append to their table.
    const table = meta.profilesTable ?? session.fresh.profilesTable;
    let append: TableAppend | null = null;
    if (table) {
      if (!end) {
        end = new TableEnd(context, table);
        await syncOrExplain(context, meta.sheets.scorecard);
      }
      // Through TableAppend (tables.ts): a co-author's rows are pushed down, not overwritten.
      append = new TableAppend(context, end, end.nextRow);
      append.add(rows);
      append.check();
    } else {
      const place = session.freeNames(SHEET.profiles, TABLE.profiles);
      const sheet = workbook.worksheets.add(place.sheet);
      const range = sheet.getRange(rangeAddress(0, 0, rows.length + 1, PROFILE_COLUMNS.length));
      range.values = [[...PROFILE_COLUMNS], ...rows];
      sheet.tables.add(range, true).name = place.table;
      sheet.getRange("A:C").format.columnWidth = 140;
      session.update({ profilesTable: place.table });
    }
    session.record([
      {
        what: "profile saved",
        agreementId: "",
        subject: name,
        before: "",
        after: describeWeights(data, input.weights),
      },
    ]);
    const next = session.commit();
    await syncOrExplain(context, meta.sheets.scorecard);
    // Rows Excel left below the table go into it.
    if (append?.fixOutside()) await syncOrExplain(context, meta.sheets.scorecard);
    return next;
  });
}

/**
 * "Operational efficiency 25, Operational efficiency / Joint exercises 2, …" for the Audit sheet:
 * every weight, criteria in order, each followed by its indicators' local weights.
 */
export function describeWeights(data: ScorecardData, weights: Record<string, number>): string {
  return weightNodes(data)
    .map((n) => `${n.name} ${auditValue(weights[n.id])}`)
    .join(", ");
}

/**
 * The raw weights a profile gives the scorecard: its criteria's weights and its indicators' local
 * weights. Those it does not know (added since it was saved) keep theirs, and are named.
 */
export function weightsFromProfile(profile: WeightProfile, data: ScorecardData) {
  const weights: Record<string, number> = {};
  const notInProfile: string[] = [];
  for (const n of weightNodes(data)) {
    if (typeof profile.weights[n.id] === "number") weights[n.id] = profile.weights[n.id];
    else {
      weights[n.id] = n.weight;
      notInProfile.push(n.name);
    }
  }
  return { weights, notInProfile };
}
