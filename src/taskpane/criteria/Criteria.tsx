/**
 * Criteria: add, rename, reorder and remove the scorecard's criteria, and write each one's
 * definition and rubric anchors (what a score at each point means). Every change is one workbook
 * operation (workbook/criteria/editCriteria.ts): the Scorecard column, the Weights row, the formulas, the
 * Results charts and the metadata follow, and the Audit sheet records it. Removing asks first,
 * inline, saying how many scores go with the criterion. A criterion's indicators are edited in
 * their own panel (Indicators.tsx).
 */
import React, { useId, useState } from "react";
import {
  Body1,
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowDown16Regular,
  ArrowUp16Regular,
  Delete16Regular,
  Edit16Regular,
  TextBulletListTree16Regular,
} from "@fluentui/react-icons";
import { MAX_CRITERIA } from "../../scoring/criteria";
import type { RubricAnchor } from "../../scoring/types";
import { type ScorecardData, TEAM_REFUSAL } from "../../workbook";
import { parseNumber, percents } from "../components/format";
import { InlineConfirm } from "../components/InlineConfirm";
import { Section } from "../components/Section";
import { usePlainListClass } from "../components/plainList";
import { useStore, usePane } from "../state/context";
import { currentShares } from "../weights/shares";
import { IndicatorsPanel } from "./Indicators";
import { useFormStyles } from "./formStyles";
import { anchorDrafts, parseAnchors, RubricFields, type AnchorDraft } from "./RubricFields";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  head: {
    display: "flex",
    alignItems: "baseline",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  name: { overflowWrap: "anywhere", minWidth: 0 },
  definition: { color: tokens.colorNeutralForeground2 },
});

const MOVES = [
  { step: -1, word: "up", icon: <ArrowUp16Regular /> },
  { step: 1, word: "down", icon: <ArrowDown16Regular /> },
] as const;

export function Criteria() {
  const store = useStore();
  const data = usePane((s) => s.data);
  const busy = usePane((s) => s.busy);
  const styles = { ...useFormStyles(), ...useStyles() };
  const listClass = usePlainListClass("stack", "S");
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [indicators, setIndicators] = useState<string | null>(null);
  const teamNote = useId();
  if (data === null) return null;
  const { criteria } = data.config;
  const team = data.location.meta.mode === "team";
  const shown = percents(currentShares(data));

  return (
    <div className={styles.root}>
      <Caption1>
        The criteria every agreement is scored on. Each change is written to the workbook at once — the
        Scorecard columns, the Weights sheet, the formulas and the charts follow — and recorded on the Audit
        sheet.
      </Caption1>
      {team && (
        <MessageBar intent="info" layout="multiline" aria-labelledby={teamNote}>
          <MessageBarBody id={teamNote}>
            {TEAM_REFUSAL} Renaming, reordering and rubrics work as usual.
          </MessageBarBody>
        </MessageBar>
      )}
      <ol className={listClass} aria-label="Criteria">
        {criteria.map((c, k) => (
          <li key={c.id} className={styles.item} aria-label={c.name}>
            <div className={styles.head}>
              <Body1Strong className={styles.name}>
                {k + 1}. {c.name}
              </Body1Strong>
              <Caption1 title="Normalized weight">{shown[k]}</Caption1>
            </div>
            {c.definition && <Caption1 className={styles.definition}>{c.definition}</Caption1>}
            <div className={styles.actions}>
              {MOVES.map(({ step, word, icon }) => (
                <Button
                  key={word}
                  size="small"
                  appearance="subtle"
                  icon={icon}
                  aria-label={`Move ${c.name} ${word}`}
                  title={`Move ${word}`}
                  disabled={busy !== null || k + step < 0 || k + step >= criteria.length}
                  onClick={() => void store.moveCriterion(c.id, step)}
                />
              ))}
              <Button
                size="small"
                icon={<Edit16Regular />}
                aria-expanded={editing === c.id}
                aria-label={`Edit ${c.name}`}
                onClick={() => {
                  setEditing(editing === c.id ? null : c.id);
                  setRemoving(null);
                  setIndicators(null);
                }}
              >
                Edit
              </Button>
              <Button
                size="small"
                icon={<TextBulletListTree16Regular />}
                aria-expanded={indicators === c.id}
                aria-label={`Indicators (${c.indicators?.length ?? 0}) of ${c.name}`}
                onClick={() => {
                  setIndicators(indicators === c.id ? null : c.id);
                  setEditing(null);
                  setRemoving(null);
                }}
              >
                Indicators ({c.indicators?.length ?? 0})
              </Button>
              <Button
                size="small"
                icon={<Delete16Regular />}
                aria-label={`Remove ${c.name}`}
                disabled={busy !== null || team}
                onClick={() => {
                  setRemoving(c.id);
                  setEditing(null);
                }}
              >
                Remove
              </Button>
            </div>
            {removing === c.id && (
              <RemoveConfirmation data={data} id={c.id} onDone={() => setRemoving(null)} />
            )}
            {editing === c.id && <CriterionForm data={data} id={c.id} onDone={() => setEditing(null)} />}
            {indicators === c.id && (
              <IndicatorsPanel data={data} id={c.id} onDone={() => setIndicators(null)} />
            )}
          </li>
        ))}
      </ol>
      <AddCriterion data={data} team={team} />
    </div>
  );
}

function RemoveConfirmation({ data, id, onDone }: { data: ScorecardData; id: string; onDone: () => void }) {
  const store = useStore();
  const criterion = data.config.criteria.find((c) => c.id === id)!;
  const indicators = criterion.indicators ?? [];
  // What the analyst typed: the criterion's own scores, or its indicators' when it is scored through them.
  const scored =
    indicators.length === 0
      ? data.agreements.filter((a) => a.scores[id] !== null).length
      : data.agreements.reduce(
          (n, a) => n + indicators.filter((i) => (a.indicatorScores?.[i.id] ?? null) !== null).length,
          0,
        );
  const count = `${scored} ${scored === 1 ? "score" : "scores"}`;
  return (
    <InlineConfirm
      question={`Remove ${criterion.name}?`}
      confirm={scored === 0 ? "Remove it" : "Remove it and its scores"}
      cancel="Keep it"
      onConfirm={() => void store.removeCriterion(id).then((ok) => ok && onDone())}
      onCancel={onDone}
    >
      {scored === 0
        ? `No agreement has a score for it${indicators.length === 0 ? "" : " or its indicators"} yet.`
        : `${indicators.length === 0 ? `Its ${count}` : `The ${count} of its ${indicators.length} indicators`} will be deleted from the Scorecard sheet (the Audit sheet keeps a record of each).`}{" "}
      Its {indicators.length === 0 ? "column" : "columns"}, its weight and its rubric go too.
    </InlineConfirm>
  );
}

function CriterionForm({ data, id, onDone }: { data: ScorecardData; id: string; onDone: () => void }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = useFormStyles();
  const criterion = data.config.criteria.find((c) => c.id === id)!;
  const stored = data.location.meta.criteria.find((c) => c.id === id)?.anchors;
  const { scale } = data.config;
  const [name, setName] = useState(criterion.name);
  const [definition, setDefinition] = useState(criterion.definition);
  const [anchors, setAnchors] = useState<AnchorDraft[]>(() => anchorDrafts(id, scale, stored));
  const [anchorsTouched, setAnchorsTouched] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);

  const save = async () => {
    let list: RubricAnchor[] | undefined;
    if (anchorsTouched) {
      const parsed = parseAnchors(anchors);
      if ("invalid" in parsed) {
        setInvalid(parsed.invalid);
        return;
      }
      list = parsed.anchors;
    }
    setInvalid(null);
    let ok = true;
    if (name !== criterion.name) ok = await store.renameCriterion(id, name);
    const definitionChanged = definition.trim() !== criterion.definition;
    if (ok && (definitionChanged || list))
      ok = await store.editCriterion(id, {
        ...(definitionChanged ? { definition } : {}),
        ...(list ? { anchors: list } : {}),
      });
    if (ok) onDone();
  };

  return (
    <form
      className={styles.form}
      aria-label={`Edit ${criterion.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label="Name" hint="The header of its Scorecard column: one line, unique.">
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <RubricFields
        definition={definition}
        onDefinition={setDefinition}
        scale={scale}
        anchors={anchors}
        onChange={(next) => {
          setAnchorsTouched(true);
          setAnchors(next);
        }}
      />
      {invalid && (
        <Caption1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {invalid}
        </Caption1>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy !== null}>
          Save
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

function AddCriterion({ data, team }: { data: ScorecardData; team: boolean }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = { ...useFormStyles(), ...useStyles() };
  const weights = data.config.criteria.map((c) => c.weight);
  const typical = Number((weights.reduce((a, b) => a + b, 0) / weights.length).toPrecision(4));
  const [name, setName] = useState("");
  const [definition, setDefinition] = useState("");
  const [weight, setWeight] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const count = data.config.criteria.length;

  const add = async () => {
    const value = parseNumber(weight ?? String(typical));
    if (value === null || Number.isNaN(value)) {
      setInvalid("Enter the new criterion's weight as a number (0 or more).");
      return;
    }
    setInvalid(null);
    const ok = await store.addCriterion({ name, definition, weight: value });
    if (ok) {
      setName("");
      setDefinition("");
      setWeight(null);
    }
  };

  return (
    <Section title="Add a criterion">
      <Caption1>
        {count} of at most {MAX_CRITERIA} criteria. The new column goes before Coverage; every agreement
        starts without a score for it.
      </Caption1>
      <form
        className={styles.form}
        aria-label="Add a criterion"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Field label="New criterion's name">
          <Input value={name} disabled={team} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field label="Its definition">
          <Textarea
            value={definition}
            resize="vertical"
            disabled={team}
            onChange={(_, d) => setDefinition(d.value)}
          />
        </Field>
        <Field label="Its weight" hint={`Raw, like the others' (they hold ${weights.join(", ")}).`}>
          <Input
            inputMode="decimal"
            value={weight ?? String(typical)}
            disabled={team}
            onChange={(_, d) => setWeight(d.value)}
          />
        </Field>
        {invalid && (
          <Caption1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
            {invalid}
          </Caption1>
        )}
        <div>
          <Button type="submit" appearance="primary" disabled={busy !== null || team}>
            Add criterion
          </Button>
        </div>
        {team && <Body1>Adding is off while the team scores (see above).</Body1>}
      </form>
    </Section>
  );
}
