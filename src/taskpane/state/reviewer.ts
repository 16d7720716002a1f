/**
 * The reviewer's name, remembered on this machine only. It is a convenience for the pane, not
 * shared state: everything the team shares (who scored what) is written into the workbook with
 * each change (docs/architecture.md §3).
 */
export type ReviewerStorage = Pick<Storage, "getItem" | "setItem">;

const KEY = "agreement-scorecard.reviewer";

export function recallReviewer(storage: ReviewerStorage | null): string {
  try {
    return storage?.getItem(KEY)?.trim() ?? "";
  } catch {
    return "";
  }
}

export function rememberReviewer(storage: ReviewerStorage | null, name: string): void {
  try {
    storage?.setItem(KEY, name.trim());
  } catch {
    // Full or blocked storage: the name still holds for this session.
  }
}
