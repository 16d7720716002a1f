/**
 * "Your name": who is using the pane. Remembered on this computer and recorded with every change
 * the person makes (Audit sheet, reviews, profiles). Committed on Enter or when the field loses
 * focus, so a half-typed name is never recorded.
 */
import React, { useEffect, useState } from "react";
import { Field, Input } from "@fluentui/react-components";
import { useStore, usePane } from "../state/context";

export function ReviewerName() {
  const store = useStore();
  const reviewer = usePane((s) => s.reviewer);
  const [text, setText] = useState(reviewer);
  useEffect(() => setText(reviewer), [reviewer]);
  const commit = () => {
    if (text.trim() !== reviewer) store.setReviewer(text);
  };
  return (
    <Field label="Your name" hint="Recorded with every change you make; remembered on this computer.">
      <Input
        value={text}
        placeholder="e.g. A. Analyst"
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
    </Field>
  );
}
