/**
 * The pane's lists without bullets or indent (criteria, rankings, reviews, legends). They stay
 * <ul>/<ol> so screen readers announce a list and its length; only the look is plain. One hook, so
 * every list in the pane is laid out the same way.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

/** "stack": items top to bottom, `gap` apart; "row": side by side, wrapping (legends); "block": as they come. */
export type PlainListLayout = "stack" | "row" | "block";

/** Fluent's vertical spacing between stacked items. */
export type StackGap = "XS" | "SNudge" | "S" | "M";

const useStyles = makeStyles({
  plain: { margin: 0, padding: 0, listStyleType: "none" },
  stack: { display: "flex", flexDirection: "column" },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  block: {},
  XS: { gap: tokens.spacingVerticalXS },
  SNudge: { gap: tokens.spacingVerticalSNudge },
  S: { gap: tokens.spacingVerticalS },
  M: { gap: tokens.spacingVerticalM },
});

/** The class name of a plain list. */
export function usePlainListClass(layout: PlainListLayout, gap: StackGap = "S"): string {
  const styles = useStyles();
  return mergeClasses(styles.plain, styles[layout], layout === "stack" ? styles[gap] : undefined);
}
