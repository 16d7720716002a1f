/**
 * RequestContext and events.
 */
import { simError } from "../errors";
import type { SimModel } from "../model/workbook-model";
import { type ContextLike, type QueuedAction, SimClientObject } from "./base";
import type { SimWorkbookProxy } from "./workbook";

/** What the context needs from the workbook that owns it (implemented in sim.ts). */
export interface SimHostLike {
  /** The model proxies resolve on now: a late co-author's copy while its sync runs, else the shared one. */
  readonly modelInUse: SimModel;
  syncContext(ctx: SimRequestContext): Promise<void>;
  createWorkbookProxy(ctx: SimRequestContext): SimWorkbookProxy;
  registerHandler(reg: HandlerRegistration): void;
  unregisterHandler(reg: HandlerRegistration): void;
}

export type EventKind = "WorksheetChanged" | "TableChanged" | "WorksheetCollectionChanged";

export interface HandlerRegistration {
  kind: EventKind;
  /** Sheet id or table id (resolved at sync); "" for the worksheet collection. */
  targetId: string;
  session: number;
  context: SimRequestContext;
  handler: (args: unknown) => unknown;
  /** Changes of the registering sync before this index happened before the registration. */
  fromChange?: number;
}

export class SimRequestContext implements ContextLike {
  _queue: QueuedAction[] = [];
  /** Set once the Excel.run that created this context has finished. */
  _closed = false;
  readonly workbook: SimWorkbookProxy;
  readonly trackedObjects = {
    add: (_o: unknown) => undefined,
    remove: (_o: unknown) => undefined,
  };
  readonly runtime = {};
  debugInfo = {};
  /** Excel.run({ delayForCellEdit: true }, …): syncs wait while the user edits a cell instead of failing. */
  _delayForCellEdit = false;
  _epoch?: number;
  _rebase?: (v: unknown) => unknown;

  constructor(
    readonly _host: SimHostLike,
    /** The co-author session this context belongs to (0 = the primary one). */
    readonly _session: number,
  ) {
    this.workbook = _host.createWorkbookProxy(this);
  }

  /** The workbook model this context's proxies resolve on (its host decides which). */
  get _model(): SimModel {
    return this._host.modelInUse;
  }

  get application() {
    return this.workbook.application;
  }

  _enqueue(a: QueuedAction): void {
    this._queue.push(a);
  }

  _checkOwn(obj: unknown): void {
    if (obj instanceof SimClientObject && obj.context !== this) {
      throw simError("InvalidRequestContext");
    }
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    return this._host.syncContext(this).then(() => passThroughValue as T);
  }

  load<T extends SimClientObject>(object: T, option?: unknown): T {
    return object.load(option);
  }
}

/** worksheet.onChanged / table.onChanged …: `add` registers at the next sync. */
export class SimEventHandlers {
  constructor(
    private readonly ctx: SimRequestContext,
    private readonly kind: EventKind,
    private readonly owner: SimClientObject,
    private readonly targetOf: (entity: unknown) => string,
  ) {}

  add(handler: (args: unknown) => unknown): SimEventHandlerResult {
    const reg: HandlerRegistration = {
      kind: this.kind,
      targetId: "",
      session: this.ctx._session,
      context: this.ctx,
      handler,
    };
    this.ctx._enqueue({
      location: `${this.owner._typeName}.on${this.kind}.add`,
      bytes: 32,
      run: (exec) => {
        const e = this.owner._entity();
        if (e === null) return;
        reg.targetId = this.targetOf(e);
        reg.fromChange = exec.model.changes.length;
        exec.commits.push(() => this.ctx._host.registerHandler(reg));
      },
    });
    return new SimEventHandlerResult(this.ctx, reg);
  }
}

export class SimEventHandlerResult {
  constructor(
    readonly context: SimRequestContext,
    private readonly reg: HandlerRegistration,
  ) {}

  remove(): void {
    this.context._enqueue({
      location: "EventHandlerResult.remove",
      bytes: 24,
      run: (exec) => {
        exec.commits.push(() => this.context._host.unregisterHandler(this.reg));
      },
    });
  }
}
