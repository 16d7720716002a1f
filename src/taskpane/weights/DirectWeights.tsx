/**
 * Direct weights: a slider and a percent field per item (criterion or indicator), and a lock. Moving
 * one rebalances the unlocked others in proportion (setWeightWithLocks). A slider writes once it has
 * rested for a moment; a typed percent writes when the field is left or Enter is pressed.
 */
import React, { useEffect, useRef, useState } from "react";
import { Body1, Caption1, Input, makeStyles, Slider, ToggleButton, tokens } from "@fluentui/react-components";
import { LockClosed16Regular, LockOpen16Regular } from "@fluentui/react-icons";
import { setWeightWithLocks } from "../../scoring/weights";
import { parseNumber, percent } from "../components/format";
import { usePlainListClass } from "../components/plainList";
import { rawWeights } from "./shares";
import type { WeightTarget } from "./targets";

/** A slider writes once it has not moved for this long (ms). */
export const SLIDER_SETTLE_MS = 400;

const useStyles = makeStyles({
  head: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  controls: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 5.5em",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  slider: { minWidth: 0, width: "100%" },
  percentInput: { width: "100%", minWidth: 0 },
  name: { overflowWrap: "anywhere" },
});

export function DirectWeights({ target }: { target: WeightTarget }) {
  const styles = useStyles();
  const listClass = usePlainListClass("stack", "M");
  const { items, noun } = target;
  const current = target.shares;
  const [preview, setPreview] = useState<number[] | null>(null);
  const [locked, setLocked] = useState<boolean[]>(() => items.map(() => false));
  const [editing, setEditing] = useState<{ k: number; text: string } | null>(null);
  const [clampedAt, setClampedAt] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const key = target.key;

  // A new read of the workbook replaces the preview unless a write is still pending.
  useEffect(() => {
    if (timer.current === null) setPreview(null);
  }, [key]);
  useEffect(() => {
    if (locked.length !== items.length) setLocked(items.map(() => false));
  }, [items, locked.length]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const shown = preview !== null && preview.length === items.length ? preview : current;
  const locks = locked.length === items.length ? locked : items.map(() => false);

  const commit = (weights: number[]) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    void target.apply(rawWeights(items, weights), { method: "direct" }).then(() => setPreview(null));
  };

  const move = (k: number, share: number, settle: boolean) => {
    if (!Number.isFinite(share)) return;
    const result = setWeightWithLocks(shown, locks, k, share);
    setClampedAt(result.clamped ? k : null);
    setPreview(result.weights);
    if (!settle) {
      commit(result.weights);
      return;
    }
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(result.weights), SLIDER_SETTLE_MS);
  };

  const finishTyping = () => {
    if (editing === null) return;
    const value = parseNumber(editing.text);
    setEditing(null);
    if (value === null || Number.isNaN(value)) return;
    move(editing.k, value / 100, false);
  };

  const othersLocked = (k: number) => locks.every((l, j) => j === k || l);

  return (
    <ul className={listClass} aria-label="Weights in percent">
      {items.map((c, k) => {
        const name = c.name;
        const text = editing?.k === k ? editing.text : (shown[k] * 100).toFixed(1);
        return (
          <li key={c.id}>
            <div className={styles.head}>
              <Body1 as="span" id={`weight-name-${c.id}`} className={styles.name}>
                {name}
              </Body1>
              <ToggleButton
                size="small"
                appearance="subtle"
                checked={locks[k]}
                icon={locks[k] ? <LockClosed16Regular /> : <LockOpen16Regular />}
                aria-label={`Lock ${name}`}
                title={locks[k] ? `${name} is locked: other changes leave it alone` : `Lock ${name}`}
                onClick={() => setLocked(locks.map((l, j) => (j === k ? !l : l)))}
              />
            </div>
            <div className={styles.controls}>
              <Slider
                className={styles.slider}
                min={0}
                max={100}
                value={Math.round(shown[k] * 100)}
                aria-label={`${name} weight, percent`}
                aria-valuetext={percent(shown[k])}
                disabled={othersLocked(k)}
                onChange={(_, d) => move(k, d.value / 100, true)}
              />
              <Input
                className={styles.percentInput}
                inputMode="decimal"
                aria-label={`${name} weight in percent`}
                contentAfter="%"
                value={text}
                disabled={othersLocked(k)}
                onChange={(_, d) => setEditing({ k, text: d.value })}
                onBlur={finishTyping}
                onKeyDown={(e) => {
                  if (e.key === "Enter") finishTyping();
                  if (e.key === "Escape") setEditing(null);
                }}
              />
            </div>
            {othersLocked(k) && items.length > 1 && (
              <Caption1>Every other {noun.one} is locked; unlock one to change this weight.</Caption1>
            )}
            {clampedAt === k && !othersLocked(k) && (
              <Caption1>Limited by the locked weights: {percent(shown[k])} is as far as it goes.</Caption1>
            )}
          </li>
        );
      })}
    </ul>
  );
}
