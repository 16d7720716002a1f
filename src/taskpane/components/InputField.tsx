/**
 * A labelled text box with the reason its text is refused shown under it: the pane's one way to ask
 * for a number or a short text. Feature panels validate; this only shows.
 */
import React from "react";
import { Field, Input } from "@fluentui/react-components";

export interface InputFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Why the text is refused; null or undefined while it is fine (or not yet checked). */
  error?: string | null;
  hint?: string;
  required?: boolean;
  /** The on-screen keyboard to offer, for numbers. */
  inputMode?: "numeric" | "decimal";
  /** Class of the field (label, box and message). */
  className?: string;
  /** Class of the text box itself. */
  inputClassName?: string;
}

export function InputField(props: InputFieldProps) {
  return (
    <Field
      className={props.className}
      label={props.label}
      hint={props.hint}
      required={props.required}
      validationState={props.error ? "error" : "none"}
      validationMessage={props.error ?? undefined}
    >
      <Input
        className={props.inputClassName}
        inputMode={props.inputMode}
        value={props.value}
        onChange={(_, d) => props.onChange(d.value)}
      />
    </Field>
  );
}
