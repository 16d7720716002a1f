/** The pane's messages: the current error, the last success notice, and a delayed busy indicator. */
import React, { useEffect, useId, useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from "@fluentui/react-components";
import { useStore, usePane } from "../state/context";

/** The error of the last operation: what happened, what to do, and a way to act on it. */
export function ErrorBar() {
  const store = useStore();
  const error = usePane((s) => s.error);
  if (error === null) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{error.title}</MessageBarTitle> {error.message}
      </MessageBarBody>
      <MessageBarActions>
        {error.retry && (
          <Button size="small" appearance="primary" onClick={error.retry.run}>
            {error.retry.label}
          </Button>
        )}
        <Button size="small" onClick={() => store.dismissError()}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function NoticeBar() {
  const store = useStore();
  const notice = usePane((s) => s.notice);
  const bodyId = useId();
  if (notice === null) return null;
  return (
    <MessageBar intent={notice.intent} layout="multiline" aria-labelledby={bodyId}>
      <MessageBarBody id={bodyId}>{notice.text}</MessageBarBody>
      <MessageBarActions>
        {notice.action && (
          <Button size="small" onClick={notice.action.run}>
            {notice.action.label}
          </Button>
        )}
        <Button size="small" onClick={() => store.dismissNotice()}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** Operations that take longer than half a second show a spinner with what is going on. */
export const BUSY_DELAY_MS = 500;

export function BusyIndicator() {
  const busy = usePane((s) => s.busy);
  const shown = useDelayed(busy, BUSY_DELAY_MS);
  return (
    <div role="status" aria-live="polite">
      {shown !== null && <Spinner size="tiny" labelPosition="after" label={shown} />}
    </div>
  );
}

/** The value once it has stayed non-null for `delay` ms; null meanwhile and after it clears. */
export function useDelayed<T>(value: T | null, delay: number): T | null {
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    if (value === null) {
      setShown(null);
      return;
    }
    const timer = setTimeout(() => setShown(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return value === null ? null : shown;
}
