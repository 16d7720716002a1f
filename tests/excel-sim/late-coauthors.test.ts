/**
 * Co-authors whose changes arrive late (newSession({ delaySyncs })): learn.microsoft.com
 * "Coauthoring in Excel add-ins" — changes reach the other co-authors some time later, and
 * table.rows.add from a co-author meets a merge conflict.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";
import { simAfter } from "./support";

const cell = (sim: SimWorkbook, address: string) =>
  sim.run(async (context) => {
    const r = context.workbook.worksheets.getItem("Sheet1").getRange(address).load("values");
    await context.sync();
    return r.values[0][0];
  });

const write = (run: SimWorkbook["run"], address: string, value: unknown) =>
  run(async (context) => {
    context.workbook.worksheets.getItem("Sheet1").getRange(address).values = [[value]];
    await context.sync();
  });

/** A table "Items" at A1:B2 (header, one row). */
async function withTable(): Promise<SimWorkbook> {
  const sim = await simAfter(async (sheet, context) => {
    sheet.getRange("A1:B2").values = [
      ["Item", "By"],
      ["first", "setup"],
    ];
    sheet.tables.add("A1:B2", true).name = "Items";
    await context.sync();
  });
  return sim;
}

/** Appends one row the way a stale pane does it: look where the table ends, write there. */
async function appendBelow(run: SimWorkbook["run"], row: string[], insertFirst: boolean) {
  await run(async (context) => {
    const body = context.workbook.tables.getItem("Items").getDataBodyRange().load("rowIndex, rowCount");
    await context.sync();
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    const at = sheet.getRangeByIndexes(body.rowIndex + body.rowCount, 0, 1, 2);
    if (insertFirst) at.insert("Down");
    sheet.getRangeByIndexes(body.rowIndex + body.rowCount, 0, 1, 2).values = [row];
    await context.sync();
  });
}

const itemsTable = (sim: SimWorkbook) => sim.inspect.tables().find((t) => t.name === "Items")!;

/** The table, and Bob's row added through table.rows.add, his syncs reaching the workbook `delaySyncs` late. */
async function withRowAddedByBob(delaySyncs: number) {
  const sim = await withTable();
  await sim.newSession({ delaySyncs }).run(async (context) => {
    context.workbook.tables.getItem("Items").rows.add(undefined, [["added by Bob", "Bob"]]);
    await context.sync();
  });
  return sim;
}

/**
 * Bob (whose syncs reach the workbook three syncs late) and then Ana each append a row below the
 * table, inserting the row first or not; the workbook once Bob's late changes have all arrived.
 */
async function racingAppends(insertFirst: boolean) {
  const sim = await withTable();
  const bob = sim.newSession({ delaySyncs: 3 });
  await appendBelow(bob.run, ["from Bob", "Bob"], insertFirst);
  await appendBelow(sim.run, ["from Ana", "Ana"], insertFirst);
  sim.deliverLateChanges();
  return sim;
}

describe("a late co-author (delaySyncs: N)", () => {
  test("its change reaches this context only after N of this context's syncs", async () => {
    const sim = createWorkbook();
    const bob = sim.newSession({ delaySyncs: 2 });
    await write(bob.run, "A1", "Bob");
    expect(await cell(sim, "A1")).toBe("");
    expect(await cell(sim, "A1")).toBe("");
    expect(await cell(sim, "A1")).toBe("Bob");
  });

  test("delaySyncs 0 (the default) is seen at the next sync, as before", async () => {
    const sim = createWorkbook();
    await write(sim.newSession({ delaySyncs: 0 }).run, "A1", "now");
    expect(await cell(sim, "A1")).toBe("now");
  });

  test("it sees its own writes at once, and the others' changes", async () => {
    const sim = createWorkbook();
    const bob = sim.newSession({ delaySyncs: 3 });
    await write(bob.run, "A1", "Bob");
    await write(sim.run, "B1", "Ana");
    const seen = await bob.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").load("values");
      await context.sync();
      return r.values;
    });
    expect(seen).toEqual([["Bob", "Ana"]]);
    expect(sim.inspect.values("Sheet1", "A1:B1")).toEqual([["", "Ana"]]);
  });

  test("a proxy kept from an earlier sync still finds its object on the co-author's next copy", async () => {
    const sim = await withTable();
    const bob = sim.newSession({ delaySyncs: 1 });
    const names = await bob.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const header = tables.items[0].getHeaderRowRange().load("values");
      await context.sync();
      return header.values[0];
    });
    expect(names).toEqual(["Item", "By"]);
  });

  test("two stale appends written below the table: the later arrival overwrites, a row is lost", async () => {
    // Bob's append arrives after Ana's two syncs (look, write) and lands where she wrote.
    const sim = await racingAppends(false);
    expect(sim.inspect.values("Sheet1", "A2:A4")).toEqual([["first"], ["from Bob"], [""]]);
    expect(itemsTable(sim).rowCount).toBe(2);
  });

  test("inserting the row before writing it: both rows survive", async () => {
    const sim = await racingAppends(true);
    expect(sim.inspect.values("Sheet1", "A2:A4").flat().sort()).toEqual(["first", "from Ana", "from Bob"]);
    expect(itemsTable(sim).rowCount).toBe(3);
  });

  test("table.rows.add from a stale view of a table changed meanwhile is a merge conflict: lost", async () => {
    const sim = await withRowAddedByBob(3);
    await appendBelow(sim.run, ["from Ana", "Ana"], true);
    sim.deliverLateChanges();
    expect(sim.stats.mergeConflicts).toBe(1);
    expect(sim.inspect.values("Sheet1", "A2:A4")).toEqual([["first"], ["from Ana"], [""]]);
  });

  test("table.rows.add on a table nobody else changed arrives whole", async () => {
    const sim = await withRowAddedByBob(1);
    await write(sim.run, "D9", "elsewhere");
    sim.deliverLateChanges();
    expect(sim.stats.mergeConflicts).toBe(0);
    expect(sim.inspect.values("Sheet1", "A3")).toEqual([["added by Bob"]]);
  });

  test("change events for a late change fire when it arrives, as Remote", async () => {
    const sim = createWorkbook();
    const seen: string[] = [];
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").onChanged.add(async (args) => {
        const a = args as { address: string; source: string };
        seen.push(`${a.address} ${a.source}`);
      });
      await context.sync();
    });
    const bob = sim.newSession({ delaySyncs: 1 });
    await write(bob.run, "C3", "late");
    await sim.flushEvents();
    expect(seen).toEqual([]);
    await cell(sim, "A1");
    await cell(sim, "A1");
    await sim.flushEvents();
    expect(seen).toEqual(["C3 Remote"]);
  });

  test("a bad delay is refused", () => {
    const sim = createWorkbook();
    expect(() => sim.newSession({ delaySyncs: -1 })).toThrow(/delaySyncs/);
  });
});
