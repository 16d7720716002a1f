/**
 * The Excel tables in the workbook, and appending rows to one.
 *
 * listTables: the tables with their headers, so the pane can offer to attach a scorecard to one of
 * them. Two syncs: the tables, then their header rows.
 *
 * TableAppend: every row the add-in adds to a table (agreements, Audit rows, reviews, profiles, a
 * new criterion's Weights row) goes through it, so that a co-author's rows cannot be overwritten
 * and no row is left outside its table:
 * - the cells are first inserted (shifting down what is below), then written with Range.values, as
 *   Microsoft's co-authoring guidance says (table.rows.add makes merge conflicts that lose changes,
 *   and writing over "the first free row" overwrites a co-author's row that has not arrived yet:
 *   their late insert pushes ours down, ours pushes theirs);
 * - Excel takes rows written right below a table into it, but not always (office-js #3191, #3013;
 *   #2097 when the first cell is blank; never with AutoCorrect's "Include new rows and columns in
 *   table" off): a load after the writes shows whether it did, and fixOutside() then moves what it
 *   left out into the table with table.rows.add;
 * - a table with a total row takes new rows above it through table.rows.add (rows written below
 *   the total row stay outside the table, and the total row must not be written over);
 * - rows.add moves the cells below it, so a reference to a cell it moves turns #REF!: whatever
 *   points at appended rows (a defined name, the index of the reviews) is written after the fix.
 */
import { chunkRows, jsonBytes, queueInChunks } from "./payload";
import type { ExcelRun } from "../run";

export interface TableInfo {
  name: string;
  sheet: string;
  headers: string[];
  rowCount: number;
}

export async function listTables(run: ExcelRun): Promise<TableInfo[]> {
  return run(async (context) => {
    const tables = context.workbook.tables.load("items/name, items/worksheet/name");
    await context.sync();
    const details = tables.items.map((t) => ({
      table: t,
      header: t.getHeaderRowRange().load("values"),
      body: t.getDataBodyRange().load("rowCount"),
    }));
    await context.sync();
    return details.map(({ table, header, body }) => ({
      name: table.name,
      sheet: table.worksheet.name,
      headers: header.values[0].map(String),
      rowCount: body.rowCount,
    }));
  });
}

type Cell = string | number | boolean;

/** Where a table ends, loaded in a write's first sync. */
export class TableEnd {
  private readonly table: Excel.Table;
  private readonly range: Excel.Range;

  constructor(
    context: Excel.RequestContext,
    readonly name: string,
  ) {
    this.table = context.workbook.tables.getItem(name).load("showTotals");
    this.range = this.table.getRange().load("rowIndex, rowCount, columnIndex, columnCount");
  }

  /** The table shows a total row (its last row). */
  get totals(): boolean {
    return this.table.showTotals;
  }

  /** 0-based sheet row where a row appended now goes: below the body, above any total row. */
  get nextRow(): number {
    return this.range.rowIndex + this.range.rowCount - (this.totals ? 1 : 0);
  }

  get column(): number {
    return this.range.columnIndex;
  }

  get width(): number {
    return this.range.columnCount;
  }
}

/** Rows appended to one table in one batch, as a block starting at `firstRow` (0-based). */
export class TableAppend {
  /** The block's content as last written (what a fix puts into the table). */
  private readonly block: Cell[][] = [];
  private extent: Excel.Range | null = null;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly end: Pick<TableEnd, "name" | "totals" | "column" | "width">,
    /** Where the block starts: normally end.nextRow, or the first of empty rows the table ends with. */
    readonly firstRow: number,
    /** How many empty rows the table ends with from firstRow on: written over, not inserted. */
    private readonly reused = 0,
  ) {}

  private get table(): Excel.Table {
    return this.context.workbook.tables.getItem(this.end.name);
  }

  private cells(from: number, count: number): Excel.Range {
    return this.table.worksheet.getRangeByIndexes(
      this.firstRow + from,
      this.end.column,
      count,
      this.end.width,
    );
  }

  /** A row as wide as the table: blanks for columns the caller does not fill (a person added). */
  private fit(rows: Cell[][]): Cell[][] {
    const { width } = this.end;
    return rows.map((row) =>
      row.length >= width ? row.slice(0, width) : [...row, ...Array(width - row.length).fill("")],
    );
  }

  /** Queues rows added after the block's last row ("=…" strings are formulas). */
  add(given: Cell[][]): void {
    const fitted = this.fit(given);
    const reuse = Math.min(fitted.length, Math.max(0, this.reused - this.block.length));
    if (reuse > 0) this.overwrite(this.block.length, fitted.slice(0, reuse));
    const rows = fitted.slice(reuse);
    if (rows.length === 0) return;
    const from = this.block.length;
    if (this.end.totals) this.table.rows.add(undefined, rows);
    else {
      this.cells(from, rows.length).insert("Down");
      this.cells(from, rows.length).formulas = rows;
    }
    this.block.push(...rows);
  }

  /** Queues new content for rows of the block, from its row `from` on. */
  overwrite(from: number, given: Cell[][]): void {
    if (given.length === 0) return;
    const rows = this.fit(given);
    this.cells(from, rows.length).formulas = rows;
    this.block.splice(from, rows.length, ...rows);
  }

  /** Queues the removal of the whole block (a write that turned out to change nothing). */
  remove(): void {
    if (this.block.length > 0) this.cells(0, this.block.length).delete("Up");
    this.block.length = 0;
  }

  /** Queues the load that tells, after the sync, whether the table took every row in. */
  check(): void {
    if (!this.end.totals && this.block.length > 0)
      this.extent = this.table.getRange().load("rowIndex, rowCount");
  }

  /** Rows of the block Excel left below the table (after the sync that wrote it, and check()). */
  private outside(): number {
    if (this.extent === null) return 0;
    return this.block.length - Math.max(0, this.extent.rowIndex + this.extent.rowCount - this.firstRow);
  }

  leftOutside(): boolean {
    return this.outside() > 0;
  }

  /**
   * After the sync that wrote the block (and check()): queues, for the rows Excel left below the
   * table, table.rows.add with their content and the removal of the copies it pushes down. Returns
   * the 1-based rows [first, last] the fix put in the table (to format them again), or null.
   */
  fixOutside(): { first: number; last: number } | null {
    const fix = this.leftOut();
    if (fix === null) return null;
    this.queueFix(fix, 0, fix.rows.length);
    return fix.placed;
  }

  /**
   * fixOutside() for a block of any size: the rows go in chunks under the payload budget, each
   * synced but the last, which is left queued for the caller's sync. `decorate` queues what the
   * rows put in the table need beyond their content (formats, validation, formulas).
   */
  async fixOutsideInChunks(decorate?: Decoration): Promise<{ first: number; last: number } | null> {
    const fix = this.leftOut();
    if (fix === null) return null;
    const chunks = chunkRows(fix.rows.length, (i) => jsonBytes(fix.rows[i]) + (decorate?.rowBytes ?? 0));
    await queueInChunks(this.context, chunks, (from, to) => {
      this.queueFix(fix, from, to);
      decorate?.queue(fix.placed.first + from, fix.placed.first + to - 1);
    });
    return fix.placed;
  }

  /** The rows Excel left out (after the sync that wrote the block, and check()), or null. */
  private leftOut(): LeftOut | null {
    const count = this.outside();
    this.extent = null;
    if (count <= 0) return null;
    const taken = this.block.length - count;
    return {
      taken,
      rows: this.block.slice(taken),
      placed: { first: this.firstRow + taken + 1, last: this.firstRow + this.block.length },
    };
  }

  /** Queues rows [from, to) of those left out into the table, and the removal of their copies. */
  private queueFix(fix: LeftOut, from: number, to: number): void {
    this.table.rows.add(undefined, fix.rows.slice(from, to));
    // rows.add inserted the rows where the copies were, pushing the copies down by as many rows.
    this.cells(fix.taken + to, to - from).delete("Up");
  }
}

/** What rows moved into the table need beyond their content, and what that weighs a row. */
export interface Decoration {
  rowBytes: number;
  /** Queues it for 1-based sheet rows first..last. */
  queue: (first: number, last: number) => void;
}

/** Rows of a block Excel left below its table: the block's first `taken` rows went in. */
interface LeftOut {
  taken: number;
  rows: Cell[][];
  /** 1-based sheet rows [first, last] they take in the table once fixed. */
  placed: { first: number; last: number };
}
