/** The quiet "Remove …" button of one item in a list being edited (a rubric anchor, an indicator). */
import React from "react";
import { Button } from "@fluentui/react-components";
import { Delete16Regular } from "@fluentui/react-icons";

export function RemoveItemButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <Button size="small" appearance="subtle" icon={<Delete16Regular />} onClick={onRemove}>
      {label}
    </Button>
  );
}
