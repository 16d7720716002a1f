/** Layout of the pane's small tables of weights and ranks (team weights, the panel's ranks). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useNumberTableStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%" },
  cell: { textAlign: "end", paddingInlineStart: tokens.spacingHorizontalS },
  name: { textAlign: "start", overflowWrap: "anywhere" },
});
