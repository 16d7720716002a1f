import React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Title3, Body1 } from "@fluentui/react-components";
import { fluentTheme, themeModeFor } from "./theme";

function officeTheme() {
  try {
    return typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
  } catch {
    return undefined;
  }
}

function render() {
  const prefersDark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const mode = themeModeFor(officeTheme(), prefersDark);
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={fluentTheme(mode)} style={{ minHeight: "100vh", padding: 12 }}>
      <Title3 as="h1">Agreement Scorecard</Title3>
      <Body1 as="p">Score defense cooperation agreements on weighted criteria.</Body1>
    </FluentProvider>,
  );
}

if (typeof Office !== "undefined" && Office.onReady) void Office.onReady(render);
else render();
