/**
 * Error thrown by every storefront-accounts call, whichever the entry (one
 * class, shared by all of them). Also exported as `SpreeError`; the Spree
 * entry names its errors so, for code ported from `@spree/sdk`.
 */
export class StorefrontError extends Error {
  /**
   * An error as a call would reject with it (in tests, say). `options`:
   * `code`, then any of `name`, `backendCode`, `status`, `details`,
   * `backendDetails`, `retryAfter`, `isTransient`, `cause`.
   */
  constructor(message, options = {}) {
    // `Error` takes `cause` from `options`, if it has one.
    super(message, options);
    const {
      name = 'StorefrontError',
      code,
      backendCode = null,
      status = 0,
      details,
      backendDetails,
      retryAfter = null,
      isTransient = false,
    } = options;
    this.name = name;
    this.code = code;
    this.backendCode = backendCode;
    this.status = status ?? 0;
    if (details) this.details = details;
    if (backendDetails) this.backendDetails = backendDetails;
    this.retryAfter = retryAfter;
    this.isTransient = isTransient;
  }

  /**
   * The package's own way in (not part of the API): an SDK error, with its
   * field errors as `[attribute, field, messages]` entries: `details` by the
   * request field (the attribute where none is known; the messages of the
   * attributes of one field together), `backendDetails` by the attribute.
   */
  static fromSdk(name, message, code, backendCode, status, fields, retryAfter, isTransient) {
    let details;
    let backendDetails;
    if (fields.length) {
      details = {};
      backendDetails = {};
      for (const [attribute, field, messages] of fields) {
        (details[field ?? attribute] ??= []).push(...messages);
        (backendDetails[attribute] ??= []).push(...messages);
      }
    }
    return new StorefrontError(message, {
      name, code, backendCode, status, details, backendDetails, retryAfter, isTransient,
    });
  }

  /**
   * What `JSON.stringify` writes: the properties above (those an `Error`
   * has are not enumerable), `message` last.
   */
  toJSON() {
    return { ...this, message: this.message };
  }
}
