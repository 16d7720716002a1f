/**
 * The fields that say what a score means, shared by a criterion's form and each of its indicators
 * (issue 16): the definition and the rubric anchors, edited as text drafts and parsed on save. The
 * workbook checks the anchors against the scale (criteria/editDefinitions.ts checkAnchors).
 */
import React from "react";
import {
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Textarea,
} from "@fluentui/react-components";
import { Add16Regular } from "@fluentui/react-icons";
import type { RubricAnchor, Scale } from "../../scoring/types";
import { parseNumber } from "../components/format";
import { RemoveItemButton } from "../components/RemoveItemButton";
import { ratingPoints } from "../score/points";
import { useFormStyles } from "./formStyles";

const useStyles = makeStyles({
  anchor: { gridTemplateColumns: "4.5em minmax(0, 1fr)" },
  fieldset: { border: "none", padding: 0, margin: 0 },
});

/** One anchor as typed: the score stays text until saved, so that "2," can be typed on the way to "2,5". */
export interface AnchorDraft {
  value: string;
  label: string;
  description: string;
}

/** The anchors an editor starts from: those stored, else the built-in rubric of a default criterion. */
export function anchorDrafts(
  id: string,
  scale: Scale,
  stored: readonly RubricAnchor[] | undefined,
): AnchorDraft[] {
  return ratingPoints(id, scale, stored)
    .filter((p) => p.description !== "")
    .map((a) => ({
      value: String(Number(a.value.toPrecision(12))),
      label: a.label,
      description: a.description,
    }));
}

/** The drafts as anchors, or what is wrong with the first one that is not a number. */
export function parseAnchors(
  drafts: readonly AnchorDraft[],
): { anchors: RubricAnchor[] } | { invalid: string } {
  const anchors: RubricAnchor[] = [];
  for (const a of drafts) {
    const value = parseNumber(a.value);
    if (value === null || Number.isNaN(value))
      return { invalid: `"${a.value}" is not a number: give each anchor the score it describes.` };
    anchors.push({ value, label: a.label, description: a.description });
  }
  return { anchors };
}

function DefinitionField({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <Field label="Definition" hint="Shown beside the rating on the Score tab; kept on the Weights sheet.">
      <Textarea value={value} resize="vertical" onChange={(_, d) => onChange(d.value)} />
    </Field>
  );
}

/**
 * The rubric anchors of one criterion or indicator. `of` names it where several editors share a
 * form (an indicator's), so that each button says whose anchor it removes or adds.
 */
function AnchorsFieldset({
  scale,
  anchors,
  onChange,
  of,
}: {
  scale: Scale;
  anchors: readonly AnchorDraft[];
  onChange(anchors: AnchorDraft[]): void;
  of?: string;
}) {
  const styles = { ...useFormStyles(), ...useStyles() };
  const whose = of === undefined ? "" : ` of ${of}`;
  const set = (k: number, patch: Partial<AnchorDraft>) =>
    onChange(anchors.map((a, j) => (j === k ? { ...a, ...patch } : a)));
  return (
    <fieldset className={mergeClasses(styles.form, styles.fieldset)}>
      <legend>
        <Body1Strong>Rubric anchors</Body1Strong>{" "}
        <Caption1>
          (scale {scale.min}–{scale.max}: what a score at each point means)
        </Caption1>
      </legend>
      {anchors.length === 0 && (
        <Caption1>No anchors: the Score tab offers the whole points of the scale.</Caption1>
      )}
      {anchors.map((a, k) => (
        <div
          key={k}
          className={mergeClasses(styles.entry, styles.anchor)}
          role="group"
          aria-label={`Anchor ${k + 1}`}
        >
          <Field label="Score">
            <Input inputMode="decimal" value={a.value} onChange={(_, d) => set(k, { value: d.value })} />
          </Field>
          <Field label="Label">
            <Input value={a.label} onChange={(_, d) => set(k, { label: d.value })} />
          </Field>
          <Field label="What this score means" className={styles.wide}>
            <Textarea
              value={a.description}
              resize="vertical"
              onChange={(_, d) => set(k, { description: d.value })}
            />
          </Field>
          <div className={styles.wide}>
            <RemoveItemButton
              label={`Remove anchor ${k + 1}${whose}`}
              onRemove={() => onChange(anchors.filter((_, j) => j !== k))}
            />
          </div>
        </div>
      ))}
      <div>
        <Button
          size="small"
          icon={<Add16Regular />}
          aria-label={`Add anchor${whose}`}
          onClick={() => onChange([...anchors, { value: "", label: "", description: "" }])}
        >
          Add anchor
        </Button>
      </div>
    </fieldset>
  );
}

/** A criterion's or an indicator's definition and rubric anchors, edited as drafts. */
export function RubricFields({
  definition,
  onDefinition,
  ...anchors
}: {
  definition: string;
  onDefinition(value: string): void;
  scale: Scale;
  anchors: readonly AnchorDraft[];
  onChange(anchors: AnchorDraft[]): void;
  of?: string;
}) {
  return (
    <>
      <DefinitionField value={definition} onChange={onDefinition} />
      <AnchorsFieldset {...anchors} />
    </>
  );
}
