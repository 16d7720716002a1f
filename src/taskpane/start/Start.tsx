/**
 * Start: shown when the workbook has no scorecard. Offers to create one, optionally with the
 * example agreements, whose scores are clearly marked as illustrative, or to attach to a table of
 * agreements the user already has.
 */
import React, { useState } from "react";
import { Body1, Button, Caption1, Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import { DEFAULT_CRITERIA } from "../../scoring/criteria";
import { ILLUSTRATIVE_NOTE } from "../../workbook";
import { Section } from "../components/Section";
import { useStore, usePane } from "../state/context";
import { Attach } from "./Attach";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

export function Start() {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const [examples, setExamples] = useState(false);
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Section title="No scorecard in this workbook yet">
        <Body1>
          Create one to score agreements on weighted criteria. The add-in adds three sheets — Scorecard,
          Weights and Results — with live formulas and charts, so the workbook keeps working where the add-in
          is not installed.
        </Body1>
        <Body1>The scorecard starts with four equally weighted criteria, scored 1 to 5:</Body1>
        <ul className={styles.list}>
          {DEFAULT_CRITERIA.map((c) => (
            <li key={c.id}>
              <Body1>{c.name}</Body1>
            </li>
          ))}
        </ul>
        <Checkbox
          checked={examples}
          onChange={(_, d) => setExamples(d.checked === true)}
          label="Add 10 example agreements to try it out"
        />
        {examples && (
          <Caption1>
            The examples are real agreements with illustrative scores: placeholders, not assessments. Each
            example row says so in its Notes (“{ILLUSTRATIVE_NOTE}”).
          </Caption1>
        )}
        <div>
          <Button appearance="primary" disabled={busy !== null} onClick={() => void store.create(examples)}>
            Create scorecard
          </Button>
        </div>
      </Section>
      <Attach />
    </div>
  );
}
