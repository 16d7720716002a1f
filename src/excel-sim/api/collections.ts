/**
 * Collection proxies: the base that loads `items` (SimCollection), the workbook's own collections
 * found by key (worksheets, names), and the collections of an object's parts (a table's columns
 * and rows, a chart's series). Each kind is described by a small spec, not by overrides.
 */
import { simError } from "../errors";
import type { SimModel } from "../model/workbook-model";
import {
  ctxOf,
  type ContextLike,
  type ExecState,
  type LoadSpec,
  parseLoadOption,
  type Resolver,
  SimClientObject,
  SimClientResult,
  fromParent,
} from "./base";
import type { SimRequestContext } from "./context";

/** A collection proxy: `items` is loaded with item proxies. */
export abstract class SimCollection<T, I extends SimClientObject> extends SimClientObject<T> {
  protected abstract _list(e: T): unknown[];
  protected abstract _itemProxy(model: unknown, index: number): I;

  protected override _scalars(): readonly string[] {
    return ["items"];
  }

  get items(): I[] {
    return this._get<I[]>("items");
  }

  override _loadNow(spec: LoadSpec, exec: ExecState): void {
    const e = this._entity();
    if (e === null) {
      exec.commits.push(() => {
        this._isNull = true;
      });
      return;
    }
    const list = this._list(e);
    const items = list.map((m, i) => this._itemProxy(m, i));
    // Properties named on a collection apply to its items ("name", "items/name").
    const itemSpec: LoadSpec = { all: spec.all, props: new Set(), navs: new Map() };
    let wantCount = false;
    for (const p of spec.props) {
      if (p === "items") itemSpec.all = true;
      else if (p === "count") wantCount = true;
      else if (p === "$all") itemSpec.all = true;
      else itemSpec.props.add(p);
    }
    for (const [name, sub] of spec.navs) {
      if (name === "items") {
        const s = parseLoadOption(sub);
        if (s.all) itemSpec.all = true;
        s.props.forEach((p) => itemSpec.props.add(p));
        s.navs.forEach((v, k) => itemSpec.navs.set(k, [...(itemSpec.navs.get(k) ?? []), ...v]));
      } else itemSpec.navs.set(name, sub);
    }
    if (!itemSpec.all && itemSpec.props.size === 0 && itemSpec.navs.size === 0 && !wantCount)
      itemSpec.all = true;
    if (itemSpec.all || itemSpec.props.size || itemSpec.navs.size)
      items.forEach((it) => it._loadNow(itemSpec, exec));
    const count = list.length;
    exec.commits.push(() => {
      this._p.items = items;
      if (wantCount || this._scalars().includes("count")) this._p.count = count;
      this._isNull = false;
    });
  }
}

/** Where a collection of the workbook's own items (its worksheets, its names) finds them. */
export interface KeyedSpec<E, I> {
  /** Every item, in the collection's order. */
  list(m: SimModel): E[];
  /** The item with this key, or ItemNotFound with Excel's message. */
  find(m: SimModel, key: string): E;
  proxy(ctx: SimRequestContext, resolver: Resolver<E>, nullable: boolean): I;
}

/**
 * A collection of the workbook's own items: it lists them, makes their proxies, and finds one by
 * key for getItem and getItemOrNullObject.
 */
export class SimKeyedCollection<E, I extends SimClientObject<E>> extends SimCollection<SimModel, I> {
  constructor(
    ctx: SimRequestContext,
    typeName: string,
    private readonly keyed: KeyedSpec<E, I>,
  ) {
    super(ctx, () => ctx._model, typeName);
  }

  protected _list(m: SimModel): unknown[] {
    return this.keyed.list(m);
  }

  protected _itemProxy(item: unknown): I {
    return this._keyedProxy(() => item as E);
  }

  /** A proxy of this collection's items type over `resolver`. */
  protected _keyedProxy(resolver: Resolver<E>, nullable = false): I {
    return this.keyed.proxy(ctxOf(this), resolver, nullable);
  }

  getItem(key: string): I {
    return this._keyedProxy(() => this.keyed.find(ctxOf(this)._model, key));
  }

  getItemOrNullObject(key: string): I {
    return this._keyedProxy(() => this.keyed.find(ctxOf(this)._model, key), true);
  }
}

/**
 * Where a part collection finds its parts in its parent's entity, and how it makes their proxies:
 * all that differs between a table's columns or rows and a chart's series.
 */
export interface PartSpec<T, E, I> {
  /** How many parts the object has. */
  count(t: T): number;
  /** The part at an index known to be in range. */
  at(t: T, index: number): E;
  /** An item proxy of the collection's type. */
  proxy(ctx: SimRequestContext, resolver: Resolver<E>, nullable: boolean): I;
  /** The ItemNotFound message for a missing index (absent: Excel's generic one). */
  noPartAt?(index: number): string;
}

/**
 * A collection of the parts of its parent's object (a table's columns or rows, a chart's series):
 * it loads `items` and `count`, and counts and indexes the parts the same way.
 */
export class SimPartCollection<T, E, I extends SimClientObject<E>> extends SimCollection<T, I> {
  constructor(
    ctx: ContextLike,
    parent: SimClientObject<T>,
    typeName: string,
    private readonly parts: PartSpec<T, E, I>,
  ) {
    super(ctx, () => parent._parentEntity(), typeName);
  }

  protected _count(t: T): number {
    return this.parts.count(t);
  }

  protected _partAt(t: T, index: number): E {
    return this.parts.at(t, index);
  }

  protected _proxy(resolver: Resolver<E>, nullable = false): I {
    return this.parts.proxy(ctxOf(this), resolver, nullable);
  }

  protected override _scalars(): readonly string[] {
    return ["items", "count"];
  }

  protected _list(t: T): unknown[] {
    return Array.from({ length: this._count(t) }, (_, i) => this._partAt(t, i));
  }

  protected _itemProxy(part: unknown): I {
    return this._proxy(() => part as E);
  }

  get count(): number {
    return this._get("count");
  }

  getCount(): SimClientResult<number> {
    return this._callResult("getCount", [], (t) => this._count(t));
  }

  getItemAt(index: number): I {
    return this._proxy(
      fromParent(this, (t) => {
        if (!Number.isInteger(index) || index < 0 || index >= this._count(t))
          throw simError("ItemNotFound", this.parts.noPartAt?.(index));
        return this._partAt(t, index);
      }),
    );
  }
}
