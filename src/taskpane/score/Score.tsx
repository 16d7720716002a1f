/**
 * Score: pick an agreement (or follow the row selected in the grid), rate each criterion against
 * its rubric, give a rationale, see the coverage, and save through upsertAgreements. Unsaved edits
 * are kept per agreement in the pane state, so switching agreements or tabs loses nothing.
 */
import React, { useEffect, useMemo, useRef, useState } from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  Select,
  Switch,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import {
  type AgreementRecord,
  joinNotes,
  leafName,
  type ReviewEdit,
  sameReviewer,
  type ScorecardData,
  scoredLeaves,
  splitNotes,
} from "../../workbook";
import { scoreText } from "../components/format";
import { Section } from "../components/Section";
import { useStore, usePane } from "../state/context";
import type { AgreementDraft } from "../state/store";
import { CriterionRating } from "./CriterionRating";
import { IndicatorRatings, split } from "./IndicatorRatings";
import { NewAgreement } from "./NewAgreement";
import { ratingPoints } from "./points";
import { History } from "./History";
import { teamSummary } from "./teamSummary";
import { hasUnscored, nextUnscored } from "./nextUnscored";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    position: "sticky",
    bottom: 0,
    paddingBlock: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

const EMPTY_DRAFT: AgreementDraft = { scores: {}, rationale: {} };

const TEAM_RATIONALE_HINT = "Why your score? Saved with your review on the Reviews sheet.";

export function Score() {
  const store = useStore();
  const data = usePane((s) => s.data);
  const selectedId = usePane((s) => s.selectedAgreementId);
  const drafts = usePane((s) => s.drafts);
  const followSelection = usePane((s) => s.followSelection);
  const selectionSupported = usePane((s) => s.selectionSupported);
  const styles = useStyles();
  const [adding, setAdding] = useState(false);
  // Set when a save moved on to the next agreement to score (the keyboard path): say so, and put
  // the focus on its first rubric point.
  const [movedFrom, setMovedFrom] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (movedFrom !== null) root.current?.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
  }, [movedFrom, selectedId]);

  if (data === null) return null;
  const agreements = data.agreements.filter((a) => a.id !== "");
  const agreement = agreements.find((a) => a.id === selectedId) ?? null;

  return (
    <div className={styles.root} ref={root}>
      <Section title="Agreement">
        {agreements.length === 0 ? (
          <Body1>No agreements yet. Add one below, or type rows into the Scorecard sheet.</Body1>
        ) : (
          <Field label="Agreement to score">
            <Select
              value={agreement?.id ?? ""}
              onChange={(_, d) => {
                setMovedFrom(null);
                store.selectAgreement(d.value || null);
              }}
            >
              {agreement === null && <option value="">Choose an agreement</option>}
              {agreements.map((a) => (
                <option key={a.id} value={a.id}>
                  {drafts[a.id] ? "● " : ""}
                  {optionLabel(a)}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {selectionSupported && (
          <Switch
            checked={followSelection}
            onChange={(_, d) => store.setFollowSelection(d.checked)}
            label="Follow the row selected in the Scorecard sheet"
          />
        )}
        {!adding && (
          <div>
            <Button onClick={() => setAdding(true)}>Add agreement</Button>
          </div>
        )}
        {adding && <NewAgreement data={data} onDone={() => setAdding(false)} />}
        {movedFrom !== null && agreement !== null && (
          <Caption1 role="status">
            {movedFrom} is fully scored; on to the next agreement with criteria to score.
          </Caption1>
        )}
      </Section>
      {agreement !== null && (
        <AgreementForm
          key={agreement.id}
          data={data}
          agreement={agreement}
          draft={drafts[agreement.id] ?? EMPTY_DRAFT}
          onSaved={(label) => {
            // Move on only once this agreement is complete, and only if another still needs scores.
            const now = store.getState();
            if (now.data === null || hasUnscored(now.data, agreement.id, now.reviewer)) return;
            const next = nextUnscored(now.data, agreement.id, now.reviewer);
            if (next === null) return;
            setMovedFrom(label);
            store.selectAgreement(next);
          }}
        />
      )}
    </div>
  );
}

function AgreementForm({
  data,
  agreement,
  draft,
  onSaved,
}: {
  /** After a successful save, with the agreement's name as shown. */
  onSaved: (label: string) => void;
  data: ScorecardData;
  agreement: AgreementRecord;
  draft: AgreementDraft;
}) {
  const store = useStore();
  const busy = usePane((s) => s.busy);
  const reviewer = usePane((s) => s.reviewer);
  const styles = useStyles();
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const team = data.location.meta.mode === "team";
  // Bumped by "Discard changes" so the number fields drop text that was never valid.
  const [generation, setGeneration] = useState(0);
  const { criteria, scale } = data.config;
  const saved = useMemo(() => splitNotes(agreement.notes, criteria), [agreement.notes, criteria]);
  // What is scored: each criterion scored directly and each indicator (issue 16). Their ids are
  // unique across criteria and indicators, so scores and rationale share one map.
  const leaves = useMemo(() => scoredLeaves(data.location.meta), [data.location.meta]);
  // Every rationale the form holds: each criterion's (one with indicators may keep an older line)
  // and each indicator's.
  const rationaleIds = useMemo(
    () => criteria.flatMap((c) => [c.id, ...(c.indicators ?? []).map((i) => i.id)]),
    [criteria],
  );
  // In team scoring the form holds this reviewer's own scores and rationale (Reviews sheet); the
  // grid's criterion and indicator cells hold the consensus.
  const mine = useMemo(() => {
    const rows = data.reviews.filter(
      (r) => r.agreementId === agreement.id && sameReviewer(r.reviewer, reviewer),
    );
    return {
      scores: Object.fromEntries(
        leaves.map((l) => [l.id, rows.find((r) => r.criterionId === l.id)?.score ?? null]),
      ),
      rationale: Object.fromEntries(
        leaves.map((l) => [l.id, rows.find((r) => r.criterionId === l.id)?.rationale ?? ""]),
      ),
    };
  }, [data.reviews, agreement.id, reviewer, leaves]);
  // Indicator scores (issue 16) share the map: their ids are unique across criteria and indicators.
  const savedScores: Record<string, number | null> = team
    ? mine.scores
    : { ...agreement.scores, ...agreement.indicatorScores };
  const indicatorIds = new Set(criteria.flatMap((c) => (c.indicators ?? []).map((i) => i.id)));
  const savedRationale: Record<string, string> = team ? mine.rationale : saved.rationale;
  const index = data.agreements.indexOf(agreement);
  const computed = data.computed[index];
  const issues = data.issues.filter((i) => i.agreementId === agreement.id && i.criterionId !== undefined);

  const scoreOf = (id: string) => (id in draft.scores ? draft.scores[id] : savedScores[id]);
  const rationaleOf = (id: string) =>
    id in draft.rationale ? draft.rationale[id] : (savedRationale[id] ?? "");
  const general = draft.general ?? saved.general;

  const edit = (change: Partial<AgreementDraft>) => store.setDraft(agreement.id, { ...draft, ...change });
  /** Keeps the message of a score field whose text cannot be saved (a criterion's or an indicator's). */
  const markInvalid = (id: string, message: string | null) =>
    setInvalid((current) => {
      if ((current[id] ?? null) === message) return current;
      const next = { ...current };
      if (message === null) delete next[id];
      else next[id] = message;
      return next;
    });

  // A field whose text was refused (off the scale, not a number) holds no score, whatever it held
  // before the keystroke: it counts neither as scored nor as "not scored", its red message says why.
  // A reviewer's coverage counts what they score: criteria scored directly and indicators.
  const counted = team ? leaves.map((l) => ({ id: l.id, name: leafName(data, l.id) })) : criteria;
  const scored = counted.filter((c) => scoreOf(c.id) !== null && !(c.id in invalid));
  const missing = counted.filter((c) => scoreOf(c.id) === null && !(c.id in invalid));

  const changedScores = Object.fromEntries(
    Object.entries(draft.scores).filter(([id, v]) => savedScores[id] !== v),
  );
  const notes = joinNotes(
    {
      general,
      // A team's rationale lives on the Reviews sheet; the Notes lines stay as they are.
      rationale: team ? saved.rationale : Object.fromEntries(rationaleIds.map((id) => [id, rationaleOf(id)])),
    },
    criteria,
  );
  const notesChanged = notes !== joinNotes(saved, criteria);
  const rationaleEdited = (id: string) => rationaleOf(id) !== (savedRationale[id] ?? "");
  const reviewEdits: ReviewEdit[] = team
    ? leaves
        .filter((l) => l.id in changedScores || rationaleEdited(l.id))
        .map((l) => ({
          agreementId: agreement.id,
          criterionId: l.id,
          score: scoreOf(l.id),
          rationale: rationaleOf(l.id),
        }))
    : [];
  const hasChanges = Object.keys(changedScores).length > 0 || notesChanged || reviewEdits.length > 0;
  const invalidCount = Object.keys(invalid).length;

  const save = async () => {
    const saved = team
      ? await store.saveReviews(agreement.id, reviewEdits, notesChanged ? notes : undefined)
      : await store.saveAgreement({
          id: agreement.id,
          ...split(changedScores, indicatorIds),
          ...(notesChanged ? { notes } : {}),
        });
    if (saved) onSaved(agreement.name || agreement.id);
  };

  const discard = () => {
    store.discardDraft(agreement.id);
    setInvalid({});
    setGeneration((g) => g + 1);
  };

  return (
    <>
      <Section title={agreement.name || agreement.id}>
        {team && reviewer === "" && (
          <Caption1 style={{ color: tokens.colorPaletteRedForeground1 }}>
            Enter your name at the top of the pane to score: the team&apos;s scores are kept per reviewer.
          </Caption1>
        )}
        {team && reviewer !== "" && (
          <Caption1>You score as {reviewer}; the grid shows the team&apos;s consensus.</Caption1>
        )}
        <Caption1>
          {[agreement.type, agreement.parties, agreement.signed === null ? "" : `signed ${agreement.signed}`]
            .filter((s) => s !== "")
            .join(" · ")}
        </Caption1>
        <div className={styles.row} role="group" aria-label="Coverage and result">
          <Badge appearance="tint" color={scored.length === counted.length ? "success" : "warning"}>
            {team ? "Your coverage" : "Coverage"} {scored.length}/{counted.length}
          </Badge>
          <Body1>
            {computed?.score !== null && computed?.score !== undefined
              ? `Saved weighted score ${scoreText(computed.score)}${computed.rank !== null ? `, rank ${computed.rank}` : ""}`
              : "Not ranked yet"}
          </Body1>
        </div>
        {missing.length > 0 && (
          <Caption1>
            {team ? "You have not scored" : "Not scored"}: {missing.map((c) => c.name).join(", ")}.
          </Caption1>
        )}
        {issues.map((issue) => (
          <Caption1 key={issue.address} style={{ color: tokens.colorPaletteRedForeground1 }}>
            {issue.message}
          </Caption1>
        ))}
      </Section>
      {criteria.map((c) =>
        (c.indicators ?? []).length > 0 ? (
          <IndicatorRatings
            key={`${c.id}-${generation}`}
            criterion={c}
            score={team ? agreement.scores[c.id] : savedScores[c.id]}
            scale={scale}
            meta={data.location.meta.criteria.find((m) => m.id === c.id)}
            scoreOf={scoreOf}
            rationaleOf={rationaleOf}
            edited={(id) => id in changedScores || rationaleEdited(id)}
            team={team ? (id) => teamSummary(data, agreement.id, id, reviewer) : undefined}
            rationaleHint={team ? TEAM_RATIONALE_HINT : undefined}
            onChange={(id, value) => edit({ scores: { ...draft.scores, [id]: value } })}
            onRationale={(id, text) => edit({ rationale: { ...draft.rationale, [id]: text } })}
            onInvalid={markInvalid}
          />
        ) : (
          <CriterionRating
            key={`${c.id}-${generation}`}
            id={c.id}
            name={c.name}
            definition={c.definition}
            scale={scale}
            points={ratingPoints(
              c.id,
              scale,
              data.location.meta.criteria.find((m) => m.id === c.id)?.anchors,
            )}
            value={scoreOf(c.id)}
            rationale={rationaleOf(c.id)}
            edited={c.id in changedScores || rationaleEdited(c.id)}
            team={team ? teamSummary(data, agreement.id, c.id, reviewer) : undefined}
            rationaleHint={team ? TEAM_RATIONALE_HINT : undefined}
            onChange={(value) => edit({ scores: { ...draft.scores, [c.id]: value } })}
            onRationale={(text) => edit({ rationale: { ...draft.rationale, [c.id]: text } })}
            onInvalid={(message) => markInvalid(c.id, message)}
          />
        ),
      )}
      <Field label="Other notes" hint="Kept above the rationale lines in the Notes column.">
        <Textarea value={general} resize="vertical" onChange={(_, d) => edit({ general: d.value })} />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={!hasChanges || invalidCount > 0 || busy !== null}
          onClick={() => void save()}
        >
          Save
        </Button>
        <Button disabled={(!hasChanges && invalidCount === 0) || busy !== null} onClick={discard}>
          Discard changes
        </Button>
        {invalidCount > 0 && <Caption1>Fix the score marked in red before saving.</Caption1>}
        {invalidCount === 0 && hasChanges && <Caption1>Unsaved changes.</Caption1>}
      </div>
      <History data={data} agreementId={agreement.id} />
    </>
  );
}

/** "North Atlantic Treaty (NATO)" rather than "North Atlantic Treaty (NATO) (NATO)". */
function optionLabel(a: AgreementRecord): string {
  if (a.name === "") return a.id;
  return a.name.toLowerCase().includes(a.id.toLowerCase()) ? a.name : `${a.name} (${a.id})`;
}
