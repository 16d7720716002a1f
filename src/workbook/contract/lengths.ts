/**
 * Names and rationales a person types, checked against Excel's limit before anything is written:
 * Excel would refuse the write at the first cell too long, part-way through a batch (issue 11).
 * Each lands in cells only, never in a table header or a formula, so each may hold what a cell
 * holds (32,767 characters):
 * - a reviewer's name: the Reviews table's Reviewer cells, the header of the reviewer's slot in
 *   row 1 of the index sheet (AS_Consensus, not a table) and the Audit sheet's Who cells;
 * - the name of whoever writes (the pane's "Your name"): the Audit sheet's Who cells, and a
 *   profile's Author cells;
 * - a profile's name: the Profiles table's Name cells and the Audit sheet's Criterion cell;
 * - a rationale: a Reviews cell and an Audit row's Before and After cells (a team), or one line of
 *   the agreement's Notes cell (one analyst: agreements.ts says which rationale to shorten).
 * The messages name the text, its length, the limit and by how much to shorten it, as the
 * criterion-name messages of scoring/criteria.ts do.
 */
import { WorkbookError, type WorkbookPlace } from "../errors";
import { CELL_TEXT_LIMIT } from "./userText";

const count = (n: number) => n.toLocaleString("en");

/** The start of a long text, enough to recognise it in a message. */
const opening = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function refuseOverlong(subject: string, length: number, lands: string, place: WorkbookPlace): never {
  throw new WorkbookError(
    "InvalidInput",
    `${subject} has ${count(length)} characters, but an Excel cell holds at most ${count(CELL_TEXT_LIMIT)} and it is written into ${lands}; shorten it by ${count(length - CELL_TEXT_LIMIT)}.`,
    place,
  );
}

export function checkReviewerName(name: string, place: WorkbookPlace = {}): void {
  if (name.length > CELL_TEXT_LIMIT)
    refuseOverlong(
      `The reviewer name "${opening(name)}"`,
      name.length,
      "the Reviews and Audit sheets",
      place,
    );
}

/** The name recorded as Who in the Audit sheet for every write. */
export function checkAuthorName(name: string, place: WorkbookPlace = {}): void {
  if (name.length > CELL_TEXT_LIMIT)
    refuseOverlong(`Your name "${opening(name)}"`, name.length, "the Audit sheet's Who column", place);
}

export function checkProfileName(name: string, place: WorkbookPlace = {}): void {
  if (name.length > CELL_TEXT_LIMIT)
    refuseOverlong(
      `The name of profile "${opening(name)}"`,
      name.length,
      "the Profiles and Audit sheets",
      place,
    );
}

/** A reviewer's rationale for one agreement and criterion (team scoring). */
export function checkRationale(
  rationale: string,
  agreementId: string,
  criterionName: string,
  place: WorkbookPlace = {},
): void {
  if (rationale.length > CELL_TEXT_LIMIT)
    refuseOverlong(
      `The rationale for "${criterionName}" of agreement "${opening(agreementId)}"`,
      rationale.length,
      "one cell of the Reviews sheet",
      place,
    );
}

/** A text built from names the add-in did not check (typed in the grid), cut to what a cell holds. */
export function fitCell(text: string): string {
  return text.length > CELL_TEXT_LIMIT ? `${text.slice(0, CELL_TEXT_LIMIT - 1)}…` : text;
}
