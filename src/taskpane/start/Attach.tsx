/**
 * Attach: turn a table of agreements the user already has into the scorecard, by saying which
 * column names the agreement, which holds its ID (or let the add-in number the rows), and which
 * columns are criteria scored 1–5. Columns headed "Criterion / Indicator" are offered as one
 * criterion scored through them (attachColumns.ts). The user's cells stay as they are, except a
 * criterion's own column when it gets indicators, which is asked first.
 */
import React, { useEffect, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { TableInfo } from "../../workbook";
import { InlineConfirm } from "../components/InlineConfirm";
import { Section } from "../components/Section";
import { useStore, usePane } from "../state/context";
import { attachCriteria, criterionChoices, type CriterionChoice } from "./attachColumns";

const NUMBER_ROWS = "";

const useStyles = makeStyles({
  criteria: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export function Attach() {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [tableName, setTableName] = useState("");
  const [nameColumn, setNameColumn] = useState("");
  const [idColumn, setIdColumn] = useState(NUMBER_ROWS);
  const [criteria, setCriteria] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let live = true;
    void store.listTables().then((found) => {
      if (!live) return;
      setTables(found);
      if (found.length > 0) choose(found[0]);
    });
    return () => {
      live = false;
    };
  }, [store]);

  function choose(table: TableInfo) {
    setTableName(table.name);
    setNameColumn(table.headers[0] ?? "");
    setIdColumn(NUMBER_ROWS);
    setCriteria([]);
    setConfirming(false);
  }

  const table = tables.find((t) => t.name === tableName);
  if (!table) return null;
  const candidates = criterionChoices(table.headers.filter((h) => h !== nameColumn && h !== idColumn));
  const toggle = (header: string, on: boolean) =>
    setCriteria(on ? [...criteria, header] : criteria.filter((c) => c !== header));
  const chosenCriteria = candidates.filter((c) => criteria.includes(c.header));
  // Criteria whose own column gives way to their indicators' score: asked before attaching.
  const replaced = chosenCriteria.filter((c) => c.ownColumn && c.indicators.length > 0);
  const attach = (confirmed: boolean) => {
    setConfirming(false);
    void store.attach({
      table: table.name,
      columns: { name: nameColumn, ...(idColumn !== NUMBER_ROWS ? { id: idColumn } : {}) },
      criteria: attachCriteria(chosenCriteria),
      scale: { min: 1, max: 5 },
      missingPolicy: "exclude",
      ...(confirmed ? { confirmDataLoss: true } : {}),
    });
  };

  return (
    <Section title="Or attach to a table you already have">
      <Body1>
        Keep your own table of agreements: the add-in adds its columns (Coverage, Weighted score, Rank and any
        it needs) at the table&apos;s right, and the Weights and Results sheets. Your columns and cells stay
        as they are. Columns headed &quot;Criterion / Indicator&quot; score that criterion&apos;s indicators;
        a row added above your table then names each criterion over its columns.
      </Body1>
      <Field label="Table">
        <Select
          value={table.name}
          onChange={(_, d) => choose(tables.find((t) => t.name === d.value) ?? table)}
        >
          {tables.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name} (sheet {t.sheet}, {t.rowCount} rows)
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Column with the agreement's name">
        <Select value={nameColumn} onChange={(_, d) => setNameColumn(d.value)}>
          {table.headers.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Column with a unique ID">
        <Select value={idColumn} onChange={(_, d) => setIdColumn(d.value)}>
          <option value={NUMBER_ROWS}>None: number the rows (A-1, A-2 …)</option>
          {table.headers
            .filter((h) => h !== nameColumn)
            .map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
        </Select>
      </Field>
      <fieldset className={styles.criteria}>
        <legend>
          <Body1>Criterion columns (scored 1–5, equal weights to start)</Body1>
        </legend>
        {candidates.map((c) => (
          <Checkbox
            key={c.header}
            label={choiceLabel(c)}
            checked={criteria.includes(c.header)}
            onChange={(_, d) => toggle(c.header, d.checked === true)}
          />
        ))}
      </fieldset>
      {chosenCriteria.length === 0 && <Caption1>Tick at least one criterion column.</Caption1>}
      {confirming ? (
        <InlineConfirm
          question="Attach and replace what those columns hold?"
          confirm="Attach and replace"
          cancel="Keep editing"
          onConfirm={() => attach(true)}
          onCancel={() => setConfirming(false)}
        >
          {replaced.map((c) => `"${c.header}"`).join(", ")} will show the score{" "}
          {replaced.length === 1 ? "its" : "their"} indicators give, replacing any scores typed there (the
          Audit sheet keeps each).
        </InlineConfirm>
      ) : (
        <div>
          <Button
            disabled={busy !== null || chosenCriteria.length === 0}
            onClick={() => (replaced.length > 0 ? setConfirming(true) : attach(false))}
          >
            Attach scorecard
          </Button>
        </div>
      )}
    </Section>
  );
}

/** "Ops, through 2 indicators: Exercises, Logistics"; a criterion scored directly, its header alone. */
function choiceLabel(c: CriterionChoice): string {
  if (c.indicators.length === 0) return c.header;
  const names = c.indicators.map((h) =>
    h
      .trim()
      .slice(c.header.length)
      .replace(/^\s*\/\s*/, ""),
  );
  const count = c.indicators.length === 1 ? "1 indicator" : `${c.indicators.length} indicators`;
  return `${c.header}, through ${count}: ${names.join(", ")}`;
}
