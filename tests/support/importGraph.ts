/**
 * The import graph of the TypeScript sources, for the layout tests (issue 13): the files under a
 * folder, what each imports by relative path, and the cycles among them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** Every .ts and .tsx file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The files a module imports (type-only imports too: a type cycle tangles modules as much). */
export function importsOf(file: string, text: string): string[] {
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
    throw new Error(`${relative(process.cwd(), file)}: cannot resolve the import "${s}"`);
  });
}

/** Strongly connected components with more than one module (or a module importing itself). */
export function importCycles(graph: Map<string, string[]>): string[][] {
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

/** The sources under `root`: the files, their text, and the graph of their imports (paths relative to `root`). */
export function sourceGraph(root: string) {
  const files = sourceFiles(root);
  const texts = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
  const graph = new Map(
    files.map((f) => [relative(root, f), importsOf(f, texts.get(f)!).map((i) => relative(root, i))]),
  );
  /** Files over `max` lines, but those named in `exempt` (relative to `root`). */
  const longerThan = (max: number, exempt: ReadonlySet<string>) =>
    files
      .map((f) => ({ file: relative(root, f), lines: texts.get(f)!.split("\n").length }))
      .filter((x) => x.lines > max && !exempt.has(x.file));
  return { files, texts, graph, longerThan };
}
