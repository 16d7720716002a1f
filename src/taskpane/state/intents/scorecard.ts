/** Scorecard intents: find, create, attach and read again the scorecard as a whole. */
import { type AttachOptions, exampleAgreements, type TableInfo } from "../../../workbook";
import type { StoreCore } from "../core";
import { defaultConfig } from "../defaults";

/** Looks for a scorecard in the workbook and restores the pane from it. */
export function start(core: StoreCore): Promise<void> {
  return core
    .operation("Looking for a scorecard…", "The scorecard could not be opened", async () => {
      core.set({ phase: "starting" });
      const location = await core.gateway.locate();
      if (location === null) {
        core.set({ phase: "absent", data: null });
        return;
      }
      await core.adopt(await core.gateway.read(location));
    })
    .then((ok) => {
      if (!ok && core.state.phase === "starting") core.set({ phase: "failed" });
    });
}

/** Creates the scorecard sheets, optionally filled with the illustrative example agreements. */
export function create(core: StoreCore, withExamples: boolean): Promise<boolean> {
  return core.operation("Creating the scorecard…", "The scorecard was not created", async () => {
    const result = await core.gateway.create({
      config: defaultConfig(),
      agreements: withExamples ? exampleAgreements() : [],
      author: core.author,
    });
    await core.adopt(await core.gateway.read(result.location));
    core.set({
      notice: {
        intent: result.created ? "success" : "info",
        text: result.created
          ? withExamples
            ? "Scorecard created with 10 illustrative example agreements. Their scores are placeholders, not assessments."
            : "Scorecard created. Add an agreement on the Score tab, or type rows into the Scorecard sheet."
          : "This workbook already has a scorecard; it has been opened instead.",
      },
    });
  });
}

/** The workbook's tables, for attaching; an empty list where they cannot be read. */
export function listTables(core: StoreCore): Promise<TableInfo[]> {
  return core.gateway.listTables().catch(() => []);
}

/** Attaches a scorecard to an existing table of agreements, mapped column by column. */
export function attach(core: StoreCore, options: AttachOptions): Promise<boolean> {
  return core.operation("Attaching the scorecard…", "The scorecard was not attached", async () => {
    const location = await core.gateway.attach({ ...options, author: core.author });
    await core.adopt(await core.gateway.read(location));
    core.set({
      notice: {
        intent: "success",
        text: `Scorecard attached to table "${options.table}": your columns are unchanged; Coverage, Weighted score and Rank were added.${throughIndicators(options)}`,
      },
    });
  });
}

/** " "Ops" is scored through its 2 indicator columns." for each criterion attached with indicators. */
function throughIndicators(options: AttachOptions): string {
  return options.criteria
    .filter((c) => (c.indicators ?? []).length > 0)
    .map((c) => {
      const n = c.indicators!.length;
      return ` "${c.header}" is scored through its ${n === 1 ? "indicator column" : `${n} indicator columns`}.`;
    })
    .join("");
}

/** Reads the scorecard again (the Reload button; change events take refresh.ts's own path). */
export function reload(core: StoreCore): Promise<boolean> {
  return core.operation("Reading the scorecard…", "The scorecard could not be read", () => core.refresh());
}
