/**
 * Entry of preview.html: the pane beside an excel-sim workbook in a plain browser.
 * URL options: ?examples (start with a scorecard of the example agreements), ?theme=dark|light,
 * ?width=320 (pane width in px), ?tab=score|weights|criteria|results|sensitivity|team (the pane's first
 * tab), ?paneOnly (the pane alone, filling the window), ?team (with ?examples: the scorecard is
 * scored by a team — the examples as Ana's reviews, and a second reviewer, Bea, who disagrees on a
 * few cells — for screenshots of team scoring), ?ownTable (no scorecard, but the analyst's own table
 * of agreements, some columns headed "Criterion / Indicator", to try Attach on).
 */
import React from "react";
import { createRoot } from "react-dom/client";
import { createWorkbook } from "../excel-sim";
import { createSmaaWorker } from "../taskpane/sensitivity/createSmaaWorker";
import { smaaWorkerRunner } from "../taskpane/sensitivity/smaaRunner";
import { defaultConfig } from "../taskpane/state/defaults";
import { themeModeFor } from "../taskpane/theme";
import { createScorecard, exampleAgreements } from "../workbook";
import { PreviewApp } from "./PreviewApp";
import type { Feature } from "../taskpane/Pane";
import { exampleTeam } from "./exampleTeam";
import { exampleOwnTable } from "./exampleOwnTable";

const FEATURES: readonly Feature[] = ["score", "weights", "criteria", "results", "sensitivity", "team"];

async function main() {
  const params = new URLSearchParams(window.location.search);
  const sim = createWorkbook({ sheets: ["Sheet1"] });
  if (params.has("ownTable")) await exampleOwnTable((batch) => sim.run(batch));
  else if (params.has("examples")) {
    const { location } = await createScorecard((batch) => sim.run(batch), {
      config: defaultConfig(),
      agreements: exampleAgreements(),
    });
    if (params.has("team")) await exampleTeam((batch) => sim.run(batch), location);
  }
  const theme = params.get("theme");
  const prefersDark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const mode = theme === "dark" || theme === "light" ? theme : themeModeFor(undefined, prefersDark);
  const width = Number(params.get("width")) || 320;
  const tab = FEATURES.find((f) => f === params.get("tab"));
  createRoot(document.getElementById("root")!).render(
    <PreviewApp
      sim={sim}
      smaa={smaaWorkerRunner(createSmaaWorker)}
      initialMode={mode}
      initialWidth={width}
      initialFeature={tab}
      paneOnly={params.has("paneOnly")}
    />,
  );
}

void main();
