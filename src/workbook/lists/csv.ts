/**
 * From a CSV file (its bytes, or pasted text) to records numbered as the file's rows, for every list
 * the add-in imports: agreements (./import.ts) and reviews (./reviewsCsv.ts). Pure, no Node API.
 * Bytes are decoded by ./encoding.ts (UTF-8, UTF-16 with a byte order mark, or Windows-1252 with a
 * notice); the delimiter is detected, so a table pasted from Excel (tab-separated) reads too.
 */
import Papa from "papaparse";
import { decodeCsvBytes } from "./encoding";

export class ImportError extends Error {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export interface CsvRecords {
  /** Every record of the file, blank ones included, so that record k is row k + 1. */
  records: string[][];
  /** Index in `records` of the header: the first record that is not blank. */
  header: number;
  /** What the user should know although nothing failed (the encoding that was assumed). */
  notices: string[];
}

/** A blank record: an empty line, or cells that are all blank (",,,,", as Excel writes empty rows). */
export const isBlankRecord = (row: string[]) => row.every((cell) => cell.trim() === "");

/**
 * Reads the records. `what` names the list in messages ("The CSV"); `needs` says what its header
 * must hold, for the message about an empty file.
 */
export function readCsvRecords(
  input: string | Uint8Array,
  { what, needs }: { what: string; needs: string },
): CsvRecords {
  const notices: string[] = [];
  let text: string;
  if (typeof input === "string") text = input.replace(/^\uFEFF/, "");
  else {
    try {
      const decoded = decodeCsvBytes(input, what);
      text = decoded.text;
      if (decoded.notice) notices.push(decoded.notice);
    } catch (error) {
      throw new ImportError((error as Error).message);
    }
  }
  // Blank records are skipped by the callers, not by the parser, so that row numbers stay the file's.
  const parsed = Papa.parse<string[]>(text);
  // A one-column file has no delimiter to detect; that is not an error in the data.
  const errors = parsed.errors.filter((e) => e.code !== "UndetectableDelimiter");
  if (errors.length > 0) {
    const e = errors[0];
    const row = (e.row ?? 0) + 1;
    throw new ImportError(`Row ${row}: ${lowerFirst(what)} cannot be read (${e.message}).`, row);
  }
  const header = parsed.data.findIndex((row) => !isBlankRecord(row));
  if (header < 0) throw new ImportError(`${what} is empty: it needs a header row with ${needs}.`);
  return { records: parsed.data, header, notices };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What is wrong with a record whose cell count differs from the header's, and how to fix it. */
export function cellCountProblem(row: number, cells: number, headerCells: number): string {
  const fix =
    cells > headerCells
      ? "put cells that contain a comma in double quotes, or remove the extra cells"
      : "add the missing cells (empty ones are fine: ,,), and put cells that contain a comma or a line break in double quotes";
  return `Row ${row} has ${cells} cell${cells === 1 ? "" : "s"} but the header has ${headerCells}; ${fix}.`;
}

/** A number written as text ("4", " 3.5 ", "1e0"), or null when the text is not one. */
export function numberFromText(text: string): number | null {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : null;
}
