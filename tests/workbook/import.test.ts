import fc from "fast-check";
import { decodeWindows1252, firstInvalidUtf8 } from "../../src/workbook/lists/encoding";
import { importCsv, importJson } from "../../src/workbook/agreements/import";
import { errorOf } from "./helpers";

const header =
  "ID,Agreement,Type,Parties,Signed,Operational efficiency,strategic_alignment,Capability enhancement,Threat response,Notes";

describe("importCsv", () => {
  it("reads agreements, criterion columns by name or id, blanks as missing, quoted commas", () => {
    const csv = `${header}\nNATO,North Atlantic Treaty,Multilateral,"US, UK, FR",1949,4.5,4,,5,"said ""yes"""\nUS-JP,US–Japan,Bilateral,,1960,3,3,3,3,\n`;
    const { config, agreements = [] } = importCsv(csv, {
      weights: { "Threat response": 2 },
      missingPolicy: "renormalize",
    });
    expect(config.criteria.map((c) => c.weight)).toEqual([1, 1, 1, 2]);
    expect(config.missingPolicy).toBe("renormalize");
    expect(agreements[0]).toEqual({
      id: "NATO",
      name: "North Atlantic Treaty",
      type: "Multilateral",
      parties: "US, UK, FR",
      signed: 1949,
      scores: {
        operational_efficiency: 4.5,
        strategic_alignment: 4,
        capability_enhancement: null,
        threat_response: 5,
      },
      notes: 'said "yes"',
    });
    expect(agreements[1].scores.threat_response).toBe(3);
  });

  it("names the row and column of an unknown column, text or off-scale score, and a duplicate ID", () => {
    expect(errorOf(() => importCsv("ID,Agreement,Cost\nA,B,1")).message).toMatch(
      /Row 1, column 3 "Cost": unknown column/,
    );
    const text = errorOf(() => importCsv(`${header}\nA,B,,,,high,1,1,1,`));
    expect([text.row, text.column]).toEqual([2, "Operational efficiency"]);
    expect(text.message).toMatch(
      /Row 2, column "Operational efficiency": "high" is not a score on the scale 1–5/,
    );
    expect(errorOf(() => importCsv(`${header}\nA,B,,,,1,1,1,7,`)).message).toMatch(
      /Row 2, column "Threat response": "7"/,
    );
    expect(errorOf(() => importCsv(`${header}\nA,B,,,,1,1,1,1,\na,C,,,,1,1,1,1,`)).message).toMatch(
      /Row 3, column "ID": ID "a" is already used in row 2/,
    );
    expect(errorOf(() => importCsv("Agreement\nx")).message).toMatch(/no "ID" column/);
    expect(errorOf(() => importCsv(`${header}\nA,B`, { scale: { min: 5, max: 1 } })).message).toMatch(
      /scale/i,
    );
    expect(errorOf(() => importCsv(header, { weights: { cost: 1 } })).message).toMatch(
      /unknown criterion "cost"/,
    );
  });
});

describe("importJson", () => {
  it("reads custom criteria, a 0–10 scale and scores keyed by name or id", () => {
    const json = JSON.stringify({
      scale: { min: 0, max: 10 },
      criteria: [{ name: "Interoperability", weight: 3 }, { name: "Threat response" }],
      agreements: [{ id: "A1", name: "Alpha", scores: { interoperability: 7, "Threat response": 10 } }],
    });
    const { config, agreements = [] } = importJson(json);
    expect(config.criteria.map((c) => [c.id, c.weight])).toEqual([
      ["interoperability", 3],
      ["threat_response", 1],
    ]);
    expect(config.scale).toEqual({ min: 0, max: 10 });
    expect(agreements[0].scores).toEqual({ interoperability: 7, threat_response: 10 });
  });

  it("names the agreement and key of a bad score and rejects an unknown criterion", () => {
    const bad = JSON.stringify({
      agreements: [{ id: "A1", name: "x", scores: { threat_response: "lots" } }],
    });
    expect(errorOf(() => importJson(bad)).message).toMatch(
      /agreements\[0\] \(ID "A1"\), scores."threat_response": "lots"/,
    );
    const unknown = JSON.stringify({ agreements: [{ id: "A1", scores: { cost: 1 } }] });
    expect(errorOf(() => importJson(unknown)).message).toMatch(/scores."cost": unknown criterion/);
    expect(errorOf(() => importJson("{")).message).toMatch(/cannot be read/);
    expect(errorOf(() => importJson("{}")).message).toMatch(/"agreements" array/);
  });
});

/** Bytes as written, byte for byte: ASCII text, or numbers for the bytes that are not ASCII. */
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((ch) => ch.charCodeAt(0)) : p)));

const ROW_END = ",Multilateral,,1958,3,3,3,3,\r\n";
/** "Défense – Øresund €" in Windows-1252, as Excel for Windows saves "CSV (Comma delimited)". */
const CP1252_NAME = [0x44, 0xe9, 0x66, 0x65, 0x6e, 0x73, 0x65, 0x20, 0x96, 0x20, 0xd8, 0x72, 0x65, 0x73];
const CP1252_NAME_END = [0x75, 0x6e, 0x64, 0x20, 0x80];
/** The same text in UTF-8. */
const UTF8_NAME = [...new TextEncoder().encode("Défense – Øresund €")];
const CP1252_NOTICE =
  'The CSV is not UTF-8 (line 2 has the byte 0xE9, which UTF-8 does not allow there), so it was read as Windows-1252, the encoding Excel for Windows uses for "CSV (Comma delimited)". If accented letters or symbols look wrong, save the list from Excel as "CSV UTF-8 (Comma delimited)" and import it again.';

describe("importCsv: the encoding of the file's bytes", () => {
  it("reads UTF-8 with or without a byte order mark, with no notice", () => {
    for (const bom of [[], [0xef, 0xbb, 0xbf]]) {
      const result = importCsv(bytes(bom, `${header}\r\n`, "DO,", UTF8_NAME, ROW_END));
      expect(result.agreements?.map((a) => [a.id, a.name])).toEqual([["DO", "Défense – Øresund €"]]);
      expect(result.notices).toEqual([]);
    }
  });

  it("reads Windows-1252 (Excel for Windows' CSV) byte for byte, and says which line made it assume that encoding", () => {
    const result = importCsv(bytes(`${header}\r\n`, "DO,", CP1252_NAME, CP1252_NAME_END, ROW_END));
    expect(result.agreements?.map((a) => [a.id, a.name])).toEqual([["DO", "Défense – Øresund €"]]);
    expect(result.notices).toEqual([CP1252_NOTICE]);
    // Also in the header, and the notice names the first line that is not UTF-8.
    const accented = importCsv(
      bytes("ID,Agreement,Threat response,Notes\r\nA,Alpha,2,ok\r\nB,Beta,3,", [0xe0, 0x20, 0x80], "\r\n"),
    );
    expect(accented.agreements?.map((a) => a.notes)).toEqual(["ok", "à €"]);
    expect(accented.notices[0]).toMatch(/^The CSV is not UTF-8 \(line 3 has the byte 0xE0, /);
  });

  it("reads UTF-16 with a byte order mark, and refuses a UTF-16 byte order mark on bytes that are not UTF-16", () => {
    const text = `${header}\r\nDO,Défense – Øresund €${ROW_END}`;
    const le = [0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])];
    const be = [0xfe, 0xff, ...[...text].flatMap((ch) => [ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff])];
    for (const encoded of [le, be]) {
      const result = importCsv(Uint8Array.from(encoded));
      expect(result.agreements?.map((a) => a.name)).toEqual(["Défense – Øresund €"]);
      expect(result.notices).toEqual([]);
    }
    expect(errorOf(() => importCsv(Uint8Array.from([0xff, 0xfe, 0x49, 0x00, 0x44]))).message).toBe(
      'The CSV starts with a UTF-16LE byte order mark but is not valid UTF-16LE text; save it from Excel as "CSV UTF-8 (Comma delimited)".',
    );
  });

  it("decodes every Windows-1252 byte as the Encoding Standard says (Node's TextDecoder does not for 0x80–0x9F)", () => {
    const high = Array.from({ length: 0x20 }, (_, k) => 0x80 + k);
    expect(decodeWindows1252(Uint8Array.from(high))).toBe(
      "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ",
    );
    const rest = Array.from({ length: 0x100 }, (_, b) => b).filter((b) => b < 0x80 || b > 0x9f);
    expect(decodeWindows1252(Uint8Array.from(rest))).toBe(String.fromCharCode(...rest));
  });

  it("firstInvalidUtf8 agrees with a fatal UTF-8 TextDecoder on any bytes, and finds the first bad byte", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 12 }),
          fc.string({ unit: "binary" }).map((s) => new TextEncoder().encode(s)),
        ),
        (b) => {
          expect(firstInvalidUtf8(b) < 0).toBe(valid(b));
        },
      ),
      { numRuns: 2000 },
    );
    // Overlong, surrogate, above U+10FFFF, cut short, a lone continuation byte.
    expect(
      [
        [0xc0, 0x80],
        [0x61, 0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0x61, 0x62, 0xe2, 0x82],
        [0x80],
      ].map((b) => firstInvalidUtf8(Uint8Array.from(b))),
    ).toEqual([0, 1, 0, 2, 0]);
    expect(firstInvalidUtf8(new TextEncoder().encode("Øresund €𝄞"))).toBe(-1);
  });
});

describe("importCsv: rows and columns that do not line up", () => {
  const row = (id: string) => `${id},Name of ${id},,,,1,2,3,4,`;

  it("refuses a row with fewer cells than the header, naming the row and what to do", () => {
    const error = errorOf(() => importCsv([header, row("A"), row("B"), "C,Gamma,,,2,3,4"].join("\n")));
    expect(error.row).toBe(4);
    expect(error.message).toBe(
      "Row 4 has 7 cells but the header has 10; add the missing cells (empty ones are fine: ,,), and put cells that contain a comma or a line break in double quotes.",
    );
    // A line break in an unquoted cell splits a row in two.
    expect(errorOf(() => importCsv(`${header}\nA,Alpha,,,,1,2,3,4,first line\nsecond line`)).message).toMatch(
      /^Row 3 has 1 cell but the header has 10; /,
    );
  });

  it("refuses a row with more cells than the header, naming the row and what to do", () => {
    const error = errorOf(() =>
      importCsv([header, row("A"), "B,Beta,Bilateral,US, UK,1950,1,2,3,4,"].join("\n")),
    );
    expect(error.row).toBe(3);
    expect(error.message).toBe(
      "Row 3 has 11 cells but the header has 10; put cells that contain a comma in double quotes, or remove the extra cells.",
    );
  });

  it("skips blank lines and rows of empty cells (as Excel writes them) anywhere, keeping the file's row numbers", () => {
    const csv = `\n${header}\n${row("A")}\n\n,,,,,,,,,\n${row("B")}\n  \n,,,,,,,,,\r\n\n`;
    expect(importCsv(csv).agreements?.map((a) => a.id)).toEqual(["A", "B"]);
    expect(errorOf(() => importCsv(`${header}\n${row("A")}\n\n,,,,,,,,,\n${row("a")}\n`)).message).toBe(
      'Row 5, column "ID": ID "a" is already used in row 2; IDs must be unique.',
    );
    expect(errorOf(() => importCsv(`\n\n${header.replace("Notes", "Cost")}\n`)).message).toMatch(
      /^Row 3, column 10 "Cost": unknown column/,
    );
  });

  it("refuses a criterion given twice, by name and by id or by the same header, naming both columns", () => {
    const byNameAndId = errorOf(() =>
      importCsv("ID,Agreement,Threat response,Notes,threat_response\nA,Alpha,3,,4\n"),
    );
    expect([byNameAndId.row, byNameAndId.column]).toEqual([1, "threat_response"]);
    expect(byNameAndId.message).toBe(
      'Row 1: columns 3 "Threat response" and 5 "threat_response" are both the criterion "Threat response"; keep one of them and delete the other, so that no value is read twice or lost.',
    );
    expect(errorOf(() => importCsv("ID,Agreement,Strategic alignment,strategic alignment\n")).message).toBe(
      'Row 1: columns 3 "Strategic alignment" and 4 "strategic alignment" are both the criterion "Strategic alignment"; keep one of them and delete the other, so that no value is read twice or lost.',
    );
    expect(errorOf(() => importCsv("ID,Agreement,Notes,Type,notes\n")).message).toBe(
      'Row 1: columns 3 "Notes" and 5 "notes" are both the Notes column; keep one of them and delete the other, so that no value is read twice or lost.',
    );
  });
});

describe("importJson: bytes", () => {
  it("reads UTF-8 bytes, with or without a byte order mark, and refuses bytes that are not UTF-8, naming the line", () => {
    const json = (name: number[]) => bytes('{"agreements": [\n  {"id": "DO", "name": "', name, '"}\n]}');
    for (const bom of [[], [0xef, 0xbb, 0xbf]]) {
      const { agreements, notices } = importJson(Uint8Array.from([...bom, ...json(UTF8_NAME)]));
      expect(agreements?.[0].name).toBe("Défense – Øresund €");
      expect(notices).toEqual([]);
    }
    expect(errorOf(() => importJson(json([...CP1252_NAME, ...CP1252_NAME_END]))).message).toBe(
      "The JSON is not UTF-8 (line 2 has the byte 0xE9, which UTF-8 does not allow there); JSON files are UTF-8: save it as UTF-8 and import it again.",
    );
  });
});
