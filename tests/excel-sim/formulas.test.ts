/**
 * Formula results. Expected values come from the examples on Microsoft's function pages
 * (support.microsoft.com/office/<name>-function-…) where they exist, cited per test.
 */
import { createWorkbook, type SimWorkbook } from "../../src/excel-sim";

type V = string | number | boolean | null;

/** A workbook with `data` at A1, and a helper that evaluates formulas in Z1 (row 1) or a given cell. */
async function sheetWith(data: V[][], at = "A1") {
  const sim = createWorkbook();
  if (data.length) {
    await sim.run(async (context) => {
      const r = context.workbook.worksheets
        .getItem("Sheet1")
        .getRange(at)
        .getResizedRange(data.length - 1, data[0].length - 1);
      r.values = data.map((row) => row.map((x) => (x === null ? "" : x)));
    });
  }
  return sim;
}

async function calc(sim: SimWorkbook, formula: string, cell = "Z100"): Promise<unknown> {
  return sim.run(async (context) => {
    const r = context.workbook.worksheets.getItem("Sheet1").getRange(cell);
    r.formulas = [[formula]];
    r.load("values");
    await context.sync();
    return r.values[0][0];
  });
}

describe("arithmetic, comparison and coercion", () => {
  test("operators and precedence", async () => {
    const sim = await sheetWith([]);
    expect(await calc(sim, "=1+2*3")).toBe(7);
    expect(await calc(sim, "=-2^2")).toBe(4); // negation binds tighter than ^ in Excel
    expect(await calc(sim, "=2^3^2")).toBe(64); // left-associative
    expect(await calc(sim, "=50%*10")).toBe(5);
    expect(await calc(sim, '="a"&1.5&TRUE')).toBe("a1.5TRUE");
    expect(await calc(sim, '=1/3&""')).toBe("0.333333333333333");
    expect(await calc(sim, "=0.1+0.2=0.3")).toBe(true);
  });

  test('blank cells are 0 in arithmetic and "" in text comparisons; text numbers coerce', async () => {
    const sim = await sheetWith([[null, "3", "abc", true]]);
    expect(await calc(sim, "=A1+1")).toBe(1);
    expect(await calc(sim, "=A1")).toBe(0);
    expect(await calc(sim, '=A1=""')).toBe(true);
    expect(await calc(sim, "=A1=0")).toBe(true);
    expect(await calc(sim, "=B1*2")).toBe(6);
    expect(await calc(sim, "=C1*2")).toBe("#VALUE!");
    expect(await calc(sim, "=D1+1")).toBe(2);
    expect(await calc(sim, '="abc"="ABC"')).toBe(true);
    expect(await calc(sim, '=1<"a"')).toBe(true); // numbers sort before text
    expect(await calc(sim, '="z"<TRUE')).toBe(true); // text before logical values
  });

  test("errors propagate left to right and show as strings with valueType Error", async () => {
    const sim = await sheetWith([[0]]);
    expect(await calc(sim, "=1/A1")).toBe("#DIV/0!");
    expect(await calc(sim, "=1/A1+NA()")).toBe("#DIV/0!");
    expect(await calc(sim, "=NA()+1/A1")).toBe("#N/A");
    expect(await calc(sim, "=SQRT(-1)")).toBe("#NUM!");
    expect(await calc(sim, "=SUM(1,1/A1)")).toBe("#DIV/0!");
    await sim.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("B1");
      r.formulas = [["=1/0"]];
      r.load("values, valueTypes, text");
      await context.sync();
      expect([r.values[0][0], r.valueTypes[0][0], r.text[0][0]]).toEqual(["#DIV/0!", "Error", "#DIV/0!"]);
    });
  });

  test("a range where one value is expected is implicitly intersected (no spilling)", async () => {
    const sim = await sheetWith([[1], [2], [3]]);
    expect(await calc(sim, "=A1:A3*10", "B2")).toBe(20);
    expect(await calc(sim, "=A1:A3*10", "B9")).toBe("#VALUE!");
    expect(await calc(sim, "=SUM(A1:A3*10)", "B9")).toBe("#VALUE!"); // needs CSE in Excel 2016: not portable
  });
});

describe("functions", () => {
  // https://support.microsoft.com/office/sum-function-043e1c7d-7726-4e80-8f32-07b23e057f89
  test("SUM ignores text and logical values in references, coerces typed arguments", async () => {
    const sim = await sheetWith([[-5], [15], [30], ["'5"], [true]], "A2");
    expect(await calc(sim, "=SUM(3, 2)")).toBe(5);
    expect(await calc(sim, '=SUM("5", 15, TRUE)')).toBe(21);
    expect(await calc(sim, "=SUM(A2:A4)")).toBe(40);
    expect(await calc(sim, "=SUM(A5,A6, 2)")).toBe(2);
    expect(await calc(sim, "=SUM(A2:A4, 15)")).toBe(55);
    expect(await calc(sim, '=SUM("x")')).toBe("#VALUE!");
  });

  // https://support.microsoft.com/office/sumproduct-function-16753e75-9f68-4874-94ac-4d2145a2fd2e
  test("SUMPRODUCT: products summed, non-numeric entries as 0, mismatched sizes #VALUE!, array arithmetic", async () => {
    const sim = await sheetWith([
      [1, 2, 3, 4],
      [4, 5, 6, 7],
      [null, "text", 2, 1],
    ]);
    expect(await calc(sim, "=SUMPRODUCT(A1:C1,A2:C2)")).toBe(32);
    expect(await calc(sim, "=SUMPRODUCT(A1:D1,A3:D3)")).toBe(10); // blank and text count as 0
    expect(await calc(sim, "=SUMPRODUCT(A1:C1,A2:D2)")).toBe("#VALUE!");
    expect(await calc(sim, "=SUMPRODUCT(A1:D1*A3:D3)")).toBe("#VALUE!"); // "text"*2 is #VALUE!
    expect(await calc(sim, "=SUMPRODUCT(--(A1:C1>1))")).toBe(2);
    expect(await calc(sim, "=SUMPRODUCT((A1:D1>1)*A2:D2)")).toBe(18);
    expect(await calc(sim, "=SUMPRODUCT(A1:B2)")).toBe(12);
    expect(await calc(sim, "=SUMPRODUCT(A1:D1>1)")).toBe(0); // logical values are not numbers
  });

  test("SUMPRODUCT with ISNUMBER over an array: 15, never a silent 0", async () => {
    const sim = await sheetWith([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(await calc(sim, "=SUMPRODUCT(ISNUMBER(A1:C1)*A2:C2)")).toBe(15);
    expect(await calc(sim, "=SUMPRODUCT(--ISNUMBER(A1:C1))")).toBe(3);
    expect(await calc(sim, "=SUMPRODUCT(ROUND(A2:C2/4,0))")).toBe(4); // 1+1+2: ROUND lifted element-wise
  });

  test("SUMPRODUCT over a row and a defined name of the same shape", async () => {
    const sim = await sheetWith([
      [3, 4, 5, 2],
      [0.4, 0.3, 0.2, 0.1],
    ]);
    await sim.run(async (context) => {
      context.workbook.names.add("W", "=Sheet1!$A$2:$D$2");
      context.workbook.names.add("WCol", "=Sheet1!$F$1:$F$4");
    });
    expect(await calc(sim, "=SUMPRODUCT(A1:D1,W)")).toBeCloseTo(3.6, 12);
    expect(await calc(sim, "=SUMPRODUCT(A1:D1,WCol)")).toBe("#VALUE!"); // 1×4 against 4×1
  });

  // https://support.microsoft.com/office/count-function-a59cd7fc-b623-4d93-87a4-d23bf411294c
  test("COUNT, COUNTA, COUNTBLANK", async () => {
    const sim = await sheetWith([["Sales"], [null], [19], [22.24], [true], ["#DIV/0!"]]);
    expect(await calc(sim, "=COUNT(A2:A7)")).toBe(2);
    expect(await calc(sim, "=COUNT(A5:A7,2)")).toBe(1); // TRUE, #DIV/0! and blank in a reference are not counted
    expect(await calc(sim, "=COUNTA(A1:A7)")).toBe(5);
    expect(await calc(sim, '=COUNT("1",TRUE,"x")')).toBe(2);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B1").formulas = [['=""']];
    });
    expect(await calc(sim, "=COUNTBLANK(A1:B7)")).toBe(9); // A2, A7, B2:B7 and B1 (its "" counts as blank)
    expect(await calc(sim, "=COUNTA(B1:B7)")).toBe(1); // …and as a value for COUNTA
  });

  // https://support.microsoft.com/office/countif-function-e0de10c6-f885-4e71-abb4-1f464816df34
  test("COUNTIF (Microsoft's examples)", async () => {
    const sim = await sheetWith([
      ["Data", "Data"],
      ["apples", 32],
      ["oranges", 54],
      ["peaches", 75],
      ["apples", 86],
    ]);
    expect(await calc(sim, '=COUNTIF(A2:A5,"apples")')).toBe(2);
    expect(await calc(sim, "=COUNTIF(A2:A5,A4)")).toBe(1);
    expect(await calc(sim, "=COUNTIF(A2:A5,A2)+COUNTIF(A2:A5,A3)")).toBe(3);
    expect(await calc(sim, '=COUNTIF(B2:B5,">55")')).toBe(2);
    expect(await calc(sim, '=COUNTIF(B2:B5,"<>"&B4)')).toBe(3);
    expect(await calc(sim, '=COUNTIF(B2:B5,">=32")-COUNTIF(B2:B5,">85")')).toBe(3);
    expect(await calc(sim, '=COUNTIF(A2:A5,"*")')).toBe(4);
    expect(await calc(sim, '=COUNTIF(A2:A5,"?????es")')).toBe(2);
  });

  // https://support.microsoft.com/office/countifs-function-dda3dc6e-f74e-4aee-88bc-aa8c2a866842
  test("COUNTIFS (Microsoft's example)", async () => {
    const sim = await sheetWith([
      ["Salesperson", "Exceeded Q1 quota", "Exceeded Q2 quota", "Exceeded Q3 quota"],
      ["Davidoski", "Yes", "No", "No"],
      ["Burke", "Yes", "Yes", "No"],
      ["Sundaram", "Yes", "Yes", "Yes"],
      ["Levitan", "No", "Yes", "Yes"],
    ]);
    expect(await calc(sim, '=COUNTIFS(B2:D2,"=Yes")')).toBe(1);
    expect(await calc(sim, '=COUNTIFS(B2:B5,"=Yes",C2:C5,"=Yes")')).toBe(2);
    expect(await calc(sim, '=COUNTIFS(B5:D5,"=Yes",B3:D3,"=Yes")')).toBe(1);
    expect(await calc(sim, '=COUNTIFS(B2:B5,"=Yes",C2:C4,"=Yes")')).toBe("#VALUE!");
  });

  test('only the exact error names are error criteria; "#1" is text', async () => {
    const sim = await sheetWith([
      ["#1", "#N/A", "#1x", "#DIV/0!", "#1"],
      [1, 2, 4, 8, 16],
    ]);
    expect(await calc(sim, '=COUNTIF(A1:E1,"#1")')).toBe(2);
    expect(await calc(sim, '=SUMIF(A1:E1,"#1",A2:E2)')).toBe(17);
    expect(await calc(sim, '=SUMIFS(A2:E2,A1:E1,"#1x")')).toBe(4);
    expect(await calc(sim, '=AVERAGEIF(A1:E1,"=#1",A2:E2)')).toBe(8.5);
    expect(await calc(sim, '=COUNTIFS(A1:E1,"<>#1")')).toBe(3);
    // The error names (any case) match error values only.
    expect(await calc(sim, '=COUNTIF(A1:E1,"#N/A")')).toBe(1);
    expect(await calc(sim, '=SUMIF(A1:E1,"#div/0!",A2:E2)')).toBe(8);
    expect(await calc(sim, '=COUNTIF(A1:E1,"#NAME?")')).toBe(0);
    // Wildcards see text only, never errors.
    expect(await calc(sim, '=COUNTIF(A1:E1,"#*")')).toBe(3);
  });

  test("exact-text criteria: case-insensitive, ~ escapes, numbers and partial ranges (indexed and scanned alike)", async () => {
    const sim = await sheetWith([
      ["Key", "Value", "Formula"],
      ["A*", 1, "=A2"],
      ["a*", 2, "=A3"],
      ["AB", 4, "=A4"],
      ["5", 8, "=A5"],
      [5, 16, "=A6"],
      ["A*", 32, "=A7"],
    ]);
    // "~*" makes the star literal: only "A*"/"a*" match, never "AB".
    expect(await calc(sim, '=COUNTIFS(A:A,"=A~*")')).toBe(3);
    expect(await calc(sim, '=SUMIFS(B:B,A:A,"=a~*")')).toBe(35);
    // An unescaped star is a wildcard (not the index): "A*" matches AB as well.
    expect(await calc(sim, '=SUMIFS(B:B,A:A,"A*")')).toBe(39);
    // A partial range sees only its rows.
    expect(await calc(sim, '=SUMIFS(B2:B4,A2:A4,"=A~*")')).toBe(3);
    expect(await calc(sim, '=SUMIFS(B3:B7,A3:A7,"=A~*")')).toBe(34);
    // Text "5" and number 5 both match the criterion "5".
    expect(await calc(sim, '=SUMIFS(B:B,A:A,"5")')).toBe(24);
    // A column of formulas: the whole column is indexed, a part of it is scanned; same answers.
    expect(await calc(sim, '=COUNTIFS(C:C,"=A~*")')).toBe(3);
    expect(await calc(sim, '=COUNTIFS(C2:C4,"=A~*")')).toBe(2);
    expect(await calc(sim, '=AVERAGEIFS(B:B,C:C,"ab")')).toBe(4);
  });

  // https://support.microsoft.com/office/averageifs-function-48910c45-1fc0-4389-a028-f7c5c3001690
  test("AVERAGE and AVERAGEIFS (Microsoft's example)", async () => {
    const sim = await sheetWith([
      ["Student", "First", "Second", "Final"],
      ["Emilio", 75, 85, 87],
      ["Julie", 94, 80, 88],
      ["Hans", 86, 93, "Incomplete"],
      ["Frederique", "Incomplete", 75, 75],
    ]);
    expect(await calc(sim, '=AVERAGEIFS(B2:B5, B2:B5, ">70", B2:B5, "<90")')).toBe(80.5);
    expect(await calc(sim, '=AVERAGEIFS(C2:C5, C2:C5, ">95")')).toBe("#DIV/0!");
    expect(await calc(sim, '=AVERAGEIFS(D2:D5, D2:D5, "<>Incomplete", D2:D5, ">80")')).toBe(87.5);
    expect(await calc(sim, "=AVERAGE(B2:B5)")).toBe(85);
    expect(await calc(sim, "=AVERAGE(E2:E5)")).toBe("#DIV/0!");
  });

  // https://support.microsoft.com/office/median-function-d0916313-4753-414c-8537-ce85bdd967d2
  test("MEDIAN (Microsoft's example)", async () => {
    const sim = await sheetWith([[1], [2], [3], [4], [5], [6]], "A2");
    expect(await calc(sim, "=MEDIAN(A2:A6)")).toBe(3);
    expect(await calc(sim, "=MEDIAN(A2:A7)")).toBe(3.5);
  });

  // https://support.microsoft.com/office/stdev-s-function-7d69cf97-0c1f-4acf-be27-f3e83904cc23
  test("STDEV.S and _xlfn.STDEV.S (Microsoft's example: 27.46391572)", async () => {
    const sim = await sheetWith(
      [[1345], [1301], [1368], [1322], [1310], [1370], [1318], [1350], [1303], [1299]],
      "A2",
    );
    expect(await calc(sim, "=STDEV.S(A2:A11)")).toBeCloseTo(27.46391572, 8);
    expect(await calc(sim, "=_xlfn.STDEV.S(A2:A11)")).toBeCloseTo(27.46391572, 8);
    expect(await calc(sim, "=STDEV(A2:A11)")).toBeCloseTo(27.46391572, 8);
    expect(await calc(sim, "=STDEV.S(A2)")).toBe("#DIV/0!");
  });

  test("MIN, MAX (empty → 0)", async () => {
    const sim = await sheetWith([[10], [7], [9], [27], [2]]);
    expect(await calc(sim, "=MIN(A1:A5)")).toBe(2);
    expect(await calc(sim, "=MAX(A1:A5)")).toBe(27);
    expect(await calc(sim, "=MAX(A1:A5,30)")).toBe(30);
    expect(await calc(sim, "=MAX(C1:C5)")).toBe(0);
  });

  // https://support.microsoft.com/office/if-function-69aed7c9-4e8a-4755-a9bc-aa8bbff73be2
  // https://support.microsoft.com/office/iferror-function-c526fd07-caeb-47b8-8bb6-63f3e417f611
  test("IF and IFERROR (Microsoft's IFERROR example)", async () => {
    const sim = await sheetWith([
      ["Quota", "Units Sold"],
      [210, 35],
      [55, 0],
      [null, 23],
    ]);
    expect(await calc(sim, '=IFERROR(A2/B2, "Error in calculation")')).toBe(6);
    expect(await calc(sim, '=IFERROR(A3/B3, "Error in calculation")')).toBe("Error in calculation");
    expect(await calc(sim, '=IFERROR(A4/B4, "Error in calculation")')).toBe(0);
    expect(await calc(sim, '=IF(B2>30,"Over","Under")')).toBe("Over");
    expect(await calc(sim, "=IF(B3>30,1)")).toBe(false);
    expect(await calc(sim, '=IF(A4="","blank",1/0)')).toBe("blank"); // the other branch is not evaluated
    expect(await calc(sim, "=IF(1/0,1,2)")).toBe("#DIV/0!");
  });

  // https://support.microsoft.com/office/is-functions-0f2d7971-6019-40a0-a171-f2d869135665
  test("ISNUMBER, ISBLANK", async () => {
    const sim = await sheetWith([[null, "", 4, "'4"]]);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B1").formulas = [['=""']];
    });
    expect(await calc(sim, "=ISNUMBER(4)")).toBe(true);
    expect(await calc(sim, "=ISNUMBER(C1)")).toBe(true);
    expect(await calc(sim, "=ISNUMBER(D1)")).toBe(false);
    expect(await calc(sim, "=ISBLANK(A1)")).toBe(true);
    expect(await calc(sim, "=ISBLANK(B1)")).toBe(false);
    expect(await calc(sim, "=ISNUMBER(1/0)")).toBe(false);
  });

  // https://support.microsoft.com/office/and-function-5f19b2e8-e1df-4408-897a-ce285a19e9d9
  test("AND, OR, NOT", async () => {
    const sim = await sheetWith([[50, 104]]);
    expect(await calc(sim, "=AND(A1>1,A1<100)")).toBe(true);
    expect(await calc(sim, "=AND(B1>1,B1<100)")).toBe(false);
    expect(await calc(sim, "=OR(A1>1,A1<100)")).toBe(true);
    expect(await calc(sim, "=OR(B1<1,B1>200)")).toBe(false);
    expect(await calc(sim, "=NOT(A1>1)")).toBe(false);
    expect(await calc(sim, "=AND(D1:E1)")).toBe("#VALUE!"); // no logical values at all
  });

  // https://support.microsoft.com/office/round-function-c018c5d8-40fb-4053-90b1-b3e7f61a213c
  test("ROUND (Microsoft's examples), half away from zero; ABS", async () => {
    const sim = await sheetWith([]);
    expect(await calc(sim, "=ROUND(2.15, 1)")).toBe(2.2);
    expect(await calc(sim, "=ROUND(2.149, 1)")).toBe(2.1);
    expect(await calc(sim, "=ROUND(-1.475, 2)")).toBe(-1.48);
    expect(await calc(sim, "=ROUND(21.5, -1)")).toBe(20);
    expect(await calc(sim, "=ROUND(626.3,-3)")).toBe(1000);
    expect(await calc(sim, "=ROUND(1.98,-1)")).toBe(0);
    expect(await calc(sim, "=ROUND(-50.55,-2)")).toBe(-100);
    expect(await calc(sim, "=ROUND(2.5,0)")).toBe(3);
    expect(await calc(sim, "=ROUND(-2.5,0)")).toBe(-3);
    expect(await calc(sim, "=ROUND(1.005,2)")).toBe(1.01);
    expect(await calc(sim, "=ROUND(56.300000000000004,10)")).toBe(56.3);
    expect(await calc(sim, "=ABS(-4)")).toBe(4);
  });

  // https://support.microsoft.com/office/index-function-a5dcf0dd-996d-40a4-a822-b56b061328bd
  test("INDEX (Microsoft's examples)", async () => {
    const sim = await sheetWith(
      [
        ["Apples", "Lemons"],
        ["Bananas", "Pears"],
      ],
      "A2",
    );
    expect(await calc(sim, "=INDEX(A2:B3,2,2)")).toBe("Pears");
    expect(await calc(sim, "=INDEX(A2:B3,2,1)")).toBe("Bananas");
    expect(await calc(sim, "=INDEX(A2:A3,2)")).toBe("Bananas");
    expect(await calc(sim, "=INDEX(A2:B2,2)")).toBe("Lemons"); // one index into a row selects a column
    expect(await calc(sim, "=INDEX(A2:B3,3,1)")).toBe("#REF!");
    expect(await calc(sim, "=INDEX({1,2;3,4},2,1)")).toBe(3);
  });

  // https://support.microsoft.com/office/match-function-e8dffd45-c762-47d6-bf89-533f4a37673a
  test("MATCH (Microsoft's examples): approximate, exact, descending", async () => {
    const sim = await sheetWith(
      [
        ["Bananas", 25],
        ["Oranges", 38],
        ["Apples", 40],
        ["Pears", 41],
      ],
      "A2",
    );
    expect(await calc(sim, "=MATCH(39,B2:B5,1)")).toBe(2);
    expect(await calc(sim, "=MATCH(41,B2:B5,0)")).toBe(4);
    expect(await calc(sim, "=MATCH(40,B2:B5,-1)")).toBe("#N/A");
    expect(await calc(sim, '=MATCH("app*",A2:A5,0)')).toBe(3);
    expect(await calc(sim, '=MATCH("pears",A2:A5,0)')).toBe(4);
    // "~" escapes a wildcard: "app~*" looks for the text "app*" itself, which is not there.
    expect(await calc(sim, '=MATCH("app~*",A2:A5,0)')).toBe("#N/A");
    expect(await calc(sim, "=MATCH(10,B2:B5,1)")).toBe("#N/A");
    expect(await calc(sim, "=INDEX(A2:A5,MATCH(40,B2:B5,0))")).toBe("Apples");
  });

  test("MATCH with a tilde finds the escaped text itself: A~* is A*, not Ab; ~~C is ~C", async () => {
    const sim = await sheetWith([["Ab"], ["A*"], ["C"], ["~C"]], "A1");
    expect(await calc(sim, '=MATCH("A~*",A1:A4,0)')).toBe(2);
    expect(await calc(sim, '=MATCH("A*",A1:A4,0)')).toBe(1);
    expect(await calc(sim, '=MATCH("~~C",A1:A4,0)')).toBe(4);
  });

  // https://support.microsoft.com/office/rank-eq-function-284858ce-8ef6-450e-b662-26245be04a40
  // https://support.microsoft.com/office/rank-function-6a2fc49d-1831-4a03-9d8c-c279cf99f723
  test("RANK and RANK.EQ (Microsoft's examples), ties share the best rank", async () => {
    const sim = await sheetWith([[7], [3.5], [3.5], [1], [2]], "A2");
    expect(await calc(sim, "=RANK.EQ(A2,A2:A6,1)")).toBe(5);
    expect(await calc(sim, "=RANK.EQ(A6,A2:A6)")).toBe(4);
    expect(await calc(sim, "=RANK.EQ(A3,A2:A6,1)")).toBe(3);
    expect(await calc(sim, "=RANK(A3,A2:A6,1)")).toBe(3);
    expect(await calc(sim, "=RANK(A2,A2:A6,1)")).toBe(5);
    expect(await calc(sim, "=_xlfn.RANK.EQ(A3,A2:A6)")).toBe(2);
    expect(await calc(sim, "=RANK(A4,A2:A6)")).toBe(2); // tie: both 3.5 are rank 2, next is 4
    expect(await calc(sim, "=RANK(99,A2:A6)")).toBe("#N/A");
  });

  // https://support.microsoft.com/office/small-function-17da8222-7c82-42b2-961b-14c45384df07
  // https://support.microsoft.com/office/large-function-3af0af19-1190-42bb-bb8b-01672ec00a64
  test("SMALL and LARGE (Microsoft's examples)", async () => {
    const sim = await sheetWith(
      [
        [3, 1],
        [4, 4],
        [5, 8],
        [2, 3],
        [3, 7],
        [4, 12],
        [6, 54],
        [4, 8],
        [7, 23],
      ],
      "A2",
    );
    expect(await calc(sim, "=SMALL(A2:A10,4)")).toBe(4);
    expect(await calc(sim, "=SMALL(B2:B10,2)")).toBe(3);
    const sim2 = await sheetWith(
      [
        [3, 4],
        [5, 2],
        [3, 4],
        [5, 6],
        [4, 7],
      ],
      "A2",
    );
    expect(await calc(sim2, "=LARGE(A2:B6,3)")).toBe(5);
    expect(await calc(sim2, "=LARGE(A2:B6,7)")).toBe(4);
    expect(await calc(sim2, "=LARGE(A2:B6,11)")).toBe("#NUM!");
  });

  test("TEXT (minimal)", async () => {
    const sim = await sheetWith([]);
    expect(await calc(sim, '=TEXT(0.2857,"0.0%")')).toBe("28.6%");
    expect(await calc(sim, '=TEXT(1234.567,"#,##0.00")')).toBe("1,234.57");
    expect(await calc(sim, '=TEXT(3,"0")')).toBe("3");
  });
});

describe("unsupported or non-portable formulas never give a silently wrong number", () => {
  test("an unknown function is #NAME? in that cell only", async () => {
    const sim = await sheetWith([[1, 2]]);
    expect(await calc(sim, "=FOO(A1)", "C1")).toBe("#NAME?");
    expect(await calc(sim, "=A1+B1", "D1")).toBe(3);
    expect(await calc(sim, "=IFERROR(FOO(1),-1)", "E1")).toBe(-1);
  });

  test("functions excel-sim does not implement are #NAME? (dynamic arrays, LET, newer functions)", async () => {
    const sim = await sheetWith([[1], [2]]);
    for (const f of [
      "=XLOOKUP(1,A1:A2,A1:A2)",
      "=LET(x,1,x)",
      "=FILTER(A1:A2,A1:A2>1)",
      '=MAXIFS(A1:A2,A1:A2,">0")',
      "=RANK.AVG(1,A1:A2)",
    ]) {
      expect(await calc(sim, f)).toBe("#NAME?");
    }
  });

  test("an undefined name is #NAME?", async () => {
    const sim = await sheetWith([]);
    expect(await calc(sim, "=Weights*2")).toBe("#NAME?");
  });

  test("IF inside SUMPRODUCT is not array-evaluated (as Excel without Ctrl+Shift+Enter)", async () => {
    const sim = await sheetWith([[1, 2, 3]]);
    expect(await calc(sim, "=SUMPRODUCT(IF(A1:C1>1,1,0))", "E5")).toBe("#VALUE!");
    expect(await calc(sim, "=SUMPRODUCT(--(A1:C1>1))", "E5")).toBe(2);
  });

  test("a formula with a syntax error or a wrong argument count is rejected (InvalidArgument)", async () => {
    const sim = await sheetWith([]);
    for (const f of ["=1+", "=SUM(1", "=ROUND(1)", "=Table1[Score]"]) {
      const code = await sim
        .run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [[f]];
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked writes / one formula per sync on purpose
          await context.sync();
          return "ok";
        })
        .catch((e) => e.code);
      expect(code).toBe("InvalidArgument");
    }
  });

  test("circular references evaluate to 0 and are reported", async () => {
    const sim = await sheetWith([]);
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1").formulas = [["=B1+1"]];
      s.getRange("B1").formulas = [["=A1"]];
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe(1);
    expect(sim.inspect.circularReferences().length).toBeGreaterThan(0);
  });
});

describe("recalculation, names, sheets", () => {
  test("formulas reflect new inputs after each sync and each user edit", async () => {
    const sim = await sheetWith([[1], [2], [3]]);
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      s.getRange("B1").formulas = [["=SUM(A1:A3)"]];
      s.getRange("B2").formulas = [["=B1*2"]];
      s.getRange("B3").formulas = [["=RANK(A3,A1:A3)"]];
    });
    expect(sim.inspect.values("Sheet1", "B1:B3")).toEqual([[6], [12], [1]]);
    await sim.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1").values = [[10]];
      const r = s.getRange("B1:B3").load("values");
      await context.sync();
      expect(r.values).toEqual([[15], [30], [2]]);
    });
    sim.userEdit("Sheet1", "A2", "100");
    expect(sim.inspect.values("Sheet1", "B1:B3")).toEqual([[113], [226], [3]]);
  });

  test("defined names: add, value, type, case-insensitive uniqueness, formula change", async () => {
    const sim = await sheetWith([[0.5], [0.25], [0.25]]);
    await sim.run(async (context) => {
      const names = context.workbook.names;
      names.add("Weights", "=Sheet1!$A$1:$A$3", "normalized weights");
      names.add("Scale_Max", "=5");
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      names.add("Top", sheet.getRange("A1"));
      await context.sync();
      const w = names.getItem("weights").load("name, formula, type, value, comment");
      const m = names.getItem("Scale_Max").load("type, value");
      const all = names.load("items/name");
      await context.sync();
      expect([w.name, w.formula, w.type, w.value, w.comment]).toEqual([
        "Weights",
        "=Sheet1!$A$1:$A$3",
        "Range",
        "Sheet1!$A$1:$A$3",
        "normalized weights",
      ]);
      expect([m.type, m.value]).toEqual(["Double", 5]);
      expect(all.items.map((n) => n.name)).toEqual(["Weights", "Scale_Max", "Top"]);
      names.add("WEIGHTS", "=1");
      const code = await context.sync().then(
        () => "ok",
        (e) => e.code,
      );
      expect(code).toBe("ItemAlreadyExists");
      sheet.getRange("B1").formulas = [["=SUM(Weights)*Scale_Max+Top"]];
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "B1").value).toBe(5.5);
      names.getItem("Scale_Max").formula = "=10";
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "B1").value).toBe(10.5);
      const r = names.getItem("Weights").getRange().load("address");
      await context.sync();
      expect(r.address).toBe("Sheet1!A1:A3");
    });
  });

  test("renaming a sheet rewrites references; deleting it turns them into #REF!", async () => {
    const sim = createWorkbook({ sheets: ["Scorecard", "Weights Sheet"] });
    await sim.run(async (context) => {
      const w = context.workbook.worksheets.getItem("Weights Sheet");
      w.getRange("A1:A2").values = [[2], [3]];
      context.workbook.names.add("W", "='Weights Sheet'!$A$1:$A$2");
      const s = context.workbook.worksheets.getItem("Scorecard");
      s.getRange("A1").formulas = [["='Weights Sheet'!A1*10"]];
      s.getRange("A2").formulas = [["=SUM(W)"]];
      await context.sync();
      w.name = "Weights";
      await context.sync();
    });
    expect(sim.inspect.cell("Scorecard", "A1")).toMatchObject({ formula: "=Weights!A1*10", value: 20 });
    expect(sim.inspect.names()[0].formula).toBe("=Weights!$A$1:$A$2");
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Weights").delete();
    });
    expect(sim.inspect.cell("Scorecard", "A1")).toMatchObject({ formula: "=#REF!A1*10", value: "#REF!" });
    expect(sim.inspect.cell("Scorecard", "A2").value).toBe("#REF!");
    expect(sim.inspect.names()[0]).toMatchObject({
      formula: "=#REF!$A$1:$A$2",
      type: "Error",
      value: "#REF!",
    });
  });

  test("a reference to a sheet that does not exist is #REF! and resolves once the sheet is added", async () => {
    const sim = await sheetWith([]);
    expect(await calc(sim, "=Later!A1+1", "A1")).toBe("#REF!");
    await sim.run(async (context) => {
      context.workbook.worksheets.add("Later").getRange("A1").values = [[41]];
    });
    expect(sim.inspect.cell("Sheet1", "A1").value).toBe(42);
  });

  test("Manual calculation mode holds results until application.calculate", async () => {
    const sim = await sheetWith([[1]]);
    await sim.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B1").formulas = [["=A1*2"]];
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "B1").value).toBe(2);
      context.workbook.application.calculationMode = "Manual";
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[5]];
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "B1").value).toBe(2);
      context.workbook.application.calculate("Full");
      await context.sync();
      expect(sim.inspect.cell("Sheet1", "B1").value).toBe(10);
      const app = context.workbook.application.load("calculationMode");
      context.workbook.application.suspendApiCalculationUntilNextSync();
      await context.sync();
      expect(app.calculationMode).toBe("Manual");
    });
  });
});

test("exact MATCH of a number over a whole column finds the first occurrence, #N/A when absent", async () => {
  const sim = createWorkbook({ sheets: ["S"] });
  await sim.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("S");
    sheet.getRange("A1:A6").values = [["header"], [3.5], [7], [3.5], ["7"], [-0]];
    sheet.getRange("C1:C4").formulas = [
      ["=MATCH(3.5,A:A,0)"],
      ["=MATCH(7,A:A,0)"],
      ["=MATCH(8,A:A,0)"],
      ["=MATCH(0,A2:A6,0)"],
    ];
    await context.sync();
  });
  expect(sim.inspect.values("S", "C1:C4")).toEqual([[2], [3], ["#N/A"], [5]]);
});

test("COUNTBLANK of a deleted reference gives #REF!, as Excel does (not #VALUE!)", async () => {
  const sim = createWorkbook({ sheets: ["S"] });
  await sim.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("S");
    sheet.getRange("A1:C1").formulas = [["=COUNTBLANK(B5)", "", "=COUNTBLANK(B5)+1"]];
    await context.sync();
    sheet.getRange("B:B").delete("Left");
    await context.sync();
  });
  expect(sim.inspect.formulas("S", "A1:B1")).toEqual([["=COUNTBLANK(#REF!)", "=COUNTBLANK(#REF!)+1"]]);
  expect(sim.inspect.values("S", "A1:B1")).toEqual([["#REF!", "#REF!"]]);
});
