/**
 * Reviews gathered outside Excel (src/workbook/team/reviewsCsv.ts): reading the file, and checking each
 * row against a scorecard — new, updated, unchanged or refused with its row, its column and a fix.
 */
import fc from "fast-check";
import { DEFAULT_CRITERIA } from "../../src/scoring";
import {
  isoTime,
  parseReviewsCsv,
  planReviewImport,
  refusedRows,
  type ExistingReview,
  type ReviewTarget,
} from "../../src/workbook/team/reviewsCsv";
import { defaultConfig, errorOf } from "./helpers";

const HEADER = "Reviewer,Agreement ID,Criterion,Score,Rationale,Time";

function target(reviews: ExistingReview[] = [], scale = { min: 1, max: 5 }): ReviewTarget {
  return {
    agreements: [{ id: "NATO" }, { id: "A*" }, { id: "US-JP" }, { id: "" }],
    config: { ...defaultConfig(), scale },
    reviews,
  };
}

const plan = (csv: string, reviews: ExistingReview[] = [], scale?: { min: number; max: number }) =>
  planReviewImport(parseReviewsCsv(csv), target(reviews, scale));

describe("parseReviewsCsv", () => {
  it("reads the columns in any order and case, criterion by name or id, quoted commas and line breaks", () => {
    const csv =
      "score,CRITERION, reviewer ,Agreement ID,Rationale\n" +
      '4,Threat response,Ana,NATO,"quick, and ""credible"""\n' +
      '2.5,strategic_alignment,Bea,nato,"two\nlines"\n';
    const { rows, problems, notices } = parseReviewsCsv(csv);
    expect(problems).toEqual([]);
    expect(notices).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        reviewer: "Ana",
        agreement: "NATO",
        criterion: "Threat response",
        score: "4",
        rationale: 'quick, and "credible"',
        time: null,
      },
      {
        row: 3,
        reviewer: "Bea",
        agreement: "nato",
        criterion: "strategic_alignment",
        score: "2.5",
        rationale: "two\nlines",
        time: null,
      },
    ]);
  });

  it("reads a table pasted from Excel (tabs), and the Reviews sheet's own Criterion ID header", () => {
    const pasted = "Reviewer\tAgreement ID\tCriterion ID\tScore\r\nAna\tNATO\tthreat_response\t3\r\n";
    expect(parseReviewsCsv(pasted).rows).toMatchObject([
      { row: 2, criterion: "threat_response", score: "3" },
    ]);
  });

  it("numbers rows as the file does: blank rows before the header and between rows count", () => {
    const { rows } = parseReviewsCsv(
      `\n,,,\n${HEADER}\nAna,NATO,Threat response,4,,\n\n,,,,,\nBea,NATO,Threat response,2,,\n`,
    );
    expect(rows.map((r) => r.row)).toEqual([4, 7]);
  });

  it("refuses a row with a cell too many or too few, naming it, and keeps the others", () => {
    const { rows, problems } = parseReviewsCsv(
      `${HEADER}\nAna,NATO,Threat response,4,,\nBea,NATO,Threat response,3,a, b,\nCy,NATO\n`,
    );
    expect(rows.map((r) => r.reviewer)).toEqual(["Ana"]);
    expect(problems).toEqual([
      {
        row: 3,
        message: expect.stringMatching(
          /^Row 3 has 7 cells but the header has 6; put cells that contain a comma in double quotes/,
        ),
      },
      {
        row: 4,
        message: expect.stringMatching(/^Row 4 has 2 cells but the header has 6; add the missing cells/),
      },
    ]);
  });

  it("refuses a file it cannot read as a whole: empty, a wrong, missing or doubled header", () => {
    expect(errorOf(() => parseReviewsCsv("\n\n")).message).toBe(
      "The reviews CSV is empty: it needs a header row with Reviewer, Agreement ID, Criterion, Score.",
    );
    const unknown = errorOf(() => parseReviewsCsv("Reviewer,Agreement ID,Criterion,Score,Email\n"));
    expect(unknown.message).toBe(
      'Row 1, column 5 "Email": unknown column. The columns are Reviewer, Agreement ID, Criterion, Score, and optionally Rationale and Time; delete the others.',
    );
    expect([unknown.row, unknown.column]).toEqual([1, "Email"]);
    expect(errorOf(() => parseReviewsCsv("\nReviewer,Agreement ID,Criterion\n")).message).toBe(
      'Row 2: the header has no "Score" column; the columns are Reviewer, Agreement ID, Criterion, Score, and optionally Rationale and Time.',
    );
    expect(
      errorOf(() => parseReviewsCsv("Reviewer,Agreement ID,Criterion,Score,criterion id\n")).message,
    ).toBe('Row 1: columns 3 "Criterion" and 5 "criterion id" are both Criterion; keep one of them.');
    expect(
      errorOf(() => parseReviewsCsv('Reviewer,Agreement ID,Criterion,Score\n"Ana,NATO\n')).message,
    ).toMatch(/^Row 2: the reviews CSV cannot be read \(/);
  });

  it("decodes the bytes as the agreements import does, with a notice for Windows-1252", () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode(`${HEADER}\nRen`),
      0xe9,
      ...new TextEncoder().encode(",NATO,Threat response,4,,\n"),
    ]);
    const { rows, notices } = parseReviewsCsv(bytes);
    expect(rows[0].reviewer).toBe("René");
    expect(notices).toEqual([
      expect.stringMatching(/^The reviews CSV is not UTF-8 \(line 2 has the byte 0xE9/),
    ]);
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x41, 0xd8]);
    expect(errorOf(() => parseReviewsCsv(utf16)).message).toMatch(
      /^The reviews CSV starts with a UTF-16LE byte order mark/,
    );
  });
});

describe("planReviewImport", () => {
  const ANA_NATO: ExistingReview = {
    reviewer: "Ana",
    agreementId: "NATO",
    criterionId: "threat_response",
    score: 4,
    rationale: "Typed by Ana",
  };

  it("sorts rows into new, updated and unchanged, comparing with the reviewer's own review", () => {
    const existing: ExistingReview[] = [
      ANA_NATO,
      { ...ANA_NATO, criterionId: "strategic_alignment", score: 2, rationale: "" },
      { ...ANA_NATO, criterionId: "operational_efficiency", score: null, rationale: "withdrawn" },
      { ...ANA_NATO, reviewer: "Bea", score: 1, rationale: "" },
    ];
    const p = plan(
      `${HEADER}\n` +
        "ana ,nato,Threat response,4,,\n" + // unchanged: blank rationale keeps Ana's
        "Ana,NATO,strategic_alignment,3.5,,2024-05-01T09:30:00Z\n" + // updated score
        "Ana,NATO,Operational efficiency,2,,\n" + // withdrawn before: updated
        "Ana,A*,Threat response,5,new,\n" + // new
        "Cy,US-JP,Capability enhancement,1,,2024-05-01 10:00\n" + // new reviewer
        "Bea,NATO,Threat response,1,Now with a reason,\n", // updated rationale only
      existing,
    );
    expect(p.refused).toEqual([]);
    expect(p.unchanged).toEqual([
      {
        row: 2,
        reviewer: "Ana",
        agreementId: "NATO",
        criterionId: "threat_response",
        score: 4,
        rationale: "Typed by Ana",
        before: { score: 4, rationale: "Typed by Ana" },
      },
    ]);
    expect(
      p.updated.map((r) => [r.row, r.reviewer, r.criterionId, r.before?.score, r.score, r.rationale, r.time]),
    ).toEqual([
      [3, "Ana", "strategic_alignment", 2, 3.5, "", "2024-05-01T09:30:00Z"],
      [4, "Ana", "operational_efficiency", null, 2, "withdrawn", undefined],
      [7, "Bea", "threat_response", 1, 1, "Now with a reason", undefined],
    ]);
    expect(
      p.added.map((r) => [r.row, r.reviewer, r.agreementId, r.criterionId, r.score, r.before, r.time]),
    ).toEqual([
      [5, "Ana", "A*", "threat_response", 5, null, undefined],
      [6, "Cy", "US-JP", "capability_enhancement", 1, null, "2024-05-01T10:00"],
    ]);
  });

  it("a new reviewer written two ways is one reviewer, with the file's first spelling", () => {
    const p = plan(`${HEADER}\nDan,NATO,Threat response,4,,\nDAN ,US-JP,Threat response,2,,\n`);
    expect(p.added.map((r) => r.reviewer)).toEqual(["Dan", "Dan"]);
  });

  it("refuses each bad row with its row number, its column and what would fix it", () => {
    const p = plan(
      `${HEADER}\n` +
        ",NATO,Threat response,4,,\n" +
        "Ana,NATO-2,Threat response,4,,\n" +
        "Ana,,Threat response,4,,\n" +
        "Ana,NATO,Cost,4,,\n" +
        "Ana,NATO,,4,,\n" +
        "Ana,US-JP,Threat response,7,,\n" +
        "Ana,US-JP,Strategic alignment,high,,\n" +
        "Ana,US-JP,Capability enhancement,,,\n" +
        'Ana,US-JP,Operational efficiency,"3,5",,\n' +
        "Ana,A*,Threat response,3,,5/1/2024\n" +
        "Ana,A*,Strategic alignment,3,,2024-02-30\n" +
        "Ana,A*,Capability enhancement,3,,2024-05-01T24:00\n" +
        "Bea,NATO-2,Cost,9,,yesterday\n" +
        "Ana,A*,Operational efficiency,3,fine,2024-05-01\n",
    );
    expect(p.added.map((r) => r.row)).toEqual([15]);
    const criteria =
      "use one of Operational efficiency, Strategic alignment, Capability enhancement, Threat response (by name or id).";
    expect(p.refused).toEqual([
      {
        row: 2,
        column: "Reviewer",
        message: 'Row 2, column "Reviewer": the reviewer is blank; fill in who gave the score.',
      },
      {
        row: 3,
        column: "Agreement ID",
        message:
          'Row 3, column "Agreement ID": agreement "NATO-2" is not in the scorecard; correct the ID, or add the agreement to the scorecard first.',
      },
      {
        row: 4,
        column: "Agreement ID",
        message: `Row 4, column "Agreement ID": the agreement ID is blank; fill in the agreement's ID.`,
      },
      {
        row: 5,
        column: "Criterion",
        message: `Row 5, column "Criterion": "Cost" is not a criterion of the scorecard; ${criteria}`,
      },
      {
        row: 6,
        column: "Criterion",
        message: `Row 6, column "Criterion": the criterion is blank; ${criteria}`,
      },
      {
        row: 7,
        column: "Score",
        message: 'Row 7, column "Score": "7" is not a score on the scale 1–5; enter a number from 1 to 5.',
      },
      {
        row: 8,
        column: "Score",
        message: 'Row 8, column "Score": "high" is not a score on the scale 1–5; enter a number from 1 to 5.',
      },
      {
        row: 9,
        column: "Score",
        message:
          'Row 9, column "Score": the score is blank; enter a number from 1 to 5, or delete the row (an import does not withdraw scores).',
      },
      {
        row: 10,
        column: "Score",
        message:
          'Row 10, column "Score": "3,5" is not a score on the scale 1–5; enter a number from 1 to 5 (write decimals with a point: 3.5).',
      },
      ...[11, 12, 13].map((row) => ({
        row,
        column: "Time",
        message: expect.stringMatching(
          new RegExp(
            `^Row ${row}, column "Time": ".+" is not a date and time this import can read without guessing; write it as ISO 8601`,
          ),
        ),
      })),
      // Every problem of a row, not just the first.
      ...["Agreement ID", "Criterion", "Score", "Time"].map((column) => ({
        row: 14,
        column,
        message: expect.stringMatching(new RegExp(`^Row 14, column "${column}": `)),
      })),
    ]);
    expect(refusedRows(p)).toBe(13);
  });

  it("names the columns as the file's header writes them", () => {
    const p = plan("reviewer,agreement id,criterion id,SCORE\nAna,NATO,threat_response,9\n");
    expect(p.refused[0].message).toMatch(/^Row 2, column "SCORE": "9" is not a score/);
  });

  it("refuses every row of a reviewer × agreement × criterion given twice, naming the other rows", () => {
    const p = plan(
      `${HEADER}\n` +
        "Ana,NATO,Threat response,4,,\n" +
        "Bea,NATO,Threat response,2,,\n" +
        "ana,nato,threat_response,5,,\n" +
        "Ana,US-JP,Threat response,9,,\n" +
        "Ana,NATO,Threat response,4,,\n" +
        "Ana,US-JP,Threat response,3,,\n",
    );
    expect(p.added.map((r) => r.row)).toEqual([3]);
    expect(p.refused.map((r) => r.message)).toEqual([
      'Row 2: the same review (Ana, agreement "NATO", Threat response) is also in rows 4 and 6; keep one of these rows and delete the others.',
      'Row 4: the same review (ana, agreement "nato", threat_response) is also in rows 2 and 6; keep one of these rows and delete the others.',
      'Row 5, column "Score": "9" is not a score on the scale 1–5; enter a number from 1 to 5.',
      'Row 5: the same review (Ana, agreement "US-JP", Threat response) is also in row 7; keep one of these rows and delete the others.',
      'Row 6: the same review (Ana, agreement "NATO", Threat response) is also in rows 2 and 4; keep one of these rows and delete the others.',
      'Row 7: the same review (Ana, agreement "US-JP", Threat response) is also in row 5; keep one of these rows and delete the others.',
    ]);
  });

  it("checks scores against the scorecard's scale", () => {
    const p = plan(`${HEADER}\nAna,NATO,Threat response,0,,\nAna,US-JP,Threat response,10,,\n`, [], {
      min: 0,
      max: 10,
    });
    expect(p.added.map((r) => r.score)).toEqual([0, 10]);
    expect(plan(`${HEADER}\nAna,NATO,Threat response,0,,\n`).refused).toHaveLength(1);
  });

  it("refuses a rationale or a reviewer name longer than a cell holds, row by row", () => {
    const p = plan(
      `${HEADER}\nAna,NATO,Threat response,4,${"x".repeat(32_768)},\n${"A".repeat(40_000)},NATO,Threat response,4,,\nBea,NATO,Threat response,4,,\n`,
    );
    expect(p.added.map((r) => r.reviewer)).toEqual(["Bea"]);
    expect(p.refused).toEqual([
      {
        row: 2,
        column: "Rationale",
        message:
          'Row 2, column "Rationale": the rationale has 32,768 characters, more than a cell holds (32,767); shorten it by 1.',
      },
      {
        row: 3,
        column: "Reviewer",
        message:
          'Row 3, column "Reviewer": the reviewer name has 40,000 characters, more than a cell holds (32,767); shorten it by 7,233.',
      },
    ]);
  });

  it("property: every data row is in exactly one of added, updated, unchanged or refused", () => {
    const ids = ["NATO", "A*", "US-JP", "X"];
    const names = [...DEFAULT_CRITERIA.map((c) => c.name), "Cost"];
    const cell = fc.record({
      reviewer: fc.constantFrom("Ana", "bea", "", "Cy"),
      agreement: fc.constantFrom(...ids),
      criterion: fc.constantFrom(...names),
      score: fc.constantFrom("1", "2.5", "5", "0", "x", ""),
    });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), (cells) => {
        const csv = [
          HEADER,
          ...cells.map((c) => `${c.reviewer},${c.agreement},${c.criterion},${c.score},,`),
        ].join("\n");
        const p = plan(csv, [{ ...ANA_NATO, score: 2.5 }]);
        const placed = [...p.added, ...p.updated, ...p.unchanged].map((r) => r.row);
        const refused = new Set(p.refused.map((r) => r.row));
        expect(placed.filter((row) => refused.has(row))).toEqual([]);
        expect(new Set(placed).size).toBe(placed.length);
        expect([...placed, ...refused].sort((a, b) => a - b)).toEqual(cells.map((_, i) => i + 2));
      }),
    );
  });
});

describe("isoTime", () => {
  it("takes ISO 8601 dates and times, with or without zone, seconds or T", () => {
    expect(isoTime("2024-05-01")).toBe("2024-05-01");
    expect(isoTime(" 2024-05-01 14:30 ")).toBe("2024-05-01T14:30");
    expect(isoTime("2024-02-29T23:59:59.123+02:00")).toBe("2024-02-29T23:59:59.123+02:00");
    expect(isoTime("2024-05-01T14:30:00Z")).toBe("2024-05-01T14:30:00Z");
  });

  it("refuses days that do not exist and dates written in a local order", () => {
    for (const text of [
      "2023-02-29",
      "2024-04-31",
      "2024-13-01",
      "2024-00-10",
      "2024-05-01T24:00",
      "2024-05-01T12:60",
      "5/1/2024",
      "01.05.2024",
      "May 1, 2024",
      "",
    ])
      expect(isoTime(text)).toBeNull();
  });
});
