/**
 * The task pane's Content-Security-Policy (taskpane.html): the pane may load code only from itself
 * and Office.js from Microsoft's CDN, and talk to nothing else. The browser side of the same rule is
 * tested end to end on the preview (tests/e2e/network.e2e.test.ts), which has the same policy
 * without the CDN.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const OFFICE_CDN = "https://appsforoffice.microsoft.com";
const html = (name: string) => readFileSync(join(__dirname, "..", "..", "src", name), "utf8");

function policyOf(page: string): Map<string, string[]> {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page);
  if (!match) throw new Error("no Content-Security-Policy meta element");
  return new Map(
    match[1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== "")
      .map(([directive, ...sources]) => [directive, sources]),
  );
}

describe("the task pane's Content-Security-Policy", () => {
  const page = html("taskpane/taskpane.html");
  const policy = policyOf(page);

  it("allows scripts and connections only from the add-in itself and Microsoft's Office CDN", () => {
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(["'self'", OFFICE_CDN]);
    expect(policy.get("connect-src")).toEqual(["'self'", OFFICE_CDN]);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
  });

  it("allows inline styles only (Fluent UI and Office.js insert them), never eval or inline scripts", () => {
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    for (const [directive, sources] of policy) {
      if (directive !== "style-src") expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources.some((s) => s.includes("*"))).toBe(false);
    }
    // Every <script> is loaded by src (no inline code): first the add-in's own ES5 bootstrap (which
    // loads the bundle from the same origin), then Office.js, the only script from elsewhere.
    // (Attributes may hold a ">", as the bootstrap's templated data-entry does.)
    const scripts = [...page.matchAll(/<script((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[2].trim())).toEqual(scripts.map(() => ""));
    expect(scripts.map((s) => /src="([^"]+)"/.exec(s[1])?.[1])).toEqual([
      "bootstrap.js",
      `${OFFICE_CDN}/lib/1/hosted/office.js`,
    ]);
  });

  it("the preview allows nothing but itself", () => {
    const preview = policyOf(html("preview/preview.html"));
    for (const directive of ["default-src", "script-src", "connect-src", "worker-src"])
      expect(preview.get(directive)).toEqual(["'self'"]);
  });
});
