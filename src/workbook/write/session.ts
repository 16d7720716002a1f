/**
 * Every write that co-authors can collide on goes through a write session (docs/architecture.md §5: re-read
 * before write). In the batch's first sync the session loads the metadata as the workbook holds it
 * now and where the Audit table ends; then it can
 *  - refuse the write when another author wrote since the caller's read (the version stamp moved),
 *    for writes that must not merge (weights, mode switches);
 *  - append the changes to the Audit sheet in the same batch as the change itself;
 *  - bump the version stamp, writing only the metadata keys it changes.
 * So a guarded write costs two syncs: look, then write.
 *
 * A batch is not a transaction: Excel applies its actions in order and may stop after any of them.
 * So the write sync is ordered (ready() queues the head before the caller's change, commit() the
 * tail after it):
 *   head   unprotect the Audit sheet; the version stamp; an "unfinished change" row (audit.ts);
 *   change the caller's writes, and the metadata keys it changes;
 *   tail   the Audit entries after the unfinished row, then the first one over it; protect.
 * A cut before the head's row leaves nothing; one after it leaves that row, which the next read
 * reports, with the stamp already moved so that co-authors' writes see a change. If the Audit sheet
 * is protected with a password, the head's first action fails and nothing is written.
 */
import { type Change, auditRow, unfinishedRow } from "./audit";
import type { AuditEntry } from "../model";
import { chunkRows, jsonBytes, queueInChunks } from "./payload";
import { AUDIT_COLUMNS, NAME, SHEET, TABLE, type MetaKey } from "../contract/contract";
import { WorkbookError, excelErrorCode } from "../errors";
import { checkAuthorName } from "../contract/lengths";
import { decodeMeta, queueMetaKeys, type ScorecardMeta, type SheetTable } from "../contract/meta";
import { queueTakenNames, type TakenNames } from "../contract/freeNames";
import { queueAuditSheet } from "../scorecard/sheetSetup";
import type { ExcelRun } from "../run";
import { TableAppend, TableEnd } from "./tables";

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
  reviewerWeights: ["reviewerWeightsSheet", "reviewerWeightsTable"],
  teamWeights: ["teamWeights"],
  indicatorsTable: ["indicatorsTable"],
  headerBand: ["headerBand"],
};

/** Where the Audit table ends and whether its sheet is protected, as the first sync found them. */
interface AuditPlace {
  sheet: Excel.Worksheet;
  /** Its name now (a person may have renamed it), for messages. */
  sheetName: string;
  end: Pick<TableEnd, "name" | "totals" | "column" | "width" | "nextRow">;
  protected: boolean;
}

export class WriteSession {
  private readonly metaRange: Excel.Range;
  private audit: AuditPlace | null = null;
  private readonly auditLook: ReturnType<typeof lookAtAudit> | null;
  /** The Audit rows of this write: the head's unfinished row, then the entries over it. */
  private trail: TableAppend | null = null;
  private committed = false;
  /** Audit entries after the first that commitInChunks() already queued. */
  private entriesAdded = 0;
  private readonly names: TakenNames;
  private readonly entries: AuditEntry[] = [];
  private readonly protections: { sheet: string; protection: Excel.WorksheetProtection }[];
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
    this.auditLook = meta.audit ? lookAtAudit(context, meta.audit.table) : null;
    this.protections = (options.writes ?? []).map((sheet) => ({
      sheet,
      protection: workbook.worksheets.getItem(sheet).protection.load("protected"),
    }));
    this.names = queueTakenNames(workbook);
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
    return { sheet: this.names.sheet(sheet), table: this.names.table(table) };
  }

  /**
   * Call right after the first sync, before queueing any write: throws ChangedByAnotherAuthor when
   * the stamp moved and the write must not merge. A workbook without an Audit table (one from an
   * older schema, or whose table was deleted by hand) gets one here, in a sync of its own, so that
   * the caller's write never fails half-way on it; if a co-author started one at the same moment,
   * theirs is used. Then queues the head of the write (see the top of this file).
   */
  async ready(): Promise<void> {
    await this.findAudit();
    this.queueHead();
  }

  private async findAudit(): Promise<void> {
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
    const workbook = this.context.workbook;
    if (this.auditLook) {
      this.audit = auditPlace(this.auditLook);
      return;
    }
    const place = this.freeNames(SHEET.audit, TABLE.audit);
    const next = { ...this.meta, audit: place };
    queueAuditSheet(this.context, place, {
      time: this.time,
      who: this.options.author,
      what: "audit trail started",
      agreementId: "",
      subject: "",
      before: "",
      after: "The Audit table the scorecard names was missing, so the trail starts again here.",
    });
    queueMetaKeys(this.metaRange, this.metaRange.values, next, ["auditSheet", "auditTable"]);
    try {
      await this.context.sync();
      // A new table: header row 1, its first entry in row 2, made protected.
      const end = { name: place.table, totals: false, column: 0, width: AUDIT_COLUMNS.length, nextRow: 2 };
      this.audit = {
        sheet: workbook.worksheets.getItem(place.sheet),
        sheetName: place.sheet,
        end,
        protected: true,
      };
    } catch (error) {
      if (excelErrorCode(error) !== "ItemAlreadyExists") throw error;
      const range = workbook.names.getItem(NAME.meta).getRange().load("values");
      await this.context.sync();
      const theirs = decodeMeta(range.values).audit;
      if (theirs === null) throw error;
      const look = lookAtAudit(this.context, theirs.table);
      await this.context.sync();
      this.audit = auditPlace(look);
    }
    this.metaRange.load("values");
    await this.context.sync();
  }

  /** The head of the write: before any of the caller's changes. */
  private queueHead(): void {
    const audit = this.audit!;
    // Only a protected sheet is unprotected: unprotect() on an unprotected sheet throws in some
    // Excel builds (office-js #6784).
    if (audit.protected) audit.sheet.protection.unprotect();
    // The stamp before the row: wherever the batch stops after the row, co-authors see a change.
    queueMetaKeys(this.metaRange, this.metaRange.values, { ...this.meta, versionStamp: this.stamp }, [
      "versionStamp",
    ]);
    this.trail = new TableAppend(this.context, audit.end, audit.end.nextRow);
    this.trail.add([unfinishedRow(this.time, this.options.author)]);
  }

  /** The stamp this write gives the workbook. */
  private get stamp(): number {
    return this.currentStamp + 1;
  }

  /** Records changes for the Audit sheet; they are written by commit(), in the same batch. */
  record(changes: readonly Change[]): void {
    for (const c of changes) this.entries.push({ ...c, time: this.time, who: this.options.author });
  }

  /** Metadata changes to write with the stamp. */
  update(patch: Partial<ScorecardMeta>): void {
    this.patch = { ...this.patch, ...patch };
  }

  /**
   * Queues the metadata (stamp + patch) and the tail: the Audit entries over the head's row, the
   * sheet protected again. Returns the metadata as written.
   */
  commit(): ScorecardMeta {
    if (!this.trail || !this.audit) throw new Error("WriteSession.ready() was not called before commit().");
    const next: ScorecardMeta = { ...this.meta, ...this.patch, versionStamp: this.stamp };
    const keys: MetaKey[] = ["versionStamp"];
    for (const field of Object.keys(this.patch) as (keyof ScorecardMeta)[])
      keys.push(...(PATCH_KEYS[field] ?? []));
    queueMetaKeys(this.metaRange, this.metaRange.values, next, keys);
    this.queueTail();
    this.committed = true;
    return next;
  }

  /**
   * commit() for a write with more Audit entries than one request holds (a switch to team scoring
   * records one per review): the entries after the first go in chunks under the payload budget,
   * each synced, below the unfinished row, which stays until the caller's closing sync writes the
   * last chunk, the first entry over it and the metadata. `queuedBytes`: what the caller's change
   * left queued in the current request.
   */
  async commitInChunks(queuedBytes = 0): Promise<ScorecardMeta> {
    if (!this.trail) throw new Error("WriteSession.ready() was not called before commitInChunks().");
    const later = this.entries.slice(1).map(auditRow);
    const chunks = chunkRows(later.length, (i) => jsonBytes(later[i]), undefined, queuedBytes);
    await queueInChunks(this.context, chunks, (from, to) => this.trail!.add(later.slice(from, to)));
    this.entriesAdded = later.length;
    return this.commit();
  }

  private queueTail(): void {
    const trail = this.trail!;
    const rows = this.entries.map(auditRow);
    if (rows.length === 0) trail.remove();
    else {
      // The first entry replaces the unfinished row last: until then the row says the write is on.
      trail.add(rows.slice(1 + this.entriesAdded));
      trail.overwrite(0, rows.slice(0, 1));
    }
    trail.check();
    // Protected again, as a guard against accidental edits rather than a lock.
    this.audit!.sheet.protection.protect();
  }

  /**
   * After the caller's batch: a write that changed nothing takes its head back; Audit rows Excel
   * left below the table are moved into it. One more sync only in those cases.
   */
  async settle(): Promise<void> {
    if (!this.trail) return;
    const protection = this.audit!.sheet.protection;
    if (!this.committed) {
      this.trail.remove();
      this.committed = true;
    } else {
      if (!this.trail.leftOutside()) return;
      // The tail protected the sheet again; rows.add needs it unprotected.
      protection.unprotect();
      await this.trail.fixOutsideInChunks();
    }
    protection.protect();
    await this.context.sync();
  }

  /**
   * The error to show for a failed batch: the Audit sheet refusing to be unprotected (a password)
   * is the head's first action, so nothing was written, whatever sheet the caller named.
   */
  explain(error: unknown): unknown {
    const cause = error instanceof WorkbookError ? (error.cause ?? error) : error;
    const location = (cause as { debugInfo?: { errorLocation?: string } } | null)?.debugInfo?.errorLocation;
    if (this.audit === null || location !== "WorksheetProtection.unprotect") return error;
    const sheet = this.audit.sheetName;
    return new WorkbookError(
      "SheetProtected",
      `The Audit sheet "${sheet}" is protected with a password, so nothing was written: every change is recorded there. Unprotect it (Review › Unprotect Sheet) with its password, protect it again without one if you want the guard back, and try again.`,
      { sheet },
      cause,
    );
  }
}

function lookAtAudit(context: Excel.RequestContext, table: string) {
  const sheet = context.workbook.tables.getItem(table).worksheet.load("name");
  return { end: new TableEnd(context, table), sheet, protection: sheet.protection.load("protected") };
}

function auditPlace(look: ReturnType<typeof lookAtAudit>): AuditPlace {
  return {
    sheet: look.sheet,
    sheetName: look.sheet.name,
    end: look.end,
    protected: look.protection.protected,
  };
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
  checkAuthorName(options.author, { sheet: meta.audit?.sheet ?? SHEET.audit });
  const batch = (m: ScorecardMeta) =>
    run(async (context) => {
      const session = new WriteSession(context, m, options);
      try {
        const result = await body(context, session);
        await session.settle();
        return result;
      } catch (error) {
        throw session.explain(error);
      }
    });
  try {
    return await batch(meta);
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
    return batch({ ...meta, audit: null });
  }
}
