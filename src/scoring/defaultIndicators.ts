/**
 * Suggested indicators for the four default criteria, from the mapping in the project's domain notes
 * (DOMAIN.md): three per criterion, equal local weights, rubric anchors for the default 1–5 scale.
 * An analyst accepts, edits or removes them; nothing adds them to a scorecard unasked.
 */
import { anchorsForScale, DEFAULT_CRITERIA } from "./criteria";
import type { Indicator, IndicatorTree } from "./indicatorTree";
import type { RubricAnchor, Scale } from "./types";

/** The default criteria's anchor points (values 1–5 and labels "Very weak" … "Very strong"). */
const LEVELS: readonly RubricAnchor[] = DEFAULT_CRITERIA[0].anchors;

type Five = readonly [string, string, string, string, string];

function indicator(id: string, name: string, definition: string, descriptions: Five): Indicator {
  const anchors = LEVELS.map(({ value, label }, k) => ({ value, label, description: descriptions[k] }));
  return { id, name, definition, anchors, localWeight: 1 };
}

/**
 * A suggested indicator as an editable copy, its anchors (written for the default 1–5 scale) moved
 * onto `scale` as a default criterion's are, rounded to 12 significant digits so that 0–10 gives
 * 2.5, not 2.4999999999999996.
 */
export function indicatorOnScale(i: Indicator, scale: Scale): Indicator {
  const rubric = { id: i.id, name: i.name, definition: i.definition ?? "", anchors: i.anchors ?? [] };
  const anchors = anchorsForScale(rubric, scale).map((a) => ({
    ...a,
    value: Number(a.value.toPrecision(12)),
  }));
  return { ...i, anchors };
}

/**
 * The suggested indicators, keyed by the default criteria's ids. Frozen: copy them (structuredClone)
 * before letting a user edit them. Use anchorsForScale to show their anchors on another scale.
 */
export const DEFAULT_INDICATORS: IndicatorTree = deepFreeze({
  operational_efficiency: [
    indicator(
      "joint_exercises",
      "Joint exercises and interoperability",
      "How often the partners' forces train together, and how far their equipment, procedures and communications work together.",
      [
        "No joint exercises; the partners' forces have no common procedures or compatible communications.",
        "Occasional small or tabletop exercises; units work together only through ad hoc workarounds.",
        "Combined exercises most years, some units trained to common procedures and a few compatible communication links.",
        "Regular combined exercises at formation level, common procedures in key areas and secure links between the partners' units.",
        "A standing exercise programme that certifies forces interoperable to common standards in equipment, procedures and communications.",
      ],
    ),
    indicator(
      "shared_logistics",
      "Shared logistics and resources",
      "How far the partners share equipment, bases, supplies and transport, through cross-servicing or pooled arrangements.",
      [
        "No logistics arrangement: each partner supplies and supports only its own forces.",
        "Support is negotiated case by case, with no standing agreement on supplies, access or reimbursement.",
        "A basic cross-servicing agreement, used occasionally, and access to some of the other partner's facilities.",
        "A cross-servicing agreement used routinely in exercises and operations, with agreed access to bases and shared stocks.",
        "Pooled logistics with shared bases, prepositioned stocks and transport, used day to day.",
      ],
    ),
    indicator(
      "command_liaison",
      "Command and liaison arrangements",
      "How the partners' headquarters plan and direct joint activity: liaison officers, joint planning bodies and command relationships.",
      [
        "No liaison officers, no joint planning body and no agreed command relationship.",
        "Staff talks from time to time; liaison is arranged only for particular events.",
        "Liaison officers at some headquarters and periodic joint planning conferences.",
        "Permanent liaison at the main headquarters, a standing joint planning body and agreed command relationships for combined operations.",
        "Combined command structures that plan and direct joint operations in peacetime as well as in crisis.",
      ],
    ),
  ],
  strategic_alignment: [
    indicator(
      "security_objectives",
      "Alignment with national security objectives",
      "How far the agreement serves each partner's stated security objectives and rests on a shared assessment of the threats.",
      [
        "The partners' threat assessments and security objectives diverge, and the agreement clearly serves neither.",
        "The overlap is limited to broad declarations; neither national security strategy relies on the agreement.",
        "The partners share the main threat assessment, and the agreement supports some objectives of each national strategy.",
        "A shared threat perception is written into joint strategy documents, and both national strategies rely on the agreement.",
        "A joint strategy serves each partner's core security objectives, is reviewed together and has outlasted changes of government.",
      ],
    ),
    indicator(
      "defense_obligations",
      "Clarity of mutual defense obligations",
      "How clearly the agreement states what each partner commits to: the triggers, the scope of assistance and how it is activated.",
      [
        "No mutual obligation, or one so vague that neither partner can say what it has committed to.",
        "A general promise to consult, with no stated triggers and no stated scope of assistance.",
        "Stated triggers, but the scope of assistance is left to each partner's decision at the time.",
        "Clear triggers and scope of assistance, with an agreed procedure for activating them.",
        "Unambiguous triggers, scope and activation procedure, ratified by each partner and rehearsed in exercises.",
      ],
    ),
    indicator(
      "legal_sovereignty",
      "Legal and sovereignty compatibility",
      "How well the agreement fits each partner's national law and international law, settles jurisdiction over personnel and respects each partner's autonomy in decisions.",
      [
        "The agreement conflicts with national or international law, or raises sovereignty objections that remain unresolved.",
        "Questions such as the status of personnel or jurisdiction are open, and the legal basis is contested at home.",
        "A sound legal basis, but jurisdiction, immunity or decision rights are settled case by case.",
        "A ratified legal basis with a status-of-forces arrangement; sovereignty concerns are addressed in the text.",
        "A ratified treaty fully compatible with each partner's law and with international law, with settled jurisdiction, decision rights and a working dispute-resolution procedure.",
      ],
    ),
  ],
  capability_enhancement: [
    indicator(
      "technology_transfer",
      "Technology transfer and joint R&D",
      "How much technology, know-how and joint research and development the partners share to modernise their forces.",
      [
        "No technology transfer and no joint research, development or procurement.",
        "Equipment sales only, without transfer of know-how or joint research.",
        "At least one joint research or procurement project, with limited technology transfer.",
        "Several joint research, development and procurement programmes with real technology transfer.",
        "Sustained co-development and co-production, with substantial technology transfer and shared industrial work.",
      ],
    ),
    indicator(
      "training_exchange",
      "Training and personnel exchange",
      "How much the partners train each other's personnel and exchange staff, instructors and students.",
      [
        "No shared training and no exchange of personnel.",
        "Occasional places on each other's courses, with no regular exchange.",
        "Regular places on each other's courses and some exchange of instructors or staff officers.",
        "Joint training programmes and routine exchange of personnel at several levels.",
        "Integrated training and long-term exchanges that place personnel in each other's units and headquarters.",
      ],
    ),
    indicator(
      "capability_gaps",
      "Capability gaps closed",
      "How far the cooperation has closed the capability gaps the partners identified, including in new domains such as cyber and space.",
      [
        "No identified capability gap has been closed through the cooperation.",
        "Gaps are identified, but progress stops at plans or studies.",
        "At least one identified gap has been closed or clearly reduced.",
        "Several identified gaps have been closed, with first joint capabilities in cyber or space.",
        "The main identified gaps have been closed and joint capabilities are fielded, including in cyber and space.",
      ],
    ),
  ],
  threat_response: [
    indicator(
      "intelligence_sharing",
      "Intelligence and information sharing",
      "How regularly, how quickly and how deeply the partners exchange intelligence, threat assessments and technical information.",
      [
        "No intelligence or information is shared.",
        "Intelligence is shared on request only, case by case.",
        "Regular exchange on agreed topics under an information-security agreement.",
        "Routine sharing of intelligence and threat assessments through secure channels, with some joint analysis.",
        "Standing, timely sharing with joint analysis and common threat assessments across all domains.",
      ],
    ),
    indicator(
      "response_mechanisms",
      "Coordinated response mechanisms",
      "How quickly and how coherently the partners can act together in a crisis: consultation mechanisms, response forces and crisis coordination.",
      [
        "No mechanism for consultation or coordinated action in a crisis.",
        "Crisis consultation is improvised, with no pre-agreed forces or procedures.",
        "A defined crisis consultation mechanism, but no designated response forces.",
        "Designated response forces and crisis coordination procedures that have been exercised.",
        "Joint rapid-response forces with pre-agreed activation, exercised regularly against realistic scenarios.",
      ],
    ),
    indicator(
      "emerging_threats",
      "Coverage of emerging threats (cyber, space)",
      "How far the cooperation covers hybrid and emerging threats: cyber, space, disinformation and new technologies.",
      [
        "Emerging and hybrid threats are not addressed.",
        "Emerging threats are mentioned in declarations only.",
        "Information on cyber or hybrid threats is exchanged, without joint plans or capabilities.",
        "Joint plans and exercises cover cyber and hybrid threats, with first cooperation in space.",
        "Joint capabilities and exercised plans against cyber, space and hybrid threats, adapted as the threats change.",
      ],
    ),
  ],
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
