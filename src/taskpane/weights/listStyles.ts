/** Layout shared by the per-criterion lists of the weighting methods (points, rank). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useCriterionListStyles = makeStyles({
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    alignItems: "end",
    columnGap: tokens.spacingHorizontalS,
  },
  input: { maxWidth: "7em" },
  select: { maxWidth: "8em" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});
