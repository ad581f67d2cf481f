/**
 * Error thrown by every storefront-accounts call, whichever the entry (one
 * class, shared by all of them). Also exported as `SpreeError`; the Spree
 * entry names its errors so, for code ported from `@spree/sdk`.
 */
export class StorefrontError extends Error {
  constructor(name, message, code, backendCode, status, details, retryAfter, isTransient) {
    super(message);
    this.name = name;
    this.code = code;
    this.backendCode = backendCode ?? null;
    this.status = status ?? 0;
    if (details !== undefined) this.details = details;
    this.retryAfter = retryAfter ?? null;
    this.isTransient = isTransient;
  }
}
