/** @jest-environment jsdom */
import React from "react";
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { History } from "../../src/taskpane/score/History";
import type { AuditEntry, ScorecardData } from "../../src/workbook/model";

const entry = (i: number): AuditEntry => ({
  time: `2024-01-01T00:00:${String(i).padStart(2, "0")}Z`,
  who: "Ana",
  what: "score",
  agreementId: "NATO",
  subject: "Threat response",
  before: String(i),
  after: String(i + 1),
});

/** History reads only the trail and whether it is whole. */
const show = (auditComplete: boolean) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <History data={{ audit: [entry(1), entry(2)], auditComplete } as ScorecardData} agreementId="NATO" />
    </FluentProvider>,
  );

describe("History of an agreement", () => {
  it("says that older changes are on the Audit sheet when the pane read only the newest rows", () => {
    show(false);
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
    expect(
      screen.getByText(
        "The pane reads the newest 2,000 changes of the Audit sheet; older ones are on that sheet.",
      ),
    ).toBeTruthy();
  });

  it("says nothing of the kind when it read the whole trail", () => {
    show(true);
    expect(screen.queryByText(/older ones are on that sheet/)).toBeNull();
  });
});
