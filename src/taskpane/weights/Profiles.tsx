/**
 * Named weight profiles: save the current weights under a name (with its author, in the workbook's
 * Profiles sheet, so co-authors see it), compare profiles side by side — the rank of every agreement
 * under each, and which agreements move — and apply one. Saving a name again keeps the old save in
 * the sheet; the latest one is the profile.
 */
import React, { useMemo, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  tokens,
} from "@fluentui/react-components";
import { compareWeightings } from "../../scoring/compare";
import { percent } from "../components/format";
import { Section } from "../components/Section";
import { useStore, usePane } from "../state/context";
import { UNNAMED } from "../state/store";
import { leafScores, weightsOf, type ScorecardData, type WeightProfile } from "../../workbook";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "120px" },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  table: { borderCollapse: "collapse", minWidth: "100%" },
  cell: {
    padding: "2px 6px",
    textAlign: "end",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { textAlign: "start", overflowWrap: "anywhere", minWidth: "8em" },
  // Column headers (profile names) break between words, never inside one as the pane's default
  // overflow-wrap would at 320 px ("Curr/ent"); a long name widens the table, which scrolls.
  header: { overflowWrap: "normal", wordBreak: "normal", hyphens: "manual", verticalAlign: "bottom" },
  moved: { backgroundColor: tokens.colorPaletteMarigoldBackground2 },
});

export function Profiles({ data }: { data: ScorecardData }) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const reviewer = usePane((s) => s.reviewer);
  const styles = useStyles();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState("");
  const profiles = data.profiles;
  const selected = profiles.find((p) => p.name === chosen) ?? profiles[0];

  return (
    <Section title="Weight profiles">
      <Caption1>
        Saved in the workbook (Profiles sheet), so everyone who opens it can compare and apply them.
      </Caption1>
      {profiles.length > 0 && selected && (
        <div className={styles.row}>
          <Field label="Saved profile" className={styles.grow}>
            <Select value={selected.name} onChange={(_, d) => setChosen(d.value)}>
              {profiles.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabled={busy !== null} onClick={() => void store.applyProfile(selected.name)}>
            Apply
          </Button>
        </div>
      )}
      {selected && (
        <Body1>
          {selected.author ? `By ${selected.author}, ` : ""}
          {new Date(selected.saved).toLocaleString()}: {profileSummary(data, selected.weights)}
        </Body1>
      )}
      {profiles.length > 0 && <Compare data={data} profiles={profiles} />}
      <div className={styles.row}>
        <Field label="Profile name" className={styles.grow}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Button
          disabled={busy !== null || name.trim() === ""}
          onClick={() =>
            void store.saveProfile(name).then((ok) => {
              if (!ok) return;
              // Show the profile just saved, not the one that was selected before.
              setChosen(name.trim());
              setName("");
            })
          }
        >
          Save current weights
        </Button>
      </div>
      <Caption1>Saved as {reviewer || UNNAMED}.</Caption1>
    </Section>
  );
}

/** Ranks under the current weights and each chosen profile, side by side; agreements that move are marked. */
function Compare({ data, profiles }: { data: ScorecardData; profiles: WeightProfile[] }) {
  const styles = useStyles();
  // Every profile is compared until unticked, so a profile saved later shows up at once.
  const [hidden, setHidden] = useState<string[]>([]);
  const picked = profiles.map((p) => p.name).filter((name) => !hidden.includes(name));
  const columns = useMemo(
    () => [
      {
        label: "Current weights",
        weights: weightsOf(data),
      },
      ...profiles.filter((p) => picked.includes(p.name)).map((p) => ({ label: p.name, weights: p.weights })),
    ],
    // picked is derived from profiles and hidden.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, profiles, hidden],
  );
  const rows = useMemo(
    () =>
      compareWeightings(
        {
          criteria: data.config.criteria.map((c) => ({ id: c.id, weight: c.weight })),
          // Where a criterion has indicators, its score comes from theirs under each weighting.
          indicators: Object.fromEntries(data.config.criteria.map((c) => [c.id, c.indicators ?? []])),
          scale: data.config.scale,
          agreements: data.agreements
            .filter((a) => a.id !== "" && !hasIssue(data, a.id))
            .map((a) => ({ id: a.id, scores: leafScores(data.config, a) })),
          missing: data.config.missingPolicy,
        },
        columns.map((c) => c.weights),
      ),
    [data, columns],
  );
  const names = new Map(data.agreements.map((a) => [a.id, a.name || a.id]));
  const moved = rows.filter((r) => r.shift !== null && r.shift > 0);
  return (
    <fieldset style={{ border: "none", padding: 0, margin: 0, minWidth: 0 }}>
      <legend>
        <Body1>
          <strong>Compare</strong>
        </Body1>
      </legend>
      <div className={styles.row}>
        {profiles.map((p) => (
          <Checkbox
            key={p.name}
            label={p.name}
            checked={picked.includes(p.name)}
            onChange={(_, d) =>
              setHidden((current) => (d.checked ? current.filter((n) => n !== p.name) : [...current, p.name]))
            }
          />
        ))}
      </div>
      <Caption1 as="p">
        {columns.length < 2
          ? "Tick a profile to compare it with the current weights."
          : moved.length === 0
            ? "No agreement changes rank between these weightings."
            : `${moved.length} ${moved.length === 1 ? "agreement moves" : "agreements move"}: ${moved
                .map((r) => names.get(r.id))
                .join(", ")}.`}
      </Caption1>
      {columns.length >= 2 && (
        <div className={styles.scroll}>
          <table className={styles.table} aria-label="Ranks under each weighting">
            <thead>
              <tr>
                <th scope="col" className={mergeClasses(styles.cell, styles.name)}>
                  Agreement
                </th>
                {columns.map((c, k) => (
                  <th scope="col" key={k} className={mergeClasses(styles.cell, styles.header)}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.shift ? styles.moved : undefined}>
                  <th scope="row" className={mergeClasses(styles.cell, styles.name)}>
                    {names.get(r.id)}
                    {r.shift ? ` (${movesText(r.shift)})` : ""}
                  </th>
                  {r.ranks.map((rank, k) => (
                    <td key={k} className={styles.cell}>
                      {rank ?? "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </fieldset>
  );
}

/**
 * "Operational efficiency 38% (Joint exercises 50%, …), Strategic alignment 25%, …": each
 * criterion's share of the profile's criterion weights and, where it has indicators, each
 * indicator's share within it (issue 16).
 */
function profileSummary(data: ScorecardData, weights: Record<string, number>): string {
  const known = <T extends { id: string }>(list: readonly T[]) =>
    list.filter((x) => typeof weights[x.id] === "number");
  const sum = (list: readonly { id: string }[]) => list.reduce((s, x) => s + weights[x.id], 0);
  const criteria = known(data.config.criteria);
  const total = sum(criteria);
  return criteria
    .map((c) => {
      const indicators = known(c.indicators ?? []);
      const local = sum(indicators);
      const within =
        indicators.length > 0 && local > 0
          ? ` (${indicators.map((i) => `${i.name} ${percent(weights[i.id] / local)}`).join(", ")})`
          : "";
      return `${c.name} ${percent(weights[c.id] / total)}${within}`;
    })
    .join(", ");
}

/** Agreements with unusable cells are left out of the comparison (the Results tab lists them). */
const hasIssue = (data: ScorecardData, id: string) =>
  data.issues.some((i) => i.agreementId === id && i.criterionId !== undefined);

/** What "moves" means in the table: how far apart the agreement's ranks are across the weightings. */
function movesText(shift: number): string {
  return `rank moves by ${shift} ${shift === 1 ? "place" : "places"}`;
}
