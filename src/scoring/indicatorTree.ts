/**
 * Indicators under a criterion (issue 16): the two-level scorecard's data, its errors and its
 * validation. A criterion with indicators is scored through them; one without is scored directly.
 */
import { MAX_PAIRWISE_CRITERIA } from "./ahp";
import { MAX_CRITERION_ID, MAX_CRITERION_NAME, MAX_DEFINITION_TEXT, validateCriteria } from "./criteria";
import { ScoringError, type ScoringErrorCode, type ScoringErrorPlace } from "./errors";
import type { Criterion, RubricAnchor } from "./types";
import { normalizeWeights } from "./weights";

export interface Indicator {
  /** Stable key, unique across the whole scorecard (criteria and indicators); name-safe like a criterion id. */
  id: string;
  /** The header of the indicator's Scorecard column. */
  name: string;
  definition?: string;
  anchors?: RubricAnchor[];
  /** Raw, non-negative weight within its criterion; normalized among the criterion's indicators. */
  localWeight: number;
}

/**
 * Criterion id → its indicators, in display order. A criterion that is not a key, or whose list is
 * empty, has no indicators and is scored directly.
 */
export type IndicatorTree = Readonly<Record<string, readonly Indicator[]>>;

/**
 * At most this many indicators under one criterion: every weighting method must work at every node,
 * and pairwise comparison stops at the size Saaty's random-index table covers.
 */
export const MAX_INDICATORS_PER_CRITERION = MAX_PAIRWISE_CRITERIA;

export interface IndicatorErrorPlace extends ScoringErrorPlace {
  indicatorId?: string;
}

/** A ScoringError whose place also names the indicator, so that the pane can point at its column. */
export class IndicatorError extends ScoringError {
  declare readonly place: IndicatorErrorPlace;

  constructor(code: ScoringErrorCode, message: string, place: IndicatorErrorPlace) {
    super(code, message, place);
  }
}

/** The criterion's indicators; empty when it has none. Reads own keys only ("constructor" is no criterion). */
export function indicatorsOf(tree: IndicatorTree, criterionId: string): readonly Indicator[] {
  return Object.prototype.hasOwnProperty.call(tree, criterionId) ? tree[criterionId] : [];
}

/**
 * "Criterion "op", indicator 2 ("shared_logistics")": where an indicator sits, 1-based for people.
 * `k` is the indicator's position under the criterion.
 */
export function describeIndicator(criterionId: string, k: number, indicatorId: unknown): string {
  const id = typeof indicatorId === "string" && indicatorId !== "" ? ` (${JSON.stringify(indicatorId)})` : "";
  return `Criterion "${criterionId}", indicator ${k + 1}${id}`;
}

/**
 * Runs `compute` (a weights.ts or ahp.ts function applied to one criterion's indicators) and turns
 * its ScoringError into an IndicatorError that names the criterion and, from the error's index or
 * matrix cell, the indicators. Those functions speak of criteria; here they are indicators, so the
 * words are changed in the message (it carries no ids: none are passed to them).
 */
export function forIndicators<T>(criterionId: string, indicators: readonly Indicator[], compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    const { index, cell } = error.place;
    const k = index ?? cell?.[0];
    const where =
      cell !== undefined && cell[0] !== cell[1]
        ? `Criterion "${criterionId}", indicators ${cell[0] + 1} (${JSON.stringify(indicators[cell[0]]?.id)}) and ${cell[1] + 1} (${JSON.stringify(indicators[cell[1]]?.id)})`
        : k === undefined
          ? `Criterion "${criterionId}", its indicators`
          : describeIndicator(criterionId, k, indicators[k]?.id);
    const indicatorId = k === undefined ? undefined : indicators[k]?.id;
    throw new IndicatorError(error.code, `${where}: ${asIndicatorWords(error.message)}`, {
      ...error.place,
      criterionId,
      ...(indicatorId === undefined ? {} : { indicatorId }),
    });
  }
}

function asIndicatorWords(message: string): string {
  return message.replace(/\b([Cc])riteri(on|a)\b/g, (_, c: string, ending: string) => {
    const word = ending === "on" ? "indicator" : "indicators";
    return c === "C" ? word[0].toUpperCase() + word.slice(1) : word;
  });
}

/**
 * The id rule of criteria, which become parts of defined names (AS_W_<id>): at most
 * MAX_CRITERION_ID letters, digits and underscores, not starting with a digit, and not readable as a
 * cell address such as "ab12". It mirrors isNameSafeId in src/workbook/contract/freeNames.ts, which the scoring
 * model cannot import (it stays free of the workbook layer).
 */
export function isNameSafeIndicatorId(id: string): boolean {
  return (
    id.length <= MAX_CRITERION_ID && /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) && !/^[A-Za-z]{1,3}[0-9]+$/.test(id)
  );
}

type NamedCriterion = Pick<Criterion, "id" | "name"> & { definition?: string };

/**
 * Throws unless `tree` is usable under `criteria` (which must pass validateCriteria): every key a
 * criterion id; at most MAX_INDICATORS_PER_CRITERION indicators per criterion; every indicator id
 * name-safe (isNameSafeIndicatorId) and unique, ignoring case, across criteria and indicators; every
 * name a one-line table header of at most MAX_CRITERION_NAME characters, unique ignoring case across
 * criteria and indicators (they share the Scorecard table's header row, and Excel renames a header
 * equal but for case); definitions within a cell; local weights finite, non-negative and not all
 * zero under a criterion.
 */
export function validateIndicators(criteria: readonly NamedCriterion[], tree: IndicatorTree): void {
  validateCriteria(criteria);
  checkTreeShape(
    criteria.map((criterion) => criterion.id),
    tree,
  );
  const ids = new Map<string, string>(
    criteria.map((c) => [c.id.trim().toLowerCase(), `criterion "${c.id}"`]),
  );
  const names = new Map<string, string>(
    criteria.map((c) => [c.name.trim().toLowerCase(), `criterion "${c.id}" ("${c.name.trim()}")`]),
  );
  for (const criterion of criteria) {
    const indicators = indicatorsOf(tree, criterion.id);
    indicators.forEach((indicator, k) => {
      const where = describeIndicator(criterion.id, k, indicator?.id);
      const place: IndicatorErrorPlace = { criterionId: criterion.id, index: k };
      if (typeof indicator?.id === "string") place.indicatorId = indicator.id;
      checkId(indicator, where, place, ids);
      checkName(indicator, where, place, names);
      checkDefinition(indicator, where, place);
    });
    if (indicators.length > 0) normalizedLocalWeights(criterion.id, indicators);
  }
}

/**
 * The checks every use of a tree needs: an object whose keys are criterion ids, each holding a list
 * of at most MAX_INDICATORS_PER_CRITERION indicators.
 */
export function checkTreeShape(criterionIds: readonly string[], tree: IndicatorTree): void {
  if (typeof tree !== "object" || tree === null || Array.isArray(tree)) {
    throw new ScoringError(
      "InvalidArgument",
      "The indicators are not given as { criterionId: [indicators] }; pass an object (empty when no criterion has indicators).",
    );
  }
  const known = new Set(criterionIds);
  for (const key of Object.keys(tree)) {
    if (!known.has(key)) {
      throw new ScoringError(
        "UnknownCriterion",
        `Indicators are listed under "${key}", which is not a criterion; move them under an existing criterion or remove them.`,
        { criterionId: key },
      );
    }
    checkList(key, tree[key]);
  }
}

function checkList(criterionId: string, indicators: unknown): void {
  if (!Array.isArray(indicators)) {
    throw new ScoringError(
      "InvalidArgument",
      `The indicators of criterion "${criterionId}" are not a list; pass an array of indicators (empty for none).`,
      { criterionId },
    );
  }
  if (indicators.length > MAX_INDICATORS_PER_CRITERION) {
    throw new ScoringError(
      "InvalidArgument",
      `Criterion "${criterionId}" has ${indicators.length} indicators but at most ${MAX_INDICATORS_PER_CRITERION} are supported (so that every weighting method, pairwise comparison included, works under it); remove ${indicators.length - MAX_INDICATORS_PER_CRITERION} or split the criterion.`,
      { criterionId },
    );
  }
}

function checkId(
  indicator: Indicator | null,
  where: string,
  place: IndicatorErrorPlace,
  seen: Map<string, string>,
): void {
  if (typeof indicator !== "object" || indicator === null) {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} is not an indicator; give it an id, a name and a local weight.`,
      place,
    );
  }
  const { id } = indicator;
  if (typeof id !== "string" || id.trim() === "") {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} has no id; give it a short unique id such as "joint_exercises".`,
      place,
    );
  }
  if (!isNameSafeIndicatorId(id)) {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} has an id that cannot be part of an Excel defined name; use at most ${MAX_CRITERION_ID} letters, digits and underscores, starting with a letter or underscore and not readable as a cell address such as "ab12".`,
      place,
    );
  }
  const other = seen.get(id.toLowerCase());
  if (other !== undefined) {
    throw new IndicatorError(
      "DuplicateId",
      `${where} has the same id as ${other} (ids are compared ignoring case, like Excel names); give the indicator its own id.`,
      place,
    );
  }
  seen.set(id.toLowerCase(), `indicator "${id}"`);
}

const BREAKS: [RegExp, string, string][] = [
  [/[\r\n]/, "a line break", "put the name on one line"],
  [/\t/, "a tab", "replace the tab with a space"],
];

/** The name heads the indicator's Scorecard column: one line, short enough, unique ignoring case. */
function checkName(
  indicator: Indicator,
  where: string,
  place: IndicatorErrorPlace,
  seen: Map<string, string>,
) {
  const { name } = indicator;
  if (typeof name !== "string" || name.trim() === "") {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} has no name; enter the name shown to analysts.`,
      place,
    );
  }
  for (const [pattern, what, fix] of BREAKS) {
    if (pattern.test(name)) {
      throw new IndicatorError(
        "InvalidArgument",
        `${where} has ${what} in its name ${JSON.stringify(name)}; ${fix} (the name is the header of its column in the Scorecard table).`,
        place,
      );
    }
  }
  if (name.length > MAX_CRITERION_NAME) {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} has a name of ${name.length} characters, but Excel allows at most ${MAX_CRITERION_NAME} in a table header; shorten it by ${name.length - MAX_CRITERION_NAME} (the definition can hold the detail).`,
      place,
    );
  }
  const key = name.trim().toLowerCase();
  const other = seen.get(key);
  if (other !== undefined) {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} is named "${name.trim()}" like ${other}; Excel does not tell table headers apart by case and would rename the second column "${name.trim()}2". Give the indicator another name.`,
      place,
    );
  }
  seen.set(key, `indicator "${indicator.id}" ("${name.trim()}")`);
}

function checkDefinition(indicator: Indicator, where: string, place: IndicatorErrorPlace): void {
  const { definition } = indicator;
  if (definition === undefined) return;
  if (typeof definition !== "string") {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} has a definition that is not text; enter a one-line definition or leave it out.`,
      place,
    );
  }
  if (definition.length > MAX_DEFINITION_TEXT) {
    throw new IndicatorError(
      "InvalidArgument",
      `${where} has a definition of ${definition.length.toLocaleString("en")} characters, but an Excel cell holds at most ${MAX_DEFINITION_TEXT.toLocaleString("en")}; shorten it by ${(definition.length - MAX_DEFINITION_TEXT).toLocaleString("en")}.`,
      place,
    );
  }
}

/**
 * The criterion's local weights normalized to sum 1, in the indicators' order; an error naming the
 * indicator when one is negative or not finite, or the criterion when all are zero.
 */
export function normalizedLocalWeights(criterionId: string, indicators: readonly Indicator[]): number[] {
  return forIndicators(criterionId, indicators, () =>
    normalizeWeights(indicators.map((indicator) => indicator.localWeight)),
  );
}
