/**
 * The history of one agreement, from the workbook's Audit sheet: every score, review and rationale
 * change with when, who, and before → after, newest first.
 */
import React, { useState } from "react";
import { Body1, Button, Caption1 } from "@fluentui/react-components";
import { AUDIT_TAIL_ROWS, type AuditEntry, historyOf, type ScorecardData } from "../../workbook";
import { Section } from "../components/Section";
import { usePlainListClass } from "../components/plainList";

const SHOWN = 10;

export function History({ data, agreementId }: { data: ScorecardData; agreementId: string }) {
  const listClass = usePlainListClass("stack", "XS");
  const [all, setAll] = useState(false);
  const entries = historyOf(data.audit, agreementId);
  const shown = all ? entries : entries.slice(0, SHOWN);
  return (
    <Section title="History">
      {entries.length === 0 ? (
        <Body1>No recorded changes yet. Changes made through the pane are kept on the Audit sheet.</Body1>
      ) : (
        <ul className={listClass} aria-label="History of this agreement">
          {shown.map((e, i) => (
            <li key={`${e.time}-${i}`}>
              <Caption1>{when(e.time)}</Caption1>
              <Body1 as="p" style={{ margin: 0 }}>
                {describe(e)}
              </Body1>
            </li>
          ))}
        </ul>
      )}
      {!all && entries.length > SHOWN && (
        <div>
          <Button size="small" onClick={() => setAll(true)}>
            Show all {entries.length}
          </Button>
        </div>
      )}
      {!data.auditComplete && (
        <Caption1>
          The pane reads the newest {AUDIT_TAIL_ROWS.toLocaleString("en")} changes of the Audit sheet; older
          ones are on that sheet.
        </Caption1>
      )}
    </Section>
  );
}

/** "Bea: review of Threat response 3 → 5". */
export function describe(e: AuditEntry): string {
  const what = e.subject ? `${e.what} of ${e.subject}` : e.what;
  if (e.what === "agreement added") return `${e.who}: added "${e.after}"`;
  return `${e.who}: ${what} ${e.before || "blank"} → ${e.after || "blank"}`;
}

function when(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toLocaleString();
}
