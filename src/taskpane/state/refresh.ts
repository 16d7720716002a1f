/**
 * Reading the workbook back into the pane: after every write (`refresh`), and whenever Excel's
 * change events say the scorecard changed (`changed`: gathered for `changeDelay` ms into one read,
 * queued behind any running operation). It also follows the row selected in the grid.
 */
import { describeError, inCellEditMode } from "./errors";
import { watchedSheets, type ScorecardGateway, type Unsubscribe } from "./gateway";
import type { PaneState } from "./paneState";
import type { ScorecardData } from "../../workbook";

/** What the refresh needs of the store (StoreCore provides it). */
export interface RefreshHost {
  readonly gateway: ScorecardGateway;
  readonly state: PaneState;
  readonly disposed: boolean;
  set(patch: Partial<PaneState>): void;
  enqueue<T>(work: () => Promise<T>): Promise<T>;
}

export class ScorecardRefresh {
  private unwatch: Unsubscribe[] = [];
  private watchedKey: string | null = null;
  private changeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: RefreshHost,
    private readonly changeDelay: number,
    /** Milliseconds before the read is tried again while the user edits a cell (desktop Excel). */
    private readonly cellEditRetryDelay: number,
  ) {}

  /** Reads the scorecard again, or looks for one when the pane has none yet. */
  async refresh(): Promise<void> {
    const { data } = this.host.state;
    if (data === null) {
      const location = await this.host.gateway.locate();
      if (location === null) {
        this.host.set({ phase: "absent" });
        return;
      }
      await this.adopt(await this.host.gateway.read(location));
      return;
    }
    await this.adopt(await this.host.gateway.read(data.location));
  }

  /** Shows a scorecard just read, keeping the selected agreement where it is still there. */
  async adopt(data: ScorecardData): Promise<void> {
    const { selectedAgreementId } = this.host.state;
    const selected =
      selectedAgreementId !== null && data.agreements.some((a) => a.id === selectedAgreementId)
        ? selectedAgreementId
        : (data.agreements.find((a) => a.id !== "")?.id ?? null);
    this.host.set({ phase: "ready", data, selectedAgreementId: selected });
    await this.watch(data);
  }

  dispose(): void {
    if (this.changeTimer !== null) clearTimeout(this.changeTimer);
    for (const stop of this.unwatch) stop();
    this.unwatch = [];
  }

  /** Registers change and selection events once per scorecard location. */
  private async watch(data: ScorecardData): Promise<void> {
    const key = watchedSheets(data).join("\u0000");
    if (this.watchedKey === key) return;
    for (const stop of this.unwatch) stop();
    this.unwatch = [];
    this.watchedKey = key;
    const changes = await this.host.gateway.watchChanges(data, () => this.changed());
    const selection = await this.host.gateway.watchSelection(data, (row) => this.rowSelected(row));
    this.unwatch = [changes, selection].filter((u): u is Unsubscribe => u !== null);
    this.host.set({ live: changes !== null, selectionSupported: selection !== null });
  }

  private changed(delay = this.changeDelay): void {
    if (this.host.disposed) return;
    if (this.changeTimer !== null) clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      void this.host.enqueue(async () => {
        try {
          await this.refresh();
        } catch (error) {
          // The user is typing in a cell (Excel without delayForCellEdit): nothing to report;
          // read again once they are done.
          if (inCellEditMode(error)) this.changed(this.cellEditRetryDelay);
          else
            this.host.set({
              error: describeError(error, "The scorecard changed and could not be read again"),
            });
        }
      });
    }, delay);
  }

  private rowSelected(row: number): void {
    const { data, followSelection } = this.host.state;
    if (!followSelection || data === null) return;
    const index = data.rows.indexOf(row);
    if (index >= 0 && data.agreements[index].id !== "")
      this.host.set({ selectedAgreementId: data.agreements[index].id });
  }
}
