/**
 * Proxy machinery shaped like OfficeExtension: ClientObject, ClientResult, load options, the
 * request queue, event handlers.
 *
 * Faithful to the Office.js runtime:
 * - property sets and method calls are queued and applied in order at `context.sync()`;
 * - a property set is also stored on the proxy, so reading it back before sync returns the value
 *   you set (Office.js setters do `this.m_x = value`), not the workbook's value;
 * - reading a property that was neither loaded (and synced) nor set throws PropertyNotLoaded;
 * - navigation (getRange, getItem, columns.getItemAt …) makes proxies without a round trip;
 *   a missing item fails the sync (ItemNotFound) only when an action uses it;
 * - `*OrNullObject` proxies learn `isNullObject` at the next sync whether or not anything was
 *   loaded; properties of a null object read as undefined, and actions on it do nothing;
 * - a proxy resolves to its workbook object the first time a sync uses it and keeps pointing at
 *   that object (a renamed sheet stays the same sheet); a deleted object fails later actions.
 */
import { SimError, simError } from "../errors";
import type { StructureChange } from "../model/model-core";
import type { SimModel } from "../model/workbook-model";
import type { SimRequestContext } from "./context";

/** Work done during one sync; results are committed to proxies only if the whole sync succeeds. */
export interface ExecState {
  model: SimModel;
  commits: (() => void)[];
  responseBytes: number;
  /** Called before table.rows.add changes a table (a late co-author's rows.add may conflict). */
  beforeRowsAdd?: (tableId: string) => void;
}

export interface QueuedAction {
  location: string;
  bytes: number;
  run(exec: ExecState): void;
  /** Counted in stats (e.g. "TableRowCollection.add"). */
  counter?: string;
}

export interface ContextLike {
  _enqueue(a: QueuedAction): void;
  _checkOwn(obj: unknown): void;
  /**
   * Bumped when the context's proxies must resolve again: a late co-author's syncs run on a fresh
   * copy of the workbook each time (sim.ts), so what a proxy resolved to before is not there.
   */
  _epoch?: number;
  /** Maps an object resolved in an earlier epoch (captured by a proxy) to the workbook now in use. */
  _rebase?(v: unknown): unknown;
}

/**
 * Bytes a value takes in a request or response: its JSON in UTF-8, as it travels. Excel on the
 * web's 5 MB limit is on bytes, so Cyrillic or Arabic text counts two bytes a character, most CJK
 * three, and an emoji four (a surrogate pair: two UTF-16 units of two bytes each).
 */
export function jsonSize(v: unknown): number {
  if (v === undefined) return 0;
  try {
    const json = JSON.stringify(v);
    return json === undefined ? 0 : utf8Length(json);
  } catch {
    return 16;
  }
}

/** UTF-8 length of a string that JSON.stringify made (lone surrogates come out escaped as ASCII). */
export function utf8Length(text: string): number {
  // Most payloads are ASCII: one regular-expression scan instead of a loop over every character.
  if (!/[\u0080-\uffff]/.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    // Each half of a surrogate pair counts 2, so the pair counts the 4 bytes of its code point.
    else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

export function propertyNotLoaded(prop: string, type: string): SimError {
  return new SimError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${type}.${prop}`,
  );
}

/** Parsed load option: scalar properties of this object and options for navigation properties. */
export interface LoadSpec {
  all: boolean;
  props: Set<string>;
  navs: Map<string, string[]>;
}

function addPath(spec: LoadSpec, path: string): void {
  const p = path.trim();
  if (!p) return;
  const [head, ...rest] = p.split("/");
  if (rest.length) {
    const list = spec.navs.get(head) ?? [];
    list.push(rest.join("/"));
    spec.navs.set(head, list);
  } else spec.props.add(head);
}

/** Accepts "a, b/c", ["a", "b/c"], { select, expand } and { a: true, b: { c: true } }. */
export function parseLoadOption(option: unknown): LoadSpec {
  const spec: LoadSpec = { all: false, props: new Set(), navs: new Map() };
  if (option === undefined || option === null) {
    spec.all = true;
    return spec;
  }
  const addMany = (x: unknown) => {
    if (typeof x === "string") x.split(",").forEach((p) => addPath(spec, p));
    else if (Array.isArray(x)) x.forEach((p) => addMany(p));
  };
  if (typeof option === "string" || Array.isArray(option)) {
    addMany(option);
    return spec;
  }
  if (typeof option === "object") {
    const o = option as Record<string, unknown>;
    if ("select" in o || "expand" in o) {
      addMany(o.select);
      addMany(o.expand);
      if (!o.select && !o.expand) spec.all = true;
      return spec;
    }
    const walk = (obj: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (k === "$all" && v) {
          if (!prefix) spec.all = true;
          else addPath(spec, prefix.slice(0, -1) + "/$all");
        } else if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}/`);
        else if (v) addPath(spec, `${prefix}${k}`);
      }
    };
    walk(o, "");
  }
  return spec;
}

/** Returned by a resolver whose parent is a null object: the child is null too (no error). */
export const NULL_PARENT: unique symbol = Symbol("nullParent");

export type Resolver<T> = () => T | null | typeof NULL_PARENT;

/** A proxy. T is the model object it resolves to. */
export abstract class SimClientObject<T = unknown> {
  /** Local property values: set by the user, or loaded at sync. */
  _p: Record<string, unknown> = {};
  _isNull: boolean | undefined = undefined;
  /** The child proxies made so far, by property name (ProxyProperties.children). */
  readonly _children = new Map<string, SimClientObject>();
  private _res: { v: T | null; epoch: number } | undefined;

  constructor(
    readonly context: ContextLike,
    private readonly _resolver: Resolver<T>,
    readonly _typeName: string,
    /** true for *OrNullObject proxies: a missing item is a null object, not an error. */
    readonly _nullable = false,
  ) {
    if (_nullable) {
      context._enqueue({
        location: `${_typeName}.isNullObject`,
        bytes: 24,
        run: (exec) => {
          const e = this._entity();
          exec.responseBytes += 8;
          exec.commits.push(() => {
            this._isNull = e === null;
          });
        },
      });
    }
  }

  /** This proxy type's property table (declareProperties puts it on the prototype). */
  declare readonly _properties: PropertyTable<T, SimClientObject<T>>;

  /** Scalar properties returned by load() without arguments. */
  protected _scalars(): readonly string[] {
    return this._properties.names;
  }

  /** Navigation properties (child proxies) by name. */
  protected _nav(name: string): SimClientObject | undefined {
    // The table was declared for this proxy's own class (declareProperties).
    const open = this._properties.navigation.get(name) as ((proxy: this) => SimClientObject) | undefined;
    return open?.(this);
  }

  protected _read(e: T, prop: string, exec: ExecState): unknown {
    return this._properties.scalars.get(prop)?.read(e, exec, this);
  }

  protected _write(e: T, prop: string, value: unknown, exec: ExecState): void {
    const write = this._properties.scalars.get(prop)?.write;
    if (!write) throw readOnly(prop);
    write(e, value, exec, this);
  }

  /** Is the resolved model object gone (deleted)? */
  protected _gone(e: T): boolean {
    return typeof e === "object" && e !== null && (e as { deleted?: boolean }).deleted === true;
  }

  /** Resolves the proxy (once per epoch). Throws ItemNotFound unless nullable. Null = null object. */
  _entity(): T | null {
    const epoch = this.context._epoch ?? 0;
    if (this._res && this._res.epoch === epoch) {
      const v = this._res.v;
      if (v !== null && this._gone(v))
        throw simError("ItemNotFound", `The ${this._typeName} no longer exists.`);
      return v;
    }
    let v: T | null;
    try {
      const r = this._resolver();
      v = r === NULL_PARENT ? null : this.context._rebase ? (this.context._rebase(r) as T | null) : r;
      if (v === null && r !== NULL_PARENT && !this._nullable) throw simError("ItemNotFound");
    } catch (e) {
      if (this._nullable && e instanceof SimError && e.code === "ItemNotFound") v = null;
      else throw e;
    }
    this._res = { v, epoch };
    return v;
  }

  /** The resolved entity for a child resolver: NULL_PARENT when this is a null object. */
  _parentEntity(): T | typeof NULL_PARENT {
    const e = this._entity();
    return e === null ? NULL_PARENT : e;
  }

  /** Forces re-resolution on next use (after structural changes that replace the object). */
  _reset(v?: T): void {
    this._res = v === undefined ? undefined : { v, epoch: this.context._epoch ?? 0 };
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", this._typeName);
    return this._isNull;
  }

  _get<V = unknown>(prop: string): V {
    if (Object.prototype.hasOwnProperty.call(this._p, prop)) return this._p[prop] as V;
    if (this._isNull === true) return undefined as V;
    throw propertyNotLoaded(prop, this._typeName);
  }

  _set(prop: string, value: unknown): void {
    this._p[prop] = value;
    this.context._enqueue({
      location: `${this._typeName}.${prop}`,
      bytes: jsonSize(value) + prop.length + 16,
      run: (exec) => {
        const e = this._entity();
        if (e === null) return;
        this._write(e, prop, value, exec);
      },
    });
  }

  /** Queues a method call. */
  _call(name: string, args: unknown[], run: (e: T, exec: ExecState) => void, counter?: string): void {
    for (const a of args) this.context._checkOwn(a);
    this.context._enqueue({
      location: `${this._typeName}.${name}`,
      bytes: jsonSize(args.map((a) => (a instanceof SimClientObject ? "{ref}" : a))) + name.length + 16,
      counter,
      run: (exec) => {
        const e = this._entity();
        if (e === null) return;
        run(e, exec);
      },
    });
  }

  /**
   * Queues a method call that makes an object (sheets.add, tables.add …) and returns a proxy to
   * it, which resolves once a sync has made it.
   */
  _callCreating<C, P>(
    name: string,
    args: unknown[],
    make: (e: T, exec: ExecState) => C,
    proxy: (resolver: Resolver<C>) => P,
  ): P {
    let created: C | null = null;
    this._call(name, args, (e, exec) => {
      created = make(e, exec);
    });
    return proxy(() => {
      if (created === null) throw simError("ItemNotFound");
      return created;
    });
  }

  /** Queues a method call returning a value. */
  _callResult<R>(name: string, args: unknown[], run: (e: T, exec: ExecState) => R): SimClientResult<R> {
    const result = new SimClientResult<R>();
    this.context._enqueue({
      location: `${this._typeName}.${name}`,
      bytes: jsonSize(args) + name.length + 16,
      run: (exec) => {
        const e = this._entity();
        const v = e === null ? (undefined as R) : run(e, exec);
        exec.responseBytes += jsonSize(v);
        exec.commits.push(() => result._setValue(v));
      },
    });
    return result;
  }

  load(option?: unknown): this {
    const spec = parseLoadOption(option);
    this.context._enqueue({
      location: `${this._typeName}.load`,
      bytes: jsonSize(option) + 16,
      run: (exec) => this._loadNow(spec, exec),
    });
    return this;
  }

  /** Performs a load during sync: reads now, commits on success. */
  _loadNow(spec: LoadSpec, exec: ExecState): void {
    const e = this._entity();
    if (e === null) {
      exec.commits.push(() => {
        this._isNull = true;
      });
      return;
    }
    const props = spec.all ? [...this._scalars()] : [...spec.props];
    const values: Record<string, unknown> = {};
    for (const p of props) {
      const nav = this._nav(p);
      if (nav) {
        nav._loadNow(parseLoadOption(undefined), exec);
        continue;
      }
      if (!this._scalars().includes(p)) {
        throw simError("InvalidArgument", `Cannot load property '${p}' of ${this._typeName}.`);
      }
      values[p] = this._read(e, p, exec);
    }
    for (const [name, sub] of spec.navs) {
      const nav = this._nav(name);
      if (!nav) throw simError("InvalidArgument", `Cannot load '${name}' of ${this._typeName}.`);
      nav._loadNow(parseLoadOption(sub), exec);
    }
    exec.responseBytes += jsonSize(values);
    exec.commits.push(() => {
      Object.assign(this._p, values);
      this._isNull = false;
    });
  }

  toJSON(): Record<string, unknown> {
    return { ...this._p };
  }
}

function readOnly(prop: string): SimError {
  return simError("InvalidArgument", `The property '${prop}' is read-only.`);
}

/**
 * One scalar property of a proxy: how a load reads it from the workbook object and, when it is
 * writable, how a sync applies a set. Without `write` it is read-only: setting it throws.
 */
export interface PropertySpec<T, P> {
  read(e: T, exec: ExecState, proxy: P): unknown;
  write?(e: T, value: unknown, exec: ExecState, proxy: P): void;
}

/**
 * A proxy type's properties, each named once: scalars (in the order load() without arguments
 * returns them) and navigation properties (the child proxy a load path like "format/font" goes
 * through).
 */
export interface ProxyProperties<T, P> {
  scalars?: Record<string, PropertySpec<T, P>>;
  /**
   * Child proxies (format, columns, axes …): each made on first use and kept, as Office hands back
   * the same object every time; also load paths. The class declares their types (`declare readonly`).
   */
  children?: Record<string, (proxy: P) => SimClientObject>;
  /** Other load paths: aliases of a child (cellValueOrNullObject …). */
  navigation?: Record<string, (proxy: P) => SimClientObject>;
}

/**
 * A write that, once applied, marks a kind of structure changed (charts, tables …) for the
 * workbook's subscribers: for writes that change the model directly rather than through a
 * SimModel operation, which marks its own.
 */
export function writeAndMark<T, P>(
  kind: StructureChange,
  f: (e: T, value: unknown, m: SimModel, proxy: P) => void,
): PropertySpec<T, P>["write"] {
  return (e, value, exec, proxy) => {
    f(e, value, exec.model, proxy);
    exec.model.structure.add(kind);
  };
}

/** The table as the proxy machinery looks it up (Maps: a name like "toString" is not a property). */
interface PropertyTable<T, P> {
  names: readonly string[];
  scalars: ReadonlyMap<string, PropertySpec<T, P>>;
  /** Typed for any proxy so that the table does not make SimClientObject<T> invariant in T. */
  navigation: ReadonlyMap<string, (proxy: never) => SimClientObject>;
}

/**
 * Gives a proxy class its properties: load, read-back and sync go through the table, and each
 * scalar becomes an accessor that reads through _get and writes through _set.
 */
export function declareProperties<T, P extends SimClientObject<T>>(
  cls: abstract new (...args: never[]) => P,
  properties: ProxyProperties<T, P>,
): void {
  const scalars = Object.entries(properties.scalars ?? {});
  const children = Object.entries(properties.children ?? {});
  const table: PropertyTable<T, P> = {
    names: scalars.map(([name]) => name),
    scalars: new Map(scalars),
    navigation: new Map([
      ...children.map(([name]) => [name, (proxy: P) => proxy[name as keyof P] as SimClientObject] as const),
      ...Object.entries(properties.navigation ?? {}),
    ]),
  };
  Object.defineProperty(cls.prototype, "_properties", { value: table, configurable: true });
  for (const [name, make] of children) {
    Object.defineProperty(cls.prototype, name, {
      get(this: P) {
        let child = this._children.get(name);
        if (child === undefined) this._children.set(name, (child = make(this)));
        return child;
      },
      configurable: true,
      enumerable: true,
    });
  }
  for (const [name, spec] of scalars) {
    Object.defineProperty(cls.prototype, name, {
      get(this: SimClientObject) {
        return this._get(name);
      },
      set(this: SimClientObject, v: unknown) {
        if (!spec.write) throw readOnly(name);
        this._set(name, v);
      },
      configurable: true,
      enumerable: true,
    });
  }
}

declareProperties(SimClientObject, {});

export class SimClientResult<T> {
  private _v: T | undefined;
  private _loaded = false;

  get value(): T {
    if (!this._loaded) {
      throw new SimError(
        "ValueNotLoaded",
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
        "ClientResult.value",
      );
    }
    return this._v as T;
  }

  _setValue(v: T): void {
    this._v = v;
    this._loaded = true;
  }
}

/**
 * A resolver that finds what a proxy stands for from the object `proxy` stands for, at sync (`f`,
 * given that object and the model); when that object is a null object, so is the one found.
 */
export function fromParent<T, E>(proxy: SimClientObject<T>, f: (e: T, m: SimModel) => E | null): Resolver<E> {
  return () => {
    const e = proxy._parentEntity();
    return e === NULL_PARENT ? NULL_PARENT : f(e, ctxOf(proxy)._model);
  };
}

/** The request context a proxy belongs to, typed as excel-sim's own. */
export function ctxOf(o: SimClientObject): SimRequestContext {
  return o.context as SimRequestContext;
}
