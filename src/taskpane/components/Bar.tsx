/** A horizontal bar for a share 0–1; decorative (the number beside it carries the meaning). */
import React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  track: {
    height: "8px",
    borderRadius: tokens.borderRadiusSmall,
    // The track of Fluent's own ProgressBar: light grey in light themes, a step above the
    // background in dark ones (Background5 is near-black there and looked like a hole).
    backgroundColor: tokens.colorNeutralBackground6,
    overflow: "hidden",
    flexGrow: 1,
    minWidth: "40px",
  },
  fill: {
    height: "100%",
    backgroundColor: tokens.colorBrandBackground,
  },
  muted: {
    backgroundColor: tokens.colorNeutralForeground3,
  },
});

export function Bar({ share, muted = false }: { share: number; muted?: boolean }) {
  const styles = useStyles();
  const width = `${Math.max(0, Math.min(1, share)) * 100}%`;
  return (
    <div className={styles.track} aria-hidden="true">
      <div className={muted ? `${styles.fill} ${styles.muted}` : styles.fill} style={{ width }} />
    </div>
  );
}
