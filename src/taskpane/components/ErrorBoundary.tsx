/** Keeps one failing feature from blanking the whole pane; says what happened and what to do. */
import React from "react";
import { TitledMessage } from "./TitledMessage";

interface State {
  error: Error | null;
}

export class ErrorBoundary extends React.Component<{ feature: string; children: React.ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <TitledMessage
        intent="error"
        layout="multiline"
        role="alert"
        title={`${this.props.feature} could not be shown`}
      >
        {` ${error.message} Use Reload at the top of the pane after fixing the workbook; if this persists, close and reopen the pane.`}
      </TitledMessage>
    );
  }
}
