/**
 * The preview's illustrative team (?examples&team): the example scores become Ana's reviews and a
 * second reviewer, Bea, scores a few cells — some close to Ana, some far enough to discuss.
 * Placeholders like the example agreements themselves, not assessments.
 */
import {
  type ExcelRun,
  readScorecard,
  type ScorecardLocation,
  switchToTeam,
  writeReviews,
} from "../workbook";

const BEA = [
  {
    agreementId: "NATO",
    criterionId: "threat_response",
    score: 2,
    rationale: "Activation of Article 5 is slow in hybrid cases.",
  },
  { agreementId: "NATO", criterionId: "operational_efficiency", score: 4, rationale: "" },
  {
    agreementId: "FVEY",
    criterionId: "capability_enhancement",
    score: 1.5,
    rationale: "Intelligence sharing, little joint procurement.",
  },
  { agreementId: "AUKUS", criterionId: "threat_response", score: 3, rationale: "" },
];

export async function exampleTeam(run: ExcelRun, location: ScorecardLocation): Promise<void> {
  await switchToTeam(run, await readScorecard(run, location), { reviewer: "Ana" });
  await writeReviews(run, await readScorecard(run, location), "Bea", BEA);
}
