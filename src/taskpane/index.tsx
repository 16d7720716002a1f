/**
 * The Office entry point: waits for Office, builds the store over Excel.run and the SMAA worker,
 * and follows Office's theme (or prefers-color-scheme where Office gives none).
 */
import React, { useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { Body1, FluentProvider, Link, Title3, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { createSmaaWorker } from "./sensitivity/createSmaaWorker";
import { smaaWorkerRunner } from "./sensitivity/smaaRunner";
import { PaneStore } from "./state/store";
import { themeModeFor, type OfficeThemeLike, type ThemeMode } from "./theme";
import { workbookGateway } from "./state/gateway";
import { excelRun, type ExcelRun, type OutlineOption } from "../workbook";

function officeTheme(): OfficeThemeLike | undefined {
  try {
    return typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
  } catch {
    return undefined;
  }
}

function useThemeMode(): ThemeMode {
  const query = useMemo(
    () =>
      typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null,
    [],
  );
  const [mode, setMode] = useState<ThemeMode>(() => themeModeFor(officeTheme(), query?.matches ?? false));
  useEffect(() => {
    if (query === null) return;
    const follow = () => setMode(themeModeFor(officeTheme(), query.matches));
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [query]);
  return mode;
}

function Root({ run, host }: { run: ExcelRun; host: OutlineOption }) {
  const [store] = useState(() => new PaneStore(workbookGateway(run, host)));
  const [smaa] = useState(() => smaaWorkerRunner(createSmaaWorker));
  return <App store={store} smaa={smaa} mode={useThemeMode()} />;
}

/** Outside Excel (a plain browser) there is no workbook to work on: point at the preview. */
function NotInExcel() {
  return (
    <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh", padding: 12 }}>
      <Title3 as="h1">Agreement Scorecard</Title3>
      <Body1 as="p">
        This page is the Excel add-in&apos;s task pane and needs Excel. To try the pane in a browser, open the{" "}
        <Link href="preview.html">preview</Link>, which runs it beside a simulated workbook.
      </Body1>
    </FluentProvider>
  );
}

function render(info?: { host: Office.HostType | null }) {
  const root = createRoot(document.getElementById("root")!);
  const inExcel = info !== undefined && info.host === Office.HostType.Excel;
  if (!inExcel || typeof Excel === "undefined" || typeof Excel.run !== "function") {
    root.render(<NotInExcel />);
    return;
  }
  const supports = (version: string) => Office.context.requirements.isSetSupported("ExcelApi", version);
  const run: ExcelRun = excelRun(Excel, supports("1.11"));
  // Range.group (ExcelApi 1.10) groups indicator columns under their criterion; older Excel goes without.
  root.render(<Root run={run} host={{ columnOutline: supports("1.10") }} />);
}

if (typeof Office !== "undefined" && Office.onReady)
  void Office.onReady((info) => {
    // Which host Office.js reported ("none" outside Office): for support and the end-to-end tests.
    document.documentElement.setAttribute("data-office-host", info.host ? String(info.host) : "none");
    render(info);
  });
else render();
