/**
 * Indicators in an imported list (issue 16). A CSV column headed "Criterion / Indicator" (each side
 * by name or id) or by an indicator's id scores that indicator: a default criterion's suggested
 * indicator (DEFAULT_INDICATORS) when it names one, otherwise a new indicator of local weight 1.
 * The criterion is then scored through the indicators its columns name, in column order. After
 * createScorecard has written the flat scorecard, addImportedIndicators gives each such criterion
 * its indicators and writes their scores, as the pane would (setIndicators, upsertAgreements).
 */
import { DEFAULT_INDICATORS, type Indicator } from "../../scoring/indicators";
import { INDICATOR_HEADER_SEPARATOR } from "../contract/contract";
import type { CriterionConfig } from "../contract/meta";
import { idFromName } from "../contract/freeNames";
import { setIndicators } from "../criteria/editIndicators";
import type { AgreementRecord } from "../model";
import type { ExcelRun } from "../run";
import { locateScorecard } from "../scorecard/locate";
import { readScorecard } from "../scorecard/read";
import { upsertAgreements } from "./upsert";

export interface IndicatorColumn {
  criterion: CriterionConfig;
  indicator: Indicator;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The indicator a header names, or undefined when it names none. `find` finds a criterion by name
 * or id; `taken` holds the ids in use, and takes the id of a new indicator.
 */
export function indicatorColumnFor(
  header: string,
  criteria: readonly CriterionConfig[],
  find: (key: string) => CriterionConfig | undefined,
  taken: Set<string>,
): IndicatorColumn | undefined {
  const cut = header.indexOf(INDICATOR_HEADER_SEPARATOR);
  if (cut < 0) {
    // By id alone: a suggested indicator of one of the scorecard's criteria.
    for (const criterion of criteria) {
      const found = (DEFAULT_INDICATORS[criterion.id] ?? []).find((i) => same(i.id, header));
      if (found) return { criterion, indicator: copy(found) };
    }
    return undefined;
  }
  const criterion = find(header.slice(0, cut));
  const name = header.slice(cut + INDICATOR_HEADER_SEPARATOR.length).trim();
  if (!criterion || name === "") return undefined;
  return { criterion, indicator: namedIndicator(criterion.id, name, taken) };
}

/**
 * The indicator named `name` under a criterion: the criterion's suggested indicator of that name
 * or id (an editable copy), or else a new one of local weight 1 whose id `taken` records.
 */
export function namedIndicator(criterionId: string, name: string, taken: Set<string>): Indicator {
  const suggested = (DEFAULT_INDICATORS[criterionId] ?? []).find(
    (i) => same(i.id, name) || same(i.name, name),
  );
  if (suggested) return copy(suggested);
  const id = idFromName(name, taken);
  taken.add(id);
  return { id, name, localWeight: 1 };
}

/** A suggested indicator as an editable copy (the defaults are frozen). */
const copy = (i: Indicator): Indicator => ({ ...i, anchors: i.anchors?.map((a) => ({ ...a })) });

/**
 * Gives each imported criterion its indicators and writes the agreements' indicator scores; a
 * scorecard without indicators is left as it is. Two reads and writes per criterion with indicators,
 * then one read and one write for all the scores.
 */
export async function addImportedIndicators(
  run: ExcelRun,
  created: { config: { criteria: CriterionConfig[] }; agreements?: AgreementRecord[]; author?: string },
): Promise<void> {
  const withIndicators = created.config.criteria.filter((c) => (c.indicators ?? []).length > 0);
  if (withIndicators.length === 0) return;
  const author = created.author ?? "";
  const read = async () => readScorecard(run, (await locateScorecard(run))!);
  for (const c of withIndicators) await setIndicators(run, await read(), c.id, c.indicators!, { author });
  const scored = (created.agreements ?? []).filter((a) => Object.keys(a.indicatorScores ?? {}).length > 0);
  if (scored.length === 0) return;
  await upsertAgreements(
    run,
    await read(),
    scored.map((a) => ({ id: a.id, indicatorScores: a.indicatorScores })),
    { author },
  );
}
