/** Rationale lines in the Notes cell for criteria and, in a two-level scorecard, each indicator (issue 16). */
import { joinNotes, splitNotes } from "../../src/workbook/agreements/rationale";

const criteria = [
  {
    id: "ops",
    name: "Operations",
    indicators: [
      { id: "joint", name: "Joint exercises" },
      { id: "joint_plus", name: "Joint exercises: advanced" },
    ],
  },
  { id: "threat", name: "Threat response" },
  { id: "threat_time", name: "Threat response time" },
];

describe("rationale per indicator in the Notes cell", () => {
  it("names an indicator's line by its column header, after its criterion's, and reads it back", () => {
    const split = {
      general: "Seen in May",
      rationale: {
        ops: "Overall good",
        joint: "Two exercises: one naval",
        joint_plus: "None yet",
        threat_time: "Hours",
      },
    };
    const notes = joinNotes(split, criteria);
    expect(notes).toBe(
      [
        "Seen in May",
        "Operations: Overall good",
        "Operations / Joint exercises: Two exercises: one naval",
        "Operations / Joint exercises: advanced: None yet",
        "Threat response time: Hours",
      ].join("\n"),
    );
    expect(splitNotes(notes, criteria)).toEqual(split);
  });

  it("takes the longest name first: a criterion's line is never an indicator's, nor the reverse", () => {
    const split = splitNotes(
      "operations / JOINT EXERCISES: a\nOperations: b\nOperations / Joint exercises: advanced: c\nOperations /x: d",
      criteria,
    );
    expect(split.rationale).toEqual({ joint: "a", ops: "b", joint_plus: "c" });
    // "Operations /x" names no indicator: it stays a general note, untouched.
    expect(split.general).toBe("Operations /x: d");
  });

  it("keeps a second line for the same indicator as a general note, so nothing typed is lost", () => {
    const split = splitNotes(
      "Operations / Joint exercises: first\nOperations / Joint exercises: second",
      criteria,
    );
    expect(split.rationale).toEqual({ joint: "first" });
    expect(split.general).toBe("Operations / Joint exercises: second");
  });
});
