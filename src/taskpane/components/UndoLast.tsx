/**
 * "Undo my last change": the user's latest change as the Audit trail holds it, with what undoing it
 * would do, or why it cannot be undone here (workbook/plans/undo.ts). Shown on every tab, since
 * the change may come from any of them. Nothing is shown before the user's first change.
 */
import React from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowUndo20Regular } from "@fluentui/react-icons";
import { CREATED, describeChange, planUndo } from "../../workbook";
import { useStore, usePane } from "../state/context";
import { UNNAMED } from "../state/store";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, alignItems: "start" },
});

/** Entries that start a trail: nothing of the user's to undo yet. */
const STARTS = new Set([CREATED, "audit trail started"]);

export function UndoLast() {
  const store = useStore();
  const data = usePane((s) => s.data);
  const busy = usePane((s) => s.busy);
  const reviewer = usePane((s) => s.reviewer);
  const styles = useStyles();
  if (data === null) return null;
  const plan = planUndo(data, reviewer || UNNAMED);
  const change = plan.change;
  if (change === null || change.entries.every((e) => STARTS.has(e.what))) return null;
  return (
    <div className={styles.root} role="group" aria-label="Your last change">
      <Button
        size="small"
        icon={<ArrowUndo20Regular />}
        disabled={busy !== null || plan.refusal !== null}
        onClick={() => void store.undoLastChange(change.time)}
      >
        Undo my last change
      </Button>
      <Caption1>
        {plan.refusal === null ? `Your last change: ${describeChange(change)}.` : plan.refusal.message}
      </Caption1>
    </div>
  );
}
