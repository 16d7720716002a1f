/**
 * Every write that co-authors can collide on goes through a write session (DESIGN.md §5: re-read
 * before write; never rows.add). In the batch's first sync the session loads the metadata as the
 * workbook holds it now and where the Audit table ends; then it can
 *  - refuse the write when another author wrote since the caller's read (the version stamp moved),
 *    for writes that must not merge (weights, mode switches);
 *  - append the changes to the Audit sheet in the same batch as the change itself;
 *  - bump the version stamp, writing only the metadata keys it changes.
 * So a guarded write costs two syncs: look, then write.
 */
import { rangeAddress } from "./addresses";
import { auditRow, type AuditEntry, type Change } from "./audit";
import { AUDIT_COLUMNS, NAME, SHEET, TABLE, type MetaKey } from "./contract";
import { WorkbookError, excelErrorCode } from "./errors";
import { decodeMeta, queueMetaKeys, type ScorecardMeta, type SheetTable } from "./meta";
import { freeSheetName, freeTableName } from "./names";
import { queueAuditSheet } from "./sheets";
import type { ExcelRun } from "./run";

export interface SessionOptions {
  /** Recorded as "who" in the Audit sheet. */
  author: string;
  /**
   * Refuse to write when anything was written since the caller read the scorecard. Writes that
   * merge cell by cell (a reviewer's own review rows) leave this off and check their cells instead.
   */
  requireUnchanged?: boolean;
  /** The time to record; now by default. */
  now?: Date;
  /**
   * The sheets the write changes: if one is protected, the write is refused before anything is
   * written (Excel would apply the batch up to the first protected cell and stop there).
   */
  writes?: readonly string[];
}

/** Fields of the metadata a write may change, with the keys they are kept under. */
const PATCH_KEYS: Partial<Record<keyof ScorecardMeta, MetaKey[]>> = {
  criteria: ["criteria"],
  mode: ["mode"],
  consensusMethod: ["consensusMethod"],
  sdThreshold: ["sdThreshold"],
  reviews: ["reviewsSheet", "reviewsTable"],
  audit: ["auditSheet", "auditTable"],
  profilesTable: ["profilesTable"],
  sensitivitySheet: ["sensitivitySheet"],
};

export class WriteSession {
  private readonly metaRange: Excel.Range;
  private audit: { sheet: Excel.Worksheet; firstFree: number } | null;
  private readonly auditRange: Excel.Range | null;
  private readonly names: {
    sheets: Excel.WorksheetCollection;
    tables: Excel.TableCollection;
    definedNames: Excel.NamedItemCollection;
  };
  private readonly entries: AuditEntry[] = [];
  private readonly protections: { sheet: string; protection: Excel.WorksheetProtection }[];
  private auditSheet: Excel.Worksheet | null = null;
  private patch: Partial<ScorecardMeta> = {};
  readonly time: string;

  /** Queues the session's loads; the caller adds its own and syncs once for all of them. */
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly meta: ScorecardMeta,
    private readonly options: SessionOptions,
  ) {
    const workbook = context.workbook;
    this.time = (options.now ?? new Date()).toISOString();
    this.metaRange = workbook.names.getItem(NAME.meta).getRange().load("values");
    this.auditRange = meta.audit
      ? workbook.tables.getItem(meta.audit.table).getRange().load("rowIndex, rowCount")
      : null;
    this.audit = null;
    if (meta.audit) this.auditSheet = workbook.tables.getItem(meta.audit.table).worksheet;
    this.protections = (options.writes ?? []).map((sheet) => ({
      sheet,
      protection: workbook.worksheets.getItem(sheet).protection.load("protected"),
    }));
    this.names = {
      sheets: workbook.worksheets.load("items/name"),
      tables: workbook.tables.load("items/name"),
      definedNames: workbook.names.load("items/name"),
    };
  }

  /** The version stamp the workbook holds now (after the first sync). */
  get currentStamp(): number {
    const row = this.metaRange.values.find(([key]) => key === "versionStamp");
    const stamp = row ? Number(JSON.parse(String(row[1]))) : NaN;
    return Number.isFinite(stamp) ? stamp : this.meta.versionStamp;
  }

  /** The metadata as the workbook holds it now (after the first sync). */
  get fresh(): ScorecardMeta {
    return decodeMeta(this.metaRange.values);
  }

  /** Free names (after the first sync) for a sheet and table this write creates. */
  freeNames(sheet: string, table: string): SheetTable {
    return {
      sheet: freeSheetName(
        sheet,
        this.names.sheets.items.map((s) => s.name),
      ),
      table: freeTableName(table, [
        ...this.names.tables.items.map((t) => t.name),
        ...this.names.definedNames.items.map((n) => n.name),
      ]),
    };
  }

  /**
   * Call right after the first sync, before queueing any write: throws ChangedByAnotherAuthor when
   * the stamp moved and the write must not merge. A workbook without an Audit table (one from an
   * older schema, or whose table was deleted by hand) gets one here, in a sync of its own, so that
   * the caller's write never fails half-way on it; if a co-author started one at the same moment,
   * theirs is used.
   */
  async ready(): Promise<void> {
    const locked = this.protections.find((p) => p.protection.protected);
    if (locked) {
      throw new WorkbookError(
        "SheetProtected",
        `Sheet "${locked.sheet}" is protected, so the scorecard cannot be written; nothing was written. Unprotect it (Review › Unprotect Sheet) and try again.`,
        { sheet: locked.sheet },
      );
    }
    if (this.options.requireUnchanged && this.currentStamp !== this.meta.versionStamp) {
      throw new WorkbookError(
        "ChangedByAnotherAuthor",
        "Another author changed the scorecard a moment ago, so nothing was written. The pane has read their change; look at it and try again.",
        { sheet: this.meta.sheets.scorecard },
      );
    }
    if (this.auditRange && this.auditSheet) {
      this.audit = { sheet: this.auditSheet, firstFree: this.auditRange.rowIndex + this.auditRange.rowCount };
      return;
    }
    const place = this.freeNames(SHEET.audit, TABLE.audit);
    const next = { ...this.meta, audit: place };
    queueAuditSheet(this.context, place);
    queueMetaKeys(this.metaRange, this.metaRange.values, next, ["auditSheet", "auditTable"]);
    try {
      await this.context.sync();
      this.audit = { sheet: this.context.workbook.worksheets.getItem(place.sheet), firstFree: 1 };
    } catch (error) {
      if (excelErrorCode(error) !== "ItemAlreadyExists") throw error;
      const range = this.context.workbook.names.getItem(NAME.meta).getRange().load("values");
      await this.context.sync();
      const theirs = decodeMeta(range.values).audit;
      if (theirs === null) throw error;
      const table = this.context.workbook.tables.getItem(theirs.table).getRange().load("rowIndex, rowCount");
      await this.context.sync();
      this.audit = {
        sheet: this.context.workbook.worksheets.getItem(theirs.sheet),
        firstFree: table.rowIndex + table.rowCount,
      };
    }
    this.metaRange.load("values");
    await this.context.sync();
  }

  /** Records changes for the Audit sheet; they are written by commit(), in the same batch. */
  record(changes: readonly Change[]): void {
    for (const c of changes) this.entries.push({ ...c, time: this.time, who: this.options.author });
  }

  /** Metadata changes to write with the stamp. */
  update(patch: Partial<ScorecardMeta>): void {
    this.patch = { ...this.patch, ...patch };
  }

  /** Queues the audit rows and the metadata (stamp + patch); returns the metadata as written. */
  commit(): ScorecardMeta {
    if (this.entries.length > 0) this.queueAudit();
    const next: ScorecardMeta = { ...this.meta, ...this.patch, versionStamp: this.currentStamp + 1 };
    const keys: MetaKey[] = ["versionStamp"];
    for (const field of Object.keys(this.patch) as (keyof ScorecardMeta)[])
      keys.push(...(PATCH_KEYS[field] ?? []));
    queueMetaKeys(this.metaRange, this.metaRange.values, next, keys);
    return next;
  }

  private queueAudit(): void {
    if (!this.audit) throw new Error("WriteSession.ready() was not called before commit().");
    const rows = this.entries.map(auditRow);
    const { sheet, firstFree } = this.audit;
    // Appended right below the table, which takes the rows in (never rows.add); the sheet is
    // protected against accidental edits between writes.
    sheet.protection.unprotect();
    sheet.getRange(rangeAddress(firstFree, 0, rows.length, AUDIT_COLUMNS.length)).values = rows;
    sheet.protection.protect();
  }
}

/**
 * Runs a write batch with a session. If the Audit table named in the metadata is gone (deleted by
 * hand), the first sync fails; the batch then runs once more and starts a new Audit table, so a
 * lost trail never blocks the user's change.
 */
export async function writeBatch<T>(
  run: ExcelRun,
  meta: ScorecardMeta,
  options: SessionOptions,
  body: (context: Excel.RequestContext, session: WriteSession) => Promise<T>,
): Promise<T> {
  try {
    return await run((context) => body(context, new WriteSession(context, meta, options)));
  } catch (error) {
    const code = excelErrorCode(error instanceof WorkbookError ? (error.cause ?? error) : error);
    if (meta.audit === null || code !== "ItemNotFound") throw error;
    const auditGone = await run(async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(meta.audit!.table);
      table.load("name");
      await context.sync();
      return table.isNullObject;
    });
    if (!auditGone) throw error;
    return run((context) => body(context, new WriteSession(context, { ...meta, audit: null }, options)));
  }
}
