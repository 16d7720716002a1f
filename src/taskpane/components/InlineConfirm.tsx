/**
 * A question asked in place, next to the button that raised it, instead of a dialog (the pane is
 * 320 px wide and Office add-ins avoid dialogs): what will happen, a button that does it, and one
 * that keeps things as they are.
 */
import React, { useId } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { usePane } from "../state/context";

export function InlineConfirm({
  question,
  children,
  confirm,
  cancel,
  onConfirm,
  onCancel,
}: {
  /** The question, which also names the group for screen readers. */
  question: string;
  /** What will happen, in a sentence or two. */
  children: React.ReactNode;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const busy = usePane((s) => s.busy);
  const questionId = useId();
  return (
    <MessageBar intent="warning" layout="multiline" role="group" aria-labelledby={questionId}>
      <MessageBarBody>
        <span id={questionId}>{question}</span> {children}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" disabled={busy !== null} onClick={onConfirm}>
          {confirm}
        </Button>
        <Button size="small" onClick={onCancel}>
          {cancel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
