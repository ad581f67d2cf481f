/**
 * Error thrown by every storefront-accounts call. Also exported as `SpreeError`,
 * and named so, for code ported from `@spree/sdk`.
 */
export class StorefrontError extends Error {
  constructor(message, code, status, details, retryAfter, isTransient) {
    super(message);
    this.name = 'SpreeError';
    this.code = code;
    this.status = status ?? null;
    if (details !== undefined) this.details = details;
    this.retryAfter = retryAfter ?? null;
    this.isTransient = isTransient;
  }
}
