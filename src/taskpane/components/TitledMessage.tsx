/** A message bar led by a title: a warning or an error the user should read before going on. */
import React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  type MessageBarProps,
} from "@fluentui/react-components";

export interface TitledMessageProps {
  intent: MessageBarProps["intent"];
  title: React.ReactNode;
  /** Fluent's layout ("auto" unless given); "multiline" for text longer than a line. */
  layout?: MessageBarProps["layout"];
  /** "alert" for an error that interrupts. */
  role?: string;
  /** The text after the title; give it a leading space where the two should read as one line. */
  children: React.ReactNode;
}

export function TitledMessage({ intent, title, layout, role, children }: TitledMessageProps) {
  return (
    <MessageBar intent={intent} layout={layout} role={role}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
