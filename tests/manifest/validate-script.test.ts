/**
 * `npm run validate` (scripts/validate-manifest.ts): online through office-addin-manifest where
 * Microsoft's service answers, otherwise the offline schemas, saying which. The script itself is
 * run as `npm run validate` runs it, in a child process whose network is cut off
 * (support/no-network.js), so the service is unreachable whatever the machine's network; the
 * choices between the service's answers are checked with a stand-in for the service.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validate, validateOnline, type ServiceValidation } from "../../scripts/validate-manifest";

const root = join(__dirname, "..", "..");
const manifestPath = join(root, "manifest.xml");

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    TS_NODE_PROJECT: "bench/tsconfig.json",
    MANIFEST_VALIDATE_OFFLINE: "",
    MANIFEST_VALIDATE_TIMEOUT_MS: "30000",
  };
  const node = [
    "-r",
    join(__dirname, "support", "no-network.js"),
    "-r",
    "ts-node/register/transpile-only",
    "scripts/validate-manifest.ts",
    ...args,
  ];
  return new Promise((done) =>
    execFile(process.execPath, node, { cwd: root, env }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe("npm run validate, with Microsoft's validation service unreachable", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "scorecard-validate-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("falls back to the offline schemas, says so, and reports the manifest valid", async () => {
    const { code, stdout, stderr } = await runScript([]);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/online validation service could not be used \(.*ENOTFOUND/);
    expect(stdout).toMatch(/Validated offline against the XML schemas in .*office-addin-manifest/);
    expect(stdout).toMatch(/manifest\.xml: the manifest is valid\./);
    expect(code).toBe(0);
  }, 60_000);

  it("fails on a broken manifest, naming what is wrong", async () => {
    const broken = join(dir, "broken.xml");
    writeFileSync(
      broken,
      readFileSync(manifestPath, "utf8").replace(
        "<Permissions>ReadWriteDocument</Permissions>",
        "<Permissions>Everything</Permissions>",
      ),
    );
    const { code, stdout, stderr } = await runScript([broken]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/Validated offline/);
    expect(stderr).toMatch(/Permissions.*'Everything'/);
    expect(stderr).toMatch(/broken\.xml: the manifest is NOT valid\./);
  }, 60_000);

  it("fails with a message on a file that is not there", async () => {
    const { code, stderr } = await runScript([join(dir, "missing.xml")]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Could not validate .*missing\.xml: .*no such file/);
  }, 60_000);
});

describe("the service's answers", () => {
  const service = (answer: ServiceValidation | Error | "hang") => async (): Promise<ServiceValidation> => {
    if (answer === "hang") return new Promise(() => undefined);
    if (answer instanceof Error) throw answer;
    return answer;
  };

  it("a manifest the service accepts is valid online, and no offline check runs", async () => {
    const outcome = await validate(manifestPath, {
      validator: service({ isValid: true, status: 200, report: { status: "Accepted", errors: [] } }),
    });
    expect(outcome).toMatchObject({ by: "online", valid: true });
    expect(outcome.lines[0]).toMatch(/Validated online/);
  });

  it("a manifest the service rejects stays rejected (no offline second opinion), with its errors", async () => {
    const outcome = await validate(manifestPath, {
      validator: service({
        isValid: false,
        status: 200,
        report: { status: "Rejected", errors: [{ title: "Invalid URL", content: "localhost", line: 14 }] },
      }),
    });
    expect(outcome).toMatchObject({
      by: "online",
      valid: false,
      errors: ["Invalid URL (line 14): localhost"],
    });
  });

  it.each([
    [
      "an error status (e.g. a proxy's page)",
      service({ isValid: false, status: 502, statusText: "Bad Gateway" }),
    ],
    ["a thrown network error", service(new Error("Unable to contact the manifest validation service."))],
    ["an unreadable answer", service({ isValid: false, status: 200 })],
  ])("%s means no verdict, and the offline schemas decide", async (_what, validator) => {
    const answer = await validateOnline(manifestPath, validator);
    expect(answer.kind).toBe("unavailable");
    const outcome = await validate(manifestPath, { validator });
    expect(outcome).toMatchObject({ by: "offline", valid: true });
  });

  it("no answer within the timeout means no verdict", async () => {
    expect(await validateOnline(manifestPath, service("hang"), 50)).toEqual({
      kind: "unavailable",
      reason: "no answer within 0.05 s",
    });
  });
});
