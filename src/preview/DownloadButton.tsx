/**
 * Part of the preview's chrome, not of the pane: saves the simulated workbook as scorecard.xlsx —
 * the same .xlsx exporter the command line and the LibreOffice check use (excel-sim's exportXlsx,
 * loaded on first use), handed to the browser as a Blob through an object URL. A download disarms
 * the unsaved-changes guard, unless the workbook changed while it was being exported.
 */
import React, { useState } from "react";
import { Button, Caption1, Spinner, tokens } from "@fluentui/react-components";
import { ArrowDownload20Regular } from "@fluentui/react-icons";
import { exportXlsx, type SimWorkbook } from "../excel-sim";
import type { UnsavedGuard } from "./unsaved";

export const XLSX_FILE_NAME = "scorecard.xlsx";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Offers `bytes` to the user as a download named `name`. */
export function saveBytes(bytes: Uint8Array, name: string, type: string): void {
  // Copied into a fresh ArrayBuffer-backed array: a Blob takes no SharedArrayBuffer views.
  const blob = new Blob([new Uint8Array(bytes)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the URL by the time the click has been handled; free the Blob later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DownloadButton({ sim, guard }: { sim: SimWorkbook; guard?: UnsavedGuard }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setProblem(null);
    const version = guard?.version;
    try {
      saveBytes(await exportXlsx(sim), XLSX_FILE_NAME, XLSX_TYPE);
      if (version !== undefined) guard?.saved(version);
    } catch (error) {
      setProblem(`The workbook was not exported: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        icon={busy ? <Spinner size="extra-tiny" /> : <ArrowDownload20Regular />}
        disabled={busy}
        onClick={() => void download()}
        title="Save the simulated workbook as an .xlsx file that opens in Excel or LibreOffice"
      >
        Download .xlsx
      </Button>
      {problem !== null && (
        <Caption1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {problem}
        </Caption1>
      )}
    </>
  );
}
