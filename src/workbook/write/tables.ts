/**
 * The Excel tables in the workbook, and appending rows to one.
 *
 * listTables: the tables with their headers, so the pane can offer to attach a scorecard to one of
 * them. Two syncs: the tables, then their header rows.
 *
 * TableAppend: every row the add-in adds to a table (agreements, Audit rows, reviews) goes through
 * it, so that a co-author's rows cannot be overwritten and no row is left outside its table:
 * - the cells are first inserted (shifting down what is below), then written with Range.values, as
 *   Microsoft's co-authoring guidance says (table.rows.add makes merge conflicts that lose changes,
 *   and writing over "the first free row" overwrites a co-author's row that has not arrived yet:
 *   their late insert pushes ours down, ours pushes theirs);
 * - Excel takes rows written right below a table into it, but not always (office-js #3191, #3013;
 *   #2097 when the first cell is blank; never with AutoCorrect's "Include new rows and columns in
 *   table" off): a load after the writes shows whether it did, and fixOutside() then moves what it
 *   left out into the table with table.rows.add;
 * - a table with a total row takes new rows above it through table.rows.add (rows written below
 *   the total row stay outside the table, and the total row must not be written over).
 */
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
    /** Where the block starts: normally end.nextRow; an empty row the table ends with is reused. */
    readonly firstRow: number,
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
    if (given.length === 0) return;
    const rows = this.fit(given);
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
    const count = this.outside();
    this.extent = null;
    if (count <= 0) return null;
    const taken = this.block.length - count;
    const left = this.block.slice(taken);
    this.table.rows.add(undefined, left);
    // rows.add inserted the rows where the copies were, pushing the copies down by as many rows.
    this.cells(taken + left.length, left.length).delete("Up");
    return { first: this.firstRow + taken + 1, last: this.firstRow + this.block.length };
  }
}
