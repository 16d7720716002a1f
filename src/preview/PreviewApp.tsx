/**
 * The preview host: the task pane beside an excel-sim workbook, in a plain browser, clearly labelled
 * as not Excel. The pane is the real one (src/taskpane/App) over the simulated workbook's `run`.
 */
import React, { useState } from "react";
import {
  Badge,
  Caption1,
  Field,
  FluentProvider,
  makeStyles,
  Select,
  Title3,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { SimWorkbook } from "../excel-sim";
import { App } from "../taskpane/App";
import type { Feature } from "../taskpane/Pane";
import type { SmaaRunner } from "../taskpane/sensitivity/smaaRunner";
import { PaneStore } from "../taskpane/state/store";
import type { ThemeMode } from "../taskpane/theme";
import { Workbook } from "./Workbook";

const useStyles = makeStyles({
  page: { minHeight: "100vh", display: "flex", flexDirection: "column" },
  banner: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteYellowBorderActive}`,
  },
  title: { margin: 0 },
  body: { display: "flex", flexGrow: 1, minHeight: 0, alignItems: "flex-start" },
  workbook: { flexGrow: 1, minWidth: 0, padding: tokens.spacingHorizontalM },
  pane: {
    flexShrink: 0,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    overflowY: "auto",
    overflowX: "auto",
    height: "calc(100vh - 60px)",
    position: "sticky",
    top: 0,
  },
  controls: { display: "flex", gap: tokens.spacingHorizontalM, marginInlineStart: "auto", flexWrap: "wrap" },
});

export interface PreviewProps {
  sim: SimWorkbook;
  smaa: SmaaRunner;
  initialMode: ThemeMode;
  initialWidth: number;
  initialFeature?: Feature;
  /** Only the pane, filling the window (for looking at it at 320 px). */
  paneOnly?: boolean;
}

export function PreviewApp({
  sim,
  smaa,
  initialMode,
  initialWidth,
  initialFeature,
  paneOnly = false,
}: PreviewProps) {
  const styles = useStyles();
  const [mode, setMode] = useState<ThemeMode>(initialMode);
  const [width, setWidth] = useState(initialWidth);
  const [store] = useState(() => new PaneStore((batch) => sim.run(batch)));
  if (paneOnly) {
    return (
      <FluentProvider theme={mode === "dark" ? webDarkTheme : webLightTheme} className={styles.page}>
        <header className={styles.banner}>
          <Badge appearance="filled" color="warning">
            Preview — not Excel
          </Badge>
        </header>
        <App store={store} smaa={smaa} mode={mode} initialFeature={initialFeature} />
      </FluentProvider>
    );
  }
  return (
    <FluentProvider theme={mode === "dark" ? webDarkTheme : webLightTheme} className={styles.page}>
      <header className={styles.banner}>
        <Badge appearance="filled" color="warning" size="large">
          Preview — not Excel
        </Badge>
        <Title3 as="h1" className={styles.title}>
          Agreement Scorecard
        </Title3>
        <Caption1>
          A simulated workbook (excel-sim) beside the real task pane. Edit cells in the grid: the pane
          follows. Nothing is saved.
        </Caption1>
        <div className={styles.controls}>
          <Field label="Pane width" orientation="horizontal">
            <Select value={String(width)} onChange={(_, d) => setWidth(Number(d.value))}>
              {[320, 360, 450].map((w) => (
                <option key={w} value={w}>
                  {w} px
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Theme" orientation="horizontal">
            <Select value={mode} onChange={(_, d) => setMode(d.value as ThemeMode)}>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </Select>
          </Field>
        </div>
      </header>
      <div className={styles.body}>
        <div className={styles.workbook}>
          <Workbook sim={sim} />
        </div>
        <aside className={styles.pane} style={{ width }} aria-label="Task pane" data-testid="task-pane">
          <App store={store} smaa={smaa} mode={mode} initialFeature={initialFeature} />
        </aside>
      </div>
    </FluentProvider>
  );
}
