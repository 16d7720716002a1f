/**
 * Two co-authors on one workbook, change events (Local/Remote), subscribers.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load --
   the reads follow a sync of the other co-author's context, which the rule cannot follow. */
import { createWorkbook } from "../../src/excel-sim";

describe("two contexts", () => {
  test("each sees the other's change after its own next sync", async () => {
    const sim = createWorkbook();
    const alice = sim.newContext();
    const bob = sim.newContext();
    const aRange = alice.workbook.worksheets.getItem("Sheet1").getRange("A1");
    const bRange = bob.workbook.worksheets.getItem("Sheet1").getRange("A1");

    aRange.values = [["from Alice"]];
    bRange.load("values");
    await bob.sync(); // Alice has not synced yet
    expect(bRange.values).toEqual([[""]]);

    await alice.sync();
    expect(bRange.values).toEqual([[""]]); // Bob's proxy holds what he loaded
    bRange.load("values");
    await bob.sync();
    expect(bRange.values).toEqual([["from Alice"]]);

    bob.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["from Bob"]];
    await bob.sync();
    aRange.load("values");
    await alice.sync();
    expect(aRange.values).toEqual([["from Bob"]]);
  });

  test("interleaved batches: last writer wins per cell, formulas see both", async () => {
    const sim = createWorkbook();
    const a = sim.newContext();
    const b = sim.newContext();
    const sa = a.workbook.worksheets.getItem("Sheet1");
    const sb = b.workbook.worksheets.getItem("Sheet1");
    sa.getRange("A1:A2").values = [[1], [2]];
    sa.getRange("A3").formulas = [["=SUM(A1:A2)"]];
    sb.getRange("A2").values = [[20]];
    await a.sync();
    await b.sync();
    const total = sa.getRange("A3").load("values");
    await a.sync();
    expect(total.values).toEqual([[21]]);
  });
});

describe("events", () => {
  test("worksheet.onChanged: Local for own changes, Remote for another context's, after the sync", async () => {
    const sim = createWorkbook();
    const events: { source: string; address: string; changeType: string; type: string }[] = [];
    const me = sim.newContext();
    const other = sim.newContext();
    const sheet = me.workbook.worksheets.getItem("Sheet1");
    const reg = sheet.onChanged.add(async (e) => {
      events.push({ source: e.source, address: e.address, changeType: e.changeType, type: e.type });
    });
    await me.sync(); // registration takes effect at sync

    sheet.getRange("B2:C3").values = [
      [1, 2],
      [3, 4],
    ];
    const done = me.sync();
    expect(events).toHaveLength(0);
    await done;
    expect(events).toHaveLength(0); // handlers run asynchronously after the sync
    await sim.flushEvents();
    expect(events).toEqual([
      { source: "Local", address: "B2:C3", changeType: "RangeEdited", type: "WorksheetChanged" },
    ]);

    other.workbook.worksheets.getItem("Sheet1").getRange("D4").values = [["x"]];
    await other.sync();
    await sim.flushEvents();
    expect(events[1]).toEqual({
      source: "Remote",
      address: "D4",
      changeType: "RangeEdited",
      type: "WorksheetChanged",
    });

    reg.remove();
    await me.sync();
    other.workbook.worksheets.getItem("Sheet1").getRange("D5").values = [["y"]];
    await other.sync();
    await sim.flushEvents();
    expect(events).toHaveLength(2);
  });

  test("a handler registered but not synced does not fire", async () => {
    const sim = createWorkbook();
    const ctx = sim.newContext();
    let fired = 0;
    ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async () => {
      fired++;
    });
    sim.userEdit("Sheet1", "A1", 1);
    await sim.flushEvents();
    expect(fired).toBe(0);
    await ctx.sync();
    sim.userEdit("Sheet1", "A1", 2);
    await sim.flushEvents();
    expect(fired).toBe(1);
  });

  test("details of a single-cell change carry the values before and after", async () => {
    const sim = createWorkbook();
    const ctx = sim.newContext();
    const got: unknown[] = [];
    ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e) => {
      got.push(e.details);
    });
    await ctx.sync();
    sim.userEdit("Sheet1", "A1", "3");
    sim.userEdit("Sheet1", "A1", "4");
    await sim.flushEvents();
    expect(got).toEqual([
      { valueBefore: "", valueAfter: 3, valueTypeBefore: "Empty", valueTypeAfter: "Double" },
      { valueBefore: 3, valueAfter: 4, valueTypeBefore: "Double", valueTypeAfter: "Double" },
    ]);
  });

  test("table.onChanged fires for changes inside the table with the touched address", async () => {
    const sim = createWorkbook();
    const seen: string[] = [];
    // Registered by the add-in itself (Excel.run): the local user's edits are "Local" to it.
    await sim.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B3").values = [
        ["ID", "Score"],
        ["a", 1],
        ["b", 2],
      ];
      const t = sheet.tables.add("A1:B3", true);
      t.name = "Scores";
      t.onChanged.add(async (e) => {
        seen.push(`${e.type} ${e.tableId === "" ? "?" : "id"} ${e.address} ${e.source}`);
      });
      await ctx.sync();
    });
    sim.userEdit("Sheet1", "B2", 5);
    sim.userEdit("Sheet1", "D9", 5); // outside the table
    const coauthor = sim.newSession();
    await coauthor.run(async (c) => {
      c.workbook.worksheets.getItem("Sheet1").getRange("B3:C3").values = [[7, "note"]];
    });
    await sim.flushEvents();
    expect(seen).toEqual(["TableChanged id B2 Local", "TableChanged id B3 Remote"]);
  });

  test("a remote user edit arrives with source Remote; the event can fetch its range", async () => {
    const sim = createWorkbook();
    const ctx = sim.newContext();
    const values: unknown[] = [];
    ctx.workbook.worksheets.onChanged.add(async (e) => {
      const r = e.getRange(ctx).load("values");
      await ctx.sync();
      values.push([e.source, r.values]);
    });
    await ctx.sync();
    sim.userEdit("Sheet1", "C3", "=2*21", { remote: true });
    await sim.flushEvents();
    expect(values).toEqual([["Remote", [[42]]]]);
  });

  test("subscribers are told about each change synchronously", async () => {
    const sim = createWorkbook();
    const log: string[] = [];
    const off = sim.subscribe((e) => log.push(`${e.changes.length}:${e.structure.join(",")}`));
    await sim.run(async (context) => {
      context.workbook.worksheets.add("New");
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
    });
    sim.userEdit("Sheet1", "A2", 2);
    off();
    sim.userEdit("Sheet1", "A3", 3);
    expect(log).toEqual(["1:sheets", "1:"]);
  });
});
