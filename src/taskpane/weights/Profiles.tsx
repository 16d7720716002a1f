/**
 * Named weight profiles: save the current weights under a name (with its author, in the workbook's
 * Profiles sheet, so co-authors see it) and apply a saved one. Saving a name again keeps the old
 * save in the sheet; the latest one is the profile.
 */
import React, { useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  Select,
  tokens,
} from "@fluentui/react-components";
import { percent } from "../components/format";
import { Section } from "../components/Section";
import { useStore, usePane } from "../state/context";
import type { ScorecardData } from "../../workbook/read";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "120px" },
});

export function Profiles({ data }: { data: ScorecardData }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const [name, setName] = useState("");
  const [author, setAuthor] = useState("");
  const [chosen, setChosen] = useState("");
  const profiles = data.profiles;
  const selected = profiles.find((p) => p.name === chosen) ?? profiles[0];
  const total = (w: Record<string, number>) => Object.values(w).reduce((a, b) => a + b, 0);

  return (
    <Section title="Weight profiles">
      <Caption1>Saved in the workbook (Profiles sheet), so everyone who opens it can apply them.</Caption1>
      {profiles.length > 0 && selected && (
        <div className={styles.row}>
          <Field label="Saved profile" className={styles.grow}>
            <Select value={selected.name} onChange={(_, d) => setChosen(d.value)}>
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabled={busy !== null} onClick={() => void store.applyProfile(selected.name)}>
            Apply
          </Button>
        </div>
      )}
      {selected && (
        <Body1>
          {selected.author ? `By ${selected.author}, ` : ""}
          {new Date(selected.saved).toLocaleString()}:{" "}
          {data.config.criteria
            .filter((c) => typeof selected.weights[c.id] === "number")
            .map((c) => `${c.name} ${percent(selected.weights[c.id] / total(selected.weights))}`)
            .join(", ")}
        </Body1>
      )}
      <div className={styles.row}>
        <Field label="Profile name" className={styles.grow}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field label="Your name" className={styles.grow}>
          <Input value={author} onChange={(_, d) => setAuthor(d.value)} />
        </Field>
        <Button
          disabled={busy !== null || name.trim() === ""}
          onClick={() => void store.saveProfile(name, author).then((ok) => ok && setName(""))}
        >
          Save current weights
        </Button>
      </div>
    </Section>
  );
}
