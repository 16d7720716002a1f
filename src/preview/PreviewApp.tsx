/**
 * The preview host: the task pane beside an excel-sim workbook, in a plain browser, clearly labelled
 * as not Excel. The pane is the real one (src/taskpane/App) over the simulated workbook's `run`.
 */
import React, { useEffect, useId, useState } from "react";
import {
  Badge,
  Caption1,
  FluentProvider,
  Label,
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
import { workbookGateway } from "../taskpane/state/gateway";
import { PaneStore } from "../taskpane/state/store";
import type { ThemeMode } from "../taskpane/theme";
import { DownloadButton } from "./DownloadButton";
import { guardUnsavedChanges, type UnsavedGuard } from "./unsaved";
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
  caption: { flex: "1 1 16em" },
  // The banner on top, then the workbook and the pane side by side, each scrolling on its own.
  frame: { height: "100vh", display: "flex", flexDirection: "column" },
  body: { display: "flex", flexGrow: 1, minHeight: 0 },
  workbook: { flexGrow: 1, minWidth: 0, overflow: "auto", padding: tokens.spacingHorizontalM },
  pane: {
    flexShrink: 0,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    overflowY: "auto",
    overflowX: "auto",
  },
  controls: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    marginInlineStart: "auto",
    flexWrap: "wrap",
  },
  control: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
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
  const id = useId();
  const [mode, setMode] = useState<ThemeMode>(initialMode);
  const [width, setWidth] = useState(initialWidth);
  // excel-sim models ExcelApi 1.10's column outline: indicator columns are grouped, as in Excel.
  const [store] = useState(
    () => new PaneStore(workbookGateway((batch) => sim.run(batch), { columnOutline: true })),
  );
  // A reload or closing the tab asks first once the workbook has changed since it was loaded or
  // downloaded: the preview keeps it in memory only.
  const [guard, setGuard] = useState<UnsavedGuard>();
  useEffect(() => {
    const watching = guardUnsavedChanges(sim);
    setGuard(watching);
    return () => watching.dispose();
  }, [sim]);
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
    <FluentProvider theme={mode === "dark" ? webDarkTheme : webLightTheme} className={styles.frame}>
      <header className={styles.banner}>
        <Badge appearance="filled" color="warning" size="large">
          Preview — not Excel
        </Badge>
        <Title3 as="h1" className={styles.title}>
          Agreement Scorecard
        </Title3>
        <Caption1 className={styles.caption}>
          A simulated workbook (excel-sim) beside the real task pane. Edit cells in the grid: the pane
          follows. Nothing is saved.
        </Caption1>
        <div className={styles.controls}>
          <DownloadButton sim={sim} guard={guard} />
          <span className={styles.control}>
            <Label htmlFor={`${id}-width`}>Pane width</Label>
            <Select id={`${id}-width`} value={String(width)} onChange={(_, d) => setWidth(Number(d.value))}>
              {[320, 360, 450].map((w) => (
                <option key={w} value={w}>
                  {w} px
                </option>
              ))}
            </Select>
          </span>
          <span className={styles.control}>
            <Label htmlFor={`${id}-theme`}>Theme</Label>
            <Select id={`${id}-theme`} value={mode} onChange={(_, d) => setMode(d.value as ThemeMode)}>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </Select>
          </span>
        </div>
      </header>
      <div className={styles.body}>
        <div className={styles.workbook}>
          <Workbook sim={sim} />
        </div>
        {/* Not a landmark: the pane's own <main> must stay a top-level landmark, as in Office. */}
        <div className={styles.pane} style={{ width }} data-testid="task-pane">
          <App store={store} smaa={smaa} mode={mode} initialFeature={initialFeature} />
        </div>
      </div>
    </FluentProvider>
  );
}
