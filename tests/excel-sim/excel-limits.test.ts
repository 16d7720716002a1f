/**
 * Excel's size limits, as excel-sim enforces them (docs/excel-fidelity.md): payloads in UTF-8
 * bytes, formula length, text constants in formulas, criteria strings, cell text, and the very
 * hidden sheet that cannot be deleted.
 */
import { createWorkbook } from "../../src/excel-sim";
import { codeOf, errorOf, simAfter } from "./support";

const MB5 = 5 * 1024 * 1024;

describe("payloads are counted in UTF-8 bytes", () => {
  const writeColumn = (text: string, rows: number) => {
    const sim = createWorkbook();
    const run = sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${rows}`).values = Array.from(
        { length: rows },
        () => [text],
      );
    });
    return { sim, run };
  };

  test.each([
    ["Latin", "a", 1],
    ["Cyrillic", "ж", 2],
    ["Arabic", "ع", 2],
    ["CJK", "語", 3],
    ["emoji", "😀", 4],
  ])("%s text counts %d byte(s) a character", async (_, char, bytesPerChar) => {
    const { sim, run } = writeColumn(char.repeat(1000), 100);
    await run;
    const text = 100 * 1000 * bytesPerChar;
    // Only the text grows with the characters' size: the JSON punctuation and overheads are small.
    expect(sim.stats.requestBytes[0]).toBeGreaterThan(text);
    expect(sim.stats.requestBytes[0]).toBeLessThan(text + 1000);
  });

  test("a write under 5 MB in characters but over it in bytes is refused, and nothing of it applied", async () => {
    // 1.9 million characters of CJK text: 5.7 MB as it travels.
    const { sim, run } = writeColumn("語".repeat(19_000), 100);
    const err = await errorOf(run);
    expect(err?.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(JSON.stringify(Array(100).fill(["語".repeat(19_000)])).length).toBeLessThan(MB5);
    expect(sim.inspect.usedRange("Sheet1")).toBeNull();
  });

  test("a read whose reply is over 5 MB in bytes fails, though under it in characters", async () => {
    const sim = createWorkbook();
    const sheet = "Sheet1";
    // Four writes of 1.9 MB each (under the limit), then one read of all of it: 7.7 MB, 2.6 million characters.
    for (let k = 0; k < 4; k++) {
      await sim.run(async (context) => {
        context.workbook.worksheets.getItem(sheet).getRange(`A${k * 20 + 1}:A${k * 20 + 20}`).values =
          Array.from({ length: 20 }, () => ["語".repeat(32_000)]);
      });
    }
    const read = sim.run(async (context) => {
      const range = context.workbook.worksheets.getItem(sheet).getRange("A1:A80").load("values");
      await context.sync();
      return range.values;
    });
    expect(await codeOf(read)).toBe("ResponsePayloadSizeLimitExceeded");
    // Read in two halves, each reply stays under the limit.
    const halves = await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem(sheet);
      const first = s.getRange("A1:A40").load("values");
      await context.sync();
      const second = s.getRange("A41:A80").load("values");
      await context.sync();
      return [...first.values, ...second.values];
    });
    expect(halves).toHaveLength(80);
    expect(halves[79][0]).toBe("語".repeat(32_000));
  });
});

describe("formulas: 8,192 characters in all, 255 in one text constant", () => {
  /** "=1+1+…+1" of exactly `length` characters (even lengths only). */
  const formulaOf = (length: number) => `=${"1+".repeat((length - 2) / 2)}1`;
  const tooLongFormula = () => `${formulaOf(8_192)}0`; // 8,193 characters: …+10

  test("a formula of 8,192 characters is entered; one of 8,193 is refused with InvalidArgument", async () => {
    const sim = createWorkbook();
    const ok = formulaOf(8_192);
    expect(ok).toHaveLength(8_192);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [[ok]];
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe(4_096);
    const tooLong = tooLongFormula();
    expect(tooLong).toHaveLength(8_193);
    const err = await errorOf(
      sim.run(async (context) => {
        const s = context.workbook.worksheets.getItem("Sheet1");
        s.getRange("B1").values = [["before"]];
        s.getRange("B2").formulas = [[tooLong]];
        s.getRange("B3").values = [["after"]];
      }),
    );
    expect(err?.code).toBe("InvalidArgument");
    expect(err?.message).toMatch(/too long: 8193 characters, where Excel allows 8192/);
    // The message shows the start of the formula, not all of it.
    expect(err!.message.length).toBeLessThan(400);
    // Not a transaction: what came before the refused action stays, what came after is skipped.
    expect(sim.inspect.values("Sheet1", "B1:B3")).toEqual([["before"], [""], [""]]);
  });

  test("the limit holds for formulas written through values and typed by a user", async () => {
    const sim = createWorkbook();
    const tooLong = tooLongFormula();
    expect(
      await codeOf(
        sim.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[tooLong]];
        }),
      ),
    ).toBe("InvalidArgument");
    expect(sim.userEdit("Sheet1", "A1", tooLong)).toMatchObject({ ok: false, code: "InvalidArgument" });
    expect(sim.inspect.cell("Sheet1", "A1").type).toBe("Empty");
  });

  test("a text constant of 255 characters is allowed in a formula, one of 256 is refused", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [
        [`=LEN("${"x".repeat(255)}")`],
      ];
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe(255);
    const err = await errorOf(
      sim.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A2").formulas = [
          [`=LEN("${"x".repeat(256)}")`],
        ];
      }),
    );
    expect(err?.code).toBe("InvalidArgument");
    expect(err?.message).toMatch(/Text values in formulas are limited to 255 characters; this one has 256/);
  });

  test("text that starts with a minus and is too long for a formula fails the write (office-js#3256)", async () => {
    const sim = createWorkbook();
    const text = `-${"a".repeat(8_200)}`;
    expect(
      await codeOf(
        sim.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[text]];
        }),
      ),
    ).toBe("GeneralException");
    // With Excel's text prefix it is text, and stays whole.
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[`'${text}`]];
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe(text);
    // Short, it is text when it does not parse as a formula.
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["-abc def"]];
    });
    expect(sim.inspect.cell("Sheet1", "A2").value).toBe("-abc def");
  });
});

describe("criteria strings of COUNTIF and its family: at most 255 characters", () => {
  const setUp = async (criterion: string) => {
    const sim = await simAfter(async (s) => {
      s.getRange("A1:B3").values = [
        [criterion, 2],
        [criterion, 3],
        ["other", 5],
      ];
      // D1 holds the criterion text; the formulas build "="&D1, as the add-in's exact matches do.
      s.getRange("D1").values = [[`'${criterion}`]];
      s.getRange("E1:E6").formulas = [
        ['=COUNTIF(A1:A3,"="&D1)'],
        ['=COUNTIFS(A1:A3,"="&D1,B1:B3,">0")'],
        ['=SUMIF(A1:A3,"="&D1,B1:B3)'],
        ['=SUMIFS(B1:B3,A1:A3,"="&D1)'],
        ['=AVERAGEIF(A1:A3,"="&D1,B1:B3)'],
        ['=AVERAGEIFS(B1:B3,A1:A3,"="&D1)'],
      ];
    });
    return sim.inspect.values("Sheet1", "E1:E6").map(([v]) => v);
  };

  test("a criterion of 255 characters (with its operator) matches", async () => {
    expect(await setUp("k".repeat(254))).toEqual([2, 2, 5, 5, 2.5, 2.5]);
  });

  test("a criterion of 256 characters is #VALUE! in every one of them", async () => {
    expect(await setUp("k".repeat(255))).toEqual(Array(6).fill("#VALUE!"));
  });

  test("the limit is on the criterion, not on the cells it is matched against", async () => {
    const sim = await simAfter(async (s) => {
      s.getRange("A1:A2").values = [["x".repeat(1_000)], ["y"]];
      s.getRange("B1:B2").formulas = [['=COUNTIF(A1:A2,"x*")'], ['=COUNTIF(A1:A2,"<>y")']];
    });
    expect(sim.inspect.values("Sheet1", "B1:B2")).toEqual([[1], [1]]);
  });
});

describe("MATCH's lookup value: at most 255 characters", () => {
  const match = async (text: string) => {
    const sim = await simAfter(async (s) => {
      s.getRange("A1:A2").values = [["short"], [`'${text}`]];
      s.getRange("B1").formulas = [["=MATCH(A2,A1:A2,0)"]];
    });
    return sim.inspect.values("Sheet1", "B1")[0][0];
  };

  test("MATCH of a lookup text of 255 characters finds it; one of 256 is #VALUE!", async () => {
    expect(await match("m".repeat(255))).toBe(2);
    expect(await match("m".repeat(256))).toBe("#VALUE!");
  });
});

describe("a cell holds at most 32,767 characters", () => {
  test("32,767 characters are written (Excel's text prefix not counted); 32,768 are refused", async () => {
    const sim = createWorkbook();
    const max = "é".repeat(32_767);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").values = [[max], [`'${max}`]];
    });
    expect(sim.inspect.values("Sheet1", "A1:A2")).toEqual([[max], [max]]);
    const err = await errorOf(
      sim.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A3:A4").values = [["short"], [`${max}x`]];
      }),
    );
    expect(err?.code).toBe("InvalidArgument");
    expect(err?.message).toMatch(/32768 characters; a cell holds at most 32767/);
    // The whole write is refused: the short value in the same array is not written either.
    expect(sim.inspect.cell("Sheet1", "A3").type).toBe("Empty");
    expect(sim.userEdit("Sheet1", "A5", `${max}x`)).toMatchObject({ ok: false, code: "InvalidArgument" });
  });

  test("a text format (@) does not lift the limit", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").numberFormat = [["@"]];
    });
    expect(
      await codeOf(
        sim.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x".repeat(32_768)]];
        }),
      ),
    ).toBe("InvalidArgument");
  });

  test("a formula whose text result would be longer is #VALUE!", async () => {
    const sim = await simAfter(async (s) => {
      s.getRange("A1:A2").values = [["a".repeat(20_000)], ["b".repeat(12_767)]];
      s.getRange("B1:B4").formulas = [
        ["=A1&A2"],
        ['=A1&A2&"c"'],
        ["=CONCATENATE(A1,A2)"],
        ['=CONCATENATE(A1,A2,"c")'],
      ];
    });
    const results = sim.inspect
      .values("Sheet1", "B1:B4")
      .map(([v]) => (v === "#VALUE!" ? v : String(v).length));
    expect(results).toEqual([32_767, "#VALUE!", 32_767, "#VALUE!"]);
  });
});

describe("a very hidden sheet cannot be deleted", () => {
  test("delete() fails with GeneralException (office-js#365) until its visibility is changed", async () => {
    const sim = createWorkbook({ sheets: ["Sheet1", "Secret", "Plain"] });
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Secret").visibility = "VeryHidden";
      context.workbook.worksheets.getItem("Plain").visibility = "Hidden";
    });
    const err = await errorOf(
      sim.run(async (context) => {
        context.workbook.worksheets.getItem("Secret").delete();
      }),
    );
    expect(err?.code).toBe("GeneralException");
    expect(err?.message).toMatch(/very hidden; change its visibility/);
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1", "Secret", "Plain"]);
    // A (merely) hidden sheet is deleted; so is the very hidden one once made hidden, in one batch.
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Plain").delete();
      const secret = context.workbook.worksheets.getItem("Secret");
      secret.visibility = "Hidden";
      secret.delete();
    });
    expect(sim.inspect.sheetNames()).toEqual(["Sheet1"]);
  });
});

describe("protect() on a protected sheet", () => {
  test("fails with InvalidOperation, as Excel's does; unprotect first", async () => {
    const sim = createWorkbook();
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").protection.protect();
    });
    const again = sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").protection.protect();
    });
    expect(await codeOf(again)).toBe("InvalidOperation");
    await sim.run(async (context) => {
      const protection = context.workbook.worksheets.getItem("Sheet1").protection;
      protection.unprotect();
      protection.protect({ allowFormatCells: true });
    });
    expect(sim.inspect.protection("Sheet1")).toMatchObject({
      protected: true,
      options: { allowFormatCells: true },
    });
  });
});
