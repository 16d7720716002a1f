/** Saaty's 1–9 scale as the pairwise comparison offers it: each pair's 17 choices and their words. */
import { SAATY_SCALE } from "../../scoring/ahp";

const VERBAL: Record<number, string> = {
  2: "equally to moderately more important",
  3: "moderately more important",
  4: "moderately to strongly more important",
  5: "strongly more important",
  6: "strongly to very strongly more important",
  7: "very strongly more important",
  8: "very strongly to extremely more important",
  9: "extremely more important",
};

/** "3" or "1/3": how a judgment is written (and the option value of the select). */
export function judgmentKey(value: number): string {
  const nearest = SAATY_SCALE.reduce((best, v) =>
    Math.abs(Math.log(value / v)) < Math.abs(Math.log(value / best)) ? v : best,
  );
  return nearest >= 1 ? String(Math.round(nearest)) : `1/${Math.round(1 / nearest)}`;
}

export function judgmentValue(key: string): number {
  const [a, b] = key.split("/");
  return b === undefined ? Number(a) : Number(a) / Number(b);
}

export interface JudgmentOption {
  key: string;
  label: string;
}

/**
 * The choices for "left compared with right", strongest preference for left first. Each starts with
 * its ratio, which a closed select in a 320 px pane still shows when the words are cut off.
 */
export function judgmentOptions(left: string, right: string): JudgmentOption[] {
  const options: JudgmentOption[] = [];
  for (let k = 9; k >= 2; k--) options.push({ key: String(k), label: `${k} · ${left} ${VERBAL[k]}` });
  options.push({ key: "1", label: "1 · Equally important" });
  for (let k = 2; k <= 9; k++) options.push({ key: `1/${k}`, label: `1/${k} · ${right} ${VERBAL[k]}` });
  return options;
}

/** The judgment as a sentence, shown in full under its select so that all of them can be read at a glance. */
export function judgmentSentence(left: string, right: string, key: string): string {
  const value = judgmentValue(key);
  if (value === 1) return `${left} and ${right} are equally important (1).`;
  const [more, less, k] = value > 1 ? [left, right, value] : [right, left, 1 / value];
  return `${more} is ${VERBAL[Math.round(k)]} than ${less} (${key}).`;
}

/** A ratio written for people: 2.8735 → "2.87", 0.348 → "1/2.87". */
export function ratioText(value: number): string {
  const digits = (x: number) => String(Number(x.toPrecision(3)));
  return value >= 1 ? digits(value) : `1/${digits(1 / value)}`;
}
