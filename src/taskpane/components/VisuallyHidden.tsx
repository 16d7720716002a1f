/** Text for screen readers only, e.g. the words a compact visual layout leaves out. */
import React from "react";
import { makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    border: 0,
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

export function VisuallyHidden({ children }: { children: React.ReactNode }) {
  return <span className={useStyles().hidden}>{children}</span>;
}
