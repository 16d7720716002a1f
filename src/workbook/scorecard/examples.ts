/**
 * Example agreements drawn from real ones, for trying the add-in. Their scores are ILLUSTRATIVE:
 * placeholders chosen to make the ranking and the charts interesting, not assessments. Every
 * example row says so in its Notes, and the pane labels them the same way.
 */
import type { AgreementRecord } from "../model";

export const ILLUSTRATIVE_NOTE = "Illustrative example: scores are not an assessment.";

type Row = [string, string, string, string, number, [number, number, number, number]];

// Scores in the order operational efficiency, strategic alignment, capability enhancement, threat response.
const ROWS: Row[] = [
  ["NATO", "North Atlantic Treaty (NATO)", "Multilateral", "32 member states", 1949, [4.5, 4.5, 4.5, 4.5]],
  [
    "CSTO",
    "Collective Security Treaty Organization",
    "Multilateral",
    "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan",
    1992,
    [3, 2.5, 2.5, 2],
  ],
  [
    "US-JP",
    "US–Japan Treaty of Mutual Cooperation and Security",
    "Bilateral",
    "United States, Japan",
    1960,
    [4.5, 4.5, 4, 4],
  ],
  [
    "ANZUS",
    "ANZUS Treaty",
    "Multilateral",
    "Australia, New Zealand, United States",
    1951,
    [3.5, 3.5, 3.5, 3],
  ],
  [
    "US-PH",
    "US–Philippines Mutual Defense Treaty",
    "Bilateral",
    "United States, Philippines",
    1951,
    [3, 4, 3, 3.5],
  ],
  [
    "FVEY",
    "Five Eyes (UKUSA Agreement)",
    "Multilateral",
    "Australia, Canada, New Zealand, United Kingdom, United States",
    1946,
    [4, 4.5, 3.5, 5],
  ],
  ["EUBG", "EU Battlegroups", "Multilateral", "EU member states (rotating)", 2007, [2.5, 3.5, 3, 2]],
  ["IN-RU", "India–Russia defence cooperation", "Bilateral", "India, Russia", 1971, [3, 3, 4, 2.5]],
  [
    "AU-JP",
    "Australia–Japan Acquisition and Cross-Servicing Agreement",
    "Bilateral",
    "Australia, Japan",
    2010,
    [4, 3.5, 3, 3],
  ],
  [
    "AUKUS",
    "AUKUS trilateral security partnership",
    "Multilateral",
    "Australia, United Kingdom, United States",
    2021,
    [3.5, 4.5, 5, 3.5],
  ],
];

export const EXAMPLE_CRITERIA_ORDER = [
  "operational_efficiency",
  "strategic_alignment",
  "capability_enhancement",
  "threat_response",
] as const;

export function exampleAgreements(): AgreementRecord[] {
  return ROWS.map(([id, name, type, parties, signed, scores]) => ({
    id,
    name,
    type,
    parties,
    signed,
    scores: Object.fromEntries(EXAMPLE_CRITERIA_ORDER.map((c, k) => [c, scores[k]])),
    notes: ILLUSTRATIVE_NOTE,
  }));
}
