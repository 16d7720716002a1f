/**
 * The shape of src/excel-sim that the README promises (issue 13): no import cycle outside api/
 * (whose cycle mirrors Office's object graph), no file over 600 lines but the formula function
 * table, and no mutable module-level state (a `let` at the top of a module).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "../../src/excel-sim");
const MAX_LINES = 600;
/** The function library: a table of functions, one entry each, exempt from the size limit. */
const EXEMPT_FROM_SIZE = new Set(["formula/functions.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The files a module imports (type-only imports too: a type cycle tangles modules as much). */
function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"';]*?from\s+"(\.[^"]+)"/g)].map(
    (m) => m[1],
  );
  const dynamic = [...text.matchAll(/import\(\s*"(\.[^"]+)"\s*\)/g)].map((m) => m[1]);
  return [...specifiers, ...dynamic].map((s) => {
    const base = resolve(dirname(file), s);
    for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not this one
      }
    }
    throw new Error(`${relative(ROOT, file)}: cannot resolve the import "${s}"`);
  });
}

/** Strongly connected components with more than one module (or a module importing itself). */
function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const files = sourceFiles(ROOT);
const texts = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
const graph = new Map(
  files.map((f) => [relative(ROOT, f), importsOf(f, texts.get(f)!).map((i) => relative(ROOT, i))]),
);

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
    const large = files
      .map((f) => ({ file: relative(ROOT, f), lines: texts.get(f)!.split("\n").length }))
      .filter((x) => x.lines > MAX_LINES && !EXEMPT_FROM_SIZE.has(x.file));
    expect(large).toEqual([]);
  });

  it("keeps no mutable state at module level", () => {
    const withLet = files
      .filter((f) => /^(export )?(let|var) /m.test(texts.get(f)!))
      .map((f) => relative(ROOT, f));
    expect(withLet).toEqual([]);
  });
});
