/**
 * The `code` of a `StorefrontError`: one of these, or a string not listed
 * (a Spree server passes its own codes on as they come), so branch with a
 * `default`. The same code means the same situation on every backend.
 */
export type StorefrontErrorCode =
  // Reported by the API.
  /** No permission for this (Spree, Spryker, Magento REST, Bagisto). */
  | 'access_denied'
  /** The account is locked or suspended: login refused (Magento GraphQL, Bagisto). */
  | 'account_locked'
  /** Any other error status Magento REST reported. */
  | 'api_error'
  /** Login failed: unknown email or wrong password. */
  | 'authentication_failed'
  /** The API rejected the access token, after a refresh where one could help. */
  | 'authentication_required'
  /** The request conflicts with the resource's state (e.g. deleting a default address). */
  | 'conflict'
  /** `current_password` was missing or wrong when changing the email or password. */
  | 'current_password_invalid'
  /** Login refused until the customer confirms the email address (Magento). */
  | 'email_not_confirmed'
  /** The idempotency key was used before for another request (Spree). */
  | 'idempotency_key_reused'
  /** A login `provider` the store does not know (Spree). */
  | 'invalid_provider'
  /** The refresh token was rejected: the session has ended. */
  | 'invalid_refresh_token'
  /** A request the API could not read. */
  | 'invalid_request'
  /** The store key (publishable or storefront key) was rejected: a configuration error. */
  | 'invalid_token'
  /** A required parameter was missing (Spree). */
  | 'parameter_missing'
  /** The password reset token is unknown, expired or used. */
  | 'password_reset_token_invalid'
  /** The API failed to do it, for a reason it did not classify. */
  | 'processing_error'
  /** Throttled: see `retryAfter`. */
  | 'rate_limit_exceeded'
  /** No such resource, or not the caller's. */
  | 'record_not_found'
  /** The request body was too large. */
  | 'request_too_large'
  /** A 5xx response (an HTML page from a proxy included). */
  | 'server_error'
  /** The input failed the server's validation: see `details`. */
  | 'validation_error'
  // Failures without an API error body.
  /** The call's `AbortSignal` aborted it. */
  | 'aborted'
  /** The client was disposed (`dispose()`). */
  | 'client_disposed'
  /** A bad `createClient` configuration. */
  | 'config_error'
  /** A response that was not the shape the API documents. */
  | 'decode_error'
  /** Bad arguments to a call (a wrong type, a missing field): nothing was sent. */
  | 'invalid_input'
  /** The connection failed (refused, DNS, lost); `message` says how. */
  | 'network_error'
  /** The session expired and could not be renewed (no refresh token, or none on this backend): signed out. */
  | 'session_expired'
  /** The storage failed. */
  | 'storage_error'
  /** The call's `timeout` ran out. */
  | 'timeout'
  /** Not signed in: no session is held and no `token` option was given. */
  | 'unauthenticated'
  /** The backend has no such operation (e.g. `auth.refresh` on Magento). */
  | 'unsupported'
  | (string & {});

/** What `new StorefrontError(message, options)` takes. */
export interface StorefrontErrorOptions {
  code: StorefrontErrorCode;
  /** Default `'StorefrontError'`. */
  name?: 'SpreeError' | 'StorefrontError';
  backendCode?: string | null;
  /** Default `0`: no response. */
  status?: number;
  details?: Record<string, string[]>;
  backendDetails?: Record<string, string[]>;
  retryAfter?: number | null;
  /** Default `false`. */
  isTransient?: boolean;
  cause?: unknown;
}

/** What `JSON.stringify(error)` writes (`details` and `backendDetails` when present). */
export interface StorefrontErrorJSON {
  name: 'SpreeError' | 'StorefrontError';
  code: StorefrontErrorCode;
  backendCode: string | null;
  status: number;
  message: string;
  details?: Record<string, string[]>;
  backendDetails?: Record<string, string[]>;
  retryAfter: number | null;
  isTransient: boolean;
}

/**
 * Error thrown by every storefront-accounts call, whichever the entry (one
 * class, shared by all of them). Also exported as `SpreeError`: the same
 * class, so `instanceof` holds for either name.
 *
 * ```ts
 * try {
 *   await client.auth.login({ email, password });
 * } catch (error) {
 *   if (error instanceof StorefrontError && error.code === 'authentication_failed') {
 *     showLoginError(error.message);
 *   }
 * }
 * ```
 */
export declare class StorefrontError extends Error {
  /**
   * An error as a call would reject with it, for tests and for code that
   * wraps the client: `new StorefrontError('Zip Code is invalid',
   * { code: 'validation_error', status: 422, details: { postal_code: ['is invalid'] } })`.
   */
  constructor(message: string, options: StorefrontErrorOptions);
  /** `'SpreeError'` from the Spree entry (as `@spree/sdk` names it), else `'StorefrontError'`. */
  readonly name: 'SpreeError' | 'StorefrontError';
  /**
   * The unified code (`authentication_failed`, `validation_error`,
   * `network_error`, …): see `StorefrontErrorCode`. Branch on it, never on
   * `message`.
   */
  readonly code: StorefrontErrorCode;
  /**
   * The backend's own code as it came (Spree's code, Magento's message
   * template, Spryker's `"001"`, …), or `null` when the API reported nothing.
   */
  readonly backendCode: string | null;
  /**
   * HTTP status, or `0` when no response was received (network error,
   * timeout, abort, a failure before sending), as `XMLHttpRequest` has it.
   * A number always, as in `@spree/sdk`.
   */
  readonly status: number;
  /**
   * Field errors of a validation failure, keyed by the field of the call's
   * arguments (what you sent: `postal_code`, `state_abbr`, `first_name`), the
   * same on every backend, so that a form can show each beside its input.
   * An attribute the SDK cannot map to a field keeps the API's name. Absent
   * when the API named no field.
   */
  readonly details?: Record<string, string[]>;
  /**
   * The same field errors keyed by the API's own attribute names, as the
   * backend sent them (Spree's `zipcode` and `state`, Magento's `postcode`
   * and `regionId`, Spryker's `zipCode`): what `@spree/sdk`'s `details`
   * holds. Present exactly when `details` is.
   */
  readonly backendDetails?: Record<string, string[]>;
  /** Seconds to wait before retrying (`Retry-After` of a 429 or 5xx), or `null`. */
  readonly retryAfter: number | null;
  /** True for failures worth retrying: network, timeout, 408, 429, 5xx. */
  readonly isTransient: boolean;
  /** Every property, `message` included (an `Error`'s own `message` is not enumerable). */
  toJSON(): StorefrontErrorJSON;
}
