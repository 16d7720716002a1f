/**
 * Sync counting, payload estimates and the 5 MB limit, fault injection, protection.
 */
import { createWorkbook } from "../../src/excel-sim";
import { errorOf, simAfter } from "./support";

describe("stats", () => {
  test("every sync is counted, with request and response bytes", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("A1:B2").values = [
        [1, 2],
        [3, 4],
      ];
      await context.sync();
      sheet.getRange("A1:B2").load("values");
      await context.sync();
      await context.sync(); // empty
    });
    expect(sim.stats.syncs).toBe(3);
    expect(sim.stats.roundTrips).toBe(2);
    expect(sim.stats.payloadBytes).toHaveLength(3);
    expect(sim.stats.requestBytes[0]).toBeGreaterThan(
      JSON.stringify([
        [1, 2],
        [3, 4],
      ]).length,
    );
    expect(sim.stats.responseBytes[1]).toBeGreaterThanOrEqual(
      JSON.stringify({
        values: [
          [1, 2],
          [3, 4],
        ],
      }).length,
    );
    expect(sim.stats.payloadBytes[2]).toBe(0);
    expect(sim.stats.maxPayloadBytes).toBe(Math.max(...sim.stats.payloadBytes));
    sim.resetStats();
    expect(sim.stats.syncs).toBe(0);
  });
});

describe("payload limit", () => {
  test("a request over 5 MB fails with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const sim = createWorkbook();
    const rows = 60000;
    const big = Array.from({ length: rows }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    const err = await errorOf(
      sim.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("Z1").values = [["first"]];
        sheet.getRange(`A1:A${rows}`).values = big;
        await context.sync();
      }),
    );
    expect(err?.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(sim.inspect.usedRange("Sheet1")).toBeNull();
    expect(sim.stats.requestBytes[0]).toBeGreaterThan(5 * 1024 * 1024);
  });

  test("the same data in chunks under the limit goes through", async () => {
    const sim = createWorkbook();
    const rows = 60000;
    await sim.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      for (let start = 0; start < rows; start += 20000) {
        sheet.getRange(`A${start + 1}:A${start + 20000}`).values = Array.from({ length: 20000 }, (_, i) => [
          `row ${start + i} ${"x".repeat(80)}`,
        ]);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked writes / one formula per sync on purpose
        await context.sync();
      }
    });
    expect(sim.stats.roundTrips).toBe(3);
    expect(sim.stats.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
    expect(sim.inspect.cell("Sheet1", "A60000").value).toMatch(/^row 59999 /);
  });

  test("the limit is configurable; responses over it fail too", async () => {
    const sim = createWorkbook({ payloadLimitBytes: 2000 });
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:A100").values = Array.from(
        { length: 100 },
        (_, i) => [i],
      );
    });
    const err = await errorOf(
      sim.run(async (context) => {
        context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1:A100")
          .load("values, text, formulas, valueTypes");
        await context.sync();
      }),
    );
    expect(err?.code).toBe("ResponsePayloadSizeLimitExceeded");
  });
});

describe("fault injection", () => {
  test("failSync(k): the k-th sync from now rejects and nothing of it is applied", async () => {
    const sim = createWorkbook();
    sim.failSync(2);
    const seen: string[] = [];
    const err = await errorOf(
      sim.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [["one"]];
        await context.sync();
        seen.push("first sync ok");
        sheet.getRange("A2").values = [["two"]];
        sheet.getRange("A3").values = [["three"]];
        await context.sync();
        seen.push("second sync ok");
      }),
    );
    expect(seen).toEqual(["first sync ok"]);
    expect(err?.name).toBe("RichApi.Error");
    expect(err?.code).toBe("ConnectionLost");
    expect(sim.inspect.values("Sheet1", "A1:A3")).toEqual([["one"], [""], [""]]);
    expect(sim.stats.failedSyncs).toBe(1);
  });

  test("a custom error can be injected", async () => {
    const sim = createWorkbook();
    sim.failSync(1, "GeneralException");
    const err = await errorOf(
      sim.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
        await context.sync();
      }),
    );
    expect(err?.code).toBe("GeneralException");
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe("");
  });
});

describe("protection", () => {
  test("writing a locked cell of a protected sheet: AccessDenied, that action not applied, earlier ones applied", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.getRange("B2:B3").format.protection.locked = false;
      sheet.protection.protect({ allowFormatCells: false });
      await context.sync();
    });
    const err = await errorOf(
      sim.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("B2").values = [[5]]; // unlocked: fine
        sheet.getRange("A1:B1").values = [["x", "y"]]; // A1 locked: AccessDenied
        sheet.getRange("B3").values = [[6]]; // after the failure: not applied
        await context.sync();
      }),
    );
    expect(err?.code).toBe("AccessDenied");
    expect(err?.debugInfo.errorLocation).toBe("Range.values");
    expect(sim.inspect.values("Sheet1", "A1:B3")).toEqual([
      ["", ""],
      ["", 5],
      ["", ""],
    ]);
  });

  test("formatting and structure changes are denied unless allowed; unprotect restores", async () => {
    const sim = await simAfter(async (sheet, context) => {
      sheet.protection.protect({ allowInsertRows: true }, "pw");
      await context.sync();
      const p = sheet.protection.load("protected");
      await context.sync();
      expect(p.protected).toBe(true);
      sheet.getRange("A1").format.fill.color = "#FF0000";
      expect((await errorOf(context.sync()))?.code).toBe("AccessDenied");
      sheet.getRange("3:3").insert("Down"); // allowed
      await context.sync();
      sheet.tables.add("A1:B2", true);
      expect((await errorOf(context.sync()))?.code).toBe("AccessDenied");
      sheet.protection.unprotect("wrong");
      expect((await errorOf(context.sync()))?.code).toBe("InvalidArgument");
      sheet.protection.unprotect("pw");
      sheet.getRange("A1").values = [[1]];
      await context.sync();
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe(1);
  });

  test("a user edit respects protection", async () => {
    const sim = await simAfter(async (sheet) => {
      sheet.getRange("C1").format.protection.locked = false;
      sheet.protection.protect();
    });
    expect(sim.userEdit("Sheet1", "A1", "hello")).toMatchObject({ ok: false, code: "AccessDenied" });
    expect(sim.userEdit("Sheet1", "C1", "hello")).toEqual({ ok: true });
    expect(sim.inspect.values("Sheet1", "A1:C1")).toEqual([["", "", "hello"]]);
  });
});
