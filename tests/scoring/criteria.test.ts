import {
  anchorsForScale,
  DEFAULT_CRITERIA,
  MAX_CRITERIA,
  MAX_CRITERION_NAME,
  validateCriteria,
} from "../../src/scoring/criteria";
import type { Criterion } from "../../src/scoring/types";
import { thrownScoringError } from "./scoringErrorOf";

function criterion(id: string, name = `Name of ${id}`): Criterion {
  return { id, name, definition: "", anchors: [] };
}

/** The criteria table of docs/architecture.md §2. */
const DESIGN_TABLE: [string, string, string][] = [
  [
    "operational_efficiency",
    "Operational efficiency",
    "how smoothly the partners coordinate and share resources: joint planning, logistics and cross-servicing, interoperability, liaison and command arrangements",
  ],
  [
    "strategic_alignment",
    "Strategic alignment",
    "how far joint actions serve the partners' overarching security objectives: shared threat perception, aligned policy and doctrine, compatibility with sovereignty and law, durable political commitment",
  ],
  [
    "capability_enhancement",
    "Capability enhancement",
    "how much the cooperation has strengthened the partners' defense capabilities: technology transfer, joint research and procurement, training and exercises, new domains such as cyber and space",
  ],
  [
    "threat_response",
    "Threat response",
    "how efficiently the partners respond together to common threats: intelligence sharing, clear activation of mutual obligations, rapid response and crisis coordination, adaptation to hybrid and emerging threats",
  ],
];

describe("DEFAULT_CRITERIA", () => {
  it("are the four criteria of the design, with their names and definitions", () => {
    expect(DEFAULT_CRITERIA.map((c) => [c.id, c.name, c.definition])).toEqual(
      DESIGN_TABLE.map(([id, name, text]) => [id, name, `${text[0].toUpperCase()}${text.slice(1)}.`]),
    );
  });

  it("anchor every integer point of 1–5 with the labels Very weak … Very strong", () => {
    for (const c of DEFAULT_CRITERIA) {
      expect(c.anchors.map((a) => a.value)).toEqual([1, 2, 3, 4, 5]);
      expect(c.anchors.map((a) => a.label)).toEqual([
        "Very weak",
        "Weak",
        "Moderate",
        "Strong",
        "Very strong",
      ]);
    }
  });

  it("describe each level in one criterion-specific sentence", () => {
    const all = DEFAULT_CRITERIA.flatMap((c) => c.anchors.map((a) => a.description));
    expect(new Set(all).size).toBe(all.length);
    for (const description of all) {
      expect(description).toMatch(/^[A-Z].{40,}\.$/);
      expect(description.slice(0, -1)).not.toMatch(/\.\s/);
    }
    const top = (id: string) => DEFAULT_CRITERIA.find((c) => c.id === id)?.anchors[4].description;
    expect(top("threat_response")).toMatch(/intelligence sharing/i);
    expect(top("threat_response")).toMatch(/hybrid/);
    expect(top("capability_enhancement")).toMatch(/technology transfer/);
    expect(top("operational_efficiency")).toMatch(/logistics/);
    expect(top("strategic_alignment")).toMatch(/treaty/);
  });

  it("are deeply frozen so that no caller edits the shared defaults", () => {
    expect(Object.isFrozen(DEFAULT_CRITERIA)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CRITERIA[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_CRITERIA[0].anchors)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CRITERIA[3].anchors[4])).toBe(true);
  });

  it("pass validation", () => {
    expect(() => validateCriteria(DEFAULT_CRITERIA)).not.toThrow();
  });
});

describe("validateCriteria", () => {
  it("accepts 1, 12 and MAX_CRITERIA (20) criteria", () => {
    expect(MAX_CRITERIA).toBe(20);
    for (const n of [1, 12, MAX_CRITERIA]) {
      const list = Array.from({ length: n }, (_, k) => criterion(`c${k}`));
      expect(() => validateCriteria(list)).not.toThrow();
    }
  });

  it("rejects an empty list", () => {
    const error = thrownScoringError(() => validateCriteria([]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toContain("add at least one criterion");
  });

  it("rejects more than MAX_CRITERIA criteria, saying how many to remove", () => {
    const list = Array.from({ length: 22 }, (_, k) => criterion(`c${k}`));
    const error = thrownScoringError(() => validateCriteria(list));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toBe("22 criteria are defined but at most 20 are supported; remove 2.");
  });

  it.each(["", "   "])("rejects the id %p, naming the position", (id) => {
    const error = thrownScoringError(() => validateCriteria([criterion("a"), criterion(id)]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ index: 1 });
    expect(error.message).toContain("Criterion 2 has no id");
  });

  it("rejects a non-string id", () => {
    const bad = { ...criterion("x"), id: 7 as unknown as string };
    expect(thrownScoringError(() => validateCriteria([bad])).place).toEqual({ index: 0 });
  });

  it("rejects duplicate ids, also when they differ only in case or spacing", () => {
    for (const duplicate of ["threat_response", "Threat_Response", " threat_response "]) {
      const error = thrownScoringError(() =>
        validateCriteria([criterion("cyber"), criterion("threat_response"), criterion(duplicate)]),
      );
      expect(error.code).toBe("DuplicateId");
      expect(error.place).toEqual({ criterionId: duplicate, index: 2 });
      expect(error.message).toContain("Criteria 2 and 3 share the id");
    }
  });

  it.each(["", "  "])("rejects the name %p, naming the criterion", (name) => {
    const error = thrownScoringError(() => validateCriteria([criterion("a"), criterion("space", name)]));
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ criterionId: "space", index: 1 });
    expect(error.message).toContain('Criterion "space" (criterion 2) has no name');
  });
});

describe("validateCriteria: names usable as table headers", () => {
  it.each([
    ["Threat\nresponse", "a line break", '"Threat\\nresponse"; put the name on one line'],
    ["Threat\r\nresponse", "a line break", '"Threat\\r\\nresponse"; put the name on one line'],
    ["Threat response\r", "a line break", '"Threat response\\r"; put the name on one line'],
    ["Threat\tresponse", "a tab", '"Threat\\tresponse"; replace the tab with a space'],
  ])("rejects the name %j, naming the criterion and what to change", (name, what, shown) => {
    const error = thrownScoringError(() =>
      validateCriteria([criterion("a"), criterion("threat_response", name)]),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ criterionId: "threat_response", index: 1 });
    expect(error.message).toBe(
      `Criterion "threat_response" (criterion 2) has ${what} in its name ${shown} (the name is the header of its column in the Scorecard table).`,
    );
  });

  it("accepts a name of 255 characters (Excel's limit for a table header) and rejects a longer one, saying by how much", () => {
    expect(MAX_CRITERION_NAME).toBe(255);
    expect(() => validateCriteria([criterion("long", "x".repeat(255))])).not.toThrow();
    expect(thrownScoringError(() => validateCriteria([criterion("long", "x".repeat(256))])).message).toMatch(
      /has a name of 256 characters, .* shorten it by 1 /,
    );
    const error = thrownScoringError(() =>
      validateCriteria([criterion("a"), criterion("long", "é".repeat(300))]),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ criterionId: "long", index: 1 });
    expect(error.message).toBe(
      'Criterion "long" (criterion 2) has a name of 300 characters, but Excel allows at most 255 in a table header; shorten it by 45 (the definition can hold the detail).',
    );
  });

  it.each([
    [
      "equal but for case",
      ["Threat response", "Cyber", " threat RESPONSE "],
      'Criteria 1 ("Threat response") and 3 ("threat RESPONSE") have the same name but for case; Excel does not tell table headers apart by case and would rename the second column "threat RESPONSE2". Give criterion 3 (id "c2") another name.',
    ],
    [
      "the same",
      ["Cyber", "Space", "Cyber"],
      'Criteria 1 ("Cyber") and 3 ("Cyber") have the same name; Excel does not tell table headers apart by case and would rename the second column "Cyber2". Give criterion 3 (id "c2") another name.',
    ],
  ])("rejects two names %s, naming both criteria and what Excel would do", (_, names, message) => {
    const error = thrownScoringError(() =>
      validateCriteria(names.map((name, k) => criterion(`c${k}`, name))),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(error.place).toEqual({ criterionId: "c2", index: 2 });
    expect(error.message).toBe(message);
  });

  it("accepts names that differ in more than case, with inner spaces and non-Latin letters", () => {
    expect(() =>
      validateCriteria([
        criterion("a", "Threat response"),
        criterion("b", "Threat  response"),
        criterion("c", "Réponse aux menaces"),
        criterion("d", "Ответ на угрозы"),
      ]),
    ).not.toThrow();
  });
});

describe("anchorsForScale", () => {
  const threat = DEFAULT_CRITERIA[3];

  it("moves the 1–5 anchors onto 0–10 and keeps their labels and descriptions", () => {
    const moved = anchorsForScale(threat, { min: 0, max: 10 });
    expect(moved.map((a) => a.value)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(moved.map((a) => a.label)).toEqual(threat.anchors.map((a) => a.label));
    expect(moved.map((a) => a.description)).toEqual(threat.anchors.map((a) => a.description));
  });

  it("is the identity on the default scale and maps onto 1–7 and 0–100", () => {
    expect(anchorsForScale(threat, { min: 1, max: 5 })).toEqual(threat.anchors);
    expect(anchorsForScale(threat, { min: 1, max: 7 }).map((a) => a.value)).toEqual([1, 2.5, 4, 5.5, 7]);
    expect(anchorsForScale(threat, { min: 0, max: 100 }).map((a) => a.value)).toEqual([0, 25, 50, 75, 100]);
  });

  it("maps anchors written for another scale when told which", () => {
    const custom: Criterion = {
      ...criterion("c"),
      anchors: [
        { value: 0, label: "None", description: "none" },
        { value: 10, label: "Full", description: "full" },
      ],
    };
    expect(anchorsForScale(custom, { min: 1, max: 5 }, { min: 0, max: 10 }).map((a) => a.value)).toEqual([
      1, 5,
    ]);
  });

  it("leaves the criterion untouched", () => {
    const before = structuredClone(threat);
    anchorsForScale(threat, { min: 0, max: 10 });
    expect(threat).toEqual(before);
  });

  it("rejects an invalid target or source scale", () => {
    expect(thrownScoringError(() => anchorsForScale(threat, { min: 10, max: 0 })).code).toBe("InvalidScale");
    expect(
      thrownScoringError(() => anchorsForScale(threat, { min: 0, max: 10 }, { min: 2, max: 2 })).code,
    ).toBe("InvalidScale");
  });
});
