/** The Criteria tab's form layout, shared by a criterion's form and its indicators' panel. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  /** One entry of a list in a form (an anchor, an indicator), ruled off from the next. */
  entry: {
    display: "grid",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
    paddingBlockEnd: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  wide: { gridColumn: "1 / -1", minWidth: 0 },
});
