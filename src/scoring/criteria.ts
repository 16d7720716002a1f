/**
 * The default criteria and their rubrics (docs/architecture.md §2), validation of a user-edited criteria list,
 * and re-anchoring of a rubric written for 1–5 onto another scale.
 */
import { ScoringError } from "./errors";
import { DEFAULT_SCALE, validateScale } from "./scale";
import type { Criterion, RubricAnchor, Scale } from "./types";

/** Upper bound on the number of criteria; the product promises at least 12. */
export const MAX_CRITERIA = 20;

/**
 * The longest criterion name: a criterion's name is the header of its Scorecard column, and Excel
 * keeps a table column's name (which must equal its header cell) to 255 characters ([MS-OI29500]
 * 2.1.681, tableColumn @name), although a cell holds 32,767.
 */
export const MAX_CRITERION_NAME = 255;

/** A definition is written into one cell of the Weights sheet, which holds 32,767 characters. */
export const MAX_DEFINITION_TEXT = 32_767;

/**
 * The longest id a new criterion gets. The Weighted score formula names each criterion's weight
 * (AS_W_<id>) up to three times, so with MAX_CRITERIA criteria the id's length decides whether the
 * formula stays within Excel's 8,192 characters: at 32 it is at most about 6,400, wherever the
 * table sits. Ids made from names are cut to this length.
 */
export const MAX_CRITERION_ID = 32;

const LEVEL_LABELS = ["Very weak", "Weak", "Moderate", "Strong", "Very strong"] as const;

/** Builds the anchors 1–5 of DEFAULT_SCALE from five descriptions, weakest first. */
function anchors(descriptions: readonly [string, string, string, string, string]): RubricAnchor[] {
  return descriptions.map((description, k) => ({
    value: DEFAULT_SCALE.min + k,
    label: LEVEL_LABELS[k],
    description,
  }));
}

/**
 * The four default criteria. Their rubric anchors are written for the default 1–5 scale; use
 * anchorsForScale to show them on another scale. The list is frozen: copy it (structuredClone)
 * before letting a user edit it.
 */
export const DEFAULT_CRITERIA: readonly Criterion[] = deepFreeze([
  {
    id: "operational_efficiency",
    name: "Operational efficiency",
    definition:
      "How smoothly the partners coordinate and share resources: joint planning, logistics and cross-servicing, interoperability, liaison and command arrangements.",
    anchors: anchors([
      "No standing coordination: planning stays national, there is no logistics or cross-servicing arrangement and no liaison or shared communications.",
      "Coordination is ad hoc through occasional staff talks, logistics support is negotiated case by case and the partners' systems cannot exchange data.",
      "Periodic joint planning conferences, a basic cross-servicing arrangement and liaison officers at some headquarters, with interoperability limited to a few units.",
      "Regular joint planning, a cross-servicing agreement used in exercises, common procedures and secure communications linking the partners' headquarters.",
      "Combined command arrangements, pooled logistics with routine cross-servicing and forces certified interoperable to common standards in day-to-day operations.",
    ]),
  },
  {
    id: "strategic_alignment",
    name: "Strategic alignment",
    definition:
      "How far joint actions serve the partners' overarching security objectives: shared threat perception, aligned policy and doctrine, compatibility with sovereignty and law, durable political commitment.",
    anchors: anchors([
      "The partners' threat assessments and security goals diverge, the agreement raises unresolved sovereignty or legal objections and political support is absent.",
      "Shared objectives are narrow and declaratory, doctrine is not aligned and the commitment depends on the governments currently in office.",
      "The partners share the main threat assessment and some policy goals on a sound legal basis, but commitment is renewed case by case.",
      "A shared threat perception is written into joint strategy documents, doctrine is aligned in key areas and a ratified legal basis enjoys cross-party support.",
      "A joint strategy and doctrine rest on a ratified treaty fully compatible with each partner's sovereignty and law, and the commitment has outlasted changes of government.",
    ]),
  },
  {
    id: "capability_enhancement",
    name: "Capability enhancement",
    definition:
      "How much the cooperation has strengthened the partners' defense capabilities: technology transfer, joint research and procurement, training and exercises, new domains such as cyber and space.",
    anchors: anchors([
      "No measurable capability gain: no technology transfer, joint research, common procurement or combined training has taken place.",
      "Occasional training courses or equipment sales, without technology transfer or any joint research or procurement programme.",
      "Combined exercises every year and at least one joint research or procurement project, with limited technology transfer.",
      "Regular large-scale combined exercises, several joint research and procurement programmes with real technology transfer, and first cooperation in cyber or space.",
      "Sustained co-development and co-production with substantial technology transfer, an integrated exercise programme and joint capabilities fielded in cyber and space.",
    ]),
  },
  {
    id: "threat_response",
    name: "Threat response",
    definition:
      "How efficiently the partners respond together to common threats: intelligence sharing, clear activation of mutual obligations, rapid response and crisis coordination, adaptation to hybrid and emerging threats.",
    anchors: anchors([
      "No intelligence sharing, no mechanism to activate mutual obligations and no arrangement for coordinating in a crisis.",
      "Intelligence is shared only on request, the obligations to respond are vaguely worded and crisis coordination is improvised.",
      "Regular intelligence exchange on agreed topics and a defined crisis consultation mechanism, but no pre-agreed response forces or hybrid-threat planning.",
      "Routine intelligence sharing, clear triggers and procedures for mutual obligations, and designated response forces with crisis coordination that has been exercised.",
      "Standing intelligence sharing, pre-agreed activation of mutual obligations and joint rapid-response forces exercised against hybrid threats.",
    ]),
  },
]);

/**
 * Throws unless the list is usable as the scorecard's criteria: 1 to MAX_CRITERIA entries, every id
 * non-empty and unique, every name non-empty, on one line, without tabs, at most MAX_CRITERION_NAME
 * characters and unique, every definition given no longer than a cell holds. Ids and names are compared trimmed and case-insensitively, because Excel
 * treats defined names and table headers case-insensitively: given two headers equal but for case,
 * it renames the second ("Threat response" and "threat response" become "Threat response" and
 * "threat response2"), and the column would no longer be found by its criterion's name.
 */
export function validateCriteria(
  criteria: readonly (Pick<Criterion, "id" | "name"> & { definition?: string })[],
): void {
  if (criteria.length === 0) {
    throw new ScoringError("InvalidArgument", "No criteria are defined; add at least one criterion.");
  }
  if (criteria.length > MAX_CRITERIA) {
    throw new ScoringError(
      "InvalidArgument",
      `${criteria.length} criteria are defined but at most ${MAX_CRITERIA} are supported; remove ${criteria.length - MAX_CRITERIA}.`,
    );
  }
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  criteria.forEach((criterion, index) => {
    const id = typeof criterion.id === "string" ? criterion.id.trim() : "";
    if (id === "") {
      throw new ScoringError(
        "InvalidArgument",
        `Criterion ${index + 1} has no id; give it a short unique id such as "cyber_defense".`,
        { index },
      );
    }
    const first = seenIds.get(id.toLowerCase());
    if (first !== undefined) {
      throw new ScoringError(
        "DuplicateId",
        `Criteria ${first + 1} and ${index + 1} share the id "${id}"; give each criterion its own id.`,
        { criterionId: criterion.id, index },
      );
    }
    seenIds.set(id.toLowerCase(), index);
    checkName(criterion, index);
    const definition = criterion.definition?.length ?? 0;
    if (definition > MAX_DEFINITION_TEXT) {
      throw new ScoringError(
        "InvalidArgument",
        `Criterion "${criterion.id}" (criterion ${index + 1}) has a definition of ${definition.toLocaleString("en")} characters, but an Excel cell holds at most ${MAX_DEFINITION_TEXT.toLocaleString("en")}; shorten it by ${(definition - MAX_DEFINITION_TEXT).toLocaleString("en")}.`,
        { criterionId: criterion.id, index },
      );
    }
    const key = criterion.name.trim().toLowerCase();
    const same = seenNames.get(key);
    if (same !== undefined) {
      const other = criteria[same].name.trim();
      const name = criterion.name.trim();
      throw new ScoringError(
        "InvalidArgument",
        `Criteria ${same + 1} ("${other}") and ${index + 1} ("${name}") have the same name${other === name ? "" : " but for case"}; Excel does not tell table headers apart by case and would rename the second column "${name}2". Give criterion ${index + 1} (id "${criterion.id}") another name.`,
        { criterionId: criterion.id, index },
      );
    }
    seenNames.set(key, index);
  });
}

const BREAKS: [RegExp, string, string][] = [
  [/[\r\n]/, "a line break", "put the name on one line"],
  [/\t/, "a tab", "replace the tab with a space"],
];

/** A criterion's name must be usable as a one-line table header. */
function checkName(criterion: Pick<Criterion, "id" | "name">, index: number) {
  const place = { criterionId: criterion.id, index };
  const which = `Criterion "${criterion.id}" (criterion ${index + 1})`;
  if (typeof criterion.name !== "string" || criterion.name.trim() === "") {
    throw new ScoringError(
      "InvalidArgument",
      `${which} has no name; enter the name shown to analysts.`,
      place,
    );
  }
  for (const [pattern, what, fix] of BREAKS) {
    if (pattern.test(criterion.name)) {
      throw new ScoringError(
        "InvalidArgument",
        `${which} has ${what} in its name ${JSON.stringify(criterion.name)}; ${fix} (the name is the header of its column in the Scorecard table).`,
        place,
      );
    }
  }
  const length = criterion.name.length;
  if (length > MAX_CRITERION_NAME) {
    throw new ScoringError(
      "InvalidArgument",
      `${which} has a name of ${length} characters, but Excel allows at most ${MAX_CRITERION_NAME} in a table header; shorten it by ${length - MAX_CRITERION_NAME} (the definition can hold the detail).`,
      place,
    );
  }
}

/**
 * The criterion's anchors moved linearly from the scale they were written for (`from`, by default
 * 1–5) onto `scale`, so that e.g. "Moderate" (3 on 1–5) sits at 5 on 0–10.
 */
export function anchorsForScale(
  criterion: Criterion,
  scale: Scale,
  from: Scale = DEFAULT_SCALE,
): RubricAnchor[] {
  validateScale(scale);
  validateScale(from);
  return criterion.anchors.map((anchor) => ({
    ...anchor,
    // Multiply before dividing so that the end points land exactly on the new bounds.
    value: scale.min + ((anchor.value - from.min) * (scale.max - scale.min)) / (from.max - from.min),
  }));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
