/** @jest-environment jsdom */
import React from "react";
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ErrorBoundary } from "../../src/taskpane/components/ErrorBoundary";

function Broken(): React.ReactElement {
  throw new Error('Sheet "Weights" is missing.');
}

describe("ErrorBoundary", () => {
  it("shows the feature's children while nothing fails", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <ErrorBoundary feature="Weights">
          <p>weights here</p>
        </ErrorBoundary>
      </FluentProvider>,
    );
    expect(screen.getByText("weights here")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("replaces a failing feature with an alert naming it, the error and what to do", () => {
    // React logs the error it caught; keep the test output to what the test checks.
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      render(
        <FluentProvider theme={webLightTheme}>
          <ErrorBoundary feature="Weights">
            <Broken />
          </ErrorBoundary>
        </FluentProvider>,
      );
    } finally {
      logged.mockRestore();
    }
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe(
      'Weights could not be shown Sheet "Weights" is missing. Use Reload at the top of the pane after fixing the workbook; if this persists, close and reopen the pane.',
    );
  });
});
