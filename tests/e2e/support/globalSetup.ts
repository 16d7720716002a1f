/**
 * Builds the preview once for every e2e test file, with the project's webpack configuration
 * (development mode: a third of the production build's time, and React's own checks stay on), into
 * a temporary folder passed to the tests as E2E_PREVIEW_DIR. With E2E_PREVIEW_DIR already set, that
 * folder is used as it is (to iterate on the tests without rebuilding).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "./build";

export const OWNED_FLAG = "E2E_PREVIEW_DIR_OWNED";

export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_PREVIEW_DIR) return;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecard-e2e-"));
  const started = Date.now();
  await build({ outDir, entries: ["preview"], mode: "development" });
  if (!fs.existsSync(path.join(outDir, "preview.html"))) throw new Error(`no preview.html in ${outDir}`);
  process.env.E2E_PREVIEW_DIR = outDir;
  process.env[OWNED_FLAG] = "1";
  console.log(`\ne2e: preview built in ${((Date.now() - started) / 1000).toFixed(1)} s into ${outDir}`);
}
