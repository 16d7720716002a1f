/**
 * The pane's lists without bullets or indent (criteria, rankings, reviews, legends). They stay
 * <ul>/<ol> so screen readers announce a list and its length; only the look is plain. One hook, so
 * every list in the pane is laid out the same way.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type StackGap, useStackClass } from "./stack";

export type { StackGap };

/** "stack": items top to bottom, `gap` apart; "row": side by side, wrapping (legends); "block": as they come. */
export type PlainListLayout = "stack" | "row" | "block";

const useStyles = makeStyles({
  plain: { margin: 0, padding: 0, listStyleType: "none" },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
  block: {},
});

/** The class name of a plain list. */
export function usePlainListClass(layout: PlainListLayout, gap: StackGap = "S"): string {
  const styles = useStyles();
  const stack = useStackClass(gap);
  return mergeClasses(styles.plain, layout === "stack" ? stack : styles[layout]);
}
