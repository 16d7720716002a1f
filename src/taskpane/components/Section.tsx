/** A titled block of a feature panel. */
import React from "react";
import { makeStyles, Subtitle2, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalS,
    minWidth: 0,
  },
});

export function Section({
  title,
  children,
  headingLevel = 2,
}: {
  title: string;
  children: React.ReactNode;
  headingLevel?: 2 | 3;
}) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={title}>
      <Subtitle2 as={headingLevel === 2 ? "h2" : "h3"} style={{ margin: 0 }}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}
