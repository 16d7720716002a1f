/** Layout of the pane's small tables of weights and ranks (team weights, the panel's ranks). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useNumberTableStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%" },
  // A number and its header stay on one line; the name column takes what is left of a 320 px pane.
  cell: { textAlign: "end", paddingInlineStart: tokens.spacingHorizontalS, whiteSpace: "nowrap" },
  name: { textAlign: "start", overflowWrap: "anywhere" },
});
