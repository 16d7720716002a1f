/**
 * What the pane shows, as one immutable value: the store replaces it on every change and React
 * reads it through useSyncExternalStore. The scorecard in it is always as last read from the
 * workbook, never edited in place.
 */
import type { PaneError } from "./errors";
import type { ScorecardData } from "../../workbook";

export type Phase = "starting" | "absent" | "ready" | "failed";

/** The pane's feature tabs. */
export type Feature = "score" | "weights" | "criteria" | "results" | "sensitivity" | "team";

export interface RetryAction {
  label: string;
  run: () => void;
}

export interface ShownError extends PaneError {
  /** An action that resolves the error, e.g. "Overwrite" after a WouldOverwrite refusal. */
  retry?: RetryAction;
}

export interface Notice {
  intent: "success" | "info";
  text: string;
  /** E.g. "Undo" after the weights were replaced. */
  action?: RetryAction;
}

/** Unsaved edits of one agreement in the Score feature: only the fields the user touched. */
export interface AgreementDraft {
  scores: Record<string, number | null>;
  rationale: Record<string, string>;
  general?: string;
}

export interface PaneState {
  phase: Phase;
  data: ScorecardData | null;
  /** What the pane is doing, e.g. "Saving scores…"; null when idle. */
  busy: string | null;
  error: ShownError | null;
  notice: Notice | null;
  drafts: Record<string, AgreementDraft>;
  selectedAgreementId: string | null;
  /** Follow the row selected in the grid (where the host reports selections). */
  followSelection: boolean;
  selectionSupported: boolean;
  /** True once change events are registered: the pane follows edits made in the grid. */
  live: boolean;
  /** Who is using the pane (remembered on this machine); recorded with every change they make. */
  reviewer: string;
  /** A feature another feature asked to show (e.g. "score it" from the Team tab); seq makes each ask new. */
  featureRequest: { feature: Feature; seq: number } | null;
}

export const INITIAL_STATE: PaneState = {
  phase: "starting",
  data: null,
  busy: null,
  error: null,
  notice: null,
  drafts: {},
  selectedAgreementId: null,
  followSelection: true,
  selectionSupported: false,
  live: false,
  reviewer: "",
  featureRequest: null,
};

/** Recorded as "who" when nobody has given a name (one analyst who never set it). */
export const UNNAMED = "(no name)";
