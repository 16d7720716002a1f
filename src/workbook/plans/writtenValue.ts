/**
 * Write plans decide, before anything is written, what a change touches and whether it may be
 * written at all; the pane's store runs them between its read of the workbook and the write. They
 * are pure (no `run`), so they are tested without Excel or React.
 *
 * A plan also lists the values its write changes, so that after Excel fails mid-write the pane can
 * read the workbook again and tell whether the change is there, absent or partly there.
 */

/** One value a write changes: as the workbook holds it now, as it was before, as the write intends. */
export interface WrittenValue<T> {
  now: T;
  before: T;
  intended: T;
}
