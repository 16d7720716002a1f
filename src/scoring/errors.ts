/**
 * Every validation failure in the scoring model is a ScoringError. It names the place (agreement,
 * criterion, matrix cell) so that the pane and the workbook layer can point the user at it.
 */
export type ScoringErrorCode =
  | "InvalidWeight"
  | "AllWeightsZero"
  | "InvalidScale"
  | "InvalidScore"
  | "ScoreOutOfScale"
  | "UnknownCriterion"
  | "DuplicateId"
  | "InvalidMatrix"
  | "InvalidArgument";

export interface ScoringErrorPlace {
  agreementId?: string;
  criterionId?: string;
  /** Zero-based index into the array the caller passed (weights, criteria, samples …). */
  index?: number;
  /** Zero-based [row, column] of a pairwise-matrix entry. */
  cell?: [number, number];
}

export class ScoringError extends Error {
  readonly code: ScoringErrorCode;
  readonly place: ScoringErrorPlace;

  constructor(code: ScoringErrorCode, message: string, place: ScoringErrorPlace = {}) {
    super(message);
    this.name = "ScoringError";
    this.code = code;
    this.place = place;
  }
}

/**
 * Each id's index in `ids`; at the first id given twice, throws DuplicateId with what `duplicate`
 * says of it (its first index and this one), so that every caller names the clash its own way.
 */
export function indexUniqueIds(
  ids: readonly string[],
  duplicate: (id: string, first: number, index: number) => { message: string; place: ScoringErrorPlace },
): Map<string, number> {
  const indexOf = new Map<string, number>();
  ids.forEach((id, index) => {
    const first = indexOf.get(id);
    if (first !== undefined) {
      const { message, place } = duplicate(id, first, index);
      throw new ScoringError("DuplicateId", message, place);
    }
    indexOf.set(id, index);
  });
  return indexOf;
}
