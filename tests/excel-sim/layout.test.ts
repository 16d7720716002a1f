/**
 * The shape of src/excel-sim that the README promises (issue 13): no import cycle outside api/
 * (whose cycle mirrors Office's object graph), no file over 600 lines but the formula function
 * table, and no mutable module-level state (a `let` at the top of a module).
 */
import { relative, resolve } from "node:path";
import { importCycles, sourceGraph } from "../support/importGraph";

const ROOT = resolve(__dirname, "../../src/excel-sim");
const MAX_LINES = 600;
/** The function library: a table of functions, one entry each, exempt from the size limit. */
const EXEMPT_FROM_SIZE = new Set(["formula/functions.ts"]);

const { files, texts, graph, longerThan } = sourceGraph(ROOT);

describe("excel-sim layout", () => {
  it("finds cycles, including api/'s (Range ↔ Worksheet mirrors Office's object graph)", () => {
    expect(
      importCycles(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
          ["d", ["a"]],
        ]),
      ),
    ).toEqual([["a", "b", "c"]]);
    expect(
      importCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
    const api = importCycles(graph).find((c) => c.includes("api/range.ts"));
    expect(api).toEqual(expect.arrayContaining(["api/range.ts", "api/worksheet.ts"]));
  });

  it("has no import cycle outside api/", () => {
    const outside = importCycles(graph).filter((c) => c.some((f) => !f.startsWith("api/")));
    expect(outside).toEqual([]);
  });

  it(`has no file over ${MAX_LINES} lines but the function table`, () => {
    expect(longerThan(MAX_LINES, EXEMPT_FROM_SIZE)).toEqual([]);
  });

  it("keeps no mutable state at module level", () => {
    const withLet = files
      .filter((f) => /^(export )?(let|var) /m.test(texts.get(f)!))
      .map((f) => relative(ROOT, f));
    expect(withLet).toEqual([]);
  });
});
