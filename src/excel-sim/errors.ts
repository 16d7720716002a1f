/**
 * Errors shaped like OfficeExtension.Error: name "RichApi.Error", code, message,
 * debugInfo { code, message, errorLocation }.
 */

export type SimErrorCode =
  | "AccessDenied"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "InvalidObjectPath"
  | "InvalidRequestContext"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "NotImplemented"
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "ConnectionLost"
  | "InvalidOperationInCellEditMode";

/** Excel's standard messages for the codes (as the en-US host returns them). */
export const DEFAULT_MESSAGES: Record<SimErrorCode, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation is invalid.",
  InvalidReference: "This reference is not valid for the current operation.",
  InvalidObjectPath:
    'The object path isn\'t working for what you\'re trying to do. If you\'re using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  ItemAlreadyExists: "The resource already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  PropertyNotLoaded:
    'The property is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
  ResponsePayloadSizeLimitExceeded: "The response payload size has exceeded the limit.",
  ConnectionLost: "The connection to the workbook was lost.",
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
};

export interface SimDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

export class SimError extends Error {
  override name = "RichApi.Error";
  readonly code: string;
  debugInfo: SimDebugInfo;
  /** Statements' source locations are not tracked; kept for shape compatibility. */
  traceMessages: string[] = [];
  innerError: SimError | null = null;

  constructor(code: SimErrorCode | string, message?: string, errorLocation?: string) {
    const msg = message ?? DEFAULT_MESSAGES[code as SimErrorCode] ?? code;
    super(msg);
    this.code = code;
    this.debugInfo = { code, message: msg, errorLocation };
  }

  /** Sets errorLocation ("Range.values", "WorksheetCollection.getItem") if not yet set. */
  at(location: string): this {
    if (!this.debugInfo.errorLocation) this.debugInfo.errorLocation = location;
    return this;
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

export function simError(code: SimErrorCode, detail?: string, errorLocation?: string): SimError {
  const base = DEFAULT_MESSAGES[code];
  return new SimError(code, detail ? `${base} ${detail}` : base, errorLocation);
}

export function isSimError(e: unknown): e is SimError {
  return e instanceof SimError;
}
