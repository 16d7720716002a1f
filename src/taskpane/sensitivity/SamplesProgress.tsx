/** How far a worker's SMAA run has got, in samples: shared by the Sensitivity and Weights tabs. */
import React from "react";
import { Field, ProgressBar } from "@fluentui/react-components";

export function SamplesProgress({ done, total }: { done: number; total: number }) {
  return (
    <Field
      label="Progress"
      validationState="none"
      validationMessage={`${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} samples`}
    >
      <ProgressBar value={total > 0 ? done / total : 0} max={1} />
    </Field>
  );
}
