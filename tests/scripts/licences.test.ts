/**
 * The licence check that `npm test` runs over the production tree (scripts/check-licences.ts):
 * its reading of SPDX expressions, a lock file with a bad package, and the project's own lock.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { isPermissive, refusedLicences } from "../../scripts/check-licences";

describe("isPermissive", () => {
  test.each(["MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "0BSD", "BlueOak-1.0.0", "(MIT AND Zlib)"])(
    "%s is permissive",
    (licence) => expect(isPermissive(licence)).toBe(true),
  );

  test("a choice is permissive when one branch is: (MIT OR GPL-3.0-or-later)", () => {
    expect(isPermissive("(MIT OR GPL-3.0-or-later)")).toBe(true);
    expect(isPermissive("(GPL-3.0-or-later OR Apache-2.0 AND MIT)")).toBe(true);
  });

  test.each([
    "GPL-3.0",
    "GPL-3.0-or-later",
    "(MIT AND GPL-3.0)",
    "AGPL-3.0",
    "SEE LICENSE IN LICENSE.md",
    "",
    undefined,
  ])("%p is not", (licence) => expect(isPermissive(licence)).toBe(false));
});

describe("refusedLicences", () => {
  test("names each production package with a missing or copyleft licence, and leaves development tools out", () => {
    const lock = {
      packages: {
        "": { version: "0.1.0", license: "MIT" },
        "node_modules/fine": { version: "1.0.0", license: "MIT" },
        "node_modules/buffers": { version: "0.1.1" },
        "node_modules/a/node_modules/hyperformula": { version: "3.0.0", license: "GPL-3.0-only" },
        "node_modules/dev-tool": { version: "2.0.0", license: "GPL-3.0-only", dev: true },
      },
    };
    expect(refusedLicences(lock)).toEqual([
      "buffers@0.1.1: no licence given",
      'hyperformula@3.0.0: "GPL-3.0-only" is not a permissive licence',
    ]);
  });

  test("the project's lock file has none", () => {
    const lock = JSON.parse(readFileSync(join(__dirname, "..", "..", "package-lock.json"), "utf8"));
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
    expect(refusedLicences(lock)).toEqual([]);
  });
});
