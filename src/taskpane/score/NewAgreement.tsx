/** An inline form that adds an agreement below the Scorecard table. */
import React, { useState } from "react";
import { Button, Field, Input, makeStyles, Select, tokens } from "@fluentui/react-components";
import { Section } from "../components/Section";
import { InputField } from "../components/InputField";
import { useStore, usePane } from "../state/context";
import type { ScorecardData } from "../../workbook";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function NewAgreement({ data, onDone }: { data: ScorecardData; onDone(): void }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [type, setType] = useState("");
  const [parties, setParties] = useState("");
  const [signed, setSigned] = useState("");
  const [tried, setTried] = useState(false);

  const trimmedId = id.trim();
  const idProblem =
    trimmedId === ""
      ? "Give the agreement a short unique ID, such as AUKUS."
      : data.agreements.some((a) => a.id.toLowerCase() === trimmedId.toLowerCase())
        ? `ID "${trimmedId}" is already used; choose another.`
        : null;
  const nameProblem = name.trim() === "" ? "Enter the agreement's name." : null;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (idProblem || nameProblem) return;
    const year = /^\d{4}$/.test(signed.trim()) ? Number(signed.trim()) : signed.trim() || null;
    const ok = await store.addAgreement({
      id: trimmedId,
      name: name.trim(),
      type,
      parties: parties.trim(),
      signed: year,
      scores: {},
      notes: "",
    });
    if (ok) onDone();
  };

  return (
    <Section title="New agreement" headingLevel={3}>
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <InputField label="ID" required value={id} onChange={setId} error={tried ? idProblem : null} />
        <InputField
          label="Agreement"
          required
          value={name}
          onChange={setName}
          error={tried ? nameProblem : null}
        />
        <Field label="Type">
          <Select value={type} onChange={(_, d) => setType(d.value)}>
            <option value="">Not specified</option>
            <option value="Bilateral">Bilateral</option>
            <option value="Multilateral">Multilateral</option>
          </Select>
        </Field>
        <Field label="Parties">
          <Input value={parties} onChange={(_, d) => setParties(d.value)} />
        </Field>
        <Field label="Signed" hint="A year such as 1951, or a date.">
          <Input value={signed} onChange={(_, d) => setSigned(d.value)} />
        </Field>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={busy !== null}>
            Add
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </div>
      </form>
    </Section>
  );
}
