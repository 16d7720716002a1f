import { importCsv, importJson, ImportError } from "../../src/workbook/import";

const header =
  "ID,Agreement,Type,Parties,Signed,Operational efficiency,strategic_alignment,Capability enhancement,Threat response,Notes";

function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error("expected an ImportError");
}

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
