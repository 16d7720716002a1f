/**
 * The pane: a header, the messages, and — once a scorecard is open — one tab per feature. Panels
 * are mounted when first visited and then kept (hidden), so unsaved work survives tab switches.
 */
import React, { useEffect, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  fieldClassNames,
  inputClassNames,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  selectClassNames,
  Spinner,
  Subtitle1,
  Tab,
  TabList,
  textareaClassNames,
  tokens,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular, MoreHorizontal20Regular } from "@fluentui/react-icons";
import { BusyIndicator, ErrorBar, NoticeBar } from "./components/Messages";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { Criteria } from "./criteria/Criteria";
import { Results } from "./results/Results";
import { Score } from "./score/Score";
import { Sensitivity } from "./sensitivity/Sensitivity";
import { Start } from "./start/Start";
import { useStore, usePane } from "./state/context";
import type { Feature } from "./state/store";
import { Weights } from "./weights/Weights";
import { Team } from "./team/Team";
import { ReviewerName } from "./components/ReviewerName";
import { UndoLast } from "./components/UndoLast";

export type { Feature };

const FEATURES: { value: Feature; label: string; render: () => React.ReactNode }[] = [
  { value: "score", label: "Score", render: () => <Score /> },
  { value: "weights", label: "Weights", render: () => <Weights /> },
  { value: "criteria", label: "Criteria", render: () => <Criteria /> },
  { value: "results", label: "Results", render: () => <Results /> },
  { value: "sensitivity", label: "Sensitivity", render: () => <Sensitivity /> },
  { value: "team", label: "Team", render: () => <Team /> },
];

/** The form controls inside the pane, by Fluent's exported class names (they follow a Fluent rename). */
const FORM_CONTROLS = [fieldClassNames, selectClassNames, inputClassNames, textareaClassNames]
  .map((names) => `& .${names.root}`)
  .join(", ");

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    maxWidth: "100%",
    boxSizing: "border-box",
    overflowWrap: "anywhere",
    // Native selects size themselves to their longest option; in a 320 px pane they must shrink.
    [FORM_CONTROLS]: { minWidth: 0, maxWidth: "100%" },
    "& select": { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" },
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  title: { margin: 0 },
  // One line of tabs: those that do not fit go into a "more" menu rather than onto a second line.
  // The menu button sits beside the tab list, not in it: a tablist may hold only tabs (ARIA).
  tabRow: { display: "flex", flexWrap: "nowrap", alignItems: "center", minWidth: 0 },
  tabs: { flexWrap: "nowrap", minWidth: 0, overflow: "hidden" },
  panel: { minWidth: 0 },
});

/** The features whose tabs do not fit on the line (a narrow pane), offered in a menu. */
function MoreFeatures({ onSelect }: { onSelect: (feature: Feature) => void }) {
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          ref={ref}
          appearance="transparent"
          size="small"
          icon={<MoreHorizontal20Regular />}
          aria-label={`More features (${overflowCount})`}
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {FEATURES.map((f) => (
            <HiddenFeature key={f.value} feature={f} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function HiddenFeature({
  feature,
  onSelect,
}: {
  feature: (typeof FEATURES)[number];
  onSelect: (feature: Feature) => void;
}) {
  if (useIsOverflowItemVisible(feature.value)) return null;
  return <MenuItem onClick={() => onSelect(feature.value)}>{feature.label}</MenuItem>;
}

export function Pane({ initialFeature = "score" }: { initialFeature?: Feature }) {
  const store = useStore();
  const phase = usePane((s) => s.phase);
  const busy = usePane((s) => s.busy);
  const live = usePane((s) => s.live);
  const styles = useStyles();
  const [feature, setFeature] = useState<Feature>(initialFeature);
  const [visited, setVisited] = useState<Set<Feature>>(() => new Set([initialFeature]));

  useEffect(() => {
    void store.start();
    return () => store.dispose();
  }, [store]);

  const choose = (next: Feature) => {
    setFeature(next);
    setVisited((v) => (v.has(next) ? v : new Set(v).add(next)));
  };

  // A feature asked to show another one (e.g. the Team tab's "Score it").
  const request = usePane((s) => s.featureRequest);
  useEffect(() => {
    if (request) choose(request.feature);
  }, [request]);

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Subtitle1 as="h1" className={styles.title}>
          Agreement Scorecard
        </Subtitle1>
        {phase === "ready" && (
          <Button
            appearance="subtle"
            icon={<ArrowClockwise20Regular />}
            aria-label="Reload the scorecard from the workbook"
            title={live ? "Reload (the pane also follows edits in the grid)" : "Reload from the workbook"}
            disabled={busy !== null}
            onClick={() => void store.reload()}
          />
        )}
      </header>
      <ErrorBar />
      <NoticeBar />
      <BusyIndicator />
      {phase === "starting" && <Spinner label="Looking for a scorecard in this workbook…" />}
      {phase === "failed" && (
        <div>
          <Body1 as="p">
            The pane could not open this workbook&apos;s scorecard (see the message above).
          </Body1>
          <Button appearance="primary" onClick={() => void store.start()}>
            Try again
          </Button>
        </div>
      )}
      {phase === "absent" && <Start />}
      {phase === "ready" && (
        <>
          <ReviewerName />
          <UndoLast />
          <Overflow minimumVisible={2}>
            <div className={styles.tabRow}>
              <TabList
                className={styles.tabs}
                size="small"
                selectedValue={feature}
                onTabSelect={(_, d) => choose(d.value as Feature)}
                aria-label="Features"
              >
                {FEATURES.map((f) => (
                  // The selected tab is the last to go into the menu.
                  <OverflowItem key={f.value} id={f.value} priority={f.value === feature ? 2 : 1}>
                    <Tab
                      value={f.value}
                      id={`tab-${f.value}`}
                      aria-controls={visited.has(f.value) ? `panel-${f.value}` : undefined}
                    >
                      {f.label}
                    </Tab>
                  </OverflowItem>
                ))}
              </TabList>
              <MoreFeatures onSelect={choose} />
            </div>
          </Overflow>
          {FEATURES.map((f) =>
            visited.has(f.value) ? (
              <div
                key={f.value}
                id={`panel-${f.value}`}
                role="tabpanel"
                aria-labelledby={`tab-${f.value}`}
                hidden={feature !== f.value}
                className={styles.panel}
              >
                <ErrorBoundary feature={f.label}>{f.render()}</ErrorBoundary>
              </div>
            ) : null,
          )}
          {!live && (
            <Caption1>
              This host does not report edits made in the grid; use the Reload button after editing the
              sheets.
            </Caption1>
          )}
        </>
      )}
    </main>
  );
}
