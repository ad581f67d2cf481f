/**
 * Error thrown by every storefront-accounts call, whichever the entry (one
 * class, shared by all of them). Also exported as `SpreeError`: the same
 * class, so `instanceof` holds for either name.
 */
export declare class StorefrontError extends Error {
  /** `'SpreeError'` from the Spree entry (as `@spree/sdk` names it), else `'StorefrontError'`. */
  readonly name: 'SpreeError' | 'StorefrontError';
  /**
   * The unified code, the same for the same situation on every backend
   * (`authentication_failed`, `authentication_required`, `validation_error`,
   * `record_not_found`, `invalid_refresh_token`, `password_reset_token_invalid`,
   * `current_password_invalid`, `rate_limit_exceeded`, `email_not_confirmed`,
   * `account_locked`, …), or a fixed code for failures without one:
   * `network_error`, `timeout`, `aborted`, `decode_error`, `config_error`,
   * `invalid_input`, `storage_error`, `unauthenticated`, `session_expired`,
   * `unsupported`, `client_disposed`, `server_error`.
   */
  readonly code: string;
  /**
   * The backend's own code as it came (Spree's code, Magento's message
   * template, …), or `null` when the API reported nothing.
   */
  readonly backendCode: string | null;
  /**
   * HTTP status, or `0` when no response was received (network error,
   * timeout, abort, a failure before sending), as `XMLHttpRequest` has it.
   * A number always, as in `@spree/sdk`.
   */
  readonly status: number;
  /** Field errors keyed by the API's field names, when the API sent them. */
  readonly details?: Record<string, string[]>;
  /** Seconds to wait before retrying (`Retry-After` of a 429 or 5xx), or `null`. */
  readonly retryAfter: number | null;
  /** True for failures worth retrying: network, timeout, 408, 429, 5xx. */
  readonly isTransient: boolean;
  private constructor();
}
