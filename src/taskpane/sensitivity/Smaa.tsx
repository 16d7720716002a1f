/**
 * SMAA-2: weights drawn at random (uniformly on the simplex, or around the current weights) with
 * a reported, editable seed; runs in a Web Worker with progress and Cancel; shows rank
 * acceptability as stacked bars, central weights and confidence factors.
 */
import React, { useEffect, useMemo, useState } from "react";
import { Body1, Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { everFirst, type SmaaResult, type SmaaWeights } from "../../scoring/smaa";
import { normalizeWeights } from "../../scoring/weights";
import { percent } from "../components/format";
import { Section } from "../components/Section";
import { usePlainListClass } from "../components/plainList";
import { InputField } from "../components/InputField";
import { TitledMessage } from "../components/TitledMessage";
import { usePane, useStore } from "../state/context";
import { AcceptabilityChart } from "./AcceptabilityChart";
import { SamplesProgress } from "./SamplesProgress";
import type { SensitivityInput } from "./inputs";
import { useSmaaRunner } from "./SmaaContext";
import type { SmaaJob } from "./smaaRunner";

export const DEFAULT_SAMPLES = 10000;
const MAX_SEED = 0xffffffff;

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  field: { flexGrow: 1, flexBasis: "8em", minWidth: 0 },
  input: { width: "100%", minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

export function newSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}

type Sampling = "uniform" | "dirichlet";

interface Finished {
  result: SmaaResult;
  ids: string[];
  names: string[];
  criterionNames: string[];
  sampling: string;
  /** The settings and scorecard the run was made with (runKey): another key means it is out of date. */
  key: string;
}

/**
 * What a run depends on: its settings, and the scores, weights and agreements it was given. A result
 * whose key differs from the form's current one no longer answers what the form asks.
 */
function runKey(
  input: SensitivityInput,
  settings: { samples: number; seed: number; sampling: Sampling; concentration: number },
): string {
  const dirichlet = settings.sampling === "dirichlet";
  return JSON.stringify([
    settings.samples,
    settings.seed,
    settings.sampling,
    dirichlet ? settings.concentration : null,
    dirichlet ? input.weights : null,
    input.ids,
    input.criterionIds,
    input.scores,
    input.scoreSpread ?? null,
  ]);
}

export function Smaa({ input }: { input: SensitivityInput }) {
  const store = useStore();
  const runner = useSmaaRunner();
  const styles = useStyles();
  const [samplesText, setSamplesText] = useState(String(DEFAULT_SAMPLES));
  const [seedText, setSeedText] = useState(() => String(newSeed()));
  const [sampling, setSampling] = useState<Sampling>("uniform");
  const [concentrationText, setConcentrationText] = useState("50");
  const [job, setJob] = useState<SmaaJob | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [finished, setFinished] = useState<Finished | null>(null);
  const [cancelled, setCancelled] = useState(false);
  // A run still going when the pane closes (or the scorecard goes) stops its worker.
  useEffect(() => (job === null ? undefined : () => job.cancel()), [job]);

  const samples = Number(samplesText);
  const seed = Number(seedText);
  const concentration = Number(concentrationText);
  const samplesError =
    Number.isSafeInteger(samples) && samples >= 1 && samples <= 1_000_000
      ? null
      : "Enter a whole number from 1 to 1,000,000.";
  const seedError =
    Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED && seedText.trim() !== ""
      ? null
      : `Enter a whole number from 0 to ${MAX_SEED}.`;
  // Samples and seed side by side, each growing to share the row.
  const wholeNumber = {
    inputMode: "numeric",
    className: styles.field,
    inputClassName: styles.input,
  } as const;
  const concentrationError =
    sampling === "uniform" || (Number.isFinite(concentration) && concentration > 0)
      ? null
      : "Enter a number above 0.";

  const key = useMemo(
    () => runKey(input, { samples, seed, sampling, concentration }),
    [input, samples, seed, sampling, concentration],
  );

  if (runner === null) return null;

  const run = () => {
    if (samplesError || seedError || concentrationError) return;
    const weights: SmaaWeights =
      sampling === "uniform"
        ? { kind: "uniform" }
        : { kind: "dirichlet", center: input.weights, concentration };
    const description =
      (sampling === "uniform"
        ? "weights uniform on the simplex"
        : `weights around the current ones (Dirichlet, concentration ${concentration})`) +
      (input.onGlobalWeights ? "; on the indicators' global weights" : "") +
      (input.scoreSpread ? "; scores drawn within the reviewers' spread" : "");
    setCancelled(false);
    setProgress({ done: 0, total: samples });
    const started = runner(
      {
        kind: "smaa",
        scores: input.scores,
        samples,
        seed,
        weights,
        ids: input.ids,
        criterionIds: input.criterionIds,
        scoreSpread: input.scoreSpread,
      },
      (done, total) => setProgress({ done, total }),
    );
    setJob(started);
    started.promise
      .then((result) => {
        if (result === null) setCancelled(true);
        else
          setFinished({
            result,
            ids: input.ids,
            names: input.names,
            criterionNames: input.criterionNames,
            sampling: description,
            key,
          });
      })
      .catch((error: unknown) => store.showError(error, "The stochastic analysis did not finish"))
      .finally(() => {
        setJob(null);
        setProgress(null);
      });
  };

  return (
    <Section title="Random weights (SMAA-2)">
      <Caption1>
        Draws many weight vectors at random and ranks the agreements under each: how often does each agreement
        take each rank? Reproducible: the same seed gives the same result.
      </Caption1>
      <div className={styles.form}>
        <InputField
          label="Samples"
          value={samplesText}
          onChange={setSamplesText}
          error={samplesError}
          {...wholeNumber}
        />
        <InputField label="Seed" value={seedText} onChange={setSeedText} error={seedError} {...wholeNumber} />
      </div>
      <Field label="Weights drawn">
        <Select value={sampling} onChange={(_, d) => setSampling(d.value as Sampling)}>
          <option value="uniform">Uniformly (any weights)</option>
          <option value="dirichlet">Around the current weights</option>
        </Select>
      </Field>
      {sampling === "dirichlet" && (
        <InputField
          label="Concentration"
          hint="Larger keeps the draws closer to the current weights."
          value={concentrationText}
          onChange={setConcentrationText}
          error={concentrationError}
          inputMode="decimal"
        />
      )}
      <div className={styles.actions}>
        {job === null ? (
          <>
            <Button
              appearance="primary"
              disabled={samplesError !== null || seedError !== null || concentrationError !== null}
              onClick={run}
            >
              Run
            </Button>
            <Button onClick={() => setSeedText(String(newSeed()))}>New seed</Button>
          </>
        ) : (
          <Button onClick={() => job.cancel()}>Cancel</Button>
        )}
      </div>
      {progress !== null && <SamplesProgress done={progress.done} total={progress.total} />}
      {cancelled && <Caption1 role="status">Cancelled; no result. Run again to start over.</Caption1>}
      {finished !== null && <SmaaReport finished={finished} stale={finished.key !== key && job === null} />}
    </Section>
  );
}

function SmaaReport({ finished, stale }: { finished: Finished; stale: boolean }) {
  const listClass = usePlainListClass("stack", "S");
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const { result, names, criterionNames } = finished;
  const firsts = names
    .map((name, i) => ({ name, i, first: result.rankAcceptability[i][0] ?? 0 }))
    .filter((e) => everFirst(result, e.i))
    .sort((a, b) => b.first - a.first || a.i - b.i);
  return (
    <>
      <Body1 role="status">
        {result.samples.toLocaleString("en-US")} samples, seed {result.seed}, {finished.sampling}.
      </Body1>
      {stale && (
        <TitledMessage intent="warning" title="Out of date">
          These results are from before the settings or the scorecard changed. Run again to update them.
        </TitledMessage>
      )}
      <div>
        <Button
          disabled={busy !== null || stale}
          onClick={() =>
            void store.writeSensitivity({
              agreementIds: finished.ids,
              smaa: result,
              sampling: finished.sampling,
            })
          }
        >
          Write to the Sensitivity sheet
        </Button>
      </div>
      <Section title="Rank acceptability" headingLevel={3}>
        <AcceptabilityChart names={names} acceptability={result.rankAcceptability} />
      </Section>
      <Section title="Central weights and confidence" headingLevel={3}>
        <Caption1>
          Central weights: the average weights under which an agreement comes first — the typical preferences
          that favour it. Confidence factor: how often it is first when the weights are fixed there.
        </Caption1>
        <ul className={listClass}>
          {firsts.map(({ name, i }) => {
            const central = safeNormalize(result.centralWeights[i]);
            return (
              <li key={i}>
                <Body1 block>
                  <strong>{name}</strong> — confidence {result.confidence[i].toFixed(2)}
                </Body1>
                <Caption1 as="p" block style={{ margin: 0 }}>
                  {criterionNames.map((c, k) => `${c} ${percent(central[k])}`).join(" · ")}
                </Caption1>
              </li>
            );
          })}
        </ul>
      </Section>
    </>
  );
}

function safeNormalize(weights: number[]): number[] {
  try {
    return normalizeWeights(weights);
  } catch {
    return weights;
  }
}
