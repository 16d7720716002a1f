/**
 * `npm run licences`: the README promises that what ships — the add-in, and the command line —
 * uses only permissively licensed packages. This checks every package of the production tree as
 * package-lock.json pins it (what `npm ci` installs; development tools are left out) and exits 1
 * naming each package whose licence is missing or not on the list below.
 *
 * A licence is an SPDX expression: `(MIT OR GPL-3.0-or-later)` passes since we may take MIT,
 * `(MIT AND Zlib)` passes since both are permissive, `GPL-3.0` alone fails.
 */
import { readFileSync } from "fs";
import { join, resolve } from "path";

/** Permissive licences, by SPDX identifier (and the spellings packages use for them). */
export const PERMISSIVE: ReadonlySet<string> = new Set([
  "MIT",
  "MIT/X11",
  "ISC",
  "Apache-2.0",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "0BSD",
  "Zlib",
  "BlueOak-1.0.0",
  "Unlicense",
  "CC0-1.0",
]);

/** Whether an SPDX expression can be met with permissive licences only. Blank is not. */
export function isPermissive(expression: string | undefined): boolean {
  const text = (expression ?? "").trim();
  if (text === "") return false;
  // OR binds looser than AND (SPDX 2.3, annex D); the parentheses npm writes group the whole.
  const bare = text.replace(/^\((.*)\)$/, "$1");
  return bare
    .split(/\s+OR\s+/)
    .some((choice) =>
      choice.split(/\s+AND\s+/).every((id) => PERMISSIVE.has(id.replace(/[()]/g, "").trim())),
    );
}

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
}

/** The production packages of a lock file (lockfileVersion 2 or 3) whose licence is not permissive. */
export function refusedLicences(lock: { packages: Record<string, LockEntry> }): string[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== "" && !entry.dev && !isPermissive(entry.license))
    .map(
      ([path, entry]) =>
        `${path.replace(/^.*node_modules\//, "")}@${entry.version ?? "?"}: ${entry.license ? `"${entry.license}" is not a permissive licence` : "no licence given"}`,
    );
}

if (require.main === module) {
  const lock = JSON.parse(readFileSync(join(resolve(__dirname, ".."), "package-lock.json"), "utf8"));
  const refused = refusedLicences(lock);
  const count = Object.keys(lock.packages).filter((p) => p !== "" && !lock.packages[p].dev).length;
  if (refused.length > 0) {
    console.error(
      `These production dependencies are not permissively licensed:\n  ${refused.join("\n  ")}\nReplace them, or pin a version that is (package.json "overrides").`,
    );
    process.exit(1);
  }
  console.log(`Licences: all ${count} production packages are permissively licensed.`);
}
