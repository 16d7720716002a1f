/**
 * Attach: turn a table of agreements the user already has into the scorecard, by saying which
 * column names the agreement, which holds its ID (or let the add-in number the rows), and which
 * columns are criteria scored 1–5. The user's columns and cells stay as they are.
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
import { Section } from "../components/Section";
import { useStore, usePane } from "../state/context";

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
  }

  const table = tables.find((t) => t.name === tableName);
  if (!table) return null;
  const candidates = table.headers.filter((h) => h !== nameColumn && h !== idColumn);
  const toggle = (header: string, on: boolean) =>
    setCriteria(on ? [...criteria, header] : criteria.filter((c) => c !== header));
  const chosenCriteria = table.headers.filter((h) => criteria.includes(h) && candidates.includes(h));

  return (
    <Section title="Or attach to a table you already have">
      <Body1>
        Keep your own table of agreements: the add-in adds its columns (Coverage, Weighted score, Rank and any
        it needs) at the table&apos;s right, and the Weights and Results sheets. Your columns and cells stay
        as they are.
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
        {candidates.map((h) => (
          <Checkbox
            key={h}
            label={h}
            checked={criteria.includes(h)}
            onChange={(_, d) => toggle(h, d.checked === true)}
          />
        ))}
      </fieldset>
      {chosenCriteria.length === 0 && <Caption1>Tick at least one criterion column.</Caption1>}
      <div>
        <Button
          disabled={busy !== null || chosenCriteria.length === 0}
          onClick={() =>
            void store.attach({
              table: table.name,
              columns: { name: nameColumn, ...(idColumn !== NUMBER_ROWS ? { id: idColumn } : {}) },
              criteria: chosenCriteria.map((header) => ({ header, weight: 1 })),
              scale: { min: 1, max: 5 },
              missingPolicy: "exclude",
            })
          }
        >
          Attach scorecard
        </Button>
      </div>
    </Section>
  );
}
