/**
 * Import reviews gathered outside Excel (a form's export, scores sent by e-mail) into a team
 * scorecard: from a table pasted from a spreadsheet or a chosen CSV file. Nothing is written until
 * the user has seen the preview — new reviews, updated ones (old → new), unchanged ones and refused
 * rows with their reasons — and confirmed it. The preview is planned on the workbook as the pane
 * reads it, so it follows co-authors' changes while it is open (src/workbook/team/reviewsCsv.ts).
 */
import React, { useId, useMemo, useRef, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import {
  leafName,
  type ParsedReviewsCsv,
  parseReviewsCsv,
  type PlannedReview,
  planReviewImport,
  refusedRows,
  REVIEW_CSV_COLUMNS,
  type ReviewImportPlan,
  type ScorecardData,
} from "../../workbook";
import { Section } from "../components/Section";
import { VisuallyHidden } from "../components/VisuallyHidden";
import { useStore, usePane } from "../state/context";

/** Items shown per list of the preview; the rest are counted. */
const SHOWN = 20;

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  preview: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
  },
  refused: { color: tokens.colorPaletteRedForeground1 },
});

interface Source {
  /** "the pasted table" or the file's name, for the preview's title. */
  name: string;
  input: string | Uint8Array;
}

type Reading = { parsed: ParsedReviewsCsv } | { error: string };

export function ImportReviews({ data }: { data: ScorecardData }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pasted, setPasted] = useState("");
  const [source, setSource] = useState<Source | null>(null);
  const reading = useMemo<Reading | null>(() => {
    if (source === null) return null;
    try {
      return { parsed: parseReviewsCsv(source.input) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [source]);
  // Planned on the scorecard as read now: a co-author's change shows in the preview at once.
  const plan = useMemo(
    () => (reading && "parsed" in reading ? planReviewImport(reading.parsed, data) : null),
    [reading, data],
  );
  const cancel = () => {
    setSource(null);
    setPasted("");
    if (fileInput.current) fileInput.current.value = "";
  };
  const chooseFile = (file: File | undefined) => {
    if (!file) return;
    readBytes(file).then(
      (bytes) => setSource({ name: file.name, input: new Uint8Array(bytes) }),
      (error: unknown) => store.showError(error, `${file.name} could not be read`),
    );
  };

  return (
    <Section title="Import reviews">
      <Body1>
        Reviews gathered outside Excel, such as a form&apos;s export or scores sent by e-mail: a table with
        the columns {REVIEW_CSV_COLUMNS.reviewer}, {REVIEW_CSV_COLUMNS.agreement},{" "}
        {REVIEW_CSV_COLUMNS.criterion} (name or id) and {REVIEW_CSV_COLUMNS.score}, and optionally{" "}
        {REVIEW_CSV_COLUMNS.rationale} and {REVIEW_CSV_COLUMNS.time} (e.g. 2024-05-01 14:30). You see what
        would change before anything is written.
      </Body1>
      <Field
        label="Paste a table of reviews"
        hint="Copy the rows with their header row from Excel or a CSV file."
      >
        <Textarea
          value={pasted}
          resize="vertical"
          rows={4}
          disabled={busy !== null}
          onChange={(_, d) => setPasted(d.value)}
        />
      </Field>
      <div className={styles.row}>
        <Button
          disabled={busy !== null || pasted.trim() === ""}
          onClick={() => setSource({ name: "the pasted table", input: pasted })}
        >
          Preview pasted table
        </Button>
        <Button disabled={busy !== null} onClick={() => fileInput.current?.click()}>
          Choose a CSV file…
        </Button>
        <VisuallyHidden>
          <label>
            Reviews CSV file
            <input
              ref={fileInput}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              tabIndex={-1}
              onChange={(e) => chooseFile(e.target.files?.[0])}
            />
          </label>
        </VisuallyHidden>
      </div>
      {reading && "error" in reading && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            {source?.name === "the pasted table" ? "The pasted table" : source?.name} cannot be imported:{" "}
            {reading.error}
          </MessageBarBody>
        </MessageBar>
      )}
      {plan && source && (
        <Preview
          plan={plan}
          sourceName={source.name}
          data={data}
          busy={busy !== null}
          onCancel={cancel}
          onConfirm={async () => {
            if (reading && "parsed" in reading && (await store.importReviews(reading.parsed, plan))) cancel();
          }}
        />
      )}
    </Section>
  );
}

function Preview({
  plan,
  sourceName,
  data,
  busy,
  onCancel,
  onConfirm,
}: {
  plan: ReviewImportPlan;
  sourceName: string;
  data: ScorecardData;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const styles = useStyles();
  const titleId = useId();
  const writes = plan.added.length + plan.updated.length;
  const refused = refusedRows(plan);
  // A criterion's name, or an indicator's "Criterion / Indicator" header.
  const criterion = (id: string) => leafName(data, id);
  const what = (r: PlannedReview) =>
    `Row ${r.row}: ${r.reviewer}, ${r.agreementId}, ${criterion(r.criterionId)}`;
  return (
    <section className={styles.preview} aria-labelledby={titleId}>
      <Subtitle2 as="h3" id={titleId} style={{ margin: 0 }}>
        Preview of {sourceName}
      </Subtitle2>
      {plan.notices.map((notice) => (
        <MessageBar key={notice} intent="warning" layout="multiline">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ))}
      <Body1 role="status">
        {count(plan.added.length, "new review")}, {plan.updated.length} updated, {plan.unchanged.length}{" "}
        unchanged, {count(refused, "row")} refused.
      </Body1>
      <PreviewList title="New reviews" items={plan.added.map((r) => `${what(r)}: ${fmt(r.score)}`)} />
      <PreviewList
        title="Updated reviews"
        items={plan.updated.map((r) => {
          const score = `${r.before?.score === null ? "no score" : fmt(r.before!.score)} → ${fmt(r.score)}`;
          return `${what(r)}: ${score}${r.rationale !== r.before?.rationale ? ", new rationale" : ""}`;
        })}
      />
      <PreviewList title="Unchanged" items={plan.unchanged.map((r) => `${what(r)}: ${fmt(r.score)}`)} />
      <PreviewList title="Refused rows" items={plan.refused.map((p) => p.message)} refused />
      {plan.updated.length > 0 && (
        <Caption1>
          Confirming replaces {count(plan.updated.length, "review")} the reviewers gave before; the Audit
          sheet keeps the old values.
        </Caption1>
      )}
      {refused > 0 && <Caption1>Refused rows are left out: correct them and import them again.</Caption1>}
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || writes === 0} onClick={onConfirm}>
          {writes === 0 ? "Nothing to import" : `Import ${count(writes, "review")}`}
        </Button>
        <Button disabled={busy} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}

function PreviewList({
  title,
  items,
  refused = false,
}: {
  title: string;
  items: string[];
  refused?: boolean;
}) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <div>
      <Body1 as="h4" style={{ margin: 0, fontWeight: tokens.fontWeightSemibold }}>
        {title} ({items.length})
      </Body1>
      <ul className={mergeClasses(styles.list, refused && styles.refused)} aria-label={title}>
        {items.slice(0, SHOWN).map((item, i) => (
          <li key={i}>
            <Caption1>{item}</Caption1>
          </li>
        ))}
      </ul>
      {items.length > SHOWN && <Caption1>… and {items.length - SHOWN} more.</Caption1>}
    </div>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const fmt = (v: number) => String(Math.round(v * 100) / 100);

/** The file's bytes (FileReader: the import finds the encoding itself, see workbook/lists/encoding.ts). */
function readBytes(file: File): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} cannot be read.`));
    reader.readAsArrayBuffer(file);
  });
}
