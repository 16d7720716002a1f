/**
 * A column of items, Fluent's vertical spacing apart: the pane's most common layout, so that a
 * feature styles only what is its own (padding, borders) and merges this class in.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

/** Fluent's vertical spacing between stacked items. */
export type StackGap = "XS" | "SNudge" | "S" | "M";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column" },
  XS: { gap: tokens.spacingVerticalXS },
  SNudge: { gap: tokens.spacingVerticalSNudge },
  S: { gap: tokens.spacingVerticalS },
  M: { gap: tokens.spacingVerticalM },
});

/** The class name of a stack with the given gap, merged (mergeClasses) with the caller's own classes. */
export function useStackClass(gap: StackGap = "S", ...own: (string | undefined)[]): string {
  const styles = useStyles();
  return mergeClasses(styles.stack, styles[gap], ...own);
}
