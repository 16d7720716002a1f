/**
 * `npm run validate [-- manifest.xml] [--offline]`: validates the add-in manifest.
 *
 * Online first, as Office add-in projects conventionally do (`office-addin-manifest validate`, which
 * posts the manifest to Microsoft's validation service). Where that service cannot be reached (no
 * network, a firewall, no answer within MANIFEST_VALIDATE_TIMEOUT_MS, an error page from a proxy),
 * it falls back to the offline XML schemas in ../shared/schemas/office-addin-manifest (or
 * MANIFEST_SCHEMA_DIR), the same check `npm test` makes, and says so. A manifest the service
 * rejects is never re-checked offline: the stricter verdict stands. `--offline` (or
 * MANIFEST_VALIDATE_OFFLINE=1) skips the service. Exit code 0 for a valid manifest, 1 otherwise.
 */
import { readFileSync, readdirSync } from "fs";
import { join, resolve } from "path";
import { validateXML } from "xmllint-wasm";

const ROOT = resolve(__dirname, "..");

export function schemaDir(): string {
  return process.env.MANIFEST_SCHEMA_DIR ?? join(ROOT, "..", "shared", "schemas", "office-addin-manifest");
}

export interface Verdict {
  valid: boolean;
  errors: string[];
}

/** Validates manifest XML against the offline OfficeApp 1.1 schemas (xmllint compiled to wasm). */
export async function validateOffline(xml: string, dir = schemaDir()): Promise<Verdict> {
  const entry = "OfficeAppManifestV1_1.xsd";
  const schemas = readdirSync(dir).filter((f) => f.endsWith(".xsd"));
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [{ fileName: entry, contents: readFileSync(join(dir, entry), "utf8") }],
    preload: schemas
      .filter((f) => f !== entry)
      .map((f) => ({ fileName: f, contents: readFileSync(join(dir, f), "utf8") })),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage.trim()) };
}

/** What the online service said: a verdict, or why there is none. */
export type OnlineAnswer = ({ kind: "verdict" } & Verdict) | { kind: "unavailable"; reason: string };

/** The subset of office-addin-manifest's ManifestValidation read here. */
export interface ServiceValidation {
  isValid: boolean;
  status?: number;
  statusText?: string;
  report?: { status?: string; errors?: { title?: string; content?: string; line?: number }[] };
}

export type OnlineValidator = (manifestPath: string) => Promise<ServiceValidation>;

const serviceValidator: OnlineValidator = async (manifestPath) =>
  // Loaded only when used: `--offline` never touches the module (nor its network code).
  (await import("office-addin-manifest")).validateManifest(manifestPath);

/** Asks the service, turning every way of not getting a verdict into "unavailable". */
export async function validateOnline(
  manifestPath: string,
  validator: OnlineValidator = serviceValidator,
  timeoutMs = Number(process.env.MANIFEST_VALIDATE_TIMEOUT_MS ?? 20_000),
): Promise<OnlineAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<OnlineAnswer>((done) => {
    timer = setTimeout(
      () => done({ kind: "unavailable", reason: `no answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    timer.unref();
  });
  const ask = (async (): Promise<OnlineAnswer> => {
    try {
      const v = await validator(manifestPath);
      if (v.status !== undefined && v.status !== 200)
        return {
          kind: "unavailable",
          reason: `the service answered ${v.status} ${v.statusText ?? ""}`.trim(),
        };
      if (!v.report) return { kind: "unavailable", reason: "the service's answer could not be read" };
      const errors = (v.report.errors ?? []).map(
        (e) => `${e.title ?? "Error"}${e.line ? ` (line ${e.line})` : ""}: ${e.content ?? ""}`,
      );
      return { kind: "verdict", valid: v.isValid, errors };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { kind: "unavailable", reason: message.split("\n").join(" ") };
    }
  })();
  try {
    return await Promise.race([ask, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Outcome extends Verdict {
  /** Which check gave the verdict. */
  by: "online" | "offline";
  /** What was printed, line by line. */
  lines: string[];
}

export async function validate(
  manifestPath: string,
  options: { offline?: boolean; validator?: OnlineValidator; timeoutMs?: number } = {},
): Promise<Outcome> {
  const lines: string[] = [];
  const xml = readFileSync(manifestPath, "utf8");
  if (!options.offline) {
    const answer = await validateOnline(manifestPath, options.validator, options.timeoutMs);
    if (answer.kind === "verdict") {
      lines.push(`Validated online by Microsoft's add-in validation service (office-addin-manifest).`);
      for (const e of answer.errors) lines.push(`  ${e}`);
      lines.push(
        answer.valid
          ? `${manifestPath}: the manifest is valid.`
          : `${manifestPath}: the manifest is NOT valid.`,
      );
      return { by: "online", valid: answer.valid, errors: answer.errors, lines };
    }
    lines.push(`The online validation service could not be used (${answer.reason}).`);
  }
  const dir = schemaDir();
  lines.push(`Validated offline against the XML schemas in ${dir} (OfficeApp 1.1; no online checks).`);
  const verdict = await validateOffline(xml, dir);
  for (const e of verdict.errors) lines.push(`  ${e}`);
  lines.push(
    verdict.valid ? `${manifestPath}: the manifest is valid.` : `${manifestPath}: the manifest is NOT valid.`,
  );
  return { by: "offline", ...verdict, lines };
}

async function main(args: string[]): Promise<number> {
  const offline = args.includes("--offline") || process.env.MANIFEST_VALIDATE_OFFLINE === "1";
  const paths = args.filter((a) => !a.startsWith("--"));
  if (paths.length > 1 || args.some((a) => a.startsWith("--") && a !== "--offline")) {
    console.error("Usage: npm run validate [-- <manifest.xml>] [--offline]");
    return 2;
  }
  const manifestPath = paths[0] ?? join(ROOT, "manifest.xml");
  try {
    const outcome = await validate(manifestPath, { offline });
    for (const line of outcome.lines) (outcome.valid ? console.log : console.error)(line);
    return outcome.valid ? 0 : 1;
  } catch (error) {
    console.error(
      `Could not validate ${manifestPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

if (require.main === module) {
  // process.exit rather than exitCode: a request to the service abandoned at the timeout must not
  // keep the process waiting for its socket.
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
