/** Removes the preview build of globalSetup (never a folder the caller passed in). */
import fs from "node:fs";
import { OWNED_FLAG } from "./globalSetup";

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.E2E_PREVIEW_DIR;
  if (dir && process.env[OWNED_FLAG] === "1") fs.rmSync(dir, { recursive: true, force: true });
}
