/**
 * One criterion of one agreement: its definition, a radio button per rubric point (with what that
 * point means), a number field for decimals, and the rationale for the score.
 */
import React, { useEffect, useId, useState } from "react";
import {
  Body1,
  Caption1,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { Scale } from "../../scoring/types";
import { parseNumber } from "../components/format";
import { InputField } from "../components/InputField";
import type { RatingPoint } from "./points";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0 },
  radioLabel: { display: "flex", flexDirection: "column" },
  number: { maxWidth: "10em" },
  edited: { color: tokens.colorPaletteMarigoldForeground2 },
});

export interface CriterionRatingProps {
  id: string;
  name: string;
  definition: string;
  scale: Scale;
  points: RatingPoint[];
  value: number | null;
  /** Absent: no rationale field. */
  rationale?: string;
  /** True when this criterion has unsaved edits. */
  edited: boolean;
  /** Team scoring: the consensus and the other reviewers, shown under the definition. */
  team?: { summary: string; discuss: boolean };
  /** Where the rationale is kept, for the field's hint. */
  rationaleHint?: string;
  onChange(value: number | null): void;
  onRationale?(text: string): void;
  /** Reports whether the number field holds something that cannot be saved. */
  onInvalid(message: string | null): void;
}

const NONE = "none";

export function CriterionRating(props: CriterionRatingProps) {
  const { name, definition, scale, points, value, rationale, edited } = props;
  const styles = useStyles();
  const legendId = useId();
  const [text, setText] = useState(value === null ? "" : String(value));
  const [invalid, setInvalid] = useState<string | null>(null);

  // Follow changes made elsewhere (a radio button, a reload) unless the field already says so.
  useEffect(() => {
    if (parseNumber(text) !== value) {
      setText(value === null ? "" : String(value));
      setInvalid(null);
      props.onInvalid(null);
    }
    // Only a new value from outside should rewrite the field, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const typed = (next: string) => {
    setText(next);
    const parsed = parseNumber(next);
    let message: string | null = null;
    if (parsed !== null && Number.isNaN(parsed))
      message = `Enter a number from ${scale.min} to ${scale.max}.`;
    else if (parsed !== null && (parsed < scale.min || parsed > scale.max))
      message = `${parsed} is off the scale; enter a number from ${scale.min} to ${scale.max}.`;
    setInvalid(message);
    props.onInvalid(message);
    if (message === null && parsed !== value) props.onChange(parsed);
  };

  const checked = value === null ? NONE : points.some((p) => p.value === value) ? String(value) : "";

  return (
    <div className={styles.root}>
      <fieldset className={styles.fieldset} aria-labelledby={legendId}>
        <Subtitle2 as="h3" block id={legendId} className={styles.legend}>
          {name}
          {edited && <span className={styles.edited}> (edited)</span>}
        </Subtitle2>
        <Caption1 as="p" block style={{ margin: 0 }}>
          {definition}
        </Caption1>
        {props.team && (
          <Caption1
            as="p"
            block
            style={{ margin: 0 }}
            className={props.team.discuss ? styles.edited : undefined}
          >
            {props.team.summary}
          </Caption1>
        )}
        {points.length > 0 && (
          <RadioGroup
            aria-labelledby={legendId}
            value={checked}
            onChange={(_, d) => props.onChange(d.value === NONE ? null : Number(d.value))}
            onKeyDown={(event) => {
              // Keyboard path: a number key picks that rubric point, and the focus follows it.
              const point = /^[0-9]$/.test(event.key)
                ? points.find((p) => p.value === Number(event.key))
                : undefined;
              if (point === undefined) return;
              event.preventDefault();
              props.onChange(point.value);
              event.currentTarget.querySelector<HTMLInputElement>(`input[value="${point.value}"]`)?.focus();
            }}
          >
            {points.map((p) => (
              <Radio
                key={p.value}
                value={String(p.value)}
                label={
                  <span className={styles.radioLabel}>
                    <Body1>
                      <strong>{p.value}</strong>
                      {p.label !== "" && ` · ${p.label}`}
                    </Body1>
                    {p.description !== "" && <Caption1>{p.description}</Caption1>}
                  </span>
                }
              />
            ))}
            <Radio value={NONE} label="Not scored" />
          </RadioGroup>
        )}
      </fieldset>
      <InputField
        label={`${name}: score (${scale.min}–${scale.max}, decimals allowed)`}
        value={text}
        onChange={typed}
        error={invalid}
        inputMode="decimal"
        inputClassName={styles.number}
      />
      {rationale !== undefined && (
        <Field
          label={`${name}: rationale`}
          hint={props.rationaleHint ?? "Why this score? Saved in the Notes column."}
        >
          <Textarea value={rationale} resize="vertical" onChange={(_, d) => props.onRationale?.(d.value)} />
        </Field>
      )}
    </div>
  );
}
