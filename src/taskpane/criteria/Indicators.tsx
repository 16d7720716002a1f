/**
 * A criterion's indicators on the Criteria tab (issue 16): accept the suggested ones, add, rename,
 * reweight and remove them, write each one's definition and rubric anchors (the criterion form's
 * fields, RubricFields.tsx), then save them in one audited write (workbook/criteria/editIndicators.ts).
 * Scores that would go — a removed indicator's, or the criterion's own when it first gets
 * indicators (its cells then compute from them) — are named inline and saved only once confirmed.
 */
import React, { useState } from "react";
import { Button, Caption1, Field, Input, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Add16Regular, TextDescription16Regular } from "@fluentui/react-icons";
import { RemoveItemButton } from "../components/RemoveItemButton";
import {
  DEFAULT_INDICATORS,
  indicatorOnScale,
  MAX_INDICATORS_PER_CRITERION,
  type Indicator,
} from "../../scoring/indicators";
import { idFromName, type ScorecardData } from "../../workbook";
import { parseNumber } from "../components/format";
import { InlineConfirm } from "../components/InlineConfirm";
import { useStore, usePane } from "../state/context";
import { useFormStyles } from "./formStyles";
import { anchorDrafts, parseAnchors, RubricFields, type AnchorDraft } from "./RubricFields";

const useStyles = makeStyles({
  indicator: { gridTemplateColumns: "minmax(0, 1fr) 5.5em" },
});

interface Draft extends Omit<Indicator, "localWeight" | "definition"> {
  weight: string;
  definition: string;
  /** The anchors as edited; null while untouched (the indicator's own are kept as they are). */
  anchorDrafts: AnchorDraft[] | null;
}

const draftOf = (i: Indicator): Draft => {
  const { localWeight, definition, ...rest } = i;
  return { ...rest, weight: String(localWeight), definition: definition ?? "", anchorDrafts: null };
};

/** The indicator a draft saves as, or what is wrong with it (naming the indicator). */
function indicatorOf(d: Draft): Indicator | string {
  const weight = parseNumber(d.weight);
  if (weight === null || Number.isNaN(weight) || weight < 0)
    return `The local weight of "${d.name}" is "${d.weight}": enter a number of 0 or more.`;
  let anchors = d.anchors;
  if (d.anchorDrafts !== null) {
    const parsed = parseAnchors(d.anchorDrafts);
    if ("invalid" in parsed) return `Rubric of "${d.name}": ${parsed.invalid}`;
    anchors = parsed.anchors;
  }
  const { weight: _typed, anchorDrafts: _drafts, definition, anchors: _old, ...rest } = d;
  return {
    ...rest,
    name: d.name.trim(),
    ...(definition.trim() === "" ? {} : { definition: definition.trim() }),
    ...(anchors && anchors.length > 0 ? { anchors } : {}),
    localWeight: weight,
  };
}

/** The scores saving `list` would remove, said in words (empty when none would go). */
function lostScores(data: ScorecardData, id: string, list: readonly { id: string }[]): string {
  const criterion = data.config.criteria.find((c) => c.id === id)!;
  const current = criterion.indicators ?? [];
  const kept = new Set(list.map((i) => i.id));
  if (data.location.meta.mode === "team") {
    // A team's scores are its reviews: of removed indicators, or of the criterion getting its first.
    const gone = new Set([
      ...current.filter((i) => !kept.has(i.id)).map((i) => i.id),
      ...(current.length === 0 && list.length > 0 ? [id] : []),
    ]);
    const n = data.reviews.filter((r) => gone.has(r.criterionId) && r.score !== null).length;
    return n === 0
      ? ""
      : `${n} ${n === 1 ? "review" : "reviews"} (score and rationale) from the Reviews sheet`;
  }
  const parts: string[] = [];
  if (current.length === 0 && list.length > 0) {
    const n = data.agreements.filter((a) => a.scores[id] !== null).length;
    if (n > 0)
      parts.push(
        `the ${n} ${n === 1 ? "score" : "scores"} typed for ${criterion.name} (its cells will compute from the indicators)`,
      );
  }
  for (const i of current.filter((x) => !kept.has(x.id))) {
    const n = data.agreements.filter((a) => (a.indicatorScores?.[i.id] ?? null) !== null).length;
    if (n > 0) parts.push(`${n} ${n === 1 ? "score" : "scores"} of ${i.name}`);
  }
  return parts.length === 0 ? "" : `${parts.join(" and ")} from the Scorecard sheet`;
}

export function IndicatorsPanel({
  data,
  id,
  onDone,
}: {
  data: ScorecardData;
  id: string;
  onDone: () => void;
}) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const styles = { ...useFormStyles(), ...useStyles() };
  const criterion = data.config.criteria.find((c) => c.id === id)!;
  const [drafts, setDrafts] = useState<Draft[]>(() => (criterion.indicators ?? []).map(draftOf));
  const [name, setName] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ list: Indicator[]; lost: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { scale } = data.config;
  const suggested = DEFAULT_INDICATORS[id];
  const set = (k: number, patch: Partial<Draft>) =>
    setDrafts(drafts.map((d, j) => (j === k ? { ...d, ...patch } : d)));

  const add = () => {
    const trimmed = name.trim();
    if (trimmed === "") return;
    const taken = [
      ...data.config.criteria.map((c) => c.id),
      ...data.config.criteria.flatMap((c) => (c.indicators ?? []).map((i) => i.id)),
      ...drafts.map((d) => d.id),
    ];
    setDrafts([
      ...drafts,
      { id: idFromName(trimmed, taken), name: trimmed, weight: "1", definition: "", anchorDrafts: null },
    ]);
    setName("");
  };

  const save = async (list: Indicator[], confirmed: boolean) => {
    if (await store.setIndicators(id, list, confirmed)) onDone();
  };

  const submit = () => {
    const list: Indicator[] = [];
    for (const d of drafts) {
      const indicator = indicatorOf(d);
      if (typeof indicator === "string") {
        setInvalid(indicator);
        return;
      }
      list.push(indicator);
    }
    setInvalid(null);
    const lost = lostScores(data, id, list);
    if (lost === "") void save(list, false);
    else setConfirming({ list, lost });
  };

  return (
    <form
      className={styles.form}
      aria-label={`Indicators of ${criterion.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Caption1>
        Indicators are what {criterion.name} is made of. Each gets its own Scorecard column; the
        criterion&apos;s score is their weighted mean under the scorecard&apos;s missing-score policy. Local
        weights count within this criterion only.
      </Caption1>
      {drafts.length === 0 && suggested && (
        <div>
          <Button
            size="small"
            onClick={() => setDrafts(suggested.map((i) => draftOf(indicatorOnScale(i, scale))))}
          >
            Use the {suggested.length} suggested indicators
          </Button>
        </div>
      )}
      {drafts.map((d, k) => (
        <div
          key={d.id}
          className={mergeClasses(styles.entry, styles.indicator)}
          role="group"
          aria-label={`Indicator ${k + 1}`}
        >
          <Field label="Name">
            <Input value={d.name} onChange={(_, v) => set(k, { name: v.value })} />
          </Field>
          <Field label="Local weight">
            <Input inputMode="decimal" value={d.weight} onChange={(_, v) => set(k, { weight: v.value })} />
          </Field>
          <div className={mergeClasses(styles.wide, styles.actions)}>
            <Button
              size="small"
              icon={<TextDescription16Regular />}
              aria-expanded={open === d.id}
              aria-label={`Definition and rubric of ${d.name || `indicator ${k + 1}`}`}
              onClick={() => setOpen(open === d.id ? null : d.id)}
            >
              Definition and rubric
            </Button>
            <RemoveItemButton
              label={`Remove ${d.name || `indicator ${k + 1}`}`}
              onRemove={() => setDrafts(drafts.filter((_, j) => j !== k))}
            />
          </div>
          {open === d.id && (
            <div className={mergeClasses(styles.wide, styles.form)}>
              <RubricFields
                definition={d.definition}
                onDefinition={(definition) => set(k, { definition })}
                scale={scale}
                of={d.name || `indicator ${k + 1}`}
                anchors={d.anchorDrafts ?? anchorDrafts(d.id, scale, d.anchors)}
                onChange={(next) => set(k, { anchorDrafts: next })}
              />
            </div>
          )}
        </div>
      ))}
      {drafts.length < MAX_INDICATORS_PER_CRITERION && (
        <div className={mergeClasses(styles.entry, styles.indicator)}>
          <Field label="New indicator's name">
            <Input value={name} onChange={(_, v) => setName(v.value)} />
          </Field>
          <Button icon={<Add16Regular />} disabled={name.trim() === ""} onClick={add}>
            Add
          </Button>
        </div>
      )}
      {invalid && (
        <Caption1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {invalid}
        </Caption1>
      )}
      {confirming ? (
        <InlineConfirm
          question="Save these indicators?"
          confirm="Save and remove those scores"
          cancel="Keep editing"
          onConfirm={() => void save(confirming.list, true)}
          onCancel={() => setConfirming(null)}
        >
          Saving removes {confirming.lost} (the Audit sheet keeps a record of each).
        </InlineConfirm>
      ) : (
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={busy !== null}>
            Save indicators
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </div>
      )}
    </form>
  );
}
