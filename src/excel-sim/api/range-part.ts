/** The base of the proxies that hang off a range and resolve to its cells (format, data validation). */
import { NULL_PARENT, SimClientObject } from "./base";
import type { SimRequestContext } from "./context";
import type { RangeEntity, SimRange } from "./range";

export abstract class RangePart<T = RangeEntity> extends SimClientObject<T> {
  constructor(
    ctx: SimRequestContext,
    readonly range: SimRange,
    type: string,
  ) {
    super(ctx, () => range._parentEntity() as T | typeof NULL_PARENT, type);
  }
}
