/** What the excel-sim tests share. */
import type { SimError } from "../../src/excel-sim";

/** The error code a promise rejects with ("no error" when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as SimError).code;
  }
  return "no error";
}

/** The error a promise rejects with, or null when it resolves. */
export async function errorOf(p: Promise<unknown>): Promise<SimError | null> {
  try {
    await p;
  } catch (e) {
    return e as SimError;
  }
  return null;
}
