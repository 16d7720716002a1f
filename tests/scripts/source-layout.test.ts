/**
 * The shape of src/ that issue 13 asked for and the READMEs promise: no import cycle outside
 * excel-sim's api/ (whose cycle mirrors Office's object graph, src/excel-sim/README.md), and no file
 * over 600 lines but excel-sim's formula function table. excel-sim's own rules are in
 * tests/excel-sim/layout.test.ts.
 */
import { resolve } from "node:path";
import { importCycles, sourceGraph } from "../support/importGraph";

const ROOT = resolve(__dirname, "../../src");
const MAX_LINES = 600;
const EXEMPT_FROM_SIZE = new Set(["excel-sim/formula/functions.ts"]);

const { graph, longerThan } = sourceGraph(ROOT);

describe("source layout", () => {
  it("reads every layer's imports (the graph is not empty, and the layers import each other)", () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get("workbook/index.ts")!.length).toBeGreaterThan(20);
    expect(graph.get("taskpane/state/store.ts")).toEqual(expect.arrayContaining(["workbook/index.ts"]));
  });

  it("has no import cycle outside excel-sim's api/", () => {
    const outside = importCycles(graph).filter((c) => c.some((f) => !f.startsWith("excel-sim/api/")));
    expect(outside).toEqual([]);
  });

  it(`has no file over ${MAX_LINES} lines but excel-sim's function table`, () => {
    expect(longerThan(MAX_LINES, EXEMPT_FROM_SIZE)).toEqual([]);
  });

  it("keeps the scoring model apart: src/scoring imports nothing outside itself", () => {
    const leaving = [...graph]
      .filter(([file]) => file.startsWith("scoring/"))
      .flatMap(([file, imports]) =>
        imports.filter((i) => !i.startsWith("scoring/")).map((i) => `${file} → ${i}`),
      );
    expect(leaving).toEqual([]);
  });
});
